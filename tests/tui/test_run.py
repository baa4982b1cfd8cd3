"""Running a session: run-sheet, attendance, walk-ins, counters, check-ins, handouts, closing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from textual.widgets import DataTable, Digits, Input, Static, TabbedContent

from facilitator.core.model import AgendaTemplate, Presence, SessionStatus
from facilitator.core.schedule import parse_recurrence
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.screens.run import RunSessionScreen
from facilitator.tui.widgets.counter import Counter
from facilitator.tui.widgets.session_bar import SessionBar
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


async def open_caring_on(pilot, store, tab: str) -> RunSessionScreen:
    """The demo's Caring Together session of 26 November, open on one of its tabs."""
    group, occurrence = session_of(store, "Caring Together", date(2026, 11, 26))
    screen = await open_run(pilot, group, occurrence)
    await show_tab(pilot, tab)
    return screen


def evening_group(store, at: time = time(19, 30), minutes: int = 60, day=date(2026, 11, 21)):
    """A group meeting at 19:30 on the frozen day, so the clock (20:00) is mid-session."""
    group = store.groups.create(name="Evening", timezone="UTC")
    weekly = parse_recurrence(f"weekly on {day:%a}".lower())
    store.schedule.add_series(group.id, weekly, day, at, minutes)
    return group, store.documents.session_on(group, day)


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def now_next(screen) -> list[str]:
    """The lines beside the large digits: now, next, a note on the agenda, the keys."""
    return shown(screen, "#now-next").splitlines()


async def test_the_run_sheet_highlights_the_current_segment_and_counts_down(store):
    group, occurrence = evening_group(store, minutes=90)  # 19:30-21:00; the clock says 20:00
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        assert now_next(screen)[0] == "Now: Check-in round, until 20:05"
        assert screen.query_one("#countdown", Digits).value == "5:00"
        assert shown(screen, "#clock") == "1:00:00 left in the session, until 21:00"
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


async def run_at_a_clock(pilot, store, clock, **session) -> RunSessionScreen:
    """A session on the default 90-minute agenda, run at a clock the test moves."""
    group, occurrence = evening_group(store, **{"minutes": 90, **session})
    return await open_run(pilot, group, occurrence)


async def test_a_session_begun_ten_minutes_ago_counts_down_its_segment_in_large_digits(
    store, clock
):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await run_at_a_clock(pilot, store, clock, at=time(19, 50))  # now 20:00
        assert screen.query_one("#countdown", Digits).value == "5:00"
        assert now_next(screen)[0] == "Now: Ground rules and confidentiality, until 20:05"
        assert now_next(screen)[1] == "Next: Check-in round at 20:05"
        clock.now += timedelta(seconds=75)
        screen.tick()
        assert screen.query_one("#countdown", Digits).value == "3:45"


async def test_the_bar_fills_with_the_whole_session(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await run_at_a_clock(pilot, store, clock, at=time(19, 50))
        bar = screen.query_one("#session-bar", SessionBar)
        assert bar.percentage == pytest.approx(10 / 90, abs=0.001)
        clock.now += timedelta(minutes=45)
        screen.tick()
        assert bar.percentage == pytest.approx(55 / 90, abs=0.001)


async def test_a_session_that_ends_while_open_says_its_time_is_over(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await run_at_a_clock(pilot, store, clock, at=time(19, 50))  # ends 21:20
        clock.now = datetime(2026, 11, 21, 21, 21, tzinfo=UTC)
        screen.tick()
        assert screen.query_one("#countdown", Digits).value == "0:00"
        assert shown(screen, "#clock") == "The session's time is over: close it with ctrl+s"
        assert screen.query_one("#session-bar", SessionBar).percentage == 1


async def test_a_session_tomorrow_says_so_in_words(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await run_at_a_clock(pilot, store, clock, at=time(18, 30), day=date(2026, 11, 22))
        assert now_next(screen)[0] == "Starts tomorrow at 18:30"
        assert screen.query_one("#countdown", Digits).value == "--:--"


async def test_a_session_a_month_ahead_says_in_how_many_days(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await run_at_a_clock(pilot, store, clock, at=time(18, 30), day=date(2026, 12, 21))
        text = now_next(screen)[0]
        assert text == "Starts in 30 days, on Monday 21 December 2026 at 18:30"
        assert shown(screen, "#clock") == "18:30-20:00, 90 minutes"  # no 716:05:33 to read


def segment_times(screen) -> list[str]:
    table = screen.query_one("#segments", DataTable)
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


async def test_start_now_shifts_the_agenda_for_a_group_that_began_late(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await run_at_a_clock(pilot, store, clock, at=time(19, 50))  # now 20:00
        screen.query_one("#segments").focus()
        await pilot.press("s")
        await settle(pilot)
        assert segment_times(screen)[:2] == ["20:00-20:10", "20:10-20:15"]
        assert screen.query_one("#countdown", Digits).value == "10:00"
        assert "ends at 21:30 (+10 min)" in now_next(screen)[2]


async def test_start_now_pressed_again_gives_back_the_planned_times(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await run_at_a_clock(pilot, store, clock, at=time(19, 50))  # now 20:00
        screen.query_one("#segments").focus()
        await pilot.press("s", "s")
        await settle(pilot)
        assert segment_times(screen)[:2] == ["19:50-20:00", "20:00-20:05"]


async def test_start_now_hours_before_the_session_is_refused(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await run_at_a_clock(pilot, store, clock, at=time(23, 0))  # now 20:00
        before = segment_times(screen)
        screen.query_one("#segments").focus()
        await pilot.press("s")
        await settle(pilot)
        assert segment_times(screen) == before
        said = [str(n.message) for n in pilot.app._notifications]
        assert any("30 minutes before the session" in text for text in said)


async def test_plus_and_minus_give_the_current_segment_a_minute_more_or_less(store, clock):
    async with FacilitatorApp(store, now=clock).run_test(size=SIZE) as pilot:
        screen = await run_at_a_clock(pilot, store, clock, at=time(19, 50))  # ground rules
        screen.query_one("#segments").focus()
        await pilot.press("plus", "plus", "plus", "minus")
        await settle(pilot)
        assert segment_times(screen)[1:3] == ["20:00-20:07", "20:07-20:27"]
        assert screen.query_one("#countdown", Digits).value == "7:00"
        assert "ends at 21:22 (+2 min)" in now_next(screen)[2]


async def test_a_one_hour_session_on_the_90_minute_agenda_runs_scaled_and_says_so(store):
    group, occurrence = evening_group(store, minutes=60)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        assert segment_times(screen)[-1] == "20:23-20:30"
        assert now_next(screen)[2] == (
            "The agenda's 90 minutes are scaled to this 60-minute session."
        )


async def test_keys_1_to_4_show_a_tab_and_focus_its_main_widget(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        tabs = screen.query_one(TabbedContent)
        for key, tab, focused in (
            ("2", "tab-attendance", "filter"),
            ("1", "tab-agenda", "segments"),  # from the empty filter
            ("4", "tab-handouts", "handouts"),
            ("3", "tab-checkins", "mood"),  # where digits are moods: the last here
        ):
            await pilot.press(key)
            await settle(pilot)
            assert (tabs.active, screen.focused.id) == (tab, focused)


async def test_a_digit_typed_in_a_field_stays_in_the_field(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "tab-checkins"
        assert screen.query_one("#mood", Input).value == "2"


async def test_typing_on_the_attendance_list_goes_to_the_filter(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_caring_on(pilot, demo_store, "tab-attendance")
        screen.query_one("#members").focus()
        await pilot.press("o", "l", "u")
        await settle(pilot)
        assert screen.query_one("#filter", Input).value == "olu"
        assert screen.query_one("#members", DataTable).row_count == 1


async def test_typing_on_the_handouts_list_goes_to_its_filter(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_caring_on(pilot, demo_store, "tab-handouts")
        screen.query_one("#handouts").focus()
        await pilot.press("f", "a", "t")
        await settle(pilot)
        assert screen.query_one("#handout-filter", Input).value == "fat"


async def test_the_walk_in_key_works_inside_the_filter(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        await type_into(pilot, "#filter", "Zainab Ali")
        await pilot.press("ctrl+w")
        await settle(pilot)
    assert "Zainab Ali" in [m.alias for m in demo_store.people.members(group.id)]


async def test_ctrl_w_in_a_check_in_field_still_deletes_a_word(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_caring_on(pilot, demo_store, "tab-checkins")
        await type_into(pilot, "#words", "tired but glad")
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert screen.query_one("#words", Input).value == "tired but "


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
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_caring_on(pilot, demo_store, "tab-attendance")
        table = pilot.app.screen.query_one("#members", DataTable)
        table.focus()
        await pilot.press("down", "space")
        await settle(pilot)
        count = pilot.app.screen.query_one("#attendance-count", Static)
        assert str(count.render()).startswith("1 here  ·")
        assert [cell.plain for cell in table.get_row_at(1)][1] == "yes"
        assert [cell.plain for cell in table.get_row_at(0)][1] == ""
        await pilot.press("space")
        await settle(pilot)
        assert str(count.render()).startswith("0 here  ·")
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
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_caring_on(pilot, demo_store, "tab-checkins")
        await type_into(pilot, "#words", "Maggie helped me")
        await pilot.press("enter")
        await settle(pilot)
        assert "mentions a name from the roster" in str(screen.query_one("#slips").render())
        assert screen.pending == []
        await pilot.press("enter")  # kept as it is, on purpose
        await settle(pilot)
        assert len(screen.pending) == 1


async def test_a_mood_outside_0_to_10_is_refused(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_caring_on(pilot, demo_store, "tab-checkins")
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


async def test_an_agenda_with_no_segments_says_so_on_the_run_sheet(store):
    empty = store.templates.save(AgendaTemplate("", "Empty"))
    group, occurrence = evening_group(store)
    store.groups.update(group.id, template_id=empty.id)
    group = store.groups.get(group.id)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        assert "no segments" in shown(screen, "#now-next")


async def test_enter_on_a_highlighted_name_marks_it_present_as_space_does(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_caring_on(pilot, demo_store, "tab-attendance")
        table = pilot.app.screen.query_one("#members", DataTable)
        table.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert [cell.plain for cell in table.get_row_at(1)][1] == "yes"


async def test_enter_on_a_filter_that_matches_several_says_how_to_choose(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_caring_on(pilot, demo_store, "tab-attendance")
        await type_into(pilot, "#filter", "a")
        await pilot.press("enter")
        await settle(pilot)
        said = [str(n.message) for n in pilot.app._notifications]
        assert any("names match: pick one with the arrows" in text for text in said)
        assert pilot.app.screen.focused.id == "members"
