"""Account rules, tested without a request."""
from __future__ import annotations

import re
import time

import pytest

from ccan_web.blueprints.accounts import services
from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.board import services as board_services
from ccan_web.domain.errors import Conflict, DomainError
from ccan_web.domain.membership import CRITERION_SLUGS
from ccan_web.domain.passwords import password_problems
from tests.factories import Factories


def registration(**overrides) -> services.RegistrationData:
    profile = dict(full_name="Dilnoza Karimova", applicant_type="organisation",
                   organisation_name="Ipak Yo'li Design", legal_status="MChJ", country="UZ",
                   city="Samarkand", sectors=("fashion-design-crafts",), website="https://ipak.example")
    profile.update(overrides.pop("profile", {}))
    data = dict(email="dilnoza@example.uz", password="silk-road-lanterns-77",
                profile=services.ProfileData(**profile),
                motivation="We revive Samarkand embroidery and want regional partners.",
                accepted_criteria=frozenset(CRITERION_SLUGS), locale="uz")
    data.update(overrides)
    return services.RegistrationData(**data)


def test_registering_creates_a_pending_applicant(db):
    user = board_services.register(registration())
    db.session.commit()
    assert user.application.status == "pending"
    assert user.sector_slugs == ["fashion-design-crafts"]
    assert not user.is_member
    assert user.password_hash.startswith("$argon2")
    assert user.locale == "uz"


@pytest.mark.parametrize("email", ["DILNOZA@example.uz", " dilnoza@EXAMPLE.uz "])
def test_an_email_is_taken_in_any_letter_case(db, email):
    board_services.register(registration())
    db.session.commit()
    with pytest.raises(Conflict) as caught:
        board_services.register(registration(email=email))
    assert caught.value.field == "email"


@pytest.mark.parametrize("password, problem", [
    ("short1", "too_short"), ("1234567890", "too_common"), ("aaaaaaaaaaaa", "too_common"),
    ("dilnoza-2024!", "personal"),
])
def test_weak_passwords_are_refused(db, password, problem):
    assert problem in password_problems(password, email="dilnoza@example.uz")
    with pytest.raises(DomainError) as caught:
        board_services.register(registration(password=password))
    assert caught.value.field == "password"


def test_every_criterion_must_be_accepted(db):
    with pytest.raises(DomainError) as caught:
        board_services.register(registration(accepted_criteria=frozenset(CRITERION_SLUGS[:-1])))
    assert caught.value.field == "criteria"


@pytest.mark.parametrize("profile, field", [
    ({"country": "RU"}, "country"), ({"country": ""}, "country"),
    ({"sectors": ("music", "hacking")}, "sectors"), ({"sectors": ()}, "sectors"),
    ({"organisation_name": " "}, "organisation_name"), ({"applicant_type": "robot"}, "applicant_type"),
])
def test_tampered_profile_values_are_refused(db, profile, field):
    with pytest.raises(DomainError) as caught:
        board_services.register(registration(profile=profile))
    assert caught.value.field == field
    db.session.rollback()
    assert db.session.query(User).count() == 0


def test_authenticate_checks_the_password_and_records_the_sign_in(db, factories):
    user = factories.member(email="aigerim@example.kz")
    assert services.authenticate("AIGERIM@example.kz", Factories.PASSWORD) == user
    assert user.last_login_at is not None
    assert services.authenticate("aigerim@example.kz", "wrong password here") is None
    assert services.authenticate("nobody@example.kz", Factories.PASSWORD) is None


def test_a_deactivated_account_cannot_sign_in(db, factories):
    factories.member(email="gone@example.kz", is_active=False)
    assert services.authenticate("gone@example.kz", Factories.PASSWORD) is None


def test_a_reset_token_works_once(db, factories):
    user = factories.member()
    token = services.make_reset_token(user, "secret")
    services.reset_password(token, "new-apricot-orchard-5", "secret", 3600)
    db.session.commit()
    assert services.authenticate(user.email, "new-apricot-orchard-5") == user
    with pytest.raises(DomainError, match="already been used"):
        services.user_for_reset_token(token, "secret", 3600)


def test_a_reset_token_expires(db, factories):
    user = factories.member()
    token = services.make_reset_token(user, "secret")
    time.sleep(1.1)
    with pytest.raises(DomainError, match="expired"):
        services.user_for_reset_token(token, "secret", 0)


def test_a_forged_reset_token_is_refused(db, factories):
    user = factories.member()
    token = services.make_reset_token(user, "another secret")
    with pytest.raises(DomainError, match="not valid"):
        services.user_for_reset_token(token, "secret", 3600)


def test_asking_for_a_reset_queues_mail_only_for_a_real_account(db, factories, outbox):
    user = factories.member(email="farrukh@example.tj", locale="ru")
    services.request_password_reset("nobody@example.tj", "secret")
    services.request_password_reset("Farrukh@example.tj", "secret")
    db.session.commit()
    messages = outbox()
    assert [m.recipient for m in messages] == [user.email]
    assert "http://localhost/auth/reset/" in messages[0].body


def test_a_reset_link_is_on_the_public_base_url_without_any_request(app, db, factories, outbox, monkeypatch):
    """As from a command or a background job: no request, so no Host header to follow."""
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://ccan.example.org/platform")
    factories.member(email="farrukh@example.tj")
    services.request_password_reset("farrukh@example.tj", "secret")
    db.session.commit()
    link = re.search(r"\S+/auth/reset/\S+", outbox()[0].body).group(0)
    assert link.startswith("https://ccan.example.org/platform/auth/reset/")
    assert services.user_for_reset_token(link.rsplit("/", 1)[1], "secret", 3600).email == "farrukh@example.tj"


def test_changing_the_password_ends_other_sessions(db, factories):
    user = factories.member()
    old_token = user.session_token
    services.change_password(user, Factories.PASSWORD, "fresh-walnut-grove-8")
    assert user.session_token != old_token
    with pytest.raises(DomainError) as caught:
        services.change_password(user, "not the password", "another-walnut-grove-9")
    assert caught.value.field == "current_password"


def test_roles_are_granted_once_and_scoped_roles_need_a_country(db, factories):
    user = factories.member()
    assert services.grant_role(user, "editor") is True
    assert services.grant_role(user, "editor") is False
    with pytest.raises(DomainError):
        services.grant_role(user, "association_officer")
    with pytest.raises(DomainError):
        services.grant_role(user, "association_officer", "RU")
    with pytest.raises(DomainError):
        services.grant_role(user, "emperor")
    assert services.grant_role(user, "association_officer", "kg") is True
    db.session.commit()
    assert user.has_role("association_officer", "KG")
    assert not user.has_role("association_officer", "KZ")
    assert services.revoke_role(user, "editor") is True
    assert not user.has_role("editor")


def test_board_implies_roadmap_editor_and_admin_implies_everything(db, factories):
    board = factories.board_member()
    admin = factories.user(roles=("admin",))
    assert board.has_role("roadmap_editor") and not board.has_role("editor")
    assert admin.has_role("board") and admin.has_role("editor")


@pytest.mark.parametrize("profile, field", [
    ({"full_name": "Dilnoza\u202eavozaK"}, "full_name"), ({"full_name": "\u200b\u00ad"}, "full_name"),
    ({"organisation_name": "Ipak\x00"}, "organisation_name"), ({"city": "Samar\nkand"}, "city"),
    ({"full_name": "D" * 121}, "full_name"), ({"website": "javascript:alert(1)"}, "website"),
])
def test_names_are_held_to_their_rule_whoever_calls_the_service(db, profile, field):
    """The form checks the same; a caller without one (a script, a future API) gets no further."""
    with pytest.raises(DomainError) as caught:
        board_services.register(registration(profile=profile))
    assert caught.value.field == field
