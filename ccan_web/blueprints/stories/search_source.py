"""Success stories as the site search indexes them: a story is indexed once the public may read it
(published, its embargo over), and leaves the index when it is unpublished."""
from __future__ import annotations

from sqlalchemy import func, select

from ccan_web.blueprints.stories import services
from ccan_web.blueprints.stories.models import Story
from ccan_web.documents.models import Revision
from ccan_web.search.documents import SearchDocument
from ccan_web.search.indexing import Source


def story_search_document(session, story: Story) -> SearchDocument:
    # Read in the indexer's own session, the story's: the request's transaction is over by then.
    text = session.scalar(select(Revision.body).where(Revision.document_id == story.document_id,
                                                      Revision.number == story.document.published_number))
    body = "\n\n".join(part for part in (story.summary, story.adaptation, text or "") if part)
    return SearchDocument(key=f"story:{story.id}", kind="story", title=story.title, body=body,
                          keywords=" ".join(part for part in (story.company_name, story.tags) if part),
                          url=f"/stories/{story.slug}", country=story.country, sectors=(story.sector,),
                          language=story.language)


def _visible(session, ids=None):
    query = select(Story).where(services.visible_clause(services.now())).order_by(Story.id)
    if ids is not None:
        query = query.where(Story.id.in_(ids))
    return session.scalars(query)


def _load(session, keys):
    ids = [int(key.split(":", 1)[1]) for key in keys if key.split(":", 1)[1].isdigit()]
    return [story_search_document(session, story) for story in _visible(session, ids)]


def _load_all(session):
    for story in _visible(session):
        yield story_search_document(session, story)


def _count_all(session) -> int:
    return session.scalar(select(func.count(Story.id)).where(services.visible_clause(services.now())))


def search_source() -> Source:
    return Source("story", (Story,), lambda story: [f"story:{story.id}"] if story.id else [], _load, _load_all,
                  _count_all)
