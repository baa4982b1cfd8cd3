"""Forms: typing at once goes into the first field; a refused save says why in one line that
stays in view and moves to the field; required fields say so; a dialog shows its own keys."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Label, Static

from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.form import FormDialog
from facilitator.tui.screens import catalogue
from facilitator.tui.screens.schedule import ScheduleScreen
from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.conftest import SIZE, make_app, settle, type_into

# (screen to open, key that opens the form, the form's first field)
FORMS = {
    "New group": ("groups", "n", "name"),
    "Add series": ("schedule", "a", "schedule"),
    "One-off": ("schedule", "n", "when"),
    "Cancel": ("schedule", "c", "reason"),
    "Move": ("schedule", "m", "when"),
    "Rename": ("members", "r", "alias"),
}


async def open_form(pilot, store, screen: str, key: str) -> FormDialog:
    """Open a screen (a group's: the demo's Caring Together), then its form by its key."""
    await settle(pilot)
    group = store.groups.by_name("Caring Together") if store.groups.list() else None
    if screen == "schedule":
        ScheduleScreen.open(pilot.app, group)
    else:
        pilot.app.push_screen(catalogue.make(pilot.app, screen, group))
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormDialog)
    return pilot.app.screen


def shown(widget) -> str:
    return str(widget.render())


@pytest.mark.parametrize("form", FORMS)
async def test_typing_right_after_a_form_opens_goes_into_its_first_field(demo_store, form):
    screen, key, first = FORMS[form]
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        dialog = await open_form(pilot, demo_store, screen, key)
        await pilot.press(*"Zoe")
        assert dialog.query_one(f"#field-{first}", Input).value.endswith("Zoe")


async def test_a_refused_save_moves_to_the_field_and_sums_up_why_in_one_line(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        dialog = await open_form(pilot, store, "resources", "n")
        await type_into(pilot, "#field-review_due", "2027-02-30")
        await type_into(pilot, "#field-title", "Carers' helpline")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert dialog.focused.id == "field-review_due"
        summary = shown(dialog.query_one("#form-error", Static))
        assert summary == "Not saved: Review due: February 2027 has no day 30"
    assert store.resources.list() == []


async def test_the_summary_of_a_refused_save_stays_in_view_on_a_small_terminal(store):
    async with make_app(store).run_test(size=(80, 24)) as pilot:
        dialog = await open_form(pilot, store, "groups", "n")
        await type_into(pilot, "#field-name", "Circle")
        await type_into(pilot, "#field-headcount_categories", "staff, " + "s" * 41)
        await pilot.press("ctrl+s")
        await settle(pilot)
        summary = dialog.query_one("#form-error", Static)
        assert shown(summary).startswith("Not saved: Headcount categories:")
        assert dialog.query_one("#form").content_region.contains_region(summary.region)
    assert store.groups.list() == []


async def test_required_fields_say_so_and_optional_ones_do_not(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        dialog = await open_form(pilot, store, "groups", "n")
        labels = [shown(label) for label in dialog.query(".field-label").results(Label)]
        assert "Name (required)" in labels
        assert "Time zone (IANA, e.g. Europe/London) (required)" in labels
        assert "Usual room" in labels and "Description" in labels


# (screen, key, the labels marked required: each a field the save refuses empty)
REQUIRED = {
    "Add series": ("schedule", "a", ["Schedule", "Start time"]),
    "One-off": ("schedule", "n", ["Date and time"]),
    "Cancel": ("schedule", "c", ["Reason"]),
    "Change schedule": ("schedule", "h", ["New schedule", "Start time"]),
    "Rename": ("members", "r", ["New alias"]),
}


@pytest.mark.parametrize("form", REQUIRED)
async def test_every_form_marks_the_fields_it_cannot_save_without(demo_store, form):
    screen, key, required = REQUIRED[form]
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        dialog = await open_form(pilot, demo_store, screen, key)
        labels = [shown(label) for label in dialog.query(".field-label").results(Label)]
    marked = [label.split(" (")[0] for label in labels if label.endswith(" (required)")]
    assert marked == required


async def test_a_form_shows_its_own_keys_not_those_of_the_screen_beneath(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        dialog = await open_form(pilot, store, "groups", "n")
        keys = dialog.query_one(KeyBar).render().plain
        assert " ^s Save " in keys and " esc Close " in keys
        assert "Schedule" not in keys and "Members" not in keys


async def test_a_question_shows_its_own_keys(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_form(pilot, demo_store, "members", "r")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        keys = pilot.app.screen.query_one(KeyBar).render().plain
        assert " y Yes " in keys and " esc No " in keys and "Rename" not in keys


async def test_the_cancel_form_offers_to_cancel_the_session_or_keep_it(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        dialog = await open_form(pilot, demo_store, "schedule", "c")
        buttons = [shown(button) for button in dialog.query(Button)]
        assert buttons == ["Cancel the session (ctrl+s)", "Keep it (esc)"]


async def test_the_print_dialog_shows_its_own_keys(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        keys = pilot.app.screen.query_one(KeyBar).render().plain
        assert " ^s Export " in keys and " esc Close " in keys and "Groups" not in keys
