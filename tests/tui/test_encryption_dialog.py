"""Settings, F2: encrypt the database, change its passphrase, or remove its encryption; the app
goes on, on the rewritten file."""

from __future__ import annotations

from textual.widgets import Select

from facilitator.paths import backups_dir
from facilitator.store import Store
from facilitator.store.cipher import is_encrypted, unlock
from facilitator.tui.dialogs.form import FormDialog
from tests.encrypted import encrypted_database
from tests.tui.conftest import SIZE, make_app, settle, type_into
from tests.tui.test_lock import on_screen

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
    path = encrypted_database(tmp_path / "f.db", PASSPHRASE)
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
    path = encrypted_database(tmp_path / "f.db", PASSPHRASE)
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


def notifications(app) -> str:
    return " ".join(" ".join(str(n.message).split()) for n in app._notifications)


def an_encrypted_store(tmp_path) -> Store:
    path = encrypted_database(tmp_path / "f.db", PASSPHRASE)
    return Store(path, key=unlock(path, PASSPHRASE))


async def test_encrypting_says_the_backups_made_before_are_not_encrypted_and_where(tmp_path):
    path = tmp_path / "f.db"
    store = Store(path)
    folder = backups_dir(path)
    store.auto_backup(folder)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_encryption(pilot)
        await type_into(pilot, "#field-new", PASSPHRASE)
        await type_into(pilot, "#field-again", PASSPHRASE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = notifications(pilot.app)
        assert "backups made before are NOT encrypted" in said  # this one, and the app's own
        assert f"They are in {folder}" in said
    app.store.close()


async def test_a_passphrase_change_says_the_passphrase_was_changed(tmp_path):
    app = make_app(an_encrypted_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_encryption(pilot)
        await type_into(pilot, "#field-current", PASSPHRASE)
        await type_into(pilot, "#field-new", "a brand new passphrase")
        await type_into(pilot, "#field-again", "a brand new passphrase")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = notifications(pilot.app)
        assert "The passphrase is changed" in said
        assert "The database is encrypted" not in said
    app.store.close()


async def remove_the_encryption(pilot) -> FormDialog:
    dialog = await open_encryption(pilot)
    dialog.query_one("#field-what", Select).value = "decrypt"
    await settle(pilot)
    return dialog


async def test_choosing_to_remove_the_encryption_says_what_then_opens_the_lock(tmp_path):
    app = make_app(an_encrypted_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await remove_the_encryption(pilot)
        said = " ".join(str(dialog.query_one("#note-what").render()).split())
        assert "then open with the lock PIN set in Settings" in said
        assert "with none set, anyone can unlock them" in said
    app.store.close()


async def test_choosing_to_remove_the_encryption_hides_the_new_passphrase_fields(tmp_path):
    app = make_app(an_encrypted_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await remove_the_encryption(pilot)
        assert not dialog.query_one("#field-new").display
        assert not dialog.query_one("#field-again").display
        assert dialog.query_one("#field-current").display
        dialog.query_one("#field-what", Select).value = "change"
        await settle(pilot)
        assert dialog.query_one("#field-new").display
    app.store.close()


async def test_removing_the_encryption_without_a_lock_pin_says_anyone_can_now_unlock(tmp_path):
    app = make_app(an_encrypted_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await remove_the_encryption(pilot)
        await type_into(pilot, "#field-current", PASSPHRASE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not pilot.app.store.encrypted
        said = notifications(pilot.app)
        assert "No lock PIN is set, so anyone can now unlock the lock" in said
    app.store.close()


async def test_removing_the_encryption_with_a_lock_pin_says_the_pin_now_opens_the_lock(tmp_path):
    store = an_encrypted_store(tmp_path)
    store.settings.set_lock_pin("2468")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await remove_the_encryption(pilot)
        await type_into(pilot, "#field-current", PASSPHRASE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "The lock now opens with the lock PIN" in notifications(pilot.app)
    app.store.close()


async def test_at_80_by_24_every_field_of_a_passphrase_change_and_apply_are_in_view(tmp_path):
    app = make_app(an_encrypted_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_encryption(pilot)
        for shown in (
            "Change the passphrase",
            "Current passphrase",
            "New passphrase",
            "The new passphrase again",
            "Apply (ctrl+s)",
        ):
            assert on_screen(pilot.app, shown), shown
    app.store.close()
