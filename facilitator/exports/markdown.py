"""Markdown for copying into an e-mail or a document; user text is escaped, not interpreted."""

from __future__ import annotations

import re

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

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Text that Markdown shows exactly as typed."""
    return _SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return escape(text).replace("\n", "<br>") or " "


def render_markdown(doc: Document) -> str:
    """Render a document as Markdown text."""
    parts = [_block(block) for block in doc.blocks]
    return "\n\n".join(part for part in parts if part) + "\n"


def _block(block: Block) -> str:
    match block:
        case Title(text=text):
            return f"# {escape(text)}"
        case Heading(text=text):
            return f"## {escape(text)}"
        case Paragraph(text=text, emphasis=emphasis):
            body = "  \n".join(escape(line) for line in text.splitlines())
            return f"**{body}**" if emphasis and body else body
        case Facts(pairs=pairs):
            return "\n".join(f"- **{escape(label)}:** {escape(value)}" for label, value in pairs)
        case Table(columns=columns, rows=rows):
            lines = ["| " + " | ".join(_cell(c) for c in columns) + " |"]
            lines.append("|" + "|".join(" --- " for _ in columns) + "|")
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
            return "\n".join(lines)
        case Entry(title=title, lines=lines):
            return "  \n".join([f"**{escape(title)}**", *(escape(line) for line in lines)])
        case SignInLines(lines=count):
            head = "| First name or alias | First time? |\n| --- | --- |\n"
            return head + "\n".join("| | [ ] |" for _ in range(count))
        case SignInSlips(count=count, heading=heading):
            slip = f"**{escape(heading)}**\n\nFirst name or alias: ____________\n\n[ ] first time"
            return "\n\n---\n\n".join(slip for _ in range(count))
        case PageBreak():
            return "---"
    return ""
