"""Every page of the site as each role sees it: the world they are drawn from, the URL of every GET
rule of app.url_map, and the rules left out with the reason. Shared by the Nu HTML checker's test
(tests/test_valid_html.py) and the axe-core test (tests/e2e/test_accessibility.py)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from argon2 import PasswordHasher

from tests.factories import Factories

ROLES = ("visitor", "applicant", "member", "editor", "roadmap_editor", "association_officer", "board")
HX = {"HX-Request": "true"}

# GET rules that render no HTML page, with the reason; every other GET rule must be in `urls_by_rule`.
SKIPPED_RULES = {
    "static": "files, not pages",
    "api.entries": "JSON",
    "api.openapi": "JSON",
    "api.entry": "JSON",
    "site.robots": "plain text",
    "site.sitemap_index": "XML",
    "site.sitemap_page": "XML",
    "site.health": "JSON",
    "files.public": "stored images and documents",
    "main.set_language": "a redirect back, once the language is set",
    "catalog.export": "CSV, JSON and XLSX downloads",
    "catalog.overview_download": "CSV and JSON downloads",
    "catalog.import_report": "a CSV download",
    "catalog.import_template": "a CSV download",
    "stories.feed": "Atom XML",
    "stories.press_kit_zip": "a ZIP download",
    "api.stories": "JSON",
    "api.story": "JSON",
    "notifications.open_notification": "a redirect to the page the notification speaks of",
    "associations.evidence": "a checklist answer's private evidence file",
    "associations.report": "a yearly report's private file (its form is on the dashboard)",
    "competitions.attachment": "an application's private file",
    "competitions.export": "a CSV download",
    "competitions.attachments_zip": "a ZIP download",
    "events.event_ics": "an iCalendar download",
    "events.calendar_feed": "an iCalendar feed",
    "events.participants_csv": "a CSV download",
}


@dataclass
class World:
    """What the pages are drawn from: the demo data, one account per role, and the records that the
    demo lacks (a waiting entry, a look-alike, a suggestion, an import, a phone number on show)."""
    users: dict[str, object]
    ids: dict[str, int | str] = field(default_factory=dict)


def build_world(app, factories: Factories, monkeypatch) -> World:
    from ccan_web.blueprints.accounts import services as accounts_services
    from ccan_web.blueprints.board.models import Application
    from ccan_web.blueprints.catalog import importing, moderation
    from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
    from ccan_web.blueprints.catalog.models import Business, Course
    from ccan_web.demo import load_demo

    # The demo's ~46 passwords at argon2's lowest cost: these pages are about markup, not hashing.
    monkeypatch.setattr(accounts_services, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    db = factories.db
    load_demo()
    db.session.commit()
    users = {
        "visitor": None,
        "applicant": factories.applicant(full_name="Firuza Rahimova"),
        "member": factories.member(full_name="Aigerim Nurlanova", show_email=True,
                                   phone="+7 701 555 12 34", show_phone=True),
        "editor": factories.user(full_name="Madina Yoldosheva", roles=("editor",)),
        "roadmap_editor": factories.user(full_name="Cholpon Sydykova", roles=("roadmap_editor",)),
        "association_officer": factories.user(full_name="Bakyt Omurov", roles=("association_officer:KZ",)),
        "board": factories.board_member(full_name="Dilnoza Karimova"),
        "admin": factories.user(full_name="Timur Ahmedov", roles=("admin",)),
    }
    editor = users["editor"]
    published = submit_business(BusinessData(
        name="Steppe Sound Studio", country="KZ", city="Almaty", primary_sector="music",
        contact_phone="+7 727 300 40 50", contact_public=True,
        website="https://steppe.example"), editor).entry
    moderation.publish(published, editor)
    submit_business(BusinessData(name="Steppe Sound Studio", country="KZ", city="Almaty",
                                 primary_sector="music", source_kind="survey"), editor)
    waiting = submit_business(BusinessData(name="Hunar Studio", country="TJ", city="Dushanbe",
                                           primary_sector="theatre-dance"), users["member"]).entry
    course = submit_course(CourseData(
        title="Pricing for designers", url="https://courses.example/pricing", language="ru", format="video",
        improves="professional", outcome="income", all_sectors=True), users["member"]).entry
    suggestion = moderation.suggest_correction("businesses", published, users["member"], "The studio moved to Astana.")
    db.session.commit()
    flag_id = moderation.moderation_queue().duplicates[0].id
    with app.test_request_context():
        job = importing.start_job("businesses", "studios.csv", b"name,country,city,sector\nA,XX,Almaty,music\n"
                                  b"B,KZ,Almaty,music\n", editor, "survey", "Survey")
        db.session.commit()
        importing.check_job(job.id, job.attempt)
    db.session.commit()
    from ccan_web.domain.messages import Message
    from ccan_web.notifications import services as notifications

    from ccan_web.jobs import Job

    failed_job = Job(name="mail.send", payload={"message_id": 1}, state="failed", attempts=6, max_attempts=6,
                     last_error="ccan_web.outbox.MailNotSent: SMTPRecipientsRefused: {}")
    db.session.add(failed_job)
    notification = notifications.notify(users["member"], "entry_decided", Message("Published in the CCAN catalog: "
                                        "%(name)s", name="Hunar Studio"), f"/catalog/businesses/{waiting.id}")
    db.session.commit()
    competition_ids = _competition_world(db, users["member"])
    events = _events_world(users)
    pending = db.session.scalar(sa.select(Application.id).where(Application.status == "pending")
                                .order_by(Application.id))
    published_course = db.session.scalar(sa.select(Course.id).where(Course.status == "published")
                                         .order_by(Course.id))
    return World(users=users, ids={
        "business": published.id, "waiting_business": waiting.id, "course": published_course or course.id,
        "waiting_course": course.id, "flag": flag_id, "suggestion": suggestion.id, "job": job.id, "application": pending,
        "member": users["member"].id, "officer": users["association_officer"].id,
        "businesses": db.session.scalar(sa.select(sa.func.count(Business.id))),
        "reset_token": accounts_services.make_reset_token(users["member"], app.config["SECRET_KEY"]),
        "notification": notification.id,
        "failed_job": failed_job.id,
        "unsubscribe_token": notifications.unsubscribe_token(users["member"], "entry_decided"),
        **competition_ids,
        **events,
    })


def _competition_world(db, member) -> dict[str, int]:
    """The world's member on the jury of a published competition, with one application to score,
    and the ids of the applications and files the competitions' pages show."""
    from ccan_web.blueprints.competitions.models import Assignment, Competition, Entry, EntryFile, Juror

    published = db.session.scalar(sa.select(Competition).where(Competition.slug == "business-database-2026"))
    entry = db.session.scalar(sa.select(Entry).where(Entry.competition_id == published.id).order_by(Entry.id))
    juror = Juror(competition_id=published.id, user_id=member.id)
    db.session.add(juror)
    db.session.flush()
    db.session.add(Assignment(entry_id=entry.id, juror_id=juror.id, scores={}, comment=""))
    draft = db.session.scalar(sa.select(Entry.id).join(Competition, Competition.id == Entry.competition_id).where(
        Competition.slug == "regional-showcase-2027").order_by(Entry.id))
    question = db.session.scalar(sa.select(EntryFile.question_id).where(EntryFile.entry_id == entry.id))
    db.session.add(Competition(slug="draft-call", title="A call in preparation", opens_at=published.opens_at,
                               closes_at=published.closes_at, eligible_countries=["KZ"], languages=["en", "ru"]))
    db.session.commit()
    return {"competition_entry": entry.id, "showcase_entry": draft, "competition_file_question": question}


def _events_world(users) -> dict[str, object]:
    """What the demo's events lack: a draft, a guest's personal link, a material to remove."""
    from datetime import datetime

    from ccan_web.blueprints.events import registrations, services
    from ccan_web.blueprints.events.models import Registration

    db = services.db
    draft = services.create_event(services.EventData(
        title="Autumn forum", kind="forum", starts_local=datetime(2027, 10, 5, 15, 0),
        ends_local=datetime(2027, 10, 5, 17, 0), zone="Asia/Bishkek", slug="autumn-forum"), users["board"])
    guest = db.session.scalar(sa.select(Registration).where(Registration.email == "dana.seitkali@press.example"))
    forum = services.event_by_slug("march-forum-2026")
    db.session.commit()
    return {"event_draft": draft.slug, "event_token": registrations.token_for(guest),
            "event_material": forum.materials[0].id}


def urls_by_rule(ids) -> dict[str, list[str]]:
    """The URLs that show each GET rule's page: filled from the world, with the filters and states
    that change what a page draws."""
    i = ids
    return {
        "main.home": ["/"],
        "associations.index": ["/associations/"],
        "associations.detail": ["/associations/kz", "/associations/tj", "/associations/uz"],
        "associations.edit": ["/associations/kz/edit", "/associations/uz/edit"],
        "associations.status": ["/associations/kz/status", "/associations/uz/status"],
        "associations.partnership": ["/associations/kz/partnership", "/associations/uz/partnership"],
        "associations.dashboard": ["/associations/kz/dashboard", "/associations/uz/dashboard"],
        "associations.checklist": ["/associations/kz/checklist/founding-checklist",
                                   "/associations/uz/checklist/founding-checklist"],
        "toolkit.checklist_items": ["/toolkit/founding-checklist/items"],
        "associations.report_years": ["/associations/reports"],
        "toolkit.index": ["/toolkit/"],
        "toolkit.brand": ["/toolkit/brand"],
        "toolkit.new": ["/toolkit/new"],
        "toolkit.document": ["/toolkit/mission", "/toolkit/founding-checklist", "/toolkit/membership-fees-process"],
        "toolkit.edit": ["/toolkit/mission/edit"],
        "toolkit.history": ["/toolkit/mission/history"],
        "toolkit.diff": ["/toolkit/mission/diff", "/toolkit/mission/diff?from=1&to=1"],
        "toolkit.revision": ["/toolkit/mission/rev/1"],
        "competitions.index": ["/competitions/"],
        "competitions.detail": ["/competitions/business-database-2026", "/competitions/regional-showcase-2027",
                                "/competitions/draft-call"],
        "competitions.results": ["/competitions/business-database-2026/results"],
        "competitions.apply": ["/competitions/regional-showcase-2027/apply", "/competitions/success-cases-2026/apply"],
        "competitions.new": ["/competitions/new"],
        "competitions.edit": ["/competitions/regional-showcase-2027/edit"],
        "competitions.questions": ["/competitions/regional-showcase-2027/questions", "/competitions/draft-call/questions"],
        "competitions.applications_list": ["/competitions/business-database-2026/applications"],
        "competitions.entry_detail": [f"/competitions/business-database-2026/applications/{i['competition_entry']}",
                                      f"/competitions/regional-showcase-2027/applications/{i['showcase_entry']}"],
        "competitions.ranking": ["/competitions/business-database-2026/ranking"],
        "competitions.jury_home": ["/competitions/jury"],
        "competitions.score": [f"/competitions/business-database-2026/jury/{i['competition_entry']}"],
        "events.event_list": ["/events/"],
        "events.event_detail": ["/events/members-meeting", "/events/march-forum-2026", "/events/roadmap-presentation-2026",
                                "/events/results-success-cases-2026", f"/events/{i['event_draft']}"],
        "events.registration": [f"/events/members-meeting/r/{i['event_token']}", "/events/members-meeting/r/tampered"],
        "events.event_new": ["/events/new"],
        "events.event_edit": ["/events/members-meeting/edit"],
        "events.manage": ["/events/members-meeting/manage", "/events/march-forum-2026/manage"],
        "events.participants": ["/events/members-meeting/participants"],
        "stories.story_list": ["/stories/", "/stories/?country=KG&sector=fashion-design-crafts&language=ru"],
        # Published, in review (with an editor's note), scheduled for next week.
        "stories.story_detail": ["/stories/felt-goes-online-bishkek", "/stories/kiyiz-art-ru",
                                 "/stories/samarkand-ads-local", "/stories/dushanbe-animation-school"],
        "stories.story_new": ["/stories/new"],
        "stories.story_edit": ["/stories/samarkand-ads-local/edit"],
        "stories.mine": ["/stories/mine"],
        "stories.queue": ["/stories/queue"],
        "stories.text_edit": ["/stories/samarkand-ads-local/text/edit"],
        "stories.text_history": ["/stories/samarkand-ads-local/text/history"],
        "stories.text_diff": ["/stories/felt-goes-online-bishkek/text/diff"],
        "stories.text_revision": ["/stories/felt-goes-online-bishkek/text/rev/1"],
        "main.search": ["/search", "/search?q=studio", "/search?q=studio&sector=music", "/search?q=zzzzqqq"],
        "accounts.login": ["/auth/login"],
        "accounts.logout": ["/auth/logout"],
        "accounts.register": ["/auth/register"],
        "accounts.reset_request": ["/auth/reset"],
        "accounts.reset_password": [f"/auth/reset/{i['reset_token']}", "/auth/reset/not-a-token"],
        "accounts.account": ["/account"],
        "accounts.profile": ["/account/profile"],
        "board.index": ["/board/"],
        "board.applications": ["/board/applications", "/board/applications?status=approved&country=KZ"],
        "board.application_detail": [f"/board/applications/{i['application']}"],
        "board.application_approve": [f"/board/applications/{i['application']}/approve"],
        "board.audit_log": ["/board/audit"],
        "board.roster": ["/board/roster"],
        "admin.roles": ["/admin/roles", "/admin/roles?q=a", "/admin/roles?q=zzzzqqq"],
        "admin.holders": ["/admin/roles/holders", "/admin/roles/holders?role=association_officer&country=KZ"],
        "admin.person": [f"/admin/roles/people/{i['member']}"],
        "admin.grant": [f"/admin/roles/people/{i['member']}/grant?role=association_officer&scope=TJ",
                        f"/admin/roles/people/{i['member']}/grant?role=association_officer&scope="],
        "admin.jobs": ["/admin/jobs", "/admin/jobs?state=all"],
        "admin.revoke": [f"/admin/roles/people/{i['officer']}/revoke?role=association_officer&scope=KZ"],
        "catalog.index": ["/catalog/"],
        "catalog.entry_list": ["/catalog/businesses", "/catalog/businesses?q=studio&country=KZ&sector=music",
                               "/catalog/businesses?page=2", "/catalog/courses", "/catalog/courses?language=ru"],
        "catalog.entry_detail": [f"/catalog/businesses/{i['business']}", f"/catalog/businesses/{i['waiting_business']}",
                                 f"/catalog/courses/{i['course']}", f"/catalog/courses/{i['waiting_course']}"],
        "catalog.entry_edit": [f"/catalog/businesses/{i['business']}/edit", f"/catalog/courses/{i['course']}/edit"],
        "catalog.entry_new": ["/catalog/businesses/new", "/catalog/courses/new"],
        "catalog.duplicate_decide": [f"/catalog/duplicates/{i['flag']}/merge"],
        "catalog.import_start": ["/catalog/import"],
        "catalog.import_job": [f"/catalog/import/{i['job']}"],
        "catalog.methodology": ["/catalog/methodology"],
        "catalog.methodology_diff": ["/catalog/methodology/diff", "/catalog/methodology/diff?from=1&to=3"],
        "catalog.methodology_edit": ["/catalog/methodology/edit"],
        "catalog.methodology_history": ["/catalog/methodology/history"],
        "catalog.methodology_revision": ["/catalog/methodology/rev/1"],
        "catalog.moderation": ["/catalog/moderation"],
        "catalog.overview": ["/catalog/overview"],
        "members.directory": ["/members/", "/members/?q=Aigerim"],
        "members.member_detail": [f"/members/{i['member']}"],
        "roadmap.index": ["/roadmap/"],
        "roadmap.document_view": ["/roadmap/regional", "/roadmap/kz", "/roadmap/tm", "/roadmap/tj"],
        "roadmap.compare_regional": ["/roadmap/kz/compare-regional", "/roadmap/kz/compare-regional?section=5"],
        "roadmap.map": ["/roadmap/map", "/roadmap/map?texts=drafts"],
        "roadmap.diff": ["/roadmap/regional/diff", "/roadmap/regional/diff?from=1&to=2", "/roadmap/kz/diff?from=1&to=2"],
        "roadmap.download": ["/roadmap/regional/download.html"],
        "roadmap.edit": ["/roadmap/regional/edit", "/roadmap/kz/edit"],
        "roadmap.history": ["/roadmap/regional/history", "/roadmap/kz/history"],
        "roadmap.revision_view": ["/roadmap/regional/rev/1", "/roadmap/kz/rev/1"],
        "roadmap.upstream": ["/roadmap/kz/upstream", "/roadmap/uz/upstream"],
        "notifications.index": ["/notifications/", "/notifications/?show=unread"],
        "notifications.count": ["/notifications/count"],
        "notifications.settings": ["/notifications/settings"],
        "notifications.unsubscribe": [f"/notifications/unsubscribe/{i['unsubscribe_token']}",
                                      "/notifications/unsubscribe/tampered"],
    }


def unlisted_rules(app, ids) -> list[str]:
    """GET rules neither listed nor skipped: a new page must join the lists."""
    known = set(urls_by_rule(ids)) | set(SKIPPED_RULES)
    return sorted({rule.endpoint for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and rule.endpoint not in known})


def all_urls(ids) -> list[str]:
    return [url for urls in urls_by_rule(ids).values() for url in urls]


def csrf_of(html: str) -> str:
    # Signed in, the page's meta tag has it; a visitor's page only its forms' inputs (no session
    # until a form needs one).
    found = (re.search(r'<meta name="csrf-token" content="([^"]*)"', html)
             or re.search(r'name="csrf_token" value="([^"]*)"', html))
    return found.group(1) if found else ""


def sign_in(client, user) -> None:
    """Through the real form, with the token the page hands out (CSRF may be on)."""
    token = csrf_of(client.get("/auth/login").get_data(as_text=True))
    response = client.post("/auth/login", data={"email": user.email, "password": Factories.PASSWORD,
                                                "csrf_token": token})
    assert response.status_code in (302, 303), f"{user.email} could not sign in"


def is_page(response) -> bool:
    """An HTML page: a page shown, or a 4xx error page (refused, not found, a bad link); redirects
    (/board/, /catalog/) lead to pages listed anyway."""
    return response.mimetype == "text/html" and (response.status_code == 200 or 400 <= response.status_code < 500)


def fingerprint(html: str) -> str:
    """Equal for two answers that differ only in their CSRF tokens (each session has its own)."""
    return hashlib.sha1(re.sub(r'(csrf[-_]token"[^>]*(?:value|content)=")[^"]*', r"\1", html)
                        .encode()).hexdigest()
