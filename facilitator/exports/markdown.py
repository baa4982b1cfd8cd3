"""Markdown for copying into an e-mail or a document; user text is escaped, not interpreted."""

from __future__ import annotations

import re

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

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
# What starts a list, a heading underline or a rule only at the start of a line: "- ", "1. ",
# "2) ", "===", "---". The rest of Markdown's marks are escaped wherever they are.
_LINE_START = re.compile(r"^(\s*)(-|=|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Text that Markdown shows exactly as typed, each of its lines on a line of its own."""
    return "  \n".join(_escape_line(line) for line in text.splitlines())


def _escape_line(line: str) -> str:
    escaped = _linked(line)
    match = _LINE_START.match(escaped)
    if not match:
        return escaped
    indent, mark = match.groups()
    if mark[0].isdigit():  # "1." stays a number: escape the dot or bracket after it
        end = match.end()
        return f"{escaped[:end]}\\{escaped[end:]}"
    return f"{indent}\\{escaped[len(indent) :]}"


def _linked(line: str) -> str:
    """A line with Markdown's marks escaped and its web addresses as autolinks, <https://...>
    (an address never holds a space or angle bracket, so nothing can break out of one)."""
    return "".join(
        f"<{piece}>" if is_link else _SPECIAL.sub(r"\\\1", piece)
        for piece, is_link in split_links(line)
    )


def _cell(text: str) -> str:
    return "<br>".join(_linked(line) for line in text.splitlines()) or " "


def render_markdown(doc: Document) -> str:
    """Render a document as Markdown text."""
    parts = [_block(block) for block in doc.blocks]
    return "\n\n".join(part for part in parts if part) + "\n"


def _block(block: Block) -> str:
    match block:
        case Title(text=text):
            return f"# {escape(' '.join(text.splitlines()))}"  # a heading is one line
        case Heading(text=text):
            return f"## {escape(' '.join(text.splitlines()))}"
        case Headline(text=text):
            return f"**{escape(text)}**" if text else ""
        case Paragraph(text=text, emphasis=emphasis):
            body = escape(text)
            return f"**{body}**" if emphasis and body else body
        case Facts(pairs=pairs):
            # A value's later lines are indented to stay in its list item.
            return "\n".join(
                f"- **{escape(label)}:** {escape(value).replace(chr(10), chr(10) + '  ')}"
                for label, value in pairs
            )
        case Table(columns=columns, rows=rows):
            lines = ["| " + " | ".join(_cell(c) for c in columns) + " |"]
            lines.append("|" + "|".join(" --- " for _ in columns) + "|")
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
            return "\n".join(lines)
        case Entry(title=title, lines=lines):
            return "  \n".join([f"**{escape(title)}**", *(escape(line) for line in lines)])
        case SignInLines(lines=count, columns=(name, first)):
            head = f"| {_cell(name)} | {_cell(first)} |\n| --- | --- |\n"
            return head + "\n".join("| | [ ] |" for _ in range(count))
        case SignInSlips(count=count, heading=heading, name_label=name, first_time_label=first):
            slip = f"**{escape(heading)}**\n\n{escape(name)} ____________\n\n[ ] {escape(first)}"
            return "\n\n---\n\n".join(slip for _ in range(count))
        case PageBreak():
            return "---"
    return ""
