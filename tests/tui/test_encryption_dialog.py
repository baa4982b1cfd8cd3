"""Settings, F2: encrypt the database, change its passphrase, or remove its encryption; the app
goes on, on the rewritten file."""

from __future__ import annotations

from facilitator.store import Store
from facilitator.store.cipher import Key, is_encrypted, unlock
from facilitator.store.convert import convert
from facilitator.tui.dialogs.form import FormDialog
from tests.tui.conftest import SIZE, make_app, settle, type_into

PASSPHRASE = "coffee in the blue room"


async def open_encryption(pilot) -> FormDialog:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    return pilot.app.screen


def error_shown(dialog) -> str:
    return str(dialog.query_one("#form-error").render())


async def test_settings_f2_encrypts_the_database_and_the_app_goes_on(tmp_path):
    path = tmp_path / "f.db"
    store = Store(path)
    store.groups.create(name="Blue room", timezone="UTC")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_encryption(pilot)
        assert dialog.form_title == "Encrypt the database"
        await type_into(pilot, "#field-new", PASSPHRASE)
        await type_into(pilot, "#field-again", PASSPHRASE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FormDialog)
        assert pilot.app.store.encrypted
        assert pilot.app.store.passphrase_matches(PASSPHRASE)
        assert [g.name for g in pilot.app.store.groups.list()] == ["Blue room"]
    app.store.close()
    assert is_encrypted(path)
    assert b"Blue room" not in path.read_bytes()


async def test_two_different_new_passphrases_encrypt_nothing(tmp_path):
    path = tmp_path / "f.db"
    store = Store(path)
    async with make_app(store).run_test(size=SIZE) as pilot:
        dialog = await open_encryption(pilot)
        await type_into(pilot, "#field-new", PASSPHRASE)
        await type_into(pilot, "#field-again", "coffee in the red room")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert "differ" in error_shown(dialog)
    store.close()
    assert not is_encrypted(path)


async def test_a_wrong_current_passphrase_changes_nothing(tmp_path):
    path = tmp_path / "f.db"
    Store(path).close()
    convert(path, None, Key.new(PASSPHRASE), "encrypt it")
    store = Store(path, key=unlock(path, PASSPHRASE))
    async with make_app(store).run_test(size=SIZE) as pilot:
        dialog = await open_encryption(pilot)
        await type_into(pilot, "#field-current", "not the passphrase")
        await type_into(pilot, "#field-new", "a brand new passphrase")
        await type_into(pilot, "#field-again", "a brand new passphrase")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert "not this database's passphrase" in error_shown(dialog)
    store.close()
    unlock(path, PASSPHRASE)


async def test_the_passphrase_is_changed_from_settings(tmp_path):
    path = tmp_path / "f.db"
    Store(path).close()
    convert(path, None, Key.new(PASSPHRASE), "encrypt it")
    app = make_app(Store(path, key=unlock(path, PASSPHRASE)))
    async with app.run_test(size=SIZE) as pilot:
        await open_encryption(pilot)
        await type_into(pilot, "#field-current", PASSPHRASE)
        await type_into(pilot, "#field-new", "a brand new passphrase")
        await type_into(pilot, "#field-again", "a brand new passphrase")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.store.passphrase_matches("a brand new passphrase")
    app.store.close()
    unlock(path, "a brand new passphrase")


async def test_the_passphrase_fields_refuse_a_paste_over_1024_characters(tmp_path):
    from textual.widgets import Input

    store = Store(tmp_path / "f.db")
    async with make_app(store).run_test(size=SIZE) as pilot:
        dialog = await open_encryption(pilot)
        for ident in ("#field-new", "#field-again"):
            field = dialog.query_one(ident, Input)
            field.insert_text_at_cursor("x" * 5000)
            assert field.value == ""
    store.close()
