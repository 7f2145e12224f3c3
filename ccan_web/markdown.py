"""Markdown rendering and sanitising: the only place user Markdown becomes HTML."""
from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from flask_babel import gettext
from markdown_it import MarkdownIt
from markupsafe import Markup, escape
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

# Raw HTML in the source is escaped by the parser and whatever slips through is cleaned by nh3,
# so no user text can carry script, event handlers, javascript: links or SVG payloads.
_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Task-list checkboxes are wrapped in their label, so screen readers announce each item's text.
_parser.enable("table").enable("strikethrough").use(tasklists_plugin, label=True)

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "input", "label", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "input": {"type", "checked", "disabled"},
    "li": {"class"},
    "ul": {"class"},
}


# Long documents (the roadmap, the toolkit) get ids on their headings, for a table of contents.
_document_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_document_parser.enable("table").enable("strikethrough").use(tasklists_plugin, label=True).use(
    anchors_plugin, min_level=1, max_level=3)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class RenderedDocument:
    html: Markup
    toc: tuple[Heading, ...]


def _clean(html: str) -> Markup:
    return _wrap_tables(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


def _wrap_tables(html: str) -> Markup:
    """Each table in a labelled, focusable region that scrolls sideways by itself (the markup of
    the scroll_region macro), so a wide table never widens a phone's page. The cleaned HTML has
    bare <table> tags only, so they are found as text."""
    if "<table>" not in html:
        return Markup(html)
    label = escape(gettext("Table"))
    opening = f'<div class="table-wrap" role="region" tabindex="0" aria-label="{label}"><table>'
    return Markup(html.replace("<table>", opening).replace("</table>", "</table></div>"))


def render(source: str | None) -> Markup:
    """Markdown to sanitised HTML, safe to put in a page as it is."""
    return _clean(_parser.render(source or ""))


def render_document(source: str | None, section_url=None) -> RenderedDocument:
    """A long document: sanitised HTML with anchored headings, and its table of contents. With
    `section_url(index)`, each heading that starts a section (documents.sections) is followed by
    an "Edit section" link to that URL."""
    tokens = _document_parser.parse(source or "")
    toc = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.attrGet("id"):
            inline = tokens[index + 1]
            toc.append(Heading(int(token.tag[1]), inline.content, str(token.attrGet("id"))))
    html = _clean(_document_parser.renderer.render(tokens, _document_parser.options, {}))
    if section_url is not None:
        html = _with_section_links(html, tokens, source or "", section_url)
    return RenderedDocument(html, tuple(toc))


_HEADING_HTML = re.compile(r"<h([1-6])[^>]*>.*?</h\1>", re.DOTALL)


def _with_section_links(html: Markup, tokens, source: str, section_url) -> Markup:
    """The k-th heading of the cleaned HTML is the k-th heading token (raw HTML is never passed
    through), and a heading token starts section i when it sits on the line that section starts."""
    from ccan_web.documents.sections import section_starts

    section_at_line = {line: index for index, line in enumerate(section_starts(source.splitlines()))}
    sections = [section_at_line.get(token.map[0]) if token.map and token.level == 0 else None
                for token in tokens if token.type == "heading_open"]
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    label = gettext("Edit section")
    found = iter(zip(sections, headings))

    def link(match):
        index, heading = next(found, (None, ""))
        if not index:
            return match.group(0)
        return (f'<div class="section-heading">{match.group(0)}<a class="section-heading__edit" '
                f'href="{escape(section_url(index))}">{escape(label)}<span class="visually-hidden">: '
                f'{escape(heading)}</span></a></div>')

    return Markup(_HEADING_HTML.sub(link, str(html)))
