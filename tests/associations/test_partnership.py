"""The partnership declaration: an officer accepts the published mission, principles and logo-use terms;
who, when and which revisions are kept and shown as the partner badge; a new version asks again; the
Board suspends a partnership with a reason."""
from __future__ import annotations

import re

import sqlalchemy as sa

from ccan_web.blueprints.associations import services
from ccan_web.blueprints.associations.models import Association, PartnershipDeclaration
from ccan_web.blueprints.toolkit import services as toolkit
from ccan_web.documents import services as documents


def _registered(code, board):
    for step in ("initiative_group", "founding", "registered"):
        services.change_status(code, step, "", board)


def _row(page, cc):
    return re.search(rf'<tr>\s*<th scope="row"><a href="/associations/{cc}">.*?</tr>', page, re.S).group(0)


def test_an_officer_declares_the_partnership_and_the_badge_appears(client, db, factories, auth, terms):
    board = factories.board_member()
    officer = factories.user(email="officer@example.kz", roles=("association_officer:KZ",))
    _registered("KZ", board)
    db.session.commit()
    auth.login("officer@example.kz")
    form = client.get("/associations/kz/partnership").get_data(as_text=True)
    assert 'href="/toolkit/mission"' in form and 'name="accept"' in form
    response = client.post("/associations/kz/partnership", data={"mission": terms["mission"], "principles": 1,
                                                                "logo_use": 1, "accept": "y"})
    assert response.status_code == 303
    declaration = db.session.scalar(sa.select(PartnershipDeclaration))
    assert declaration.actor_id == officer.id and declaration.terms == {"mission": 1, "principles": 1, "logo-use": 1}
    assert db.session.scalar(sa.select(Association.status).where(Association.country == "KZ")) == "partner"
    assert "partner-badge" in _row(client.get("/associations/").get_data(as_text=True), "kz")
    assert "Partnership declared" in client.get("/associations/kz").get_data(as_text=True)


def test_the_declaration_needs_the_box_ticked_and_changes_nothing_without_it(client, db, factories, auth, terms):
    _registered("KZ", factories.board_member())
    factories.user(email="officer@example.kz", roles=("association_officer:KZ",))
    db.session.commit()
    auth.login("officer@example.kz")
    response = client.post("/associations/kz/partnership", data={"mission": 1, "principles": 1, "logo_use": 1})
    assert response.status_code == 422 and 'id="accept-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(PartnershipDeclaration.id))) == 0


def test_an_association_not_yet_registered_cannot_declare(db, factories, terms):
    board = factories.board_member()
    services.change_status("UZ", "initiative_group", "", board)
    try:
        services.declare_partnership("UZ", terms, board)
    except services.DomainError as refused:
        assert refused.field == "accept"
    else:
        raise AssertionError("declared before registration")


def test_a_new_published_version_of_the_terms_asks_for_acceptance_again(client, db, factories, auth, terms):
    board = factories.board_member()
    _registered("KZ", board)
    services.declare_partnership("KZ", terms, board)
    principles = toolkit.find("principles").document
    documents.save(principles, 1, "# Principles\n\nThe text, revised.\n", board)
    db.session.commit()
    assert "partner-badge" in _row(client.get("/associations/").get_data(as_text=True), "kz")  # a draft changes nothing
    documents.publish(principles, 2, board)
    db.session.commit()
    assert "partner-badge" not in _row(client.get("/associations/").get_data(as_text=True), "kz")
    assert "accepts it again" in client.get("/associations/kz").get_data(as_text=True)
    # An acceptance of the page as it was before the new version is refused: the terms moved on.
    factories.user(email="officer@example.kz", roles=("association_officer:KZ",))
    auth.login("officer@example.kz")
    response = client.post("/associations/kz/partnership", data={"mission": 1, "principles": 1, "logo_use": 1,
                                                                "accept": "y"})
    assert response.status_code == 422 and "new version" in response.get_data(as_text=True)
    assert client.post("/associations/kz/partnership", data={"mission": 1, "principles": 2, "logo_use": 1,
                                                             "accept": "y"}).status_code == 303
    assert "partner-badge" in _row(client.get("/associations/").get_data(as_text=True), "kz")
    assert db.session.scalar(sa.select(sa.func.count(PartnershipDeclaration.id))) == 2


def test_the_board_suspends_a_partnership_with_a_reason(client, db, factories, auth, terms):
    board = factories.board_member(email="b@example.kz")
    _registered("KZ", board)
    services.declare_partnership("KZ", terms, board)
    db.session.commit()
    auth.login("b@example.kz")
    version = db.session.scalar(sa.select(Association.version).where(Association.country == "KZ"))
    response = client.post("/associations/kz/status", data={"status": "suspended", "version": version,
                                                           "reason": "The logo was used on a political campaign."})
    assert response.status_code == 303
    page = client.get("/associations/").get_data(as_text=True)
    assert "partner-badge" not in _row(page, "kz") and "Suspended" in _row(page, "kz")
    assert "political campaign" in client.get("/associations/kz").get_data(as_text=True)
