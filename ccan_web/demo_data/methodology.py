"""The demo methodology of the research: a first draft by an editor and three revisions by other
editors and the Board (one saved on an older revision, which the engine merges), the last published.

It goes through the document engine as the editing pages do. The sectors and the balance rules come
from domain/, so the text always names the rules the overview checks.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import force_locale

from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.catalog import methodology
from ccan_web.db import utcnow
from ccan_web.demo_data.people import DEMO_DOMAIN
from ccan_web.documents import services as documents
from ccan_web.domain.quotas import (
    COUNTRY_MIN_SHARE,
    COURSE_SECTOR_MIN_SHARE,
    LANGUAGE_MAX_SHARE,
    SECTOR_MIN_SHARE,
)
from ccan_web.domain.sectors import SECTORS

FIRST_AUTHOR = "madina.yuldosheva"  # an editor of the catalog
PUBLISHER = "aigerim.sarsenbaikyzy"  # a Board member


def _percent(share) -> str:
    return f"{float(share * 100):g}%"


_BODY = """\
## Purpose of the research

The Creative Central Asia Network (CCAN) is building the widest possible picture of the creative economy of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan. The research has two parts: a database of creative businesses, which shows how many companies work in each sector of each country, and a database of online courses that help those businesses grow. Together they give governments, investors, the media and the businesses themselves figures that can be compared between the five countries, and they show where skills are missing. The results are presented at the CCAN online forum in March and updated every year.

## Definitions

**Creative business.** An organisation or a self-employed professional that earns its income mainly by creating, producing or selling work in one of the 13 sectors below, whatever its legal form or ownership: a company, a sole proprietor, a cooperative, a non-profit organisation with trading income or a freelancer. The business must be active, that is, it has sold work, taken commissions or run events in the last two years. Each business has one main sector and may name others.

**Educational course.** An online resource (video, text or another format) that improves the soft skills or professional knowledge of a creative business, so that its income rises, its quality improves, its costs fall or its work speeds up. A course must be open to learners in the region, free or paid, in Russian, English or a Central Asian language, and still available when it is checked. A course is *specialised* when it is made for one or more particular sectors.

## The 13 sectors

{sectors}

## Sources and how entries are found

Entries come from four kinds of sources, and every entry names its own:

1. **Registries.** National business registries and the lists of statistics agencies, searched by the activity codes that match the creative sectors. They find established companies but miss many freelancers and informal studios.
2. **Surveys.** The CCAN survey 2021, spread through the national associations, creative hubs, universities and social media in all five countries and in seven languages.
3. **Websites.** Portfolios, marketplaces, festival and exhibition catalogues, app stores and social media pages, searched sector by sector and city by city, including outside the capitals.
4. **Publications.** Industry reports, media articles, award lists and the results of CCAN's open competitions.

Members of CCAN can also submit entries themselves. Whatever its source, every entry is checked by an editor before it is published.

## Verification and de-duplication

An editor checks that the business exists and is active (a working website or page, a recent project, a registry record or a phone call), that its sector and country are right, and that its contact details are public or were given with consent. Courses are opened and checked for their language, format and availability.

{dedup}

## Balance rules

A database that counted only the capitals of the two largest economies would say little about the region, so CCAN checks the balance of the published data:

{balance}

## Limitations

{limits}
"""

_DEDUP_DRAFT = "Possible duplicates are flagged for an editor, who merges them or keeps them apart."
_DEDUP = ("The same business often appears in several sources under different spellings. Names are "
          "compared after transliteration, so that «Жібек Жолы», «Zhibek Zholy» and «Jibek Joly» are "
          "recognised as one name, and without their legal forms (ТОО, ЖШС, ОсОО, ООО, МЧЖ, ИП, LLP, LLC "
          "and others), so that «ТОО Жібек Жолы» and «Zhibek Zholy LLP» match as well. Possible "
          "duplicates in the same city are flagged for an editor, who merges them or keeps them apart; "
          "a merged entry keeps every source that found it.")

_BUSINESS_RULES = (f"- every country makes up at least {_percent(COUNTRY_MIN_SHARE)} of all businesses;\n"
                   f"- every sector makes up at least {_percent(SECTOR_MIN_SHARE)} of all businesses.")
_BALANCE = (_BUSINESS_RULES[:-1] + ";\n"
            f"- no language makes up more than {_percent(LANGUAGE_MAX_SHARE)} of all courses;\n"
            f"- the courses specialised in each sector make up at least {_percent(COURSE_SECTOR_MIN_SHARE)} "
            "of all courses.\n\n"
            "The research overview shows for every rule whether it is met and, if not, how many entries are "
            "still needed. Where a rule is not met, collection turns to the missing country, sector or "
            "language before the figures are presented; entries are never removed to meet a rule.")

_LIMITS_DRAFT = ("The databases are not a census, and their figures are best read as a lower bound.")
_LIMITS = ("The databases are not a census. Registries undercount self-employed and informal businesses; "
           "surveys over-represent people already connected to creative networks; websites favour "
           "businesses that are visible online. Coverage is better in large cities than in the "
           "countryside, and registry data is easier to obtain in some countries than in others. Sector "
           "boundaries are blurred: a design studio that also makes games is counted once, in its main "
           "sector. The figures are therefore best read as a lower bound, and for comparing sectors and "
           "countries rather than as exact totals.\n\n"
           "## How to contribute\n\n"
           "Members add a creative business or a course from the catalog pages, and an editor reviews "
           "every submission. Corrections to published entries, new sources and comments on this "
           "methodology are welcome through the national associations or the CCAN editors. Researchers "
           "can download the published data as CSV, XLSX or JSON, or read it through the open API; "
           "please cite “CCAN research databases” with the date of download.")


@dataclass(frozen=True)
class Edit:
    """Replace `old` by `new`; `stale` > 0 edits the revision that many before the head, as someone
    who opened the editor before others saved, so that the engine merges the two."""

    author: str
    summary: str
    old: str
    new: str
    stale: int = 0


EDITS = (
    Edit("ekaterina.li", "De-duplication: transliteration and legal forms", _DEDUP_DRAFT, _DEDUP),
    Edit(PUBLISHER, "The balance rules of the courses", _BUSINESS_RULES, _BALANCE, stale=1),
    Edit(FIRST_AUTHOR, "Limitations in full; how to contribute", _LIMITS_DRAFT, _LIMITS),
)


def first_draft() -> str:
    with force_locale("en"):
        sectors = "\n".join(f"- {label}" for label in map(str, SECTORS.values()))
    return _BODY.format(sectors=sectors, dedup=_DEDUP_DRAFT, balance=_BUSINESS_RULES, limits=_LIMITS_DRAFT)


def _person(handle: str):
    user = user_by_email(f"{handle}@{DEMO_DOMAIN}")
    if user is None:
        raise LookupError(f"the demo methodology names {handle!r}, but no such demo account exists")
    return user


def load_methodology_demo() -> str:
    """The methodology with its history, the newest revision published; flushes, never commits.

    Idempotent: if a methodology exists (from an earlier run, or written by hand), nothing is added.
    """
    if methodology.find_document() is not None:
        return "Methodology: the methodology already exists; nothing added."
    document = methodology.start(first_draft(), _person(FIRST_AUTHOR))
    for edit in EDITS:
        base = documents.current_head(document) - edit.stale
        text = documents.get_revision(document, base).body
        if text.count(edit.old) != 1:
            raise ValueError(f"demo methodology edit {edit.summary!r}: the passage is not in revision {base} once")
        outcome = documents.save(document, base, text.replace(edit.old, edit.new), _person(edit.author),
                                 edit.summary)
        if not outcome.saved:
            raise ValueError(f"demo methodology edit {edit.summary!r} conflicts")
    head = documents.current_head(document)
    # A few days between revisions, the last a week ago, so the history reads like a real one.
    for number in range(1, head + 1):
        documents.get_revision(document, number).created_at = utcnow() - timedelta(days=7 + 5 * (head - number))
    documents.publish(document, head, _person(PUBLISHER))
    return f"Methodology: {head} revisions (published r{head})."
