"""The settings form: saved whole or not at all, and odd digits refused beside their field."""

from __future__ import annotations

from facilitator.tui.dialogs.form import FormDialog
from tests.tui.conftest import SIZE, make_app, settle, type_into


async def open_settings(pilot) -> FormDialog:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormDialog)
    return pilot.app.screen


async def test_a_bad_last_field_leaves_the_earlier_ones_unsaved(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        form = await open_settings(pilot)
        form.query_one("#field-date_order").value = "dmy"
        await type_into(pilot, "#field-k", "7")
        await type_into(pilot, "#field-backups_kept", "0")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form
        assert "from 1 to 100" in str(form.query_one("#note-backups_kept").render())
    assert store.settings.get("date_order") == "iso"
    assert store.settings.get("k") == "5"


async def test_superscript_digits_are_refused_in_the_form_not_a_crash(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        form = await open_settings(pilot)
        await type_into(pilot, "#field-k", "²")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.is_running and pilot.app._exception is None
        assert "from 2 to 20" in str(form.query_one("#note-k").render())
    assert store.settings.get("k") == "5"
