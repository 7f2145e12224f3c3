"""The map of national roadmaps: each section of the regional text against each country's adaptation."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select

from ccan_web.blueprints.roadmap.services import REGIONAL, db_document, may_read_drafts
from ccan_web.documents.divergence import Divergence, SectionState, divergence, match_sections
from ccan_web.documents.models import Document, Revision
from ccan_web.documents.sections import Section, split_sections
from ccan_web.domain.countries import COUNTRIES, Country
from ccan_web.domain.errors import NotFound
from ccan_web.extensions import db

PUBLISHED, DRAFTS = "published", "drafts"
TEXTS = (PUBLISHED, DRAFTS)  # which texts the map compares; the first is the default


@dataclass(frozen=True)
class CountryColumn:
    """One country's adaptation as the map compares it: `state` is not_started (no adaptation),
    unpublished (none this reader may see) or compared (then `divergence` says how it stands)."""

    country: Country
    state: str
    revision: Revision | None = None
    base_number: int | None = None  # the regional revision this text last took in
    divergence: Divergence | None = None
    # The map's regional section index -> the index of the same section in the regional text
    # compared (they differ only for a text that took in a newer regional draft than the one shown).
    sections: dict[int, int] | None = None

    @property
    def key(self) -> str:
        return self.country.code.lower()

    @property
    def ahead(self) -> bool:
        """The text took in a regional revision newer than the one the map shows."""
        return bool(self.revision and self.sections is not None)

    def cell(self, index: int) -> SectionState | None:
        if self.divergence is None:
            return None
        if self.sections is not None:
            index = self.sections.get(index)
        return None if index is None else self.divergence.state_of(index)


@dataclass(frozen=True)
class Row:
    section: Section
    cells: tuple[SectionState | None, ...]  # one per column; None where no text is compared


@dataclass(frozen=True)
class RoadmapMap:
    texts: str  # PUBLISHED or DRAFTS: what was compared
    regional: Revision | None  # None: the regional text this reader may see does not exist yet
    columns: tuple[CountryColumn, ...] = ()
    rows: tuple[Row, ...] = ()


def texts_for(user, asked: str) -> str:
    """The drafts only for those who may read them; everyone else, whatever they ask, the published texts."""
    return DRAFTS if asked == DRAFTS and may_read_drafts(user) else PUBLISHED


def _shown_number(document: Document, texts: str) -> int | None:
    # The row as this request loaded it: one statement for the five adaptations, not one each.
    return (document.head_number or None) if texts == DRAFTS else document.published_number


def _base_number(document: Document, revision: Revision) -> int:
    """The regional revision `revision` took in: the document's sync point for its newest text (a pull
    that changed nothing moves only that), what the revision recorded for an older one."""
    if revision.number == document.head_number:
        return document.synced_upstream_number or revision.upstream_number or 0
    return revision.upstream_number or document.synced_upstream_number or 0


def _revisions(wanted: list[tuple[int, int]]) -> dict[tuple[int, int], Revision]:
    """(document id, number) -> revision, in one query."""
    if not wanted:
        return {}
    rows = db.session.scalars(select(Revision).where(or_(*(
        and_(Revision.document_id == document_id, Revision.number == number) for document_id, number in wanted))))
    return {(r.document_id, r.number): r for r in rows}


def national_map(texts: str) -> RoadmapMap:
    """Every section of the regional roadmap (published, or the newest draft) against each country's
    adaptation (its published text, or its newest draft). An adaptation that took in a newer regional
    revision than the one shown is compared from that one: nothing of it counts as behind."""
    regional = db_document(REGIONAL)
    regional_number = _shown_number(regional, texts) if regional else None
    if not regional_number:
        return RoadmapMap(texts, None)
    adaptations = {d.country: d for d in db.session.scalars(
        select(Document).where(Document.upstream_id == regional.id, Document.kind == "adaptation"))}
    shown = {code: _shown_number(d, texts) for code, d in adaptations.items()}
    found = _revisions([(regional.id, regional_number)]
                       + [(adaptations[code].id, number) for code, number in shown.items() if number])
    regional_revision = found[(regional.id, regional_number)]
    regional_sections = split_sections(regional_revision.body)
    bases = {code: _base_number(adaptations[code], found[(adaptations[code].id, number)])
             for code, number in shown.items() if number}
    found |= _revisions([(regional.id, number) for number in set(bases.values()) if number])
    columns = []
    for country in COUNTRIES:
        document = adaptations.get(country.code)
        if document is None:
            columns.append(CountryColumn(country, "not_started"))
            continue
        if not shown[country.code]:
            columns.append(CountryColumn(country, "unpublished"))
            continue
        revision = found[(document.id, shown[country.code])]
        base = found.get((regional.id, bases[country.code]))
        base_text = base.body if base else ""
        if bases[country.code] > regional_number:
            compared = divergence(base_text, base_text, revision.body)
            sections = match_sections(regional_sections, split_sections(base_text))
        else:
            compared, sections = divergence(regional_revision.body, base_text, revision.body), None
        columns.append(CountryColumn(country, "compared", revision, bases[country.code], compared, sections))
    rows = []
    for section in regional_sections:
        if section.index or section.text.strip():
            rows.append(Row(section, tuple(column.cell(section.index) for column in columns)))
    return RoadmapMap(texts, regional_revision, tuple(columns), tuple(rows))


def section_pair(regional_text: str, national_text: str, index: int) -> tuple[Section, Section | None]:
    """Section `index` of the regional text and the same section of the national one (None where the
    national text has none); NotFound for a section the regional text does not have."""
    regional_sections = split_sections(regional_text)
    if not 0 <= index < len(regional_sections):
        raise NotFound(_l("The regional roadmap has no such section."))
    national_sections = split_sections(national_text)
    partner = match_sections(regional_sections, national_sections).get(index)
    return regional_sections[index], None if partner is None else national_sections[partner]


# How far behind: one figure per country, for the associations' pages and dashboards ----------

@dataclass(frozen=True)
class AdaptationLag:
    """How far a country's adaptation is behind the regional roadmap."""

    country: str  # upper-case code
    started: bool
    revisions_behind: int = 0  # regional revisions it has not taken in
    sections_behind: int = 0  # sections whose regional change would come in cleanly
    sections_in_conflict: int = 0  # sections where taking it in needs the association to choose

    @property
    def up_to_date(self) -> bool:
        return self.started and not (self.revisions_behind or self.sections_behind or self.sections_in_conflict)


def adaptation_lags(texts: str = DRAFTS) -> dict[str, AdaptationLag]:
    """Each country's lag, from the newest drafts (what an association would pull) or, with
    PUBLISHED, from the published texts (what the public reads): one map, five figures."""
    the_map = national_map(texts)
    lags = {}
    for country in COUNTRIES:
        column = next((c for c in the_map.columns if c.country.code == country.code), None)
        if column is None or column.divergence is None:
            lags[country.code] = AdaptationLag(country.code, column is not None and column.state != "not_started")
            continue
        counts = column.divergence.counts()
        behind_only = sum(1 for s in column.divergence.fork_only if s.state == "behind")
        in_conflict = sum(1 for s in column.divergence.fork_only if s.state == "conflict")
        lags[country.code] = AdaptationLag(
            country.code, True, max(0, the_map.regional.number - (column.base_number or 0)),
            counts["behind"] + behind_only, counts["conflict"] + in_conflict)
    return lags


def adaptation_lag(country: str, texts: str = DRAFTS) -> AdaptationLag:
    """How far `country`'s (a code, any case) adaptation is behind the regional roadmap; NotFound
    for a code that is not one of the five."""
    code = (country or "").upper()
    if code not in {c.code for c in COUNTRIES}:
        raise NotFound(_l("There is no such roadmap."))
    return adaptation_lags(texts)[code]
