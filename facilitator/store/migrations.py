"""Forward-only schema versions, each applied with its version number in one transaction."""

from __future__ import annotations

from facilitator.store.connection import Connection, StoreError

_EDITED = "modified TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0"

V1 = f"""
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE templates (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, segments TEXT NOT NULL DEFAULT '[]', {_EDITED});
CREATE TABLE groups (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en', timezone TEXT NOT NULL,
    privacy TEXT NOT NULL CHECK (privacy IN ('roster', 'counts')),
    room TEXT NOT NULL DEFAULT '', online_link TEXT NOT NULL DEFAULT '',
    facilitators TEXT NOT NULL DEFAULT '', confidentiality TEXT NOT NULL DEFAULT '',
    ground_rules TEXT NOT NULL DEFAULT '', template_id TEXT REFERENCES templates(id),
    headcount_categories TEXT NOT NULL DEFAULT '[]', {_EDITED});
CREATE UNIQUE INDEX groups_by_name ON groups(name COLLATE NOCASE) WHERE deleted = 0;
CREATE TABLE series (
    id TEXT PRIMARY KEY, group_id TEXT NOT NULL REFERENCES groups(id),
    dtstart TEXT NOT NULL, timezone TEXT NOT NULL, rrule TEXT,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    room TEXT, cancelled_reason TEXT, public_notice TEXT NOT NULL DEFAULT '', {_EDITED});
CREATE INDEX series_by_group ON series(group_id);
CREATE TABLE sessions (
    id TEXT PRIMARY KEY, series_id TEXT NOT NULL REFERENCES series(id),
    original_start TEXT NOT NULL, start TEXT, "end" TEXT,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled', 'did_not_occur')),
    room TEXT, reason TEXT NOT NULL DEFAULT '', public_notice TEXT NOT NULL DEFAULT '',
    {_EDITED}, UNIQUE (series_id, original_start));
CREATE INDEX sessions_by_moved_start ON sessions(series_id, start);
CREATE TABLE members (
    id TEXT PRIMARY KEY, group_id TEXT NOT NULL REFERENCES groups(id),
    alias TEXT NOT NULL, first_seen TEXT, {_EDITED});
CREATE UNIQUE INDEX members_by_alias ON members(group_id, alias COLLATE NOCASE)
    WHERE deleted = 0;
CREATE TABLE attendance (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    presence TEXT NOT NULL CHECK (presence IN ('present', 'absent', 'excused')),
    first_time INTEGER NOT NULL DEFAULT 0, {_EDITED}, UNIQUE (session_id, member_id));
CREATE INDEX attendance_by_member ON attendance(member_id);
CREATE INDEX attendance_by_session ON attendance(session_id, presence);
CREATE TABLE headcounts (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    category TEXT NOT NULL, count INTEGER NOT NULL CHECK (count >= 0),
    {_EDITED}, UNIQUE (session_id, category));
-- Check-ins: no member, no attendance row, no time finer than the session, no modified
-- stamp. WITHOUT ROWID stores them in random-key order, never in the order they were typed.
CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    mood INTEGER CHECK (mood BETWEEN 0 AND 10), words TEXT NOT NULL DEFAULT '',
    topic_request TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX checkins_by_session ON checkins(session_id);
CREATE TABLE resources (
    id TEXT PRIMARY KEY, title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('hotline', 'organisation', 'website', 'leaflet',
                                       'book', 'app')),
    phone TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en', categories TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '', review_due TEXT,
    stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0), {_EDITED});
CREATE TABLE handouts (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    resource_id TEXT NOT NULL REFERENCES resources(id),
    count INTEGER NOT NULL CHECK (count >= 0), {_EDITED}, UNIQUE (session_id, resource_id));
CREATE INDEX handouts_by_resource ON handouts(resource_id);
"""

# An ended group is archived: gone from Home and the lists, kept in reports, can come back.
V2 = "ALTER TABLE groups ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;"

# A cancelled (or did-not-occur) session remembers how it was, so Restore gives back exactly
# that: a held session comes back held, a moved one with its notice.
V3 = """
ALTER TABLE sessions ADD COLUMN status_before TEXT
    CHECK (status_before IN ('scheduled', 'held', 'cancelled', 'did_not_occur'));
ALTER TABLE sessions ADD COLUMN reason_before TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN notice_before TEXT NOT NULL DEFAULT '';
"""

# A group prints in its languages, main one first (a JSON array of BCP 47 tags); the one
# language it had becomes the first, a bare "zh" the Simplified Chinese we ship.
V4 = """
ALTER TABLE groups ADD COLUMN languages TEXT NOT NULL DEFAULT '["en"]';
UPDATE groups SET languages = json_array(CASE language WHEN 'zh' THEN 'zh-Hans' ELSE language END);
UPDATE groups SET language = json_extract(languages, '$[0]');
"""

# Index i holds the statements that take a database from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (V1, V2, V3, V4)
LATEST = len(MIGRATIONS)


def schema_version(conn: Connection) -> int:
    """The database's PRAGMA user_version."""
    with conn.read() as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: Connection) -> None:
    """Bring the database up to LATEST, refusing one written by a newer facilitator."""
    version = schema_version(conn)
    if version > LATEST:
        raise StoreError(
            f"{conn.path} was written by a newer version of facilitator "
            f"(schema {version}, this one knows {LATEST}); update facilitator to open it"
        )
    for target in range(version + 1, LATEST + 1):
        with conn.write() as db:
            for statement in _statements(MIGRATIONS[target - 1]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {target}")


def _statements(script: str) -> list[str]:
    """Split a migration script on semicolons (no statement here contains one)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
