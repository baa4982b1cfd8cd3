"""Who came: roster members and their attendance, or headcounts for counts-only groups."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from facilitator.core.errors import InputError, NotFoundError, quoted
from facilitator.core.model import Attendance, CheckIn, Member, Presence, Privacy
from facilitator.core.model import SessionStatus as Status
from facilitator.core.records import alias_key, make_alias
from facilitator.core.validate import check_count
from facilitator.store.checkins import insert_shuffled
from facilitator.store.connection import Connection, new_id
from facilitator.store.schedule import Schedule


def _member(row: dict) -> Member:
    first = date.fromisoformat(row["first_seen"]) if row["first_seen"] else None
    return Member(row["id"], row["group_id"], row["alias"], first)


def _presence(value: object) -> Presence:
    try:
        return Presence(str(value).strip().lower())
    except ValueError:
        options = ", ".join(item.value for item in Presence)
        raise InputError(f"{quoted(value)} is not one of {options}", "presence") from None


def check_alias_free(db, group_id: str, alias: str, member_id: str | None = None) -> None:
    """Refuse an alias the same as another member's of the group once case is folded
    (SQLite's NOCASE folds only A-Z: ÉVA and éva would both be let in)."""
    key = alias_key(alias)
    others = db.execute(
        "SELECT id, alias FROM members WHERE group_id = ? AND deleted = 0", [group_id]
    ).fetchall()
    if any(alias_key(other) == key for other_id, other in others if other_id != member_id):
        raise InputError(f"{quoted(alias)} is already in this group", "alias")


class People:
    """Members (aliases only), attendance and headcounts."""

    def __init__(self, conn: Connection, schedule: Schedule) -> None:
        self.conn = conn
        self.schedule = schedule

    def add_member(self, group_id: str, alias: str, first_seen: date | None = None) -> Member:
        """Add an alias to a roster group; aliases are unique within a group."""
        group = self.schedule.groups.get(group_id)
        if group.privacy is Privacy.COUNTS:
            raise InputError("this group keeps counts only, no names", "alias")
        member = Member(new_id(), group_id, make_alias(alias), first_seen)
        with self.conn.write() as db:
            self._insert_member(db, member)
        return member

    def members(self, group_id: str) -> list[Member]:
        """A group's members, by alias."""
        with self.conn.read() as db:
            rows = db.query(
                "SELECT * FROM members WHERE group_id = ? AND deleted = 0"
                " ORDER BY alias COLLATE NOCASE",
                [group_id],
            )
            return [_member(row) for row in rows]

    def record(
        self,
        series_id: str,
        original_start: datetime,
        member_id: str,
        presence: Presence = Presence.PRESENT,
        first_time: bool = False,
    ) -> None:
        """Mark one member present, absent or excused at one session."""
        presence = _presence(presence)
        with self.conn.write() as db:
            self._check_member(db, member_id, series_id)
            session_id = self.schedule.ensure_session(db, series_id, original_start)
            self._put_attendance(db, session_id, member_id, presence, first_time)

    def add_walk_in(self, series_id: str, original_start: datetime, alias: str, on: date) -> Member:
        """A newcomer at the door: a new alias, marked present and first-time, in one action."""
        series = self.schedule.get_series(series_id)
        group = self.schedule.groups.get(series.group_id)
        if group.privacy is Privacy.COUNTS:
            raise InputError("this group keeps counts only, no names", "alias")
        member = Member(new_id(), group.id, make_alias(alias), on)
        with self.conn.write() as db:
            self._insert_member(db, member)
            session_id = self.schedule.ensure_session(db, series_id, original_start)
            self._put_attendance(db, session_id, member.id, Presence.PRESENT, True)
        return member

    def attendance(self, series_id: str, original_start: datetime) -> list[Attendance]:
        """Every attendance row of one session."""
        with self.conn.read() as db:
            rows = db.query(
                """SELECT a.* FROM attendance a JOIN sessions s ON s.id = a.session_id
                    WHERE s.series_id = ? AND s.original_start = ? AND a.deleted = 0""",
                [series_id, original_start.isoformat(timespec="minutes")],
            )
            return [
                Attendance(
                    r["session_id"], r["member_id"], Presence(r["presence"]), bool(r["first_time"])
                )
                for r in rows
            ]

    def set_headcount(
        self, series_id: str, original_start: datetime, category: str, count: object
    ) -> None:
        """Set one category's headcount for a counts-only session."""
        number = check_count(count, "count", maximum=10_000)
        with self.conn.write() as db:
            series = self.schedule.get_series(series_id)
            group = self.schedule.groups.get(series.group_id)
            if category not in group.headcount_categories:
                message = f"{quoted(category)} is not one of this group's categories"
                raise InputError(message, "category")
            session_id = self.schedule.ensure_session(db, series_id, original_start)
            fields = {"count": number, "modified": self.conn.stamp()}
            existing = self._headcount_id(db, session_id, category)
            if existing:
                db["headcounts"].update(existing, fields)
            else:
                db["headcounts"].insert(
                    {"id": new_id(), "session_id": session_id, "category": category} | fields
                )

    def headcounts(self, series_id: str, original_start: datetime) -> dict[str, int]:
        """One session's headcounts by category."""
        with self.conn.read() as db:
            rows = db.execute(
                """SELECT h.category, h.count FROM headcounts h
                     JOIN sessions s ON s.id = h.session_id
                    WHERE s.series_id = ? AND s.original_start = ? AND h.deleted = 0""",
                [series_id, original_start.isoformat(timespec="minutes")],
            ).fetchall()
        return dict(rows)

    def close_session(
        self, series_id: str, original_start: datetime, checkins: Iterable[CheckIn] = ()
    ) -> None:
        """Mark a session held, saving its last check-in slips, in one transaction."""
        occurrence = self.schedule.occurrence(series_id, original_start)
        if occurrence.status is Status.CANCELLED:
            raise InputError("this session was cancelled: restore it before closing", "status")
        with self.conn.write() as db:
            session_id = self.schedule.ensure_session(db, series_id, original_start)
            insert_shuffled(db, session_id, list(checkins))
            db["sessions"].update(
                session_id, {"status": Status.HELD.value, "modified": self.conn.stamp()}
            )

    # -- internals ------------------------------------------------------------------------

    def _insert_member(self, db, member: Member) -> None:
        check_alias_free(db, member.group_id, member.alias)
        db["members"].insert(
            {
                "id": member.id,
                "group_id": member.group_id,
                "alias": member.alias,
                "first_seen": member.first_seen.isoformat() if member.first_seen else None,
                "modified": self.conn.stamp(),
            }
        )

    def _put_attendance(
        self, db, session_id: str, member_id: str, presence: Presence, first_time: bool
    ) -> None:
        fields = {
            "presence": presence.value,
            "first_time": int(first_time),
            "modified": self.conn.stamp(),
        }
        row = db.execute(
            "SELECT id FROM attendance WHERE session_id = ? AND member_id = ?",
            [session_id, member_id],
        ).fetchone()
        if row:
            db["attendance"].update(row[0], fields | {"deleted": 0})
        else:
            db["attendance"].insert(
                {"id": new_id(), "session_id": session_id, "member_id": member_id} | fields
            )

    @staticmethod
    def _headcount_id(db, session_id: str, category: str) -> str | None:
        row = db.execute(
            "SELECT id FROM headcounts WHERE session_id = ? AND category = ?",
            [session_id, category],
        ).fetchone()
        return row[0] if row else None

    def _check_member(self, db, member_id: str, series_id: str) -> None:
        row = db.execute(
            """SELECT 1 FROM members m JOIN series s ON s.group_id = m.group_id
                WHERE m.id = ? AND s.id = ? AND m.deleted = 0""",
            [member_id, series_id],
        ).fetchone()
        if not row:
            raise NotFoundError("that member is not in this session's group")


@dataclass(frozen=True)
class MemberStats:
    """A member's history in one group: only for the facilitator's members screen."""

    member: Member
    first_attended: date | None
    last_attended: date | None
    present: int
    recorded: int  # sessions with any attendance row for this member

    @property
    def rate(self) -> float | None:
        """Share of recorded sessions the member was present at."""
        return self.present / self.recorded if self.recorded else None


class Roster:
    """Member history, renames and real deletion."""

    def __init__(self, conn: Connection, people: People) -> None:
        self.conn = conn
        self.people = people

    def stats(self, group_id: str) -> list[MemberStats]:
        """Every member with first and last attended and attendance rate."""
        sql = """
            SELECT m.id,
                   min(CASE WHEN a.presence = 'present' THEN s.original_start END),
                   max(CASE WHEN a.presence = 'present' THEN s.original_start END),
                   sum(a.presence = 'present'), count(a.id)
              FROM members m
              LEFT JOIN attendance a ON a.member_id = m.id AND a.deleted = 0
              LEFT JOIN sessions s ON s.id = a.session_id
             WHERE m.group_id = ? AND m.deleted = 0
             GROUP BY m.id
        """
        with self.conn.read() as db:
            members = {m.id: m for m in self.people.members(group_id)}
            rows = db.execute(sql, [group_id]).fetchall()
        day = lambda text: date.fromisoformat(text[:10]) if text else None  # noqa: E731
        found = [MemberStats(members[r[0]], day(r[1]), day(r[2]), r[3] or 0, r[4]) for r in rows]
        return sorted(found, key=lambda s: s.member.alias.casefold())

    def stale(self, group_id: str, months: int, today: date) -> list[MemberStats]:
        """Members not seen for `months` months (never seen counts from first seen)."""
        cutoff = today - timedelta(days=round(months * 30.44))
        return [
            s
            for s in self.stats(group_id)
            if (s.last_attended or s.member.first_seen or date.min) < cutoff
        ]

    def rename(self, member_id: str, alias: str) -> Member:
        """Give a member another alias, unique in the group."""
        new_alias = make_alias(alias)
        with self.conn.write() as db:
            row = db.execute(
                "SELECT group_id FROM members WHERE id = ? AND deleted = 0", [member_id]
            ).fetchone()
            if not row:
                raise NotFoundError("that member no longer exists")
            check_alias_free(db, row[0], new_alias, member_id)
            db["members"].update(member_id, {"alias": new_alias, "modified": self.conn.stamp()})
        return Member(member_id, row[0], new_alias)

    def counts_only_impact(self, group_id: str) -> tuple[int, int]:
        """What switching the group to counts only deletes: (aliases, attendance rows)."""
        with self.conn.read() as db:
            aliases = db.execute(
                "SELECT count(*) FROM members WHERE group_id = ? AND deleted = 0", [group_id]
            ).fetchone()[0]
            rows = db.execute(
                "SELECT count(*) FROM attendance a JOIN members m ON m.id = a.member_id"
                " WHERE m.group_id = ?",
                [group_id],
            ).fetchone()[0]
        return aliases, rows

    def switch_to_counts(self, group_id: str) -> bool:
        """Make a roster group counts-only: each session's attendance becomes headcounts, then
        every alias and attendance row is deleted as forgetting a member deletes them (False,
        as forget, while another window's read keeps the log holding them)."""
        group = self.people.schedule.groups.get(group_id)
        split = {"first time", "returning"} <= set(group.headcount_categories)
        with self.conn.write() as db:
            counted = db.execute(
                """SELECT a.session_id, a.first_time, count(*) FROM attendance a
                     JOIN members m ON m.id = a.member_id
                    WHERE m.group_id = ? AND a.presence = 'present' AND a.deleted = 0
                    GROUP BY a.session_id, a.first_time""",
                [group_id],
            ).fetchall()
            for session_id, first_time, count in counted:
                if split:
                    category = "first time" if first_time else "returning"
                else:
                    category = group.headcount_categories[0]
                self._add_headcount(db, session_id, category, count)
            members = [
                row[0]
                for row in db.execute(
                    "SELECT id FROM members WHERE group_id = ? AND deleted = 0", [group_id]
                )
            ]
            self._delete_members(db, members)
            self.people.schedule.groups.update(group_id, privacy=Privacy.COUNTS)
        return self.conn.purge()

    def _add_headcount(self, db, session_id: str, category: str, count: int) -> None:
        row = db.execute(
            "SELECT id, count FROM headcounts WHERE session_id = ? AND category = ?",
            [session_id, category],
        ).fetchone()
        fields = {"modified": self.conn.stamp(), "deleted": 0}
        if row:
            db["headcounts"].update(row[0], fields | {"count": row[1] + count})
        else:
            db["headcounts"].insert(
                {"id": new_id(), "session_id": session_id, "category": category, "count": count}
                | fields
            )

    def forget(self, *member_ids: str) -> bool:
        """Really delete members and their attendance; only empty tombstones remain. False
        while another window's read keeps the log holding them: it is emptied in the
        background as soon as that read ends."""
        with self.conn.write() as db:
            self._delete_members(db, member_ids)
        return self.conn.purge()

    def _delete_members(self, db, member_ids: Iterable[str]) -> None:
        for member_id in member_ids:
            db.execute("DELETE FROM attendance WHERE member_id = ?", [member_id])
            db["members"].update(
                member_id,
                {"alias": "", "first_seen": None, "deleted": 1, "modified": self.conn.stamp()},
            )
