"""Rules every template keeps, checked on the source so that a new page cannot forget them."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "ccan_web" / "templates"
SCROLL_WRAPPER = re.compile(r"<(?:div|section)\b[^>]*class=\"[^\"]*\btable-wrap\b[^\"]*\"[^>]*>")


def test_every_scrolling_table_is_a_focusable_labelled_region():
    # A box that scrolls sideways must be reachable by keyboard and named for screen readers
    # (WCAG 2.1.1, axe's scrollable-region-focusable): pages use the scroll_region macro.
    bare = []
    for path in TEMPLATES.rglob("*.html"):
        for tag in SCROLL_WRAPPER.findall(path.read_text(encoding="utf-8")):
            if 'tabindex="0"' not in tag or "aria-label" not in tag:
                bare.append(f"{path.relative_to(TEMPLATES)}: {tag}")
    assert bare == []
