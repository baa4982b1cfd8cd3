"""Settings: theme (including high contrast), date order, home time zone, smallest count shown,
when the app locks and the PIN that unlocks it."""

from __future__ import annotations

from facilitator.store import Store
from facilitator.tui.app import settings_in_force
from facilitator.tui.dialogs.encryption import SettingsDialog
from facilitator.tui.dialogs.form import Field, FormDialog

DATE_ORDERS = (
    ("ISO only (2026-12-08)", "iso"),
    ("Day first (08/12/2026)", "dmy"),
    ("Month first (12/08/2026)", "mdy"),
)


def lock_pin_label(store: Store) -> str:
    """What the lock PIN is for: on an encrypted file the passphrase unlocks instead."""
    how = "4-8 digits; blank keeps it, off removes it"
    if store.encrypted:
        return (
            "Lock PIN, used only if the encryption is removed: while the file is encrypted, "
            f"its passphrase unlocks the app and leaves door mode ({how})"
        )
    return f"Lock PIN to unlock and leave door mode ({how})"


def settings_dialog(app) -> FormDialog:
    """The settings form; saved settings are remembered in the database."""
    themes = [
        ("High contrast", "high-contrast"),
        ("Dark", "textual-dark"),
        ("Light", "textual-light"),
    ]
    fields = [
        Field(
            "theme",
            "Theme",
            kind="select",
            value=app.theme if app.theme in dict(map(reversed, themes)) else "textual-dark",
            options=tuple(themes),
        ),
        Field(
            "date_order",
            "Numeric dates",
            kind="select",
            value=app.date_order.value,
            options=DATE_ORDERS,
            errors_for=("date order",),
        ),
        Field("k", "Smallest count shown for check-ins and reports (2-20)", value=str(app.k)),
        Field(
            "retention_months",
            "Offer members for deletion after months unseen (0: never)",
            value=str(app.retention_months),
            errors_for=("retention",),
        ),
        Field(
            "backups_kept",
            "Automatic backups kept (1-100)",
            value=str(app.backups_kept),
            errors_for=("backups kept",),
        ),
        Field(
            "home_timezone",
            "Home time zone for today and tue (blank: the zone most groups use)",
            value=app.home_timezone_set,
            placeholder=app.home_timezone,
            errors_for=("home time zone",),
        ),
        Field(
            "lock_after_minutes",
            "Lock after minutes with no key or mouse (0 or off: never)",
            value=str(app.lock_after_minutes),
            errors_for=("lock after",),
        ),
        Field("lock_pin", lock_pin_label(app.store), kind="secret", errors_for=("lock PIN",)),
    ]

    def save(store: Store, values: dict):
        keys = (
            "theme",
            "date_order",
            "k",
            "retention_months",
            "backups_kept",
            "home_timezone",
            "lock_after_minutes",
        )
        store.settings.set_many(
            {key: str(values[key]).strip() for key in keys}, lock_pin=values["lock_pin"]
        )
        return settings_in_force(store)

    return SettingsDialog("Settings", fields, save)
