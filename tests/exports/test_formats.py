"""HTML, Markdown, iCalendar and CSV, each read back with a real parser."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from html.parser import HTMLParser

import icalendar
import pytest
import recurring_ical_events

from facilitator import outputs
from facilitator.core.documents import Document, Paragraph, Table, Title
from facilitator.core.errors import InputError
from facilitator.core.model import Scope, SessionStatus
from facilitator.core.schedule import parse_recurrence
from facilitator.exports.html import render_html
from facilitator.exports.markdown import render_markdown
from tests.conftest import FROZEN_NOW

MARKUP = "[bold]Ade[/bold] <script>alert(1)</script> *star* | pipe"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.sources: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag, attrs) -> None:
        # What a browser would load: src anywhere, a <link>'s href (an <a href> is a link
        # the reader may follow, not a file the page loads).
        loaded = ("src", "href") if tag == "link" else ("src",)
        self.sources += [value for name, value in attrs if name in loaded and value]


def agenda_html(store, **layout) -> str:
    group = store.groups.by_name("Rare Roots Family Group 罕见病家庭互助会")
    occurrence = store.documents.session_on(group, date(2026, 12, 5))
    layout = outputs.Layout(format="html", **layout)
    return outputs.agenda(store, group, occurrence, layout).data.decode("utf-8")


def test_html_has_a_page_rule_and_page_breaks(demo_store):
    page = agenda_html(demo_store)
    assert "@page { size: A4" in page
    assert "break-inside: avoid" in page and ".page-break { break-before: page; }" in page
    assert "@page { size: letter" in agenda_html(demo_store, paper="letter")


def test_html_is_self_contained_with_its_fonts_inline(demo_store):
    page = agenda_html(demo_store)
    parser = _Collector()
    parser.feed(page)
    assert parser.sources == []  # no linked files, scripts or images
    assert page.count("@font-face") == 3  # regular, bold and the Chinese fallback
    assert "url(data:font/woff;base64," in page
    assert "罕见病家庭互助会" in "".join(parser.text)


def test_html_shows_user_text_as_typed():
    page = render_html(Document("t", (Title(MARKUP), Paragraph(MARKUP))))
    parser = _Collector()
    parser.feed(page)
    assert MARKUP in "".join(parser.text)
    assert "<script>" not in page


def test_large_print_html_sets_16_point_body_text(demo_store):
    assert "font-size: 16pt" in agenda_html(demo_store, large_print=True)


def test_markdown_escapes_user_text_and_keeps_tables():
    text = render_markdown(Document("t", (Title(MARKUP), Table(("A", "B"), ((MARKUP, "x\ny"),)))))
    assert "# \\[bold\\]Ade\\[/bold\\] \\<script\\>" in text
    assert "\\*star\\* \\| pipe" in text
    assert "| x<br>y |" in text


def test_markdown_agenda_has_the_segments_with_times(demo_store):
    group = demo_store.groups.by_name("Thyroid Cancer Peer Circle")
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 8))
    text = outputs.agenda(demo_store, group, occurrence, outputs.Layout("md")).data.decode()
    assert "| 18:30-18:40 | Welcome and introductions |" in text


def expanded(store, start: datetime, end: datetime, group=None) -> list:
    data = outputs.calendar(store, group, FROZEN_NOW).data
    calendar = icalendar.Calendar.from_ical(data)
    return recurring_ical_events.of(calendar).between(start, end)


def test_the_calendar_gives_the_sessions_the_app_shows_without_the_cancelled(demo_store):
    start, end = FROZEN_NOW - timedelta(days=200), FROZEN_NOW + timedelta(days=200)
    events = expanded(demo_store, start, end)
    in_calendar = sorted(
        (e["DTSTART"].dt.astimezone(UTC), str(e["LOCATION"]))
        for e in events
        if str(e.get("STATUS")) != "CANCELLED"
    )
    in_app = sorted(
        (item.occurrence.start.astimezone(UTC), item.occurrence.room)
        for item in demo_store.schedule.listings(start, end)
        if item.occurrence.status is not SessionStatus.CANCELLED
    )
    assert in_calendar == in_app
    cancelled = [e for e in events if str(e.get("STATUS")) == "CANCELLED"]
    assert cancelled and all(e["SUMMARY"].startswith("Cancelled") for e in cancelled)


def test_the_calendar_has_one_event_per_series_with_a_zoned_start(demo_store):
    data = outputs.calendar(demo_store, None, FROZEN_NOW).data.decode()
    calendar = icalendar.Calendar.from_ical(data)
    masters = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]
    assert len(masters) == len(demo_store.schedule.series())
    assert all(e["DTSTART"].params["TZID"] == "Europe/London" for e in masters)
    assert all("RRULE" in e for e in masters)
    assert "BEGIN:VTIMEZONE" in data and "TZID:Europe/London" in data


def test_calendar_uids_are_stable_between_exports(demo_store):
    def uids() -> list[str]:
        data = outputs.calendar(demo_store, None, FROZEN_NOW + timedelta(hours=1)).data
        return sorted(str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT"))

    assert uids() == uids()


def test_a_moved_session_is_a_recurrence_id_override(demo_store):
    group = demo_store.groups.by_name("Thyroid Cancer Peer Circle")
    data = outputs.calendar(demo_store, group, FROZEN_NOW).data
    overrides = [
        e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if "RECURRENCE-ID" in e
    ]
    assert [str(e["LOCATION"]) for e in overrides] == ["Lecture Theatre B, Education Centre"]


def test_a_series_cut_short_ends_with_a_utc_until(store):

    group = store.groups.create(name="Circle", timezone="America/New_York")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2026, 11, 1), time(18, 30), 90
    )
    store.schedule.move(
        series.id, datetime(2026, 11, 24, 18, 30), room="Hall", scope=Scope.FOLLOWING
    )
    data = outputs.calendar(store, group, FROZEN_NOW).data.decode()
    assert "UNTIL=20261124T232959Z" in data
    events = expanded(store, datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 9, tzinfo=UTC))
    found = sorted((e["DTSTART"].dt, str(e.get("LOCATION", ""))) for e in events)
    assert [(start.day, room) for start, room in found] == [
        (3, ""),
        (10, ""),
        (17, ""),
        (24, "Hall"),
        (1, "Hall"),
        (8, "Hall"),
    ]


def test_the_calendar_carries_no_member_names(demo_store):
    data = outputs.calendar(demo_store, None, FROZEN_NOW).data.decode()
    for group in demo_store.groups.list():
        for member in demo_store.people.members(group.id):
            assert f" {member.alias} " not in data.replace("\r\n ", "")
            assert f"{member.alias}\r\n" not in data


def read_csv(rendered) -> list[list[str]]:
    return list(csv.reader(io.StringIO(rendered.data.decode("utf-8-sig"))))


def test_the_attendance_csv_has_an_exact_header_and_counts_only(demo_store):
    rows = read_csv(outputs.attendance(demo_store, None, FROZEN_NOW))
    assert rows[0] == [
        "group",
        "date",
        "start",
        "end",
        "status",
        "present",
        "first_time",
        "headcount: first time",
        "headcount: returning",
        "headcount: online",
        "headcount: children",
    ]
    aliases = {m.alias for g in demo_store.groups.list() for m in demo_store.people.members(g.id)}
    assert not aliases & {cell for row in rows for cell in row}
    sessions = rows[1:-1]  # the last row says what is hidden
    held = [row for row in sessions if row[4] == "held"]
    assert held and all(row[5].isdigit() or row[5] == "suppressed" for row in held)
    assert any(row[5].isdigit() for row in held)
    assert {row[4] for row in sessions} >= {"held", "cancelled", "did_not_occur"}


def test_named_attendance_is_only_for_roster_groups(demo_store):
    caring = demo_store.groups.by_name("Caring Together")
    rows = read_csv(outputs.attendance(demo_store, caring, FROZEN_NOW, named=True))
    assert rows[0] == ["group", "date", "start", "alias", "presence", "first_time"]
    assert {row[3] for row in rows[1:]} <= {m.alias for m in demo_store.people.members(caring.id)}
    rare = demo_store.groups.by_name("Rare Roots Family Group 罕见病家庭互助会")
    with pytest.raises(InputError, match="counts only"):
        outputs.attendance(demo_store, rare, FROZEN_NOW, named=True)


def test_a_spreadsheet_formula_in_a_name_is_defused(store):
    store.groups.create(name="=HYPERLINK(1)", timezone="UTC")
    rows = read_csv(outputs.attendance(store, None, FROZEN_NOW))
    assert len(rows) == 2  # no sessions yet; the header and the note still come
    from facilitator.exports.csv import _safe

    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"


def test_bad_layouts_are_refused():
    with pytest.raises(InputError, match="format"):
        outputs.Layout(format="docx")
    with pytest.raises(InputError, match="paper"):
        outputs.Layout(paper="a3")
