"""Demo success stories: fourteen companies of the five countries, written by members and taken
through the editors' workflow, with images drawn here (the project's own, CC BY 4.0)."""
from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import timedelta

from PIL import Image, ImageDraw
from sqlalchemy import select

from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.accounts.services import user_by_email
from ccan_web.blueprints.stories import services
from ccan_web.blueprints.stories.models import Story
from ccan_web.blueprints.stories.services import StoryData, Upload
from ccan_web.demo_data.people import DEMO_DOMAIN, EXTRA_ROLES, MEMBERS
from ccan_web.extensions import db

LICENCE = "CC BY 4.0 (CCAN demo image)"
EDITORS = [handle for handle, role, _scope in EXTRA_ROLES if role == "editor"]


@dataclass(frozen=True)
class DemoStory:
    slug: str
    title: str
    company: str
    country: str
    sector: str
    summary: str
    adaptation: str
    body: str
    before: str | None
    after: str | None
    currency: str
    period: str
    growth: str | None = None
    language: str = "en"
    state: str = "published"  # draft, review (with an editor's note), scheduled, published
    translation_of: str = ""
    tags: str = ""
    colour: tuple[int, int, int] = (180, 90, 60)


def _body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


STORIES: tuple[DemoStory, ...] = (
    DemoStory("felt-goes-online-bishkek", "Felt that went online", "Kiyiz Art", "KG", "fashion-design-crafts",
              "A felt workshop in Bishkek lost its tourist buyers in 2020 and found new ones through an online shop.",
              "Opened an online shop, photographed every piece, and shipped abroad by post.",
              _body("## The spring the tourists stopped coming",
                    "Kiyiz Art sold most of its felt slippers and rugs to visitors at the Osh bazaar. In March 2020 "
                    "the bazaar closed, and with it the workshop's main income.",
                    "## What changed",
                    "The twelve craftswomen learned to photograph their work on a kitchen table. A volunteer built a "
                    "simple shop; orders came from Almaty, Moscow and Berlin.",
                    "- Online orders: 60 % of sales by 2021\n- Shipping by post, tracked\n- A waiting list for rugs"),
              "2400000", "3900000", "KGS", "2019 and 2021", tags="felt, e-commerce, export", colour=(176, 96, 64)),
    DemoStory("kiyiz-art-ru", "Войлок, который ушёл в интернет", "Kiyiz Art", "KG", "fashion-design-crafts",
              "Войлочная мастерская из Бишкека потеряла туристов в 2020 году и нашла новых покупателей через интернет-магазин.",
              "Открыли интернет-магазин, сфотографировали каждое изделие и стали отправлять заказы почтой.",
              _body("## Весна, когда туристы перестали приезжать",
                    "Kiyiz Art продавала войлочные тапочки и ковры гостям Ошского базара. В марте 2020 года базар "
                    "закрылся, а вместе с ним пропал и главный доход мастерской.",
                    "## Что изменилось",
                    "Двенадцать мастериц научились снимать свои работы на кухонном столе. Заказы пошли из Алматы, "
                    "Москвы и Берлина."),
              "2400000", "3900000", "KGS", "2019 и 2021", language="ru", translation_of="felt-goes-online-bishkek",
              tags="войлок, интернет-магазин", colour=(176, 96, 64)),
    DemoStory("steppe-sound-streams", "A studio that learned to stream", "Steppe Sound", "KZ", "music",
              "An Almaty recording studio turned its empty live room into a streaming stage for concerts.",
              "Built a streaming stage and sold tickets to online concerts.",
              _body("When concerts stopped in 2020, Steppe Sound had a live room and nobody to record.",
                    "The team wired four cameras and began streaming concerts with paid tickets. Bands from "
                    "Shymkent and Bishkek booked the stage for their album launches."),
              "18000000", "27500000", "KZT", "2019 and 2021", tags="streaming, concerts", colour=(40, 80, 140)),
    DemoStory("pixel-caravan-games", "Games made at home, sold worldwide", "Pixel Caravan", "UZ", "games-esports",
              "A Tashkent game studio went fully remote and released its first game on a global store.",
              "Moved to remote work and sold its game on international stores.",
              _body("Pixel Caravan had six developers sharing one office. Remote work let them hire two artists "
                    "from Samarkand and Fergana.",
                    "Their puzzle game about the Silk Road sold forty thousand copies in its first year."),
              "350000000", "1100000000", "UZS", "2019 and 2021", tags="games, remote work", colour=(60, 130, 90)),
    DemoStory("pixel-caravan-ru", "Игры, сделанные дома, проданные по всему миру", "Pixel Caravan", "UZ",
              "games-esports", "Игровая студия из Ташкента перешла на удалённую работу и выпустила первую игру в мировом магазине.",
              "Перешли на удалённую работу и стали продавать игру в международных магазинах.",
              _body("В Pixel Caravan шесть разработчиков работали в одном офисе. Удалённая работа позволила нанять "
                    "художников из Самарканда и Ферганы.",
                    "Их головоломка о Шёлковом пути разошлась тиражом сорок тысяч копий за первый год."),
              "350000000", "1100000000", "UZS", "2019 и 2021", language="ru", translation_of="pixel-caravan-games",
              colour=(60, 130, 90)),
    DemoStory("atlas-weavers-dushanbe", "Atlas silk for a new market", "Atlas House", "TJ", "fashion-design-crafts",
              "A Dushanbe atlas workshop turned to face masks in 2020, then to home textiles sold online.",
              "Made masks when shops closed, then launched home textiles online.",
              _body("Atlas House wove silk for wedding dresses. With weddings postponed, the looms made masks "
                    "first, then cushions and table runners.",
                    "The new line now sells through two marketplaces."),
              "420000", "610000", "TJS", "2019 and 2021", tags="atlas, textiles", colour=(150, 40, 90)),
    DemoStory("pamir-photo-tours", "Virtual tours of the Pamirs", "Roof of the World Media", "TJ", "tv-radio-new-media",
              "A Khorog media company filmed 360-degree tours of the Pamirs for travellers who could not come.",
              "Sold virtual tours and licensed its footage to broadcasters.",
              _body("With the border closed, the guides of Roof of the World Media filmed the routes they used "
                    "to walk with guests.",
                    "Schools and broadcasters bought the footage; the tours sold to travellers planning a later trip."),
              None, None, "", "2019 and 2021", growth="48", tags="360 video, tourism", colour=(90, 110, 150)),
    DemoStory("ashgabat-carpet-3d", "Carpet patterns in three dimensions", "Gül Design", "TM", "fashion-design-crafts",
              "An Ashgabat design studio digitised carpet patterns and sold them to furniture makers.",
              "Digitised its pattern archive and licensed it online.",
              _body("Gül Design drew carpet patterns for weavers. In 2020 it scanned its archive of 900 patterns.",
                    "Furniture and tile makers now license them; weavers still get them free."),
              "310000", "455000", "TMT", "2019 and 2021", tags="patterns, licensing", colour=(160, 30, 40)),
    DemoStory("turkmen-radio-podcasts", "A radio show became a podcast network", "Owaz Media", "TM",
              "tv-radio-new-media", "An Ashgabat radio producer moved its shows to podcasts and found sponsors.",
              "Published its shows as podcasts with sponsors.",
              _body("Owaz Media produced two music shows for the radio. Podcasts let listeners abroad follow them.",
                    "Three sponsors now pay for a weekly episode."),
              None, None, "", "2020 and 2021", growth="35", tags="podcasts", colour=(200, 140, 40)),
    DemoStory("almaty-architects-remote", "Architects who design on video calls", "Tau Architects", "KZ",
              "architecture", "An Almaty architecture office met clients on video and won projects in three countries.",
              "Moved client meetings online and took projects abroad.",
              _body("Tau Architects showed clients their houses in virtual walkthroughs instead of site visits.",
                    "Projects in Bishkek and Tashkent followed."),
              "95000000", "131000000", "KZT", "2019 and 2021", tags="architecture, remote work", colour=(100, 100, 100)),
    DemoStory("bishkek-theatre-online", "A theatre that played to cameras", "Sahna Theatre Lab", "KG", "theatre-dance",
              "A small Bishkek theatre streamed its plays with paid tickets and toured online festivals.",
              "Streamed performances with tickets and joined online festivals.",
              _body("Sahna Theatre Lab played to empty seats and two cameras for a season.",
                    "Online festivals in Europe invited the company; the tickets paid the actors."),
              "1800000", "2300000", "KGS", "2019 and 2021", tags="theatre, streaming", colour=(120, 50, 140)),
    DemoStory("samarkand-ads-local", "Advertising for the shops next door", "Registon Ads", "UZ", "advertising",
              "A Samarkand agency built online shops for local bakers and tailors when they could not open.",
              "Built online shops and delivery pages for local businesses.",
              _body("Registon Ads lost its hotel clients in 2020. It turned to the shops of its own street.",
                    "Forty shops now sell online with pages the agency made."),
              "480000000", "720000000", "UZS", "2019 and 2021", state="review", tags="advertising, small business",
              colour=(230, 120, 30)),
    DemoStory("dushanbe-animation-school", "An animation school on every screen", "Kino Kids", "TJ",
              "film-animation-xr", "A Dushanbe animation studio turned its workshops for children into online courses.",
              "Moved its workshops online and sold courses across the region.",
              _body("Kino Kids taught animation to children in its studio. Online, it teaches in five countries.",
                    "Two short films made by pupils were shown at festivals."),
              "260000", "400000", "TJS", "2019 and 2021", state="scheduled", tags="animation, education",
              colour=(40, 160, 160)),
    DemoStory("ashgabat-events-hybrid", "Hybrid events for a closed season", "Merkez Events", "TM", "shows-events",
              "An Ashgabat events company ran hybrid conferences with small halls and large online audiences.",
              "Ran hybrid events: small halls, large online audiences.",
              _body("Merkez Events built a studio in its office and ran twelve hybrid conferences in 2021."),
              "520000", "700000", "TMT", "2019 and 2021", state="draft", tags="events, hybrid", colour=(70, 70, 160)),
)


def demo_image(colour: tuple[int, int, int], seed: str, size=(480, 270)) -> bytes:
    """A small landscape picture: a sky, hills and a sun, in the story's colours (drawn, not photographed)."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # the sky, lighter towards the horizon
        shade = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c * 0.5 + 255 * 0.5 * shade) for c in colour))
    draw.ellipse([width * 0.7, height * 0.12, width * 0.7 + 48, height * 0.12 + 48], fill=(250, 220, 120))
    for layer in range(3):
        base = height * (0.55 + 0.13 * layer)
        points = [(0, height)] + [(x, base - rng.randint(0, 50)) for x in range(0, width + 60, 60)] + [(width, height)]
        draw.polygon(points, fill=tuple(max(0, int(c * (0.7 - 0.2 * layer))) for c in colour))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _user(handle: str) -> User:
    user = user_by_email(f"{handle}@{DEMO_DOMAIN}")
    if user is None:
        raise LookupError(f"the demo stories name {handle!r}, but no such demo account exists")
    return user


def _authors() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for person in MEMBERS:
        if person.handle not in EDITORS:
            found.setdefault(person.country, []).append(person.handle)
    return found


def load_stories_demo() -> str:
    """Add the demo stories unless there are stories already; flushes, never commits."""
    if db.session.scalar(select(Story.id).limit(1)) is not None:
        return "Stories: there are stories already; nothing added."
    authors, editor = _authors(), _user(EDITORS[0])
    now = services.now()
    for n, demo in enumerate(STORIES):
        author = _user(authors[demo.country][n % len(authors[demo.country])])
        data = StoryData(title=demo.title, slug=demo.slug, summary=demo.summary, body=demo.body,
                         company_name=demo.company, country=demo.country, sector=demo.sector, language=demo.language,
                         adaptation=demo.adaptation, revenue_before=demo.before, revenue_after=demo.after,
                         currency=demo.currency, period=demo.period, growth_percent=demo.growth,
                         figures_source=f"{demo.company}, the company's accounts",
                         press_contact=f"press@{demo.slug.split('-')[0]}.example", tags=demo.tags,
                         lead_alt=f"A drawn landscape in the colours of {demo.company}",
                         lead_credit="CCAN", lead_licence=LICENCE, translation_of=demo.translation_of)
        image = Upload(demo_image(demo.colour, demo.slug), f"{demo.slug}.jpg")
        story = services.create_story(data, author, image)
        if demo.state == "draft":
            continue
        services.take_step(story, "submit", author)
        if demo.state == "review":
            services.take_step(story, "request_changes", editor,
                               "Please name the source of the revenue figures and add a photo of the team.")
            services.take_step(story, "submit", author)
            continue
        services.take_step(story, "approve", editor)
        publish_at = now + timedelta(days=7) if demo.state == "scheduled" else None
        services.take_step(story, "publish", editor, publish_at=publish_at)
    db.session.flush()
    published = sum(1 for s in STORIES if s.state == "published")
    return f"Stories: {len(STORIES)} added, {published} published, one in review, one scheduled for next week."
