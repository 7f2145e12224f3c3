"""Keeping an association: its profile and status, by its country's officers and the Board only; every
change dated, attributed, audited, kept as history and told to the Board; bad input changes nothing."""
from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa
from PIL import Image

from ccan_web.audit import AuditEntry
from ccan_web.blueprints.associations import services
from ccan_web.blueprints.associations.models import Association, AssociationChange
from ccan_web.notifications.models import Notification


def _png(size=(64, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 160)).save(out, "PNG")
    return out.getvalue()


def _profile(**overrides):
    data = {"version": "0", "name_national": "Қазақстан шығармашылық қауымдастығы", "name_ru": "Креативная ассоциация",
            "name_en": "Creative Association of Kazakhstan", "legal_structure": "Public association",
            "registration_number": "KZ-123", "registration_date": "2026-03-01",
            "funding_sources": ["grants", "membership_fees"], "members_count": "40", "board_count": "5",
            "contact_email": "hello@example.kz", "contact_phone": "+7 727 000", "address": "Almaty",
            "website": "creative.example.kz", "logo_alt": "", "description": "We **unite** creators."}
    data.update(overrides)
    return data


@pytest.fixture
def officer(factories, auth):
    user = factories.user(full_name="Dauren Abilkasymov", email="officer@example.kz", roles=("association_officer:KZ",))
    auth.login("officer@example.kz")
    return user


def test_an_officer_saves_the_profile_and_the_change_is_kept_audited_and_told(client, db, factories, officer):
    board = factories.board_member(full_name="Board Person")
    response = client.post("/associations/kz/edit", data=_profile())
    assert response.status_code == 303 and response.headers["Location"].endswith("/associations/kz")
    association = db.session.scalar(sa.select(Association).where(Association.country == "KZ"))
    assert association.name_en == "Creative Association of Kazakhstan"
    assert association.funding_sources == ["grants", "membership_fees"]
    assert association.website == "https://creative.example.kz" and association.members_count == 40
    change = db.session.scalar(sa.select(AssociationChange))
    assert change.kind == "profile" and change.actor_id == officer.id and "name_en" in change.details
    assert db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "association.profile"))
    assert db.session.scalar(sa.select(Notification).where(Notification.user_id == board.id,
                                                           Notification.kind == "association_changed"))
    page = client.get("/associations/kz").get_data(as_text=True)
    assert "Creative Association of Kazakhstan" in page and "<strong>unite</strong>" in page
    assert "Grants, Membership fees" in page or "Membership fees" in page
    assert "Profile updated" in page and "Dauren Abilkasymov" in page


def test_an_officer_on_another_countrys_association_is_refused_and_nothing_changes(client, db, officer):
    assert client.get("/associations/uz/edit").status_code == 403
    assert client.post("/associations/uz/edit", data=_profile()).status_code == 403
    assert client.post("/associations/uz/status", data={"version": "0", "status": "initiative_group"}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(AssociationChange.id))) == 0
    assert "Edit the profile" not in client.get("/associations/uz").get_data(as_text=True)
    assert "Edit the profile" in client.get("/associations/kz").get_data(as_text=True)


@pytest.mark.parametrize("role", ["member", "editor", "roadmap_editor"])
def test_other_roles_may_not_keep_an_association(client, db, factories, auth, role):
    user = factories.as_role(role)
    auth.login(user.email)
    assert client.post("/associations/kz/edit", data=_profile()).status_code == 403
    assert client.post("/associations/kz/status", data={"version": "0", "status": "initiative_group"}).status_code == 403


def test_the_board_keeps_any_countrys_association(client, db, factories, auth):
    factories.board_member(email="b@example.kz")
    auth.login("b@example.kz")
    assert client.post("/associations/uz/edit", data=_profile(name_en="Uzbek Creative Union")).status_code == 303
    assert db.session.scalar(sa.select(Association.name_en).where(Association.country == "UZ")) == "Uzbek Creative Union"


def test_a_logo_that_is_not_an_image_is_refused_beside_the_field(client, db, officer):
    data = _profile(logo=(io.BytesIO(b"#!/bin/sh\necho hello\n"), "logo.png"), logo_alt="Our logo")
    response = client.post("/associations/kz/edit", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="logo-error"' in page and "This is not an image we accept" in page
    assert 'value="Creative Association of Kazakhstan"' in page  # what was typed is kept
    assert db.session.scalar(sa.select(sa.func.count(AssociationChange.id))) == 0
    assert db.session.scalar(sa.select(Association.name_en).where(Association.country == "KZ")) in (None, "")


def test_a_20_mb_logo_is_refused_and_nothing_changes(client, db, officer):
    data = _profile(logo=(io.BytesIO(b"\x89PNG" + b"0" * (20 * 1024 * 1024)), "huge.png"), logo_alt="Our logo")
    response = client.post("/associations/kz/edit", data=data, content_type="multipart/form-data")
    assert response.status_code == 413 and "too large" in response.get_data(as_text=True).lower()
    assert db.session.scalar(sa.select(sa.func.count(AssociationChange.id))) == 0


def test_a_logo_over_the_limit_for_logos_is_refused_beside_the_field(app, db, factories):
    officer = factories.user(roles=("association_officer:KZ",))
    data = services.ProfileData(name_en="X", logo_alt="Logo")
    with pytest.raises(services.DomainError) as refused:
        services.update_profile("KZ", data, officer, 0, services.Upload(b"\x89PNG" + b"0" * (3 * 1024 * 1024), "big.png"))
    assert refused.value.field == "logo" and "2 MB" in str(refused.value.message)


def test_a_logo_is_stored_with_variants_and_shown_with_its_alt_text(client, db, officer):
    data = _profile(logo=(io.BytesIO(_png((900, 400))), "logo.png"), logo_alt="A tulip over mountains")
    assert client.post("/associations/kz/edit", data=data, content_type="multipart/form-data").status_code == 303
    association = db.session.scalar(sa.select(Association).where(Association.country == "KZ"))
    assert association.logo.public and association.logo.widths == [320, 640]
    page = client.get("/associations/kz").get_data(as_text=True)
    assert 'alt="A tulip over mountains"' in page and "srcset=" in page


def test_a_logo_needs_its_description(client, db, officer):
    data = _profile(logo=(io.BytesIO(_png()), "logo.png"), logo_alt="")
    response = client.post("/associations/kz/edit", data=data, content_type="multipart/form-data")
    assert response.status_code == 422 and 'id="logo_alt-error"' in response.get_data(as_text=True)


def test_a_save_from_a_stale_page_asks_beside_each_changed_field_and_keeps_what_was_typed(client, db, officer):
    assert client.post("/associations/kz/edit", data=_profile(name_en="First")).status_code == 303
    response = client.post("/associations/kz/edit", data=_profile(name_en="Second", version="0"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Someone changed this association" in page
    assert 'id="name_en-error"' in page and "it now reads “First”" in page
    assert 'value="Second"' in page  # what was typed is kept
    assert 'id="name_ru-error"' not in page  # a field both left alone says nothing
    assert db.session.scalar(sa.select(Association.name_en).where(Association.country == "KZ")) == "First"
    # Having seen theirs, saving again (the form now names their version) keeps this one.
    version = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    assert client.post("/associations/kz/edit", data=_profile(name_en="Second", version=version)).status_code == 303
    db.session.expire_all()
    assert db.session.scalar(sa.select(Association.name_en).where(Association.country == "KZ")) == "Second"


def test_a_stale_save_that_typed_what_is_already_saved_is_no_conflict(client, db, officer):
    assert client.post("/associations/kz/edit", data=_profile(name_en="First")).status_code == 303
    assert client.post("/associations/kz/edit", data=_profile(name_en="First", version="0")).status_code == 303


def test_two_profile_saves_at_the_same_moment_from_one_version_cannot_both_win(app, db, factories):
    from tests.test_concurrency import run_together, signed_in_clients

    first = factories.user(email="one@example.kz", roles=("association_officer:KZ",))
    second = factories.user(email="two@example.kz", roles=("association_officer:KZ",))
    from ccan_web.blueprints.associations import services

    services.for_update("KZ")
    db.session.commit()
    clients = signed_in_clients(app, db, first, second)
    statuses = run_together(*[lambda c=c, name=name: c.post("/associations/kz/edit", data=_profile(name_en=name)).status_code
                              for c, name in ((clients[0], "One"), (clients[1], "Two"))])
    assert sorted(statuses) == [303, 422]
    db.session.rollback()
    assert db.session.scalar(sa.select(Association.version).where(Association.country == "KZ")) == 1


# The lifecycle, step by step ---------------------------------------------------------------------

def _status(client, cc, status, version, reason=""):
    return client.post(f"/associations/{cc}/status", data={"status": status, "version": str(version),
                                                          "reason": reason})


def test_an_officer_moves_the_association_one_step_at_a_time(client, db, factories, officer):
    board = factories.board_member()
    for version, step in enumerate(("initiative_group", "founding", "registered")):
        response = _status(client, "kz", step, version)
        assert response.status_code == 303, response.get_data(as_text=True)
        assert db.session.scalar(sa.select(Association.status).where(Association.country == "KZ")) == step
    changes = list(db.session.scalars(sa.select(AssociationChange).order_by(AssociationChange.id)))
    assert [(c.from_status, c.to_status) for c in changes] == [
        ("not_started", "initiative_group"), ("initiative_group", "founding"), ("founding", "registered")]
    assert all(c.actor_id == officer.id and c.created_at for c in changes)
    assert db.session.scalar(sa.select(sa.func.count(Notification.id)).where(Notification.user_id == board.id)) == 3
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "association.status")) == 3
    page = client.get("/associations/kz").get_data(as_text=True)
    assert "Status: Founding → Registered" in page


def test_a_status_jump_the_lifecycle_forbids_is_refused_beside_the_field(client, db, officer):
    response = _status(client, "kz", "registered", 0)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="status-error"' in page and "one step at a time" in page
    assert db.session.scalar(sa.select(sa.func.count(AssociationChange.id))) == 0


def test_partner_is_reached_by_declaring_not_by_the_status_form(client, db, factories, officer):
    board = factories.board_member()
    for step in ("initiative_group", "founding", "registered"):
        services.change_status("KZ", step, "", board)
    db.session.commit()
    page = client.get("/associations/kz/status").get_data(as_text=True)
    assert 'value="partner"' not in page
    response = _status(client, "kz", "partner", 3)
    assert response.status_code == 422 and "declaring the partnership" in response.get_data(as_text=True)


def test_only_the_board_suspends_with_a_reason_and_lifts_the_suspension(client, db, factories, auth, officer):
    assert _status(client, "kz", "initiative_group", 0).status_code == 303
    response = _status(client, "kz", "suspended", 1, "No reason needed?")
    assert response.status_code == 422 and "Only the Board suspends" in response.get_data(as_text=True)
    auth.logout()
    factories.board_member(email="b@example.kz")
    auth.login("b@example.kz")
    response = _status(client, "kz", "suspended", 1)
    assert response.status_code == 422 and 'id="reason-error"' in response.get_data(as_text=True)
    assert _status(client, "kz", "suspended", 1, "The founders left.").status_code == 303
    association = db.session.scalar(sa.select(Association).where(Association.country == "KZ"))
    assert association.status == "suspended" and association.suspended_from == "initiative_group"
    page = client.get("/associations/kz").get_data(as_text=True)
    assert "Suspended: The founders left." in page
    assert _status(client, "kz", "initiative_group", 2).status_code == 303
    db.session.refresh(association)
    assert association.status == "initiative_group" and association.suspension_reason == ""


def test_a_status_chosen_on_a_stale_page_is_asked_about_with_the_reason_kept(client, db, officer):
    assert _status(client, "kz", "initiative_group", 0).status_code == 303
    response = _status(client, "kz", "initiative_group", 0, reason="Seven organisers met in Almaty.")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "it is now “Initiative group”" in page
    assert "Seven organisers met in Almaty." in page
    assert re.search(r'name="version"[^>]*value="1"', page)
