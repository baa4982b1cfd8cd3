"""At 80x24 every screen keeps its title, the column that names a row and its key bar in
view; wider terminals give the extra room to the text columns; cells, not characters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Header, Tabs
from textual.widgets.data_table import ColumnKey

from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens import catalogue
from facilitator.tui.screens.run import RunSessionScreen
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.sessions import SessionTable
from tests.tui.conftest import make_app, settle

SMALL = (80, 24)
CARING = "Caring Together"
RARE = "Rare Roots Family Group 罕见病家庭互助会"
LEAST_NAME = 16  # cells of a group name, an alias, a title that must show


def shown_width(table: DataTable, key: str) -> int:
    """How many cells of a column's text fit inside the table as drawn."""
    left = 0
    for column_key, column in table.columns.items():
        width = column.get_render_width(table)
        if column_key == ColumnKey(key):
            inside = min(left + width, table.scrollable_content_region.width) - left
            return max(inside - 2 * table.cell_padding, 0)
        left += width
    raise KeyError(key)


def in_view(app, widget) -> bool:
    screen = app.screen.region
    region = widget.region
    return region.height > 0 and screen.contains_region(region)


def group_screen(name: str, group: str = CARING):
    return lambda app, store: catalogue.make(app, name, store.groups.by_name(group))


def run_screen(group: str, day: date, tab: str):
    def opener(app, store):
        found = store.groups.by_name(group)
        screen = RunSessionScreen(found, store.documents.session_on(found, day))
        screen.call_after_refresh(lambda: setattr(screen.query_one("#tabs"), "active", tab))
        return screen

    return opener


SCREENS = {
    "home": (None, "#sessions", "group"),
    "groups": (lambda app, store: catalogue.make(app, "groups"), "#groups", "name"),
    "library": (lambda app, store: catalogue.make(app, "resources"), "#resources", "title"),
    "agendas": (lambda app, store: catalogue.make(app, "templates"), "#templates", "name"),
    "schedule": (group_screen("schedule"), "#sessions", "group"),
    "members": (group_screen("members"), "#members", "alias"),
    "check-ins": (group_screen("checkins"), "#sessions", "session"),
    "roster": (run_screen(CARING, date(2026, 11, 26), "tab-attendance"), "#members", "alias"),
}


@pytest.mark.parametrize("name", SCREENS)
async def test_at_80_by_24_a_screen_shows_its_title_names_and_keys(demo_store, name):
    opener, table_id, column = SCREENS[name]
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        if opener is not None:
            app.push_screen(opener(app, demo_store))
            await settle(pilot)
        table = app.screen.query_one(table_id, DataTable)
        assert in_view(app, app.screen.query_one(Header))
        assert in_view(app, app.screen.query_one(KeyBar))
        assert table.region.height >= 4  # the header and a few rows
        assert shown_width(table, column) >= LEAST_NAME


async def test_at_80_by_24_home_lists_the_needs_attention_panel_under_the_sessions(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table, panel = app.screen.query_one("#sessions"), app.screen.query_one("#attention")
        assert in_view(app, panel)
        assert panel.region.y >= table.region.bottom


async def test_a_wide_terminal_gives_the_room_to_the_group_and_room_columns(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", SessionTable)
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert table.scrollable_content_region.width - used <= 4  # no empty margin
        assert shown_width(table, "group") > 18


async def test_chinese_names_are_cut_in_cells_so_the_next_column_lines_up(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", SessionTable)
        lines = [strip.text for strip in table.render_lines(table.region.reset_offset)]
        rooms = {}
        for row, listing in enumerate(table.listings):
            line = lines[row + 1]  # below the header line
            room_at = line.rfind(listing.occurrence.room[:6])
            rooms[listing.group.name] = cell_len(line[:room_at])
        assert RARE in rooms
        assert len(set(rooms.values())) == 1


async def test_a_session_that_moved_says_moved_in_its_status(demo_store):
    group = demo_store.groups.by_name(CARING)
    planned = demo_store.documents.session_on(group, date(2026, 12, 17))
    new_start = planned.start.replace(tzinfo=None) + timedelta(days=1)
    demo_store.schedule.move(planned.series_id, planned.original_start, new_start)
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", SessionTable)
        statuses = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
        assert "moved" in statuses
        assert not any("*" in status for status in statuses)


async def test_a_date_in_another_year_carries_its_year(demo_store):
    late_december = datetime(2026, 12, 28, 12, 0, tzinfo=UTC)
    app = FacilitatorApp(demo_store, now=lambda: late_december)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", SessionTable)
        whens = [
            (listing.occurrence.start.year, table.get_row_at(i)[0].plain)
            for i, listing in enumerate(table.listings)
        ]
        assert {year for year, _ in whens} == {2026, 2027}
        for year, when in whens:
            assert (str(year) in when) is (year == 2027)


@pytest.mark.parametrize(
    ("tab", "focused"),
    [
        ("tab-agenda", "#segments"),
        ("tab-attendance", "#members"),
        ("tab-checkins", "#save-slips"),
        ("tab-handouts", "#handouts"),
    ],
)
async def test_at_80_by_24_a_session_keeps_its_line_and_tabs_in_view(demo_store, tab, focused):
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.push_screen(run_screen(CARING, date(2026, 11, 26), tab)(app, demo_store))
        await settle(pilot)
        app.screen.query_one(focused).focus()  # the last thing on the tab, scrolled to
        await settle(pilot)
        assert in_view(app, app.screen.query_one("#summary"))
        assert in_view(app, app.screen.query_one(Tabs))
        assert in_view(app, app.screen.query_one(focused))
        assert in_view(app, app.screen.query_one(KeyBar))


@pytest.mark.parametrize(
    ("name", "table_id", "column"),
    [
        ("groups", "#groups", "name"),
        ("resources", "#resources", "title"),
    ],
)
async def test_a_wide_terminal_shows_more_of_each_name_and_title(
    demo_store, name, table_id, column
):
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(catalogue.make(app, name))
        await settle(pilot)
        table = app.screen.query_one(table_id, DataTable)
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert table.scrollable_content_region.width - used <= 4  # no empty margin
        assert shown_width(table, column) > 30


async def test_the_run_sheet_clock_grows_with_its_text(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = run_screen(CARING, date(2026, 11, 26), "tab-agenda")(app, demo_store)
        app.push_screen(screen)
        await settle(pilot)
        longer = "The session's time is over: close it with ctrl+s"
        screen._show_clock(longer)
        await settle(pilot)
        assert screen.query_one("#clock").region.width >= cell_len(longer)


@pytest.mark.parametrize(("keys", "button"), [(("g", "n"), "#save"), (("x",), "#export")])
async def test_at_80_by_24_a_dialog_keeps_its_save_button_in_view(demo_store, keys, button):
    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        assert in_view(app, app.screen.query_one(button))
        assert in_view(app, app.screen.query_one(KeyBar))
