"""Helpers for driving the app: a settle() that waits for store workers, a frozen clock."""

from __future__ import annotations

import contextlib

from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled

from facilitator.tui.app import FacilitatorApp
from tests.conftest import FROZEN_NOW

SIZE = (110, 36)


async def settle(pilot) -> None:
    """Wait until every worker has finished and its messages are handled."""
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


def make_app(store, **options) -> FacilitatorApp:
    """The app on a store, its clock frozen."""
    return FacilitatorApp(store, now=lambda: FROZEN_NOW, **options)


async def type_into(pilot, selector: str, text: str) -> None:
    """Replace a field's text as a person would: focus it, clear it, type."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    if isinstance(widget, Input):
        widget.value = ""
    elif isinstance(widget, TextArea):
        widget.text = ""
    await pilot.press(*list(text))
    await pilot.pause()
