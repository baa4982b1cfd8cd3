"""The command palette (ctrl+p) lists the app's actions on this screen and app-wide, each
with its key, and none of Textual's text-editing or housekeeping commands."""

from __future__ import annotations

from datetime import date

from textual.command import CommandList
from textual.widgets import Select

from facilitator.tui.dialogs.export import ExportDialog
from facilitator.tui.screens.schedule import ScheduleScreen
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.test_run import open_run, session_of, show_tab


async def palette(pilot) -> dict[str, str]:
    """Open the palette; what it lists, as {name: help}."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    listed = pilot.app.screen.query_one(CommandList)
    prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
    return dict(prompt.split("\n", 1) for prompt in prompts)


async def test_a_session_s_palette_lists_its_actions_with_their_keys_while_typing(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        screen.query_one("#filter").focus()
        listed = await palette(pilot)
    assert listed["Close session"] == "key: ^s"
    assert listed["Walk-in"] == "key: ^w"
    assert listed["Present"] == "key: space"
    assert listed["Print door sign"] == "key: ^e, then Door sign"
    assert listed["Quit"] == "key: ^q" and listed["Help"] == "key: f1"
    assert "Groups" in listed


async def test_the_palette_lists_no_text_editing_or_textual_commands(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        screen.query_one("#filter").focus()
        listed = await palette(pilot)
    textual_ones = {"Delete character left", "Move cursor left", "Paste text from the clipboard"}
    textual_ones |= {"Focus Next", "Copy selected text", "Theme", "Keys", "Screenshot"}
    assert not textual_ones & set(listed)


async def test_a_schedule_s_palette_names_cancel_and_move_as_session_actions(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        ScheduleScreen.open(pilot.app, demo_store.groups.by_name("Caring Together"))
        await settle(pilot)
        listed = await palette(pilot)
    assert listed["Cancel session"] == "key: c" and listed["Move session"] == "key: m"


async def test_print_door_sign_from_the_palette_opens_the_print_dialog_on_the_door_sign(
    demo_store,
):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot)
        await pilot.press(*"door sign")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ExportDialog)
        assert pilot.app.screen.query_one("#document", Select).value == "door-sign"


async def test_the_first_screen_offers_no_way_back(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        listed = await palette(pilot)
    assert "Back" not in listed and listed["Run session"] == "key: ⏎"
