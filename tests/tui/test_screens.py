"""Members, check-ins, resources, reports, templates, settings, help and the palette."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from facilitator.tui.dialogs.form import FormDialog
from facilitator.tui.screens import catalogue
from facilitator.tui.screens.base import MOST_ROWS
from facilitator.tui.screens.checkins import TOO_FEW
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.screens.members import MembersScreen
from facilitator.tui.screens.resources import ResourcesScreen
from facilitator.tui.screens.templates import TemplatesScreen
from tests.tui.conftest import SIZE, make_app, settle, type_into


async def open_screen(pilot, name: str, store=None, group: str | None = None):
    await settle(pilot)
    chosen = store.groups.by_name(group) if group else None
    pilot.app.push_screen(catalogue.make(pilot.app, name, chosen))
    await settle(pilot)
    return pilot.app.screen


def text(widget) -> str:
    return str(widget.render())


async def test_members_show_history_and_can_be_renamed(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, "members", demo_store, "Caring Together")
        assert isinstance(screen, MembersScreen)
        table = screen.query_one(DataTable)
        first = [cell.plain for cell in table.get_row_at(0)]
        assert first[0] == "Maggie" and first[3].endswith("%")
        await pilot.press("r")
        await settle(pilot)
        await type_into(pilot, "#field-alias", "Mags")
        await pilot.press("ctrl+s")
        await settle(pilot)
    group = demo_store.groups.by_name("Caring Together")
    assert "Mags" in [m.alias for m in demo_store.people.members(group.id)]


async def test_forgetting_a_member_asks_first_then_deletes_everything(demo_store):
    group = demo_store.groups.by_name("Caring Together")
    before = len(demo_store.people.members(group.id))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_screen(pilot, "members", demo_store, "Caring Together")
        await pilot.press("f")
        await settle(pilot)
        assert "cannot be undone" in text(pilot.app.screen.query_one("#confirm-detail"))
        await pilot.press("escape")
        await settle(pilot)
        assert len(demo_store.people.members(group.id)) == before
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    aliases = [m.alias for m in demo_store.people.members(group.id)]
    assert len(aliases) == before - 1 and "Maggie" not in aliases
    count = demo_store.conn.db.execute(
        "SELECT count(*) FROM attendance a JOIN members m ON m.id = a.member_id WHERE m.alias = ''"
    ).fetchone()[0]
    assert count == 0


async def test_checkins_show_only_aggregates_and_too_few_to_show(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, "checkins", demo_store, "Caring Together")
        table = screen.query_one(DataTable)
        cells = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
        assert any(TOO_FEW in c for c in cells)
        assert any("median" in c for c in cells)
        assert "All sessions:" in text(screen.query_one("#overall"))


async def test_resources_filter_as_you_type(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, "resources", demo_store)
        assert isinstance(screen, ResourcesScreen)
        total = screen.query_one(DataTable).row_count
        await type_into(pilot, "#search", "carer")
        assert 0 < screen.query_one(DataTable).row_count < total
        screen.query_one("#language").value = "zh"
        await settle(pilot)
        assert {r.language for r in screen.shown} == {"zh"}
        screen.query_one("#overdue").value = True
        await settle(pilot)
        assert screen.shown == []


async def test_a_long_library_lists_the_first_rows_and_says_how_many_match(store):
    for n in range(MOST_ROWS + 30):
        store.resources.add(title=f"Leaflet {n:03}", kind="leaflet", stock=10)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, "resources", store)
        assert screen.query_one(DataTable).row_count == MOST_ROWS
        assert f"{MOST_ROWS + 30} of {MOST_ROWS + 30}" in text(screen.query_one("#summary"))
        assert "type to narrow" in text(screen.query_one("#summary"))
        await type_into(pilot, "#search", "Leaflet 12")
        assert screen.query_one(DataTable).row_count == 10


async def test_a_resource_with_a_bad_link_is_refused_at_the_field(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await open_screen(pilot, "resources", store)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "#field-title", "Helpline")
        await type_into(pilot, "#field-url", "not a link")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "not a web address" in text(pilot.app.screen.query_one("#note-url"))
        await type_into(pilot, "#field-url", "https://help.example.org")
        await type_into(pilot, "#field-stock", "-3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "must not be negative" in text(pilot.app.screen.query_one("#note-stock"))
        await type_into(pilot, "#field-stock", "12")
        await type_into(pilot, "#field-review_due", "2027-02-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "no day 30" in text(pilot.app.screen.query_one("#note-review_due"))
        await type_into(pilot, "#field-review_due", "2027-02-28")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ResourcesScreen)
    [resource] = store.resources.list()
    assert (resource.url, resource.stock, str(resource.review_due)) == (
        "https://help.example.org",
        12,
        "2027-02-28",
    )


async def test_a_resource_can_be_deleted(demo_store):
    before = len(demo_store.resources.list())
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_screen(pilot, "resources", demo_store)
        pilot.app.screen.query_one(DataTable).focus()
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert len(demo_store.resources.list()) == before - 1


async def test_reports_show_held_and_cancelled_and_hide_small_counts(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, "reports", demo_store, "Caring Together")
        from facilitator.core.model import SessionStatus
        from tests.conftest import FROZEN_NOW

        group = demo_store.groups.by_name("Caring Together")
        rows = demo_store.documents.attendance_counts(group, FROZEN_NOW)
        held = sum(r.occurrence.status is SessionStatus.HELD for r in rows)
        totals = text(screen.query_one("#totals"))
        assert f"held {held} · cancelled 1" in totals
        bars = text(screen.query_one("#bars"))
        assert "1 to 4" in bars and "Counts from 1 to 4 are hidden" in bars
        assert "Looking After Yourself as a Carer" in text(screen.query_one("#handouts"))


async def test_templates_show_the_total_and_take_new_segments(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, "templates", demo_store)
        assert isinstance(screen, TemplatesScreen)
        name = screen.templates[0].name
        assert "minutes in all" in text(screen.query_one("#summary"))
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, "#field-title", "Breathing exercise")
        await type_into(pilot, "#field-minutes", "5")
        await type_into(pilot, "#field-script", "Welcome back to {group}, {nme}")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "unknown placeholder {nme}" in text(pilot.app.screen.query_one("#note-script"))
        await type_into(pilot, "#field-script", "Breathe in for four, out for six.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TemplatesScreen)
    template = next(t for t in demo_store.templates.list() if t.name == name)
    assert template.segments[-1].title == "Breathing exercise"


async def test_the_high_contrast_theme_is_chosen_and_remembered(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormDialog)
        pilot.app.screen.query_one("#field-theme").value = "high-contrast"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.theme == "high-contrast"
    assert store.settings.get("theme") == "high-contrast"
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "high-contrast"


async def test_a_bad_k_is_refused_in_settings(store):
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await type_into(pilot, "#field-k", "1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "from 2 to 20" in text(pilot.app.screen.query_one("#note-k"))
    assert store.settings.get("k") == "5"


async def test_help_lists_the_keys_of_the_screen_below(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        keys = text(pilot.app.screen.query_one("#keys"))
        assert "Run session" in keys and "Groups" in keys
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, HelpScreen)


async def test_the_command_palette_offers_every_action_of_the_screen(demo_store):
    from facilitator.tui.commands import ActionCommands

    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = ActionCommands(pilot.app.screen, None)
        listed = {name: help_text for name, help_text, _ in provider._commands()}
        assert {"Run session", "Today's session", "Groups", "Agendas", "Settings"} <= set(listed)
        assert listed["Library"] == "key: l"  # a place this screen has a key for, once
        assert "Resource library" not in listed


async def test_escape_always_goes_back(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("g", "s"):
            await pilot.press(key)
            await settle(pilot)
        assert type(pilot.app.screen).__name__ == "ScheduleScreen"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "HomeScreen"
        assert isinstance(pilot.app.screen.query_one("#summary"), Static)


async def test_renaming_to_an_alias_already_taken_is_refused_at_the_field(demo_store):
    group = demo_store.groups.by_name("Caring Together")
    before = sorted(m.alias for m in demo_store.people.members(group.id))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await open_screen(pilot, "members", demo_store, "Caring Together")
        await pilot.press("r")
        await settle(pilot)
        await type_into(pilot, "#field-alias", "nell")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "already in this group" in text(pilot.app.screen.query_one("#note-alias"))
        await type_into(pilot, "#field-alias", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "must not be empty" in text(pilot.app.screen.query_one("#note-alias"))
    assert sorted(m.alias for m in demo_store.people.members(group.id)) == before
