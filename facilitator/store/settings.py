"""Settings kept in the database, so they travel with it."""

from __future__ import annotations

from facilitator.core.dates import DateOrder
from facilitator.core.errors import InputError
from facilitator.core.pin import hash_pin, pin_matches
from facilitator.core.privacy import DEFAULT_K
from facilitator.store.connection import Connection

DEFAULTS = {
    "date_order": DateOrder.ISO.value,
    "k": str(DEFAULT_K),
    "theme": "textual-dark",
    "backups_kept": "10",
    "retention_months": "24",
}


class Settings:
    """Read and write named settings."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str:
        """A setting's value, or its default."""
        with self.conn.read() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else DEFAULTS[key]

    def all(self) -> dict[str, str]:
        """Every setting, defaults filled in."""
        with self.conn.read() as db:
            stored = dict(db.execute("SELECT key, value FROM settings").fetchall())
        return DEFAULTS | {key: value for key, value in stored.items() if key in DEFAULTS}

    def set(self, key: str, value: str) -> None:
        """Change a known setting."""
        if key not in DEFAULTS:
            raise InputError(f"unknown setting {key!r}", "setting")
        if key == "date_order" and value not in {order.value for order in DateOrder}:
            raise InputError("must be iso, dmy or mdy", "date order")
        if key == "k" and not (str(value).isdigit() and 2 <= int(value) <= 20):
            raise InputError("must be a whole number from 2 to 20", "k")
        if key == "retention_months" and not (str(value).isdigit() and int(value) <= 240):
            raise InputError("must be a whole number of months from 0 (never) to 240", "retention")
        if key == "backups_kept" and not (str(value).isdigit() and 1 <= int(value) <= 100):
            raise InputError("must be a whole number from 1 to 100", "backups kept")
        with self.conn.write() as db:
            db["settings"].upsert({"key": key, "value": str(value)}, pk="key")

    # The door PIN is kept apart from DEFAULTS: only its hash is stored, and all() never shows it.

    def set_door_pin(self, pin: str | None) -> None:
        """Set the PIN that takes the app out of door mode; None removes it."""
        with self.conn.write() as db:
            if pin is None:
                db.execute("DELETE FROM settings WHERE key = 'door_pin'")
            else:
                db["settings"].upsert({"key": "door_pin", "value": hash_pin(pin)}, pk="key")

    def has_door_pin(self) -> bool:
        """Whether leaving door mode asks for a PIN."""
        with self.conn.read() as db:
            return (
                db.execute("SELECT 1 FROM settings WHERE key = 'door_pin'").fetchone() is not None
            )

    def door_pin_matches(self, pin: str) -> bool:
        """Whether pin is the door PIN (True when none is set)."""
        with self.conn.read() as db:
            row = db.execute("SELECT value FROM settings WHERE key = 'door_pin'").fetchone()
        return row is None or pin_matches(pin, row[0])

    @property
    def date_order(self) -> DateOrder:
        """How numeric dates are read."""
        return DateOrder(self.get("date_order"))
