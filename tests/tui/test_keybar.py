"""The key bar shows the keys that work where the focus is, keeps help in view, and a click
on a key presses it."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input

from facilitator.tui.screens.resources import ResourcesScreen
from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.conftest import make_app, settle


class Notes(Input):
    """A field with a key of its own, shown only while it has the focus."""

    BINDINGS = [Binding("ctrl+t", "stamp", "Stamp the time")]


class Bar(App[None]):
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("n", "note", "New note"),
        Binding("d", "delete", "Delete"),
        Binding("z", "hidden", "Hidden", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Button("Start")
        yield Notes()
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "delete" else True

    def action_help(self) -> None:
        self.helped = True

    def action_note(self) -> None:
        self.noted = True


def line(app: App) -> str:
    """What the key bar shows, as text."""
    return app.screen.query_one(KeyBar).render().plain


async def test_shown_keys_appear_with_their_descriptions_and_hidden_ones_do_not():
    app = Bar()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        shown = line(app)
        assert " n New note " in shown and " d Delete " in shown
        assert "Hidden" not in shown


async def test_a_key_for_the_focused_field_appears_while_it_has_the_focus():
    app = Bar()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        assert "Stamp the time" not in line(app)
        app.screen.query_one(Notes).focus()
        await pilot.pause()
        assert "^t Stamp the time" in line(app)
        app.screen.query_one(Button).focus()
        await pilot.pause()
        assert "Stamp the time" not in line(app)


async def test_help_and_the_palette_stay_at_the_right_end_when_the_line_is_too_long():
    app = Bar()
    async with app.run_test(size=(30, 10)) as pilot:
        app.screen.query_one(Notes).focus()
        await pilot.pause()
        shown = line(app)
        assert len(shown) == 30
        assert shown.split()[-4:] == ["f1", "Help", "^p", "palette"]
        assert "…" in shown


async def test_a_key_that_cannot_be_used_now_is_dimmed():
    app = Bar()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        text = app.screen.query_one(KeyBar).render()
        start = text.plain.index("Delete")
        dimmed = [span.style for span in text.spans if span.start <= start < span.end]
        assert any(style.dim for style in dimmed)
        start = text.plain.index("New note")
        normal = [span.style for span in text.spans if span.start <= start < span.end]
        assert not any(style.dim for style in normal)


async def test_clicking_a_key_presses_it():
    app = Bar()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        column = line(app).index("Help")
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert getattr(app, "helped", False)


async def test_clicking_help_on_a_line_cut_short_presses_help_not_a_hidden_key():
    app = Bar()
    async with app.run_test(size=(30, 10)) as pilot:
        app.screen.query_one(Notes).focus()
        await pilot.pause()
        column = line(app).index("Help")
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert getattr(app, "helped", False)
        assert not getattr(app, "noted", False)


async def test_clicking_library_on_the_home_screen_opens_the_library(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        column = line(app).index("Library")
        await pilot.click(KeyBar, offset=(column, 0))
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
