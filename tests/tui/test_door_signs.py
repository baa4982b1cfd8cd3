"""A cancelled or moved session needs a door sign: the app offers it first and says so."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Select, Static

from facilitator.tui.dialogs.export import ExportDialog
from tests.tui.conftest import SIZE, make_app, settle


def session(store, name: str, day: date):
    group = store.groups.by_name(name)
    return group, store.documents.session_on(group, day)


async def first_document_offered(store, group, occurrence) -> str:
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(ExportDialog(group, occurrence))
        await settle(pilot)
        return pilot.app.screen.query_one("#document", Select).value


async def test_the_export_dialog_offers_the_door_sign_first_for_a_cancelled_session(demo_store):
    group, cancelled = session(demo_store, "Caring Together", date(2026, 12, 3))
    assert await first_document_offered(demo_store, group, cancelled) == "door-sign"


async def test_the_export_dialog_offers_the_door_sign_first_for_a_moved_session(demo_store):
    group, planned = session(demo_store, "Caring Together", date(2026, 12, 10))
    new_start = datetime(2026, 12, 11, 10, 30)
    demo_store.schedule.move(planned.series_id, planned.original_start, new_start)
    moved = demo_store.schedule.occurrence(planned.series_id, planned.original_start)
    assert await first_document_offered(demo_store, group, moved) == "door-sign"


async def test_the_export_dialog_offers_the_door_sign_first_for_a_room_change(demo_store):
    group, planned = session(demo_store, "Caring Together", date(2026, 12, 10))
    demo_store.schedule.move(planned.series_id, planned.original_start, room="Hall")
    moved = demo_store.schedule.occurrence(planned.series_id, planned.original_start)
    assert await first_document_offered(demo_store, group, moved) == "door-sign"


async def test_the_export_dialog_offers_the_agenda_first_for_a_session_as_planned(demo_store):
    group, planned = session(demo_store, "Caring Together", date(2026, 12, 10))
    assert await first_document_offered(demo_store, group, planned) == "agenda"


async def test_home_names_a_moved_session_by_its_old_date_and_asks_for_a_door_sign(demo_store):
    _, planned = session(demo_store, "Caring Together", date(2026, 11, 26))
    new_start = datetime(2026, 11, 27, 14, 0)  # the Friday after, still ahead of the clock
    demo_store.schedule.move(planned.series_id, planned.original_start, new_start)
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        attention = str(pilot.app.screen.query_one("#attention", Static).render())
    assert "Moved Thu 26 Nov to Fri 27 Nov 14:00: Caring Together; print a door sign" in attention
