"""The lock screen: the app's name and the time, over everything, until the PIN or passphrase.

A full, opaque screen pushed on top of the stack (not a translucent modal): nothing of the
screens below is drawn while it shows, and they stay as they were, unsaved slips and running
timers included. Textual draws on the terminal's alternate screen, so none of it reaches the
scrollback either."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Input, Static

from facilitator.tui.calls import StoreCalls
from facilitator.tui.locking import Unlock
from facilitator.tui.widgets.secret import LONGEST_PASSPHRASE, SecretInput


class LockScreen(StoreCalls, Screen[bool]):
    """Locked: only the app's name and the time show. Dismissed with True once unlocked."""

    AUTO_FOCUS = "#unlock"

    def __init__(self, unlock: Unlock) -> None:
        super().__init__()
        self.unlock = unlock
        self.opened = False  # unlocked: the app lets this screen go (see Locking.pop_screen)
        self.wrong = 0

    def compose(self) -> ComposeResult:
        with Middle(), Center(), Vertical(id="lock"):
            yield Static(Text(self.app.TITLE), id="lock-title")
            yield Digits("", id="lock-time")
            yield Static(Text(f"Locked. Type the {self.unlock.what}, then Enter."))
            yield SecretInput(
                placeholder=self.unlock.what[:1].upper() + self.unlock.what[1:],
                max_length=self.unlock.longest or LONGEST_PASSPHRASE,
                id="unlock",
            )
            yield Static("", id="lock-note", markup=False)

    def on_mount(self) -> None:
        self.show_time()
        self.set_interval(1, self.show_time)
        is_set = self.unlock.is_set
        self.call_store("unlock_set", lambda _store: is_set())

    def show_time(self) -> None:
        """The time in the home time zone, read from the app's clock."""
        now = self.app.now().astimezone(ZoneInfo(self.app.home_timezone))
        self.query_one("#lock-time", Digits).update(f"{now:%H:%M}")

    def loaded_unlock_set(self, is_set: bool) -> None:
        if not is_set:
            self._say(
                f"No {self.unlock.what} is set, so anyone can unlock with Enter. "
                f"{self.unlock.how_to_set}"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed, verify = event.value, self.unlock.verify
        event.input.value = ""
        self.call_store("unlock_checked", lambda _store: verify(typed))

    def loaded_unlock_checked(self, matches: bool) -> None:
        if matches:
            self.opened = True
            self.dismiss(True)
            return
        self.wrong += 1
        if self.unlock.tries is not None and self.wrong >= self.unlock.tries:
            self.app.exit(message=f"The {self.unlock.what} was wrong {self.wrong} times.")
        else:
            self._say(f"Wrong {self.unlock.what}.")

    def _say(self, note: str) -> None:
        self.query_one("#lock-note", Static).update(note)
