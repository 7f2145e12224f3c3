"""The demo's online events: the March forum on the research results (held, with its recording,
slides and report), the roadmap presentation on 30 March (held), the three competitions' results
events in April, and a members' meeting two weeks after loading, full, with a waiting list."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.events import registrations, services
from ccan_web.blueprints.events.models import Event
from ccan_web.blueprints.events.registrations import RegistrationData
from ccan_web.blueprints.events.services import EventData, Upload
from ccan_web.demo_data.people import DEMO_DOMAIN
from ccan_web.domain.zones import local_input
from ccan_web.extensions import db

ORGANISER = "aigerim.sarsenbaikyzy"
MEETING_SLUG = "members-meeting"
MEETING_SEATS = 6
# Members who take the meeting's seats (the first six) and then wait (the rest), and two journalists.
MEETING_MEMBERS = ("nurlan.zhaksybekov", "nurgul.zhumabaeva", "mehrangez.saidova", "aygozel.annayewa",
                   "sherzod.tokhtayev", "olga.pavlova", "bakyt.osmonaliev")
MEETING_GUESTS = (("Dana Seitkali", "dana.seitkali@press.example", "Central Asia Media Review", "KZ"),
                  ("Timur Rakhimov", "timur.rakhimov@press.example", "Fergana Valley News", "UZ"))


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    title: str
    kind: str
    starts: datetime  # on the clock of `zone`
    hours: int
    zone: str
    description: str
    speakers: str
    presents: str = ""
    competition_slug: str = ""
    recording_url: str = ""
    report: str = ""
    slides: str = ""


PAST: tuple[DemoEvent, ...] = (
    DemoEvent(
        "march-forum-2026", "Online forum: the research results", "forum", datetime(2026, 3, 12, 15, 0), 3,
        "Asia/Tashkent",
        "The research team presents what the CCAN database of creative businesses and online courses shows: "
        "how many businesses each country and sector has, where the gaps are, and what the courses teach.\n\n"
        "Questions from the audience in Russian and English.",
        "Sarah Whitfield, British Council\nDilnoza Karimova, Board, Uzbekistan\nDmitry Kim, Board, Kazakhstan",
        presents="overview", recording_url="https://video.ccan.example/march-forum-2026",
        report="What the forum heard:\n\n"
               "- The database holds businesses of all **13 sectors** in all five countries.\n"
               "- Turkmenistan and Tajikistan need more entries before the balance rules are met.\n"
               "- Most online courses are in Russian; courses in the national languages are the gap.\n\n"
               "Around 140 people joined; the slides and the recording are below.",
        slides="Slides of the research forum"),
    DemoEvent(
        "roadmap-presentation-2026", "Presentation of the regional roadmap", "presentation",
        datetime(2026, 3, 30, 11, 0), 2, "Asia/Almaty",
        "The Board presents the regional roadmap for the creative economy of Central Asia, written together "
        "by leaders from each country, and how each national association will adapt it.",
        "Әйгерім Сәрсенбайқызы, Board, Kazakhstan\nАйпери Токтогулова, Board, Kyrgyzstan",
        presents="roadmap", recording_url="https://video.ccan.example/roadmap-presentation-2026",
        report="The regional roadmap was presented and **published**. Each association starts its national "
               "adaptation from this revision."),
    DemoEvent(
        "results-business-database-2026", "Results: the business database competition", "results",
        datetime(2026, 4, 15, 15, 0), 1, "Asia/Bishkek",
        "The jury announces the winners of the competition for the best additions to the database of creative "
        "businesses.", "Нургүл Жумабаева, jury", presents="competition", competition_slug="business-database-2026"),
    DemoEvent(
        "results-education-database-2026", "Results: the education database competition", "results",
        datetime(2026, 4, 22, 15, 0), 1, "Asia/Dushanbe",
        "The jury announces the winners of the competition for the best online courses added to the education "
        "database.", "Фарангис Раҳимова, jury", presents="competition", competition_slug="education-database-2026"),
    DemoEvent(
        "results-success-cases-2026", "Results: the success cases competition", "results",
        datetime(2026, 4, 29, 15, 0), 1, "Asia/Ashgabat",
        "The jury announces the best success cases of creative companies that adapted to the pandemic.",
        "Merdan Öwezow, jury", presents="competition", competition_slug="success-cases-2026"),
)


def slides_pdf(title: str) -> bytes:
    """A one-page PDF with the title on it: the demo's slides."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 28 Tf 60 300 Td (" + text + b") Tj ET"
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 842 595]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
               b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream",
               b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _person(handle: str):
    user = user_by_email(f"{handle}@{DEMO_DOMAIN}")
    if user is None:
        raise LookupError(f"the demo events name {handle!r}, but no such demo account exists")
    return user


def _data(demo: DemoEvent, roadmap_revision: int | None) -> EventData:
    return EventData(title=demo.title, kind=demo.kind, starts_local=demo.starts,
                     ends_local=demo.starts + timedelta(hours=demo.hours), zone=demo.zone, description=demo.description,
                     online_link=f"https://meet.ccan.example/{demo.slug}", languages=("en", "ru"),
                     speakers=demo.speakers, presents=demo.presents,
                     roadmap_doc="regional" if demo.presents == "roadmap" else "",
                     roadmap_revision=roadmap_revision if demo.presents == "roadmap" else None,
                     competition_slug=demo.competition_slug, slug=demo.slug)


def _regional_revision() -> int:
    from ccan_web.documents import services as documents

    regional = documents.get_document("regional")
    return regional.published_number or documents.current_head(regional)


def _meeting(organiser) -> Event:
    """A members' meeting about two weeks from now (10:00 in Tashkent), full, with people waiting."""
    day = (services.now() + timedelta(days=14)).date()
    starts = datetime(day.year, day.month, day.day, 10, 0)
    data = EventData(
        title="Members' meeting: the year ahead", kind="meeting", starts_local=starts,
        ends_local=starts + timedelta(hours=1, minutes=30), zone="Asia/Tashkent",
        description="An open meeting of the network: the plan for next year, the competitions and how members "
                    "can take part. Seats are few, so that everyone can speak.",
        online_link="https://meet.ccan.example/members-meeting", languages=("ru", "en"),
        speakers="Dilnoza Karimova, Board\nJames Harrington, British Council", capacity=MEETING_SEATS,
        slug=MEETING_SLUG)
    event = services.create_event(data, organiser)
    services.take_step(event, "publish", organiser)
    for handle in MEETING_MEMBERS:
        member = _person(handle)
        registrations.register(event, RegistrationData(member.full_name, member.email, member.organisation_name,
                                                       member.country), member, member.locale or "en")
    for name, email, organisation, country in MEETING_GUESTS:
        registrations.register(event, RegistrationData(name, email, organisation, country), locale="ru")
    return event


def load_events_demo() -> str:
    """Add the demo events unless there are events already; flushes, never commits."""
    if db.session.scalar(select(Event.id).limit(1)) is not None:
        return "Events: there are events already; nothing added."
    organiser = _person(ORGANISER)
    revision = _regional_revision()
    for demo in PAST:
        event = services.create_event(_data(demo, revision), organiser)
        services.take_step(event, "publish", organiser)
        services.take_step(event, "held", organiser)
        if demo.recording_url or demo.report:
            services.save_after(event, demo.recording_url, demo.report, organiser)
        if demo.slides:
            services.add_material(event, Upload(slides_pdf(demo.title), f"{demo.slug}-slides.pdf"), demo.slides,
                                  organiser)
    meeting = _meeting(organiser)
    db.session.flush()
    counts = services.counts(meeting)
    return (f"Events: {len(PAST)} held (the March forum, the roadmap presentation on 30 March, three results "
            f"events) and a meeting on {local_input(meeting.starts_at, meeting.zone):%Y-%m-%d} with "
            f"{counts['registered']} registered and {counts['waiting']} waiting.")
