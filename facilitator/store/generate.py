"""Larger invented databases for measuring speed: years of weekly sessions, many aliases.

Every row is written by the store's own actions (the same code a person's edits run), batched
into one transaction so a large database takes a minute rather than an hour of fsyncs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from facilitator.core.agenda import DEFAULT_SEGMENTS
from facilitator.core.model import AgendaTemplate, Presence, Privacy, ResourceKind
from facilitator.core.records import make_checkin
from facilitator.core.schedule import Preset, Recurrence
from facilitator.store import Store


@dataclass(frozen=True)
class Size:
    """How much to make."""

    groups: int
    years: float
    members_per_group: int
    rows_per_session: int  # attendance rows: present, absent or excused
    checkins_per_session: int
    resources: int


SIZES = {
    "tiny": Size(2, 0.25, 6, 4, 5, 20),
    "medium": Size(4, 3, 30, 15, 6, 300),
    "large": Size(12, 10, 67, 33, 7, 2000),  # ~600 aliases, ~150k attendance, ~40k check-ins
}
WORDS = ("tired", "hopeful", "a good week", "scan soon", "sleeping better", "worried", "calm")
CATEGORIES = ("cancer", "carers", "rare disease", "mental health", "family", "help line")
LANGUAGES = ("en", "en", "en", "zh", "es", "pl")


def generate(store: Store, size: str, seed: int = 2026) -> None:
    """Fill an empty database with invented groups, a library and years of history."""
    spec, rng = SIZES[size], random.Random(seed)
    now = store.conn.now()
    with store.conn.write():  # one transaction around many ordinary actions
        template = store.templates.save(AgendaTemplate("", "Standard evening", DEFAULT_SEGMENTS))
        resources = [_resource(store, rng, n) for n in range(spec.resources)]
        stock = {r.id: r.stock for r in resources if r.stock > 0}  # shared by every group
        for number in range(spec.groups):
            _group(store, rng, spec, number, template.id, now, stock)


def _resource(store: Store, rng: random.Random, n: int):
    kind = rng.choice(list(ResourceKind))
    return store.resources.add(
        title=f"Resource {n:04d} {rng.choice(WORDS)}",
        kind=kind,
        phone=f"01632 96{n % 10000:04d}" if kind is ResourceKind.HOTLINE else "",
        url=f"https://r{n}.example.org",
        language=rng.choice(LANGUAGES),
        categories=rng.sample(CATEGORIES, 2),
        description="An invented entry for measuring speed.",
        stock=rng.randint(0, 40) if kind in (ResourceKind.LEAFLET, ResourceKind.BOOK) else 0,
    )


def _group(store, rng, spec: Size, number: int, template_id: str, now: datetime, stock: dict):
    counts_only = number % 4 == 3
    group = store.groups.create(
        name=f"Group {number + 1:02d}",
        timezone="Europe/London",
        privacy=Privacy.COUNTS if counts_only else Privacy.ROSTER,
        room=f"Room {number + 1}",
        template_id=template_id,
    )
    start = (now - timedelta(days=round(spec.years * 365.25))).date()
    store.schedule.add_series(
        group.id, Recurrence(Preset.WEEKLY, weekday=number % 7), start, time(18, 0), 90
    )
    members = (
        []
        if counts_only
        else [
            store.people.add_member(group.id, f"Alias {number:02d}-{n:03d}", start)
            for n in range(spec.members_per_group)
        ]
    )
    past = store.schedule.listings(
        datetime.combine(start, time(0), now.tzinfo), now - timedelta(hours=2), group.id
    )
    for item in past:
        occ = item.occurrence
        key = (occ.series_id, occ.original_start)
        if rng.random() < 0.04:
            store.schedule.cancel(*key, "Generated cancellation")
            continue
        if counts_only:
            for category in group.headcount_categories:
                store.people.set_headcount(*key, category, rng.randint(0, 12))
        for member in rng.sample(members, min(spec.rows_per_session, len(members))):
            presence = rng.choices(list(Presence), weights=(6, 3, 1))[0]
            store.people.record(*key, member.id, presence)
        handed = [rid for rid, left in stock.items() if left > 0]
        if handed and rng.random() < 0.2:
            chosen = rng.choice(handed)
            store.resources.hand_out(*key, chosen, 1)
            stock[chosen] -= 1
        count = spec.checkins_per_session
        slips = [make_checkin(rng.randint(0, 10), rng.choice(WORDS)) for _ in range(count)]
        store.people.close_session(*key, slips)
