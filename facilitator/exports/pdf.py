"""PDF through fpdf2 with the shipped Noto fonts: prints the same on a machine with no fonts."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from facilitator.core.documents import (
    Block,
    Document,
    Entry,
    Facts,
    Heading,
    PageBreak,
    Paragraph,
    SignInLines,
    SignInSlips,
    Table,
    Title,
)
from facilitator.exports import fonts

PAPER = {"a4": "A4", "letter": "Letter"}
MARGIN = 15  # mm
logging.getLogger("fpdf").setLevel(logging.ERROR)  # we report missing glyphs ourselves


@dataclass(frozen=True)
class Sizes:
    """Type sizes in points; large print keeps body text at 16 pt or more."""

    body: float
    heading: float
    title: float
    huge: float = 60

    @classmethod
    def for_print(cls, large_print: bool) -> Sizes:
        """Normal or large print."""
        return cls(16, 20, 28) if large_print else cls(10, 12.5, 20)


class _Pdf(FPDF):
    def __init__(self, paper: str, title: str) -> None:
        super().__init__(format=PAPER[paper])
        self.doc_title = title

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("NotoSans", size=8)
        self.set_text_color(110)
        self.cell(0, 5, f"{self.doc_title}  ·  page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0)


def render_pdf(doc: Document, paper: str = "a4", large_print: bool = False) -> bytes:
    """Render a document as PDF bytes."""
    pdf = _Pdf(paper, doc.title)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(doc.title)
    pdf.set_creator("facilitator")
    pdf.set_lang(doc.language)
    pdf.add_font("NotoSans", "", fonts.REGULAR)
    pdf.add_font("NotoSans", "B", fonts.BOLD)
    if fonts.needs_chinese_font(doc.texts()):
        pdf.add_font("NotoSansSC", "", fonts.CHINESE)
        pdf.set_fallback_fonts(["NotoSansSC"], exact_match=False)
    sizes = Sizes.for_print(large_print)
    pdf.add_page()
    for block in doc.blocks:
        _draw(pdf, block, sizes)
    return bytes(pdf.output())


def _draw(pdf: _Pdf, block: Block, sizes: Sizes) -> None:
    match block:
        case Title(text=text, huge=huge):
            pdf.set_font("NotoSans", "B", sizes.huge if huge else sizes.title)
            _text(
                pdf, text, (sizes.huge if huge else sizes.title) * 0.5, align="C" if huge else "L"
            )
            pdf.ln(4 if not huge else 10)
        case Heading(text=text):
            pdf.ln(2)
            pdf.set_font("NotoSans", "B", sizes.heading)
            _text(pdf, text, sizes.heading * 0.5)
            pdf.ln(1)
        case Paragraph(text=text, emphasis=emphasis, large=large):
            size = sizes.title if large else sizes.body
            pdf.set_font("NotoSans", "B" if emphasis else "", size)
            _text(pdf, text, size * 0.5, align="C" if large else "L")
            pdf.ln(size * 0.25)
        case Facts(pairs=pairs):
            _facts(pdf, pairs, sizes)
        case Table():
            _table(pdf, block, sizes)
        case Entry(title=title, lines=lines):
            with pdf.unbreakable() as kept:  # an entry never splits across pages
                kept.set_font("NotoSans", "B", sizes.body)
                _text(kept, title, sizes.body * 0.5)
                kept.set_font("NotoSans", "", sizes.body)
                for line in lines:
                    _text(kept, line, sizes.body * 0.5)
                kept.ln(sizes.body * 0.25)
        case SignInLines(lines=lines):
            _signin_lines(pdf, lines, sizes)
        case SignInSlips(count=count, heading=heading):
            _signin_slips(pdf, count, heading, sizes)
        case PageBreak():
            pdf.add_page()


def _text(pdf: _Pdf, text: str, height: float, align: str = "L") -> None:
    pdf.multi_cell(0, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _facts(pdf: _Pdf, pairs: tuple[tuple[str, str], ...], sizes: Sizes) -> None:
    label_width = pdf.get_string_width("Facilitators") * sizes.body / 10 + 6
    for label, value in pairs:
        pdf.set_font("NotoSans", "B", sizes.body)
        pdf.cell(label_width, sizes.body * 0.5, label)
        pdf.set_font("NotoSans", "", sizes.body)
        pdf.multi_cell(0, sizes.body * 0.5, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _table(pdf: _Pdf, table: Table, sizes: Sizes) -> None:
    pdf.set_font("NotoSans", "", sizes.body)
    headings = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
    with pdf.table(
        col_widths=table.widths or None,
        text_align="LEFT",
        line_height=sizes.body * 0.5,
        headings_style=headings,
        padding=1,
        # No zebra fill: fpdf2 2.8.9 then draws wrapped text after a fallback (Chinese)
        # glyph with the wrong font's glyph map (tests/exports: mixed-script cells).
    ) as drawn:
        drawn.row(table.columns)
        for row in table.rows:
            drawn.row(row)
    pdf.ln(2)


def _signin_lines(pdf: _Pdf, lines: int, sizes: Sizes) -> None:
    row = max(10.0, sizes.body * 0.9)
    width = pdf.epw
    pdf.set_font("NotoSans", "B", sizes.body)
    pdf.cell(width - 30, row, "First name or alias")
    pdf.cell(30, row, "First time?", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for _ in range(lines):
        if pdf.get_y() + row > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y() + row
        pdf.line(pdf.l_margin, y - 1, pdf.l_margin + width - 40, y - 1)
        pdf.rect(pdf.l_margin + width - 18, y - 7, 6, 6)
        pdf.set_y(y)


def _signin_slips(pdf: _Pdf, count: int, heading: str, sizes: Sizes) -> None:
    slip = 52.0
    for number in range(count):
        if number and pdf.get_y() + slip > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_font("NotoSans", "B", sizes.body)
        _text(pdf, heading, sizes.body * 0.5)
        pdf.set_font("NotoSans", "", sizes.body)
        pdf.ln(3)
        pdf.cell(0, 8, "First name or alias:", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.line(pdf.l_margin, pdf.get_y() + 8, pdf.l_margin + pdf.epw * 0.7, pdf.get_y() + 8)
        pdf.set_y(pdf.get_y() + 11)
        pdf.rect(pdf.l_margin, pdf.get_y() + 1, 5, 5)
        pdf.set_x(pdf.l_margin + 8)
        pdf.cell(0, 7, "This is my first time", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_dash_pattern(dash=2, gap=2)
        cut = top + slip - 3
        pdf.line(pdf.l_margin - 5, cut, pdf.l_margin + pdf.epw + 5, cut)
        pdf.set_dash_pattern()
        pdf.set_y(cut + 3)
