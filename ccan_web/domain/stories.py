"""Success stories: the editorial workflow, the embargo, revenue figures and their change, the goal."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from ccan_web.domain import slugs
from ccan_web.domain.errors import DomainError

# The network's goal for the year: at least this many stories published for the media.
GOAL = 10


class StoryStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    SCHEDULED = "scheduled"  # approved, with an embargo: published by the job at publish_at
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"


STATUS_LABELS = {
    StoryStatus.DRAFT: _l("Draft"),
    StoryStatus.SUBMITTED: _l("Waiting for review"),
    StoryStatus.CHANGES_REQUESTED: _l("Changes requested"),
    StoryStatus.APPROVED: _l("Approved"),
    StoryStatus.SCHEDULED: _l("Scheduled"),
    StoryStatus.PUBLISHED: _l("Published"),
    StoryStatus.UNPUBLISHED: _l("Unpublished"),
}

AUTHOR, EDITOR = "author", "editor"


@dataclass(frozen=True)
class Step:
    """One step of the workflow: from which states, to which, by whom, and what it must carry."""

    action: str
    sources: frozenset[StoryStatus]
    target: StoryStatus
    by: str  # AUTHOR (the author, or an editor for them) or EDITOR
    needs_note: bool = False


S = StoryStatus
STEPS: dict[str, Step] = {step.action: step for step in (
    Step("submit", frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.UNPUBLISHED}), S.SUBMITTED, AUTHOR),
    Step("request_changes", frozenset({S.SUBMITTED, S.APPROVED}), S.CHANGES_REQUESTED, EDITOR, needs_note=True),
    Step("approve", frozenset({S.SUBMITTED}), S.APPROVED, EDITOR),
    # Publishing now or at a moment: the target is SCHEDULED when the moment is still to come.
    Step("publish", frozenset({S.APPROVED, S.SCHEDULED}), S.PUBLISHED, EDITOR),
    Step("unpublish", frozenset({S.PUBLISHED, S.SCHEDULED}), S.UNPUBLISHED, EDITOR, needs_note=True),
)}

# What the author may still change: a story under review or out is the editors' to move.
EDITABLE_BY_AUTHOR = frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.UNPUBLISHED})


def step_for(action: str, status: str, is_editor: bool, is_author: bool) -> Step:
    """The step `action` from `status`, if this person may take it; DomainError saying why not."""
    step = STEPS.get(action)
    if step is None:
        raise DomainError(_l("There is no such step."))
    if step.by == EDITOR and not is_editor or step.by == AUTHOR and not (is_author or is_editor):
        raise DomainError(_l("Only an editor can take this step."))
    if status not in step.sources:
        raise DomainError(_l("The story is %(status)s now; this step is not open to it.",
                             status=STATUS_LABELS.get(status, status)))
    return step


def publication_status(publish_at: datetime | None, now: datetime) -> StoryStatus:
    """Published at once, or scheduled when the embargo lifts later."""
    return S.SCHEDULED if publish_at is not None and publish_at > now else S.PUBLISHED


def embargo_problem(publish_at: datetime | None, now: datetime):
    """An embargo must lie ahead: one in the past would publish at once, which "publish now" does."""
    if publish_at is not None and publish_at <= now:
        return _l("The embargo is in the past; choose a later moment or publish now.")
    return None


def is_visible(status: str, publish_at: datetime | None, now: datetime) -> bool:
    """Whether the public may read a story at `now`: published, or scheduled with its embargo over
    (the job marks it published within a minute; the pages do not wait for it)."""
    if status == S.PUBLISHED:
        return True
    return status == S.SCHEDULED and publish_at is not None and publish_at <= now


# Figures -----------------------------------------------------------------------------------------

# The region's currencies, and those its companies report in for foreign clients.
CURRENCIES = {
    "KZT": _l("Kazakhstani tenge"), "KGS": _l("Kyrgyz som"), "TJS": _l("Tajik somoni"),
    "TMT": _l("Turkmen manat"), "UZS": _l("Uzbek som"), "USD": _l("US dollar"), "EUR": _l("Euro"),
    "RUB": _l("Russian rouble"),
}
LARGEST_AMOUNT = Decimal("1e15")


def parse_amount(value, field: str) -> Decimal | None:
    """An amount of money as typed ("1 200 000", "1200000.50"); None when left empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).replace("\u00a0", "").replace(" ", "").replace(",", ".") if isinstance(value, str) else value
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        raise DomainError(_l("Enter a number, such as 1200000."), field=field)
    if not amount.is_finite():
        raise DomainError(_l("Enter a number, such as 1200000."), field=field)
    if amount < 0:
        raise DomainError(_l("A revenue cannot be negative."), field=field)
    if amount >= LARGEST_AMOUNT:
        raise DomainError(_l("This number is too large."), field=field)
    return amount.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Revenue:
    """Revenue before and after the change (in one currency, over one period), or only the growth
    in percent when the company gives no amounts."""

    before: Decimal | None = None
    after: Decimal | None = None
    currency: str = ""
    period: str = ""
    growth_percent: Decimal | None = None

    @property
    def change_percent(self) -> Decimal | None:
        """The change from before to after in percent (one decimal), or the growth given."""
        if self.before is not None and self.after is not None and self.before > 0:
            return ((self.after - self.before) * 100 / self.before).quantize(Decimal("0.1"))
        return self.growth_percent

    @property
    def has_amounts(self) -> bool:
        return self.before is not None and self.after is not None


def checked_revenue(before, after, currency: str, period: str, growth) -> Revenue:
    """The figures a story states, or DomainError beside the field in the wrong: amounts need both
    ends and a known currency; without amounts a growth in percent is needed."""
    before_amount, after_amount = parse_amount(before, "revenue_before"), parse_amount(after, "revenue_after")
    growth_value = None
    if growth is not None and str(growth).strip():
        try:
            growth_value = Decimal(str(growth).replace(",", ".").strip())
        except InvalidOperation:
            raise DomainError(_l("Enter a number, such as 1200000."), field="growth_percent")
        if not growth_value.is_finite() or not Decimal(-100) <= growth_value <= Decimal(100000):
            raise DomainError(_l("Enter a percentage from -100 to 100000."), field="growth_percent")
        growth_value = growth_value.quantize(Decimal("0.1"))
    if (before_amount is None) != (after_amount is None):
        missing = "revenue_after" if after_amount is None else "revenue_before"
        raise DomainError(_l("Give the revenue both before and after."), field=missing)
    if before_amount is not None:
        if currency not in CURRENCIES:
            raise DomainError(_l("Choose one of the currencies listed."), field="currency")
        if before_amount == 0 and growth_value is None:
            raise DomainError(_l("With no revenue before, give the growth in percent."), field="growth_percent")
    elif growth_value is None:
        raise DomainError(_l("Give the revenue before and after, or the growth in percent."), field="revenue_before")
    elif currency and currency not in CURRENCIES:
        raise DomainError(_l("Choose one of the currencies listed."), field="currency")
    return Revenue(before_amount, after_amount, currency if before_amount is not None else "", period, growth_value)


def chart_bars(revenue: Revenue, height: int = 100) -> tuple[int, int] | None:
    """The heights of the two bars of the small chart (before, after), the taller `height`."""
    if not revenue.has_amounts:
        if revenue.growth_percent is None:
            return None
        before, after = Decimal(100), Decimal(100) + revenue.growth_percent
    else:
        before, after = revenue.before, revenue.after
    top = max(before, after)
    if top <= 0:
        return None
    return round(before * height / top), round(after * height / top)


# Slugs -------------------------------------------------------------------------------------------

SLUG, MAX_SLUG = slugs.SLUG, slugs.MAX_SLUG
RESERVED_SLUGS = frozenset({"new", "mine", "queue"})  # the addresses of the area's own pages


def slugify(title: str) -> str:
    """A story's address from its title, in Latin letters ("Кийиз үй" -> "kiyiz-uy")."""
    return slugs.slugify(title, "story", RESERVED_SLUGS)


def slug_problem(slug: str):
    if not SLUG.fullmatch(slug or "") or len(slug) > MAX_SLUG:
        return _l("Use small Latin letters, digits and hyphens, such as felt-studio-bishkek.")
    if slug in RESERVED_SLUGS:
        return _l("Another story has this address; choose another one.")
    return None


def goal_progress(published: int) -> tuple[int, int]:
    """(published, goal), for "N of 10 success stories published"."""
    return published, GOAL


# What each step is called in a story's history.
EVENT_LABELS = {
    "created": _l("Draft written"),
    "edited": _l("Edited"),
    "submit": _l("Submitted for review"),
    "approve": _l("Approved"),
    "request_changes": _l("Changes asked for"),
    "publish": _l("Published"),
    "published": _l("Published"),
    "scheduled": _l("Scheduled"),
    "unpublish": _l("Unpublished"),
}
