"""The regional roadmap and the five national adaptations, on top of the document engine."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ccan_web.documents import services as documents
from ccan_web.documents.conflicts import ConflictSides
from ccan_web.documents.merge import three_way
from ccan_web.documents.models import Document
from ccan_web.domain.countries import COUNTRIES, country_name
from ccan_web.domain.errors import DomainError, NotFound
from ccan_web.blueprints.accounts.models import RoleGrant, User
from ccan_web.domain.messages import Message
from ccan_web.domain.roles import Role
from ccan_web.extensions import db
from ccan_web.i18n import in_every_language
from ccan_web.notifications.services import notify, site_path
from ccan_web.permissions import DocumentRights, can

REGIONAL = "regional"
DOCUMENT_KEYS = (REGIONAL,) + tuple(c.code.lower() for c in COUNTRIES)


def check_key(key: str) -> str:
    """`regional` or a lower-case country code; anything else is not a roadmap."""
    if key not in DOCUMENT_KEYS:
        raise NotFound(_l("There is no such roadmap."))
    return key


def title_for(key: str):
    if key == REGIONAL:
        return _l("Creative economy roadmap for Central Asia")
    return _l("Roadmap for %(country)s", country=country_name(key.upper()))


def find_document(key: str) -> Document | None:
    """The document of `key`, or None for an adaptation nobody has started yet."""
    check_key(key)
    return db_document(key)


def db_document(slug: str) -> Document | None:
    return db.session.scalar(select(Document).where(Document.slug == slug))


def regional() -> Document:
    document = db_document(REGIONAL)
    if document is None:
        raise NotFound(_l("The regional roadmap has not been written yet."))
    return document


# Who may do what with which text ------------------------------------------------------------

def rights(doc: str) -> DocumentRights:
    """The regional text is its editors'; a country's adaptation is its association officers' (and the Board's)."""
    drafts = ("roadmap.read_drafts", None)
    if doc == REGIONAL:
        return DocumentRights(drafts, ("roadmap.edit_regional", None), ("roadmap.publish_regional", None))
    return DocumentRights(drafts, ("roadmap.edit_adaptation", doc.upper()), ("roadmap.publish_adaptation", doc.upper()))


def may_edit(user, key: str) -> bool:
    return can(user, *rights(key).edit)


def may_publish(user, key: str) -> bool:
    return can(user, *rights(key).publish)


def may_read_drafts(user) -> bool:
    return can(user, "roadmap.read_drafts")


def visible_number(document: Document, user) -> int | None:
    """Members read the newest text; the public and the media read the published one only."""
    if may_read_drafts(user):
        return documents.current_head(document)
    return document.published_number


# The overview ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RoadmapEntry:
    key: str
    title: object
    document: Document | None
    state: str  # not_started, draft, published
    behind: int = 0

    @property
    def country(self) -> str | None:
        return None if self.key == REGIONAL else self.key.upper()


def overview() -> list[RoadmapEntry]:
    """The regional roadmap and the five adaptations, each with its state and how many regional
    revisions it has not taken in: one query, however many revisions there are."""
    found = {document.slug: document for document in db.session.scalars(
        select(Document).where(Document.slug.in_(DOCUMENT_KEYS)).options(joinedload(Document.upstream)))}
    entries = []
    for key in DOCUMENT_KEYS:
        document = found.get(key)
        if document is None:
            entries.append(RoadmapEntry(key, title_for(key), None, "not_started"))
            continue
        state = "published" if document.published_number else "draft"
        upstream = document.upstream
        behind = upstream.head_number - (document.synced_upstream_number or 0) if upstream is not None else 0
        entries.append(RoadmapEntry(key, title_for(key), document, state, behind))
    return entries


def publish(document: Document, number: int, actor):
    """Publish a revision; when it is the regional roadmap's, tell each adaptation's officers (the
    association officers of its country) that the regional text has moved on since theirs."""
    revision = documents.publish(document, number, actor)
    if document.slug == REGIONAL:
        adaptations = db.session.scalars(select(Document).where(Document.upstream_id == document.id))
        for adaptation in adaptations:
            key = (adaptation.country or "").lower()
            officers = db.session.scalars(select(User).join(RoleGrant, RoleGrant.user_id == User.id).where(
                RoleGrant.role == Role.ASSOCIATION_OFFICER.value, RoleGrant.scope == adaptation.country))
            for officer in officers:
                notify(officer, "roadmap_changed",
                       Message("The regional roadmap has a new published revision (%(number)d): see what "
                               "changed since %(title)s took it in.", number=number, title=adaptation.title),
                       site_path("roadmap.upstream", doc=key))
    return revision


def start_regional(body: str, actor, language: str = "en") -> Document:
    """The first draft of the regional roadmap, by a roadmap editor or the Board, in `language`;
    the adaptations forked from it start in the same language."""
    if db_document(REGIONAL) is not None:
        raise DomainError(_l("The regional roadmap has already been started."))
    return documents.create_document(REGIONAL, "roadmap", str(title_for(REGIONAL)), body, actor,
                                     summary=str(_l("First draft")), language=language)


def start_adaptation(key: str, regional_number: int, actor) -> Document:
    """Fork the regional roadmap at `regional_number` as the national adaptation of `key`."""
    check_key(key)
    if key == REGIONAL:
        raise DomainError(_l("The regional roadmap is not an adaptation."))
    if db_document(key) is not None:
        raise DomainError(_l("This adaptation has already been started."))
    return documents.fork(regional(), regional_number, key, str(title_for(key)), actor,
                          country=key.upper())


# Pulling the regional changes ----------------------------------------------------------------

def pull_merge(document: Document, upstream_number: int, mine_number: int, synced_number: int | None = None):
    """The merge of a pull: regional as last synced (or at `synced_number`, as the screen showed it),
    regional at `upstream_number`, adaptation at `mine_number`."""
    if synced_number is None:
        synced_number = documents.upstream_status(document).synced_number
    base = documents.get_revision(document.upstream, synced_number)
    theirs = documents.get_revision(document.upstream, upstream_number)
    mine = documents.get_revision(document, mine_number)
    return three_way(base.body, theirs.body, mine.body)


def pull_sides(document: Document, upstream_number: int, synced_number: int | None = None) -> ConflictSides:
    """A pull's conflict screen: the other version is the regional revisions after the last sync up
    to `upstream_number`, and "your version" is the country's text, named, since the one pulling
    may be the Board."""
    mine = (_l("%(country)s’s text (your version)", country=country_name(document.country.upper()))
            if document.country else _l("Your version"))
    synced = synced_number if synced_number is not None else document.synced_upstream_number or 0
    return ConflictSides(_l("Regional roadmap"), mine,
                         documents.revisions_between(document.upstream, synced, upstream_number),
                         others_heading=_l("The regional changes"), keep_theirs=_l("Take the regional text"))


# What search indexes: the published text of each roadmap, and newer drafts for members ---------

def _titles(slug: str) -> str:
    """The roadmap's title in every interface language, as key words: the text itself is in the
    language it was written in, and "дорожная карта" or "Kazakhstan" should find it too (an
    adaptation's title names its country)."""
    return in_every_language(title_for(slug))


def search_source():
    """The regional roadmap and the adaptations: each one's published text for everyone, and its
    newest draft, while that is newer, for members (who may read drafts; the public never)."""
    import nh3
    from sqlalchemy import func, or_

    from ccan_web.documents.models import Revision
    from ccan_web.markdown import render
    from ccan_web.search.documents import SearchDocument
    from ccan_web.search.indexing import Source

    kinds = ("roadmap", "adaptation")
    has_draft = or_(Document.published_number.is_(None), Document.head_number > Document.published_number)

    def keys_for(obj) -> list[str]:
        document_id = obj.document_id if isinstance(obj, Revision) else obj.id
        return [f"roadmap:{document_id}", f"roadmap:{document_id}:draft"] if document_id else []

    def make(document: Document, revision: Revision, draft: bool) -> SearchDocument:
        """The published text for everyone, or the newer draft for members, at its revision."""
        key, url = f"roadmap:{document.id}", f"/roadmap/{document.slug}"
        return SearchDocument(key=f"{key}:draft" if draft else key, kind="roadmap",
                              visibility="members" if draft else "public", title=str(title_for(document.slug)),
                              body=nh3.clean(str(render(revision.body)), tags=set()), keywords=_titles(document.slug),
                              url=f"{url}/rev/{revision.number}" if draft else url,
                              country=document.country.upper() if document.country else None)

    def texts(session, ids=None):
        """(document, revision, is_draft) of each published text and each newer draft."""
        published = (select(Document, Revision, False)
                     .join(Revision, (Revision.document_id == Document.id)
                           & (Revision.number == Document.published_number)))
        drafts = (select(Document, Revision, True)
                  .join(Revision, (Revision.document_id == Document.id) & (Revision.number == Document.head_number))
                  .where(Document.head_number > 0, has_draft))
        for query in (published, drafts):
            query = query.where(Document.kind.in_(kinds)).order_by(Document.id)
            if ids is not None:
                query = query.where(Document.id.in_(ids))
            yield from session.execute(query)

    def load(session, keys):
        ids = {int(part) for key in keys if (part := key.split(":")[1]).isdigit()}
        return [make(*row) for row in texts(session, ids)]

    def load_all(session):
        for row in texts(session):
            yield make(*row)

    def count_all(session) -> int:
        in_kinds = Document.kind.in_(kinds)
        return (session.scalar(select(func.count(Document.id)).where(in_kinds, Document.published_number.is_not(None)))
                + session.scalar(select(func.count(Document.id)).where(in_kinds, Document.head_number > 0, has_draft)))

    def display_title(hit) -> str:
        slug = hit.url.split("/")[2]  # /roadmap/<slug>[/rev/<n>]
        return str(title_for(slug)) if slug in DOCUMENT_KEYS else hit.title

    return Source("roadmap", (Document, Revision), keys_for, load, load_all, count_all, display_title)
