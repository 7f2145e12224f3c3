"""The demo data: realistic, idempotent, loadable from the CLI, and usable to sign in with."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from ccan_web import audit, outbox
from ccan_web.blueprints.accounts import services as accounts_services
from ccan_web.blueprints.accounts.models import RoleGrant, User
from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.board.models import Application, SteeringCommitteeMember
from ccan_web.demo import DEMO_PASSWORD, load_demo
from ccan_web.demo_data.people import STEERING_COMMITTEE
from ccan_web.domain.countries import COUNTRY_CODES
from ccan_web.domain.roles import Role

COUNTED = (User, RoleGrant, Application, SteeringCommitteeMember, audit.AuditEntry,
           outbox.OutboxMessage)


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """Hash the ~46 demo passwords at argon2's lowest cost: the demo is about data, not hashing,
    and at full cost each load takes seconds. Sign-in still verifies these real argon2 hashes."""
    monkeypatch.setattr(accounts_services, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _counts(db) -> dict[str, int]:
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in COUNTED}


def _members(db) -> list[User]:
    granted = sa.select(RoleGrant.user_id).where(RoleGrant.role == Role.MEMBER.value)
    return list(db.session.scalars(sa.select(User).where(User.id.in_(granted))))


def _applications(db, status: str) -> list[Application]:
    return list(db.session.scalars(sa.select(Application).where(Application.status == status)))


def test_demo_loads_a_board_members_and_applications_and_loading_again_adds_nothing(db):
    load_demo()
    db.session.commit()

    members = _members(db)
    board_members = [user_by_email(p.email) for p in STEERING_COMMITTEE]
    ordinary = [m for m in members if not m.has_role(Role.BOARD)]
    assert len(ordinary) >= 30
    assert {m.country for m in ordinary} == COUNTRY_CODES
    assert all(u is not None and u.has_role(Role.BOARD) and u.is_member for u in board_members)
    assert {e.country for e in db.session.scalars(sa.select(SteeringCommitteeMember))
            if e.organisation == "British Council"} == {""}
    pending = _applications(db, "pending")
    assert len(pending) >= 3
    assert any(a.user.country == "TJ" and a.user.applicant_type == "organisation" for a in pending)
    rejected = _applications(db, "rejected")
    assert len(rejected) == 1 and rejected[0].rejection_reason
    # Admitted by a Board vote, as through the queue, so the audit log and outbox show it.
    approved_by_vote = [m.application for m in ordinary]
    assert all(a.approvals == 1 and a.admitted_via == "" for a in approved_by_vote)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(outbox.OutboxMessage)) >= 31
    for role in (Role.EDITOR, Role.ROADMAP_EDITOR, Role.ASSOCIATION_OFFICER):
        assert any(role.value in {g.role for g in m.role_grants} for m in members), role

    before = _counts(db)
    summary = load_demo()
    db.session.commit()
    assert _counts(db) == before
    assert "nothing added" in summary


def test_cli_loads_the_demo_and_if_empty_skips_a_database_with_accounts(app, db):
    runner = app.test_cli_runner()

    result = runner.invoke(args=["ccan", "demo"])
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output
    assert STEERING_COMMITTEE[0].email in result.output
    users = _counts(db)["User"]
    assert users >= 45

    result = runner.invoke(args=["ccan", "demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "not loaded" in result.output
    assert _counts(db)["User"] == users


def test_a_demo_board_member_signs_in_with_the_demo_password_and_sees_the_queue(db, client, auth):
    load_demo()
    db.session.commit()
    board_member = STEERING_COMMITTEE[0]

    response = auth.login(board_member.email, DEMO_PASSWORD)
    assert response.status_code in (302, 303)

    response = client.get("/board/applications")
    assert response.status_code == 200
    assert "Умарова" in response.get_data(as_text=True)  # a pending demo applicant
