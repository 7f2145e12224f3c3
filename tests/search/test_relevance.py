"""Relevance on the demo catalog: nDCG@10 of the judged query set (`relevance.py`) on each backend,
and the two backends agreeing on what comes first."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from ccan_web.blueprints.accounts import services as accounts_services
from ccan_web.search.documents import SearchDocument, SearchQuery
from tests.search.relevance import QUERIES, grades, ndcg

TARGET = 0.9
_DEMO_DOCS: list[SearchDocument] = []


@pytest.fixture
def demo_docs(db, monkeypatch) -> list[SearchDocument]:
    """The demo catalog's search documents, loaded once per run (the demo takes a while)."""
    if not _DEMO_DOCS:
        from ccan_web.blueprints.catalog.search_sources import search_sources
        from ccan_web.demo import load_demo

        monkeypatch.setattr(accounts_services, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        load_demo()
        db.session.commit()
        for source in search_sources():
            _DEMO_DOCS.extend(source.load_all(db.session))
    return _DEMO_DOCS


def rankings(backend, docs: list[SearchDocument], **rebuild) -> dict[str, list[str]]:
    backend.rebuild(docs, **rebuild)
    return {judged.query: [hit.key for hit in backend.search(SearchQuery(text=judged.query, per_page=10)).hits]
            for judged in QUERIES}


def mean_ndcg(ranked: dict[str, list[str]], docs: list[SearchDocument]) -> float:
    return sum(ndcg(ranked[judged.query], grades(judged, docs)) for judged in QUERIES) / len(QUERIES)


def test_the_judged_set_is_large_and_varied_enough():
    assert len(QUERIES) >= 40
    queries = [judged.query for judged in QUERIES]
    assert len(set(queries)) == len(queries)
    assert sum(len(query.split()) in (2, 3) for query in queries) >= 10
    assert sum(len(query) <= 4 and " " not in query for query in queries) >= 5  # prefixes


@pytest.mark.parametrize("name", ["whoosh", "postgres"])
def test_ndcg_at_10_of_the_judged_queries_is_at_least_the_target(request, name, demo_docs):
    backend = request.getfixturevalue(f"{name}_backend")
    ranked = rankings(backend, demo_docs)
    score = mean_ndcg(ranked, demo_docs)
    low = {query: round(ndcg(ranked[query], grades(judged, demo_docs)), 2)
           for judged in QUERIES if ndcg(ranked[(query := judged.query)], grades(judged, demo_docs)) < 0.5}
    assert score >= TARGET, f"nDCG@10 {score:.3f} on {name}; worst: {low}"


def test_both_backends_put_the_same_judged_entries_first(whoosh_backend, postgres_backend, demo_docs):
    # Entries of equal score come in index order: written by one process, Whoosh's index keeps
    # the order PostgreSQL's doc_ids have, so the first results must be the very same.
    whoosh = rankings(whoosh_backend, demo_docs, procs=1)
    postgres = rankings(postgres_backend, demo_docs)
    for judged in QUERIES:
        assert whoosh[judged.query][:5] == postgres[judged.query][:5], judged.query
