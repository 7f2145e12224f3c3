"""The region's time zones: entering a wall-clock time in a zone, reading a stored moment in each."""
from datetime import datetime

import pytest

from ccan_web.domain.zones import ZONES, UnknownZone, in_zone, local_input, to_utc, zone_choices
from ccan_web.i18n import format_in_zone

# Each capital's offset from UTC today.
OFFSETS = {"Asia/Almaty": 5, "Asia/Bishkek": 6, "Asia/Dushanbe": 5, "Asia/Ashgabat": 5, "Asia/Tashkent": 5}


def test_every_country_has_its_capital_zone():
    assert {z.country for z in ZONES} == {"KZ", "KG", "TJ", "TM", "UZ"}
    assert [name for name, _ in zone_choices()] == [z.name for z in ZONES]


@pytest.mark.parametrize("zone", sorted(OFFSETS))
def test_a_time_entered_in_each_zone_is_stored_as_utc_and_read_back(zone):
    local = datetime(2027, 3, 30, 15, 0)
    stored = to_utc(local, zone)
    assert stored == datetime(2027, 3, 30, 15 - OFFSETS[zone], 0)
    assert local_input(stored, zone) == local
    assert in_zone(stored, zone).utcoffset().total_seconds() == OFFSETS[zone] * 3600


def test_kazakhstan_moved_to_one_zone_in_march_2024():
    # Almaty was UTC+6 until 1 March 2024, UTC+5 since: a moment keeps the offset it had then.
    assert to_utc(datetime(2024, 2, 28, 12, 0), "Asia/Almaty") == datetime(2024, 2, 28, 6, 0)
    assert to_utc(datetime(2024, 3, 2, 12, 0), "Asia/Almaty") == datetime(2024, 3, 2, 7, 0)


@pytest.mark.parametrize("zone", [None, "", "Europe/Moscow", "UTC", "../../etc/passwd", "asia/almaty"])
def test_a_zone_outside_the_region_is_refused(zone):
    with pytest.raises(UnknownZone):
        to_utc(datetime(2027, 1, 1), zone)


@pytest.mark.parametrize("locale, expected", [("en", "Almaty, GMT+05:00"), ("ru", "Алматы, GMT+05:00")])
def test_a_moment_is_shown_in_the_zone_with_its_city_and_offset(app, locale, expected):
    with app.test_request_context(f"/?lang={locale}"):
        shown = format_in_zone(datetime(2027, 3, 30, 10, 0), "Asia/Almaty")
    assert shown.endswith(f"({expected})")
    assert "15:00" in shown or "3:00" in shown
