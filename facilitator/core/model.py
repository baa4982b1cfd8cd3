"""The domain's records: frozen dataclasses that every layer passes around."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Privacy(StrEnum):
    """How a group records who came."""

    ROSTER = "roster"  # aliases or first names, one row per person
    COUNTS = "counts"  # headcounts by category only, no names at all


class SessionStatus(StrEnum):
    """What happened to one occurrence of a series."""

    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"
    DID_NOT_OCCUR = "did_not_occur"


class Presence(StrEnum):
    """One member's attendance at one session; absences are stored, not implied."""

    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


class ResourceKind(StrEnum):
    """What a library entry is."""

    HOTLINE = "hotline"
    ORGANISATION = "organisation"
    WEBSITE = "website"
    LEAFLET = "leaflet"
    BOOK = "book"
    APP = "app"


class Scope(StrEnum):
    """How far a schedule edit reaches."""

    ONE = "one"
    FOLLOWING = "following"
    ALL = "all"


DEFAULT_HEADCOUNT_CATEGORIES = ("first time", "returning", "online")


@dataclass(frozen=True)
class Group:
    """A support group and its standing settings."""

    id: str
    name: str
    timezone: str
    privacy: Privacy = Privacy.ROSTER
    description: str = ""
    languages: tuple[str, ...] = ("en",)  # BCP 47 tags of what it prints in, main one first
    room: str = ""
    online_link: str = ""
    facilitators: str = ""
    confidentiality: str = ""
    ground_rules: str = ""
    template_id: str | None = None
    headcount_categories: tuple[str, ...] = DEFAULT_HEADCOUNT_CATEGORIES
    archived: bool = False  # ended: off Home and the lists, still in reports
    modified: datetime | None = field(default=None, compare=False)  # when last saved

    @property
    def language(self) -> str:
        """The main language."""
        return self.languages[0] if self.languages else "en"


@dataclass(frozen=True)
class Series:
    """A recurring (or one-off) schedule: wall-clock DTSTART, IANA zone and RRULE."""

    id: str
    group_id: str
    dtstart: datetime  # naive wall time in `timezone`
    timezone: str
    rrule: str | None  # None for a one-off session
    duration_minutes: int
    room: str | None = None  # None: the group's default room
    cancelled_reason: str | None = None  # set when every occurrence is cancelled
    public_notice: str = ""
    modified: datetime | None = field(default=None, compare=False)  # when last saved


@dataclass(frozen=True)
class Override:
    """What was recorded for one occurrence: keyed by series and original start."""

    series_id: str
    original_start: datetime
    status: SessionStatus = SessionStatus.SCHEDULED
    start: datetime | None = None  # a moved session's new wall time
    end: datetime | None = None
    room: str | None = None
    reason: str = ""
    public_notice: str = ""
    id: str | None = None
    modified: datetime | None = field(default=None, compare=False)  # when last saved


@dataclass(frozen=True)
class Occurrence:
    """One session as people see it: where and when, and what happened."""

    series_id: str
    original_start: datetime  # naive wall time: the key of this occurrence in its series
    start: datetime  # aware, in the group's zone
    end: datetime
    status: SessionStatus
    room: str
    reason: str = ""
    public_notice: str = ""
    warning: str = ""  # e.g. a DST gap that moved the start
    session_id: str | None = None  # set once something is attached to the occurrence
    room_moved: bool = False  # this one session meets in another room than its series

    @property
    def moved(self) -> bool:
        """Whether this session no longer starts at its series time."""
        return self.start.replace(tzinfo=None) != self.original_start

    @property
    def needs_door_sign(self) -> bool:
        """Cancelled, or meeting at another time or in another room: say so at the door."""
        return self.status is SessionStatus.CANCELLED or self.moved or self.room_moved


@dataclass(frozen=True)
class Listing:
    """A session in a list: its group, the occurrence, and how many came (None if not held)."""

    group: Group
    occurrence: Occurrence
    present: int | None = None


@dataclass(frozen=True)
class Member:
    """A person in a roster group, known only by an alias."""

    id: str
    group_id: str
    alias: str
    first_seen: date | None = None


@dataclass(frozen=True)
class Attendance:
    """One member's presence at one session."""

    session_id: str
    member_id: str
    presence: Presence
    first_time: bool = False


@dataclass(frozen=True)
class CheckIn:
    """An anonymous check-in slip: nothing ties it to a person or a moment."""

    mood: int | None = None  # 0-10
    words: str = ""
    topic_request: str = ""


@dataclass(frozen=True)
class Resource:
    """An entry in the handout and help-line library."""

    id: str
    title: str
    kind: ResourceKind
    phone: str = ""
    url: str = ""
    language: str = "en"
    categories: tuple[str, ...] = ()
    description: str = ""
    review_due: date | None = None
    stock: int = 0


@dataclass(frozen=True)
class Segment:
    """One timed part of an agenda, with text read aloud."""

    title: str
    minutes: int
    script: str = ""


@dataclass(frozen=True)
class AgendaTemplate:
    """An ordered list of segments a session follows."""

    id: str
    name: str
    segments: tuple[Segment, ...] = field(default_factory=tuple)

    @property
    def total_minutes(self) -> int:
        """The length of the whole agenda."""
        return sum(segment.minutes for segment in self.segments)
