"""/admin/roles through the test client, as each role sees it: finding people, the confirmation
asked before every change, what a change records, and the refusals."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ccan_web.audit import AuditEntry
from ccan_web.blueprints.accounts.models import RoleGrant

HX = {"HX-Request": "true"}
ROLES = ["anonymous", "applicant", "member", "editor", "association_officer", "roadmap_editor", "board", "admin"]
MANAGERS = {"board", "admin"}


@pytest.fixture
def signed_in(client, auth, factories):
    def sign_in_as(role: str):
        user = factories.as_role(role)
        if user is not None:
            assert auth.login(user.email).status_code == 302
        return user
    return sign_in_as


@pytest.fixture
def person(factories):
    return factories.member(full_name="Zarina Sharipova", email="zarina@example.tj", country="TJ")


def grants_of(db, user, role=None):
    query = select(RoleGrant).where(RoleGrant.user_id == user.id)
    if role:
        query = query.where(RoleGrant.role == role)
    return list(db.session.scalars(query))


@pytest.mark.parametrize("role", ROLES)
def test_only_the_board_and_administrators_reach_the_role_pages(client, signed_in, person, role):
    signed_in(role)
    for path in ["/admin/roles", "/admin/roles?q=zarina", "/admin/roles/holders",
                 f"/admin/roles/people/{person.id}",
                 f"/admin/roles/people/{person.id}/grant?role=editor&scope="]:
        response = client.get(path)
        if role in MANAGERS:
            assert response.status_code == 200, path
        elif role == "anonymous":
            assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
        else:
            assert response.status_code == 403, path


@pytest.mark.parametrize("role", ROLES)
def test_only_the_board_and_administrators_change_roles(client, db, signed_in, person, role):
    signed_in(role)
    response = client.post(f"/admin/roles/people/{person.id}/grant",
                           data={"role": "editor", "scope": "", "confirmed": "yes"})
    expected = {"anonymous": 302}.get(role, 303 if role in MANAGERS else 403)
    assert response.status_code == expected
    assert bool(grants_of(db, person, "editor")) == (role in MANAGERS)


def test_the_menu_leads_the_board_to_the_roles(client, signed_in):
    signed_in("board")
    assert b'href="/admin/roles"' in client.get("/board/applications").data
    signed_in("member")
    assert b'href="/admin/roles"' not in client.get("/account").data


def test_finding_a_person_by_name_or_email_and_the_htmx_fragment(client, signed_in, person, factories):
    factories.member(full_name="Aziz Rahimov", email="aziz@example.uz")
    signed_in("admin")
    page = client.get("/admin/roles?q=sharip").get_data(as_text=True)
    assert "<html" in page and "Zarina Sharipova" in page and "Aziz Rahimov" not in page
    assert "1 person found" in page
    fragment = client.get("/admin/roles?q=ZARINA@example", headers=HX)
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and 'id="admin-people"' in text and "Zarina Sharipova" in text
    assert 'id="admin-people-count"' in text and "hx-swap-oob" in text
    assert fragment.headers["Vary"] == "HX-Request" or "HX-Request" in fragment.headers["Vary"]
    assert "No account matches" in client.get("/admin/roles?q=%25_nobody").get_data(as_text=True)


def test_people_are_paged(app, client, signed_in, factories):
    for n in range(app.config["ROLE_PEOPLE_PER_PAGE"] + 3):
        factories.member(full_name=f"Paged Person {n:02d}", commit=False)
    factories.db.session.commit()
    signed_in("admin")
    first = client.get("/admin/roles?q=paged").get_data(as_text=True)
    assert "Page 1 of 2" in first and 'href="/admin/roles?page=2&amp;q=paged"' in first
    second = client.get("/admin/roles?q=paged&page=2").get_data(as_text=True)
    assert "Paged Person 22" in second and "Paged Person 00" not in second


def test_a_grant_is_asked_to_be_confirmed_first_without_and_with_htmx(client, db, signed_in, person):
    signed_in("admin")
    page = client.get(f"/admin/roles/people/{person.id}/grant?role=association_officer&scope=TJ")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "<html" in text
    assert "Grant Zarina Sharipova the role: Association officer for Tajikistan?" in text
    assert 'name="confirmed" value="yes"' in text
    fragment = client.get(f"/admin/roles/people/{person.id}/grant?role=association_officer&scope=TJ", headers=HX)
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and 'id="admin-roles"' in text and "Yes, grant" in text
    assert not grants_of(db, person, "association_officer")  # asking changes nothing
    # A post that skips the question is sent to it.
    response = client.post(f"/admin/roles/people/{person.id}/grant", data={"role": "association_officer",
                                                                          "scope": "TJ"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/admin/roles/people/{person.id}/grant?role=association_officer&scope=TJ")
    assert not grants_of(db, person, "association_officer")


def test_granting_records_audits_and_says_so(client, db, signed_in, person):
    admin = signed_in("admin")
    response = client.post(f"/admin/roles/people/{person.id}/grant",
                           data={"role": "association_officer", "scope": "TJ", "confirmed": "yes"},
                           follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Zarina Sharipova now holds the role: Association officer for Tajikistan." in text
    [grant] = grants_of(db, person, "association_officer")
    assert grant.scope == "TJ" and grant.granted_by_id == admin.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "role.granted",
                                                       AuditEntry.subject_id == person.id))
    assert entry.actor_id == admin.id and entry.details == {"role": "association_officer", "scope": "TJ"}
    assert "Revoke…" in text  # and the role is listed with its way back


def test_an_htmx_grant_answers_with_a_redirect_to_the_person(client, db, signed_in, person):
    signed_in("admin")
    response = client.post(f"/admin/roles/people/{person.id}/grant", headers=HX,
                           data={"role": "roadmap_editor", "scope": "", "confirmed": "yes"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == f"/admin/roles/people/{person.id}"
    assert grants_of(db, person, "roadmap_editor")


def test_granting_twice_changes_nothing_and_says_so(client, db, signed_in, factories):
    person = factories.user(full_name="Timur Akhmedov", roles=("editor",))
    signed_in("admin")
    ask = client.get(f"/admin/roles/people/{person.id}/grant?role=editor&scope=").get_data(as_text=True)
    assert "Timur Akhmedov already holds the role: Editor. Nothing to change." in ask
    assert "Yes, grant" not in ask
    answer = client.post(f"/admin/roles/people/{person.id}/grant",
                         data={"role": "editor", "scope": "", "confirmed": "yes"}, follow_redirects=True)
    assert "already holds the role: Editor. Nothing changed." in answer.get_data(as_text=True)
    assert len(grants_of(db, person, "editor")) == 1
    assert not db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "role.granted"))


def test_revoking_is_confirmed_and_audited(client, db, signed_in, factories):
    person = factories.user(full_name="Timur Akhmedov", roles=("association_officer:KG",))
    signed_in("board")
    ask = client.get(f"/admin/roles/people/{person.id}/revoke?role=association_officer&scope=KG")
    assert "Take the role Association officer for Kyrgyzstan from Timur Akhmedov?" in ask.get_data(as_text=True)
    answer = client.post(f"/admin/roles/people/{person.id}/revoke", follow_redirects=True,
                         data={"role": "association_officer", "scope": "KG", "confirmed": "yes"})
    assert "Timur Akhmedov no longer holds the role: Association officer for Kyrgyzstan." in answer.get_data(as_text=True)
    assert not grants_of(db, person, "association_officer")
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "role.revoked")) == 1
    again = client.post(f"/admin/roles/people/{person.id}/revoke", follow_redirects=True,
                        data={"role": "association_officer", "scope": "KG", "confirmed": "yes"})
    assert "does not hold the role" in again.get_data(as_text=True)


@pytest.mark.parametrize("role", ["member", "board", "admin"])
def test_the_board_may_not_grant_membership_a_board_seat_or_administration(client, db, signed_in, person, role):
    signed_in("board")
    assert client.get(f"/admin/roles/people/{person.id}/grant?role={role}&scope=").status_code == 403
    response = client.post(f"/admin/roles/people/{person.id}/grant", data={"role": role, "scope": "",
                                                                          "confirmed": "yes"})
    assert response.status_code == 403
    assert not grants_of(db, person, "board") and not grants_of(db, person, "admin")


def test_the_board_is_offered_only_the_roles_it_may_grant(client, signed_in, person):
    signed_in("board")
    text = client.get(f"/admin/roles/people/{person.id}").get_data(as_text=True)
    assert 'value="editor"' in text and 'value="association_officer"' in text
    assert 'value="admin"' not in text and "Choose a role" in text and 'value="board"' not in text


def test_a_board_member_may_not_grant_themselves_a_role(client, db, signed_in):
    board = signed_in("board")
    assert "You may not grant a role to yourself" in client.get(f"/admin/roles/people/{board.id}").get_data(as_text=True)
    response = client.post(f"/admin/roles/people/{board.id}/grant",
                           data={"role": "editor", "scope": "", "confirmed": "yes"})
    assert response.status_code == 403 and not grants_of(db, board, "editor")


@pytest.mark.parametrize("query, field, message", [
    ("role=emperor&scope=", "role", "Unknown role."),
    ("role=association_officer&scope=RU", "scope", "Unknown country."),
])
def test_an_unknown_role_or_country_is_a_400_beside_its_field(client, signed_in, person, query, field, message):
    signed_in("admin")
    for response in (client.get(f"/admin/roles/people/{person.id}/grant?{query}"),
                     client.post(f"/admin/roles/people/{person.id}/grant",
                                 data=dict(pair.split("=") for pair in query.split("&")) | {"confirmed": "yes"})):
        text = response.get_data(as_text=True)
        assert response.status_code == 400
        assert f'id="{field}-error"' in text and message in text


@pytest.mark.parametrize("query, message", [
    ("role=association_officer&scope=", "This role needs a country"),
    ("role=editor&scope=KZ", "This role does not take a country."),
])
def test_a_country_missing_or_not_wanted_is_shown_beside_the_country(client, signed_in, person, query, message):
    signed_in("admin")
    response = client.get(f"/admin/roles/people/{person.id}/grant?{query}", headers=HX)
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="scope-error"' in text and message in text
    assert 'id="admin-roles"' in text and "<html" not in text


def test_the_last_administrator_keeps_the_role(client, db, signed_in):
    admin = signed_in("admin")
    ask = client.get(f"/admin/roles/people/{admin.id}/revoke?role=admin&scope=").get_data(as_text=True)
    assert "is the last administrator" in ask and "Yes, revoke" not in ask
    answer = client.post(f"/admin/roles/people/{admin.id}/revoke", follow_redirects=True,
                         data={"role": "admin", "scope": "", "confirmed": "yes"})
    assert "is the last administrator" in answer.get_data(as_text=True)
    assert grants_of(db, admin, "admin")


def test_an_administrator_may_step_down_while_another_remains(client, db, signed_in, factories):
    factories.user(roles=("admin",))
    admin = signed_in("admin")
    answer = client.post(f"/admin/roles/people/{admin.id}/revoke", data={"role": "admin", "scope": "",
                                                                         "confirmed": "yes"})
    assert answer.status_code == 303 and not grants_of(db, admin, "admin")


def test_who_holds_what_is_grouped_by_role_and_filtered(client, signed_in, factories):
    factories.user(full_name="Officer Tajik", country="KZ", roles=("association_officer:TJ",))
    factories.user(full_name="Editor Uzbek", country="UZ", roles=("editor",))
    signed_in("admin")
    text = client.get("/admin/roles/holders").get_data(as_text=True)
    assert text.index("<h2>Administrator</h2>") < text.index("<h2>Association officer</h2>") < text.index("<h2>Editor</h2>")
    tajik = client.get("/admin/roles/holders?country=tj").get_data(as_text=True)
    assert "Officer Tajik" in tajik and "Editor Uzbek" not in tajik  # the association's country, not the officer's
    editors = client.get("/admin/roles/holders?role=editor", headers=HX).get_data(as_text=True)
    assert "<html" not in editors and 'id="admin-holders"' in editors
    assert "Editor Uzbek" in editors and "Officer Tajik" not in editors
    odd = client.get("/admin/roles/holders?role=emperor&country=RU&page=x")
    assert odd.status_code == 200  # unknown filters are dropped


def test_a_person_that_does_not_exist_is_a_404(client, signed_in):
    signed_in("admin")
    assert client.get("/admin/roles/people/999999").status_code == 404
    assert client.get("/admin/roles/people/999999/grant?role=editor").status_code == 404
    assert client.get("/admin/roles/people/99999999999999").status_code == 404


def test_no_role_is_chosen_until_the_person_chooses_one(client, signed_in, person):
    signed_in("admin")
    response = client.get(f"/admin/roles/people/{person.id}/grant?role=&scope=")
    assert response.status_code == 422 and 'id="role-error"' in response.get_data(as_text=True)
    assert "Choose a role." in response.get_data(as_text=True)
