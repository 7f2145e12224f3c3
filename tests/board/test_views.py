"""The Board's pages: the queue with its filters (page and htmx fragment), decisions, the log."""
from __future__ import annotations

import pytest

HX = {"HX-Request": "true"}
CONFIRMED = {"confirmed": "yes"}  # what the confirmation page sends


@pytest.fixture
def chair(auth, factories):
    chair = factories.board_member(full_name="Aida Sadykova", country="KG")
    auth.login(chair.email)
    return chair


def test_the_queue_shows_pending_applications_by_default(client, chair, factories):
    factories.applicant(full_name="Firuza Rahimova", country="TJ")
    factories.member(full_name="Already Member")
    page = client.get("/board/applications").get_data(as_text=True)
    assert "Firuza Rahimova" in page and "Already Member" not in page


def test_the_queue_filters_by_country_type_and_status(client, chair, factories):
    factories.applicant(full_name="Tajik Organisation", country="TJ", applicant_type="organisation",
                        organisation_name="Khujand Crafts")
    factories.applicant(full_name="Tajik Person", country="TJ")
    factories.applicant(full_name="Kazakh Person", country="KZ")
    page = client.get("/board/applications?country=TJ&type=organisation").get_data(as_text=True)
    assert "Tajik Organisation" in page and "Tajik Person" not in page and "Kazakh Person" not in page
    everything = client.get("/board/applications?status=all").get_data(as_text=True)
    assert "Aida Sadykova" in everything and "Kazakh Person" in everything


def test_tampered_filters_are_ignored_not_fatal(client, chair, factories):
    factories.applicant(full_name="Kazakh Person", country="KZ")
    response = client.get("/board/applications?country=XX&type=robot&status=%00&page=-4")
    assert response.status_code == 200 and "Kazakh Person" in response.get_data(as_text=True)


def test_the_queue_answers_htmx_with_the_fragment_only(client, chair, factories):
    factories.applicant(full_name="Firuza Rahimova", country="TJ")
    fragment = client.get("/board/applications?country=TJ", headers=HX)
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and 'id="board-applications"' in text and "Firuza Rahimova" in text
    assert "HX-Request" in fragment.headers["Vary"]
    page = client.get("/board/applications?country=TJ").get_data(as_text=True)
    assert "<html" in page and 'id="board-applications"' in page


def test_approving_from_the_detail_page(client, chair, factories, outbox):
    applicant = factories.applicant(full_name="Firuza Rahimova", email="firuza@example.tj")
    application_id = applicant.application.id
    assert "Approve" in client.get(f"/board/applications/{application_id}").get_data(as_text=True)
    confirmation = client.get(f"/board/applications/{application_id}/approve").get_data(as_text=True)
    assert "Approve Firuza Rahimova?" in confirmation and 'name="confirmed" value="yes"' in confirmation
    response = client.post(f"/board/applications/{application_id}/approve", data=CONFIRMED, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Firuza Rahimova is now a member." in page
    assert outbox("firuza@example.tj")


def test_approving_through_htmx_answers_with_hx_redirect(client, chair, factories):
    application_id = factories.applicant().application.id
    response = client.post(f"/board/applications/{application_id}/approve", data=CONFIRMED, headers=HX)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == f"/board/applications/{application_id}"


def test_approving_twice_says_it_is_already_decided(client, chair, factories):
    application_id = factories.applicant().application.id
    client.post(f"/board/applications/{application_id}/approve", data=CONFIRMED)
    again = client.post(f"/board/applications/{application_id}/approve", data=CONFIRMED, follow_redirects=True)
    assert "already been decided" in again.get_data(as_text=True)


def test_rejecting_needs_a_reason_shown_beside_the_field(client, chair, factories):
    application_id = factories.applicant().application.id
    response = client.post(f"/board/applications/{application_id}/reject", data={"reason": ""})
    assert response.status_code == 422
    assert 'id="reason-error"' in response.get_data(as_text=True)
    done = client.post(f"/board/applications/{application_id}/reject",
                       data={"reason": "Tell us about your work."}, follow_redirects=True)
    assert "Tell us about your work." in done.get_data(as_text=True)


def test_a_board_member_sees_no_buttons_on_their_own_application(client, auth, factories):
    own = factories.user(roles=("board",), status="pending")
    auth.login(own.email)
    page = client.get(f"/board/applications/{own.application.id}").get_data(as_text=True)
    assert "another Board member decides on it" in page and ">Approve<" not in page
    refused = client.post(f"/board/applications/{own.application.id}/approve", data=CONFIRMED, follow_redirects=True)
    assert "cannot decide on your own application" in refused.get_data(as_text=True)


def test_a_missing_application_is_a_404(client, chair):
    assert client.get("/board/applications/999999").status_code == 404
    assert client.post("/board/applications/999999/approve").status_code == 404


def test_the_audit_log_lists_decisions(client, chair, factories):
    one, two = factories.applicant(email="one@example.kz"), factories.applicant(email="two@example.kz")
    client.post(f"/board/applications/{one.application.id}/approve", data=CONFIRMED)
    client.post(f"/board/applications/{two.application.id}/reject", data={"reason": "Outside the region."})
    page = client.get("/board/audit").get_data(as_text=True)
    assert "Member admitted" in page and "Application rejected" in page
    assert "Outside the region." in page and "Aida Sadykova" in page


def _seed_audit(app, db, count: int, action: str = "catalog.published") -> list[int]:
    from ccan_web import audit

    with app.app_context():
        entries = [audit.record(action if n % 2 else "role.granted", "business", n) for n in range(count)]
        db.session.commit()
        return [entry.id for entry in entries]


def test_the_audit_log_pages_by_id_with_plain_links(app, client, chair, db):
    """Keyset paging: each link names the entry it continues from; a deep window costs what the first does."""
    app.config["AUDIT_PER_PAGE"] = 3
    try:
        ids = _seed_audit(app, db, 10)
        first = client.get("/board/audit").get_data(as_text=True)
        assert f'href="/board/audit?before={ids[-3]}"' in first and 'href="/board/audit?after=' not in first
        second = client.get(f"/board/audit?before={ids[-3]}").get_data(as_text=True)
        assert f'href="/board/audit?before={ids[-6]}"' in second and f'href="/board/audit?after={ids[-4]}"' in second
        newer = client.get(f"/board/audit?after={ids[-4]}").get_data(as_text=True)
        assert f'href="/board/audit?before={ids[-3]}"' in newer and 'href="/board/audit?after=' not in newer  # the newest again
        last = client.get(f"/board/audit?before={ids[1]}").get_data(as_text=True)
        assert 'href="/board/audit?before=' not in last and f'href="/board/audit?after={ids[0]}"' in last
        one_action = client.get(f"/board/audit?action=catalog.published&before={ids[-1]}").get_data(as_text=True)
        assert f"before={ids[3]}" in one_action and "action=catalog.published" in one_action
    finally:
        app.config["AUDIT_PER_PAGE"] = 50


def test_audit_ids_out_of_range_are_empty_or_not_found(client, chair, db):
    for query in ("before=1", "after=2147483647", "before=0"):
        response = client.get(f"/board/audit?{query}")
        assert response.status_code == 200, query
        assert "Back to the newest entries" in response.get_data(as_text=True)
    for query in ("before=99999999999999999999", "after=-5", "before=-1"):
        assert client.get(f"/board/audit?{query}").status_code == 404, query
    assert client.get("/board/audit?before=soon&page=500").status_code == 200


def test_two_approvals_setting(app, client, chair, factories):
    app.config["BOARD_APPROVALS_REQUIRED"] = 2
    try:
        application_id = factories.applicant().application.id
        page = client.post(f"/board/applications/{application_id}/approve", data=CONFIRMED, follow_redirects=True)
        assert "more Board approvals are needed" in page.get_data(as_text=True)
        assert "Approvals: 1 of 2" in page.get_data(as_text=True)
    finally:
        app.config["BOARD_APPROVALS_REQUIRED"] = 1


def test_the_roster_page_lists_the_steering_committee(client, chair, db):
    from ccan_web.blueprints.board import services

    rows, _ = services.parse_roster_csv("name,email,country,organisation\nJane Smith,jane@bc.example,,British Council\n")
    services.import_roster(rows)
    db.session.commit()
    page = client.get("/board/roster").get_data(as_text=True)
    assert "Jane Smith" in page and "British Council" in page and "No account yet" in page


def test_the_board_link_shows_how_many_applications_wait(client, chair, factories):
    factories.applicant()
    factories.applicant()
    header = client.get("/").get_data(as_text=True).split("</header>")[0]
    assert '<span aria-hidden="true">2</span><span class="visually-hidden">2 applications waiting</span>' in header


def test_a_reason_with_a_nul_is_refused_beside_the_field_and_kept(client, chair, factories):
    application_id = factories.applicant().application.id
    response = client.post(f"/board/applications/{application_id}/reject",
                           data={"reason": "Tell us\x00 about your work.\nThank you."}, headers=HX)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="reason-error"' in page and "U+0000" in page
    assert "Thank you." in page


def test_approving_asks_for_confirmation_first(client, chair, factories, db):
    applicant = factories.applicant(full_name="Firuza Rahimova")
    application_id = applicant.application.id
    detail = client.get(f"/board/applications/{application_id}").get_data(as_text=True)
    assert f'href="/board/applications/{application_id}/approve"' in detail  # a link to the question, no POST
    confirmation = client.get(f"/board/applications/{application_id}/approve").get_data(as_text=True)
    assert "makes Firuza Rahimova a member of CCAN at once" in confirmation and "Yes, approve" in confirmation
    unconfirmed = client.post(f"/board/applications/{application_id}/approve")
    assert unconfirmed.status_code == 303 and unconfirmed.headers["Location"].endswith(
        f"/board/applications/{application_id}/approve")
    db.session.refresh(applicant.application)
    assert applicant.application.status == "pending"


def test_only_the_board_sees_the_approval_question(client, auth, factories):
    application_id = factories.applicant().application.id
    assert client.get(f"/board/applications/{application_id}/approve").status_code == 302  # a visitor signs in
    auth.login(factories.member().email)
    assert client.get(f"/board/applications/{application_id}/approve").status_code == 403
    auth.logout()
    auth.login(factories.user(roles=("editor",)).email)
    assert client.get(f"/board/applications/{application_id}/approve").status_code == 403


def test_the_queue_reflows_to_labelled_cards_and_hides_its_filters_behind_a_disclosure(client, chair, factories):
    factories.applicant(full_name="Firuza Rahimova", country="TJ")
    page = client.get("/board/applications?country=TJ").get_data(as_text=True)
    assert '<details class="filters-disclosure">' in page and "Filters (1)" in page
    assert 'class="reflow-table"' in page and 'data-label="Submitted"' in page and 'data-label="Status"' in page
    fragment = client.get("/board/applications", headers=HX).get_data(as_text=True)
    assert '<span id="board-filters-label" data-hx-swap-oob="true">Filters (0)</span>' in fragment


def test_the_audit_log_names_suggested_corrections(client, chair, factories, db):
    from ccan_web.blueprints.catalog import moderation
    from ccan_web.blueprints.catalog.entries import BusinessData, submit_business

    editor = factories.user(roles=("editor",))
    entry = submit_business(BusinessData(name="Steppe Sound", country="KZ", city="Almaty",
                                         primary_sector="music"), editor).entry
    moderation.publish(entry, editor)
    moderation.suggest_correction("businesses", entry, editor, "Moved to Astana.")
    db.session.commit()
    page = client.get("/board/audit").get_data(as_text=True)
    assert "Correction suggested" in page and "<td>Published</td>" in page and "catalog." not in page
