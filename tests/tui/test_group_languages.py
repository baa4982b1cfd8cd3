"""The group form edits the languages a group prints in, main one first, from the keyboard."""

from __future__ import annotations

from textual.widgets import Static

from facilitator.tui.screens.groups import GroupsScreen
from tests.tui.conftest import SIZE, make_app, settle, type_into


async def open_group_form(pilot) -> None:
    await settle(pilot)
    pilot.app.push_screen(GroupsScreen())
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)


async def test_the_group_form_saves_the_languages_main_one_first(store):
    group = store.groups.create(name="Circle", timezone="UTC")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_group_form(pilot)
        await type_into(pilot, "#field-languages", "zh, en")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GroupsScreen)
    assert store.groups.get(group.id).languages == ("zh-Hans", "en")


async def test_a_language_we_do_not_print_in_is_refused_at_the_field(store):
    group = store.groups.create(name="Circle", timezone="UTC")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_group_form(pilot)
        await type_into(pilot, "#field-languages", "en, xx")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = str(pilot.app.screen.query_one("#note-languages", Static).render())
        assert "is not a language we print in" in said and "zh-Hans" in said
    assert store.groups.get(group.id).languages == ("en",)
