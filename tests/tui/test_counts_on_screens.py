"""Exact counts on the facilitator's working screens, marked so; hidden on the reports screen."""

from __future__ import annotations

from facilitator.tui.screens import catalogue
from facilitator.tui.screens.schedule import ScheduleScreen
from facilitator.tui.widgets.sessions import SessionTable
from tests.small_history import group_with_small_counts
from tests.tui.conftest import SIZE, make_app, settle


async def test_the_schedule_shows_exact_counts_and_says_they_are_not_for_sharing(store):
    group = group_with_small_counts(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(ScheduleScreen(group))
        await settle(pilot)
        table = pilot.app.screen.query_one(SessionTable)
        came = [table.get_row_at(row)[-1].plain for row in range(3)]
        assert came == ["3", "6", "10"]
        summary = str(pilot.app.screen.query_one("#summary").render())
        assert "Came: exact counts for you alone, not for sharing" in summary


async def test_reports_total_first_timers_only_over_sessions_whose_split_is_shown(store):
    # The export shows 6 came to the second session but hides its 3 first-timers: a total of
    # 8 first-timers beside the third session's 5 would give those 3 away.
    group = group_with_small_counts(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(catalogue.make(pilot.app, "reports", group))
        await settle(pilot)
        totals = str(pilot.app.screen.query_one("#totals").render())
        bars = str(pilot.app.screen.query_one("#bars").render())
    assert "first time 5 · returning 5" in totals
    assert "not counting 2 sessions whose split is hidden" in totals
    assert "Counts from 1 to 4 are hidden" in bars
    assert bars.splitlines()[0].endswith("1 to 4")  # 3 came


async def test_the_run_screen_shows_who_is_here_exactly_and_says_it_is_not_for_sharing(store):
    from tests.tui.test_run import evening_group, open_run, show_tab, shown

    group, occurrence = evening_group(store)
    member = store.people.add_member(group.id, "Ana")
    store.people.record(occurrence.series_id, occurrence.original_start, member.id)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        assert shown(screen, "#attendance-count") == (
            "1 here  ·  exact counts for you alone, not for sharing"
        )


async def test_the_headcounts_tab_says_its_counts_are_not_for_sharing(store):
    from tests.tui.test_run import evening_group, open_run, show_tab, shown

    group, occurrence = evening_group(store)
    store.groups.update(group.id, privacy="counts")
    group = store.groups.get(group.id)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-headcounts")
        assert "not for sharing" in shown(screen, "#counts-help")
