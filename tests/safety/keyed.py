"""The safety tests again on an encrypted file: the workers read its passphrase as a script
does (FACILITATOR_PASSPHRASE_FILE)."""

from __future__ import annotations

from pathlib import Path

from facilitator.store.cipher import PASSPHRASE_FILE_ENV, Key, is_encrypted, read_passphrase_file
from facilitator.store.cipher import unlock as unlock_with
from facilitator.store.convert import convert
from tests.encrypted import passphrase_file

PASSPHRASE = "a passphrase for the kill tests"


def encrypt(db: Path) -> dict[str, str]:
    """Encrypt db; the environment that gives its workers the passphrase."""
    convert(db, None, Key.new(PASSPHRASE), "encrypt it")
    secret = passphrase_file(db.parent, PASSPHRASE)
    return {PASSPHRASE_FILE_ENV: str(secret)}


def key_for(db: Path | str) -> Key | None:
    """The key a worker opens db with (None for a plain file)."""
    if not is_encrypted(Path(db)):
        return None
    return unlock_with(Path(db), (read_passphrase_file() or [PASSPHRASE])[0])
