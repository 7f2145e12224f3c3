"""The site's own stylesheet: a block left open swallows every rule after it into a media query."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parent.parent / "ccan_web" / "static" / "css" / "ccan.css"


@pytest.mark.no_db
def test_every_block_of_the_stylesheet_is_closed_where_it_belongs():
    depth = 0
    for number, line in enumerate(re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"),
                                         CSS.read_text(encoding="utf-8"), flags=re.S).split("\n"), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"line {number} closes a block never opened"
    assert depth == 0, "a block is left open: the rules after it apply only inside it"
