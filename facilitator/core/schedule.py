"""Schedules: presets as RFC 5545 rules, expanded in wall time, with per-session overrides."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

from facilitator.core.clock import WEEKDAYS, localize
from facilitator.core.errors import InputError, quoted
from facilitator.core.model import Occurrence, Override, Series, SessionStatus

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ORDINAL_WORDS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}


class Preset(StrEnum):
    """The schedules support groups actually keep."""

    WEEKLY = "weekly"
    EVERY_N_WEEKS = "every_n_weeks"
    MONTHLY_NTH = "monthly_nth"
    MONTHLY_DAY = "monthly_day"
    ONCE = "once"


@dataclass(frozen=True)
class Recurrence:
    """A preset and its parameters; `weekday` counts Monday as 0."""

    preset: Preset
    weekday: int | None = None
    interval: int = 1
    nth: int | None = None  # 1-4, or -1 for the last
    monthday: int | None = None

    def __post_init__(self) -> None:
        _check_recurrence(self)

    def rrule(self) -> str | None:
        """The RRULE text, or None for a one-off session."""
        match self.preset:
            case Preset.WEEKLY:
                return f"FREQ=WEEKLY;BYDAY={_BYDAY[self.weekday]}"
            case Preset.EVERY_N_WEEKS:
                return f"FREQ=WEEKLY;INTERVAL={self.interval};BYDAY={_BYDAY[self.weekday]}"
            case Preset.MONTHLY_NTH:
                return f"FREQ=MONTHLY;BYDAY={self.nth}{_BYDAY[self.weekday]}"
            case Preset.MONTHLY_DAY:
                return f"FREQ=MONTHLY;BYMONTHDAY={self.monthday}"
        return None

    def describe(self) -> str:
        """How a facilitator would say it: 'Monthly on the 2nd Tuesday'."""
        match self.preset:
            case Preset.WEEKLY:
                return f"Weekly on {WEEKDAYS[self.weekday]}"
            case Preset.EVERY_N_WEEKS:
                return f"Every {self.interval} weeks on {WEEKDAYS[self.weekday]}"
            case Preset.MONTHLY_NTH:
                return f"Monthly on the {_ORDINAL_WORDS[self.nth]} {WEEKDAYS[self.weekday]}"
            case Preset.MONTHLY_DAY:
                return f"Monthly on day {self.monthday}"
        return "Once"


def _check_recurrence(rec: Recurrence) -> None:
    needs_weekday = rec.preset in (Preset.WEEKLY, Preset.EVERY_N_WEEKS, Preset.MONTHLY_NTH)
    if needs_weekday and rec.weekday not in range(7):
        raise InputError("choose a day of the week", "schedule")
    if rec.preset is Preset.EVERY_N_WEEKS and not 2 <= rec.interval <= 12:
        raise InputError("every N weeks needs N from 2 to 12", "schedule")
    if rec.preset is Preset.MONTHLY_NTH and rec.nth not in _ORDINAL_WORDS:
        raise InputError("choose the 1st, 2nd, 3rd, 4th or last weekday", "schedule")
    if rec.preset is Preset.MONTHLY_DAY and rec.monthday not in range(1, 29):
        # Days 29-31 are missing from some months; a group would silently skip them.
        raise InputError("choose a day from 1 to 28, or 'last <weekday>'", "schedule")


_WD_WORDS = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
_WD_WORDS |= {name[:3].lower(): i for i, name in enumerate(WEEKDAYS)}
_WD = "|".join(sorted(_WD_WORDS, key=len, reverse=True))
# Compiled on first use (re keeps them): opening the app parses no recurrence.
_PRESET_PATTERNS = (
    (rf"^(?:weekly|every week)(?: on)? (?P<wd>{_WD})s?$", Preset.WEEKLY),
    (
        rf"^(?:every (?P<n>\d{{1,2}}|other) weeks?|fortnightly)(?: on)? (?P<wd>{_WD})s?$",
        Preset.EVERY_N_WEEKS,
    ),
    (
        (
            rf"^monthly(?: on)?(?: the)? (?P<nth>1st|2nd|3rd|4th|first|second|third|fourth|last)"
            rf" (?P<wd>{_WD})$"
        ),
        Preset.MONTHLY_NTH,
    ),
    (r"^monthly(?: on)?(?: the)?(?: day)? (?P<d>\d{1,2})(?:st|nd|rd|th)?$", None),
    (r"^(?:once|one-off|one off)$", Preset.ONCE),
)
_NTH_WORDS = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3}
_NTH_WORDS |= {"4th": 4, "fourth": 4, "last": -1}


def parse_recurrence(text: str) -> Recurrence:
    """Read 'weekly on tue', 'every 2 weeks on thu', 'monthly on the 2nd tue', 'monthly on
    day 15' or 'once'."""
    cleaned = " ".join(str(text).lower().split())[:80]
    for pattern, preset in _PRESET_PATTERNS:
        match = re.match(pattern, cleaned)
        if not match:
            continue
        groups = match.groupdict()
        weekday = _WD_WORDS.get(groups.get("wd") or "")
        if preset is Preset.EVERY_N_WEEKS:
            n = groups.get("n")
            interval = 2 if n in (None, "other") else int(n)
            if interval == 1:
                return Recurrence(Preset.WEEKLY, weekday=weekday)
            return Recurrence(preset, weekday=weekday, interval=interval)
        if preset is Preset.MONTHLY_NTH:
            return Recurrence(preset, weekday=weekday, nth=_NTH_WORDS[groups["nth"]])
        if preset is None:
            return Recurrence(Preset.MONTHLY_DAY, monthday=int(groups["d"]))
        return Recurrence(preset, weekday=weekday)
    raise InputError(
        f"couldn't read {quoted(text)} as a schedule: try 'weekly on tue', "
        "'every 2 weeks on thu', 'monthly on the 2nd tue', 'monthly on day 15' or 'once'",
        "schedule",
    )


def rule_parts(rule: str) -> dict[str, str]:
    """Split 'FREQ=WEEKLY;BYDAY=TU' into its named parts."""
    parts = (item.split("=", 1) for item in rule.strip().split(";") if "=" in item)
    return {key.upper(): value for key, value in parts}


def join_rule(parts: dict[str, str]) -> str:
    """The inverse of rule_parts, FREQ first as RFC 5545 recommends."""
    ordered = sorted(parts.items(), key=lambda item: item[0] != "FREQ")
    return ";".join(f"{key}={value}" for key, value in ordered)


def recurrence_of(rule: str | None) -> Recurrence:
    """The preset an RRULE text came from."""
    if not rule:
        return Recurrence(Preset.ONCE)
    parts = rule_parts(rule)
    interval = int(parts.get("INTERVAL", "1"))
    byday = parts.get("BYDAY", "")
    if parts.get("FREQ") == "WEEKLY" and byday in _BYDAY:
        if interval == 1:
            return Recurrence(Preset.WEEKLY, weekday=_BYDAY.index(byday))
        return Recurrence(Preset.EVERY_N_WEEKS, weekday=_BYDAY.index(byday), interval=interval)
    if parts.get("FREQ") == "MONTHLY" and byday:
        return Recurrence(Preset.MONTHLY_NTH, weekday=_BYDAY.index(byday[-2:]), nth=int(byday[:-2]))
    if parts.get("FREQ") == "MONTHLY" and "BYMONTHDAY" in parts:
        return Recurrence(Preset.MONTHLY_DAY, monthday=int(parts["BYMONTHDAY"]))
    raise InputError(f"unsupported schedule rule {quoted(rule)}", "schedule")


def describe_series(series: Series) -> str:
    """'Monthly on the 2nd Tuesday, 18:30-20:00 (Europe/London)'."""
    start = series.dtstart
    end = start + timedelta(minutes=series.duration_minutes)
    what = recurrence_of(series.rrule).describe()
    if what == "Once":
        what = f"Once on {start:%Y-%m-%d}"
    until = rule_parts(series.rrule).get("UNTIL") if series.rrule else None
    ending = f", until {until[:4]}-{until[4:6]}-{until[6:8]}" if until else ""
    cancelled = " (cancelled)" if series.cancelled_reason is not None else ""
    return f"{what}, {start:%H:%M}-{end:%H:%M} ({series.timezone}){ending}{cancelled}"


def first_start(rec: Recurrence, on_or_after: date, at: time) -> datetime:
    """The first occurrence of the preset on or after a date: a series' DTSTART."""
    start = datetime.combine(on_or_after, at)
    rule = rec.rrule()
    if rule is None:
        return start
    found = rrulestr(rule, dtstart=start).after(start, inc=True)
    if found is None:  # pragma: no cover - presets always recur
        raise InputError("this schedule has no sessions", "schedule")
    return found


def _rule(series: Series, near: datetime | None = None):
    """The series' rule; started a whole number of periods later when only dates near `near`
    are wanted, so ten years of history are not walked to reach next week."""
    rule = rrulestr(series.rrule, dtstart=series.dtstart)
    if near is None or "COUNT" in rule_parts(series.rrule):
        return rule
    return rule.replace(dtstart=series.dtstart + _whole_periods_before(series, near))


def _whole_periods_before(series: Series, near: datetime) -> timedelta | relativedelta:
    """A shift of whole rule periods keeping the new start at least a period before `near`.

    Every rule here has BYDAY or BYMONTHDAY, so a shifted start keeps the same pattern."""
    parts = rule_parts(series.rrule)
    interval = int(parts.get("INTERVAL", "1"))
    start = series.dtstart
    if parts.get("FREQ") == "WEEKLY":
        periods = (near - start).days // (7 * interval) - 1
        return timedelta(weeks=max(periods, 0) * interval)
    if parts.get("FREQ") == "MONTHLY" and ("BYDAY" in parts or "BYMONTHDAY" in parts):
        months = (near.year - start.year) * 12 + near.month - start.month
        periods = months // interval - 1
        return relativedelta(months=max(periods, 0) * interval)
    return timedelta(0)


def expand(
    series: Series,
    window_start: datetime,
    window_end: datetime,
    overrides: Iterable[Override] = (),
    default_room: str = "",
) -> list[Occurrence]:
    """The sessions of a series starting in [window_start, window_end), overrides applied."""
    by_start = {ov.original_start: ov for ov in overrides if ov.series_id == series.id}
    zone = ZoneInfo(series.timezone)
    # Wall-time bounds with a day's slack either side: the aware filter below is exact.
    low = window_start.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    high = window_end.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
    if series.rrule:
        originals = _rule(series, near=low).between(low, high, inc=True)
    else:
        originals = [series.dtstart] if low <= series.dtstart <= high else []
    found = [
        _plain(series, original, default_room) for original in originals if original not in by_start
    ]
    found += [_overridden(series, ov, default_room) for ov in by_start.values()]
    return sorted(
        (occ for occ in found if window_start <= occ.start < window_end),
        key=lambda occ: (occ.start, occ.series_id),
    )


def occurrence_at(
    series: Series, original_start: datetime, override: Override | None, default_room: str = ""
) -> Occurrence:
    """One occurrence of a series, as recorded if it has an override."""
    if override is not None:
        return _overridden(series, override, default_room)
    return _plain(series, original_start, default_room)


def _plain(series: Series, original: datetime, default_room: str) -> Occurrence:
    start, warning = localize(original, series.timezone)
    end = _after(start, timedelta(minutes=series.duration_minutes))
    cancelled = series.cancelled_reason is not None
    return Occurrence(
        series_id=series.id,
        original_start=original,
        start=start,
        end=end,
        status=SessionStatus.CANCELLED if cancelled else SessionStatus.SCHEDULED,
        room=series.room or default_room,
        reason=series.cancelled_reason or "",
        public_notice=series.public_notice if cancelled else "",
        warning=warning,
    )


def _overridden(series: Series, ov: Override, default_room: str) -> Occurrence:
    naive_start = ov.start or ov.original_start
    naive_end = ov.end or naive_start + timedelta(minutes=series.duration_minutes)
    start, warning = localize(naive_start, series.timezone)
    end = _after(start, naive_end - naive_start)
    return Occurrence(
        series_id=series.id,
        original_start=ov.original_start,
        start=start,
        end=end,
        status=ov.status,
        room=ov.room or series.room or default_room,
        reason=ov.reason,
        public_notice=ov.public_notice,
        warning=warning,
        session_id=ov.id,
        room_moved=bool(ov.room) and ov.room != (series.room or default_room),
    )


def _after(start: datetime, length: timedelta) -> datetime:
    """When a session that lasts `length` ends: counted in real time, so one whose start a DST
    gap moved keeps its length, as calendar programs count a DURATION."""
    return (start.astimezone(UTC) + length).astimezone(start.tzinfo)


def is_occurrence(series: Series, original_start: datetime) -> bool:
    """Whether the series really has a session starting at this wall time."""
    if not series.rrule:
        return original_start == series.dtstart
    return original_start in _rule(series).between(original_start, original_start, inc=True)


def split(series: Series, at: datetime, tail_id: str) -> tuple[Series | None, Series]:
    """Cut a series before the occurrence `at`: the part before (None if empty) and after."""
    if at <= series.dtstart or not series.rrule:
        return None, series
    head_parts = rule_parts(series.rrule)
    # UNTIL is kept as local wall time here, like DTSTART; exports convert it to UTC.
    head_parts["UNTIL"] = (at - timedelta(seconds=1)).strftime("%Y%m%dT%H%M%S")
    head = replace(series, rrule=join_rule(head_parts))
    tail = replace(series, id=tail_id, dtstart=at)
    return head, tail


def with_time(series: Series, at: time, duration_minutes: int | None = None) -> Series:
    """The same series starting at another time of day."""
    return replace(
        series,
        dtstart=datetime.combine(series.dtstart.date(), at),
        duration_minutes=duration_minutes or series.duration_minutes,
    )
