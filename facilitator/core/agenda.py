"""Agenda templates: segments laid on the clock, read-aloud text with placeholders filled."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from facilitator.core.clock import long_date
from facilitator.core.errors import InputError, clipped
from facilitator.core.model import AgendaTemplate, Segment
from facilitator.core.validate import LONG_TEXT, SHORT_TEXT, check_count, clean_text
from facilitator.core.wording import ENGLISH, Wording

PLACEHOLDERS = (
    "group",
    "date",
    "start",
    "end",
    "room",
    "next_session",
    "facilitators",
    "part_of_day",
    "next_when",
    "help_lines",
)
EVENING, AFTERNOON = 17, 12  # the hours an evening and an afternoon session start from
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class TimedSegment:
    """A segment with the clock times it runs between."""

    title: str
    start: datetime
    end: datetime
    script: str


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in a script that the agenda cannot fill."""
    return [name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]


def part_of_day(start: datetime, end: datetime, words: Wording = ENGLISH) -> str:
    """ "this evening" for a session in the evening, and so on; "today" for one that spans
    two parts of the day."""
    last = max(end - ONE, start)
    parts = {_part(start.hour), _part(last.hour if last.date() == start.date() else 23)}
    if parts == {"evening"}:
        return words.main_text("this evening")
    if parts == {"afternoon"}:
        return words.main_text("this afternoon")
    if parts == {"morning"}:
        return words.main_text("this morning")
    return words.main_text("today")


def _part(hour: int) -> str:
    return "evening" if hour >= EVENING else "afternoon" if hour >= AFTERNOON else "morning"


def next_when(start: datetime, following: datetime | None, words: Wording = ENGLISH) -> str:
    """When the next session is, said from this one: "next week" only when it is seven days
    on, else by its real date."""
    if following is None:
        return words.main_text("when it is announced")
    days = (following.date() - start.date()).days
    if days == 1:
        return words.main_text("tomorrow")
    if days == 7:
        return words.main_text("next week")
    if days == 14:
        return words.main_text("in two weeks")
    return words.main_text("on {date}", date=long_date(following.date()))


def help_lines_note(printed: bool, words: Wording = ENGLISH) -> str:
    """Where the help lines are: below, only when the agenda prints them."""
    if printed:
        return words.main_text("the help lines are below")
    return words.main_text("ask a facilitator for the help lines")


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace known {placeholders}; everything else, braces included, stays as typed."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def fit_minutes(minutes: Sequence[int], total: int) -> list[int]:
    """Segment lengths scaled to a session of `total` minutes: whole minutes, none below
    one, summing exactly to the total. The spare minutes go to the segments that rounding
    cut most. fit_minutes([10, 5, 20, 35, 10, 10], 60) == [7, 3, 13, 23, 7, 7]

    A session shorter than one minute a segment cannot hold them all: each gets one."""
    planned = sum(minutes)
    if planned == total or not minutes:
        return list(minutes)
    if total <= len(minutes):
        return [1] * len(minutes)
    ideal = [length * total / planned for length in minutes]
    fitted = [max(1, math.floor(share)) for share in ideal]
    # Most cut first when adding a minute; least cut (and longer than one) when taking one.
    while (spare := total - sum(fitted)) != 0:
        cut = [(ideal[i] - length, i) for i, length in enumerate(fitted)]
        if spare > 0:
            _, index = max(cut)
            fitted[index] += 1
        else:
            _, index = min((c, i) for c, i in cut if fitted[i] > 1)
            fitted[index] -= 1
    return fitted


def fit_note(template_minutes: int, session_minutes: int) -> str:
    """What the run-sheet and the printed agenda say when the template does not fit, else
    nothing: "The agenda's 90 minutes are scaled to this 60-minute session." """
    if template_minutes == session_minutes or template_minutes == 0:
        return ""
    return (
        f"The agenda's {template_minutes} minutes are scaled to this "
        f"{session_minutes}-minute session."
    )


def length_mismatch(template_minutes: int, session_minutes: Iterable[int]) -> str:
    """A form's warning when a template differs from a session length, else nothing:
    "The agenda (90 min) is longer than the session (60 min): its segments will be
    scaled to fit." """
    for minutes in sorted(set(session_minutes)):
        if template_minutes not in (minutes, 0):
            longer = "longer" if template_minutes > minutes else "shorter"
            return (
                f"The agenda ({template_minutes} min) is {longer} than the session "
                f"({minutes} min): its segments will be scaled to fit."
            )
    return ""


def timed_segments(
    template: AgendaTemplate,
    start: datetime,
    values: Mapping[str, str],
    session_minutes: int | None = None,
) -> list[TimedSegment]:
    """The template's segments with clock times from the session start, scaled to the
    session's length when it is given."""
    lengths = [segment.minutes for segment in template.segments]
    if session_minutes is not None:
        lengths = fit_minutes(lengths, session_minutes)
    timed, clock = [], start
    for segment, minutes in zip(template.segments, lengths, strict=True):
        end = clock + timedelta(minutes=minutes)
        timed.append(TimedSegment(segment.title, clock, end, fill(segment.script, values)))
        clock = end
    return timed


def replan(
    segments: Sequence[TimedSegment],
    start: datetime | None = None,
    extra_minutes: Mapping[int, int] | None = None,
) -> list[TimedSegment]:
    """The run-sheet as it goes: the agenda begun at `start` (a group that began late), and
    segment i longer by extra_minutes[i] (or shorter, never below one minute); the
    segments after a change shift with it."""
    extra = extra_minutes or {}
    clock = start or (segments[0].start if segments else None)
    planned = []
    for index, segment in enumerate(segments):
        length = max(segment.end - segment.start + timedelta(minutes=extra.get(index, 0)), ONE)
        planned.append(TimedSegment(segment.title, clock, clock + length, segment.script))
        clock += length
    return planned


ONE = timedelta(minutes=1)  # the shortest a segment can be


def make_segment(title: str, minutes: object, script: str = "") -> Segment:
    """A checked segment: a title, 1-240 minutes, a script with known placeholders."""
    title = clean_text(title, "segment title", required=True, max_length=SHORT_TEXT)
    count = check_count(minutes, "minutes", maximum=240)
    if count == 0:
        raise InputError("must be at least 1", "minutes")
    script = clean_text(script, "read-aloud text", max_length=LONG_TEXT, multiline=True)
    unknown = unknown_placeholders(script)
    if unknown:
        known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        named = clipped("{" + unknown[0] + "}")
        raise InputError(f"unknown placeholder {named}; use {known}", "read-aloud text")
    return Segment(title, count, script)


def agenda_minutes(template: AgendaTemplate | None) -> int:
    """A template's length; no template means the default agenda."""
    return template.total_minutes if template else sum(s.minutes for s in DEFAULT_SEGMENTS)


DEFAULT_SEGMENTS = (
    Segment("Welcome", 10, "Welcome to {group}. We meet until {end} in {room}."),
    Segment("Ground rules and confidentiality", 5, "What is shared here stays here."),
    Segment("Check-in round", 20, "A number from 0 to 10 on a slip, and a few words if you like."),
    Segment("Topic", 35, ""),
    Segment("Resources", 10, "Leaflets and help lines are on the table."),
    Segment("Closing round", 10, "Our next session is {next_session}."),
)
