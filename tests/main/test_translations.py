"""Every string in every one of the seven catalogs: translated, not fuzzy, placeholders intact."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ccan_web.domain.languages import LOCALES

TRANSLATIONS = Path(__file__).resolve().parents[2] / "ccan_web" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

pytestmark = pytest.mark.no_db


def catalog(locale: str):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def template_ids() -> set:
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_every_message_is_translated_and_not_fuzzy(locale):
    problems = []
    for message in catalog(locale):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(s and s.strip() for s in strings):
            problems.append(f"missing: {message.id!r}")
        else:
            source_ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
            wanted = set(PLACEHOLDER.findall(" ".join(source_ids)))
            for text in strings:
                if set(PLACEHOLDER.findall(text)) != wanted:
                    problems.append(f"placeholders differ: {message.id!r}")
    assert problems == [], f"{locale}: {len(problems)} problems, e.g. {problems[:5]}"


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_every_catalog_has_every_string_of_the_template(locale):
    missing = template_ids() - {m.id for m in catalog(locale) if m.id}
    assert not missing, f"{locale} lacks {len(missing)} strings; run `make translations`: {sorted(missing)[:5]}"


def test_the_template_has_every_string_of_the_code():
    """Catches a string added to the code without `make translations` being run."""
    from babel.messages.extract import extract_from_dir

    root = TRANSLATIONS.parents[1]
    method_map = [("ccan_web/**.py", "python"), ("ccan_web/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    found = set()
    # Partials and macros live in folders starting with "_", which Babel skips by default.
    def directory_filter(path) -> bool:
        return not Path(path).name.startswith(".")

    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            root, method_map=method_map, keywords=keywords, directory_filter=directory_filter):
        found.add(message if isinstance(message, str) else tuple(message))
    known = set()
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        for m in read_po(handle):
            if m.id:
                known.add(m.id if isinstance(m.id, str) else tuple(m.id))
    missing = found - known
    assert not missing, f"run `make translations`: {sorted(map(str, missing))[:5]}"
