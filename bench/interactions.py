"""Interaction latency: drive the app with Pilot on a database, from key press to idle.

usage: python bench/interactions.py DB [--repeat N]
Prints one JSON object: for each interaction its samples' median and p95 in seconds, and
this process's peak RSS in kilobytes (the app after every interaction below).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events
from textual.widgets import DataTable, Input
from textual.worker import WorkerCancelled

from facilitator.core.model import Privacy
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp

SIZE = (120, 40)


async def idle(pilot) -> None:
    """Until every worker has finished, its results are shown and the screen is drawn."""
    for _ in range(2):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def drawn(pilot) -> None:
    """Until the key's handlers, the workers they start and the messages those send are done,
    then draw the screen. Pilot's own press and pause sleep in steps of their own while
    they wait for the CPU to go quiet (about 0.1 s a key here), which would hide 50 ms."""
    for _ in range(3):
        await pilot._wait_for_screen()
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
    await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()  # what the next refresh would draw, drawn now


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
    """Every measured interaction, each repeated; returns the figures."""
    store = Store(db, check_later=True)
    app = FacilitatorApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await idle(pilot)
        timer = Timer(pilot)
        for _ in range(repeat):
            await timer.press("floor: a key bound to nothing", "f12")
        for _ in range(repeat):
            await timer.press("switch screens (home to library)", "l")
            await timer.press("switch screens (back)", "escape")
        await _roster_session_row(pilot)
        for n in range(repeat):
            await timer.press("open a session", "enter")
            app.screen.query_one("#tabs").active = "tab-attendance"
            await idle(pilot)
            app.screen.query_one("#members", DataTable).focus()
            await idle(pilot)  # the footer redraws for the focus change: not part of a toggle
            await timer.press("toggle attendance", "space")
            await timer.press("toggle attendance", "space")
            app.screen.query_one("#filter", Input).focus()
            await pilot.press(*f"Zed Walkin {n}")
            await timer.press("add a walk-in", "enter")
            await pilot.press("escape")
            await idle(pilot)
        await pilot.press("l")
        await idle(pilot)
        for _ in range(repeat):
            app.screen.query_one("#search", Input).focus()
            await idle(pilot)
            await timer.press("filter the library (type a letter)", "a")
            await timer.press("filter the library (erase it)", "backspace")
        await pilot.press("escape")
        await idle(pilot)
        await timer.press("open a group's schedule", "s")
        for _ in range(repeat):
            await timer.press("scroll the schedule (page)", "pagedown")
            await timer.press("scroll the schedule (page)", "pageup")
        figures = timer.summary()
    store.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"interactions": figures, "peak_rss_kb": peak_kb}


async def _roster_session_row(pilot) -> None:
    """Move the home cursor to the first session of a group that keeps a roster."""
    table = pilot.app.screen.query_one(DataTable)
    for index, item in enumerate(table.listings):
        if item.group.privacy is Privacy.ROSTER:
            table.move_cursor(row=index)
            await idle(pilot)
            return
    raise SystemExit("no roster group in the next four weeks")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    print(json.dumps(asyncio.run(drive(options.db, options.repeat))))


if __name__ == "__main__":
    main()
