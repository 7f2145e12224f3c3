"""The national associations: reading the five, changing their status and profile, keeping the history,
and telling the Board. Services flush; the request commits."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ccan_web import audit
from ccan_web.blueprints.accounts.models import RoleGrant, User
from ccan_web.blueprints.associations.models import Association, AssociationChange, PartnershipDeclaration
from ccan_web.blueprints.board.services import board_members
from ccan_web.blueprints.main.services import network_figures
from ccan_web.blueprints.roadmap import national_map
from ccan_web.blueprints.roadmap import services as roadmap_services
from ccan_web.blueprints.toolkit import services as toolkit_services
from ccan_web.domain import associations as rules
from ccan_web.domain.associations import PROFILE_FIELDS
from ccan_web.domain.countries import COUNTRIES, Country, country_name
from ccan_web.db import claim_version, insert_or_nothing, utcnow
from ccan_web.domain.edits import changed_meanwhile, shown
from ccan_web.domain.errors import Conflict, DomainError, Invalid, NotFound
from ccan_web.domain.messages import Message
from ccan_web.domain.roles import Role
from ccan_web.extensions import db
from ccan_web.notifications.services import notify, site_path
from ccan_web.permissions import can
from ccan_web.storage import LOGO
from ccan_web.storage import files as stored_files

_BY_CODE = {c.code: c for c in COUNTRIES}


def country_of(cc: str) -> Country:
    """The country a URL's lower-case code names; NotFound for anything else (upper case too)."""
    if cc != cc.lower() or cc.upper() not in _BY_CODE:
        raise NotFound(_l("There is no such association."))
    return _BY_CODE[cc.upper()]


def by_country() -> dict[str, Association]:
    found = {a.country: a for a in db.session.scalars(select(Association).options(joinedload(Association.logo)))}
    # A country whose row is missing has an association not started yet: shown, never stored by a read.
    return {c.code: found.get(c.code) or Association(country=c.code, status=rules.NOT_STARTED, version=0,
                                                     funding_sources=[], suspension_reason="")
            for c in COUNTRIES}


def find(code: str) -> Association:
    return by_country()[code]


def for_update(code: str) -> Association:
    """The association's row, created (not started) the first time someone changes it."""
    association = db.session.scalar(select(Association).where(Association.country == code))
    if association is None:  # two first changes at the same moment make one row
        insert_or_nothing(db.session, Association, dict(
            country=code, status=rules.NOT_STARTED, version=0, funding_sources=[], suspension_reason="",
            created_at=utcnow(), updated_at=utcnow()), ["country"])
        association = db.session.scalar(select(Association).where(Association.country == code))
        association.updated_at = utcnow()  # a change the session sees, so search indexes the new row
    return association


def officers_by_country() -> dict[str, list[User]]:
    rows = db.session.execute(
        select(RoleGrant.scope, User)
        .join(User, User.id == RoleGrant.user_id)
        .where(RoleGrant.role == Role.ASSOCIATION_OFFICER.value, User.is_active.is_(True))
        .order_by(User.full_name, User.id)
    ).all()
    officers: dict[str, list[User]] = {c.code: [] for c in COUNTRIES}
    for scope, user in rows:
        if scope in officers:
            officers[scope].append(user)
    return officers


@dataclass(frozen=True)
class Summary:
    """One association as the pages show it, with what it is compared by."""

    country: Country
    association: Association
    officers: list[User]
    members: int
    roadmap: roadmap_services.RoadmapEntry
    declaration: PartnershipDeclaration | None = None  # the latest
    declaration_current: bool = False  # it accepted the terms' published revisions
    checklist: object = None  # its founding checklist's completion, once there is a checklist
    standing: object = None  # good standing / report overdue, once reports are due
    extra: dict = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.country.code.lower()

    @property
    def partner(self) -> bool:
        """The partner badge: a CCAN partner whose declaration accepted the terms in force."""
        return self.association.status == rules.PARTNER and self.declaration_current

    @property
    def renewal_due(self) -> bool:
        """A partner whose accepted terms have a newer published version since."""
        return self.association.status == rules.PARTNER and not self.declaration_current

    @property
    def status(self) -> str:
        return self.association.status

    @property
    def status_label(self):
        return rules.status_label(self.association.status)

    @property
    def name(self) -> str:
        return self.association.name_en or ""


def summaries() -> list[Summary]:
    """The five associations, in the order of the URL map."""
    rows, officers = by_country(), officers_by_country()
    members = network_figures().members_by_country
    roadmaps = {entry.country: entry for entry in roadmap_services.overview() if entry.country}
    declarations, terms = latest_declarations(), toolkit_services.current_terms()
    from ccan_web.blueprints.associations import answers, reports  # they build on this module

    checklists, standings = answers.completions(rows), reports.standings(rows)
    summaries = []
    for c in COUNTRIES:
        declaration = declarations.get(rows[c.code].id)
        summaries.append(Summary(c, rows[c.code], officers[c.code], members[c.code], roadmaps[c.code],
                                 declaration=declaration, declaration_current=is_current(declaration, terms),
                                 checklist=checklists.get(c.code), standing=standings.get(c.code)))
    return summaries


def roadmap_lag(code: str, drafts: bool) -> national_map.AdaptationLag:
    """How far the country's adaptation is behind the regional roadmap, section by section: from the
    drafts (what the association would pull) for those who may read them, else the published texts."""
    return national_map.adaptation_lag(code, national_map.DRAFTS if drafts else national_map.PUBLISHED)


def summary(cc: str) -> Summary:
    country = country_of(cc)
    return next(s for s in summaries() if s.country.code == country.code)


@dataclass(frozen=True)
class Figures:
    initiated: int
    founded: int
    partners: int


def figures() -> Figures:
    """How many associations are initiated, founded (registered or partner) and CCAN partners."""
    rows = list(db.session.execute(select(Association.status, Association.suspended_from)))
    return Figures(sum(rules.is_initiated(status) for status, _ in rows),
                   sum(rules.is_founded(status, was) for status, was in rows),
                   sum(status == rules.PARTNER for status, _ in rows))


# Who may do what ------------------------------------------------------------------------------

def may_edit(user, code: str) -> bool:
    """The country's association officers and the Board keep the association's profile and status."""
    return can(user, "associations.edit", code)


def is_board(user) -> bool:
    return can(user, "associations.suspend")


def history(association: Association) -> list[AssociationChange]:
    if association.id is None:
        return []
    return list(db.session.scalars(select(AssociationChange).options(joinedload(AssociationChange.actor))
                                   .where(AssociationChange.association_id == association.id)
                                   .order_by(AssociationChange.id.desc())))


def _claim(association: Association, expected: int | None) -> bool:
    """Compare-and-set the association's version from the one the form was filled from; False if
    someone saved in between. The UPDATE holds the row (the database on SQLite) until the commit;
    the ORM still holds the old number, which _record moves on by one, to what the claim wrote."""
    if expected is not None and expected != association.version:
        return False
    return claim_version(db.session, Association, association.id, association.version)


_SAVED_MEANWHILE = _l("Someone changed this association while you were editing it. What you typed is kept; the "
                      "fields they changed say what they now hold. Save again to keep yours.")


def _changed_under(association: Association, data: ProfileData) -> Invalid | None:
    current = profile_of(association)
    return changed_meanwhile(
        {name: getattr(current, name) for name in PROFILE_FIELDS}, {name: getattr(data, name) for name in PROFILE_FIELDS},
        PROFILE_FIELDS, _SAVED_MEANWHILE,
        show=lambda name, value: shown([rules.FUNDING_SOURCES.get(v, v) for v in value] if name == "funding_sources"
                                       else value))


def _record(association: Association, actor, kind: str, *, from_status=None, to_status=None, reason="",
            details=None) -> AssociationChange:
    change = AssociationChange(association_id=association.id, actor_id=actor.id if actor else None, kind=kind,
                               from_status=from_status, to_status=to_status, reason=reason, details=details or {})
    db.session.add(change)
    association.version += 1
    audit.record(f"association.{kind}", "association", association.id, actor, country=association.country,
                 from_status=from_status, to_status=to_status, reason=reason, fields=sorted((details or {}).keys()))
    return change


def _tell_board(association: Association, title: Message, actor) -> None:
    link = site_path("associations.detail", cc=association.country.lower())
    for member in board_members():
        if actor is None or member.id != actor.id:
            notify(member, "association_changed", title, link)


def change_status(code: str, target: str, reason: str, actor, expected_version: int | None = None,
                  declared: bool = False) -> Association:
    """Move the association along its lifecycle (or suspend it, or lift a suspension), dated,
    attributed, audited and kept as history; the Board is told."""
    association = for_update(code)
    if not _claim(association, expected_version):
        db.session.refresh(association)
        raise Conflict(_l("Someone changed this association while you were choosing: it is now “%(status)s”. "
                          "Your choice and reason are kept; save again if they still apply.",
                          status=rules.status_label(association.status)))
    reason = (reason or "").strip()
    rules.check_transition(association.status, association.suspended_from, target, reason,
                           is_board=is_board(actor), declared=declared)
    before = association.status
    if target == rules.SUSPENDED:
        association.suspended_from, association.suspension_reason = before, reason
    else:
        association.suspended_from, association.suspension_reason = None, ""
    association.status = target
    _record(association, actor, "status", from_status=before, to_status=target, reason=reason)
    _tell_board(association, Message("The association of %(country)s is now “%(status)s”.",
                                     country=str(country_name(code)), status=str(rules.status_label(target))), actor)
    return association


@dataclass(frozen=True)
class ProfileData:
    name_national: str = ""
    name_ru: str = ""
    name_en: str = ""
    legal_structure: str = ""
    registration_number: str = ""
    registration_date: date | None = None
    funding_sources: tuple[str, ...] = ()
    members_count: int | None = None
    board_count: int | None = None
    contact_email: str = ""
    contact_phone: str = ""
    address: str = ""
    website: str = ""
    logo_alt: str = ""
    description: str = ""


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str


def profile_of(association: Association) -> ProfileData:
    return ProfileData(**{name: (tuple(getattr(association, name) or ()) if name == "funding_sources"
                                 else getattr(association, name)) for name in PROFILE_FIELDS})


def update_profile(code: str, data: ProfileData, actor, expected_version: int | None = None,
                   logo: Upload | None = None, remove_logo: bool = False) -> Association:
    """Save the profile; a logo is checked and stored through the storage service (an image of at
    most 2 MB, with web variants) and needs its alt text. Only what changed is recorded."""
    association = for_update(code)
    if not _claim(association, expected_version):
        db.session.refresh(association)
        problem = _changed_under(association, data)
        if problem is not None:
            raise problem
        if not _claim(association, association.version):  # they typed what is saved: go on from the new version
            raise _changed_under(association, data) or Conflict(_SAVED_MEANWHILE)
    unknown = set(data.funding_sources) - set(rules.FUNDING_SOURCES)
    if unknown:
        raise DomainError(_l("Choose from the options listed."), field="funding_sources")
    has_logo = (association.logo_id is not None and not remove_logo) or logo is not None
    if has_logo and not data.logo_alt.strip():
        raise DomainError(_l("Describe the logo for those who cannot see it."), field="logo_alt")
    changed = {}
    for name in PROFILE_FIELDS:
        value = list(data.funding_sources) if name == "funding_sources" else getattr(data, name)
        if getattr(association, name) != value:
            changed[name] = True
            setattr(association, name, value)
    if logo is not None:
        try:
            stored = stored_files.store(logo.data, logo.filename, LOGO, "associations", public=True)
        except DomainError as error:
            raise DomainError(error.message, field="logo") from None
        association.logo_id = stored.id
        changed["logo"] = True
    elif remove_logo and association.logo_id is not None:
        association.logo_id = None
        changed["logo"] = True
    if changed:
        _record(association, actor, "profile", details=changed)
        _tell_board(association, Message("The profile of the association of %(country)s was updated.",
                                         country=str(country_name(code))), actor)
    return association


# The partnership ------------------------------------------------------------------------------

def latest_declarations() -> dict[int, PartnershipDeclaration]:
    """Each association's latest declaration, by the association's id."""
    found = {}
    for declaration in db.session.scalars(select(PartnershipDeclaration).options(
            joinedload(PartnershipDeclaration.actor)).order_by(PartnershipDeclaration.id)):
        found[declaration.association_id] = declaration
    return found


def is_current(declaration: PartnershipDeclaration | None, terms: dict[str, int | None]) -> bool:
    """It accepted the published revision of every term (and every term is published)."""
    if declaration is None or any(number is None for number in terms.values()):
        return False
    return all(declaration.terms.get(slug) == number for slug, number in terms.items())


def declare_partnership(code: str, accepted: dict[str, int], actor) -> PartnershipDeclaration:
    """An officer (or the Board) accepts the published mission, principles and logo-use terms, as
    shown to them (`accepted`: slug -> revision); a registered association becomes a CCAN partner,
    a partner renews its declaration. Who, when and which revisions are kept."""
    terms = toolkit_services.current_terms()
    if any(number is None for number in terms.values()):
        raise DomainError(_l("The partnership’s terms are not all published yet."))
    if accepted != terms:
        raise Conflict(_l("The terms were published in a new version while you read them. Read the new "
                          "version and accept it."), field="accept")
    association = for_update(code)
    if association.status not in (rules.REGISTERED, rules.PARTNER):
        raise DomainError(_l("An association declares its partnership once it is registered."), field="accept")
    declaration = PartnershipDeclaration(association_id=association.id, actor_id=actor.id, terms=dict(terms))
    db.session.add(declaration)
    if association.status == rules.REGISTERED:
        change_status(code, rules.PARTNER, "", actor, declared=True)
    _record(association, actor, "partnership", details={slug: number for slug, number in terms.items()})
    _tell_board(association, Message("The association of %(country)s declared its partnership with CCAN.",
                                     country=str(country_name(code))), actor)
    db.session.flush()
    return declaration
