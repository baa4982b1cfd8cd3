"""Start an app headless and stop as soon as its first screen shows data: one cold start.

usage: python bench/startup.py minimal | python bench/startup.py facilitator DB
Prints the seconds from BENCH_LAUNCHED (the parent's time.time() just before it started this
process) to the first screen drawn with data, then the peak RSS in kilobytes at that moment,
then the seconds spent deriving an encrypted database's key (0 for a plain one; its passphrase
is read from the file FACILITATOR_PASSPHRASE_FILE names). The first figure leaves that out:
the passphrase screen waits for a person anyway, and the derivation is its own line.
The minimal app (Header, DataTable, Footer) is the floor the facilitator app is compared with.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_rss_kb() -> int:
    """This process's own peak memory. Linux keeps ru_maxrss across exec, so a child started
    by a large parent (the bench itself, with Typst and SQLCipher loaded) would report the
    parent's; VmHWM belongs to the process's own memory."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def report(deriving: float = 0.0) -> None:
    """Say how long since launch (less the key's derivation), the peak memory so far, and
    how long the derivation took."""
    launched = float(os.environ.get("BENCH_LAUNCHED", time.time()))
    peak_kb = peak_rss_kb()
    print(f"{time.time() - launched - deriving:.6f} {peak_kb} {deriving:.6f}", flush=True)


def minimal() -> None:
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Minimal(App[None]):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("When", "Group")
            table.add_row("Tue 8 Dec", "Circle")
            self.call_after_refresh(self.shown)

        def shown(self) -> None:
            report()
            self.exit()

    Minimal().run(headless=True)


def facilitator(db: str) -> None:
    from facilitator.store import Store
    from facilitator.store.cipher import is_encrypted, read_passphrase_file, unlock
    from facilitator.tui.app import FacilitatorApp
    from facilitator.tui.screens import home

    loaded = home.HomeScreen.loaded_overview

    def then_exit(screen, data) -> None:
        loaded(screen, data)
        screen.app.call_after_refresh(shown, screen.app)

    def shown(app) -> None:
        report(deriving)
        app.exit()

    home.HomeScreen.loaded_overview = then_exit
    key, deriving = None, 0.0
    if is_encrypted(Path(db)):  # as the passphrase screen does once it is typed
        started = time.perf_counter()
        key = unlock(Path(db), read_passphrase_file()[0])
        deriving = time.perf_counter() - started
    store = Store(db, check_later=True, key=key)  # as `facilitator` opens it
    FacilitatorApp(store).run(headless=True)
    store.close()


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        facilitator(sys.argv[2])
