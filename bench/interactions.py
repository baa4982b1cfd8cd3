"""Interaction latency: drive the app with Pilot on a database, from key press to idle.

usage: python bench/interactions.py DB [--repeat N] | python bench/interactions.py --bare
Prints one JSON object: for each interaction its samples' median and p95 in seconds, this
process's peak RSS in kilobytes (the app after every interaction below), and its RSS once
the app has rested long enough for its idle collection to run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from startup import peak_rss_kb
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input
from textual.worker import WorkerCancelled, WorkerState

from facilitator.core.model import Privacy
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.collector import STILL_SECONDS

SIZE = (120, 40)


async def drawn(pilot) -> None:
    """Until the key's handlers, the workers they start and the messages those send are done,
    then draw the screen. Pilot's own wait sends a message to every widget of the screen and
    waits for each (about 15 ms on a session's forty widgets here), which would be charged
    to the app; this one looks at the queues and the messages being handled instead."""
    app = pilot.app
    while True:
        await _quiet(app)
        app.screen._on_timer_update()  # what the next refresh would draw, drawn now
        await asyncio.sleep(0)
        if not _busy(app):  # drawing may have asked for more (after-refresh callbacks)
            return


async def _quiet(app) -> None:
    """Until no message waits or is being handled, twice in a row, and no worker runs."""
    rounds = 0
    while rounds < 2:
        await asyncio.sleep(0)
        if any(worker.state in ACTIVE for worker in app.workers):
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete()
            rounds = 0
        elif _busy(app):
            rounds = 0
        else:
            rounds += 1


def _busy(app) -> bool:
    """A message waits in a queue of the app or its screen, or one is being handled."""
    pumps = (app, *app.screen.walk_children(with_self=True))
    return _HANDLING[0] > 0 or any(
        pump._message_queue.qsize() or pump._pending_message or pump._next_callbacks
        for pump in pumps
    )


_HANDLING = [0]  # messages being handled now, by every widget (see _count_handling)
ACTIVE = (WorkerState.PENDING, WorkerState.RUNNING)


def _count_handling() -> None:
    """Count messages being handled: Textual keeps no such count (the bench's instrument)."""
    dispatch = MessagePump._dispatch_message

    async def counted(pump: MessagePump, message) -> None:
        _HANDLING[0] += 1
        try:
            await dispatch(pump, message)
        finally:
            _HANDLING[0] -= 1

    MessagePump._dispatch_message = counted


class Timer:
    """Samples of key press to idle, by interaction."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.samples: dict[str, list[float]] = {}

    async def press(self, name: str, key: str) -> None:
        """Send one key as the terminal would and wait until it is handled and drawn."""
        event = events.Key(key, key if len(key) == 1 else None)
        start = time.perf_counter()
        self.pilot.app._driver.send_message(event)
        await drawn(self.pilot)
        self.samples.setdefault(name, []).append(time.perf_counter() - start)

    def summary(self) -> dict[str, dict[str, float]]:
        """Median and p95 of each interaction."""
        return {name: _stats(times) for name, times in self.samples.items()}


def _stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_s": statistics.median(ordered), "p95_s": p95, "n": len(ordered)}


async def drive(db: Path, repeat: int) -> dict:
    """Every measured interaction, each repeated; returns the figures. Screens are kept
    (the library, a schedule, a session): the first opening builds one, a return shows it
    again. Both are measured, the building by opening two in turn, each replacing the other."""
    store = Store(db, check_later=True)
    app = FacilitatorApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await drawn(pilot)
        timer = Timer(pilot)
        for _ in range(repeat):
            await timer.press("floor: a key bound to nothing", "f12")
        await timer.press("open the library, built (first time only)", "l")
        await timer.press("switch screens (back)", "escape")
        for _ in range(repeat):
            await timer.press("switch screens (home to library)", "l")
            await timer.press("switch screens (back)", "escape")
        name = "open a session, built (another one)"
        await _open_in_turn(timer, name, "enter", _roster_rows(pilot), repeat)
        for n in range(repeat):
            await timer.press("open a session (again, after using it)", "enter")
            app.screen.query_one("#tabs").active = "tab-attendance"
            await drawn(pilot)
            app.screen.query_one("#members", DataTable).focus()
            await drawn(pilot)  # the footer redraws for the focus change: not part of a toggle
            await timer.press("toggle attendance", "space")
            await timer.press("toggle attendance", "space")
            app.screen.query_one("#filter", Input).focus()
            await pilot.press(*f"Zed Walkin {n}")
            await timer.press("add a walk-in", "enter")
            await pilot.press("escape")
            await drawn(pilot)
        await pilot.press("l")
        await drawn(pilot)
        for _ in range(repeat):
            app.screen.query_one("#search", Input).focus()
            await drawn(pilot)
            await timer.press("filter the library (type a letter)", "a")
            await timer.press("filter the library (erase it)", "backspace")
        await pilot.press("escape")
        await drawn(pilot)
        name = "open a group's schedule, built (another group)"
        await _open_in_turn(timer, name, "s", _rows_of_two_groups(pilot), repeat)
        for _ in range(repeat):
            await timer.press("open a group's schedule (again)", "s")
            await pilot.press("escape")
            await drawn(pilot)
        await pilot.press("s")
        await drawn(pilot)
        for _ in range(repeat):
            await timer.press("scroll the schedule (page)", "pagedown")
            await timer.press("scroll the schedule (page)", "pageup")
        figures = timer.summary()
        memory = await _memory_after_rest()
    store.close()
    return {"interactions": figures} | memory


class BareTable(Screen):
    """The reference screen: a Header, a 100-row table of six columns and a Footer."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Title", "Kind", "Lang", "Phone", "Review", "Stock")
        for n in range(100):
            table.add_row(f"Leaflet {n}", "leaflet", "en", "01632 960001", "2027-01-01", str(n))


class Bare(App[None]):
    """The minimal app of the start-up figure, with a key that opens the reference screen."""

    BINDINGS = [Binding("l", "open", "Open")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def action_open(self) -> None:
        self.push_screen(BareTable())


async def drive_bare(repeat: int) -> dict:
    """Textual's own cost of opening and closing a screen with one table: what any app on
    this machine pays before doing anything of its own."""
    async with Bare().run_test(size=SIZE) as pilot:
        await drawn(pilot)
        timer = Timer(pilot)
        for _ in range(repeat):
            await timer.press("bare Textual: open a screen with one table", "l")
            await timer.press("bare Textual: back", "escape")
        return {"interactions": timer.summary()} | await _memory_after_rest()


async def _memory_after_rest() -> dict[str, int]:
    """Peak RSS so far, then RSS after a rest long enough for the app's idle collection (KB).
    Python rarely gives freed memory back to the system, so the rest shows what stays."""
    peak_kb = peak_rss_kb()
    await asyncio.sleep(STILL_SECONDS + 2)
    status = Path("/proc/self/status")  # Linux; elsewhere the peak stands in
    lines = status.read_text().splitlines() if status.exists() else []
    resident = [int(line.split()[1]) for line in lines if line.startswith("VmRSS:")]
    return {"peak_rss_kb": peak_kb, "rested_rss_kb": resident[0] if resident else peak_kb}


def _roster_rows(pilot) -> list[int]:
    """Home rows of the next two sessions of groups that keep a roster."""
    table = pilot.app.screen.query_one(DataTable)
    rows = [i for i, item in enumerate(table.listings) if item.group.privacy is Privacy.ROSTER]
    if len(rows) < 2:
        raise SystemExit("fewer than two roster sessions in the next four weeks")
    return rows[:2]


def _rows_of_two_groups(pilot) -> list[int]:
    """Home rows of sessions of two different groups."""
    table = pilot.app.screen.query_one(DataTable)
    first: dict[str, int] = {}
    for index, item in enumerate(table.listings):
        first.setdefault(item.group.id, index)
    if len(first) < 2:
        raise SystemExit("fewer than two groups meet in the next four weeks")
    return list(first.values())[:2]


async def _open_in_turn(timer: Timer, name: str, key: str, rows: list[int], repeat: int) -> None:
    """Open the screens of two home rows in turn (each replacing the one kept), and back."""
    for n in range(repeat):
        await _move_to(timer.pilot, rows[n % 2])
        await timer.press(name, key)
        await timer.pilot.press("escape")
        await drawn(timer.pilot)


async def _move_to(pilot, row: int) -> None:
    pilot.app.screen.query_one(DataTable).move_cursor(row=row)
    await drawn(pilot)


def main() -> None:
    _count_handling()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, nargs="?", help="Omit with --bare.")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--bare", action="store_true", help="The reference screen only.")
    options = parser.parse_args()
    if options.bare:
        print(json.dumps(asyncio.run(drive_bare(options.repeat))))
    else:
        print(json.dumps(asyncio.run(drive(options.db, options.repeat))))


if __name__ == "__main__":
    main()
