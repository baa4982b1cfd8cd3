"""Running a session: run-sheet, attendance, walk-ins, counters, check-ins, handouts, closing."""

from __future__ import annotations

from datetime import date, time, timedelta

from textual.widgets import DataTable, Input, Static, TabbedContent

from facilitator.core.model import Presence, SessionStatus
from facilitator.core.schedule import parse_recurrence
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.screens.run import RunSessionScreen
from facilitator.tui.widgets.counter import Counter
from tests.conftest import FROZEN_NOW
from tests.tui.conftest import SIZE, make_app, settle, type_into


def session_of(store, name: str, day: date):
    group = store.groups.by_name(name)
    return group, store.documents.session_on(group, day)


async def open_run(pilot, group, occurrence, volunteer=False) -> RunSessionScreen:
    await settle(pilot)
    pilot.app.push_screen(RunSessionScreen(group, occurrence, volunteer=volunteer))
    await settle(pilot)
    return pilot.app.screen


async def show_tab(pilot, tab: str) -> None:
    pilot.app.screen.query_one(TabbedContent).active = tab
    await settle(pilot)


def evening_group(store):
    """A group meeting at 19:30 on the frozen day, so the clock is mid-session."""
    group = store.groups.create(name="Evening", timezone="UTC")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on sat"), date(2026, 11, 21), time(19, 30), 60
    )
    return group, store.documents.session_on(group, date(2026, 11, 21))


async def test_the_run_sheet_highlights_the_current_segment_and_counts_down(store):
    group, occurrence = evening_group(store)  # 19:30-20:30; the clock says 20:00
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        screen.tick()
        clock = str(screen.query_one("#clock", Static).render())
        assert clock.startswith("Now: Check-in round, 5:00 left")
        assert "30:00 left in the session" in clock
        assert screen.query_one("#segments", DataTable).cursor_row == 2


async def test_a_cue_shows_when_ten_minutes_remain(store):
    group, occurrence = evening_group(store)
    app = make_app(store)
    app.now = lambda: FROZEN_NOW + timedelta(minutes=21)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_run(pilot, group, occurrence)
        screen.tick()
        assert screen.query_one("#clock").has_class("cue")
        assert any("10 minutes left" in n.message for n in app._notifications)


async def test_typing_a_name_and_enter_marks_the_one_match_present(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        await type_into(pilot, "#filter", "olu")
        assert pilot.app.screen.query_one("#members", DataTable).row_count == 1
        await pilot.press("enter")
        await settle(pilot)
    rows = demo_store.people.attendance(occurrence.series_id, occurrence.original_start)
    olu = next(m for m in demo_store.people.members(group.id) if m.alias == "Olu")
    assert [(r.member_id, r.presence) for r in rows] == [(olu.id, Presence.PRESENT)]


async def test_space_toggles_the_highlighted_member(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        pilot.app.screen.query_one("#members").focus()
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("down", "space")
        await settle(pilot)
        await pilot.press("up", "space")  # changed my mind about the first
        await settle(pilot)
    rows = demo_store.people.attendance(occurrence.series_id, occurrence.original_start)
    assert sorted(r.presence.value for r in rows) == ["absent", "present"]


async def test_each_toggle_shows_in_the_row_and_in_the_count(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        table = pilot.app.screen.query_one("#members", DataTable)
        table.focus()
        await pilot.press("down", "space")
        await settle(pilot)
        count = pilot.app.screen.query_one("#attendance-count", Static)
        assert str(count.render()) == "1 here"
        assert [cell.plain for cell in table.get_row_at(1)][1] == "yes"
        assert [cell.plain for cell in table.get_row_at(0)][1] == ""
        await pilot.press("space")
        await settle(pilot)
        assert str(count.render()) == "0 here"
        assert [cell.plain for cell in table.get_row_at(1)][1] == ""


async def add_walk_in(pilot, group, occurrence, alias: str) -> RunSessionScreen:
    """Open a session's attendance, type a new name in the filter and press Enter."""
    screen = await open_run(pilot, group, occurrence)
    await show_tab(pilot, "tab-attendance")
    await type_into(pilot, "#filter", alias)
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def test_a_walk_in_is_added_with_a_name_and_enter(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await add_walk_in(pilot, group, occurrence, "Zainab")
    zainab = next(m for m in demo_store.people.members(group.id) if m.alias == "Zainab")
    [row] = demo_store.people.attendance(occurrence.series_id, occurrence.original_start)
    assert (row.member_id, row.presence, row.first_time) == (zainab.id, Presence.PRESENT, True)


async def test_a_walk_in_shows_in_the_whole_roster_as_here_for_the_first_time(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await add_walk_in(pilot, group, occurrence, "Zainab")
        table = screen.query_one("#members", DataTable)
        rows = [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert screen.query_one("#filter", Input).value == ""
        assert len(rows) == len(demo_store.people.members(group.id))
        assert ["Zainab", "yes", "first"] in rows


async def test_counts_only_groups_get_counters_and_no_names(demo_store):
    group, occurrence = session_of(
        demo_store, "Rare Roots Family Group 罕见病家庭互助会", date(2026, 12, 5)
    )
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        assert not screen.query("#members")
        await show_tab(pilot, "tab-headcounts")
        counters = list(screen.query(Counter))
        assert [c.category for c in counters] == list(group.headcount_categories)
        counters[1].focus()
        await pilot.press("plus", "plus", "plus", "minus")
        await settle(pilot)
        await pilot.click(counters[0].query_one(".more"))
        await settle(pilot)
    counts = demo_store.people.headcounts(occurrence.series_id, occurrence.original_start)
    assert counts == {"first time": 1, "returning": 2}


async def test_checkins_are_saved_shuffled_when_the_session_closes(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    app = make_app(demo_store)
    app.now = lambda: occurrence.end  # the session is over
    async with app.run_test(size=SIZE) as pilot:
        await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-checkins")
        for mood in range(5):
            await type_into(pilot, "#mood", str(mood + 3))
            await type_into(pilot, "#words", f"slip {mood}")
            await pilot.press("enter")
            await settle(pilot)
        assert "5 slip(s) waiting" in str(pilot.app.screen.query_one("#slips").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, RunSessionScreen)
    closed = demo_store.schedule.occurrence(occurrence.series_id, occurrence.original_start)
    assert closed.status is SessionStatus.HELD
    summary = demo_store.checkins.summary(occurrence.series_id, occurrence.original_start)
    assert (summary.count, summary.median) == (5, 5)
    assert sorted(summary.words) == [f"slip {n}" for n in range(5)]


async def test_fewer_than_k_slips_wait_for_more_or_for_the_close(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-checkins")
        for mood in range(2):
            await type_into(pilot, "#mood", str(mood + 3))
            await pilot.press("enter")
            await settle(pilot)
        await pilot.click("#save-slips")
        await settle(pilot)
        shown = str(pilot.app.screen.query_one("#slips").render())
        assert "saved 5 or more at a time" in shown
        assert pilot.app.screen.pending  # still waiting, not lost
    saved = demo_store.conn.db.execute(
        "SELECT count(*) FROM checkins c JOIN sessions s ON s.id = c.session_id"
        " WHERE s.series_id = ? AND s.original_start = ?",
        [occurrence.series_id, occurrence.original_start.isoformat(timespec="minutes")],
    ).fetchone()[0]
    assert saved == 0


async def test_a_checkin_naming_someone_on_the_roster_is_questioned(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-checkins")
        await type_into(pilot, "#words", "Maggie helped me")
        await pilot.press("enter")
        await settle(pilot)
        assert "mentions a name from the roster" in str(screen.query_one("#slips").render())
        assert screen.pending == []
        await pilot.press("enter")  # kept as it is, on purpose
        await settle(pilot)
        assert len(screen.pending) == 1


async def test_a_mood_outside_0_to_10_is_refused(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-checkins")
        await type_into(pilot, "#mood", "11")
        await pilot.press("enter")
        await settle(pilot)
        assert "at most 10" in str(screen.query_one("#slips").render())
        assert screen.pending == []


async def test_the_slip_form_appears_once_when_its_tab_first_opens(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        assert not screen.query("#mood")
        await show_tab(pilot, "tab-checkins")
        await type_into(pilot, "#words", "tired but glad")
        await show_tab(pilot, "tab-agenda")
        await show_tab(pilot, "tab-checkins")
        assert len(screen.query("#mood")) == 1
        assert screen.query_one("#words", Input).value == "tired but glad"


async def test_the_handout_titles_are_listed_when_their_tab_opens(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        assert not screen.query("#handouts")  # nothing of the tab is built before it shows
        await show_tab(pilot, "tab-handouts")
        await settle(pilot)
        table = screen.query_one("#handouts", DataTable)
        assert table.row_count == len(screen.data.resources) > 0
        await show_tab(pilot, "tab-agenda")
        await show_tab(pilot, "tab-handouts")
        assert len(screen.query("#handouts")) == 1


async def test_handouts_given_take_copies_from_stock(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-handouts")
        table = screen.query_one("#handouts", DataTable)
        table.focus()
        title = screen.data.resources[0].title
        stock = screen.data.resources[0].stock
        await pilot.press("plus")
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
    given = demo_store.resources.handouts(occurrence.series_id, occurrence.original_start)
    resource = next(r for r in demo_store.resources.list() if r.title == title)
    assert given == {resource.id: 2} and resource.stock == stock - 2


async def test_typing_in_the_handouts_finds_a_title_and_plus_gives_that_one(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-handouts")
        wanted = screen.data.resources[-1]
        await type_into(pilot, "#handout-filter", wanted.title[:12])
        table = screen.query_one("#handouts", DataTable)
        assert table.get_row_at(0)[0].plain == wanted.title
        table.focus()
        await pilot.press("plus")
        await settle(pilot)
    given = demo_store.resources.handouts(occurrence.series_id, occurrence.original_start)
    assert given == {wanted.id: 1}


async def test_a_cancelled_session_cannot_be_closed(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 12, 3))
    async with make_app(demo_store).run_test(size=SIZE, notifications=True) as pilot:
        await open_run(pilot, group, occurrence)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RunSessionScreen)
        assert any("restore it" in n.message for n in pilot.app._notifications)
    again = demo_store.schedule.occurrence(occurrence.series_id, occurrence.original_start)
    assert again.status is SessionStatus.CANCELLED


async def test_plus_before_the_handouts_tab_ever_opened_gives_nothing(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        screen.action_more()
        await pilot.press("plus")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RunSessionScreen)
    assert demo_store.resources.handouts(occurrence.series_id, occurrence.original_start) == {}


async def close_two_days_early(pilot, store) -> tuple:
    """Open Thursday's session on the Tuesday before it and press ctrl+s."""
    group, occurrence = session_of(store, "Caring Together", date(2026, 11, 26))
    pilot.app.now = lambda: occurrence.start - timedelta(days=2)
    await open_run(pilot, group, occurrence)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return group, occurrence


async def test_closing_a_session_before_it_starts_asks_and_says_when_it_is(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        _, occurrence = await close_two_days_early(pilot, demo_store)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        detail = str(pilot.app.screen.query_one("#confirm-detail", Static).render())
        assert "Thursday 26 November 2026, 10:30 Europe/London" in detail
        await pilot.press("y")
        await settle(pilot)
    closed = demo_store.schedule.occurrence(occurrence.series_id, occurrence.original_start)
    assert closed.status is SessionStatus.HELD


async def test_enter_on_the_early_close_question_keeps_the_session_open(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        _, occurrence = await close_two_days_early(pilot, demo_store)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RunSessionScreen)
    kept = demo_store.schedule.occurrence(occurrence.series_id, occurrence.original_start)
    assert kept.status is SessionStatus.SCHEDULED
