"""Accounts: registering, signing in, passwords and their reset, profiles and languages."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ccan_web import audit, outbox
from ccan_web.blueprints.accounts.models import RoleGrant, User, UserSector, new_session_token
from ccan_web.db import insert_or_nothing, utcnow
from ccan_web.domain.countries import normalise_country_code
from ccan_web.domain.errors import Conflict, DomainError, Invalid
from ccan_web.domain.languages import normalise_locale
from ccan_web.domain.membership import PROFILE_MAX_LENGTHS, ApplicantType, missing_criteria
from ccan_web.domain.passwords import password_problems
from ccan_web.domain.roles import SCOPED_ROLES, Role
from ccan_web.domain.sectors import SECTOR_SLUGS
from ccan_web.domain.text import (clean_line, clean_text, complete_web_address, email_problem, line_problem,
                                  name_problem, text_problem, web_address_problem)
from ccan_web.extensions import db
from ccan_web.links import public_url

_hasher = PasswordHasher()
# Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")

PASSWORD_MESSAGES = {
    "too_short": _l("Use at least 10 characters."),
    "too_long": _l("Use at most 128 characters."),
    "too_common": _l("This password is too common or too simple. Choose a less guessable one."),
    "personal": _l("Do not use your email address or name as the password."),
}


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rules(password: str, *, email: str = "", name: str = "") -> None:
    problems = password_problems(password, email=email, name=name)
    if problems:
        raise DomainError(PASSWORD_MESSAGES[problems[0]], field="password")


@dataclass(frozen=True)
class ProfileData:
    full_name: str
    applicant_type: str
    organisation_name: str
    legal_status: str
    country: str
    city: str
    sectors: tuple[str, ...]
    website: str = ""
    phone: str = ""
    bio: str = ""
    show_email: bool = False
    show_phone: bool = False


@dataclass(frozen=True)
class RegistrationData:
    email: str
    password: str
    profile: ProfileData
    motivation: str
    accepted_criteria: frozenset[str] = field(default_factory=frozenset)
    locale: str | None = None


def profile_of(user: User) -> ProfileData:
    """The profile as the account page's form starts it."""
    return ProfileData(
        full_name=user.full_name, applicant_type=user.applicant_type,
        organisation_name=user.organisation_name, legal_status=user.legal_status,
        country=user.country, city=user.city, sectors=tuple(user.sector_slugs), website=user.website,
        phone=user.phone, bio=user.bio, show_email=user.show_email, show_phone=user.show_phone,
    )


# The profile's text fields and the rule of each (domain.text); their lengths are PROFILE_MAX_LENGTHS.
PROFILE_RULES = {"full_name": name_problem, "organisation_name": name_problem, "legal_status": name_problem,
                 "city": name_problem, "website": line_problem, "phone": line_problem, "bio": text_problem}


def profile_problems(profile: ProfileData) -> tuple[ProfileData, list[DomainError]]:
    """The profile as it would be stored (its text normalised, a website typed without its scheme
    completed), and a DomainError beside each field that breaks a rule: all of them, so a form
    shows every problem at once. The form checks the same; this holds for every other caller."""
    text = {name: (clean_text if name == "bio" else clean_line)(getattr(profile, name)) for name in PROFILE_RULES}
    if text["website"]:
        text["website"] = complete_web_address(text["website"])
    problems: list[DomainError] = []
    for name, rule in PROFILE_RULES.items():
        problem = rule(text[name])
        if problem is None and len(text[name]) > PROFILE_MAX_LENGTHS[name]:
            problem = lazy_ngettext("Use at most %(num)d character.", "Use at most %(num)d characters.",
                                    PROFILE_MAX_LENGTHS[name])
        if problem is None and name == "website" and text[name]:
            problem = web_address_problem(text[name])
        if problem is not None:
            problems.append(DomainError(problem, field=name))
    checks = (
        ("full_name", bool(text["full_name"]), _l("Enter your full name.")),
        ("applicant_type", profile.applicant_type in {t.value for t in ApplicantType},
         _l("Choose individual or organisation.")),
        ("organisation_name", profile.applicant_type != ApplicantType.ORGANISATION or bool(text["organisation_name"]),
         _l("Enter the organisation's name.")),
        ("country", normalise_country_code(profile.country) is not None, _l("Choose one of the five countries.")),
        ("sectors", bool(profile.sectors), _l("Choose at least one sector.")),
        ("sectors", all(s in SECTOR_SLUGS for s in profile.sectors), _l("Choose sectors from the list.")),
    )
    named = {problem.field for problem in problems}
    for name, kept, message in checks:
        if not kept and name not in named:
            problems.append(DomainError(message, field=name))
            named.add(name)
    return replace(profile, **text), problems


def _checked_profile(profile: ProfileData) -> ProfileData:
    """The profile as stored, or Invalid with every problem beside its field."""
    checked, problems = profile_problems(profile)
    if problems:
        raise problems[0] if len(problems) == 1 else Invalid(problems)
    return checked


def _apply_profile(user: User, profile: ProfileData) -> None:
    """Store a profile that `_checked_profile` returned."""
    user.full_name = profile.full_name
    user.applicant_type = profile.applicant_type
    is_organisation = profile.applicant_type == ApplicantType.ORGANISATION
    user.organisation_name = profile.organisation_name if is_organisation else ""
    user.legal_status = profile.legal_status if is_organisation else ""
    user.country = normalise_country_code(profile.country)
    user.city = profile.city
    user.website = profile.website
    user.phone = profile.phone
    user.bio = profile.bio
    user.show_email = profile.show_email
    user.show_phone = profile.show_phone
    wanted = set(profile.sectors)
    user.sectors = [s for s in user.sectors if s.sector in wanted] + [
        UserSector(sector=slug) for slug in sorted(wanted - set(user.sector_slugs))
    ]


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def user_by_session_token(token: str) -> User | None:
    if not token:
        return None
    # Every signed-in page asks for the account's roles (its links, its permissions): read with it,
    # in one statement rather than a second one on the first question.
    user = db.session.scalars(select(User).where(User.session_token == token)
                              .options(joinedload(User.role_grants))).unique().one_or_none()
    return user if user is not None and user.is_active else None


def registration_problems(data: RegistrationData) -> tuple[ProfileData, list[DomainError]]:
    """The profile as it would be stored, and every rule the application breaks, each beside its
    field: the address in use, the profile, the password and the criteria, all at once."""
    email = normalise_email(data.email)
    problems: list[DomainError] = []
    if email and email_problem(email) is None and user_by_email(email) is not None:
        problems.append(Conflict(_l("An account with this email address already exists."), field="email"))
    profile, profile_problems_ = profile_problems(data.profile)
    problems += profile_problems_
    password = password_problems(data.password, email=email, name=profile.full_name)
    if password:
        problems.append(DomainError(PASSWORD_MESSAGES[password[0]], field="password"))
    if missing_criteria(set(data.accepted_criteria)):
        problems.append(DomainError(_l("Accept every membership criterion to apply."), field="criteria"))
    return profile, problems


def create_account(data: RegistrationData) -> User:
    """The account of someone applying (board.services.register adds their application); every
    problem of the form at once."""
    email = normalise_email(data.email)
    profile, problems = registration_problems(data)
    if problems:
        raise problems[0] if len(problems) == 1 else Invalid(problems)

    user = User(email=email, password_hash=hash_password(data.password),
                locale=normalise_locale(data.locale))
    _apply_profile(user, profile)
    db.session.add(user)
    try:
        # A unique index, not the check above, is what stops two racing registrations; the
        # caller rolls the transaction back on the Conflict, so nothing is left half-made.
        db.session.flush()
    except IntegrityError:
        raise Conflict(_l("An account with this email address already exists."), field="email")
    return user


def authenticate(email: str, password: str) -> User | None:
    user = user_by_email(email)
    if user is None or not user.is_active:
        _verify(_DUMMY_HASH, password)
        return None
    if not _verify(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def update_profile(user: User, profile: ProfileData) -> User:
    _apply_profile(user, _checked_profile(profile))
    return user


def set_password(user: User, new_password: str) -> None:
    """Change the password and sign out every other session of the account."""
    check_password_rules(new_password, email=user.email, name=user.full_name)
    user.password_hash = hash_password(new_password)
    user.session_token = new_session_token()


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not _verify(user.password_hash, current_password):
        raise DomainError(_l("The current password is not right."), field="current_password")
    set_password(user, new_password)


def set_locale(user: User | None, locale: str) -> str:
    code = normalise_locale(locale)
    if code is None:
        raise DomainError(_l("Choose a language from the list."), field="locale")
    if user is not None:
        user.locale = code
    return code


# Password reset -----------------------------------------------------------------------------
# The token carries the account and a fingerprint of its password hash: it stops working after
# `max_age` seconds, and after one use, because the reset replaces the hash it was made from.

def _reset_serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt="ccan-password-reset")


def _fingerprint(user: User) -> str:
    return user.password_hash[-16:]


def make_reset_token(user: User, secret_key: str) -> str:
    return _reset_serializer(secret_key).dumps({"uid": user.id, "fp": _fingerprint(user)})


def user_for_reset_token(token: str, secret_key: str, max_age: int) -> User:
    try:
        payload = _reset_serializer(secret_key).loads(token, max_age=max_age)
    except SignatureExpired:
        raise DomainError(_l("This reset link has expired. Ask for a new one."))
    except BadSignature:
        raise DomainError(_l("This reset link is not valid. Ask for a new one."))
    user = db.session.get(User, payload.get("uid")) if isinstance(payload, dict) else None
    if user is None or not user.is_active or payload.get("fp") != _fingerprint(user):
        raise DomainError(_l("This reset link has already been used. Ask for a new one."))
    return user


def request_password_reset(email: str, secret_key: str) -> None:
    """Queue a reset link for the account, if there is one; say nothing either way. The link is on
    the public base URL, so whoever asks cannot have it point at a host of their choosing."""
    user = user_by_email(email)
    if user is None or not user.is_active:
        return
    link = public_url("accounts.reset_password", token=make_reset_token(user, secret_key))
    outbox.queue_for(
        user,
        _l("Reset your CCAN password"),
        _l(
            "Hello %(name)s,\n\nSomeone asked to reset the password of your CCAN account. "
            "If it was you, open this link within an hour:\n\n%(link)s\n\n"
            "The link works once. If you did not ask, ignore this message: your password "
            "stays as it is.\n\nCCAN",
            name=user.full_name,
            link=link,
        ),
    )


def reset_password(token: str, new_password: str, secret_key: str, max_age: int) -> User:
    user = user_for_reset_token(token, secret_key, max_age)
    set_password(user, new_password)
    return user


# Roles --------------------------------------------------------------------------------------

def parse_role(role: str, scope: str | None) -> tuple[Role, str | None]:
    try:
        parsed = Role(role)
    except ValueError:
        raise DomainError(_l("Unknown role."), field="role")
    if parsed in SCOPED_ROLES:
        code = normalise_country_code(scope)
        if code is None:
            raise DomainError(_l("This role needs a country (KZ, KG, TJ, TM or UZ)."), field="scope")
        return parsed, code
    if scope:
        raise DomainError(_l("This role does not take a country."), field="scope")
    return parsed, None


def grant_role(user: User, role: str, scope: str | None = None, actor: User | None = None) -> bool:
    """Grant a role; False if the user already held it, also when another request granted it a
    moment ago: the unique index decides, so two at once make one row and no error."""
    parsed, code = parse_role(role, scope)
    db.session.flush()  # the person may be new: their id is needed below
    inserted = insert_or_nothing(db.session, RoleGrant, dict(
        user_id=user.id, role=parsed.value, scope=code, scope_key=code or "",
        granted_by_id=actor.id if actor else None), ["user_id", "role", "scope_key"]) is not None
    db.session.expire(user, ["role_grants"])
    if not inserted:
        return False
    audit.record("role.granted", "user", user.id, actor, role=parsed.value, scope=code)
    return True


def revoke_role(user: User, role: str, scope: str | None = None, actor: User | None = None) -> bool:
    """Take a role back; False if the user did not hold it. The last administrator keeps theirs."""
    parsed, code = parse_role(role, scope)
    if parsed is Role.ADMIN:
        # Two administrators revoking each other at once: on PostgreSQL the second waits here for
        # the first, then counts without the row the first removed. (SQLite lets one writer in at
        # a time, from the delete below, and the count after it sees the other's commit.)
        db.session.execute(select(RoleGrant.id).where(RoleGrant.role == Role.ADMIN.value).with_for_update())
    result = db.session.execute(
        delete(RoleGrant)
        .where(RoleGrant.user_id == user.id, RoleGrant.role == parsed.value, RoleGrant.scope_key == (code or ""))
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["role_grants"])
    if not result.rowcount:
        return False
    if parsed is Role.ADMIN and user.is_active and active_admin_count() == 0:
        # The caller rolls back: the grant stays.
        raise Conflict(last_admin_message(user))
    audit.record("role.revoked", "user", user.id, actor, role=parsed.value, scope=code)
    return True


def last_admin_message(user: User):
    return _l("%(name)s is the last administrator: grant the role to someone else before taking it "
              "from them.", name=user.full_name)


def active_admin_count() -> int:
    return db.session.scalar(
        select(func.count(RoleGrant.id)).join(User, User.id == RoleGrant.user_id)
        .where(RoleGrant.role == Role.ADMIN.value, User.is_active.is_(True))
    ) or 0


def role_holders(role: Role):
    """The ids of the accounts holding `role` (as granted, not implied): for use in queries."""
    return select(RoleGrant.user_id).where(RoleGrant.role == role.value)


def count_users() -> int:
    return db.session.scalar(select(func.count(User.id))) or 0
