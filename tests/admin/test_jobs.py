"""/admin/jobs: administrators see the jobs, failed first with their last error, and run one again."""
from __future__ import annotations

import sqlalchemy as sa

from ccan_web.jobs import Job


def failed(db) -> Job:
    job = Job(name="mail.send", payload={"message_id": 424242}, state="failed", attempts=6, max_attempts=6,
              last_error="Traceback…\nccan_web.outbox.MailNotSent: SMTPServerDisconnected: gone")
    db.session.add(job)
    db.session.commit()
    return job


def test_an_administrator_sees_the_failed_jobs_with_their_error_and_runs_one_again(client, auth, db, factories):
    job = failed(db)
    auth.login(factories.user(roles=("admin",)).email)
    page = client.get("/admin/jobs").get_data(as_text=True)
    assert "mail.send" in page and "SMTPServerDisconnected: gone" in page and "Traceback" not in page
    assert "Run again" in page and "6 / 6" in page
    response = client.post(f"/admin/jobs/{job.id}/retry")
    assert response.status_code == 303
    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert job.state == "done" and job.attempts == 7  # its message is gone: the job ends quietly
    again = client.post(f"/admin/jobs/{job.id}/retry", follow_redirects=True).get_data(as_text=True)
    assert "has not failed" in again


def test_an_unknown_state_shows_the_failed_ones(client, auth, db, factories):
    failed(db)
    auth.login(factories.user(roles=("admin",)).email)
    assert "SMTPServerDisconnected" in client.get("/admin/jobs?state=bogus").get_data(as_text=True)


def test_the_board_and_others_may_not_see_the_jobs(client, auth, db, factories):
    job = failed(db)
    for user in (factories.board_member(), factories.user(roles=("editor",))):
        auth.login(user.email)
        assert client.get("/admin/jobs").status_code == 403
        assert client.post(f"/admin/jobs/{job.id}/retry").status_code == 403
        auth.logout()
    assert db.session.scalar(sa.select(Job.state)) == "failed"
    assert client.get("/admin/jobs").status_code == 302
