"""Leaving door mode: asks for what unlocks the lock screen (the lock PIN, or the passphrase
of an encrypted file), so the laptop at the door opens nothing else."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from facilitator.tui.calls import StoreCalls
from facilitator.tui.locking import Unlock
from facilitator.tui.widgets.secret import LONGEST_PASSPHRASE, SecretInput


class PinDialog(StoreCalls, ModalScreen[bool]):
    """Ask for the lock PIN; dismissed with True once it matches (at once when none is set)."""

    BINDINGS = [Binding("escape", "stay", "Stay in door mode", id="pin-stay")]

    def __init__(self, why: str, unlock: Unlock) -> None:
        super().__init__()
        self.why = why
        self.unlock = unlock

    def compose(self) -> ComposeResult:
        what = self.unlock.what
        with Vertical(id="confirm"):
            yield Label(Text(self.why), id="confirm-question")
            yield SecretInput(
                placeholder=f"{what[:1].upper()}{what[1:]}, then Enter",
                id="pin",
                max_length=self.unlock.longest or LONGEST_PASSPHRASE,
            )
            yield Static("", id="pin-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        is_set = self.unlock.is_set
        self.call_store("pin_set", lambda _store: is_set())

    def loaded_pin_set(self, is_set: bool) -> None:
        if not is_set:
            self.dismiss(True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed, verify = event.value, self.unlock.verify
        event.input.value = ""
        self.call_store("pin_checked", lambda _store: verify(typed))

    def loaded_pin_checked(self, matches: bool) -> None:
        if matches:
            self.dismiss(True)
        else:
            self.query_one("#pin-note", Static).update(f"Wrong {self.unlock.what}.")

    def action_stay(self) -> None:
        """Stay in door mode."""
        self.dismiss(False)
