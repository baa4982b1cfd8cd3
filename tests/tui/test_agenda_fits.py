"""Forms warn when an agenda does not fit its sessions: the group, series and template forms."""

from __future__ import annotations

from datetime import date, time

from textual.widgets import Select, Static

from facilitator.core.model import AgendaTemplate, Segment
from facilitator.core.schedule import parse_recurrence
from facilitator.tui.screens.groups import GroupsScreen
from facilitator.tui.screens.schedule import ScheduleScreen
from facilitator.tui.screens.templates import TemplatesScreen
from tests.tui.conftest import SIZE, make_app, settle, type_into

HALF_HOUR = AgendaTemplate("", "Half hour", (Segment("Welcome", 10), Segment("Talk", 20)))


def note(pilot, name: str) -> str:
    return str(pilot.app.screen.query_one(f"#note-{name}", Static).render())


def hour_long_group(store, template_id: str | None = None):
    """A group meeting weekly for 60 minutes."""
    group = store.groups.create(name="Circle", timezone="UTC", template_id=template_id)
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on sat"), date(2026, 11, 21), time(18, 30), 60
    )
    return group


async def test_the_group_form_warns_when_the_chosen_template_is_shorter_than_its_sessions(store):
    template = store.templates.save(HALF_HOUR)
    hour_long_group(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(GroupsScreen())
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert "longer than the session (60 min)" in note(pilot, "template_id")  # default: 90
        pilot.app.screen.query_one("#field-template_id", Select).value = template.id
        await settle(pilot)
        assert "The agenda (30 min) is shorter than the session (60 min)" in note(
            pilot, "template_id"
        )


async def test_the_group_form_still_saves_the_default_agenda_as_no_template(store):
    group = hour_long_group(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(GroupsScreen())
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert store.groups.get(group.id).template_id is None


async def test_the_series_form_warns_when_its_length_does_not_fit_the_agenda(store):
    group = hour_long_group(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(ScheduleScreen(group))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert note(pilot, "minutes") == ""  # 90 minutes, as the default agenda
        await type_into(pilot, "#field-minutes", "60")
        assert "The agenda (90 min) is longer than the session (60 min)" in note(pilot, "minutes")


async def test_the_templates_screen_warns_when_a_template_does_not_fit_its_groups(store):
    template = store.templates.save(HALF_HOUR)
    hour_long_group(store, template.id)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(TemplatesScreen())
        await settle(pilot)
        summary = str(pilot.app.screen.query_one("#summary", Static).render())
        assert "shorter than the session (60 min)" in summary
        await pilot.press("a")  # a segment of 30 minutes would make it fit
        await settle(pilot)
        await type_into(pilot, "#field-minutes", "30")
        assert note(pilot, "minutes") == ""
        await type_into(pilot, "#field-minutes", "20")
        assert "The agenda (50 min) is shorter" in note(pilot, "minutes")
