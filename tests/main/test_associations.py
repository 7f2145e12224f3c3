"""/associations/ and /associations/<cc>: each country's officers and national roadmap, from the
database; the other "in preparation" pages say what is coming and link to what is open."""
from __future__ import annotations

import re

import pytest


def test_the_associations_list_each_countrys_officers_and_roadmap(client, db, factories):
    from ccan_web.documents import services as documents

    factories.user(full_name="Nigina Sharipova", country="TJ", roles=("association_officer:TJ",))
    factories.user(full_name="Dauren Abilkasymov", country="KZ", roles=("association_officer:KZ",))
    editor = factories.user(roles=("roadmap_editor",))
    regional = documents.create_document("regional", "roadmap", "Regional roadmap", "# Roadmap\n\nText.\n", editor)
    tj = documents.fork(regional, 1, "tj", "Roadmap for Tajikistan", editor, country="TJ")
    documents.publish(tj, 1, editor)
    db.session.commit()
    page = client.get("/associations/").get_data(as_text=True)
    assert "In preparation" not in page
    for code in ("kz", "kg", "tj", "tm", "uz"):
        assert f'href="/associations/{code}"' in page
    assert "Nigina Sharipova" in page and "Dauren Abilkasymov" in page
    assert "1 association officer" in page and "No association officer yet." in page
    assert 'href="/roadmap/tj"' in page


def test_a_countrys_association_page_shows_its_officers_and_roadmap(client, db, factories):
    factories.user(full_name="Nigina Sharipova", organisation_name="Adabiyoti nav", country="TJ", city="Dushanbe",
                   email="nigina@example.tj", phone="+992 000", roles=("association_officer:TJ",))
    factories.user(full_name="Dauren Abilkasymov", country="KZ", roles=("association_officer:KZ",))
    factories.member(country="TJ")
    response = client.get("/associations/tj")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Association of Tajikistan" in page
    officers = re.search(r'aria-labelledby="officers-heading".*?</section>', page, re.S).group(0)
    assert "Nigina Sharipova" in officers and "Adabiyoti nav" in officers and "Dushanbe" in officers
    assert "Dauren" not in officers
    assert "nigina@example.tj" not in page and "+992" not in page  # contact details stay with members
    assert "2 members of CCAN work in this country." in page
    assert "Not started" in page and 'href="/roadmap/regional"' in page


def test_a_revoked_or_inactive_officer_is_not_listed(client, db, factories):
    officer = factories.user(full_name="Former Officer", country="UZ", roles=("association_officer:UZ",))
    officer.is_active = False
    db.session.commit()
    assert "Former Officer" not in client.get("/associations/uz").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/associations/xx", "/associations/KZ", "/associations/ru", "/associations/regional"])
def test_an_unknown_country_is_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/toolkit/", "/competitions/", "/events/"])
def test_a_coming_page_says_what_comes_and_links_to_what_is_open(client, path):
    page = client.get(path).get_data(as_text=True)
    assert "In preparation" in page and "not open yet" in page
    for live in ("/catalog/", "/search", "/roadmap/", "/associations/"):
        assert f'href="{live}"' in page, live
    assert 'href="/members/"' not in page  # for members only


def test_a_member_is_offered_the_directory_on_a_coming_page(client, auth, factories):
    factories.member(email="m@example.kz")
    auth.login("m@example.kz")
    assert 'href="/members/"' in client.get("/toolkit/").get_data(as_text=True)
