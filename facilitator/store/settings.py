"""Settings kept in the database, so they travel with it."""

from __future__ import annotations

from facilitator.core.dates import DateOrder
from facilitator.core.errors import InputError, quoted
from facilitator.core.pin import check_pin, hash_pin, pin_matches
from facilitator.core.privacy import DEFAULT_K
from facilitator.core.validate import check_timezone, clean_text
from facilitator.store.connection import Connection

DEFAULTS = {
    "date_order": DateOrder.ISO.value,
    "k": str(DEFAULT_K),
    "theme": "textual-dark",
    "backups_kept": "10",
    "retention_months": "24",
    "home_timezone": "",  # where today, tomorrow and tue are read; blank: most groups' zone
    "lock_after_minutes": "10",  # the app locks after this long with no key or mouse; 0: never
}
NEVER_LOCK = "off"  # what the form's idle field also takes for 0
FALLBACK_TIMEZONE = "UTC"  # the home zone while there are no groups


KEEP_PIN, NO_PIN = "", "off"  # what the settings form's lock PIN field takes beside digits
# The lock PIN was first the door PIN: it keeps the key it had, so PINs set then still work.
LOCK_PIN_KEY = "door_pin"


class Settings:
    """Read and write named settings."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str:
        """A setting's value, or its default."""
        with self.conn.read() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return _usable(key, row[0]) if row else DEFAULTS[key]

    def all(self) -> dict[str, str]:
        """Every setting, defaults filled in."""
        with self.conn.read() as db:
            stored = dict(db.execute("SELECT key, value FROM settings").fetchall())
        return DEFAULTS | {
            key: _usable(key, value) for key, value in stored.items() if key in DEFAULTS
        }

    def set(self, key: str, value: str) -> None:
        """Change a known setting."""
        self.set_many({key: value})

    def set_many(self, values: dict[str, str], lock_pin: str = KEEP_PIN) -> None:
        """Change several settings in one transaction: all of them, or none if one is wrong.
        lock_pin: a new PIN, NO_PIN to remove it, or KEEP_PIN (as the form's blank field)."""
        checked = {key: _checked(key, str(value)) for key, value in values.items()}
        pin = lock_pin.strip()
        stored = None if pin in (KEEP_PIN, NO_PIN) else hash_pin(pin)  # checks it first
        with self.conn.write() as db:
            for key, value in checked.items():
                db["settings"].upsert({"key": key, "value": value}, pk="key")
            if pin == NO_PIN:
                db.execute("DELETE FROM settings WHERE key = ?", [LOCK_PIN_KEY])
            elif stored is not None:
                db["settings"].upsert({"key": LOCK_PIN_KEY, "value": stored}, pk="key")

    # The lock PIN is kept apart from DEFAULTS: only its hash is stored, and all() never shows it.

    def set_lock_pin(self, pin: str | None) -> None:
        """Set the PIN that unlocks the app and takes it out of door mode; None removes it."""
        self.set_many({}, lock_pin=NO_PIN if pin is None else check_pin(pin))

    def has_lock_pin(self) -> bool:
        """Whether unlocking (and leaving door mode) asks for a PIN."""
        with self.conn.read() as db:
            found = db.execute("SELECT 1 FROM settings WHERE key = ?", [LOCK_PIN_KEY]).fetchone()
        return found is not None

    def lock_pin_matches(self, pin: str) -> bool:
        """Whether pin is the lock PIN (True when none is set)."""
        with self.conn.read() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [LOCK_PIN_KEY]).fetchone()
        return row is None or pin_matches(pin, row[0])

    @property
    def date_order(self) -> DateOrder:
        """How numeric dates are read."""
        return DateOrder(self.get("date_order"))

    @property
    def home_timezone(self) -> str:
        """The zone in which today, tomorrow and tue are read, whatever the laptop's zone:
        the one set, or else the zone most groups meet in (on a tie, the first A to Z)."""
        with self.conn.read() as db:
            chosen = self.get("home_timezone")
            row = db.execute(
                "SELECT timezone FROM groups WHERE deleted = 0"
                " GROUP BY timezone ORDER BY count(*) DESC, timezone LIMIT 1"
            ).fetchone()
        return chosen or (row[0] if row else FALLBACK_TIMEZONE)


def _usable(key: str, stored: str) -> str:
    """A stored value, or the default if it could not be set today (an older version let
    "²" in as k, and the app then stopped at startup)."""
    try:
        return _checked(key, stored)
    except InputError:
        return DEFAULTS[key]


def _checked(key: str, value: str) -> str:
    """The value to keep, or an InputError naming the setting."""
    if key not in DEFAULTS:
        raise InputError(f"unknown setting {quoted(key)}", "setting")
    if key == "theme":
        return clean_text(value, "theme", required=True, max_length=40)
    if key == "date_order" and value not in {order.value for order in DateOrder}:
        raise InputError("must be iso, dmy or mdy", "date order")
    if key == "k" and not _whole_number_between(value, 2, 20):
        raise InputError("must be a whole number from 2 to 20", "k")
    if key == "retention_months" and not _whole_number_between(value, 0, 240):
        raise InputError("must be a whole number of months from 0 (never) to 240", "retention")
    if key == "backups_kept" and not _whole_number_between(value, 1, 100):
        raise InputError("must be a whole number from 1 to 100", "backups kept")
    if key == "home_timezone" and value:
        return check_timezone(value, "home time zone")
    if key == "lock_after_minutes":
        return _minutes_before_locking(value)
    return value


def _minutes_before_locking(value: str) -> str:
    """'0' (never) for "off" or 0; else a whole number of minutes up to a day."""
    if value.strip().lower() == NEVER_LOCK:
        return "0"
    if not _whole_number_between(value.strip(), 0, 1440):
        raise InputError("must be a whole number of minutes up to 1440, or off", "lock after")
    return str(int(value))


def _whole_number_between(value: str, low: int, high: int) -> bool:
    # ASCII digits only: str.isdigit() is also true of "²", which int() then refuses; and
    # short, as int() refuses thousands of digits
    return len(value) <= 6 and value.isascii() and value.isdigit() and low <= int(value) <= high
