"""Every printable and exportable output, built from the store and rendered: one path for
the CLI and the app, so both produce the same files."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from facilitator.core.documents import (
    Document,
    handout_document,
    name_labels_document,
    privacy_notice_document,
    signin_document,
    suppress_small_counts,
)
from facilitator.core.errors import InputError, quoted
from facilitator.core.model import Group, Occurrence, Privacy, Resource
from facilitator.core.privacy import suppression_note
from facilitator.core.wording import Wording
from facilitator.exports import fonts
from facilitator.exports.catalogues import wording
from facilitator.files import WriteError, write_file
from facilitator.store import Store

FORMATS = ("pdf", "html", "md")
SUFFIX_FORMATS = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".ics": "ics",
    ".csv": "csv",
}
TEXT_SUFFIXES = (".html", ".md", ".ics", ".csv")
PAPERS = ("a4", "letter")
IN_PROGRESS = timedelta(hours=4)  # "next" still finds a session that has just begun


@dataclass(frozen=True)
class Rendered:
    """A finished file's bytes, a sensible name for it, and anything the user should know."""

    data: bytes
    filename: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """How a printable document is laid out."""

    format: str = "pdf"
    paper: str = "a4"
    large_print: bool = False

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise InputError(f"{quoted(self.format)} is not one of {', '.join(FORMATS)}", "format")
        if self.paper not in PAPERS:
            raise InputError(f"{quoted(self.paper)} is not one of {', '.join(PAPERS)}", "paper")


def slug(text: str) -> str:
    """A file-name part: 'Caring Together' -> 'caring-together'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40] or "group"


def render(doc: Document, layout: Layout, stem: str) -> Rendered:
    """Draw a document in the chosen format; warn about characters no font can print."""
    warnings: tuple[str, ...] = ()
    if layout.format == "pdf":
        from facilitator.exports.pdf import render_pdf  # Typst loads only when a PDF is made

        missing = fonts.unprintable(doc.texts())
        if missing:
            chars = fonts.describe_characters(missing)
            warnings = (
                f"no shipped font can print {chars}: they will print as empty boxes in the PDF",
            )
        data = render_pdf(doc, layout.paper, layout.large_print)
    elif layout.format == "html":
        from facilitator.exports.html import render_html

        data = render_html(doc, layout.paper, layout.large_print).encode("utf-8")
    else:
        from facilitator.exports.markdown import render_markdown

        data = render_markdown(doc).encode("utf-8")
    return Rendered(data, f"{stem}.{layout.format}", warnings)


def next_session(store: Store, group: Group, now: datetime) -> Occurrence:
    """The group's next session that is not cancelled (one under way counts)."""
    found = store.documents.next_session(group, now - IN_PROGRESS)
    if found is None:
        raise InputError(f"{group.name} has no upcoming session", "next")
    return found


def agenda(store: Store, group: Group, occurrence: Occurrence, layout: Layout) -> Rendered:
    """One session's agenda."""
    doc = store.documents.agenda(group, occurrence, wording(group.languages))
    return render(doc, layout, f"agenda-{slug(group.name)}-{occurrence.start:%Y-%m-%d}")


def handouts(
    store: Store,
    layout: Layout,
    language: str | None = None,
    categories: Iterable[str] = (),
    kinds: Iterable[str] = (),
    group: Group | None = None,
) -> Rendered:
    """The resource library, or the part that matches the filters; for a group, worded in
    its languages and (unless a language is chosen) the resources in them, when there are."""
    resources = store.resources.list()
    languages = (language,) if language else None
    if group and not language:
        in_theirs = _filter(resources, group.languages, set(categories), set(kinds))
        languages = group.languages if in_theirs else None
    chosen = _filter(resources, languages, set(categories), set(kinds))
    if not chosen:
        raise InputError("no resources match this language, category and kind", "handouts")
    # A group's sheet is worded in its languages: named for it, never over the plain sheet.
    named = (group.name if group else None, language, *sorted(categories), *sorted(kinds))
    parts = [part for part in named if part]
    stem = "-".join(["handouts", *(slug(p) for p in parts)])
    words = wording(group.languages if group else ("en",))
    return render(handout_document(chosen, words), layout, stem)


def _same_language(tag: str, wanted: Iterable[str]) -> bool:
    """ "zh" and "zh-Hans" are one language for choosing resources."""
    first = tag.split("-")[0].casefold()
    return any(first == other.split("-")[0].casefold() for other in wanted)


def _filter(
    resources: list[Resource],
    languages: Iterable[str] | None,
    categories: set[str],
    kinds: set[str],
) -> list[Resource]:
    wanted = {c.casefold() for c in categories}
    return [
        r
        for r in resources
        if (languages is None or _same_language(r.language, languages))
        and (not wanted or wanted & {c.casefold() for c in r.categories})
        and (not kinds or r.kind.value in kinds)
    ]


def signin(
    store: Store,
    group: Group,
    occurrence: Occurrence,
    layout: Layout,
    slips: bool = False,
    lines: int = 20,
) -> Rendered:
    """A sign-in sheet, or one slip per person."""
    check_signin(group, lines)
    words = wording(group.languages)
    doc = signin_document(group.name, occurrence.start, slips=slips, lines=lines, words=words)
    kind = "signin-slips" if slips else "signin"
    return render(doc, layout, f"{kind}-{slug(group.name)}-{occurrence.start:%Y-%m-%d}")


def check_signin(group: Group, lines: int) -> None:
    """A sign-in sheet is for roster groups, with 1 to 200 lines."""
    if group.privacy is Privacy.COUNTS:
        raise InputError(f"{group.name} keeps counts only: it has no sign-in sheet", "group")
    if not 1 <= lines <= 200:
        raise InputError("must be from 1 to 200", "lines")


def labels(store: Store, group: Group, occurrence: Occurrence, layout: Layout) -> Rendered:
    """First-name labels for a session: the regulars', then blank ones (PDF only)."""
    if layout.format != "pdf":
        raise InputError("name labels are printed on label sheets: PDF only", "format")
    aliases = store.documents.regulars(group, occurrence)
    doc = name_labels_document(aliases, occurrence.start.date(), wording(group.languages))
    return render(doc, layout, f"labels-{slug(group.name)}-{occurrence.start:%Y-%m-%d}")


def door_sign(
    store: Store, group: Group, occurrence: Occurrence, layout: Layout, contact: str = ""
) -> Rendered:
    """A door sign for a cancelled or moved session."""
    doc = store.documents.door_sign(group, occurrence, contact, wording(group.languages))
    return render(doc, layout, f"door-sign-{slug(group.name)}-{occurrence.start:%Y-%m-%d}")


def calendar(store: Store, group: Group | None, now: datetime) -> Rendered:
    """An iCalendar file for one group or all of them."""
    from facilitator.exports.calendar import calendar_ics

    entries = store.documents.calendar_entries(group.id if group else None)
    name = group.name if group else "Support group sessions"
    stem = f"calendar-{slug(group.name)}" if group else "calendar"
    return Rendered(calendar_ics(entries, now, name), f"{stem}.ics")


def attendance(
    store: Store, group: Group | None, now: datetime, named: bool = False, exact: bool = False
) -> Rendered:
    """Attendance as CSV: counts only, unless names are asked for (roster groups only);
    counts of 1..k-1 hidden, unless exact counts are asked for."""
    from facilitator.exports.csv import ENCODING, counts_csv, named_csv

    groups = [group] if group else store.groups.list()
    stem = f"attendance-{slug(group.name)}" if group else "attendance"
    if named:
        if group is None:
            groups = [g for g in groups if g.privacy is Privacy.ROSTER]
        rows = [row for g in groups for row in store.documents.attendance_named(g, now)]
        return Rendered(named_csv(rows).encode(ENCODING), f"{stem}-named.csv")
    k = int(store.settings.get("k"))
    rows = [
        row if exact else suppress_small_counts(row, k)
        for g in groups
        for row in store.documents.attendance_counts(g, now)
    ]
    text = counts_csv(rows, suppression_note(k, exact))
    return Rendered(text.encode(ENCODING), f"{stem}-exact.csv" if exact else f"{stem}.csv")


def privacy_notice(store: Store, layout: Layout) -> Rendered:
    """The printable privacy notice, from the settings in force, in every language the groups
    print in (English first)."""
    settings = store.settings.all()
    current = store.groups.list()
    groups = [(g.name, g.privacy.value) for g in current]
    doc = privacy_notice_document(
        groups,
        int(settings["k"]),
        int(settings["retention_months"]),
        int(settings["backups_kept"]),
        _all_languages(current),
    )
    return render(doc, layout, "privacy-notice")


def _all_languages(groups: Iterable[Group]) -> Wording:
    found = dict.fromkeys(tag for group in groups for tag in group.languages)
    return wording(sorted(found, key=lambda tag: tag != "en"))


def save(
    rendered: Rendered, path: Path | None, folder: Path | None = None, database: Path | None = None
) -> Path:
    """Write a rendered file (0600, whole or not at all) to path, or under its own name in
    folder; never over the database it came from, its side files or its backups."""
    target = Path(path) if path else (folder or Path.cwd()) / rendered.filename
    return write_file(target, rendered.data, database)


def write_stdout(rendered: Rendered, stream: BinaryIO) -> None:
    """A text format to standard output (`-o -`); a PDF would garble a terminal."""
    if Path(rendered.filename).suffix not in TEXT_SUFFIXES:
        raise WriteError("a PDF is not written to standard output: use --format html or md")
    stream.write(rendered.data)
    stream.flush()


def format_for(output: Path | None, chosen: str | None, allowed: tuple[str, ...]) -> str:
    """The format: --format if given, else the -o file's extension, else the first allowed.
    'agenda.html' with --format pdf is refused, not written as a PDF with the wrong name."""
    named = SUFFIX_FORMATS.get(output.suffix.lower()) if output else None
    if chosen and named and named != chosen:
        raise InputError(f"{output.name} is not a {chosen} file name", "output")
    if named and named not in allowed:
        raise InputError(
            f"this document is written as {' or '.join(allowed)}, not {named}", "output"
        )
    return chosen or named or allowed[0]
