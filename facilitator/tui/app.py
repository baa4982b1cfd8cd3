"""The Textual application: holds the store, the clock and the settings; opens the first screen."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.markup import escape
from textual.theme import Theme

from facilitator.core.clock import today_in
from facilitator.core.dates import DateOrder
from facilitator.core.privacy import DEFAULT_K
from facilitator.store import CannotOpenError, Store
from facilitator.store.cipher import Key
from facilitator.store.settings import FALLBACK_TIMEZONE
from facilitator.tui.calls import StoreCalls
from facilitator.tui.collector import IdleCollector, release_removed_widgets
from facilitator.tui.commands import ActionCommands
from facilitator.tui.locking import Locking
from facilitator.tui.screens.base import AppScreen

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    error="#ff5555",
    warning="#ffff00",
    success="#55ff55",
    dark=True,
)


def utcnow() -> datetime:
    """The current instant in UTC."""
    return datetime.now(UTC)


HOME_TIMEZONE_IN_FORCE = "home_timezone_in_force"


def settings_in_force(store: Store) -> dict[str, str]:
    """Every setting, and the home time zone they come to (most groups' when none is set)."""
    return store.settings.all() | {HOME_TIMEZONE_IN_FORCE: store.settings.home_timezone}


FILE_CHECK_SECONDS = 2  # how often the app looks whether its file was replaced


class FacilitatorApp(Locking, StoreCalls, App[None]):
    """Run a support group's sessions from the keyboard."""

    TITLE = "facilitator"
    CSS_PATH = "app.tcss"
    COMMANDS = {ActionCommands}  # the app's own actions; not Textual's theme, keys, screenshot
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("ctrl+l", "lock", "Lock", priority=True, id="lock"),
        Binding("f1", "help", "Help", id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help-2"),
    ]
    NAVIGATION = (
        ("Home: the next sessions", "home"),
        ("Groups", "open('groups')"),
        ("Resource library", "open('resources')"),
        ("Agenda templates", "open('templates')"),
        ("Settings", "open('settings')"),
        ("Help", "help"),
    )

    def __init__(
        self, store: Store, now: Callable[[], datetime] = utcnow, volunteer: bool = False
    ) -> None:
        super().__init__()
        self.store = store
        self.now = now  # injectable: snapshots freeze the clock
        self.volunteer = volunteer
        self.date_order = DateOrder.ISO
        self.home_timezone = FALLBACK_TIMEZONE  # where today and tue are read (see today)
        self.home_timezone_set = ""  # the setting itself: blank means most groups' zone
        self.k = DEFAULT_K
        self.retention_months = 24
        self.backups_kept = 10
        self._damage = ""
        self._verified = False  # the file's check has begun (see _verify)
        self._reopening = False  # the file was replaced and is being opened again
        self._quit_question: object = None  # the question ctrl+q asks, while it shows
        self._kept: dict[str, tuple[object, AppScreen]] = {}  # slot -> (what it shows, screen)
        self.collector = IdleCollector(lambda: release_removed_widgets(self))
        self.register_theme(HIGH_CONTRAST)

    def on_mount(self) -> None:
        self.sub_title = "volunteer mode" if self.volunteer else escape(self.store.path.name)
        self._show_first_screen()
        for notice in self.store.notices:
            self.notify(notice, title="Opened", timeout=15, markup=False)
        self.collector.start()
        self.set_interval(1, self.collector.collect_if_due)
        self.set_interval(FILE_CHECK_SECONDS, self._check_file)
        self.start_idle_lock()

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        """Every event; a key or click says someone is using the app (see IdleCollector),
        and any key or mouse input puts off the idle lock."""
        if isinstance(event, events.Key | events.MouseDown):
            self.collector.touched()
        self.heard_input(event)
        await super().on_event(event)

    def _show_first_screen(self) -> None:
        if self.volunteer:
            from facilitator.tui.screens.volunteer import VolunteerScreen

            self.push_screen(VolunteerScreen())
            self.call_after_refresh(self._verify)
        else:
            from facilitator.tui.screens.home import overview

            now = self.now()
            self.call_store("first_overview", lambda store: overview(store, now))
        self.call_store("settings", settings_in_force)

    def loaded_first_overview(self, first) -> None:
        """Open the home screen on the sessions read for it: one frame, drawn once."""
        self._open_home(first)

    def failed_first_overview(self, _message) -> None:
        """The home screen reads again, and says what went wrong where it shows."""
        self._open_home(None)

    def _open_home(self, first) -> None:
        from facilitator.tui.screens.home import HomeScreen

        if not self._damage:  # a damaged file shows the recovery screen instead
            self.push_screen(HomeScreen(first))
        self.call_after_refresh(self._verify)

    def _verify(self) -> None:
        """The file's check, once the first screen shows: writes wait for it. Begun beside
        the first screen's reads, a large file's check took a core from drawing it."""
        if not self._verified:
            self._verified = True
            self.call_store("verify", verify_health)

    def loaded_verify(self, problem: str) -> None:
        """The file is healthy: take the opening backup. One that could not be checked here
        (a full disk) is not called damaged: say why nothing can be saved."""
        if problem:
            self.notify(problem, title="Nothing can be saved", severity="error", markup=False)
            return
        if self.store.conn.read_only:
            return  # a backup beside a file on read-only media cannot be written either
        from facilitator.paths import backups_dir  # platformdirs, after the first screen

        folder = backups_dir(self.store.path)
        self.call_store("auto_backup", lambda store: store.auto_backup(folder))

    def failed_verify(self, message) -> None:
        """The file is damaged: close it, write nothing, and offer the backups."""
        self.call_store("close_damaged", lambda store: store.close())
        self._damage = message.text

    def loaded_close_damaged(self, _) -> None:
        from facilitator.tui.screens.recovery import RecoveryScreen

        screen = RecoveryScreen(self.store.path, self._damage, self.store.conn.key)
        self.push_screen(screen, self._restored)

    def _restored(self, _source: Path | None) -> None:
        path, key = self.store.path, self.store.conn.key
        self.call_store("reopened", lambda _: Store(path, key=key))

    def loaded_reopened(self, store: Store) -> None:
        """The restored database is open: start again from the first screen."""
        self._start_again_on(store)
        self.notify("The backup is restored.", title="Restored")

    def reopened_as(self, converted: object) -> None:
        """The database was rewritten (encrypted, decrypted, a new passphrase): start again
        from the first screen on the connection opened on the new file."""
        if converted is None:
            return
        self._start_again_on(converted.store)
        severity = "error" if converted.failed else "information"
        self.notify(  # long enough to read where the backups that are not encrypted are
            converted.said, title="Encryption", severity=severity, timeout=30, markup=False
        )

    def _start_again_on(self, store: Store) -> None:
        self.store = store
        self._damage = ""
        self._kept.clear()  # they show the file that was open before
        was_locked = self.pop_every_screen()
        self._show_first_screen()
        if was_locked:  # the first screen opens under the lock
            self.action_lock()

    def _check_file(self) -> None:
        if not self._damage and not self._reopening:
            self.call_store("file_checked", lambda store: store.replaced())

    def loaded_file_checked(self, replaced: bool) -> None:
        """Another program put another file in place of ours: reopen the one there now, so
        nothing typed next goes into a file nobody will see again."""
        if not replaced or self._reopening:
            return
        self._reopening = True
        path, now, key = self.store.path, self.store.conn.now, self.store.conn.key

        def reopen(old: Store) -> Store:
            new = Store(path, now=now, key=key)
            old.close()
            return new

        self.call_store("replaced_reopened", reopen)

    def loaded_writes_refused(self, _value: object) -> None:
        """The old file takes no more writes: each save now says why."""

    def loaded_replaced_reopened(self, store: Store) -> None:
        self._reopening = False
        self._start_again_on(store)
        self.notify(
            f"{store.path.name} was replaced by another program: showing the file there now.",
            title="File replaced",
            severity="warning",
            timeout=30,
            markup=False,
        )

    def failed_replaced_reopened(self, message) -> None:
        why = f"{self.store.path.name} was replaced by another program"
        self.call_store("writes_refused", lambda store: store.refuse_writes(why))
        self.notify(
            f"{self.store.path.name} was replaced by a file that cannot be opened "
            f"({message.text}). Nothing more is saved: quit and check it.",
            title="File replaced",
            severity="error",
            timeout=60,
            markup=False,
        )

    def loaded_auto_backup(self, path) -> None:
        """The opening backup is made; nothing to show unless it failed."""

    def failed_auto_backup(self, message) -> None:
        """A failed automatic backup is worth saying, but it does not stop the session."""
        self.notify(
            f"No automatic backup was made: {message.text}", severity="warning", markup=False
        )

    def today(self) -> date:
        """Today in the home time zone: the same day whatever zone the laptop is set to."""
        return today_in(self.home_timezone, self.now())

    def loaded_settings(self, settings: dict[str, str]) -> None:
        """Apply the remembered theme, date order, home time zone and k."""
        self.date_order = DateOrder(settings["date_order"])
        self.home_timezone_set = settings["home_timezone"]
        self.home_timezone = settings[HOME_TIMEZONE_IN_FORCE]
        self.k = int(settings["k"])
        self.retention_months = int(settings["retention_months"])
        self.backups_kept = int(settings["backups_kept"])
        self.lock_after_minutes = int(settings["lock_after_minutes"])
        if settings["theme"] in self.available_themes:
            self.theme = settings["theme"]

    def _fatal_error(self) -> None:
        """Crash output names the code, never the data: no local variables, no message text
        (Textual's default shows locals, which would print aliases and check-in words)."""
        error = self._exception
        frames = traceback.extract_tb(error.__traceback__) if error else []
        where = "\n".join(f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames[-8:])
        kind = type(error).__name__ if error else "unknown"
        self.bell()
        self._exit_renderables.append(
            Text(
                f"facilitator stopped after an internal error ({kind}).\n{where}\n"
                "Every action saved before it is kept; please report the lines above."
            )
        )
        self._close_messages_no_wait()

    def action_help(self) -> None:
        """Show the keys and a short guide."""
        from facilitator.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_home(self) -> None:
        """Back to the first screen; leaving a session (not kept) with slips waiting asks."""
        closing = [s for s in self.screen_stack[2:] if not self.is_kept(s)]
        self._ask_if_lost(closing, "Leave without saving?", "Leave", self._pop_to_home)

    def _pop_to_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def action_open(self, name: str) -> None:
        """Open one of the main screens (never in volunteer mode)."""
        if self.volunteer:
            self.notify("Not available in volunteer mode", severity="warning")
            return
        from facilitator.tui.screens import catalogue

        if name == "settings":
            self.push_screen(catalogue.make(self, name), self._settings_saved)
        elif name == "resources":
            self.push_kept(name, None, lambda: catalogue.make(self, name))
        else:
            self.push_screen(catalogue.make(self, name))

    def push_kept(self, slot: str, shows: object, make: Callable[[], AppScreen]) -> None:
        """Open the screen kept in this slot if it shows the same thing, else a new one kept
        in its place. A return redraws the screen as it was left (re-reading only if the file
        changed) instead of building it again: ~25 ms instead of ~200 ms."""
        kept_shows, kept = self._kept.get(slot, (None, None))
        if kept is not None and kept in self.screen_stack:
            self.push_screen(make())  # the kept one is open further down: this one is not kept
            return
        if kept is not None and kept_shows == shows:
            self.push_screen(kept)
            return
        unsaved = kept.unsaved() if kept is not None else ""
        if unsaved:  # keep the one with unsaved work; this one is not kept
            self.notify(f"{unsaved}: it stays open until you go back to it.", markup=False)
            self.push_screen(make())
            return
        if kept is not None:
            self.uninstall_screen(kept)
            kept.remove()
        screen = make()
        self.install_screen(screen, slot)
        self._kept[slot] = (shows, screen)
        self.push_screen(screen)

    async def action_quit(self) -> None:
        """Quit; if check-in slips wait unsaved in an open session, ask first. Door mode
        is left only with the lock PIN (or passphrase), so the laptop at the door opens
        nothing else."""
        if self.volunteer:
            self._once_unlocked("Quit door mode?", self.exit)
            return
        if self.screen is self._quit_question:  # ctrl+q twice quits
            self.exit()
            return
        kept = [screen for _, screen in self._kept.values()]
        open_ones = list({id(s): s for s in [*self.screen_stack, *kept]}.values())
        self._quit_question = self._ask_if_lost(
            open_ones, "Quit without saving?", "Quit", self.exit
        )

    def action_leave_door_mode(self) -> None:
        """From door mode to the whole app, once the lock PIN (or passphrase) is given."""
        self._once_unlocked("Leave door mode for the whole app?", self._to_whole_app)

    def _once_unlocked(self, why: str, then: Callable[[], object]) -> None:
        from facilitator.tui.dialogs.pin import PinDialog

        if isinstance(self.screen, PinDialog):
            return
        self.push_screen(PinDialog(why, self.unlocking()), lambda given: then() if given else None)

    def _to_whole_app(self) -> None:
        self.volunteer = False
        self._kept.clear()  # sessions opened at the door showed attendance only
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.sub_title = escape(self.store.path.name)
        self._show_first_screen()

    def _ask_if_lost(
        self, closing: list, question: str, yes: str, then: Callable[[], object]
    ) -> object:
        """Do `then` at once if closing these screens loses nothing, else after a yes (the
        question is returned)."""
        lost = [s.unsaved() for s in closing if isinstance(s, AppScreen) and s.unsaved()]
        if not lost:
            then()
            return None
        from facilitator.tui.dialogs.confirm import ConfirmDialog

        def answered(go_ahead: bool | None) -> None:
            if go_ahead:
                then()

        detail = "\n".join(f"{text}." for text in lost)
        detail += "\nSave them on the session's Check-ins tab, or close it with ctrl+s."
        dialog = ConfirmDialog(question, detail, yes=yes)
        self.push_screen(dialog, answered)
        return dialog

    def is_kept(self, screen: AppScreen) -> bool:
        """Whether this screen is one kept when left (see push_kept)."""
        return any(kept is screen for _, kept in self._kept.values())

    def _settings_saved(self, settings: object) -> None:
        if isinstance(settings, dict):
            self.loaded_settings(settings)


def verify_health(store: Store) -> str:
    """'' when the file passes its check; why writes are refused when it cannot be checked
    here. Damage raises, and opens the recovery screen."""
    try:
        store.verify()
    except CannotOpenError as error:
        return str(error)
    return ""


class RecoveryApp(App[Path]):
    """Opened instead of the app when the database cannot even be read: restore or quit.
    Returns the backup restored, or None when the person quit."""

    TITLE = "facilitator"
    CSS_PATH = "app.tcss"

    def __init__(self, database: Path, problem: str, key: Key | None = None) -> None:
        super().__init__()
        self.database, self.problem, self.key = database, problem, key

    def on_mount(self) -> None:
        from facilitator.tui.screens.recovery import RecoveryScreen

        self.push_screen(RecoveryScreen(self.database, self.problem, self.key), self.exit)


class PassphraseApp(App[Key]):
    """Opened before the app when the database is encrypted: returns its key, or None when
    the passphrase was not given (ctrl+q, or three wrong tries: then out_of_tries)."""

    TITLE = "facilitator"
    CSS_PATH = "app.tcss"

    def __init__(self, database: Path) -> None:
        super().__init__()
        self.database = database
        self.out_of_tries = False

    def on_mount(self) -> None:
        from facilitator.tui.screens.passphrase import PassphraseScreen

        screen = PassphraseScreen(self.database)
        self.push_screen(screen, lambda key: self._given(key, screen.out_of_tries))

    def _given(self, key: Key | None, out_of_tries: bool) -> None:
        self.out_of_tries = out_of_tries
        self.exit(key, return_code=int(out_of_tries))
