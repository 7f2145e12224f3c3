"""The roadmap pages through the test client, for each kind of reader and editor."""
from __future__ import annotations

import html
import re

import pytest

from ccan_web.documents import services as documents

ROADMAP = """# Creative economy roadmap for Central Asia

## Education
Open design schools in every capital.

## Finance
Create a regional fund for creative start-ups.

## Export
Bring crafts to international fairs.
"""
HX = {"HX-Request": "true"}


@pytest.fixture
def editor(factories):
    return factories.user(full_name="Cholpon Sydykova", roles=("roadmap_editor",))


@pytest.fixture
def regional(db, editor):
    document = documents.create_document("regional", "roadmap", "Regional roadmap", ROADMAP, editor)
    db.session.commit()
    return document


@pytest.fixture
def sign_in(auth, factories):
    def as_role(role):
        user = factories.as_role(role) if isinstance(role, str) else role
        if user is not None:
            auth.login(user.email)
        return user
    return as_role


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_overview_lists_the_regional_roadmap_and_five_adaptations(client, regional):
    page = text(client.get("/roadmap/"))
    assert "Creative economy roadmap for Central Asia" in page
    for country in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert f"Roadmap for {country}" in page
    assert page.count("Not started") == 5 and "Draft" in page


def test_the_public_reads_only_the_published_revision(client, db, regional, editor, sign_in):
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), editor)
    db.session.commit()
    assert "has not been published yet" in text(client.get("/roadmap/regional"))
    documents.publish(regional, 1, editor)
    db.session.commit()
    public = text(client.get("/roadmap/regional"))
    assert "every capital" in public and "every city" not in public
    assert client.get("/roadmap/regional/rev/2").status_code == 404
    assert client.get("/roadmap/regional/history").status_code == 302
    sign_in("member")
    assert "every city" in text(client.get("/roadmap/regional"))
    assert client.get("/roadmap/regional/rev/2").status_code == 200


@pytest.mark.parametrize("role, regional_status, kz_status", [
    ("anonymous", 302, 302), ("applicant", 403, 403), ("member", 403, 403), ("editor", 403, 403),
    ("association_officer", 403, 200), ("roadmap_editor", 200, 403), ("board", 200, 200), ("admin", 200, 200),
])
def test_who_may_edit_which_text(client, db, regional, editor, sign_in, role, regional_status, kz_status):
    documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", editor, country="KZ")
    db.session.commit()
    sign_in(role)  # the association officer of the factories is Kazakhstan's
    assert client.get("/roadmap/regional/edit").status_code == regional_status
    assert client.get("/roadmap/kz/edit").status_code == kz_status


def test_saving_an_edit(client, regional, editor, sign_in):
    sign_in(editor)
    response = client.post("/roadmap/regional/edit", data={
        "body": ROADMAP.replace("every capital", "every city"), "base_number": 1, "summary": "Wider reach"})
    assert response.status_code == 303
    page = text(client.get("/roadmap/regional"))
    assert "Saved as revision 2." in page and "every city" in page and "Wider reach" in page


def test_a_save_on_an_old_base_is_merged_and_says_with_whom(client, db, regional, editor, sign_in, factories):
    other = factories.user(full_name="Aigerim Sarsenbaikyzy", roles=("board",))
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), other)
    db.session.commit()
    sign_in(editor)
    client.post("/roadmap/regional/edit", data={
        "body": ROADMAP.replace("international fairs", "fairs in Milan"), "base_number": 1})
    page = text(client.get("/roadmap/regional"))
    assert "merged with the changes of Aigerim Sarsenbaikyzy" in page
    assert "every city" in page and "fairs in Milan" in page


def test_a_conflict_shows_both_versions_and_the_choice_is_saved(client, db, regional, editor, sign_in, factories):
    other = factories.user(roles=("board",))
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), other)
    db.session.commit()
    sign_in(editor)
    mine = ROADMAP.replace("every capital", "each regional centre")
    response = client.post("/roadmap/regional/edit", data={"body": mine, "base_number": 1, "summary": "Mine"})
    page = text(response)
    assert response.status_code == 409 and "every city" in page and "each regional centre" in page
    assert documents.current_head(regional) == 2  # nothing saved yet
    fields = dict(re.findall(r'name="(mine|base_number|head_number|summary|csrf_token)"[^>]*value="([^"]*)"', page))
    resolved = client.post("/roadmap/regional/resolve", data={
        "mine": mine, "base_number": fields["base_number"], "head_number": fields["head_number"],
        "summary": "Mine", "choice-0": "edit", "text-0": "Open design schools in every city and regional centre.\n"})
    assert resolved.status_code == 303
    assert "every city and regional centre" in documents.head_revision(regional).body


def test_keeping_mine_on_the_conflict_screen_keeps_the_others_edits_around_it(client, db, regional, editor,
                                                                            sign_in, factories):
    """The conflict is only the line both changed: choosing "keep mine" there cannot take back
    another editor's saved edit of the next line, nor repeat any section."""
    other = factories.user(roles=("board",))
    theirs = (ROADMAP.replace("every capital", "every city")
              .replace("## Finance\n", "## Finance and investment\n"))
    documents.save(regional, 1, theirs, other)
    db.session.commit()
    sign_in(editor)
    mine = ROADMAP.replace("every capital", "each regional centre").replace("Bring crafts", "Bring music")
    page = text(client.post("/roadmap/regional/edit", data={"body": mine, "base_number": 1, "summary": "Mine"}))
    assert page.count('name="choice-0"') and 'name="choice-1"' not in page  # one passage, one line
    fields = dict(re.findall(r'name="(base_number|head_number)"[^>]*value="([^"]*)"', page))
    client.post("/roadmap/regional/resolve", data={"mine": mine, **fields, "summary": "Mine", "choice-0": "mine"})
    assert documents.head_revision(regional).body == (
        theirs.replace("every city", "each regional centre").replace("Bring crafts", "Bring music"))


def test_editing_one_section_keeps_the_others(client, db, regional, editor, sign_in):
    sign_in(editor)
    form = client.get("/roadmap/regional/edit?section=3")
    assert "## Finance" in text(form) and "## Education" not in text(form).split("<textarea")[1].split("</textarea>")[0]
    client.post("/roadmap/regional/edit", data={
        "body": "## Finance\nCreate a regional fund and a guarantee scheme.\n", "base_number": 1, "section": 3})
    body = documents.head_revision(regional).body
    assert "guarantee scheme" in body and "every capital" in body and "international fairs" in body
    assert client.get("/roadmap/regional/edit?section=42").status_code == 404


@pytest.mark.parametrize("body, message", [("", "The text is empty."), (ROADMAP, "Nothing changed")])
def test_empty_and_unchanged_saves_are_refused_beside_the_field(client, regional, editor, sign_in, body, message):
    sign_in(editor)
    response = client.post("/roadmap/regional/edit", data={"body": body, "base_number": 1})
    assert response.status_code == 422 and message in text(response)


def test_a_save_based_on_a_missing_revision_is_refused(client, regional, editor, sign_in):
    sign_in(editor)
    response = client.post("/roadmap/regional/edit", data={"body": ROADMAP + "More.\n", "base_number": 99})
    assert response.status_code == 422 and "no revision 99" in text(response)


def test_an_enormous_paste_is_refused(app, client, regional, editor, sign_in):
    sign_in(editor)
    app.config["MAX_CONTENT_LENGTH"] = 4 * 1024 * 1024
    try:
        response = client.post("/roadmap/regional/edit", data={"body": "x" * (2 * 1024 * 1024), "base_number": 1})
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    assert response.status_code == 422 and "too long" in text(response)


def test_the_preview_is_rendered_on_the_server_and_sanitised(client, regional, editor, sign_in):
    sign_in(editor)
    response = client.post("/roadmap/regional/preview", headers=HX,
                           data={"body": "## Plan\n<script>alert(1)</script>\n[x](javascript:alert(1))"})
    page = text(response)
    assert '<h2 id="plan">Plan</h2>' in page and "<script" not in page and 'href="javascript' not in page


def test_show_changes_compares_with_the_base(client, regional, editor, sign_in):
    sign_in(editor)
    page = text(client.post("/roadmap/regional/changes", headers=HX, data={
        "body": ROADMAP.replace("every capital", "every city"), "base_number": 1}))
    assert 'id="document-changes"' in page and "<del>capital</del>" in page and "<ins>city</ins>" in page


def test_history_and_comparison(client, db, regional, editor, sign_in):
    second = ROADMAP.replace("every capital", "every city")
    documents.save(regional, 1, second, editor, "Cities")
    documents.save(regional, 2, second + "\n## Monitoring\nYearly report.\n", editor, "Monitoring")
    db.session.commit()
    sign_in("member")
    history = text(client.get("/roadmap/regional/history"))
    assert "Monitoring" in history and "Cities" in history and "+30" in history
    side = text(client.get("/roadmap/regional/diff?from=1&to=2"))
    assert "<del>capital</del>" in side and "diff--side" in side
    inline = client.get("/roadmap/regional/diff?from=1&to=3&view=inline", headers=HX)
    assert "<html" not in text(inline) and "diff--inline" in text(inline) and "Yearly report." in text(inline)
    assert client.get("/roadmap/regional/diff?from=1&to=77").status_code == 404


def test_restore_undo_and_publish(client, db, regional, editor, sign_in):
    from ccan_web import audit

    second = ROADMAP.replace("every capital", "every city")
    documents.save(regional, 1, second, editor)
    documents.save(regional, 2, second.replace("international fairs", "fairs in Milan"), editor)
    db.session.commit()
    sign_in(editor)
    client.post("/roadmap/regional/rev/2/undo")
    body = documents.head_revision(regional).body
    assert "every capital" in body and "fairs in Milan" in body
    client.post("/roadmap/regional/rev/1/restore")
    assert documents.head_revision(regional).body == ROADMAP
    client.post("/roadmap/regional/rev/3/publish")
    db.session.refresh(regional)
    assert regional.published_number == 3
    assert db.session.scalars(audit.entries_query("document.published")).first() is not None


def test_members_cannot_publish_or_restore(client, regional, sign_in):
    sign_in("member")
    assert client.post("/roadmap/regional/rev/1/publish").status_code == 403
    assert client.post("/roadmap/regional/rev/1/restore").status_code == 403


def test_an_officer_starts_pulls_and_resolves_an_adaptation(client, db, regional, editor, sign_in, factories):
    officer = factories.user(roles=("association_officer:KZ",))
    sign_in(officer)
    assert client.post("/roadmap/kz/start", data={"regional_number": 1}).status_code == 303
    kz = documents.get_document("kz")
    documents.save(kz, 1, ROADMAP.replace("every capital", "Almaty and Astana"), officer)
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city")
                   .replace("international fairs", "fairs in Milan"), editor)
    db.session.commit()
    page = text(client.get("/roadmap/kz/upstream"))
    assert "changed since your version: 1 revision" in page and "Education" in page
    conflict = client.post("/roadmap/kz/upstream")
    assert conflict.status_code == 409 and "Almaty and Astana" in text(conflict)
    fields = dict(re.findall(r'name="(base_number|head_number)"[^>]*value="([^"]*)"', text(conflict)))
    done = client.post("/roadmap/kz/upstream/resolve", data={
        "mine": "-", "base_number": fields["base_number"], "head_number": fields["head_number"], "choice-0": "mine"})
    assert done.status_code == 303
    body = documents.head_revision(kz).body
    assert "Almaty and Astana" in body and "fairs in Milan" in body
    assert documents.upstream_status(kz).behind == 0
    beside = text(client.get("/roadmap/kz/compare-regional"))
    assert "<ins>Almaty and Astana</ins>" in beside and "<del>every city</del>" in beside


def test_downloads(client, db, regional, editor):
    documents.publish(regional, 1, editor)
    db.session.commit()
    markdown = client.get("/roadmap/regional/download.md")
    assert markdown.mimetype == "text/markdown" and markdown.get_data(as_text=True) == ROADMAP
    assert "ccan-roadmap-regional-r1.md" in markdown.headers["Content-Disposition"]
    html = text(client.get("/roadmap/regional/download.html"))
    assert '<h2 id="education">Education</h2>' in html


def test_unknown_documents_and_revisions_are_not_found(client, regional, sign_in):
    sign_in("member")
    for path in ("/roadmap/xx", "/roadmap/KZ", "/roadmap/regional/rev/99", "/roadmap/kz/history",
                 "/roadmap/regional/upstream", "/roadmap/regional/download.pdf"):
        assert client.get(path).status_code == 404, path


def test_a_roadmap_editor_starts_the_regional_roadmap(client, db, editor, sign_in):
    sign_in(editor)
    page = text(client.get("/roadmap/regional"))
    assert "Start the regional roadmap" in page
    assert client.post("/roadmap/regional/start", data={"body": ""}).status_code == 422
    response = client.post("/roadmap/regional/start", data={"body": "# Roadmap\n\n## Vision\nGrowth.\n"})
    assert response.status_code == 303
    assert documents.get_document("regional").head_number == 1
    assert "already been started" in text(client.post("/roadmap/regional/start", data={"body": "# Again\n"}))


def test_members_cannot_start_a_roadmap(client, sign_in):
    sign_in("member")
    assert "Start the regional roadmap" not in text(client.get("/roadmap/regional"))
    assert client.post("/roadmap/regional/start", data={"body": "# Mine\n"}).status_code == 403


def test_an_adaptation_behind_says_so_on_its_page(client, db, regional, editor, sign_in):
    kz = documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", editor, country="KZ")
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), editor)
    db.session.commit()
    sign_in("member")
    assert "changed since your version: 1 revision" in text(client.get("/roadmap/kz"))
    assert kz.id


def test_show_changes_works_without_javascript(client, regional, editor, sign_in):
    sign_in(editor)
    page = text(client.post("/roadmap/regional/changes", data={
        "body": ROADMAP.replace("every capital", "every city"), "base_number": 1}))
    assert "<html" in page and "<ins>city</ins>" in page
    assert "every city" in page.split('<textarea', 1)[1].split("</textarea>")[0]  # the editor, text kept


def test_a_direction_override_or_a_nul_never_reaches_the_roadmap(client, db, regional, editor, sign_in, factories):
    """The editor refuses them beside the text; a passage written on the conflict screen too."""
    sign_in(editor)
    response = client.post("/roadmap/regional/edit", data={
        "body": ROADMAP.replace("every capital", "every \u202ecapital"), "base_number": 1})
    assert response.status_code == 422 and "U+202E" in text(response)
    other = factories.user(roles=("board",))
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), other)
    db.session.commit()
    mine = ROADMAP.replace("every capital", "each regional centre")
    page = text(client.post("/roadmap/regional/edit", data={"body": mine, "base_number": 1}))
    fields = dict(re.findall(r'name="(mine|base_number|head_number|summary|csrf_token)"[^>]*value="([^"]*)"', page))
    client.post("/roadmap/regional/resolve", data={
        "mine": mine, "base_number": fields["base_number"], "head_number": fields["head_number"],
        "choice-0": "edit", "text-0": "Open design schools\x00 everywhere.\n"})
    assert documents.current_head(regional) == 2 and "\x00" not in documents.head_revision(regional).body


def _conflict(client, db, regional, editor, sign_in, factories):
    other = factories.user(full_name="Aigerim Sarsenbaikyzy", roles=("board",))
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), other, summary="Cities, not capitals")
    db.session.commit()
    sign_in(editor)
    mine = ROADMAP.replace("every capital", "each regional centre")
    page = text(client.post("/roadmap/regional/edit", data={"body": mine, "base_number": 1, "summary": "Mine"}))
    fields = dict(re.findall(r'name="(base_number|head_number)"[^>]*value="([^"]*)"', page))
    return page, {"mine": mine, "summary": "Mine", **fields}


def test_the_conflict_screen_chooses_nothing_and_names_the_other_version(client, db, regional, editor, sign_in,
                                                                         factories):
    page, _fields = _conflict(client, db, regional, editor, sign_in, factories)
    assert " checked" not in page.split('name="choice-0"', 1)[1].split("</fieldset>")[0]
    assert "Revision 2" in page and "Aigerim Sarsenbaikyzy" in page and "“Cities, not capitals”" in page
    assert "GMT" in page  # when, with its zone
    assert "In the section “Education”" in page
    assert "<del>every city</del>" in page and "<ins>each regional centre</ins>" in page
    assert re.search(r"js/conflict\.[0-9a-f]{12}\.js", page)


def test_a_passage_typed_without_a_choice_is_kept_and_the_screen_asks(client, db, regional, editor, sign_in,
                                                                      factories):
    _page, fields = _conflict(client, db, regional, editor, sign_in, factories)
    response = client.post("/roadmap/regional/resolve", data={**fields, "text-0": "Open schools in every town."})
    page = text(response)
    assert response.status_code == 422 and documents.current_head(regional) == 2
    assert "Choose which text to keep for this passage." in page
    assert ">Open schools in every town.</textarea>" in page and 'aria-invalid="true"' in page


def test_a_passage_typed_with_keep_mine_chosen_is_not_dropped(client, db, regional, editor, sign_in, factories):
    _page, fields = _conflict(client, db, regional, editor, sign_in, factories)
    typed = {"choice-0": "mine", "text-0": "Open schools in every town.\n"}
    response = client.post("/roadmap/regional/resolve", data={**fields, **typed})
    page = text(response)
    assert response.status_code == 422 and documents.current_head(regional) == 2
    assert "You changed the text below but chose another version." in page
    assert ">Open schools in every town.\n</textarea>" in page
    # asked once, the same answer again is what the person means
    offered = re.search(r'name="offered-0" value="([^"]*)"', page).group(1)
    assert client.post("/roadmap/regional/resolve", data={**fields, **typed, "offered-0": offered}).status_code == 303
    assert "each regional centre" in documents.head_revision(regional).body


def test_a_refused_passage_comes_back_beside_its_field(client, db, regional, editor, sign_in, factories):
    _page, fields = _conflict(client, db, regional, editor, sign_in, factories)
    response = client.post("/roadmap/regional/resolve", data={**fields, "choice-0": "edit",
                                                               "text-0": "Open \u202eschools."})
    assert response.status_code == 422 and "U+202E" in text(response) and "Open \u202eschools." in text(response)


def test_a_pull_names_the_countrys_text_and_keeps_a_typed_passage(client, db, regional, editor, sign_in,
                                                                  factories):
    kz = documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", editor, country="KZ")
    documents.save(kz, 1, ROADMAP.replace("every capital", "Almaty and Astana"), editor)
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), editor, summary="Cities")
    db.session.commit()
    sign_in(factories.user(roles=("board",)))
    page = text(client.post("/roadmap/kz/upstream"))
    assert "Kazakhstan’s text (your version)" in page and "Regional roadmap" in page and "“Cities”" in page
    fields = dict(re.findall(r'name="(base_number|head_number)"[^>]*value="([^"]*)"', page))
    response = client.post("/roadmap/kz/upstream/resolve", data={"mine": "-", **fields, "choice-0": "theirs",
                                                                  "text-0": "Schools in Almaty, Astana and Shymkent."})
    assert response.status_code == 422 and "Schools in Almaty, Astana and Shymkent." in text(response)
    assert documents.upstream_status(kz).behind == 1
    done = client.post("/roadmap/kz/upstream/resolve", data={"mine": "-", **fields, "choice-0": "edit",
                                                              "text-0": "Schools in Almaty, Astana and Shymkent."})
    assert done.status_code == 303 and "Astana and Shymkent.\n" in documents.head_revision(kz).body


def _hidden_fields(page: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in re.findall(
        r'name="(mine|base_number|head_number|synced_number|upstream_number|summary)"[^>]*value="([^"]*)"', page)}


def _two_pulls_of_kz(client, db, regional, editor, sign_in, factories):
    """Kazakhstan's text and the regional one changed the same sentence; a KZ officer opens the
    pull's conflict screen. Returns the officer and the screen's hidden fields."""
    kz = documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", editor, country="KZ")
    documents.save(kz, 1, ROADMAP.replace("every capital", "Almaty and Astana"), editor)
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), editor, summary="Cities")
    db.session.commit()
    officer = sign_in(factories.user(roles=("association_officer:KZ",)))
    page = text(client.post("/roadmap/kz/upstream"))
    fields = _hidden_fields(page)
    assert fields["synced_number"] == "1" and fields["mine"] == "-"
    return kz, officer, fields


def test_a_pull_resolved_after_another_officer_pulled_keeps_the_text_written_anew(
        client, db, regional, editor, sign_in, factories):
    kz, _officer, fields = _two_pulls_of_kz(client, db, regional, editor, sign_in, factories)
    # Meanwhile another officer pulls the same regional revision and rewrites the same sentence.
    other = factories.user(roles=("association_officer:KZ",))
    merge = documents.pull_upstream(kz, other).conflict
    documents.finish_pull(kz, 2, merge.resolve(["Open design schools in Almaty.\n"]), 2, other)
    db.session.commit()
    assert documents.upstream_status(kz).behind == 0

    typed = "Schools in Almaty, Astana and Shymkent."
    asked = client.post("/roadmap/kz/upstream/resolve", data={**fields, "choice-0": "edit", "text-0": typed})
    page = text(asked)
    assert asked.status_code == 409 and typed in page and "Nothing you chose or wrote is lost" in page
    again = _hidden_fields(page)
    assert again["upstream_number"] == "2" and typed in again["mine"]
    assert 'action="/roadmap/kz/resolve"' in page

    done = client.post("/roadmap/kz/resolve", data={**again, "choice-0": "mine"})
    assert done.status_code == 303
    head = documents.head_revision(kz)
    assert typed in head.body and "schools in Almaty." not in head.body
    assert documents.upstream_status(kz).behind == 0 and head.upstream_number == 2


def test_a_pull_resolved_while_another_section_was_edited_merges_both(client, db, regional, editor, sign_in,
                                                                       factories):
    kz, officer, fields = _two_pulls_of_kz(client, db, regional, editor, sign_in, factories)
    documents.save(kz, 2, documents.head_revision(kz).body.replace("fairs.", "fairs in Astana."), editor)
    db.session.commit()

    typed = "Schools in Almaty, Astana and Shymkent."
    done = client.post("/roadmap/kz/upstream/resolve", data={**fields, "choice-0": "edit", "text-0": typed})
    assert done.status_code == 303
    body = documents.head_revision(kz).body
    assert typed in body and "fairs in Astana." in body
    assert documents.upstream_status(kz).behind == 0


def test_finishing_a_pull_never_moves_the_sync_point_back(db, regional, editor):
    kz = documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", editor, country="KZ")
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), editor)
    documents.save(regional, 2, ROADMAP.replace("every capital", "every town"), editor)
    documents.pull_upstream(kz, editor)
    assert documents.upstream_status(kz).synced_number == 3
    documents.finish_pull(kz, documents.current_head(kz), documents.head_revision(kz).body, 2, editor)
    assert documents.upstream_status(kz).synced_number == 3


def test_history_gives_sizes_in_characters_a_compare_button_on_top_and_pages(client, db, regional, editor, sign_in):
    body = ROADMAP
    for number in range(1, 53):  # 53 revisions: two pages of 50
        body += f"Line {number}.\n"
        documents.save(regional, number, body, editor, f"Step {number}")
    db.session.commit()
    sign_in("member")
    page = text(client.get("/roadmap/regional/history"))
    assert page.count("Compare the chosen revisions") == 2
    assert page.index("Compare the chosen revisions") < page.index('<table class="history">')
    assert f"{len(body):,} characters" in page and "+9 characters" in page
    assert "Page 1 of 2" in page and "Step 52" in page and "Step 2<" not in page
    second = text(client.get("/roadmap/regional/history?page=2"))
    assert "Step 2<" in second and "Step 52" not in second
    documents.save(regional, 53, ROADMAP, editor, "Shorter")
    db.session.commit()
    assert "−" + f"{len(body) - len(ROADMAP):,} characters" in text(client.get("/roadmap/regional/history"))


def test_compare_names_the_revisions_and_can_compare_the_rendered_text(client, db, regional, editor, sign_in):
    documents.save(regional, 1, ROADMAP.replace("every capital", "**every** city"), editor, "Cities")
    db.session.commit()
    sign_in("member")
    page = text(client.get("/roadmap/regional/diff?from=1&to=2"))
    assert "Revision 1 — " in page and "by Cholpon Sydykova</th>" in page and "Rendered text" in page
    rendered = text(client.get("/roadmap/regional/diff?from=1&to=2&text=rendered"))
    assert "diff--rendered" in rendered and "<strong>every</strong> city" in rendered and "**every**" not in rendered
    inline = text(client.get("/roadmap/regional/diff?from=1&to=2&text=rendered&view=inline", headers=HX))
    assert 'class="diff__ins"' in inline and "<strong>every</strong>" in inline
    # an unknown value is the source, never an error
    unknown = text(client.get("/roadmap/regional/diff?from=1&to=2&text=%3Cx%3E"))
    assert "diff--rendered" not in unknown and "<strong>every</strong>" not in unknown


def test_an_editor_finds_edit_section_beside_each_heading(client, db, regional, editor, sign_in):
    sign_in("member")
    assert "Edit section" not in text(client.get("/roadmap/regional"))
    sign_in(editor)
    page = text(client.get("/roadmap/regional"))
    assert ('<a class="section-heading__edit" href="/roadmap/regional/edit?section=3">Edit section'
            '<span class="visually-hidden">: Finance</span></a>') in page
    assert page.count("section-heading__edit") == 4  # the title and three sections
    editor_page = text(client.get("/roadmap/regional/edit?section=3"))
    assert "Formatting help" in editor_page and "You are editing one section." in editor_page


def test_tables_and_task_lists_in_a_roadmap(client, db, regional, editor, sign_in):
    documents.save(regional, 1, ROADMAP + "\n| Year | Target |\n|---|---|\n| 2027 | 10 |\n\n- [ ] Survey\n", editor)
    db.session.commit()
    sign_in("member")
    page = text(client.get("/roadmap/regional"))
    assert '<div class="table-wrap" role="region" tabindex="0" aria-label="Table"><table>' in page
    assert 'class="contains-task-list"' in page


def test_a_roadmap_says_which_language_it_is_written_in_to_readers_of_another(client, db, editor, sign_in, factories):
    sign_in(editor)
    page = text(client.get("/roadmap/regional"))
    assert '<select id="language" name="language"' in page
    client.post("/roadmap/regional/start", data={"body": "# Дорожная карта\n\nТекст.\n", "language": "ru"})
    regional = documents.get_document("regional")
    assert regional.language == "ru"
    documents.publish(regional, 1)
    kz = documents.fork(regional, 1, "kz", "Roadmap for Kazakhstan", editor, country="KZ")
    assert kz.language == "ru"  # an adaptation starts in the regional text's language
    db.session.commit()
    client.post("/auth/logout")
    english = text(client.get("/roadmap/regional"))
    assert "This text is written in Russian." in english and '<div class="document__body" lang="ru">' in english
    russian = text(client.get("/roadmap/regional", headers={"Accept-Language": "ru"}))
    assert "This text is written in" not in russian and "document-language" not in russian


def test_the_editor_and_the_conflict_screen_carry_their_numbers_in_plain_hidden_inputs(client, db, regional,
                                                                                        editor, sign_in, factories):
    """HTML allows no required, min or max on a hidden input; the form's validators check the numbers."""
    documents.save(regional, 1, ROADMAP.replace("every capital", "every city"), factories.user(roles=("board",)))
    db.session.commit()
    sign_in(editor)
    editing = text(client.get("/roadmap/regional/edit"))
    conflict = client.post("/roadmap/regional/edit", data={
        "body": ROADMAP.replace("every capital", "each regional centre"), "base_number": 1, "summary": "Mine"})
    assert conflict.status_code == 409
    hidden = re.findall(r'<input[^>]*type="hidden"[^>]*>', editing + text(conflict))
    assert any('name="head_number"' in tag for tag in hidden) and any('name="base_number"' in tag for tag in hidden)
    assert [tag for tag in hidden if re.search(r"\s(required|min=|max=)", tag)] == []
