"""Series and sessions: schedules, and what happened to each occurrence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from facilitator.core.errors import InputError, NotFoundError
from facilitator.core.model import Group, Listing, Occurrence, Override, Scope, Series
from facilitator.core.model import SessionStatus as Status
from facilitator.core.schedule import (
    Recurrence,
    expand,
    first_start,
    is_occurrence,
    occurrence_at,
    split,
)
from facilitator.core.validate import LONG_TEXT, clean_text
from facilitator.store.connection import Connection, new_id
from facilitator.store.groups import Groups

MAX_MINUTES = 12 * 60
SET_ASIDE = (Status.CANCELLED, Status.DID_NOT_OCCUR)  # what restore() undoes


def wall(moment: datetime) -> str:
    """How a naive wall time is stored: 2026-12-08T18:30."""
    return moment.isoformat(timespec="minutes")


def saved_at(row: dict) -> datetime | None:
    """When a row was last written, from its `modified` stamp."""
    return datetime.fromisoformat(row["modified"]) if row.get("modified") else None


def _series(row: dict) -> Series:
    return Series(
        id=row["id"],
        group_id=row["group_id"],
        dtstart=datetime.fromisoformat(row["dtstart"]),
        timezone=row["timezone"],
        rrule=row["rrule"] or None,
        duration_minutes=row["duration_minutes"],
        room=row["room"],
        cancelled_reason=row["cancelled_reason"],
        public_notice=row["public_notice"],
        modified=saved_at(row),
    )


def _series_row(series: Series, stamp: str) -> dict:
    return {
        "id": series.id,
        "group_id": series.group_id,
        "dtstart": wall(series.dtstart),
        "timezone": series.timezone,
        "rrule": series.rrule,
        "duration_minutes": series.duration_minutes,
        "room": series.room,
        "cancelled_reason": series.cancelled_reason,
        "public_notice": series.public_notice,
        "modified": stamp,
    }


def _override(row: dict) -> Override:
    def moment(value: str | None) -> datetime | None:
        return datetime.fromisoformat(value) if value else None

    return Override(
        id=row["id"],
        series_id=row["series_id"],
        original_start=datetime.fromisoformat(row["original_start"]),
        status=Status(row["status"]),
        start=moment(row["start"]),
        end=moment(row["end"]),
        room=row["room"],
        reason=row["reason"],
        public_notice=row["public_notice"],
        modified=saved_at(row),
    )


def _check_duration(minutes: object) -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_MINUTES:
        raise InputError(f"must be from 1 to {MAX_MINUTES} minutes", "duration")
    return minutes


class Schedule:
    """Series of sessions and the exceptions recorded against them."""

    def __init__(self, conn: Connection, groups: Groups) -> None:
        self.conn = conn
        self.groups = groups

    # -- series ---------------------------------------------------------------------------

    def add_series(
        self,
        group_id: str,
        recurrence: Recurrence,
        first_day: date,
        at: time,
        duration_minutes: int,
        room: str | None = None,
    ) -> Series:
        """Start a schedule: its first session is the first match on or after first_day."""
        group = self.groups.get(group_id)
        series = Series(
            id=new_id(),
            group_id=group.id,
            dtstart=first_start(recurrence, first_day, at),
            timezone=group.timezone,
            rrule=recurrence.rrule(),
            duration_minutes=_check_duration(duration_minutes),
            room=clean_text(room, "room") or None,
        )
        with self.conn.write() as db:
            db["series"].insert(_series_row(series, self.conn.stamp()))
        return series

    def series(self, group_id: str | None = None) -> list[Series]:
        """Every current series, or a group's."""
        sql = "SELECT * FROM series WHERE deleted = 0"
        args: list[str] = []
        if group_id:
            sql, args = sql + " AND group_id = ?", [group_id]
        with self.conn.read() as db:
            return [_series(row) for row in db.query(sql + " ORDER BY dtstart", args)]

    def get_series(self, series_id: str) -> Series:
        """One series by id."""
        with self.conn.read() as db:
            return self._get_series(db, series_id)

    # -- reading sessions -----------------------------------------------------------------

    def listings(
        self, window_start: datetime, window_end: datetime, group_id: str | None = None
    ) -> list[Listing]:
        """Every session starting in the window, across groups, with how many came."""
        found: list[tuple[Group, Occurrence]] = []
        with self.conn.read() as db:
            groups = {group.id: group for group in self.groups.list()}
            for one in self.series(group_id):
                group = groups.get(one.group_id)
                if group is None:
                    continue
                near = self._overrides_near(db, one, window_start, window_end)
                found += [
                    (group, occ) for occ in expand(one, window_start, window_end, near, group.room)
                ]
            held = [occ.session_id for _, occ in found if occ.status is Status.HELD]
            present = self._present_counts(db, held)
        listed = [
            Listing(
                group, occ, present.get(occ.session_id, 0) if occ.status is Status.HELD else None
            )
            for group, occ in found
        ]
        return sorted(listed, key=lambda item: (item.occurrence.start, item.group.name))

    def sessions_on(self, group: Group, day: date) -> list[Occurrence]:
        """A group's sessions starting on a day in its own zone."""
        zone = ZoneInfo(group.timezone)
        start = datetime.combine(day, time(0, 0), zone)
        end = datetime.combine(day + timedelta(days=1), time(0, 0), zone)
        return [item.occurrence for item in self.listings(start, end, group.id)]

    def moved_from(self, group: Group, day: date) -> list[Occurrence]:
        """A group's sessions that were to start on a day (in its zone) and have moved."""
        low, high = day.isoformat(), (day + timedelta(days=1)).isoformat()
        with self.conn.read() as db:
            rows = db.execute(
                """SELECT s.series_id, s.original_start FROM sessions s
                     JOIN series r ON r.id = s.series_id
                    WHERE r.group_id = ? AND r.deleted = 0 AND s.deleted = 0
                      AND s.original_start >= ? AND s.original_start < ?
                    ORDER BY s.original_start""",
                [group.id, low, high],
            ).fetchall()
            found = [self.occurrence(sid, datetime.fromisoformat(at)) for sid, at in rows]
        return [occ for occ in found if occ.moved]

    def occurrence(self, series_id: str, original_start: datetime) -> Occurrence:
        """One occurrence of a series by its original wall-clock start."""
        with self.conn.read() as db:
            series = self._get_series(db, series_id)
            rows = list(
                db.query(
                    "SELECT * FROM sessions"
                    " WHERE series_id = ? AND original_start = ? AND deleted = 0",
                    [series_id, wall(original_start)],
                )
            )
            group = self.groups.get(series.group_id)
        chosen = _override(rows[0]) if rows else None
        if chosen is None and not is_occurrence(series, original_start):
            raise NotFoundError(f"no session of this series starts at {wall(original_start)}")
        return occurrence_at(series, original_start, chosen, group.room)

    def recorded(self, series_id: str) -> list[Override]:
        """Every session row of a series: what was recorded against its occurrences."""
        with self.conn.read() as db:
            rows = db.query(
                "SELECT * FROM sessions WHERE series_id = ? AND deleted = 0"
                " ORDER BY original_start",
                [series_id],
            )
            return [_override(row) for row in rows]

    # -- changing one session or many -----------------------------------------------------

    def cancel(
        self,
        series_id: str,
        original_start: datetime,
        reason: str,
        public_notice: str = "",
        scope: Scope = Scope.ONE,
    ) -> None:
        """Cancel a session, this and following, or all upcoming, with a reason and notice."""
        reason = clean_text(reason, "reason", required=True)
        notice = clean_text(public_notice, "public notice", max_length=LONG_TEXT, multiline=True)
        self._check_exists(series_id, original_start)
        with self.conn.write() as db:
            if scope is Scope.ONE:
                self._set_aside(db, series_id, original_start, Status.CANCELLED, reason, notice)
                return
            tail = self._split(db, series_id, original_start, scope)
            tail = replace(tail, cancelled_reason=reason, public_notice=notice)
            self._save_tail(db, series_id, tail)

    def move(
        self,
        series_id: str,
        original_start: datetime,
        new_start: datetime | None = None,
        room: str | None = None,
        scope: Scope = Scope.ONE,
        public_notice: str = "",
    ) -> None:
        """Move a session to a new wall time and/or room; a series keeps its days. The
        public notice (for the door sign) goes with the first session moved."""
        room = clean_text(room, "room") or None
        notice = clean_text(public_notice, "public notice", max_length=LONG_TEXT, multiline=True)
        if new_start is None and room is None:
            raise InputError("give a new date, time or room", "move")
        self._check_exists(series_id, original_start)
        with self.conn.write() as db:
            series = self._get_series(db, series_id)
            if scope is Scope.ONE:
                fields: dict = {"room": room} if room else {}
                if new_start is not None:
                    end = new_start + timedelta(minutes=series.duration_minutes)
                    fields |= {"start": wall(new_start), "end": wall(end)}
                if notice:
                    fields["public_notice"] = notice
                self._put_override(db, series_id, original_start, **fields)
                return
            if new_start is not None and new_start.date() != original_start.date():
                raise InputError(
                    "to move a series to another day, change its schedule instead", "date"
                )
            tail = self._split(db, series_id, original_start, scope)
            if new_start is not None:
                tail = replace(
                    tail, dtstart=datetime.combine(tail.dtstart.date(), new_start.time())
                )
            self._save_tail(db, series_id, replace(tail, room=room or tail.room))
            if notice:
                self._put_override(db, tail.id, tail.dtstart, public_notice=notice)

    def mark_did_not_occur(
        self, series_id: str, original_start: datetime, reason: str = ""
    ) -> None:
        """Record that a past session did not take place (nobody came, the room was locked)."""
        occurrence = self.occurrence(series_id, original_start)
        if occurrence.start > self.conn.now():
            raise InputError("this session has not started yet: cancel it instead", "status")
        reason = clean_text(reason, "reason")
        with self.conn.write() as db:
            self._set_aside(db, series_id, original_start, Status.DID_NOT_OCCUR, reason, "")

    def restore(self, series_id: str, original_start: datetime) -> Occurrence:
        """Undo a cancellation or did-not-occur for one session: it is again exactly as it
        was before (held with its counts, or moved with its notice); returned as it now is."""
        occurrence = self.occurrence(series_id, original_start)
        if occurrence.status not in SET_ASIDE:
            raise InputError("this session is not cancelled: there is nothing to restore", "status")
        with self.conn.write() as db:
            session_id = self.ensure_session(db, series_id, original_start)
            row = db["sessions"].get(session_id)
            was = {"status": Status.SCHEDULED.value, "reason": "", "public_notice": ""}
            if row["status_before"]:  # a series-wide cancellation leaves nothing to give back
                was = {
                    "status": row["status_before"],
                    "reason": row["reason_before"],
                    "public_notice": row["notice_before"],
                }
            forget = {"status_before": None, "reason_before": "", "notice_before": ""}
            db["sessions"].update(session_id, was | forget | {"modified": self.conn.stamp()})
        return self.occurrence(series_id, original_start)

    def change_schedule(
        self,
        series_id: str,
        original_start: datetime,
        recurrence: Recurrence,
        at: time,
        duration_minutes: int,
        scope: Scope = Scope.FOLLOWING,
    ) -> Series:
        """From this session on (or from the next one, for all), follow a new schedule."""
        if scope is Scope.ONE:
            raise InputError("to change one session, move it instead", "scope")
        duration = _check_duration(duration_minutes)
        self._check_exists(series_id, original_start)
        with self.conn.write() as db:
            tail = self._split(db, series_id, original_start, scope)
            start = first_start(recurrence, tail.dtstart.date(), at)
            tail = replace(tail, dtstart=start, rrule=recurrence.rrule(), duration_minutes=duration)
            self._save_tail(db, series_id, tail)
            return tail

    # -- internals ------------------------------------------------------------------------

    def ensure_session(self, db, series_id: str, original_start: datetime) -> str:
        """The id of the concrete session row for an occurrence, created if needed."""
        key = [series_id, wall(original_start)]
        row = db.execute(
            "SELECT id FROM sessions WHERE series_id = ? AND original_start = ?", key
        ).fetchone()
        if row:
            return row[0]
        session_id = new_id()
        db["sessions"].insert(
            {
                "id": session_id,
                "series_id": series_id,
                "original_start": wall(original_start),
                "status": Status.SCHEDULED.value,
                "modified": self.conn.stamp(),
            }
        )
        return session_id

    def _set_aside(
        self, db, series_id: str, original_start: datetime, status: Status, reason: str, notice: str
    ) -> None:
        """Cancel or mark did-not-occur, remembering how the session was for restore()."""
        session_id = self.ensure_session(db, series_id, original_start)
        row = db["sessions"].get(session_id)
        fields = {"status": status.value, "reason": reason, "public_notice": notice}
        if Status(row["status"]) not in SET_ASIDE:  # set aside twice: keep the first memory
            fields |= {
                "status_before": row["status"],
                "reason_before": row["reason"],
                "notice_before": row["public_notice"],
            }
        db["sessions"].update(session_id, fields | {"modified": self.conn.stamp()})

    def _put_override(self, db, series_id: str, original_start: datetime, **fields) -> str:
        session_id = self.ensure_session(db, series_id, original_start)
        db["sessions"].update(session_id, fields | {"modified": self.conn.stamp()})
        return session_id

    def _split(self, db, series_id: str, original_start: datetime, scope: Scope) -> Series:
        """Cut the series so a tail starts at this session (or the next one, for ALL).

        History is never rewritten: ALL means every session from now on. The caller changes
        the tail and saves it with _save_tail.
        """
        series = self._get_series(db, series_id)
        at = original_start
        if scope is Scope.ALL:
            at = self._first_upcoming(series) or original_start
        head, tail = split(series, at, new_id())
        if head is not None:
            db["series"].update(head.id, {"rrule": head.rrule, "modified": self.conn.stamp()})
        return tail

    def _save_tail(self, db, old_series_id: str, tail: Series) -> None:
        """Save a changed tail; sessions recorded from its start move with it."""
        stamp = self.conn.stamp()
        db["series"].upsert(_series_row(tail, stamp), pk="id")
        rows = db.query(
            "SELECT id, original_start FROM sessions WHERE series_id = ? AND original_start >= ?",
            [old_series_id, wall(datetime.combine(tail.dtstart.date(), time(0, 0)))],
        )
        for row in list(rows):
            original = datetime.fromisoformat(row["original_start"])
            rekeyed = datetime.combine(original.date(), tail.dtstart.time())
            fields = {"series_id": tail.id, "original_start": wall(rekeyed), "modified": stamp}
            db["sessions"].update(row["id"], fields)

    def _first_upcoming(self, series: Series) -> datetime | None:
        zone = ZoneInfo(series.timezone)
        now = self.conn.now().astimezone(zone)
        upcoming = expand(series, now, now + timedelta(days=800))
        return upcoming[0].original_start if upcoming else None

    def _check_exists(self, series_id: str, original_start: datetime) -> None:
        self.occurrence(series_id, original_start)

    @staticmethod
    def _get_series(db, series_id: str) -> Series:
        rows = list(db.query("SELECT * FROM series WHERE id = ? AND deleted = 0", [series_id]))
        if not rows:
            raise NotFoundError(f"no schedule with id {series_id}")
        return _series(rows[0])

    @staticmethod
    def _overrides_near(
        db, series: Series, window_start: datetime, window_end: datetime
    ) -> list[Override]:
        """Recorded sessions whose original or moved start is near the window."""
        zone = ZoneInfo(series.timezone)
        low = wall(window_start.astimezone(zone).replace(tzinfo=None) - timedelta(days=1))
        high = wall(window_end.astimezone(zone).replace(tzinfo=None) + timedelta(days=1))
        rows = db.query(
            """SELECT * FROM sessions WHERE series_id = ? AND deleted = 0
                 AND ((original_start >= ? AND original_start < ?)
                      OR (start >= ? AND start < ?))""",
            [series.id, low, high, low, high],
        )
        return [_override(row) for row in rows]

    @staticmethod
    def _present_counts(db, session_ids: list[str]) -> dict[str, int]:
        """How many came to each held session: present members plus headcounts."""
        counts: dict[str, int] = {}
        for start in range(0, len(session_ids), 500):
            chunk = session_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"""
                SELECT session_id, count(*) FROM attendance
                 WHERE presence = 'present' AND deleted = 0 AND session_id IN ({marks})
                 GROUP BY session_id
                UNION ALL
                SELECT session_id, sum(count) FROM headcounts
                 WHERE deleted = 0 AND session_id IN ({marks}) GROUP BY session_id
            """
            for session_id, n in db.execute(sql, chunk + chunk).fetchall():
                counts[session_id] = counts.get(session_id, 0) + n
        return counts
