"""Every route × every role: who sees a page, who is sent to sign in, who is refused."""
from __future__ import annotations

import pytest

from ccan_web.permissions import PERMISSIONS, can

ROLES = ["anonymous", "applicant", "member", "editor", "association_officer", "roadmap_editor",
         "board", "admin"]
MEMBERS = {"member", "editor", "association_officer", "roadmap_editor", "board", "admin"}
BOARD = {"board", "admin"}

PUBLIC_PAGES = ["/", "/auth/login", "/auth/reset", "/auth/logout", "/associations/",
                "/associations/kz", "/toolkit/", "/catalog/businesses", "/catalog/courses",
                "/catalog/overview", "/catalog/methodology", "/stories/", "/roadmap/",
                "/competitions/", "/events/", "/search", "/roadmap/regional", "/roadmap/tj"]

# (path, who gets 200); everyone else signed in gets 403, anonymous visitors go to sign in.
PROTECTED_PAGES = [
    ("/account", set(ROLES) - {"anonymous"}),
    ("/members/", MEMBERS),
    ("/members/{member}", MEMBERS),
    ("/board/applications", BOARD),
    ("/board/applications/{application}", BOARD),
    ("/board/audit", BOARD),
    ("/board/roster", BOARD),
    ("/admin/roles", BOARD),
    ("/admin/roles/holders", BOARD),
    ("/admin/roles/people/{member}", BOARD),
    ("/admin/roles/people/{member}/grant?role=editor&scope=", BOARD),
    ("/admin/roles/people/{member}/revoke?role=editor&scope=", BOARD),
]


@pytest.fixture
def signed_in(client, auth, factories):
    def sign_in_as(role: str):
        user = factories.as_role(role)
        if user is not None:
            assert auth.login(user.email).status_code == 302
        return user
    return sign_in_as


@pytest.fixture
def records(factories):
    return {"member": factories.member().id, "application": factories.applicant().application.id}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_open_to_every_role(client, signed_in, role, path):
    signed_in(role)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["grant", "revoke"])
def test_only_the_board_and_administrators_change_roles(client, signed_in, records, role, action):
    signed_in(role)
    response = client.post(f"/admin/roles/people/{records['member']}/{action}",
                           data={"role": "editor", "scope": "", "confirmed": "yes"})
    expected = {"anonymous": 302}.get(role, 303 if role in BOARD else 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_application_form_sends_signed_in_people_to_their_account(client, signed_in, role):
    signed_in(role)
    response = client.get("/auth/register")
    if role == "anonymous":
        assert response.status_code == 200 and b"Welcome to CCAN!" in response.data
    else:
        assert response.status_code == 302 and response.headers["Location"].endswith("/account")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path, allowed", PROTECTED_PAGES)
def test_protected_pages(client, signed_in, records, role, path, allowed):
    signed_in(role)
    response = client.get(path.format(**records))
    if role in allowed:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert "/auth/login?next=" in response.headers["Location"]
    else:
        assert response.status_code == 403
        expected = b"Your application is with the Board" if role == "applicant" else b"Not allowed"
        assert expected in response.data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_only_the_board_decides_on_applications(client, signed_in, records, role, action):
    signed_in(role)
    response = client.post(f"/board/applications/{records['application']}/{action}",
                           data={"reason": "Not enough detail."})
    expected = {"anonymous": 302}.get(role, 303 if role in BOARD else 403)
    assert response.status_code == expected


def test_every_permission_is_used_by_a_known_role():
    from ccan_web.domain.roles import Role
    from ccan_web.permissions import AUTHENTICATED

    for action, roles in PERMISSIONS.items():
        assert roles <= set(Role) | {AUTHENTICATED}, action


def test_nobody_signed_out_can_do_anything():
    assert not any(can(None, action) for action in PERMISSIONS)


def test_an_association_officer_acts_only_for_their_country(factories):
    officer = factories.user(roles=("association_officer:KZ",))
    assert can(officer, "roadmap.edit_adaptation", "KZ")
    assert not can(officer, "roadmap.edit_adaptation", "UZ")


def test_every_view_outside_the_public_list_declares_its_permission(app):
    """A new route must either be public on purpose or name its permission."""
    public_endpoints = {
        "static", "main.home", "main.set_language", "main.associations", "main.association_detail",
        "main.toolkit", "main.stories", "main.competitions",
        "main.events", "main.search", "accounts.register", "accounts.login", "accounts.logout",
        "accounts.reset_request", "accounts.reset_password", "catalog.index", "catalog.entry_list",
        "catalog.entry_detail", "catalog.overview", "catalog.overview_download", "catalog.export",
        "catalog.methodology",
        "api.entries", "api.entry", "api.openapi",
        "files.public",  # public files only: a private one is a 404 there, served by its area's view
        "site.robots", "site.sitemap_index", "site.sitemap_page", "site.health",
    }
    # The roadmap's permissions depend on the document (a country's officers edit only theirs),
    # so its views ask roadmap.services.may_edit/may_publish, which read the same table.
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.endpoint not in public_endpoints and not rule.endpoint.startswith("roadmap."):
            assert getattr(view, "required_permission", None), rule.endpoint
