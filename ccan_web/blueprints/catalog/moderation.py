"""The editors' side of the catalog: the queue, decisions on entries, duplicates, suggested corrections."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _label
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ccan_web import audit
from ccan_web.blueprints.catalog.models import Business, BusinessSector, CorrectionSuggestion, Course, DuplicateFlag
from ccan_web.db import utcnow
from ccan_web.domain.catalog import SUGGESTION_MAX_LENGTH, SUGGESTIONS_PER_DAY, EntryStatus
from ccan_web.domain.errors import Conflict, DomainError, NotFound
from ccan_web.domain.messages import Message as _l  # translated when shown; storable in reports
from ccan_web.domain.text import clean_text, text_problem
from ccan_web.extensions import db
from ccan_web.memo import once_per_request
from ccan_web.notifications.services import notify, site_path
from ccan_web.permissions import can

MODELS = {"businesses": Business, "courses": Course}
DECISIONS = ("publish", "return", "reject")


def _entry_name(entry) -> str:
    return entry.name if isinstance(entry, Business) else entry.title


def entry_kind(entry) -> str:
    return "businesses" if isinstance(entry, Business) else "courses"


# Decisions on entries ---------------------------------------------------------------------------

def _decide(entry, editor, status: str, note: str, subject, body) -> None:
    if entry.status not in (EntryStatus.PENDING, EntryStatus.RETURNED) and status != EntryStatus.PUBLISHED:
        raise Conflict(_l("This entry has already been decided."))
    entry.status = status
    entry.moderation_note = note
    if status == EntryStatus.PUBLISHED:
        entry.published_at = entry.published_at or utcnow()
        if isinstance(entry, Business):
            entry.verified_at = utcnow()  # an editor has checked it against its source
    kind = "business" if isinstance(entry, Business) else "course"
    audit.record(f"catalog.{status}", kind, entry.id, editor, name=_entry_name(entry), note=note)
    if entry.added_by is not None and entry.added_by.id != (editor.id if editor else None):
        notify(entry.added_by, "entry_decided", subject,
               site_path("catalog.entry_detail", kind=entry_kind(entry), entry_id=entry.id), body)


def publish(entry, editor) -> None:
    if entry.status == EntryStatus.PUBLISHED:
        raise Conflict(_l("This entry is already published."))
    if entry.status == EntryStatus.MERGED:
        raise Conflict(_l("This duplicate has already been handled."))
    name = _entry_name(entry)
    _decide(entry, editor, EntryStatus.PUBLISHED, "",
            _l("Published in the CCAN catalog: %(name)s", name=name),
            _l("Hello,\n\nThe entry “%(name)s” you submitted is now published in the CCAN catalog. "
               "Thank you for adding to the research.\n\nCCAN", name=name))


def return_for_changes(entry, editor, note: str) -> None:
    if not (note or "").strip():
        raise DomainError(_l("Tell the submitter what to change."), field="note")
    name = _entry_name(entry)
    _decide(entry, editor, EntryStatus.RETURNED, note.strip(),
            _l("Please revise your catalog entry: %(name)s", name=name),
            _l("Hello,\n\nAn editor returned the entry “%(name)s” with this note:\n\n%(note)s\n\n"
               "Edit the entry and it goes back to the editors.\n\nCCAN", name=name, note=note.strip()))


def reject(entry, editor, note: str) -> None:
    if not (note or "").strip():
        raise DomainError(_l("Give the submitter a reason."), field="note")
    name = _entry_name(entry)
    _decide(entry, editor, EntryStatus.REJECTED, note.strip(),
            _l("Your catalog entry was not accepted: %(name)s", name=name),
            _l("Hello,\n\nAn editor did not accept the entry “%(name)s”. The reason:\n\n%(note)s\n\nCCAN",
               name=name, note=note.strip()))


DECISION_DONE = {
    "publish": _label("Published."),
    "return": _label("Returned to the submitter with your note."),
    "reject": _label("Rejected; the submitter has been told why."),
}


def decide(entry, decision: str, editor, note: str) -> None:
    """An editor's decision (one of DECISIONS) on a waiting entry."""
    if decision == "publish":
        publish(entry, editor)
    elif decision == "return":
        return_for_changes(entry, editor, note)
    elif decision == "reject":
        reject(entry, editor, note)
    else:
        raise DomainError(_l("Choose from the options listed."))


# The queue --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ModerationQueue:
    businesses: list
    courses: list
    duplicates: list
    suggestions: list = ()

    @property
    def entries(self) -> list[tuple[str, object]]:
        """(kind, entry) for every waiting entry, the longest-waiting first."""
        both = [("businesses", e) for e in self.businesses] + [("courses", e) for e in self.courses]
        return sorted(both, key=lambda pair: (pair[1].created_at, pair[0], pair[1].id))

    @property
    def total(self) -> int:
        return len(self.businesses) + len(self.courses) + len(self.duplicates) + len(self.suggestions)


def moderation_queue() -> ModerationQueue:
    """Everything waiting, with what each card shows (sectors, who added it, both duplicates)
    loaded with it: a fixed number of statements however long the queue."""
    return ModerationQueue(
        list(db.session.scalars(select(Business).where(Business.status == EntryStatus.PENDING)
                                .options(selectinload(Business.other_sectors), joinedload(Business.added_by))
                                .order_by(Business.id))),
        list(db.session.scalars(select(Course).where(Course.status == EntryStatus.PENDING)
                                .options(selectinload(Course.sectors), joinedload(Course.added_by))
                                .order_by(Course.id))),
        list(db.session.scalars(select(DuplicateFlag).where(DuplicateFlag.status == "open")
                                .options(joinedload(DuplicateFlag.business), joinedload(DuplicateFlag.duplicate_of))
                                .order_by(DuplicateFlag.id))),
        open_suggestions(),
    )


def current_and_rest(queue: ModerationQueue, first: tuple[str, int] | None = None):
    """The entry an editor decides next (`first` if it is waiting, else the longest-waiting) and the rest."""
    entries = queue.entries
    chosen = next((pair for pair in entries if first and (pair[0], pair[1].id) == first), None)
    if chosen is None:
        chosen = entries[0] if entries else None
    return chosen, [pair for pair in entries if pair is not chosen]


@once_per_request  # the header's badge and the catalog's tab show it on one page
def waiting_count() -> int:
    """Everything waiting for an editor: entries, possible duplicates, suggested corrections, in
    one statement."""
    counts = [select(func.count()).select_from(Business).where(Business.status == EntryStatus.PENDING),
              select(func.count()).select_from(Course).where(Course.status == EntryStatus.PENDING),
              select(func.count()).select_from(DuplicateFlag).where(DuplicateFlag.status == "open"),
              select(func.count()).select_from(CorrectionSuggestion).where(CorrectionSuggestion.status == "open")]
    total = counts[0].scalar_subquery()
    for query in counts[1:]:
        total = total + query.scalar_subquery()
    return db.session.scalar(select(total))


# Duplicates -------------------------------------------------------------------------------------

# What a merge fills in on the entry that stays, from the one that goes, if the first lacks it.
MERGED_FIELDS = {
    "legal_form": _label("Legal form"), "region": _label("Region"), "description": _label("Description"),
    "size_band": _label("Size"), "founded_year": _label("Founded in"), "website": _label("Website"),
    "contact_email": _label("Contact email"), "contact_phone": _label("Contact phone"),
    "source_detail": _label("Source"),
}


@dataclass(frozen=True)
class MergePlan:
    kept: Business  # the earlier entry: it stays, under its own name and address
    retired: Business  # the later one: marked as merged, no longer listed
    filled: list[tuple[str, object, object]]  # (field, its label, the value it takes from the retired entry)
    sectors_added: list[str]
    links_added: list[str]


def merge_plan(flag: DuplicateFlag) -> MergePlan:
    """What merging `flag` would do, shown to the editor before they confirm it."""
    kept, other = flag.duplicate_of, flag.business
    filled = [(name, label, getattr(other, name)) for name, label in MERGED_FIELDS.items()
              if getattr(kept, name) in (None, "") and getattr(other, name) not in (None, "")]
    have = set(kept.sector_slugs)
    links = list(kept.social_links or [])
    return MergePlan(kept, other, filled, [s for s in other.sector_slugs if s not in have],
                     [link for link in (other.social_links or []) if link not in links])


def merge_duplicate(flag: DuplicateFlag, editor) -> Business:
    """Keep the earlier entry, fill its gaps from the later one, and retire the later one."""
    if flag.status != "open":
        raise Conflict(_l("This duplicate has already been handled."))
    plan = merge_plan(flag)
    kept, other = plan.kept, plan.retired
    for name, _label_text, value in plan.filled:
        setattr(kept, name, value)
    kept.social_links = list(kept.social_links or []) + plan.links_added
    kept.other_sectors += [BusinessSector(sector=s) for s in plan.sectors_added]
    other.status = EntryStatus.MERGED
    other.moderation_note = f"#{kept.id}"
    flag.status, flag.decided_by_id = "merged", editor.id if editor else None
    audit.record("catalog.merged", "business", other.id, editor, name=other.name, into=kept.id)
    return kept


def dismiss_duplicate(flag: DuplicateFlag, editor) -> None:
    if flag.status != "open":
        raise Conflict(_l("This duplicate has already been handled."))
    flag.status, flag.decided_by_id = "dismissed", editor.id if editor else None
    audit.record("catalog.duplicate_dismissed", "business", flag.business_id, editor, other=flag.duplicate_of_id)


def get_duplicate_flag(flag_id: int) -> DuplicateFlag:
    flag = db.session.get(DuplicateFlag, flag_id)
    if flag is None:
        raise NotFound(_l("There is no such entry."))
    return flag


# Suggested corrections --------------------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    """An open suggestion with the entry it is about (or None, if that entry is gone)."""

    record: CorrectionSuggestion
    kind: str
    entry: object


def may_suggest(user) -> bool:
    return user is not None and user.is_authenticated and can(user, "catalog.submit")


def open_suggestion_of(kind: str, entry_id: int, author) -> CorrectionSuggestion | None:
    if author is None or not author.is_authenticated:
        return None
    return db.session.scalar(select(CorrectionSuggestion).where(
        CorrectionSuggestion.entry_kind == kind, CorrectionSuggestion.entry_id == entry_id,
        CorrectionSuggestion.author_id == author.id, CorrectionSuggestion.status == "open"))


def suggest_correction(kind: str, entry, author, text: str) -> CorrectionSuggestion:
    """A signed-in member's or editor's note on a published entry: one open per person and entry,
    SUGGESTIONS_PER_DAY a day per person."""
    text = clean_text(text or "")
    if not text.strip():
        raise DomainError(_l("Write what should be corrected."), field="text")
    problem = text_problem(text) or (_l("Use at most %(max)d characters.", max=SUGGESTION_MAX_LENGTH)
                                     if len(text) > SUGGESTION_MAX_LENGTH else None)
    if problem is not None:
        raise DomainError(problem, field="text")
    if open_suggestion_of(kind, entry.id, author) is not None:
        raise Conflict(_l("You have already suggested a correction to this entry; an editor will look at it."),
                       field="text")
    since = utcnow() - timedelta(days=1)
    today = db.session.scalar(select(func.count()).select_from(CorrectionSuggestion).where(
        CorrectionSuggestion.author_id == author.id, CorrectionSuggestion.created_at >= since))
    if today >= SUGGESTIONS_PER_DAY:
        raise DomainError(_l("You have sent %(max)d suggestions today; please try again tomorrow.",
                             max=SUGGESTIONS_PER_DAY), field="text")
    suggestion = CorrectionSuggestion(entry_kind=kind, entry_id=entry.id, author_id=author.id, text=text,
                                      status="open")
    db.session.add(suggestion)
    db.session.flush()
    audit.record("catalog.correction_suggested", "course" if kind == "courses" else "business", entry.id, author,
                 name=_entry_name(entry), suggestion=suggestion.id)
    return suggestion


def open_suggestions() -> list[Suggestion]:
    records = list(db.session.scalars(select(CorrectionSuggestion).where(CorrectionSuggestion.status == "open")
                                      .options(joinedload(CorrectionSuggestion.author))
                                      .order_by(CorrectionSuggestion.created_at, CorrectionSuggestion.id)))
    entries = {}  # (kind, id) -> entry, one statement per kind
    for kind, model in MODELS.items():
        wanted = {r.entry_id for r in records if r.entry_kind == kind}
        if wanted:
            entries.update({(kind, e.id): e for e in db.session.scalars(select(model).where(model.id.in_(wanted)))})
    return [Suggestion(r, r.entry_kind, entries.get((r.entry_kind, r.entry_id))) for r in records]


def get_suggestion(suggestion_id: int) -> CorrectionSuggestion:
    suggestion = db.session.get(CorrectionSuggestion, suggestion_id)
    if suggestion is None:
        raise NotFound(_l("There is no such entry."))
    return suggestion


def close_suggestion(suggestion: CorrectionSuggestion, editor, outcome: str) -> None:
    """An editor has made the correction ("done") or found nothing to change ("dismissed")."""
    if outcome not in ("done", "dismissed"):
        raise DomainError(_l("Choose from the options listed."))
    if suggestion.status != "open":
        raise Conflict(_l("This suggestion has already been dealt with."))
    suggestion.status, suggestion.decided_by_id = outcome, editor.id if editor else None
    audit.record(f"catalog.correction_{outcome}", "suggestion", suggestion.id, editor,
                 entry=f"{suggestion.entry_kind}/{suggestion.entry_id}")
