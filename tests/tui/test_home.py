"""The home screen lists upcoming sessions, read in a worker, user text shown literally."""

from __future__ import annotations

from datetime import date, time, timedelta

from textual.widgets import DataTable, Static

from facilitator.core.schedule import parse_recurrence
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.home import ATTENTION_EACH, overview
from tests.conftest import FROZEN_NOW
from tests.tui.conftest import settle


async def test_home_lists_today_and_the_next_four_weeks_of_sessions(demo_store):
    start_of_today = FROZEN_NOW.replace(hour=0)  # the demo's groups meet in London, UTC now
    expected = demo_store.schedule.listings(start_of_today, FROZEN_NOW + timedelta(days=28))
    app = FacilitatorApp(demo_store, now=lambda: FROZEN_NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == len(expected) > 0
        first = [cell.plain for cell in table.get_row_at(0)]
        assert first[2] == expected[0].group.name
        assert first[1] in ("held", "scheduled", "CANCELLED", "moved")
        summary = app.screen.query_one("#summary", Static)
        assert f"{len(expected)} sessions" in str(summary.render())


async def test_cancelled_sessions_stand_out(demo_store):
    app = FacilitatorApp(demo_store, now=lambda: FROZEN_NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        statuses = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
        assert "CANCELLED" in statuses


async def test_markup_in_a_group_name_is_shown_as_typed(store):
    group = store.groups.create(name="[bold]Circle[/bold] [link=x]", timezone="UTC")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on mon"), date(2026, 11, 22), time(18, 0), 60
    )
    app = FacilitatorApp(store, now=lambda: FROZEN_NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.get_row_at(0)[2].plain == "[bold]Circle[/bold] [link=x]"


async def test_reload_reads_the_sessions_again(store):
    app = FacilitatorApp(store, now=lambda: FROZEN_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 0
        group = store.groups.create(name="Circle", timezone="UTC")
        store.schedule.add_series(
            group.id, parse_recurrence("weekly on mon"), date(2026, 11, 22), time(18, 0), 60
        )
        await pilot.press("r")
        await settle(pilot)
        assert table.row_count == 4


async def test_ctrl_q_quits(store):
    app = FacilitatorApp(store, now=lambda: FROZEN_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


def test_a_long_list_of_warnings_is_cut_to_a_few_and_a_count(store):
    for n in range(8):
        store.resources.add(
            title=f"Leaflet {n}", kind="leaflet", stock=50, review_due=date(2026, 1, 1)
        )
    store.resources.add(title="Last copies", kind="book", stock=2)
    attention = overview(store, FROZEN_NOW).attention
    assert [line.split(":")[0] for line in attention] == ["Review due"] * ATTENTION_EACH + [
        f"…and {8 - ATTENTION_EACH} more reviews due",
        "Low stock",
    ]
    assert "tick Review overdue" in attention[ATTENTION_EACH]


async def test_coming_back_with_nothing_changed_keeps_the_drawn_rows(demo_store):
    app = FacilitatorApp(demo_store, now=lambda: FROZEN_NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        rows = list(table.rows)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert list(table.rows) == rows


def test_sessions_past_and_never_closed_are_named_on_home(store):
    group = store.groups.create(name="Circle", timezone="UTC")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2026, 11, 3), time(18, 0), 90
    )
    attention = overview(store, FROZEN_NOW).attention  # Saturday 21 November
    assert [line for line in attention if line.startswith("Not closed")] == [
        "Not closed: Tue 10 Nov Circle; open it from its schedule (s) to record who came",
        "Not closed: Tue 17 Nov Circle; open it from its schedule (s) to record who came",
    ]


async def test_a_session_only_in_another_room_says_so_and_asks_for_a_door_sign(store):
    group = store.groups.create(name="Circle", timezone="UTC", room="Quiet Room")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on mon"), date(2026, 11, 23), time(18, 0), 60
    )
    monday = store.schedule.listings(FROZEN_NOW, FROZEN_NOW + timedelta(days=7))[0].occurrence
    store.schedule.move(series.id, monday.original_start, room="Lecture Theatre B")
    app = FacilitatorApp(store, now=lambda: FROZEN_NOW)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        assert table.get_row_at(0)[1].plain == "new room"
        attention = str(app.screen.query_one("#attention", Static).render())
        assert "Room changed" in attention and "Lecture Theatre B" in attention
        assert "print a door sign" in attention
