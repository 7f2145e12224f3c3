"""The methodology page: a versioned document above the sources, written by editors and the Board."""
from __future__ import annotations

import re

import pytest

from ccan_web import audit
from ccan_web.blueprints.catalog import methodology
from ccan_web.documents import services as documents

TEXT = """## Purpose
The research counts creative businesses in five countries.

## Sources
Entries come from registries and surveys.

## Balance
Each country makes up at least 8% of businesses.
"""
HX = {"HX-Request": "true"}


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def editor(factories):
    return factories.user(full_name="Madina Yoldosheva", roles=("editor",))


@pytest.fixture
def board(factories):
    return factories.user(full_name="Aigerim Sarsenbaikyzy", roles=("board",))


@pytest.fixture
def written(db, editor):
    """A methodology with one revision, not published yet."""
    document = methodology.start(TEXT, editor)
    db.session.commit()
    return document


@pytest.fixture
def published(db, written, editor):
    documents.publish(written, 1, editor)
    db.session.commit()
    return written


@pytest.fixture
def sign_in(auth, factories):
    def as_role(role):
        user = factories.as_role(role) if isinstance(role, str) else role
        if user is not None:
            auth.login(user.email)
        return user
    return as_role


def editor_pages(number: int = 1) -> list[str]:
    return ["/catalog/methodology/edit", "/catalog/methodology/history", "/catalog/methodology/diff",
            f"/catalog/methodology/rev/{number}"]


# The rules ---------------------------------------------------------------------------------

@pytest.mark.parametrize("role, allowed", [
    ("anonymous", False), ("applicant", False), ("member", False), ("editor", True),
    ("association_officer", False), ("roadmap_editor", False), ("board", True), ("admin", True),
])
def test_editors_and_the_board_may_write_the_methodology_and_read_its_drafts(factories, role, allowed):
    user = factories.as_role(role)
    assert methodology.may_edit(user) is allowed
    assert methodology.may_read_drafts(user) is allowed


def test_readers_see_the_published_revision_and_editors_the_newest(db, published, editor, factories):
    documents.save(published, 1, TEXT.replace("registries and surveys", "registries, surveys and websites"), editor)
    db.session.commit()
    member_reading = methodology.reading(factories.member())
    editor_reading = methodology.reading(editor)
    anonymous_reading = methodology.reading(None)
    assert member_reading.revision.number == anonymous_reading.revision.number == 1
    assert not member_reading.is_unpublished_draft
    assert editor_reading.revision.number == 2 and editor_reading.is_unpublished_draft


def test_an_unpublished_methodology_shows_nothing_to_readers(written, editor, factories):
    assert methodology.reading(factories.member()).revision is None
    assert methodology.reading(editor).revision.number == 1
    assert methodology.reading(editor).is_unpublished_draft


def test_no_methodology_yet_is_an_empty_reading():
    reading = methodology.reading(None)
    assert reading.document is None and reading.revision is None and not reading.is_unpublished_draft


def test_the_methodology_is_started_once(written, editor):
    from ccan_web.domain.errors import DomainError

    with pytest.raises(DomainError, match="already been started"):
        methodology.start("## Again\n", editor)


# Reading -----------------------------------------------------------------------------------

def test_the_public_reads_the_published_text_with_contents_above_the_sources(client, published):
    page = text(client.get("/catalog/methodology"))
    assert '<h2 id="purpose">Purpose</h2>' in page
    assert 'class="toc"' in page and 'href="#balance"' in page
    assert page.index("Purpose") < page.index("Sources of the research")
    assert "/catalog/methodology/edit" not in page and "newest draft" not in page


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_readers_without_the_right_see_only_the_published_revision(client, db, published, editor, sign_in, role):
    documents.save(published, 1, TEXT.replace("five countries", "seven regions"), editor)
    db.session.commit()
    sign_in(role)
    page = text(client.get("/catalog/methodology"))
    assert "five countries" in page and "seven regions" not in page
    assert "/catalog/methodology/edit" not in page and "newest draft" not in page


@pytest.mark.parametrize("role", ["editor", "board"])
def test_editors_read_the_newest_draft_with_a_note(client, db, published, editor, sign_in, role):
    documents.save(published, 1, TEXT.replace("five countries", "seven regions"), editor)
    db.session.commit()
    sign_in(role)
    page = text(client.get("/catalog/methodology"))
    assert "seven regions" in page and "five countries" not in page
    assert "This is the newest draft, revision 2. Readers see the published revision 1." in page
    assert "/catalog/methodology/diff?from=1&amp;to=2" in page
    assert "Publish this revision" in page and "/catalog/methodology/edit" in page


def test_editors_see_no_note_when_the_newest_revision_is_published(client, published, editor, sign_in):
    sign_in(editor)
    page = text(client.get("/catalog/methodology"))
    assert "newest draft" not in page and "Publish this revision" not in page and "Published" in page


def test_a_draft_never_published_is_explained_to_readers_and_marked_for_editors(client, written, editor, sign_in):
    public = text(client.get("/catalog/methodology"))
    assert "has not been published yet" in public and "Purpose" not in public
    assert "Sources of the research" in public
    sign_in(editor)
    page = text(client.get("/catalog/methodology"))
    assert "no revision is published yet" in page and "Purpose" in page


# The first draft ---------------------------------------------------------------------------

def test_without_a_text_the_public_gets_an_explanation_and_no_form(client, sign_in):
    for role in ("anonymous", "member"):
        sign_in(role)
        page = text(client.get("/catalog/methodology"))
        assert "has not been written yet" in page and "Save the first draft" not in page
        assert "Sources of the research" in page


@pytest.mark.parametrize("role", ["editor", "board"])
def test_an_editor_or_the_board_writes_the_first_draft(client, sign_in, role):
    user = sign_in(role)
    assert "Save the first draft" in text(client.get("/catalog/methodology"))
    response = client.post("/catalog/methodology/start", data={"body": TEXT})
    assert response.status_code == 303
    document = methodology.get_document()
    revision = documents.get_revision(document, 1)
    assert revision.body == TEXT and revision.author_id == user.id and document.published_number is None
    assert "The methodology is started." in text(client.get("/catalog/methodology"))


def test_an_empty_first_draft_is_refused_beside_the_field(client, editor, sign_in):
    sign_in(editor)
    response = client.post("/catalog/methodology/start", data={"body": "  "})
    page = text(response)
    assert response.status_code == 422 and 'class="field-error"' in page and "The text is empty." in page
    assert methodology.find_document() is None


def test_a_second_first_draft_is_refused_and_its_text_kept(client, written, editor, sign_in):
    sign_in(editor)
    response = client.post("/catalog/methodology/start", data={"body": "## Mine\nKeep me.\n"})
    assert response.status_code == 422 and "already been started" in text(response)
    assert "Keep me." in text(response)
    assert documents.revision_count(written) == 1


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("member", 403), ("roadmap_editor", 403)])
def test_others_cannot_start_the_methodology(client, sign_in, role, status):
    sign_in(role)
    assert client.post("/catalog/methodology/start", data={"body": TEXT}).status_code == status
    assert methodology.find_document() is None


# Editing -----------------------------------------------------------------------------------

@pytest.mark.parametrize("role, status", [
    ("anonymous", 302), ("applicant", 403), ("member", 403), ("association_officer", 403),
    ("roadmap_editor", 403), ("editor", 200), ("board", 200), ("admin", 200),
])
def test_who_may_open_the_editing_pages(client, written, sign_in, role, status):
    sign_in(role)
    for path in editor_pages():
        response = client.get(path)
        assert response.status_code == status, path
        if role == "anonymous":
            assert "/auth/login?next=" in response.headers["Location"]


def test_the_editor_names_its_base_and_previews_live(client, written, editor, sign_in):
    sign_in(editor)
    page = text(client.get("/catalog/methodology/edit"))
    assert re.search(r'<input[^>]*name="base_number"[^>]*type="hidden" value="1"', page)
    assert 'data-hx-post="/catalog/methodology/preview"' in page and 'action="/catalog/methodology/edit"' in page
    assert "Entries come from registries and surveys." in page.split("<textarea", 1)[1]


def test_the_editor_without_a_text_leads_to_the_first_draft(client, editor, sign_in):
    sign_in(editor)
    response = client.get("/catalog/methodology/edit")
    assert response.status_code == 302 and response.headers["Location"].endswith("/catalog/methodology")


def test_saving_an_edit(client, written, editor, sign_in):
    sign_in(editor)
    response = client.post("/catalog/methodology/edit", data={
        "body": TEXT.replace("registries and surveys", "registries, surveys and websites"),
        "base_number": 1, "summary": "Websites as a source"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/catalog/methodology")
    page = text(client.get("/catalog/methodology"))
    assert "Saved as revision 2." in page and "registries, surveys and websites" in page
    assert "Websites as a source" in page


def test_an_htmx_save_answers_with_a_redirect_header(client, written, editor, sign_in):
    sign_in(editor)
    response = client.post("/catalog/methodology/edit", headers=HX,
                           data={"body": TEXT + "More.\n", "base_number": 1})
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/catalog/methodology"


@pytest.mark.parametrize("body, message", [("", "The text is empty."), (TEXT, "Nothing changed")])
def test_empty_and_unchanged_saves_are_refused_beside_the_field(client, written, editor, sign_in, body, message):
    sign_in(editor)
    response = client.post("/catalog/methodology/edit", data={"body": body, "base_number": 1, "summary": "Kept"})
    page = text(response)
    assert response.status_code == 422 and message in page and 'value="Kept"' in page


def test_a_concurrent_save_is_merged(client, db, written, editor, board, sign_in):
    documents.save(written, 1, TEXT.replace("five countries", "the five Central Asian countries"), board)
    db.session.commit()
    sign_in(editor)
    response = client.post("/catalog/methodology/edit", data={
        "body": TEXT.replace("at least 8%", "at least 8% (checked monthly)"), "base_number": 1})
    assert response.status_code == 303
    page = text(client.get("/catalog/methodology"))
    assert "merged with the changes of Aigerim Sarsenbaikyzy" in page
    body = documents.head_revision(written).body
    assert "the five Central Asian countries" in body and "(checked monthly)" in body


def test_an_overlapping_edit_shows_the_conflict_and_the_choice_is_saved(client, db, written, editor, board, sign_in):
    documents.save(written, 1, TEXT.replace("registries and surveys", "registries and websites"), board)
    db.session.commit()
    sign_in(editor)
    mine = TEXT.replace("registries and surveys", "surveys and publications")
    response = client.post("/catalog/methodology/edit", data={"body": mine, "base_number": 1, "summary": "Mine"})
    page = text(response)
    assert response.status_code == 409
    words = re.sub(r"</?(ins|del)>", "", page)  # the changed words are highlighted on each side
    assert "registries and websites" in words and "surveys and publications" in words
    assert 'action="/catalog/methodology/resolve"' in page and 'href="/catalog/methodology"' in page
    assert documents.current_head(written) == 2  # nothing saved yet, nothing lost
    fields = dict(re.findall(r'name="(base_number|head_number)"[^>]*value="([^"]*)"', page))
    resolved = client.post("/catalog/methodology/resolve", data={
        "mine": mine, "base_number": fields["base_number"], "head_number": fields["head_number"], "summary": "Mine",
        "choice-0": "edit", "text-0": "Entries come from registries, websites, surveys and publications.\n"})
    assert resolved.status_code == 303
    head = documents.head_revision(written)
    assert head.number == 3 and "registries, websites, surveys and publications" in head.body
    assert head.summary == "Mine"


@pytest.mark.parametrize("pick, kept", [("theirs", "registries and websites"), ("mine", "surveys and publications")])
def test_a_conflict_resolved_by_keeping_one_side(client, db, written, editor, board, sign_in, pick, kept):
    documents.save(written, 1, TEXT.replace("registries and surveys", "registries and websites"), board)
    db.session.commit()
    sign_in(editor)
    mine = TEXT.replace("registries and surveys", "surveys and publications")
    client.post("/catalog/methodology/edit", data={"body": mine, "base_number": 1})
    client.post("/catalog/methodology/resolve", data={"mine": mine, "base_number": 1, "head_number": 2,
                                                      "choice-0": pick})
    body = documents.head_revision(written).body
    if pick == "theirs":
        assert documents.current_head(written) == 2 and kept in body  # the same text: nothing to save
    else:
        assert documents.current_head(written) == 3 and kept in body


def test_a_conflict_is_shown_again_when_someone_saved_while_resolving(client, db, written, editor, board, sign_in):
    documents.save(written, 1, TEXT.replace("registries and surveys", "registries and websites"), board)
    db.session.commit()
    sign_in(editor)
    mine = TEXT.replace("registries and surveys", "surveys and publications")
    documents.save(written, 2, TEXT.replace("registries and surveys", "registries only"), board)
    db.session.commit()
    response = client.post("/catalog/methodology/resolve", data={
        "mine": mine, "base_number": 1, "head_number": 2, "choice-0": "mine"})
    assert response.status_code == 409 and "registries only" in text(response)
    assert documents.current_head(written) == 3


def test_others_cannot_save_preview_or_resolve(client, written, sign_in):
    sign_in("member")
    assert client.post("/catalog/methodology/edit", data={"body": TEXT + "x\n", "base_number": 1}).status_code == 403
    assert client.post("/catalog/methodology/preview", data={"body": "x"}).status_code == 403
    assert client.post("/catalog/methodology/resolve", data={"mine": "x", "base_number": 1,
                                                             "head_number": 1}).status_code == 403
    assert documents.revision_count(written) == 1


def test_the_preview_is_rendered_on_the_server_and_sanitised(client, written, editor, sign_in):
    sign_in(editor)
    page = text(client.post("/catalog/methodology/preview", headers=HX,
                            data={"body": "## Scope\n<script>alert(1)</script>\n[x](javascript:alert(1))"}))
    assert '<h2 id="scope">Scope</h2>' in page and "<script" not in page and 'href="javascript' not in page


def test_show_changes_as_a_fragment_and_as_a_page(client, written, editor, sign_in):
    sign_in(editor)
    data = {"body": TEXT.replace("five countries", "five Central Asian countries"), "base_number": 1}
    fragment = text(client.post("/catalog/methodology/changes", headers=HX, data=data))
    assert "<html" not in fragment and 'id="document-changes"' in fragment and "<ins>Central Asian </ins>" in fragment
    page = text(client.post("/catalog/methodology/changes", data=data))
    assert "<html" in page and "<ins>Central Asian </ins>" in page
    assert "five Central Asian countries" in page.split("<textarea", 1)[1].split("</textarea>")[0]


# History, comparison, revisions ------------------------------------------------------------

def test_history_and_comparison(client, db, written, editor, board, sign_in):
    documents.save(written, 1, TEXT.replace("five countries", "five Central Asian countries"), board, "Region")
    documents.save(written, 2, documents.head_revision(written).body + "\n## Limits\nSmall firms are missed.\n",
                   editor, "Limits")
    db.session.commit()
    sign_in(editor)
    history = text(client.get("/catalog/methodology/history"))
    assert "Region" in history and "Limits" in history and "Aigerim Sarsenbaikyzy" in history
    assert "+14" in history and 'href="/catalog/methodology/rev/2"' in history
    assert 'action="/catalog/methodology/diff"' in history
    side = text(client.get("/catalog/methodology/diff?from=1&to=2"))
    assert "<ins>Central Asian </ins>" in side and "diff--side" in side and "Compare revisions" in side
    inline = client.get("/catalog/methodology/diff?from=1&to=3&view=inline", headers=HX)
    assert "<html" not in text(inline) and "diff--inline" in text(inline) and "Small firms are missed." in text(inline)
    assert "HX-Request" in inline.headers["Vary"]
    latest = text(client.get("/catalog/methodology/diff"))
    assert "Revision 2 → revision 3" in latest and "Rendered text" in latest
    rendered = text(client.get("/catalog/methodology/diff?from=2&to=3&text=rendered"))
    assert "diff--rendered" in rendered and "<h2" in rendered and "## Limits" not in rendered
    source = text(client.get("/catalog/methodology/diff?from=2&to=3&text=%3Cx%3E"))
    assert "diff--rendered" not in source and "## Limits" in source


def test_a_revision_is_shown_with_its_actions(client, db, written, editor, sign_in):
    documents.save(written, 1, TEXT.replace("five countries", "seven regions"), editor)
    db.session.commit()
    sign_in(editor)
    page = text(client.get("/catalog/methodology/rev/1"))
    assert "five countries" in page and "Methodology of the research" in page
    assert 'action="/catalog/methodology/rev/1/restore"' in page
    assert 'action="/catalog/methodology/rev/1/publish"' in page
    assert "/catalog/methodology/diff?from=1&amp;to=2" in text(client.get("/catalog/methodology/rev/2"))


def test_missing_revisions_are_not_found(client, written, editor, sign_in):
    sign_in(editor)
    for path in ("/catalog/methodology/rev/99", "/catalog/methodology/diff?from=1&to=99"):
        assert client.get(path).status_code == 404, path
    assert client.post("/catalog/methodology/rev/99/restore").status_code == 404
    assert client.post("/catalog/methodology/rev/99/publish").status_code == 404


def test_without_a_text_the_history_is_not_found(client, editor, sign_in):
    sign_in(editor)
    assert client.get("/catalog/methodology/history").status_code == 404
    assert client.get("/catalog/methodology/rev/1").status_code == 404


def test_restore_undo_and_publish_are_audited(client, db, written, editor, board, sign_in):
    second = TEXT.replace("five countries", "seven regions")
    documents.save(written, 1, second, editor)
    documents.save(written, 2, second.replace("at least 8%", "at least 8% (checked monthly)"), editor)
    db.session.commit()
    sign_in(board)
    assert client.post("/catalog/methodology/rev/2/undo").status_code == 303
    body = documents.head_revision(written).body
    assert "five countries" in body and "(checked monthly)" in body
    assert client.post("/catalog/methodology/rev/1/restore").status_code == 303
    assert documents.head_revision(written).body == TEXT
    assert "Restored revision 1" in documents.head_revision(written).summary
    assert client.post("/catalog/methodology/rev/5/publish").status_code == 303
    db.session.refresh(written)
    assert written.published_number == 5
    entry = db.session.scalars(audit.entries_query("document.published")).first()
    assert entry is not None and entry.actor_id == board.id
    assert "is published: everyone can read it now" in text(client.get("/catalog/methodology"))


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("member", 403), ("roadmap_editor", 403)])
def test_others_cannot_restore_or_publish(client, db, written, sign_in, role, status):
    sign_in(role)
    assert client.post("/catalog/methodology/rev/1/restore").status_code == status
    assert client.post("/catalog/methodology/rev/1/publish").status_code == status
    db.session.refresh(written)
    assert written.published_number is None and documents.revision_count(written) == 1


def test_the_subnav_calls_the_page_methodology_and_sources(client):
    page = text(client.get("/catalog/businesses"))
    assert "Methodology and sources" in page


# The demo ----------------------------------------------------------------------------------

def test_the_demo_methodology_has_a_history_by_several_editors_and_is_published(db, factories):
    from ccan_web.demo_data.methodology import load_methodology_demo
    from ccan_web.demo_data.people import DEMO_DOMAIN

    for handle, roles in (("madina.yuldosheva", ("editor",)), ("ekaterina.li", ("editor",)),
                          ("aigerim.sarsenbaikyzy", ("board",))):
        factories.user(email=f"{handle}@{DEMO_DOMAIN}", roles=roles)
    assert "4 revisions" in load_methodology_demo()
    db.session.commit()
    document = methodology.get_document()
    revisions = list(db.session.scalars(documents.history_query(document)))
    assert len(revisions) == 4 and document.published_number == 4
    assert len({r.author_id for r in revisions}) == 3
    assert revisions[1].parent_number == 1  # saved on an older revision and merged
    body = revisions[0].body
    assert 600 <= len(body.split()) <= 1000
    for phrase in ("at least 8% of all businesses", "at least 4% of all businesses", "more than 45% of all courses",
                   "at least 1% of all courses", "Computer games and cybersports", "transliteration", "## Limitations",
                   "## How to contribute"):
        assert phrase in body, phrase
    assert [r.created_at for r in reversed(revisions)] == sorted(r.created_at for r in revisions)
    assert "nothing added" in load_methodology_demo()


def test_a_passage_typed_on_the_methodologys_conflict_screen_is_never_dropped(client, db, written, editor, board,
                                                                              sign_in):
    documents.save(written, 1, TEXT.replace("registries and surveys", "registries and websites"), board)
    db.session.commit()
    sign_in(editor)
    mine = TEXT.replace("registries and surveys", "surveys and publications")
    page = text(client.post("/catalog/methodology/edit", data={"body": mine, "base_number": 1}))
    fields = dict(re.findall(r'name="(base_number|head_number)"[^>]*value="([^"]*)"', page))
    response = client.post("/catalog/methodology/resolve", data={"mine": mine, **fields,
                                                                  "text-0": "Entries come from everywhere.\n"})
    assert response.status_code == 422 and "Choose which text to keep" in text(response)
    assert "Entries come from everywhere." in text(response) and documents.current_head(written) == 2


def test_the_methodology_tells_readers_of_another_language_what_it_is_written_in(client, published):
    assert "document-language" not in text(client.get("/catalog/methodology"))  # English, read in English
    russian = text(client.get("/catalog/methodology", headers={"Accept-Language": "ru"}))
    assert 'class="notice document-language"' in russian and "англ" in russian
