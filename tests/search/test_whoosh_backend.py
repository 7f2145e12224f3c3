"""What only the Whoosh backend has to get right: damaged index files and several writers."""
from __future__ import annotations

import multiprocessing
import subprocess
import sys
import textwrap

import pytest

from ccan_web.search.backend import IndexUnavailable
from ccan_web.search.documents import SearchDocument, SearchQuery
from ccan_web.search.whoosh_backend import WhooshBackend
from tests.search.damage import WHOOSH_DAMAGE, random_bytes

pytestmark = pytest.mark.no_db


def business(n: int) -> SearchDocument:
    return SearchDocument(key=f"business:{n}", kind="business", title=f"Studio {n} Almaty",
                          body="Design studio", url=f"/b/{n}", country="KZ")


def served(path, count: int = 200) -> WhooshBackend:
    """A backend that has built an index of `count` documents and answered from it, as a running
    server's has: its index, searcher and masks are open."""
    backend = WhooshBackend(path)
    backend.rebuild((business(n) for n in range(count)), procs=1)
    backend.add_or_update([business(n) for n in range(count, count + 10)])  # a second segment
    assert backend.search(SearchQuery("studio")).total == count + 10
    return backend


def answers_or_says_unavailable(backend: WhooshBackend) -> None:
    """Whatever the damage, each read gives an answer or IndexUnavailable, never another error."""
    for read in (lambda: backend.search(SearchQuery("studio")), lambda: backend.search(SearchQuery("almaty 7")),
                 lambda: backend.search(SearchQuery("desing", facets={"country": frozenset({"KZ"})})),
                 backend.count, backend.versions):
        try:
            read()
        except IndexUnavailable:
            pass


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


def test_an_empty_index_has_no_versions(tmp_path):
    assert WhooshBackend(tmp_path / "new").versions() == {}


@pytest.mark.parametrize("damage", WHOOSH_DAMAGE, ids=list(WHOOSH_DAMAGE))
def test_a_damaged_index_is_unavailable_never_an_error_and_a_rebuild_repairs_it_in_place(tmp_path, damage):
    """The backend that served the index before the damage rebuilds it: no restart, no new object."""
    path = tmp_path / "index"
    backend = served(path)
    WHOOSH_DAMAGE[damage](path)
    answers_or_says_unavailable(backend)
    answers_or_says_unavailable(WhooshBackend(path))  # and a process that opens it afresh
    assert backend.rebuild([business(1), business(2)], procs=1) == 2
    assert [hit.key for hit in backend.search(SearchQuery("studio 2")).hits] == ["business:2"]
    assert backend.count() == 2 and set(backend.versions()) == {"business:1", "business:2"}
    assert WhooshBackend(path).count() == 2


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_over_the_files_never_raise_anything_but_index_unavailable(tmp_path, seed):
    backend = served(tmp_path, count=60)
    random_bytes(tmp_path, seed=seed)
    answers_or_says_unavailable(backend)
    answers_or_says_unavailable(WhooshBackend(tmp_path))


_READ_AFTER_TRUNCATING = textwrap.dedent("""
    import sys
    from pathlib import Path
    from ccan_web.search.backend import IndexUnavailable
    from ccan_web.search.documents import SearchQuery
    from tests.search.damage import truncated_segments
    from tests.search.test_whoosh_backend import answers_or_says_unavailable, served

    backend = served(sys.argv[1])
    truncated_segments(Path(sys.argv[1]))  # the directory it has open
    answers_or_says_unavailable(backend)
    print("still running")
""")


def test_truncated_segment_files_never_kill_the_process_that_has_them_open(tmp_path):
    """Memory-mapped, a truncated file kills the reader with SIGBUS; read as files, it is an error
    like any other. In a child process, so that a regression fails this test, not the run."""
    child = subprocess.run([sys.executable, "-c", _READ_AFTER_TRUNCATING, str(tmp_path / "index")],
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, f"exit status {child.returncode}: {child.stderr[-2000:]}"
    assert "still running" in child.stdout
