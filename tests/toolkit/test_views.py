"""/toolkit/: documents of four kinds on the document kit, written by roadmap editors and the Board,
public or for members; the brand's files."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.toolkit import services
from ccan_web.blueprints.toolkit.models import ToolkitDocument
from ccan_web.documents import services as documents


def _document(db, author, slug="founding-guide", category="procedure", members_only=False, publish=True):
    entry = services.create(slug, "Founding guide", category, members_only, "# Founding\n\nSteps.\n", author)
    if publish:
        documents.publish(entry.document, 1, author)
    db.session.commit()
    return entry


def test_a_roadmap_editor_starts_a_document_and_publishes_it(client, db, factories, auth):
    factories.user(email="editor@example.kg", roles=("roadmap_editor",))
    auth.login("editor@example.kg")
    response = client.post("/toolkit/new", data={"title": "Charter standard", "slug": "charter-standard",
                                                 "category": "standard", "body": "# Charter\n\nWhat it holds.\n"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/toolkit/charter-standard")
    assert "Charter standard" in client.get("/toolkit/").get_data(as_text=True)
    assert client.post("/toolkit/charter-standard/rev/1/publish").status_code == 303
    auth.logout()
    page = client.get("/toolkit/charter-standard").get_data(as_text=True)
    assert "What it holds." in page
    assert "Charter standard" in client.get("/toolkit/").get_data(as_text=True)


def test_a_draft_is_for_its_writers_only(client, db, factories):
    _document(db, factories.board_member(), publish=False)
    assert "Founding guide" not in client.get("/toolkit/").get_data(as_text=True)
    assert client.get("/toolkit/founding-guide").status_code == 404


def test_history_compare_and_restore_are_the_kits(client, db, factories, auth):
    board = factories.board_member(email="b@example.kz")
    entry = _document(db, board)
    documents.save(entry.document, 1, "# Founding\n\nSteps, revised.\n", board)
    db.session.commit()
    auth.login("b@example.kz")
    assert 'href="/toolkit/founding-guide/rev/2"' in client.get("/toolkit/founding-guide/history").get_data(as_text=True)
    assert "revised" in client.get("/toolkit/founding-guide/diff?from=1&to=2").get_data(as_text=True)
    assert client.post("/toolkit/founding-guide/rev/1/restore").status_code == 303
    assert documents.current_head(entry.document) == 3


def test_a_members_only_document_is_closed_to_visitors(client, db, factories, auth):
    _document(db, factories.board_member(), slug="budget-template", category="process", members_only=True)
    response = client.get("/toolkit/budget-template")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert "budget-template" not in client.get("/toolkit/").get_data(as_text=True)
    factories.member(email="m@example.kz")
    auth.login("m@example.kz")
    assert client.get("/toolkit/budget-template").status_code == 200


@pytest.mark.parametrize("role", ["member", "association_officer", "editor"])
def test_only_roadmap_editors_and_the_board_write_the_toolkit(client, db, factories, auth, role):
    _document(db, factories.board_member())
    auth.login(factories.as_role(role).email)
    assert client.post("/toolkit/new", data={"title": "X", "slug": "x", "category": "standard",
                                             "body": "x"}).status_code == 403
    assert client.get("/toolkit/founding-guide/edit").status_code == 403


@pytest.mark.parametrize("slug, message", [("Bad Slug", "lower-case"), ("brand", "lower-case"),
                                           ("founding-guide", "Another toolkit document")])
def test_a_bad_or_taken_address_is_refused_beside_the_field(client, db, factories, auth, slug, message):
    _document(db, factories.board_member(email="b@example.kz"))
    auth.login("b@example.kz")
    response = client.post("/toolkit/new", data={"title": "Another", "slug": slug, "category": "standard",
                                                 "body": "Text"})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert 'id="slug-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ToolkitDocument.id))) == 1


def test_the_brand_page_offers_the_logo_files_and_colours(client):
    page = client.get("/toolkit/brand").get_data(as_text=True)
    for name in ("ccan-logo.svg", "ccan-logo-mono.svg", "ccan-logo-512.png", "ccan-logo-mono-512.png"):
        assert name in page
    assert "#0B5D57" in page
    assert client.get("/static/brand/ccan-logo-256.png").status_code == 200


def test_the_menu_leads_to_the_live_toolkit(client):
    from ccan_web.domain.plan import PLAN_BY_SLUG

    assert PLAN_BY_SLUG["toolkit"].live and PLAN_BY_SLUG["toolkit"].endpoint == "toolkit.index"
    page = client.get("/toolkit/").get_data(as_text=True)
    assert "In preparation" not in page and 'aria-current="page"' in page


def test_an_unknown_document_is_not_found(client):
    assert client.get("/toolkit/no-such-thing").status_code == 404
    assert client.get("/toolkit/no-such-thing/history").status_code in (401, 404)
