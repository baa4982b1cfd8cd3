"""An encrypted database opens behind the app's own passphrase screen: only the app's name and
one hidden field; a wrong passphrase says so, three end the app; nothing is written."""

from __future__ import annotations

import asyncio
import html
import re

from click.testing import CliRunner
from textual import events
from textual.widgets import Input

from facilitator.cli import cli
from facilitator.store import Store
from facilitator.store.cipher import is_encrypted
from facilitator.tui.app import PassphraseApp
from facilitator.tui.screens.passphrase import PassphraseScreen
from tests.encrypted import encrypted_database
from tests.tui.conftest import SIZE, settle

PASSPHRASE = "the room with the blue chairs"


def encrypted(tmp_path):
    return encrypted_database(tmp_path / "f.db", PASSPHRASE, ["Blue chairs circle"])


def shown(app) -> str:
    """Every character on the terminal, as drawn (the screenshot without its SVG)."""
    drawn = re.sub(r"<style>.*?</style>|<[^>]+>", "", app.export_screenshot(), flags=re.S)
    return html.unescape(drawn).replace("\xa0", " ")


async def type_passphrase(pilot, text: str) -> None:
    await pilot.press(*list(text), "enter")
    await settle(pilot)


async def test_the_screen_shows_the_apps_name_and_a_hidden_field_only(tmp_path):
    app = PassphraseApp(encrypted(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*list(PASSPHRASE))
        await pilot.pause()
        on_screen = shown(app)
        assert "facilitator" in on_screen
        assert PASSPHRASE not in on_screen  # typed, never shown
        assert "Blue chairs" not in on_screen


async def test_the_screen_names_the_file_and_the_folder_it_asks_about(tmp_path):
    app = PassphraseApp(encrypted(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        on_screen = " ".join(shown(app).split())
        assert "Passphrase for f.db" in on_screen
        assert str(tmp_path)[:30] in on_screen  # the folder, however it wraps


async def test_the_right_passphrase_gives_the_databases_key(tmp_path):
    path = encrypted(tmp_path)
    app = PassphraseApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_passphrase(pilot, PASSPHRASE)
    assert app.return_value is not None
    store = Store(path, key=app.return_value)
    assert [g.name for g in store.groups.list()] == ["Blue chairs circle"]
    store.close()


async def test_a_wrong_passphrase_says_so_and_asks_again(tmp_path):
    app = PassphraseApp(encrypted(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_passphrase(pilot, "the room with the red chairs")
        assert isinstance(app.screen, PassphraseScreen)
        assert "Wrong passphrase" in shown(app)
        assert "damaged" not in shown(app)


async def test_three_wrong_passphrases_end_the_app_having_written_nothing(tmp_path):
    path = encrypted(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir()), path.read_bytes()
    app = PassphraseApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for attempt in ("one wrong try", "two wrong tries", "three wrong tries"):
            await type_passphrase(pilot, attempt)
    assert app.return_value is None
    assert (sorted(p.name for p in tmp_path.iterdir()), path.read_bytes()) == before
    assert is_encrypted(path)


def damage_first_page(path) -> None:
    with open(path, "r+b") as handle:
        handle.seek(2000)
        byte = handle.read(1)[0]
        handle.seek(2000)
        handle.write(bytes([byte ^ 0xFF]))


async def test_the_right_passphrase_on_a_damaged_first_page_leads_to_recovery(tmp_path):
    from facilitator.paths import backups_dir
    from facilitator.store.cipher import FirstPageDamagedError, unlock

    path = encrypted(tmp_path)
    store = Store(path, key=unlock(path, PASSPHRASE))
    store.auto_backup(backups_dir(path))
    store.close()
    damage_first_page(path)
    app = PassphraseApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_passphrase(pilot, PASSPHRASE)
    assert isinstance(app.return_value, FirstPageDamagedError)
    assert "damaged" in str(app.return_value)


async def test_ctrl_q_leaves_without_being_out_of_tries(tmp_path):
    app = PassphraseApp(encrypted(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_value is None
    assert not app.out_of_tries


def test_three_wrong_passphrases_print_one_line_and_exit_with_failure(tmp_path, monkeypatch):
    path = encrypted(tmp_path)

    def three_wrong_tries(app):
        async def run() -> None:
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                for attempt in ("one wrong try", "two wrong tries", "three wrong tries"):
                    await type_passphrase(pilot, attempt)

        asyncio.run(run())
        return app.return_value

    monkeypatch.setattr(PassphraseApp, "run", three_wrong_tries)
    monkeypatch.delenv("FACILITATOR_PASSPHRASE_FILE", raising=False)
    result = CliRunner().invoke(cli, ["--db", str(path)])
    assert result.exit_code == 1
    assert result.stderr == "Wrong passphrase three times: nothing was opened.\n"
    assert result.stdout == ""


async def test_a_megabyte_pasted_into_the_passphrase_field_is_cut_to_1024_characters(tmp_path):
    app = PassphraseApp(encrypted(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#passphrase", Input)
        field.post_message(events.Paste("x" * 1_000_000))
        await settle(pilot)
        assert field.value == "x" * 1024
        await pilot.press("y")  # a key past the limit (a paste the terminal sends as keys)
        await settle(pilot)
        assert field.value == "x" * 1024
