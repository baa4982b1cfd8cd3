"""Groups and their agenda templates."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

from facilitator.core.errors import InputError, NotFoundError
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
        language=row["language"],
        room=row["room"],
        online_link=row["online_link"],
        facilitators=row["facilitators"],
        confidentiality=row["confidentiality"],
        ground_rules=row["ground_rules"],
        template_id=row["template_id"],
        headcount_categories=tuple(json.loads(row["headcount_categories"])),
    )


def _group_row(group: Group, stamp: str) -> dict:
    row = asdict(group)
    row["privacy"] = group.privacy.value
    row["headcount_categories"] = json.dumps(list(group.headcount_categories))
    return row | {"modified": stamp}


class Groups:
    """Create, read, update and retire groups."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def create(self, **fields) -> Group:
        """Add a group; its name must be new."""
        group = make_group(id=new_id(), **fields)
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
            group = make_group(**fields)
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
        groups = self.list()
        wanted = name.casefold()
        exact = [g for g in groups if g.name.casefold() == wanted]
        found = exact or [g for g in groups if wanted and g.name.casefold().startswith(wanted)]
        if len(found) > 1:
            names = ", ".join(g.name for g in found)
            raise NotFoundError(f"{name!r} could be any of: {names}; give more of the name")
        if not found:
            raise NotFoundError(f"no group called {name!r} (see: facilitator groups list)")
        return found[0]

    def list(self) -> list[Group]:
        """Every current group, by name."""
        with self.conn.read() as db:
            rows = db.query("SELECT * FROM groups WHERE deleted = 0 ORDER BY name COLLATE NOCASE")
            return [_group(row) for row in rows]

    def _get(self, db, group_id: str) -> Group:
        rows = list(db.query("SELECT * FROM groups WHERE id = ? AND deleted = 0", [group_id]))
        if not rows:
            raise NotFoundError(f"no group with id {group_id}")
        return _group(rows[0])

    @staticmethod
    def _check_name_free(db, group: Group) -> None:
        clash = db.execute(
            "SELECT 1 FROM groups WHERE deleted = 0 AND name = ? COLLATE NOCASE AND id != ?",
            [group.name, group.id],
        ).fetchone()
        if clash:
            raise InputError(f"a group called {group.name!r} already exists", "name")

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
        template = replace(template, id=template.id or new_id(), name=name)
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
