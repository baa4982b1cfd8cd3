"""The key of an encrypted database (SQLCipher 4): derived once from the passphrase, then held.

SQLCipher derives a file's key from the passphrase and the random salt in the file's first 16
bytes (PBKDF2-HMAC-SHA512, 256,000 rounds: about 0.25 s). Deriving it here once and giving every
connection the raw key with the salt makes each further connection (the check, a backup, the
app's own) open without that cost, and keeps the passphrase itself out of every SQL statement.
The passphrase is not kept: only a salted scrypt hash of it, so `matches` can tell whether a
typed passphrase is the right one without touching the file.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from facilitator.store.connection import DamagedError, StoreError

PLAIN_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
PAGE_MULTIPLE = 512  # every SQLCipher file is whole pages, and pages are multiples of this
KDF_ROUNDS = 256_000  # SQLCipher 4's default for PBKDF2-HMAC-SHA512
KEY_BYTES = 32
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # as the door PIN is hashed (core/pin.py)
PASSPHRASE_FILE_ENV = "FACILITATOR_PASSPHRASE_FILE"
SHORTEST = 8
LONGEST = 1024  # characters: more is a paste gone wrong, and the app's fields would choke on it
BACKUPS_TRIED = 3  # the newest backups a passphrase is tried on when it does not open the file


class PassphraseNeededError(StoreError):
    """The file is encrypted and no passphrase was given for it."""


class WrongPassphraseError(StoreError):
    """The passphrase does not open this file (it is not called damaged: it may well be fine)."""


class FirstPageDamagedError(DamagedError):
    """The passphrase does not open the file but opens a backup with the file's own salt: the
    passphrase is right and the file's first page is damaged. key opens that backup."""

    def __init__(self, path: Path, backup: Path, key: Key) -> None:
        super().__init__(
            f"{path} is damaged: its passphrase opens its backup {backup.name} but not the file; "
            f"restore a backup (facilitator restore {backup} --db {path})"
        )
        self.backup = backup
        self.key = key


def check_passphrase(text: str) -> str:
    """A new passphrase: 8 to 1,024 characters, not only spaces, no NUL; returned as typed."""
    if "\x00" in text:
        raise StoreError("a passphrase cannot contain a NUL character")
    if len(text) < SHORTEST:
        raise StoreError(f"a passphrase needs at least {SHORTEST} characters")
    if not text.strip():
        raise StoreError("a passphrase cannot be only spaces")
    return not_too_long(text)


def not_too_long(text: str) -> str:
    """Any passphrase, new or typed to open a file: at most LONGEST characters."""
    if len(text) > LONGEST:
        raise StoreError(f"a passphrase is at most {LONGEST:,} characters; nothing was changed")
    return text


def is_encrypted(path: Path) -> bool:
    """Whether the file looks like an SQLCipher database: whole pages, no plain SQLite header
    (an encrypted file starts with its random salt). Another program's file of whole pages
    looks the same; opening it then says the passphrase does not open it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False
    return (
        size >= PAGE_MULTIPLE
        and size % PAGE_MULTIPLE == 0
        and head != PLAIN_HEADER
        and head.strip(b"\x00") != b""
    )


class Key:
    """A file's raw key and salt, and a hash to recognise its passphrase. Never printed."""

    def __init__(self, passphrase: str, salt: bytes) -> None:
        derived = hashlib.pbkdf2_hmac(
            "sha512", passphrase.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES
        )
        self._literal = f"x'{derived.hex()}{salt.hex()}'"  # only hex: safe inside SQL
        self._check_salt = secrets.token_bytes(16)
        self._check = self._hash(passphrase)

    @classmethod
    def new(cls, passphrase: str) -> Key:
        """The key for a file about to be encrypted (a fresh random salt)."""
        return cls(check_passphrase(passphrase), secrets.token_bytes(SALT_BYTES))

    @classmethod
    def of_file(cls, path: Path, passphrase: str) -> Key:
        """The key the passphrase gives for this file (not yet checked against it)."""
        with open(path, "rb") as handle:
            return cls(passphrase, handle.read(SALT_BYTES))

    def _hash(self, passphrase: str) -> bytes:
        return hashlib.scrypt(passphrase.encode("utf-8"), salt=self._check_salt, **_SCRYPT)

    @property
    def literal(self) -> str:
        """The value for PRAGMA key or ATTACH ... KEY: SQLCipher's raw key with its salt."""
        return self._literal

    def matches(self, passphrase: str) -> bool:
        """Whether passphrase is this key's (constant time, no file read)."""
        return hmac.compare_digest(self._hash(passphrase), self._check)

    def same_as(self, other: Key | None) -> bool:
        """Whether both encrypt pages the same way (one key, one salt)."""
        return other is not None and hmac.compare_digest(self._literal, other._literal)

    def __repr__(self) -> str:
        return "Key(...)"


def read_passphrase_file(lines: int = 1) -> list[str] | None:
    """The passphrases in the file named by FACILITATOR_PASSPHRASE_FILE, one a line (for
    scripts), or None when it is not set. The variable names a file; its value is never one."""
    found = passphrase_file_lines()
    if found is None:
        return None
    if len(found) < lines or not all(found[:lines]):
        raise StoreError(
            f"the passphrase file named by {PASSPHRASE_FILE_ENV} needs {lines} non-empty "
            f"line{'s' if lines > 1 else ''}"
        )
    return found[:lines]


def passphrase_file_lines() -> list[str] | None:
    """Every line of the file named by FACILITATOR_PASSPHRASE_FILE, or None when it is not set.
    Refused when others may read it (as ssh refuses a private key): a passphrase file is 0600."""
    name = os.environ.get(PASSPHRASE_FILE_ENV)
    if not name:
        return None
    try:
        mode = os.stat(name).st_mode
        if mode & 0o077:
            raise StoreError(
                f"the passphrase file {name} can be read by others ({mode & 0o777:o}): "
                f"chmod 600 {name}; nothing was opened or changed"
            )
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        why = type(error).__name__  # never the error's text: it could quote the file
        raise StoreError(f"cannot read the file named by {PASSPHRASE_FILE_ENV} ({why})") from None
    return text.splitlines()


def unlock(path: Path, passphrase: str, also: tuple[Path, ...] = ()) -> Key:
    """The key of an encrypted file, once the passphrase is known to open it. When it does not,
    and opens a backup of the file (also: other backups to try), the file is damaged."""
    from facilitator.store.leftovers import remove_conversion_leftovers

    remove_conversion_leftovers(path)  # before the passphrase is even checked
    not_too_long(passphrase)
    key = Key.of_file(path, passphrase)
    if not opens(path, key):
        _refuse_damaged(Path(path), passphrase, also)
        raise WrongPassphraseError(f"wrong passphrase for {path} (nothing was opened or changed)")
    return key


def _refuse_damaged(path: Path, passphrase: str, also: tuple[Path, ...]) -> None:
    """SQLCipher cannot tell a wrong key from a damaged first page; the backups can. They
    share the file's key and salt, so a passphrase that opens one with the same salt is the
    right one (an older passphrase's backups have another salt: never taken for damage)."""
    from facilitator.paths import backups_dir
    from facilitator.store.backup import backups_of

    folder = backups_dir(path)
    newest = backups_of(path, folder)[-BACKUPS_TRIED:] if folder.is_dir() else []
    salt = _salt(path)
    for backup in [*also, *reversed(newest)]:
        if _salt(backup) != salt or not is_encrypted(backup):
            continue
        key = Key(passphrase, salt)
        try:
            works = opens(backup, key)
        except StoreError:
            continue
        if works:
            raise FirstPageDamagedError(path, backup, key)


def _salt(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(SALT_BYTES)
    except OSError:
        return b""


def opens(path: Path, key: Key) -> bool:
    """Whether key opens the file (a file that cannot be read at all raises its own error)."""
    from facilitator.store.connection import DamagedError, open_read_only

    try:
        open_read_only(path, key).close()
    except DamagedError:  # SQLCipher's only word for a page its key does not decrypt
        return False
    return True
