"""VTIMEZONE blocks that every calendar program reads the same way.

icalendar's generated zones list all of a zone's changes on one comma-separated RDATE, of which
ical.js (Thunderbird) and vobject read only the first: sessions in winter came out an hour early.
Here each change of offset is its own observance start (one RDATE line each) up to the year the
zone's present rule took over, and from then on a yearly RRULE, so a series with no end is right
in every year it runs. The rule is read off zoneinfo itself and checked year by year against it.
"""

from __future__ import annotations

import calendar as month_lengths
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Every zone follows its tzdata footer rule (the POSIX TZ string) after its listed changes, which
# end by 2037 for all but Morocco's; the rule read off 2040 must also give the changes of 2100.
_RULE_YEAR = 2040
_FAR_YEAR = 2100
_RULE_CHECK_YEARS = 8  # enough years for the weekday of every date to come round
_FALLBACK_YEARS = 60  # for a zone without a yearly rule: how far an open-ended series is listed
# vobject takes a zone whose changes in 2000-2020 it cannot see for UTC, and then ignores the
# block; so every block starts by 2000 at the latest.
_LATEST_FIRST_YEAR = 2000


@dataclass(frozen=True)
class _Change:
    """One change of a zone's offset, as a VTIMEZONE observance describes it."""

    onset: datetime  # naive wall time before the change: the observance's DTSTART
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool


@dataclass(frozen=True)
class _YearlyChange:
    """A change that happens every year by a rule such as 'BYMONTH=3;BYDAY=-1SU'."""

    rule: str
    first: _Change  # its first onset, in the first year the rule holds


def vtimezone(zone_name: str, first_year: int, last_year: int | None) -> Timezone:
    """The zone's VTIMEZONE for sessions from `first_year` to `last_year` (None: no end)."""
    zone = ZoneInfo(zone_name)
    start_year = min(first_year, _LATEST_FIRST_YEAR)
    block = Timezone()
    block.add("tzid", zone_name)
    block.add_component(_observance(_state_at(zone, datetime(start_year, 1, 1))))
    yearly = _yearly_rule(zone_name, start_year)
    if yearly is None:
        until = last_year if last_year is not None else first_year + _FALLBACK_YEARS
        listed, rules = _changes(zone, start_year, until), []
    else:
        since, rules = yearly
        listed = _changes(zone, start_year, since - 1) if since > start_year else []
    for change in listed:
        _add_listed(block, change)
    for rule in rules:
        observance = _observance(rule.first)
        observance.add("rrule", vRecur.from_ical(f"FREQ=YEARLY;{rule.rule}"))
        block.add_component(observance)
    return block


def skipped_times(
    zone_name: str, first_year: int, last_year: int
) -> list[tuple[datetime, datetime]]:
    """The wall times the clocks skip in these years, as [start, end) pairs: 01:00-02:00 on the
    day London's clocks go forward."""
    return [
        (change.onset, change.onset + change.offset_to - change.offset_from)
        for change in _changes(ZoneInfo(zone_name), first_year, last_year)
        if change.offset_to > change.offset_from
    ]


def _state_at(zone: ZoneInfo, wall: datetime) -> _Change:
    """The offset in force at a wall time, as an observance starting then that changes nothing."""
    local = wall.replace(tzinfo=zone)
    offset = local.utcoffset() or timedelta(0)
    return _Change(wall, offset, offset, local.tzname() or "", bool(local.dst()))


def _observance(change: _Change) -> TimezoneStandard | TimezoneDaylight:
    observance = TimezoneDaylight() if change.daylight else TimezoneStandard()
    observance.add("dtstart", change.onset)
    observance.add("tzoffsetfrom", change.offset_from)
    observance.add("tzoffsetto", change.offset_to)
    if change.name:
        observance.add("tzname", change.name)
    return observance


def _add_listed(block: Timezone, change: _Change) -> None:
    """Add a one-off change: an RDATE line on the observance with the same offsets and name."""
    for observance in block.subcomponents:
        same = (
            "RRULE" not in observance
            and observance["TZOFFSETFROM"].td == change.offset_from
            and observance["TZOFFSETTO"].td == change.offset_to
            and str(observance.get("TZNAME", "")) == change.name
            and isinstance(observance, TimezoneDaylight) == change.daylight
        )
        if same:
            observance.add("rdate", change.onset)  # a line of its own, never a list
            return
    block.add_component(_observance(change))


def _changes(zone: ZoneInfo, first_year: int, last_year: int) -> list[_Change]:
    """Every change of offset with its onset in these years."""
    return [change for year in range(first_year, last_year + 1) for change in _year(zone, year)]


@lru_cache(maxsize=4096)
def _year(zone: ZoneInfo, year: int) -> tuple[_Change, ...]:
    """The changes with their onset in one year, found day by day (ZoneInfo objects are cached
    per name, so this cache is per zone). A zone that changed twice within one day would show
    one change or none; none does now."""
    day = timedelta(days=1)
    moment = datetime(year, 1, 1, tzinfo=UTC) - day
    end = datetime(year + 1, 1, 1, tzinfo=UTC) + day
    found = []
    before = _reading(zone, moment)
    while moment < end:
        after = _reading(zone, moment + day)
        if after != before:
            change = _change_between(zone, moment, moment + day)
            if change.onset.year == year:
                found.append(change)
        moment, before = moment + day, after
    return tuple(found)


def _reading(zone: ZoneInfo, moment: datetime) -> tuple:
    local = moment.astimezone(zone)
    return local.utcoffset(), local.dst(), local.tzname()


def _change_between(zone: ZoneInfo, before: datetime, after: datetime) -> _Change:
    """The change in (before, after], narrowed down to the second."""
    old = _reading(zone, before)
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        middle = middle.replace(microsecond=0)
        if middle <= before:
            break
        if _reading(zone, middle) == old:
            before = middle
        else:
            after = middle
    offset_from = old[0]
    local = after.astimezone(zone)
    return _Change(
        onset=(after + offset_from).replace(tzinfo=None),
        offset_from=offset_from,
        offset_to=local.utcoffset(),
        name=local.tzname() or "",
        daylight=bool(local.dst()),
    )


@lru_cache(maxsize=64)
def _yearly_rule(zone_name: str, first_year: int) -> tuple[int, list[_YearlyChange]] | None:
    """The year from which the zone's present yearly rule holds (not before `first_year`), and
    its changes; None if no rule reproduces the zone (then every change is listed)."""
    zone = ZoneInfo(zone_name)
    rules = []
    for change in _changes(zone, _RULE_YEAR, _RULE_YEAR):
        rule = _rule_for(zone, change)
        if rule is None:
            return None
        rules.append(_YearlyChange(rule, change))
    if not _follows(zone, rules, _FAR_YEAR):
        return None
    since = _RULE_YEAR
    while since > first_year and _follows(zone, rules, since - 1):
        since -= 1
    return since, [_starting_in(rule, since) for rule in rules]


def _rule_for(zone: ZoneInfo, change: _Change) -> str | None:
    """The BYMONTH/BYDAY rule that gives this change's onset in every checked year."""
    onset = change.onset
    weekday = _BYDAY[onset.weekday()]
    days_in_month = month_lengths.monthrange(onset.year, onset.month)[1]
    candidates = [f"BYDAY=-1{weekday}"] if onset.day > days_in_month - 7 else []
    if onset.day <= 28:
        candidates.append(f"BYDAY={(onset.day - 1) // 7 + 1}{weekday}")
    for first in range(max(onset.day - 6, 1), min(onset.day, days_in_month - 6) + 1):
        days = ",".join(str(day) for day in range(first, first + 7))
        candidates.append(f"BYMONTHDAY={days};BYDAY={weekday}")  # 'Sunday on or after the 2nd'
    candidates.append(f"BYMONTHDAY={onset.day}")
    for candidate in candidates:
        rule = f"BYMONTH={onset.month};{candidate}"
        years = range(_RULE_YEAR, _RULE_YEAR + _RULE_CHECK_YEARS)
        yearly = _YearlyChange(rule, change)
        if all(_onset_in(yearly, year) in _onsets(zone, year, change) for year in years):
            return rule
    return None


def _onsets(zone: ZoneInfo, year: int, like: _Change) -> list[datetime]:
    return [
        change.onset
        for change in _changes(zone, year, year)
        if (change.offset_from, change.offset_to) == (like.offset_from, like.offset_to)
    ]


def _onset_in(rule: _YearlyChange, year: int) -> datetime | None:
    start = datetime.combine(datetime(year, 1, 1).date(), rule.first.onset.time())
    return rrulestr(f"FREQ=YEARLY;{rule.rule}", dtstart=start).after(start, inc=True)


def _follows(zone: ZoneInfo, rules: list[_YearlyChange], year: int) -> bool:
    """Whether the zone's changes in this year are exactly those the rules give."""
    expected = sorted(
        (_onset_in(rule, year), rule.first.offset_from, rule.first.offset_to, rule.first.name)
        for rule in rules
    )
    actual = sorted(
        (change.onset, change.offset_from, change.offset_to, change.name)
        for change in _changes(zone, year, year)
    )
    return expected == actual


def _starting_in(rule: _YearlyChange, year: int) -> _YearlyChange:
    first = rule.first
    onset = _onset_in(rule, year)
    return _YearlyChange(
        rule.rule,
        _Change(onset, first.offset_from, first.offset_to, first.name, first.daylight),
    )
