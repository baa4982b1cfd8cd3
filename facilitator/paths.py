"""Where the data lives: platformdirs by default, FACILITATOR_DB or --db to override."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "facilitator"
DB_ENV = "FACILITATOR_DB"


def data_dir() -> Path:
    """The per-user data folder (kept 0700)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """The user's real database: FACILITATOR_DB, else the data folder's facilitator.db."""
    override = os.environ.get(DB_ENV)
    return Path(override).expanduser() if override else data_dir() / "facilitator.db"


def demo_db_path() -> Path:
    """The demo database, beside the default one and never the same file."""
    return data_dir() / "demo.db"


def backups_dir(db_path: Path) -> Path:
    """Backups live beside the database they copy."""
    return db_path.parent / "backups"


def lock_path(db_path: Path) -> Path:
    """The file a running app holds a lock on, so a restore or a rebuild knows to wait."""
    return Path(f"{db_path}.lock")


def side_files(db_path: Path) -> list[Path]:
    """The files that belong to a database beside it: SQLite's and the app's lock file."""
    return [Path(f"{db_path}{suffix}") for suffix in ("-wal", "-shm", "-journal")] + [
        lock_path(db_path)
    ]
