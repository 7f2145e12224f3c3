"""Two people editing one record: what the one who saves second is told. A form names the version
it was filled from; when someone saved in between, each field where the record now differs from
what was typed says what it now holds, what was typed stays in the form, and saving again (the form
then names the new version) keeps it. Nothing typed is dropped, and nobody's save is lost unseen."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from flask_babel import lazy_gettext as _l

from ccan_web.domain.errors import DomainError, Invalid

SHOWN_CHARS = 80


def shown(value) -> str:
    """A stored value as a short line a person recognises."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


def _normal(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return value


def changed_meanwhile(current: Mapping[str, object], typed: Mapping[str, object], fields: Iterable[str],
                      summary, show: Callable[[str, object], str] | None = None) -> Invalid | None:
    """The fields where the record as saved now differs from what was typed, each with a message
    saying what it holds, after `summary` at the top of the form; None if they all agree (then the
    save goes ahead: the person typed what is already there)."""
    problems = []
    for name in fields:
        theirs, yours = current.get(name), typed.get(name)
        if _normal(theirs) == _normal(yours):
            continue
        text = show(name, theirs) if show else shown(theirs)
        problems.append(DomainError(
            _l("Changed by someone else while you were editing; it now reads “%(value)s”.", value=text) if text
            else _l("Emptied by someone else while you were editing."), field=name))
    if not problems:
        return None
    return Invalid([DomainError(summary), *problems])
