"""The Atom feeds of published stories (all, or one country's): full text, lead image, author, dates."""
from __future__ import annotations

from datetime import datetime, timezone
from xml.etree import ElementTree as ET

from flask_babel import gettext as _

from ccan_web.blueprints.stories import services
from ccan_web.blueprints.stories.media import StoryMedia, revenue_text
from ccan_web.blueprints.stories.services import Filters
from ccan_web.domain.countries import country_name
from ccan_web.links import public_url
from ccan_web.markdown import render

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
EPOCH = datetime(2021, 1, 1, tzinfo=timezone.utc)  # the network's founding year: a feed with no story yet


def _stamp(moment: datetime | None) -> str:
    return (moment or EPOCH).astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def feed_url(filters: Filters) -> str:
    return public_url("stories.feed", **({"country": filters.country} if filters.country else {}))


def atom(filters: Filters) -> bytes:
    """The feed as XML; only stories the public may read now, newest first."""
    filters = Filters(country=filters.country)  # a feed is all stories, or one country's
    stories = services.public_stories(filters, limit=FEED_SIZE)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    title = _("CCAN success stories")
    if filters.country:
        title = f"{title}: {country_name(filters.country)}"
    _add(feed, "title", title)
    _add(feed, "subtitle", _("Creative companies of Central Asia that adapted to the pandemic and grew."))
    _add(feed, "id", feed_url(filters))
    _add(feed, "updated", _stamp(max((s.updated_at for s in stories), default=None)))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url(filters))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=public_url("stories.story_list", **filters.args()))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _add(author, "name", "Creative Central Asia Network")
    for story in stories:
        feed.append(_entry(story))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _add(parent, name: str, text: str, **attributes):
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", **attributes)
    element.text = text
    return element


def _entry(story) -> ET.Element:
    card = StoryMedia(story)
    entry = ET.Element(f"{{{ATOM}}}entry")
    _add(entry, "title", story.title)
    _add(entry, "id", card.canonical)
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=card.canonical,
                  hreflang=story.language)
    _add(entry, "published", _stamp(services.published_moment(story)))
    _add(entry, "updated", _stamp(max(story.updated_at, services.published_moment(story) or story.updated_at)))
    author = ET.SubElement(entry, f"{{{ATOM}}}author")
    _add(author, "name", story.author.full_name if story.author else "CCAN")
    _add(entry, "summary", story.summary)
    ET.SubElement(entry, f"{{{ATOM}}}category", term=story.sector)
    ET.SubElement(entry, f"{{{ATOM}}}category", term=story.country)
    image = story.lead_image
    if image is not None:
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="enclosure", type=image.content_type, length=str(image.size),
                      href=public_url("files.public", key=image.key))
    _add(entry, "content", _content(story, card), type="html")
    return entry


def _content(story, card: StoryMedia) -> str:
    """The whole story as HTML: the lead image with its credit, the figures, the sanitised text."""
    revision = services.public_revision(story)
    parts = []
    if story.lead_image is not None:
        src = public_url("files.public", key=story.lead_image.key)
        alt = story.lead_alt.replace('"', "&quot;").replace("<", "&lt;")
        parts.append(f'<p><img src="{src}" alt="{alt}"></p>')
        if story.lead_credit:
            parts.append(f"<p><small>{_escape(story.lead_credit)} {_escape(story.lead_licence)}</small></p>")
    if text := revenue_text(story):
        parts.append(f"<p><strong>{_escape(text)}</strong></p>")
    if revision is not None:
        parts.append(str(render(revision.body)))
    return "\n".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
