"""Accessibility: axe-core checks each page against WCAG 2.1 A and AA, in English and Russian, on a
wide screen and on a 390 px phone, where no page may be wider than the window.

Two sweeps: a list of chosen pages held to no violation at all, and every page that each role can
reach (listed by tests/site_pages.py from app.url_map, as the Nu HTML checker's test does) held to
no serious or critical one."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import Factories
from tests.site_pages import ROLES, all_urls, build_world, fingerprint, is_page, sign_in

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
RUN_AXE = """async (impacts) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return result.violations.filter(v => !impacts || impacts.includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""
SERIOUS = ["serious", "critical"]

PUBLIC = ["/", "/auth/register", "/auth/login", "/auth/reset", "/roadmap/", "/roadmap/regional", "/roadmap/map", "/no-such-page",
          "/catalog/businesses", "/catalog/courses", "/catalog/overview", "/associations/", "/associations/tj",
          "/stories/"]
MEMBER = ["/members/", "/members/{member}", "/account", "/account/profile"]
BOARD = ["/board/applications", "/board/applications/{application}", "/board/applications/{application}/approve",
         "/board/audit", "/board/roster",
         "/roadmap/regional/edit", "/roadmap/regional/history", "/roadmap/regional/diff?from=1&to=2",
         "/roadmap/kz/upstream", "/roadmap/kz/compare-regional", "/roadmap/kz/compare-regional?section=2",
         "/roadmap/map?texts=drafts", "/catalog/businesses/new", "/catalog/courses/new", "/catalog/methodology"]
ROADMAP = "# Roadmap\n\n## Education\nSchools in every capital.\n\n| Goal | 2027 |\n|---|---|\n| Schools | 5 |\n\n- [x] founded\n"


WIDTHS = [1280, 390]
SCREENS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def violations(page, path: str, impacts: list[str] | None = None) -> list[str]:
    page.goto(path)
    page.add_script_tag(path=str(AXE))
    return checked(page, impacts)


def checked(page, impacts: list[str] | None = None) -> list[str]:
    """axe-core's violations (of `impacts` only, if given) on the page as it is, with axe loaded."""
    found = page.evaluate(RUN_AXE, impacts)
    width, window = page.evaluate(PAGE_WIDTH)
    if width > window:
        found.append(f"the page is {width} px wide in a {window} px window: it scrolls sideways")
    return found


@pytest.fixture
def axe_page(chromium_browser, live_url):
    """A page whose context may inject axe-core past the CSP (the site itself never needs that)."""
    contexts = []

    def open_page(locale: str, width: int = 1280):
        context = chromium_browser.new_context(base_url=live_url, bypass_csp=True,
                                               viewport={"width": width, "height": 900 if width > 500 else 844},
                                               extra_http_headers={"Accept-Language": locale})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("locale", ["en", "ru"])
def test_pages_have_no_wcag_violations(axe_page, factories, locale, width):
    member = factories.member(full_name="Aigerim Nurlanova", show_email=True)
    board = factories.board_member()
    application = factories.applicant(full_name="Firuza Rahimova").application
    ids = {"member": member.id, "application": application.id}
    from ccan_web.documents import services as documents

    regional = documents.create_document("regional", "roadmap", "Regional roadmap", ROADMAP, board)
    documents.publish(regional, 1, board)
    documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", board, country="KZ")
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), board)
    factories.db.session.commit()
    found = {}

    page = axe_page(locale, width)
    for path in PUBLIC:
        found[path] = violations(page, path)
    page.goto("/auth/login")  # by field ids: the labels are in the page's language
    page.fill("#email", board.email)
    page.fill("#password", Factories.PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/account")
    for path in MEMBER + BOARD:
        found[path] = violations(page, path.format(**ids))
    found = {path: problems for path, problems in found.items() if problems}
    assert found == {}, found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("locale", ["en", "ru"])
def test_search_and_import_pages_have_no_wcag_violations(axe_page, app, factories, monkeypatch, locale, width):
    from ccan_web.blueprints.catalog import importing, moderation
    from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
    from ccan_web.search.indexing import search_index

    monkeypatch.setitem(app.config, "SEARCH_AUTO_INDEX", True)
    search_index(app).clear()
    editor = factories.user(roles=("editor",))
    for name, sector in (("Steppe Sound", "music"), ("Almaty Design Lab", "fashion-design-crafts")):
        entry = submit_business(BusinessData(name=name, country="KZ", city="Almaty",
                                             primary_sector=sector), editor).entry
        moderation.publish(entry, editor)
    # The editors' screens: a waiting entry, a look-alike of a published one, a suggested correction.
    submit_business(BusinessData(name="Steppe Sound", country="KZ", city="Almaty",
                                 primary_sector="music", source_kind="survey"), editor)
    moderation.suggest_correction("businesses", entry, editor, "The studio moved to Astana.")
    flag_id = moderation.moderation_queue().duplicates[0].id
    with app.test_request_context():
        job = importing.start_job("businesses", "studios.csv", b"name,country,city,sector\nA,XX,Almaty,music\n"
                                  b"B,KZ,Almaty,music\nSteppe Sound,KZ,Almaty,music\n", editor, "survey", "Survey")
        factories.db.session.commit()
        importing.check_job(job.id, job.attempt)
    page = axe_page(locale, width)
    found = {path: violations(page, path) for path in ("/search", "/search?q=almaty", "/search?q=almaty&sector=music")}
    page.goto("/auth/login")
    page.fill("#email", editor.email)
    page.fill("#password", Factories.PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/account")
    for path in ("/catalog/import", f"/catalog/import/{job.id}", "/catalog/moderation",
                 f"/catalog/duplicates/{flag_id}/merge", f"/catalog/businesses/{entry.id}"):
        found[path] = violations(page, path)
    search_index(app).clear()
    assert {path: problems for path, problems in found.items() if problems} == {}


def main_of(html: str) -> str:
    return html[html.find("<main"):html.find("</main>")]


def pages_by_role(app, world) -> dict[str, list[str]]:
    """The pages each role reaches (as the test client finds them), each distinct page once: a page
    whose <main> looks the same to several roles is checked as the first of them (the header and
    menu, which differ by role, are on every other page each role reaches). A download (the roadmap
    as an HTML file) is left to the Nu HTML checker: the browser saves it instead of showing it."""
    seen, pages = set(), {}
    for role in ROLES:
        client = app.test_client()
        if world.users[role] is not None:
            sign_in(client, world.users[role])
        pages[role] = []
        for url in all_urls(world.ids):
            response = client.get(url)
            if "attachment" in response.headers.get("Content-Disposition", ""):
                continue
            if is_page(response) and (key := fingerprint(main_of(response.get_data(as_text=True)))) not in seen:
                seen.add(key)
                pages[role].append(url)
    return pages


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_every_page_each_role_reaches_has_no_serious_violation(axe_page, app, factories, monkeypatch, locale):
    world = build_world(app, factories, monkeypatch)
    found = {}
    for role, urls in pages_by_role(app, world).items():
        page = axe_page(locale)
        if world.users[role] is not None:
            page.goto("/auth/login")  # by field ids: the labels are in the page's language
            page.fill("#email", world.users[role].email)
            page.fill("#password", Factories.PASSWORD)
            page.click("main form button[type=submit]")
            page.wait_for_url("**/account")
        for url in urls:
            # One load per page, checked wide and then narrowed to a phone (the layout follows).
            page.set_viewport_size(SCREENS[WIDTHS[0]])
            page.goto(url)
            page.add_script_tag(path=str(AXE))
            for width in WIDTHS:
                page.set_viewport_size(SCREENS[width])
                if problems := checked(page, SERIOUS):
                    found[f"{role} {width}px {url}"] = problems
    assert found == {}, found
