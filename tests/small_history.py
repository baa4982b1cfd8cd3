"""A group whose history has small counts in it, for the tests of who may see them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from facilitator.core.model import Group, Presence
from facilitator.core.schedule import parse_recurrence
from facilitator.store import Store

NAME = "Circle"
FIRST_DAY = date(2026, 10, 5)  # a Monday, weeks before the tests' frozen clock
# (present, of whom first-time) at the first three Monday sessions:
HISTORY = (
    (3, 3),  # 3 came: hidden everywhere that leaves the room
    (6, 3),  # 6 came, 3 first-time and 3 returning: the split is hidden
    (10, 5),  # 10 came, 5 and 5: all shown
)


def session_starts() -> list[datetime]:
    """The sessions HISTORY describes, in order."""
    first = datetime.combine(FIRST_DAY, time(18, 0))
    return [first + timedelta(weeks=week) for week in range(len(HISTORY))]


def group_with_small_counts(store: Store) -> Group:
    """A roster group, its sessions held as HISTORY says."""
    group = store.groups.create(name=NAME, timezone="UTC")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on mon"), FIRST_DAY, time(18, 0), 90
    )
    members = [store.people.add_member(group.id, f"Member {n:02d}") for n in range(10)]
    for when, (present, first_time) in zip(session_starts(), HISTORY, strict=True):
        for n, member in enumerate(members[:present]):
            store.people.record(series.id, when, member.id, Presence.PRESENT, n < first_time)
        store.people.close_session(series.id, when)
    return group
