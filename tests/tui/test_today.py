"""Finding tonight's session: Home lists all of today's sessions, and `t` opens the one on now.

The evening runs at a moving clock, on a laptop set to Tokyo for groups meeting in New York:
at 19:00 in New York it is already tomorrow morning in Tokyo (and in UTC).
"""

from __future__ import annotations

import time as system_time
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from facilitator.core.schedule import Preset, Recurrence
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.run import RunSessionScreen
from facilitator.tui.widgets.sessions import SessionTable
from tests.tui.conftest import SIZE, settle

GROUPS_MEET_IN = "America/New_York"
LAPTOP_ZONE = ZoneInfo("Asia/Tokyo")
TUESDAY = date(2026, 12, 1)


def in_new_york(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall time where the groups meet, as the laptop's clock reads it (in Tokyo)."""
    return datetime.combine(day, time(hour, minute), ZoneInfo(GROUPS_MEET_IN)).astimezone(
        LAPTOP_ZONE
    )


@pytest.fixture
def laptop_in_tokyo(monkeypatch):
    """The laptop's own zone is not the groups' zone."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    system_time.tzset()
    yield
    monkeypatch.undo()
    system_time.tzset()


def one_off(store, name: str, day: date, at: time, minutes: int) -> None:
    group = store.groups.create(name=name, timezone=GROUPS_MEET_IN)
    store.schedule.add_series(group.id, Recurrence(Preset.ONCE), day, at, minutes)


@pytest.fixture
def evening(store, clock, laptop_in_tokyo):
    """Tuesday in New York, 19:00: one session ended an hour ago, one began ten minutes ago,
    one is later tonight; one was yesterday and one is tomorrow."""
    one_off(store, "Yesterday Circle", TUESDAY - timedelta(days=1), time(18, 0), 60)
    one_off(store, "Early Circle", TUESDAY, time(16, 30), 90)  # ended 18:00
    one_off(store, "Evening Circle", TUESDAY, time(18, 50), 90)  # 18:50-20:20
    one_off(store, "Late Circle", TUESDAY, time(21, 30), 60)
    one_off(store, "Tomorrow Circle", TUESDAY + timedelta(days=1), time(18, 0), 60)
    clock.now = in_new_york(TUESDAY, 19, 0)
    store.settings.set("lock_after_minutes", "off")  # the clock jumps hours between keys here
    return store


def listed_groups(app) -> list[str]:
    return [item.group.name for item in app.screen.query_one(SessionTable).listings]


async def press_t_at(pilot, clock, moment: datetime) -> None:
    clock.now = moment
    await pilot.press("t")
    await settle(pilot)


async def test_home_lists_todays_sessions_begun_and_ended_then_the_weeks_ahead(evening, clock):
    async with FacilitatorApp(evening, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert listed_groups(pilot.app) == [
            "Early Circle",
            "Evening Circle",
            "Late Circle",
            "Tomorrow Circle",
        ]


async def test_home_starts_on_the_session_under_way(evening, clock):
    async with FacilitatorApp(evening, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one(SessionTable).chosen().group.name == "Evening Circle"


async def test_t_opens_the_session_that_began_ten_minutes_ago(evening, clock):
    async with FacilitatorApp(evening, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_t_at(pilot, clock, in_new_york(TUESDAY, 19, 0))
        assert isinstance(pilot.app.screen, RunSessionScreen)
        assert pilot.app.screen.group.name == "Evening Circle"


async def test_t_opens_the_next_session_today_once_the_last_one_is_over(evening, clock):
    async with FacilitatorApp(evening, now=clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_t_at(pilot, clock, in_new_york(TUESDAY, 20, 40))
        assert isinstance(pilot.app.screen, RunSessionScreen)
        assert pilot.app.screen.group.name == "Late Circle"


async def test_t_says_when_the_next_session_is_when_none_is_left_today(evening, clock):
    app = FacilitatorApp(evening, now=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await press_t_at(pilot, clock, in_new_york(TUESDAY, 22, 45))
        assert isinstance(pilot.app.screen, HomeScreen)
        said = [n.message for n in app._notifications]
        assert said[-1] == (
            "No session today. The next is Tomorrow Circle on "
            "Wednesday 2 December 2026, 18:00 America/New_York."
        )
