"""Help (F1) says in words what the screen you came from is for and what its keys do, with
no names from the code."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from facilitator.tui.screens.base import AppScreen
from facilitator.tui.screens.help import HelpScreen
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.test_run import open_run, session_of, show_tab


async def help_for_this_screen(pilot) -> str:
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    return str(pilot.app.screen.query_one("#keys", Static).render())


async def test_help_on_a_session_explains_its_keys_and_the_timer(demo_store):
    group, occurrence = session_of(demo_store, "Caring Together", date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_run(pilot, group, occurrence)
        await show_tab(pilot, "tab-attendance")
        screen.query_one("#filter").focus()
        shown = await help_for_this_screen(pilot)
    assert shown.startswith("Running a session\n")
    words = " ".join(shown.split())
    assert "Enter marks the one match present" in words
    assert "space marks the highlighted person present" in words
    assert "+ and - give or take back one copy" in words
    assert "The timer follows the real clock" in words
    assert "space        Present" in shown and "+ or =       +1" in shown


async def test_help_names_no_class_of_the_code(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = await help_for_this_screen(pilot)
    assert shown.startswith("Home\n")
    assert "Screen" not in shown and "(Home)" not in shown


async def test_help_in_a_form_explains_the_form_not_the_screen_beneath(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g", "n")
        await settle(pilot)
        shown = await help_for_this_screen(pilot)
    assert shown.startswith("A form\n")
    assert "ctrl+s saves" in shown and "Save" in shown and "Schedule" not in shown


def test_every_screen_of_the_app_has_its_own_guide():
    from facilitator.tui.screens.help import screen_guide  # importing it imports every screen

    screens = AppScreen.__subclasses__()
    assert len(screens) >= 10
    assert [screen for screen in screens if screen_guide(screen) is None] == []
