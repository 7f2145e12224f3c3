"""Success stories: writing them, the editorial workflow, the embargo, and what the public reads.

Services flush and never commit; they take the actor and the moment (`now`) from the caller, so
the embargo can be tested at any second. `utcnow` is read through this module, where tests patch it.
"""
from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from PIL import Image, ImageOps
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from ccan_web import audit, jobs
from ccan_web.blueprints.accounts.models import RoleGrant, User
from ccan_web.blueprints.catalog.models import Business
from ccan_web.blueprints.stories.models import Story, StoryEvent, StoryImage
from ccan_web.db import LARGEST_INTEGER, utcnow
from ccan_web.documents import services as documents
from ccan_web.documents.models import Document, Revision
from ccan_web.domain import stories as rules
from ccan_web.domain.catalog import EntryStatus, business_name_key
from ccan_web.domain.countries import COUNTRY_CODES
from ccan_web.domain.edits import changed_meanwhile
from ccan_web.domain.slugs import numbered
from ccan_web.domain.errors import Conflict, DomainError, Invalid, NotFound
from ccan_web.domain.languages import LOCALES
from ccan_web.domain.messages import Message as _l
from ccan_web.domain.roles import Role
from ccan_web.domain.sectors import SECTOR_SLUGS
from ccan_web.domain.stories import StoryStatus
from ccan_web.domain.text import line_problem, text_problem
from ccan_web.extensions import db
from ccan_web.permissions import can
from ccan_web.storage import PHOTO, new_key, storage
from ccan_web.storage.files import store
from ccan_web.storage.models import StoredFile

DOCUMENT_KIND = "story"
CARD_SIZE = (1200, 630)  # Open Graph's and Twitter's large card


def now() -> datetime:
    return utcnow()


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str = ""


@dataclass(frozen=True)
class StoryData:
    title: str
    summary: str
    body: str
    company_name: str
    country: str
    sector: str
    language: str
    slug: str = ""
    adaptation: str = ""
    revenue_before: str | None = None
    revenue_after: str | None = None
    currency: str = ""
    period: str = ""
    growth_percent: str | None = None
    figures_source: str = ""
    press_contact: str = ""
    tags: str = ""
    lead_alt: str = ""
    lead_credit: str = ""
    lead_licence: str = ""
    translation_of: str = ""
    catalog_entry: str = ""  # its catalog entry's address or number; empty: found by the company's name


REQUIRED = ("title", "summary", "company_name", "country", "sector", "language")
LIMITS = {"title": 200, "summary": 400, "company_name": 200, "period": 100, "figures_source": 300,
          "press_contact": 300, "tags": 300, "lead_alt": 300, "lead_credit": 200, "lead_licence": 200,
          "adaptation": 5000}


def _problems(data: StoryData) -> list[DomainError]:
    problems = []
    for name in REQUIRED:
        if not (getattr(data, name) or "").strip():
            problems.append(DomainError(_l("This field is required."), field=name))
    for name, limit in LIMITS.items():
        value = getattr(data, name) or ""
        if len(value) > limit:
            problems.append(DomainError(_l("This text is too long."), field=name))
        elif value:
            problem = (text_problem if name == "adaptation" else line_problem)(value)
            if problem is not None:
                problems.append(DomainError(problem, field=name))
    if data.country and data.country not in COUNTRY_CODES:
        problems.append(DomainError(_l("Choose one of the five countries."), field="country"))
    if data.sector and data.sector not in SECTOR_SLUGS:
        problems.append(DomainError(_l("Choose a sector."), field="sector"))
    if data.language and data.language not in LOCALES:
        problems.append(DomainError(_l("Choose a language."), field="language"))
    if data.slug and (problem := rules.slug_problem(data.slug)):
        problems.append(DomainError(problem, field="slug"))
    try:
        rules.checked_revenue(data.revenue_before, data.revenue_after, data.currency, data.period, data.growth_percent)
    except DomainError as error:
        problems.append(error)
    return problems


def _check(data: StoryData, image: Upload | None, story: Story | None) -> rules.Revenue:
    problems = _problems(data)
    has_image = image is not None or (story is not None and story.lead_image_id is not None)
    if has_image and not data.lead_alt.strip():
        problems.append(DomainError(_l("Describe the image for those who cannot see it."), field="lead_alt"))
    if data.catalog_entry.strip() and _named_entry(data) is None:
        problems.append(DomainError(_l("Give the address or number of a published business of the catalog in "
                                       "the story's country."), field="catalog_entry"))
    if problems:
        raise Invalid(problems)
    return rules.checked_revenue(data.revenue_before, data.revenue_after, data.currency, data.period,
                                 data.growth_percent)


def _slug_taken(slug: str, story: Story | None) -> bool:
    if slug in rules.RESERVED_SLUGS:
        return True
    query = select(Story.id).where(Story.slug == slug)
    if story is not None:
        query = query.where(Story.id != story.id)
    return db.session.scalar(query) is not None


def _free_slug(data: StoryData, story: Story | None) -> str:
    """The slug asked for (refused if another story has it), or one made from the title."""
    if data.slug:
        if _slug_taken(data.slug, story):
            raise DomainError(_l("Another story has this address; choose another one."), field="slug")
        return data.slug
    if story is not None:
        return story.slug
    return numbered(rules.slugify(data.title), lambda slug: _slug_taken(slug, None))


def _translation_group(data: StoryData, story: Story | None) -> int | None:
    if not data.translation_of.strip():
        return story.translation_group if story is not None else None
    original = db.session.scalar(select(Story).where(Story.slug == data.translation_of.strip()))
    if original is None or (story is not None and original.id == story.id):
        raise DomainError(_l("There is no other story with this address."), field="translation_of")
    group = original.group
    same_language = select(Story.id).where(or_(Story.id == group, Story.translation_group == group),
                                           Story.language == data.language)
    if story is not None:
        same_language = same_language.where(Story.id != story.id)
    if db.session.scalar(same_language) is not None:
        raise DomainError(_l("That story already has a translation in this language."), field="translation_of")
    if original.translation_group is None:
        original.translation_group = original.id
    return group


_ENTRY_ADDRESS = re.compile(r"^(?:\S*/catalog/businesses/)?(\d{1,10})/?(?:[?#]\S*)?$")


def _named_entry(data: StoryData) -> int | None:
    """The published business the author named by its address (…/catalog/businesses/42) or number,
    if it is one in the story's country; None otherwise."""
    match = _ENTRY_ADDRESS.match(data.catalog_entry.strip())
    if match is None or int(match.group(1)) > LARGEST_INTEGER:
        return None
    return db.session.scalar(select(Business.id).where(
        Business.id == int(match.group(1)), Business.status == EntryStatus.PUBLISHED, Business.country == data.country))


def _catalog_entry(data: StoryData) -> int | None:
    """The catalog entry the author named, or else the company's published entry when one of that
    name (any script, letter case or legal form) is in that country."""
    if data.catalog_entry.strip():
        return _named_entry(data)
    key = business_name_key(data.company_name)
    return db.session.scalar(select(Business.id).where(
        Business.status == EntryStatus.PUBLISHED, Business.name_key == key, Business.country == data.country)
        .order_by(Business.id).limit(1)) if key else None


def _store_image(image: Upload, field: str) -> StoredFile:
    try:
        return store(image.data, image.filename, PHOTO, "stories", public=True)
    except DomainError as error:
        raise DomainError(error.message, field=field)


def _apply(story: Story, data: StoryData, revenue: rules.Revenue) -> None:
    story.title, story.summary = data.title.strip(), data.summary.strip()
    story.company_name, story.country, story.sector = data.company_name.strip(), data.country, data.sector
    story.language, story.adaptation = data.language, data.adaptation.strip()
    story.revenue_before, story.revenue_after = revenue.before, revenue.after
    story.currency, story.period, story.growth_percent = revenue.currency, data.period.strip(), revenue.growth_percent
    story.figures_source, story.press_contact = data.figures_source.strip(), data.press_contact.strip()
    story.tags = ", ".join(tag.strip() for tag in data.tags.split(",") if tag.strip())
    story.lead_alt, story.lead_credit = data.lead_alt.strip(), data.lead_credit.strip()
    story.lead_licence = data.lead_licence.strip()
    story.business_id = _catalog_entry(data)


def _event(story: Story, action: str, actor, note: str = "") -> None:
    story.events.append(StoryEvent(action=action, actor_id=actor.id if actor else None, note=note))


def create_story(data: StoryData, author, image: Upload | None = None) -> Story:
    """A new draft by `author`; Invalid names every field in the wrong, and nothing is stored."""
    revenue = _check(data, image, None)
    slug = _free_slug(data, None)
    group = _translation_group(data, None)
    document = documents.create_document(f"story-{new_key('s', 'x')[2:-2]}"[:80], DOCUMENT_KIND, data.title[:200],
                                         data.body, author, summary=str(_l("First draft")), language=data.language)
    story = Story(slug=slug, document=document, author_id=author.id if author else None,
                  status=StoryStatus.DRAFT, translation_group=group)
    _apply(story, data, revenue)
    if image is not None:
        story.lead_image = _store_image(image, "lead_image")
    db.session.add(story)
    _event(story, "created", author)
    db.session.flush()
    audit.record("story.created", "story", story.id, author, story=story.slug)
    if image is not None:
        jobs.enqueue("stories.card", story_id=story.id)
    return story


def update_story(story: Story, data: StoryData, actor, version: int, base_number: int,
                 image: Upload | None = None) -> Story:
    """Change a story the actor may edit. A form sent from an older version of the story asks
    beside each field saved differently meanwhile (its text stays in the form); the body is saved
    as a new revision, merged with one saved meanwhile where the two do not overlap.

    Every UPDATE of the story names the version it read (the mapper's version column), so of two
    saves at the same moment the second finds no row to update and is asked, not applied over."""
    try:
        return _update_story(story, data, actor, version, base_number, image)
    except StaleDataError:
        raise Conflict(_l("Someone saved this story at the same moment. Your text is kept below; save again "
                          "to keep yours.")) from None


def _update_story(story: Story, data: StoryData, actor, version: int, base_number: int,
                  image: Upload | None) -> Story:
    if not may_edit(story, actor):
        raise DomainError(_l("This story cannot be changed now."))
    if version != story.version:
        # Saved meanwhile: each field they changed that differs from what was typed says so (the body
        # goes through the three-way merge below instead); none differing, the save goes ahead.
        current, typed = data_of(story), asdict(data)
        fields = [name for name in typed if name != "body" and not (name == "slug" and not data.slug)]  # "": keep
        problem = changed_meanwhile(current, typed, fields, _l(
            "Someone changed this story while you were editing it. Your text is kept below; the fields they "
            "changed say what they now hold. Save again to keep yours."))
        if problem is not None:
            raise problem
    revenue = _check(data, image, story)
    story.slug = _free_slug(data, story)
    story.translation_group = _translation_group(data, story)
    _apply(story, data, revenue)
    try:
        outcome = documents.save(story.document, base_number, data.body, actor)
    except documents.NothingChanged:
        outcome = None
    except NotFound:
        raise DomainError(_l("This form is out of date; open the story again."), field="body")
    if outcome is not None and outcome.conflict is not None:
        raise DomainError(_l("The text was changed meanwhile in the same places. Your text is kept below; "
                             "compare it with the story's newest revision and save again."), field="body")
    if outcome is not None and story.status == StoryStatus.PUBLISHED:
        documents.publish(story.document, outcome.revision.number, actor)
    if image is not None:
        story.lead_image = _store_image(image, "lead_image")
        story.card_image_id = None
    story.document.title = story.title
    _event(story, "edited", actor)
    db.session.flush()
    audit.record("story.edited", "story", story.id, actor, story=story.slug)
    if image is not None:
        jobs.enqueue("stories.card", story_id=story.id)
    return story


def add_image(story: Story, actor, image: Upload, alt: str, credit: str = "", licence: str = "") -> StoryImage:
    if not may_edit(story, actor):
        raise DomainError(_l("This story cannot be changed now."))
    if not alt.strip():
        raise DomainError(_l("Describe the image for those who cannot see it."), field="image_alt")
    stored = _store_image(image, "image")
    added = StoryImage(file=stored, alt=alt.strip()[:300], credit=credit.strip()[:200], licence=licence.strip()[:200],
                       position=len(story.images))
    story.images.append(added)
    db.session.flush()
    audit.record("story.image_added", "story", story.id, actor, story=story.slug)
    return added


IMAGE_ACTIONS = ("up", "down", "remove")


def change_image(story: Story, actor, image_id: int, action: str) -> None:
    """Move a further image one place up or down, or remove it (its file goes with the storage
    service's sweep of files nothing refers to). The story's version moves on, so two editors
    rearranging at once take turns instead of interleaving their swaps."""
    if not may_edit(story, actor):
        raise DomainError(_l("This story cannot be changed now."))
    images = list(story.images)
    index = next((i for i, found in enumerate(images) if found.id == image_id), None)
    if index is None or action not in IMAGE_ACTIONS:
        raise NotFound(_l("There is no such image."))
    if action == "remove":
        story.images.remove(images.pop(index))
    else:
        other = index - 1 if action == "up" else index + 1
        if 0 <= other < len(images):
            images[index], images[other] = images[other], images[index]
    for position, found in enumerate(images):
        found.position = position
    story.updated_at = utcnow()  # an UPDATE of the story, checked against the version read
    try:
        db.session.flush()
    except StaleDataError:
        raise Conflict(_l("Someone changed this story's images at the same moment; look at them again.")) from None
    audit.record("story.image_removed" if action == "remove" else "story.image_moved", "story", story.id, actor,
                 story=story.slug)


# Who may do what ---------------------------------------------------------------------------------

def is_editor(user) -> bool:
    return can(user, "stories.moderate")


def is_author(story: Story, user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and story.author_id == user.id


def may_edit(story: Story, user) -> bool:
    if is_editor(user):
        return True
    return is_author(story, user) and can(user, "stories.write") and story.status in rules.EDITABLE_BY_AUTHOR


def may_see(story: Story, user, at: datetime | None = None) -> bool:
    """The public sees a story once its embargo is over; its author and the editors always."""
    if rules.is_visible(story.status, story.publish_at, at or now()):
        return True
    return is_editor(user) or is_author(story, user)


def is_public(story: Story, at: datetime | None = None) -> bool:
    return rules.is_visible(story.status, story.publish_at, at or now())


# The workflow ------------------------------------------------------------------------------------

def _editors() -> list[User]:
    return list(db.session.scalars(select(User).join(RoleGrant, RoleGrant.user_id == User.id).where(
        RoleGrant.role.in_([Role.EDITOR.value, Role.ADMIN.value])).distinct().order_by(User.id)))


def take_step(story: Story, action: str, actor, note: str = "", publish_at: datetime | None = None,
              at: datetime | None = None) -> Story:
    """Move the story one step on (see domain.stories.STEPS), note it in its history, audit it, and
    tell whom it concerns."""
    from ccan_web.notifications.services import notify, site_path

    moment = at or now()
    step = rules.step_for(action, story.status, is_editor(actor), is_author(story, actor))
    note = (note or "").strip()
    if step.needs_note and not note:
        raise DomainError(_l("Write a note for the author."), field="note")
    if note and (problem := text_problem(note)):
        raise DomainError(problem, field="note")
    target = step.target
    if action == "publish":
        if problem := rules.embargo_problem(publish_at, moment):
            raise DomainError(problem, field="publish_at")
        target = rules.publication_status(publish_at, moment)
        story.publish_at = publish_at
        documents.publish(story.document, documents.current_head(story.document), actor)
        if target == StoryStatus.PUBLISHED:
            story.published_at = moment
    if action == "unpublish":
        story.published_at = None
    story.status = target
    _event(story, "scheduled" if target == StoryStatus.SCHEDULED else action, actor, note)
    db.session.flush()
    audit.record(f"story.{action}", "story", story.id, actor, story=story.slug, status=str(target),
                 publish_at=publish_at.isoformat() if publish_at else None, note=note or None)
    link = site_path("stories.story_detail", slug=story.slug)
    if action == "submit":
        for editor in _editors():
            if editor.id != actor.id:
                notify(editor, "story_submitted", _l("A story waits for review: %(title)s", title=story.title), link)
    elif action in ("approve", "request_changes"):
        title = (_l("Your story is approved: %(title)s", title=story.title) if action == "approve"
                 else _l("Changes asked for in your story: %(title)s", title=story.title))
        notify(story.author, "story_reviewed", title, link, _l("The editor's note: %(note)s", note=note) if note else None)
    elif action == "unpublish":
        notify(story.author, "story_published", _l("Your story was unpublished: %(title)s", title=story.title), link,
               _l("The editor's note: %(note)s", note=note))
    elif target == StoryStatus.PUBLISHED:
        _tell_published(story)
    return story


def _tell_published(story: Story) -> None:
    from ccan_web.notifications.services import notify, site_path

    notify(story.author, "story_published", _l("Your story is published: %(title)s", title=story.title),
           site_path("stories.story_detail", slug=story.slug))


def publish_due(at: datetime | None = None) -> list[Story]:
    """Publish the scheduled stories whose embargo is over (the job runs this every minute)."""
    moment = at or now()
    due = list(db.session.scalars(select(Story).where(Story.status == StoryStatus.SCHEDULED,
                                                      Story.publish_at <= moment).order_by(Story.id)))
    for story in due:
        story.status = StoryStatus.PUBLISHED
        story.published_at = story.publish_at
        _event(story, "published", None)
        audit.record("story.published_on_schedule", "story", story.id, None, story=story.slug)
        _tell_published(story)
    db.session.flush()
    return due


@jobs.periodic("stories.publish_due", minute="*")
def publish_due_task() -> None:
    publish_due()


@jobs.task("stories.card")
def card_task(story_id: int) -> None:
    story = db.session.get(Story, story_id)
    if story is not None and story.lead_image is not None and story.card_image_id is None:
        story.card_image = make_card(story.lead_image)


def make_card(source: StoredFile) -> StoredFile:
    """The image cropped and scaled to 1200×630 (JPEG), for Open Graph and Twitter cards."""
    image = Image.open(io.BytesIO(storage().open(source.key).data))
    image.load()
    card = ImageOps.fit(image.convert("RGB"), CARD_SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    card.save(out, format="JPEG", quality=85, optimize=True)
    data = out.getvalue()
    record = StoredFile(key=new_key("stories", "jpg"), kind="image", content_type="image/jpeg", size=len(data),
                        original_name="", width=CARD_SIZE[0], height=CARD_SIZE[1], public=True)
    storage().save(record.key, data, "image/jpeg")
    db.session.add(record)
    db.session.flush()
    return record


# Reading -----------------------------------------------------------------------------------------

def visible_clause(at: datetime):
    """The stories the public may read at `at`: the embargo is over."""
    return or_(Story.status == StoryStatus.PUBLISHED,
               (Story.status == StoryStatus.SCHEDULED) & (Story.publish_at <= at))


def story_by_slug(slug: str) -> Story:
    story = db.session.scalar(select(Story).where(Story.slug == slug).options(
        selectinload(Story.images), selectinload(Story.events)))
    if story is None:
        raise NotFound(_l("There is no such story."))
    return story


@dataclass(frozen=True)
class Filters:
    country: str = ""
    sector: str = ""
    language: str = ""

    @classmethod
    def from_args(cls, args) -> Filters:
        """Known values only; anything else is ignored, as the catalog's lists do."""
        country = (args.get("country") or "").upper()
        sector, language = args.get("sector") or "", args.get("language") or ""
        return cls(country if country in COUNTRY_CODES else "", sector if sector in SECTOR_SLUGS else "",
                   language if language in LOCALES else "")

    def args(self) -> dict[str, str]:
        return {k: v for k, v in (("country", self.country), ("sector", self.sector), ("language", self.language)) if v}


def public_stories(filters: Filters = Filters(), at: datetime | None = None, limit: int | None = None) -> list[Story]:
    query = select(Story).where(visible_clause(at or now())).order_by(
        func.coalesce(Story.published_at, Story.publish_at).desc(), Story.id.desc())
    if filters.country:
        query = query.where(Story.country == filters.country)
    if filters.sector:
        query = query.where(Story.sector == filters.sector)
    if filters.language:
        query = query.where(Story.language == filters.language)
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query.options(selectinload(Story.author), selectinload(Story.lead_image))))


def published_moment(story: Story) -> datetime | None:
    return story.published_at or story.publish_at


@dataclass(frozen=True)
class Goal:
    published: int
    goal: int
    by_country: dict[str, int]
    by_sector: dict[str, int]

    @property
    def share(self) -> float:
        return min(1.0, self.published / self.goal) if self.goal else 1.0


def goal(at: datetime | None = None) -> Goal:
    """How far the network is towards its goal: published stories, counted once per translation group."""
    visible = visible_clause(at or now())
    group = func.coalesce(Story.translation_group, Story.id)
    rows = db.session.execute(select(group, Story.country, Story.sector).where(visible).order_by(Story.id)).all()
    seen: dict[int, tuple[str, str]] = {}
    for key, country, sector in rows:
        seen.setdefault(key, (country, sector))
    by_country: dict[str, int] = {}
    by_sector: dict[str, int] = {}
    for country, sector in seen.values():
        by_country[country] = by_country.get(country, 0) + 1
        by_sector[sector] = by_sector.get(sector, 0) + 1
    return Goal(len(seen), rules.GOAL, by_country, dict(sorted(by_sector.items(), key=lambda kv: -kv[1])))


def translations(story: Story, at: datetime | None = None) -> list[Story]:
    """The other visible stories of its translation group."""
    group = story.group
    return list(db.session.scalars(select(Story).where(
        or_(Story.id == group, Story.translation_group == group), Story.id != story.id,
        visible_clause(at or now())).order_by(Story.language)))


def public_revision(story: Story) -> Revision | None:
    number = story.document.published_number
    return documents.get_revision(story.document, number) if number else None


def shown_revision(story: Story, user) -> Revision | None:
    """Editors and the author read the newest text; the public the published one."""
    if is_editor(user) or is_author(story, user):
        return documents.head_revision(story.document)
    return public_revision(story)


def editor_queue() -> dict[str, list[Story]]:
    """What waits for editors: stories to review, approved ones to publish, scheduled ones."""
    rows = db.session.scalars(select(Story).where(Story.status.in_(
        [StoryStatus.SUBMITTED, StoryStatus.APPROVED, StoryStatus.SCHEDULED, StoryStatus.CHANGES_REQUESTED]))
        .order_by(Story.updated_at, Story.id).options(selectinload(Story.author)))
    queue: dict[str, list[Story]] = {s: [] for s in (StoryStatus.SUBMITTED, StoryStatus.APPROVED,
                                                     StoryStatus.SCHEDULED, StoryStatus.CHANGES_REQUESTED)}
    for story in rows:
        queue[story.status].append(story)
    return queue


def stories_of(user) -> list[Story]:
    return list(db.session.scalars(select(Story).where(Story.author_id == user.id).order_by(Story.id.desc())))


def waiting_count() -> int:
    return db.session.scalar(select(func.count(Story.id)).where(Story.status == StoryStatus.SUBMITTED)) or 0


def current_version(story_id: int) -> int:
    """The story's version as saved now (after a failed save, whose session was rolled back)."""
    return db.session.scalar(select(Story.version).where(Story.id == story_id)) or 0


def data_of(story: Story) -> dict:
    """A story's fields as its edit form starts them."""
    head = documents.head_revision(story.document)
    translation_of = ""
    if story.translation_group and story.translation_group != story.id:
        translation_of = db.session.scalar(select(Story.slug).where(Story.id == story.translation_group)) or ""
    return {
        "title": story.title, "slug": story.slug, "summary": story.summary, "body": head.body if head else "",
        "company_name": story.company_name, "country": story.country, "sector": story.sector,
        "language": story.language, "adaptation": story.adaptation,
        "revenue_before": _plain(story.revenue_before), "revenue_after": _plain(story.revenue_after),
        "currency": story.currency, "period": story.period, "growth_percent": _plain(story.growth_percent),
        "figures_source": story.figures_source, "press_contact": story.press_contact, "tags": story.tags,
        "lead_alt": story.lead_alt, "lead_credit": story.lead_credit, "lead_licence": story.lead_licence,
        "translation_of": translation_of, "catalog_entry": str(story.business_id or ""), "version": story.version, "base_number": head.number if head else 0,
    }


def _plain(value) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def with_defaults(data: StoryData, **changes) -> StoryData:
    return replace(data, **changes)


# For the sitemap and the API -----------------------------------------------------------------------

def public_count(at: datetime | None = None) -> int:
    return db.session.scalar(select(func.count(Story.id)).where(visible_clause(at or now()))) or 0


def sitemap_rows(offset: int, limit: int, at: datetime | None = None) -> list[tuple[str, datetime]]:
    return list(db.session.execute(select(Story.slug, Story.updated_at).where(visible_clause(at or now()))
                                   .order_by(Story.id).offset(offset).limit(limit)))
