"""A story's press kit: one ZIP with the text (Markdown and plain text), the images at full size
with their credits and licences, and a fact sheet."""
from __future__ import annotations

import html
import io
import re
import zipfile

from flask_babel import gettext as _

from ccan_web.blueprints.stories import services
from ccan_web.blueprints.stories.media import StoryMedia, revenue_text
from ccan_web.domain.countries import country_name
from ccan_web.domain.sectors import sector_label
from ccan_web.markdown import render
from ccan_web.storage import storage

_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(markdown_text: str) -> str:
    """The text as a reader sees it, without Markdown's marks: rendered (and sanitised), then its
    tags dropped, its entities read."""
    rendered = str(render(markdown_text))
    rendered = re.sub(r"</(p|h[1-6]|li|blockquote|tr)>", "\n\n", rendered)
    rendered = re.sub(r"<li>", "- ", rendered)
    return _BLANK_LINES.sub("\n\n", html.unescape(_TAG.sub("", rendered))).strip() + "\n"


def _images(story) -> list[tuple[str, object, str, str, str]]:
    """(name in the ZIP, stored file, alt, credit, licence) of every image, the lead one first."""
    found = []
    if story.lead_image is not None:
        extension = story.lead_image.key.rsplit(".", 1)[-1]
        found.append((f"images/1-lead.{extension}", story.lead_image, story.lead_alt, story.lead_credit,
                      story.lead_licence))
    for n, image in enumerate(story.images, start=2):
        extension = image.file.key.rsplit(".", 1)[-1]
        found.append((f"images/{n}.{extension}", image.file, image.alt, image.credit, image.licence))
    return found


def fact_sheet(story) -> str:
    rows = [
        (_("Title"), story.title),
        (_("Company"), story.company_name),
        (_("Country"), str(country_name(story.country))),
        (_("Sector"), str(sector_label(story.sector))),
        (_("What the company changed to adapt"), story.adaptation),
        (_("Revenue change"), revenue_text(story)),
        (_("Source of the figures"), story.figures_source),
        (_("Contact for the press"), story.press_contact),
        (_("Published"), (services.published_moment(story) or story.updated_at).date().isoformat()),
        (_("Address"), StoryMedia(story).canonical),
    ]
    return "\n".join(f"{label}: {value}" for label, value in rows if value) + "\n"


def build(story) -> bytes:
    revision = services.public_revision(story)
    body = revision.body if revision else ""
    heading = f"# {story.title}\n\n*{story.summary}*\n\n"
    images = _images(story)
    credits = "\n".join(f"{name}: {alt}. {_('Credit')}: {credit or '—'}. {_('Licence')}: {licence or '—'}."
                        for name, _file, alt, credit, licence in images)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as kit:
        kit.writestr("story.md", heading + body)
        kit.writestr("story.txt", f"{story.title}\n\n{story.summary}\n\n{plain_text(body)}")
        kit.writestr("fact-sheet.txt", fact_sheet(story))
        kit.writestr("images/credits.txt", (credits + "\n") if credits else "")
        for name, stored, *_rest in images:
            kit.writestr(name, storage().open(stored.key).data)
    return out.getvalue()
