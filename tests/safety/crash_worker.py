"""Drive the real store actions in a loop until killed; acknowledge each one after it returns.

usage: python crash_worker.py DB ACKS
Each line in ACKS is written (with os.write, unbuffered) only after its action returned.
"""

from __future__ import annotations

import os
import sys
from datetime import date, time, timedelta

from facilitator.core.model import Presence
from facilitator.core.records import make_checkin
from facilitator.core.schedule import parse_recurrence
from facilitator.store import Store
from tests.safety.keyed import key_for

SLIPS = 5
MEMBERS = 6


def setup(store: Store):
    """The same group every run: made once, found again after a kill."""
    try:
        group = store.groups.by_name("Crash Circle")
    except LookupError:
        group = store.groups.create(name="Crash Circle", timezone="Europe/London")
        store.schedule.add_series(
            group.id, parse_recurrence("weekly on mon"), date(2020, 1, 6), time(18, 0), 60
        )
        for n in range(MEMBERS):
            store.people.add_member(group.id, f"M{n}")
    series = store.schedule.series(group.id)[0]
    members = store.people.members(group.id)
    return series, members


def main(db: str, acks: str) -> None:
    store = Store(db, key=key_for(db))
    series, members = setup(store)
    ack = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    step = int(os.environ.get("CRASH_START", "0"))
    while True:
        week = series.dtstart + timedelta(weeks=step)
        kind = step % 3
        if kind == 0:
            for member in members:
                store.people.record(series.id, week, member.id, Presence.PRESENT)
        elif kind == 1:
            # Idempotent on restart: a close that committed but was not acknowledged is not redone.
            previous = week - timedelta(weeks=1)
            if store.schedule.occurrence(series.id, previous).status.value != "held":
                slips = [make_checkin(n % 11, f"slip {n}") for n in range(SLIPS)]
                store.people.close_session(series.id, previous, slips)
        else:
            store.schedule.cancel(series.id, week, "Crash test")
        os.write(ack, f"{step}\n".encode())
        step += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
    sys.exit(0)
