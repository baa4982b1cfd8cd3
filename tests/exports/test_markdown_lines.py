"""Markdown keeps a text's line breaks, and no line of it becomes a list, a heading or a rule."""

from __future__ import annotations

from markdown_it import MarkdownIt

from facilitator import outputs
from facilitator.core.documents import Document, Paragraph
from facilitator.exports.markdown import render_markdown


def read_markdown(markdown: str) -> tuple[list[str], list[str]]:
    """The blocks a Markdown viewer makes of a text, and the lines it shows."""
    tokens = MarkdownIt().parse(markdown)
    blocks = [token.type for token in tokens if token.type.endswith("_open")]
    shown = ""
    for token in tokens:
        for child in token.children or ():
            if child.type == "text":
                shown += child.content
            elif child.type == "hardbreak":
                shown += "\n"
            elif child.type == "softbreak":
                shown += " "  # a viewer runs lines without a hard break together
    return blocks, shown.splitlines()


def test_a_description_keeps_its_line_breaks_and_no_line_becomes_markup_in_markdown(store):
    description = "Call us any day.\n- not a list\n1. not a numbered list\n# not a heading\n==="
    store.resources.add(title="Helpline", kind="hotline", phone="0800 123", description=description)
    handouts = outputs.handouts(store, outputs.Layout("md")).data.decode()
    entry = handouts[handouts.index("**Helpline**") :]
    blocks, lines = read_markdown(entry)
    assert blocks == ["paragraph_open"]
    assert lines == ["Helpline", "0800 123", *description.splitlines()]


def test_a_paragraph_keeps_its_line_breaks_and_escapes_every_line_in_markdown():
    text = "First line\n- second line\n2) third\n---"
    blocks, lines = read_markdown(render_markdown(Document("t", (Paragraph(text),))))
    assert blocks == ["paragraph_open"]
    assert lines == text.splitlines()
