"""Mail goes through the outbox; it is sent over SMTP only when SMTP is configured."""
from __future__ import annotations

import smtplib

import pytest

from ccan_web import outbox as outbox_module


class FakeSMTP:
    sent: list = []
    fail_with: Exception | None = None

    def __init__(self, host, port, timeout=None):
        self.host, self.port = host, port

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        if FakeSMTP.fail_with:
            raise FakeSMTP.fail_with
        FakeSMTP.sent.append(message)


@pytest.fixture
def smtp(app, monkeypatch):
    FakeSMTP.sent, FakeSMTP.fail_with = [], None
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    app.config["MAIL_SERVER"] = "smtp.test"
    yield FakeSMTP
    app.config["MAIL_SERVER"] = ""


def test_without_smtp_mail_waits_in_the_outbox(client, outbox):
    client.post("/auth/register", data={})  # nothing queued by a failed form
    outbox_module.queue("a@example.kz", "Hello", "Body")
    assert outbox_module.deliver_pending() == (0, 0)
    assert outbox()[0].sent_at is None


def test_mail_queued_by_a_request_is_sent_by_a_job_after_it_commits(client, factories, smtp, outbox):
    factories.member(email="gulnara@example.kz")
    client.post("/auth/reset", data={"email": "gulnara@example.kz"})
    assert [m["To"] for m in smtp.sent] == ["gulnara@example.kz"]
    assert outbox()[0].sent_at is not None


def test_a_failed_send_stays_in_the_outbox_and_its_job_retries_later(app, db, factories, smtp, outbox):
    from ccan_web.jobs import Job

    smtp.fail_with = smtplib.SMTPRecipientsRefused({})
    factories.member(email="gulnara@example.kz")
    app.test_client().post("/auth/reset", data={"email": "gulnara@example.kz"})
    message = outbox()[0]
    job = db.session.scalars(db.select(Job).where(Job.name == "mail.send")).one()
    assert message.sent_at is None
    assert (job.state, job.attempts) == ("queued", 1) and "SMTPRecipientsRefused" in job.last_error
    assert job.run_after > job.created_at  # backed off, not retried at once
    smtp.fail_with = None
    result = app.test_cli_runner().invoke(args=["ccan", "outbox", "--send"])
    assert "1 sent" in result.output


def test_the_cli_shows_the_outbox(app, db):
    outbox_module.queue("a@example.kz", "Welcome", "Hello there")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["ccan", "outbox"])
    assert "To: a@example.kz" in result.output and "Hello there" in result.output and "waiting" in result.output
