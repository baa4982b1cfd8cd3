"""The bad-input catalogue typed into every field of every form in the app at once.

Each value: saved as typed, or refused with a message in the form; when refused nothing is
written; the app keeps running either way. (Field by field, the same catalogue goes through
every constructor in test_bad_input.py; here it goes through the screens.)
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static, TextArea

from facilitator.tui.dialogs.form import FormDialog
from facilitator.tui.screens import catalogue
from tests.safety.test_bad_input import CATALOGUE
from tests.tui.conftest import SIZE, make_app, settle

# form: (screen to open it from, group for the screen, key that opens the form)
FORMS = {
    "new group": ("groups", None, "n"),
    "add a series": ("schedule", "Caring Together", "a"),
    "one-off session": ("schedule", "Caring Together", "n"),
    "new resource": ("resources", None, "n"),
    "new template": ("templates", None, "n"),
    "add a member": ("members", "Caring Together", "n"),
}


def changes(store) -> int:
    """Rows written through the app's connection so far."""
    return store.conn.db.conn.total_changes


async def open_form(pilot, store, form: str) -> FormDialog:
    screen_name, group_name, key = FORMS[form]
    group = store.groups.by_name(group_name) if group_name else None
    if not isinstance(pilot.app.screen, FormDialog):
        if pilot.app.screen.__class__.__name__ == "HomeScreen":
            pilot.app.push_screen(catalogue.make(pilot.app, screen_name, group))
            await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog), form
    return dialog


def refusal_shown(dialog: FormDialog) -> str:
    notes = [str(note.render()) for note in dialog.query(".field-note.error")]
    notes.append(str(dialog.query_one("#form-error", Static).render()))
    return " ".join(note for note in notes if note.strip())


@pytest.mark.parametrize("form", FORMS)
async def test_every_field_saves_the_catalogue_as_typed_or_refuses_it_in_the_form(demo_store, form):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for case, value in CATALOGUE.items():
            dialog = await open_form(pilot, demo_store, form)
            before = changes(demo_store)
            for widget in dialog.query("Input, TextArea"):
                if isinstance(widget, Input):
                    widget.value = value
                elif isinstance(widget, TextArea):
                    widget.text = value
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running and app._exception is None, (form, case)
            if pilot.app.screen is dialog:
                assert refusal_shown(dialog), (form, case)
                assert changes(demo_store) == before, (form, case)
                await pilot.press("escape")
                await settle(pilot)
