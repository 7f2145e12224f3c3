"""The national associations as the site search indexes them: each stored association's names,
legal structure, status and description, public like its page. One not started and never edited
has no row and nothing to find beyond its country, which the country pages already answer."""
from __future__ import annotations

import nh3
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from ccan_web.blueprints.associations.models import Association
from ccan_web.domain import associations as rules
from ccan_web.domain.countries import country_name
from ccan_web.i18n import in_every_language
from ccan_web.markdown import render
from ccan_web.search.documents import SearchDocument
from ccan_web.search.indexing import Source


def _default_title(code: str) -> str:
    return _("Association of %(country)s", country=country_name(code))


def _make(association: Association) -> SearchDocument:
    code = association.country
    with force_locale("en"):
        title = association.name_en or _default_title(code)
    names = " ".join(name for name in (association.name_national, association.name_ru, association.name_en) if name)
    body = "\n\n".join(part for part in (association.legal_structure,
                                         nh3.clean(str(render(association.description or "")), tags=set())) if part)
    return SearchDocument(key=f"association:{association.id}", kind="association", title=title, body=body,
                          url=f"/associations/{code.lower()}", country=code, keywords=names,
                          labels=in_every_language(country_name(code), rules.status_label(association.status)),
                          version=str(association.version))


def _keys_for(association: Association) -> list[str]:
    return [f"association:{association.id}"] if association.id else []


def _load(session, keys):
    ids = [int(part) for key in keys if (part := key.split(":", 1)[1]).isdigit()]
    return [_make(a) for a in session.scalars(select(Association).where(Association.id.in_(ids)))]


def _load_all(session):
    for association in session.scalars(select(Association).order_by(Association.id)):
        yield _make(association)


def _count_all(session) -> int:
    return session.scalar(select(func.count(Association.id)))


def _display_title(hit) -> str:
    """A hit named by its English default shows the reader's language's ("Ассоциация Казахстана")."""
    code = hit.url.rstrip("/").rsplit("/", 1)[-1].upper()
    with force_locale("en"):
        english_default = _default_title(code)
    return _default_title(code) if hit.title == english_default else hit.title


def search_source() -> Source:
    return Source("association", (Association,), _keys_for, _load, _load_all, _count_all, _display_title)
