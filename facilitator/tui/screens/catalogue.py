"""Where the app's named screens are made (imported lazily: the first screen loads less)."""

from __future__ import annotations

from textual.screen import Screen

from facilitator.core.model import Group


def make(app, name: str, group: Group | None = None) -> Screen:
    """A new screen by name; group screens need the group."""
    match name:
        case "groups":
            from facilitator.tui.screens.groups import GroupsScreen

            return GroupsScreen()
        case "resources":
            from facilitator.tui.screens.resources import ResourcesScreen

            return ResourcesScreen()
        case "templates":
            from facilitator.tui.screens.templates import TemplatesScreen

            return TemplatesScreen()
        case "settings":
            from facilitator.tui.screens.settings import settings_dialog

            return settings_dialog(app)
        case "schedule":
            from facilitator.tui.screens.schedule import ScheduleScreen

            return ScheduleScreen(group)
        case "members":
            from facilitator.tui.screens.members import MembersScreen

            return MembersScreen(group)
        case "checkins":
            from facilitator.tui.screens.checkins import CheckinsScreen

            return CheckinsScreen(group)
        case "reports":
            from facilitator.tui.screens.reports import ReportsScreen

            return ReportsScreen(group)
    raise ValueError(f"no screen called {name!r}")
