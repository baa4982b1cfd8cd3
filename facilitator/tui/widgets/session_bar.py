"""How far through the whole session we are: one line, a bar and a percentage."""

from __future__ import annotations

from rich.progress_bar import ProgressBar
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

STEPS = 1000  # fine enough that the bar moves about every five seconds of a 90-minute session


class SessionBar(Widget, can_focus=False):
    """Rich's progress bar drawn in one widget. Textual's ProgressBar is four widgets with
    their own styles and timers, and made opening a session half as slow again."""

    COMPONENT_CLASSES = {"session-bar--done", "session-bar--left"}
    DEFAULT_CSS = """
    SessionBar { height: 1; width: 1fr; }
    SessionBar > .session-bar--done { color: $accent; }
    SessionBar > .session-bar--left { color: $panel-lighten-2; }
    """

    done: reactive[float] = reactive(0.0)  # 0 before the start, 1 at the end

    @property
    def percentage(self) -> float:
        """The share of the session gone, 0 to 1 (as Textual's ProgressBar names it)."""
        return self.done

    def render(self) -> Text:
        percent = Text(f" {round(100 * self.done):>3d}%")
        bar = ProgressBar(
            total=STEPS,
            completed=round(STEPS * self.done),
            width=max(1, self.size.width - percent.cell_len),
            complete_style=self.get_component_rich_style("session-bar--done"),
            finished_style=self.get_component_rich_style("session-bar--done"),
            style=self.get_component_rich_style("session-bar--left"),
        )
        line = Text()
        for segment in self.app.console.render(bar, self.app.console.options):
            if segment.text != "\n":
                line.append(segment.text, segment.style)
        return line + percent
