"""Demo data for `flask ccan demo`: a Board, members and applications to try the platform with."""
from __future__ import annotations

from collections import Counter

from ccan_web.blueprints.accounts.models import User
from ccan_web.blueprints.accounts.services import (
    ProfileData,
    RegistrationData,
    grant_role,
    user_by_email,
)
from ccan_web.blueprints.board.services import approve, import_roster, register, reject, roster_entry_for
from ccan_web.demo_data.associations import load_associations_demo
from ccan_web.demo_data.catalog import load_catalog_demo
from ccan_web.demo_data.checklist import load_checklist_demo
from ccan_web.demo_data.methodology import load_methodology_demo
from ccan_web.demo_data.people import (
    APPLICANTS,
    DEMO_DOMAIN,
    EXTRA_ROLES,
    MEMBERS,
    REJECTED,
    STEERING_COMMITTEE,
    DemoPerson,
)
from ccan_web.demo_data.roadmap import load_roadmap_demo
from ccan_web.demo_data.toolkit import load_toolkit_demo
from ccan_web.demo_data.stories import load_stories_demo
from ccan_web.demo_data.competitions import load_competitions_demo
from ccan_web.demo_data.events import load_events_demo
from ccan_web.domain.membership import CRITERION_SLUGS, ApplicantType
from ccan_web.extensions import db

DEMO_PASSWORD = "ccan-demo-2021"


def load_demo() -> str:
    """Add what of the demo is missing (matched by email) and flush; the caller commits."""
    _import_roster()
    added: Counter[str] = Counter()
    for group, people, decide in (
        # The Steering Committee comes first: its members are admitted by the roster and then
        # decide everyone else's applications.
        ("Board members", STEERING_COMMITTEE, None),
        ("members", MEMBERS, _approve),
        ("pending applications", APPLICANTS, None),
        ("rejected applications", REJECTED, _reject),
    ):
        for person in people:
            if user_by_email(person.email) is not None:
                continue
            user = register(_registration(person))
            if decide is not None:
                decide(user, person)
            added[group] += 1
    for handle, role, scope in EXTRA_ROLES:
        grant_role(_demo_user(handle), role, scope)
    db.session.flush()
    return "\n".join([_summary(added), load_roadmap_demo(), load_catalog_demo(), load_methodology_demo(),
                      load_toolkit_demo(), load_associations_demo(), load_checklist_demo(),
                      load_stories_demo(), load_competitions_demo(), load_events_demo()])


def _import_roster() -> None:
    # Only missing entries: an entry the Board corrected since the last run keeps the correction.
    rows = [_roster_row(p) for p in STEERING_COMMITTEE if roster_entry_for(p.email) is None]
    if rows:
        import_roster(rows)


def _roster_row(person: DemoPerson) -> dict:
    # The British Council sits on the committee for the whole region, so its roster entry has no
    # country, although the account (which needs one) is based in the office's country.
    country = "" if person.is_british_council else person.country
    return {"name": person.name, "email": person.email, "country": country,
            "organisation": person.organisation}


def _registration(person: DemoPerson) -> RegistrationData:
    kind = ApplicantType.ORGANISATION if person.is_organisation else ApplicantType.INDIVIDUAL
    profile = ProfileData(
        full_name=person.name,
        applicant_type=kind,
        organisation_name=person.organisation if person.is_organisation else "",
        legal_status=person.legal_status,
        country=person.country,
        city=person.city,
        sectors=person.sectors,
        website=person.website,
        phone=person.phone,
        bio=person.bio,
        show_email=person.show_email,
        show_phone=person.show_phone,
    )
    return RegistrationData(email=person.email, password=DEMO_PASSWORD, profile=profile,
                            motivation=person.motivation,
                            accepted_criteria=frozenset(CRITERION_SLUGS), locale=person.locale)


def _decider_for(country: str) -> User:
    """The country's first Steering Committee member: its national representative decides."""
    person = next(p for p in STEERING_COMMITTEE
                  if p.country == country and not p.is_british_council)
    return _demo_user(person.handle)


def _approve(user: User, person: DemoPerson) -> None:
    # One approval admits, whatever BOARD_APPROVALS_REQUIRED says, so the directory is never empty.
    approve(user.application, _decider_for(person.country), approvals_required=1)


def _reject(user: User, person: DemoPerson) -> None:
    reject(user.application, _decider_for(person.country), person.rejection_reason)


def _demo_user(handle: str) -> User:
    user = user_by_email(f"{handle}@{DEMO_DOMAIN}")
    if user is None:
        raise LookupError(f"the demo data names {handle!r}, but no such demo account exists")
    return user


def _summary(added: Counter[str]) -> str:
    if added:
        lines = ["Demo data added: " + ", ".join(f"{group} {n}" for group, n in added.items())]
    else:
        lines = ["Demo data was already loaded; nothing added."]
    british_council = next(p for p in STEERING_COMMITTEE if p.is_british_council)
    accounts = [
        ("Board member", STEERING_COMMITTEE[0].handle),
        ("Board (British Council)", british_council.handle),
        ("Member", MEMBERS[0].handle),
        ("Pending applicant", APPLICANTS[0].handle),
        ("Rejected applicant", REJECTED[0].handle),
    ] + [(_role_label(role, scope), handle) for handle, role, scope in EXTRA_ROLES]
    lines.append(f"Every demo account signs in with the password: {DEMO_PASSWORD}")
    lines += [f"  {label + ':':<26}{handle}@{DEMO_DOMAIN}" for label, handle in accounts]
    return "\n".join(lines)


def _role_label(role: str, scope: str | None) -> str:
    label = role.replace("_", " ").capitalize()
    return f"{label} ({scope})" if scope else label
