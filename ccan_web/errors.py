"""Translated error pages for every status a visitor can meet."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, redirect, render_template, request, url_for
from flask_login import current_user
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from ccan_web.extensions import db
from ccan_web.htmx import htmx_redirect
from ccan_web.jsonapi import is_api_request, json_error

ERROR_TEXT = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (
        _l("Not allowed"),
        _l("Your account does not have access to this page. If you think it should, ask the Board."),
    ),
    404: (
        _l("Page not found"),
        _l("There is nothing at this address. It may have moved, or the link may be mistyped."),
    ),
    405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
    413: (
        _l("Too large"),
        _l("What you sent is larger than the platform accepts. Send a smaller file or less text."),
    ),
    429: (
        _l("Too many attempts"),
        _l("You have tried this too many times in a short while. Wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error on our side stopped this page. It has been logged; please try again later."),
    ),
}
PENDING_TEXT = (
    _l("Your application is with the Board"),
    _l("This page is for members. It opens for you as soon as the Board approves your application; "
       "you will get an email then."),
)
UNKNOWN_HOST_TEXT = (
    _l("Bad request"),
    _l("The platform is not served at this address. Use its usual address instead."),
)
CSRF_TEXT = (
    _l("The form expired"),
    _l("The page was open too long or in another session. Reload the page and send the form again."),
)


def words_of_path(path: str) -> str:
    """The words of an address's last part ("/stories/pamir-frames" gives "pamir frames"), to start
    the error page's search with; nothing when that part is not words (an id, a file name)."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    words = re.split(r"[-_+ ]+", last)
    return " ".join(words)[:100] if last and all(w.isalpha() for w in words if w) else ""


CSRF_TYPED_TEXT = _l("Nothing was saved. What you typed is below: copy it, reload the form and paste it in.")
NOT_TYPED = re.compile(r"password|token|csrf|_number$|^choice-|^offered-", re.IGNORECASE)


def typed_text() -> list[str]:
    """What a refused form carried that a person typed (not passwords, tokens or the form's own
    numbers), to show back so that nothing typed is lost. Only for a form of this site: a form
    posted from elsewhere must not put its text on our pages."""
    if request.method != "POST":
        return []
    came_from = request.headers.get("Origin") or request.referrer or ""
    if urlsplit(came_from).netloc != request.host:
        return []
    return [value for name, value in request.form.items(multi=True)
            if value.strip() and value != "-" and not NOT_TYPED.search(name) and not value.strip().isdigit()][:20]


def render_error(status: int, title=None, message=None, typed=()):
    default_title, default_message = ERROR_TEXT.get(status, ERROR_TEXT[500])
    if is_api_request():  # a program reads the API: its errors are JSON too
        return json_error(status, title or default_title)
    html = render_template(
        "errors/error.html",
        status=status,
        title=title or default_title,
        message=message or default_message,
        query=words_of_path(request.path) if status == 404 else "",
        typed=typed,
    )
    return html, status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        typed = typed_text()
        title, message = CSRF_TEXT
        return render_error(400, title, CSRF_TYPED_TEXT if typed else message, typed)

    @app.errorhandler(SecurityError)
    def unknown_host(error):
        # A Host header outside TRUSTED_HOSTS: Flask refuses it before it can build any link, so
        # the page says so without the site's links and stylesheet rather than failing on them.
        title, message = UNKNOWN_HOST_TEXT
        return render_template("errors/unknown_host.html", title=title, message=message), 400

    @app.errorhandler(401)
    def unauthorised(error):
        target = url_for("accounts.login", next=request.full_path.rstrip("?"))
        return htmx_redirect(target, redirect(target))

    @app.errorhandler(403)
    def forbidden(error):
        application = getattr(current_user, "application", None)
        if application is not None and application.status == "pending":
            return render_error(403, *PENDING_TEXT)
        return render_error(403)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        if is_api_request():
            title = ERROR_TEXT[status][0] if status in ERROR_TEXT else error.name
            return json_error(status, title, allow=getattr(error, "valid_methods", None))
        if status not in ERROR_TEXT:
            return error
        return render_error(status)

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_error(500)
