"""Volunteer mode: today's sessions and attendance only; nothing else can be reached."""

from __future__ import annotations

from datetime import date, time

from facilitator.core.model import Presence
from facilitator.core.schedule import parse_recurrence
from facilitator.tui.commands import ActionCommands
from facilitator.tui.screens.run import RunSessionScreen
from facilitator.tui.screens.volunteer import VolunteerScreen
from facilitator.tui.widgets.sessions import SessionTable
from tests.tui.conftest import SIZE, make_app, settle, type_into

FORBIDDEN = (
    "CheckinsScreen",
    "MembersScreen",
    "ReportsScreen",
    "GroupsScreen",
    "ResourcesScreen",
    "TemplatesScreen",
    "FormDialog",
    "ScheduleScreen",
)


def today_group(store):
    group = store.groups.create(name="Saturday Circle", timezone="UTC")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on sat"), date(2026, 11, 21), time(20, 0), 60
    )
    store.people.add_member(group.id, "Ade")
    return group


async def test_volunteers_see_todays_sessions_and_take_attendance(store):
    group = today_group(store)
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, VolunteerScreen)
        assert [i.group.name for i in pilot.app.screen.query_one(SessionTable).listings] == [
            "Saturday Circle"
        ]
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, RunSessionScreen) and screen.volunteer
        await type_into(pilot, "#filter", "ade")
        await pilot.press("enter")
        await settle(pilot)
    occurrence = store.documents.session_on(group, date(2026, 11, 21))
    [row] = store.people.attendance(occurrence.series_id, occurrence.original_start)
    assert row.presence is Presence.PRESENT


async def test_volunteer_mode_cannot_reach_checkins_or_member_history(store):
    today_group(store)
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("g", "l", "a", "o", "m", "c", "p", "s", "x"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        run = pilot.app.screen
        assert not run.query("#tab-checkins") and not run.query("#tab-handouts")
        assert not run.query("#tab-agenda")
        for key in ("m", "c", "p", "g", "ctrl+s", "f1", "escape"):
            await pilot.press(key)
            await settle(pilot)
        names = {type(s).__name__ for s in pilot.app.screen_stack}
        assert not names & set(FORBIDDEN)
        for action in ("open('groups')", "open('resources')", "open('settings')"):
            await pilot.app.run_action(action)
            await settle(pilot)
        names = {type(s).__name__ for s in pilot.app.screen_stack}
        assert not names & set(FORBIDDEN)
        commands = [name for name, _, _ in ActionCommands(pilot.app.screen, None)._commands()]
        assert "Groups" not in commands and "Resource library" not in commands


async def test_tab_moves_from_count_to_count_at_the_door(store):
    from facilitator.tui.widgets.counter import Counter

    group = store.groups.create(name="Counted", timezone="UTC", privacy="counts")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on sat"), date(2026, 11, 21), time(20, 0), 60
    )
    async with make_app(store, volunteer=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        counters = list(pilot.app.screen.query(Counter))
        counters[0].focus()
        await pilot.press("tab")
        assert pilot.app.screen.focused is counters[1]
        await pilot.press("plus")
        await settle(pilot)
        assert counters[1].value == 1
