"""Competitions in a real browser: the Board opens a call, an applicant applies with a file, two
jurors score, the Board publishes, and the applicant reads the result; the pages pass axe at both widths."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ccan_web.blueprints.competitions import services
from ccan_web.domain.zones import local_input
from tests.competitions.conftest import PDF, call_data
from tests.e2e.conftest import PHONE
from tests.e2e.support import assert_no_sideways_scroll, expect, sign_in
from tests.e2e.test_accessibility import axe_page, violations  # noqa: F401 (a fixture)

SHOTS = Path("/work/tmp/shots/competitions")


def _draft_call(db, factories):
    board = factories.board_member(full_name="Bolot Board")
    jurors = [factories.member(full_name=name) for name in ("Jamila Juror", "Jasur Juror")]
    now = services.now()
    competition = services.create_call(call_data(
        opens_local=local_input(now - timedelta(hours=1), "Asia/Bishkek"),
        closes_local=local_input(now + timedelta(days=30), "Asia/Bishkek")), board)
    services.add_question(competition, "long_text", {"en": "What will you compile?", "ru": "Что вы соберёте?"},
                          [], True, board)
    services.add_question(competition, "file", {"en": "Your plan", "ru": "Ваш план"}, [], True, board)
    services.add_criterion(competition, "Relevance", "", 2, board)
    services.add_criterion(competition, "Feasibility", "", 1, board)
    for juror in jurors:
        services.add_juror(competition, juror.email, board)
    db.session.commit()
    return board, jurors


def test_open_apply_with_a_file_score_publish_and_read_the_result(new_browser_page, db, factories, tmp_path):
    board, jurors = _draft_call(db, factories)
    applicant = factories.member(full_name="Aida Applicant", country="KG")
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(PDF)

    chair = new_browser_page()
    sign_in(chair, board.email)
    chair.goto("/competitions/business-db")
    chair.get_by_role("button", name="Announce the call").click()
    expect(chair.locator("#flash-messages")).to_contain_text("The call is announced.")

    person = new_browser_page()
    sign_in(person, applicant.email)
    person.set_viewport_size(PHONE)
    person.goto("/competitions/")
    person.get_by_role("link", name="Database of creative businesses").click()
    expect(person.locator("[data-countdown]")).to_contain_text("Closes in")
    person.get_by_role("button", name="Apply").click()
    person.get_by_label("A team").check()
    person.get_by_label("Name of the applicant, team or organisation").fill("Felt Team")
    person.get_by_label("What will you compile?").fill("Every felt workshop of the Chui valley.")
    person.get_by_label("Your plan").set_input_files(str(plan))
    person.get_by_role("button", name="Submit the application").click()
    expect(person.locator("#flash-messages")).to_contain_text("Your application is submitted.")
    expect(person.locator("main")).to_contain_text("plan.pdf")
    assert_no_sideways_scroll(person)

    chair.goto("/competitions/business-db")
    chair.get_by_role("button", name="Close the call now").click()
    expect(chair.locator("#flash-messages")).to_contain_text("The call is closed.")
    chair.get_by_role("button", name="Begin the judging").click()
    expect(chair.locator("#flash-messages")).to_contain_text("The judging has begun")

    for juror, (relevance, feasibility) in zip(jurors, ((9, 7), (8, 6))):
        judge = new_browser_page()
        sign_in(judge, juror.email)
        judge.goto("/competitions/jury")
        judge.get_by_role("link", name="Felt Team").click()
        expect(judge.locator("main")).to_contain_text("Every felt workshop of the Chui valley.")
        judge.get_by_label("Relevance").fill(str(relevance))
        judge.get_by_label("Feasibility").fill(str(feasibility))
        judge.get_by_label("Comment").fill("A clear plan.")
        judge.get_by_role("button", name="Save the scores").click()
        expect(judge.locator("#flash-messages")).to_contain_text("Your scores are saved.")

    chair.goto("/competitions/business-db/ranking")
    expect(chair.locator("main")).to_contain_text("Every application has its scores.")
    chair.get_by_role("button", name="Publish the results").click()
    expect(chair.locator("#flash-messages")).to_contain_text("The results are published")

    person.goto("/notifications/")
    person.get_by_role("link", name="The results of Database of creative businesses are published").click()
    expect(person.locator("h1")).to_contain_text("Results")
    expect(person.locator(".competition-winners")).to_contain_text("Felt Team")
    # (9×2 + 7)/3 and (8×2 + 6)/3: a mean of 7.83.
    expect(person.locator("main table").first).to_contain_text("7.83")
    assert_no_sideways_scroll(person)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_competition_pages_have_no_wcag_violations(axe_page, db, factories, width):  # noqa: F811
    from ccan_web.demo import load_demo
    from tests.site_pages import _competition_world

    from argon2 import PasswordHasher
    from ccan_web.blueprints.accounts import services as accounts_services
    accounts_services._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    load_demo()
    db.session.commit()
    board = factories.board_member(full_name="Bolot Board")
    member = factories.member(full_name="Jamila Juror")
    ids = _competition_world(db, member)
    page = axe_page("en", width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    public = ("/competitions/", "/competitions/business-database-2026", "/competitions/business-database-2026/results",
              "/competitions/regional-showcase-2027")
    for path in public:
        found[path] = violations(page, path)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, member.email)
    page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
    for path in ("/competitions/regional-showcase-2027/apply", "/competitions/jury",
                 f"/competitions/business-database-2026/jury/{ids['competition_entry']}"):
        found[path] = violations(page, path)
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, board.email)
    page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
    for path in ("/competitions/new", "/competitions/draft-call/questions", "/competitions/draft-call",
                 "/competitions/business-database-2026/applications",
                 f"/competitions/business-database-2026/applications/{ids['competition_entry']}",
                 "/competitions/business-database-2026/ranking", "/competitions/regional-showcase-2027/edit"):
        found[path] = violations(page, path)
    found = {path: problems for path, problems in found.items() if problems}
    assert found == {}, found
