"""Every route × every role: who reaches each rule of app.url_map, who is sent to sign in, who is refused.

The matrix is generated from the URL map: every rule (the document kit's included) and each of its
methods is requested by every role, on the demo world of tests/site_pages.py; a rule the tables
below do not cover fails the test, so a new route must say who may reach it.
"""
from __future__ import annotations

from datetime import date

import pytest

from ccan_web.permissions import PERMISSIONS, can
from tests.site_pages import build_world, sign_in, urls_by_rule

# The demo's reporting years: last year's (due, sent by Kazakhstan) and this year's.
THIS_YEAR = date.today().year
LAST_YEAR = THIS_YEAR - 1

ROLES = ["anonymous", "applicant", "member", "editor", "association_officer", "roadmap_editor",
         "board", "admin"]
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
MEMBERS = SIGNED_IN - {"applicant"}  # every approved account is a member
BOARD = frozenset({"board", "admin"})
EDITORS = frozenset({"editor", "admin"})
METHODOLOGY_WRITERS = EDITORS | BOARD
REGIONAL_WRITERS = BOARD | {"roadmap_editor"}
KZ_OFFICERS = BOARD | {"association_officer"}  # the world's officer is Kazakhstan's
# The world's member submitted the waiting entries, so they see them; editors moderate them.
SUBMITTER_AND_EDITORS = EDITORS | {"member"}

# Who reaches each rule (every method); where it depends on the URL, ACCESS_BY_URL says so.
ACCESS: dict[str, frozenset[str]] = {
    "static": EVERYONE, "files.public": EVERYONE,
    "site.robots": EVERYONE, "site.sitemap_index": EVERYONE, "site.sitemap_page": EVERYONE, "site.health": EVERYONE,
    "api.entries": EVERYONE, "api.entry": EVERYONE, "api.openapi": EVERYONE,
    "api.stories": EVERYONE, "api.story": EVERYONE,
    # Success stories: published ones for everyone; writing for members, the workflow for editors
    # (and each story's author, whom the world has not); a story before its time is a 404.
    "stories.story_list": EVERYONE, "stories.feed": EVERYONE, "stories.story_detail": EVERYONE,
    "stories.press_kit_zip": EVERYONE, "stories.story_new": MEMBERS, "stories.mine": MEMBERS,
    "stories.story_edit": EDITORS, "stories.image_add": EDITORS, "stories.image_change": EDITORS, "stories.story_step": EDITORS,
    "stories.queue": EDITORS,
    **{f"stories.text_{page}": EDITORS for page in (
        "edit", "preview", "changes", "resolve", "history", "diff", "revision", "revision_action", "publish")},
    # Competitions: the calls and results for everyone, applying for members, running a call for the
    # Board; a juror's pages for members (the world's member is on one jury); files for their readers.
    "competitions.index": EVERYONE, "competitions.detail": EVERYONE, "competitions.results": EVERYONE,
    "competitions.apply": MEMBERS, "competitions.jury_home": MEMBERS,
    "competitions.score": frozenset({"member"}), "competitions.conflict": frozenset({"member"}),
    "competitions.attachment": BOARD | {"member"},
    **{f"competitions.{page}": BOARD for page in (
        "new", "edit", "questions", "criteria", "jurors", "remove", "step", "applications_list", "export",
        "attachments_zip", "entry_detail", "disqualify", "ranking", "override")},
    "main.home": EVERYONE, "main.set_language": EVERYONE,
    "main.search": EVERYONE,
    # Online events: public to read, register and cancel by the personal link; the Board organises.
    "events.event_list": EVERYONE, "events.event_detail": EVERYONE, "events.event_ics": EVERYONE,
    "events.calendar_feed": EVERYONE, "events.register": EVERYONE, "events.registration": EVERYONE,
    "events.registration_cancel": EVERYONE,
    **{f"events.{name}": BOARD for name in ("event_new", "event_edit", "manage", "event_step", "event_cancel",
                                            "event_after", "material_add", "material_remove", "participants",
                                            "participants_csv")},
    "accounts.login": EVERYONE, "accounts.logout": EVERYONE, "accounts.register": EVERYONE,
    "accounts.reset_request": EVERYONE, "accounts.reset_password": EVERYONE,
    "accounts.account": SIGNED_IN, "accounts.profile": SIGNED_IN, "accounts.change_password": SIGNED_IN,
    "accounts.reapply": SIGNED_IN,
    "members.directory": MEMBERS, "members.member_detail": MEMBERS,
    "board.index": BOARD, "board.applications": BOARD, "board.application_detail": BOARD,
    "board.application_approve": BOARD, "board.application_reject": BOARD, "board.audit_log": BOARD,
    "board.roster": BOARD,
    "catalog.index": EVERYONE, "catalog.entry_list": EVERYONE, "catalog.entry_detail": EVERYONE,
    "catalog.overview": EVERYONE, "catalog.overview_download": EVERYONE, "catalog.export": EVERYONE,
    "catalog.entry_new": MEMBERS, "catalog.entry_edit": EDITORS, "catalog.entry_suggest": MEMBERS,
    "catalog.moderation": EDITORS, "catalog.entry_decide": EDITORS, "catalog.duplicate_decide": EDITORS,
    "catalog.suggestion_close": EDITORS,
    "catalog.import_start": EDITORS, "catalog.import_job": EDITORS, "catalog.import_report": EDITORS,
    "catalog.import_template": EDITORS, "catalog.import_commit": EDITORS, "catalog.import_discard": EDITORS,
    "catalog.import_rerun": EDITORS,
    # The methodology: the kit's pages, for those who write it.
    "catalog.methodology": EVERYONE, "catalog.methodology_start": METHODOLOGY_WRITERS,
    **{f"catalog.methodology_{page}": METHODOLOGY_WRITERS for page in (
        "edit", "preview", "changes", "resolve", "history", "diff", "revision", "revision_action", "publish")},
    # The roadmap: published texts for everyone, drafts for members, each text for its own editors.
    "roadmap.index": EVERYONE, "roadmap.map": EVERYONE, "roadmap.document_view": EVERYONE,
    "roadmap.compare_regional": EVERYONE,
    "roadmap.download": EVERYONE, "roadmap.diff": MEMBERS, "roadmap.revision_view": MEMBERS,
    "roadmap.history": MEMBERS, "roadmap.upstream": MEMBERS,
    # Associations: everyone reads them; each is kept by its country's officers and the Board.
    "associations.index": EVERYONE, "associations.detail": EVERYONE,
    "associations.edit": BOARD, "associations.status": BOARD,  # and the officers of the country (below)
    "associations.partnership": BOARD, "associations.dashboard": BOARD, "associations.checklist": BOARD,
    "associations.answer": BOARD, "associations.evidence": BOARD, "associations.report": BOARD,
    "associations.report_years": BOARD, "associations.close_year": BOARD,
    "toolkit.checklist_items": BOARD, "toolkit.checklist_item": BOARD,
    # The toolkit: published documents for everyone (members-only ones for members, below); written
    # by roadmap editors and the Board.
    "toolkit.index": EVERYONE, "toolkit.brand": EVERYONE, "toolkit.document": EVERYONE,
    "toolkit.new": REGIONAL_WRITERS,
    **{f"toolkit.{page}": REGIONAL_WRITERS for page in (
        "edit", "preview", "changes", "resolve", "history", "diff", "revision", "revision_action", "publish")},
    # Notifications: each signed-in person's own (another's is a 404); unsubscribing by the signed link.
    "notifications.index": SIGNED_IN, "notifications.count": SIGNED_IN, "notifications.settings": SIGNED_IN,
    "notifications.mark_all": SIGNED_IN, "notifications.open_notification": frozenset({"member"}),
    "notifications.mark": frozenset({"member"}), "notifications.unsubscribe": EVERYONE,
    # Roles in the browser: the Board (what it may grant) and administrators.
    "admin.roles": BOARD, "admin.holders": BOARD, "admin.person": BOARD, "admin.grant": BOARD, "admin.revoke": BOARD,
    "admin.jobs": frozenset({"admin"}), "admin.job_retry": frozenset({"admin"}),
}
# Writing a roadmap: each text for its own editors (who_reaches reads the text from the URL).
ROADMAP_WRITING = frozenset(f"roadmap.{page}" for page in (
    "edit", "preview", "changes", "resolve", "revision_action", "publish", "start", "resolve_pull"))
ACCESS_BY_URL: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/catalog/businesses/{waiting_business}"): SUBMITTER_AND_EDITORS,
    ("GET", "/catalog/courses/{waiting_course}"): SUBMITTER_AND_EDITORS,
    ("GET", "/catalog/businesses/{waiting_business}/edit"): SUBMITTER_AND_EDITORS,
    ("POST", "/catalog/businesses/{waiting_business}/edit"): SUBMITTER_AND_EDITORS,
    # The published revisions (regional 15, Kazakhstan's head) are everyone's to read and compare.
    ("GET", "/roadmap/regional/rev/15"): EVERYONE,
    ("GET", "/roadmap/regional/diff?from=15&to=15"): EVERYONE,
    ("POST", "/roadmap/kz/upstream"): KZ_OFFICERS,
    **{(method, f"/associations/{cc}/{page}"): KZ_OFFICERS if cc == "kz" else BOARD
       for method in ("GET", "POST") for cc in ("kz", "uz") for page in ("edit", "status", "partnership")},
    **{("GET", f"/associations/{cc}/{page}"): KZ_OFFICERS if cc == "kz" else BOARD
       for cc in ("kz", "uz") for page in ("dashboard", "checklist/founding-checklist")},
    ("POST", "/associations/kz/checklist/founding-checklist/1"): KZ_OFFICERS,
    ("GET", "/associations/kz/evidence/1"): KZ_OFFICERS,
    ("GET", f"/associations/kz/reports/{LAST_YEAR}/activity"): KZ_OFFICERS,
    ("POST", f"/associations/kz/reports/{THIS_YEAR}/activity"): KZ_OFFICERS,
    ("GET", "/toolkit/membership-fees-process"): MEMBERS,
    ("POST", "/roadmap/uz/upstream"): BOARD,
    ("GET", "/stories/samarkand-ads-local"): EDITORS,
    ("GET", "/stories/dushanbe-animation-school"): EDITORS,
    ("GET", "/stories/samarkand-ads-local/press-kit.zip"): frozenset(),
    ("GET", "/api/v1/stories/samarkand-ads-local"): frozenset(),
    ("GET", "/competitions/draft-call"): BOARD,
    # The world's member is a juror of one application of business-database-2026, not of the showcase's.
    ("GET", "/competitions/regional-showcase-2027/applications/{showcase_entry}/files/{competition_file_question}"):
        BOARD,
    ("GET", "/events/{event_draft}"): BOARD,  # a draft is a 404 to everyone else
}

# Requests beyond the pages of tests/site_pages.py: rules that are no HTML page, POST-only rules,
# and the URLs that draw a line between roles. A rule with GET and POST is also sent a POST at
# its first page; the roadmap's writing rules are sent to the regional text, Kazakhstan's and
# Uzbekistan's (whose officer the world has not).
MORE_REQUESTS: dict[str, list[tuple[str, str]]] = {
    "static": [("GET", "/static/css/ccan.css")],
    "files.public": [("GET", "/files/no-such-key.webp")],
    "site.robots": [("GET", "/robots.txt")],
    "site.sitemap_index": [("GET", "/sitemap.xml")],
    "site.sitemap_page": [("GET", "/sitemap-pages-1.xml")],
    "site.health": [("GET", "/health")],
    "api.entries": [("GET", "/api/v1/businesses"), ("GET", "/api/v1/courses")],
    "api.entry": [("GET", "/api/v1/businesses/{business}"), ("GET", "/api/v1/businesses/{waiting_business}")],
    "api.openapi": [("GET", "/api/v1/openapi.json")],
    "main.set_language": [("GET", "/language?lang=ru"), ("POST", "/language")],
    "catalog.entry_edit": [("GET", "/catalog/businesses/{waiting_business}/edit"),
                           ("POST", "/catalog/businesses/{waiting_business}/edit")],
    "accounts.change_password": [("POST", "/account/password")],
    "accounts.reapply": [("POST", "/account/reapply")],
    "board.application_reject": [("POST", "/board/applications/{application}/reject")],
    "catalog.export": [("GET", "/catalog/export.csv"), ("GET", "/catalog/export.json?kind=courses")],
    "catalog.overview_download": [("GET", "/catalog/overview.csv")],
    "catalog.entry_suggest": [("POST", "/catalog/businesses/{business}/suggest")],
    "catalog.entry_decide": [("POST", "/catalog/businesses/{waiting_business}/publish")],
    "catalog.suggestion_close": [("POST", "/catalog/suggestions/{suggestion}/dismissed")],
    "catalog.import_report": [("GET", "/catalog/import/{job}/report.csv")],
    "catalog.import_template": [("GET", "/catalog/import/template-businesses.csv")],
    "catalog.import_rerun": [("POST", "/catalog/import/{job}/rerun")],
    "catalog.import_commit": [("POST", "/catalog/import/{job}/import")],
    "catalog.import_discard": [("POST", "/catalog/import/{job}/discard")],
    "catalog.methodology_start": [("POST", "/catalog/methodology/start")],
    "catalog.methodology_preview": [("POST", "/catalog/methodology/preview")],
    "catalog.methodology_changes": [("POST", "/catalog/methodology/changes")],
    "catalog.methodology_resolve": [("POST", "/catalog/methodology/resolve")],
    "catalog.methodology_revision_action": [("POST", "/catalog/methodology/rev/1/restore"),
                                            ("POST", "/catalog/methodology/rev/1/undo")],
    "catalog.methodology_publish": [("POST", "/catalog/methodology/rev/1/publish")],
    "notifications.open_notification": [("GET", "/notifications/{notification}")],
    "stories.feed": [("GET", "/stories/feed.atom"), ("GET", "/stories/feed.atom?country=KG")],
    "stories.press_kit_zip": [("GET", "/stories/felt-goes-online-bishkek/press-kit.zip"),
                              ("GET", "/stories/samarkand-ads-local/press-kit.zip")],
    "api.stories": [("GET", "/api/v1/stories"), ("GET", "/api/v1/stories?country=UZ")],
    "api.story": [("GET", "/api/v1/stories/felt-goes-online-bishkek"), ("GET", "/api/v1/stories/samarkand-ads-local")],
    "stories.image_add": [("POST", "/stories/samarkand-ads-local/images")],
    "stories.image_change": [("POST", "/stories/samarkand-ads-local/images/1/up"),
                             ("POST", "/stories/samarkand-ads-local/images/1/remove")],
    "stories.story_step": [("POST", "/stories/samarkand-ads-local/approve"),
                           ("POST", "/stories/felt-goes-online-bishkek/unpublish")],
    **{f"stories.text_{page}": [("POST", f"/stories/samarkand-ads-local/text/{path}")]
       for page, path in (("preview", "preview"), ("changes", "changes"), ("resolve", "resolve"),
                          ("revision_action", "rev/1/restore"), ("publish", "rev/1/publish"))},
    "notifications.mark": [("POST", "/notifications/{notification}/read")],
    "notifications.mark_all": [("POST", "/notifications/read-all")],
    "admin.job_retry": [("POST", "/admin/jobs/{failed_job}/retry")],
    "associations.answer": [("POST", "/associations/kz/checklist/founding-checklist/1"),
                            ("POST", "/associations/uz/checklist/founding-checklist/1")],
    "associations.evidence": [("GET", "/associations/kz/evidence/1"), ("GET", "/associations/uz/evidence/1")],
    "toolkit.checklist_item": [("POST", "/toolkit/founding-checklist/items/1")],
    "associations.report": [("GET", f"/associations/kz/reports/{LAST_YEAR}/activity"),
                            ("POST", f"/associations/kz/reports/{THIS_YEAR}/activity"),
                            ("GET", f"/associations/uz/reports/{LAST_YEAR}/activity")],
    "associations.close_year": [("POST", f"/associations/reports/{THIS_YEAR}/close")],
    "toolkit.preview": [("POST", "/toolkit/mission/preview")],
    "toolkit.changes": [("POST", "/toolkit/mission/changes")],
    "toolkit.resolve": [("POST", "/toolkit/mission/resolve")],
    "toolkit.revision_action": [("POST", "/toolkit/mission/rev/1/restore")],
    "toolkit.publish": [("POST", "/toolkit/mission/rev/1/publish")],
    "roadmap.revision_view": [("GET", "/roadmap/regional/rev/15")],
    "roadmap.diff": [("GET", "/roadmap/regional/diff?from=15&to=15")],
    "roadmap.download": [("GET", "/roadmap/kz/download.md")],
    "roadmap.upstream": [("POST", "/roadmap/uz/upstream")],
    **{f"roadmap.{page}": [("POST", f"/roadmap/{doc}/{path}") for doc in ("regional", "kz", "uz")]
       for page, path in (("preview", "preview"), ("changes", "changes"), ("resolve", "resolve"),
                          ("revision_action", "rev/1/restore"), ("publish", "rev/1/publish"), ("start", "start"),
                          ("resolve_pull", "upstream/resolve"))},
    "roadmap.edit": [("POST", "/roadmap/regional/edit"), ("GET", "/roadmap/uz/edit"), ("POST", "/roadmap/uz/edit")],
    "competitions.attachment": [
        ("GET", "/competitions/business-database-2026/applications/{competition_entry}/files/{competition_file_question}"),
        ("GET", "/competitions/regional-showcase-2027/applications/{showcase_entry}/files/{competition_file_question}")],
    "competitions.export": [("GET", "/competitions/business-database-2026/applications.csv")],
    "competitions.attachments_zip": [("GET", "/competitions/business-database-2026/attachments.zip")],
    "competitions.criteria": [("POST", "/competitions/draft-call/criteria")],
    "competitions.jurors": [("POST", "/competitions/draft-call/jurors")],
    "competitions.remove": [("POST", "/competitions/business-database-2026/questions/1/remove")],
    "competitions.step": [("POST", "/competitions/business-database-2026/judge")],
    "competitions.disqualify": [("POST", "/competitions/business-database-2026/applications/{competition_entry}/disqualify")],
    "competitions.override": [("POST", "/competitions/business-database-2026/ranking/{competition_entry}")],
    "competitions.conflict": [("POST", "/competitions/business-database-2026/jury/{competition_entry}/conflict")],
}
MORE_REQUESTS.update({
    "events.event_ics": [("GET", "/events/march-forum-2026.ics"), ("GET", "/events/{event_draft}.ics")],
    "events.calendar_feed": [("GET", "/events/calendar.ics")],
    "events.register": [("POST", "/events/members-meeting/register")],
    "events.registration_cancel": [("POST", "/events/members-meeting/r/{event_token}/cancel")],
    "events.event_step": [("POST", "/events/members-meeting/publish"), ("POST", "/events/{event_draft}/held")],
    "events.event_cancel": [("POST", "/events/members-meeting/cancel")],
    "events.event_after": [("POST", "/events/march-forum-2026/after")],
    "events.material_add": [("POST", "/events/march-forum-2026/materials")],
    "events.material_remove": [("POST", "/events/march-forum-2026/materials/{event_material}/remove")],
    "events.participants_csv": [("GET", "/events/members-meeting/participants.csv")],
})
# Sent last: it signs the role out.
LAST = ("POST", "/auth/logout")


def _writers(url: str) -> frozenset[str]:
    return {"regional": REGIONAL_WRITERS, "kz": KZ_OFFICERS, "uz": BOARD}[url.split("/")[2]]


def requests_by_rule(app, ids) -> dict[str, list[tuple[str, str]]]:
    """(method, URL) of each rule of the URL map: its pages, then the requests above."""
    pages = urls_by_rule(ids)
    found = {}
    for rule in app.url_map.iter_rules():
        sent = [("GET", url) for url in pages.get(rule.endpoint, [])]
        if "POST" in rule.methods and sent:
            sent.append(("POST", sent[0][1]))
        sent += [(method, url.format(**ids)) for method, url in MORE_REQUESTS.get(rule.endpoint, [])]
        found.setdefault(rule.endpoint, []).extend(request for request in sent if request not in found.get(
            rule.endpoint, []))
    return found


def who_reaches(endpoint: str, method: str, url: str, ids) -> frozenset[str]:
    for (by_method, template), roles in ACCESS_BY_URL.items():
        if by_method == method and template.format(**ids) == url:
            return roles
    if endpoint in ROADMAP_WRITING:
        return _writers(url)
    return ACCESS[endpoint]


def is_refused(response) -> bool:
    """Sent to sign in, refused, or told there is nothing there (a record the role may not see)."""
    to_sign_in = response.status_code in (302, 303) and "/auth/login" in response.headers.get("Location", "")
    return to_sign_in or response.status_code in (401, 403, 404)


@pytest.fixture
def world(app, factories, monkeypatch):
    return build_world(app, factories, monkeypatch)


def test_every_rule_and_method_of_the_url_map_is_requested(app, world):
    """A new rule, or a new method of one, must join the tables above (and so be checked for every role)."""
    sent = requests_by_rule(app, world.ids)
    for rule in app.url_map.iter_rules():
        assert rule.endpoint in ACCESS or rule.endpoint in ROADMAP_WRITING, f"say who may reach {rule.endpoint} in tests/test_permissions.py"
        methods = {method for method, _url in sent[rule.endpoint]}
        assert rule.methods - {"HEAD", "OPTIONS"} <= methods, f"request {rule.endpoint} with {rule.methods}"


@pytest.mark.parametrize("role", ROLES)
def test_every_route_as_every_role(app, world, role):
    """No server error anywhere; whoever may not reach a route is sent to sign in or refused, on every
    method; whoever may is not. POSTs carry no form: a refused role is refused before any form is read."""
    client = app.test_client()
    user = world.users["visitor" if role == "anonymous" else role]
    if user is not None:
        sign_in(client, user)
    sent = requests_by_rule(app, world.ids)
    ordered = sorted(((method, url, endpoint) for endpoint, requests in sent.items() for method, url in requests),
                     key=lambda r: (r[0] != "GET", (r[0], r[1]) == LAST))  # pages first, then changes
    failures = []
    for method, url, endpoint in ordered:
        response = client.open(url, method=method)
        allowed = role in who_reaches(endpoint, method, url, world.ids)
        if response.status_code >= 500:
            failures.append(f"{method} {url}: {response.status_code}")
        elif allowed and is_refused(response) and response.status_code != 404:
            failures.append(f"{method} {url}: refused ({response.status_code}) but {role} may reach it")
        elif not allowed and not is_refused(response):
            failures.append(f"{method} {url}: {response.status_code} but {role} may not reach it")
        elif not allowed and response.status_code == 403 and response.mimetype == "text/html":
            expected = "Your application is with the Board" if role == "applicant" else "Not allowed"
            if expected not in response.get_data(as_text=True):
                failures.append(f"{method} {url}: the refusal does not say “{expected}”")
    assert not failures, "\n".join(failures)
    assert len(ordered) > 140


@pytest.mark.parametrize("role", ROLES)
def test_the_application_form_sends_signed_in_people_to_their_account(client, auth, factories, role):
    user = factories.as_role(role)
    if user is not None:
        auth.login(user.email)
    response = client.get("/auth/register")
    if role == "anonymous":
        assert response.status_code == 200 and b"Welcome to CCAN!" in response.data
    else:
        assert response.status_code == 302 and response.headers["Location"].endswith("/account")


def test_every_permission_is_used_by_a_known_role():
    from ccan_web.domain.roles import Role
    from ccan_web.permissions import AUTHENTICATED

    for action, roles in PERMISSIONS.items():
        assert roles <= set(Role) | {AUTHENTICATED}, action


def test_nobody_signed_out_can_do_anything():
    assert not any(can(None, action) for action in PERMISSIONS)


def test_an_association_officer_acts_only_for_their_country(factories):
    officer = factories.user(roles=("association_officer:KZ",))
    assert can(officer, "roadmap.edit_adaptation", "KZ")
    assert not can(officer, "roadmap.edit_adaptation", "UZ")


def test_every_view_outside_the_public_list_declares_its_permission(app):
    """A new route must either be public on purpose or name its permission (a document's pages name
    what they need of it: read, read_drafts, edit or publish)."""
    public_endpoints = {
        "static", "main.home", "main.set_language", "associations.index", "associations.detail",
        "toolkit.index", "toolkit.brand", "competitions.index", "competitions.detail", "competitions.results",
        "stories.story_list", "stories.story_detail",
        "stories.feed", "stories.press_kit_zip", "api.stories", "api.story",
        "events.event_list", "events.event_detail", "events.event_ics", "events.calendar_feed",
        "events.register", "events.registration",  # a signed token names the registration; a tampered one is a 400
        "events.registration_cancel", "main.search", "accounts.register", "accounts.login", "accounts.logout",
        "accounts.reset_request", "accounts.reset_password", "catalog.index", "catalog.entry_list",
        "catalog.entry_detail", "catalog.overview", "catalog.overview_download", "catalog.export",
        "roadmap.index", "roadmap.map", "api.entries", "api.entry", "api.openapi",
        "files.public",  # public files only: a private one is a 404 there, served by its area's view
        "site.robots", "site.sitemap_index", "site.sitemap_page", "site.health",
        "notifications.unsubscribe",  # its signed token names the person; a tampered one is a 400
    }
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.endpoint not in public_endpoints:
            assert getattr(view, "required_permission", None), rule.endpoint
