"""Whether an app has a database open: the one place that knows.

A running app holds a shared advisory lock (flock) on a lock file beside its database. A restore
or a demo rebuild takes that lock exclusively and refuses when it cannot: replacing a file an app
is using would pull it from under the person's work. The lock file is kept, never deleted:
removing it would let two processes lock two different files of the same name. The kernel drops
a lock when its process dies, so a crashed app never leaves a database locked.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from facilitator.paths import lock_path
from facilitator.store.connection import StoreError, make_private_dir

_held: dict[str, int] = {}  # this process's app locks, by database: a restore inside the app

# Why a lock file cannot be made where nothing can be written: read-only media or folder, a full
# disk. Nothing can replace the database there either, so the app opens without the lock.
_CANNOT_WRITE = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC}


class InUseError(StoreError):
    """An app has the database open, or it is being replaced right now."""


def holds_app_lock(database: Path) -> bool:
    """Whether this process's app has database open."""
    return _key(Path(database)) in _held


def _open_lock(database: Path) -> int:
    path = lock_path(database)
    if not path.parent.exists():
        make_private_dir(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    os.fchmod(fd, 0o600)
    return fd


def _key(database: Path) -> str:
    return os.path.realpath(database)


@contextlib.contextmanager
def app_open(database: Path) -> Iterator[str | None]:
    """Held while an app runs on database; refused while it is being restored or rebuilt.
    Yields None, or what to tell the person when the lock file cannot be made beside it."""
    database = Path(database)
    try:
        fd = _open_lock(database)
    except OSError as error:
        if error.errno not in _CANNOT_WRITE:
            raise
        why = error.strerror
    else:
        why = None
    if why is not None:
        name = lock_path(database).name
        yield f"{name} cannot be made beside it ({why}): the app opens without it"
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InUseError(f"{database} is being restored or rebuilt; try again") from None
        _held[_key(database)] = fd
        try:
            yield None
        finally:
            _held.pop(_key(database), None)
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def replacing_database(database: Path, doing: str) -> Iterator[None]:
    """Held while database is replaced; refused while an app (other than this one) has it
    open. doing names the action for the message: 'restore it', 'rebuild the demo'."""
    database = Path(database)
    own = _held.get(_key(database))
    fd = own if own is not None else _open_lock(database)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # upgrades this app's own lock
        except BlockingIOError:
            raise InUseError(f"an app has {database} open; close it before you {doing}") from None
        yield
    finally:
        if own is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)  # back to an app's lock
        else:
            os.close(fd)
