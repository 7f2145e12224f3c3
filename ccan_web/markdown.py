"""Markdown rendering and sanitising: the only place user Markdown becomes HTML."""
from __future__ import annotations

from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup
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
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


def render(source: str | None) -> Markup:
    """Markdown to sanitised HTML, safe to put in a page as it is."""
    return _clean(_parser.render(source or ""))


def render_document(source: str | None) -> RenderedDocument:
    """A long document: sanitised HTML with anchored headings, and its table of contents."""
    tokens = _document_parser.parse(source or "")
    toc = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.attrGet("id"):
            inline = tokens[index + 1]
            toc.append(Heading(int(token.tag[1]), inline.content, str(token.attrGet("id"))))
    html = _document_parser.renderer.render(tokens, _document_parser.options, {})
    return RenderedDocument(_clean(html), tuple(toc))
