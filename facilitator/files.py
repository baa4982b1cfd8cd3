"""Every file the app writes (exports, backups, bundles) goes through here.

A file is written whole or not at all: a temp file with a random name in the target's folder,
created exclusively and never through a link, owner-only (0600); every byte written, synced,
renamed over the target, and the folder synced so the rename survives a power cut. Any failure
removes the temp and leaves the old file as it was. The database, its side files and its
backups are never a target, however they are reached (a symlink, a hard link, `..`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from facilitator import paths
from facilitator.core.errors import FacilitatorError

DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
STALE_AFTER = 60.0  # seconds: an unlocked temp this old was left by a writer that died
# SQLite writes a backup's temp by name and may leave its own side files beside it.
SQLITE_SIDES = ("-journal", "-wal", "-shm")
# The files the passphrases are read from (store/cipher.py, the bundle's): writing over one
# would lose the passphrase, and with it every file it encrypts.
PASSPHRASE_FILE_VARIABLES = ("FACILITATOR_PASSPHRASE_FILE", "FACILITATOR_BUNDLE_PASSPHRASE_FILE")


class WriteError(FacilitatorError):
    """A file could not be written; the old one, if any, is as it was."""


def write_file(
    target: Path, data: bytes, database: Path | None = None, what: str = "export"
) -> Path:
    """Write data to target as one whole, private file; never over database's files."""
    with replacing(target, database, what) as (fd, _temp):
        _write_all(fd, data, target)
    return Path(target)


@contextlib.contextmanager
def replacing(
    target: Path, database: Path | None = None, what: str = "export", into_backups: bool = False
) -> Iterator[tuple[int, Path]]:
    """Yield an open, locked temp file (fd and path) that becomes target when the block ends.
    into_backups lets a new backup land in the backups folder (never over an existing one)."""
    target = Path(target)
    refuse_unsafe_target(target, protected_databases(database), into_backups)
    _refuse_if_busy(target, what, mine=None)
    fd, temp = _create_temp(target)
    try:
        _refuse_if_busy(target, what, mine=temp)
        yield fd, temp
        os.fsync(fd)
        os.replace(temp, target)
        _fsync_folder(target.parent)
    except OSError as error:
        _remove(temp)
        raise _explained(error, target) from None
    except BaseException:
        _remove(temp)
        raise
    finally:
        os.close(fd)


def protected_databases(database: Path | None) -> tuple[Path, ...]:
    """The databases whose files no write may touch: the one in use, the real one, the demo."""
    found = [paths.default_db_path(), paths.demo_db_path()]
    return tuple(found if database is None else [Path(database), *found])


def refuse_unsafe_target(
    target: Path, databases: Iterable[Path], into_backups: bool = False
) -> None:
    """Refuse a database, its side files, its backups, and anything not a regular file."""
    real = Path(os.path.realpath(target))
    existing = _identity(target)
    for database in databases:
        _refuse_database_file(target, real, existing, database, into_backups)
    _refuse_passphrase_file(target, real, existing)
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise WriteError(f"cannot write {target}: {error.strerror}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise WriteError(f"{target} is a folder; give a file name")
    if mode is not None and stat.S_ISLNK(mode):
        raise WriteError(f"{target} is a symbolic link; give the file itself")
    if mode is not None and not stat.S_ISREG(mode):
        raise WriteError(f"{target} is not a regular file (a device or a pipe); nothing written")
    if not target.parent.is_dir():
        raise WriteError(f"cannot write {target}: the folder {target.parent} does not exist")


def _refuse_database_file(
    target: Path, real: Path, existing: tuple[int, int] | None, database: Path, into_backups: bool
) -> None:
    for side in [database, *paths.side_files(database)]:
        side_real = Path(os.path.realpath(side))
        if real == side_real or (existing is not None and existing == _identity(side)):
            which = "" if side == database else f"'s {side.name.removeprefix(database.name)} file"
            named = "itself" if Path(target) == database and not which else str(database)
            raise WriteError(f"{target} is the database {named}{which}; nothing was written")
    backups = Path(os.path.realpath(paths.backups_dir(database)))
    in_backups = real.parent == backups
    if in_backups and (not into_backups or existing is not None):
        raise WriteError(f"{target} is in the backups of {database}; nothing was written")
    if existing is not None and backups.is_dir():
        for kept in backups.iterdir():
            if _identity(kept) == existing:
                raise WriteError(f"{target} is a backup of {database}; nothing was written")


def _refuse_passphrase_file(target: Path, real: Path, existing: tuple[int, int] | None) -> None:
    for variable in PASSPHRASE_FILE_VARIABLES:
        named = os.environ.get(variable)
        if not named:
            continue
        same_inode = existing is not None and existing == _identity(Path(named))
        if real == Path(os.path.realpath(named)) or same_inode:
            raise WriteError(
                f"{target} is the passphrase file named by {variable}; nothing was written"
            )


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file, to catch a hard link under another name."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _temp_pattern(target: Path) -> re.Pattern:
    return re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{16}}\.tmp")


def _create_temp(target: Path) -> tuple[int, Path]:
    """A new temp file beside target, created exclusively, never through a link, 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    temp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    try:
        fd = os.open(temp, flags, 0o600)
    except OSError as error:
        raise _explained(error, target) from None
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
        fcntl.flock(fd, fcntl.LOCK_EX)  # held while writing: others see the file is busy
    except BaseException:
        os.close(fd)
        _remove(temp)
        raise
    return fd, temp


def _refuse_if_busy(target: Path, what: str, mine: Path | None) -> None:
    """Another writer's live temp for the same target means it is being written now. Before
    our temp exists any live one refuses; after, only an earlier name does, so of two that
    start together one goes on. A dead writer's temp is removed."""
    pattern = _temp_pattern(target)
    for other in target.parent.iterdir():
        if other == mine or not pattern.fullmatch(other.name):
            continue
        if _is_locked(other):
            if mine is None or other.name < mine.name:
                raise WriteError(f"{target}: another {what} is writing that file; try again")
        elif _age(other) > STALE_AFTER:
            _remove(other)


def _is_locked(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _age(path: Path) -> float:
    try:
        return time.time() - os.lstat(path).st_mtime
    except OSError:
        return 0.0


def _write_all(fd: int, data: bytes, target: Path) -> None:
    """os.write may write less than asked (a nearly full disk): loop until all is written."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(temp: Path) -> None:
    for name in (str(temp), *(f"{temp}{side}" for side in SQLITE_SIDES)):
        with contextlib.suppress(OSError):
            os.unlink(name)


def _explained(error: OSError, target: Path) -> WriteError:
    if error.errno in DISK_FULL:
        return WriteError(f"{target}: disk full: nothing was written")
    reason = error.strerror or str(error)
    return WriteError(f"cannot write {target}: {reason}; nothing was written")
