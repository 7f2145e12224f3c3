"""Every count takes the form its number asks for: Russian has three (1 and 21 one, 2 few, 5 many).

Each counted string of the source (every ngettext) is looked up in the Russian catalog and
rendered for 1, 2, 5 and 21; the home page is checked as a visitor and the Board read it.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from flask_babel import force_locale, ngettext

ROOT = Path(__file__).resolve().parents[2]
RU_PO = ROOT / "ccan_web" / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
METHODS = [("ccan_web/**.py", "python"), ("ccan_web/templates/**.html", "jinja2")]
FORM_FOR = {1: 0, 21: 0, 2: 1, 5: 2}  # the number -> its Russian form: one, few, many
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@cache
def counted_in_source() -> frozenset[tuple[str, str]]:
    """(singular, plural) of every ngettext call in the code and the templates."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), METHODS, keywords=KEYWORDS, options_map={"ccan_web/templates/**.html": {}}):
        if isinstance(message, tuple) and len(message) >= 2 and message[0] and message[1]:
            found.add((message[0], message[1]))
    return frozenset(found)


@cache
def russian() -> dict[str, tuple[str, ...]]:
    with RU_PO.open("rb") as handle:
        return {m.id[0]: tuple(m.string) for m in read_po(handle, locale="ru") if isinstance(m.id, tuple)}


def test_the_source_has_counted_strings():
    assert ("%(num)s member", "%(num)s members") in counted_in_source()
    assert len(counted_in_source()) >= 20


@pytest.mark.no_db
def test_every_counted_string_has_three_russian_forms():
    problems = []
    for singular, _plural in sorted(counted_in_source()):
        forms = russian().get(singular)
        if forms is None or len(forms) != 3 or not all(f.strip() for f in forms):
            problems.append(f"not in three forms: {singular!r}")
    assert problems == []


@pytest.mark.parametrize("number", sorted(FORM_FOR))
def test_every_counted_string_renders_the_right_russian_form(app, number):
    problems = []
    with app.test_request_context(), force_locale("ru"):
        for singular, plural in sorted(counted_in_source()):
            forms = russian().get(singular)
            if not forms:
                continue  # reported by the test above
            others = {name: 3 for name in PLACEHOLDER.findall(singular + plural) if name != "num"}
            expected = forms[FORM_FOR[number]] % {**others, "num": number}
            rendered = ngettext(singular, plural, number, **others)
            if rendered != expected:
                problems.append(f"{singular!r} for {number}: {rendered!r}, not {expected!r}")
    assert problems == []


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_home_page_counts_in_russian(client, factories):
    for _ in range(19):
        factories.member(country="TJ")
    factories.board_member()
    factories.board_member()
    page = text_of(client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True))
    assert "21 участник " in page and "21 участников" not in page and "21 участники" not in page
    assert "2 члена Правления" in page and "2 члены Правления" not in page


def test_the_board_reads_its_figures_in_russian(client, auth, factories):
    board = factories.board_member(email="board@example.kz", locale="ru")
    for _ in range(5):
        factories.applicant()
    auth.login(board.email)
    page = text_of(client.get("/").get_data(as_text=True))
    assert "5 заявок ожидают рассмотрения" in page and "5 заявки" not in page


def test_a_counted_message_kept_in_a_report_reads_in_the_right_form_later(app):
    from ccan_web.domain.messages import Message, lazy_ngettext
    from ccan_web.domain.numbers import Number

    kept = lazy_ngettext("Use at most %(num)d character.", "Use at most %(num)d characters.", 21).as_data()
    big = lazy_ngettext("The file has more than %(num)s row. Split it into smaller files.",
                        "The file has more than %(num)s rows. Split it into smaller files.", 10000,
                        num=Number(10000)).as_data()
    with app.test_request_context():
        assert str(Message.from_data(kept)) == "Use at most 21 characters."
        assert str(Message.from_data(big)).startswith("The file has more than 10,000 rows.")
        with force_locale("ru"):
            forms = russian().get("Use at most %(num)d character.")
            if forms:  # the catalog has it once the lead merges the translations
                assert str(Message.from_data(kept)) == forms[0] % {"num": 21}
