"""Guards a form against being submitted twice (a double click, a resent POST after "back")."""
from __future__ import annotations

import secrets

from flask import session

_KEY = "done_submissions"
_REMEMBERED = 20


def new_submission_id() -> str:
    return secrets.token_urlsafe(16)


def already_done(submission_id: str | None) -> bool:
    return bool(submission_id) and submission_id in session.get(_KEY, [])


def mark_done(submission_id: str | None) -> None:
    if not submission_id:
        return
    done = [s for s in session.get(_KEY, []) if s != submission_id]
    session[_KEY] = (done + [submission_id])[-_REMEMBERED:]
