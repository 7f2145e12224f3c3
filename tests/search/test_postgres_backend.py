"""What only the PostgreSQL backend has: the change log that keeps each process's masks true."""
from __future__ import annotations

import sqlalchemy as sa

from ccan_web.search import postgres_backend as backend_module
from ccan_web.search.documents import SearchDocument, SearchQuery


def business(n: int, title: str, country: str = "KZ") -> SearchDocument:
    return SearchDocument(key=f"business:{n}", kind="business", title=title, body="", url=f"/b/{n}",
                          country=country, version="1")


def test_a_process_further_behind_than_the_log_reads_everything_again(postgres_backend, postgres_other_process,
                                                                    monkeypatch):
    monkeypatch.setattr(backend_module, "KEEP_CHANGES", 3)
    postgres_backend.add_or_update([business(1, "Almaty Sound")])
    assert postgres_other_process.search(SearchQuery("almaty")).total == 1  # its masks are now in memory
    for n in range(2, 8):  # six generations; the log keeps three
        postgres_backend.add_or_update([business(n, f"Almaty Studio {n}", country="UZ")])
    with postgres_backend._engine.connect() as connection:  # noqa: SLF001 - the log itself
        assert connection.scalar(sa.text("SELECT count(*) FROM search_changes")) == 3
    results = postgres_other_process.search(SearchQuery("almaty"))
    assert results.total == 7 and results.facet_counts["country"] == {"KZ": 1, "UZ": 6}


def test_each_write_logs_the_documents_it_touched(postgres_backend):
    postgres_backend.add_or_update([business(1, "Almaty Sound"), business(2, "Bishkek Beats")])
    postgres_backend.delete(["business:2"])
    with postgres_backend._engine.connect() as connection:  # noqa: SLF001
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
