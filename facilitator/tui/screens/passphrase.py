"""An encrypted database: its passphrase before anything of it is shown.

Only the app's name and a password field: nothing of the file (not even its groups) can be read
before the passphrase opens it. Three wrong tries and the app exits, having written nothing.
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
from facilitator.store.cipher import (
    LONGEST,
    FirstPageDamagedError,
    Key,
    WrongPassphraseError,
    unlock,
)

TRIES = 3


class PassphraseScreen(Screen[Key | FirstPageDamagedError | None]):
    """Asks for the database's passphrase; dismissed with its key, or None after three wrong
    tries (or ctrl+q), or the damage when the passphrase opens the file's backups but not the
    file (the app then opens its recovery screen)."""

    BINDINGS = [Binding("ctrl+q", "give_up", "Quit", priority=True, id="quit")]

    def __init__(self, database: Path) -> None:
        super().__init__()
        self.database = database
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box"):
            yield Static("facilitator", id="passphrase-title")
            yield Input(
                password=True,
                placeholder="Passphrase",
                id="passphrase",
                select_on_focus=False,
                max_length=LONGEST,  # a huge paste would freeze the app
            )
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
        except FirstPageDamagedError as damage:
            self.app.call_from_thread(self.dismiss, damage)
            return
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self._cannot_open, str(error))
            return
        self.app.call_from_thread(self.dismiss, key)

    def _wrong(self) -> None:
        self.tries += 1
        if self.tries >= TRIES:
            self.dismiss(None)
            return
        left = TRIES - self.tries
        self._say(f"Wrong passphrase ({left} {'try' if left == 1 else 'tries'} left)")
        field = self.query_one(Input)
        field.disabled = False
        field.focus()

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
