"""Groups: create and edit every field from the keyboard; bad input stays at its field."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from facilitator.core.model import Privacy
from facilitator.tui.dialogs.form import FormDialog
from facilitator.tui.screens.groups import GroupsScreen
from tests.tui.conftest import SIZE, make_app, settle, type_into


async def open_groups(pilot) -> GroupsScreen:
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GroupsScreen)
    return pilot.app.screen


async def test_a_new_group_is_saved_with_its_fields(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormDialog)
        await type_into(pilot, "#field-name", "Young Adults [bold]Circle[/bold]")
        await type_into(pilot, "#field-timezone", "America/New_York")
        await type_into(pilot, "#field-room", "Room 4")
        await type_into(pilot, "#field-facilitators", "Sam")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GroupsScreen)
        table = pilot.app.screen.query_one(DataTable)
        assert table.get_row_at(0)[0].plain == "Young Adults [bold]Circle[/bold]"
    [group] = store.groups.list()
    assert (group.name, group.timezone, group.room, group.facilitators) == (
        "Young Adults [bold]Circle[/bold]",
        "America/New_York",
        "Room 4",
        "Sam",
    )
    assert group.privacy is Privacy.ROSTER


async def test_a_bad_time_zone_is_shown_at_its_field_and_nothing_is_written(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "#field-name", "Circle")
        await type_into(pilot, "#field-timezone", "Mars/Olympus")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormDialog)
        note = pilot.app.screen.query_one("#note-timezone", Static)
        assert "is not a time zone" in str(note.render())
        assert pilot.app.screen.focused.id == "field-timezone"
    assert store.groups.list() == []


async def test_an_empty_name_and_an_escape_code_are_refused(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "must not be empty" in str(pilot.app.screen.query_one("#note-name").render())
        pilot.app.screen.query_one("#field-name").value = "Circle\x1b[31m"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "control characters" in str(pilot.app.screen.query_one("#note-name").render())
    assert store.groups.list() == []


async def test_editing_a_group_changes_the_database(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_groups(pilot)
        names = [g.name for g in screen.groups]
        screen.query_one(DataTable).move_cursor(row=names.index("Caring Together"))
        await pilot.press("e")
        await settle(pilot)
        await type_into(pilot, "#field-room", "Garden Room")
        pilot.app.screen.query_one("#field-privacy").value = "counts"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")  # yes, delete the names
        await settle(pilot)
    group = demo_store.groups.by_name("Caring Together")
    assert group.room == "Garden Room" and group.privacy is Privacy.COUNTS


async def test_escape_closes_a_form_without_saving(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_groups(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "#field-name", "Circle")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GroupsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "HomeScreen"
    assert store.groups.list() == []
