"""iCalendar: one VEVENT per series with its RRULE, and overrides for changed sessions.

Cancelled sessions are RECURRENCE-ID overrides with STATUS:CANCELLED and the public notice,
so a subscriber's calendar says "cancelled" instead of the session silently vanishing.
No member data ever goes into a calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from facilitator.core.model import Group, Override, Series, SessionStatus
from facilitator.core.schedule import join_rule, rule_parts

PRODID = "-//facilitator//support group sessions//EN"


def calendar_ics(
    entries: Sequence[tuple[Group, Series, Sequence[Override]]], now: datetime, name: str
) -> bytes:
    """An .ics file for the given series, with their changed sessions."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for group, series, overrides in entries:
        master = _master(group, series, now)
        cal.add_component(master)
        for override in overrides:
            if not _changes_something(series, group, override):
                continue
            if series.rrule:
                cal.add_component(_override_event(group, series, override, now))
            else:
                _apply(master, group, series, override)
    cal.add_missing_timezones()
    return cal.to_ical()


def _uid(series: Series) -> str:
    return f"{series.id}@facilitator"


def _master(group: Group, series: Series, now: datetime) -> Event:
    zone = ZoneInfo(series.timezone)
    event = Event()
    event.add("uid", _uid(series))
    event.add("dtstamp", now.astimezone(UTC))
    event.add("summary", group.name)
    event.add("dtstart", series.dtstart.replace(tzinfo=zone))
    event.add(
        "dtend", (series.dtstart + timedelta(minutes=series.duration_minutes)).replace(tzinfo=zone)
    )
    location = series.room or group.room
    if location:
        event.add("location", location)
    description = "\n".join(part for part in (group.description, group.online_link) if part)
    if description:
        event.add("description", description)
    if group.online_link:
        event.add("url", group.online_link)
    if series.rrule:
        event.add("rrule", vRecur.from_ical(_utc_until(series)))
    if series.cancelled_reason is not None:
        event.add("status", "CANCELLED")
        event["description"] = series.public_notice or "Cancelled"  # never the reason
    else:
        event.add("status", "CONFIRMED")
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


def _override_event(group: Group, series: Series, override: Override, now: datetime) -> Event:
    zone = ZoneInfo(series.timezone)
    event = Event()
    event.add("uid", _uid(series))
    event.add("dtstamp", now.astimezone(UTC))
    event.add("recurrence-id", override.original_start.replace(tzinfo=zone))
    event.add("summary", group.name)
    _apply(event, group, series, override)
    return event


def _apply(event: Event, group: Group, series: Series, override: Override) -> None:
    zone = ZoneInfo(series.timezone)
    start = override.start or override.original_start
    end = override.end or start + timedelta(minutes=series.duration_minutes)
    for key in ("dtstart", "dtend", "location", "status"):
        event.pop(key, None)
    event.add("dtstart", start.replace(tzinfo=zone))
    event.add("dtend", end.replace(tzinfo=zone))
    location = override.room or series.room or group.room
    if location:
        event.add("location", location)
    cancelled = override.status is SessionStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if cancelled:
        event.pop("description", None)
        event.add("description", override.public_notice or "Cancelled")  # never the reason
        event["summary"] = f"Cancelled: {group.name}"
