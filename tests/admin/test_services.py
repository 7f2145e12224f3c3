"""The roles service without a request: who may grant what, what a change records and tells."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from ccan_web.audit import AuditEntry
from ccan_web.blueprints.admin import services
from ccan_web.blueprints.admin.services import Grantor, RoleChange
from ccan_web.domain.errors import Conflict, DomainError, NotAllowed
from ccan_web.domain.roles import BOARD_GRANTS, Role, grantable_roles


def test_an_administrator_may_grant_every_role_and_the_board_the_working_ones():
    assert grantable_roles({Role.ADMIN}) == frozenset(Role)
    assert grantable_roles({Role.BOARD}) == {Role.EDITOR, Role.ASSOCIATION_OFFICER, Role.ROADMAP_EDITOR}
    assert grantable_roles({Role.BOARD, Role.EDITOR}) == BOARD_GRANTS
    for held in ({Role.MEMBER}, {Role.EDITOR}, {Role.ROADMAP_EDITOR}, {Role.ASSOCIATION_OFFICER}, set()):
        assert grantable_roles(held) == frozenset()


def test_the_command_line_may_grant_every_role():
    assert Grantor.command_line().grantable == frozenset(Role)


@pytest.mark.parametrize("role", ["member", "board", "admin"])
def test_the_board_may_neither_grant_nor_revoke_membership_a_seat_or_administration(factories, role):
    board = Grantor.person(factories.board_member())
    person = factories.user(roles=("board", "admin"))
    for action in ("grant", "revoke"):
        with pytest.raises(NotAllowed):
            services.change_role(person, RoleChange(action, role), board)


def test_a_member_may_grant_nothing(factories):
    with pytest.raises(NotAllowed):
        services.change_role(factories.member(), RoleChange("grant", "editor"), Grantor.person(factories.member()))


def test_a_grant_is_stored_once_audited_and_reported(db, factories):
    board_member = factories.board_member()
    person = factories.member(full_name="Nodira Yusupova")
    result = services.change_role(person, RoleChange("grant", "association_officer", "uz"), Grantor.person(board_member))
    assert result.changed and result.granted and result.scope == "UZ"
    assert str(result.description) == "Association officer for Uzbekistan"
    again = services.change_role(person, RoleChange("grant", "association_officer", "UZ"), Grantor.person(board_member))
    assert not again.changed
    db.session.commit()
    assert person.has_role(Role.ASSOCIATION_OFFICER, "UZ") and not person.has_role(Role.ASSOCIATION_OFFICER, "KZ")
    entries = list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == "role.granted")))
    assert len(entries) == 1 and entries[0].actor_id == board_member.id


def test_the_person_is_notified_in_words_with_a_link_to_their_account(app, db, factories):
    from ccan_web.notifications import services as notifications
    from ccan_web.notifications.models import Notification

    person = factories.member(locale="en")
    services.change_role(person, RoleChange("grant", "roadmap_editor"), Grantor.command_line())
    services.change_role(person, RoleChange("revoke", "roadmap_editor"), Grantor.command_line())
    services.change_role(person, RoleChange("revoke", "roadmap_editor"), Grantor.command_line())  # nothing changed
    db.session.commit()
    told = db.session.scalars(select(Notification).where(Notification.user_id == person.id)
                              .order_by(Notification.id)).all()
    assert [(n.kind, n.link) for n in told] == [("role_changed", "/account")] * 2
    assert [notifications.title_of(n) for n in told] == [
        "You have been given the role: Roadmap editor.", "You no longer hold the role: Roadmap editor."]


@pytest.mark.parametrize("change, field", [
    (RoleChange("grant", "emperor"), "role"),
    (RoleChange("grant", "association_officer"), "scope"),
    (RoleChange("grant", "association_officer", "RU"), "scope"),
    (RoleChange("grant", "editor", "KZ"), "scope"),
])
def test_bad_roles_and_countries_are_refused_beside_their_field(factories, change, field):
    with pytest.raises(DomainError) as caught:
        services.change_role(factories.member(), change, Grantor.command_line())
    assert caught.value.field == field


def test_the_board_is_refused_a_role_it_may_not_grant_before_its_country_is_checked(factories):
    with pytest.raises(NotAllowed):
        services.change_role(factories.member(), RoleChange("grant", "admin", "KZ"),
                             Grantor.person(factories.board_member()))


def test_nobody_but_an_administrator_grants_themselves_a_role(factories):
    board_member = factories.board_member()
    with pytest.raises(NotAllowed):
        services.change_role(board_member, RoleChange("grant", "editor"), Grantor.person(board_member))
    admin = factories.user(roles=("admin",))
    assert services.change_role(admin, RoleChange("grant", "editor"), Grantor.person(admin)).changed


def test_the_last_active_administrator_keeps_the_role(db, factories):
    only = factories.user(roles=("admin",), full_name="Only Admin")
    factories.user(roles=("admin",), is_active=False)  # a closed account does not count
    preview = services.preview_change(only, RoleChange("revoke", "admin"), Grantor.command_line())
    assert "Only Admin is the last administrator" in str(preview.refusal)
    with pytest.raises(Conflict):
        services.change_role(only, RoleChange("revoke", "admin"), Grantor.command_line())
    db.session.rollback()
    assert only.has_role(Role.ADMIN)


def test_the_preview_says_when_there_is_nothing_to_do(factories):
    person = factories.user(roles=("editor",))
    by = Grantor.command_line()
    assert services.preview_change(person, RoleChange("grant", "editor"), by).nothing_to_do
    assert not services.preview_change(person, RoleChange("revoke", "editor"), by).nothing_to_do
    assert services.preview_change(person, RoleChange("revoke", "roadmap_editor"), by).nothing_to_do


def test_people_are_found_by_any_part_of_name_or_email(factories):
    factories.member(full_name="Айгерим Нурланова", email="aigerim@example.kz")
    factories.member(full_name="Bakyt Omurov", email="bakyt@example.kg")
    found = lambda q: [u.full_name for u in services.find_people(q, 1, 20).items]  # noqa: E731
    assert found("АЙГЕРИМ") == ["Айгерим Нурланова"]
    assert found("example.kg") == ["Bakyt Omurov"]
    assert found("100%") == []
    assert len(found("")) == 2


def test_holders_are_listed_widest_role_first_and_filtered_by_country(factories):
    factories.user(full_name="Officer", country="KZ", roles=("association_officer:TJ",))
    factories.user(full_name="Admin", country="TJ", roles=("admin",), status="pending")
    page = services.list_holders(services.HolderFilter(), 1, 50)
    assert [role for role, _ in services.group_by_role(page.items)] == ["admin", "association_officer", "member"]
    in_tajikistan = services.list_holders(services.HolderFilter.from_args(None, "tj"), 1, 50).items
    assert sorted(g.user.full_name for g in in_tajikistan) == ["Admin", "Officer"]
