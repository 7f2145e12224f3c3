"""The editors' moderation: the queue keeps them in it, notes are required where they must be, merges
say what they keep, the header counts what waits, and readers suggest corrections."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from ccan_web.audit import AuditEntry
from ccan_web.blueprints.catalog import moderation
from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.models import Business, CorrectionSuggestion, DuplicateFlag
from ccan_web.domain.catalog import SUGGESTIONS_PER_DAY
from ccan_web.domain.errors import Conflict, DomainError

HX = {"HX-Request": "true"}


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor",), full_name="Ekaterina Li")


@pytest.fixture
def waiting(db, factories):
    """Two businesses and a course waiting, oldest first, from a member."""
    member = factories.member(full_name="Nurlan Zhaksybekov")
    first = submit_business(BusinessData(
        name="Steppe Sound", country="KZ", city="Almaty", primary_sector="music", source_kind="survey",
        source_detail="CCAN survey 2021"), member).entry
    second = submit_business(BusinessData(
        name="Hunar Studio", country="TJ", city="Dushanbe", primary_sector="theatre-dance"), member).entry
    course = submit_course(CourseData(
        title="Pricing for designers", url="https://courses.example/pricing", language="ru", format="video",
        improves="professional", outcome="income", all_sectors=True), member).entry
    second.created_at = first.created_at + timedelta(seconds=1)
    course.created_at = first.created_at + timedelta(seconds=2)
    db.session.commit()
    return first, second, course


def published(db, editor, name="Ala-Too Media", city="Bishkek", country="KG", **extra):
    entry = submit_business(BusinessData(name=name, country=country, city=city,
                                         primary_sector="publishing-literature", **extra), editor).entry
    moderation.publish(entry, editor)
    db.session.commit()
    return entry


# The queue ------------------------------------------------------------------------------------------

def test_the_queue_puts_the_longest_waiting_entry_first(waiting):
    queue = moderation.moderation_queue()
    current, rest = moderation.current_and_rest(queue)
    assert current == ("businesses", waiting[0])
    assert [entry for _kind, entry in rest] == [waiting[1], waiting[2]]
    chosen, _rest = moderation.current_and_rest(queue, ("courses", waiting[2].id))
    assert chosen == ("courses", waiting[2])


def test_waiting_counts_entries_duplicates_and_suggestions(db, editor, waiting, factories):
    entry = published(db, editor)
    moderation.suggest_correction("businesses", entry, factories.member(), "The city is Osh now.")
    submit_business(BusinessData(name="Ala-Too Media", country="KG", city="Bishkek",
                                 primary_sector="publishing-literature"), editor)
    # 3 waiting + the look-alike (waiting, and flagged) + its flag + the suggestion
    assert moderation.waiting_count() == 6 == moderation.moderation_queue().total


def test_a_decision_on_the_queue_brings_up_the_next_entry_in_place(client, auth, editor, waiting, db):
    auth.login(editor.email)
    page = text(client.get("/catalog/moderation"))
    card = page.split('id="moderation-current"')[1].split("</article>")[0]
    assert "Steppe Sound" in card and "Kazakhstan, Almaty" in card and "Music" in card
    assert "Survey: CCAN survey 2021" in card  # country, sector and source on the card
    response = client.post(f"/catalog/businesses/{waiting[0].id}/publish", data={"from": "queue"}, headers=HX)
    fragment = text(response)
    assert response.status_code == 200 and "<html" not in fragment and 'id="catalog-moderation"' in fragment
    assert "Published." in fragment
    card = fragment.split('id="moderation-current"')[1].split("</article>")[0]
    assert "Hunar Studio" in card and "Tajikistan, Dushanbe" in card
    assert "2 items wait for an editor" in fragment


def test_without_javascript_a_decision_goes_back_to_the_queue(client, auth, editor, waiting):
    auth.login(editor.email)
    response = client.post(f"/catalog/businesses/{waiting[0].id}/publish", data={"from": "queue"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/catalog/moderation")
    page = text(client.get(response.headers["Location"]))
    assert "Published." in page and "Hunar Studio" in page.split('id="moderation-current"')[1]
    # From the entry's own page, the entry's page again.
    response = client.post(f"/catalog/businesses/{waiting[1].id}/publish")
    assert response.headers["Location"].endswith(f"/catalog/businesses/{waiting[1].id}")


@pytest.mark.parametrize("headers", [HX, {}])
def test_a_rejection_without_a_note_is_said_beside_the_note(client, auth, editor, waiting, db, headers):
    auth.login(editor.email)
    response = client.post(f"/catalog/businesses/{waiting[1].id}/reject", data={"from": "queue", "note": "  "},
                           headers=headers)
    page = text(response)
    assert response.status_code == 422
    note_id = f"note-businesses-{waiting[1].id}"
    assert f'id="{note_id}-error"' in page and "Give the submitter a reason." in page
    assert re.search(rf'id="{note_id}"[^>]*aria-invalid="true"', page)
    card = page.split('id="moderation-current"')[1].split("</article>")[0]
    assert "Hunar Studio" in card  # the entry the editor was deciding stays in front of them
    db.session.refresh(waiting[1])
    assert waiting[1].status == "pending"


def test_a_return_keeps_what_the_editor_typed_when_it_fails(client, auth, editor, waiting):
    auth.login(editor.email)
    response = client.post(f"/catalog/businesses/{waiting[0].id}/return",
                           data={"note": "Add the source\x00 please"})
    assert response.status_code == 422 and "Add the source" in text(response)
    assert f'id="note-businesses-{waiting[0].id}-error"' in text(response)


def test_an_entry_decided_meanwhile_is_said_and_the_next_comes_up(client, auth, editor, waiting, db):
    moderation.publish(waiting[0], editor)
    db.session.commit()
    auth.login(editor.email)
    response = client.post(f"/catalog/businesses/{waiting[0].id}/reject", data={"from": "queue", "note": "No."},
                           headers=HX)
    assert response.status_code == 422 and "already been decided" in text(response)
    assert "Hunar Studio" in text(response).split('id="moderation-current"')[1]


@pytest.mark.parametrize("role, status", [(None, 302), ("member", 403), ("board", 403), ("editor", 200)])
def test_only_editors_see_the_queue(client, auth, factories, role, status):
    user = {"member": factories.member, "board": factories.board_member,
            "editor": lambda: factories.user(roles=("editor",))}[role]() if role else None
    if user:
        auth.login(user.email)
    assert client.get("/catalog/moderation").status_code == status


def test_editors_see_a_count_badge_in_the_header_and_others_do_not(client, auth, editor, waiting, factories):
    auth.login(editor.email)
    header = text(client.get("/")).split("</header>")[0]
    assert '<span aria-hidden="true">3</span><span class="visually-hidden">3 items wait for an editor</span>' in header
    auth.logout()
    auth.login(factories.member().email)
    assert "wait for an editor" not in text(client.get("/")).split("</header>")[0]


# Duplicates -----------------------------------------------------------------------------------------

@pytest.fixture
def flag(db, editor):
    kept = published(db, editor, website="")
    submit_business(BusinessData(
        name="ОсОО «Ала-Тоо Медиа»", country="KG", city="Бишкек", primary_sector="publishing-literature",
        other_sectors=("advertising",), website="https://alatoo.example", founded_year=2012), editor)
    db.session.commit()
    return db.session.scalars(select(DuplicateFlag)).one()


def test_the_merge_plan_names_the_entry_that_stays_and_the_fields_it_takes(flag):
    plan = moderation.merge_plan(flag)
    assert plan.kept.name == "Ala-Too Media" and plan.retired.name == "ОсОО «Ала-Тоо Медиа»"
    assert [(name, value) for name, _label, value in plan.filled] == [("founded_year", 2012),
                                                                     ("website", "https://alatoo.example")]
    assert plan.sectors_added == ["advertising"]
    kept = moderation.merge_duplicate(flag, None)
    assert kept.website == "https://alatoo.example" and kept.founded_year == 2012
    assert "advertising" in kept.sector_slugs and plan.retired.status == "merged"


def test_merging_asks_first_and_shows_what_will_be_kept(client, auth, editor, flag, db):
    auth.login(editor.email)
    queue = text(client.get("/catalog/moderation"))
    assert f'href="/catalog/duplicates/{flag.id}/merge"' in queue  # a link to the question, not a merge
    page = text(client.get(f"/catalog/duplicates/{flag.id}/merge"))
    assert "Merge two entries?" in page and "Stays in the catalog" in page
    kept_card = page.split("merge-plan__kept")[1].split("</article>")[0]
    assert "Ala-Too Media" in kept_card
    assert "https://alatoo.example" in page and "Founded in" in page and "Advertising" in page
    assert f'action="/catalog/duplicates/{flag.id}/merge"' in page
    response = client.post(f"/catalog/duplicates/{flag.id}/merge")
    assert response.status_code == 303
    db.session.refresh(flag)
    assert flag.status == "merged"
    # Asked again once it is merged, the question is gone.
    assert client.get(f"/catalog/duplicates/{flag.id}/merge").status_code == 303


def test_members_cannot_see_the_merge_question(client, auth, factories, flag):
    auth.login(factories.member().email)
    assert client.get(f"/catalog/duplicates/{flag.id}/merge").status_code == 403
    assert client.get("/catalog/duplicates/999/merge").status_code == 403


# The entry's page and suggested corrections ---------------------------------------------------------

def test_the_entry_page_has_breadcrumbs_and_says_where_the_business_is(client, db, editor):
    entry = published(db, editor)
    page = text(client.get(f"/catalog/businesses/{entry.id}"))
    crumbs = page.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<li>(.*?)</li>", crumbs, re.S)] == [
        "Catalog", "Creative businesses", "Ala-Too Media"]
    assert 'class="entry-place">Bishkek, Kyrgyzstan</p>' in page


def test_a_visitor_is_asked_to_sign_in_to_suggest_a_correction(client, db, editor):
    entry = published(db, editor)
    page = text(client.get(f"/catalog/businesses/{entry.id}"))
    assert "Sign in to suggest a correction." in page and 'name="text"' not in page
    assert client.post(f"/catalog/businesses/{entry.id}/suggest", data={"text": "x"}).status_code == 302


def test_a_member_suggests_a_correction_and_editors_find_it_in_moderation(client, auth, db, editor, factories):
    entry = published(db, editor)
    member = factories.member(full_name="Nurlan Zhaksybekov")
    auth.login(member.email)
    assert "Suggest a correction" in text(client.get(f"/catalog/businesses/{entry.id}"))
    response = client.post(f"/catalog/businesses/{entry.id}/suggest", data={"text": "They moved to Osh."})
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert "An editor will check your suggestion" in page and "You suggested a correction on" in page
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.action == "catalog.correction_suggested"))
    auth.logout()
    auth.login(editor.email)
    queue = text(client.get("/catalog/moderation"))
    assert "Suggested corrections" in queue and "They moved to Osh." in queue and "Nurlan Zhaksybekov" in queue
    suggestion = db.session.scalars(select(CorrectionSuggestion)).one()
    assert client.post(f"/catalog/suggestions/{suggestion.id}/done").status_code == 303
    db.session.refresh(suggestion)
    assert suggestion.status == "done" and "They moved to Osh." not in text(client.get("/catalog/moderation"))


def test_an_empty_suggestion_is_said_beside_the_field(client, auth, db, editor, factories):
    entry = published(db, editor)
    auth.login(factories.member().email)
    response = client.post(f"/catalog/businesses/{entry.id}/suggest", data={"text": "   "})
    page = text(response)
    assert response.status_code == 422 and 'id="text-error"' in page and "<details open>" in page


def test_one_open_suggestion_per_person_and_entry(client, auth, db, editor, factories):
    entry = published(db, editor)
    member = factories.member()
    moderation.suggest_correction("businesses", entry, member, "The phone changed.")
    db.session.commit()
    with pytest.raises(Conflict):
        moderation.suggest_correction("businesses", entry, member, "And the address.")
    db.session.rollback()
    auth.login(member.email)
    response = client.post(f"/catalog/businesses/{entry.id}/suggest", data={"text": "And the address."})
    assert response.status_code == 422 and "You suggested a correction on" in text(response)
    assert db.session.query(CorrectionSuggestion).count() == 1


def test_a_person_sends_only_so_many_suggestions_a_day(db, editor, factories):
    member = factories.member()
    for n in range(SUGGESTIONS_PER_DAY):
        moderation.suggest_correction("businesses", published(db, editor, name=f"Studio {n}", city=f"City {n}"),
                                      member, "Wrong city.")
    with pytest.raises(DomainError) as refused:
        moderation.suggest_correction("businesses", published(db, editor, name="One more", city="Osh"), member,
                                      "Wrong city.")
    assert refused.value.field == "text" and "try again tomorrow" in str(refused.value.message)


def test_suggestions_are_only_for_published_entries_and_for_members(client, auth, db, factories, waiting):
    auth.login(factories.member().email)
    assert client.post(f"/catalog/businesses/{waiting[0].id}/suggest", data={"text": "x"}).status_code == 404
    auth.logout()
    auth.login(factories.applicant().email)
    entry = db.session.scalars(select(Business)).first()
    assert client.post(f"/catalog/businesses/{entry.id}/suggest", data={"text": "x"}).status_code == 403
