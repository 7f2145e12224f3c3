"""Operations on versioned documents: create, save with merge, restore, undo, fork, pull, publish."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import func, select, update
from sqlalchemy.orm import defer, joinedload

from ccan_web import audit
from ccan_web.documents.merge import MergeResult, three_way
from ccan_web.documents.models import Document, Revision
from ccan_web.documents.sections import replace_section, split_sections
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.extensions import db

# A roadmap is tens of kilobytes; this leaves ample room and refuses an accidental 2 MB paste.
MAX_BODY_CHARS = 500_000
MAX_SUMMARY_CHARS = 300
# How often a save re-merges when others keep saving in between before it gives up.
MAX_SAVE_ATTEMPTS = 5


class NothingChanged(DomainError):
    pass


class SaveRace(DomainError):
    """Others saved so often in between that this save could not catch up; nothing was lost."""


def normalise_body(text: str) -> str:
    """One line ending everywhere and a final newline, so that merges work on whole lines."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text if not text or text.endswith("\n") else text + "\n"


def _check_body(body: str) -> None:
    if len(body) > MAX_BODY_CHARS:
        raise DomainError(lazy_ngettext("The text is too long: at most %(num)d character.",
                                        "The text is too long: at most %(num)d characters.", MAX_BODY_CHARS),
                          field="body")
    if not body.strip():
        raise DomainError(_l("The text is empty."), field="body")


@dataclass(frozen=True)
class SaveOutcome:
    """What a save did: a new revision (perhaps merged with others' revisions), or a conflict."""

    revision: Revision | None = None
    merged_with: tuple[Revision, ...] = ()
    conflict: MergeResult | None = None
    head_number: int = 0
    base_number: int = 0

    @property
    def saved(self) -> bool:
        return self.revision is not None


def get_document(slug: str) -> Document:
    document = db.session.scalar(select(Document).where(Document.slug == slug))
    if document is None:
        raise NotFound(_l("There is no such document."))
    return document


def get_revision(document: Document, number: int) -> Revision:
    revision = db.session.scalar(
        select(Revision).where(Revision.document_id == document.id, Revision.number == number)
        .options(joinedload(Revision.author)))
    if revision is None:
        raise NotFound(_l("This document has no revision %(number)s.", number=number))
    return revision


def current_head(document: Document) -> int:
    """The head as the database has it now, not as this session last saw it."""
    return db.session.scalar(select(Document.head_number).where(Document.id == document.id)) or 0


def head_revision(document: Document) -> Revision | None:
    head = current_head(document)
    return get_revision(document, head) if head else None


def create_document(slug: str, kind: str, title: str, body: str, author=None, *, country=None,
                    summary: str = "", upstream: Document | None = None,
                    upstream_number: int | None = None, language: str = "en") -> Document:
    body = normalise_body(body)
    _check_body(body)
    document = Document(slug=slug, kind=kind, title=title, country=country, head_number=1, language=language,
                        upstream=upstream, synced_upstream_number=upstream_number)
    db.session.add(document)
    db.session.flush()
    db.session.add(Revision(document=document, number=1, body=body, summary=summary[:MAX_SUMMARY_CHARS],
                            author_id=author.id if author else None, size=len(body),
                            upstream_number=upstream_number))
    db.session.flush()
    return document


def _locked_head(document: Document) -> int:
    """The head, with the document's row locked until this transaction ends (PostgreSQL), so that
    fifty editors saving at once take turns instead of racing each other's merges. SQLite has no
    row locks: there the compare-and-set alone decides, and a save that lost retries holding the
    database's write lock, which it took with its first UPDATE."""
    return db.session.scalar(
        select(Document.head_number).where(Document.id == document.id).with_for_update()) or 0


def _claim_next_number(document: Document, head: int) -> bool:
    """Compare-and-set the head from `head` to `head + 1`; False if someone saved in between.

    The UPDATE takes the row (PostgreSQL) or the database (SQLite) for this transaction, so a
    racing save waits here and then finds the head moved.
    """
    result = db.session.execute(
        update(Document)
        .where(Document.id == document.id, Document.head_number == head)
        .values(head_number=head + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def save(document: Document, base_number: int, body: str, author=None, summary: str = "",
         upstream_number: int | None = None) -> SaveOutcome:
    """Save `body`, edited from revision `base_number`, as the document's next revision.

    If others saved since `base_number`, their changes and this one are merged three-way:
    a clean merge is saved (and says with whose revisions); overlapping edits save nothing and
    return the conflict, so the caller can show both versions. The user's text is never lost.
    """
    body = normalise_body(body)
    _check_body(body)
    if len(summary) > MAX_SUMMARY_CHARS:
        raise DomainError(lazy_ngettext("Keep the summary under %(num)d character.",
                                        "Keep the summary under %(num)d characters.", MAX_SUMMARY_CHARS),
                          field="summary")
    base = get_revision(document, base_number)
    for _attempt in range(MAX_SAVE_ATTEMPTS):
        head = _locked_head(document)
        merged_with: tuple[Revision, ...] = ()
        text = body
        if head != base_number:
            theirs = get_revision(document, head)
            result = three_way(base.body, theirs.body, body)
            if not result.clean:
                return SaveOutcome(conflict=result, head_number=head, base_number=base_number)
            text = result.text
            merged_with = tuple(db.session.scalars(
                select(Revision).where(Revision.document_id == document.id,
                                       Revision.number > base_number, Revision.number <= head)
                .order_by(Revision.number)))
        if text == get_revision(document, head).body:
            raise NothingChanged(_l("Nothing changed: the text is the same as the current version."))
        if _claim_next_number(document, head):
            revision = Revision(document_id=document.id, number=head + 1, body=text,
                                summary=summary.strip(), author_id=author.id if author else None,
                                parent_number=base_number, size=len(text),
                                upstream_number=upstream_number if upstream_number is not None
                                else _synced_upstream(document))
            db.session.add(revision)
            db.session.flush()
            db.session.refresh(document)
            return SaveOutcome(revision=revision, merged_with=merged_with, head_number=head + 1,
                               base_number=base_number)
    raise SaveRace(_l("Others saved this document many times in a row. Your text is kept below; "
                      "save it again."))


def _synced_upstream(document: Document) -> int | None:
    return db.session.scalar(
        select(Document.synced_upstream_number).where(Document.id == document.id))


def restore(document: Document, number: int, author=None) -> SaveOutcome:
    """Make an old revision's text the newest revision (history itself never changes)."""
    old = get_revision(document, number)
    head = current_head(document)
    return save(document, head, old.body, author,
                summary=str(_l("Restored revision %(number)s", number=number)))


def undo(document: Document, number: int, author=None) -> SaveOutcome:
    """Take back what revision `number` changed while keeping every later revision.

    As MediaWiki's undo: a three-way merge of the head with the text before `number`, based on
    `number` itself; if later edits touched the same lines, the conflict comes back instead.
    """
    if number < 2:
        raise DomainError(_l("The first revision cannot be undone; restore another one instead."))
    undone = get_revision(document, number)
    before = get_revision(document, number - 1)
    head = head_revision(document)
    result = three_way(undone.body, head.body, before.body)
    summary = str(_l("Undid revision %(number)s", number=number))
    if not result.clean:
        return SaveOutcome(conflict=result, head_number=head.number, base_number=head.number)
    return save(document, head.number, result.text, author, summary=summary)


def fork(upstream: Document, upstream_number: int, slug: str, title: str, author=None,
         *, country: str | None = None, kind: str = "adaptation") -> Document:
    """A new document that starts as revision `upstream_number` of `upstream` and follows it."""
    start = get_revision(upstream, upstream_number)
    return create_document(slug, kind, title, start.body, author, country=country, upstream=upstream,
                           upstream_number=upstream_number, language=upstream.language,
                           summary=str(_l("Started from revision %(number)s of %(title)s",
                                          number=upstream_number, title=upstream.title)))


@dataclass(frozen=True)
class UpstreamStatus:
    synced_number: int
    upstream_head: int
    changed_revisions: list = field(default_factory=list)

    @property
    def behind(self) -> int:
        return self.upstream_head - self.synced_number


def upstream_status(document: Document) -> UpstreamStatus:
    """How far the fork is behind its upstream, and the upstream revisions it has not taken in."""
    if document.upstream is None:
        raise DomainError(_l("This document does not follow another one."))
    synced = _synced_upstream(document) or 0
    head = current_head(document.upstream)
    changed = list(db.session.scalars(
        select(Revision).where(Revision.document_id == document.upstream_id, Revision.number > synced)
        .order_by(Revision.number)))
    return UpstreamStatus(synced, head, changed)


def pull_upstream(document: Document, author=None) -> SaveOutcome:
    """Bring the upstream's changes into the fork: base = upstream as last synced, theirs =
    upstream head, mine = the fork's head. Deliberate differences of the fork are kept."""
    status = upstream_status(document)
    if status.behind <= 0:
        raise NothingChanged(_l("This version already has every change of the regional text."))
    base = get_revision(document.upstream, status.synced_number)
    theirs = get_revision(document.upstream, status.upstream_head)
    mine = head_revision(document)
    result = three_way(base.body, theirs.body, mine.body)
    if not result.clean:
        return SaveOutcome(conflict=result, head_number=mine.number, base_number=mine.number)
    return finish_pull(document, mine.number, result.text, status.upstream_head, author)


def finish_pull(document: Document, base_number: int, text: str, upstream_number: int, author=None) -> SaveOutcome:
    """Save a pulled (or conflict-resolved) text and record the new sync point, in one transaction.

    Saved from `base_number`, it merges with what others saved meanwhile (another officer may have
    pulled the same changes); a merge that gives today's text saves nothing new, and the sync
    point never moves back to an older regional revision."""
    summary = str(_l("Took in the regional changes up to revision %(number)s", number=upstream_number))
    head = current_head(document)
    outcome = SaveOutcome(head_number=head, base_number=base_number)
    if text != get_revision(document, head).body:
        try:
            outcome = save(document, base_number, text, author, summary=summary, upstream_number=upstream_number)
        except NothingChanged:
            pass
        if outcome.conflict is not None:
            return outcome
    db.session.execute(update(Document).where(
        Document.id == document.id,
        func.coalesce(Document.synced_upstream_number, 0) < upstream_number,
    ).values(synced_upstream_number=upstream_number).execution_options(synchronize_session=False))
    db.session.refresh(document)
    return outcome


def publish(document: Document, number: int, actor=None) -> Revision:
    revision = get_revision(document, number)
    document.published_number = number
    audit.record("document.published", "document", document.id, actor, slug=document.slug, number=number)
    return revision


def revision_count(document: Document) -> int:
    return db.session.scalar(select(func.count(Revision.id)).where(Revision.document_id == document.id)) or 0


def history_query(document: Document):
    # A history lists sizes, never texts: fifty whole copies of a long document are not read for it.
    return (select(Revision).where(Revision.document_id == document.id)
            .options(defer(Revision.body), joinedload(Revision.author)).order_by(Revision.number.desc()))


def revisions_between(document: Document, after: int, upto: int) -> list[Revision]:
    """Revisions numbered after `after` up to `upto`, oldest first."""
    return list(db.session.scalars(
        select(Revision).where(Revision.document_id == document.id, Revision.number > after,
                               Revision.number <= upto)
        .options(joinedload(Revision.author)).order_by(Revision.number)))


def previous_sizes(document: Document, revisions) -> dict[int, int]:
    """Size of the revision numbered just before each of `revisions`, for "+120" in the history."""
    numbers = [r.number - 1 for r in revisions]
    rows = db.session.execute(select(Revision.number, Revision.size).where(
        Revision.document_id == document.id, Revision.number.in_(numbers))).all()
    return dict(rows)


def text_to_save(document: Document, base_number: int, body: str, section: int | None) -> str:
    """The whole document to save: the edited section put back into the revision it came from."""
    if section is None:
        return body
    base = get_revision(document, base_number)
    try:
        return replace_section(base.body, section, normalise_body(body))
    except ValueError:
        raise DomainError(_l("That section no longer exists; edit the whole text instead."))


def section_text(document: Document, number: int, section: int | None) -> str:
    """The text of revision `number`, or of one of its sections, to edit."""
    body = get_revision(document, number).body
    if section is None:
        return body
    sections = split_sections(body)
    if not 0 <= section < len(sections):
        raise NotFound(_l("There is no such section."))
    return sections[section].text
