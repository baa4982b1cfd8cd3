"""The PDFs Typst prints, read back as a hospital printer and a screen reader would: text with
pypdf and poppler's pdftotext, fonts with pdffonts, the tagged structure with pdfinfo."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import threading
from datetime import date

import pytest
from pypdf import PdfReader

from facilitator import outputs
from facilitator.core.documents import (
    Document,
    DoorSign,
    Entry,
    Facts,
    Heading,
    Headline,
    Paragraph,
    SignInSlips,
    Table,
    Title,
    door_sign_document,
    handout_document,
    signin_document,
)
from facilitator.core.model import Resource, ResourceKind
from facilitator.exports.pdf import document_json, render_pdf
from tests.conftest import FROZEN_NOW

THYROID = "Thyroid Cancer Peer Circle"
RARE = "Rare Roots Family Group 罕见病家庭互助会"
INSTALL_POPPLER = "apt-get install poppler-utils"

# Typst markup in user text: each would change the page if it were read as Typst.
SYNTAX = [
    "#strong[bold] #(1 + 1)",
    "*star* _under_ $x^2$",
    "[bracket] @ref <label>",
    "back\\slash // not a comment",
    "= not a heading",
    "- not a list",
    "+ not numbered",
    '#import "x.typ": *',
]
SYNTAX_TEXT = "\n".join(SYNTAX)


def poppler(tool: str, pdf: bytes, *args: str) -> str:
    """Run a poppler tool on PDF bytes and return what it prints."""
    if shutil.which(tool) is None:
        pytest.fail(f"poppler's {tool} is needed to read PDFs as printers do: {INSTALL_POPPLER}")
    done = subprocess.run(
        [tool, *args, "-", "-"] if tool == "pdftotext" else [tool, *args, "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def pdftotext_lines(pdf: bytes) -> list[str]:
    return [line.strip() for line in poppler("pdftotext", pdf).splitlines() if line.strip()]


def runs(pdf: bytes) -> list[tuple[int, str, float, float]]:
    """Each run of text as (page, text, font size, height on the page)."""
    found: list[tuple[int, str, float, float]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        page.extract_text(
            visitor_text=lambda text, cm, _tm, _font, size, n=number: (
                found.append((n, text, size, cm[5])) if text.strip() else None
            )
        )
    return found


def pages_holding(pdf: bytes, text: str) -> set[int]:
    reader = PdfReader(io.BytesIO(pdf))
    return {n for n, page in enumerate(reader.pages) if text in page.extract_text()}


def agenda(store, name: str, day: date, **layout) -> bytes:
    group = store.groups.by_name(name)
    occurrence = store.documents.session_on(group, day)
    return outputs.agenda(store, group, occurrence, outputs.Layout(**layout)).data


def every_document(store) -> dict[str, bytes]:
    thyroid = store.groups.by_name(THYROID)
    caring = store.groups.by_name("Caring Together")
    moved = store.documents.session_on(thyroid, date(2026, 12, 8))
    cancelled = store.documents.session_on(caring, date(2026, 12, 3))
    layout = outputs.Layout()
    return {
        "agenda": agenda(store, RARE, date(2026, 12, 5)),
        "handouts": outputs.handouts(store, layout).data,
        "signin": outputs.signin(store, caring, cancelled, layout).data,
        "slips": outputs.signin(store, caring, cancelled, layout, slips=True, lines=6).data,
        "moved door sign": outputs.door_sign(store, thyroid, moved, layout).data,
        "cancelled door sign": outputs.door_sign(store, caring, cancelled, layout).data,
        "privacy notice": outputs.privacy_notice(store, layout).data,
    }


# -- User text is data, never markup ---------------------------------------------------------


def every_block_with(text: str) -> Document:
    """One of each block that carries user text, every text field set to `text`."""
    return Document(
        text,
        (
            Title(text),
            Heading(text),
            Paragraph(text),
            Facts(((text, text),)),
            Table((text, "B"), ((text, "x"),), (50, 50)),
            Entry(text, (text,)),
            SignInSlips(1, text),
            Headline(text),
        ),
    )


def test_typst_syntax_in_every_user_field_prints_literally():
    pdf = render_pdf(every_block_with(SYNTAX_TEXT))
    lines = pdftotext_lines(pdf)
    for line in SYNTAX:
        # title, heading, paragraph, facts label and value, table cell and header, entry
        # title and line, slip heading and headline: all eleven print it as typed
        assert sum(line in printed for printed in lines) >= 11, line
    pypdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert all(line in pypdf_text for line in SYNTAX)


def test_the_document_reaches_the_template_as_json_not_markup():
    data = document_json(every_block_with("#x"))
    assert '"kind": "Title"' in data and '"text": "#x"' in data


def test_a_field_added_to_a_block_reaches_the_template_unchanged():
    @dataclasses.dataclass(frozen=True)
    class Paragraph:  # a later Paragraph with a language of its own
        text: str
        lang: str = ""

    doc = Document("t", (Paragraph("在这里分享的内容请保密", lang="zh-Hans"),))
    assert '"lang": "zh-Hans"' in document_json(doc)
    assert "在这里分享的内容请保密" in poppler("pdftotext", render_pdf(doc))


# -- Fonts -----------------------------------------------------------------------------------


def test_chinese_is_bold_where_latin_is(demo_store):
    fonts = poppler("pdffonts", agenda(demo_store, RARE, date(2026, 12, 5)))
    assert "NotoSansSC-Bold" in fonts  # the title and table headers, in Chinese too
    assert "NotoSans-Bold" in fonts and "NotoSansSC-Regular" in fonts


PAGES_AND_TEXT = {
    "agenda": (1, ["罕见病家庭互助会", "14:00-14:10", "在这里分享的内容请保密"]),
    "handouts": (None, ["Where to find support", "华语关怀热线", "01632 960001"]),  # any length
    "signin": (1, ["Sign in: Caring Together", "First name or alias", "First time?"]),
    "slips": (2, ["Caring Together - Thursday 3 December 2026, 10:30", "This is my first time"]),
    "moved door sign": (1, ["This session has moved", "Now: Tuesday 8 December 2026"]),
    "cancelled door sign": (1, ["This session is cancelled", "Questions? Ask Maggie"]),
    # In every language the groups print in: the demo's groups use English and Chinese.
    "privacy notice": (2, ["How this group keeps your information", "Fewer than 5 slips"]),
}


def test_every_document_reads_back_with_its_pages_and_text(demo_store):
    for name, pdf in every_document(demo_store).items():
        pages, texts = PAGES_AND_TEXT[name]
        reader = PdfReader(io.BytesIO(pdf))
        assert pages is None or len(reader.pages) == pages, name
        printed = " ".join(pdftotext_lines(pdf))
        pypdf_text = " ".join(page.extract_text() for page in reader.pages)
        for text in texts:
            assert text in printed and text in " ".join(pypdf_text.split()), (name, text)


def test_every_document_embeds_every_font_it_uses(demo_store):
    for name, pdf in every_document(demo_store).items():
        rows = poppler("pdffonts", pdf).splitlines()[2:]
        assert rows, name
        for row in rows:
            assert row.split()[-5] == "yes", (name, row)  # the "emb" column


def test_a_document_with_a_character_no_font_has_still_prints_and_says_so():
    rendered = outputs.render(Document("t", (Paragraph("Circle 🌻"),)), outputs.Layout(), "x")
    assert rendered.warnings and "U+1F33B" in rendered.warnings[0]
    assert "Circle" in poppler("pdftotext", rendered.data)


# -- Tagged and accessible -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "a\x00b", "\ufeffAde", "x\ud800y"])
def test_text_pdf_ua_1_does_not_allow_still_prints_tagged(text):
    pdf = render_pdf(Document(text or "t", (Title(text), Paragraph(f"{text} and more"))))
    assert "and more" in poppler("pdftotext", pdf)
    assert "Tagged:          yes" in poppler("pdfinfo", pdf)


def test_every_document_is_tagged_for_screen_readers(demo_store):
    for name, pdf in every_document(demo_store).items():
        info = poppler("pdfinfo", pdf)
        assert "Tagged:          yes" in info, name
        root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
        assert "/StructTreeRoot" in root, name


def test_every_document_declares_its_title_and_language(demo_store):
    for name, pdf in every_document(demo_store).items():
        reader = PdfReader(io.BytesIO(pdf))
        assert reader.metadata.title, name
        assert reader.trailer["/Root"]["/Lang"], name


def test_a_document_in_simplified_chinese_declares_it():
    doc = Document("会议", (Paragraph("在这里分享的内容请保密"),), language="zh-Hans")
    assert PdfReader(io.BytesIO(render_pdf(doc))).trailer["/Root"]["/Lang"] == "zh-CN"


def languages_tagged(pdf: bytes) -> list[tuple[str, str]]:
    """(structure type, language) of each element of the structure tree that declares one."""
    found: list[tuple[str, str]] = []

    def walk(node) -> None:
        node = node.get_object()
        if "/Lang" in node:
            found.append((str(node.get("/S")), str(node["/Lang"])))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object()
            if hasattr(kid, "get"):
                walk(kid)

    walk(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
    return found


@dataclasses.dataclass(frozen=True)
class Bilingual(Document):
    """A document with its languages, main one first (the field helper "lang" adds)."""

    languages: tuple[str, ...] = ()


def test_the_first_of_a_documents_languages_is_its_language():
    doc = Bilingual("t", (Paragraph("Hello"),), languages=("zh-Hans", "en"))
    assert PdfReader(io.BytesIO(render_pdf(doc))).trailer["/Root"]["/Lang"] == "zh-CN"


def test_a_block_in_another_language_is_tagged_with_it():
    # a Paragraph with the language of its own that helper "lang" adds to text blocks
    in_language = dataclasses.make_dataclass(
        "Paragraph", [("text", str), ("lang", str, "")], frozen=True
    )
    blocks = (Paragraph("Hello"), in_language("在这里分享的内容请保密", lang="zh-Hans"))
    pdf = render_pdf(Bilingual("t", blocks, languages=("en-GB", "zh-Hans")))
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en-GB"
    assert languages_tagged(pdf) == [("/P", "zh-CN")]


def test_the_pdf_claims_pdf_ua_1(demo_store):
    pdf = agenda(demo_store, THYROID, date(2026, 12, 8))
    assert b"pdfuaid:part" in pdf  # the XMP metadata's PDF/UA identification


# -- Typography for a notice board -----------------------------------------------------------

TOKENS = ["18:30-18:40", "01632 960001", "Tuesday 12 January 2027", "+44 20 7946 0958"]


def test_times_phone_numbers_and_dates_never_break_inside():
    narrow = Table(
        ("Time", "What"),
        tuple((f"call {t} {t} {t}", "x") for t in TOKENS),
        (10, 90),  # a narrow column, so every cell has to wrap
    )
    for large_print in (False, True):
        lines = pdftotext_lines(render_pdf(Document("t", (narrow,)), "letter", large_print))
        for token in TOKENS:
            assert sum(line.count(token) for line in lines) == 3, (token, large_print)


def test_the_large_print_agenda_keeps_its_times_whole(demo_store):
    pdf = agenda(demo_store, THYROID, date(2026, 12, 8), paper="letter", large_print=True)
    text = " ".join(pdftotext_lines(pdf))
    for times in ["18:30-18:40", "18:40-18:45", "19:05-19:40", "19:50-20:00"]:
        assert times in text


def test_a_long_web_address_breaks_only_after_a_slash():
    url = "https://support.example.org/leaflets/after-treatment/finding-your-feet-again"
    table = Table(("Name", "Web"), (("x", url),), (80, 20))
    lines = pdftotext_lines(render_pdf(Document("t", (table,)), large_print=True))
    parts = [line for line in lines if line in url and len(line) > 1]
    assert len(parts) > 1 and "".join(parts) == url
    assert all(part.endswith("/") for part in parts[:-1])


def test_web_addresses_are_links():
    url = "https://northfield-cancer.example.org/help"
    pdf = render_pdf(Document("t", (Paragraph(f"See {url} or www.example.org."),)))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    targets = {a.get_object()["/A"]["/URI"] for a in page["/Annots"]}
    assert targets == {url, "https://www.example.org"}


def filler(lines: int) -> list[Paragraph]:
    return [Paragraph(f"Line {n} of the text before.") for n in range(lines)]


def test_a_heading_is_never_the_last_thing_on_a_page():
    for lines in range(38, 62):
        doc = Document("t", (*filler(lines), Heading("The heading"), Paragraph("What follows.")))
        pdf = render_pdf(doc)
        assert pages_holding(pdf, "The heading") == pages_holding(pdf, "What follows."), lines


def test_a_paragraph_leaves_no_line_alone_at_a_page_break():
    long = Paragraph(" ".join(f"word{n}" for n in range(120)))  # about nine lines
    split = 0
    for lines in range(34, 48):
        reader = PdfReader(io.BytesIO(render_pdf(Document("t", (*filler(lines), long)))))
        words = [
            sum(w.startswith("word") for w in page.extract_text().split()) for page in reader.pages
        ]
        on_pages = [count for count in words if count]
        split += len(on_pages) > 1
        assert all(count > 16 for count in on_pages), (lines, words)  # a line is ~14 words
    assert split  # some of these did break across pages


def test_large_print_never_leaves_a_table_row_alone_on_a_page():
    for count in range(8, 30):
        rows = tuple((f"Row {n}", "Some words in a cell") for n in range(count))
        doc = Document("t", (Table(("A", "B"), rows, (50, 50)),))
        pdf = render_pdf(doc, "letter", large_print=True)
        last = pages_holding(pdf, f"Row {count - 1}")
        assert last == pages_holding(pdf, f"Row {count - 2}"), count


def test_the_large_print_letter_agenda_fits_two_pages(demo_store):
    pdf = agenda(demo_store, THYROID, date(2026, 12, 8), paper="letter", large_print=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    assert pages_holding(pdf, "19:50-20:00") == pages_holding(pdf, "19:40-19:50")


def test_a_large_print_label_column_stays_narrow(demo_store):
    pdf = agenda(demo_store, THYROID, date(2026, 12, 8), paper="letter", large_print=True)
    when = [x for _, text, _, x in runs_x(pdf) if "Tuesday 8 December 2026" in text]
    assert when and min(when) < 612 * 0.3  # the value starts within the page's first third


def runs_x(pdf: bytes) -> list[tuple[int, str, float, float]]:
    found: list[tuple[int, str, float, float]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        page.extract_text(
            visitor_text=lambda text, cm, _tm, _font, size, n=number: (
                found.append((n, text, size, cm[4])) if text.strip() else None
            )
        )
    return found


def test_the_handout_sheet_prints_body_text_at_12_points_or_more():
    resource = Resource("r", "Help line", ResourceKind.HOTLINE, "01632 960001", categories=("x",))
    sizes = [size for _, _, size, _ in runs(render_pdf(handout_document([resource])))]
    footer = min(sizes)
    assert min(size for size in sizes if size != footer) >= 12


# -- Door signs ------------------------------------------------------------------------------


def test_a_moved_sessions_door_sign_prints_the_new_place_and_time_largest(demo_store):
    group = demo_store.groups.by_name(THYROID)
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 8))
    pdf = outputs.door_sign(demo_store, group, occurrence, outputs.Layout()).data
    found = runs(pdf)
    largest = max(size for _, _, size, _ in found)
    largest_text = " ".join(text for _, text, size, _ in found if size == largest)
    assert "Now:" in largest_text and "Lecture Theatre B" in largest_text
    assert "moved" not in largest_text


def test_a_door_sign_fills_the_page(demo_store):
    for paper in ("a4", "letter"):
        group = demo_store.groups.by_name("Caring Together")
        occurrence = demo_store.documents.session_on(group, date(2026, 12, 3))
        pdf = outputs.door_sign(demo_store, group, occurrence, outputs.Layout(paper=paper)).data
        heights = [y for _, _, _, y in runs(pdf)]
        page_height = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.height)
        assert max(heights) > page_height * 0.8 and min(heights) < page_height * 0.15, paper


def test_a_door_sign_is_one_page_even_for_a_long_notice():
    sign = DoorSign(
        group="Caring Together",
        cancelled=False,
        was="Thursday 3 December 2026, 10:30, Quiet Room",
        now="Thursday 3 December 2026, 10:30, Seminar Room 2, Education Centre",
        public_notice="Bring a friend. " * 6,
        next_session="Thursday 10 December 2026, 10:30",
        contact="Questions? Ask Maggie",
    )
    doc = door_sign_document(sign)
    assert len(PdfReader(io.BytesIO(render_pdf(doc))).pages) == 1


# -- The engine ------------------------------------------------------------------------------


def test_a_template_that_fails_is_one_clear_error(tmp_path, monkeypatch):
    from facilitator.core.errors import FacilitatorError
    from facilitator.exports import pdf as engine

    broken = tmp_path / "templates"
    broken.mkdir()
    (broken / "agenda.typ").write_text("#let data = json(bytes(sys.inputs.data))\n#data.nope\n")
    monkeypatch.setattr(engine, "TEMPLATES", broken)
    engine.template.cache_clear()
    try:
        with pytest.raises(FacilitatorError, match="the PDF could not be made"):
            render_pdf(Document("t", (Paragraph("x"),), template="agenda"))
    finally:
        engine.template.cache_clear()


def test_renders_in_several_threads_at_once_each_get_their_own_document():
    results: dict[int, bytes] = {}

    def render(number: int) -> None:
        results[number] = render_pdf(signin_document(f"Circle {number}", FROZEN_NOW))

    threads = [threading.Thread(target=render, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for number, pdf in results.items():
        assert f"Sign in: Circle {number}" in poppler("pdftotext", pdf)
    assert len(results) == 6


def test_a_door_sign_with_the_longest_notice_keeps_every_line_on_its_one_page():
    notice = (
        "The Outpatients building is closed for urgent repairs; no other room was free. " * 13
    )[:1030]
    sign = DoorSign(
        group="Caring Together",
        cancelled=True,
        was="Thursday 24 December 2026, 10:30",
        public_notice=notice,
        next_session="Thursday 31 December 2026, 10:30",
        contact="Questions? Ask Maggie",
    )
    pdf = render_pdf(door_sign_document(sign))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    printed = " ".join(pdftotext_lines(pdf))
    for line in ("This session is cancelled", "Caring Together", "Next session", "Ask Maggie"):
        assert line in printed


def test_only_the_shipped_fonts_print_even_for_a_script_they_lack():
    doc = Document("Names", (Paragraph("Ade, سلام, שלום, 中文"),))
    fonts = subprocess.run(
        ["pdffonts", "-"], input=render_pdf(doc), capture_output=True, check=True
    ).stdout.decode()
    used = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]]
    assert used and all(name.startswith("NotoSans") for name in used), used
