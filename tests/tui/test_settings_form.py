"""The settings form: saved whole or not at all, odd digits refused beside their field, and
the home time zone in which today and tue are read."""

from __future__ import annotations

from datetime import date

from facilitator.tui.dialogs.form import FormDialog
from facilitator.tui.screens import catalogue
from tests.tui.conftest import SIZE, make_app, settle, type_into

# The frozen clock says 20:00 UTC on Saturday 21 November; in Kiritimati (UTC+14) it is
# already Sunday 22 November, in Pago Pago (UTC-11) still Saturday morning.


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


async def review_due_saved_for(pilot, store, typed: str) -> date | None:
    """Add a leaflet whose review is due on the day typed; the day it was saved with."""
    pilot.app.push_screen(catalogue.make(pilot.app, "resources"))
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await type_into(pilot, "#field-title", f"Leaflet due {typed}")
    await type_into(pilot, "#field-review_due", typed)
    await pilot.press("ctrl+s")
    await settle(pilot)
    saved = next(r for r in store.resources.list() if r.title == f"Leaflet due {typed}")
    return saved.review_due


async def test_today_is_read_in_the_zone_most_groups_meet_in(store):
    store.groups.create(name="Island Circle", timezone="Pacific/Kiritimati")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert await review_due_saved_for(pilot, store, "today") == date(2026, 11, 22)


async def test_the_home_time_zone_set_in_the_form_is_where_today_is_read(store):
    store.groups.create(name="Harbour Circle", timezone="Pacific/Pago_Pago")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await type_into(pilot, "#field-home_timezone", "Pacific/Kiritimati")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert await review_due_saved_for(pilot, store, "today") == date(2026, 11, 22)
    assert store.settings.get("home_timezone") == "Pacific/Kiritimati"


async def test_the_app_starts_on_a_file_with_superscript_digits_saved_as_k(store):
    with store.conn.write() as db:  # as an older version let them in
        db.execute("INSERT INTO settings (key, value) VALUES ('k', '²')")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.is_running and pilot.app._exception is None
        assert pilot.app.k == 5
