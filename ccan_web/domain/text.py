"""What people type: names, other one-line text, and longer text with line breaks.

Each kind is first normalised (`clean_*`: Unicode NFC, so "й" typed as и + breve is the same
name as "й"; surrounding blanks removed), then checked (`*_problem`: a message, or None). The
checks refuse what no one types on purpose and what can deceive a reader: control characters
(NUL, escape codes; line breaks in one-line text), the characters that reverse or isolate the
direction of the text around them (the "Trojan Source" trick: U+202A–U+202E, U+2066–U+2069),
and names made of invisible characters only. Letters of every script pass, with their marks,
Kazakh Ә Ғ Қ Ң Ө Ұ Ү Һ І, Tajik Ӣ Ӯ Ҷ Ҳ, and Uzbek oʻ gʻ (U+02BB) or o’ (U+2019).

The forms (through `ccan_web.forms`), the services and the catalog import all use these.
"""
from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

from ccan_web.domain.messages import Message as _l  # translated when shown; storable in reports

# Embeddings, overrides and isolates: they make a text display in an order other than its own.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Blank at either end of a one-line text, as much as a space is: removed with the spaces.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Letters by category that show nothing: Hangul fillers and the blank Braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def clean_line(value: str | None) -> str:
    """One-line text as stored: NFC, without blanks (or zero-width characters) around it."""
    return unicodedata.normalize("NFC", value or "").strip().strip(_ZERO_WIDTH).strip()


def clean_text(value: str | None) -> str:
    """Longer text as stored: NFC, one kind of line ending, without blank lines around it."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def line_problem(value: str):
    """Why `value` cannot be a one-line text (a line break, a control, a direction control), or None."""
    for char in value:
        if char in LINE_BREAKS:
            return _l("Remove the line break: this field takes one line.")
        problem = _control_problem(char, allowed="")
        if problem:
            return problem
    return None


def name_problem(value: str):
    """Why `value` cannot be a name: what `line_problem` refuses, or nothing visible in it."""
    problem = line_problem(value)
    if problem is None and value and not visible(value):
        return _l("Write the name in visible letters or digits; this one is made of invisible characters only.")
    return problem


def text_problem(value: str):
    """Why `value` cannot be a longer text: a control other than a line break or tab, or a
    direction control."""
    for char in value:
        problem = _control_problem(char, allowed="\n\r\t")
        if problem:
            return problem
    return None


def _control_problem(char: str, allowed: str):
    if char in DIRECTION_CONTROLS:
        return _l("Remove the character %(code)s: it reverses the direction of the text around it, "
                  "so what is shown is not what is stored.", code=code_point(char))
    if char not in allowed and unicodedata.category(char) == "Cc":
        return _l("Remove the control character %(code)s: it cannot be shown or stored.", code=code_point(char))
    return None


def visible(value: str) -> bool:
    """True if something in `value` shows: a letter, digit, punctuation mark or symbol."""
    return any(unicodedata.category(char)[0] in "LNPS" and char not in _BLANK_LETTERS for char in value)


def shown_safely(value: str) -> str:
    """`value` with its controls made visible as their code ([U+0000], [U+202E]), as the message
    beside it names them, for a report that quotes what was refused: the quote then cannot hide
    or turn the text around it. (The Control Pictures, such as ␀, are missing from most fonts.)"""
    return "".join(f"[{code_point(char)}]" if _control_problem(char, allowed="\n\t") else char for char in value)


# Addresses -------------------------------------------------------------------------------------

_HOST_LABEL = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")
_TOP_LEVEL = re.compile(r"[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59}", re.IGNORECASE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


# A host name (with a port, perhaps) at the start of what was typed, as in "hunar.tj" or
# "www.hunar.tj/about": an address that lacks only its scheme.
_BARE_HOST = re.compile(r"(?:[\w-]+\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})(?::\d{1,5})?(?:[/?#]|$)", re.IGNORECASE)


def complete_web_address(value: str) -> str:
    """`value` with "https://" put before it when it is a web address typed without its scheme
    (hunar.tj → https://hunar.tj), as people copy addresses from cards and letters; anything else
    is returned as it is, for `web_address_problem` to judge."""
    if value.startswith("//"):
        return "https:" + value
    if _BARE_HOST.match(value):
        return "https://" + value
    return value


def web_address_problem(value: str):
    """Why `value` cannot be a link (http or https to a named host or an IP address), or None:
    no "javascript:" or "data:" address ever lands in an href."""
    message = _l("Enter a full address such as https://example.org.")
    if any(char.isspace() or unicodedata.category(char) in ("Cc", "Cf") for char in value):
        return message
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 -- reading it checks it is a number
    except ValueError:
        return message
    if parts.scheme.lower() not in ("http", "https") or not host:
        return message
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels) \
            or not _TOP_LEVEL.fullmatch(labels[-1]):
        return message
    return None


def email_problem(value: str):
    """Why `value` cannot be an email address to write to, or None (the check is kept simple)."""
    if not _EMAIL.fullmatch(value):
        return _l("Enter an email address such as name@example.org.")
    return line_problem(value)
