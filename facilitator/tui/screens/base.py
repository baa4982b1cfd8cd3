"""What every full screen shares: a header, a footer, store calls, Escape to go back, and
coming back to a kept screen without building it again."""

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
    read_at: tuple | None = None  # (file version, day) of the last refresh_data, if marked

    def _on_compose(self, event: events.Compose) -> None:
        # Textual sets the breakpoint classes on the first Resize, after the first layout:
        # a screen laid out for a wide terminal was laid out and drawn again for a narrow
        # one (a tenth of the app's start). Set them from the app's size before composing.
        self.set_class_for_width(self.app.size.width)

    def set_class_for_width(self, width: int) -> None:
        """The horizontal breakpoint class for a width, as Textual's Resize would set it."""
        breakpoints = self.HORIZONTAL_BREAKPOINTS or self.app.HORIZONTAL_BREAKPOINTS or []
        fitting = [(least, name) for least, name in breakpoints if width >= least]
        for _, name in breakpoints:
            self.set_class(bool(fitting) and name == max(fitting)[1], name)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual styles a pushed screen's whole tree again each time it shows: a fifth of
        # opening a session, most of returning to a kept one. It is needed only when the
        # app's CSS changed since (a new theme); the first time, each widget was just styled
        # as it mounted. Screen's own handler runs next.
        if not self._shown_before or self._css_update_count == self.app._css_update_count:
            event.refresh_styles = False
        self._css_update_count = self.app._css_update_count
        if self._shown_before and self.read_at is not None:
            self.call_store("version", lambda store: store.version())
        self._shown_before = True

    def mark_read(self, version: object) -> None:
        """Say refresh_data's rows are those of this file version (store.version(), asked
        before reading them): a return to this screen reads again only if the file changed."""
        self.read_at = (version, self.app.now().date())

    def shown_change(self, before: object, after: object) -> None:
        """This screen's own change, shown by itself: if it was the only one since the
        rows were read, they are still those of the file."""
        if self.read_at is None:
            return
        seen, day = self.read_at
        opened, commits, others = before
        if seen == before and after == (opened, commits + 1, others):
            self.read_at = (after, day)

    def loaded_version(self, version: object) -> None:
        if (version, self.app.now().date()) != self.read_at:
            self.refresh_data()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.ROW_ACTION:
            event.stop()
            await self.run_action(self.ROW_ACTION)

    def action_back(self) -> None:
        """Return to the screen before this one."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def unsaved(self) -> str:
        """What leaving this screen for good would lose, said for a person ('' if nothing)."""
        return ""

    def refresh_data(self) -> None:
        """Read this screen's data again (after a dialog changed something)."""
