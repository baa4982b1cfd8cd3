"""Agenda templates: segments laid on the clock, read-aloud text with placeholders filled."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from facilitator.core.errors import InputError, clipped
from facilitator.core.model import AgendaTemplate, Segment
from facilitator.core.validate import LONG_TEXT, SHORT_TEXT, check_count, clean_text

PLACEHOLDERS = ("group", "date", "start", "end", "room", "next_session", "facilitators")
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


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace known {placeholders}; everything else, braces included, stays as typed."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def timed_segments(
    template: AgendaTemplate, start: datetime, values: Mapping[str, str]
) -> list[TimedSegment]:
    """The template's segments with clock times from the session start."""
    timed, clock = [], start
    for segment in template.segments:
        end = clock + timedelta(minutes=segment.minutes)
        timed.append(TimedSegment(segment.title, clock, end, fill(segment.script, values)))
        clock = end
    return timed


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


DEFAULT_SEGMENTS = (
    Segment("Welcome", 10, "Welcome to {group}. We meet until {end} in {room}."),
    Segment("Ground rules and confidentiality", 5, "What is shared here stays here."),
    Segment("Check-in round", 20, "A number from 0 to 10 on a slip, and a few words if you like."),
    Segment("Topic", 35, ""),
    Segment("Resources", 10, "Leaflets and help lines are on the table."),
    Segment("Closing round", 10, "Our next session is {next_session}."),
)
