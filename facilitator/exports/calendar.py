"""iCalendar: one VEVENT per series with its RRULE, and overrides for changed sessions.

Cancelled sessions are RECURRENCE-ID overrides with STATUS:CANCELLED and the public notice,
so a subscriber's calendar says "cancelled" instead of the session silently vanishing.
No member data ever goes into a calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar, Event, vRecur

from facilitator.core.clock import localize
from facilitator.core.model import Group, Override, Series, SessionStatus
from facilitator.core.schedule import is_occurrence, join_rule, rule_parts
from facilitator.exports.timezones import skipped_times, vtimezone

PRODID = "-//facilitator//support group sessions//EN"
# SEQUENCE counts seconds from here to a series' last change: it grows with every edit without
# a stored counter, and fits the 32-bit integers calendar programs keep until 2092.
_SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
# How far ahead sessions that fall in a DST gap are written out as moved sessions.
_GAP_HORIZON = timedelta(days=3 * 366)


def calendar_ics(
    entries: Sequence[tuple[Group, Series, Sequence[Override]]], now: datetime, name: str
) -> bytes:
    """An .ics file for the given series, with their changed sessions."""
    now = now.astimezone(UTC)  # a naive `now` is the computer's local time
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for zone_name, (first_year, last_year) in sorted(_zone_years(entries).items()):
        cal.add_component(vtimezone(zone_name, first_year, last_year))
    for group, series, overrides in entries:
        for event in _series_events(group, series, overrides, now):
            cal.add_component(event)
    return cal.to_ical()


def _series_events(
    group: Group, series: Series, overrides: Sequence[Override], now: datetime
) -> list[Event]:
    revised = _last_change(group, series, overrides)
    if series.cancelled_reason is not None:
        return [_cancelled_series(group, series, now, revised)]
    master = _master(group, series, now, revised)
    events = [master]
    for override in [*overrides, *_gap_sessions(series, overrides, now)]:
        if not _changes_something(series, group, override):
            continue
        if series.rrule:
            events.append(_override_event(group, series, override, now, revised))
        else:
            _apply(master, group, series, override)
    return events


def _gap_sessions(series: Series, overrides: Sequence[Override], now: datetime) -> list[Override]:
    """Sessions at a wall time the clocks skip (01:30 as they jump from 01:00 to 02:00), each as
    a session moved to the time the app shows. Readers differ on a skipped time: ical.js
    reads it an hour early, icalendar an hour late and zero minutes long."""
    if not series.rrule:
        return []
    recorded = {override.original_start for override in overrides}
    last_year = (now + _GAP_HORIZON).year
    found = []
    for gap_start, gap_end in skipped_times(series.timezone, series.dtstart.year, last_year):
        for day in sorted({gap_start.date(), gap_end.date()}):
            wall = datetime.combine(day, series.dtstart.time())
            skipped = gap_start <= wall < gap_end and wall not in recorded
            if skipped and is_occurrence(series, wall):
                found.append(
                    Override(series.id, wall, start=_start(series, wall).replace(tzinfo=None))
                )
    return found


def _start(series: Series, wall: datetime) -> datetime:
    """A session's start as written: in the series' zone, never at a time the clocks skip."""
    return localize(wall, series.timezone)[0]


def _uid(series: Series) -> str:
    return f"{series.id}@facilitator"


def _new_event(series: Series, now: datetime, revised: datetime | None) -> Event:
    """An event of the series with what tells a calendar program which copy is newer."""
    event = Event()
    event.add("uid", _uid(series))
    event.add("dtstamp", now.astimezone(UTC))
    if revised is None:
        event.add("sequence", 0)
    else:
        event.add("sequence", max(int((revised - _SEQUENCE_EPOCH).total_seconds()), 0))
        event.add("last-modified", revised.astimezone(UTC))
    return event


def _last_change(group: Group, series: Series, overrides: Sequence[Override]) -> datetime | None:
    """When anything a subscriber sees of the series last changed: every one of its events
    carries it, so a re-import replaces them all."""
    stamps = [item.modified for item in (group, series, *overrides) if item.modified]
    return max(stamps, default=None)


def _describe(event: Event, group: Group, series: Series, room: str | None) -> None:
    """What every event of a series says: the group, where, and how to join."""
    event.add("summary", group.name)
    location = room or series.room or group.room
    if location:
        event.add("location", location)
    description = "\n".join(part for part in (group.description, group.online_link) if part)
    if description:
        event.add("description", description)
    if group.online_link:
        event.add("url", group.online_link)


def _master(group: Group, series: Series, now: datetime, revised: datetime | None) -> Event:
    event = _new_event(series, now, revised)
    _describe(event, group, series, None)
    # DURATION, not DTEND: every reader then gives each session the length the app does.
    if series.rrule:  # the rule's anchor; a first session in a gap is one of _gap_sessions
        event.add("dtstart", series.dtstart.replace(tzinfo=ZoneInfo(series.timezone)))
        event.add("rrule", vRecur.from_ical(_utc_until(series)))
    else:
        event.add("dtstart", _start(series, series.dtstart))
    event.add("duration", timedelta(minutes=series.duration_minutes))
    event.add("status", "CONFIRMED")
    return event


def _cancelled_series(
    group: Group, series: Series, now: datetime, revised: datetime | None
) -> Event:
    """Sessions cancelled from a date on: one cancelled event then, with the notice.

    The part before ends with UNTIL, so a subscriber's calendar shows the sessions stopping
    and why, not a weekly 'cancelled' event for ever."""
    event = _new_event(series, now, revised)
    _describe(event, group, series, None)
    event["summary"] = f"Cancelled: {group.name}"
    event.pop("description", None)
    event.add("description", series.public_notice or "Cancelled")  # never the reason
    event.add("dtstart", _start(series, series.dtstart))
    event.add("duration", timedelta(minutes=series.duration_minutes))
    event.add("status", "CANCELLED")
    return event


def _utc_until(series: Series) -> str:
    """RFC 5545: with a TZID start, UNTIL must be in UTC."""
    parts = rule_parts(series.rrule or "")
    if "UNTIL" in parts and not parts["UNTIL"].endswith("Z"):
        local = datetime.strptime(parts["UNTIL"], "%Y%m%dT%H%M%S")
        utc = local.replace(tzinfo=ZoneInfo(series.timezone)).astimezone(UTC)
        parts["UNTIL"] = utc.strftime("%Y%m%dT%H%M%SZ")
    return join_rule(parts)


def _changes_something(series: Series, group: Group, override: Override) -> bool:
    return (
        override.status is SessionStatus.CANCELLED
        or (override.start is not None and override.start != override.original_start)
        or bool(override.room and override.room != (series.room or group.room))
    )


def _override_event(
    group: Group, series: Series, override: Override, now: datetime, revised: datetime | None
) -> Event:
    event = _new_event(series, now, revised)
    event.add("recurrence-id", override.original_start.replace(tzinfo=ZoneInfo(series.timezone)))
    _describe(event, group, series, override.room)
    _apply(event, group, series, override)
    return event


def _apply(event: Event, group: Group, series: Series, override: Override) -> None:
    start = override.start or override.original_start
    end = override.end or start + timedelta(minutes=series.duration_minutes)
    for key in ("dtstart", "dtend", "duration", "location", "status"):
        event.pop(key, None)
    event.add("dtstart", _start(series, start))
    event.add("duration", end - start)
    location = override.room or series.room or group.room
    if location:
        event.add("location", location)
    cancelled = override.status is SessionStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if cancelled:
        event.pop("description", None)
        event.add("description", override.public_notice or "Cancelled")  # never the reason
        event["summary"] = f"Cancelled: {group.name}"


def _zone_years(
    entries: Sequence[tuple[Group, Series, Sequence[Override]]],
) -> dict[str, tuple[int, int | None]]:
    """For each zone, the first and last year with a session (None: a series with no end)."""
    years: dict[str, tuple[int, int | None]] = {}
    for _, series, overrides in entries:
        first, last = _years(series, overrides)
        if series.timezone in years:
            known_first, known_last = years[series.timezone]
            first = min(first, known_first)
            last = None if last is None or known_last is None else max(last, known_last)
        years[series.timezone] = (first, last)
    return years


def _years(series: Series, overrides: Sequence[Override]) -> tuple[int, int | None]:
    moved = [override.start for override in overrides if override.start]
    first = min([series.dtstart, *moved]).year
    last: int | None = max([series.dtstart, *moved]).year
    parts = rule_parts(series.rrule or "")
    if series.rrule and series.cancelled_reason is None:
        if "UNTIL" in parts:  # a UTC UNTIL can be a year behind the wall time
            last = max(last, int(parts["UNTIL"][:4]) + 1)
        elif "COUNT" in parts:
            final = list(rrulestr(series.rrule, dtstart=series.dtstart))[-1]
            last = max(last, final.year)
        else:
            last = None
    return first, last
