"""The date and time grammar people type, read strictly: a value with a preview, or a reason.

Accepted (case does not matter):
  2026-12-08 18:30   2026-12-08T18:30   08/12/2026 (only with a configured date order)
  8 dec 2026   december 8   tue 8 dec   today   tomorrow   tue   next tuesday
  in 3 days   in 2 weeks   in 1 month   2nd tue   last thu of march
  ... each optionally followed by a time: 18:30, 6pm, 6:30pm, at 18:30, noon, midnight
Nothing is guessed: no fuzzy parsing, no two-digit years, no silent day/month swap.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from facilitator.core.clock import MONTHS, WEEKDAYS, localize, long_date, long_datetime
from facilitator.core.errors import InputError, quoted

MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_INPUT = 80

EXAMPLES = "2026-12-08 18:30, tue 18:30, next tuesday 6pm, in 2 weeks or 2nd tue"


class DateOrder(StrEnum):
    """How numeric dates with slashes are read; ISO refuses them as ambiguous."""

    ISO = "iso"
    DAY_FIRST = "dmy"
    MONTH_FIRST = "mdy"


@dataclass(frozen=True)
class ParsedWhen:
    """A date, perhaps with a time, as understood, and how to show it back."""

    day: date
    clock: time | None
    preview: str
    warning: str = ""

    @property
    def wall_time(self) -> datetime:
        """The naive wall time (midnight when no time was given)."""
        return datetime.combine(self.day, self.clock or time(0, 0))


_WEEKDAY_NAMES = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
_WEEKDAY_NAMES |= {name[:3].lower(): i for i, name in enumerate(WEEKDAYS)}
_WEEKDAY_NAMES |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_MONTH_NAMES = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NAMES |= {name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NAMES |= {"sept": 9}
_ORDINALS = {
    "1st": 1,
    "first": 1,
    "2nd": 2,
    "second": 2,
    "3rd": 3,
    "third": 3,
    "4th": 4,
    "fourth": 4,
    "5th": 5,
    "fifth": 5,
    "last": -1,
}

_WD = "|".join(sorted(_WEEKDAY_NAMES, key=len, reverse=True))
_MON = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_ORD = "|".join(_ORDINALS)

# Patterns are compiled on first use (re keeps them): the app's first screen reads no dates.
_TIME = (
    r"(?:^|\s)(?:at\s+)?(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>am|pm)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})|(?P<word>noon|midnight))$"
)
_ISO = r"^(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})$"
_NUMERIC = r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:[/.](?P<y>\d+))?$"
_RELATIVE = r"^in\s+(?P<n>\d{1,4}|a|an|one)\s+(?P<unit>day|week|month)s?$"
_WEEKDAY = rf"^(?P<next>next\s+|this\s+)?(?P<wd>{_WD})$"
_NTH = (
    rf"^(?:the\s+)?(?P<ord>{_ORD})\s+(?P<wd>{_WD})"
    rf"(?:\s+(?:of|in)\s+(?P<mon>{_MON})(?:\s+(?P<y>\d{{4}}))?)?$"
)
_DAY_MONTH = (
    rf"^(?:(?P<wd>{_WD})\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})"
    rf"(?:\s+(?P<y>\d{{4}}))?$"
)
_MONTH_DAY = (
    rf"^(?:(?P<wd>{_WD})\s+)?(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:\s+(?P<y>\d{{4}}))?$"
)


def parse_when(
    text: str,
    *,
    today: date,
    timezone: str,
    date_order: DateOrder = DateOrder.ISO,
    require_time: bool = False,
    default_time: time | None = None,
    near: bool = False,
) -> ParsedWhen:
    """Read a date and optional time typed by a person, or raise InputError saying why.
    With near, 'wed' and '23 dec' are the ones nearest `today`, before or after it (a
    session moved from Thu 24 Dec to '23 dec' goes to the day before, not a year on)."""
    cleaned = _normalise(text)
    date_text, clock = _split_time(cleaned)
    if not date_text:
        raise InputError(f"{quoted(text.strip())} has a time but no date: try tue 18:30", "date")
    day = _parse_date_part(date_text, today, date_order, near)
    clock = clock or default_time
    if clock is None:
        if require_time:
            raise InputError(f"add a time, e.g. {date_text} 18:30", "time")
        return ParsedWhen(day, None, long_date(day))
    aware, warning = localize(datetime.combine(day, clock), timezone)
    return ParsedWhen(aware.date(), aware.time(), long_datetime(aware, timezone), warning)


def parse_date(text: str, *, today: date, date_order: DateOrder = DateOrder.ISO) -> date:
    """Read a date with no time, or raise InputError saying why."""
    cleaned = _normalise(text)
    date_text, clock = _split_time(cleaned)
    if clock is not None:
        raise InputError("give a date without a time, e.g. 2026-12-08", "date")
    return _parse_date_part(date_text, today, date_order)


def parse_time(text: str) -> time:
    """Read a time of day such as 18:30 or 6pm."""
    cleaned = _normalise(text)
    date_text, clock = _split_time(cleaned)
    if clock is None or date_text:
        raise InputError(f"{quoted(text.strip())} is not a time: try 18:30 or 6:30pm", "time")
    return clock


def _normalise(text: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"is empty: try {EXAMPLES}", "date")
    if len(text) > MAX_INPUT:
        raise InputError(f"is too long to be a date ({len(text):,} characters)", "date")
    cleaned = " ".join(text.lower().replace(",", " ").split())
    # ISO's T between date and time
    return re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})t(\d)", r"\1 \2", cleaned)


def _split_time(text: str) -> tuple[str, time | None]:
    match = re.search(_TIME, text)
    if not match:
        return text, None
    rest = text[: match.start()].strip()
    return rest, _read_clock(match)


def _read_clock(match: re.Match[str]) -> time:
    if match["word"]:
        return time(12, 0) if match["word"] == "noon" else time(0, 0)
    if match["h24"] is not None:
        hour, minute = int(match["h24"]), int(match["m24"])
        if hour > 23 or minute > 59:
            raise InputError(f"{hour}:{minute:02d} is not a time of day (00:00 to 23:59)", "time")
        return time(hour, minute)
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if not 1 <= hour <= 12 or minute > 59:
        raise InputError(f"{match.group(0).strip()} is not a time: try 6pm or 6:30pm", "time")
    hour = hour % 12 + (12 if match["ampm"] == "pm" else 0)
    return time(hour, minute)


def _parse_date_part(text: str, today: date, order: DateOrder, near: bool = False) -> date:
    if text in ("today", "tomorrow"):
        return today + timedelta(days=text == "tomorrow")
    for pattern, reader in _READERS:
        match = re.match(pattern, text)
        if match:
            day = reader(match, today, order)
            if near:
                day = _nearest(day, _one_back(match, reader, day), today)
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise InputError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}", "date")
            return day
    raise InputError(f"couldn't read {quoted(text)} as a date: try {EXAMPLES}", "date")


def _make_date(year: int, month: int, day: int) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}", "date")
    if not 1 <= month <= 12:
        raise InputError(f"there is no month {month}", "date")
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"{MONTHS[month - 1]} {year} has no day {day}", "date") from None


def _read_iso(match: re.Match[str], today: date, order: DateOrder) -> date:
    return _make_date(int(match["y"]), int(match["mo"]), int(match["d"]))


def _read_numeric(match: re.Match[str], today: date, order: DateOrder) -> date:
    if order is DateOrder.ISO:
        raise InputError(
            f"{match.group(0)} could be day/month or month/day: write it as YYYY-MM-DD, "
            "or set the date order in settings",
            "date",
        )
    year = match["y"]
    if year is None or len(year) != 4:
        raise InputError(f"write the year in full, e.g. {match['a']}/{match['b']}/2026", "date")
    first, second = int(match["a"]), int(match["b"])
    day, month = (first, second) if order is DateOrder.DAY_FIRST else (second, first)
    return _make_date(int(year), month, day)


def _read_relative(match: re.Match[str], today: date, order: DateOrder) -> date:
    count = 1 if match["n"] in ("a", "an", "one") else int(match["n"])
    unit = match["unit"]
    step = {"day": relativedelta(days=count), "week": relativedelta(weeks=count)}
    try:
        return today + step.get(unit, relativedelta(months=count))
    except (OverflowError, ValueError):
        raise InputError(f"in {count} {unit}s is too far ahead", "date") from None


def _read_weekday(match: re.Match[str], today: date, order: DateOrder) -> date:
    weekday = _WEEKDAY_NAMES[match["wd"]]
    ahead = (weekday - today.weekday()) % 7
    if match["next"] and match["next"].startswith("next") and ahead == 0:
        ahead = 7
    return today + timedelta(days=ahead)


def _read_nth_weekday(match: re.Match[str], today: date, order: DateOrder) -> date:
    nth, weekday = _ORDINALS[match["ord"]], _WEEKDAY_NAMES[match["wd"]]
    if match["mon"]:
        month = _MONTH_NAMES[match["mon"]]
        year = int(match["y"]) if match["y"] else _year_from(today, month, 31)
        return _nth_weekday(year, month, nth, weekday)
    this_month = _nth_weekday_or_none(today.year, today.month, nth, weekday)
    if this_month and this_month >= today:
        return this_month
    following = today + relativedelta(months=1, day=1)
    return _nth_weekday(following.year, following.month, nth, weekday)


def _read_day_month(match: re.Match[str], today: date, order: DateOrder) -> date:
    month, day_number = _MONTH_NAMES[match["mon"]], int(match["d"])
    year = int(match["y"]) if match["y"] else _year_from(today, month, day_number)
    day = _make_date(year, month, day_number)
    if match["wd"] and _WEEKDAY_NAMES[match["wd"]] != day.weekday():
        said = WEEKDAYS[_WEEKDAY_NAMES[match["wd"]]]
        raise InputError(f"{long_date(day)} is not a {said}", "date")
    return day


def _one_back(match: re.Match[str], reader, day: date) -> date | None:
    """The same weekday a week before, or the same day a year before, where the text let the
    reader choose (no 'next', no year): the other candidate for a date near another one."""
    groups = match.groupdict()
    if reader is _read_weekday and not groups.get("next"):
        return day - timedelta(days=7)
    if reader is _read_day_month and not groups.get("y"):
        with contextlib.suppress(ValueError):
            return day.replace(year=day.year - 1)
    return None


def _nearest(day: date, other: date | None, today: date) -> date:
    """Of two readings, the one nearer today (the later one on a tie)."""
    if other is None or abs((other - today).days) >= abs((day - today).days):
        return day
    return other


def _year_from(today: date, month: int, day: int) -> int:
    """The year that makes month/day today or later: 'dec 8' in January is this December."""
    return today.year if (month, day) >= (today.month, today.day) else today.year + 1


def _nth_weekday_or_none(year: int, month: int, nth: int, weekday: int) -> date | None:
    first = date(year, month, 1)
    if nth > 0:
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        return day if day.month == month else None
    last = first + relativedelta(months=1, days=-1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    day = _nth_weekday_or_none(year, month, nth, weekday)
    if day is None:
        raise InputError(
            f"there is no {_ordinal(nth)} {WEEKDAYS[weekday]} in {MONTHS[month - 1]} {year}",
            "date",
        )
    return day


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd", -1: "last"}.get(n, f"{n}th")


_READERS = (
    (_ISO, _read_iso),
    (_NUMERIC, _read_numeric),
    (_RELATIVE, _read_relative),
    (_WEEKDAY, _read_weekday),
    (_NTH, _read_nth_weekday),
    (_DAY_MONTH, _read_day_month),
    (_MONTH_DAY, _read_day_month),
)
