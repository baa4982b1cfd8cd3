"""The resource library, and handouts given at sessions (stock goes down)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime

from facilitator.core.errors import NotFoundError
from facilitator.core.model import Resource, ResourceKind
from facilitator.core.records import make_resource
from facilitator.core.validate import check_count
from facilitator.store.connection import Connection, new_id
from facilitator.store.schedule import Schedule


def _resource(row: dict) -> Resource:
    due = date.fromisoformat(row["review_due"]) if row["review_due"] else None
    return Resource(
        id=row["id"],
        title=row["title"],
        kind=ResourceKind(row["kind"]),
        phone=row["phone"],
        url=row["url"],
        language=row["language"],
        categories=tuple(json.loads(row["categories"])),
        description=row["description"],
        review_due=due,
        stock=row["stock"],
    )


def _resource_row(resource: Resource, stamp: str) -> dict:
    row = asdict(resource) | {"kind": resource.kind.value, "modified": stamp}
    row["categories"] = json.dumps(list(resource.categories), ensure_ascii=False)
    row["review_due"] = resource.review_due.isoformat() if resource.review_due else None
    return row


class Resources:
    """Add, edit, retire and hand out library entries."""

    def __init__(self, conn: Connection, schedule: Schedule) -> None:
        self.conn = conn
        self.schedule = schedule

    def add(self, **fields) -> Resource:
        """Add a checked entry to the library."""
        resource = make_resource(id=new_id(), **fields)
        with self.conn.write() as db:
            db["resources"].insert(_resource_row(resource, self.conn.stamp()))
        return resource

    def update(self, resource_id: str, **changes) -> Resource:
        """Change some fields of an entry."""
        with self.conn.write() as db:
            resource = make_resource(**(asdict(self._get(db, resource_id)) | changes))
            db["resources"].update(resource_id, _resource_row(resource, self.conn.stamp()))
        return resource

    def delete(self, resource_id: str) -> None:
        """Retire an entry: a tombstone with its content cleared."""
        with self.conn.write() as db:
            self._get(db, resource_id)
            db["resources"].update(
                resource_id,
                {
                    "deleted": 1,
                    "title": "",
                    "phone": "",
                    "url": "",
                    "description": "",
                    "categories": "[]",
                    "modified": self.conn.stamp(),
                },
            )
        self.conn.purge()

    def list(self, kinds: tuple[str, ...] = ()) -> list[Resource]:
        """Every current entry (or every one of some kinds), by title."""
        only = f"AND kind IN ({','.join('?' for _ in kinds)})" if kinds else ""
        with self.conn.read() as db:
            rows = db.query(
                f"SELECT * FROM resources WHERE deleted = 0 {only} ORDER BY title COLLATE NOCASE",
                list(kinds),
            )
            return [_resource(row) for row in rows]

    def titles(self, resource_ids) -> dict[str, str]:
        """The titles of some current entries, by id (retired ones are left out)."""
        ids = list(resource_ids)
        marks = ",".join("?" for _ in ids)
        with self.conn.read() as db:
            rows = db.execute(
                f"SELECT id, title FROM resources WHERE deleted = 0 AND id IN ({marks})", ids
            ).fetchall()
        return dict(rows)

    def needing_attention(self, today: date, low_stock: int, stocked_kinds: tuple[str, ...]):
        """Entries past their review date or running low: what the home screen flags."""
        marks = ",".join("?" for _ in stocked_kinds)
        with self.conn.read() as db:
            rows = db.query(
                "SELECT * FROM resources WHERE deleted = 0 AND (review_due < ? OR "
                f"(kind IN ({marks}) AND stock > 0 AND stock < ?)) ORDER BY title COLLATE NOCASE",
                [today.isoformat(), *stocked_kinds, low_stock],
            )
            return [_resource(row) for row in rows]

    def hand_out(
        self, series_id: str, original_start: datetime, resource_id: str, copies: object
    ) -> int:
        """Record copies given at a session; the stock goes down by as many, and the stock
        left is returned. Copies in hand are proof of copies: giving more than the recorded
        stock corrects it to none left, rather than refusing what was done."""
        count = check_count(copies, "copies", maximum=1000)
        with self.conn.write() as db:
            resource = self._get(db, resource_id)
            session_id = self.schedule.ensure_session(db, series_id, original_start)
            row = db.execute(
                "SELECT id, count FROM handouts WHERE session_id = ? AND resource_id = ?",
                [session_id, resource_id],
            ).fetchone()
            already = row[1] if row else 0
            left = max(0, resource.stock - (count - already))
            stamp = self.conn.stamp()
            if row:
                db["handouts"].update(row[0], {"count": count, "modified": stamp})
            else:
                db["handouts"].insert(
                    {
                        "id": new_id(),
                        "session_id": session_id,
                        "resource_id": resource_id,
                        "count": count,
                        "modified": stamp,
                    }
                )
            db["resources"].update(resource_id, {"stock": left, "modified": stamp})
        return left

    def handouts(self, series_id: str, original_start: datetime) -> dict[str, int]:
        """Copies given at one session, by resource id."""
        with self.conn.read() as db:
            rows = db.execute(
                """SELECT h.resource_id, h.count FROM handouts h
                     JOIN sessions s ON s.id = h.session_id
                    WHERE s.series_id = ? AND s.original_start = ? AND h.deleted = 0""",
                [series_id, original_start.isoformat(timespec="minutes")],
            ).fetchall()
        return dict(rows)

    def totals_for(self, group_id: str) -> list[tuple[str, int]]:
        """Copies handed out at a group's sessions, by title, most first."""
        with self.conn.read() as db:
            rows = db.execute(
                """SELECT r.title, sum(h.count) FROM handouts h
                     JOIN resources r ON r.id = h.resource_id
                     JOIN sessions s ON s.id = h.session_id JOIN series e ON e.id = s.series_id
                    WHERE e.group_id = ? AND h.deleted = 0 AND r.deleted = 0
                    GROUP BY r.id ORDER BY sum(h.count) DESC, r.title""",
                [group_id],
            ).fetchall()
        return [(title, total) for title, total in rows]

    @staticmethod
    def _get(db, resource_id: str) -> Resource:
        rows = list(db.query("SELECT * FROM resources WHERE id = ? AND deleted = 0", [resource_id]))
        if not rows:
            raise NotFoundError(f"no resource with id {resource_id}")
        return _resource(rows[0])
