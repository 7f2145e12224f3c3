"""notify(): kept for the person, emailed as they choose (at once, a daily digest, never) in their
language with links from the public base URL and a one-click unsubscribe; the bell, the list,
the preferences and the unsubscribe link, for each role."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from ccan_web import jobs
from ccan_web.domain.messages import Message
from ccan_web.notifications import services
from ccan_web.notifications.models import Notification, NotificationSetting


def tell(user, title="Your entry “Steppe Sound” is published", link="/catalog/businesses/1"):
    return services.notify(user, "entry_decided", Message(title), link, Message("Hello,\n\nIt is published."))


def test_a_notification_is_kept_and_emailed_at_once_with_its_link_and_an_unsubscribe(db, factories, outbox):
    member = factories.member(email="aida@example.kg", locale="en")
    tell(member)
    db.session.commit()
    assert services.unread_count(member) == 1
    [mail] = outbox("aida@example.kg")
    assert mail.subject == "Your entry “Steppe Sound” is published"
    assert "Open: http://localhost/catalog/businesses/1" in mail.body
    assert "http://localhost/notifications/settings" in mail.body
    unsubscribe = re.search(r"http://localhost/notifications/unsubscribe/\S+", mail.body).group(0)
    assert mail.headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_email_is_in_the_recipients_language_whoever_acted(db, factories, outbox, app):
    member = factories.member(email="olga@example.kz", locale="ru")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        services.notify(member, "application_decided", Message("Welcome to CCAN: your membership is approved"),
                        "/account")
        db.session.commit()
    [mail] = outbox("olga@example.kz")
    assert "CCAN" in mail.subject and "Welcome" not in mail.subject  # Russian, not English
    assert "http://localhost/account" in mail.body


def test_nothing_is_told_for_a_transaction_rolled_back(db, factories, outbox):
    member = factories.member()
    tell(member)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 0 and outbox() == []


def test_daily_means_one_digest_and_never_means_no_email(db, factories, outbox, app):
    member = factories.member(email="timur@example.uz", locale="en")
    services.save_settings(member, {**services.settings_of(member), "entry_decided": "daily",
                                    "application_decided": "never"})
    tell(member, "First")
    tell(member, "Second")
    services.notify(member, "application_decided", Message("Imported"), "/account")
    db.session.commit()
    assert outbox() == [] and services.unread_count(member) == 3
    with app.app_context():
        assert services.send_digests() == 1
        db.session.commit()
    [digest] = outbox("timur@example.uz")
    assert "- First" in digest.body and "- Second" in digest.body and "Imported" not in digest.body
    assert "http://localhost/catalog/businesses/1" in digest.body and digest.headers["List-Unsubscribe"]
    with app.app_context():
        assert services.send_digests() == 0  # nothing owed twice


def test_the_digest_runs_as_a_scheduled_job(db, factories, outbox, app):
    member = factories.member(locale="en")
    services.save_settings(member, {**services.settings_of(member), "entry_decided": "daily"})
    tell(member)
    db.session.commit()
    with app.app_context():
        jobs.start_periodic("notifications.digest", "2026-12-05T03:00")
    assert len(outbox(member.email)) == 1


def test_a_person_no_longer_active_is_not_told(db, factories, outbox):
    member = factories.member()
    member.is_active = False
    assert tell(member) is None
    assert services.notify(None, "entry_decided", Message("x")) is None


def test_an_unknown_kind_is_a_programming_error(db, factories):
    with pytest.raises(ValueError):
        services.notify(factories.member(), "no_such_kind", Message("x"))


# The pages ------------------------------------------------------------------------------------------

def test_the_bell_counts_unread_and_the_list_marks_them_read(client, auth, db, factories):
    member = factories.member(locale="en")
    first = tell(member, "First")
    tell(member, "Second")
    db.session.commit()
    auth.login(member.email)
    page = client.get("/account").get_data(as_text=True)
    assert "2 unread notifications" in page and 'class="bell"' in page
    bell = client.get("/notifications/count", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "2 unread notifications" in bell and "<html" not in bell
    opened_as_a_page = client.get("/notifications/count")  # no fragment for a browser without htmx
    assert opened_as_a_page.status_code == 303 and opened_as_a_page.headers["Location"].endswith("/notifications/")
    listing = client.get("/notifications/?show=unread").get_data(as_text=True)
    assert "First" in listing and "Second" in listing
    opened = client.get(f"/notifications/{first.id}")
    assert opened.status_code == 303 and opened.headers["Location"].endswith("/catalog/businesses/1")
    assert services.unread_count(member) == 1
    fragment = client.post("/notifications/read-all", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert 'data-hx-swap-oob="true"' in fragment and "none unread" in fragment
    assert services.unread_count(member) == 0
    client.post(f"/notifications/{first.id}/read", data={"read": "0"})
    assert services.unread_count(member) == 1


def test_a_notification_of_someone_else_is_a_404(client, auth, db, factories):
    other = tell(factories.member())
    db.session.commit()
    auth.login(factories.member().email)
    assert client.get(f"/notifications/{other.id}").status_code == 404
    assert client.post(f"/notifications/{other.id}/read").status_code == 404
    assert client.get("/notifications/99999999999").status_code == 404


def test_a_stored_link_off_the_site_is_never_followed(client, auth, db, factories):
    member = factories.member()
    bad = tell(member, link="//evil.example/")
    db.session.commit()
    auth.login(member.email)
    assert client.get(f"/notifications/{bad.id}").headers["Location"].endswith("/notifications/")


@pytest.mark.parametrize("path", ["/notifications/", "/notifications/count", "/notifications/settings"])
def test_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_no_bell_for_visitors(client):
    assert 'class="bell"' not in client.get("/").get_data(as_text=True)


def test_preferences_are_saved_and_a_bad_choice_is_refused_beside_its_field(client, auth, db, factories):
    member = factories.member(locale="en")
    auth.login(member.email)
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert "In a daily digest" in page
    assert "waits for the Board" not in page  # a member hears nothing of the Board's queue
    choices = {f"kind_{kind}": "now" for kind in services.kinds_of(member)}
    response = client.post("/notifications/settings", data={**choices, "kind_entry_decided": "hourly"})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "There is a problem" in text and 'id="kind_entry_decided-error"' in text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NotificationSetting)) == 0
    response = client.post("/notifications/settings", data={**choices, "kind_entry_decided": "never"})
    assert response.status_code == 303
    assert services.delivery_for(member, "entry_decided") == "never"


def test_one_click_unsubscribe_stops_the_emails_and_keeps_the_notifications(client, db, factories, outbox, app):
    member = factories.member(locale="en")
    tell(member)
    db.session.commit()
    link = re.search(r"http://localhost(/notifications/unsubscribe/\S+)", outbox()[0].body).group(1)
    asked = client.get(link)  # a link scanner opening it changes nothing
    assert asked.status_code == 200 and "Stop these emails" in asked.get_data(as_text=True)
    assert services.delivery_for(member, "entry_decided") == "now"
    done = client.post(link, data={"List-Unsubscribe": "One-Click"})  # as a mail program posts it, no CSRF token
    assert done.status_code == 200 and "no more of these emails" in done.get_data(as_text=True)
    assert services.delivery_for(member, "entry_decided") == "never"
    tell(member)
    db.session.commit()
    assert len(outbox()) == 1 and services.unread_count(member) == 2


@pytest.mark.parametrize("token", ["nonsense", "eyJ1IjoxLCJrIjoiKiJ9.forged"])
def test_a_tampered_unsubscribe_link_is_refused_and_changes_nothing(client, db, factories, token):
    factories.member()
    for method in (client.get, client.post):
        response = method(f"/notifications/unsubscribe/{token}")
        assert response.status_code == 400 and "not valid" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NotificationSetting)) == 0


def test_an_approved_applicant_is_notified_with_a_link_to_their_account(db, factories, outbox):
    from ccan_web.blueprints.board import services as board

    chair = factories.board_member()
    applicant = factories.applicant(locale="en")
    board.approve(applicant.application, chair, approvals_required=1)
    db.session.commit()
    [notification] = db.session.scalars(sa.select(Notification).where(Notification.user_id == applicant.id)).all()
    assert notification.kind == "application_decided" and notification.link == "/account"
    assert "Open: http://localhost/account" in outbox(applicant.email)[-1].body


def test_publishing_the_regional_roadmap_tells_the_officers_of_each_adaptation(client, auth, db, factories):
    from ccan_web.documents import services as documents

    board = factories.board_member()
    officer = factories.user(roles=("association_officer:KZ",), locale="en")
    elsewhere = factories.user(roles=("association_officer:UZ",))
    regional = documents.create_document("regional", "roadmap", "Regional roadmap", "# Roadmap\n\nOne.\n", board)
    documents.publish(regional, 1, board)
    documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", board, country="KZ")
    documents.save(regional, 1, "# Roadmap\n\nOne and two.\n", board)
    db.session.commit()
    auth.login(board.email)
    assert client.post("/roadmap/regional/rev/2/publish").status_code == 303
    [told] = db.session.scalars(sa.select(Notification).where(Notification.user_id == officer.id)).all()
    assert told.kind == "roadmap_changed" and told.link == "/roadmap/kz/upstream"
    assert "(2)" in services.title_of(told)
    assert services.unread_count(elsewhere) == 0  # Uzbekistan has no adaptation to bring up to date


def test_a_look_alike_entry_tells_the_editors_with_a_link_to_decide(db, factories):
    from ccan_web.blueprints.catalog import entries

    editor = factories.user(roles=("editor",))
    member = factories.member()
    data = entries.BusinessData(name="Steppe Sound", country="KZ", city="Almaty", primary_sector="music")
    entries.submit_business(data, member)
    entries.submit_business(data, member)
    db.session.commit()
    [told] = db.session.scalars(sa.select(Notification).where(Notification.user_id == editor.id)).all()
    assert told.kind == "duplicate_flagged" and told.link.startswith("/catalog/duplicates/")
    assert told.link.endswith("/merge") and told.email_due == "daily"
    assert services.unread_count(member) == 0
