"""PDF through Typst, with the shipped Noto fonts: prints the same on a machine with no fonts.

Each document has its own template in templates/ (agenda.typ, handouts.typ, ...); all of them
draw the shared blocks with templates/blocks.typ. The document goes in as JSON through
`sys_inputs` and the templates read it with `json(...)`: user text is data, never Typst markup,
so `#`, `*`, `$` or `[` in a name print as typed.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from functools import cache
from pathlib import Path
from typing import Any

import typst

from facilitator.core.documents import Document
from facilitator.core.errors import FacilitatorError
from facilitator.exports import fonts

TEMPLATES = Path(__file__).parent / "templates"
# Tagged for screen readers, to PDF/UA-1; see the README for what Typst leaves out. A document
# with a character no shipped font has cannot be PDF/UA-1 (Typst refuses it): it is still
# tagged, but claims no standard, and the person is told which characters will not print.
PDF_UA = ("ua-1",)


class RenderError(FacilitatorError):
    """A template failed to compile (a fault in the template, not in what the person typed):
    said in one line like any other error, and nothing is written."""


def as_data(value: Any) -> Any:
    """A document as plain JSON values: every dataclass field by name, plus its class as
    `kind`, so a field added to a block reaches the templates without touching this code."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"kind": type(value).__name__, **fields}
    if isinstance(value, tuple | list):
        return [as_data(item) for item in value]
    if isinstance(value, frozenset | set):
        return sorted(as_data(item) for item in value)
    return value


def document_json(doc: Document, paper: str = "a4", large_print: bool = False) -> str:
    """What a template reads from `sys.inputs.data`; a lone surrogate (text that was never
    valid Unicode) becomes U+FFFD, as Typst takes only valid text."""
    layout = {"paper": paper, "large_print": large_print}
    data = json.dumps({"document": as_data(doc), "layout": layout}, ensure_ascii=False)
    return data.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class _Template:
    """One template's reused Typst compiler; a lock, as renders run in worker threads."""

    def __init__(self, name: str) -> None:
        path = TEMPLATES / f"{name}.typ"
        if not path.is_file():
            raise RenderError(f"the PDF could not be made: there is no template {name}.typ")
        self._compiler = typst.Compiler(
            str(path),
            root=str(TEMPLATES),
            font_paths=[str(fonts.FONT_DIR)],
            ignore_system_fonts=True,
        )
        self._lock = threading.Lock()

    def compile(
        self, data: str, standards: tuple[str, ...] = (), fmt: str = "pdf", ppi: float | None = None
    ) -> Any:
        with self._lock:
            try:
                return self._compile(data, standards, fmt, ppi)
            except typst.TypstError as error:
                if not (standards and str(error).startswith("PDF/UA-1 error")):
                    raise RenderError(f"the PDF could not be made: {error}") from error
            # Text PDF/UA-1 does not allow (an empty title, a byte-order mark inside a name):
            # the document still prints, tagged, without claiming the standard.
            try:
                return self._compile(data, (), fmt, ppi)
            except typst.TypstError as error:
                raise RenderError(f"the PDF could not be made: {error}") from error

    def _compile(self, data: str, standards: tuple[str, ...], fmt: str, ppi: float | None) -> Any:
        return self._compiler.compile(
            format=fmt, ppi=ppi, sys_inputs={"data": data}, pdf_standards=list(standards)
        )


@cache
def template(name: str) -> _Template:
    """The compiler for one template, made once per process."""
    return _Template(name)


def render_pdf(doc: Document, paper: str = "a4", large_print: bool = False) -> bytes:
    """Render a document as PDF bytes with its own template: PDF/UA-1 where every character
    has a font."""
    standards = () if fonts.unprintable(doc.texts()) else PDF_UA
    return template(doc.template).compile(document_json(doc, paper, large_print), standards)


def render_png(doc: Document, paper: str = "a4", large_print: bool = False) -> list[bytes]:
    """The pages as PNG images at 50 pixels an inch: for looking at a template's output."""
    data = document_json(doc, paper, large_print)
    pages = template(doc.template).compile(data, fmt="png", ppi=50)
    return pages if isinstance(pages, list) else [pages]
