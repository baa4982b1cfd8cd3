"""A first evening with the app: an empty database says what to do first, and the group form
asks for the agenda near its top."""

from __future__ import annotations

from textual.widgets import Static

from facilitator.tui.dialogs.form import FormDialog
from tests.tui.conftest import SIZE, make_app, settle


def summary(pilot) -> str:
    return str(pilot.app.screen.query_one("#summary", Static).render())


async def test_an_empty_database_says_to_add_a_group_first(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert summary(pilot).startswith("No groups yet: press g, then n")


async def test_a_group_without_sessions_says_how_to_give_it_a_schedule(store):
    store.groups.create(name="Circle", timezone="Europe/London")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "press s for its schedule, then a to add a series" in summary(pilot)


async def test_the_group_form_asks_for_the_agenda_right_after_the_name(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g", "n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormDialog)
        labels = [str(label.render()) for label in pilot.app.screen.query(".field-label")]
        assert labels[:2] == ["Name (required)", "Agenda template"]
