"""Printing from the app: the render runs in a worker, the saved path is shown."""

from __future__ import annotations

import os
from datetime import date

import pytest
from pypdf import PdfReader
from textual.widgets import Static

from facilitator.tui.dialogs.export import ExportDialog
from tests.encrypted import encrypted_database, open_encrypted
from tests.tui.conftest import SIZE, make_app, settle, type_into


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


async def test_an_agenda_is_exported_from_the_home_screen(demo_store, out, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert not dialog.query("#open")  # no desktop here: no "open" button
        await type_into(pilot, "#folder", str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = str(dialog.query_one("#result", Static).render())
    [written] = list(out.iterdir())
    assert written.name.startswith("agenda-caring-together-") and written.suffix == ".pdf"
    assert f"Saved: {written}" in result
    assert oct(os.stat(written).st_mode & 0o777) == "0o600"


async def test_a_door_sign_in_html_from_the_schedule(demo_store, out):
    from facilitator.tui.screens.schedule import ScheduleScreen
    from facilitator.tui.widgets.sessions import SessionTable

    group = demo_store.groups.by_name("Caring Together")
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(ScheduleScreen(group))
        await settle(pilot)
        table = pilot.app.screen.query_one(SessionTable)
        row = next(
            i
            for i, item in enumerate(table.listings)
            if item.occurrence.start.date() == date(2026, 12, 3)
        )
        table.move_cursor(row=row)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        dialog.query_one("#document").value = "door-sign"
        dialog.query_one("#format").value = "html"
        await type_into(pilot, "#folder", str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
    [written] = list(out.iterdir())
    assert "This session is cancelled" in written.read_text()


async def test_an_unwritable_folder_is_reported_in_the_dialog(demo_store, out):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await type_into(pilot, "#folder", str(out / "missing"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = str(pilot.app.screen.query_one("#result", Static).render())
    assert result.startswith("Not exported:") and "does not exist" in result
    assert list(out.iterdir()) == []


async def test_counts_only_groups_offer_no_sign_in_sheet(demo_store):
    group = demo_store.groups.by_name("Rare Roots Family Group 罕见病家庭互助会")
    dialog = ExportDialog(group, demo_store.documents.session_on(group, date(2026, 12, 5)))
    assert "signin" not in [value for _, value in dialog.documents]


async def test_the_run_session_screen_prints_its_own_agenda(demo_store, out):
    from facilitator.tui.screens.run import RunSessionScreen

    group = demo_store.groups.by_name("Caring Together")
    occurrence = demo_store.documents.session_on(group, date(2026, 12, 10))  # as planned
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(RunSessionScreen(group, occurrence))
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await type_into(pilot, "#folder", str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [p.name for p in out.iterdir()] == ["agenda-caring-together-2026-12-10.pdf"]


async def export_privacy_notice_to(pilot, folder) -> str:
    await pilot.press("x")
    await settle(pilot)
    pilot.app.screen.query_one("#document").value = "privacy-notice"
    await type_into(pilot, "#folder", str(folder))
    await pilot.press("ctrl+s")
    await settle(pilot)
    return str(pilot.app.screen.query_one("#result", Static).render())


async def test_an_export_into_the_backups_folder_is_refused_in_the_dialog(demo_store):
    backups = demo_store.path.parent / "backups"
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = sorted(backups.iterdir())
        result = await export_privacy_notice_to(pilot, backups)
    assert result.startswith("Not exported:") and "backups" in result
    assert sorted(backups.iterdir()) == before


async def test_a_link_to_the_database_under_the_exports_name_is_refused(demo_store, out):
    (out / "privacy-notice.pdf").symlink_to(demo_store.path)
    before = demo_store.path.read_bytes()
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        result = await export_privacy_notice_to(pilot, out)
    assert result.startswith("Not exported:") and "is the database" in result
    assert demo_store.path.read_bytes() == before
    assert (out / "privacy-notice.pdf").is_symlink()


async def test_name_labels_are_printed_from_the_dialog_as_a_pdf(demo_store, out):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        dialog.query_one("#format").value = "html"
        dialog.query_one("#document").value = "labels"
        await settle(pilot)
        shown = dialog.query_one("#format")
        assert shown.value == "pdf" and shown.disabled  # label sheets are PDF alone, and say so
        await type_into(pilot, "#folder", str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
    [written] = list(out.iterdir())
    assert written.name.startswith("labels-caring-together-") and written.suffix == ".pdf"
    assert "Hello, my name is" in PdfReader(written).pages[0].extract_text()


async def test_on_an_encrypted_database_the_dialog_says_the_file_is_not_protected(tmp_path):
    path = encrypted_database(tmp_path / "f.db", "a passphrase of ours")
    store = open_encrypted(path, "a passphrase of ours")
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(ExportDialog(None, None, "handouts"))
        await settle(pilot)
        note = str(pilot.app.screen.query_one("#not-protected", Static).render())
    store.close()
    assert "not protected" in note


async def test_on_a_plain_database_the_dialog_says_nothing_of_protection(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(ExportDialog(None, None, "handouts"))
        await settle(pilot)
        assert not pilot.app.screen.query("#not-protected")


async def test_choosing_another_document_clears_the_last_files_saved_line(demo_store, out):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        await type_into(pilot, "#folder", str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved" in str(dialog.query_one("#result").render())
        dialog.query_one("#document").value = "handouts"
        await settle(pilot)
        assert str(dialog.query_one("#result").render()).strip() == ""


async def test_the_dialog_names_the_session_it_prints_for(demo_store):
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        title = str(dialog.query_one("#form-title").render())
        start = dialog.occurrence.start  # Home's highlighted session
        when = f"{start:%a} {start.day} {start:%b %Y %H:%M}"
    assert title == f"Print or export: {dialog.group.name}, {when}"
