"""The catalog's entries as the site search indexes them: one document per published entry."""
from __future__ import annotations

import functools

from flask_babel import force_locale
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ccan_web.blueprints.catalog.models import Business, BusinessSector, Course, CourseSector
from ccan_web.domain.catalog import COURSE_FORMATS, COURSE_OUTCOMES, EntryStatus
from ccan_web.domain.countries import country_name
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.sectors import SECTORS
from ccan_web.search.documents import SearchDocument
from ccan_web.search.indexing import Source


def _labels_in(*keys: str) -> str:
    """Country, sector, format and outcome names in English and Russian, so a word of either finds
    the entry whatever the page's language."""
    names = [_label_names(key) for key in keys]
    return " ".join(dict.fromkeys(name for locale in range(2) for pair in names if (name := pair[locale])))


@functools.cache
def _label_names(key: str) -> tuple[str, str]:
    """A key's name in English and Russian, worked out once: a rebuild asks for the same few dozen
    120,000 times, and each translation lookup costs."""
    label = country_name(key) if len(key) == 2 and key.isupper() else \
        SECTORS.get(key) or COURSE_FORMATS.get(key) or COURSE_OUTCOMES.get(key) or ""
    names = []
    for locale in ("en", "ru"):
        with force_locale(locale):
            names.append(str(label) if label else "")
    return names[0], names[1]


def business_search_document(entry: Business) -> SearchDocument:
    """The entry as search sees it. Its city, region and legal form are key words, matched as
    they are typed; its country and sectors, named in English and Russian, are labels: whole
    words that match like the description's, so "музыка" finds a music studio without every
    entry carrying the same dozens of as-you-type prefixes (they made a full rebuild twice as
    long), and that no snippet shows."""
    sectors = tuple(entry.sector_slugs)
    labels = _labels_in(entry.country, *sectors)
    return SearchDocument(key=f"business:{entry.id}", kind="business", title=entry.name,
                          body=entry.description, labels=labels,
                          keywords=" ".join(part for part in (entry.city, entry.region, entry.legal_form) if part),
                          url=f"/catalog/businesses/{entry.id}", country=entry.country, sectors=sectors,
                          place=entry.city or "")


def course_search_document(entry: Course) -> SearchDocument:
    # A course for all sectors serves every sector, as the list's sector filter says too.
    sectors = tuple(SECTORS) if entry.all_sectors else tuple(entry.sector_slugs)
    labels = _labels_in(entry.format, entry.outcome, *(() if entry.all_sectors else sectors))
    return SearchDocument(key=f"course:{entry.id}", kind="course", title=entry.title,
                          body=entry.description, labels=labels,
                          keywords=" ".join(part for part in (entry.provider, LOCALES.get(entry.language, "")) if part),
                          url=f"/catalog/courses/{entry.id}", language=entry.language, format=entry.format,
                          sectors=sectors, price="free" if entry.is_free else "paid")


def _ids(keys) -> list[int]:
    return [int(key.split(":", 1)[1]) for key in keys if key.split(":", 1)[1].isdigit()]


def _search_source(kind: str, model, sector_model, sector_link: str, sectors, make):
    def keys_for(obj) -> list[str]:
        if isinstance(obj, sector_model):
            owner = getattr(obj, sector_link)
            return [f"{kind}:{owner}"] if owner else []
        return [f"{kind}:{obj.id}"] if obj.id else []

    def published(session, ids=None):
        # The sectors of each thousand in one query: loaded one entry at a time, they were more
        # than half of a rebuild.
        query = (select(model).where(model.status == EntryStatus.PUBLISHED).options(selectinload(sectors))
                 .order_by(model.id))
        if ids is not None:
            query = query.where(model.id.in_(ids))
        return session.scalars(query.execution_options(yield_per=1000))

    def load(session, keys):
        return [make(entry) for entry in published(session, _ids(keys))]

    def load_all(session):
        for entry in published(session):
            yield make(entry)

    def count_all(session) -> int:
        return session.scalar(select(func.count(model.id)).where(model.status == EntryStatus.PUBLISHED))

    return Source(kind, (model, sector_model), keys_for, load, load_all, count_all)


def search_sources() -> list[Source]:
    return [_search_source("business", Business, BusinessSector, "business_id", Business.other_sectors,
                           business_search_document),
            _search_source("course", Course, CourseSector, "course_id", Course.sectors, course_search_document)]
