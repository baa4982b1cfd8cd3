"""An encrypted database: its passphrase before anything of it is shown.

Only the app's name, the file's name and place (which passphrase it wants, when there are two
databases) and a password field: nothing in the file (not even its groups) can be read before the
passphrase opens it. Three wrong tries and the app exits, having written nothing.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from facilitator.core.errors import FacilitatorError
from facilitator.store.cipher import Key, WrongPassphraseError, unlock
from facilitator.tui.widgets.secret import SecretInput

TRIES = 3
OUT_OF_TRIES = "Wrong passphrase three times: nothing was opened."


class PassphraseScreen(Screen[Key | None]):
    """Asks for the database's passphrase; dismissed with its key, or None after three wrong
    tries (or ctrl+q)."""

    BINDINGS = [Binding("ctrl+q", "give_up", "Quit", priority=True, id="quit")]

    def __init__(self, database: Path) -> None:
        super().__init__()
        self.database = database
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box"):
            yield Static("facilitator", id="passphrase-title")
            where = f"Passphrase for {self.database.name}\nin {self.database.parent}"
            yield Static(where, id="passphrase-file", markup=False)  # a path shown literally
            yield SecretInput(placeholder="Passphrase", id="passphrase", select_on_focus=False)
            yield Static("", id="passphrase-message", markup=False)  # a path shown literally

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = event.value
        event.input.value = ""  # nothing of it stays on screen or in the widget
        if not typed:
            return
        event.input.disabled = True
        self._say("Opening…")
        self._unlock(typed)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _unlock(self, typed: str) -> None:
        try:
            key = unlock(self.database, typed)
        except WrongPassphraseError:
            self.app.call_from_thread(self._wrong)
            return
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self._cannot_open, str(error))
            return
        self.app.call_from_thread(self.dismiss, key)

    def _wrong(self) -> None:
        self.tries += 1
        if self.out_of_tries:
            self.dismiss(None)
            return
        left = TRIES - self.tries
        self._say(f"Wrong passphrase ({left} {'try' if left == 1 else 'tries'} left)")
        field = self.query_one(Input)
        field.disabled = False
        field.focus()

    @property
    def out_of_tries(self) -> bool:
        """The last try was wrong: the screen was left without the passphrase."""
        return self.tries >= TRIES

    def _cannot_open(self, why: str) -> None:
        self._say(why)
        field = self.query_one(Input)
        field.disabled = False
        field.focus()

    def _say(self, text: str) -> None:
        self.query_one("#passphrase-message", Static).update(text)

    def action_give_up(self) -> None:
        """Leave without opening anything."""
        self.dismiss(None)
