"""today, tomorrow, tue and the default range are read in the home time zone, so the CLI
gives the same answer whatever zone the laptop is set to.

Pago Pago (UTC-11) and Kiritimati (UTC+14) are 25 hours apart: at every moment the two
laptops' calendars show different dates, so on the laptops' own clocks every answer would
differ."""

from __future__ import annotations

import json
import time as system_time
from datetime import UTC, date, datetime, time

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.core.clock import WEEKDAYS, today_in
from facilitator.core.schedule import parse_recurrence
from facilitator.store import Store

LAPTOP_ZONES = ("Pacific/Pago_Pago", "Pacific/Kiritimati")


@pytest.fixture
def every_evening(tmp_path):
    """A London group meeting at 18:30 every day of the week."""
    path = tmp_path / "daily.db"
    store = Store(path)
    group = store.groups.create(name="Evening Circle", timezone="Europe/London")
    for weekday in WEEKDAYS:
        recurrence = parse_recurrence(f"weekly on {weekday}")
        store.schedule.add_series(group.id, recurrence, date(2026, 1, 1), time(18, 30), 60)
    store.close()
    return path


@pytest.fixture
def laptop_in(monkeypatch):
    """Set the process's time zone, as the laptop's own setting would; put back after."""

    def move(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        system_time.tzset()

    yield move
    monkeypatch.undo()
    system_time.tzset()


def days_listed(path, laptop_in, zone: str, *options: str) -> list[str]:
    laptop_in(zone)
    result = CliRunner().invoke(cli, ["sessions", "list", "--db", str(path), "--json", *options])
    assert result.exit_code == 0, result.output
    return [row["start"][:10] for row in json.loads(result.stdout)]


def london_today() -> date:
    return today_in("Europe/London", datetime.now(UTC))


@pytest.mark.parametrize(
    "options",
    [("--from", "today", "--to", "tomorrow"), ("--to", "in 2 weeks")],
    ids=["today to tomorrow", "default from to in 2 weeks"],
)
def test_relative_days_list_the_same_sessions_whatever_the_laptops_zone(
    every_evening, laptop_in, options
):
    listed = [days_listed(every_evening, laptop_in, zone, *options) for zone in LAPTOP_ZONES]
    assert listed[0] == listed[1]


def test_today_is_today_where_the_groups_meet(every_evening, laptop_in):
    for zone in LAPTOP_ZONES:
        days = days_listed(every_evening, laptop_in, zone, "--from", "today", "--to", "today")
        assert days == [london_today().isoformat()], zone


def test_the_default_range_starts_today_where_the_groups_meet(every_evening, laptop_in):
    for zone in LAPTOP_ZONES:
        days = days_listed(every_evening, laptop_in, zone)
        assert days[0] == london_today().isoformat(), zone
