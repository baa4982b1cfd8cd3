"""Self-contained HTML with print CSS: the shipped fonts are subset and inlined, no links out."""

from __future__ import annotations

import base64
import io
from html import escape
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from facilitator.core.documents import (
    Block,
    Document,
    Entry,
    Facts,
    Heading,
    Headline,
    PageBreak,
    Paragraph,
    SignInLines,
    SignInSlips,
    Table,
    Title,
    split_links,
)
from facilitator.core.wording import BETWEEN as LABEL_JOIN
from facilitator.exports import fonts

PAGE_SIZE = {"a4": "A4", "letter": "letter"}

CSS = """
@page { size: %(page)s; margin: 15mm;
        @bottom-center { content: "page " counter(page) " of " counter(pages); font-size: 8pt;
                         font-family: "Doc Sans", "Doc Sans SC", sans-serif; } }
body { font-family: "Doc Sans", "Doc Sans SC", sans-serif; font-size: %(body)spt;
       line-height: 1.35; margin: 0 auto; max-width: 180mm; color: #000; }
h1 { font-size: %(title)spt; margin: 0 0 3mm; }
h1.huge { font-size: 44pt; text-align: center; margin-top: 20mm; }
h2 { font-size: %(heading)spt; margin: 5mm 0 2mm; break-after: avoid; }
h1:has(+ h1[lang]), h2:has(+ h2[lang]) { margin-bottom: 0; }
h1 + h1[lang], h2 + h2[lang] { margin-top: 0; }  /* a heading's translation, stacked under it */
p { margin: 0 0 2mm; white-space: pre-wrap; }
p.large { font-size: %(title)spt; text-align: center; }
p.emphasis { font-weight: bold; }
p.headline { font-size: 48pt; font-weight: bold; text-align: center; margin: 6mm 0; }
p.entry { break-inside: avoid; margin-bottom: 3mm; }
dl { display: grid; grid-template-columns: max-content auto; gap: 1mm 4mm; margin: 0 0 3mm; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%%; margin-bottom: 3mm; }
thead { display: table-header-group; }
th { background: #e1e1e1; text-align: left; }
th, td { border: 0.3mm solid #999; padding: 1mm 1.5mm; vertical-align: top;
         white-space: pre-wrap; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
.page-break { break-before: page; }
.signin td { height: 9mm; }
.tick { display: inline-block; width: 5mm; height: 5mm; border: 0.3mm solid #000; }
.slip { height: 48mm; border-bottom: 0.4mm dashed #000; break-inside: avoid; padding-top: 3mm; }
.line { display: inline-block; width: 110mm; border-bottom: 0.3mm solid #000; height: 7mm; }
"""


def render_html(doc: Document, paper: str = "a4", large_print: bool = False) -> str:
    """Render a document as one HTML file that prints the same anywhere."""
    body, heading, title = (16, 20, 28) if large_print else (10.5, 13, 20)
    style = CSS % {"page": PAGE_SIZE[paper], "body": body, "heading": heading, "title": title}
    parts = "\n".join(_block(block, doc.languages) for block in doc.blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(doc.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(doc.title)}</title>\n<style>\n{_font_faces(doc)}{style}</style>\n"
        f"</head>\n<body>\n{parts}\n</body>\n</html>\n"
    )


def _font_faces(doc: Document) -> str:
    chars = "".join({char for text in doc.texts() for char in text}) + _FIXED_TEXT
    faces = [("Doc Sans", "normal", fonts.REGULAR), ("Doc Sans", "bold", fonts.BOLD)]
    if fonts.needs_chinese_font(doc.texts()):
        faces += [("Doc Sans SC", "normal", fonts.CHINESE)]
    return "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f"src: url(data:font/woff;base64,{_subset(path, chars)}) format('woff'); }}\n"
        for family, weight, path in faces
    )


_FIXED_TEXT = "0123456789 page of"  # the footer's words


def _subset(path: Path, chars: str) -> str:
    font = TTFont(path)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _text(text: str) -> str:
    """User or catalogue text, escaped, its web addresses made links."""
    return "".join(
        f'<a href="{escape(piece, quote=True)}">{escape(piece)}</a>' if is_link else escape(piece)
        for piece, is_link in split_links(text)
    )


def _lang(lang: str) -> str:
    """The attribute for a run in another language than the document's."""
    return f' lang="{escape(lang, quote=True)}"' if lang else ""


def _label(text: str, languages: tuple[str, ...]) -> str:
    """A label or column heading from the catalogues, "Time / 时间" in a bilingual document:
    each half marked in its own language, so a screen reader reads 时间 as Chinese."""
    halves = text.split(LABEL_JOIN)
    if len(languages) < 2 or len(halves) != len(languages):
        return _text(text)
    runs = [_text(halves[0])]
    runs += [
        f'<span lang="{escape(tag, quote=True)}">{_text(half)}</span>'
        for tag, half in zip(languages[1:], halves[1:], strict=True)
    ]
    return escape(LABEL_JOIN).join(runs)


def _block(block: Block, languages: tuple[str, ...] = ("en",)) -> str:
    match block:
        case Title(text=text, huge=huge, lang=lang):
            classes = ' class="huge"' if huge else ""
            return f"<h1{classes}{_lang(lang)}>{_text(text)}</h1>"
        case Heading(text=text, lang=lang):
            return f"<h2{_lang(lang)}>{_text(text)}</h2>"
        case Headline(text=text, lang=lang):
            return f'<p class="headline"{_lang(lang)}>{_text(text)}</p>'
        case Paragraph(text=text, emphasis=emphasis, large=large, lang=lang):
            classes = " ".join(
                name for name, on in (("emphasis", emphasis), ("large", large)) if on
            )
            attribute = f' class="{classes}"' if classes else ""
            return f"<p{attribute}{_lang(lang)}>{_text(text)}</p>"
        case Facts(pairs=pairs):
            items = "".join(f"<dt>{_label(k, languages)}</dt><dd>{_text(v)}</dd>" for k, v in pairs)
            return f"<dl>{items}</dl>"
        case Table(columns=columns, rows=rows, widths=widths):
            cols = "".join(f'<col style="width:{w}%">' for w in widths)
            head = "".join(f"<th>{_label(c, languages)}</th>" for c in columns)
            body = "".join(
                "<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>" for row in rows
            )
            return (
                f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>"
            )
        case Entry(title=title, lines=lines, lang=lang):
            rest = "".join(f"<br>{_text(line)}" for line in lines)
            return f'<p class="entry"{_lang(lang)}><strong>{_text(title)}</strong>{rest}</p>'
        case SignInLines(lines=count, columns=(name, first)):
            row = '<tr><td></td><td><span class="tick"></span></td></tr>'
            return (
                '<table class="signin"><colgroup><col style="width:80%"><col style="width:20%">'
                f"</colgroup><thead><tr><th>{_label(name, languages)}</th>"
                f"<th>{_label(first, languages)}</th></tr>"
                f"</thead><tbody>{row * count}</tbody></table>"
            )
        case SignInSlips(count=count, heading=heading, name_label=name, first_time_label=first):
            slip = (
                f'<div class="slip"><p class="emphasis">{_text(heading)}</p>'
                f'<p>{_text(name)}</p><p><span class="line"></span></p>'
                f'<p><span class="tick"></span> {_text(first)}</p></div>'
            )
            return slip * count
        case PageBreak():
            return '<div class="page-break"></div>'
    return ""
