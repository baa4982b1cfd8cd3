"""Groups screen: a group without a past is deleted, an ended one archived and brought back,
and turning a roster group counts-only asks first, naming what goes."""

from __future__ import annotations

from datetime import date, datetime, time

from textual.widgets import DataTable

from facilitator.core.model import Privacy
from facilitator.core.schedule import parse_recurrence
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.screens.groups import GroupsScreen
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.test_groups import open_groups

TUESDAY = datetime(2026, 11, 17, 18, 30)


def _roster_group(store, *aliases):
    group = store.groups.create(name="Circle", timezone="Europe/London")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2026, 11, 1), time(18, 30), 90
    )
    for alias in aliases:
        member = store.people.add_member(group.id, alias)
        store.people.record(series.id, TUESDAY, member.id)
    return group, series


def _first_column(screen) -> list[str]:
    table = screen.query_one(DataTable)
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


async def test_delete_asks_then_removes_a_group_with_no_history(store):
    _roster_group(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_groups(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert _first_column(screen) == []
    assert store.groups.list(archived=True) == []


async def test_delete_of_a_group_with_history_points_to_archive_and_deletes_nothing(store):
    _roster_group(store, "Ana")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GroupsScreen)
        assert any("archives it instead" in str(n.message) for n in pilot.app._notifications)
    assert [g.name for g in store.groups.list()] == ["Circle"]


async def test_an_archived_group_leaves_the_list_until_shown_and_comes_back(store):
    _roster_group(store, "Ana")
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_groups(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert _first_column(screen) == []
        await pilot.press("h")
        await settle(pilot)
        assert _first_column(screen) == ["Circle (archived)"]
        await pilot.press("z")
        await settle(pilot)
        assert _first_column(screen) == ["Circle"]
    assert [g.archived for g in store.groups.list()] == [False]


async def _switch_to_counts(pilot) -> ConfirmDialog:
    await open_groups(pilot)
    await pilot.press("e")
    await settle(pilot)
    pilot.app.screen.query_one("#field-privacy").value = "counts"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmDialog)
    return pilot.app.screen


async def test_switching_to_counts_only_names_the_aliases_and_rows_that_go(store):
    _roster_group(store, "Ana", "Ben")
    async with make_app(store).run_test(size=SIZE) as pilot:
        dialog = await _switch_to_counts(pilot)
        assert "2 aliases and 2 attendance records" in dialog.detail


async def test_no_to_counts_only_keeps_the_names_and_the_roster(store):
    group, _ = _roster_group(store, "Ana")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await _switch_to_counts(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert store.groups.get(group.id).privacy is Privacy.ROSTER
    assert [m.alias for m in store.people.members(group.id)] == ["Ana"]


async def test_yes_to_counts_only_deletes_the_names_and_keeps_the_count(store):
    group, series = _roster_group(store, "Ana", "Ben")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await _switch_to_counts(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert store.groups.get(group.id).privacy is Privacy.COUNTS
    assert store.people.members(group.id) == []
    assert sum(store.people.headcounts(series.id, TUESDAY).values()) == 2
