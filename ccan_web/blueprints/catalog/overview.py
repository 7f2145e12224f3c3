"""The research overview: published entries by country, sector, language and source, against its rules."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select, union_all

from ccan_web import figures
from ccan_web.blueprints.catalog.models import Business, Course, CourseSector
from ccan_web.domain import quotas
from ccan_web.domain.catalog import EntryStatus
from ccan_web.domain.countries import COUNTRIES
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.sectors import SECTORS
from ccan_web.extensions import db


@dataclass(frozen=True)
class BusinessOverview:
    matrix: dict[tuple[str, str], int]  # (country, sector) -> published businesses
    by_country: dict[str, int]
    by_sector: dict[str, int]
    total: int
    country_checks: list
    sector_checks: list
    per_million: dict[str, float]


def business_overview() -> BusinessOverview:
    """Published businesses by country and sector, and the balance rules; kept until a catalog commit."""
    return figures.cached("catalog", "business_overview", _business_overview)


def _published_business_counts() -> dict[tuple[str, str], int]:
    """Published businesses in each (country, sector) that has any, in the order of the countries
    and then the sectors: one GROUP BY, read from the index (status, country, primary_sector).
    Entries are checked against the five countries and the sectors, so no other group counts."""
    counts = dict(((country, sector), count) for country, sector, count in db.session.execute(
        select(Business.country, Business.primary_sector, func.count())
        .where(Business.status == EntryStatus.PUBLISHED)
        .group_by(Business.country, Business.primary_sector)))
    return {(country.code, sector): counts[country.code, sector]
            for country in COUNTRIES for sector in SECTORS if counts.get((country.code, sector))}


def _business_overview() -> BusinessOverview:
    matrix = _published_business_counts()
    by_country = {c.code: sum(n for (cc, _s), n in matrix.items() if cc == c.code) for c in COUNTRIES}
    by_sector = {s: sum(n for (_c, ss), n in matrix.items() if ss == s) for s in SECTORS}
    total = sum(by_country.values())
    return BusinessOverview(
        matrix, by_country, by_sector, total,
        quotas.floors(by_country, [c.code for c in COUNTRIES], quotas.COUNTRY_MIN_SHARE),
        quotas.floors(by_sector, list(SECTORS), quotas.SECTOR_MIN_SHARE),
        {c.code: by_country[c.code] / c.population_millions for c in COUNTRIES},
    )


@dataclass(frozen=True)
class CourseOverview:
    total: int
    by_language: dict[str, int]
    language_checks: list
    specialised_by_sector: dict[str, int]
    sector_checks: list
    by_format: dict[str, int]
    by_outcome: dict[str, int]


def _published_course_counts() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Published courses by language, by format and by outcome (only values that have courses).

    One pass over the index (status, language, format, outcome) gives at most 7 × 4 × 4 groups,
    summed here, where a GROUP BY per column would read the index three times.
    """
    by_language: Counter[str] = Counter()
    by_format: Counter[str] = Counter()
    by_outcome: Counter[str] = Counter()
    rows = db.session.execute(select(Course.language, Course.format, Course.outcome, func.count())
                              .where(Course.status == EntryStatus.PUBLISHED)
                              .group_by(Course.language, Course.format, Course.outcome))
    for language, format_, outcome, count in rows:
        by_language[language] += count
        by_format[format_] += count
        by_outcome[outcome] += count
    return dict(sorted(by_language.items())), dict(sorted(by_format.items())), dict(sorted(by_outcome.items()))


def _specialised_course_counts() -> dict[str, int]:
    """Published courses made for each sector (sectors that have none are left out).

    Counted as every course's sector rows less those of unpublished courses: both read only
    indexes, and the unpublished are few, where joining every sector row to its course costs a
    look-up per row. A course lists a sector once (the unique constraint), so rows are courses.
    """
    every = select(CourseSector.sector, func.count()).group_by(CourseSector.sector)
    unpublished = (select(CourseSector.sector, -func.count())
                   .where(CourseSector.course_id.in_(
                       select(Course.id).where(Course.status != EntryStatus.PUBLISHED)))
                   .group_by(CourseSector.sector))
    counts: Counter[str] = Counter()
    # One statement, so both halves see the same moment even while courses are being published.
    for sector, count in db.session.execute(union_all(every, unpublished)):
        counts[sector] += count
    return {sector: count for sector, count in counts.items() if count}


def course_overview() -> CourseOverview:
    """Published courses by language, format, outcome and sector; kept until a catalog commit."""
    return figures.cached("catalog", "course_overview", _course_overview)


def _course_overview() -> CourseOverview:
    by_language, by_format, by_outcome = _published_course_counts()
    total = sum(by_language.values())
    specialised = _specialised_course_counts()
    # The 1% floor is against all courses, so it is checked with the total, not among sectors.
    sector_checks = [quotas.ShareCheck(s, specialised.get(s, 0), total, quotas.COURSE_SECTOR_MIN_SHARE, True,
                                       quotas.floors({s: specialised.get(s, 0), "_rest": total - specialised.get(s, 0)},
                                                     [s], quotas.COURSE_SECTOR_MIN_SHARE)[0].needed)
                     for s in SECTORS]
    return CourseOverview(
        total, {code: by_language.get(code, 0) for code in LOCALES},
        quotas.caps(by_language, list(LOCALES), quotas.LANGUAGE_MAX_SHARE),
        {s: specialised.get(s, 0) for s in SECTORS}, sector_checks, by_format, by_outcome,
    )


# The overview as a download -----------------------------------------------------------------

def overview_rows(businesses: BusinessOverview, courses: CourseOverview) -> list[dict]:
    """The overview's figures as flat rows with stable field names, for CSV and JSON downloads."""
    groups = (("businesses", "country", businesses.country_checks), ("businesses", "sector", businesses.sector_checks),
              ("courses", "language", courses.language_checks), ("courses", "sector", courses.sector_checks))
    return [{"database": database, "dimension": dimension, "value": check.key, "count": check.count,
             "share": round(float(check.share), 4), "rule": "min" if check.at_least else "max",
             "threshold": float(check.threshold), "met": check.met, "needed": check.needed}
            for database, dimension, checks in groups for check in checks]


# Where the published entries come from --------------------------------------------------------

@dataclass(frozen=True)
class SourceCount:
    kind: str
    detail: str
    businesses: int
    courses: int

    @property
    def total(self) -> int:
        return self.businesses + self.courses


def source_counts() -> tuple[SourceCount, ...]:
    """How many published entries each named source contributed, most first (a whole-table count:
    kept until a commit changes the catalog)."""
    return figures.cached("catalog", "source_counts", _source_counts)


def _source_counts() -> tuple[SourceCount, ...]:
    counts: dict[tuple[str, str], list[int]] = {}
    for index, model in enumerate((Business, Course)):
        rows = db.session.execute(select(model.source_kind, model.source_detail, func.count(model.id))
                                  .where(model.status == EntryStatus.PUBLISHED)
                                  .group_by(model.source_kind, model.source_detail)).all()
        for kind, detail, count in rows:
            counts.setdefault((kind, detail), [0, 0])[index] += count
    sources = [SourceCount(kind, detail, b, c) for (kind, detail), (b, c) in counts.items()]
    return tuple(sorted(sources, key=lambda s: (-s.total, s.kind, s.detail)))
