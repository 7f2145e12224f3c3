"""Competitions as pure rules: the states of a call and their steps, the deadline, the kinds of
question, the weighted mean and spread of the jury's scores, and the ranking with the Board's overrides."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from flask_babel import lazy_gettext as _l

from ccan_web.domain.errors import DomainError

DRAFT, OPEN, CLOSED, JUDGING, PUBLISHED = "draft", "open", "closed", "judging", "published"
STATES = (DRAFT, OPEN, CLOSED, JUDGING, PUBLISHED)
STATE_LABELS = {
    DRAFT: _l("Draft"),
    OPEN: _l("Open"),
    CLOSED: _l("Closed"),
    JUDGING: _l("Judging"),
    PUBLISHED: _l("Results published"),
}
# action -> (the state it starts from, the state it leads to). Nothing else moves a competition:
# the Board announces a draft, the clock (or the Board, early) closes it, the Board starts the
# judging and publishes the results.
STEPS = {
    "announce": (DRAFT, OPEN),
    "close": (OPEN, CLOSED),
    "judge": (CLOSED, JUDGING),
    "publish": (JUDGING, PUBLISHED),
}

# An application: a draft until its applicant submits it; the Board may disqualify a submitted one.
APP_DRAFT, APP_SUBMITTED, APP_DISQUALIFIED = "draft", "submitted", "disqualified"
APPLICATION_LABELS = {
    APP_DRAFT: _l("Draft"),
    APP_SUBMITTED: _l("Sent"),
    APP_DISQUALIFIED: _l("Disqualified"),
}
# What the applicant chooses ("I apply for ..."), and how an application names who sent it.
APPLICANT_KINDS = {
    "individual": _l("Myself"),
    "team": _l("A team"),
    "organisation": _l("An organisation"),
}
APPLICANT_KIND_NAMES = {
    "individual": _l("Individual"),
    "team": _l("Team"),
    "organisation": _l("Organisation"),
}

QUESTION_KINDS = {
    "short_text": _l("Short text"),
    "long_text": _l("Long text"),
    "url": _l("Web address"),
    "number": _l("Number"),
    "choice": _l("Choice from a list"),
    "file": _l("File (PDF or image)"),
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 80
RESERVED_SLUGS = frozenset({"new", "jury"})
MAX_SCALE = 100
MAX_WEIGHT = 100


class StepRefused(DomainError):
    pass


def step_target(action: str, state: str) -> str:
    """The state `action` leads to from `state`; refused (with a clear message) otherwise."""
    if action not in STEPS:
        raise StepRefused(_l("There is no such step."))
    source, target = STEPS[action]
    if state != source:
        raise StepRefused(_l("This step is not possible now: the competition is %(state)s.",
                             state=STATE_LABELS.get(state, state)))
    return target


def slug_problem(slug: str):
    if len(slug) > MAX_SLUG or not SLUG.match(slug) or slug in RESERVED_SLUGS:
        return _l("Use small Latin letters, digits and hyphens.")
    return None


# Time ----------------------------------------------------------------------------------------------

def accepts_applications(state: str, opens_at: datetime, closes_at: datetime, now: datetime) -> bool:
    """Applications are written, changed and submitted from the opening instant up to, but not
    including, the closing one, to the second, whatever a job has done yet to the state."""
    return state == OPEN and opens_at <= now < closes_at


def phase(state: str, opens_at: datetime, closes_at: datetime, now: datetime) -> str:
    """How a reader sees the call: upcoming, open, or past (closed, judged or published)."""
    if state == OPEN and now < opens_at:
        return "upcoming"
    if accepts_applications(state, opens_at, closes_at, now):
        return "open"
    if state == DRAFT:
        return "draft"
    return "past"


def times_problem(opens_at: datetime | None, closes_at: datetime | None):
    if opens_at is None or closes_at is None:
        return _l("Give the opening and the closing time.")
    if closes_at <= opens_at:
        return _l("The call must close after it opens.")
    return None


# Scores --------------------------------------------------------------------------------------------

def score_problem(value, scale: int):
    if value is None or not isinstance(value, int) or isinstance(value, bool):
        return _l("Give a whole number.")
    if not 0 <= value <= scale:
        return _l("Give a score from 0 to %(scale)d.", scale=scale)
    return None


def weighted(scores: dict[int, int], weights: dict[int, int]) -> Fraction | None:
    """One juror's score of an application: the mean of their scores weighted by the criteria's
    weights; None until every criterion is scored."""
    total = sum(weights.values())
    if not weights or total == 0 or any(criterion not in scores for criterion in weights):
        return None
    return Fraction(sum(scores[c] * w for c, w in weights.items()), total)


@dataclass(frozen=True)
class Standing:
    application_id: int
    mean: Fraction | None  # the mean of the jurors' weighted scores
    spread: Fraction | None  # the highest juror's score less the lowest
    scores: int  # complete scores counted
    needs: int  # scores still missing to reach the minimum


def standing(application_id: int, juror_scores: list[Fraction], minimum: int) -> Standing:
    if not juror_scores:
        return Standing(application_id, None, None, 0, max(minimum, 0))
    mean = sum(juror_scores, Fraction(0)) / len(juror_scores)
    return Standing(application_id, mean, max(juror_scores) - min(juror_scores), len(juror_scores),
                    max(minimum - len(juror_scores), 0))


def ranking(standings: list[Standing], order: dict[int, int], overrides: dict[int, int]) -> list[int]:
    """The applications' ids from first place to last: by mean score (highest first; a tie goes to
    the one submitted first, `order`), those without a score last; then each overridden
    application is moved to the place the Board gave it (places counted from 1)."""
    ranked = sorted(standings, key=lambda s: (s.mean is None, -(s.mean or 0), order.get(s.application_id, 0),
                                              s.application_id))
    ids = [s.application_id for s in ranked if s.application_id not in overrides]
    for application_id, place in sorted(overrides.items(), key=lambda kv: (kv[1], kv[0])):
        if any(s.application_id == application_id for s in standings):
            ids.insert(min(max(place, 1), len(ids) + 1) - 1, application_id)
    return ids


def counts(values: list[str]) -> list[tuple[str, int]]:
    """Each value with how often it occurs, the most frequent first (then by value)."""
    found: dict[str, int] = {}
    for value in values:
        found[value] = found.get(value, 0) + 1
    return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
