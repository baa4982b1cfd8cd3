"""The library as a person meets it: labelled filters, ticks that show without colour, Enter
from the search to the results, no stock for what never runs out; a handout recorded as out
of stock can still be given."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, DataTable, Label, Select

from facilitator.tui.screens.resources import ResourcesScreen
from tests.tui.conftest import SIZE, make_app, settle, type_into
from tests.tui.test_run import open_run, session_of, show_tab


async def open_library(pilot) -> ResourcesScreen:
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ResourcesScreen)
    return pilot.app.screen


def row_of(screen: ResourcesScreen, title: str) -> list[str]:
    table = screen.query_one(DataTable)
    index = [r.title for r in screen.shown].index(title)
    return [cell.plain for cell in table.get_row_at(index)]


async def test_each_filter_says_what_it_filters(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        labels = [str(select.parent.query_one(Label).render()) for select in screen.query(Select)]
    assert labels == ["Kind", "Language", "Category"]


async def test_a_ticked_filter_shows_a_tick_and_an_unticked_one_shows_none(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        overdue, low = screen.query_one("#overdue", Checkbox), screen.query_one("#low", Checkbox)
        overdue.value = True
        await settle(pilot)
        assert "✓" in overdue.render().plain
        assert "✓" not in low.render().plain and "X" not in low.render().plain


async def test_enter_in_the_search_moves_to_the_entries_found(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        await type_into(pilot, "#search", "carer")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.focused is screen.query_one(DataTable)


async def test_websites_and_help_lines_show_no_stock_and_leaflets_do(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_library(pilot)
        assert row_of(screen, "Carers' Advice Line")[-1] == ""
        assert row_of(screen, "Benefits Checker for Carers")[-1] == ""
        assert row_of(screen, "After Treatment: Finding Your Feet")[-1] == "25"


async def test_a_handout_recorded_as_out_of_stock_can_be_given_and_the_stock_says_none(
    demo_store,
):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    leaflet = demo_store.resources.add(title="Aardvark leaflet", kind="leaflet", stock=0)
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-handouts")
        assert screen.data.resources[0].title == "Aardvark leaflet"
        screen.query_one("#handouts", DataTable).focus()
        await pilot.press("plus")
        await settle(pilot)
        assert screen.query_one("#handouts", DataTable).get_row_at(0)[3].plain == "0"
        assert "none are left" in " ".join(str(n.message) for n in pilot.app._notifications)
    given = demo_store.resources.handouts(occurrence.series_id, occurrence.original_start)
    assert given == {leaflet.id: 1}
    assert demo_store.resources.list()[0].stock == 0
