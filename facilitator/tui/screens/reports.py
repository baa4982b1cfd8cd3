"""Reports for a group: attendance over time, held versus cancelled, first-timers, handouts."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from facilitator.core.documents import AttendanceReport, attendance_report
from facilitator.core.model import Group, SessionStatus
from facilitator.core.privacy import hidden_range, suppression_note
from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.attendance_chart import AttendanceChart
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
            yield AttendanceChart(id="trend")
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
        report = attendance_report(rows, k)
        held = [shown for _, shown in report.held]
        points = [(occurrence.start.date(), shown) for occurrence, shown in report.held]
        self.query_one(AttendanceChart).show(points, self.app.now().date(), hidden_range(k))
        top = max((shown or 0 for shown in held), default=0) or 1
        bars = [
            f"{occurrence.start:%d %b %y}  {'█' * round(BAR * (shown or 0) / top):<{BAR}} "
            f"{hidden_range(k) if shown is None else shown}"
            for occurrence, shown in report.held[-16:]
        ]
        note = suppression_note(k)  # the bars of sessions with 1 to k-1 present are hidden
        self.query_one("#bars", Static).update(
            "\n".join([*bars, note]) if held else "No held sessions yet."
        )
        statuses = report.statuses
        lines = [
            "Sessions",
            f"  held {statuses[SessionStatus.HELD]} · cancelled {statuses[SessionStatus.CANCELLED]}"
            f" · did not occur {statuses[SessionStatus.DID_NOT_OCCUR]}"
            f" · not recorded {statuses[SessionStatus.SCHEDULED]}",
            "Visits",
            _visits_line(report),
        ]
        self.query_one("#totals", Static).update("\n".join(lines))
        given = [f"  {copies:>4}  {title}" for title, copies in handouts] or ["  none recorded"]
        self.query_one("#handouts", Static).update("\n".join(["Handouts given", *given]))


def _visits_line(report: AttendanceReport) -> str:
    """First-time and returning visits, totalled over the sessions whose split is shown."""
    if not report.held:
        return "  none yet"
    if report.left_out == len(report.held):
        return "  first time and returning: hidden at every session"
    line = f"  first time {report.first_time} · returning {report.returning}"
    if report.left_out:
        line += f" (not counting {report.left_out} sessions whose split is hidden)"
    return line
