"""The items of the toolkit's checklists: ordered, grouped by level, each saying whether evidence is
required; kept by the Board."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ccan_web import audit
from ccan_web.blueprints.toolkit.models import ChecklistItem, ToolkitDocument
from ccan_web.db import claim_version
from ccan_web.domain.errors import Conflict, DomainError, NotFound
from ccan_web.extensions import db

MAX_LEVEL = 9


def checklists() -> list[ToolkitDocument]:
    """The toolkit's checklist documents, in the toolkit's order."""
    return list(db.session.scalars(select(ToolkitDocument).where(ToolkitDocument.category == "checklist")
                                   .order_by(ToolkitDocument.position, ToolkitDocument.id)))


def items_of(checklist: ToolkitDocument) -> list[ChecklistItem]:
    return list(db.session.scalars(select(ChecklistItem).where(ChecklistItem.toolkit_document_id == checklist.id)
                                   .order_by(ChecklistItem.level, ChecklistItem.position, ChecklistItem.id)))


def get_item(checklist: ToolkitDocument, item_id: int) -> ChecklistItem:
    item = db.session.get(ChecklistItem, item_id)
    if item is None or item.toolkit_document_id != checklist.id:
        raise NotFound(_l("There is no such item."))
    return item


def _check(checklist: ToolkitDocument, level: int, text: str) -> None:
    if checklist.category != "checklist":
        raise NotFound(_l("There is no such checklist."))
    if not 1 <= level <= MAX_LEVEL:
        raise DomainError(_l("Choose a level from 1 to %(last)d.", last=MAX_LEVEL), field="level")
    if not text.strip():
        raise DomainError(_l("This field is required."), field="text")


def add_item(checklist: ToolkitDocument, level: int, text: str, evidence_required: bool, actor) -> ChecklistItem:
    """A new item at the end of its level."""
    _check(checklist, level, text)
    last = db.session.scalar(select(func.max(ChecklistItem.position)).where(
        ChecklistItem.toolkit_document_id == checklist.id, ChecklistItem.level == level)) or 0
    item = ChecklistItem(toolkit_document_id=checklist.id, level=level, position=last + 1, text=text.strip(),
                         evidence_required=evidence_required)
    db.session.add(item)
    db.session.flush()
    audit.record("checklist.item_added", "checklist_item", item.id, actor, checklist=checklist.slug)
    return item


class ItemChanged(Conflict):
    """Someone saved the item after this form was filled: the page says what it now reads, and asks."""

    def __init__(self, item: ChecklistItem):
        super().__init__(_l("Someone changed this item while you were editing it. It now reads: “%(text)s” "
                            "(level %(level)d, position %(position)d). Yours is kept here; save it again to "
                            "replace theirs.", text=item.text, level=item.level, position=item.position))


def update_item(checklist: ToolkitDocument, item_id: int, level: int, position: int, text: str,
                evidence_required: bool, actor, seen_version: int | None = None) -> ChecklistItem:
    """Change an item. `seen_version` is the version the form was filled from: if someone saved a
    different item since, ItemChanged asks instead of overwriting; the save is a compare-and-set."""
    _check(checklist, level, text)
    item = get_item(checklist, item_id)
    text = text.strip()
    if (seen_version is not None and item.version != seen_version
            and (item.level, item.position, item.text, item.evidence_required) != (level, position, text,
                                                                                   evidence_required)):
        raise ItemChanged(item)
    if not claim_version(db.session, ChecklistItem, item.id, item.version):
        db.session.refresh(item)
        raise ItemChanged(item)
    item.version += 1
    item.level, item.position, item.text, item.evidence_required = level, position, text, evidence_required
    audit.record("checklist.item_changed", "checklist_item", item.id, actor, checklist=checklist.slug)
    return item


def remove_item(checklist: ToolkitDocument, item_id: int, actor) -> None:
    item = get_item(checklist, item_id)
    audit.record("checklist.item_removed", "checklist_item", item.id, actor, checklist=checklist.slug, text=item.text)
    db.session.delete(item)
