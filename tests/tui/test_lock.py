"""The lock screen: ctrl+l, or ten minutes with no key or mouse, hides every screen behind
the app's name and the time until the lock PIN is given; nothing underneath is lost."""

from __future__ import annotations

import io
from datetime import date, timedelta

from rich.console import Console
from textual.widgets import Digits, Input

from facilitator.core.pin import hash_pin
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.form import FormDialog
from facilitator.tui.dialogs.pin import PinDialog
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.lock import LockScreen, Unlock
from facilitator.tui.screens.run import RunSessionScreen
from facilitator.tui.screens.volunteer import VolunteerScreen
from tests.encrypted import encrypted_database, open_encrypted
from tests.tui.conftest import SIZE, make_app, settle, type_into
from tests.tui.test_run import evening_group, open_run, show_tab
from tests.tui.test_volunteer import today_group

ALIAS = "Zebedee Quill"  # a member's alias: health information once on screen
WORDS = "scan results tomorrow"  # a check-in slip being typed


def rendered_lines(app) -> list[str]:
    """The terminal's lines as the app draws them now (screens showing under a modal too)."""
    console = Console(width=app.size.width, file=io.StringIO(), record=True, legacy_windows=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text(styles=False).splitlines()


def on_screen(app, text: str) -> bool:
    return any(text in line for line in rendered_lines(app))


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def session_with_an_alias(pilot, store, tab: str) -> RunSessionScreen:
    """A session under way, whose attendance lists ALIAS, open on a tab."""
    group, occurrence = evening_group(store)
    store.people.add_member(group.id, ALIAS, first_seen=date(2026, 1, 6))
    screen = await open_run(pilot, group, occurrence)
    await show_tab(pilot, tab)
    return screen


async def session_with_an_alias_and_a_slip_typed(pilot, store) -> RunSessionScreen:
    """A session under way: its attendance lists ALIAS; a check-in slip is half typed."""
    screen = await session_with_an_alias(pilot, store, "tab-checkins")
    await type_into(pilot, "#words", WORDS)
    return screen


async def unlock_with(pilot, typed: str) -> None:
    await press(pilot, *typed, "enter")


def lock_note(app) -> str:
    return str(app.screen.query_one("#lock-note").render())


async def test_ctrl_l_hides_the_screen_behind_the_apps_name_and_the_time(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await session_with_an_alias_and_a_slip_typed(pilot, store)
        assert on_screen(pilot.app, WORDS)
        await press(pilot, "ctrl+l")
        assert isinstance(pilot.app.screen, LockScreen)
        assert not on_screen(pilot.app, WORDS) and not on_screen(pilot.app, "Evening")
        assert on_screen(pilot.app, "facilitator")
        assert pilot.app.screen.query_one("#lock-time", Digits).value == "20:00"


async def test_the_lock_hides_the_aliases_of_the_attendance_list(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await session_with_an_alias(pilot, store, "tab-attendance")
        assert on_screen(pilot.app, ALIAS)
        await press(pilot, "ctrl+l")
        assert not on_screen(pilot.app, ALIAS)


async def test_the_lock_covers_an_open_dialog_too(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "o")
        assert isinstance(pilot.app.screen, FormDialog)
        assert on_screen(pilot.app, "Smallest count") and on_screen(pilot.app, store.path.name)
        await press(pilot, "ctrl+l")
        assert isinstance(pilot.app.screen, LockScreen)
        assert not on_screen(pilot.app, "Smallest count")
        assert not on_screen(pilot.app, store.path.name)  # the header's file name


async def test_the_right_lock_pin_unlocks_onto_the_screen_left(store):
    store.settings.set_lock_pin("2468")
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await session_with_an_alias_and_a_slip_typed(pilot, store)
        await press(pilot, "ctrl+l")
        await unlock_with(pilot, "2468")
        assert pilot.app.screen is screen
        assert screen.query_one("#words", Input).value == WORDS


async def test_a_wrong_lock_pin_is_refused_and_says_so(store):
    store.settings.set_lock_pin("2468")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        for _ in range(5):  # no lock-out on a plain file
            await unlock_with(pilot, "1111")
        assert isinstance(pilot.app.screen, LockScreen)
        assert "Wrong lock PIN" in lock_note(pilot.app)
        await unlock_with(pilot, "2468")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_a_door_pin_set_before_the_lock_existed_unlocks_it(store):
    with store.conn.write() as db:  # as the version with only a door PIN stored it
        db["settings"].upsert({"key": "door_pin", "value": hash_pin("97531")}, pk="key")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        await unlock_with(pilot, "1111")
        assert isinstance(pilot.app.screen, LockScreen)
        await unlock_with(pilot, "97531")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_without_a_lock_pin_the_lock_says_anyone_can_unlock_it_and_how_to_set_one(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        assert "No lock PIN is set, so anyone can unlock" in lock_note(pilot.app)
        assert "Settings" in lock_note(pilot.app)
        await unlock_with(pilot, "")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_the_check_is_the_one_injected_and_runs_off_the_ui_thread(store):
    import threading

    asked: list[tuple[str, bool]] = []

    def verify(typed: str) -> bool:
        asked.append((typed, threading.current_thread() is threading.main_thread()))
        return typed == "correct horse"

    app = make_app(store)
    app.unlocking = lambda: Unlock("passphrase", verify, lambda: True, longest=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        await unlock_with(pilot, "wrong horse")
        assert "Wrong passphrase" in lock_note(pilot.app)
        await unlock_with(pilot, "correct horse")
        assert isinstance(pilot.app.screen, HomeScreen)
    assert asked == [("wrong horse", False), ("correct horse", False)]


async def test_a_check_with_a_number_of_tries_closes_the_app_after_the_last(store):
    app = make_app(store)
    app.unlocking = lambda: Unlock("passphrase", lambda _typed: False, lambda: True, tries=3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        await unlock_with(pilot, "one")
        await unlock_with(pilot, "two")
        assert pilot.app.is_running and "Wrong passphrase" in lock_note(pilot.app)
        await unlock_with(pilot, "three")
        assert not pilot.app.is_running


async def test_no_app_key_works_behind_the_lock(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        for key in ("ctrl+q", "f1", "ctrl+p", "escape"):
            await press(pilot, key)
            assert isinstance(pilot.app.screen, LockScreen) and pilot.app.is_running


async def test_a_screen_opened_while_locked_opens_under_the_lock(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        pilot.app.push_screen(HelpScreen())  # as a worker's answer would
        await settle(pilot)
        assert isinstance(pilot.app.screen, LockScreen)
        await unlock_with(pilot, "")
        assert isinstance(pilot.app.screen, HelpScreen)


async def test_a_dialog_that_closes_itself_while_locked_leaves_the_lock_on_top(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = ConfirmDialog("Go ahead?")
        pilot.app.push_screen(dialog)
        await settle(pilot)
        await press(pilot, "ctrl+l")
        dialog.dismiss(True)  # its answer came back
        await settle(pilot)
        assert isinstance(pilot.app.screen, LockScreen)
        await unlock_with(pilot, "")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_closing_every_screen_under_the_lock_never_closes_the_lock(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        for _ in range(3):
            pilot.app.pop_screen()
            await settle(pilot)
            assert isinstance(pilot.app.screen, LockScreen)


# Idle: read through the app's clock, which the tests move.


async def idle_for(pilot, clock, minutes: float) -> None:
    """Let the app's clock run this long past the last key, then let the app look."""
    clock.now += timedelta(minutes=minutes)
    pilot.app.lock_if_idle()
    await settle(pilot)


async def test_ten_idle_minutes_lock_the_app_and_not_a_second_sooner(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "down")  # a key: idle time counts from here
        await idle_for(pilot, clock, 9 + 59 / 60)
        assert isinstance(pilot.app.screen, HomeScreen)
        await idle_for(pilot, clock, 1 / 60)
        assert isinstance(pilot.app.screen, LockScreen)


async def test_a_key_puts_the_idle_lock_off(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await idle_for(pilot, clock, 9)
        await press(pilot, "down")
        await idle_for(pilot, clock, 9)
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_a_mouse_click_puts_the_idle_lock_off(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await idle_for(pilot, clock, 9)
        await pilot.click(offset=(5, 5))
        await idle_for(pilot, clock, 9)
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_the_idle_time_is_the_one_set_in_settings(store, clock):
    store.settings.set("lock_after_minutes", "3")
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await idle_for(pilot, clock, 3)
        assert isinstance(pilot.app.screen, LockScreen)


async def test_the_idle_lock_set_off_never_locks(store, clock):
    store.settings.set("lock_after_minutes", "off")
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await idle_for(pilot, clock, 60 * 24 * 7)
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_the_app_looks_for_idleness_by_itself_every_second(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        clock.now += timedelta(minutes=10)
        await pilot.pause(1.2)
        assert isinstance(pilot.app.screen, LockScreen)


async def test_the_idle_lock_covers_an_open_dialog(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "o")
        assert on_screen(pilot.app, "Smallest count")
        await idle_for(pilot, clock, 10)
        assert isinstance(pilot.app.screen, LockScreen)
        assert not on_screen(pilot.app, "Smallest count")


# Nothing lost behind the lock.


async def test_check_in_slips_not_yet_saved_are_there_after_the_lock(store):
    store.settings.set_lock_pin("2468")
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await session_with_an_alias_and_a_slip_typed(pilot, store)
        await press(pilot, "enter")  # the slip waits, unsaved
        assert screen.unsaved()
        await press(pilot, "ctrl+l")
        await unlock_with(pilot, "2468")
        assert pilot.app.screen is screen
        assert "1 slip(s) waiting" in str(screen.query_one("#slips").render())


async def test_the_run_sheets_timer_shows_the_time_gone_by_behind_the_lock(store, clock):
    store.settings.set("lock_after_minutes", "off")  # only ctrl+l locks here
    group, occurrence = evening_group(store, minutes=90)  # 19:30-21:00; the clock says 20:00
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        assert screen.query_one("#countdown", Digits).value == "5:00"
        await press(pilot, "ctrl+l")
        clock.now += timedelta(minutes=2)
        await unlock_with(pilot, "")
        assert pilot.app.screen is screen
        assert screen.query_one("#countdown", Digits).value == "3:00"


# Door mode: the lock works there, and leaving it asks for the same PIN.


async def test_ctrl_l_locks_door_mode_too(store):
    today_group(store)
    store.settings.set_lock_pin("2468")
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        assert isinstance(pilot.app.screen, LockScreen)
        await unlock_with(pilot, "2468")
        assert isinstance(pilot.app.screen, VolunteerScreen)


async def test_leaving_door_mode_asks_the_injected_check(store):
    today_group(store)
    app = make_app(store, volunteer=True)
    app.unlocking = lambda: Unlock("passphrase", "correct horse".__eq__, lambda: True, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+o")
        assert isinstance(pilot.app.screen, PinDialog)
        await press(pilot, *"2468", "enter")
        assert "Wrong passphrase" in str(pilot.app.screen.query_one("#pin-note").render())
        await press(pilot, *"correct horse", "enter")
        assert isinstance(pilot.app.screen, HomeScreen) and not pilot.app.volunteer


# Settings.


async def test_the_settings_form_saves_the_idle_time(store):
    from tests.tui.test_settings_form import open_settings

    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await type_into(pilot, "#field-lock_after_minutes", "off")
        await press(pilot, "ctrl+s")
        assert pilot.app.lock_after_minutes == 0
    assert store.settings.get("lock_after_minutes") == "0"


async def test_an_idle_time_that_is_not_whole_minutes_is_refused_with_nothing_saved(store):
    from tests.tui.test_settings_form import open_settings

    async with make_app(store).run_test(size=SIZE) as pilot:
        form = await open_settings(pilot)
        await type_into(pilot, "#field-k", "7")
        await type_into(pilot, "#field-lock_after_minutes", "²")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is form
        assert "whole number of minutes" in str(form.query_one("#note-lock_after_minutes").render())
    assert store.settings.get("lock_after_minutes") == "10"
    assert store.settings.get("k") == "5"


# Where people learn of ctrl+l.


async def test_the_key_bar_keeps_ctrl_l_in_view_at_80_columns(demo_store):
    from facilitator.tui.widgets.keybar import KeyBar

    async with make_app(demo_store).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "^l Lock" in pilot.app.screen.query_one(KeyBar).render().plain


async def test_the_palette_offers_the_lock_with_its_key(store):
    from facilitator.tui.commands import ActionCommands

    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = ActionCommands(pilot.app.screen)._commands()
        assert ("Lock", "key: ^l") in [(name, help_text) for name, help_text, _ in commands]


async def test_help_says_ctrl_l_locks_the_app(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        assert on_screen(pilot.app, "ctrl+l locks the app")


def encrypted_store(tmp_path, passphrase: str):
    """A store on an encrypted file, opened with its passphrase."""
    path = encrypted_database(tmp_path / "locked.db", passphrase)
    return open_encrypted(path, passphrase)


async def test_on_an_encrypted_file_the_lock_opens_with_the_files_passphrase(tmp_path):
    store = encrypted_store(tmp_path, "tea break in room 4")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        assert "PIN" not in lock_note(pilot.app)  # a passphrase is asked, not a PIN
        await unlock_with(pilot, "1234")
        assert "Wrong passphrase" in lock_note(pilot.app)
        await unlock_with(pilot, "tea break in room 4")
        assert isinstance(pilot.app.screen, HomeScreen)
    store.close()


async def test_a_megabyte_pasted_into_the_lock_is_cut_to_1024_characters(tmp_path):
    from textual import events

    store = encrypted_store(tmp_path, "tea break in room 4")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        field = pilot.app.screen.query_one("#unlock", Input)
        field.post_message(events.Paste("x" * 1_000_000))
        await settle(pilot)
        assert field.value == "x" * 1024
        await press(pilot, "y")  # a key past the limit (a paste the terminal sends as keys)
        assert field.value == "x" * 1024
    store.close()


async def test_a_megabyte_pasted_to_leave_door_mode_is_cut_to_1024_characters(tmp_path):
    from textual import events

    store = encrypted_store(tmp_path, "tea break in room 4")
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+o")
        field = pilot.app.screen.query_one("#pin", Input)
        field.post_message(events.Paste("x" * 1_000_000))
        await settle(pilot)
        assert field.value == "x" * 1024
    store.close()


def key_bar_descriptions(app) -> list[str]:
    return [binding.description for _, binding, _, _ in app.screen.active_bindings.values()]


async def test_on_an_encrypted_file_door_modes_key_bar_says_the_passphrase_leaves_it(tmp_path):
    store = encrypted_store(tmp_path, "tea break in room 4")
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, VolunteerScreen)
        assert "Leave door mode (passphrase)" in key_bar_descriptions(pilot.app)
        assert not any("PIN" in said for said in key_bar_descriptions(pilot.app))
    store.close()


async def test_on_a_plain_file_door_modes_key_bar_says_the_pin_leaves_it(store):
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Leave door mode (PIN)" in key_bar_descriptions(pilot.app)


async def test_on_an_encrypted_file_settings_say_the_lock_pin_is_used_only_once_decrypted(
    tmp_path,
):
    store = encrypted_store(tmp_path, "tea break in room 4")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "o")
        labels = " ".join(str(label.render()) for label in pilot.app.screen.query(".field-label"))
        assert "Lock PIN to unlock and leave door mode" not in labels
        assert "Lock PIN, used only if the encryption is removed" in labels
        assert "its passphrase unlocks the app and leaves door mode" in labels
    store.close()
