"""What a story page gives the media and link previews: the canonical address, Open Graph and
Twitter card data, schema.org NewsArticle as JSON-LD, and the revenue change in words and bars."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal

import flask_babel
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ccan_web.blueprints.stories.models import Story
from ccan_web.domain import stories as rules
from ccan_web.domain.countries import country_name
from ccan_web.domain.sectors import sector_label
from ccan_web.domain.stories import StoryStatus
from ccan_web.domain.zones import to_utc
from ccan_web.links import public_url

STEP_DONE = {
    StoryStatus.SUBMITTED: _l("The story is sent to the editors for review."),
    StoryStatus.CHANGES_REQUESTED: _l("The author is asked for changes."),
    StoryStatus.APPROVED: _l("The story is approved. Publish it now or at a set time."),
    StoryStatus.SCHEDULED: _l("The story is scheduled: it appears when the embargo lifts."),
    StoryStatus.PUBLISHED: _l("The story is published: everyone can read it now."),
    StoryStatus.UNPUBLISHED: _l("The story is unpublished."),
}


def as_utc(moment: datetime | None, zone: str) -> datetime | None:
    """A moment typed into the form in the zone chosen beside it, as the aware UTC moment it names."""
    if moment is None:
        return None
    return to_utc(moment, zone).replace(tzinfo=timezone.utc)


def amount(value: Decimal) -> str:
    digits = 0 if value == value.to_integral_value() else 2
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return flask_babel.format_decimal(value, format=pattern)


def change_text(change: Decimal) -> str:
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    return f"{sign}{flask_babel.format_decimal(abs(change), format='#,##0.0')} %"


def revenue_text(story: Story) -> str:
    """The revenue change in one sentence, as the chart shows it."""
    revenue = story.revenue
    change = revenue.change_percent
    if revenue.has_amounts:
        text = _("Revenue went from %(before)s to %(after)s %(currency)s", before=amount(revenue.before),
                 after=amount(revenue.after), currency=revenue.currency)
        if change is not None:
            text += f" ({change_text(change)})"
    elif change is not None:
        text = _("Revenue changed by %(change)s", change=change_text(change))
    else:
        return ""
    return f"{text}, {revenue.period}." if revenue.period else f"{text}."


class StoryMedia:
    """The addresses and data a story page puts in its head, worked out from the story."""

    def __init__(self, story: Story) -> None:
        self.story = story

    @property
    def canonical(self) -> str:
        return public_url("stories.story_detail", slug=self.story.slug)

    @staticmethod
    def url_of(story) -> str:
        return public_url("stories.story_detail", slug=story.slug)

    @property
    def card_image(self):
        return self.story.card_image or self.story.lead_image

    @property
    def image_url(self) -> str:
        image = self.card_image
        return public_url("files.public", key=image.key) if image else ""

    @property
    def chart(self) -> tuple[int, int] | None:
        return rules.chart_bars(self.story.revenue)

    @property
    def change(self) -> str:
        change = self.story.revenue.change_percent
        return change_text(change) if change is not None else ""

    @property
    def revenue_text(self) -> str:
        return revenue_text(self.story)

    def json_ld(self) -> Markup:
        """schema.org NewsArticle. A data block, not a script: browsers never run it, so the strict
        Content-Security-Policy (script-src 'self') has nothing to allow. "<" is escaped, so no
        text of the story can end the element."""
        story = self.story
        data = {
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": story.title[:110], "description": story.summary,
            "mainEntityOfPage": self.canonical, "url": self.canonical, "inLanguage": story.language,
            "datePublished": _iso(story.published_at or story.publish_at), "dateModified": _iso(story.updated_at),
            "author": {"@type": "Person", "name": story.author.full_name if story.author else "CCAN"},
            "publisher": {"@type": "Organization", "name": "Creative Central Asia Network",
                          "logo": {"@type": "ImageObject", "url": public_url("static", filename="img/ccan-mark.svg")}},
            "about": {"@type": "Organization", "name": story.company_name,
                      "address": {"@type": "PostalAddress", "addressCountry": story.country}},
            "articleSection": str(sector_label(story.sector)),
            "keywords": ", ".join(story.tag_list),
        }
        if self.image_url:
            data["image"] = [self.image_url]
        text = json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False)
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _iso(moment: datetime | None) -> str:
    return moment.astimezone(timezone.utc).isoformat() if moment else ""


def place(story: Story) -> str:
    return f"{country_name(story.country)} · {sector_label(story.sector)}"
