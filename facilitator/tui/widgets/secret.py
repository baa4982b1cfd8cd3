"""A hidden field for a passphrase or PIN whose length has a limit, so a huge paste is cut.

Textual's Input refuses a whole paste that is longer than its max_length, and rings the bell
for each key typed past it: a megabyte pasted into a terminal that does not bracket pastes
arrives as a million keys. Here what does not fit is dropped quietly, and once the field is
full a key changes nothing, so no Changed message (each holding the whole value) is sent.
"""

from __future__ import annotations

from textual.widgets import Input

from facilitator.store.cipher import LONGEST

LONGEST_PASSPHRASE = LONGEST  # characters: the CLI and the store refuse longer ones


class SecretInput(Input):
    """A password field that keeps the first max_length characters of what is typed or
    pasted (LONGEST_PASSPHRASE unless given)."""

    def __init__(self, *, max_length: int = LONGEST_PASSPHRASE, **kwargs) -> None:
        super().__init__(password=True, max_length=max_length, **kwargs)

    def replace(self, text: str, start: int, end: int) -> None:
        """Insert only as much of text as fits in place of start..end."""
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        room = self.max_length - (len(value) - (end - start))
        if text and room <= 0:
            return  # full: nothing changes, nothing is sent
        super().replace(text[: max(room, 0)], start, end)

    def restricted(self) -> None:
        """Nothing to ring for: what does not fit is simply left out."""
