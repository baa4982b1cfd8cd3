"""Encrypt the database, change its passphrase, or remove its encryption, from Settings (F2).

The conversion rewrites the file (store/convert.py), so the app's own connection is closed first
and a new one opened on the result, all in the form's worker; the app then starts again from its
first screen on the new connection. A refusal before anything was closed (a wrong current
passphrase, two new ones that differ) shows on the form, which stays open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding

from facilitator import remembered
from facilitator.core.errors import FacilitatorError, InputError
from facilitator.paths import backups_dir
from facilitator.store import Store
from facilitator.store.backup import backups_of
from facilitator.store.cipher import Key, check_passphrase
from facilitator.store.convert import convert
from facilitator.tui.dialogs.form import Field, FormDialog

CHANGE, DECRYPT = "change", "decrypt"


@dataclass(frozen=True)
class Converted:
    """The store open on the database now, and what to tell the person."""

    store: Store
    said: str
    failed: bool = False


class SettingsDialog(FormDialog):
    """The settings form, with F2 for encryption (its own dialog) and, on an encrypted
    database, F3 to forget its passphrase remembered on this computer."""

    BINDINGS = [
        Binding("f2", "encryption", "Encryption", id="encryption"),
        Binding("f3", "forget_passphrase", "Forget passphrase", id="forget-passphrase"),
    ]

    def action_encryption(self) -> None:
        """Open the encryption dialog; its outcome reopens the app on the converted file."""
        self.app.push_screen(encryption_dialog(self.app.store), self.app.reopened_as)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "forget_passphrase":
            return self.app.store.encrypted
        return super().check_action(action, parameters)

    def action_forget_passphrase(self) -> None:
        """Forget the passphrase remembered on this computer (the keyring may be slow)."""
        self.call_store("forgotten", lambda store: remembered.forget(store.path))

    def loaded_forgotten(self, forgot: remembered.Forgot) -> None:
        said = {
            remembered.Forgot.FORGOTTEN: "The passphrase is no longer remembered on this "
            "computer: it is asked for at the next start.",
            remembered.Forgot.NOTHING: "No passphrase was remembered on this computer.",
            remembered.Forgot.NO_KEYRING: "This computer has no keyring: nothing is "
            "remembered on it.",
            remembered.Forgot.UNREACHABLE: "The keyring did not answer: nothing was "
            "forgotten. Try again.",
        }[forgot]
        severity = "error" if forgot is remembered.Forgot.UNREACHABLE else "information"
        self.notify(said, title="Remembered passphrase", severity=severity)


class EncryptionDialog(FormDialog):
    """The encryption form: the new-passphrase fields show only while a new passphrase is
    what is being given; on a short terminal its blank lines go, to keep every field in view."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    def on_select_changed(self, event) -> None:
        super().on_select_changed(event)
        asks_new = self.values().get("what", CHANGE) != DECRYPT
        self.query_one("#note-what").set_class(not asks_new, "-said")  # what removing means
        for name in ("new", "again"):
            for part in ("label", "field", "note"):
                self.query_one(f"#{part}-{name}").set_class(not asks_new, "-unasked")


def encryption_dialog(store: Store) -> FormDialog:
    """Encrypt a plain database; change the passphrase of (or decrypt) an encrypted one."""
    new = [
        Field("new", "New passphrase (at least 8 characters)", kind="secret"),
        Field("again", "The new passphrase again", kind="secret"),
    ]
    if not store.encrypted:
        warning = Field(
            "new",
            "New passphrase (at least 8 characters). Nobody can read the database without "
            "it, you included: keep it safe. Backups made from now on are encrypted too",
            kind="secret",
        )
        return EncryptionDialog("Encrypt the database", [warning, new[1]], _convert, "Encrypt")
    choice = Field(
        "what",
        "What to do",
        kind="select",
        value=CHANGE,
        options=(
            ("Change the passphrase", CHANGE),
            ("Remove the encryption (anyone with the file can read it)", DECRYPT),
        ),
        preview=_what_removing_means,
    )
    current = Field("current", "Current passphrase", kind="secret", errors_for=("current",))
    return EncryptionDialog("Encryption", [choice, current, *new], _convert, save_label="Apply")


def _what_removing_means(chosen: str, _values: dict) -> str:
    if chosen != DECRYPT:
        return ""
    return (
        "The lock (ctrl+l) and door mode then open with the lock PIN set in Settings; "
        "with none set, anyone can unlock them."
    )


def _convert(store: Store, values: dict) -> Converted:
    """Check what was typed, then close, rewrite and reopen the file (in the form's worker)."""
    if store.encrypted and not store.passphrase_matches(values["current"]):
        raise InputError("is not this database's passphrase", "current")
    decrypt = store.encrypted and values["what"] == DECRYPT
    key = None if decrypt else _new_key(values)
    # A passphrase remembered on this computer follows a change; after decrypting, or one
    # left from an earlier encryption, it is forgotten.
    follows = values["new"] if store.encrypted and not decrypt else None
    path, now, old = store.path, store.conn.now, store.conn.key
    plain_backups = [] if old else backups_of(path, backups_dir(path))
    store.close()
    try:
        convert(path, old, key, "change its encryption")
    except (FacilitatorError, OSError) as error:
        return Converted(Store(path, now=now, key=old), f"Nothing was changed: {error}", True)
    reopened = Store(path, now=now, key=key)
    kept = remembered.after_change(path, follows)
    if decrypt:
        said = _decrypted(reopened)
    elif old:
        said = "The passphrase is changed. Older backups keep the old one."
    else:
        said = _encrypted(plain_backups, backups_dir(path))
    return Converted(reopened, f"{said} {kept}".strip())


def _decrypted(store: Store) -> str:
    if store.settings.has_lock_pin():
        return "The database is no longer encrypted. The lock now opens with the lock PIN."
    return (
        "The database is no longer encrypted. No lock PIN is set, so anyone can now unlock "
        "the lock and leave door mode: set one in Settings (o)."
    )


def _encrypted(plain_backups: list[Path], folder: Path) -> str:
    if not plain_backups:
        return "The database is encrypted. Backups made from now on are encrypted too."
    count = len(plain_backups)
    which = "The backup made before is" if count == 1 else f"The {count} backups made before are"
    return (
        f"The database is encrypted. {which} NOT encrypted: anyone with them can read them. "
        f"They are in {folder}: delete them when sure."
    )


def _new_key(values: dict) -> Key:
    if values["new"] != values["again"]:
        raise InputError("the two new passphrases differ", "again")
    try:
        return Key.new(check_passphrase(values["new"]))
    except FacilitatorError as error:
        raise InputError(str(error), "new") from None
