"""Locking the app: ctrl+l, or a while with no key or mouse input, puts every screen behind
the lock screen, and nothing but the lock screen itself takes it away."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from textual import events
from textual.await_complete import AwaitComplete

from facilitator.store.cipher import LONGEST
from facilitator.store.settings import DEFAULTS

LOCK_CHECK_SECONDS = 1  # how often the app looks whether it has been idle long enough
LOCK_MODULE = "facilitator.tui.screens.lock"  # imported on first lock, not at the app's start


@dataclass(frozen=True)
class Unlock:
    """What opens the lock (and leaves door mode): its name as the person knows it, the check
    of what they type, and whether one is set at all. Both callables run in a worker."""

    what: str  # "lock PIN", or "passphrase" for an encrypted file
    verify: Callable[[str], bool]
    is_set: Callable[[], bool]  # False: anything unlocks, and the screen says so
    longest: int | None = 8  # most characters taken: a PIN's 8; None, a passphrase's limit
    how_to_set: str = "Set one in Settings (o), under Lock PIN."
    tries: int | None = None  # wrong entries before the app closes; None: no limit (a PIN)


def is_lock(screen: object) -> bool:
    """Whether a screen is the lock screen (none can be before its module is first imported)."""
    lock = sys.modules.get(LOCK_MODULE)
    return lock is not None and isinstance(screen, lock.LockScreen)


class Locking:
    """Mixin for the app (which gives now(), store and the screen stack)."""

    lock_after_minutes = int(DEFAULTS["lock_after_minutes"])  # from settings; 0: never
    _last_input: datetime | None = None

    def unlocking(self) -> Unlock:
        """What unlocks the app and leaves door mode: an encrypted file's passphrase, else the
        lock PIN set in Settings. No limit on wrong entries: closing the app would lose the
        slips and the timer the lock keeps."""
        store = self.store
        if store.encrypted:
            return Unlock(
                "passphrase", store.passphrase_matches, lambda: True, longest=LONGEST, how_to_set=""
            )
        return Unlock(
            "lock PIN",
            lambda typed: self.store.settings.lock_pin_matches(typed),
            lambda: self.store.settings.has_lock_pin(),
        )

    @property
    def locked(self) -> bool:
        """Whether the lock screen is showing."""
        return bool(self.screen_stack) and is_lock(self.screen)

    def start_idle_lock(self) -> None:
        """Count idle time from now, and look every second whether it is time to lock."""
        self._last_input = self.now()
        self.set_interval(LOCK_CHECK_SECONDS, self.lock_if_idle)

    def heard_input(self, event: events.Event) -> None:
        """A key or the mouse: someone is at the laptop."""
        if isinstance(event, events.Key | events.MouseEvent):
            self._last_input = self.now()

    def lock_if_idle(self) -> None:
        """Lock once the app's clock is lock_after_minutes past the last key or mouse input
        (a laptop woken after its lid was shut counts the time it slept)."""
        if not self.lock_after_minutes or self._last_input is None or self.locked:
            return
        if self.now() - self._last_input >= timedelta(minutes=self.lock_after_minutes):
            self.action_lock()

    def action_lock(self) -> None:
        """Lock: only the app's name and the time show until the PIN or passphrase."""
        if not self.locked:
            self._push_lock()

    def _push_lock(self) -> None:
        from facilitator.tui.screens.lock import LockScreen

        super().push_screen(LockScreen(self.unlocking()), self._unlocked)

    def _unlocked(self, _opened: bool | None) -> None:
        self._last_input = self.now()

    def push_screen(self, screen, *args, **kwargs):
        """A screen opened while locked (a worker's answer, the first screen of a file opened
        again) goes under the lock, which stays on top."""
        if not self.locked or is_lock(screen):
            return super().push_screen(screen, *args, **kwargs)
        super().pop_screen()
        shown = super().push_screen(screen, *args, **kwargs)
        self._push_lock()
        return shown

    def pop_screen(self):
        """Only the lock screen, once unlocked, takes itself away: a dialog under it that
        closes itself (its save came back) leaves the lock on top."""
        top = self.screen if self.screen_stack else None
        if not is_lock(top) or top.opened:
            return super().pop_screen()
        if len(self.screen_stack) <= 2:  # nothing under the lock but the bare screen
            return AwaitComplete()
        super().pop_screen()
        closed = super().pop_screen()
        self._push_lock()
        return closed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While locked, no app-wide key works (quit, help, the command palette, going
        somewhere): they would show or change what the lock hides."""
        if self.locked:
            return False
        return super().check_action(action, parameters)

    def pop_every_screen(self) -> bool:
        """Back to the bare stack, lock and all (another file is opened); whether it was
        locked, so the caller locks again once the first screen is pushed."""
        was_locked = self.locked
        while len(self.screen_stack) > 1:
            super().pop_screen()
        return was_locked
