"""Writes that can race: two browsers submitting at the same moment never make two of anything."""
from __future__ import annotations

import threading

from sqlalchemy import func, select

from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.board.models import ApplicationVote
from ccan_web.domain.membership import CRITERION_SLUGS
from tests.factories import Factories


def run_together(*calls):
    """Start every call at the same instant in its own thread; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def signed_in_clients(app, db, *users):
    """One browser per user, each signed in; the test's own transaction is ended first."""
    clients = []
    for user in users:
        client = app.test_client()
        client.post("/auth/login", data={"email": user.email, "password": Factories.PASSWORD})
        clients.append(client)
    db.session.commit()
    return clients


def test_two_simultaneous_applications_with_one_email_make_one_account(app, db):
    form = {"email": "same@example.kz", "password": "yurt-felt-pattern-5", "full_name": "Same Person",
            "applicant_type": "individual", "country": "KZ", "city": "Astana", "sectors": ["music"],
            "motivation": "I compose music for theatre and film.", "criteria": list(CRITERION_SLUGS)}
    db.session.commit()
    clients = [app.test_client(), app.test_client(), app.test_client()]
    statuses = run_together(*[lambda c=c: c.post("/auth/register", data=form).status_code for c in clients])
    assert sorted(statuses) == [302, 422, 422]
    db.session.rollback()
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_two_board_members_approving_at_once_admit_exactly_once(app, db, factories):
    app.config["BOARD_APPROVALS_REQUIRED"] = 2
    try:
        first, second = factories.board_member(), factories.board_member()
        applicant = factories.applicant()
        application_id = applicant.application.id
        clients = signed_in_clients(app, db, first, second)
        run_together(*[lambda c=c: c.post(f"/board/applications/{application_id}/approve",
                                             data={"confirmed": "yes"}).status_code
                       for c in clients])
        db.session.rollback()
        votes = db.session.scalar(select(func.count(ApplicationVote.id)))
        db.session.refresh(applicant.application)
        assert votes == 2
        assert applicant.application.status == "approved"
        assert [g.role for g in applicant.role_grants].count("member") == 1
    finally:
        app.config["BOARD_APPROVALS_REQUIRED"] = 1


def test_approve_and_reject_at_once_decide_once(app, db, factories, outbox):
    first, second = factories.board_member(), factories.board_member()
    applicant = factories.applicant(email="racing@example.tj")
    application_id = applicant.application.id
    clients = signed_in_clients(app, db, first, second)
    run_together(
        lambda: clients[0].post(f"/board/applications/{application_id}/approve", data={"confirmed": "yes"}).status_code,
        lambda: clients[1].post(f"/board/applications/{application_id}/reject", data={"reason": "No."}).status_code,
    )
    db.session.rollback()
    db.session.refresh(applicant.application)
    assert applicant.application.status in {"approved", "rejected"}
    assert len(outbox("racing@example.tj")) == 1  # one decision, one letter


def test_two_administrators_granting_one_role_at_once_store_it_once(app, db, factories):
    first, second = factories.user(roles=("admin",)), factories.user(roles=("admin",))
    person = factories.member()
    person_id = person.id
    clients = signed_in_clients(app, db, first, second)
    statuses = run_together(*[lambda c=c: c.post(f"/admin/roles/people/{person_id}/grant",
                                                  data={"role": "editor", "scope": "", "confirmed": "yes"}).status_code
                              for c in clients])
    assert statuses == [303, 303]
    db.session.rollback()
    from ccan_web.audit import AuditEntry
    from ccan_web.blueprints.accounts.models import RoleGrant
    assert db.session.scalar(select(func.count(RoleGrant.id)).where(RoleGrant.user_id == person_id,
                                                                      RoleGrant.role == "editor")) == 1
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "role.granted")) == 1


def test_two_administrators_revoking_each_other_at_once_leave_one(app, db, factories):
    first, second = factories.user(roles=("admin",)), factories.user(roles=("admin",))
    first_id, second_id = first.id, second.id
    clients = signed_in_clients(app, db, first, second)
    statuses = run_together(
        lambda: clients[0].post(f"/admin/roles/people/{second_id}/revoke",
                                data={"role": "admin", "scope": "", "confirmed": "yes"}).status_code,
        lambda: clients[1].post(f"/admin/roles/people/{first_id}/revoke",
                                data={"role": "admin", "scope": "", "confirmed": "yes"}).status_code,
    )
    # Whichever came second was refused (or found it may no longer act): never a server error.
    assert all(status in (303, 403) for status in statuses)
    db.session.rollback()
    from ccan_web.blueprints.accounts.models import RoleGrant
    assert db.session.scalar(select(func.count(RoleGrant.id)).where(RoleGrant.role == "admin")) == 1
