"""Build the demo database from sample_data/, through the same actions a person takes."""

from __future__ import annotations

import csv
import random
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from facilitator.core.agenda import make_segment
from facilitator.core.dates import parse_time
from facilitator.core.model import AgendaTemplate, CheckIn, Group, Listing, Presence, Privacy
from facilitator.core.model import SessionStatus as Status
from facilitator.core.records import make_checkin
from facilitator.core.schedule import parse_recurrence
from facilitator.store import Store
from facilitator.store.lock import replacing_database


def sample_dir() -> Path:
    """The demo's files: sample_data/ in the repository, facilitator.sample_data installed."""
    return Path(str(resources.files("facilitator.sample_data")))


@dataclass
class _Demo:
    store: Store
    today: date
    now: datetime
    history: dict
    rng: random.Random
    groups: dict[str, Group] = field(default_factory=dict)
    series: dict[str, str] = field(default_factory=dict)  # group name -> series id
    resources: dict[str, tuple[str, int]] = field(default_factory=dict)  # title -> id, stock


def build_demo(store: Store, today: date | None = None, folder: Path | None = None) -> None:
    """Fill an empty database with the demo groups, library and six months of history."""
    folder = folder or sample_dir()
    now = store.conn.now()
    history = tomllib.loads((folder / "history.toml").read_text("utf-8"))
    demo = _Demo(store, today or now.date(), now, history, random.Random(history["seed"]))
    templates = _load_templates(store, folder)
    _load_groups(demo, folder, templates)
    _load_members_and_history(demo, folder)
    _load_upcoming_changes(demo)


def _load_templates(store: Store, folder: Path) -> dict[str, str]:
    data = tomllib.loads((folder / "templates.toml").read_text("utf-8"))
    ids = {}
    for item in data["template"]:
        segments = tuple(make_segment(**segment) for segment in item["segments"])
        saved = store.templates.save(AgendaTemplate(id="", name=item["name"], segments=segments))
        ids[saved.name] = saved.id
    return ids


def _load_groups(demo: _Demo, folder: Path, templates: dict[str, str]) -> None:
    data = tomllib.loads((folder / "groups.toml").read_text("utf-8"))
    months = demo.history["months_of_history"]
    first_day = demo.today - timedelta(days=round(months * 30.5))
    for item in data["group"]:
        fields = {
            key: value
            for key, value in item.items()
            if key not in ("template", "schedule", "time", "minutes")
        }
        group = demo.store.groups.create(template_id=templates[item["template"]], **fields)
        series = demo.store.schedule.add_series(
            group.id,
            parse_recurrence(item["schedule"]),
            first_day,
            parse_time(item["time"]),
            item["minutes"],
        )
        demo.groups[group.name] = group
        demo.series[group.name] = series.id
    with (folder / "resources.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            resource = demo.store.resources.add(
                title=row["title"],
                kind=row["kind"],
                phone=row["phone"],
                url=row["url"],
                language=row["language"],
                categories=row["categories"].split(";"),
                description=row["description"],
                review_due=demo.today + timedelta(days=int(row["review_in_days"])),
                stock=int(row["stock"]),
            )
            demo.resources[resource.title] = (resource.id, resource.stock)


def _sessions(demo: _Demo, group: Group, past: bool) -> list[Listing]:
    zone = ZoneInfo(group.timezone)
    now = demo.now.astimezone(zone)
    if past:
        start = now - timedelta(days=round(demo.history["months_of_history"] * 31))
        return demo.store.schedule.listings(start, now, group.id)
    return demo.store.schedule.listings(now, now + timedelta(days=120), group.id)


def _load_members_and_history(demo: _Demo, folder: Path) -> None:
    with (folder / "members.csv").open(encoding="utf-8", newline="") as handle:
        aliases: dict[str, list[str]] = {}
        for row in csv.DictReader(handle):
            aliases.setdefault(row["group"], []).append(row["alias"])
    for name, group in demo.groups.items():
        past = _sessions(demo, group, past=True)
        skipped = _mark_exceptions(demo, name, past)
        held = [item for item in past if item.occurrence.original_start not in skipped]
        if group.privacy is Privacy.ROSTER:
            _roster_history(demo, group, aliases.get(name, []), held)
        else:
            _headcount_history(demo, group, held)
        for item in held:
            slips = _checkins_and_handouts(demo, name, item)
            occ = item.occurrence
            demo.store.people.close_session(occ.series_id, occ.original_start, slips)


def _mark_exceptions(demo: _Demo, name: str, past: list[Listing]) -> set[datetime]:
    """Cancel or mark did-not-occur the past sessions history.toml names."""
    skipped = set()
    for kind in ("cancelled_past", "did_not_occur"):
        for entry in demo.history.get(kind, []):
            if entry["group"] != name or entry["sessions_ago"] > len(past):
                continue
            occ = past[-entry["sessions_ago"]].occurrence
            if kind == "cancelled_past":
                demo.store.schedule.cancel(
                    occ.series_id, occ.original_start, entry["reason"], entry["notice"]
                )
            else:
                demo.store.schedule.mark_did_not_occur(
                    occ.series_id, occ.original_start, entry["reason"]
                )
            skipped.add(occ.original_start)
    return skipped


def _roster_history(demo: _Demo, group: Group, aliases: list[str], held: list[Listing]) -> None:
    rate, excused = demo.history["attendance_rate"], demo.history["excused_rate"]
    for index, alias in enumerate(aliases):
        # Most came from the start; a few joined later, so first-timers appear in the history.
        joined = 0 if index < len(aliases) * 2 // 3 else demo.rng.randrange(len(held) or 1)
        if not held:
            demo.store.people.add_member(group.id, alias, demo.today)
            continue
        first_day = held[joined].occurrence.start.date()
        member = demo.store.people.add_member(group.id, alias, first_day)
        for number, item in enumerate(held[joined:]):
            roll = demo.rng.random()
            presence = Presence.PRESENT if number == 0 or roll < rate else Presence.ABSENT
            if presence is Presence.ABSENT and roll > 1 - excused:
                presence = Presence.EXCUSED
            occ = item.occurrence
            demo.store.people.record(
                occ.series_id, occ.original_start, member.id, presence, first_time=number == 0
            )


def _headcount_history(demo: _Demo, group: Group, held: list[Listing]) -> None:
    ranges = demo.history["headcount_ranges"]
    for item in held:
        occ = item.occurrence
        for category in group.headcount_categories:
            low, high = ranges.get(category, [0, 5])
            count = demo.rng.randint(low, high)
            demo.store.people.set_headcount(occ.series_id, occ.original_start, category, count)


def _checkins_and_handouts(demo: _Demo, name: str, item: Listing) -> list[CheckIn]:
    """The session's handouts, and its slips (saved when it closes)."""
    occ, pool = item.occurrence, demo.history["checkins"]
    slips = []
    for _ in range(demo.rng.randint(*pool["slips"])):
        words = demo.rng.choice(pool["words"]) if demo.rng.random() < 0.6 else ""
        topic = demo.rng.choice(pool["topics"]) if demo.rng.random() < 0.3 else ""
        slips.append(make_checkin(demo.rng.randint(2, 9), words, topic))
    for title, copies in demo.history["handouts"].get(name, {}).items():
        resource_id, stock = demo.resources[title]
        given = min(copies, stock)
        if given:
            demo.store.resources.hand_out(occ.series_id, occ.original_start, resource_id, given)
            demo.resources[title] = (resource_id, stock - given)
    return slips


def _load_upcoming_changes(demo: _Demo) -> None:
    for entry in demo.history.get("cancelled_upcoming", []):
        occ = _upcoming(demo, entry).occurrence
        demo.store.schedule.cancel(
            occ.series_id, occ.original_start, entry["reason"], entry["notice"]
        )
    for entry in demo.history.get("moved_upcoming", []):
        occ = _upcoming(demo, entry).occurrence
        demo.store.schedule.move(occ.series_id, occ.original_start, room=entry["room"])


def _upcoming(demo: _Demo, entry: dict) -> Listing:
    upcoming = [
        item
        for item in _sessions(demo, demo.groups[entry["group"]], past=False)
        if item.occurrence.status is Status.SCHEDULED
    ]
    return upcoming[entry["sessions_ahead"] - 1]


def fresh_demo(path: Path, now: datetime | None = None, size: str = "small") -> Store:
    """Replace whatever is at path with a newly built demo database of the given size;
    refused while an app has it open."""
    with replacing_database(Path(path), "rebuild the demo"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        clock = (lambda: now) if now else (lambda: datetime.now(UTC))
        store = Store(path, now=clock)
        try:
            if size == "small":
                build_demo(store)
            else:
                from facilitator.store.generate import generate

                generate(store, size)
        except BaseException:
            store.close()
            raise
    return store
