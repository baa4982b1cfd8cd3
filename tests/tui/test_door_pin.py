"""Door mode shows only the keys that work at the door, and is left only with the lock PIN
the facilitator set."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.tui.dialogs.form import FormDialog
from facilitator.tui.dialogs.pin import PinDialog
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.run import RunSessionScreen
from facilitator.tui.screens.volunteer import VolunteerScreen
from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.conftest import SIZE, make_app, settle, type_into
from tests.tui.test_settings_form import open_settings
from tests.tui.test_volunteer import today_group


def _key_descriptions(screen) -> list[str]:
    return [description for _key, _shown, description, _on in screen.query_one(KeyBar)._keys]


async def test_a_session_at_the_door_shows_no_print_and_no_close_keys(store):
    today_group(store)
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RunSessionScreen)
        shown = _key_descriptions(pilot.app.screen)
        assert "Print/export" not in shown and "Close session" not in shown
        await pilot.press("ctrl+e", "ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RunSessionScreen)


async def test_quitting_door_mode_asks_for_the_pin_and_a_wrong_one_stays(store):
    today_group(store)
    store.settings.set_lock_pin("2468")
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PinDialog)
        await pilot.press(*"1111", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PinDialog)
        assert "Wrong lock PIN" in str(pilot.app.screen.query_one("#pin-note").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, VolunteerScreen)
        assert pilot.app.is_running


async def test_the_right_pin_leaves_door_mode_for_the_whole_app(store):
    today_group(store)
    store.settings.set_lock_pin("2468")
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press(*"2468", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert not pilot.app.volunteer


async def test_door_mode_without_a_pin_says_anyone_can_leave_it(store):
    today_group(store)
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        summary = str(pilot.app.screen.query_one("#summary").render())
        assert "No lock PIN is set" in summary


def test_the_lock_pin_is_stored_as_a_hash_never_as_its_digits(store):
    store.settings.set_lock_pin("246813")
    with store.conn.read() as db:
        [(stored,)] = db.execute("SELECT value FROM settings WHERE key = 'door_pin'").fetchall()
    assert "246813" not in stored
    assert store.settings.lock_pin_matches("246813")
    assert not store.settings.lock_pin_matches("246814")
    assert "door_pin" not in store.settings.all()


async def _save_lock_pin(store, typed: str) -> str:
    """Type a lock PIN in the settings form and save: what its field then says, if it stays."""
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await type_into(pilot, "#field-lock_pin", typed)
        await pilot.press("ctrl+s")
        await settle(pilot)
        if isinstance(pilot.app.screen, FormDialog):
            return str(pilot.app.screen.query_one("#note-lock_pin").render())
        return ""


async def test_the_settings_form_sets_the_lock_pin_without_showing_it(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        form = await open_settings(pilot)
        assert form.query_one("#field-lock_pin", Input).password
    await _save_lock_pin(store, "2468")
    assert store.settings.lock_pin_matches("2468") and not store.settings.lock_pin_matches("1")


async def test_a_blank_lock_pin_keeps_it_and_off_removes_it(store):
    store.settings.set_lock_pin("2468")
    await _save_lock_pin(store, "")
    assert store.settings.has_lock_pin()
    await _save_lock_pin(store, "off")
    assert not store.settings.has_lock_pin()


async def test_a_lock_pin_that_is_not_4_to_8_digits_is_refused_with_nothing_saved(store):
    assert "4 to 8 digits" in await _save_lock_pin(store, "12a")
    assert not store.settings.has_lock_pin()


async def test_the_palette_at_the_door_offers_no_print_close_or_agenda_actions(store):
    from facilitator.tui.commands import ActionCommands

    today_group(store)
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        provider = ActionCommands(pilot.app.screen)
        names = [name for name, _help, _run in provider._commands()]
    assert "Walk-in" in names
    assert not {"Print/export", "Close session", "Start now"} & set(names)
