"""Wall times in IANA zones: DST gaps and folds, and how dates read to people."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def wall_time_exists(naive: datetime, zone: ZoneInfo) -> bool:
    """Whether this wall time happens at all in the zone (not in a DST gap)."""
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def wall_time_is_ambiguous(naive: datetime, zone: ZoneInfo) -> bool:
    """Whether this wall time happens twice (the hour clocks go back)."""
    first = naive.replace(tzinfo=zone, fold=0).utcoffset()
    second = naive.replace(tzinfo=zone, fold=1).utcoffset()
    return first != second


def localize(naive: datetime, timezone: str) -> tuple[datetime, str]:
    """Attach the zone to a wall time; a gap time moves forward, with a warning saying so."""
    zone = ZoneInfo(timezone)
    aware = naive.replace(tzinfo=zone, fold=0)
    if aware.utcoffset() == naive.replace(tzinfo=zone, fold=1).utcoffset():
        return aware, ""  # the usual case: both readings agree, so no gap and no repeat
    if not wall_time_exists(naive, zone):
        # fold=0 reads the gap time with the offset from before the change, which lands
        # after the gap once normalised: 02:30 in a 02:00-03:00 gap becomes 03:30.
        moved = naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
        warning = (
            f"{naive:%H:%M} does not exist on {long_date(naive.date())} in {timezone} "
            f"(the clocks go forward); using {moved:%H:%M}"
        )
        return moved, warning
    if wall_time_is_ambiguous(naive, zone):
        warning = (
            f"{naive:%H:%M} happens twice on {long_date(naive.date())} in {timezone} "
            f"(the clocks go back); using the first, {utc_offset(aware)}"
        )
        return aware, warning
    return aware, ""


def utc_offset(moment: datetime) -> str:
    """The offset as people read it: UTC+01:00."""
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def long_date(day: date) -> str:
    """Tuesday 8 December 2026, whatever the laptop's locale."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date, this_year: int) -> str:
    """'8 Dec' in this year, '8 Dec 2027' in any other: a table's date, never ambiguous."""
    shown = f"{day.day} {MONTHS[day.month - 1][:3]}"
    return shown if day.year == this_year else f"{shown} {day.year}"


def long_datetime(moment: datetime, timezone: str) -> str:
    """Tuesday 8 December 2026, 18:30 Europe/London."""
    return f"{long_date(moment.date())}, {moment:%H:%M} {timezone}"


def starts_in(start: datetime, now: datetime) -> str:
    """When a session starts, as people say it, in the session's own zone: "in 25 minutes",
    "today at 18:30", "tomorrow at 18:30", "on Tuesday at 18:30", or
    "in 30 days, on Monday 21 December 2026 at 18:30"."""
    now = now.astimezone(start.tzinfo)
    minutes = max(1, math.ceil((start - now).total_seconds() / 60))
    days = (start.date() - now.date()).days
    at = f"at {start:%H:%M}"
    if minutes < 60:
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    if days == 0:
        return f"today {at}"
    if days == 1:
        return f"tomorrow {at}"
    if days < 7:
        return f"on {WEEKDAYS[start.weekday()]} {at}"
    return f"in {days} days, on {long_date(start.date())} {at}"


def today_in(timezone: str, now: datetime | None = None) -> date:
    """Today's date where the group meets, not where the laptop thinks it is."""
    moment = now or datetime.now(UTC)
    return moment.astimezone(ZoneInfo(timezone)).date()
