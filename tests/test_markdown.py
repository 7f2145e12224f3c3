"""User Markdown is rendered and sanitised: nothing a user writes can run script."""
from __future__ import annotations

import pytest

from html.parser import HTMLParser

from ccan_web.markdown import ALLOWED_TAGS, render, render_document

pytestmark = pytest.mark.no_db


class ElementCollector(HTMLParser):
    """The elements and attributes of HTML as a browser would build them (text is harmless)."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html) -> list:
    collector = ElementCollector()
    collector.feed(str(html))
    return collector.elements


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    '<svg><script>alert(1)</script></svg>',
    '<a href="#" onclick="alert(1)">x</a>',
    "[x](JaVaScRiPt:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
])
def test_hostile_markdown_is_neutralised(source):
    for tag, attrs in elements(render(source)):
        assert tag in ALLOWED_TAGS and tag not in {"script", "svg", "iframe", "img"}
        assert not any(name.startswith("on") for name in attrs)
        for url in (attrs.get("href") or "", attrs.get("src") or ""):
            assert url.split(":")[0].lower() in {"", "http", "https", "mailto"} or "://" not in url
            assert not url.lower().startswith(("javascript:", "data:"))


def test_ordinary_markdown_keeps_its_meaning():
    html = str(render("# Roadmap\n\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[site](https://ccan.example)"))
    assert "<h1>Roadmap</h1>" in html and "<table>" in html and 'type="checkbox"' in html
    assert 'href="https://ccan.example"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_every_table_scrolls_in_its_own_labelled_focusable_region(app):
    with app.test_request_context():
        html = str(render_document("| A | B |\n|---|---|\n| 1 | 2 |\n\ntext\n\n| C |\n|---|\n| 3 |\n").html)
        plain = str(render("| A |\n|---|\n| 1 |\n"))
    wrapper = '<div class="table-wrap" role="region" tabindex="0" aria-label="Table"><table>'
    assert html.count(wrapper) == 2 and html.count("</table></div>") == 2
    assert wrapper in plain


def test_a_table_written_as_html_gets_no_region_of_its_own(app):
    with app.test_request_context():
        html = str(render('<div class="table-wrap" role="region"><table><tr><td>x</td></tr></table></div>'))
    assert "<div class" not in html and "<table" not in html  # escaped as text, never markup
