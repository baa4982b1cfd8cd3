"""Help (F1): what the screen you came from is for and what its keys do, in words; then how
the app fits together."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.export import ExportDialog
from facilitator.tui.dialogs.form import FormDialog
from facilitator.tui.screens.checkins import CheckinsScreen
from facilitator.tui.screens.groups import GroupsScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.members import MembersScreen
from facilitator.tui.screens.recovery import RecoveryScreen
from facilitator.tui.screens.reports import ReportsScreen
from facilitator.tui.screens.resources import ResourcesScreen
from facilitator.tui.screens.run import CUE_MINUTES, RunSessionScreen
from facilitator.tui.screens.schedule import ScheduleScreen
from facilitator.tui.screens.templates import TemplatesScreen
from facilitator.tui.screens.volunteer import VolunteerScreen
from facilitator.tui.widgets.keybar import KeyBar

# Each screen's name and what it is for, in a facilitator's words.
SCREEN_GUIDES: dict[type, tuple[str, str]] = {
    HomeScreen: (
        "Home",
        "Today's sessions (under way, just ended, to come), then the next four weeks of every\n"
        "group, soonest first. Move with the arrow keys; Enter runs the highlighted session;\n"
        "t opens the one under way, else the next today, else says when the next is. s opens\n"
        "its group's\n"
        "schedule; x prints its agenda, sign-in sheet or a door sign. The panel on the right\n"
        "lists what needs seeing to: reviews due, leaflets running low, cancelled sessions\n"
        "that need a door sign. g, l, a and o open groups, the library, agendas, settings.",
    ),
    RunSessionScreen: (
        "Running a session",
        "Keys 1 to 4 show the tabs. Agenda: the run-sheet. Before the start it says when the\n"
        "session is; then large digits show the time left in the part of the agenda you are\n"
        "in, with now and next beside them and a bar for the whole session. The timer follows\n"
        "the real clock. For a group that begins late, s starts the agenda now (the parts\n"
        "after shift); + and - give the current part a minute more or less. An agenda longer\n"
        "or shorter than the session is scaled to fit it, and says so.\n"
        f"{CUE_MINUTES} minutes before the end the clock turns to the warning colour and says\n"
        "it is time for the closing round.\n"
        "Attendance: type part of a name to narrow the list; Enter marks the one match\n"
        "present, or adds a walk-in if nobody matches. In the list, space marks the\n"
        "highlighted person present (press again to undo) and f marks a first visit.\n"
        "ctrl+w adds a walk-in. Everything is saved as you mark it.\n"
        "Headcounts (groups that keep counts only): Tab moves between the counts; + and -\n"
        "change the one with the focus.\n"
        "Check-ins: anonymous slips; Enter adds one. They wait on this screen and are saved\n"
        "shuffled, with no names and no times, by Save slips now or when you close.\n"
        "Handouts: + and - give or take back one copy of the highlighted title.\n"
        "ctrl+s closes the session: it is marked held and the waiting slips are saved.",
    ),
    ScheduleScreen: (
        "A group's schedule",
        "Six months of the group's sessions either side of today, the next one highlighted.\n"
        "a adds a repeating series, n a one-off session. On the highlighted session: c cancels\n"
        "it (with a reason and a notice for the door sign), m moves it, d records that it did\n"
        "not take place, u restores it, h changes the schedule from it on. Enter runs it.",
    ),
    GroupsScreen: (
        "Groups",
        "Every group. n adds one, Enter edits the highlighted group's settings: its agenda,\n"
        "privacy, time zone, the languages it prints in (main one first), room, ground rules.\n"
        "s, m, c and p open its schedule, members, check-ins over time and reports. z archives\n"
        "a group that has ended (off Home and the lists, kept in reports; h shows archived\n"
        "groups, z brings one back); Delete removes a group with nothing on record. Turning a\n"
        "group counts-only asks first: its names go.",
    ),
    MembersScreen: (
        "Members",
        "A group's first names or aliases and when each came. n adds one, r renames the\n"
        "highlighted one, f forgets them (their attendance goes too), o offers those not seen\n"
        "for the retention period set in settings.",
    ),
    CheckinsScreen: (
        "Check-ins over time",
        "Each session's anonymous check-ins as totals: how many, the middle mood and the\n"
        "range. Move to a session to see its moods as bars and its words in random order.\n"
        "A session with fewer check-ins than the smallest count shown (k, in settings)\n"
        "shows none of them: so few could point to a person.",
    ),
    ReportsScreen: (
        "Reports",
        "Attendance per held session, sessions held and cancelled, first visits, handouts.\n"
        "Small counts are hidden, as they are on everything printed or exported.",
    ),
    ResourcesScreen: (
        "The library",
        "Help lines, leaflets, books and websites to hand on. / searches (Enter moves to the\n"
        "results); the filters narrow by kind, language and category, or to reviews overdue\n"
        "and leaflets running low. n adds an entry, Enter edits the highlighted one, delete\n"
        "removes it, x prints the handout sheet.",
    ),
    TemplatesScreen: (
        "Agenda templates",
        "The shapes a session can follow, and the minutes of each part. n makes a template,\n"
        "a adds a part, Enter edits the highlighted part and its read-aloud text, delete\n"
        "removes it, ctrl+up and ctrl+down move it. In the text, {part_of_day} says this\n"
        "morning, afternoon or evening from the session's hours, {next_when} when the next\n"
        "session is by its real date, {help_lines} that they are below only when printed.",
    ),
    VolunteerScreen: (
        "Today's sessions",
        "Choose a session with the arrow keys and press Enter to take attendance at the door.\n"
        "ctrl+o leaves door mode for the whole app, and ctrl+q quits: both ask for the lock\n"
        "PIN the facilitator set in Settings. ctrl+l locks the screen.",
    ),
    RecoveryScreen: (
        "Restoring a backup",
        "The database could not be read. Enter restores the highlighted backup; ctrl+q quits\n"
        "and changes nothing.",
    ),
    FormDialog: (
        "A form",
        "Tab and shift+tab move between the fields; each field says what it understood as\n"
        "you type. ctrl+s saves; if something is wrong, nothing is saved, the form says why\n"
        "at the top and moves to that field. Escape closes the form without saving.",
    ),
    ExportDialog: (
        "Print or export",
        "Choose the document, its format and paper, and the folder. ctrl+s makes the file;\n"
        "the dialog says where it went. Escape closes it.",
    ),
    ConfirmDialog: ("A question", "y says yes; Escape says no and leaves things as they are."),
}

GUIDE = """How it fits together
  Home lists the next sessions of every group. Enter runs the highlighted session,
  t starts today's, s opens its group's schedule, x prints an agenda or door sign.
  Groups (g) holds each group's settings, schedule, members, check-ins and reports.
  The library (l) holds help lines, leaflets and websites; agendas (a) the templates.
  Run session: tabs for the agenda run-sheet, attendance, check-ins and handouts;
  ctrl+s closes the session and saves everything.

Everywhere
  Escape goes back · F1 or ? shows this help · ctrl+p lists every action · ctrl+q quits
  Tab moves between fields · forms save with ctrl+s
  ctrl+l locks the app: only its name and the time show until the lock PIN (or an
  encrypted file's passphrase) is typed. It also locks by itself after 10 minutes with
  no key or mouse (change it or turn it off in Settings).
  The screens under the lock stay as they were: slips not yet saved, the session's timer.

Dates can be typed as 2026-12-08, tue, next tuesday, in 2 weeks, 2nd tue, with a
time such as 18:30 or 6pm. The form shows what it understood before you save.

Privacy
  Aliases or first names only. Check-ins are anonymous, saved shuffled, and shown only
  as totals when there are at least k of them (5 unless changed in settings).
"""


def paragraphs(text: str) -> list[str]:
    """The guide's lines joined into paragraphs, which the terminal then wraps to its width
    (lines broken by hand broke again mid-line at 80 columns). A paragraph starts where a
    line names a part: 'Attendance: ...'."""
    parts = re.split(r"\n(?=[A-Z][\w ()-]{0,30}: )", text.strip())
    return [" ".join(line.strip() for line in part.splitlines()) for part in parts]


def screen_guide(kind: type[Screen]) -> tuple[str, str] | None:
    """A kind of screen's name and what it is for (a subclass finds its parent's guide)."""
    return next((SCREEN_GUIDES[c] for c in kind.__mro__ if c in SCREEN_GUIDES), None)


class HelpScreen(Screen[None]):
    """What the screen below is for, its keys, and a short guide."""

    BINDINGS = [Binding("escape,f1,question_mark", "app.pop_screen", "Close", id="close-help")]

    def __init__(self, below: Screen | None = None) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(self._this_screen(), markup=False, id="keys")
            yield Static(GUIDE, markup=False)
        yield KeyBar()

    def _this_screen(self) -> str:
        if self.below is None:
            return ""
        from facilitator.tui.commands import key_names, screen_bindings

        name, about = screen_guide(type(self.below)) or ("This screen", "")
        lines = [name, *(f"  {part}" for part in paragraphs(about)), "", "Its keys"]
        for binding in screen_bindings(self.below, hidden=True):
            lines.append(f"  {key_names(self.app, binding):<12} {binding.description}")
        return "\n".join(lines) + "\n"
