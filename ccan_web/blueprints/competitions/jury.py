"""The jury: assignments (every juror scores every submitted application, except where they
declared a conflict or applied themselves), scores on the competition's scale, the ranking the
Board previews and overrides, and the results published at once to every applicant."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ccan_web import audit
from ccan_web.blueprints.competitions import services
from ccan_web.blueprints.competitions.models import Assignment, Competition, Entry, EntryFile, Juror, PlaceOverride
from ccan_web.domain import competitions as rules
from ccan_web.domain.competitions import APP_SUBMITTED, JUDGING, PUBLISHED
from ccan_web.domain.errors import Conflict, DomainError, Invalid, NotFound
from ccan_web.domain.messages import Message as _l
from ccan_web.domain.messages import lazy_ngettext
from ccan_web.domain.text import text_problem
from ccan_web.extensions import db


def _submitted(competition: Competition) -> list[Entry]:
    return list(db.session.scalars(select(Entry).where(Entry.competition_id == competition.id,
                                                       Entry.state == APP_SUBMITTED).order_by(Entry.id)))


def assign(competition: Competition) -> int:
    """Give every juror every submitted application they have no assignment for (never their own);
    safe to run again. Returns how many were made."""
    existing = set(db.session.execute(select(Assignment.entry_id, Assignment.juror_id).join(
        Entry, Entry.id == Assignment.entry_id).where(Entry.competition_id == competition.id)).all())
    made = 0
    for entry in _submitted(competition):
        for juror in competition.jurors:
            if (entry.id, juror.id) in existing or juror.user_id == entry.applicant_id:
                continue
            db.session.add(Assignment(entry_id=entry.id, juror_id=juror.id))
            made += 1
    db.session.flush()
    return made


def tell_jurors(competition: Competition) -> None:
    from ccan_web.notifications.services import notify, site_path

    for juror in competition.jurors:
        notify(juror.user, "competition_jury", _l("The judging of %(title)s has begun", title=competition.title),
               site_path("competitions.jury_home"))


# A juror's work ------------------------------------------------------------------------------------

def my_assignments(user) -> list[Assignment]:
    return list(db.session.scalars(select(Assignment).join(Juror, Juror.id == Assignment.juror_id).where(
        Juror.user_id == user.id).order_by(Juror.competition_id.desc(), Assignment.entry_id).options(
        selectinload(Assignment.entry).selectinload(Entry.competition))))


def juror_of(competition: Competition, user) -> Juror | None:
    return next((j for j in competition.jurors if user is not None and j.user_id == getattr(user, "id", None)), None)


def assignment_for(competition: Competition, entry_id: int, user) -> Assignment:
    """The user's own assignment for the application; NotFound for anyone else's (a juror never
    learns whether an application they were not given exists)."""
    juror = juror_of(competition, user)
    found = None if juror is None else db.session.scalar(select(Assignment).where(
        Assignment.juror_id == juror.id, Assignment.entry_id == entry_id).options(
        joinedload(Assignment.entry).selectinload(Entry.files).joinedload(EntryFile.file)))
    if found is None:
        raise NotFound(_l("There is no such assignment."))
    return found


def _judging(competition: Competition) -> None:
    if competition.state != JUDGING:
        raise DomainError(_l("Scores are given only while the competition is being judged."))


def score(competition: Competition, assignment: Assignment, values: dict[int, int | None], comment: str,
          user) -> Assignment:
    """The juror's scores, one per criterion, each on the competition's scale, and a comment."""
    _judging(competition)
    if assignment.juror.user_id != user.id:
        raise NotFound(_l("There is no such assignment."))
    if assignment.conflict:
        raise DomainError(_l("You declared a conflict of interest for this application."))
    problems = []
    for criterion in competition.criteria:
        if problem := rules.score_problem(values.get(criterion.id), competition.scale):
            problems.append(DomainError(problem, field=f"c{criterion.id}"))
    if set(values) - {c.id for c in competition.criteria}:
        problems.append(DomainError(_l("There is no such criterion.")))
    comment = (comment or "").strip()
    if comment and (problem := text_problem(comment)):
        problems.append(DomainError(problem, field="comment"))
    if problems:
        raise Invalid(problems)
    assignment.scores = {str(c.id): values[c.id] for c in competition.criteria}
    assignment.comment = comment[:5000]
    assignment.scored_at = services.now()
    db.session.flush()
    audit.record("competition.scored", "competition_entry", assignment.entry_id, user, competition=competition.slug)
    return assignment


def declare_conflict(competition: Competition, assignment: Assignment, note: str, user) -> Assignment:
    """The juror does not judge this application: their scores (if any) are set aside."""
    if competition.state == PUBLISHED:
        raise DomainError(_l("The results are published: the judging is over."))
    if assignment.juror.user_id != user.id:
        raise NotFound(_l("There is no such assignment."))
    note = (note or "").strip()
    if note and (problem := text_problem(note)):
        raise DomainError(problem, field="note")
    assignment.conflict, assignment.conflict_note = True, note[:2000]
    assignment.scores, assignment.comment, assignment.scored_at = {}, "", None
    db.session.flush()
    audit.record("competition.conflict_declared", "competition_entry", assignment.entry_id, user,
                 competition=competition.slug)
    return assignment


# The ranking ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    place: int
    entry: Entry
    standing: rules.Standing
    override: PlaceOverride | None
    open_assignments: int  # assigned, not yet scored

    @property
    def mean(self) -> Decimal | None:
        return _decimal(self.standing.mean)

    @property
    def spread(self) -> Decimal | None:
        return _decimal(self.standing.spread)


def _decimal(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.001"), ROUND_HALF_UP)


def preview(competition: Competition) -> list[Row]:
    """The ranking as it stands: each submitted application's weighted mean and spread, how many
    scores it still needs, and the Board's overrides."""
    entries = _submitted(competition)
    weights = {c.id: c.weight for c in competition.criteria}
    assignments = list(db.session.scalars(select(Assignment).join(Entry, Entry.id == Assignment.entry_id).where(
        Entry.competition_id == competition.id, Assignment.conflict.is_(False))))
    scores: dict[int, list[Fraction]] = {e.id: [] for e in entries}
    unscored: dict[int, int] = {e.id: 0 for e in entries}
    for assignment in assignments:
        if assignment.entry_id not in scores:
            continue
        value = rules.weighted({int(k): v for k, v in (assignment.scores or {}).items()}, weights)
        if value is None:
            unscored[assignment.entry_id] += 1
        else:
            scores[assignment.entry_id].append(value)
    standings = {e.id: rules.standing(e.id, scores[e.id], competition.min_scores) for e in entries}
    overrides = {o.entry_id: o for o in db.session.scalars(select(PlaceOverride).join(
        Entry, Entry.id == PlaceOverride.entry_id).where(Entry.competition_id == competition.id))}
    order = {e.id: n for n, e in enumerate(sorted(entries, key=lambda e: (e.submitted_at or e.created_at, e.id)))}
    ids = rules.ranking(list(standings.values()), order, {k: o.place for k, o in overrides.items()})
    by_id = {e.id: e for e in entries}
    return [Row(n, by_id[i], standings[i], overrides.get(i), unscored[i]) for n, i in enumerate(ids, start=1)]


def override_place(competition: Competition, entry_id: int, place: int | None, reason: str, actor) -> PlaceOverride | None:
    """Put an application at `place` (None: back where its score puts it), with a written reason."""
    _judging(competition)
    entry = db.session.get(Entry, entry_id)
    if entry is None or entry.competition_id != competition.id or entry.state != APP_SUBMITTED:
        raise NotFound(_l("There is no such application."))
    existing = db.session.scalar(select(PlaceOverride).where(PlaceOverride.entry_id == entry_id))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_l("Write the reason: it is kept in the audit log."), field="reason")
    if problem := text_problem(reason):
        raise DomainError(problem, field="reason")
    if place is not None and not 1 <= place <= len(_submitted(competition)):
        raise DomainError(_l("Give a place from 1 to the number of applications."), field="place")
    if place is None:
        if existing is not None:
            db.session.delete(existing)
        result = None
    else:
        result = existing or PlaceOverride(entry_id=entry_id, place=place, reason=reason)
        result.place, result.reason, result.actor_id = place, reason[:5000], actor.id if actor else None
        db.session.add(result)
    db.session.flush()
    audit.record("competition.place_overridden", "competition_entry", entry_id, actor, competition=competition.slug,
                 place=place, reason=reason)
    return result


def publish_results(competition: Competition, actor, at: datetime | None = None) -> Competition:
    """Publish the ranking at once: refused while an application lacks its minimum of scores; two
    Board members publishing at the same moment publish once (the second is told it is done)."""
    moment = at or services.now()
    rules.step_target("publish", competition.state)
    rows = preview(competition)
    missing = sum(1 for row in rows if row.standing.needs)
    if missing:
        raise DomainError(lazy_ngettext(
            "%(num)d application still needs scores before the results can be published.",
            "%(num)d applications still need scores before the results can be published.", missing))
    if not services.move_state(competition, JUDGING, PUBLISHED, results_published_at=moment):
        raise Conflict(_l("The results were published a moment ago by someone else."))
    for row in rows:
        row.entry.place, row.entry.score = row.place, row.mean
    db.session.flush()
    audit.record("competition.publish", "competition", competition.id, actor, competition=competition.slug,
                 ranked=len(rows))
    _tell_applicants(competition, len(rows))
    return competition


def _tell_applicants(competition: Competition, ranked: int) -> None:
    """Every applicant (not the drafts') in the same transaction as the results: told at the same moment."""
    from ccan_web.notifications.services import notify, site_path

    link = site_path("competitions.results", slug=competition.slug)
    entries = db.session.scalars(select(Entry).where(Entry.competition_id == competition.id,
                                                     Entry.state != rules.APP_DRAFT).options(
        selectinload(Entry.applicant)).order_by(Entry.id))
    for entry in entries:
        if entry.place is not None:
            body = _l("Your application is in place %(place)d of %(count)d.", place=entry.place, count=ranked)
        else:
            body = None
        notify(entry.applicant, "competition_results",
               _l("The results of %(title)s are published", title=competition.title), link, body)


def scores_seen_by(competition: Competition, assignment: Assignment) -> list[Assignment]:
    """Other jurors' scores of the same application: hidden until the results are published."""
    if competition.state != PUBLISHED:
        return []
    return list(db.session.scalars(select(Assignment).where(
        Assignment.entry_id == assignment.entry_id, Assignment.id != assignment.id,
        Assignment.conflict.is_(False)).options(joinedload(Assignment.juror).joinedload(Juror.user))))
