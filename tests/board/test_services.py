"""The Board's rules: approvals, rejections, the roster, the audit log."""
from __future__ import annotations

import pytest

from ccan_web import audit
from ccan_web.blueprints.accounts import services as accounts
from ccan_web.blueprints.board import services as board
from ccan_web.domain.errors import Conflict, DomainError, NotAllowed
from ccan_web.domain.membership import CRITERION_SLUGS


def test_one_approval_admits_by_default(db, factories, outbox):
    chair = factories.board_member()
    applicant = factories.applicant(email="nurlan@example.kg")
    assert board.approve(applicant.application, chair, approvals_required=1) is True
    db.session.commit()
    assert applicant.application.status == "approved"
    assert applicant.is_member
    assert "approved" in outbox("nurlan@example.kg")[0].subject


def test_with_two_approvals_required_the_first_only_counts(db, factories):
    first, second = factories.board_member(), factories.board_member()
    applicant = factories.applicant()
    assert board.approve(applicant.application, first, approvals_required=2) is False
    db.session.commit()
    assert applicant.application.status == "pending"
    with pytest.raises(Conflict):
        board.approve(applicant.application, first, approvals_required=2)
    db.session.rollback()
    assert board.approve(applicant.application, second, approvals_required=2) is True
    assert applicant.application.status == "approved"


def test_a_board_member_cannot_decide_on_their_own_application(db, factories):
    member = factories.user(roles=("board",), status="pending")
    with pytest.raises(NotAllowed):
        board.approve(member.application, member, approvals_required=1)
    with pytest.raises(NotAllowed):
        board.reject(member.application, member, "conflict of interest")


def test_only_board_members_decide(db, factories):
    editor = factories.user(roles=("editor",))
    applicant = factories.applicant()
    with pytest.raises(NotAllowed):
        board.approve(applicant.application, editor, approvals_required=1)


def test_rejecting_an_application_emails_the_reason(db, factories, outbox):
    chair = factories.board_member()
    applicant = factories.applicant(email="aziz@example.uz", locale="en")
    board.reject(applicant.application, chair, "Please tell us more about your creative work.")
    db.session.commit()
    assert applicant.application.status == "rejected"
    assert not applicant.is_member
    message = outbox("aziz@example.uz")[-1]
    assert "Please tell us more about your creative work." in message.body


def test_a_rejection_needs_a_reason(db, factories):
    chair, applicant = factories.board_member(), factories.applicant()
    with pytest.raises(DomainError) as caught:
        board.reject(applicant.application, chair, "   ")
    assert caught.value.field == "reason"


def test_a_decided_application_cannot_be_decided_again(db, factories):
    chair, other = factories.board_member(), factories.board_member()
    applicant = factories.applicant()
    board.reject(applicant.application, chair, "Not in the region.")
    db.session.commit()
    with pytest.raises(Conflict):
        board.approve(applicant.application, other, approvals_required=1)


def test_every_decision_is_in_the_audit_log(db, factories):
    chair = factories.board_member()
    one, two = factories.applicant(), factories.applicant()
    board.approve(one.application, chair, 1)
    board.reject(two.application, chair, "Incomplete.")
    db.session.commit()
    actions = [e.action for e in db.session.scalars(audit.entries_query())]
    assert "application.approved" in actions and "application.rejected" in actions


def test_applications_filter_by_country_type_and_status(db, factories):
    factories.applicant(country="TJ", applicant_type="organisation", organisation_name="Dushanbe Jazz")
    factories.applicant(country="TJ")
    factories.applicant(country="KZ")
    factories.member(country="TJ")

    def count(**kw):
        return len(db.session.scalars(board.applications_query(board.ApplicationFilter(**kw))).all())

    assert count(country="TJ") == 2
    assert count(country="TJ", applicant_type="organisation") == 1
    assert count(status=None, country="TJ") == 3
    assert count(status="approved") == 1
    assert board.status_counts()["pending"] == 3


ROSTER = """name,email,country,organisation
Aida Sadykova,aida@example.kg,KG,Bishkek Art Hub
Jane Smith,JANE@britishcouncil.example,,British Council
"""


def test_the_roster_admits_existing_accounts_at_once(db, factories):
    existing = factories.applicant(email="aida@example.kg")
    rows, errors = board.parse_roster_csv(ROSTER)
    assert errors == []
    result = board.import_roster(rows)
    db.session.commit()
    assert result.added == 2 and result.admitted == ["aida@example.kg"]
    assert existing.has_role("board") and existing.is_member
    assert existing.application.status == "approved"
    assert existing.application.admitted_via == "steering-committee"
    again = board.import_roster(rows)
    assert again.added == 0 and again.updated == 2 and again.admitted == []


def test_a_roster_person_who_registers_later_joins_the_board(db):
    rows, _ = board.parse_roster_csv(ROSTER)
    board.import_roster(rows)
    db.session.commit()
    user = board.register(accounts.RegistrationData(
        email="jane@BritishCouncil.example", password="tea-and-theatre-2021",
        profile=accounts.ProfileData(full_name="Jane Smith", applicant_type="organisation",
                                     organisation_name="British Council", legal_status="Charity",
                                     country="UZ", city="Tashkent", sectors=("music",)),
        motivation="Steering Committee member since 2021.", accepted_criteria=frozenset(CRITERION_SLUGS)))
    db.session.commit()
    assert user.has_role("board") and user.application.status == "approved"


@pytest.mark.parametrize("text, message", [
    ("nom,mail\nA,b@c.d\n", "missing column"),
    ("name,email,country\nA,not-an-email,KZ\n", "row 2"),
    ("name,email,country\nA,a@b.c,XX\n", "unknown country"),
    ("name,email\n,a@b.c\n", "name is empty"),
    ("name,email\nAida\u202e Sadykova,a@b.c\n", "row 2: Remove the character U+202E"),
    ("name,email,organisation\nAida,a@b.c,Hub\u0000\n", "row 2: Remove the control character U+0000"),
    ("name,email\n\u00ad\u3164,a@b.c\n", "row 2: Write the name in visible letters"),
    ("name,email\n" + "A" * 121 + ",a@b.c\n", "at most 120 characters"),
])
def test_a_malformed_roster_is_refused_with_the_line(db, text, message):
    rows, errors = board.parse_roster_csv(text)
    assert rows == [] and message in errors[0]


def test_applying_tells_the_applicant_and_every_board_member(db, factories, outbox):
    chair = factories.board_member(email="chair@example.kg", locale="en")
    factories.board_member(email="second@example.kz", locale="en")
    board.register(accounts.RegistrationData(
        email="new@example.tm", password="carpet-weaver-loom-7",
        profile=accounts.ProfileData(full_name="Aýna Öwezowa", applicant_type="individual",
                                     organisation_name="", legal_status="", country="TM",
                                     city="Ashgabat", sectors=("fashion-design-crafts",)),
        motivation="I weave carpets and teach young weavers.", accepted_criteria=frozenset(CRITERION_SLUGS)))
    db.session.commit()
    assert "received your application" in outbox("new@example.tm")[0].subject
    to_chair = outbox(chair.email)
    assert len(to_chair) == 1 and "Aýna Öwezowa" in to_chair[0].subject
    assert "Turkmenistan" in to_chair[0].body
    assert len(outbox("second@example.kz")) == 1


@pytest.mark.parametrize("reason", ["Outside\x00 the region.", "Outside the \u202eregion."])
def test_a_reason_with_a_control_or_a_direction_trick_is_refused(db, factories, reason):
    chair = factories.board_member()
    application = factories.applicant().application
    with pytest.raises(DomainError) as caught:
        board.reject(application, chair, reason)
    assert caught.value.field == "reason"
