"""The regional toolkit as the site search indexes it: each document's published text, for everyone
or, when the document is members-only, for members; a document not yet published is not found."""
from __future__ import annotations

import nh3
from sqlalchemy import func, select

from ccan_web.blueprints.toolkit.models import ToolkitDocument
from ccan_web.documents.models import Document, Revision
from ccan_web.domain.toolkit import CATEGORIES, CATEGORY_NAMES
from ccan_web.i18n import in_every_language
from ccan_web.markdown import render
from ccan_web.search.documents import SearchDocument
from ccan_web.search.indexing import Source


def _make(entry: ToolkitDocument, document: Document, revision: Revision) -> SearchDocument:
    return SearchDocument(key=f"toolkit:{document.id}", kind="toolkit", title=document.title,
                          body=nh3.clean(str(render(revision.body)), tags=set()), url=f"/toolkit/{entry.slug}",
                          visibility="members" if entry.members_only else "public",
                          keywords=in_every_language(CATEGORIES.get(entry.category, entry.category),
                                                    CATEGORY_NAMES.get(entry.category, entry.category)), version=str(revision.number))


def _published(session, document_ids=None):
    query = (select(ToolkitDocument, Document, Revision)
             .join(Document, Document.id == ToolkitDocument.document_id)
             .join(Revision, (Revision.document_id == Document.id) & (Revision.number == Document.published_number))
             .order_by(ToolkitDocument.position, ToolkitDocument.id))
    if document_ids is not None:
        query = query.where(Document.id.in_(document_ids))
    return session.execute(query)


def _keys_for(obj) -> list[str]:
    document_id = obj.document_id if isinstance(obj, (Revision, ToolkitDocument)) else obj.id
    return [f"toolkit:{document_id}"] if document_id else []


def _load(session, keys):
    ids = {int(part) for key in keys if (part := key.split(":", 1)[1]).isdigit()}
    return [_make(*row) for row in _published(session, ids)]


def _load_all(session):
    for row in _published(session):
        yield _make(*row)


def _count_all(session) -> int:
    return session.scalar(select(func.count(ToolkitDocument.id)).join(Document, Document.id == ToolkitDocument.document_id)
                          .where(Document.published_number.is_not(None)))


def search_source() -> Source:
    return Source("toolkit", (ToolkitDocument, Document, Revision), _keys_for, _load, _load_all, _count_all)
