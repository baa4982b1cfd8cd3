"""The facts printed documents need, gathered in one read and returned as core records."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from facilitator.core.agenda import (
    DEFAULT_SEGMENTS,
    fit_note,
    help_lines_note,
    next_when,
    part_of_day,
    timed_segments,
)
from facilitator.core.clock import long_date
from facilitator.core.documents import (
    AgendaFacts,
    AttendanceCounts,
    AttendanceName,
    Document,
    DoorSign,
    agenda_document,
    door_sign_document,
)
from facilitator.core.errors import InputError, NotFoundError
from facilitator.core.model import (
    AgendaTemplate,
    Group,
    Occurrence,
    Override,
    Privacy,
    Resource,
    ResourceKind,
    Series,
)
from facilitator.core.model import SessionStatus as Status
from facilitator.core.wording import ENGLISH, Wording
from facilitator.store.connection import Connection
from facilitator.store.groups import Groups, Templates
from facilitator.store.resources import Resources
from facilitator.store.schedule import Schedule, wall

HELP_LINES_SHOWN = 5
REGULARS_FROM_LAST = 3  # a regular came to at least one of the group's last three sessions


class Documents:
    """Read what agendas, door signs, calendars and attendance exports print."""

    def __init__(
        self,
        conn: Connection,
        groups: Groups,
        templates: Templates,
        schedule: Schedule,
        resources: Resources,
    ) -> None:
        self.conn = conn
        self.groups = groups
        self.templates = templates
        self.schedule = schedule
        self.resources = resources

    def session_on(self, group: Group, day: date) -> Occurrence:
        """The group's session on a day, or the one that was to be on that day and has moved
        (the door sign goes up on the old date); or an error that says so."""
        found = self.schedule.sessions_on(group, day) or self.schedule.moved_from(group, day)
        if not found:
            raise NotFoundError(f"{group.name} has no session on {long_date(day)}")
        return found[0]

    def next_session(self, group: Group, after: datetime) -> Occurrence | None:
        """The group's next session that is not cancelled, starting after a moment."""
        for days in (62, 400):
            listed = self.schedule.listings(after, after + timedelta(days=days), group.id)
            for item in listed:
                if item.occurrence.status is not Status.CANCELLED and item.occurrence.start > after:
                    return item.occurrence
        return None

    def describe(self, occurrence: Occurrence | None) -> str:
        """'Thursday 10 December 2026, 10:30, Quiet Room'."""
        if occurrence is None:
            return ""
        when = f"{long_date(occurrence.start.date())}, {occurrence.start:%H:%M}"
        return f"{when}, {occurrence.room}" if occurrence.room else when

    def agenda_facts(
        self, group: Group, occurrence: Occurrence, words: Wording = ENGLISH
    ) -> AgendaFacts:
        """Everything one session's agenda prints; placeholders said in the main language."""
        with self.conn.read():
            following = self.next_session(group, occurrence.start)
            template = self._template(group)
            given = self.resources.handouts(occurrence.series_id, occurrence.original_start)
            titles = self.resources.titles(given)
            hotlines = self.resources.list(kinds=(ResourceKind.HOTLINE.value,))
        help_lines = self._help_lines(group, hotlines)
        described = self.describe(following)
        values = {
            "group": group.name,
            "date": long_date(occurrence.start.date()),
            "start": f"{occurrence.start:%H:%M}",
            "end": f"{occurrence.end:%H:%M}",
            "room": occurrence.room or words.main_text("the usual room"),
            "next_session": described or words.main_text("to be announced"),
            "facilitators": group.facilitators or words.main_text("your facilitators"),
            "part_of_day": part_of_day(occurrence.start, occurrence.end, words),
            "next_when": next_when(occurrence.start, following.start if following else None, words),
            "help_lines": help_lines_note(bool(help_lines), words),
        }
        minutes = round((occurrence.end - occurrence.start).total_seconds() / 60)
        segments = timed_segments(template, occurrence.start, values, minutes)
        handouts = tuple((titles[rid], n) for rid, n in given.items() if rid in titles)
        return AgendaFacts(
            group=group.name,
            start=occurrence.start,
            end=occurrence.end,
            timezone=group.timezone,
            room=occurrence.room,
            online_link=group.online_link,
            facilitators=group.facilitators,
            segments=tuple(segments),
            ground_rules=group.ground_rules,
            confidentiality=group.confidentiality,
            handouts=tuple(sorted(handouts)),
            help_lines=help_lines,
            next_session=described,
            language=group.language,
            cancelled=occurrence.status is Status.CANCELLED,
            moved_from=occurrence.original_start if occurrence.moved else None,
            public_notice=occurrence.public_notice,
            fitted=fit_note(template.total_minutes, minutes),
            planned_minutes=template.total_minutes,
        )

    def agenda(self, group: Group, occurrence: Occurrence, words: Wording = ENGLISH) -> Document:
        """One session's printable agenda, in the wording's languages."""
        return agenda_document(self.agenda_facts(group, occurrence, words), words)

    def door_sign(
        self, group: Group, occurrence: Occurrence, contact: str = "", words: Wording = ENGLISH
    ) -> Document:
        """A sign for the door when a session is cancelled or has moved."""
        usual_room = self.schedule.get_series(occurrence.series_id).room or group.room
        when = f"{long_date(occurrence.start.date())}, {occurrence.start:%H:%M}"
        was = f"{long_date(occurrence.original_start.date())}, {occurrence.original_start:%H:%M}"
        cancelled = occurrence.status is Status.CANCELLED
        if not cancelled and not (occurrence.moved or occurrence.room != usual_room):
            raise InputError(
                f"the session on {when} is neither cancelled nor moved: no door sign is needed",
                "door sign",
            )
        sign = DoorSign(
            group=group.name,
            cancelled=cancelled,
            was=was if cancelled else f"{was}, {usual_room}".rstrip(", "),
            now=f"{when}, {occurrence.room}".rstrip(", "),
            public_notice=occurrence.public_notice,
            next_session=self.describe(self.next_session(group, occurrence.start)),
            facilitators=group.facilitators,
            contact=contact,
        )
        return door_sign_document(sign, words)

    def regulars(self, group: Group, occurrence: Occurrence) -> list[str]:
        """The aliases of a roster group's regulars: members present at one or more of the
        group's last few held sessions before this one. Counts-only groups have no names."""
        if group.privacy is not Privacy.ROSTER:
            return []
        before = wall(occurrence.original_start.replace(tzinfo=None))
        with self.conn.read() as db:
            rows = db.query(
                """WITH recent AS (
                       SELECT s.id FROM sessions s JOIN series r ON r.id = s.series_id
                        WHERE r.group_id = ? AND s.status = 'held' AND s.deleted = 0
                          AND s.original_start < ?
                        ORDER BY s.original_start DESC LIMIT ?)
                   SELECT DISTINCT m.alias FROM attendance a
                     JOIN members m ON m.id = a.member_id
                    WHERE a.session_id IN (SELECT id FROM recent) AND a.presence = 'present'
                      AND a.deleted = 0 AND m.deleted = 0""",
                [group.id, before, REGULARS_FROM_LAST],
            )
            return [row["alias"] for row in rows]

    def calendar_entries(
        self, group_id: str | None = None
    ) -> list[tuple[Group, Series, list[Override]]]:
        """Every series with its recorded sessions, for an iCalendar file."""
        with self.conn.read():
            groups = {g.id: g for g in self.groups.list()}
            return [
                (groups[series.group_id], series, self.schedule.recorded(series.id))
                for series in self.schedule.series(group_id)
                if series.group_id in groups
            ]

    def attendance_counts(self, group: Group, until: datetime) -> list[AttendanceCounts]:
        """Every session of a group up to a moment, with counts only."""
        with self.conn.read() as db:
            first = min((s.dtstart for s in self.schedule.series(group.id)), default=None)
            if first is None:
                return []
            begin = first.replace(tzinfo=ZoneInfo(group.timezone)) - timedelta(days=1)
            listed = self.schedule.listings(begin, until, group.id)
            heads, firsts = self._group_counts(db, group.id)
            rows = []
            for item in listed:
                occ = item.occurrence
                session_heads = heads.get(occ.session_id, {})
                first_time = firsts.get(occ.session_id, 0)
                if group.privacy is Privacy.COUNTS:
                    first_time = session_heads.get("first time", 0)
                held = occ.status is Status.HELD
                counts = AttendanceCounts(
                    group, occ, item.present, first_time if held else None, session_heads
                )
                rows.append(counts)
        return rows

    @staticmethod
    def _group_counts(db, group_id: str) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
        """Headcounts and first-timers of every session of a group, in two queries."""
        heads: dict[str, dict[str, int]] = {}
        rows = db.execute(
            """SELECT h.session_id, h.category, h.count FROM headcounts h
                 JOIN sessions s ON s.id = h.session_id JOIN series r ON r.id = s.series_id
                WHERE r.group_id = ? AND h.deleted = 0""",
            [group_id],
        ).fetchall()
        for session_id, category, count in rows:
            heads.setdefault(session_id, {})[category] = count
        firsts = dict(
            db.execute(
                """SELECT a.session_id, count(*) FROM attendance a
                     JOIN sessions s ON s.id = a.session_id JOIN series r ON r.id = s.series_id
                    WHERE r.group_id = ? AND a.deleted = 0 AND a.presence = 'present'
                      AND a.first_time = 1
                    GROUP BY a.session_id""",
                [group_id],
            ).fetchall()
        )
        return heads, firsts

    def attendance_named(self, group: Group, until: datetime) -> list[AttendanceName]:
        """Per-person rows for a roster group: only ever on explicit request."""
        if group.privacy is not Privacy.ROSTER:
            raise InputError(
                f"{group.name} keeps counts only: there are no names to export", "named"
            )
        sessions = {
            (c.occurrence.series_id, wall(c.occurrence.original_start)): c.occurrence
            for c in self.attendance_counts(group, until)
        }
        with self.conn.read() as db:
            rows = db.query(
                """SELECT s.series_id, s.original_start, m.alias, a.presence, a.first_time
                     FROM attendance a JOIN sessions s ON s.id = a.session_id
                     JOIN members m ON m.id = a.member_id
                    WHERE m.group_id = ? AND a.deleted = 0 AND m.deleted = 0
                    ORDER BY s.original_start, m.alias COLLATE NOCASE""",
                [group.id],
            )
            return [
                AttendanceName(
                    group, sessions[key], r["alias"], r["presence"], bool(r["first_time"])
                )
                for r in rows
                if (key := (r["series_id"], r["original_start"])) in sessions
            ]

    def _template(self, group: Group) -> AgendaTemplate:
        if group.template_id:
            return self.templates.get(group.template_id)
        return AgendaTemplate("", "Default", DEFAULT_SEGMENTS)

    @staticmethod
    def _help_lines(group: Group, hotlines: list[Resource]) -> tuple[Resource, ...]:
        """Help lines in the group's languages (compared by their first part: a "zh" line
        serves a "zh-Hans" group), then English; the main language's first, and each of the
        group's languages keeps at least one line when it has one."""
        wanted = [language.split("-")[0].casefold() for language in (*group.languages, "en")]

        def rank(resource: Resource) -> int:
            return wanted.index(resource.language.split("-")[0].casefold())

        lines = [r for r in hotlines if r.language.split("-")[0].casefold() in wanted]
        lines.sort(key=lambda r: (rank(r), r.title.casefold()))
        firsts = list({rank(r): r for r in reversed(lines)}.values())  # each language's first
        chosen = firsts[:HELP_LINES_SHOWN]
        chosen += [r for r in lines if r not in chosen][: HELP_LINES_SHOWN - len(chosen)]
        return tuple(sorted(chosen, key=lambda r: (rank(r), r.title.casefold())))
