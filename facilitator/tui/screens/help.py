"""Help: the keys of the screen you came from, and how the app fits together."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from facilitator.tui.widgets.keybar import KeyBar

GUIDE = """How it fits together
  Home lists the next sessions of every group. Enter runs the highlighted session,
  t starts today's, s opens its group's schedule, x prints an agenda or door sign.
  Groups (g) holds each group's settings, schedule, members, check-ins and reports.
  The library (l) holds help lines, leaflets and websites; agendas (a) the templates.
  Run session: tabs for the agenda run-sheet, attendance, check-ins and handouts;
  ctrl+s closes the session and saves everything.

Everywhere
  Escape goes back · F1 or ? shows this help · ctrl+p lists every action · ctrl+q quits
  Tab moves between fields · forms save with ctrl+s

Dates can be typed as 2026-12-08, tue, next tuesday, in 2 weeks, 2nd tue, with a
time such as 18:30 or 6pm. The form shows what it understood before you save.

Privacy
  Aliases or first names only. Check-ins are anonymous, saved shuffled, and shown only
  as totals when there are at least k of them (5 unless changed in settings).
"""


class HelpScreen(Screen[None]):
    """Keys and a short guide."""

    BINDINGS = [Binding("escape,f1,question_mark", "app.pop_screen", "Close", id="close-help")]

    def __init__(self, below: Screen | None = None) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(self._keys(), markup=False, id="keys")
            yield Static(GUIDE, markup=False)
        yield KeyBar()

    def _keys(self) -> str:
        if self.below is None:
            return ""
        from facilitator.tui.commands import screen_bindings

        name = type(self.below).__name__.removesuffix("Screen")
        lines = [f"Keys on the screen you came from ({name})"]
        for binding in screen_bindings(self.below):
            lines.append(f"  {self.app.get_key_display(binding):<12} {binding.description}")
        return "\n".join(lines)
