"""Settings: each value checked before anything is written, and a form's settings saved together."""

from __future__ import annotations

import pytest

from facilitator.core.errors import InputError

UNICODE_DIGITS = {
    "superscript": "²",
    "arabic-indic": "١٢",
    "fullwidth": "１２",
    "devanagari": "५",
}


@pytest.mark.parametrize("digits", UNICODE_DIGITS.values(), ids=UNICODE_DIGITS)
@pytest.mark.parametrize("key", ["k", "retention_months", "backups_kept", "lock_after_minutes"])
def test_a_number_setting_takes_only_ascii_digits(store, key, digits):
    before = store.settings.get(key)
    with pytest.raises(InputError, match="whole number"):
        store.settings.set(key, digits)
    assert store.settings.get(key) == before


def test_a_number_setting_refuses_thousands_of_digits_clearly(store):
    with pytest.raises(InputError, match="whole number"):
        store.settings.set("k", "9" * 5000)


def test_settings_saved_together_are_all_kept(store):
    store.settings.set_many({"date_order": "dmy", "k": "7", "backups_kept": "3"})
    assert (store.settings.date_order.value, store.settings.get("k")) == ("dmy", "7")
    assert store.settings.get("backups_kept") == "3"


def test_one_bad_setting_among_several_keeps_none_of_them(store):
    with pytest.raises(InputError) as refused:
        store.settings.set_many({"date_order": "dmy", "k": "7", "backups_kept": "0"})
    assert refused.value.field == "backups kept"
    assert store.settings.all()["date_order"] == "iso"
    assert store.settings.get("k") == "5"


def test_the_home_time_zone_is_the_one_most_groups_meet_in(store):
    for name, zone in [("A", "Europe/London"), ("B", "Asia/Tokyo"), ("C", "Asia/Tokyo")]:
        store.groups.create(name=name, timezone=zone)
    assert store.settings.home_timezone == "Asia/Tokyo"


def test_a_home_time_zone_that_is_set_wins_over_the_groups(store):
    store.groups.create(name="A", timezone="Asia/Tokyo")
    store.settings.set("home_timezone", "America/Chicago")
    assert store.settings.home_timezone == "America/Chicago"


def test_with_no_groups_and_none_set_the_home_time_zone_is_utc(store):
    assert store.settings.home_timezone == "UTC"


def test_a_home_time_zone_that_does_not_exist_is_refused(store):
    with pytest.raises(InputError, match="not a time zone") as refused:
        store.settings.set("home_timezone", "Mars/Olympus")
    assert refused.value.field == "home time zone"


def test_a_stored_value_no_longer_allowed_reads_as_the_default(store):
    with store.conn.write() as db:  # as an older version let it in
        db.execute("INSERT INTO settings (key, value) VALUES ('k', '²')")
    assert store.settings.get("k") == "5"
    assert store.settings.all()["k"] == "5"


def test_the_app_locks_after_ten_idle_minutes_unless_changed(store):
    assert store.settings.get("lock_after_minutes") == "10"


@pytest.mark.parametrize("typed", ["off", "OFF", "0"])
def test_the_idle_lock_is_turned_off_with_off_or_0(store, typed):
    store.settings.set("lock_after_minutes", typed)
    assert store.settings.get("lock_after_minutes") == "0"


@pytest.mark.parametrize("typed", ["-5", "1441", "ten", "2.5", ""])
def test_an_idle_time_that_is_not_0_to_1440_whole_minutes_is_refused(store, typed):
    with pytest.raises(InputError, match="whole number of minutes"):
        store.settings.set("lock_after_minutes", typed)
    assert store.settings.get("lock_after_minutes") == "10"


def test_the_lock_pin_is_kept_where_the_door_pin_was(store):
    """Files made when it was the door PIN keep their PIN: the hash stays under its old key."""
    from facilitator.core.pin import hash_pin

    with store.conn.write() as db:
        db["settings"].upsert({"key": "door_pin", "value": hash_pin("2468")}, pk="key")
    assert store.settings.has_lock_pin()
    assert store.settings.lock_pin_matches("2468") and not store.settings.lock_pin_matches("1357")
