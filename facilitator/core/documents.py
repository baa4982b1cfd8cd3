"""Printable documents as plain blocks, built from domain data; exports render the blocks.

Each builder is pure: given the facts, it decides what goes on the page and in what order.
PDF, HTML and Markdown then draw the same blocks, so the three formats never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from facilitator.core.agenda import TimedSegment
from facilitator.core.clock import long_date
from facilitator.core.model import Group, Occurrence, Resource, SessionStatus
from facilitator.core.privacy import suppress_cells, suppression_note, total_of_shown


@dataclass(frozen=True)
class Title:
    """The document's main heading."""

    text: str
    huge: bool = False  # door signs: readable from across a corridor


@dataclass(frozen=True)
class Heading:
    """A section heading."""

    text: str


@dataclass(frozen=True)
class Paragraph:
    """Running text; newlines are kept."""

    text: str
    emphasis: bool = False
    large: bool = False


@dataclass(frozen=True)
class Headline:
    """The line a sign is for, larger than anything else on it: a moved session's new place
    and time."""

    text: str


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


@dataclass(frozen=True)
class SignInLines:
    """A sign-in sheet: a line to write a first name or alias, and a tick box."""

    lines: int


@dataclass(frozen=True)
class SignInSlips:
    """One slip per person, to cut apart, so nobody sees who signed in before them."""

    count: int
    heading: str


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
    """A title for the file, the language of its text, its blocks in order, and the printed
    form it takes (which of the PDF templates draws it: agenda, handouts, door-sign, ...)."""

    title: str
    blocks: tuple[Block, ...]
    language: str = "en"
    template: str = "document"

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
                case SignInSlips(heading=heading):
                    yield heading
                case NameLabels(names=names, greeting=greeting):
                    yield greeting
                    yield from names


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
    notice: str = ""  # a cancellation or move, said at the top
    fitted: str = ""  # says so when the template's segments were scaled to the session


def agenda_document(facts: AgendaFacts) -> Document:
    """One session's agenda: when and where, timed segments, rules, handouts, help lines."""
    when = f"{long_date(facts.start.date())}, {facts.start:%H:%M}-{facts.end:%H:%M}"
    pairs = [("When", when), ("Where", facts.room or "to be confirmed")]
    if facts.online_link:
        pairs.append(("Online", facts.online_link))
    if facts.facilitators:
        pairs.append(("Facilitators", facts.facilitators))
    pairs.append(("Next session", facts.next_session or "not yet scheduled"))
    blocks: list[Block] = [Title(facts.group), Facts(tuple(pairs))]
    if facts.notice:
        blocks.append(Paragraph(facts.notice, emphasis=True))
    rows = tuple(
        (f"{seg.start:%H:%M}-{seg.end:%H:%M}", seg.title, seg.script) for seg in facts.segments
    )
    blocks.append(Heading("Agenda"))
    if facts.fitted:
        blocks.append(Paragraph(facts.fitted))
    blocks.append(Table(("Time", "Segment", "Read aloud"), rows, (15, 25, 60)))
    if facts.ground_rules:
        blocks += [Heading("Ground rules"), Paragraph(facts.ground_rules)]
    if facts.confidentiality:
        blocks += [Heading("Confidentiality"), Paragraph(facts.confidentiality)]
    if facts.handouts:
        handout_rows = tuple((title, str(copies)) for title, copies in facts.handouts)
        blocks += [Heading("Handouts today"), Table(("Title", "Copies"), handout_rows, (85, 15))]
    if facts.help_lines:
        rows = tuple((r.title, r.phone, r.url) for r in facts.help_lines)
        blocks += [Heading("Help lines"), Table(("Name", "Phone", "Web"), rows, (35, 20, 45))]
    title = f"Agenda: {facts.group}, {facts.start:%Y-%m-%d}"
    return Document(title, tuple(blocks), facts.language, template="agenda")


def _resource_entry(resource: Resource) -> Entry:
    """A title, then phone and web address on their own line, printed in full."""
    contact = "   ".join(part for part in (resource.phone, resource.url) if part)
    return Entry(resource.title, tuple(line for line in (contact, resource.description) if line))


def handout_document(
    resources: Iterable[Resource], heading: str = "Where to find support"
) -> Document:
    """The resource library, grouped by category, phone numbers and links in full."""
    by_category: dict[str, list[Resource]] = {}
    for resource in resources:
        for category in resource.categories or ("other",):
            by_category.setdefault(category, []).append(resource)
    blocks: list[Block] = [Title(heading)]
    if not by_category:
        blocks.append(Paragraph("No resources match this selection."))
    for category in sorted(by_category, key=str.casefold):
        blocks.append(Heading(category[:1].upper() + category[1:]))
        for resource in sorted(by_category[category], key=lambda r: r.title.casefold()):
            blocks.append(_resource_entry(resource))
    return Document(heading, tuple(blocks), template="handouts")


def signin_document(
    group: str, start: datetime, *, slips: bool = False, lines: int = 20
) -> Document:
    """A sign-in sheet: first name or alias and a tick box, never a condition column."""
    when = f"{long_date(start.date())}, {start:%H:%M}"
    title = f"Sign in: {group}"
    if slips:
        heading = f"{group} - {when}"
        return Document(title, (SignInSlips(lines, heading),), template="signin-slips")
    blocks = (
        Title(title),
        Paragraph(
            f"{when}. First name or the name you like to be called; tick if this is your "
            "first time."
        ),
        SignInLines(lines),
    )
    return Document(title, blocks, template="signin")


def name_labels_document(aliases: Iterable[str], day: date) -> Document:
    """First-name labels for a session: the regulars' aliases in alphabetical order, then blank
    ones. Only names: a label worn down a hospital corridor never says the group or its
    condition, so neither is anywhere in the file."""
    names = sorted({alias.strip() for alias in aliases if alias.strip()}, key=str.casefold)
    title = f"Name labels, {day:%Y-%m-%d}"
    return Document(title, (NameLabels(tuple(names)),), template="labels")


def door_sign_document(
    group: str,
    headline: str,
    details: Iterable[str],
    next_session: str,
    contact: str,
    now_at: str = "",
) -> Document:
    """A door sign in large type: what changed, where and when it is now (a moved session's
    largest line), the next session, and who to ask."""
    blocks: list[Block] = [Title(headline, huge=True), Paragraph(group, large=True)]
    if now_at:
        blocks.append(Headline(now_at))
    blocks += [Paragraph(line, large=True) for line in details if line]
    if next_session:
        blocks.append(Paragraph(f"Next session: {next_session}", large=True, emphasis=True))
    if contact:
        blocks.append(Paragraph(contact, large=True))
    return Document(f"Door sign: {group}", tuple(blocks), template="door-sign")


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
    groups: Iterable[tuple[str, str]], k: int, retention_months: int, backups_kept: int
) -> Document:
    """What the app keeps and for how long, written from the settings actually in force."""
    kept = (
        "until a facilitator deletes them"
        if retention_months == 0
        else (f"and offered for deletion when not seen for {retention_months} months")
    )
    group_rows = tuple(
        (
            name,
            "first names or aliases, and who came"
            if privacy == "roster"
            else "only how many came, no names",
        )
        for name, privacy in groups
    )
    blocks: list[Block] = [
        Title("How this group keeps your information"),
        Paragraph(
            "The group's records live in one file on the facilitator's laptop, readable by "
            "that user alone. Nothing is sent over the internet."
        ),
        Heading("What each group keeps"),
        Table(("Group", "Kept about the people who come"), group_rows, (45, 55)),
        Heading("What is never kept"),
        Paragraph("Surnames, addresses, phone numbers, diagnoses or treatment details."),
        Heading("Check-ins"),
        Paragraph(
            "Check-in slips are anonymous: they are saved without a name, without a time finer "
            f"than the session, and in shuffled order. Fewer than {k} slips are never shown."
        ),
        Heading("How long"),
        Paragraph(
            f"Names are kept {kept}. Anyone can ask to be forgotten: their name and attendance "
            "are deleted from the file at once. Backups taken before still hold them until "
            f"they are replaced: a backup is made each time the app is opened and the "
            f"{backups_kept} most recent are kept, so after {backups_kept} more openings no "
            "backup holds them."
        ),
        Heading("Printouts and exports"),
        Paragraph(
            "Agendas, calendars and attendance counts carry no names. A list with names is made "
            "only when a facilitator asks for it explicitly."
        ),
        Paragraph(suppression_note(k)),
    ]
    return Document("Privacy notice", tuple(blocks), template="privacy-notice")
