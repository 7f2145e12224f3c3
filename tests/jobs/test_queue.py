"""The job queue in the process (JOBS_BROKER=immediate): a job runs after the commit that queued
it, never for a transaction rolled back; failures retry with backoff and then stay visible; a
job whose worker died runs again and its effect lands once; payloads for records deleted
meanwhile are no error."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ccan_web import jobs
from ccan_web.audit import AuditEntry
from ccan_web.db import utcnow
from ccan_web.jobs import Job
from tests.jobs import tasks_for_tests


def effects(db, key: str) -> int:
    return sum(1 for entry in db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "tests.effect"))
               if (entry.details or {}).get("key") == key)


def the_job(db) -> Job:
    db.session.expire_all()
    return db.session.scalars(sa.select(Job)).one()


def test_a_job_runs_once_its_transaction_commits_and_not_if_it_rolls_back(app, db):
    jobs.enqueue("tests.flaky", key="rolled-back", fail_times=0)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Job.id))) == 0
    jobs.enqueue("tests.flaky", key="committed", fail_times=0)
    assert effects(db, "committed") == 0  # not before the commit
    db.session.commit()
    assert effects(db, "committed") == 1
    job = the_job(db)
    assert (job.state, job.attempts, job.last_error) == ("done", 1, "") and job.finished_at is not None


def test_a_failing_job_is_retried_with_backoff_then_kept_as_failed_with_its_error(app, db):
    tasks_for_tests.FAILURES.clear()
    jobs.enqueue("tests.flaky", key="always", fail_times=99)
    db.session.commit()
    job = the_job(db)
    assert (job.state, job.attempts) == ("queued", 1) and "failure 1 of always" in job.last_error
    first_wait = job.run_after - utcnow()
    assert timedelta(seconds=25) < first_wait <= timedelta(seconds=30)
    assert jobs.run_due() == []  # not due yet
    for expected_state, attempts in (("queued", 2), ("failed", 3)):
        db.session.execute(sa.update(Job).values(run_after=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        jobs.run_due()
        job = the_job(db)
        assert (job.state, job.attempts) == (expected_state, attempts)
    assert "failure 3 of always" in job.last_error and effects(db, "always") == 0
    listed = app.test_cli_runner().invoke(args=["ccan", "jobs", "--failed"])
    assert "tests.flaky  failed  attempt 3 of 3" in listed.output and "failure 3 of always" in listed.output


def test_an_admin_retries_a_failed_job_once_its_cause_is_fixed(app, db):
    tasks_for_tests.FAILURES.clear()
    jobs.enqueue("tests.flaky", key="fixed", fail_times=3)
    db.session.commit()
    for _ in range(2):
        db.session.execute(sa.update(Job).values(run_after=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        jobs.run_due()
    assert the_job(db).state == "failed"
    result = app.test_cli_runner().invoke(args=["ccan", "jobs", "--retry", str(the_job(db).id)])
    assert "queued again" in result.output
    job = the_job(db)
    assert (job.state, job.attempts) == ("done", 4) and effects(db, "fixed") == 1
    again = app.test_cli_runner().invoke(args=["ccan", "jobs", "--retry", str(job.id)])
    assert again.exit_code != 0 and "has not failed" in again.output


def test_a_job_whose_worker_died_runs_again_once_its_lease_ends_and_its_effect_lands_once(app, db):
    # As a killed worker leaves it: running, its writes never committed, its lease running out.
    job = Job(name="tests.flaky", payload={"key": "orphan", "fail_times": 0}, state="running", attempts=1,
              max_attempts=5, lease_until=utcnow() + timedelta(minutes=5))
    db.session.add(job)
    db.session.commit()
    assert jobs.run_due() == []  # its worker may still be alive
    db.session.execute(sa.update(Job).values(lease_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert jobs.run_due() == ["done"]
    assert jobs.run_due() == []
    assert effects(db, "orphan") == 1 and the_job(db).attempts == 2


def test_a_message_delivered_twice_runs_the_job_once(app, db):
    jobs.enqueue("tests.flaky", key="twice", fail_times=0)
    db.session.commit()
    job_id = the_job(db).id
    with app.app_context():
        assert jobs.execute(job_id) == "skipped"
    assert effects(db, "twice") == 1


def test_a_periodic_run_is_recorded_once_per_slot_whichever_scheduler_starts_it(app, db):
    with app.app_context():
        jobs.start_periodic("files.clean", "2026-12-05T02:30")
    with app.app_context():
        jobs.start_periodic("files.clean", "2026-12-05T02:30")
    with app.app_context():
        jobs.start_periodic("files.clean", "2026-12-06T02:30")
    names = db.session.scalars(sa.select(Job.unique_key).order_by(Job.id)).all()
    assert names == ["files.clean@2026-12-05T02:30", "files.clean@2026-12-06T02:30"]
    assert {job.state for job in db.session.scalars(sa.select(Job))} == {"done"}


def test_a_job_for_a_record_deleted_meanwhile_ends_quietly(app, db, factories):
    from ccan_web.notifications.models import Notification
    from ccan_web.outbox import OutboxMessage

    jobs.enqueue("mail.send", message_id=987654)
    jobs.enqueue("files.variants", file_id=987654)
    jobs.enqueue("notifications.email", notification_id=987654)
    jobs.enqueue("catalog.import.check", job_id=987654, attempt=1)
    db.session.commit()
    assert {job.state for job in db.session.scalars(sa.select(Job))} == {"done"}
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 0


def test_an_unknown_task_fails_visibly_instead_of_vanishing(app, db):
    db.session.add(Job(name="no.such.task", payload={}, max_attempts=3))
    db.session.commit()
    assert jobs.run_due() == ["failed"]
    job = the_job(db)
    assert job.state == "failed" and "no task is registered" in job.last_error
