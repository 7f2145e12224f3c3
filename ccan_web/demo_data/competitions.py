"""Demo competitions: the three of the seed (the database of creative businesses, the database of
educational resources, the study of successful business cases), closed in January and February 2026
and judged, with 27 applications from Kazakhstan, Uzbekistan, Kyrgyzstan and Tajikistan and results
published in April 2026; and a regional showcase open now, with a few draft applications."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.competitions import applications, jury, services
from ccan_web.blueprints.competitions.applications import EntryData, Upload
from ccan_web.blueprints.competitions.models import Competition
from ccan_web.blueprints.competitions.services import CallData
from ccan_web.demo_data.people import DEMO_DOMAIN, MEMBERS
from ccan_web.domain.zones import local_input
from ccan_web.extensions import db

BOARD = "dilnoza.karimova"
JURY = ("sarah.whitfield", "dmitry.kim", "aiperi.toktogulova", "farangis.rahimova")
ELIGIBLE = ("KZ", "KG", "TJ", "TM", "UZ")


@dataclass(frozen=True)
class DemoCall:
    slug: str
    title: str
    objective: str
    description: str
    opens: datetime  # UTC
    closes: datetime
    published: datetime | None
    applicants: tuple[str, ...]  # handles of demo members
    zone: str = "Asia/Tashkent"


SEED: tuple[DemoCall, ...] = (
    DemoCall("business-database-2026", "Compiling the database of creative businesses",
             "Find and describe creative businesses of the five countries for the CCAN catalog.",
             "A team that compiles at least **200 creative businesses** of its country for the "
             "CCAN catalog: name, city, sector, contacts and a source for every entry.\n\n### What is given\n\n"
             "A grant for three months of work and the catalog's import tools.",
             datetime(2025, 12, 1, 4, 0, tzinfo=UTC), datetime(2026, 1, 31, 18, 59, 59, tzinfo=UTC),
             datetime(2026, 4, 10, 6, 0, tzinfo=UTC),
             ("nurlan.zhaksybekov", "olga.pavlova", "erlan.smagulov", "sherzod.tokhtayev", "jasur.kholmatov",
              "otabek.nazarov", "nurgul.zhumabaeva", "umut.mamytova", "mehrangez.saidova", "rustam.gafurov")),
    DemoCall("education-database-2026", "The database of educational resources",
             "Collect online courses that help creative businesses grow.",
             "A list of **online courses** in the languages of the region that improve the "
             "professional or business skills of creative entrepreneurs, each checked and described.",
             datetime(2025, 12, 15, 4, 0, tzinfo=UTC), datetime(2026, 2, 15, 18, 59, 59, tzinfo=UTC),
             datetime(2026, 4, 17, 6, 0, tzinfo=UTC),
             ("gulnar.ospanova", "dauren.abilkasymov", "madina.yuldosheva", "anvar.mirzayev", "alexey.tsoy",
              "bakyt.osmonaliev", "ermek.asanbekov", "jamshed.qodirov", "nigina.sharipova")),
    DemoCall("success-cases-2026", "The study of successful business cases",
             "Study creative companies that adapted to the pandemic and grew.",
             "A study of **five or more companies** of your country that adapted to the COVID-19 "
             "pandemic and increased their revenue, with figures and sources, written for the media.",
             datetime(2026, 1, 5, 4, 0, tzinfo=UTC), datetime(2026, 2, 28, 18, 59, 59, tzinfo=UTC),
             datetime(2026, 4, 24, 6, 0, tzinfo=UTC),
             ("aruzhan.bekova", "ekaterina.li", "gulnoza.rahimova", "sherzod.tokhtayev", "cholpon.sydykova",
              "aibek.ryskulov", "firuz.nazarov", "zarina.ismoilova")),
)
OPEN_SLUG = "regional-showcase-2027"
OPEN_DRAFTS = ("jeren.berdiyewa", "bakyt.osmonaliev", "gulnoza.rahimova")

# A one-page PDF: the application's plan, as the file question asks.
PLAN_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _user(handle: str):
    user = user_by_email(f"{handle}@{DEMO_DOMAIN}")
    if user is None:
        raise LookupError(f"the demo competitions name {handle!r}, but no such demo account exists")
    return user


def _call(demo: DemoCall, languages=("en", "ru")) -> Competition:
    board = _user(BOARD)
    data = CallData(demo.title, demo.slug, demo.objective, demo.description, ELIGIBLE, languages,
                    local_input(demo.opens, demo.zone), local_input(demo.closes, demo.zone), demo.zone,
                    scale=10, min_scores=2, prizes=3)
    competition = services.create_call(data, board)
    services.add_question(competition, "long_text", {"en": "What will you do, and how?",
                                                     "ru": "Что и как вы сделаете?"}, [], True, board)
    services.add_question(competition, "url", {"en": "Your website or portfolio", "ru": "Ваш сайт или портфолио"},
                          [], False, board)
    services.add_question(competition, "choice", {"en": "Size of your team", "ru": "Размер вашей команды"},
                          ["1", "2–5", "6 or more"], True, board)
    services.add_question(competition, "file", {"en": "Your work plan (PDF)", "ru": "Ваш план работы (PDF)"},
                          [], False, board)
    services.add_criterion(competition, "Relevance to the network's aims", "", 3, board)
    services.add_criterion(competition, "Feasibility of the plan", "", 2, board)
    services.add_criterion(competition, "Reach across the country", "", 1, board)
    for handle in JURY:
        services.add_juror(competition, f"{handle}@{DEMO_DOMAIN}", board)
    # Announced before it opened: the members were told then, not now.
    competition.opening_announced_at = min(demo.opens, services.now())
    services.take_step(competition, "announce", board, at=min(demo.opens, services.now()) - timedelta(days=1))
    return competition


def _entry(competition: Competition, handle: str, n: int, draft: bool = False) -> EntryData:
    person = next(p for p in MEMBERS if p.handle == handle)
    questions = {q.kind: q for q in competition.questions}
    answers = {questions["long_text"].id: (
        f"We will work in {person.city} with the partners we know, and publish what we find on the CCAN platform."),
               questions["choice"].id: ["1", "2–5", "6 or more"][n % 3]}
    if person.website:
        answers[questions["url"].id] = person.website
    files = {} if draft else {questions["file"].id: Upload(PLAN_PDF, f"plan-{handle}.pdf")}
    kind = "organisation" if person.legal_status else ("team" if n % 2 else "individual")
    return EntryData(kind, person.organisation if person.legal_status else person.name, person.country,
                     person.sectors[0], answers, files)


def _judge(competition: Competition, demo: DemoCall, seed: int) -> None:
    board = _user(BOARD)
    judging_starts = demo.closes + timedelta(days=10)
    services.run_clock(at=demo.closes)
    services.take_step(competition, "judge", board, at=judging_starts)
    chance = random.Random(seed)
    from ccan_web.blueprints.competitions.models import Assignment, Entry

    assignments = db.session.scalars(select(Assignment).join(Entry, Entry.id == Assignment.entry_id).where(
        Entry.competition_id == competition.id).order_by(Assignment.id))
    for assignment in assignments:
        values = {c.id: chance.randint(4, 10) for c in competition.criteria}
        jury.score(competition, assignment, values, "A clear plan; the reach could be wider.", assignment.juror.user)
        assignment.scored_at = judging_starts + timedelta(days=7)
    jury.publish_results(competition, board, at=demo.published)


def load_competitions_demo() -> str:
    """Add the demo competitions that are missing (by slug); flushes, never commits."""
    existing = set(db.session.scalars(select(Competition.slug)))
    added = 0
    for number, demo in enumerate(SEED):
        if demo.slug in existing:
            continue
        competition = _call(demo)
        for n, handle in enumerate(demo.applicants):
            applications.save_entry(competition, _user(handle), _entry(competition, handle, n), True,
                                    at=demo.opens + timedelta(days=3 + n))
        _judge(competition, demo, seed=number)
        added += 1
    if OPEN_SLUG not in existing:
        now = services.now().replace(microsecond=0)
        demo = DemoCall(OPEN_SLUG, "Regional showcase of creative work 2027",
                        "Show a project made with partners from another country of the region.",
                        "A **project made across borders** in Central Asia: who made it, with "
                        "whom, and what it changed. The best ones are shown at the network's online showcase.",
                        now - timedelta(days=3), now + timedelta(days=30), None, OPEN_DRAFTS, zone="Asia/Almaty")
        competition = _call(demo)
        for n, handle in enumerate(OPEN_DRAFTS):
            applications.save_entry(competition, _user(handle), _entry(competition, handle, n, draft=True), False)
        added += 1
    db.session.flush()
    if not added:
        return "Competitions: every demo competition is there already; nothing added."
    return (f"Competitions: {added} added (27 applications to the three of the seed, results published; "
            f"{OPEN_SLUG} open with {len(OPEN_DRAFTS)} drafts).")
