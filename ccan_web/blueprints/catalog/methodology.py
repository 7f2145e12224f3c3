"""The methodology of the research: one versioned document, who may write it, and what each reader sees."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ccan_web.documents import services as documents
from ccan_web.documents.models import Document, Revision
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.extensions import db
from ccan_web.permissions import DocumentRights, can

SLUG = "methodology"
KIND = "methodology"
# Pages show the translated title(); the stored one only names the document in the database.
STORED_TITLE = "Methodology of the research"
# Editors (who moderate the catalog) and the Board write the methodology; its drafts are theirs.
EDIT_PERMISSION = "catalog.edit_methodology"


def title():
    return _l("Methodology of the research")


def rights() -> DocumentRights:
    """Those who write the methodology read its drafts and publish it too."""
    return DocumentRights((EDIT_PERMISSION, None), (EDIT_PERMISSION, None), (EDIT_PERMISSION, None))


def may_edit(user) -> bool:
    """Write, restore and publish the methodology."""
    return can(user, EDIT_PERMISSION)


def may_read_drafts(user) -> bool:
    """The newest draft and the history are for those who write the text; others read what is published."""
    return may_edit(user)


def find_document() -> Document | None:
    return db.session.scalar(select(Document).where(Document.slug == SLUG))


def get_document() -> Document:
    document = find_document()
    if document is None:
        raise NotFound(_l("The methodology has not been written yet."))
    return document


@dataclass(frozen=True)
class Reading:
    """What /catalog/methodology shows a reader: a revision of the text, or nothing yet."""

    document: Document | None
    revision: Revision | None

    @property
    def published_number(self) -> int | None:
        return self.document.published_number if self.document else None

    @property
    def is_unpublished_draft(self) -> bool:
        """The revision shown is not the one the public reads (only editors are shown such)."""
        return self.revision is not None and self.revision.number != self.published_number


def visible_number(document: Document, user) -> int | None:
    """Editors read the newest draft; everyone else the published revision, or none."""
    if may_read_drafts(user):
        return documents.current_head(document)
    return document.published_number


def reading(user) -> Reading:
    document = find_document()
    if document is None:
        return Reading(None, None)
    number = visible_number(document, user)
    return Reading(document, documents.get_revision(document, number) if number else None)


def start(body: str, actor) -> Document:
    """The first draft; a second start is refused, so two editors never make two documents."""
    if find_document() is not None:
        raise DomainError(_l("The methodology has already been started; edit it instead."), field="body")
    return documents.create_document(SLUG, KIND, STORED_TITLE, body, actor, summary=str(_l("First draft")))
