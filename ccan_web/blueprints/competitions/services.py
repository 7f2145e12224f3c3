"""Competitions: the Board's calls (questions, criteria, jurors, steps), the clock that opens and
closes them, and what the public reads (the lists, a call, its results).

Services flush and never commit; they take the actor from the caller. "Now" is read through
`now()` here, which tests patch, so the deadline can be tested at any second. Applications are in
applications.py, the jury and the results in jury.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ccan_web import audit, jobs
from ccan_web.blueprints.accounts.models import RoleGrant, User
from ccan_web.blueprints.competitions.models import Competition, Criterion, Entry, Juror, Question
from ccan_web.db import utcnow
from ccan_web.domain import competitions as rules
from ccan_web.domain import slugs
from ccan_web.domain.competitions import APP_SUBMITTED, DRAFT, JUDGING, OPEN, PUBLISHED
from ccan_web.domain.countries import COUNTRY_CODES
from ccan_web.domain.errors import DomainError, Invalid, NotFound
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.messages import Message as _l
from ccan_web.domain.messages import lazy_ngettext
from ccan_web.domain.roles import Role
from ccan_web.domain.text import line_problem, text_problem
from ccan_web.domain.zones import UnknownZone, to_utc
from ccan_web.extensions import db
from ccan_web.permissions import can


def now() -> datetime:
    return utcnow()


def is_board(user) -> bool:
    return can(user, "competitions.run")


# Reading -------------------------------------------------------------------------------------------

def by_slug(slug: str) -> Competition:
    found = db.session.scalar(select(Competition).where(Competition.slug == slug).options(
        selectinload(Competition.questions), selectinload(Competition.criteria),
        selectinload(Competition.jurors).joinedload(Juror.user)))
    if found is None:
        raise NotFound(_l("There is no such competition."))
    return found


def announced(slug: str) -> Competition | None:
    """The competition at `slug` if the public may see it (announced: any state but a draft), else
    None; what the events area links an event that presents its results to."""
    if not slug or len(slug) > 80:
        return None
    return db.session.scalar(select(Competition).where(Competition.slug == slug, Competition.state != DRAFT))


def visible_to(competition: Competition, user) -> bool:
    """A draft is the Board's alone; every announced call is public."""
    return competition.state != DRAFT or is_board(user)


def phase(competition: Competition, at: datetime | None = None) -> str:
    return rules.phase(competition.state, competition.opens_at, competition.closes_at, at or now())


def accepts_applications(competition: Competition, at: datetime | None = None) -> bool:
    return rules.accepts_applications(competition.state, competition.opens_at, competition.closes_at, at or now())


@dataclass(frozen=True)
class Listing:
    open: list[Competition]
    upcoming: list[Competition]
    past: list[Competition]
    drafts: list[Competition]


def listing(user, at: datetime | None = None) -> Listing:
    """Open calls (closing soonest first), upcoming ones, past ones (newest first); drafts for the Board."""
    moment = at or now()
    query = select(Competition).order_by(Competition.closes_at, Competition.id)
    if not is_board(user):
        query = query.where(Competition.state != DRAFT)
    groups: dict[str, list[Competition]] = {"open": [], "upcoming": [], "past": [], "draft": []}
    for competition in db.session.scalars(query):
        groups[phase(competition, moment)].append(competition)
    return Listing(groups["open"], groups["upcoming"], list(reversed(groups["past"])), groups["draft"])


def question_label(question: Question, locale: str) -> str:
    """The question in the reader's language, or in the first language the Board wrote it in."""
    labels = question.labels or {}
    if labels.get(locale):
        return labels[locale]
    languages = question.competition.languages or []
    for code in [*languages, *labels]:
        if labels.get(code):
            return labels[code]
    return ""


# The Board's call ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CallData:
    title: str
    slug: str
    objective: str
    description: str
    eligible_countries: tuple[str, ...]
    languages: tuple[str, ...]
    opens_local: datetime | None
    closes_local: datetime | None
    zone: str
    scale: int | None = 10
    min_scores: int | None = 2
    prizes: int | None = 3


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _call_problems(data: CallData, competition: Competition | None) -> list[DomainError]:
    problems = []
    if not data.title.strip():
        problems.append(DomainError(_l("This field is required."), field="title"))
    for name, limit, check in (("title", 200, line_problem), ("objective", 500, line_problem),
                               ("description", 20000, text_problem)):
        value = getattr(data, name) or ""
        if len(value) > limit:
            problems.append(DomainError(_l("This text is too long."), field=name))
        elif value and (problem := check(value)):
            problems.append(DomainError(problem, field=name))
    if data.slug and (problem := rules.slug_problem(data.slug)):
        problems.append(DomainError(problem, field="slug"))
    elif data.slug and db.session.scalar(select(Competition.id).where(
            Competition.slug == data.slug, Competition.id != (competition.id if competition else -1))):
        problems.append(DomainError(_l("Another competition has this address; choose another one."), field="slug"))
    if not data.eligible_countries or any(c not in COUNTRY_CODES for c in data.eligible_countries):
        problems.append(DomainError(_l("Choose at least one of the five countries."), field="eligible_countries"))
    if not data.languages or any(code not in LOCALES for code in data.languages):
        problems.append(DomainError(_l("Choose at least one language."), field="languages"))
    for name, low, high in (("scale", 1, rules.MAX_SCALE), ("min_scores", 1, 20), ("prizes", 1, 50)):
        value = getattr(data, name)
        if value is None or not low <= value <= high:
            problems.append(DomainError(_l("Give a number from %(low)d to %(high)d.", low=low, high=high), field=name))
    try:
        opens, closes = _instants(data)
        if problem := rules.times_problem(opens, closes):
            problems.append(DomainError(problem, field="closes_local"))
    except UnknownZone as error:
        problems.append(DomainError(error.message, field="zone"))
    return problems


def _instants(data: CallData) -> tuple[datetime | None, datetime | None]:
    def convert(local):
        return None if local is None else _aware(to_utc(local, data.zone))
    return convert(data.opens_local), convert(data.closes_local)


def _slug_from(title: str) -> str:
    return slugs.numbered(slugs.slugify(title, "competition", rules.RESERVED_SLUGS), lambda slug: (
        slug in rules.RESERVED_SLUGS or db.session.scalar(select(Competition.id).where(Competition.slug == slug))))


def create_call(data: CallData, actor) -> Competition:
    if problems := _call_problems(data, None):
        raise Invalid(problems)
    competition = Competition(slug=data.slug or _slug_from(data.title), state=DRAFT)
    _apply(competition, data)
    db.session.add(competition)
    db.session.flush()
    audit.record("competition.created", "competition", competition.id, actor, competition=competition.slug)
    return competition


def update_call(competition: Competition, data: CallData, actor) -> Competition:
    """Change a call: in full while it is a draft; while open, its texts and its closing time only."""
    if competition.state not in (DRAFT, OPEN):
        raise DomainError(_l("A closed competition can no longer change."))
    if problems := _call_problems(data, competition):
        raise Invalid(problems)
    if competition.state == OPEN and (set(data.eligible_countries) != set(competition.eligible_countries)
                                      or data.scale != competition.scale):
        raise DomainError(_l("Once a call is open, who may apply and the scale can no longer change."))
    old = (competition.opens_at, competition.closes_at)
    _apply(competition, data)
    if competition.state == OPEN and competition.opens_at != old[0] and old[0] <= now():
        competition.opens_at = old[0]  # an opening already past stays as it was
    db.session.flush()
    audit.record("competition.edited", "competition", competition.id, actor, competition=competition.slug,
                 closes_at=competition.closes_at.isoformat())
    return competition


def _apply(competition: Competition, data: CallData) -> None:
    competition.title, competition.objective = data.title.strip(), data.objective.strip()
    competition.description = data.description.strip()
    if data.slug:
        competition.slug = data.slug
    competition.eligible_countries = [c for c in COUNTRY_CODES if c in data.eligible_countries]
    competition.languages = [code for code in LOCALES if code in data.languages]
    competition.opens_at, competition.closes_at = _instants(data)
    competition.zone = data.zone
    competition.scale, competition.min_scores, competition.prizes = data.scale, data.min_scores, data.prizes


def call_data_of(competition: Competition) -> dict:
    from ccan_web.domain.zones import local_input

    return {"title": competition.title, "slug": competition.slug, "objective": competition.objective,
            "description": competition.description, "eligible_countries": list(competition.eligible_countries),
            "languages": list(competition.languages), "zone": competition.zone,
            "opens_local": local_input(competition.opens_at, competition.zone),
            "closes_local": local_input(competition.closes_at, competition.zone),
            "scale": competition.scale, "min_scores": competition.min_scores, "prizes": competition.prizes}


def _only_in_draft(competition: Competition) -> None:
    if competition.state != DRAFT:
        raise DomainError(_l("Questions and criteria change only while the call is a draft."))


def add_question(competition: Competition, kind: str, labels: dict[str, str], options: list[str], required: bool,
                 actor) -> Question:
    _only_in_draft(competition)
    if kind not in rules.QUESTION_KINDS:
        raise DomainError(_l("Choose a kind of question."), field="kind")
    labels = {code: text.strip() for code, text in labels.items() if code in LOCALES and (text or "").strip()}
    missing = [code for code in competition.languages if code not in labels]
    if missing:
        raise DomainError(_l("Write the question in every language of the call."), field=f"label_{missing[0]}")
    for code, text in labels.items():
        if len(text) > 500 or line_problem(text):
            raise DomainError(line_problem(text) or _l("This text is too long."), field=f"label_{code}")
    options = [option.strip() for option in options if option.strip()]
    if kind == "choice" and len(options) < 2:
        raise DomainError(_l("Give at least two options, one a line."), field="options")
    question = Question(kind=kind, labels=labels, options=options if kind == "choice" else [], required=required,
                        position=len(competition.questions))
    competition.questions.append(question)
    db.session.flush()
    audit.record("competition.question_added", "competition", competition.id, actor, question=question.id)
    return question


def remove_question(competition: Competition, question_id: int, actor) -> None:
    _only_in_draft(competition)
    question = next((q for q in competition.questions if q.id == question_id), None)
    if question is None:
        raise NotFound(_l("There is no such question."))
    competition.questions.remove(question)
    db.session.flush()
    audit.record("competition.question_removed", "competition", competition.id, actor, question=question_id)


def add_criterion(competition: Competition, name: str, description: str, weight: int | None, actor) -> Criterion:
    _only_in_draft(competition)
    name = (name or "").strip()
    if not name:
        raise DomainError(_l("This field is required."), field="name")
    if problem := line_problem(name):
        raise DomainError(problem, field="name")
    if description and (problem := text_problem(description)):
        raise DomainError(problem, field="description")
    if weight is None or not 1 <= weight <= rules.MAX_WEIGHT:
        raise DomainError(_l("Give a number from %(low)d to %(high)d.", low=1, high=rules.MAX_WEIGHT), field="weight")
    criterion = Criterion(name=name[:200], description=(description or "").strip()[:2000], weight=weight,
                          position=len(competition.criteria))
    competition.criteria.append(criterion)
    db.session.flush()
    audit.record("competition.criterion_added", "competition", competition.id, actor, criterion=criterion.id)
    return criterion


def remove_criterion(competition: Competition, criterion_id: int, actor) -> None:
    _only_in_draft(competition)
    criterion = next((c for c in competition.criteria if c.id == criterion_id), None)
    if criterion is None:
        raise NotFound(_l("There is no such criterion."))
    competition.criteria.remove(criterion)
    db.session.flush()
    audit.record("competition.criterion_removed", "competition", competition.id, actor, criterion=criterion_id)


def add_juror(competition: Competition, email: str, actor) -> Juror:
    from ccan_web.blueprints.competitions import jury

    if competition.state == PUBLISHED:
        raise DomainError(_l("The results are published: the jury can no longer change."))
    user = db.session.scalar(select(User).where(func.lower(User.email) == (email or "").strip().lower()))
    if user is None or not can(user, "competitions.judge"):
        raise DomainError(_l("No member has this email address."), field="email")
    if any(j.user_id == user.id for j in competition.jurors):
        raise DomainError(_l("This person is already on the jury."), field="email")
    juror = Juror(user=user)
    competition.jurors.append(juror)
    db.session.flush()
    audit.record("competition.juror_added", "competition", competition.id, actor, juror=user.id)
    if competition.state == JUDGING:
        jury.assign(competition)
    return juror


def remove_juror(competition: Competition, juror_id: int, actor) -> None:
    if competition.state in (JUDGING, PUBLISHED):
        raise DomainError(_l("Once the judging has begun, the jury can no longer lose a member."))
    juror = next((j for j in competition.jurors if j.id == juror_id), None)
    if juror is None:
        raise NotFound(_l("There is no such juror."))
    competition.jurors.remove(juror)
    db.session.flush()
    audit.record("competition.juror_removed", "competition", competition.id, actor, juror=juror.user_id)


# Steps -------------------------------------------------------------------------------------------

def take_step(competition: Competition, action: str, actor, at: datetime | None = None) -> Competition:
    """Announce, close (early) or start judging; publishing is jury.publish_results."""
    from ccan_web.blueprints.competitions import jury

    moment = at or now()
    if action == "publish":
        return jury.publish_results(competition, actor, moment)
    target = rules.step_target(action, competition.state)
    if action == "announce":
        if not competition.questions or not competition.criteria:
            raise DomainError(_l("A call needs at least one question and one criterion before it is announced."))
        if competition.closes_at <= moment:
            raise DomainError(_l("The closing time is past: set a later one before announcing the call."))
    if action == "judge" and not competition.jurors:
        raise DomainError(_l("Name the jurors before the judging begins."))
    # A conditional update: two Board members taking the same step at once take it once.
    if not move_state(competition, competition.state, target):
        raise DomainError(_l("Someone else took this step a moment ago."))
    if action == "close" and competition.closes_at > moment:
        competition.closes_at = moment
    audit.record(f"competition.{action}", "competition", competition.id, actor, competition=competition.slug)
    if action == "announce" and competition.opens_at <= moment and competition.opening_announced_at is None:
        _announce_opening(competition, moment)
    if action == "close":
        _announce_closing(competition, moment)
    if action == "judge":
        jury.assign(competition)
        jury.tell_jurors(competition)
    db.session.flush()
    return competition


def move_state(competition: Competition, source: str, target: str, **values) -> bool:
    """Move the competition from `source` to `target` by a conditional UPDATE: True for the one
    request that does it, False for any other that tried at the same moment (nothing changed)."""
    from sqlalchemy import update

    done = db.session.execute(update(Competition).where(Competition.id == competition.id, Competition.state == source)
                              .values(state=target, **values).execution_options(synchronize_session=False)).rowcount
    if done:
        competition.state = target
        for name, value in values.items():
            setattr(competition, name, value)
    return bool(done)


def _members() -> list[User]:
    return list(db.session.scalars(select(User).join(RoleGrant, RoleGrant.user_id == User.id).where(
        RoleGrant.role == Role.MEMBER.value).distinct().order_by(User.id)))


def _board() -> list[User]:
    return list(db.session.scalars(select(User).join(RoleGrant, RoleGrant.user_id == User.id).where(
        RoleGrant.role.in_([Role.BOARD.value])).distinct().order_by(User.id)))


def _announce_opening(competition: Competition, moment: datetime) -> None:
    from ccan_web.notifications.services import notify, site_path

    competition.opening_announced_at = moment
    link = site_path("competitions.detail", slug=competition.slug)
    for member in _members():
        notify(member, "competition_opened", _l("A competition is open: %(title)s", title=competition.title), link)


def _announce_closing(competition: Competition, moment: datetime) -> None:
    from ccan_web.notifications.services import notify, site_path

    competition.closing_announced_at = moment
    submitted = db.session.scalar(select(func.count(Entry.id)).where(
        Entry.competition_id == competition.id, Entry.state == APP_SUBMITTED)) or 0
    link = site_path("competitions.applications_list", slug=competition.slug)
    for member in _board():
        notify(member, "competition_closed", lazy_ngettext(
            "A competition closed: %(title)s (%(num)d application)",
            "A competition closed: %(title)s (%(num)d applications)", submitted, title=competition.title), link)


def run_clock(at: datetime | None = None) -> dict[str, list[str]]:
    """Open and close the calls whose instants have come (the job runs this every minute; running
    it twice does nothing more): an announced call's opening is told to the members once, and a
    call whose closing instant is past is closed, once, and told to the Board."""
    moment = at or now()
    done: dict[str, list[str]] = {"opened": [], "closed": []}
    due_opening = db.session.scalars(select(Competition).where(
        Competition.state == OPEN, Competition.opens_at <= moment, Competition.opening_announced_at.is_(None))
        .order_by(Competition.id))
    for competition in due_opening:
        _announce_opening(competition, moment)
        done["opened"].append(competition.slug)
    due_closing = db.session.scalars(select(Competition).where(
        Competition.state == OPEN, Competition.closes_at <= moment).order_by(Competition.id))
    for competition in due_closing:
        if move_state(competition, OPEN, rules.CLOSED):
            audit.record("competition.closed_on_time", "competition", competition.id, None,
                         competition=competition.slug)
            _announce_closing(competition, moment)
            done["closed"].append(competition.slug)
    db.session.flush()
    return done


@jobs.periodic("competitions.clock", minute="*")
def clock_task() -> None:
    run_clock()


# The public results --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Winner:
    place: int
    name: str
    country: str
    sector: str
    score: Decimal | None


@dataclass(frozen=True)
class ResultsSummary:
    """What the public reads of a competition's results (the events area shows it too)."""

    slug: str
    title: str
    published_at: datetime
    applications: int
    countries: list[tuple[str, int]]
    sectors: list[tuple[str, int]]
    ranking: list[Winner]
    prizes: int
    jury: list[str]

    @property
    def winners(self) -> list[Winner]:
        return self.ranking[:self.prizes]


def results_summary(slug: str) -> ResultsSummary | None:
    """A competition's published results: the ranking, its winners, the counts by country and
    sector, and the jury; None while they are not published (or there is no such competition)."""
    competition = db.session.scalar(select(Competition).where(Competition.slug == slug).options(
        selectinload(Competition.jurors).joinedload(Juror.user)))
    if competition is None or competition.state != PUBLISHED:
        return None
    entries = list(db.session.scalars(select(Entry).where(
        Entry.competition_id == competition.id, Entry.state == APP_SUBMITTED).order_by(
        Entry.place.is_(None), Entry.place, Entry.id)))
    return ResultsSummary(
        slug=competition.slug, title=competition.title, published_at=competition.results_published_at,
        applications=len(entries), countries=rules.counts([e.country for e in entries]),
        sectors=rules.counts([e.sector for e in entries]),
        ranking=[Winner(e.place, e.name, e.country, e.sector, e.score) for e in entries if e.place is not None],
        prizes=competition.prizes, jury=[j.user.full_name for j in competition.jurors])


def public_count() -> int:
    return db.session.scalar(select(func.count(Competition.id)).where(Competition.state != DRAFT)) or 0


def sitemap_rows(offset: int, limit: int) -> list[tuple[str, str, datetime]]:
    return list(db.session.execute(select(Competition.slug, Competition.state, Competition.updated_at).where(
        Competition.state != DRAFT).order_by(Competition.id).offset(offset).limit(limit)))
