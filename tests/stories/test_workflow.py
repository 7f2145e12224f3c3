"""The editorial workflow through the pages, role by role: write, submit, review, publish, unpublish."""
from __future__ import annotations

import re

import sqlalchemy as sa

from ccan_web.audit import AuditEntry
from ccan_web.blueprints.stories.models import Story, StoryEvent
from ccan_web.notifications.models import Notification
from tests.stories.conftest import png, story_data


def _form(**changes):
    data = {k: v for k, v in story_data(**changes).__dict__.items() if v is not None}
    return data


def _story(db, slug):
    db.session.expire_all()
    return db.session.scalar(sa.select(Story).where(Story.slug == slug))


def test_a_member_writes_a_draft_with_a_lead_image(client, auth, people, db):
    auth.login(people["author"].email)
    data = _form()
    data["lead_image"] = (__import__("io").BytesIO(png()), "felt.png")
    response = client.post("/stories/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 303, __import__("re").findall(r"field-error\">([^<]*)|<li>([^<]*)</li>", response.get_data(as_text=True))
    story = _story(db, "felt-that-travels")
    assert story.status == "draft" and story.author_id == people["author"].id
    assert story.lead_image is not None and story.card_image.width == 1200 and story.card_image.height == 630
    assert story.document.head_number == 1
    page = client.get("/stories/felt-that-travels")
    assert page.status_code == 200 and "Only its author and the editors see this page." in page.get_data(as_text=True)


def test_a_draft_is_a_404_for_visitors_and_other_members(client, auth, people, write):
    write()
    assert client.get("/stories/felt-that-travels").status_code == 404
    auth.login(people["other"].email)
    assert client.get("/stories/felt-that-travels").status_code == 404
    assert client.get("/stories/felt-that-travels/text/history").status_code == 404


def test_submit_tells_the_editors_and_the_editor_asks_for_changes_with_a_note(client, auth, people, write, db):
    write()
    auth.login(people["author"].email)
    assert client.post("/stories/felt-that-travels/submit").status_code == 303
    assert _story(db, "felt-that-travels").status == "submitted"
    editor_notes = db.session.scalars(sa.select(Notification).where(Notification.user_id == people["editor"].id)).all()
    assert [n.kind for n in editor_notes] == ["story_submitted"]
    # The author may not approve their own story.
    assert client.post("/stories/felt-that-travels/approve").status_code == 422
    auth.logout()
    auth.login(people["editor"].email)
    missing = client.post("/stories/felt-that-travels/request_changes", data={"note": ""})
    assert missing.status_code == 422 and "Write a note for the author." in missing.get_data(as_text=True)
    asked = client.post("/stories/felt-that-travels/request_changes", data={"note": "Name the source of the figures."})
    assert asked.status_code == 303
    story = _story(db, "felt-that-travels")
    assert story.status == "changes_requested"
    assert [e.note for e in story.events if e.action == "request_changes"] == ["Name the source of the figures."]
    told = db.session.scalars(sa.select(Notification).where(Notification.user_id == people["author"].id)).all()
    assert [n.kind for n in told] == ["story_reviewed"]
    auth.logout()
    auth.login(people["author"].email)
    page = client.get("/stories/felt-that-travels").get_data(as_text=True)
    assert "Name the source of the figures." in page  # the note stays in the story's history


def test_the_author_edits_after_changes_are_asked_and_the_text_history_has_two_revisions(client, auth, people, write,
                                                                                          db):
    story = write("submitted")
    auth.login(people["editor"].email)
    client.post("/stories/felt-that-travels/request_changes", data={"note": "More about the clients."})
    auth.logout()
    auth.login(people["author"].email)
    form = client.get("/stories/felt-that-travels/edit")
    assert form.status_code == 200
    data = _form(body="## The year the bazaars closed\n\nThey moved to online orders from Almaty and Moscow.\n")
    data.update(version=str(_story(db, "felt-that-travels").version), base_number="1")
    assert client.post("/stories/felt-that-travels/edit", data=data).status_code == 303
    assert _story(db, "felt-that-travels").document.head_number == 2
    diff = client.get("/stories/felt-that-travels/text/diff?from=1&to=2")
    assert diff.status_code == 200 and "Moscow" in diff.get_data(as_text=True)


def test_an_edit_from_an_older_version_asks_beside_the_changed_field_and_keeps_the_text(client, auth, people, write,
                                                                                      db):
    write()
    auth.login(people["author"].email)
    data = _form(title="A newer title")
    data.update(version="0", base_number="1")
    response = client.post("/stories/felt-that-travels/edit", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Someone changed this story" in page and 'id="title-error"' in page
    assert "it now reads “Felt that travels”" in page
    assert 'value="A newer title"' in page
    assert _story(db, "felt-that-travels").title == "Felt that travels"
    # Having seen what is saved, saving again (the form now names the current version) keeps the new title.
    data["version"] = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    assert client.post("/stories/felt-that-travels/edit", data=data).status_code == 303
    db.session.expire_all()
    assert _story(db, "felt-that-travels").title == "A newer title"


def test_an_edit_from_an_older_version_that_agrees_with_what_is_saved_goes_through(client, auth, people, write, db):
    write()
    auth.login(people["author"].email)
    data = _form(body="## The year the bazaars closed\n\nThey moved to online orders.\n")
    data.update(version="0", base_number="1")  # another field saved meanwhile; none that differ from these
    assert client.post("/stories/felt-that-travels/edit", data=data).status_code == 303


def test_the_editor_publishes_and_a_visitor_reads_the_story_with_its_revenue(client, auth, people, write, db):
    write("approved")
    auth.login(people["editor"].email)
    assert client.post("/stories/felt-that-travels/publish", data={"publish_at": ""}).status_code == 303
    auth.logout()
    page = client.get("/stories/felt-that-travels")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Revenue went from 1,000,000 to 1,750,000 KGS (+75.0 %), 2019 and 2021." in text
    assert "<svg" in text and "story-revenue__after" in text
    assert 'rel="canonical" href="http://localhost/stories/felt-that-travels"' in text
    assert 'property="og:type" content="article"' in text
    assert "twitter:card" in text and "summary_large_image" in text
    assert '"@type": "NewsArticle"' in text
    assert 'name="description" content="A felt workshop in Bishkek sold online when the bazaars closed."' in text
    told = db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == people["author"].id)).all()
    assert "story_published" in told
    listing = client.get("/stories/").get_data(as_text=True)
    assert "Felt that travels" in listing and "1 of 10 success stories published" in listing


def test_the_editor_unpublishes_with_a_reason_and_every_step_is_audited(client, auth, people, write, db):
    write("published")
    auth.login(people["editor"].email)
    assert client.post("/stories/felt-that-travels/unpublish", data={"note": ""}).status_code == 422
    assert client.post("/stories/felt-that-travels/unpublish",
                       data={"note": "The company asked to check a figure."}).status_code == 303
    auth.logout()
    assert client.get("/stories/felt-that-travels").status_code == 404
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.subject_type == "story")
                                 .order_by(AuditEntry.id)).all()
    assert actions == ["story.created", "story.submit", "story.approve", "story.publish", "story.unpublish"]
    reasons = db.session.scalars(sa.select(StoryEvent.note).where(StoryEvent.action == "unpublish")).all()
    assert reasons == ["The company asked to check a figure."]


def test_only_editors_reach_the_queue_and_it_lists_what_waits(client, auth, people, write):
    write("submitted")
    auth.login(people["author"].email)
    assert client.get("/stories/queue").status_code == 403
    auth.logout()
    auth.login(people["editor"].email)
    page = client.get("/stories/queue").get_data(as_text=True)
    assert "Felt that travels" in page


def test_an_applicant_cannot_write_a_story(client, auth, factories):
    applicant = factories.applicant()
    auth.login(applicant.email)
    assert client.get("/stories/new").status_code == 403
    auth.logout()
    assert client.get("/stories/new").headers["Location"].startswith("/auth/login")


def test_the_list_filters_by_country_sector_and_language(client, write):
    write("published")
    write("published", title="Games from Tashkent", country="UZ", sector="games-esports", language="ru")
    assert "Games from Tashkent" not in client.get("/stories/?country=KG").get_data(as_text=True)
    assert "Games from Tashkent" in client.get("/stories/?sector=games-esports").get_data(as_text=True)
    only_en = client.get("/stories/?language=en").get_data(as_text=True)
    assert "Felt that travels" in only_en and "Games from Tashkent" not in only_en
    fragment = client.get("/stories/?country=UZ", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and 'id="stories-results"' in fragment
    assert client.get("/stories/?country=XX&sector=nope").status_code == 200


def test_the_home_page_shows_the_goal(client, write):
    write("published")
    assert "1 of 10 success stories published" in client.get("/").get_data(as_text=True)


def test_two_saves_of_one_story_at_the_same_moment_one_is_asked_none_fails(app, people, write, db):
    from tests.test_concurrency import run_together, signed_in_clients

    story = write()
    version = str(story.version)
    clients = signed_in_clients(app, db, people["author"], people["editor"])
    posts = []
    for client, title in ((clients[0], "Felt that travels far"), (clients[1], "Felt that travels further")):
        data = _form(title=title)
        data.update(version=version, base_number="1")
        posts.append(lambda c=client, d=data: c.post("/stories/felt-that-travels/edit", data=d).status_code)
    assert sorted(run_together(*posts)) == [303, 422]
    assert _story(db, "felt-that-travels").title in {"Felt that travels far", "Felt that travels further"}


def _business(db, name: str, country: str, published: bool = True):
    from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
    from ccan_web.blueprints.catalog.moderation import publish
    from tests.factories import Factories

    editor = Factories(db).user(roles=("editor",))
    entry = submit_business(BusinessData(
        name=name, legal_form="LLC", country=country, city="Bishkek", primary_sector="fashion-design-crafts",
        description="Felt goods.", founded_year=2012, size_band="small", source_kind="survey",
        source_detail="Survey"), editor).entry
    if published:
        publish(entry, editor)
    db.session.commit()
    return entry


def test_a_story_links_to_the_catalog_entry_named_by_its_address_or_number(client, auth, people, write, db):
    named = _business(db, "Kiyiz Felt Workshop", "KG")  # another name than the story's company
    hidden = _business(db, "Unpublished Felt", "KG", published=False)
    elsewhere = _business(db, "Felt in Almaty", "KZ")
    write()
    auth.login(people["author"].email)
    story = _story(db, "felt-that-travels")
    assert story.business_id is None  # the company's name alone finds no entry

    def save(value):
        data = _form(catalog_entry=value)
        data.update(version=str(_story(db, "felt-that-travels").version), base_number="1")
        return client.post("/stories/felt-that-travels/edit", data=data)

    assert save(f"https://ccan.example/catalog/businesses/{named.id}").status_code == 303
    assert _story(db, "felt-that-travels").business_id == named.id
    page = client.get("/stories/felt-that-travels").get_data(as_text=True)
    assert f'href="/catalog/businesses/{named.id}"' in page
    for wrong in (str(hidden.id), str(elsewhere.id), "a studio", "99999999999", "/catalog/courses/1"):
        response = save(wrong)
        assert response.status_code == 422 and 'id="catalog_entry-error"' in response.get_data(as_text=True), wrong
        assert _story(db, "felt-that-travels").business_id == named.id
    assert save(str(named.id)).status_code == 303
