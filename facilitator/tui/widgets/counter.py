"""A large +/- counter for a headcount category."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Digits, Label

MAXIMUM = 10_000


class _ClickOnly(Button, can_focus=False):
    """A button the mouse presses and Tab passes over."""


class Counter(Horizontal, can_focus=True):
    """A category's count in big digits; + and - (or the buttons) change it."""

    DEFAULT_CSS = """
    Counter { height: 5; padding: 0 1; }
    Counter:focus { background: $boost; }
    Counter Label { width: 16; padding: 1 0; }
    Counter Button { min-width: 5; width: 5; margin: 1 1; }
    Counter Digits { width: 14; }
    """

    value: reactive[int] = reactive(0)

    @dataclass
    class Changed(Message):
        """The count was changed by the person (not by loading)."""

        counter: Counter
        value: int

    def __init__(self, category: str) -> None:
        super().__init__(classes="counter")
        self.category = category

    def compose(self) -> ComposeResult:
        yield Label(Text(self.category))
        # The buttons are for the mouse: Tab goes from count to count, + and - change it.
        yield _ClickOnly("-", classes="less")
        yield Digits("0")
        yield _ClickOnly("+", classes="more")

    def watch_value(self, value: int) -> None:
        self.query_one(Digits).update(str(value))

    def change(self, step: int) -> None:
        """Add step (never below zero) and tell the screen."""
        new = min(MAXIMUM, max(0, self.value + step))
        if new != self.value:
            self.value = new
            self.post_message(self.Changed(self, new))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.change(+1 if event.button.has_class("more") else -1)
