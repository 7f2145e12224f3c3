"""The events' pages through the test client, by role: the list, an event, registering as a guest
and as a member, the personal page with the link's reveal, cancelling by the link, the home page."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.events import registrations, services
from ccan_web.blueprints.events.models import Registration
from ccan_web.blueprints.events.registrations import RegistrationData


def _page(response) -> str:
    return response.get_data(as_text=True)


def test_the_list_shows_upcoming_and_past_events_and_drafts_to_the_board_only(client, auth, make_event, clock, factories):
    make_event(title="Coming forum", slug="coming")
    make_event(title="Past forum", slug="past", starts_in=timedelta(hours=1))
    make_event(title="Secret draft", slug="secret", state="draft")
    clock.move(timedelta(days=1))
    page = _page(client.get("/events/"))
    assert page.index("Upcoming") < page.index("Coming forum") < page.index("Past events") < page.index("Past forum")
    assert "Secret draft" not in page and "New event" not in page
    board = factories.board_member(email="b@example.kz")
    auth.login(board.email)
    page = _page(client.get("/events/"))
    assert "Secret draft" in page and "New event" in page


def test_a_draft_is_a_404_to_all_but_the_board(client, auth, make_event, factories):
    draft = make_event(state="draft")
    assert client.get(f"/events/{draft.slug}").status_code == 404
    auth.login(factories.member(email="m@example.kz").email)
    assert client.get(f"/events/{draft.slug}").status_code == 404
    auth.logout()
    auth.login(factories.board_member(email="b@example.kz").email)
    assert client.get(f"/events/{draft.slug}").status_code == 200
    assert client.get("/events/no-such-event").status_code == 404


def test_the_event_page_shows_what_it_presents_and_its_speakers(client, make_event):
    event = make_event()
    page = _page(client.get(f"/events/{event.slug}"))
    assert 'href="/catalog/overview"' in page and "Sarah, British Council" in page
    assert "<strong>research</strong>" in page  # the description's Markdown
    assert "meet.example" not in page  # never to a visitor
    assert f'href="/events/{event.slug}.ics"' in page


def test_a_guest_registers_receives_the_confirmation_and_lands_on_the_personal_page(client, make_event, outbox):
    event = make_event(capacity=5)
    response = client.post(f"/events/{event.slug}/register", data={
        "name": "Dana Journalist", "email": "dana@news.example", "organisation": "Asia News", "country": "KZ"})
    assert response.status_code == 303
    registration = Registration.query.one()
    assert response.headers["Location"] == f"/events/{event.slug}/r/{registrations.token_for(registration)}"
    page = _page(client.get(response.headers["Location"]))
    assert "You are registered" in page and "Registered" in page and "Cancel my registration" in page
    assert "The online link appears here at" in page and "meet.example" not in page
    (mail,) = outbox("dana@news.example")
    assert response.headers["Location"] in mail.body


def test_a_registration_by_htmx_answers_with_hx_redirect(client, make_event):
    event = make_event()
    response = client.post(f"/events/{event.slug}/register", data={"name": "Dana", "email": "dana@news.example"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 204 and response.headers["HX-Redirect"].startswith(f"/events/{event.slug}/r/")


def test_a_member_finds_the_form_filled_in_and_sees_their_place_on_the_event_page(client, auth, make_event, factories):
    member = factories.member(email="m@example.kz", full_name="Marat Member")
    event = make_event()
    auth.login(member.email)
    page = _page(client.get(f"/events/{event.slug}"))
    assert 'value="Marat Member"' in page and 'value="m@example.kz"' in page
    client.post(f"/events/{event.slug}/register", data={"name": "Marat Member", "email": "m@example.kz"})
    page = _page(client.get(f"/events/{event.slug}"))
    assert "Your registration" in page and "Registered" in page
    assert "Cancel my registration" in page  # their own registration: cancelled from the event's page too


def test_the_link_appears_for_registered_people_30_minutes_before_the_start(client, auth, make_event, factories, clock):
    member = factories.member(email="m@example.kz")
    event = make_event(starts_in=timedelta(hours=3))
    registration = registrations.register(event, RegistrationData("Marat", "m@example.kz"), member)
    services.db.session.commit()
    auth.login(member.email)
    personal = f"/events/{event.slug}/r/{registrations.token_for(registration)}"
    clock.set(event.starts_at - timedelta(minutes=31))
    assert "meet.example" not in _page(client.get(f"/events/{event.slug}"))
    assert "meet.example" not in _page(client.get(personal))
    clock.set(event.starts_at - timedelta(minutes=29))
    assert 'href="https://meet.example/ccan-forum"' in _page(client.get(f"/events/{event.slug}"))
    auth.logout()
    assert 'href="https://meet.example/ccan-forum"' in _page(client.get(personal))  # the guest's way in
    assert "meet.example" not in _page(client.get(f"/events/{event.slug}"))


def test_people_waiting_never_see_the_link(client, make_event, clock):
    event = make_event(capacity=1, starts_in=timedelta(hours=3))
    registrations.register(event, RegistrationData("One", "one@example.org"))
    waiting = registrations.register(event, RegistrationData("Two", "two@example.org"))
    services.db.session.commit()
    clock.set(event.starts_at - timedelta(minutes=10))
    page = _page(client.get(f"/events/{event.slug}/r/{registrations.token_for(waiting)}"))
    assert "On the waiting list" in page and "meet.example" not in page


def test_cancelling_by_the_personal_link_moves_the_waiting_list_up(client, make_event, outbox):
    event = make_event(capacity=1)
    first = registrations.register(event, RegistrationData("One", "one@example.org"))
    registrations.register(event, RegistrationData("Two", "two@example.org"))
    services.db.session.commit()
    personal = f"/events/{event.slug}/r/{registrations.token_for(first)}"
    response = client.post(f"{personal}/cancel")
    assert response.status_code == 303
    assert "Your registration is cancelled" in _page(client.get(personal))
    states = dict(services.db.session.execute(sa.select(Registration.email, Registration.state)).all())
    assert states == {"one@example.org": "cancelled", "two@example.org": "registered"}
    assert outbox("two@example.org")[-1].subject == "A seat is yours: Research forum"


def test_a_get_on_the_cancel_address_changes_nothing(client, make_event):
    event = make_event()
    registration = registrations.register(event, RegistrationData("One", "one@example.org"))
    services.db.session.commit()
    assert client.get(f"/events/{event.slug}/r/{registrations.token_for(registration)}/cancel").status_code == 405
    assert services.db.session.get(Registration, registration.id).state == "registered"


def test_the_home_page_shows_the_next_event(client, make_event, clock):
    make_event(title="Later meeting", slug="later", starts_in=timedelta(days=10))
    make_event(title="Sooner forum", slug="sooner", starts_in=timedelta(days=2))
    make_event(title="Draft thing", slug="draft-thing", state="draft", starts_in=timedelta(days=1))
    page = _page(client.get("/"))
    assert "Next online event" in page and "Sooner forum" in page
    assert "Later meeting" not in page and "Draft thing" not in page


def test_the_home_page_has_no_event_section_without_an_event(client):
    assert "Next online event" not in _page(client.get("/"))


def _competition(db, slug: str, state: str = "published"):
    from datetime import datetime, timezone

    from ccan_web.blueprints.competitions.models import Competition

    competition = Competition(slug=slug, title=f"The call {slug}", opens_at=datetime(2026, 1, 5, tzinfo=timezone.utc),
                              closes_at=datetime(2026, 2, 5, tzinfo=timezone.utc), eligible_countries=["KZ"],
                              languages=["en"], state=state)
    db.session.add(competition)
    db.session.commit()
    return competition


def test_event_presenting_competition_finds_the_published_results_event(db, make_event):
    _competition(db, "business-database-2026")
    assert services.event_presenting_competition("business-database-2026") is None
    make_event(slug="draft-results", state="draft", presents="competition", competition_slug="business-database-2026")
    make_event(slug="off-results", state="cancelled", presents="competition", competition_slug="business-database-2026")
    assert services.event_presenting_competition("business-database-2026") is None
    event = make_event(slug="results", presents="competition", competition_slug="business-database-2026")
    assert services.event_presenting_competition("business-database-2026").id == event.id
    assert services.event_presenting_competition("education-database-2026") is None
    assert services.event_presenting_competition("x" * 500) is None


def test_a_results_event_links_its_competitions_results_both_ways(client, db, make_event):
    _competition(db, "success-cases-2026")
    event = make_event(kind="results", presents="competition", competition_slug="success-cases-2026")
    page = _page(client.get(f"/events/{event.slug}"))
    assert 'href="/competitions/success-cases-2026/results"' in page and "The call success-cases-2026" in page


def test_an_event_cannot_present_a_competition_that_is_not_announced(db, make_event):
    from ccan_web.domain.errors import Invalid

    _competition(db, "draft-call", state="draft")
    for slug in ("draft-call", "no-such-call"):
        with pytest.raises(Invalid) as refused:
            make_event(kind="results", presents="competition", competition_slug=slug)
        assert refused.value.problems[0].field == "competition_slug"


@pytest.mark.parametrize("path", ["/events/", "/events/calendar.ics"])
def test_public_addresses_need_no_account(client, path):
    assert client.get(path).status_code == 200


def test_registering_is_rate_limited(database_url, tmp_path, make_event, db):
    from tests.conftest import make_config

    from ccan_web import create_app

    event = make_event(capacity=50)
    slug = event.slug
    db.session.commit()
    limited = create_app(make_config(database_url, str(tmp_path), RATELIMIT_ENABLED=True,
                                     EVENT_REGISTRATION_RATE_LIMIT="2 per minute"))
    client = limited.test_client()
    statuses = [client.post(f"/events/{slug}/register", data={"name": f"P {n}", "email": f"p{n}@example.org"})
                .status_code for n in range(3)]
    assert statuses == [303, 303, 429]


def test_public_events_are_in_the_sitemap_and_drafts_are_not(client, make_event):
    make_event(slug="public-one")
    make_event(slug="secret-draft", state="draft")
    index = client.get("/sitemap.xml").get_data(as_text=True)
    assert "sitemap-events-1.xml" in index
    page = client.get("/sitemap-events-1.xml").get_data(as_text=True)
    assert "/events/public-one" in page and "secret-draft" not in page
    assert "/events/" in client.get("/sitemap-pages-1.xml").get_data(as_text=True)


def test_the_competitions_results_page_links_the_event_that_presents_them(client, db, make_event):
    _competition(db, "success-cases-2026")
    assert "online event" not in _page(client.get("/competitions/success-cases-2026/results"))
    event = make_event(kind="results", presents="competition", competition_slug="success-cases-2026",
                       title="Results of the business cases study")
    page = _page(client.get("/competitions/success-cases-2026/results"))
    assert f'href="/events/{event.slug}"' in page
    assert "The results are presented at the online event “Results of the business cases study”" in page
