"""What only the Whoosh backend has to get right: damaged index files and several writers."""
from __future__ import annotations

import multiprocessing

import pytest

from ccan_web.search.backend import IndexUnavailable
from ccan_web.search.documents import SearchDocument, SearchQuery
from ccan_web.search.whoosh_backend import WhooshBackend

pytestmark = pytest.mark.no_db


def business(n: int) -> SearchDocument:
    return SearchDocument(key=f"business:{n}", kind="business", title=f"Studio {n} Almaty",
                          body="Design studio", url=f"/b/{n}", country="KZ")


def test_a_corrupt_index_raises_index_unavailable_and_a_rebuild_repairs_it(tmp_path):
    WhooshBackend(tmp_path).add_or_update([business(1)])
    for toc in tmp_path.glob("_ccan_*.toc"):
        toc.write_bytes(b"not an index")
    damaged = WhooshBackend(tmp_path)
    with pytest.raises(IndexUnavailable):
        damaged.search(SearchQuery("studio"))
    assert damaged.rebuild([business(2)]) == 1
    assert [h.key for h in damaged.search(SearchQuery("studio")).hits] == ["business:2"]


def test_an_edit_by_another_process_is_seen_by_the_next_search(tmp_path):
    reader = WhooshBackend(tmp_path)
    assert reader.count() == 0
    WhooshBackend(tmp_path).add_or_update([business(1)])
    assert reader.count() == 1


def _write(path: str, start: int) -> None:
    WhooshBackend(path).add_or_update([business(n) for n in range(start, start + 20)])


def test_several_processes_can_write_at_once(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write, args=(str(tmp_path), i * 100)) for i in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert all(worker.exitcode == 0 for worker in workers)
    assert WhooshBackend(tmp_path).count() == 60


def test_a_parallel_rebuild_indexes_every_document(tmp_path):
    backend = WhooshBackend(tmp_path)
    backend.add_or_update([business(999)])
    assert backend.rebuild((business(n) for n in range(500)), procs=2) == 500
    assert backend.count() == 500
    assert backend.search(SearchQuery("alm", per_page=5)).total == 500
