"""Pure domain rules: no I/O, no SQL, no UI."""
