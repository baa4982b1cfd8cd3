"""Moving a session on its schedule: dates count from the session, and a move has a notice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from facilitator.tui.widgets.sessions import SessionTable
from tests.tui.conftest import SIZE, make_app, settle, type_into
from tests.tui.test_schedule import note, open_schedule

THYROID = "Thyroid Cancer Peer Circle"  # meets on Tuesdays; the next is Tue 8 Dec 2026


async def open_move_form(pilot, store):
    screen = await open_schedule(pilot, store, THYROID)
    chosen = screen.query_one(SessionTable).chosen().occurrence
    assert chosen.start.date() == date(2026, 12, 8)  # two and a half weeks after "today"
    await pilot.press("m")
    await settle(pilot)
    return chosen


async def test_a_weekday_in_the_move_form_counts_from_the_session_not_from_today(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_move_form(pilot, demo_store)
        await type_into(pilot, "#field-when", "wed 19:00")
        assert note(pilot, "when") == "Wednesday 9 December 2026, 19:00 Europe/London"


async def test_a_move_saves_its_public_notice_for_the_door_sign(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        chosen = await open_move_form(pilot, demo_store)
        await type_into(pilot, "#field-when", "wed 19:00")
        await type_into(pilot, "#field-notice", "One night only: Wednesday.")
        await pilot.press("ctrl+s")
        await settle(pilot)
    moved = demo_store.schedule.occurrence(chosen.series_id, chosen.original_start)
    assert moved.start == datetime(2026, 12, 9, 19, 0, tzinfo=UTC)
    assert moved.public_notice == "One night only: Wednesday."
