"""The schedule screen: add a series with a preview, cancel, move, did not occur, restore."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Static

from facilitator.core.model import Presence, SessionStatus
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.form import FormDialog
from facilitator.tui.screens.schedule import ScheduleScreen
from facilitator.tui.widgets.sessions import SessionTable
from tests.conftest import FROZEN_NOW
from tests.tui.conftest import SIZE, make_app, settle, type_into


async def open_schedule(pilot, store, name: str) -> ScheduleScreen:
    await settle(pilot)
    pilot.app.push_screen(ScheduleScreen(store.groups.by_name(name)))
    await settle(pilot)
    return pilot.app.screen


def note(pilot, name: str) -> str:
    return str(pilot.app.screen.query_one(f"#note-{name}", Static).render())


def upcoming(store, name: str):
    group = store.groups.by_name(name)
    listed = store.schedule.listings(FROZEN_NOW, FROZEN_NOW + timedelta(days=60), group.id)
    return [item.occurrence for item in listed]


async def test_adding_a_series_previews_its_next_six_dates_and_saves_it(store):
    group = store.groups.create(name="Circle", timezone="Europe/London")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_schedule(pilot, store, "Circle")
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, "#field-schedule", "monthly on the last thu")
        await type_into(pilot, "#field-first", "2026-12-01")
        preview = note(pilot, "schedule")
        assert preview.startswith("Monthly on the last Thursday: Thu 31 Dec 2026, Thu 28 Jan 2027")
        assert preview.count(",") == 5
        await type_into(pilot, "#field-time", "6:30pm")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ScheduleScreen)
    [series] = store.schedule.series(group.id)
    assert series.rrule == "FREQ=MONTHLY;BYDAY=-1TH"
    assert series.dtstart == datetime(2026, 12, 31, 18, 30)


async def test_a_bad_schedule_or_date_is_explained_and_nothing_is_written(store):
    group = store.groups.create(name="Circle", timezone="Europe/London")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_schedule(pilot, store, "Circle")
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, "#field-first", "2026-02-30")
        assert "February 2026 has no day 30" in note(pilot, "first")
        await type_into(pilot, "#field-schedule", "monthly on day 31")
        assert "from 1 to 28" in note(pilot, "schedule")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormDialog)
        await type_into(pilot, "#field-schedule", "weekly on tue")
        await type_into(pilot, "#field-first", "today")
        await type_into(pilot, "#field-minutes", "-5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "from 1 to 720 minutes" in note(pilot, "minutes")
    assert store.schedule.series(group.id) == []


async def test_cancelling_a_session_records_reason_and_notice(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_schedule(pilot, demo_store, "Caring Together")
        chosen = screen.query_one(SessionTable).chosen().occurrence
        assert chosen.start >= FROZEN_NOW  # the cursor starts at the next session
        await pilot.press("c")
        await settle(pilot)
        await type_into(pilot, "#field-reason", "Snow")
        await type_into(pilot, "#field-notice", "See you next week")
        await pilot.press("ctrl+s")
        await settle(pilot)
    occurrence = demo_store.schedule.occurrence(chosen.series_id, chosen.original_start)
    assert occurrence.status is SessionStatus.CANCELLED
    assert (occurrence.reason, occurrence.public_notice) == ("Snow", "See you next week")


async def test_moving_a_session_shows_the_new_time_before_saving(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_schedule(pilot, demo_store, "Caring Together")
        chosen = screen.query_one(SessionTable).chosen().occurrence
        await pilot.press("m")
        await settle(pilot)
        await type_into(pilot, "#field-when", "2026-11-27 14:00")
        assert note(pilot, "when") == "Friday 27 November 2026, 14:00 Europe/London"
        await type_into(pilot, "#field-room", "Hall")
        await pilot.press("ctrl+s")
        await settle(pilot)
    moved = demo_store.schedule.occurrence(chosen.series_id, chosen.original_start)
    assert moved.start == datetime(2026, 11, 27, 14, 0, tzinfo=UTC) and moved.room == "Hall"


async def test_a_time_that_does_not_exist_is_refused_at_the_field(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_schedule(pilot, demo_store, "Caring Together")
        await pilot.press("m")
        await settle(pilot)
        await type_into(pilot, "#field-when", "tue 25:00")
        assert "not a time of day" in note(pilot, "when")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormDialog)
    assert all(not o.moved for o in upcoming(demo_store, "Caring Together"))


async def test_did_not_occur_and_restore(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_schedule(pilot, demo_store, "Caring Together")
        table = screen.query_one(SessionTable)
        table.move_cursor(row=table.cursor_row - 1)  # the last past session
        chosen = table.chosen().occurrence
        await pilot.press("d")
        await settle(pilot)
        await type_into(pilot, "#field-reason", "Room locked")
        await pilot.press("ctrl+s")
        await settle(pilot)
        recorded = demo_store.schedule.occurrence(chosen.series_id, chosen.original_start)
        assert recorded.status is SessionStatus.DID_NOT_OCCUR
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    restored = demo_store.schedule.occurrence(chosen.series_id, chosen.original_start)
    assert restored.status is chosen.status is SessionStatus.HELD


async def test_a_future_session_cannot_be_marked_did_not_occur(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_schedule(pilot, demo_store, "Caring Together")
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "cancel it instead" in str(pilot.app.screen.query_one("#form-error").render())


async def cancel_the_last_held_session(pilot, store) -> SessionTable:
    """On Caring Together's schedule, press c on the last session held before today."""
    screen = await open_schedule(pilot, store, "Caring Together")
    table = screen.query_one(SessionTable)
    table.move_cursor(row=table.cursor_row - 1)
    await settle(pilot)
    assert table.chosen().occurrence.status is SessionStatus.HELD
    await pilot.press("c")
    await settle(pilot)
    return table


async def test_cancelling_a_held_session_asks_first_and_says_what_is_recorded(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        table = await cancel_the_last_held_session(pilot, demo_store)
        came = table.chosen().present
        assert isinstance(pilot.app.screen, ConfirmDialog)
        detail = str(pilot.app.screen.query_one("#confirm-detail", Static).render())
        assert f"Recorded: {came} came" in detail
        await pilot.press("enter")  # No is the default
        await settle(pilot)
        assert isinstance(pilot.app.screen, ScheduleScreen)
        assert table.chosen().occurrence.status is SessionStatus.HELD


async def test_restoring_a_cancelled_held_session_gives_it_back_held_with_its_counts(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        table = await cancel_the_last_held_session(pilot, demo_store)
        held = table.chosen()
        await pilot.press("y")
        await settle(pilot)
        await type_into(pilot, "#field-reason", "Entered on the wrong week")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table.chosen().occurrence.status is SessionStatus.CANCELLED
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert (table.chosen().occurrence.status, table.chosen().present) == (
            SessionStatus.HELD,
            held.present,
        )


async def test_cancelling_a_session_with_attendance_not_yet_closed_asks_first(demo_store):
    group = demo_store.groups.by_name("Caring Together")
    [upcoming_one, *_] = upcoming(demo_store, "Caring Together")
    olu = next(m for m in demo_store.people.members(group.id) if m.alias == "Olu")
    key = (upcoming_one.series_id, upcoming_one.original_start)
    demo_store.people.record(*key, olu.id, Presence.PRESENT)
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_schedule(pilot, demo_store, "Caring Together")
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        detail = str(pilot.app.screen.query_one("#confirm-detail", Static).render())
        assert detail.startswith("Recorded: 1 came.")


async def test_s_on_a_home_session_opens_its_schedule_on_that_session(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = pilot.app.screen.query_one(SessionTable)
        caring = [i for i, item in enumerate(home.listings) if item.group.name == "Caring Together"]
        home.move_cursor(row=caring[1])  # not the group's next session: the one after
        wanted = home.chosen().occurrence
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ScheduleScreen)
        chosen = pilot.app.screen.query_one(SessionTable).chosen().occurrence
        assert chosen.original_start == wanted.original_start
