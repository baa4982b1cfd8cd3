"""Groups and their agenda templates."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import datetime

from facilitator.core.agenda import make_segment
from facilitator.core.errors import InputError, NotFoundError, quoted
from facilitator.core.model import AgendaTemplate, Group, Privacy, Segment
from facilitator.core.records import make_group
from facilitator.core.validate import clean_text
from facilitator.store.connection import Connection, new_id


def _group(row: dict) -> Group:
    return Group(
        id=row["id"],
        name=row["name"],
        timezone=row["timezone"],
        privacy=Privacy(row["privacy"]),
        description=row["description"],
        languages=tuple(json.loads(row["languages"])) or (row["language"],),
        room=row["room"],
        online_link=row["online_link"],
        facilitators=row["facilitators"],
        confidentiality=row["confidentiality"],
        ground_rules=row["ground_rules"],
        template_id=row["template_id"],
        headcount_categories=tuple(json.loads(row["headcount_categories"])),
        archived=bool(row["archived"]),
        modified=datetime.fromisoformat(row["modified"]) if row.get("modified") else None,
    )


def _group_row(group: Group, stamp: str) -> dict:
    row = asdict(group)
    row["privacy"] = group.privacy.value
    row["languages"] = json.dumps(list(group.languages))
    row["language"] = group.language  # the main one, kept for the column of schema 1
    row["headcount_categories"] = json.dumps(list(group.headcount_categories))
    row["archived"] = int(group.archived)
    return row | {"modified": stamp}


# What makes a group's past worth keeping: it cannot be deleted then, only archived.
_HISTORY = """
SELECT (SELECT count(*) FROM members WHERE group_id = :g AND deleted = 0)
     + (SELECT count(*) FROM sessions s JOIN series r ON r.id = s.series_id
         WHERE r.group_id = :g AND s.deleted = 0
           AND (s.status = 'held'
                OR EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id)
                OR EXISTS (SELECT 1 FROM headcounts h WHERE h.session_id = s.id)
                OR EXISTS (SELECT 1 FROM checkins c WHERE c.session_id = s.id)
                OR EXISTS (SELECT 1 FROM handouts d WHERE d.session_id = s.id)))
"""


class Groups:
    """Create, read, update and retire groups."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def create(self, **fields) -> Group:
        """Add a group; its name must be new."""
        group = make_group(id=new_id(), shipped=_shipped(), **fields)
        with self.conn.write() as db:
            self._check_name_free(db, group)
            self._check_template(db, group.template_id)
            db["groups"].insert(_group_row(group, self.conn.stamp()))
        return group

    def update(self, group_id: str, **changes) -> Group:
        """Change some fields of a group."""
        with self.conn.write() as db:
            current = self._get(db, group_id)
            fields = asdict(current) | changes
            fields.pop("modified")  # the store's stamp, not a setting to check
            group = make_group(shipped=_shipped(), **fields)
            self._check_names_go_first(db, current, group)
            self._check_name_free(db, group)
            self._check_template(db, group.template_id)
            db["groups"].update(group_id, _group_row(group, self.conn.stamp()))
        return group

    def get(self, group_id: str) -> Group:
        """One group by id."""
        with self.conn.read() as db:
            return self._get(db, group_id)

    def by_name(self, name: str) -> Group:
        """One group by its name, ignoring case, or by the start of one name only:
        'car' finds 'Caring Together' unless another group's name starts so too."""
        groups = self.list(archived=True)  # an archived group still prints and reports
        wanted = name.casefold()
        exact = [g for g in groups if g.name.casefold() == wanted]
        found = exact or [g for g in groups if wanted and g.name.casefold().startswith(wanted)]
        if len(found) > 1:
            names = ", ".join(g.name for g in found)
            raise NotFoundError(f"{quoted(name)} could be any of: {names}; give more of the name")
        if not found:
            raise NotFoundError(f"no group called {quoted(name)} (see: facilitator groups list)")
        return found[0]

    def list(self, archived: bool = False) -> list[Group]:
        """Every current group, by name; with archived, the archived ones too."""
        shown = "" if archived else " AND archived = 0"
        with self.conn.read() as db:
            rows = db.query(
                f"SELECT * FROM groups WHERE deleted = 0{shown} ORDER BY name COLLATE NOCASE"
            )
            return [_group(row) for row in rows]

    def archive(self, group_id: str, archived: bool = True) -> Group:
        """Put an ended group away (off Home and the lists, kept in reports), or bring it back."""
        return self.update(group_id, archived=archived)

    def has_history(self, group_id: str) -> bool:
        """Whether the group has members or a session with anything recorded."""
        with self.conn.read() as db:
            return db.execute(_HISTORY, {"g": group_id}).fetchone()[0] > 0

    def delete(self, group_id: str) -> None:
        """Delete a group that has no history; one with a past can only be archived."""
        with self.conn.write() as db:
            group = self._get(db, group_id)
            if db.execute(_HISTORY, {"g": group_id}).fetchone()[0]:
                raise InputError(
                    f"{group.name!r} has sessions or members on record: archive it instead",
                    "group",
                )
            stamp = self.conn.stamp()
            series = [
                row[0] for row in db.execute("SELECT id FROM series WHERE group_id = ?", [group_id])
            ]
            for series_id in series:
                db.execute(
                    "UPDATE sessions SET deleted = 1, reason = '', public_notice = '', modified = ?"
                    " WHERE series_id = ?",
                    [stamp, series_id],
                )
            db.execute(
                "UPDATE series SET deleted = 1, modified = ? WHERE group_id = ?", [stamp, group_id]
            )
            cleared = ("name", "description", "room", "online_link", "facilitators")
            tombstone = dict.fromkeys((*cleared, "confidentiality", "ground_rules"), "")
            db["groups"].update(group_id, tombstone | {"deleted": 1, "modified": stamp})

    def _get(self, db, group_id: str) -> Group:
        rows = list(db.query("SELECT * FROM groups WHERE id = ? AND deleted = 0", [group_id]))
        if not rows:
            raise NotFoundError(f"no group with id {group_id}")
        return _group(rows[0])

    @staticmethod
    def _check_names_go_first(db, current: Group, group: Group) -> None:
        """A roster group becomes counts-only through Roster.switch_to_counts, which deletes
        its names; changing the field alone would keep every name under a "no names" notice."""
        if current.privacy is Privacy.COUNTS or group.privacy is not Privacy.COUNTS:
            return
        names = db.execute(
            "SELECT count(*) FROM members WHERE group_id = ? AND deleted = 0", [group.id]
        ).fetchone()[0]
        if names:
            raise InputError(
                f"the group still has {names} names: switching to counts only deletes them "
                "(the app asks first)",
                "privacy",
            )

    @staticmethod
    def _check_name_free(db, group: Group) -> None:
        clash = db.execute(
            "SELECT 1 FROM groups WHERE deleted = 0 AND name = ? COLLATE NOCASE AND id != ?",
            [group.name, group.id],
        ).fetchone()
        if clash:
            raise InputError(f"a group called {quoted(group.name)} already exists", "name")

    @staticmethod
    def _check_template(db, template_id: str | None) -> None:
        if template_id is None:
            return
        found = db.execute(
            "SELECT 1 FROM templates WHERE id = ? AND deleted = 0", [template_id]
        ).fetchone()
        if not found:
            raise InputError("that agenda template does not exist", "template")


def _template(row: dict) -> AgendaTemplate:
    segments = tuple(Segment(**item) for item in json.loads(row["segments"]))
    return AgendaTemplate(id=row["id"], name=row["name"], segments=segments)


class Templates:
    """Agenda templates: ordered, timed segments."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def save(self, template: AgendaTemplate) -> AgendaTemplate:
        """Create or replace a template (segments are checked by core.agenda.make_segment)."""
        name = clean_text(template.name, "template name", required=True)
        segments = tuple(make_segment(s.title, s.minutes, s.script) for s in template.segments)
        template = replace(template, id=template.id or new_id(), name=name, segments=segments)
        row = {
            "id": template.id,
            "name": name,
            "segments": json.dumps([asdict(segment) for segment in template.segments]),
            "modified": self.conn.stamp(),
        }
        with self.conn.write() as db:
            db["templates"].upsert(row, pk="id")
        return template

    def get(self, template_id: str) -> AgendaTemplate:
        """One template by id."""
        with self.conn.read() as db:
            rows = list(
                db.query("SELECT * FROM templates WHERE id = ? AND deleted = 0", [template_id])
            )
        if not rows:
            raise NotFoundError(f"no agenda template with id {template_id}")
        return _template(rows[0])

    def list(self) -> list[AgendaTemplate]:
        """Every template, by name."""
        with self.conn.read() as db:
            rows = db.query("SELECT * FROM templates WHERE deleted = 0 ORDER BY name")
            return [_template(row) for row in rows]


def _shipped() -> tuple[str, ...]:
    """The languages a group can print in: those with a catalogue (read when a group is saved,
    so gettext and the catalogues stay out of the app's start)."""
    from facilitator.exports.catalogues import shipped

    return shipped()
