"""What every full screen shares: a header, a footer, store calls, and Escape to go back."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable

from facilitator.tui.calls import StoreCalls

# A filtered table shows at most this many rows; typing narrows the rest. Rows nobody scrolls
# to still cost time to build on every keystroke (2,000 library entries took a second).
MOST_ROWS = 100


class AppScreen(StoreCalls, Screen[None]):
    """A screen of the app. Escape always goes back; Enter on a table row runs ROW_ACTION."""

    BINDINGS = [Binding("escape", "back", "Back", id="back")]
    ROW_ACTION: str | None = None  # DataTable keeps Enter for itself and says RowSelected
    _shown_before = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual styles a pushed screen's whole tree again as it first shows, moments after
        # styling each widget as it mounted: a fifth of opening a session. Later resumes
        # (after a theme change, say) still restyle. Screen's own handler runs next.
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.ROW_ACTION:
            event.stop()
            await self.run_action(self.ROW_ACTION)

    def action_back(self) -> None:
        """Return to the screen before this one."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def refresh_data(self) -> None:
        """Read this screen's data again (after a dialog changed something)."""
