"""Messages translated when they are shown, and kept as data when they must wait to be shown.

A rule's message is written once, in English, and read in seven languages. Most are shown at once
(beside a form field); an import's report is written by a background run and read later by
people in each language, so it keeps the message's source text and values instead of its
English text. `Message` is that message: it reads as translated text wherever a string is
expected, and `as_data`/`from_data` carry it through a report. Modules whose messages can end
up in a report import it as `_l`, so that `make translations` finds their strings as before.
"""
from __future__ import annotations

from decimal import Decimal

from flask_babel import get_translations, gettext
from markupsafe import Markup, escape

from ccan_web.domain.numbers import Number


class Message:
    """`gettext(msgid, **params)`, worked out each time it is read."""

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, **params) -> None:
        self.msgid = msgid
        self.params = params

    def __str__(self) -> str:
        return gettext(self.msgid, **self.params)

    def __html__(self) -> Markup:
        return escape(str(self))

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, **{self.params!r})"

    # As a translated string wherever one is expected ---------------------------------------------

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __len__(self) -> int:
        return len(str(self))

    def __contains__(self, item) -> bool:
        return item in str(self)

    def __add__(self, other) -> str:
        return str(self) + str(other)

    def __radd__(self, other) -> str:
        return str(other) + str(self)

    def __mod__(self, values) -> str:
        return str(self) % values

    def __getattr__(self, name):
        if name.startswith("__") or name in Message.__slots__ or name in ("plural", "num"):  # not set yet
            raise AttributeError(name)
        return getattr(str(self), name)

    # As data, for a report read later ------------------------------------------------------------

    def as_data(self) -> dict:
        params = {name: value.portable() if isinstance(value, Number) else _plain(value)
                  for name, value in self.params.items()}
        return {"msgid": self.msgid, "params": params}

    @classmethod
    def from_data(cls, data: dict) -> Message:
        params = {name: Number.from_portable(value) if isinstance(value, dict) and "number" in value else value
                  for name, value in data.get("params", {}).items()}
        if "plural" in data:
            return PluralMessage(data["msgid"], data["plural"], data["num"], **params)
        return cls(data["msgid"], **params)


class PluralMessage(Message):
    """`ngettext(singular, plural, count, **params)`, worked out each time it is read: a count's
    noun takes the form the number asks for (Russian has three). `%(num)s` shows the count, or
    the `num` given in `params` (a Number, say, written in the locale's own form)."""

    __slots__ = ("plural", "num")

    def __init__(self, singular: str, plural: str, count: int, **params) -> None:
        super().__init__(singular, **params)
        self.plural = plural
        self.num = count

    def __str__(self) -> str:
        text = get_translations().ungettext(self.msgid, self.plural, int(self.num))
        return text % {"num": self.num, **self.params}

    def __repr__(self) -> str:
        return f"PluralMessage({self.msgid!r}, {self.plural!r}, {self.num!r}, **{self.params!r})"

    def as_data(self) -> dict:
        return {**super().as_data(), "plural": self.plural, "num": self.num}


def lazy_ngettext(singular: str, plural: str, count: int, **params) -> PluralMessage:
    """A count's message, translated when shown (and storable in a report, as `Message`)."""
    return PluralMessage(singular, plural, count, **params)


def _plain(value):
    """A value as JSON keeps it: numbers and text as they are, anything else as its text."""
    if isinstance(value, (int, float, str)) or value is None:
        return value
    if isinstance(value, Decimal):
        return Number(value).portable()
    return str(value)
