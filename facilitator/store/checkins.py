"""Anonymous check-ins: saved as a shuffled batch, read back only as aggregates."""

from __future__ import annotations

import secrets
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from facilitator.core.errors import InputError
from facilitator.core.model import CheckIn
from facilitator.core.privacy import DEFAULT_K, suppress_cells
from facilitator.core.records import make_checkin
from facilitator.store.connection import Connection, new_id
from facilitator.store.schedule import Schedule


@dataclass(frozen=True)
class CheckInSummary:
    """What may be shown of a session's check-ins: nothing at all below k."""

    shown: bool
    count: int | None = None  # None when below k: even the number is not shown
    median: float | None = None
    low: int | None = None
    high: int | None = None
    histogram: tuple[int | None, ...] = ()  # moods 0..10; None: a small cell, hidden
    words: tuple[str, ...] = ()  # in random order
    topics: tuple[str, ...] = ()  # topic requests, in random order


class CheckIns:
    """Write check-in batches; read them back as summaries."""

    def __init__(self, conn: Connection, schedule: Schedule) -> None:
        self.conn = conn
        self.schedule = schedule

    def save_batch(
        self, series_id: str, original_start: datetime, checkins: Iterable[CheckIn]
    ) -> int:
        """Add a batch of at least k of a session's slips (k from the settings) in shuffled
        order, with random keys and no timestamps. Fewer are refused: slips saved one or two
        at a time would let the log be read back in the order they were typed. The last few
        are saved with the session's close (People.close_session)."""
        slips = list(checkins)
        k = self._k()
        if len(slips) < k:
            raise InputError(
                f"save at least {k} slips at once (slips saved a few at a time would show the "
                "order they were typed); the rest are saved when the session closes",
                "check-ins",
            )
        with self.conn.write() as db:
            session_id = self.schedule.ensure_session(db, series_id, original_start)
            insert_shuffled(db, session_id, slips)
        return len(slips)

    def _k(self) -> int:
        with self.conn.read() as db:
            row = db.execute("SELECT value FROM settings WHERE key = 'k'").fetchone()
        return int(row[0]) if row else DEFAULT_K

    def summary(
        self, series_id: str, original_start: datetime, k: int = DEFAULT_K
    ) -> CheckInSummary:
        """Count, median, range, histogram and shuffled words: only when at least k slips."""
        with self.conn.read() as db:
            rows = db.execute(
                """SELECT c.mood, c.words, c.topic_request
                     FROM checkins c JOIN sessions s ON s.id = c.session_id
                    WHERE s.series_id = ? AND s.original_start = ? AND c.deleted = 0""",
                [series_id, original_start.isoformat(timespec="minutes")],
            ).fetchall()
        return _summarise(rows, k)

    def by_session(
        self, group_id: str, k: int = DEFAULT_K
    ) -> list[tuple[datetime, CheckInSummary]]:
        """Each of a group's sessions that has check-ins, oldest first, summarised."""
        sessions: dict[str, list[tuple]] = {}
        for start, *slip in self._group_slips(group_id):
            sessions.setdefault(start, []).append(tuple(slip))
        return [
            (datetime.fromisoformat(start), _summarise(slips, k))
            for start, slips in sorted(sessions.items())
        ]

    def overall(self, group_id: str, k: int = DEFAULT_K) -> CheckInSummary:
        """The check-ins of a group's sessions that are shown (k or more slips), together:
        counting hidden sessions in would let the total minus the shown give them away."""
        sessions: dict[str, list[tuple]] = {}
        for start, *slip in self._group_slips(group_id):
            sessions.setdefault(start, []).append(tuple(slip))
        slips = [slip for batch in sessions.values() if len(batch) >= k for slip in batch]
        return _summarise(slips, k)

    def _group_slips(self, group_id: str) -> list[tuple[str, int | None, str, str]]:
        """(session's original start, mood, words, topic request) for every check-in of a
        group."""
        with self.conn.read() as db:
            return db.execute(
                """SELECT s.original_start, c.mood, c.words, c.topic_request FROM checkins c
                     JOIN sessions s ON s.id = c.session_id JOIN series r ON r.id = s.series_id
                    WHERE r.group_id = ? AND c.deleted = 0""",
                [group_id],
            ).fetchall()


def insert_shuffled(db, session_id: str, slips: list[CheckIn]) -> None:
    """Write slips in random order with random keys: insertion order would say who spoke first.
    Each slip is checked as the form checks it (mood 0-10, words' length): all or none."""
    slips = [make_checkin(slip.mood, slip.words, slip.topic_request) for slip in slips]
    secrets.SystemRandom().shuffle(slips)
    db["checkins"].insert_all(
        {
            "id": new_id(),
            "session_id": session_id,
            "mood": slip.mood,
            "words": slip.words,
            "topic_request": slip.topic_request,
        }
        for slip in slips
    )


def _summarise(rows: list[tuple], k: int) -> CheckInSummary:
    """Aggregates of (mood, words[, topic request]) slips, or nothing at all below k.
    Words and topic requests follow the same rule: shown only with k or more slips."""
    if len(rows) < k:
        return CheckInSummary(shown=False)
    moods = [row[0] for row in rows if row[0] is not None]
    words = [row[1] for row in rows if row[1]]
    topics = [row[2] for row in rows if len(row) > 2 and row[2]]
    shuffle = secrets.SystemRandom().shuffle
    shuffle(words)
    shuffle(topics)
    if len(moods) < k:  # a median of two moods would be telling
        return CheckInSummary(count=len(rows), shown=True, words=tuple(words), topics=tuple(topics))
    histogram = suppress_cells([moods.count(value) for value in range(11)], k)
    visible = [mood for mood, count in enumerate(histogram) if count]  # no lone low or high
    return CheckInSummary(
        count=len(rows),
        shown=True,
        median=statistics.median(moods) if moods else None,
        low=min(visible, default=None),
        high=max(visible, default=None),
        histogram=tuple(histogram),
        words=tuple(words),
        topics=tuple(topics),
    )
