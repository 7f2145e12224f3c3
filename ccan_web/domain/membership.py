"""Who may join and how: applicant types, membership criteria, application states."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l


class ApplicantType(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"


APPLICANT_TYPE_LABELS = {
    ApplicantType.INDIVIDUAL: _l("Individual"),
    ApplicantType.ORGANISATION: _l("Organisation"),
}


# The longest text each field of a member's profile takes: the forms, the services and the
# Steering Committee roster check these numbers, and the columns are as wide.
PROFILE_MAX_LENGTHS = {"full_name": 120, "organisation_name": 200, "legal_status": 120, "city": 100,
                       "website": 300, "phone": 40, "bio": 2000}


class ApplicationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


APPLICATION_STATUS_LABELS = {
    ApplicationStatus.PENDING: _l("Pending"),
    ApplicationStatus.APPROVED: _l("Approved"),
    ApplicationStatus.REJECTED: _l("Rejected"),
}


@dataclass(frozen=True)
class Criterion:
    slug: str
    text: object


# Every applicant accepts each criterion explicitly; the slugs are stored with the application
# so that a later change of wording does not rewrite what someone agreed to.
MEMBERSHIP_CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "creative-work",
        _l("I work in, or run an organisation in, one of the creative economy sectors."),
    ),
    Criterion(
        "central-asia",
        _l("I live or operate in Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan or Uzbekistan."),
    ),
    Criterion(
        "mission",
        _l(
            "I share CCAN's mission: to develop the creative economy of Central Asia and to lay "
            "the basis for associations of creative entrepreneurs in each country."
        ),
    ),
    Criterion(
        "principles",
        _l("I will follow CCAN's principles of openness, cooperation and fair dealing."),
    ),
    Criterion(
        "accurate-information",
        _l("The information in this application is true and I may be asked to confirm it."),
    ),
)

CRITERION_SLUGS: tuple[str, ...] = tuple(c.slug for c in MEMBERSHIP_CRITERIA)


def missing_criteria(accepted: set[str]) -> list[str]:
    """The criteria not accepted, in their listed order."""
    return [slug for slug in CRITERION_SLUGS if slug not in accepted]


def approvals_complete(approvals: int, required: int) -> bool:
    return approvals >= max(1, required)
