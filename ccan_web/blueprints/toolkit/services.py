"""The regional toolkit on top of the document engine: its documents, who writes and reads them, and
the published terms of the partnership."""
from __future__ import annotations

import difflib

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ccan_web import audit
from ccan_web.blueprints.toolkit.models import ToolkitDocument
from ccan_web.documents import services as documents
from ccan_web.documents.models import Document
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.domain.toolkit import CATEGORIES, PARTNERSHIP_TERMS, RESERVED_SLUGS, SLUG
from ccan_web.extensions import db
from ccan_web.permissions import DocumentRights, can

EDIT = "toolkit.edit"
MAX_DIFF_CHARS = 6000  # what a notice's email carries of a change; the page has the rest


def document_slug(slug: str) -> str:
    """The Document's own slug: the toolkit's prefix keeps it apart from the roadmap's and others'."""
    return f"toolkit-{slug}"


def rights(slug: str) -> DocumentRights:
    """Roadmap editors and the Board write, publish and read the drafts of every toolkit document."""
    return DocumentRights((EDIT, None), (EDIT, None), (EDIT, None))


def may_edit(user) -> bool:
    return can(user, EDIT)


def find(slug: str) -> ToolkitDocument:
    found = db.session.scalar(select(ToolkitDocument).options(joinedload(ToolkitDocument.document))
                              .where(ToolkitDocument.slug == slug))
    if found is None:
        raise NotFound(_l("There is no such toolkit document."))
    return found


def find_checklist(slug: str) -> ToolkitDocument:
    """The toolkit document `slug` when it is a checklist; NotFound for any other kind as well."""
    found = find(slug)
    if found.category != "checklist":
        raise NotFound(_l("There is no such toolkit document."))
    return found


def locate(slug: str) -> Document:
    return find(slug).document


def may_read(entry: ToolkitDocument, user) -> bool:
    """A members-only document is for members (and those who write the toolkit)."""
    return not entry.members_only or can(user, "members.browse") or may_edit(user)


def visible_number(entry: ToolkitDocument, user) -> int | None:
    """Writers read the newest draft; everyone else the published revision, or nothing yet."""
    if may_edit(user):
        return documents.current_head(entry.document)
    return entry.document.published_number


def listing(user) -> dict[str, list[ToolkitDocument]]:
    """Each category's documents this reader may open: published ones (members-only ones for
    members), and drafts too for those who write the toolkit."""
    writer = may_edit(user)
    found: dict[str, list[ToolkitDocument]] = {category: [] for category in CATEGORIES}
    for entry in db.session.scalars(select(ToolkitDocument).options(joinedload(ToolkitDocument.document))
                                    .order_by(ToolkitDocument.position, ToolkitDocument.slug)):
        if not may_read(entry, user) or (entry.document.published_number is None and not writer):
            continue
        found.setdefault(entry.category, []).append(entry)
    return found


def create(slug: str, title: str, category: str, members_only: bool, body: str, actor,
           language: str = "en") -> ToolkitDocument:
    """A new toolkit document with its first draft (published by a writer when ready)."""
    if not SLUG.match(slug) or slug in RESERVED_SLUGS:
        raise DomainError(_l("Use lower-case letters, digits and hyphens, such as “founding-checklist”."),
                          field="slug")
    if category not in CATEGORIES:
        raise DomainError(_l("Choose from the options listed."), field="category")
    if db.session.scalar(select(ToolkitDocument.id).where(ToolkitDocument.slug == slug)) is not None:
        raise DomainError(_l("Another toolkit document has this address; choose another."), field="slug")
    document = documents.create_document(document_slug(slug), "toolkit", title, body, actor,
                                         summary=str(_l("First draft")), language=language)
    position = (db.session.scalar(select(db.func.max(ToolkitDocument.position))) or 0) + 1
    entry = ToolkitDocument(document_id=document.id, slug=slug, category=category, members_only=members_only,
                            position=position)
    db.session.add(entry)
    db.session.flush()
    audit.record("toolkit.create", "toolkit_document", entry.id, actor, document=slug, category=category)
    return entry


def current_terms() -> dict[str, int | None]:
    """The published revision of each of the partnership's terms (None: not published yet)."""
    rows = dict(db.session.execute(select(ToolkitDocument.slug, Document.published_number)
                                   .join(Document, Document.id == ToolkitDocument.document_id)
                                   .where(ToolkitDocument.slug.in_(PARTNERSHIP_TERMS))).all())
    return {slug: rows.get(slug) for slug in PARTNERSHIP_TERMS}


def terms_documents() -> list[ToolkitDocument]:
    return list(db.session.scalars(select(ToolkitDocument).options(joinedload(ToolkitDocument.document))
                                   .where(ToolkitDocument.slug.in_(PARTNERSHIP_TERMS))
                                   .order_by(ToolkitDocument.position)))


def publish(document: Document, number: int, actor):
    """Publish a revision; when it is a checklist's and replaces a published one, tell the officers of
    every association that answers that checklist what changed (a link to the comparison)."""
    from ccan_web.blueprints.accounts.models import RoleGrant, User
    from ccan_web.blueprints.associations.models import Association, ChecklistAnswer
    from ccan_web.blueprints.toolkit.models import ChecklistItem
    from ccan_web.domain.messages import Message
    from ccan_web.domain.roles import Role
    from ccan_web.notifications.services import notify, site_path

    before = document.published_number
    revision = documents.publish(document, number, actor)
    entry = db.session.scalar(select(ToolkitDocument).where(ToolkitDocument.document_id == document.id))
    if entry is None or entry.category != "checklist" or before is None or before == number:
        return revision
    countries = set(db.session.scalars(
        select(Association.country).join(ChecklistAnswer, ChecklistAnswer.association_id == Association.id)
        .join(ChecklistItem, ChecklistItem.id == ChecklistAnswer.item_id)
        .where(ChecklistItem.toolkit_document_id == entry.id)))
    if not countries:
        return revision
    officers = db.session.scalars(select(User).join(RoleGrant, RoleGrant.user_id == User.id).where(
        RoleGrant.role == Role.ASSOCIATION_OFFICER.value, RoleGrant.scope.in_(countries)))
    # The reader sees the published text only, so the change itself travels with the notice.
    old = documents.get_revision(document, before).body.splitlines()
    changes = "\n".join(line for line in difflib.unified_diff(old, revision.body.splitlines(), lineterm="", n=1)
                        if not line.startswith(("---", "+++")))[:MAX_DIFF_CHARS]
    link = site_path("toolkit.document", slug=entry.slug)
    for officer in officers:
        notify(officer, "toolkit_changed",
               Message("“%(title)s”, a checklist your association answers, has a new published revision "
                       "(%(number)d).", title=document.title, number=number), link,
               Message("What changed in “%(title)s” since revision %(before)d (lines starting with - were "
                       "removed, with + added):\n\n%(changes)s", title=document.title, before=before,
                       changes=changes))
    return revision
