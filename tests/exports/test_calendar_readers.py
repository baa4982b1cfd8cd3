"""The exported calendar read by the programs people use: every session at the moment, for the
length, with the words the app shows.

Three readers: ical.js (Mozilla's parser, in Thunderbird; run with Node), vobject (Python, in
CalDAV servers such as Radicale) and recurring-ical-events (Python, on icalendar).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject
import vobject.icalendar

from facilitator import outputs
from facilitator.core.model import Scope, SessionStatus
from facilitator.core.schedule import parse_recurrence

HERE = Path(__file__).parent
ICALJS_SCRIPT = HERE / "icaljs_expand.mjs"
INSTALL_ICALJS = "npm install --prefix tests/exports --no-package-lock"


def icaljs_sessions(data: bytes, start: datetime, end: datetime) -> list[dict]:
    """Sessions starting in [start, end) as ical.js reads them: UTC start and end, and text."""
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "ical.js").is_dir():
        pytest.fail(f"ical.js is needed to read calendars as Thunderbird does: {INSTALL_ICALJS}")
    window = [moment.astimezone(UTC).isoformat() for moment in (start, end)]
    found = subprocess.run(
        [node, str(ICALJS_SCRIPT), *window], input=data, capture_output=True, check=True
    )
    return json.loads(found.stdout)


def vobject_starts(data: bytes, start: datetime, end: datetime) -> list[datetime]:
    """The series' session starts in [start, end) as vobject reads them, in UTC."""
    # vobject keeps zones by name for the whole process; a fresh reader starts empty.
    known_zones = vars(vobject.icalendar)["__tzidMap"]
    known_zones.clear()
    known_zones["UTC"] = vobject.icalendar.utc
    calendar = vobject.readOne(data.decode("utf-8"))
    starts = []
    for event in calendar.vevent_list:
        rules = event.getrruleset(addRDate=True)
        moments = rules.between(start, end, inc=True) if rules else [event.dtstart.value]
        starts += [moment.astimezone(UTC) for moment in moments if start <= moment < end]
    return sorted(starts)


def python_events(data: bytes, start: datetime, end: datetime) -> list:
    return recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(start, end)


def app_sessions(store, group, start: datetime, end: datetime) -> list:
    return [item.occurrence for item in store.schedule.listings(start, end, group.id)]


def export(store, group, now: datetime) -> bytes:
    return outputs.calendar(store, group, now).data


def moments(session: dict) -> tuple[datetime, datetime]:
    """When a session ical.js read starts and ends."""
    return datetime.fromisoformat(session["start"]), datetime.fromisoformat(session["end"])


# A weekly series through a northern and a southern winter, and years past 2037.
WINDOWS = [
    (datetime(2026, 9, 1, tzinfo=UTC), datetime(2027, 12, 1, tzinfo=UTC)),
    (datetime(2041, 1, 1, tzinfo=UTC), datetime(2042, 1, 1, tzinfo=UTC)),
]
# Lord Howe moves by half an hour; Shanghai keeps one offset; Casablanca's changes follow
# Ramadan, so no yearly rule gives them and each is listed.
ZONES = [
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Shanghai",
    "Africa/Casablanca",
]


@pytest.fixture(params=ZONES)
def weekly(request, store):
    """An open-ended Tuesday 18:30 group in the zone."""
    group = store.groups.create(name="Circle", timezone=request.param)
    recurrence = parse_recurrence("weekly on tue")
    store.schedule.add_series(group.id, recurrence, date(2026, 9, 1), time(18, 30), 90)
    return group


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_ical_js_puts_every_session_at_the_moment_the_app_lists(store, clock, weekly, start, end):
    in_app = [(occ.start, occ.end) for occ in app_sessions(store, weekly, start, end)]
    read = icaljs_sessions(export(store, weekly, clock.now), start, end)
    assert [moments(session) for session in read] == in_app
    assert len(in_app) > 40


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_vobject_puts_every_session_at_the_moment_the_app_lists(store, clock, weekly, start, end):
    in_app = [occ.start.astimezone(UTC) for occ in app_sessions(store, weekly, start, end)]
    assert vobject_starts(export(store, weekly, clock.now), start, end) == in_app
    assert len(in_app) > 40


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_recurring_ical_events_puts_every_session_where_the_app_lists(
    store, clock, weekly, start, end
):
    in_app = [(occ.start, occ.end) for occ in app_sessions(store, weekly, start, end)]
    events = python_events(export(store, weekly, clock.now), start, end)
    assert sorted((e["DTSTART"].dt, e["DTEND"].dt) for e in events) == in_app


def test_the_zone_block_has_no_list_of_dates_on_one_line(store, clock, weekly):
    data = export(store, weekly, clock.now).decode()
    rdates = [line for line in data.split("\r\n") if line.startswith("RDATE")]
    assert all("," not in line for line in rdates)


# -- what a session says, and how it changes ---------------------------------------------------


@pytest.fixture
def circle(store):
    group = store.groups.create(
        name="Circle",
        timezone="Europe/London",
        description="Peer support after a diagnosis",
        online_link="https://meet.example.org/circle",
        room="Room 2",
    )
    recurrence = parse_recurrence("weekly on tue")
    series = store.schedule.add_series(group.id, recurrence, date(2026, 11, 3), time(18, 30), 90)
    return group, series


NOVEMBER = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 20, tzinfo=UTC))


def test_a_moved_or_re_roomed_session_keeps_the_description_and_link(store, clock, circle):
    group, series = circle
    store.schedule.move(series.id, datetime(2026, 11, 17, 18, 30), room="Hall")
    store.schedule.move(series.id, datetime(2026, 11, 24, 18, 30), datetime(2026, 11, 26, 19, 0))
    data = export(store, group, clock.now)
    for session in icaljs_sessions(data, *NOVEMBER):
        assert session["description"] == f"{group.description}\n{group.online_link}"
        assert session["url"] == group.online_link
    for event in python_events(data, *NOVEMBER):
        assert str(event["DESCRIPTION"]) == f"{group.description}\n{group.online_link}"
        assert str(event["URL"]) == group.online_link
    rooms = [s["location"] for s in icaljs_sessions(data, *NOVEMBER)]
    assert rooms == ["Room 2", "Room 2", "Hall", "Room 2", "Room 2", "Room 2", "Room 2"]


def test_cancelling_this_and_following_ends_the_series_with_one_notice(store, clock, circle):
    group, series = circle
    notice = "The group has ended; thank you all."
    store.schedule.cancel(
        series.id, datetime(2026, 12, 1, 18, 30), "funding", notice, scope=Scope.FOLLOWING
    )
    later = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))
    data = export(store, group, clock.now)
    read = [(s["start"][:10], s["status"], s["summary"]) for s in icaljs_sessions(data, *later)]
    assert read == [
        ("2026-11-03", "CONFIRMED", "Circle"),
        ("2026-11-10", "CONFIRMED", "Circle"),
        ("2026-11-17", "CONFIRMED", "Circle"),
        ("2026-11-24", "CONFIRMED", "Circle"),
        ("2026-12-01", "CANCELLED", "Cancelled: Circle"),
    ]
    [cancelled] = [e for e in python_events(data, *later) if e["STATUS"] == "CANCELLED"]
    assert str(cancelled["DESCRIPTION"]) == notice and "RRULE" not in cancelled
    assert "UNTIL=" in data.decode()


def sequences(data: bytes) -> dict[str, list[tuple[int, datetime]]]:
    """Each series' events: (SEQUENCE, LAST-MODIFIED), by UID."""
    found: dict[str, list[tuple[int, datetime]]] = {}
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        stamp = (int(event["SEQUENCE"]), event["LAST-MODIFIED"].dt)
        found.setdefault(str(event["UID"]), []).append(stamp)
    return found


def test_an_edit_raises_the_sequence_so_a_re_import_updates(store, clock, circle):
    group, series = circle
    other = store.schedule.add_series(
        group.id, parse_recurrence("monthly on day 5"), date(2026, 12, 1), time(10, 0), 60
    )
    before = sequences(export(store, group, clock.now))
    assert sequences(export(store, group, clock.now + timedelta(hours=1))) == before

    clock.now += timedelta(days=1)
    store.schedule.move(series.id, datetime(2026, 11, 24, 18, 30), room="Hall")
    after = sequences(export(store, group, clock.now))

    edited, untouched = f"{series.id}@facilitator", f"{other.id}@facilitator"
    [(old_sequence, old_stamp)] = before[edited]
    assert len(after[edited]) == 2  # the series and the moved session
    for sequence, stamp in after[edited]:
        assert sequence > old_sequence and stamp == clock.now > old_stamp
    assert after[untouched] == before[untouched]


def test_renaming_the_group_raises_the_sequence(store, clock, circle):
    group, series = circle
    [(old_sequence, _)] = sequences(export(store, group, clock.now))[f"{series.id}@facilitator"]
    clock.now += timedelta(minutes=5)
    store.groups.update(group.id, name="Evening Circle")
    [(sequence, stamp)] = sequences(export(store, group, clock.now))[f"{series.id}@facilitator"]
    assert sequence > old_sequence and stamp == clock.now


@pytest.mark.parametrize(("schedule", "sessions"), [("weekly on sun", 3), ("once", 1)])
def test_a_session_booked_in_a_dst_gap_keeps_its_length(store, clock, schedule, sessions):
    # The clocks go forward at 01:00 on Sunday 29 March 2026 in London: 01:30 does not exist.
    group = store.groups.create(name="Night Shift Carers", timezone="Europe/London")
    recurrence = parse_recurrence(schedule)
    store.schedule.add_series(group.id, recurrence, date(2026, 3, 29), time(1, 30), 60)
    window = (datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 4, 13, tzinfo=UTC))

    in_app = app_sessions(store, group, *window)
    assert [occ.end - occ.start for occ in in_app] == [timedelta(hours=1)] * sessions
    data = export(store, group, clock.now)
    read = icaljs_sessions(data, *window)
    assert [moments(session) for session in read] == [(occ.start, occ.end) for occ in in_app]
    events = sorted(python_events(data, *window), key=lambda e: e["DTSTART"].dt)
    assert [(e["DTSTART"].dt, e["DTEND"].dt) for e in events] == [
        (occ.start, occ.end) for occ in in_app
    ]
    assert in_app[0].status is SessionStatus.SCHEDULED
