"""Associations and the toolkit in the site search: an association by its names in any of its three
languages and by its country; a published toolkit document by its text and its kind, in every
interface language; a members-only document for members only; a draft not at all."""
from __future__ import annotations

from ccan_web.blueprints.associations import services as associations
from ccan_web.blueprints.toolkit import services as toolkit
from ccan_web.documents import services as documents
from ccan_web.search.documents import SearchQuery


def _urls(search, text, **options):
    return [hit.url for hit in search.search(SearchQuery(text=text, **options)).hits]


def test_an_association_is_found_by_its_names_and_its_country(search, db, factories):
    officer = factories.user(roles=("association_officer:KG",))
    associations.update_profile("KG", associations.ProfileData(
        name_national="Кыргызстандын чыгармачыл ассоциациясы", name_ru="Креативная ассоциация Кыргызстана",
        name_en="Creative Association of Kyrgyzstan", legal_structure="Public foundation",
        description="We bring **felt makers** and game studios together."), officer)
    db.session.commit()
    for words in ("Creative Association of Kyrgyzstan", "креативная ассоциация", "чыгармачыл", "felt makers",
                  "Кыргызстан", "public foundation"):
        assert "/associations/kg" in _urls(search, words), words
    associations.update_profile("KG", associations.ProfileData(name_en="Kyrgyz Creative Union"), officer)
    db.session.commit()
    assert "/associations/kg" in _urls(search, "Kyrgyz Creative Union")
    assert "/associations/kg" not in _urls(search, "felt makers")


def test_a_published_toolkit_document_is_found_and_a_members_only_one_by_members_only(search, db, factories):
    board = factories.board_member()
    open_entry = toolkit.create("charter-standard", "Charter standard", "standard", False,
                                "# Charter standard\n\nEvery association adopts a charter with a transparent budget.\n",
                                board)
    closed_entry = toolkit.create("fee-procedure", "Membership fee procedure", "procedure", True,
                                  "# Fees\n\nThe treasurer collects the membership fees every quarter.\n", board)
    db.session.commit()
    assert _urls(search, "transparent budget") == []  # not published yet
    documents.publish(open_entry.document, 1, board)
    documents.publish(closed_entry.document, 1, board)
    db.session.commit()
    assert "/toolkit/charter-standard" in _urls(search, "transparent budget")
    assert "/toolkit/charter-standard" in _urls(search, "стандарт")  # its kind, in Russian
    assert "/toolkit/fee-procedure" not in _urls(search, "treasurer")
    assert "/toolkit/fee-procedure" in _urls(search, "treasurer", include_members=True)


def test_the_search_page_lists_them_under_their_kinds(client, search, db, factories):
    board = factories.board_member()
    entry = toolkit.create("charter-standard", "Charter standard", "standard", False,
                           "# Charter standard\n\nA transparent budget.\n", board)
    documents.publish(entry.document, 1, board)
    associations.update_profile("TJ", associations.ProfileData(description="A transparent budget for artists."),
                                factories.user(roles=("association_officer:TJ",)))
    db.session.commit()
    page = client.get("/search?q=transparent+budget").get_data(as_text=True)
    assert 'href="/toolkit/charter-standard"' in page and 'href="/associations/tj"' in page
    assert "Association of Tajikistan" in page
    page = client.get("/search?q=transparent+budget&lang=ru").get_data(as_text=True)
    assert "Ассоциация" in page
