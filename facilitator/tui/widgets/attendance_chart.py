"""Attendance over time as a bar chart with labelled axes (textual-plotext, the ecosystem's
chart widget): session dates along the bottom, people present up the side."""

from __future__ import annotations

from datetime import date

from textual_plotext import PlotextPlot

LAST_SESSIONS = 16  # more bars than this are too thin to read in a terminal
LABEL_CELLS = 10  # a date label and the space after it


class AttendanceChart(PlotextPlot):
    """Present per held session; a session whose count is hidden is a gap labelled so."""

    def show(self, points: list[tuple[date, int | None]], today: date, hidden_label: str) -> None:
        """Draw the last sessions: (day, count shown, or None where it is hidden)."""
        points = points[-LAST_SESSIONS:]
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if not points:
            plt.title("No held sessions yet")
            self.refresh()
            return
        labels = [_day_label(day, today) for day, _ in points]
        counts = [count or 0 for _, count in points]
        plt.bar(list(range(1, len(points) + 1)), counts, width=0.5)
        # Our own date ticks, as many as fit: plotext's own choice varies from run to run.
        step = -(-len(labels) * LABEL_CELLS // max(self.size.width - 6, LABEL_CELLS))
        shown = range(0, len(labels), max(step, 1))
        plt.xticks([x + 1 for x in shown], [labels[x] for x in shown])
        top = max(counts, default=0)
        for x, (_, count) in enumerate(points, start=1):
            if count is None:
                plt.text(hidden_label, x=x, y=max(top, 1) / 20, alignment="center")
        plt.xlabel("Session date")
        plt.ylabel("People present")
        ticks = _ticks(top)
        plt.yticks(ticks)
        plt.ylim(0, ticks[-1])
        self.refresh()


def _day_label(day: date, today: date) -> str:
    """'08 Dec', or '08 Dec 25' for another year."""
    return f"{day:%d %b}" if day.year == today.year else f"{day:%d %b %y}"


def _ticks(top: int) -> list[int]:
    """Round whole-number ticks, at most six, up to the first at or above top:
    _ticks(10) -> [0, 2, 4, 6, 8, 10]; _ticks(23) -> [0, 5, 10, 15, 20, 25]."""
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**9) if top <= 5 * s)
    return list(range(0, -(-max(top, 1) // step) * step + 1, step))
