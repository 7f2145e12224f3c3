"""A catalog entry's web addresses typed without their scheme are kept as https:// addresses, in
the entry form and the import alike (the service is where both are checked)."""
from __future__ import annotations

from tests.catalog.test_services import business, course


def test_a_business_website_and_links_without_a_scheme_are_completed(db, factories):
    from ccan_web.blueprints.catalog.entries import submit_business

    member = factories.member()
    entry = submit_business(business(website="hunar.tj", social_links=("instagram.com/hunar",)), member).entry
    assert entry.website == "https://hunar.tj"
    assert "https://instagram.com/hunar" in entry.social_links


def test_a_course_address_without_a_scheme_is_completed(db, factories):
    from ccan_web.blueprints.catalog.entries import submit_course

    member = factories.member()
    entry = submit_course(course(url="courses.example.kz/pricing"), member).entry
    assert entry.url == "https://courses.example.kz/pricing"


def test_the_entry_form_accepts_an_address_without_a_scheme(client, auth, db, factories):
    from sqlalchemy import select

    from ccan_web.blueprints.catalog.models import Business

    factories.member(email="m@example.kz")
    auth.login("m@example.kz")
    client.post("/catalog/businesses/new", data={
        "name": "Hunar Studio", "country": "TJ", "city": "Dushanbe", "primary_sector": "music",
        "website": "hunar.tj", "source_kind": "url"})
    entry = db.session.scalar(select(Business).where(Business.name == "Hunar Studio"))
    assert entry is not None and entry.website == "https://hunar.tj"
