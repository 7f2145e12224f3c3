"""One way to tell a person that something concerning them happened: `notify`.

A notification is kept for the person (the bell in the header counts the unread ones; the list is
at /notifications) and, as the person chooses for each kind, emailed at once, gathered in a daily
digest, or never emailed. Emails are written in the person's language, link to the page they speak
of and to the preferences, and carry a one-click unsubscribe header (RFC 8058). The sending is a
job on the queue (ccan_web/jobs), never the request's own work.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select, update

from ccan_web import jobs, outbox
from ccan_web.blueprints.accounts.models import User
from ccan_web.db import utcnow
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.domain.languages import DEFAULT_LOCALE
from ccan_web.domain.messages import Message
from ccan_web.domain.messages import Message as _l
from ccan_web.domain.countries import COUNTRIES
from ccan_web.domain.notifications import DAILY, DELIVERIES, KINDS, NEVER, NOW, default_delivery, kinds_for
from ccan_web.extensions import db
from ccan_web.memo import once_per_request
from ccan_web.notifications.models import Notification, NotificationSetting
from ccan_web.pagination import Page, paginate
from ccan_web.permissions import can

PER_PAGE = 30
UNSUBSCRIBE_SALT = "ccan-unsubscribe"
ALL_KINDS = "*"


def site_path(endpoint: str, **values) -> str:
    """The path of `endpoint` on this site (under the public base URL's own path), built without a
    request, as a background job must."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    urls = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return urls.build(endpoint, values)


def notify(user: User | None, kind: str, title: Message, link: str = "", body: Message | None = None,
           ) -> Notification | None:
    """Tell `user` (if any, and active) that something of `kind` happened: `title` in a line, `body`
    (for the email) in a few, `link` the site path of the page it speaks of. In the current
    transaction: nothing is told unless it commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if user is None or not user.is_active:
        return None
    delivery = delivery_for(user, kind)
    notification = Notification(user_id=user.id, kind=kind, title=title.as_data(),
                                body=body.as_data() if body is not None else None, link=link,
                                email_due="" if delivery == NEVER else delivery)
    db.session.add(notification)
    db.session.flush()
    if delivery == NOW:
        jobs.enqueue("notifications.email", notification_id=notification.id)
    return notification


def title_of(notification: Notification) -> str:
    return str(Message.from_data(notification.title))


def body_of(notification: Notification) -> str:
    return str(Message.from_data(notification.body)) if notification.body else ""


# Reading ------------------------------------------------------------------------------------------

def unread_count(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


@once_per_request
def my_unread_count() -> int:
    """The bell's figure for whoever is signed in (0 for a visitor): one count on an index."""
    if not current_user.is_authenticated:
        return 0
    return unread_count(current_user)


def page_of(user: User, unread_only: bool, page: int) -> Page:
    query = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return paginate(query.order_by(Notification.id.desc()), page, PER_PAGE)


def get_own(user: User, notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound(_l("There is no such notification."))
    return notification


def mark_read(user: User, notification_id: int, read: bool = True) -> Notification:
    notification = get_own(user, notification_id)
    notification.read_at = (notification.read_at or utcnow()) if read else None
    return notification


def mark_all_read(user: User) -> int:
    return db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow())).rowcount


def open_link(user: User, notification_id: int) -> str:
    """Mark it read and give the page it speaks of (a path on this site; the list if it has none)."""
    notification = mark_read(user, notification_id)
    link = notification.link
    return link if link.startswith("/") and not link.startswith("//") else ""


# Preferences --------------------------------------------------------------------------------------

def delivery_for(user: User, kind: str) -> str:
    chosen = db.session.get(NotificationSetting, (user.id, kind))
    return chosen.delivery if chosen else default_delivery(kind)


def kinds_of(user: User) -> list[str]:
    """The kinds `user` can be told of: a Board member hears of new applications, an editor of
    duplicates and imports, an association officer of the regional roadmap; everyone of the rest."""
    def may(permission: str) -> bool:
        return can(user, permission) or any(can(user, permission, country.code) for country in COUNTRIES)

    return kinds_for(may)


def settings_of(user: User) -> dict[str, str]:
    """Each kind `user` can be told of, with their choice (or its default)."""
    chosen = {row.kind: row.delivery for row in db.session.scalars(
        select(NotificationSetting).where(NotificationSetting.user_id == user.id))}
    return {kind: chosen.get(kind, default_delivery(kind)) for kind in kinds_of(user)}


def save_settings(user: User, choices: dict[str, str]) -> None:
    """Keep the choice for each kind `user` can be told of (each must be a known delivery)."""
    kinds = kinds_of(user)
    for kind in kinds:
        if choices.get(kind) not in DELIVERIES:
            raise DomainError(_l("Choose how to hear of this."), field=f"kind_{kind}")
    for kind in kinds:
        _set_delivery(user, kind, choices[kind])


def _set_delivery(user: User, kind: str, delivery: str) -> None:
    row = db.session.get(NotificationSetting, (user.id, kind))
    if row is None:
        db.session.add(NotificationSetting(user_id=user.id, kind=kind, delivery=delivery))
    else:
        row.delivery = delivery
    if delivery == NEVER:  # owed emails of this kind are not sent after all
        db.session.execute(update(Notification).where(
            Notification.user_id == user.id, Notification.kind == kind, Notification.email_due != "")
            .values(email_due=""))


def unsubscribe_token(user: User, kind: str = ALL_KINDS) -> str:
    serializer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)
    return serializer.dumps({"u": user.id, "k": kind})


def unsubscribe_target(token: str) -> tuple[User, str]:
    """The person and kind a link from an email names; a tampered or outdated link is refused."""
    serializer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)
    try:
        data = serializer.loads(token)
    except BadSignature:
        raise DomainError(_l("This unsubscribe link is not valid. Sign in and choose your email "
                             "preferences instead.")) from None
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    kind = data.get("k") if isinstance(data, dict) else None
    if user is None or (kind != ALL_KINDS and kind not in KINDS):
        raise DomainError(_l("This unsubscribe link is not valid. Sign in and choose your email "
                             "preferences instead."))
    return user, kind


def unsubscribe(token: str) -> tuple[User, str]:
    """Stop the emails a link names (one kind, or all): the notifications stay on the site."""
    user, kind = unsubscribe_target(token)
    for each in (KINDS if kind == ALL_KINDS else (kind,)):
        _set_delivery(user, each, NEVER)
    return user, kind


# Emails (jobs) --------------------------------------------------------------------------------------

def _absolute(path: str) -> str:
    return current_app.config["PUBLIC_BASE_URL"] + path


def _footer(user: User, kind: str) -> str:
    return str(_l("Choose which emails you get: %(settings)s\nStop these emails: %(unsubscribe)s",
                  settings=_absolute(site_path("notifications.settings")),
                  unsubscribe=_absolute(site_path("notifications.unsubscribe",
                                                  token=unsubscribe_token(user, kind)))))


def _unsubscribe_headers(user: User, kind: str) -> dict[str, str]:
    link = _absolute(site_path("notifications.unsubscribe", token=unsubscribe_token(user, kind)))
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


@jobs.task("notifications.email")
def email_one(notification_id: int) -> None:
    """Email one notification, unless it was sent already, is no longer owed, or is gone."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.email_due != NOW:
        return
    user = db.session.get(User, notification.user_id)
    notification.email_due = ""
    if user is None or not user.is_active:
        return
    with force_locale(user.locale or DEFAULT_LOCALE):
        text = body_of(notification) or title_of(notification)
        if notification.link:
            text += "\n\n" + str(_l("Open: %(link)s", link=_absolute(notification.link)))
        outbox.queue(user.email, title_of(notification), f"{text}\n\n-- \n{_footer(user, notification.kind)}",
                     headers=_unsubscribe_headers(user, notification.kind))


@jobs.periodic("notifications.digest", minute="0", hour="3")  # 08:00–09:00 across Central Asia
def send_digests() -> int:
    """One email per person with what they chose to hear of daily; how many were sent."""
    user_ids = list(db.session.scalars(select(Notification.user_id).where(Notification.email_due == DAILY)
                                       .group_by(Notification.user_id)))
    sent = 0
    for user_id in user_ids:
        owed = list(db.session.scalars(select(Notification).where(
            Notification.user_id == user_id, Notification.email_due == DAILY).order_by(Notification.id)))
        for notification in owed:
            notification.email_due = ""
        user = db.session.get(User, user_id)
        if user is None or not user.is_active or not owed:
            continue
        with force_locale(user.locale or DEFAULT_LOCALE):
            lines = [f"- {title_of(n)}" + (f"\n  {_absolute(n.link)}" if n.link else "") for n in owed]
            subject = str(_l("CCAN: what happened today"))
            intro = str(_l("Hello %(name)s,\n\nThis is what concerned you on CCAN since the last digest:",
                           name=user.full_name))
            outbox.queue(user.email, subject, intro + "\n\n" + "\n".join(lines)
                         + "\n\n" + str(_l("All notifications: %(link)s",
                                           link=_absolute(site_path("notifications.index"))))
                         + f"\n\n-- \n{_footer(user, ALL_KINDS)}",
                         headers=_unsubscribe_headers(user, ALL_KINDS))
        sent += 1
    return sent
