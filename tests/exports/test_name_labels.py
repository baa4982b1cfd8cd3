"""Name labels: the regulars' first names, then blank labels, on the common label sheets."""

from __future__ import annotations

import io
import zlib
from datetime import date

import pytest
from pypdf import PdfReader

from facilitator import outputs
from facilitator.core.documents import name_labels_document
from facilitator.core.errors import InputError
from facilitator.exports.pdf import render_pdf

MM = 72 / 25.4
INCH = 72.0
GREETING = "Hello, my name is"
THYROID = "Thyroid Cancer Peer Circle"

# Where a sheet's labels are: first label's left and top edge, label size, pitch (points).
SHEETS = {
    "a4": dict(
        columns=3, rows=7, left=7.25 * MM, top=15.15 * MM, width=63.5 * MM, height=38.1 * MM,
        across=66.04 * MM, down=38.1 * MM,
    ),
    "letter": dict(
        columns=3, rows=10, left=0.1875 * INCH, top=0.5 * INCH, width=2.625 * INCH,
        height=1 * INCH, across=2.75 * INCH, down=1 * INCH,
    ),
}  # fmt: skip


def placed_text(pdf: bytes) -> list[tuple[int, str, float, float]]:
    """Each run of text as (page, text, x, y from the top of the page)."""
    found: list[tuple[int, str, float, float]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        height = float(page.mediabox.height)
        page.extract_text(
            visitor_text=lambda text, cm, _tm, _font, _size, n=number, h=height: (
                found.append((n, text.strip(), cm[4], h - cm[5])) if text.strip() else None
            )
        )
    return found


def label_at(paper: str, x: float, y: float) -> tuple[int, int]:
    """The (row, column) of the label a point is on; fails if it is in no label."""
    sheet = SHEETS[paper]
    column = int((x - sheet["left"]) // sheet["across"])
    row = int((y - sheet["top"]) // sheet["down"])
    assert 0 <= column < sheet["columns"] and 0 <= row < sheet["rows"], (x, y)
    assert x - sheet["left"] - column * sheet["across"] <= sheet["width"], (x, y)
    return row, column


def labels_pdf(names: list[str], paper: str) -> bytes:
    return render_pdf(name_labels_document(names, date(2026, 12, 8)), paper)


@pytest.mark.parametrize(("paper", "per_sheet"), [("a4", 21), ("letter", 30)])
def test_a_sheet_has_one_greeting_on_each_label_of_its_grid(paper, per_sheet):
    pdf = labels_pdf(["Ade", "Bea"], paper)
    greetings = [(x, y) for page, text, x, y in placed_text(pdf) if text == GREETING]
    spots = {label_at(paper, x, y) for x, y in greetings}
    assert len(greetings) == per_sheet and len(spots) == per_sheet


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_names_sit_below_their_greeting_on_their_own_label(paper):
    pdf = labels_pdf(["Ade", "Bea", "Carlos", "Dot"], paper)
    placed = placed_text(pdf)
    greetings = {label_at(paper, x, y): y for _, text, x, y in placed if text == GREETING}
    for name in ("Ade", "Bea", "Carlos", "Dot"):
        ((x, y),) = [(x, y) for _, text, x, y in placed if text == name]
        assert y > greetings[label_at(paper, x, y)]


def test_names_come_first_in_alphabetical_order_across_then_down():
    pdf = labels_pdf(["carlos", "Ade", "Femi", "bea", "Dot", "Ade"], "a4")
    names = [(label_at("a4", x, y), text) for _, text, x, y in placed_text(pdf) if text != GREETING]
    assert [name for _, name in sorted(names)] == ["Ade", "bea", "carlos", "Dot", "Femi"]
    assert [spot for spot, _ in sorted(names)] == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]


def test_more_names_than_a_sheet_holds_fill_whole_sheets_of_labels():
    pdf = labels_pdf([f"Name{n:02}" for n in range(25)], "a4")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert sum(text == GREETING for _, text, _, _ in placed_text(pdf)) == 42


def test_a_long_name_is_made_smaller_to_fit_its_label():
    pdf = labels_pdf(["Bartholomew-Alexandra-Maximiliane"], "letter")
    ((x, y),) = [(x, y) for _, text, x, y in placed_text(pdf) if text.startswith("Barth")]
    assert label_at("letter", x, y) == (0, 0)


def test_the_session_labels_carry_the_regulars_and_never_the_group(demo_store):
    group = demo_store.groups.by_name(THYROID)
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 8))
    rendered = outputs.labels(demo_store, group, occurrence, outputs.Layout())
    texts = [text for _, text, _, _ in placed_text(rendered.data)]
    regulars = demo_store.documents.regulars(group, occurrence)
    assert regulars and set(regulars) <= set(texts)
    everything = rendered.data + b"".join(_streams(rendered.data))
    for word in (b"Thyroid", b"Cancer", b"Circle"):
        assert word not in everything
    reader = PdfReader(io.BytesIO(rendered.data))
    assert "Thyroid" not in str(reader.metadata) and "Thyroid" not in " ".join(texts)


def _streams(pdf: bytes) -> list[bytes]:
    """Every compressed stream of the file, inflated: the metadata and text are in them."""
    found = []
    for start in range(len(pdf)):
        if pdf.startswith(b"stream", start):
            try:
                found.append(zlib.decompressobj().decompress(pdf[start + 6 :].lstrip(b"\r\n")))
            except zlib.error:
                continue
    return found


def test_regulars_came_to_one_of_the_groups_last_sessions(demo_store):
    group = demo_store.groups.by_name(THYROID)
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 8))
    regulars = set(demo_store.documents.regulars(group, occurrence))
    recent = demo_store.documents.attendance_named(group, occurrence.start)
    held = sorted({row.occurrence.original_start for row in recent})[-3:]
    expected = {
        row.alias
        for row in recent
        if row.occurrence.original_start in held and row.presence == "present"
    }
    assert regulars == expected and regulars


def test_a_counts_only_group_gets_blank_labels_only(demo_store):
    group = demo_store.groups.by_name("Rare Roots Family Group 罕见病家庭互助会")
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 5))
    rendered = outputs.labels(demo_store, group, occurrence, outputs.Layout(paper="letter"))
    texts = [text for _, text, _, _ in placed_text(rendered.data)]
    # The group prints in English and Chinese: each label greets in both, and names no one.
    assert texts == [f"{GREETING} /", "你好，我叫"] * 30


def test_labels_are_pdf_only(demo_store):
    group = demo_store.groups.by_name(THYROID)
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 8))
    with pytest.raises(InputError, match="PDF only"):
        outputs.labels(demo_store, group, occurrence, outputs.Layout(format="html"))
