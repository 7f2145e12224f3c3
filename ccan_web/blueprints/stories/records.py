"""Published stories as the JSON API gives them: a page of them, and one."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from ccan_web.blueprints.stories import services
from ccan_web.blueprints.stories.media import StoryMedia
from ccan_web.blueprints.stories.models import Story
from ccan_web.blueprints.stories.services import Filters
from ccan_web.domain.errors import DomainError, Invalid, NotFound
from ccan_web.domain.messages import Message as _l
from ccan_web.extensions import db
from ccan_web.links import public_url
from ccan_web.pagination import paginate

PER_PAGE = 50
MAX_PER_PAGE = 200


def _number(args, name: str, default: int, largest: int, problems: list) -> int:
    value = args.get(name)
    if value is None:
        return default
    if value.isdigit() and len(value) < 10 and 1 <= int(value) <= largest:
        return int(value)
    problems.append(DomainError(_l("Use a whole number from %(first)d to %(last)d.", first=1, last=largest),
                                field=name))
    return default


def _decimal(value) -> str | None:
    return None if value is None else format(value, "f")


def story_record(story: Story) -> dict:
    revision = services.public_revision(story)
    image = story.lead_image
    return {
        "slug": story.slug, "url": StoryMedia(story).canonical, "title": story.title, "summary": story.summary,
        "body_markdown": revision.body if revision else "", "language": story.language,
        "company": story.company_name, "country": story.country, "sector": story.sector,
        "adaptation": story.adaptation,
        "revenue": {"before": _decimal(story.revenue_before), "after": _decimal(story.revenue_after),
                    "currency": story.currency or None, "period": story.period or None,
                    "change_percent": _decimal(story.revenue.change_percent)},
        "figures_source": story.figures_source, "tags": story.tag_list,
        "lead_image": None if image is None else {
            "url": public_url("files.public", key=image.key), "alt": story.lead_alt, "credit": story.lead_credit,
            "licence": story.lead_licence, "width": image.width, "height": image.height},
        "author": story.author.full_name if story.author else None,
        "published_at": (services.published_moment(story) or story.updated_at).isoformat(),
        "updated_at": story.updated_at.isoformat(),
        "translations": {other.language: public_url("stories.story_detail", slug=other.slug)
                         for other in services.translations(story)},
    }


def page_of(args) -> dict:
    problems: list = []
    page = _number(args, "page", 1, 1_000_000, problems)
    per_page = _number(args, "per_page", PER_PAGE, MAX_PER_PAGE, problems)
    filters = Filters.from_args(args)
    for name in ("country", "sector", "language"):
        if args.get(name) and not getattr(filters, name):
            problems.append(DomainError(_l("This value is not one the API knows."), field=name))
    if problems:
        raise Invalid(problems)
    query = select(Story).where(services.visible_clause(services.now())).order_by(Story.id.desc())
    for name, value in filters.args().items():
        query = query.where(getattr(Story, name) == value)
    found = paginate(query, page, per_page, past_end_is_empty=True)
    return {"items": [story_record(story) for story in found.items], "page": found.page, "pages": found.pages,
            "per_page": per_page, "total": found.total}


def one(slug: str) -> dict:
    story = db.session.scalar(select(Story).where(Story.slug == slug))
    if story is None or not services.is_public(story):
        raise NotFound(_l("There is no such story."))
    return story_record(story)


def last_change() -> datetime | None:
    return db.session.scalar(select(func.max(Story.updated_at)).where(services.visible_clause(services.now())))
