"""The research databases without a request: submission, moderation, duplicates, the overview."""
from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest

from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course
from ccan_web.blueprints.catalog.filters import BusinessFilter, CourseFilter, business_query, course_query
from ccan_web.blueprints.catalog.models import Business, Course, DuplicateFlag
from ccan_web.blueprints.catalog.moderation import dismiss_duplicate, merge_duplicate, publish, reject, return_for_changes
from ccan_web.blueprints.catalog.overview import business_overview, course_overview
from ccan_web.domain.catalog import BUSINESS_MAX_LENGTHS, COURSE_MAX_LENGTHS, EntryStatus
from ccan_web.domain.countries import COUNTRIES
from ccan_web.domain.errors import Conflict, DomainError, Invalid
from ccan_web.domain.sectors import SECTORS


def business(**overrides) -> BusinessData:
    data = dict(name="Steppe Sound", legal_form="ТОО", country="KZ", city="Almaty", primary_sector="music",
                other_sectors=("shows-events",), description="Recording studio and concert promoter.",
                founded_year=2015, size_band="small", source_kind="survey", source_detail="CCAN survey 2021")
    data.update(overrides)
    return BusinessData(**data)


def course(**overrides) -> CourseData:
    data = dict(title="Pricing creative work", url="https://courses.example/pricing", language="ru",
                format="video", improves="professional", outcome="income", sectors=("music",))
    data.update(overrides)
    return CourseData(**data)


@pytest.fixture
def member(factories):
    return factories.member(email="researcher@example.kz")


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor",))


def test_a_submitted_business_waits_for_an_editor(db, member):
    submitted = submit_business(business(), member)
    db.session.commit()
    entry = submitted.entry
    assert entry.status == EntryStatus.PENDING and submitted.duplicates == []
    assert entry.sector_slugs == ["music", "shows-events"] and entry.name_key == "steppe sound"


@pytest.mark.parametrize("overrides, field", [
    ({"name": " "}, "name"), ({"name": "ТОО"}, "name"), ({"country": "RU"}, "country"),
    ({"primary_sector": "mining"}, "primary_sector"), ({"other_sectors": ("music", "x")}, "other_sectors"),
    ({"founded_year": 1850}, "founded_year"), ({"founded_year": 3000}, "founded_year"),
    ({"size_band": "huge"}, "size_band"), ({"source_kind": "rumour"}, "source_kind"),
])
def test_bad_business_values_are_refused_by_field(db, member, overrides, field):
    with pytest.raises(DomainError) as caught:
        submit_business(business(**overrides), member)
    assert caught.value.field == field


def test_the_same_business_typed_in_another_script_is_flagged(db, member):
    first = submit_business(business(name="Steppe Sound LLC", city="Almaty"), member).entry
    again = submit_business(business(name='ТОО «Steppe Sound»', city="Алматы"), member)
    elsewhere = submit_business(business(name="Steppe Sound", city="Astana"), member)
    db.session.commit()
    assert again.duplicates == [first] and elsewhere.duplicates == []
    assert db.session.query(DuplicateFlag).filter_by(status="open").count() == 1


def test_merging_a_duplicate_keeps_the_first_and_fills_its_gaps(db, member, editor):
    first = submit_business(business(website="", other_sectors=()), member).entry
    second = submit_business(business(website="https://steppe.example", other_sectors=("advertising",)),
                             member).entry
    flag = db.session.query(DuplicateFlag).one()
    kept = merge_duplicate(flag, editor)
    db.session.commit()
    assert kept is first and first.website == "https://steppe.example" and "advertising" in first.sector_slugs
    assert second.status == EntryStatus.MERGED and flag.status == "merged"
    with pytest.raises(Conflict):
        dismiss_duplicate(flag, editor)
    with pytest.raises(Conflict):  # a merged duplicate never comes back beside the entry it joined
        publish(second, editor)


def test_publishing_returning_and_rejecting_notify_the_submitter(db, member, editor, outbox):
    one = submit_business(business(name="One"), member).entry
    two = submit_business(business(name="Two"), member).entry
    three = submit_course(course(), member).entry
    publish(one, editor)
    return_for_changes(two, editor, "Add the source's URL.")
    reject(three, editor, "Not a course: an advertisement.")
    db.session.commit()
    subjects = [m.subject for m in outbox("researcher@example.kz")]
    assert any("Published" in s for s in subjects) and any("revise" in s for s in subjects)
    assert any("not accepted" in s for s in subjects)
    assert one.status == EntryStatus.PUBLISHED and one.published_at is not None
    assert one.verified_at is not None and two.verified_at is None  # publishing is an editor's check
    assert two.moderation_note == "Add the source's URL."
    with pytest.raises(Conflict):
        publish(one, editor)
    with pytest.raises(DomainError):
        reject(two, editor, "  ")


@pytest.mark.parametrize("overrides, field", [
    ({"title": ""}, "title"), ({"url": "javascript:alert(1)"}, "url"), ({"language": "fr"}, "language"),
    ({"format": "hologram"}, "format"), ({"outcome": "fame"}, "outcome"), ({"sectors": ()}, "sectors"),
    ({"sectors": ("music", "x")}, "sectors"), ({"improves": "luck"}, "improves"), ({"level": "god"}, "level"),
])
def test_bad_course_values_are_refused_by_field(db, member, overrides, field):
    with pytest.raises(DomainError) as caught:
        submit_course(course(**overrides), member)
    assert caught.value.field == field


def test_a_course_for_all_sectors_has_no_specialised_sectors(db, member):
    entry = submit_course(course(all_sectors=True, sectors=("music",)), member).entry
    assert entry.all_sectors and entry.sector_slugs == []


def test_the_overview_matches_a_recount_from_the_raw_rows(db, member, editor):
    rng = random.Random(7)
    countries = [c.code for c in COUNTRIES]
    sectors = list(SECTORS)
    for n in range(120):
        entry = submit_business(business(name=f"Studio {n}", city=f"City {n}",
                                         country=rng.choice(countries[:4]),
                                         primary_sector=rng.choice(sectors[:10])), member).entry
        if rng.random() < 0.8:
            publish(entry, editor)
    for n in range(60):
        entry = submit_course(course(title=f"Course {n}", language=rng.choice(["ru", "ru", "en", "uz"]),
                                     sectors=(rng.choice(sectors[:5]),)), member).entry
        if rng.random() < 0.8:
            publish(entry, editor)
    db.session.commit()

    published = [b for b in db.session.query(Business).all() if b.status == EntryStatus.PUBLISHED]
    overview = business_overview()
    assert overview.total == len(published)
    assert overview.matrix == dict(Counter((b.country, b.primary_sector) for b in published))
    by_country = Counter(b.country for b in published)
    for check in overview.country_checks:
        assert check.count == by_country.get(check.key, 0)
        assert check.met == (Fraction(check.count, len(published)) >= Fraction(8, 100))
    uzbekistan = next(c for c in overview.country_checks if c.key == "UZ")  # none were added
    assert uzbekistan.count == 0 and not uzbekistan.met and uzbekistan.needed > 0
    for check in overview.sector_checks:
        assert check.met == (Fraction(by_sector_count(published, check.key), len(published)) >= Fraction(4, 100))

    courses = [c for c in db.session.query(Course).all() if c.status == EntryStatus.PUBLISHED]
    course_view = course_overview()
    by_language = Counter(c.language for c in courses)
    assert course_view.total == len(courses)
    for check in course_view.language_checks:
        assert check.count == by_language.get(check.key, 0)
        assert check.met == (Fraction(check.count, len(courses)) <= Fraction(45, 100))
    russian = next(c for c in course_view.language_checks if c.key == "ru")
    assert not russian.met  # about half the courses are in Russian
    for check in course_view.sector_checks:
        specialised = sum(1 for c in courses if check.key in c.sector_slugs)
        assert check.count == specialised
        assert check.met == (Fraction(specialised, len(courses)) >= Fraction(1, 100))


def by_sector_count(businesses, sector) -> int:
    return sum(1 for b in businesses if b.primary_sector == sector)


def test_business_lists_filter_by_country_sector_city_and_words_in_any_script(db, member, editor):
    entries = [
        business(name="Steppe Sound", city="Almaty", country="KZ", primary_sector="music"),
        business(name="Ала-Тоо Анимация", city="Бишкек", country="KG", primary_sector="film-animation-xr",
                 other_sectors=("games-esports",)),
        business(name="Bishkek Beats", city="Bishkek", country="KG", primary_sector="music"),
    ]
    for data in entries:
        publish(submit_business(data, member).entry, editor)
    submit_business(business(name="Pending Studio"), member)
    db.session.commit()

    def names(**args):
        query = business_query(BusinessFilter.from_args(args))
        return [b.name for b in db.session.scalars(query)]

    assert names() == ["Ала-Тоо Анимация", "Bishkek Beats", "Steppe Sound"]  # by name key, published only
    assert names(country="kg") == ["Ала-Тоо Анимация", "Bishkek Beats"]
    assert names(sector="games-esports") == ["Ала-Тоо Анимация"]  # another sector counts too
    assert names(city="Бишкек") == ["Ала-Тоо Анимация", "Bishkek Beats"]
    assert names(q="ala too") == ["Ала-Тоо Анимация"] and names(q="степпе") == ["Steppe Sound"]
    assert names(country="XX", sector="<script>", sort="drop table") == names()
    assert names(q="100%_") == []


def test_course_lists_filter_and_all_sector_courses_serve_every_sector(db, member, editor):
    for data in (course(title="Pricing creative work", language="ru", sectors=("music",)),
                 course(title="Маркетинг для дизайнеров", language="ru", sectors=("fashion-design-crafts",),
                        is_free=False, format="text"),
                 course(title="Business English", language="en", all_sectors=True, outcome="quality")):
        publish(submit_course(data, member).entry, editor)
    db.session.commit()

    def titles(**args):
        return [c.title for c in db.session.scalars(course_query(CourseFilter.from_args(args)))]

    assert titles(sector="music") == ["Business English", "Pricing creative work"]
    assert titles(language="ru", price="paid") == ["Маркетинг для дизайнеров"]
    assert titles(format="text") == ["Маркетинг для дизайнеров"] and titles(outcome="quality") == ["Business English"]
    assert titles(q="marketing") == ["Маркетинг для дизайнеров"]
    assert titles(language="klingon", price="maybe") == titles()


def test_no_column_is_narrower_than_what_the_entry_rules_let_through():
    for model, limits in ((Business, BUSINESS_MAX_LENGTHS), (Course, COURSE_MAX_LENGTHS)):
        for name, limit in limits.items():
            length = getattr(model.__table__.c[name].type, "length", None)
            assert length is None or length >= limit, f"{model.__name__}.{name}: {length} < {limit}"


def test_an_entry_is_stored_as_the_rules_cleaned_it(db, factories):
    entry = submit_business(business(name="  Ста\u0306рый Город \u200b", city=" Алматы ",
                                     description="Line one\r\nline two\r\n"), factories.member()).entry
    assert (entry.name, entry.city, entry.description) == ("Стӑрый Город", "Алматы", "Line one\nline two")


def test_every_broken_rule_of_an_entry_is_named_beside_its_field(db, factories):
    with pytest.raises(Invalid) as caught:
        submit_business(business(name="\u202eevil", city="", website="ftp://x.kz", legal_form="L" * 61,
                                 description="\x00"), factories.member())
    assert {p.field for p in caught.value.problems} == {"name", "city", "website", "legal_form", "description"}
