"""The outbox: every email is kept here, then sent over SMTP (when it is configured) by a job on
the queue, once the transaction that wrote it has committed: nobody waits for the mail server."""
from __future__ import annotations

import smtplib
from datetime import datetime
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import JSON, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from ccan_web import jobs
from ccan_web.db import AwareDateTime, utcnow
from ccan_web.domain.languages import DEFAULT_LOCALE
from ccan_web.extensions import db

MAX_ATTEMPTS = 5


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow, index=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # Extra headers, such as List-Unsubscribe on notifications.
    headers: Mapped[dict | None] = mapped_column(JSON)
    sent_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


def queue(recipient: str, subject: str, body: str, headers: dict[str, str] | None = None) -> OutboxMessage:
    """Add a message to the outbox in the current transaction: it is sent only if that commits."""
    message = OutboxMessage(recipient=recipient, subject=str(subject)[:200], body=str(body), headers=headers)
    db.session.add(message)
    db.session.flush()
    jobs.enqueue("mail.send", message_id=message.id)
    return message


def queue_for(user, subject, body) -> OutboxMessage:
    """Queue a message to `user` in their own language.

    `subject` and `body` are lazy strings (lazy_gettext with their values already bound), so
    they are translated here, in the recipient's locale, not in the locale of whoever acted.
    """
    with force_locale(user.locale or DEFAULT_LOCALE):
        return queue(user.email, str(subject), str(body))


def smtp_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def pending_query():
    return (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMessage.id)
    )


def _send(smtp: smtplib.SMTP, message: OutboxMessage) -> None:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    for name, value in (message.headers or {}).items():
        email[name] = value
    email.set_content(message.body)
    smtp.send_message(email)


def deliver_pending(limit: int = 100) -> tuple[int, int]:
    """Send what is waiting; commits its own bookkeeping. Returns (sent, failed)."""
    if not smtp_configured():
        return 0, 0
    messages = db.session.scalars(pending_query().limit(limit)).all()
    if not messages:
        return 0, 0
    config = current_app.config
    sent = failed = 0
    try:
        smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20)
    except (OSError, smtplib.SMTPException) as exc:
        for message in messages:
            message.attempts += 1
            message.last_error = f"connect: {exc}"
        db.session.commit()
        return 0, len(messages)
    with smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        for message in messages:
            message.attempts += 1
            try:
                _send(smtp, message)
            except (OSError, smtplib.SMTPException) as exc:
                message.last_error = str(exc)
                failed += 1
            else:
                message.sent_at = utcnow()
                message.last_error = ""
                sent += 1
            db.session.commit()
    return sent, failed


@jobs.task("mail.send", retries=5)
def send_one(message_id: int) -> None:
    """The job that sends one message: a failure is retried with backoff by the queue, and the
    message is marked sent in the job's own transaction. Nothing is sent without MAIL_SERVER (the
    message waits in the outbox, for `flask ccan outbox --send`), or twice once marked sent."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.sent_at is not None or not smtp_configured():
        return
    config = current_app.config
    message.attempts += 1
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            _send(smtp, message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailNotSent(f"{type(exc).__name__}: {exc}") from exc
    message.sent_at = utcnow()
    message.last_error = ""


class MailNotSent(Exception):
    """The mail server refused or could not be reached; the job is retried."""
