"""'Remember on this computer' on the passphrase screen: off unless ticked, said in plain words,
kept in the OS keyring; a remembered passphrase skips the screen; no keyring, or one that fails
or never answers, changes nothing else. Settings F3 forgets it; a change there follows it."""

from __future__ import annotations

import asyncio
import time

import keyring
import pytest
from textual.widgets import Checkbox

from facilitator import remembered
from facilitator.store import Store
from facilitator.store.cipher import unlock
from facilitator.tui.app import PassphraseApp
from facilitator.tui.screens.lock import LockScreen
from facilitator.tui.screens.passphrase import PassphraseScreen
from tests.encrypted import encrypted_database
from tests.keyrings import FailingKeyring, SilentKeyring, entry, kept_in_memory
from tests.tui.conftest import SIZE, make_app, settle, type_into
from tests.tui.test_passphrase_screen import shown, type_passphrase

PASSPHRASE = "tea at half past seven"


@pytest.fixture
def encrypted(tmp_path):
    return encrypted_database(tmp_path / "f.db", PASSPHRASE, ["Half past seven"])


@pytest.fixture
def memory():
    return kept_in_memory()


async def until(pilot, condition, seconds: float = 5.0) -> None:
    """Wait for what the keyring's own thread brings back."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
        if pilot.app.is_running:
            await pilot.pause()
    assert condition()


def offered(app) -> bool:
    return app.screen.query_one("#remember", Checkbox).display


async def test_remember_is_offered_off_and_says_what_it_means_in_plain_words(encrypted, memory):
    app = PassphraseApp(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: offered(app))
        assert app.screen.query_one("#remember", Checkbox).value is False
        on_screen = " ".join(shown(app).split())
        assert "Remember on this computer" in on_screen
        assert "Anyone who can sign in to this computer as you can then open this file" in on_screen
        assert "the lock screen still asks for it" in on_screen
        assert "facilitator forget-passphrase" in on_screen


async def test_a_passphrase_not_chosen_to_be_remembered_is_not_kept(encrypted, memory):
    app = PassphraseApp(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: offered(app))
        await type_passphrase(pilot, PASSPHRASE)
    assert app.return_value is not None
    assert memory.kept == {}


async def test_remember_keeps_the_passphrase_in_the_keyring_under_the_files_path(encrypted, memory):
    app = PassphraseApp(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: offered(app))
        app.screen.query_one("#remember", Checkbox).value = True
        await type_passphrase(pilot, PASSPHRASE)
    assert app.return_value is not None
    assert memory.kept == {entry(encrypted): PASSPHRASE}


async def test_remember_is_ticked_from_the_keyboard(encrypted, memory):
    app = PassphraseApp(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: offered(app))
        await pilot.press("tab", "space", "shift+tab")
        await type_passphrase(pilot, PASSPHRASE)
    assert memory.kept == {entry(encrypted): PASSPHRASE}


async def test_a_remembered_passphrase_skips_the_passphrase_screen(encrypted, memory):
    memory.kept[entry(encrypted)] = PASSPHRASE
    app = PassphraseApp(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.return_value is not None)
    store = Store(encrypted, key=app.return_value)
    assert [g.name for g in store.groups.list()] == ["Half past seven"]
    store.close()


async def test_a_remembered_passphrase_that_no_longer_opens_the_file_is_forgotten(
    encrypted, memory
):
    memory.kept[entry(encrypted)] = "the passphrase before it changed"
    app = PassphraseApp(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: offered(app))
        assert isinstance(app.screen, PassphraseScreen)
        assert "no longer opens this file, so it is forgotten" in " ".join(shown(app).split())
        assert memory.kept == {}
        await type_passphrase(pilot, PASSPHRASE)
    assert app.return_value is not None


async def test_without_a_keyring_remember_is_not_offered_and_the_passphrase_opens(encrypted):
    app = PassphraseApp(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.sleep(0.5)  # the keyring's answer (none) is back long before this
        await settle(pilot)
        assert not offered(app)
        assert "Remember" not in shown(app)
        await type_passphrase(pilot, PASSPHRASE)
    assert app.return_value is not None


async def test_a_failing_keyring_leaves_remember_unoffered_and_the_passphrase_opens(encrypted):
    keyring.set_keyring(FailingKeyring())
    app = PassphraseApp(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.sleep(0.5)
        await settle(pilot)
        assert not offered(app)
        await type_passphrase(pilot, PASSPHRASE)
    assert app.return_value is not None


async def test_a_keyring_that_never_answers_delays_neither_the_screen_nor_the_opening(
    encrypted,
):
    silent = SilentKeyring()
    keyring.set_keyring(silent)
    started = time.monotonic()
    try:
        app = PassphraseApp(encrypted)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await type_passphrase(pilot, PASSPHRASE)
        assert app.return_value is not None
        assert time.monotonic() - started < remembered.TIMEOUT
    finally:
        silent.released.set()


def encrypted_app(path):
    return make_app(Store(path, key=unlock(path, PASSPHRASE)))


async def open_settings(pilot) -> None:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)


async def test_settings_f3_forgets_the_remembered_passphrase(encrypted, memory):
    memory.kept[entry(encrypted)] = PASSPHRASE
    app = encrypted_app(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert memory.kept == {}
        assert any("no longer remembered" in str(n.message) for n in app._notifications)
    app.store.close()


async def test_a_passphrase_changed_in_settings_is_the_one_remembered(encrypted, memory):
    memory.kept[entry(encrypted)] = PASSPHRASE
    app = encrypted_app(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await type_into(pilot, "#field-current", PASSPHRASE)
        await type_into(pilot, "#field-new", "a brand new passphrase")
        await type_into(pilot, "#field-again", "a brand new passphrase")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.store.passphrase_matches("a brand new passphrase")
    app.store.close()
    assert memory.kept == {entry(encrypted): "a brand new passphrase"}


async def test_removing_the_encryption_in_settings_forgets_the_remembered_passphrase(
    encrypted, memory
):
    memory.kept[entry(encrypted)] = PASSPHRASE
    app = encrypted_app(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.press("f2")
        await settle(pilot)
        app.screen.query_one("#field-what").value = "decrypt"
        await type_into(pilot, "#field-current", PASSPHRASE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.store.encrypted
    app.store.close()
    assert memory.kept == {}


async def test_the_lock_screen_still_asks_for_a_remembered_passphrase(encrypted, memory):
    memory.kept[entry(encrypted)] = PASSPHRASE
    app = encrypted_app(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        await asyncio.sleep(0.3)
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
    app.store.close()


async def test_settings_shows_f3_forget_passphrase_only_on_an_encrypted_database(
    encrypted, tmp_path
):
    app = encrypted_app(encrypted)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        assert "Forget passphrase" in shown(app)
    app.store.close()
    plain = make_app(Store(tmp_path / "plain.db"))
    async with plain.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        assert "Encryption" in shown(plain)
        assert "Forget passphrase" not in shown(plain)
    plain.store.close()
