"""The door PIN question: what stands between door mode and the rest of the app."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from facilitator.tui.calls import StoreCalls


class PinDialog(StoreCalls, ModalScreen[bool]):
    """Ask for the door PIN; dismissed with True once it matches (at once when none is set)."""

    BINDINGS = [Binding("escape", "stay", "Stay in door mode", id="pin-stay")]

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(Text(self.why), id="confirm-question")
            yield Input(password=True, placeholder="Door PIN, then Enter", id="pin", max_length=8)
            yield Static("", id="pin-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.call_store("pin_set", lambda store: store.settings.has_door_pin())

    def loaded_pin_set(self, is_set: bool) -> None:
        if not is_set:
            self.dismiss(True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = event.value
        event.input.value = ""
        self.call_store("pin_checked", lambda store: store.settings.door_pin_matches(typed))

    def loaded_pin_checked(self, matches: bool) -> None:
        if matches:
            self.dismiss(True)
        else:
            self.query_one("#pin-note", Static).update("That is not the door PIN.")

    def action_stay(self) -> None:
        """Stay in door mode."""
        self.dismiss(False)
