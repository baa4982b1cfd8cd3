"""An encrypted database: its passphrase before anything of it is shown.

Only the app's name, the file's name and place (which passphrase it wants, when there are two
databases) and a password field: nothing in the file (not even its groups) can be read before the
passphrase opens it. Three wrong tries and the app exits, having written nothing.

"Remember on this computer" (off unless ticked) keeps the passphrase in the OS keyring; a
remembered one that opens the file skips this screen. The keyring is asked in a daemon thread
of its own: one that is missing or never answers neither delays the screen nor holds up the
app's exit, and the choice is then simply not offered.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static

from facilitator import remembered
from facilitator.core.errors import FacilitatorError
from facilitator.store.cipher import (
    FirstPageDamagedError,
    Key,
    WrongPassphraseError,
    unlock,
)
from facilitator.tui.widgets.secret import SecretInput

TRIES = 3
OUT_OF_TRIES = "Wrong passphrase three times: nothing was opened."
REMEMBER_NOTE = (
    "Anyone who can sign in to this computer as you can then open this file without typing "
    "the passphrase; the lock screen still asks for it. To forget it: F3 in Settings, or "
    "facilitator forget-passphrase."
)


class PassphraseScreen(Screen[Key | FirstPageDamagedError | None]):
    """Asks for the database's passphrase; dismissed with its key, or None after three wrong
    tries (or ctrl+q), or the damage when the passphrase opens the file's backups but not the
    file (the app then opens its recovery screen)."""

    BINDINGS = [Binding("ctrl+q", "give_up", "Quit", priority=True, id="quit")]

    def __init__(self, database: Path) -> None:
        super().__init__()
        self.database = database
        self.tries = 0
        self.opened = False  # typed or remembered: whichever opens it first

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box"):
            yield Static("facilitator", id="passphrase-title")
            where = f"Passphrase for {self.database.name}\nin {self.database.parent}"
            yield Static(where, id="passphrase-file", markup=False)  # a path shown literally
            yield SecretInput(placeholder="Passphrase", id="passphrase", select_on_focus=False)
            yield Checkbox("Remember on this computer", False, id="remember", classes="unoffered")
            yield Static(REMEMBER_NOTE, id="remember-note", markup=False, classes="unoffered")
            yield Static("", id="passphrase-message", markup=False)  # a path shown literally

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        app = self.app  # the thread below has no Textual context to find it by
        threading.Thread(target=self._recall, args=(app,), name="recall", daemon=True).start()

    def _recall(self, app) -> None:
        """In a daemon thread: the remembered passphrase's key, if one opens the file; one
        that no longer does (changed elsewhere) is forgotten."""
        recalled = remembered.recall(self.database)
        key, forgotten = None, False
        if recalled.passphrase is not None:
            try:
                key = unlock(self.database, recalled.passphrase)
            except WrongPassphraseError:
                forgotten = remembered.forget(self.database) is remembered.Forgot.FORGOTTEN
            except Exception:
                # A file that cannot be read: the typed passphrase meets the same problem and
                # says it on the screen; a thread's traceback would be drawn over the app.
                pass
        with contextlib.suppress(RuntimeError):  # the app has closed meanwhile
            app.call_from_thread(self._recalled, recalled.available, key, forgotten)

    def _recalled(self, available: bool, key: Key | None, forgotten: bool) -> None:
        if self.opened:
            return
        if key is not None:
            self._opened(key)
            return
        if available:
            for offered in self.query("#remember, #remember-note"):
                offered.remove_class("unoffered")
        if forgotten:
            self._say(
                "The passphrase remembered on this computer no longer opens this file, "
                "so it is forgotten."
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = event.value
        event.input.value = ""  # nothing of it stays on screen or in the widget
        if not typed:
            return
        event.input.disabled = True
        self._say("Opening…")
        self._unlock(typed, self.query_one("#remember", Checkbox).value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _unlock(self, typed: str, remember: bool) -> None:
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
        if remember:
            remembered.keep(self.database, typed)
        self.app.call_from_thread(self._opened, key)

    def _opened(self, key: Key) -> None:
        if not self.opened:
            self.opened = True
            self.dismiss(key)

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
