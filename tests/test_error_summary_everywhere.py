"""Every form that can come back with errors opens with the shared error summary
(_macros/forms.html form_errors), so a new page cannot forget it."""
from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "ccan_web" / "templates"
# A form field drawn with the shared macro is one that shows its errors beside it.
FIELD = re.compile(r"\{\{\s*(field|choices)\(\s*([a-z_]+)\.")
# Forms of the Board and the catalog editors' screens, rebuilt in the same issue by their owners;
# each must call form_errors(<its form>) too. Remove a name once its page does.
NOT_YET: set[str] = set()
# Pieces of a form included by pages that show the summary themselves.
INCLUDED = {"accounts/_profile_fields.html"}


def test_every_form_with_fields_shows_the_error_summary():
    missing = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith("_macros/") or name in NOT_YET | INCLUDED:
            continue
        text = path.read_text(encoding="utf-8")
        for form in sorted({match.group(2) for match in FIELD.finditer(text)}):
            if f"form_errors({form})" not in text:
                missing.append(f"{name}: {form}")
    assert missing == []


def test_the_summary_lists_and_links_each_field():
    macro = (TEMPLATES / "_macros" / "forms.html").read_text(encoding="utf-8")
    summary = macro[macro.index("{% macro form_errors"):]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert "There is a problem" in summary and 'href="#{{ f.id }}' in summary
