"""The Board's pages: write an event, publish, edit (a move tells the participants), cancel with a
reason, mark held, the recording, materials and report, the participants and their CSV; and every
piece of bad input answered beside its field with nothing changed."""
from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.events import registrations
from ccan_web.blueprints.events.models import Event, EventMaterial, Registration
from ccan_web.blueprints.events.registrations import RegistrationData
from ccan_web.extensions import db as _db


def _page(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def board(factories, auth):
    user = factories.board_member(email="board@example.kz")
    auth.login(user.email)
    return user


def form(**changes) -> dict:
    values = {"title": "Roadmap presentation", "kind": "presentation", "starts_local": "2026-12-20T15:00",
              "ends_local": "2026-12-20T17:00", "zone": "Asia/Bishkek", "description": "The *regional* roadmap.",
              "online_link": "meet.example/roadmap", "languages": ["ru", "en"], "speakers": "Aiperi\nDilnoza",
              "presents": "overview", "capacity": "50", "slug": ""}
    values.update(changes)
    return values


def _events() -> list[Event]:
    return list(_db.session.scalars(sa.select(Event)))


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("member", 403), ("editor", 403)])
def test_only_the_board_writes_events(client, auth, factories, role, status):
    user = factories.as_role(role)
    if user:
        auth.login(user.email)
    assert client.get("/events/new").status_code == status
    assert client.post("/events/new", data=form()).status_code == status
    assert _events() == []


def test_the_board_writes_a_draft_in_a_zone_and_it_is_stored_in_utc(client, board, clock):
    assert client.get("/events/new").status_code == 200
    response = client.post("/events/new", data=form())
    assert response.status_code == 303 and response.headers["Location"] == "/events/roadmap-presentation/manage"
    (event,) = _events()
    assert event.state == "draft" and event.zone == "Asia/Bishkek"
    assert event.starts_at.isoformat() == "2026-12-20T09:00:00"  # 15:00 in Bishkek (UTC+6)
    assert event.online_link == "https://meet.example/roadmap" and event.languages == "en,ru"
    page = _page(client.get("/events/roadmap-presentation/edit"))
    assert 'value="2026-12-20T15:00"' in page  # shown again on the clock it was entered in


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"ends_local": "2026-12-20T14:00"}, "ends_local", "The end must come after the start."),
    ({"ends_local": "2026-12-20T15:00"}, "ends_local", "The end must come after the start."),
    ({"zone": "Europe/Moscow"}, "zone", "Not a valid choice"),
    ({"starts_local": ""}, "starts_local", "Give the date and time it starts."),
    ({"title": ""}, "title", "This field is required."),
    ({"capacity": "0"}, "capacity", "Number must be"),
    ({"presents": "competition", "competition_slug": "Not A Slug"}, "competition_slug", "competition"),
    ({"presents": "roadmap", "roadmap_doc": "regional", "roadmap_revision": "99"}, "roadmap_revision",
     "Name a roadmap and one of its revisions."),
    ({"slug": "calendar"}, "slug", "reserved"),
])
def test_bad_input_is_answered_beside_its_field_and_nothing_is_stored(client, board, changes, field, message):
    response = client.post("/events/new", data=form(**changes))
    assert response.status_code == 422
    page = _page(response)
    assert f'id="{field}-error"' in page and message in page
    assert 'value="Roadmap presentation"' in page or changes.get("title") == ""  # what was typed is kept
    assert _events() == []


def test_an_unknown_zone_is_refused_by_the_service_too(db, factories):
    from ccan_web.blueprints.events import services
    from ccan_web.domain.errors import Invalid
    from tests.events.conftest import event_data

    with pytest.raises(Invalid) as refused:
        services.create_event(replace(event_data(), zone="Asia/Kabul"), factories.board_member())
    assert "zone" in {p.field for p in refused.value.problems}
    db.session.rollback()
    assert _events() == []


def test_publish_then_register_then_move_tells_the_participants(client, board, outbox, clock):
    client.post("/events/new", data=form())
    assert client.post("/events/roadmap-presentation/publish").status_code == 303
    (event,) = _events()
    assert event.state == "published" and event.published_at is not None
    registrations.register(event, RegistrationData("Guest", "guest@example.org"))
    _db.session.commit()
    response = client.post("/events/roadmap-presentation/edit", data=form(starts_local="2026-12-20T16:00",
                                                                          ends_local="2026-12-20T18:00"))
    assert response.status_code == 303
    _db.session.refresh(event)
    assert event.sequence == 1 and event.starts_at.hour == 10
    assert outbox("guest@example.org")[-1].subject == "The event has moved: Roadmap presentation"


def test_publishing_twice_is_refused_and_changes_nothing(client, board):
    client.post("/events/new", data=form())
    client.post("/events/roadmap-presentation/publish")
    (event,) = _events()
    published_at = event.published_at
    response = client.post("/events/roadmap-presentation/publish", follow_redirects=True)
    assert "cannot be changed that way now" in _page(response)
    _db.session.refresh(event)
    assert event.published_at == published_at


def test_cancelling_needs_a_reason_and_tells_everyone_registered_or_waiting(client, board, outbox):
    client.post("/events/new", data=form(capacity="1"))
    client.post("/events/roadmap-presentation/publish")
    (event,) = _events()
    registrations.register(event, RegistrationData("One", "one@example.org"))
    registrations.register(event, RegistrationData("Two", "two@example.org"))
    _db.session.commit()
    response = client.post("/events/roadmap-presentation/cancel", data={"reason": ""})
    assert response.status_code == 422 and 'id="reason-error"' in _page(response)
    _db.session.refresh(event)
    assert event.state == "published"
    response = client.post("/events/roadmap-presentation/cancel", data={"reason": "The speakers are ill."})
    assert response.status_code == 303
    _db.session.refresh(event)
    assert event.state == "cancelled" and event.cancel_reason == "The speakers are ill." and event.sequence == 1
    for email in ("one@example.org", "two@example.org"):
        mail = outbox(email)[-1]
        assert mail.subject == "The event is cancelled: Roadmap presentation" and "The speakers are ill." in mail.body
    page = _page(client.get("/events/roadmap-presentation"))
    assert "This event is cancelled." in page and "The speakers are ill." in page
    assert client.post("/events/roadmap-presentation/held").status_code == 303
    _db.session.refresh(event)
    assert event.state == "cancelled"  # a cancelled event is not held


def test_marking_held_waits_for_the_start(client, board, clock):
    client.post("/events/new", data=form())
    client.post("/events/roadmap-presentation/publish")
    response = client.post("/events/roadmap-presentation/held", follow_redirects=True)
    assert "only once it has started" in _page(response)
    (event,) = _events()
    clock.set(event.starts_at + timedelta(hours=3))
    client.post("/events/roadmap-presentation/held")
    _db.session.refresh(event)
    assert event.state == "held"


def test_after_the_event_the_recording_materials_and_report_stay_on_its_page(client, board, clock):
    client.post("/events/new", data=form())
    client.post("/events/roadmap-presentation/publish")
    response = client.post("/events/roadmap-presentation/after", data={
        "recording_url": "video.example/roadmap", "report": "## What was said\n\n- **Three** priorities."})
    assert response.status_code == 303
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = client.post("/events/roadmap-presentation/materials", data={
        "material_title": "Slides", "material_file": (io.BytesIO(pdf), "slides.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 303
    page = _page(client.get("/events/roadmap-presentation"))
    assert 'href="https://video.example/roadmap"' in page and "<strong>Three</strong>" in page
    (material,) = _db.session.scalars(sa.select(EventMaterial))
    assert f'href="/files/{material.file.key}"' in page or material.file.key in page
    assert client.get(f"/files/{material.file.key}").data == pdf
    client.post(f"/events/roadmap-presentation/materials/{material.id}/remove")
    assert _db.session.scalar(sa.select(sa.func.count(EventMaterial.id))) == 0


def test_a_material_of_the_wrong_type_is_refused_beside_the_field(client, board):
    client.post("/events/new", data=form())
    response = client.post("/events/roadmap-presentation/materials", data={
        "material_title": "Slides", "material_file": (io.BytesIO(b"MZ\x90\x00 not a document"), "slides.exe")},
        content_type="multipart/form-data")
    assert response.status_code == 422 and 'id="material_file-error"' in _page(response)
    assert _db.session.scalar(sa.select(sa.func.count(EventMaterial.id))) == 0
    response = client.post("/events/roadmap-presentation/after", data={"recording_url": "not a web address"})
    assert response.status_code == 422 and 'id="recording_url-error"' in _page(response)


def test_the_participants_list_and_its_csv(client, board):
    client.post("/events/new", data=form(capacity="1"))
    client.post("/events/roadmap-presentation/publish")
    (event,) = _events()
    registrations.register(event, RegistrationData("Алия Нурова", "aliya@example.kz", "=HYPERLINK(1)", "KZ"))
    registrations.register(event, RegistrationData("Bob Waiting", "bob@example.org"))
    _db.session.commit()
    page = _page(client.get("/events/roadmap-presentation/participants"))
    assert page.index("Алия Нурова") < page.index("Bob Waiting") and "On the waiting list" in page
    response = client.get("/events/roadmap-presentation/participants.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["name"], r["state"], r["country"]) for r in rows] == [
        ("Алия Нурова", "registered", "Kazakhstan"), ("Bob Waiting", "waiting", "")]
    assert rows[0]["organisation"] == "'=HYPERLINK(1)"  # never a formula in a spreadsheet


@pytest.mark.parametrize("role", ["anonymous", "member", "editor"])
def test_the_participants_are_for_the_board_only(client, auth, factories, make_event, role):
    event = make_event()
    user = factories.as_role(role)
    if user:
        auth.login(user.email)
    for path in ("participants", "participants.csv", "manage", "edit"):
        assert client.get(f"/events/{event.slug}/{path}").status_code in (302, 403)  # 302: to sign in


def test_a_tampered_cancel_link_is_a_clear_400_and_changes_nothing(client, make_event):
    event = make_event()
    registration = registrations.register(event, RegistrationData("One", "one@example.org"))
    _db.session.commit()
    token = registrations.token_for(registration)
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    for path in (f"/events/{event.slug}/r/{tampered}", f"/events/{event.slug}/r/{tampered}/cancel"):
        response = client.post(path) if path.endswith("cancel") else client.get(path)
        assert response.status_code == 400
        assert "This link is not valid" in _page(response) and "Nothing was changed." in _page(response)
    assert _db.session.get(Registration, registration.id).state == "registered"


def test_registration_bad_input_through_the_page(client, make_event, clock):
    event = make_event(capacity=1, starts_in=timedelta(hours=2))
    ok = {"name": "One", "email": "one@example.org"}
    assert client.post(f"/events/{event.slug}/register", data=ok).status_code == 303
    response = client.post(f"/events/{event.slug}/register", data=ok)
    assert response.status_code == 422 and "registered for this event already" in _page(response)
    response = client.post(f"/events/{event.slug}/register", data={"name": "Two", "email": "two@example.org"})
    assert response.status_code == 303  # after capacity: the waiting list, said plainly
    assert "waiting list" in _page(client.get(response.headers["Location"]))
    response = client.post(f"/events/{event.slug}/register", data={"name": "", "email": "nope"})
    assert response.status_code == 422 and 'id="name-error"' in _page(response)
    clock.set(event.starts_at)
    response = client.post(f"/events/{event.slug}/register", data={"name": "Late", "email": "late@example.org"})
    assert response.status_code == 422 and "Registration has closed: the event has started." in _page(response)
    states = sorted(_db.session.scalars(sa.select(Registration.state)))
    assert states == ["registered", "waiting"]
    assert _db.session.get(Event, event.id).seats_taken == 1
