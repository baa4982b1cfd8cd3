"""Check-ins over time: only aggregates, words in random order, nothing below k."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Static

from facilitator.core.model import Group
from facilitator.store.checkins import CheckInSummary
from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.keybar import KeyBar

TOO_FEW = "too few to show"


def histogram(summary: CheckInSummary) -> str:
    """Moods 0-10 as bars; a small cell (or one that would give a small cell away) is
    marked hidden, with no bar."""
    top = max((count or 0 for count in summary.histogram), default=0) or 1
    return "\n".join(
        f"{mood:>2} {'█' * round(12 * count / top)}" if count is not None else f"{mood:>2} hidden"
        for mood, count in enumerate(summary.histogram)
    )


def describe(summary: CheckInSummary, k: int) -> str:
    """Count, median and range, or why nothing is shown."""
    if not summary.shown:
        return f"Fewer than {k} check-ins: {TOO_FEW}."
    if summary.median is None:
        return f"{summary.count} check-ins; moods not shown (fewer than {k} gave one)."
    spread = f"range {summary.low}-{summary.high}" if summary.low is not None else "range hidden"
    return f"{summary.count} check-ins · median {summary.median:g} · {spread}"


def topics_over_time(overall: CheckInSummary) -> str:
    """The topics asked for in every session shown, each once, in random order."""
    if not overall.topics:
        return "Topic requests over time: none yet."
    asked = dict.fromkeys(overall.topics)  # once each, keeping the shuffled order
    return "Topic requests over time, in random order: " + " · ".join(asked)


class CheckinsScreen(AppScreen):
    """Per session and overall; select a session to see its shape and words."""

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group
        self.sessions: list[tuple[datetime, CheckInSummary]] = []
        self.overall: CheckInSummary | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(f"Check-ins: {self.group.name}"), id="summary")
        yield Static("", id="overall", markup=False)
        yield Static("", id="topics", markup=False)
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="checkin-detail"):
            yield Static("", id="detail", markup=False)
            yield Static("", id="said", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Session", 16), ("Check-ins", 44)):
            table.add_column(label, width=width, key=label.lower())
        group_id, k = self.group.id, self.app.k
        self.call_store(
            "checkins",
            lambda store: (
                store.checkins.by_session(group_id, k),
                store.checkins.overall(group_id, k),
            ),
        )

    def loaded_checkins(self, value) -> None:
        self.sessions, self.overall = value
        k = self.app.k
        self.query_one("#overall", Static).update(f"All sessions: {describe(self.overall, k)}")
        self.query_one("#topics", Static).update(topics_over_time(self.overall))
        table = self.query_one(DataTable)
        table.clear()
        for when, summary in reversed(self.sessions):
            table.add_row(Text(f"{when:%a %d %b %Y}"), Text(describe(summary, k)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if not self.sessions:
            return
        when, summary = list(reversed(self.sessions))[min(event.cursor_row, len(self.sessions) - 1)]
        detail, said = self.query_one("#detail", Static), self.query_one("#said", Static)
        if not summary.shown:
            detail.update(f"{when:%d %b %Y}: {TOO_FEW}.")
            said.update("")
            return
        words = "\n".join(f"· {w}" for w in summary.words) or "(no words)"
        topics = "\n".join(f"· {t}" for t in summary.topics) or "(no topic requests)"
        note = f"(hidden: given by fewer than {self.app.k}, or it would give such a count away)"
        moods = f"Moods {note}\n{histogram(summary)}"
        detail.update(moods)
        said.update(f"Words, in random order\n{words}\n\nTopic requests, in random order\n{topics}")
