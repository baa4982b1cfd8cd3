"""Kept screens: the library, a schedule and a session come back as they were left, read
again only when the file changed, and restyled only when the theme changed."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from textual.widgets import DataTable, Input

from facilitator.store import Store
from facilitator.tui.app import HIGH_CONTRAST
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.resources import ResourcesScreen
from facilitator.tui.screens.run import RunSessionScreen, read_session
from facilitator.tui.screens.schedule import ScheduleScreen
from tests.conftest import FROZEN_NOW
from tests.tui.conftest import SIZE, make_app, settle, type_into
from tests.tui.test_run import evening_group, session_of, show_tab


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def run_session(pilot, group, occurrence) -> RunSessionScreen:
    """Open a session as the home screen does (kept), and wait until it is shown."""
    RunSessionScreen.open(pilot.app, group, occurrence)
    await settle(pilot)
    return pilot.app.screen


async def leave_a_slip(pilot, group, occurrence, words: str) -> RunSessionScreen:
    """Open a session, add one check-in slip without saving it, and press Escape."""
    screen = await run_session(pilot, group, occurrence)
    await show_tab(pilot, "tab-checkins")
    await type_into(pilot, "#words", words)
    await press(pilot, "enter", "escape")
    return screen


async def a_slip_then_another_session(pilot, store):
    """Leave a slip waiting in one session (kept); the group, that session and a later one."""
    group, first = session_of(store, "Caring Together", date(2026, 11, 26))
    later = session_of(store, "Caring Together", date(2026, 12, 3))[1]
    await settle(pilot)
    await leave_a_slip(pilot, group, first, "glad to be here")
    return group, first, later


def titles(screen: ResourcesScreen) -> list[str]:
    return [r.title for r in screen.shown]


async def test_the_library_comes_back_as_it_was_left(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        library = pilot.app.screen
        await type_into(pilot, "#search", "carer")
        shown = titles(library)
        await press(pilot, "escape", "escape")
        assert isinstance(pilot.app.screen, HomeScreen)
        await press(pilot, "l")
        assert pilot.app.screen is library
        assert library.query_one("#search", Input).value == "carer"
        assert titles(library) == shown


async def test_the_library_is_not_read_again_when_nothing_changed(demo_store, monkeypatch):
    reads = []
    listing = demo_store.resources.list
    monkeypatch.setattr(demo_store.resources, "list", lambda *a: reads.append(1) or listing(*a))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        await press(pilot, "escape")
        await press(pilot, "l")
        assert len(reads) == 1


async def library_titles_after(store, change) -> list[str]:
    """Open the library, leave it, make a change, come back: the titles it then lists."""
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        await press(pilot, "escape")
        change()
        await press(pilot, "l")
        return titles(pilot.app.screen)


async def test_the_library_shows_an_entry_another_window_added_while_it_was_away(demo_store):
    def add_elsewhere() -> None:
        other = Store(demo_store.path)
        other.resources.add(title="Aardvark carers line", kind="hotline", phone="0800 123 456")
        other.close()

    assert "Aardvark carers line" in await library_titles_after(demo_store, add_elsewhere)


async def test_the_library_shows_its_own_new_entry_after_a_return(demo_store):
    def add_here() -> None:
        demo_store.resources.add(title="Aardvark carers line", kind="hotline")

    assert "Aardvark carers line" in await library_titles_after(demo_store, add_here)


async def test_a_theme_chosen_while_the_library_was_away_shows_on_its_return(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        table = pilot.app.screen.query_one(DataTable)
        before = table.styles.background
        await press(pilot, "escape")
        pilot.app.theme = HIGH_CONTRAST.name
        await settle(pilot)
        await press(pilot, "l")
        assert table.styles.background != before
        assert table.styles.background.hex.lower() == HIGH_CONTRAST.background


async def test_opening_the_library_over_itself_gives_a_second_screen(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        kept = pilot.app.screen
        pilot.app.action_open("resources")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ResourcesScreen) and pilot.app.screen is not kept
        await press(pilot, "escape")
        assert pilot.app.screen is kept


async def test_a_schedule_is_kept_for_its_group_only(demo_store):
    caring = demo_store.groups.by_name("Caring Together")
    others = [g for g in demo_store.groups.list() if g.id != caring.id]
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        ScheduleScreen.open(pilot.app, caring)
        await settle(pilot)
        first = pilot.app.screen
        await press(pilot, "escape")
        ScheduleScreen.open(pilot.app, caring)
        await settle(pilot)
        assert pilot.app.screen is first
        await press(pilot, "escape")
        ScheduleScreen.open(pilot.app, others[0])
        await settle(pilot)
        assert pilot.app.screen is not first and pilot.app.screen.group == others[0]
        assert not first.is_attached  # the one kept before is gone, not left in memory


async def test_check_in_slips_not_yet_saved_are_there_after_a_return(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await leave_a_slip(pilot, group, occurrence, "glad to be here")
        await run_session(pilot, group, occurrence)
        assert "1 slip(s) waiting" in str(pilot.app.screen.query_one("#slips").render())


async def test_the_first_mark_of_attendance_does_not_make_the_session_another(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    assert occurrence.session_id is None
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        kept = await run_session(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        kept.query_one("#members", DataTable).focus()
        await press(pilot, "space", "escape")
        marked = session_of(demo_store, "Caring Together", date(2026, 11, 26))[1]
        assert marked.session_id is not None
        RunSessionScreen.open(pilot.app, group, marked)
        await settle(pilot)
        assert pilot.app.screen is kept


async def test_attendance_recorded_elsewhere_shows_when_the_session_comes_back(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    maggie = next(m for m in demo_store.people.members(group.id) if m.alias == "Maggie")
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_session(pilot, group, occurrence)
        await press(pilot, "escape")
        other = Store(demo_store.path)  # a volunteer's laptop at the door, say
        other.people.record(occurrence.series_id, occurrence.original_start, maggie.id)
        other.close()
        await run_session(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        table = pilot.app.screen.query_one("#members", DataTable)
        row = table.get_row(maggie.id)
        assert row[1].plain == "yes"


async def test_a_kept_session_gives_no_cue_while_out_of_sight(store):
    group, occurrence = evening_group(store)  # 19:30-20:30; the clock says 20:00
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        RunSessionScreen.open(app, group, occurrence)
        await settle(pilot)
        await press(pilot, "escape")
        app.now = lambda: FROZEN_NOW + timedelta(minutes=21)  # nine minutes left
        await asyncio.sleep(1.3)  # more than one tick of the session's clock
        await settle(pilot)
        assert not any("10 minutes left" in n.message for n in app._notifications)
        RunSessionScreen.open(app, group, occurrence)
        await settle(pilot)
        assert any("10 minutes left" in n.message for n in app._notifications)


async def use_the_session(pilot, screen: RunSessionScreen) -> None:
    """Mark someone present and first-time, add a walk-in, give a handout."""
    await show_tab(pilot, "tab-attendance")
    screen.query_one("#members", DataTable).focus()
    await press(pilot, "space", "f")
    await type_into(pilot, "#filter", "Zed Walkin")
    await press(pilot, "enter")
    await show_tab(pilot, "tab-handouts")
    screen.query_one("#handouts", DataTable).focus()
    await press(pilot, "plus")


async def test_a_session_shows_what_the_file_says_after_its_own_changes(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await run_session(pilot, group, occurrence)
        await use_the_session(pilot, screen)
        assert any(m.alias == "Zed Walkin" for m in screen.data.members)
        assert screen.data == read_session(demo_store, group, occurrence, volunteer=False)


async def test_a_session_is_not_read_again_after_only_its_own_changes(demo_store, monkeypatch):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await run_session(pilot, group, occurrence)
        await use_the_session(pilot, screen)
        await press(pilot, "escape")
        reads = []
        monkeypatch.setattr(screen, "refresh_data", lambda: reads.append(1))
        await run_session(pilot, group, occurrence)
        assert pilot.app.screen is screen and reads == []


async def test_a_session_is_read_again_when_another_window_also_wrote(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    last = demo_store.people.members(group.id)[-1]  # not the highlighted one marked here
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await run_session(pilot, group, occurrence)
        await use_the_session(pilot, screen)
        other = Store(demo_store.path)
        other.people.record(occurrence.series_id, occurrence.original_start, last.id)
        other.close()
        await press(pilot, "plus")  # one more handout: a change of its own after the other
        await press(pilot, "escape")
        await run_session(pilot, group, occurrence)
        assert screen.data.presence[last.id][0].value == "present"


async def test_a_session_with_slips_not_yet_saved_is_kept_while_another_opens(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        group, first, later = await a_slip_then_another_session(pilot, demo_store)
        await run_session(pilot, group, later)
        assert any("1 check-in slip(s)" in n.message for n in app._notifications)
        await press(pilot, "escape")
        await run_session(pilot, group, first)
        assert "1 slip(s) waiting" in str(app.screen.query_one("#slips").render())


async def test_leaving_a_session_not_kept_with_slips_waiting_asks_first(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        group, _, later = await a_slip_then_another_session(pilot, demo_store)
        second = await leave_a_slip(pilot, group, later, "tired today")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "escape")  # no: stay
        assert app.screen is second
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, HomeScreen)


async def test_quitting_with_slips_waiting_asks_first_and_ctrl_q_again_quits(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await leave_a_slip(pilot, group, occurrence, "glad to be here")
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.return_code is None
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "ctrl+q", "ctrl+q")
        assert app.return_code == 0


async def test_going_home_from_a_session_not_kept_with_slips_waiting_asks_first(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        group, _, later = await a_slip_then_another_session(pilot, demo_store)
        await run_session(pilot, group, later)
        await show_tab(pilot, "tab-checkins")
        await type_into(pilot, "#words", "tired today")
        await press(pilot, "enter")
        app.action_home()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "y")
        assert isinstance(app.screen, HomeScreen)
