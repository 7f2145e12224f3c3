"""The map of national roadmaps (/roadmap/map): each cell against a recount from the documents,
and what each kind of reader sees."""
from __future__ import annotations

import html
import re

import pytest

from ccan_web.blueprints.roadmap import national_map
from ccan_web.documents import services as documents
from ccan_web.documents.merge import three_way
from ccan_web.documents.sections import split_sections
from ccan_web.domain.errors import NotFound

REGIONAL = """# Roadmap for Central Asia

## 1. Education
Open design schools.

## 2. Finance
Create a fund.

## 3. Export
Go to fairs.

## 4. Monitoring
Count every year.
"""
REGIONAL_2 = REGIONAL.replace("Go to fairs.", "Go to fairs and online markets.").replace(
    "Count every year.", "Count twice a year.")
SECTIONS = ("Roadmap for Central Asia", "1. Education", "2. Finance", "3. Export", "4. Monitoring")

# What each country's published text does, and so what each cell must say.
EXPECTED = {
    "Kazakhstan": {"1. Education": "Same", "2. Finance": "Adapted", "3. Export": "Behind", "4. Monitoring": "Behind"},
    "Kyrgyzstan": {"1. Education": "Same", "2. Finance": "Same", "3. Export": "Behind", "4. Monitoring": "Behind"},
    "Tajikistan": {"1. Education": "Same", "2. Finance": "Same", "3. Export": "In conflict", "4. Monitoring": "Behind"},
    "Turkmenistan": {"1. Education": "Same", "2. Finance": "Same", "3. Export": "Same", "4. Monitoring": "Same"},
}
STATE_WORDS = {"same": "Same", "adapted": "Adapted", "behind": "Behind", "conflict": "In conflict"}


@pytest.fixture
def world(db, factories):
    """Regional r1, forked by KZ (changes Finance), KG (nothing) and TJ (changes Export); then regional
    r2 (changes Export and Monitoring), forked by TM, which inserts a chapter and renumbers the rest.
    Everything published; Uzbekistan has no adaptation."""
    board = factories.board_member()
    regional = documents.create_document("regional", "roadmap", "Regional roadmap", REGIONAL, board)
    forks = {key: documents.fork(regional, 1, key, f"Roadmap {key}", board, country=key.upper())
             for key in ("kz", "kg", "tj")}
    documents.save(forks["kz"], 1, REGIONAL.replace("Create a fund.", "Create a national fund."), board)
    documents.save(forks["tj"], 1, REGIONAL.replace("Go to fairs.", "Go to the Canton fair."), board)
    documents.save(regional, 1, REGIONAL_2, board)
    documents.publish(regional, 2, board)
    forks["tm"] = documents.fork(regional, 2, "tm", "Roadmap tm", board, country="TM")
    documents.save(forks["tm"], 1, REGIONAL_2.replace("## 2. Finance", "## 2. Carpets\nWeave.\n\n## 3. Finance")
                   .replace("## 3. Export", "## 4. Export").replace("## 4. Monitoring", "## 5. Monitoring"), board)
    for document in forks.values():
        documents.publish(document, documents.current_head(document), board)
    db.session.commit()
    return {"board": board, "regional": regional, **forks}


def cells(page: str) -> dict[tuple[str, str], str]:
    """(country, section) -> the state the table's cell says, read from the page."""
    found = re.findall(r'<span class="visually-hidden">([^,<]+), ([^<]+): </span>([^<]+)</', page)
    return {(html.unescape(country), html.unescape(section)): word for country, section, word in found}


def text(response) -> str:
    return response.get_data(as_text=True)


def test_each_cell_says_what_the_documents_say(client, world):
    page = text(client.get("/roadmap/map"))
    found = cells(page)
    for country, expected in EXPECTED.items():
        for section, word in expected.items():
            # Each cell appears twice (the wide table and the phone's list), saying the same.
            assert found[(country, section)] == word, (country, section)
            assert page.count(f'<span class="visually-hidden">{country}, {section}: </span>{word}<') == 2
    assert "Uzbekistan" in page and "No adaptation" in page and "No national adaptation yet." in page
    # The title section: Kazakhstan, Kyrgyzstan, Tajikistan and Turkmenistan all keep it.
    assert {found[(c, SECTIONS[0])] for c in EXPECTED} == {"Same"}
    # Turkmenistan's own chapter is listed as such; renumbering did not count as adapting.
    assert "2. Carpets" in page and "Only in the national text" in page
    # Counts per country, in the table's heading and above each phone list.
    assert page.count("2 sections the same, 1 adapted, 2 behind") == 2  # Kazakhstan
    assert page.count("3 sections the same, 1 in conflict, 1 behind".replace(
        "1 in conflict, 1 behind", "1 behind, 1 in conflict")) == 2  # Tajikistan
    assert page.count("5 sections the same, 1 national section") == 2  # Turkmenistan


def test_the_cells_agree_with_a_recount_by_pulling(client, world, db):
    """Behind: the pull takes that section in cleanly. In conflict: the pull stops at that passage.
    Same or adapted: the pull leaves the section as the country has it."""
    the_map = national_map.national_map(national_map.PUBLISHED)
    regional = world["regional"]
    for column in the_map.columns:
        if column.state != "compared":
            assert column.country.code == "UZ" and column.state == "not_started"
            continue
        base = documents.get_revision(regional, column.base_number).body
        national = column.revision.body
        merged = three_way(base, REGIONAL_2, national)
        for row in the_map.rows:
            state = column.cell(row.section.index)
            ours = state.fork.text if state.fork else ""
            assert STATE_WORDS[state.state] == EXPECTED.get(column.country.name, {}).get(
                row.section.heading, STATE_WORDS[state.state])
            if state.state == "conflict":
                assert any(c.base in split_sections(base)[row.section.index].text for c in merged.conflicts)
            elif merged.clean:
                after = {s.heading.split(". ")[-1]: s.text.split("\n", 1)[1]
                         for s in split_sections(merged.text) if s.index}
                heading = row.section.heading.split(". ")[-1]
                if state.state == "behind":
                    assert after[heading] != ours.split("\n", 1)[1] and after[heading] in row.section.text
                elif row.section.index:
                    assert after[heading] == ours.split("\n", 1)[1]
    # Pulling Kyrgyzstan's changes in makes its newest draft the same everywhere.
    outcome = documents.pull_upstream(world["kg"], world["board"])
    db.session.commit()
    assert outcome.saved
    drafts = national_map.national_map(national_map.DRAFTS)
    kg = next(c for c in drafts.columns if c.country.code == "KG")
    assert set(kg.divergence.counts()) == {"same"}
    # Tajikistan's pull stops at the Export passage, as its cell says.
    assert documents.pull_upstream(world["tj"], world["board"]).conflict.conflicts[0].base == "Go to fairs.\n"


def test_the_published_texts_by_default_and_the_newest_drafts_on_request(client, auth, world, db):
    documents.save(world["kz"], 2, documents.head_revision(world["kz"]).body.replace(
        "Open design schools.", "Open design schools in Almaty."), world["board"])
    db.session.commit()
    assert cells(text(client.get("/roadmap/map")))[("Kazakhstan", "1. Education")] == "Same"
    # The public never sees a draft, whatever the address asks.
    public = text(client.get("/roadmap/map?texts=drafts"))
    assert cells(public)[("Kazakhstan", "1. Education")] == "Same"
    assert "Newest drafts" not in public and "against the published regional roadmap (revision 2)" in public
    auth.login(world["board"].email)
    drafts = text(client.get("/roadmap/map?texts=drafts"))
    assert cells(drafts)[("Kazakhstan", "1. Education")] == "Adapted"
    assert 'aria-current="page">Newest drafts' in drafts


@pytest.mark.parametrize("role, sees_drafts", [
    ("anonymous", False), ("member", True), ("association_officer", True), ("roadmap_editor", True), ("board", True),
])
def test_every_reader_sees_the_map_and_readers_of_drafts_may_switch(client, auth, factories, world, role, sees_drafts):
    user = factories.as_role(role)
    if user is not None:
        auth.login(user.email)
    published = text(client.get("/roadmap/map"))
    assert cells(published)[("Tajikistan", "3. Export")] == "In conflict"
    assert ("Newest drafts" in published) is sees_drafts
    # Behind or in conflict: readers of drafts are sent to the regional changes to take in, the
    # public to the section side by side (the regional changes page is for members).
    conflict_link = re.search(r'<a class="badge badge--rejected" href="([^"]+)"', published).group(1)
    if sees_drafts:
        assert conflict_link == "/roadmap/tj/upstream"
    else:
        assert conflict_link.startswith("/roadmap/tj/compare-regional?") and conflict_link.endswith("#section-4")
    assert client.get(html.unescape(conflict_link)).status_code == 200
    drafts = client.get("/roadmap/map?texts=drafts")
    assert drafts.status_code == 200 and ('aria-current="page">Newest drafts' in text(drafts)) is sees_drafts


def test_an_adapted_cell_opens_that_section_side_by_side(client, world):
    page = text(client.get("/roadmap/map"))
    link = html.unescape(re.search(r'<a class="badge badge--live" href="(/roadmap/kz/[^"]+)"', page).group(1))
    assert link == "/roadmap/kz/compare-regional?rev=2&regional=2&section=3#section-3"
    section = text(client.get(link))
    assert 'id="section-3"' in section and "Section: 2. Finance" in section
    assert "<ins>national" in section and "Export" not in section.split('id="section-3"')[1].split("</section>")[0]


def test_the_section_compare_refuses_what_does_not_exist_or_is_not_published(client, world, db):
    assert client.get("/roadmap/kz/compare-regional?section=99").status_code == 404
    assert client.get("/roadmap/kz/compare-regional?section=99999999999999").status_code == 404
    assert client.get("/roadmap/kz/compare-regional?section=-1").status_code == 404
    assert client.get("/roadmap/kz/compare-regional?section=abc").status_code == 200  # the whole text
    assert client.get("/roadmap/kz/compare-regional?rev=1&section=2").status_code == 404  # a draft
    assert client.get("/roadmap/kz/compare-regional?regional=1&section=2").status_code == 404
    assert client.get("/roadmap/uz/compare-regional?section=1").status_code == 404


def test_before_the_regional_roadmap_is_published_the_map_says_so(client, auth, db, factories):
    board = factories.board_member()
    documents.create_document("regional", "roadmap", "Regional roadmap", REGIONAL, board)
    db.session.commit()
    assert "The regional roadmap has not been published yet." in text(client.get("/roadmap/map"))
    auth.login(board.email)
    drafts = text(client.get("/roadmap/map?texts=drafts"))
    assert cells(drafts) == {} and drafts.count("No national adaptation yet.") == 5


def test_the_map_with_no_roadmap_at_all(client):
    response = client.get("/roadmap/map")
    assert response.status_code == 200 and "has not been published yet" in text(response)


def test_the_roadmaps_page_and_the_sitemap_link_the_map(client, world):
    assert 'href="/roadmap/map"' in text(client.get("/roadmap/"))
    assert "/roadmap/map</loc>" in text(client.get("/sitemap-pages-1.xml"))


def test_how_far_behind_each_adaptation_is(world, db):
    lags = national_map.adaptation_lags()
    assert (lags["KZ"].revisions_behind, lags["KZ"].sections_behind, lags["KZ"].sections_in_conflict) == (1, 2, 0)
    assert (lags["TJ"].revisions_behind, lags["TJ"].sections_behind, lags["TJ"].sections_in_conflict) == (1, 1, 1)
    assert lags["TM"].up_to_date and not lags["UZ"].started and not lags["UZ"].up_to_date
    assert national_map.adaptation_lag("kg") == lags["KG"]
    documents.pull_upstream(world["kg"], world["board"])
    db.session.commit()
    assert national_map.adaptation_lag("KG").up_to_date
    with pytest.raises(NotFound):
        national_map.adaptation_lag("xx")
