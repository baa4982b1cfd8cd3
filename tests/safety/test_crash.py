"""Killed at random moments, the database stays whole and every acknowledged action stays.

A worker process runs real store actions (attendance for a whole session, closing a session
with its check-in slips, cancelling a session) and acknowledges each after it returned; it is
SIGKILLed at random moments, at least 100 times.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.store import Store
from facilitator.store.connection import connect
from tests.safety import crash_worker
from tests.safety.keyed import encrypt, key_for

KILLS = int(os.environ.get("CRASH_KILLS", "100"))
WORKER = Path(crash_worker.__file__)


def acknowledged(acks: Path) -> list[int]:
    text = acks.read_text() if acks.exists() else ""
    return [int(line) for line in text.splitlines() if line.strip()]


def check(db: Path, acks: Path) -> int:
    """Integrity, links, and every acknowledged action present and whole."""
    raw = connect(db, key_for(db))
    assert [r[0] for r in raw.execute("PRAGMA integrity_check").fetchall()] == ["ok"]
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    done = acknowledged(acks)
    last = max(done, default=-1)
    attendance = raw.execute("SELECT count(*) FROM attendance").fetchone()[0]
    slips = raw.execute("SELECT count(*) FROM checkins").fetchone()[0]
    held = raw.execute("SELECT count(*) FROM sessions WHERE status = 'held'").fetchone()[0]
    cancelled = raw.execute("SELECT count(*) FROM sessions WHERE status = 'cancelled'").fetchone()[
        0
    ]
    raw.close()
    # A session's attendance is six actions: each whole, the next one possibly under way.
    acked = {kind: sum(1 for step in done if step % 3 == kind) for kind in range(3)}
    assert acked[0] * crash_worker.MEMBERS <= attendance <= (acked[0] + 1) * crash_worker.MEMBERS
    assert slips % crash_worker.SLIPS == 0, "half a batch of check-ins is visible"
    assert acked[1] <= slips // crash_worker.SLIPS <= acked[1] + 1
    assert slips // crash_worker.SLIPS == held, "slips saved without their session closed"
    assert acked[2] <= cancelled <= acked[2] + 1
    return last + 1


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path, encrypted):
    db, acks = tmp_path / "crash.db", tmp_path / "acks"
    Store(db).close()
    rng = random.Random(20261121)
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    kills = KILLS
    if encrypted:
        env |= encrypt(db)
        kills = max(KILLS // 4, 10)  # the plain run has the numbers; this one, the cipher
    start = 0
    for _ in range(kills):
        worker = subprocess.Popen(
            [sys.executable, str(WORKER), str(db), str(acks)],
            env=env | {"CRASH_START": str(start)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0.25, 0.6))
        assert worker.poll() is None, worker.stderr.read().decode()
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        start = check(db, acks)
    assert start > kills  # the worker really got work done between kills
