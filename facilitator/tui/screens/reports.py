"""Reports for a group: attendance over time, held versus cancelled, first-timers, handouts."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Sparkline, Static

from facilitator.core.model import Group, SessionStatus
from facilitator.core.privacy import show_count, suppress
from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.keybar import KeyBar

BAR = 30


class ReportsScreen(AppScreen):
    """Numbers a facilitator reports to a funder, small counts hidden."""

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(f"Reports: {self.group.name}"), id="summary")
        with VerticalScroll(id="report"):
            yield Static("Attendance per held session", classes="report-heading")
            yield Sparkline([], id="trend")
            yield Static("", id="bars", markup=False)
            yield Static("", id="totals", markup=False)
            yield Static("", id="handouts", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        group, now = self.group, self.app.now()
        self.call_store(
            "report",
            lambda store: (
                store.documents.attendance_counts(group, now),
                store.resources.totals_for(group.id),
            ),
        )

    def loaded_report(self, value) -> None:
        rows, handouts = value
        k = self.app.k
        held = [r for r in rows if r.occurrence.status is SessionStatus.HELD]
        shown = [suppress(r.present or 0, k) or 0 for r in held]
        self.query_one("#trend", Sparkline).data = shown or [0]
        top = max(shown, default=0) or 1
        bars = [
            f"{r.occurrence.start:%d %b %y}  {'█' * round(BAR * (s or 0) / top):<{BAR}} "
            f"{show_count(r.present or 0, k)}"
            for r, s in zip(held[-16:], shown[-16:], strict=True)
        ]
        note = f"(sessions with fewer than {k} present show no bar)"
        self.query_one("#bars", Static).update(
            "\n".join([*bars, note]) if held else "No held sessions yet."
        )
        statuses = Counter(r.occurrence.status for r in rows)
        first = sum(r.first_time or 0 for r in held)
        came = sum(r.present or 0 for r in held)
        if first < k or came - first < k:
            # Both or neither: one shown beside the bars' total would give the other away.
            visits = f"  first time and returning: not shown (one is fewer than {k})"
        else:
            visits = f"  first time {first} · returning {came - first}"
        lines = [
            "Sessions",
            f"  held {statuses[SessionStatus.HELD]} · cancelled {statuses[SessionStatus.CANCELLED]}"
            f" · did not occur {statuses[SessionStatus.DID_NOT_OCCUR]}"
            f" · not recorded {statuses[SessionStatus.SCHEDULED]}",
            "Visits",
            visits,
        ]
        self.query_one("#totals", Static).update("\n".join(lines))
        given = [f"  {copies:>4}  {title}" for title, copies in handouts] or ["  none recorded"]
        self.query_one("#handouts", Static).update("\n".join(["Handouts given", *given]))
