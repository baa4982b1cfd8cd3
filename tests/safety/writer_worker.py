"""Write N attendance actions as fast as possible: usage: python writer_worker.py DB NAME N"""

from __future__ import annotations

import sys
from datetime import date, time, timedelta

from facilitator.core.model import Presence
from facilitator.core.schedule import parse_recurrence
from facilitator.store import Store
from tests.safety.keyed import key_for


def main(db: str, name: str, count: int) -> None:
    store = Store(db, key=key_for(db))
    group = store.groups.create(name=name, timezone="UTC")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2020, 1, 7), time(18, 0), 60
    )
    member = store.people.add_member(group.id, "Ade")
    for n in range(count):
        store.people.record(
            series.id, series.dtstart + timedelta(weeks=n), member.id, Presence.PRESENT
        )
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
