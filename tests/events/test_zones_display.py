"""Every time on the events' pages is shown on the reader's clock and on the event's: for a reader
of each of the five countries, and across Kazakhstan's move to one zone on 1 March 2024."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.events.conftest import event_data


def _text(response) -> str:
    """The page with Babel's narrow and no-break spaces ("2:00\u202fPM") as plain ones."""
    return response.get_data(as_text=True).replace("\u202f", " ").replace("\xa0", " ")


def _forum(make_event, clock, starts: datetime, zone: str = "Asia/Almaty", slug: str = "forum"):
    clock.set(starts - timedelta(days=3))
    event = make_event(slug=slug, zone=zone, starts_in=timedelta(days=3))
    assert event.starts_at == starts
    return event


@pytest.mark.parametrize(("country", "reader_sees"), [
    ("KZ", "3/12/26, 2:00 PM (GMT+05:00)"),  # Almaty: one zone, UTC+5, since March 2024
    ("KG", "3/12/26, 3:00 PM (GMT+06:00)"),  # Bishkek
    ("TJ", "3/12/26, 2:00 PM (GMT+05:00)"),  # Dushanbe
    ("TM", "3/12/26, 2:00 PM (GMT+05:00)"),  # Ashgabat
    ("UZ", "3/12/26, 2:00 PM (GMT+05:00)"),  # Tashkent
])
def test_a_reader_of_each_country_sees_the_time_on_their_clock_and_on_the_events(
        client, auth, factories, make_event, clock, country, reader_sees):
    event = _forum(make_event, clock, datetime(2026, 3, 12, 9, 0), zone="Asia/Bishkek")
    auth.login(factories.member(email=f"reader-{country}@example.org", country=country).email)
    for path in (f"/events/{event.slug}", "/events/"):
        page = _text(client.get(path))
        assert reader_sees in page, (path, country)
        assert "3/12/26, 3:00 PM (Bishkek, GMT+06:00)" in page  # the event's own clock


@pytest.mark.parametrize(("zone", "event_clock"), [
    ("Asia/Almaty", "3/12/26, 2:00 PM (Almaty, GMT+05:00)"),
    ("Asia/Bishkek", "3/12/26, 3:00 PM (Bishkek, GMT+06:00)"),
    ("Asia/Dushanbe", "3/12/26, 2:00 PM (Dushanbe, GMT+05:00)"),
    ("Asia/Ashgabat", "3/12/26, 2:00 PM (Ashgabat, GMT+05:00)"),
    ("Asia/Tashkent", "3/12/26, 2:00 PM (Tashkent, GMT+05:00)"),
])
def test_an_event_in_each_zone_shows_its_own_clock(client, make_event, clock, zone, event_clock):
    event = _forum(make_event, clock, datetime(2026, 3, 12, 9, 0), zone=zone)
    page = _text(client.get(f"/events/{event.slug}"))
    assert event_clock in page
    assert "3/12/26, 2:00 PM (GMT+05:00)" in page  # a visitor reads Tashkent's clock


def test_kazakhstan_before_and_after_its_move_to_one_zone(client, auth, factories, make_event, clock):
    before = _forum(make_event, clock, datetime(2024, 2, 15, 9, 0), slug="before")
    after = _forum(make_event, clock, datetime(2024, 3, 15, 9, 0), slug="after")
    auth.login(factories.member(email="almaty@example.kz", country="KZ").email)
    page = _text(client.get(f"/events/{before.slug}"))
    assert "2/15/24, 3:00 PM (Almaty, GMT+06:00)" in page and "2/15/24, 3:00 PM (GMT+06:00)" in page
    page = _text(client.get(f"/events/{after.slug}"))
    assert "3/15/24, 2:00 PM (Almaty, GMT+05:00)" in page and "3/15/24, 2:00 PM (GMT+05:00)" in page


def test_a_time_entered_in_almaty_before_the_move_is_stored_with_the_offset_of_then(db, factories, clock):
    from ccan_web.blueprints.events import services

    data = event_data(starts_local=datetime(2024, 2, 15, 15, 0), ends_local=datetime(2024, 2, 15, 17, 0))
    event = services.create_event(data, factories.board_member())
    assert event.starts_at == datetime(2024, 2, 15, 9, 0)  # UTC+6 then
    data = event_data(starts_local=datetime(2024, 3, 15, 15, 0), ends_local=datetime(2024, 3, 15, 17, 0), slug="later")
    assert services.create_event(data, factories.board_member(email="b2@example.kz")).starts_at == datetime(2024, 3, 15, 10, 0)


def test_the_russian_page_shows_both_clocks_in_russian(client, make_event, clock):
    event = _forum(make_event, clock, datetime(2026, 3, 12, 9, 0), zone="Asia/Almaty")
    client.set_cookie("ccan_locale", "ru")
    page = _text(client.get(f"/events/{event.slug}"))
    assert "12.03.2026, 14:00" in page
