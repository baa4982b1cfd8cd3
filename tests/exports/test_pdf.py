"""PDFs read back with pypdf: the right text, the right pages, fonts embedded."""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date

import pytest
from pypdf import PdfReader

from facilitator import outputs
from facilitator.core.documents import DoorSign, door_sign_document, signin_document
from facilitator.exports.pdf import render_pdf
from tests.conftest import FROZEN_NOW

THYROID = "Thyroid Cancer Peer Circle"
RARE = "Rare Roots Family Group 罕见病家庭互助会"


def agenda_pdf(store, name: str, day: date, **layout) -> PdfReader:
    group = store.groups.by_name(name)
    occurrence = store.documents.session_on(group, day)
    rendered = outputs.agenda(store, group, occurrence, outputs.Layout(**layout))
    return PdfReader(io.BytesIO(rendered.data))


def text_of(reader: PdfReader) -> str:
    """The pages' text with line breaks folded to spaces."""
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def test_an_agenda_has_the_group_the_segments_and_their_clock_times(demo_store):
    reader = agenda_pdf(demo_store, THYROID, date(2026, 12, 8))
    text = text_of(reader)
    assert THYROID in text
    for times, title in [
        ("18:30-18:40", "Welcome and"),
        ("18:40-18:45", "Ground rules"),
        ("18:45-19:05", "Check-in round"),
        ("19:50-20:00", "Closing round"),
    ]:
        assert times in text and title in text
    assert "Tuesday 8 December 2026" in text
    assert "Lecture Theatre B" in text  # the room this session moved to


def test_read_aloud_placeholders_are_filled(demo_store):
    text = text_of(agenda_pdf(demo_store, THYROID, date(2026, 12, 8)))
    assert "Welcome to Thyroid Cancer Peer Circle. I'm Ruth and Deepak" in text
    assert "{" not in text


def test_an_agenda_names_the_next_session_and_help_lines(demo_store):
    text = text_of(agenda_pdf(demo_store, THYROID, date(2026, 12, 8)))
    assert "Tuesday 12 January 2027" in text
    assert "01632 960001" in text  # a help line's number, printed in full


def test_a_usual_agenda_fits_one_page_on_a4_and_letter(demo_store):
    a4 = agenda_pdf(demo_store, THYROID, date(2026, 12, 8))
    letter = agenda_pdf(demo_store, THYROID, date(2026, 12, 8), paper="letter")
    assert len(a4.pages) == 1 and len(letter.pages) == 1
    assert round(float(a4.pages[0].mediabox.width)) == 595
    assert (
        round(float(letter.pages[0].mediabox.width)),
        round(float(letter.pages[0].mediabox.height)),
    ) == (612, 792)


def test_the_bilingual_group_prints_its_chinese_lines(demo_store):
    reader = agenda_pdf(demo_store, RARE, date(2026, 12, 5))
    text = text_of(reader)
    assert "罕见病家庭互助会" in text
    assert "在这里分享的内容请保密" in text
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert len(reader.pages) == 1 and fonts


def font_sizes(reader: PdfReader) -> Counter:
    sizes: Counter = Counter()
    for page in reader.pages:
        content = page.get_contents().get_data().decode("latin-1")
        sizes.update(float(size) for size in re.findall(r"/[Ff]\d+ ([\d.]+) Tf", content))
    return sizes


def test_large_print_sets_body_text_at_16_points_or_more(demo_store):
    reader = agenda_pdf(demo_store, THYROID, date(2026, 12, 8), large_print=True)
    sizes = font_sizes(reader)
    body = sizes.most_common(1)[0][0]
    assert body >= 16
    footer = min(sizes)  # the page footer: the title and "page 1 of 2", 11 pt in large print
    assert min(size for size in sizes if size != footer) >= 16


def test_fonts_are_embedded_so_it_prints_without_system_fonts(demo_store):
    reader = agenda_pdf(demo_store, RARE, date(2026, 12, 5))
    embedded = []
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
        embedded.append(any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert embedded and all(embedded)


def test_text_without_chinese_does_not_load_the_chinese_font(demo_store):
    reader = agenda_pdf(demo_store, THYROID, date(2026, 12, 8))
    names = " ".join(
        str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()
    )
    assert "SC" not in names


def test_accented_latin_prints(tmp_path):
    sign = DoorSign("Łódź café, Ærø, São Paulo, 3ᵉ", False, "Salle Dvořák", "Salle Müller")
    doc = door_sign_document(sign)
    text = PdfReader(io.BytesIO(render_pdf(doc))).pages[0].extract_text()
    assert "Łódź café" in text and "Müller" in text


def test_a_character_no_font_has_is_reported_not_dropped_silently():
    doc = signin_document("Circle 🌻", FROZEN_NOW)
    rendered = outputs.render(doc, outputs.Layout(), "x")
    assert rendered.warnings and "U+1F33B" in rendered.warnings[0]


def test_sign_in_slips_put_a_few_on_each_page():
    doc = signin_document("Caring Together", FROZEN_NOW, slips=True, lines=12)
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    assert len(reader.pages) == 3
    assert text_of(reader).count("First name or alias") == 12


def test_a_sign_in_sheet_has_no_condition_column():
    doc = signin_document("Thyroid Cancer Peer Circle", FROZEN_NOW, lines=25)
    text = text_of(PdfReader(io.BytesIO(render_pdf(doc))))
    assert "First name or alias" in text and "First time?" in text
    assert "condition" not in text.lower() and "diagnos" not in text.lower()


def test_a_door_sign_for_a_cancelled_session_says_so_in_large_type(demo_store):
    group = demo_store.groups.by_name("Caring Together")
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 3))
    reader = PdfReader(
        io.BytesIO(outputs.door_sign(demo_store, group, occurrence, outputs.Layout()).data)
    )
    text = text_of(reader)
    assert "This session is cancelled" in text
    assert "Outpatients building is closed" in text
    assert "Next session: Thursday 10 December 2026" in text
    assert max(font_sizes(reader)) >= 48


def test_a_door_sign_for_a_moved_session_gives_the_new_room(demo_store):
    group = demo_store.groups.by_name(THYROID)
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 8))
    doc = demo_store.documents.door_sign(group, occurrence, "Ask at reception")
    text = text_of(PdfReader(io.BytesIO(render_pdf(doc))))
    assert "This session has moved" in text and "Lecture Theatre B" in text
    assert "Ask at reception" in text


def test_a_door_sign_for_an_unchanged_session_is_refused(demo_store):
    group = demo_store.groups.by_name("Caring Together")
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 10))
    with pytest.raises(Exception, match="neither cancelled nor moved"):
        demo_store.documents.door_sign(group, occurrence)


def test_the_handout_sheet_groups_by_category_and_filters_by_language(demo_store):
    rendered = outputs.handouts(demo_store, outputs.Layout(), language="zh")
    text = text_of(PdfReader(io.BytesIO(rendered.data)))
    assert "华语关怀热线" in text and "https://chinese-care.example.org" in text
    assert "Northfield Cancer Support Line" not in text
    assert "Family" in text and "Help line" in text  # category headings


def test_a_table_cell_mixing_chinese_and_english_wraps_without_garbling():
    from facilitator.core.documents import Document, Table

    table = Table(
        ("Name", "About"), (("华语关怀热线 Chinese Care Line", "中文 and English"),), (20, 80)
    )
    text = text_of(PdfReader(io.BytesIO(render_pdf(Document("x", (table,))))))
    assert "华语关怀热线 Chinese Care Line" in text
