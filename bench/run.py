"""Measure facilitator's speed: `python bench/run.py [--smoke] [--json PATH]`.

Every figure is a median of repeated runs, printed with its ratio to a floor measured in the
same run on the same machine (a bare `python -c pass` for cold starts, an empty call for warm
figures), so results compare across machines. Budgets live in the issues, not in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator import outputs  # noqa: E402
from facilitator.core.schedule import parse_recurrence  # noqa: E402
from facilitator.store import Store  # noqa: E402
from facilitator.store.demo import fresh_demo  # noqa: E402

FLOOR_KEY = "floor: a key bound to nothing"
THYROID = "Thyroid Cancer Peer Circle"


@dataclass(frozen=True)
class Figure:
    """One measured figure beside the floor it is compared with."""

    name: str
    value: float
    floor: float
    unit: str = "s"  # seconds (medians, or p95 where the name says so) or KB

    @property
    def ratio(self) -> float:
        """How many floors the figure is."""
        return self.value / self.floor if self.floor > 1e-9 else float("nan")

    def shown(self, amount: float) -> str:
        """An amount in this figure's unit, for the table."""
        return f"{amount / 1024:.1f}MB" if self.unit == "KB" else f"{amount * 1000:.1f}ms"


RARE = "Rare Roots Family Group 罕见病家庭互助会"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of an action."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold(args: list[str]) -> Callable[[], object]:
    """A fresh interpreter running the CLI, as a person at a terminal would."""
    return lambda: subprocess.run(
        [sys.executable, "-m", "facilitator", *args], check=True, capture_output=True, cwd=ROOT
    )


def started(args: list[str], repeat: int) -> tuple[float, float]:
    """Median seconds from launch to first screen, and peak RSS (KB), of bench/startup.py."""
    script = Path(__file__).with_name("startup.py")
    seconds, peaks = [], []
    for _ in range(repeat):
        env = os.environ | {"BENCH_LAUNCHED": repr(time.time())}
        done = subprocess.run(
            [sys.executable, str(script), *args],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
        )
        took, peak = done.stdout.split()[:2]
        seconds.append(float(took))
        peaks.append(int(peak))
    return statistics.median(seconds), statistics.median(peaks)


def interactions(db: Path, repeat: int) -> dict:
    """bench/interactions.py on a database: p95 per interaction and peak RSS."""
    script = Path(__file__).with_name("interactions.py")
    done = subprocess.run(
        [sys.executable, str(script), str(db), "--repeat", str(repeat)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="One repetition: CI keeps it alive.")
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON here.")
    parser.add_argument(
        "--size", choices=["tiny", "medium", "large"], help="Also measure on a generated database."
    )
    options = parser.parse_args()
    repeat = 1 if options.smoke else 5
    folder = Path(tempfile.mkdtemp(prefix="facilitator-bench-"))
    db = folder / "demo.db"
    fresh_demo(db).close()
    size = options.size or ("tiny" if options.smoke else None)
    big = folder / f"{size}.db" if size else None
    if big:
        fresh_demo(big, size=size).close()
    store = Store(db)
    thyroid, rare = store.groups.by_name(THYROID), store.groups.by_name(RARE)
    now = datetime.now(UTC)
    thyroid_next = outputs.next_session(store, thyroid, now)
    rare_next = outputs.next_session(store, rare, now)
    pdf = outputs.Layout()
    figures: list[Figure] = []

    startup_floor, memory_floor = started(["minimal"], repeat)
    for name, path in (("demo", db), (size, big)):
        if path is not None:
            seconds, peak = started(["facilitator", str(path)], repeat)
            figures.append(Figure(f"start to first screen ({name})", seconds, startup_floor))
            figures.append(Figure(f"peak RSS at first screen ({name})", peak, memory_floor, "KB"))
    busiest = big or db
    driven = interactions(busiest, max(repeat * 4, 2))
    floor_key = driven["interactions"].pop(FLOOR_KEY)["p95_s"]
    for name, figure in driven["interactions"].items():
        figures.append(Figure(f"{name}, p95 ({size or 'demo'})", figure["p95_s"], floor_key))
    peak = driven["peak_rss_kb"]
    figures.append(Figure(f"peak RSS after those ({size or 'demo'})", peak, memory_floor, "KB"))

    cold_floor = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"]), repeat)
    sessions = (("latin", thyroid, thyroid_next), ("chinese", rare, rare_next))
    for name, group, occurrence in sessions:
        day = occurrence.start.date().isoformat()
        args = ["export", "agenda", "--db", str(db), "--group", group.name, "--date", day]
        args += ["-o", str(folder / f"{name}.pdf")]
        seconds = median_seconds(cold(args), repeat)
        figures.append(Figure(f"agenda PDF, cold CLI ({name})", seconds, cold_floor))
    outputs.agenda(store, thyroid, thyroid_next, pdf)  # load fpdf2 once, as the app would have
    warm_floor = median_seconds(_one_line_pdf, repeat)
    for name, group, occurrence in sessions:
        seconds = median_seconds(
            lambda g=group, o=occurrence: outputs.agenda(store, g, o, pdf), repeat
        )
        figures.append(Figure(f"agenda PDF, in app ({name})", seconds, warm_floor))
    year = (now.replace(year=now.year - 1), now)
    read_floor = median_seconds(lambda: store.schedule.listings(*year), repeat)
    for name, action in (
        ("iCalendar, all groups", lambda: outputs.calendar(store, None, now)),
        ("attendance CSV, all groups", lambda: outputs.attendance(store, None, now)),
    ):
        figures.append(Figure(name, median_seconds(action, repeat), read_floor))
    action, action_floor = _attendance_action(folder, repeat * 20)
    figures.append(Figure("record one attendance action", action, action_floor))
    if big is not None:
        large = Store(big)
        big_year = median_seconds(lambda: large.schedule.listings(*year), repeat)
        figures.append(Figure(f"list a year of sessions ({size})", big_year, read_floor))
        big_csv = median_seconds(lambda: outputs.attendance(large, None, now), repeat)
        figures.append(Figure(f"attendance CSV, all groups ({size})", big_csv, read_floor))
        group = large.groups.list()[0]
        big_ics = median_seconds(lambda: outputs.calendar(large, group, now), repeat)
        figures.append(Figure(f"iCalendar, one group ({size})", big_ics, read_floor))
        large.close()
    store.close()
    _report(figures, options.json)


def _one_line_pdf() -> bytes:
    """The floor for in-app PDFs: fpdf2 and the shipped Latin font, one line of text."""
    from fpdf import FPDF

    from facilitator.exports import fonts

    document = FPDF()
    document.add_font("NotoSans", "", fonts.REGULAR)
    document.add_page()
    document.set_font("NotoSans", size=10)
    document.cell(0, 5, "Agenda")
    return bytes(document.output())


def _attendance_action(folder: Path, repeat: int) -> tuple[float, float]:
    """One BEGIN IMMEDIATE ... COMMIT with synchronous=FULL, as at the door; floor: an empty
    transaction on the same file."""
    store = Store(folder / "actions.db")
    group = store.groups.create(name="Bench", timezone="UTC")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on mon"), date(2026, 1, 1), clock(18, 0), 60
    )
    member = store.people.add_member(group.id, "Ade")
    when = series.dtstart
    seconds = median_seconds(lambda: store.people.record(series.id, when, member.id), repeat)

    def empty_transaction() -> None:
        with store.conn.write():
            pass

    floor = median_seconds(empty_transaction, repeat)
    store.close()
    return seconds, floor


def _report(figures: list[Figure], json_path: Path | None) -> None:
    width = max(len(figure.name) for figure in figures)
    print("floors: start, RSS = a minimal Textual app (Header, DataTable, Footer), same way;")
    print("        p95 = a key bound to nothing; cold = python -c pass; in-app PDF = one line")
    print("        with fpdf2; exports = listing a year of sessions; attendance = empty commit")
    print(f"{'figure':<{width}}  {'value':>11}  {'floor':>11}  {'ratio':>6}")
    for figure in figures:
        value, floor = figure.shown(figure.value), figure.shown(figure.floor)
        print(f"{figure.name:<{width}}  {value:>11}  {floor:>11}  {figure.ratio:>6.2f}")
    if json_path:
        rows = [
            {"figure": f.name, "value": f.value, "floor": f.floor, "unit": f.unit} for f in figures
        ]
        json_path.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
