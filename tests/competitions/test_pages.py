"""The pages, per state and role, through the test client: who sees what, forms that keep their input."""
from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.competitions import jury
from ccan_web.blueprints.competitions.models import Assignment, Competition, Entry, PlaceOverride
from tests.competitions.conftest import PDF, png

STATES = ("draft", "open", "closed", "judging", "published")


def _error_beside(html: str, field: str) -> str:
    found = re.search(rf'id="{field}-error" class="field-error">([^<]*)<', html)
    return found.group(1).strip() if found else ""


def _answers(competition, **extra):
    data = {"applicant_kind": "team", "name": "Felt Team", "country": "KG", "sector": "fashion-design-crafts"}
    for question in competition.questions:
        if question.kind == "file":
            data[f"q{question.id}"] = (io.BytesIO(PDF), "plan.pdf")
        else:
            data[f"q{question.id}"] = "A database of felt workshops."
    data.update(extra)
    return data


@pytest.mark.parametrize("state", STATES)
def test_the_list_and_the_call_as_the_public_sees_them(client, make_call, state):
    make_call(state)
    listing = client.get("/competitions/").get_data(as_text=True)
    page = client.get("/competitions/business-db")
    if state == "draft":
        assert "Database of creative businesses" not in listing and page.status_code == 404
        return
    assert "Database of creative businesses" in listing
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Relevance" in html and "Bishkek" in html
    assert ("Sign in to apply" in html) == (state == "open")
    results = client.get("/competitions/business-db/results")
    assert results.status_code == (200 if state == "published" else 404)


@pytest.mark.parametrize("state", STATES)
def test_the_board_sees_every_page_of_the_call_in_each_state(client, auth, make_call, people, state):
    make_call(state)
    auth.login(people["board"].email)
    for path in ("", "/edit", "/questions", "/applications", "/ranking", "/applications.csv", "/attachments.zip"):
        assert client.get(f"/competitions/business-db{path}").status_code == 200, path
    assert "Drafts (the Board only)" in client.get("/competitions/").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/edit", "/questions", "/applications", "/ranking", "/applications.csv",
                                  "/attachments.zip"])
def test_a_member_is_refused_the_boards_pages(client, auth, make_call, people, path):
    make_call("judging")
    auth.login(people["stranger"].email)
    assert client.get(f"/competitions/business-db{path}").status_code == 403


def test_the_board_creates_a_call_with_times_in_a_zone(client, auth, people, db, clock):
    auth.login(people["board"].email)
    response = client.post("/competitions/new", data={
        "title": "Regional showcase", "slug": "", "objective": "Show the region.", "description": "Bring work.",
        "eligible_countries": ["KZ", "UZ"], "languages": ["en"], "opens_local": "2026-12-10T10:00",
        "closes_local": "2027-01-10T18:00", "zone": "Asia/Almaty", "scale": "10", "min_scores": "2", "prizes": "3"})
    assert response.status_code == 303
    competition = db.session.scalar(sa.select(Competition))
    assert competition.slug == "regional-showcase" and competition.state == "draft"
    assert competition.closes_at.hour == 13  # 18:00 in Almaty (UTC+5)


def test_an_unknown_zone_is_refused_beside_the_field_and_the_input_kept(client, auth, people, db):
    auth.login(people["board"].email)
    response = client.post("/competitions/new", data={
        "title": "Kept title", "eligible_countries": ["KZ"], "languages": ["en"], "opens_local": "2026-12-10T10:00",
        "closes_local": "2027-01-10T18:00", "zone": "Europe/Moscow", "scale": "10", "min_scores": "2", "prizes": "3"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and _error_beside(html, "zone")
    assert 'value="Kept title"' in html
    assert db.session.scalar(sa.select(sa.func.count(Competition.id))) == 0


def test_the_board_adds_a_question_a_criterion_and_a_juror_then_announces(client, auth, people, db, make_call):
    competition = make_call("draft")
    auth.login(people["board"].email)
    assert client.post("/competitions/business-db/questions", data={
        "kind": "choice", "label_en": "Your size", "label_ru": "Ваш размер", "options": "small\nlarge",
        "required": "y"}).status_code == 303
    missing = client.post("/competitions/business-db/questions", data={"kind": "short_text", "label_en": "Only English"})
    assert missing.status_code == 422 and _error_beside(missing.get_data(as_text=True), "label_ru")
    assert client.post("/competitions/business-db/criteria", data={"name": "Reach", "weight": "3"}).status_code == 303
    unknown = client.post("/competitions/business-db/jurors", data={"email": "nobody@example.org"})
    assert unknown.status_code == 422 and "No member" in _error_beside(unknown.get_data(as_text=True), "email")
    assert client.post("/competitions/business-db/announce").status_code == 303
    db.session.expire_all()
    competition = db.session.get(Competition, competition.id)
    assert competition.state == "open" and len(competition.questions) == 3 and len(competition.criteria) == 3


def test_a_step_that_is_not_allowed_changes_nothing(client, auth, people, db, make_call):
    make_call("open")
    auth.login(people["board"].email)
    response = client.post("/competitions/business-db/publish", follow_redirects=True)
    assert response.status_code == 200 and "not possible now" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Competition.state)) == "open"


def test_an_applicant_applies_with_a_file_and_reads_it_back(client, auth, people, db, make_call):
    competition = make_call("open", entries=())
    auth.login(people["applicant"].email)
    form = client.get("/competitions/business-db/apply").get_data(as_text=True)
    assert 'value="Aida Applicant"' in form  # started from the profile
    response = client.post("/competitions/business-db/apply", data={**_answers(competition), "action": "submit"},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    entry = db.session.scalar(sa.select(Entry))
    assert entry.state == "submitted" and entry.name == "Felt Team"
    question = next(q for q in competition.questions if q.kind == "file")
    url = f"/competitions/business-db/applications/{entry.id}/files/{question.id}"
    download = client.get(url)
    assert download.status_code == 200 and download.data == PDF and "no-store" in download.headers["Cache-Control"]
    auth.logout()
    auth.login(people["stranger"].email)
    assert client.get(url).status_code == 404
    auth.logout()
    auth.login(people["board"].email)
    assert client.get(url).status_code == 200


def test_a_draft_keeps_what_was_typed_and_a_wrong_file_is_refused_beside_its_question(client, auth, people, db,
                                                                                      make_call):
    competition = make_call("open", entries=())
    question = next(q for q in competition.questions if q.kind == "file")
    auth.login(people["applicant"].email)
    response = client.post("/competitions/business-db/apply", data={
        **_answers(competition, name="Kept Team"), f"q{question.id}": (io.BytesIO(b"GIF89a no"), "x.gif"),
        "action": "submit"}, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This is not an image we accept" in _error_beside(html, f"q{question.id}")
    assert 'value="Kept Team"' in html
    assert db.session.scalar(sa.select(sa.func.count(Entry.id))) == 0


def test_an_applicant_from_a_country_not_eligible_is_told_beside_the_field(client, auth, people, db, make_call):
    competition = make_call("open", entries=())
    auth.login(people["tm"].email)
    response = client.post("/competitions/business-db/apply", data={**_answers(competition, country="TM"),
                                                                     "action": "submit"},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "open to applicants from" in _error_beside(response.get_data(as_text=True), "country")
    assert db.session.scalar(sa.select(sa.func.count(Entry.id))) == 0


def test_a_second_after_the_deadline_the_form_is_refused_whatever_the_client_says(client, auth, people, db,
                                                                                  make_call, clock):
    competition = make_call("open", entries=())
    clock.set(competition.closes_at + timedelta(seconds=1))
    auth.login(people["applicant"].email)
    assert "Applications are closed" in client.get("/competitions/business-db/apply").get_data(as_text=True)
    response = client.post("/competitions/business-db/apply", data={**_answers(competition), "action": "submit"},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "applications can no longer be sent" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Entry.id))) == 0


def test_a_second_before_the_deadline_the_form_is_accepted(client, auth, people, db, make_call, clock):
    competition = make_call("open", entries=())
    clock.set(competition.closes_at - timedelta(seconds=1))
    auth.login(people["applicant"].email)
    response = client.post("/competitions/business-db/apply", data={**_answers(competition), "action": "submit"},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    assert db.session.scalar(sa.select(Entry.state)) == "submitted"


def test_the_board_sees_counts_by_country_and_sector_and_exports_them(client, auth, people, make_call):
    make_call("closed")
    auth.login(people["board"].email)
    html = client.get("/competitions/business-db/applications").get_data(as_text=True)
    assert "2 applications" in html and "from 2 countries" in html and "Kyrgyzstan: 1" in html
    csv = client.get("/competitions/business-db/applications.csv").get_data(as_text=True)
    assert csv.splitlines()[0].startswith("id,state,submitted_at") and "Aida Applicant" in csv
    import zipfile
    archive = zipfile.ZipFile(io.BytesIO(client.get("/competitions/business-db/attachments.zip").data))
    assert len(archive.namelist()) == 2 and all(name.endswith("plan.pdf") for name in archive.namelist())


def test_the_board_disqualifies_with_a_reason(client, auth, people, db, make_call):
    make_call("closed")
    entry = db.session.scalar(sa.select(Entry).order_by(Entry.id))
    auth.login(people["board"].email)
    empty = client.post(f"/competitions/business-db/applications/{entry.id}/disqualify", data={"reason": ""})
    assert empty.status_code == 422 and _error_beside(empty.get_data(as_text=True), "reason")
    done = client.post(f"/competitions/business-db/applications/{entry.id}/disqualify",
                       data={"reason": "Sent twice under two names."})
    assert done.status_code == 303
    assert db.session.get(Entry, entry.id).state == "disqualified"


def test_a_juror_scores_their_assignment_and_not_anothers(client, auth, people, db, make_call):
    competition = make_call("judging", scores=False)
    entry = db.session.scalar(sa.select(Entry).order_by(Entry.id))
    first, second = competition.criteria
    auth.login(people["juror1"].email)
    assert "to score" in client.get("/competitions/jury").get_data(as_text=True)
    page = client.get(f"/competitions/business-db/jury/{entry.id}").get_data(as_text=True)
    assert "What will you compile?" in page and "plan.pdf" in page
    outside = client.post(f"/competitions/business-db/jury/{entry.id}",
                          data={f"c{first.id}": "11", f"c{second.id}": "5"})
    assert outside.status_code == 422 and "from 0 to 10" in _error_beside(outside.get_data(as_text=True),
                                                                           f"c{first.id}")
    ok = client.post(f"/competitions/business-db/jury/{entry.id}",
                     data={f"c{first.id}": "9", f"c{second.id}": "5", "comment": "Clear plan."})
    assert ok.status_code == 303
    auth.logout()
    auth.login(people["stranger"].email)
    assert client.get(f"/competitions/business-db/jury/{entry.id}").status_code == 404
    assert client.post(f"/competitions/business-db/jury/{entry.id}",
                       data={f"c{first.id}": "1", f"c{second.id}": "1"}).status_code == 404
    scores = {a.juror.user_id: a.scores for a in db.session.scalars(sa.select(Assignment).where(
        Assignment.entry_id == entry.id))}
    assert scores[people["juror1"].id] == {str(first.id): 9, str(second.id): 5}


def test_a_juror_does_not_see_the_other_jurors_scores_until_the_results(client, auth, people, db, make_call):
    competition = make_call("judging")
    entry = db.session.scalar(sa.select(Entry).order_by(Entry.id))
    auth.login(people["juror1"].email)
    assert "Jasur Juror" not in client.get(f"/competitions/business-db/jury/{entry.id}").get_data(as_text=True)
    auth.logout()
    auth.login(people["board"].email)
    client.post("/competitions/business-db/publish")
    auth.logout()
    auth.login(people["juror1"].email)
    assert "Jasur Juror" in client.get(f"/competitions/business-db/jury/{entry.id}").get_data(as_text=True)


def test_a_juror_declares_a_conflict(client, auth, people, db, make_call):
    make_call("judging", scores=False)
    entry = db.session.scalar(sa.select(Entry).order_by(Entry.id))
    auth.login(people["juror2"].email)
    assert client.post(f"/competitions/business-db/jury/{entry.id}/conflict",
                       data={"note": "I advised them."}).status_code == 303
    assert "conflict of interest declared" in client.get("/competitions/jury").get_data(as_text=True)


def test_the_board_sees_which_applications_still_need_scores(client, auth, people, db, make_call):
    competition = make_call("judging", scores=False)
    first = db.session.scalar(sa.select(Entry).order_by(Entry.id))
    jury.score(competition, jury.assignment_for(competition, first.id, people["juror1"]),
               {c.id: 7 for c in competition.criteria}, "", people["juror1"])
    db.session.commit()
    auth.login(people["board"].email)
    html = client.get("/competitions/business-db/ranking").get_data(as_text=True)
    assert "2 applications still need scores." in html
    assert "1 more score needed (1 juror has not scored it yet)" in html
    assert "2 more scores needed (2 jurors have not scored it yet)" in html
    assert client.post("/competitions/business-db/publish", follow_redirects=True).status_code == 200
    assert db.session.scalar(sa.select(Competition.state)) == "judging"


def test_the_board_previews_overrides_and_publishes_once(client, auth, people, db, make_call):
    make_call("judging")
    last = jury.preview(db.session.scalar(sa.select(Competition)))[-1].entry
    auth.login(people["board"].email)
    html = client.get("/competitions/business-db/ranking").get_data(as_text=True)
    assert "Every application has its scores" in html and "Spread" in html
    no_reason = client.post(f"/competitions/business-db/ranking/{last.id}", data={f"o{last.id}-place": "1"})
    assert no_reason.status_code == 422
    assert client.post(f"/competitions/business-db/ranking/{last.id}", data={
        f"o{last.id}-place": "1", f"o{last.id}-reason": "Agreed by the jury."}).status_code == 303
    assert db.session.scalar(sa.select(PlaceOverride.place)) == 1
    assert client.post("/competitions/business-db/publish").status_code == 303
    again = client.post("/competitions/business-db/publish", follow_redirects=True)
    assert "not possible now" in again.get_data(as_text=True)
    results = client.get("/competitions/business-db/results").get_data(as_text=True)
    assert results.index(last.name) < results.index("Ranking")  # the overridden one won


def test_the_applicant_reads_the_results(client, auth, people, make_call):
    make_call("published")
    auth.login(people["applicant"].email)
    html = client.get("/competitions/business-db/results").get_data(as_text=True)
    assert "Aida Applicant" in html and "Kyrgyzstan" in html and "Jamila Juror" in html
    assert "The results of Database of creative businesses are published" in client.get(
        "/notifications/").get_data(as_text=True)


def test_unknown_slugs_and_ids_are_not_found(client, auth, people, make_call):
    make_call("judging")
    auth.login(people["board"].email)
    for path in ("/competitions/nope", "/competitions/nope/results", "/competitions/business-db/applications/999999",
                 "/competitions/business-db/applications/99999999999", "/competitions/business-db/jury/5"):
        assert client.get(path).status_code == 404, path
    assert client.post("/competitions/business-db/questions/999/remove").status_code == 404
    assert client.post("/competitions/business-db/ranking/999999").status_code == 404
