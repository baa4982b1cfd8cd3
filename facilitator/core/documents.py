"""Printable documents as plain blocks, built from domain data; exports render the blocks.

Each builder is pure: given the facts, it decides what goes on the page and in what order.
PDF, HTML and Markdown then draw the same blocks, so the three formats never disagree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from facilitator.core.agenda import TimedSegment
from facilitator.core.clock import long_date
from facilitator.core.model import Group, Occurrence, Resource, SessionStatus
from facilitator.core.privacy import hidden_range, suppress_cells, total_of_shown
from facilitator.core.wording import ENGLISH, Wording

_URL = re.compile(r"https?://[^\s<>\"'|]+")
_TRAILING = ".,;:!?)]}"  # punctuation after a link in a sentence, not part of it


def split_links(text: str) -> list[tuple[str, bool]]:
    """Text in pieces, each saying whether it is a web address (http or https only), so a
    renderer can make those links: "Call or see https://a.org." -> the address without its
    full stop."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_TRAILING)
        if match.start() > at:
            pieces.append((text[at : match.start()], False))
        pieces.append((url, True))
        at = match.start() + len(url)
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


@dataclass(frozen=True)
class Title:
    """The document's main heading."""

    text: str
    huge: bool = False  # door signs: readable from across a corridor
    lang: str = ""  # BCP 47, where it differs from the document's language


@dataclass(frozen=True)
class Heading:
    """A section heading."""

    text: str
    lang: str = ""


@dataclass(frozen=True)
class Paragraph:
    """Running text; newlines are kept."""

    text: str
    emphasis: bool = False
    large: bool = False
    lang: str = ""


@dataclass(frozen=True)
class Headline:
    """The line a sign is for, larger than anything else on it: a moved session's new place
    and time."""

    text: str
    lang: str = ""


@dataclass(frozen=True)
class Facts:
    """Label and value pairs: when, where, who."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """Columns with relative widths, and rows of text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A library entry: its name in bold, then lines such as phone and web address."""

    title: str
    lines: tuple[str, ...]
    lang: str = ""


@dataclass(frozen=True)
class SignInLines:
    """A sign-in sheet: a line to write a first name or alias, and a tick box."""

    lines: int
    columns: tuple[str, str] = ("First name or alias", "First time?")


@dataclass(frozen=True)
class SignInSlips:
    """One slip per person, to cut apart, so nobody sees who signed in before them."""

    count: int
    heading: str
    name_label: str = "First name or alias:"
    first_time_label: str = "This is my first time"


@dataclass(frozen=True)
class NameLabels:
    """A sheet of sticky name labels: one for each name, then blank ones to fill the sheet."""

    names: tuple[str, ...]
    greeting: str = "Hello, my name is"


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = (
    Title
    | Heading
    | Paragraph
    | Headline
    | Facts
    | Table
    | Entry
    | SignInLines
    | SignInSlips
    | PageBreak
)


@dataclass(frozen=True)
class Document:
    """A title for the file, the languages of its text (the main one first; a block in
    another one says so in its `lang`), its blocks in order, and the printed form it takes
    (which of the PDF templates draws it: agenda, handouts, door-sign, ...)."""

    title: str
    blocks: tuple[Block, ...]
    language: str = "en"
    languages: tuple[str, ...] = ()
    template: str = "document"

    def __post_init__(self) -> None:
        if not self.languages:
            object.__setattr__(self, "languages", (self.language,))

    def texts(self) -> Iterable[str]:
        """Every piece of text in the document (to check fonts cover it)."""
        yield self.title
        for block in self.blocks:
            match block:
                case (
                    Title(text=text)
                    | Heading(text=text)
                    | Paragraph(text=text)
                    | Headline(text=text)
                ):
                    yield text
                case Facts(pairs=pairs):
                    for label, value in pairs:
                        yield label
                        yield value
                case Table(columns=columns, rows=rows):
                    yield from columns
                    for row in rows:
                        yield from row
                case Entry(title=title, lines=lines):
                    yield title
                    yield from lines
                case SignInLines(columns=columns):
                    yield from columns
                case SignInSlips(heading=heading, name_label=name, first_time_label=first):
                    yield from (heading, name, first)
                case NameLabels(names=names, greeting=greeting):
                    yield greeting
                    yield from names
                case Headline(text=text):
                    yield text


@dataclass(frozen=True)
class AgendaFacts:
    """Everything an agenda shows about one session."""

    group: str
    start: datetime
    end: datetime
    timezone: str
    room: str
    online_link: str
    facilitators: str
    segments: tuple[TimedSegment, ...]
    ground_rules: str
    confidentiality: str
    handouts: tuple[tuple[str, int], ...]  # title, copies
    help_lines: tuple[Resource, ...]
    next_session: str
    language: str = "en"
    cancelled: bool = False
    moved_from: datetime | None = None  # a moved session's original start
    public_notice: str = ""  # what the public may know of a cancellation or move
    fitted: str = ""  # says so when the template's segments were scaled to the session
    planned_minutes: int = 0  # the template's length, when it was scaled


def _each(
    block: Title | Heading | Headline | Paragraph, words: Wording, message: str, **values
) -> list:
    """The block once per language, stacked, main language first; the others carry `lang`."""
    return [
        replace(block, text=text, lang="" if language == words.main else language)
        for language, text in words.each(message, **values)
    ]


def _document(
    title: str, blocks: Iterable[Block], words: Wording, template: str = "document"
) -> Document:
    return Document(title, tuple(blocks), words.main, words.languages, template)


def agenda_document(facts: AgendaFacts, words: Wording = ENGLISH) -> Document:
    """One session's agenda: when and where, timed segments, rules, handouts, help lines."""
    when = f"{long_date(facts.start.date())}, {facts.start:%H:%M}-{facts.end:%H:%M}"
    pairs = [(words.both("When"), when)]
    pairs.append((words.both("Where"), facts.room or words.both("to be confirmed")))
    if facts.online_link:
        pairs.append((words.both("Online"), facts.online_link))
    if facts.facilitators:
        pairs.append((words.both("Facilitators"), facts.facilitators))
    following = facts.next_session or words.both("not yet scheduled")
    pairs.append((words.both("Next session"), following))
    blocks: list[Block] = [Title(facts.group), Facts(tuple(pairs))]
    blocks += _agenda_notice(facts, words)
    rows = tuple(
        (f"{seg.start:%H:%M}-{seg.end:%H:%M}", seg.title, seg.script) for seg in facts.segments
    )
    blocks += _each(Heading(""), words, "Agenda")
    if facts.fitted:
        minutes = round((facts.end - facts.start).total_seconds() / 60)
        blocks += _each(
            Paragraph(""),
            words,
            "The agenda's {planned} minutes are scaled to this {minutes}-minute session.",
            planned=facts.planned_minutes,
            minutes=minutes,
        )
    columns = (words.both("Time"), words.both("Segment"), words.both("Read aloud"))
    blocks.append(Table(columns, rows, (15, 25, 60)))
    if facts.ground_rules:
        blocks += [*_each(Heading(""), words, "Ground rules"), Paragraph(facts.ground_rules)]
    if facts.confidentiality:
        blocks += [*_each(Heading(""), words, "Confidentiality"), Paragraph(facts.confidentiality)]
    if facts.handouts:
        handout_rows = tuple((title, str(copies)) for title, copies in facts.handouts)
        columns = (words.both("Title"), words.both("Copies"))
        blocks += [
            *_each(Heading(""), words, "Handouts today"),
            Table(columns, handout_rows, (85, 15)),
        ]
    if facts.help_lines:
        rows = tuple((r.title, r.phone, r.url) for r in facts.help_lines)
        columns = (words.both("Name"), words.both("Phone"), words.both("Web"))
        blocks += [*_each(Heading(""), words, "Help lines"), Table(columns, rows, (35, 20, 45))]
    agenda = words.main_text("Agenda")
    title = f"{agenda}: {facts.group}, {facts.start:%Y-%m-%d}"
    return _document(title, blocks, words, "agenda")


def _agenda_notice(facts: AgendaFacts, words: Wording) -> list[Block]:
    """A cancellation or move, said at the top in each language, then the public notice."""
    said = Paragraph("", emphasis=True)
    if facts.cancelled:
        blocks = _each(said, words, "This session is cancelled.")
    elif facts.moved_from is not None:
        was = f"{long_date(facts.moved_from.date())}, {facts.moved_from:%H:%M}"
        blocks = _each(said, words, "Moved from {was}.", was=was)
    else:
        return []
    if facts.public_notice:
        blocks.append(Paragraph(facts.public_notice, emphasis=True))
    return blocks


def _resource_entry(resource: Resource, also: Sequence[str], words: Wording) -> Entry:
    """A title, then phone and web address on their own line, printed in full; the other
    categories it belongs to, so it is printed once."""
    contact = "   ".join(part for part in (resource.phone, resource.url) if part)
    elsewhere = words.both("Also under: {categories}", categories=", ".join(also)) if also else ""
    lines = (contact, resource.description, elsewhere)
    return Entry(resource.title, tuple(line for line in lines if line))


def _category_name(category: str) -> str:
    return category[:1].upper() + category[1:]


def handout_document(resources: Iterable[Resource], words: Wording = ENGLISH) -> Document:
    """The resource library, each resource once under its first category (compared without
    case), the others named beside it; phone numbers and links in full."""
    names: dict[str, str] = {}  # casefolded category -> how it is first spelled
    by_category: dict[str, list[tuple[Resource, list[str]]]] = {}
    for resource in resources:
        keys = []
        for category in resource.categories or ("other",):
            key = category.casefold()
            if key not in keys:
                keys.append(key)
                names.setdefault(key, category)
        also = [_category_name(names[key]) for key in keys[1:]]
        by_category.setdefault(keys[0], []).append((resource, also))
    blocks: list[Block] = _each(Title(""), words, "Where to find support")
    if not by_category:
        blocks += _each(Paragraph(""), words, "No resources match this selection.")
    for key in sorted(by_category):
        blocks.append(Heading(_category_name(names[key])))
        for resource, also in sorted(by_category[key], key=lambda pair: pair[0].title.casefold()):
            blocks.append(_resource_entry(resource, also, words))
    return _document(words.main_text("Where to find support"), blocks, words, "handouts")


def signin_document(
    group: str,
    start: datetime,
    *,
    slips: bool = False,
    lines: int = 20,
    words: Wording = ENGLISH,
) -> Document:
    """A sign-in sheet: first name or alias and a tick box, never a condition column."""
    when = f"{long_date(start.date())}, {start:%H:%M}"
    sign_in = words.main_text("Sign in")
    title = f"{sign_in}: {group}"
    if slips:
        heading = f"{group} - {when}"
        name = words.both("First name or alias:")
        first = words.both("This is my first time")
        return _document(title, (SignInSlips(lines, heading, name, first),), words, "signin-slips")
    columns = (words.both("First name or alias"), words.both("First time?"))
    blocks = [
        Title(f"{words.both('Sign in')}: {group}"),  # "Sign in" is extracted from above
        Paragraph(when),
        *_each(
            Paragraph(""),
            words,
            "First name or the name you like to be called; tick if this is your first time.",
        ),
        SignInLines(lines, columns),
    ]
    return _document(title, blocks, words, "signin")


@dataclass(frozen=True)
class DoorSign:
    """What a door sign says: a cancellation or a move, and the facts around it."""

    group: str
    cancelled: bool
    was: str  # the session's original date, time (and, for a move, room)
    now: str = ""  # a moved session's new date, time and room
    public_notice: str = ""
    next_session: str = ""
    facilitators: str = ""
    contact: str = ""  # who to ask, as the facilitator typed it


def door_sign_document(sign: DoorSign, words: Wording = ENGLISH) -> Document:
    """A door sign in large type: what changed, the next session, and who to ask."""
    large, huge = Paragraph("", large=True), Title("", huge=True)
    if sign.cancelled:
        blocks: list[Block] = _each(huge, words, "This session is cancelled")
    else:
        blocks = _each(huge, words, "This session has moved")
    blocks.append(Paragraph(sign.group, large=True))
    if sign.cancelled:
        blocks.append(Paragraph(sign.was, large=True))
    else:
        blocks += _each(large, words, "Was: {was}", was=sign.was)
        blocks += _each(Headline(""), words, "Now: {now}", now=sign.now)
    if sign.public_notice:  # the reason is for facilitators only
        blocks.append(Paragraph(sign.public_notice, large=True))
    if sign.next_session:
        blocks += _each(
            replace(large, emphasis=True), words, "Next session: {when}", when=sign.next_session
        )
    if sign.contact:
        blocks.append(Paragraph(sign.contact, large=True))
    elif sign.facilitators:
        blocks += _each(large, words, "Questions? Ask {names}", names=sign.facilitators)
    door_sign = words.main_text("Door sign")
    return _document(f"{door_sign}: {sign.group}", blocks, words, "door-sign")


def name_labels_document(aliases: Iterable[str], day: date, words: Wording = ENGLISH) -> Document:
    """First-name labels for a session: the regulars' aliases in alphabetical order, then blank
    ones. Only names: a label worn down a hospital corridor never says the group or its
    condition, so neither is anywhere in the file."""
    names = sorted({alias.strip() for alias in aliases if alias.strip()}, key=str.casefold)
    name_labels = words.main_text("Name labels")
    title = f"{name_labels}, {day:%Y-%m-%d}"
    labels = NameLabels(tuple(names), words.both("Hello, my name is"))
    return _document(title, (labels,), words, "labels")


@dataclass(frozen=True)
class AttendanceCounts:
    """One session in an attendance export: counts only."""

    group: Group
    occurrence: Occurrence
    present: int | None
    first_time: int | None
    headcounts: dict[str, int]
    hidden: frozenset[str] = frozenset()  # cells withheld: "present", "first_time", categories


def suppress_small_counts(row: AttendanceCounts, k: int) -> AttendanceCounts:
    """The row as it may leave the laptop: counts of 1..k-1 hidden, and with them any count
    that, taken from a shown total, would give one away (first time beside returning; one
    headcount category beside the others)."""
    present = row.present
    if present is None:
        present = sum(row.headcounts.values()) if row.headcounts else None
    if present is None or present == 0:
        return row
    if present < k:
        return replace(row, hidden=frozenset({"present", "first_time", *row.headcounts}))
    hidden: set[str] = set()
    categories = list(row.headcounts)
    for category, cell in zip(
        categories, suppress_cells([row.headcounts[c] for c in categories], k), strict=True
    ):
        if cell is None:
            hidden.add(category)
    if row.first_time is not None:
        first, returning = suppress_cells([row.first_time, present - row.first_time], k)
        if first is None or returning is None or "first time" in hidden:
            hidden.add("first_time")
    return replace(row, hidden=frozenset(hidden))


@dataclass(frozen=True)
class AttendanceReport:
    """A group's attendance as the reports screen shows it: the cells the attendance export
    shows, and totals of those cells only, so together they give no hidden count away."""

    held: tuple[tuple[Occurrence, int | None], ...]  # each held session and how many came
    statuses: Counter[SessionStatus]  # how many sessions were held, cancelled, ...
    first_time: int  # first-time visits at the sessions whose split is shown
    returning: int  # returning visits at those same sessions
    left_out: int  # held sessions whose split is hidden, so not in the two totals


def attendance_report(rows: Sequence[AttendanceCounts], k: int) -> AttendanceReport:
    """The reports screen's figures from a group's sessions, small counts hidden."""
    held = [
        suppress_small_counts(row, k) for row in rows if row.occurrence.status is SessionStatus.HELD
    ]
    splits = [_visits_split(row) for row in held]
    return AttendanceReport(
        held=tuple(
            (row.occurrence, None if "present" in row.hidden else row.present or 0) for row in held
        ),
        statuses=Counter(row.occurrence.status for row in rows),
        first_time=total_of_shown(first for first, _ in splits),
        returning=total_of_shown(returning for _, returning in splits),
        left_out=sum(1 for first, _ in splits if first is None),
    )


def _visits_split(row: AttendanceCounts) -> tuple[int | None, int | None]:
    """First-time and returning visits at one session: both None where either is hidden."""
    if {"present", "first_time"} & row.hidden or row.first_time is None:
        return None, None
    return row.first_time, (row.present or 0) - row.first_time


@dataclass(frozen=True)
class AttendanceName:
    """One person's row in a named export (roster groups, on explicit request only)."""

    group: Group
    occurrence: Occurrence
    alias: str
    presence: str
    first_time: bool


def privacy_notice_document(
    groups: Iterable[tuple[str, str]],
    k: int,
    retention_months: int,
    backups_kept: int,
    words: Wording = ENGLISH,
) -> Document:
    """What the app keeps and for how long, written from the settings actually in force."""
    paragraph, heading = Paragraph(""), Heading("")
    roster = words.both("first names or aliases, and who came")
    counts = words.both("only how many came, no names")
    group_rows = tuple(
        (name, roster if privacy == "roster" else counts) for name, privacy in groups
    )
    if retention_months == 0:
        kept = _each(
            paragraph,
            words,
            "Names are kept until a facilitator deletes them. Anyone can ask to be forgotten: "
            "their name and attendance are deleted from the file at once. Backups taken before "
            "still hold them until they are replaced: a backup is made each time the app is "
            "opened and the {n} most recent are kept, so after {n} more openings no backup "
            "holds them.",
            n=backups_kept,
        )
    else:
        kept = _each(
            paragraph,
            words,
            "Names are kept and offered for deletion when not seen for {months} months. Anyone "
            "can ask to be forgotten: their name and attendance are deleted from the file at "
            "once. Backups taken before still hold them until they are replaced: a backup is "
            "made each time the app is opened and the {n} most recent are kept, so after {n} "
            "more openings no backup holds them.",
            months=retention_months,
            n=backups_kept,
        )
    columns = (words.both("Group"), words.both("Kept about the people who come"))
    blocks: list[Block] = [
        *_each(Title(""), words, "How this group keeps your information"),
        *_each(
            paragraph,
            words,
            "The group's records live in one file on the facilitator's laptop, readable by "
            "that user alone. Nothing is sent over the internet.",
        ),
        *_each(heading, words, "What each group keeps"),
        Table(columns, group_rows, (45, 55)),
        *_each(heading, words, "What is never kept"),
        *_each(
            paragraph, words, "Surnames, addresses, phone numbers, diagnoses or treatment details."
        ),
        *_each(heading, words, "Check-ins"),
        *_each(
            paragraph,
            words,
            "Check-in slips are anonymous: they are saved without a name, without a time finer "
            "than the session, and in shuffled order. Fewer than {k} slips are never shown.",
            k=k,
        ),
        *_each(heading, words, "How long"),
        *kept,
        *_each(heading, words, "Printouts and exports"),
        *_each(
            paragraph,
            words,
            "Agendas, calendars and attendance counts carry no names. A list with names is made "
            "only when a facilitator asks for it explicitly.",
        ),
        *_each(
            paragraph,
            words,
            "Counts from {hidden} are hidden in reports, prints and exports, "
            "as is any count giving one away.",
            hidden=hidden_range(k),
        ),
    ]
    return _document(words.main_text("Privacy notice"), blocks, words, "privacy-notice")
