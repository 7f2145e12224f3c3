"""The demo roadmap: a regional text with a history of edits by leaders of the five countries, and
the five national adaptations forked from it at different points.

Everything goes through the document engine exactly as the editing pages do: each revision is a
text replacement on the head (a few on an older revision, which the engine merges), each
adaptation is a fork, and three of them take in the regional changes with a clean pull. Two are
left behind the regional text on purpose; one of those (Turkmenistan) rewrote the export target
that the regional text also rewrote after the fork, so pulling it shows the conflict screen.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.roadmap.services import (
    DOCUMENT_KEYS,
    REGIONAL,
    db_document,
    start_adaptation,
    title_for,
)
from ccan_web.db import utcnow
from ccan_web.demo_data.people import DEMO_DOMAIN
from ccan_web.documents import services as documents
from ccan_web.documents.merge import three_way
from ccan_web.documents.models import Document
from ccan_web.extensions import db

REGIONAL_BODY = """\
# Creative economy roadmap for Central Asia

*Working draft of the Creative Central Asia Network (CCAN), written by creative leaders from Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan. To be presented publicly on 30 March.*

This roadmap sets out what the creative industries of Central Asia need in order to grow: reliable data, skills that match the market, access to finance, routes to foreign markets, fair rules for intellectual property, good digital infrastructure and the habit of working together across borders. It covers the 13 sectors CCAN works with, from fashion, design and crafts to computer games and software. Each national association adapts this regional text to its own country, its laws and its institutions; the regional text is the common ground that all five adaptations share.

## 1. Vision

By 2030 the creative economy is a recognised part of every Central Asian economy: counted in national statistics, addressed by public policy and visible abroad as a distinct regional brand. Creative businesses earn a living from their work, young people see a career in it, and companies from the five countries work with each other as easily as with partners at home.

Three principles guide the roadmap:

- **Business first.** A measure is worth taking if it raises the income, quality or reach of creative businesses, lowers their costs or speeds up their work.
- **Region, then country.** What can be done once for the whole region is done once; what depends on national law and institutions is left to the national adaptations.
- **Open by default.** Data, course materials, model contracts and templates produced under this roadmap are published under open licences.

The roadmap runs in three phases:

| Phase | Years | Focus |
|---|---|---|
| Foundation | 2021–2022 | National associations founded, first data collected, model contracts and first courses published |
| Growth | 2023–2027 | Regional fund and shared studios at work, joint export programme, annual forum |
| Maturity | 2028–2030 | Creative industries counted in national statistics and addressed by policy in all five countries |

## 2. Data and research

Nobody yet knows how many creative businesses operate in Central Asia, how many people they employ or what they earn. Without these figures the sector cannot make its case to governments, banks or investors, and cannot tell whether any measure has worked.

Measures:

1. Build and maintain the CCAN database of creative businesses across all 13 sectors and five countries, with a published methodology and an annual update.
2. Agree a common definition of the creative industries with the national statistics agencies, so that figures can be compared between the five countries.
3. Publish an annual report, *The creative economy of Central Asia*, with the number of companies by sector in each country and a comparison of the countries, presented at the CCAN online forum each March.
4. Run open competitions in each country to find and verify creative businesses outside the capitals.

Targets: 5,000 businesses in the database by 2027 and 12,000 by 2030, with every country at least 8% of all entries and every sector at least 4%.

## 3. Education and skills

Creative professionals are often excellent at their craft and self-taught at business. Courses on pricing, contracts, marketing, export and online sales are scarce, and scarcer still in the languages of the region.

Measures:

1. Curate a database of online courses in Russian, English and the Central Asian languages, with no language above 45% of the collection and courses for every one of the 13 sectors.
2. Commission short courses on business skills for creative entrepreneurs, recorded once and subtitled in all five national languages.
3. Set up cross-border mentoring between experienced founders and young creative businesses, starting with 50 pairs a year.
4. Work with universities and colleges to add creative-business modules to their arts, design and IT programmes.

Targets: 20,000 course completions by 2027 and 60,000 by 2030.

## 4. Finance

Creative businesses are small, own few tangible assets and rarely qualify for bank loans. Grants exist, but they are fragmented, short-term and hard to find.

Measures:

1. Map the grants, loans and investment programmes open to creative businesses in each country and publish them in one place, kept up to date by the national associations.
2. Propose a regional creative-industries fund, co-financed by governments, development partners and private investors, offering small grants of up to USD 10,000 and soft loans of up to USD 50,000.
3. Train banks and microfinance institutions to assess creative businesses, including the value of their intellectual property and contracts.
4. Hold an annual pitch day where creative start-ups from the five countries meet investors.

Target: at least 300 creative businesses financed through the regional fund by 2030.

## 5. Export and markets

Central Asian crafts, music, film and games find buyers abroad, but few businesses know how to reach foreign customers, ship goods across borders or get paid for them.

Measures:

1. Organise joint stands under a common Central Asian brand at international fairs.
2. Publish export guides for creative goods and services: customs, certification, payments and marketplaces.
3. Work with online marketplaces and payment providers to make cross-border sales easier for small sellers.
4. Create a regional showcase of creative businesses for buyers and the media, built on the CCAN database.

Target: creative exports of the region to grow by 50% by 2030 compared with 2021.

## 6. Legal framework and IP

Creative work pays only if its authors can protect and license it. All five countries have copyright laws, but enforcement is weak, collective management of rights is underdeveloped and many creators never register or license their work.

Measures:

1. Compare the copyright and related-rights laws of the five countries and publish recommendations for harmonisation.
2. Offer free model contracts (commission, licence, collaboration, freelance work) in Russian, English and the national languages.
3. Train creators to register and license their work, and lawyers to advise creative businesses.
4. Recognise creative entrepreneurs and freelancers in tax and labour law, with simple regimes suited to project-based work.

## 7. Digital infrastructure

Most creative businesses sell, collaborate and learn online. Slow or expensive internet outside the big cities, payment services that do not work across borders and few local platforms hold them back.

Measures:

1. Advocate affordable broadband in regional towns, where many craft and heritage businesses are based.
2. Support content platforms in the languages of the region for music, video, books and games.
3. Help creative businesses accept online payments from abroad.
4. Open shared digital studios (sound, video, 3D) in at least one city of every country.

## 8. Regional cooperation

The five countries share history, markets and many creative traditions. Working together multiplies what each can do alone.

Measures:

1. Found a national association in each country, using the CCAN brand, the regional toolkit and its standards.
2. Run open CCAN competitions across all five countries every year.
3. Hold a regional creative-economy forum, rotating between the capitals.
4. Exchange residencies for artists, designers and developers between the five countries.

Next steps:

- [x] The Steering Committee agrees the structure of the roadmap
- [ ] Leaders in each country review the draft
- [ ] National associations prepare their adaptations
- [ ] Public presentation of the roadmap on 30 March

## 9. Monitoring

CCAN reports on the indicators below every year. The Board reviews the roadmap every two years, and each national association reports on its adaptation.

The figures come from the CCAN databases of creative businesses and of online courses, from the national statistics agencies and from the associations' annual reports. Where a country has no official figure, the report says so instead of estimating one.

| Indicator | Baseline 2021 | Target 2027 | Target 2030 |
|---|---:|---:|---:|
| Businesses in the CCAN database | 1,200 | 5,000 | 12,000 |
| Online course completions | — | 20,000 | 60,000 |
| National associations founded | 0 | 5 | 5 |
| Businesses financed through the regional fund | 0 | 100 | 300 |
| Creative exports (index, 2021 = 100) | 100 | 125 | 150 |
"""

FIRST_AUTHOR = "aigerim.sarsenbaikyzy"
FIRST_SUMMARY = "First draft, as agreed by the Steering Committee in Almaty"
ROADMAP_EDITOR = "cholpon.sydykova"
PUBLISHED_REGIONAL = 15


@dataclass(frozen=True)
class Edit:
    """One small edit: replace `old` (which must occur exactly once) with `new`.

    `stale` > 0 makes the edit on the revision that many before the head, as someone who opened
    the editor before others saved would, so that the engine merges it with their revisions.
    """

    author: str  # the demo email handle
    summary: str
    old: str
    new: str
    stale: int = 0


def _insert_after(author: str, summary: str, anchor: str, paragraph: str) -> Edit:
    """A new paragraph after the one ending in `anchor`."""
    return Edit(author, summary, anchor, f"{anchor}\n\n{paragraph}")


# Revisions 2 to 24 of the regional text, in order.
REGIONAL_EDITS: tuple[Edit, ...] = (
    Edit("james.harrington", "Referred to the UNCTAD classification in the data section",
         "with the national statistics agencies, so that figures",
         "with the national statistics agencies, based on the UNCTAD classification of creative "
         "goods and services, so that figures"),
    Edit("dmitry.kim", "Added game design and creative software to the university measure",
         "to their arts, design and IT programmes.",
         "to their arts, design and IT programmes, and to open programmes in game design, animation "
         "and creative software where none exist."),
    Edit("aiperi.toktogulova", "Clarified the IP section after the Bishkek meeting",
         "1. Compare the copyright and related-rights laws of the five countries and publish "
         "recommendations for harmonisation.",
         "1. Compare the copyright and related-rights laws of the five countries, including how "
         "each treats works made for hire and works with several authors, and publish "
         "recommendations for harmonisation by the end of 2022."),
    Edit("farangis.rahimova", "Added music and the performing arts to the mentoring measure",
         "and young creative businesses, starting with 50 pairs a year.",
         "and young creative businesses, including producers and managers in music and the "
         "performing arts, starting with 50 pairs a year."),
    Edit("sarah.whitfield", "Linked the vision to the International Year of Creative Economy",
         "as easily as with partners at home.",
         "as easily as with partners at home. The roadmap starts in 2021, the United Nations "
         "International Year of Creative Economy for Sustainable Development."),
    Edit("dilnoza.karimova", "Added export targets for 2027",
         "Target: creative exports of the region to grow by 50% by 2030 compared with 2021.",
         "Targets: creative exports of the region to grow by 25% by 2027 and by 50% by 2030 "
         "compared with 2021, with every country raising its own exports."),
    Edit(ROADMAP_EDITOR, "Tightened the wording of the introduction",
         "Each national association adapts this regional text to its own country, its laws and its "
         "institutions; the regional text is the common ground that all five adaptations share.",
         "Each national association adapts it to its own country, laws and institutions; this "
         "regional text is the common ground all five adaptations share."),
    Edit("aigerim.sarsenbaikyzy", "Made the regional forum annual, the first in person in Almaty",
         "3. Hold a regional creative-economy forum, rotating between the capitals.",
         "3. Hold an annual regional creative-economy forum, online and in person in turn, rotating "
         "between the five countries; the first in-person forum in Almaty."),
    # Begun before the forum edit was saved: the engine merges the two.
    Edit("james.harrington", "Named the development partners for the regional fund",
         "co-financed by governments, development partners and private investors,",
         "co-financed by governments, development banks and donors (such as the Asian Development "
         "Bank, the EBRD and the European Union) and private investors,", stale=1),
    Edit("dilnoza.karimova", "Expanded the online-payments measure",
         "3. Help creative businesses accept online payments from abroad.",
         "3. Help creative businesses accept online payments from abroad: agree with banks and "
         "payment providers on simple merchant accounts for sole traders, and publish which "
         "international services work in each country."),
    Edit("farangis.rahimova", "Added music showcases and film markets to the joint stands",
         "1. Organise joint stands under a common Central Asian brand at international fairs.",
         "1. Organise joint stands under a common Central Asian brand at international fairs, music "
         "showcases and film markets, with at least four joint appearances a year from 2023."),
    Edit(ROADMAP_EDITOR, "Marked the country review as done",
         "- [ ] Leaders in each country review the draft",
         "- [x] Leaders in each country review the draft"),
    Edit("dmitry.kim", "Shared studios: two per country by 2027, one outside the capital",
         "4. Open shared digital studios (sound, video, 3D) in at least one city of every country.",
         "4. Open shared digital studios (sound, video, 3D, motion capture) in at least two cities "
         "of every country by 2027, one of them outside the capital."),
    Edit("sarah.whitfield", "Added indicators for model contracts and shared studios",
         "| Creative exports (index, 2021 = 100) | 100 | 125 | 150 |",
         "| Creative exports (index, 2021 = 100) | 100 | 125 | 150 |\n"
         "| Model contracts downloaded | — | 10,000 | 30,000 |\n"
         "| Shared digital studios open | 0 | 10 | 15 |"),
    Edit("aiperi.toktogulova", "Added apprenticeships with master craftspeople",
         "in game design, animation and creative software where none exist.",
         "in game design, animation and creative software where none exist.\n"
         "5. Support apprenticeships with master craftspeople (felt, ceramics, embroidery, "
         "jewellery, carpet weaving), so that traditional skills pass to a new generation as a "
         "paid trade."),
    Edit("merdan.owezow", "Added the protection of traditional designs",
         "with simple regimes suited to project-based work.",
         "with simple regimes suited to project-based work.\n"
         "5. Protect traditional designs and patterns, such as carpet guls, ikat and felt "
         "ornaments, through geographical indications and collective marks held by the "
         "communities that make them."),
    Edit("james.harrington", "Committed to an open export of the data for researchers",
         "with a published methodology and an annual update.",
         "with a published methodology, an annual update and an open export of the data for "
         "researchers."),
    Edit("aigerim.sarsenbaikyzy", "Pitch day right after the forum, with a prize fund from partners",
         "4. Hold an annual pitch day where creative start-ups from the five countries meet investors.",
         "4. Hold an annual pitch day, right after the regional forum, where creative start-ups from "
         "the five countries meet investors and compete for a prize fund raised from partners.",
         stale=1),
    Edit("dilnoza.karimova", "Clarified how the regional and national texts divide the work",
         "is left to the national adaptations.",
         "is left to the national adaptations, which may add measures and targets but keep the "
         "regional ones."),
    Edit("farangis.rahimova", "Set a target for the residency exchange",
         "4. Exchange residencies for artists, designers and developers between the five countries.",
         "4. Exchange residencies for artists, musicians, designers and developers between the five "
         "countries: at least 30 a year by 2027, hosted by the national associations and their "
         "members."),
    Edit(ROADMAP_EDITOR, "Set the date of the first review",
         "The Board reviews the roadmap every two years, and each",
         "The Board reviews the roadmap every two years, first in March 2023, and each"),
    Edit("dmitry.kim", "Named the marketplaces to approach first",
         "3. Work with online marketplaces and payment providers",
         "3. Work with online marketplaces (Etsy, Wildberries, Ozon, Steam, the app stores) and "
         "payment providers", stale=1),
    Edit("sarah.whitfield", "Added the translation to the next steps",
         "- [ ] Public presentation of the roadmap on 30 March",
         "- [ ] Translation of the roadmap into Russian and the five national languages\n"
         "- [ ] Public presentation of the roadmap on 30 March"),
)


def _national_title(author: str, country: str, foreword: str) -> Edit:
    return Edit(author, f"Title and foreword for {country}",
                "# Creative economy roadmap for Central Asia\n\n*Working draft of the Creative "
                "Central Asia Network (CCAN), written by creative leaders from Kazakhstan, "
                "Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan. To be presented publicly on "
                "30 March.*",
                f"# Creative economy roadmap for {country}\n\n*{foreword}*")


# Anchors: the last words of the opening paragraph of a section, which the regional text keeps.
_EDUCATION = "scarcer still in the languages of the region."
_FINANCE = "fragmented, short-term and hard to find."
_EXPORT = "ship goods across borders or get paid for them."
_LEGAL = "many creators never register or license their work."
_DIGITAL = "few local platforms hold them back."
_COOPERATION = "Working together multiplies what each can do alone."

NATIONAL_EDITS: dict[str, tuple[Edit, ...]] = {
    "kz": (
        _national_title("dauren.abilkasymov", "Kazakhstan",
                        "National adaptation of the CCAN regional roadmap, prepared by the "
                        "Kazakhstan association of creative industries with leaders from Almaty, "
                        "Astana, Shymkent and Karaganda."),
        _insert_after("dmitry.kim", "Proposed a creative track at Astana Hub", _DIGITAL,
                      "**In Kazakhstan.** Astana Hub already gives technology start-ups tax relief, "
                      "visa support for foreign specialists and a place to work. The association "
                      "will propose a creative track at Astana Hub for game, animation and "
                      "digital-design studios, with 20 residents a year by 2027, and will open the "
                      "first shared studios in Almaty and Shymkent."),
        _insert_after("dauren.abilkasymov", "Copyright guide and tax regime for creative freelancers",
                      _LEGAL,
                      "**In Kazakhstan.** Together with the National Institute of Intellectual "
                      "Property of the Ministry of Justice, the association will publish a short "
                      "guide to registering and licensing copyright, and will ask that freelancers "
                      "in the creative sectors may use the simplified tax regime for the "
                      "self-employed."),
    ),
    "kg": (
        _national_title("aiperi.toktogulova", "Kyrgyzstan",
                        "National adaptation of the CCAN regional roadmap, prepared in Bishkek by "
                        "leaders of the Kyrgyz creative industries, with contributions from Osh and "
                        "Karakol."),
        _insert_after("aiperi.toktogulova", "Proposed creative studios as residents of the High "
                      "Technology Park", _DIGITAL,
                      "**In Kyrgyzstan.** The High Technology Park in Bishkek gives its residents a "
                      "simple tax regime for exporting software and IT services. The association "
                      "will propose that game, animation and digital-design studios may become "
                      "residents on the same terms, and will open the first shared studio outside "
                      "the capital in Osh."),
        _insert_after("aiperi.toktogulova", "Export priorities: felt, textiles and jewellery", _EXPORT,
                      "**In Kyrgyzstan.** Felt (shyrdak and ala-kiyiz), textiles and jewellery come "
                      "first. Bishkek Design Week will host a buyers' programme every year, and the "
                      "association will help craft workshops meet the rules of origin of the "
                      "European Union's GSP+ scheme, under which Kyrgyz goods enter the EU with "
                      "reduced or no duties."),
    ),
    "tj": (
        _national_title("nigina.sharipova", "Tajikistan",
                        "National adaptation of the CCAN regional roadmap, prepared in Dushanbe by "
                        "the association of creative industries of Tajikistan, with contributions "
                        "from Khujand, Khorog and Bokhtar."),
        _insert_after("farangis.rahimova", "Courses in Tajik first; a summer school in Dushanbe",
                      _EDUCATION,
                      "**In Tajikistan.** Courses will be offered in Tajik first. The association "
                      "will work with the Tajik State Institute of Culture and Arts in Dushanbe and "
                      "with colleges in Khujand and Khorog, and will run a summer school on creative "
                      "business in Dushanbe every year from 2022."),
        _insert_after("nigina.sharipova", "Export priorities and a national export catalogue", _EXPORT,
                      "**In Tajikistan.** Suzani embroidery, atlas and adras silk, Istaravshan knives, "
                      "and the music and films of the Pamirs come first. The association will "
                      "gather the workshops of Dushanbe, Istaravshan and Khorog in one export "
                      "catalogue for buyers."),
    ),
    "tm": (
        _national_title("merdan.owezow", "Turkmenistan",
                        "National adaptation of the CCAN regional roadmap, prepared in Ashgabat by "
                        "creative leaders of Turkmenistan, with contributions from Mary, Dashoguz "
                        "and Turkmenabat."),
        # The regional text rewrote this same line after the fork ("Added export targets for
        # 2027"), so taking in the regional changes here is a conflict for the association to settle.
        Edit("merdan.owezow", "Export target for Turkmenistan",
             "Target: creative exports of the region to grow by 50% by 2030 compared with 2021.",
             "Target: Turkmenistan's creative exports, led by carpets, textiles, jewellery and "
             "design, to double by 2030 compared with 2021."),
        _insert_after("merdan.owezow", "Offered Ashgabat for the regional forum", _COOPERATION,
                      "**In Turkmenistan.** Ashgabat offers to host the regional forum in 2023, with "
                      "an exhibition of carpets, textiles and design from all five countries, and "
                      "Turkmen designers and architects will join the residency exchange from its "
                      "first year."),
    ),
    "uz": (
        _national_title("dilnoza.karimova", "Uzbekistan",
                        "National adaptation of the CCAN regional roadmap, prepared in Tashkent by "
                        "the Uzbek association of creative industries, with leaders from Samarkand, "
                        "Bukhara and Fergana."),
        _insert_after("dilnoza.karimova", "Proposed creative studios as IT Park residents", _DIGITAL,
                      "**In Uzbekistan.** IT Park residents pay reduced taxes on the software and IT "
                      "services they sell abroad. The association will propose that game, animation "
                      "and design studios may become IT Park residents, and that the IT Park centres "
                      "in the regions host shared studios, starting with Samarkand and Bukhara."),
        _insert_after("dilnoza.karimova", "A creative-industries window in grants for young "
                      "entrepreneurs", _FINANCE,
                      "**In Uzbekistan.** The association will map state support for crafts and "
                      "tourism-related creative businesses, and will propose a creative-industries "
                      "window in the existing grant programmes for young entrepreneurs, with the "
                      "first call in Tashkent in 2022."),
    ),
}

# Who starts each adaptation, and at which regional revision.
FORKS: dict[str, tuple[str, int]] = {
    "kz": ("dauren.abilkasymov", 5),
    "tm": ("merdan.owezow", 6),
    "kg": ("aiperi.toktogulova", 10),
    "tj": ("nigina.sharipova", 12),
    "uz": ("dilnoza.karimova", PUBLISHED_REGIONAL),
}
# Adaptations that take in the regional changes (KZ also once on the way); KG and TM stay behind.
PULLED_AT_THE_END = ("kz", "tj", "uz")
# Who publishes which adaptation (at its head, once the story is done).
# Turkmenistan publishes while still behind, so the public map shows a section in conflict too.
PUBLISHERS: dict[str, str] = {"kz": "dauren.abilkasymov", "kg": "aiperi.toktogulova",
                              "tm": "merdan.owezow", "uz": "dilnoza.karimova"}

# What happens to the adaptations once the regional head has reached a revision number:
# ("fork", key), ("edit", key, index into NATIONAL_EDITS[key]), ("pull", key), ("publish", key).
SCHEDULE: dict[int, tuple[tuple, ...]] = {
    5: (("fork", "kz"), ("edit", "kz", 0)),
    6: (("fork", "tm"), ("edit", "tm", 0)),
    7: (("edit", "kz", 1), ("edit", "tm", 1)),
    10: (("fork", "kg"), ("edit", "kg", 0)),
    11: (("edit", "tm", 2),),
    12: (("fork", "tj"), ("edit", "tj", 0), ("edit", "kg", 1)),
    14: (("pull", "kz"), ("edit", "kz", 2)),
    15: (("publish_regional",), ("fork", "uz"), ("edit", "uz", 0)),
    16: (("edit", "tj", 1),),
    17: (("edit", "kg", 2), ("publish", "kg")),
    19: (("edit", "uz", 1),),
    21: (("edit", "tj", 2),),
    24: tuple(("pull", key) for key in PULLED_AT_THE_END)
        + (("edit", "uz", 2), ("publish", "kz"), ("publish", "tm"), ("publish", "uz")),
}


class _Clock:
    """Spreads the revisions over the last weeks, so the history reads like a real one."""

    STEP = timedelta(hours=19)

    def __init__(self, steps: int):
        self.when = utcnow() - self.STEP * (steps + 1)

    def stamp(self, document: Document, head_before: int) -> None:
        for number in range(head_before + 1, documents.current_head(document) + 1):
            self.when += self.STEP
            documents.get_revision(document, number).created_at = self.when


class _Loader:
    def __init__(self):
        self.people: dict[str, User] = {}
        self.adaptations: dict[str, Document] = {}
        steps = 1 + len(REGIONAL_EDITS) + sum(len(e) for e in NATIONAL_EDITS.values()) + 2 * len(FORKS)
        self.clock = _Clock(steps)

    def person(self, handle: str) -> User:
        if handle not in self.people:
            user = user_by_email(f"{handle}@{DEMO_DOMAIN}")
            if user is None:
                raise LookupError(f"the demo roadmap names {handle!r}, but no such demo account exists")
            self.people[handle] = user
        return self.people[handle]

    def apply(self, document: Document, edit: Edit) -> None:
        head = documents.current_head(document)
        base = head - edit.stale
        text = documents.get_revision(document, base).body
        if text.count(edit.old) != 1:
            raise ValueError(f"demo roadmap edit {edit.summary!r}: the passage to replace is not "
                             f"in revision {base} of {document.slug!r} exactly once")
        outcome = documents.save(document, base, text.replace(edit.old, edit.new),
                                 self.person(edit.author), edit.summary)
        if not outcome.saved:
            raise ValueError(f"demo roadmap edit {edit.summary!r} conflicts with revision {head}")
        self.clock.stamp(document, head)

    def run(self) -> Document:
        regional = documents.create_document(
            REGIONAL, "roadmap", str(title_for(REGIONAL)), REGIONAL_BODY, self.person(FIRST_AUTHOR),
            summary=FIRST_SUMMARY)
        self.clock.stamp(regional, 0)
        self.after(regional, 1)
        for edit in REGIONAL_EDITS:
            self.apply(regional, edit)
            self.after(regional, documents.current_head(regional))
        return regional

    def after(self, regional: Document, number: int) -> None:
        for step in SCHEDULE.get(number, ()):
            action, *args = step
            if action == "publish_regional":
                documents.publish(regional, PUBLISHED_REGIONAL, self.person(ROADMAP_EDITOR))
            elif action == "fork":
                (key,) = args
                handle, at = FORKS[key]
                self.adaptations[key] = start_adaptation(key, at, self.person(handle))
                self.clock.stamp(self.adaptations[key], 0)
            elif action == "edit":
                key, index = args
                self.apply(self.adaptations[key], NATIONAL_EDITS[key][index])
            elif action == "pull":
                (key,) = args
                document = self.adaptations[key]
                head = documents.current_head(document)
                outcome = documents.pull_upstream(document, self.person(FORKS[key][0]))
                if outcome.conflict is not None:
                    raise ValueError(f"the demo roadmap's {key!r} adaptation does not pull cleanly")
                self.clock.stamp(document, head)
            elif action == "publish":
                (key,) = args
                document = self.adaptations[key]
                documents.publish(document, documents.current_head(document),
                                  self.person(PUBLISHERS[key]))
            else:  # pragma: no cover - a typo in SCHEDULE
                raise ValueError(f"unknown demo roadmap step {step!r}")


def load_roadmap_demo() -> str:
    """The regional roadmap with its history and the five adaptations; flushes, never commits.

    Idempotent: if the regional roadmap exists (from an earlier run, or written by hand), nothing
    is added, so a real roadmap is never mixed with the demo's.
    """
    if db_document(REGIONAL) is not None:
        return "Roadmap: the regional roadmap already exists; nothing added."
    loader = _Loader()
    regional = loader.run()
    db.session.flush()
    return _summary(regional, loader.adaptations)


def pull_would_conflict(document: Document) -> bool:
    """Whether taking in the regional changes now would stop at the conflict screen."""
    status = documents.upstream_status(document)
    if status.behind <= 0:
        return False
    base = documents.get_revision(document.upstream, status.synced_number)
    theirs = documents.get_revision(document.upstream, status.upstream_head)
    return not three_way(base.body, theirs.body, documents.head_revision(document).body).clean


def _summary(regional: Document, adaptations: dict[str, Document]) -> str:
    ordered = sorted(adaptations.items(), key=lambda item: DOCUMENT_KEYS.index(item[0]))
    behind = [key.upper() for key, d in ordered if documents.upstream_status(d).behind > 0]
    conflicting = [key.upper() for key, d in ordered if pull_would_conflict(d)]
    published = [key.upper() for key, d in ordered if d.published_number]
    return (f"Roadmap: regional {documents.revision_count(regional)} revisions "
            f"(published r{regional.published_number}); adaptations "
            f"{', '.join(key.upper() for key, _ in ordered)} "
            f"({len(behind)} behind: {', '.join(behind)}; "
            f"{len(conflicting)} with a conflicting national change: {', '.join(conflicting)}; "
            f"published: {', '.join(published)})")
