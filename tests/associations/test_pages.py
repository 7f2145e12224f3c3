"""/associations/ and /associations/<cc>: the five compared as a table and a map, each country's
association with its profile, status, history, organisers, members and national roadmap."""
from __future__ import annotations

import re

import pytest

from ccan_web.blueprints.associations import services
from ccan_web.blueprints.associations.models import Association


def test_all_five_are_listed_from_the_start_as_a_table_and_a_map(client, db):
    db.session.query(Association).delete()  # even with no row at all, five associations "not started"
    db.session.commit()
    page = client.get("/associations/").get_data(as_text=True)
    table = re.search(r"<table class=\"association-table\">.*?</table>", page, re.S).group(0)
    for code, name in (("kz", "Kazakhstan"), ("kg", "Kyrgyzstan"), ("tj", "Tajikistan"), ("tm", "Turkmenistan"),
                       ("uz", "Uzbekistan")):
        assert f'href="/associations/{code}"' in table and name in table
    assert table.count("Not started") == 5
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert svg.count("<path ") == 5 and 'role="group"' in svg and "The table below gives the same" in svg
    assert 'aria-label="Kazakhstan: Not started"' in svg
    assert db.session.query(Association).count() == 0  # reading stores nothing


def test_the_table_and_map_show_each_status_and_the_partner_badge(client, db, factories, terms):
    board = factories.board_member()
    for code, steps in (("KZ", ["initiative_group", "founding", "registered"]), ("UZ", ["initiative_group"])):
        for step in steps:
            services.change_status(code, step, "", board)
    services.change_status("KG", "initiative_group", "", board)
    services.change_status("KG", "founding", "", board)
    services.change_status("KG", "registered", "", board)
    services.declare_partnership("KG", terms, board)
    db.session.commit()
    page = client.get("/associations/").get_data(as_text=True)
    rows = {code: re.search(rf'<tr>\s*<th scope="row"><a href="/associations/{code}">.*?</tr>', page, re.S).group(0)
            for code in ("kz", "kg", "uz", "tm")}
    assert "Registered" in rows["kz"] and "Initiative group" in rows["uz"] and "Not started" in rows["tm"]
    assert "partner-badge" in rows["kg"] and "partner-badge" not in rows["kz"]
    assert "map-country--partner" in page and "map-country--registered" in page


def test_a_countrys_page_shows_its_organisers_members_and_roadmap_behind(client, db, factories):
    from ccan_web.documents import services as documents

    factories.user(full_name="Nigina Sharipova", organisation_name="Adabiyoti nav", country="TJ", city="Dushanbe",
                   email="nigina@example.tj", phone="+992 000", roles=("association_officer:TJ",))
    factories.user(full_name="Dauren Abilkasymov", country="KZ", roles=("association_officer:KZ",))
    factories.member(country="TJ")
    editor = factories.user(roles=("roadmap_editor",))
    regional = documents.create_document("regional", "roadmap", "Regional roadmap", "# Roadmap\n\nText.\n", editor)
    tj = documents.fork(regional, 1, "tj", "Roadmap for Tajikistan", editor, country="TJ")
    documents.publish(tj, 1, editor)
    documents.save(regional, 1, "# Roadmap\n\nText, changed.\n", editor)
    documents.publish(regional, 2, editor)  # the public compares published texts
    db.session.commit()
    response = client.get("/associations/tj")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    officers = re.search(r'aria-labelledby="officers-heading".*?</section>', page, re.S).group(0)
    assert "Nigina Sharipova" in officers and "Adabiyoti nav" in officers and "Dauren" not in officers
    assert "nigina@example.tj" not in page and "+992" not in page  # contact details stay with members
    assert "2 members of CCAN work in this country." in page
    assert 'href="/roadmap/tj"' in page and "1 revision behind" in page
    assert "1 section would take in the regional change cleanly" in page and 'href="/roadmap/map"' in page
    assert "Not started" in page and "Edit the profile" not in page


def test_a_revoked_or_inactive_officer_is_not_listed(client, db, factories):
    officer = factories.user(full_name="Former Officer", country="UZ", roles=("association_officer:UZ",))
    officer.is_active = False
    db.session.commit()
    assert "Former Officer" not in client.get("/associations/uz").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/associations/xx", "/associations/KZ", "/associations/ru",
                                  "/associations/regional", "/associations/xx/edit", "/associations/xx/status"])
def test_an_unknown_country_is_not_found(client, auth, factories, path):
    factories.board_member(email="b@example.kz")
    auth.login("b@example.kz")
    assert client.get(path).status_code == 404


def test_the_home_page_counts_initiated_founded_and_partner_associations(client, db, factories):
    board = factories.board_member()
    for code, steps in (("KZ", ["initiative_group", "founding", "registered"]), ("UZ", ["initiative_group"]),
                        ("TJ", ["initiative_group", "founding"])):
        for step in steps:
            services.change_status(code, step, "", board)
    services.change_status("KZ", "partner", "", board, declared=True)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "3 associations initiated" in page and "1 founded" in page and "1 CCAN partner" in page


def test_the_main_menu_leads_to_the_live_associations_page(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/associations/"' in page
    from ccan_web.domain.plan import PLAN_BY_SLUG
    assert PLAN_BY_SLUG["associations"].live and PLAN_BY_SLUG["associations"].endpoint == "associations.index"


def test_the_dashboard_counts_the_sections_behind_and_in_conflict_from_the_drafts(client, db, factories, auth):
    from ccan_web.documents import services as documents

    factories.user(email="officer@example.tj", country="TJ", roles=("association_officer:TJ",))
    editor = factories.user(roles=("roadmap_editor",))
    regional = documents.create_document("regional", "roadmap", "Regional roadmap",
                                         "# Roadmap\n\n## Talent\n\nSchools.\n\n## Markets\n\nFairs.\n", editor)
    tj = documents.fork(regional, 1, "tj", "Roadmap for Tajikistan", editor, country="TJ")
    documents.save(tj, 1, "# Roadmap\n\n## Talent\n\nSchools in Khujand.\n\n## Markets\n\nFairs.\n", editor)
    documents.save(regional, 1, "# Roadmap\n\n## Talent\n\nSchools and mentors.\n\n## Markets\n\nOnline fairs.\n",
                   editor)
    db.session.commit()
    auth.login("officer@example.tj")
    page = client.get("/associations/tj/dashboard").get_data(as_text=True)
    assert "1 revision behind" in page
    assert "1 section would take in the regional change cleanly" in page
    assert "1 section needs the association to choose between its text and the regional one" in page
    assert 'href="/roadmap/tj/upstream"' in page
