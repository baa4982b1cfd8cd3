"""Volunteer mode: today's sessions and their attendance or counters, nothing else."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.sessions import SessionTable


class VolunteerScreen(AppScreen):
    """Today's sessions; Enter opens one for attendance at the door."""

    ROW_ACTION = "attendance"
    BINDINGS = [
        Binding("enter", "attendance", "Attendance", priority=True, id="attendance"),
        Binding("ctrl+o", "app.leave_door_mode", "Leave door mode (PIN)", id="leave-door-mode"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Today's sessions: choose one and press Enter"), id="summary")
        yield SessionTable(id="sessions")
        yield KeyBar()

    def on_mount(self) -> None:
        self._name_what_leaves()
        now = self.app.now()
        # Today in each group's zone is close enough to a day either side of now.
        start = datetime.combine(now.date(), time(0), now.tzinfo) - timedelta(hours=14)
        end = start + timedelta(hours=52)

        def today(store):
            listed = store.schedule.listings(start, end)
            return [
                i
                for i in listed
                if i.occurrence.start.date() == now.astimezone(i.occurrence.start.tzinfo).date()
            ]

        is_set = self.app.unlocking().is_set
        self.call_store("today", lambda store: (today(store), is_set()))

    def _name_what_leaves(self) -> None:
        """The key bar names what leaves door mode: the lock PIN, or an encrypted file's
        passphrase (which then stands in for the PIN)."""
        what = "passphrase" if self.app.unlocking().what == "passphrase" else "PIN"
        bindings = self._bindings.key_to_bindings
        bindings["ctrl+o"] = [
            dataclasses.replace(binding, description=f"Leave door mode ({what})")
            for binding in bindings["ctrl+o"]
        ]
        self.refresh_bindings()

    def loaded_today(self, value) -> None:
        listings, pin_set = value
        self.query_one(SessionTable).show(listings)
        lines = [
            "Today's sessions: choose one and press Enter" if listings else "No sessions today."
        ]
        if not pin_set:
            lines.append("No lock PIN is set: anyone can leave door mode (set one in Settings).")
        self.query_one("#summary", Static).update(Text("\n".join(lines)))

    def action_attendance(self) -> None:
        """Take attendance for the highlighted session."""
        chosen = self.query_one(SessionTable).chosen()
        if chosen:
            from facilitator.tui.screens.run import RunSessionScreen

            RunSessionScreen.open(self.app, chosen.group, chosen.occurrence, volunteer=True)
