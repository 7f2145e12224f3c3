"""Each association's answers to the toolkit's checklists: the answer to an item (with its evidence, who
answered and when) and each level's completion."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ccan_web import audit
from ccan_web.blueprints.associations.models import Association, ChecklistAnswer
from ccan_web.blueprints.associations.services import Upload, for_update
from ccan_web.blueprints.toolkit import checklists
from ccan_web.blueprints.toolkit.models import ChecklistItem, ToolkitDocument
from ccan_web.db import claim_version, insert_or_nothing, utcnow
from ccan_web.domain.errors import Conflict, DomainError, NotFound
from ccan_web.domain.text import web_address_problem
from ccan_web.domain.toolkit import ANSWER_STATES, LevelCompletion, completion, levels_reached
from ccan_web.extensions import db
from ccan_web.storage import ATTACHMENT
from ccan_web.storage import files as stored_files


@dataclass(frozen=True)
class ChecklistView:
    """One checklist as one association answers it."""

    checklist: ToolkitDocument
    items: list[ChecklistItem]
    answers: dict[int, ChecklistAnswer]
    levels: list[LevelCompletion]

    @property
    def reached(self) -> int:
        return levels_reached(self.levels)

    @property
    def done(self) -> int:
        return sum(level.done for level in self.levels)

    @property
    def total(self) -> int:
        return len(self.items)

    def items_of(self, level: int) -> list[ChecklistItem]:
        return [item for item in self.items if item.level == level]


def answers_of(association: Association | None, checklist: ToolkitDocument) -> dict[int, ChecklistAnswer]:
    if association is None or association.id is None:
        return {}
    return {answer.item_id: answer for answer in db.session.scalars(
        select(ChecklistAnswer).options(joinedload(ChecklistAnswer.answered_by), joinedload(ChecklistAnswer.evidence_file))
        .join(ChecklistItem, ChecklistItem.id == ChecklistAnswer.item_id)
        .where(ChecklistAnswer.association_id == association.id,
               ChecklistItem.toolkit_document_id == checklist.id))}


def view(association: Association | None, checklist: ToolkitDocument) -> ChecklistView:
    items = checklists.items_of(checklist)
    answers = answers_of(association, checklist)
    levels = completion(items, {item_id: answer.state for item_id, answer in answers.items()})
    return ChecklistView(checklist, items, answers, levels)


def first_checklist() -> ToolkitDocument | None:
    found = checklists.checklists()
    return found[0] if found else None


def completions(associations: dict[str, Association]) -> dict[str, ChecklistView]:
    """The first checklist (the founding one) as each association answers it, by country."""
    checklist = first_checklist()
    if checklist is None:
        return {}
    items = checklists.items_of(checklist)
    states: dict[int, dict[int, str]] = {}
    for association_id, item_id, state in db.session.execute(
            select(ChecklistAnswer.association_id, ChecklistAnswer.item_id, ChecklistAnswer.state)
            .join(ChecklistItem, ChecklistItem.id == ChecklistAnswer.item_id)
            .where(ChecklistItem.toolkit_document_id == checklist.id)):
        states.setdefault(association_id, {})[item_id] = state
    return {code: ChecklistView(checklist, items, {}, completion(items, states.get(a.id, {})))
            for code, a in associations.items()}


class AnswerChanged(Conflict):
    """Someone saved an answer to the item after this form was filled: the page shows theirs and asks."""

    def __init__(self, found: ChecklistAnswer | None):
        who = found.answered_by.full_name if found is not None and found.answered_by else ""
        super().__init__(_l("%(name)s answered this item while you were writing: their answer is shown above. "
                            "Yours is kept here; save it again to replace theirs (attach any file again).",
                            name=who or _l("Someone")))


def _same_answer(found: ChecklistAnswer, state: str, justification: str, evidence_url: str,
                 evidence: Upload | None) -> bool:
    return (evidence is None and found.state == state and found.justification == justification
            and found.evidence_url == evidence_url)


def answer(code: str, checklist: ToolkitDocument, item_id: int, state: str, justification: str,
           evidence_url: str, actor, evidence: Upload | None = None,
           seen_version: int | None = None) -> ChecklistAnswer:
    """Answer one item (again): its state, why, and its evidence (a link, or a file stored privately
    through the storage service). An item that requires evidence is met only with some.

    `seen_version` is the answer's version the form was filled from (0: it showed no answer). If
    someone saved a different answer since, AnswerChanged asks instead of overwriting theirs; the
    save itself is a compare-and-set, so two saves at the same moment cannot both win unseen."""
    item = checklists.get_item(checklist, item_id)
    justification, evidence_url = (justification or "").strip(), (evidence_url or "").strip()
    association = for_update(code)
    found = db.session.scalar(select(ChecklistAnswer).options(joinedload(ChecklistAnswer.answered_by))
                              .where(ChecklistAnswer.association_id == association.id,
                                     ChecklistAnswer.item_id == item.id))
    if (seen_version is not None and found is not None and found.version != seen_version
            and not _same_answer(found, state, justification, evidence_url, evidence)):
        raise AnswerChanged(found)
    if state not in ANSWER_STATES:
        raise DomainError(_l("Choose from the options listed."), field="state")
    if evidence_url:
        problem = web_address_problem(evidence_url)
        if problem is not None:
            raise DomainError(problem, field="evidence_url")
    has_file = evidence is not None or (found is not None and found.evidence_file_id is not None)
    if item.evidence_required and state == "met" and not evidence_url and not has_file:
        raise DomainError(_l("This item requires evidence: give a link or attach a file."), field="evidence_url")
    if found is not None:
        if not claim_version(db.session, ChecklistAnswer, found.id, found.version):
            db.session.expire(found)
            raise AnswerChanged(found)
        found.version += 1
    stored = None
    if evidence is not None:
        try:
            stored = stored_files.store(evidence.data, evidence.filename, ATTACHMENT, "evidence", public=False)
        except DomainError as error:
            raise DomainError(error.message, field="evidence_file") from None
    values = dict(state=state, justification=justification, evidence_url=evidence_url, answered_by_id=actor.id,
                  answered_at=utcnow(), **({"evidence_file_id": stored.id} if stored is not None else {}))
    if found is None:  # a first answer; one saved at the same moment by someone else wins, and this one asks
        answer_id = insert_or_nothing(db.session, ChecklistAnswer, dict(
            association_id=association.id, item_id=item.id, version=1, **values), ["association_id", "item_id"])
        found = db.session.scalar(select(ChecklistAnswer).options(joinedload(ChecklistAnswer.answered_by)).where(
            ChecklistAnswer.association_id == association.id, ChecklistAnswer.item_id == item.id))
        if answer_id is None:
            raise AnswerChanged(found)
    else:
        for name, value in values.items():
            setattr(found, name, value)
        db.session.flush()
    audit.record("checklist.answered", "checklist_answer", found.id, actor, country=code, item=item.id, state=state)
    return found


def evidence_of(code: str, answer_id: int) -> ChecklistAnswer:
    """An answer's evidence file, for a reader the view has checked may read the association's."""
    found = db.session.get(ChecklistAnswer, answer_id)
    association = db.session.get(Association, found.association_id) if found else None
    if found is None or association is None or association.country != code or found.evidence_file is None:
        raise NotFound(_l("There is no such file."))
    return found
