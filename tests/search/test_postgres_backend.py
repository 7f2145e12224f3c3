"""What only the PostgreSQL backend has: the change log that keeps each process's masks true."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from ccan_web.search import postgres_backend as backend_module
from ccan_web.search.documents import SearchDocument, SearchQuery
from tests.search.damage import POSTGRES_DAMAGE


def business(n: int, title: str, country: str = "KZ") -> SearchDocument:
    return SearchDocument(key=f"business:{n}", kind="business", title=title, body="", url=f"/b/{n}",
                          country=country, version="1")


def test_a_process_further_behind_than_the_log_reads_everything_again(postgres_backend, postgres_other_process,
                                                                    postgres_engine, monkeypatch):
    monkeypatch.setattr(backend_module, "KEEP_CHANGES", 3)
    postgres_backend.add_or_update([business(1, "Almaty Sound")])
    assert postgres_other_process.search(SearchQuery("almaty")).total == 1  # its masks are now in memory
    for n in range(2, 8):  # six generations; the log keeps three
        postgres_backend.add_or_update([business(n, f"Almaty Studio {n}", country="UZ")])
    with postgres_engine.connect() as connection:
        assert connection.scalar(sa.text("SELECT count(*) FROM search_changes")) == 3
    results = postgres_other_process.search(SearchQuery("almaty"))
    assert results.total == 7 and results.facet_counts["country"] == {"KZ": 1, "UZ": 6}


def test_each_write_logs_the_documents_it_touched(postgres_backend, postgres_engine):
    postgres_backend.add_or_update([business(1, "Almaty Sound"), business(2, "Bishkek Beats")])
    postgres_backend.delete(["business:2"])
    with postgres_engine.connect() as connection:
        logged = connection.execute(sa.text(
            "SELECT doc_ids FROM search_changes ORDER BY generation DESC LIMIT 3")).scalars().all()[::-1]
    assert logged[0] is None  # the fixture's clear: everything
    assert [len(ids) for ids in logged[1:]] == [2, 1]


def test_a_mask_is_rebuilt_from_its_64_bit_words_whatever_their_sign():
    doc_ids = [0, 1, 63, 64, 127, 1000, 120_001]
    words: dict[int, int] = {}
    for doc_id in doc_ids:  # what the SQL's bit_or per doc_id >> 6 returns: signed bigints
        value = words.get(doc_id >> 6, 0) | 1 << (doc_id & 63)
        words[doc_id >> 6] = value - (1 << 64) if value >= 1 << 63 else value
    mask = backend_module._mask_from_words(list(words), list(words.values()))  # noqa: SLF001
    assert mask == sum(1 << doc_id for doc_id in doc_ids)
    assert backend_module._mask_from_words(None, None) == 0  # noqa: SLF001


def test_a_process_follows_the_writes_of_others_after_the_change_log_was_emptied(postgres_backend,
                                                                               postgres_other_process,
                                                                               postgres_engine):
    for n in range(1, 4):
        postgres_backend.add_or_update([business(n, f"Almaty Studio {n}")])
    assert postgres_other_process.search(SearchQuery("almaty")).total == 3  # its masks are as of the log's end
    with postgres_engine.begin() as connection:
        connection.execute(sa.text("TRUNCATE search_changes"))  # generations start again at 1
    postgres_backend.add_or_update([business(4, "Almaty Sound")])
    assert postgres_other_process.search(SearchQuery("almaty")).total == 4


@pytest.mark.parametrize("damage", POSTGRES_DAMAGE, ids=list(POSTGRES_DAMAGE))
def test_a_damaged_search_table_is_unavailable_and_a_rebuild_restores_it(postgres_backend, postgres_engine, damage):
    """The application's backend (the migration made its tables) rebuilds what was dropped or
    altered, without a restart."""
    from ccan_web.search.backend import IndexUnavailable

    app_backend = backend_module.PostgresBackend(postgres_engine, manage_schema=False)
    app_backend.rebuild([business(1, "Almaty Sound"), business(2, "Bishkek Beats")])
    assert app_backend.search(SearchQuery("almaty")).total == 1
    with postgres_engine.begin() as connection:
        connection.execute(sa.text(POSTGRES_DAMAGE[damage]))
    assert app_backend.problem() is not None
    for read in (lambda: app_backend.search(SearchQuery("sound")), app_backend.versions):
        try:
            read()
        except IndexUnavailable:
            pass
    assert app_backend.rebuild([business(3, "Almaty Studio"), business(4, "Bishkek Sound")]) == 2
    assert app_backend.problem() is None
    assert [hit.key for hit in app_backend.search(SearchQuery("sound")).hits] == ["business:4"]
    assert app_backend.versions() == {"business:3": "1", "business:4": "1"}
    postgres_backend.add_or_update([business(5, "Almaty Sound")])  # another process, its cached codes
    assert app_backend.search(SearchQuery("almaty", facets={"country": frozenset({"KZ"})})).total == 2
