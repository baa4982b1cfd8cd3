"""The Textual application: holds the store and the clock, and opens the home screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from textual.app import App
from textual.binding import Binding

from facilitator.store import Store
from facilitator.tui.screens.home import HomeScreen


def utcnow() -> datetime:
    """The current instant in UTC."""
    return datetime.now(UTC)


class FacilitatorApp(App[None]):
    """Run a support group's sessions from the keyboard."""

    TITLE = "facilitator"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="quit")]

    def __init__(self, store: Store, now: Callable[[], datetime] = utcnow) -> None:
        super().__init__()
        self.store = store
        self.now = now  # injectable: snapshots freeze the clock

    def on_mount(self) -> None:
        self.sub_title = str(self.store.path.name)
        self.push_screen(HomeScreen())
