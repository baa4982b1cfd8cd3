"""Start an app headless and stop as soon as its first screen shows data: one cold start.

usage: python bench/startup.py minimal | python bench/startup.py facilitator DB
The minimal app (Header, DataTable, Footer) is the floor the facilitator app is compared with.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


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
            self.call_after_refresh(self.exit)

    Minimal().run(headless=True)


def facilitator(db: str) -> None:
    from facilitator.store import Store
    from facilitator.tui.app import FacilitatorApp
    from facilitator.tui.screens import home

    shown = home.HomeScreen.loaded_overview

    def then_exit(screen, data) -> None:
        shown(screen, data)
        screen.app.call_after_refresh(screen.app.exit)

    home.HomeScreen.loaded_overview = then_exit
    store = Store(db)
    FacilitatorApp(store).run(headless=True)
    store.close()


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        facilitator(sys.argv[2])
