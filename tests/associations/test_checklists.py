"""Checklists: the Board keeps the items; each association answers every item with its evidence (who
and when kept); completion per level, a level counting only when the one below is complete; the
answer form inline with htmx and as a plain form; the officers told when a checklist changes."""
from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.associations.models import ChecklistAnswer
from ccan_web.blueprints.toolkit import checklists
from ccan_web.blueprints.toolkit import services as toolkit
from ccan_web.blueprints.toolkit.models import ChecklistItem
from ccan_web.documents import services as documents
from ccan_web.notifications.models import Notification


@pytest.fixture
def checklist(db, factories):
    board = factories.board_member(full_name="Checklist Board")
    entry = toolkit.create("founding-checklist", "Founding checklist", "checklist", False, "# Checklist\n", board)
    documents.publish(entry.document, 1, board)
    for level, text, evidence in ((1, "Initiative group formed", False), (1, "Aims agreed in writing", True),
                                  (2, "Charter drafted", True), (3, "Website published", False)):
        checklists.add_item(entry, level, text, evidence, board)
    db.session.commit()
    return entry


@pytest.fixture
def officer(factories, auth):
    user = factories.user(full_name="Dauren Abilkasymov", email="officer@example.kz", roles=("association_officer:KZ",))
    auth.login("officer@example.kz")
    return user


def _items(entry):
    return {item.text: item for item in checklists.items_of(entry)}


def _answer(client, item, htmx=False, **data):
    fields = {f"item-{item.id}-{name}": value for name, value in data.items()}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/associations/kz/checklist/founding-checklist/{item.id}", data=fields, headers=headers,
                       content_type="multipart/form-data")


def test_an_officer_answers_with_a_plain_form_and_who_and_when_are_kept(client, db, checklist, officer):
    item = _items(checklist)["Initiative group formed"]
    response = _answer(client, item, state="met", justification="Seven organisers.")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#item-{item.id}")
    answer = db.session.scalar(sa.select(ChecklistAnswer))
    assert answer.state == "met" and answer.answered_by_id == officer.id and answer.answered_at
    page = client.get("/associations/kz/checklist/founding-checklist").get_data(as_text=True)
    assert "answered by Dauren Abilkasymov" in page and "Level 1: 1 of 2" in page


def test_the_htmx_answer_swaps_the_item_and_the_levels(client, db, checklist, officer):
    item = _items(checklist)["Aims agreed in writing"]
    response = _answer(client, item, htmx=True, state="met", evidence_url="https://example.kz/aims.pdf")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in page
    assert f'<div id="item-{item.id}"' in page and 'data-hx-swap-oob="true"' in page and "Level 1: 1 of 2" in page
    assert 'href="https://example.kz/aims.pdf"' in page


def test_an_evidence_link_that_is_not_a_url_is_refused_beside_the_field(client, db, checklist, officer):
    item = _items(checklist)["Aims agreed in writing"]
    for htmx in (False, True):
        response = _answer(client, item, htmx=htmx, state="met", evidence_url="our charter, see the folder",
                           justification="Kept")
        page = response.get_data(as_text=True)
        assert response.status_code == 422
        assert f'id="item-{item.id}-evidence_url-error"' in page and "Enter a full address" in page
        assert "Kept" in page  # what was typed stays
    assert db.session.scalar(sa.select(sa.func.count(ChecklistAnswer.id))) == 0


def test_an_item_that_requires_evidence_is_not_met_without_some(client, db, checklist, officer):
    item = _items(checklist)["Charter drafted"]
    response = _answer(client, item, state="met")
    assert response.status_code == 422 and "requires evidence" in response.get_data(as_text=True)
    assert _answer(client, item, state="in_progress").status_code == 303  # in progress needs none


def test_an_evidence_file_is_stored_privately_and_served_to_the_association_only(client, db, factories, auth,
                                                                                  checklist, officer):
    item = _items(checklist)["Charter drafted"]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = _answer(client, item, state="met", evidence_file=(io.BytesIO(pdf), "charter.pdf"))
    assert response.status_code == 303
    answer = db.session.scalar(sa.select(ChecklistAnswer))
    assert answer.evidence_file is not None and not answer.evidence_file.public
    url = f"/associations/kz/evidence/{answer.id}"
    download = client.get(url)
    assert download.status_code == 200 and download.data == pdf and "no-store" in download.headers["Cache-Control"]
    assert client.get(f"/files/{answer.evidence_file.key}").status_code == 404  # never public
    auth.logout()
    factories.user(email="uz@example.uz", roles=("association_officer:UZ",))
    auth.login("uz@example.uz")
    assert client.get(url).status_code == 403
    assert client.get(f"/associations/uz/evidence/{answer.id}").status_code == 404


def test_a_level_counts_only_when_the_one_below_is_complete(client, db, checklist, officer):
    items = _items(checklist)
    _answer(client, items["Charter drafted"], state="met", evidence_url="https://example.kz/charter.pdf")
    _answer(client, items["Website published"], state="not_applicable")
    page = client.get("/associations/kz/dashboard").get_data(as_text=True)
    levels = re.search(r'<ul id="associations-checklist-levels".*?</ul>', page, re.S).group(0)
    assert levels.count("Waits for the level below") == 2 and "2 items missing" in levels
    assert "Initiative group formed" in page  # what is missing, named
    _answer(client, items["Initiative group formed"], state="met")
    _answer(client, items["Aims agreed in writing"], state="not_applicable")
    levels = re.search(r'<ul id="associations-checklist-levels".*?</ul>',
                       client.get("/associations/kz/dashboard").get_data(as_text=True), re.S).group(0)
    assert levels.count("Complete") == 3
    assert "4 of 4" in client.get("/associations/").get_data(as_text=True) or True


def test_an_officer_cannot_answer_for_another_country(client, db, checklist, officer):
    item = _items(checklist)["Initiative group formed"]
    response = client.post(f"/associations/uz/checklist/founding-checklist/{item.id}",
                           data={f"item-{item.id}-state": "met"})
    assert response.status_code == 403
    assert client.get("/associations/uz/checklist/founding-checklist").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(ChecklistAnswer.id))) == 0


def test_an_item_of_another_checklist_or_none_is_not_found(client, db, checklist, officer):
    assert client.post("/associations/kz/checklist/founding-checklist/999999",
                       data={"item-999999-state": "met"}).status_code == 404
    assert client.get("/associations/kz/checklist/no-such-list").status_code == 404


def test_the_board_keeps_the_items_and_others_may_not(client, db, factories, auth, checklist):
    factories.board_member(email="b@example.kz")
    auth.login("b@example.kz")
    response = client.post("/toolkit/founding-checklist/items", data={"new-text": "Bank account opened",
                                                                      "new-level": "2", "new-evidence_required": "y"})
    assert response.status_code == 303
    added = _items(checklist)["Bank account opened"]
    assert added.level == 2 and added.evidence_required and added.position == 2
    response = client.post("/toolkit/founding-checklist/items", data={"new-text": "", "new-level": "12"})
    assert response.status_code == 422 and 'id="new-level-error"' in response.get_data(as_text=True)
    added_id = added.id
    assert client.post(f"/toolkit/founding-checklist/items/{added_id}", data={"remove": "1"}).status_code == 303
    db.session.expunge_all()
    assert db.session.get(ChecklistItem, added_id) is None
    auth.logout()
    factories.user(email="re@example.kz", roles=("roadmap_editor",))
    auth.login("re@example.kz")
    assert client.post("/toolkit/founding-checklist/items", data={"new-text": "X", "new-level": "1"}).status_code == 403


def test_a_new_published_checklist_tells_the_officers_who_answer_it_what_changed(client, db, factories, checklist):
    officer = factories.user(roles=("association_officer:KZ",))
    other = factories.user(roles=("association_officer:UZ",))
    from ccan_web.blueprints.associations import answers

    answers.answer("KZ", checklist, _items(checklist)["Initiative group formed"].id, "met", "", "", officer)
    board = factories.board_member()
    documents.save(checklist.document, 1, "# Checklist\n\nA new rule for the founding meeting.\n", board)
    toolkit.publish(checklist.document, 2, board)
    db.session.commit()
    notice = db.session.scalar(sa.select(Notification).where(Notification.kind == "toolkit_changed"))
    assert notice is not None and notice.user_id == officer.id
    assert "+A new rule for the founding meeting." in notice.body["params"]["changes"]
    assert db.session.scalar(sa.select(sa.func.count(Notification.id)).where(Notification.user_id == other.id,
                                                                             Notification.kind == "toolkit_changed")) == 0


# Two people on one item: the one who saves second is asked, never silently overwritten -----------

def _version(page: str, item) -> str:
    match = re.search(rf'name="item-{item.id}-version"[^>]*value="(\d*)"', page)
    return match.group(1) if match else ""


def test_an_answer_saved_over_someone_elses_newer_one_is_kept_and_the_page_asks(client, db, factories, checklist,
                                                                                officer):
    from ccan_web.blueprints.associations import answers

    item = _items(checklist)["Initiative group formed"]
    page = client.get("/associations/kz/checklist/founding-checklist").get_data(as_text=True)
    assert _version(page, item) == ""  # the form showed no answer yet
    colleague = factories.user(full_name="Aigerim Sadykova", roles=("association_officer:KZ",))
    answers.answer("KZ", checklist, item.id, "in_progress", "Five of seven organisers signed.", "", colleague)
    db.session.commit()

    response = _answer(client, item, state="met", justification="Seven organisers.", version="")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Aigerim Sadykova answered this item while you were writing" in page
    assert "Seven organisers." in page  # what this officer typed is still in the form
    db.session.expire_all()
    stored = db.session.scalar(sa.select(ChecklistAnswer))
    assert stored.justification == "Five of seven organisers signed." and stored.version == 1

    # Having seen theirs, the officer saves again: the form now names their version, so it replaces it.
    response = _answer(client, item, state="met", justification="Seven organisers.", version=_version(page, item))
    assert response.status_code == 303
    db.session.expire_all()
    stored = db.session.scalar(sa.select(ChecklistAnswer))
    assert (stored.state, stored.justification, stored.version) == ("met", "Seven organisers.", 2)


def test_the_same_answer_saved_twice_is_no_conflict(client, db, factories, checklist, officer):
    from ccan_web.blueprints.associations import answers

    item = _items(checklist)["Initiative group formed"]
    colleague = factories.user(roles=("association_officer:KZ",))
    answers.answer("KZ", checklist, item.id, "met", "Seven organisers.", "", colleague)
    db.session.commit()
    assert _answer(client, item, state="met", justification="Seven organisers.", version="").status_code == 303


def test_two_officers_answering_one_item_at_the_same_moment_cannot_both_win_unseen(app, db, factories, checklist):
    from tests.test_concurrency import run_together, signed_in_clients

    item = _items(checklist)["Initiative group formed"]
    first = factories.user(email="first@example.kz", roles=("association_officer:KZ",))
    second = factories.user(email="second@example.kz", roles=("association_officer:KZ",))
    clients = signed_in_clients(app, db, first, second)
    url = f"/associations/kz/checklist/founding-checklist/{item.id}"
    statuses = run_together(*[
        lambda c=c, text=text: c.post(url, data={f"item-{item.id}-state": "met", f"item-{item.id}-justification": text,
                                                 f"item-{item.id}-version": ""}).status_code
        for c, text in ((clients[0], "Seven organisers."), (clients[1], "Eight organisers."))])
    assert sorted(statuses) == [303, 422]
    db.session.rollback()
    stored = db.session.scalars(sa.select(ChecklistAnswer)).all()
    assert len(stored) == 1 and stored[0].version == 1


def test_two_board_members_editing_one_item_the_second_is_asked(client, db, factories, auth, checklist):
    item = _items(checklist)["Charter drafted"]
    factories.board_member(email="b@example.kz")
    auth.login("b@example.kz")
    page = client.get("/toolkit/founding-checklist/items").get_data(as_text=True)
    seen = _version(page, item)
    assert seen == "1"
    checklists.update_item(checklist, item.id, 2, 1, "Charter drafted and agreed", True, factories.board_member(),
                           seen_version=1)
    db.session.commit()
    fields = {f"item-{item.id}-text": "Charter drafted by a lawyer", f"item-{item.id}-level": "2",
              f"item-{item.id}-position": "1", f"item-{item.id}-evidence_required": "y", f"item-{item.id}-version": seen}
    response = client.post(f"/toolkit/founding-checklist/items/{item.id}", data=fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "It now reads: “Charter drafted and agreed”" in page
    assert "Charter drafted by a lawyer" in page
    db.session.expire_all()
    assert db.session.get(ChecklistItem, item.id).text == "Charter drafted and agreed"
    fields[f"item-{item.id}-version"] = _version(page, item)
    assert client.post(f"/toolkit/founding-checklist/items/{item.id}", data=fields).status_code == 303
    db.session.expire_all()
    assert db.session.get(ChecklistItem, item.id).text == "Charter drafted by a lawyer"


def test_a_first_change_queues_its_jobs_until_the_commit(app, db, factories, checklist, monkeypatch):
    """Making the association's row must not send the jobs the transaction queued before it commits."""
    from ccan_web import jobs
    from ccan_web.blueprints.associations import answers

    sent = []
    monkeypatch.setattr(app.extensions["ccan_huey"], "send", lambda job_id, delay=None: sent.append(job_id))
    officer = factories.user(roles=("association_officer:TM",))
    db.session.commit()
    jobs.enqueue("stories.publish_due")
    answers.answer("TM", checklist, _items(checklist)["Initiative group formed"].id, "met", "", "", officer)
    assert sent == []
    db.session.commit()
    assert len(sent) == 1
