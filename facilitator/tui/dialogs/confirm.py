"""Yes or no, with the consequence spelled out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from facilitator.tui.widgets.keybar import KeyBar


class ConfirmDialog(ModalScreen[bool]):
    """Ask before something that cannot be undone; No is the default (Enter says No)."""

    AUTO_FOCUS = "#no"
    BINDINGS = [
        Binding("escape", "no", "No"),
        Binding("y", "yes", "Yes"),
        Binding("f1", "app.help", "Help"),  # a dialog hides the app's keys
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes") -> None:
        super().__init__()
        self.question, self.detail, self.yes = question, detail, yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(Text(self.question), id="confirm-question")
            yield Static(Text(self.detail), id="confirm-detail")
            with Horizontal(id="form-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button("No (esc)", id="no")
        yield KeyBar()  # this question's keys, not those of the screen beneath

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        """Go ahead."""
        self.dismiss(True)

    def action_no(self) -> None:
        """Leave things as they are."""
        self.dismiss(False)
