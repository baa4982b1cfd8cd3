"""Measure facilitator's speed: `python bench/run.py [--smoke] [--json PATH]`.

Every figure is a median of repeated runs, printed with its ratio to a floor measured in the
same run on the same machine (a bare `python -c pass` for cold starts, an empty call for warm
figures), so results compare across machines. Budgets live in the issues, not in tests.
"""

from __future__ import annotations

import argparse
import compileall
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
from facilitator.core.documents import Document, Paragraph, handout_document  # noqa: E402
from facilitator.core.model import Resource, ResourceKind  # noqa: E402
from facilitator.core.schedule import parse_recurrence  # noqa: E402
from facilitator.exports.pdf import render_pdf  # noqa: E402
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
    median: float | None = None  # beside a p95, the median of the same samples

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


def started(targets: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float, float]]:
    """Median seconds from launch to first screen, peak RSS (KB) and seconds deriving a key,
    of bench/startup.py for each target; the targets take turns, so a slow minute of the
    machine falls on all alike."""
    script = Path(__file__).with_name("startup.py")
    samples: dict[str, list[tuple[float, int, float]]] = {name: [] for name in targets}
    for _ in range(repeat):
        for name, args in targets.items():
            env = os.environ | {"BENCH_LAUNCHED": repr(time.time())}
            done = subprocess.run(
                [sys.executable, str(script), *args],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
                env=env,
            )
            took, peak, deriving = done.stdout.split()[:3]
            samples[name].append((float(took), int(peak), float(deriving)))
    return {
        name: tuple(statistics.median(column) for column in zip(*runs, strict=True))
        for name, runs in samples.items()
    }


def interactions(args: list[str], repeat: int) -> dict:
    """bench/interactions.py on a database (or --bare): p95 per interaction and peak RSS."""
    script = Path(__file__).with_name("interactions.py")
    done = subprocess.run(
        [sys.executable, str(script), *args, "--repeat", str(repeat)],
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
    size = options.size or ("tiny" if options.smoke else None)
    # An installed package has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile ours on every start and charge it to the app.
    compileall.compile_dir(ROOT / "facilitator", quiet=1)
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as name:
        figures = measure(Path(name), size, repeat)
    _report(figures, options.json)


def measure(folder: Path, size: str | None, repeat: int) -> list[Figure]:
    """Every figure, on the demo database and, given a size, a generated one."""
    db = folder / "demo.db"
    fresh_demo(db).close()
    big = folder / f"{size}.db" if size else None
    if big:
        fresh_demo(big, size=size).close()
    label = size or "demo"
    figures = _startup_figures(db, big, size, repeat)
    driven = interactions([str(big or db)], max(repeat * 4, 2))
    floor_key = driven["interactions"].pop(FLOOR_KEY)["p95_s"]
    bare = interactions(["--bare"], max(repeat * 4, 2))
    for name, figure in (driven["interactions"] | bare["interactions"]).items():
        where = "" if name.startswith("bare") else f" ({label})"
        figures.append(
            Figure(f"{name}, p95{where}", figure["p95_s"], floor_key, median=figure["median_s"])
        )
    for key, name in (("peak_rss_kb", "peak RSS"), ("rested_rss_kb", "RSS at rest")):
        figures.append(Figure(f"{name} after those ({label})", driven[key], bare[key], "KB"))
    figures += _output_figures(db, folder, repeat)
    action, action_floor = _attendance_action(folder, repeat * 20)
    figures.append(Figure("record one attendance action", action, action_floor))
    if big is not None:
        figures += _large_figures(big, size, db, repeat)
    return figures


def _startup_figures(db: Path, big: Path | None, size: str | None, repeat: int) -> list[Figure]:
    """Start to first screen and RSS there, on each database, against the minimal app's."""
    targets = {"minimal": ["minimal"], "demo": ["facilitator", str(db)]}
    if big:
        targets[size] = ["facilitator", str(big)]
    label = size or "demo"
    targets[f"{label}, encrypted"] = ["facilitator", str(_encrypted_copy(big or db))]
    starts = started(targets, repeat * 2 + 1)
    startup_floor, memory_floor, _ = starts.pop("minimal")
    plain_start, *_ = starts[label]
    figures = []
    for name, (seconds, peak, deriving) in starts.items():
        if name.endswith("encrypted"):  # budget: 1.10 times the same file unencrypted
            figures.append(
                Figure(f"start to first screen ({name}; vs plain)", seconds, plain_start)
            )
            figures.append(
                Figure("key derivation, once (vs minimal start)", deriving, startup_floor)
            )
        else:
            figures.append(Figure(f"start to first screen ({name})", seconds, startup_floor))
        figures.append(Figure(f"peak RSS at first screen ({name})", peak, memory_floor, "KB"))
    return figures


def _encrypted_copy(db: Path) -> Path:
    """An encrypted copy of db beside it; its passphrase in a file the startups are told of."""
    from facilitator.store.cipher import PASSPHRASE_FILE_ENV, Key
    from facilitator.store.convert import convert

    copy = db.with_name(f"{db.stem}-encrypted.db")
    store = Store(db)
    store.backup(copy)
    store.close()
    secret = db.with_name("passphrase.txt")
    secret.write_text("a bench passphrase\n", encoding="utf-8")
    secret.chmod(0o600)
    convert(copy, None, Key.new("a bench passphrase"), "encrypt it")
    os.environ[PASSPHRASE_FILE_ENV] = str(secret)
    return copy


def _output_figures(db: Path, folder: Path, repeat: int) -> list[Figure]:
    """Agenda PDFs cold and warm, the calendar and the attendance CSV, on the demo."""
    store = Store(db)
    thyroid, rare = store.groups.by_name(THYROID), store.groups.by_name(RARE)
    now = datetime.now(UTC)
    sessions = (
        ("latin", thyroid, outputs.next_session(store, thyroid, now)),
        ("chinese", rare, outputs.next_session(store, rare, now)),
    )
    figures = []
    cold_floor = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"]), repeat)
    for name, group, occurrence in sessions:
        day = occurrence.start.date().isoformat()
        args = ["export", "agenda", "--db", str(db), "--group", group.name, "--date", day]
        args += ["-o", str(folder / f"{name}.pdf")]
        seconds = median_seconds(cold(args), repeat)
        figures.append(Figure(f"agenda PDF, cold CLI ({name})", seconds, cold_floor))
    args = ["export", "handouts", "--db", str(db), "-o", str(folder / "handouts.pdf")]
    figures.append(
        Figure("handout sheet PDF, cold CLI (demo)", median_seconds(cold(args), repeat), cold_floor)
    )
    pdf = outputs.Layout()
    outputs.agenda(store, *sessions[0][1:], pdf)  # Typst's compiler made once, as in the app
    warm_floor = median_seconds(_one_line_pdf, repeat)
    for name, group, occurrence in sessions:
        seconds = median_seconds(
            lambda g=group, o=occurrence: outputs.agenda(store, g, o, pdf), repeat
        )
        figures.append(Figure(f"agenda PDF, in app ({name})", seconds, warm_floor))
    # Typst memoises: a new library each time, so no render reuses the one before.
    editions = iter(range(repeat))
    seconds = median_seconds(
        lambda: render_pdf(handout_document(_library(2000, next(editions)))), repeat
    )
    figures.append(Figure("handout sheet PDF, in app (2,000 entries)", seconds, warm_floor))
    read_floor = _read_floor(store, repeat)
    for name, action in (
        ("iCalendar, all groups", lambda: outputs.calendar(store, None, now)),
        ("attendance CSV, all groups", lambda: outputs.attendance(store, None, now)),
    ):
        figures.append(Figure(name, median_seconds(action, repeat), read_floor))
    store.close()
    return figures


def _read_floor(store: Store, repeat: int) -> float:
    """The floor for exports: listing a year of the demo's sessions."""
    now = datetime.now(UTC)
    return median_seconds(
        lambda: store.schedule.listings(now.replace(year=now.year - 1), now), repeat
    )


def _large_figures(big: Path, size: str, db: Path, repeat: int) -> list[Figure]:
    """Reads and exports over the generated database's ten years."""
    demo = Store(db)
    read_floor = _read_floor(demo, repeat)
    demo.close()
    large = Store(big)
    now = datetime.now(UTC)
    year = (now.replace(year=now.year - 1), now)
    group = large.groups.list()[0]
    figures = [
        Figure(
            f"list a year of sessions ({size})",
            median_seconds(lambda: large.schedule.listings(*year), repeat),
            read_floor,
        ),
        Figure(
            f"attendance CSV, all groups ({size})",
            median_seconds(lambda: outputs.attendance(large, None, now), repeat),
            read_floor,
        ),
        Figure(
            f"iCalendar, one group ({size})",
            median_seconds(lambda: outputs.calendar(large, group, now), repeat),
            read_floor,
        ),
    ]
    large.close()
    return figures


def _one_line_pdf() -> bytes:
    """The floor for in-app PDFs: one line of text through the agenda's reused Typst compiler."""
    return render_pdf(Document("Agenda", (Paragraph("Agenda"),), template="agenda"))


def _library(size: int, edition: int = 0) -> list[Resource]:
    """A library of `size` entries over a dozen categories, some in Chinese; each edition's
    entries differ from every other's."""
    kinds = list(ResourceKind)
    return [
        Resource(
            f"r{n}",
            f"Resource {n}.{edition}: support line"
            if n % 5
            else f"资源 {n}.{edition} 华语关怀热线",
            kinds[n % len(kinds)],
            phone=f"01632 {960000 + n}",
            url=f"https://support-{n}.example.org/help/leaflets",
            categories=(f"Category {n % 12}", f"category {(n + 3) % 12}"),
            description="Practical and emotional support; call or write any day of the week.",
        )
        for n in range(size)
    ]


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
    print("        through the same reused Typst compiler; exports = listing a year of sessions;")
    print("        attendance = empty commit")
    print("'bare Textual' rows: that minimal app opening a screen with one 100-row table, for")
    print("        what Textual itself takes on this machine to show a new screen")
    print("'after those' RSS rows: floor = that minimal app after opening and closing it, the")
    print("        same way (peak; and at rest, once the idle collection has run)")
    print(f"{'figure':<{width}}  {'value':>11}  {'median':>11}  {'floor':>11}  {'ratio':>6}")
    for figure in figures:
        value, floor = figure.shown(figure.value), figure.shown(figure.floor)
        median = figure.shown(figure.median) if figure.median is not None else ""
        print(
            f"{figure.name:<{width}}  {value:>11}  {median:>11}  {floor:>11}  {figure.ratio:>6.2f}"
        )
    if json_path:
        rows = [
            {"figure": f.name, "value": f.value, "median": f.median, "floor": f.floor}
            | {"unit": f.unit}
            for f in figures
        ]
        json_path.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
