"""The life of a competition through its services: a call, applications, the clock, the jury, the results."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from ccan_web.audit import AuditEntry
from ccan_web.blueprints.competitions import applications, jury, services
from ccan_web.blueprints.competitions.models import Assignment, Competition, Entry
from ccan_web.domain.errors import Conflict, DomainError, Invalid, NotFound
from ccan_web.jobs import PERIODIC
from ccan_web.notifications.models import Notification
from tests.competitions.conftest import CLOSES, call_data, entry_data


def _notices(db, kind):
    return list(db.session.scalars(sa.select(Notification).where(Notification.kind == kind)))


def test_the_times_are_entered_in_a_zone_and_stored_in_utc(make_call):
    competition = make_call("draft")
    # 15:00 in Bishkek (UTC+6) is 09:00 UTC.
    assert competition.opens_at == datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    assert competition.closes_at == datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    assert competition.zone == "Asia/Bishkek"


def test_an_unknown_zone_or_a_closing_before_the_opening_is_refused_beside_the_field(people, db):
    with pytest.raises(Invalid) as refused:
        services.create_call(call_data(zone="Europe/Moscow"), people["board"])
    assert {p.field for p in refused.value.problems} == {"zone"}
    with pytest.raises(Invalid) as refused:
        services.create_call(call_data(closes_local=datetime(2026, 12, 1, 0, 0)), people["board"])
    assert {p.field for p in refused.value.problems} == {"closes_local"}


def test_a_call_without_questions_or_criteria_cannot_be_announced(people, db, clock):
    competition = services.create_call(call_data(), people["board"])
    with pytest.raises(DomainError, match="at least one question"):
        services.take_step(competition, "announce", people["board"])


def test_an_application_is_saved_as_a_draft_then_submitted_and_confirmed(make_call, people, db):
    competition = make_call("open", entries=())
    entry = applications.save_entry(competition, people["applicant"], entry_data(competition, answers={}), False)
    db.session.commit()
    assert entry.state == "draft" and not _notices(db, "competition_application")
    applications.save_entry(competition, people["applicant"], entry_data(competition), True)
    db.session.commit()
    assert entry.state == "submitted" and entry.submitted_at is not None
    assert len(entry.files) == 1 and not entry.files[0].file.public
    [notice] = _notices(db, "competition_application")
    assert notice.user_id == people["applicant"].id
    # Changed after submitting, before the deadline: still submitted, no second confirmation.
    applications.save_entry(competition, people["applicant"], entry_data(competition, name="Kiyiz Art"), True)
    db.session.commit()
    assert entry.name == "Kiyiz Art" and len(_notices(db, "competition_application")) == 1


def test_submitting_without_a_required_answer_is_refused_beside_the_question(make_call, people, db):
    competition = make_call("open", entries=())
    with pytest.raises(Invalid) as refused:
        applications.save_entry(competition, people["applicant"], entry_data(competition, answers={}, files={}), True)
    fields = {p.field for p in refused.value.problems}
    assert fields == {f"q{q.id}" for q in competition.questions}


def test_one_second_before_the_deadline_an_application_is_accepted(make_call, people, db, clock):
    competition = make_call("open", entries=())
    clock.set(competition.closes_at - timedelta(seconds=1))
    entry = applications.save_entry(competition, people["applicant"], entry_data(competition), True)
    db.session.commit()
    assert entry.state == "submitted"


def test_one_second_after_the_deadline_nothing_is_sent_or_changed(make_call, people, db, clock):
    competition = make_call("open", entries=("applicant",))
    clock.set(competition.closes_at + timedelta(seconds=1))  # the job has not run: the state is still open
    assert competition.state == "open"
    with pytest.raises(DomainError, match="closed"):
        applications.save_entry(competition, people["other"], entry_data(competition, country="TJ"), True)
    with pytest.raises(DomainError, match="closed"):
        applications.save_entry(competition, people["applicant"], entry_data(competition, name="Changed"), True)
    db.session.rollback()
    names = db.session.scalars(sa.select(Entry.name)).all()
    assert names == ["Aida Applicant"]


def test_an_application_from_a_country_not_eligible_is_refused(make_call, people, db):
    competition = make_call("open", entries=())
    with pytest.raises(Invalid) as refused:
        applications.save_entry(competition, people["tm"], entry_data(competition, country="TM"), True)
    assert [p.field for p in refused.value.problems] == ["country"]
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Entry.id))) == 0


def test_a_second_application_by_the_same_applicant_is_refused(make_call, people, db):
    competition = make_call("open", entries=("applicant",))
    with pytest.raises(Conflict, match="already applied"):
        applications.start_entry(competition, people["applicant"])
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Entry.id))) == 1


def test_the_unique_constraint_holds_one_application_per_applicant(make_call, people, db):
    competition = make_call("open", entries=("applicant",))
    db.session.add(Entry(competition_id=competition.id, applicant_id=people["applicant"].id, name="x",
                         country="KG", sector="music"))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("data, message", [
    (b"GIF89a not accepted", "This is not an image we accept"),
    (b"%PDF-1.4" + b"0" * (11 * 1024 * 1024), "the largest accepted here is 10 MB"),
])
def test_a_file_too_large_or_of_the_wrong_type_is_refused_beside_the_question(make_call, people, db, data, message):
    from ccan_web.blueprints.competitions.applications import Upload
    from ccan_web.storage.models import StoredFile

    competition = make_call("open", entries=())
    question = next(q for q in competition.questions if q.kind == "file")
    with pytest.raises(DomainError, match=message) as refused:
        applications.save_entry(competition, people["applicant"], entry_data(
            competition, files={question.id: Upload(data, "plan.pdf")}), True)
    assert refused.value.field == f"q{question.id}"
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(StoredFile.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Entry.id))) == 0


def test_the_clock_closes_a_call_once_and_tells_the_board(make_call, people, db, clock):
    competition = make_call("open")
    clock.set(CLOSES - timedelta(seconds=1))
    assert services.run_clock() == {"opened": [], "closed": []}
    clock.set(competition.closes_at)
    assert services.run_clock()["closed"] == ["business-db"]
    db.session.commit()
    assert services.run_clock() == {"opened": [], "closed": []}
    db.session.commit()
    assert competition.state == "closed"
    assert {n.user_id for n in _notices(db, "competition_closed")} == {people["board"].id, people["board2"].id}


def test_the_clock_announces_an_opening_once(people, db, clock, make_call):
    competition = make_call("draft", opens_local=datetime(2026, 12, 6, 16, 0))  # 10:00 UTC, after T0
    services.take_step(competition, "announce", people["board"])
    db.session.commit()
    assert services.phase(competition) == "upcoming"
    assert services.run_clock()["opened"] == []
    clock.set(datetime(2026, 12, 6, 10, 0, tzinfo=UTC))
    assert services.run_clock()["opened"] == ["business-db"]
    assert services.run_clock()["opened"] == []
    db.session.commit()
    assert len(_notices(db, "competition_opened")) == len(people)


def test_the_clock_job_runs_every_minute():
    assert PERIODIC["competitions.clock"].schedule == {"minute": "*"}


def test_judging_assigns_every_submitted_application_to_every_juror(make_call, people, db):
    competition = make_call("judging", scores=False)
    assert db.session.scalar(sa.select(sa.func.count(Assignment.id))) == 4
    assert {n.user_id for n in _notices(db, "competition_jury")} == {people["juror1"].id, people["juror2"].id}


def test_a_score_outside_the_scale_is_refused_and_nothing_is_saved(make_call, people, db):
    competition = make_call("judging", scores=False)
    entry = db.session.scalar(sa.select(Entry).order_by(Entry.id))
    assignment = jury.assignment_for(competition, entry.id, people["juror1"])
    first, second = competition.criteria
    with pytest.raises(Invalid) as refused:
        jury.score(competition, assignment, {first.id: 11, second.id: -1}, "", people["juror1"])
    assert {p.field for p in refused.value.problems} == {f"c{first.id}", f"c{second.id}"}
    db.session.rollback()
    assert db.session.get(Assignment, assignment.id).scores == {}


def test_nobody_scores_another_jurors_assignment(make_call, people, db):
    competition = make_call("judging", scores=False)
    entry = db.session.scalar(sa.select(Entry).order_by(Entry.id))
    assignment = jury.assignment_for(competition, entry.id, people["juror1"])
    with pytest.raises(NotFound):
        jury.score(competition, assignment, {c.id: 5 for c in competition.criteria}, "", people["juror2"])
    with pytest.raises(NotFound):
        jury.assignment_for(competition, entry.id, people["stranger"])


def test_a_conflict_of_interest_takes_the_juror_off_the_application(make_call, people, db):
    competition = make_call("judging", scores=False)
    entry = db.session.scalar(sa.select(Entry).order_by(Entry.id))
    assignment = jury.assignment_for(competition, entry.id, people["juror1"])
    jury.declare_conflict(competition, assignment, "My cousin's studio.", people["juror1"])
    db.session.commit()
    with pytest.raises(DomainError, match="conflict"):
        jury.score(competition, assignment, {c.id: 5 for c in competition.criteria}, "", people["juror1"])
    assert not applications.may_read(entry, people["juror1"])
    row = next(r for r in jury.preview(competition) if r.entry.id == entry.id)
    assert row.standing.needs == 2 and row.open_assignments == 1


def test_publishing_waits_for_every_application_to_have_its_scores(make_call, people, db):
    competition = make_call("judging", scores=False)
    with pytest.raises(DomainError, match="2 applications still need scores"):
        services.take_step(competition, "publish", people["board"])
    db.session.rollback()
    assert db.session.get(Competition, competition.id).state == "judging"


def test_the_ranking_is_the_weighted_mean_with_the_spread(make_call, people, db):
    competition = make_call("judging")
    rows = jury.preview(competition)
    assert [r.place for r in rows] == [1, 2]
    assert all(r.standing.scores == 2 and r.standing.needs == 0 for r in rows)
    assert rows[0].mean >= rows[1].mean
    assert rows[0].spread is not None


def test_an_override_needs_a_reason_and_is_audited(make_call, people, db):
    competition = make_call("judging")
    last = jury.preview(competition)[-1].entry
    with pytest.raises(DomainError, match="reason"):
        jury.override_place(competition, last.id, 1, "  ", people["board"])
    jury.override_place(competition, last.id, 1, "The jury's tie-break, agreed on 3 April.", people["board"])
    db.session.commit()
    assert jury.preview(competition)[0].entry.id == last.id
    assert db.session.scalar(sa.select(AuditEntry.details).where(
        AuditEntry.action == "competition.place_overridden"))["reason"].startswith("The jury")


def test_publishing_tells_every_applicant_at_once_and_the_summary_shows_the_ranking(make_call, people, db, clock):
    competition = make_call("published")
    notices = _notices(db, "competition_results")
    assert {n.user_id for n in notices} == {people["applicant"].id, people["other"].id}
    assert len({n.created_at for n in notices}) >= 1
    summary = services.results_summary("business-db")
    assert summary.applications == 2 and [w.place for w in summary.ranking] == [1, 2]
    assert dict(summary.countries) == {"KG": 1, "TJ": 1}
    assert summary.jury == ["Jamila Juror", "Jasur Juror"]
    assert competition.results_published_at == clock.moment


def test_publishing_twice_publishes_once(make_call, people, db):
    competition = make_call("published")
    with pytest.raises(DomainError):
        services.take_step(competition, "publish", people["board2"])
    db.session.rollback()
    assert len(_notices(db, "competition_results")) == 2


def test_results_are_not_summarised_before_they_are_published(make_call):
    make_call("judging")
    assert services.results_summary("business-db") is None
    assert services.results_summary("no-such") is None


def test_a_disqualified_application_is_not_ranked_and_its_applicant_is_told(make_call, people, db):
    competition = make_call("closed")
    entry = db.session.scalar(sa.select(Entry).where(Entry.applicant_id == people["other"].id))
    with pytest.raises(DomainError, match="reason"):
        applications.disqualify(competition, entry, "", people["board"])
    applications.disqualify(competition, entry, "The plan is another competition's.", people["board"])
    db.session.commit()
    services.take_step(competition, "judge", people["board"])
    db.session.commit()
    assert [r.entry.id for r in jury.preview(competition)] != [] and entry.id not in [
        r.entry.id for r in jury.preview(competition)]
    assert "disqualified" in str(_notices(db, "competition_application")[-1].title["msgid"])
