"""The search index after faults: a damaged index, or a process killed between its commit and
the index update. Each time /search keeps answering, the running application repairs the index
without a restart, and `flask search verify` says what is wrong and `--fix` repairs it.

Every test has its own index (a temporary directory, or the PostgreSQL tables of this run's
schema), so they run in parallel; the damage happens after the index has served a search, with
its files and masks open, as on a running server.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.catalog.entries import BusinessData, submit_business
from ccan_web.blueprints.catalog.models import Business
from ccan_web.blueprints.catalog.moderation import publish
from ccan_web.cli import search_cli
from ccan_web.search import indexing
from ccan_web.search.indexing import SearchIndex, search_index
from tests.search.damage import POSTGRES_DAMAGE, WHOOSH_DAMAGE, verify_reports_and_fix_repairs

BEING_BUILT = "The search index is being built"
NAMES = ("Steppe Sound", "Nomad Studio", "Silk Road Design")
REPAIR_TIMEOUT = 60


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request):
    return request.param


def each_damage(test):
    """Run `test` once for each damage of each backend, as its `backend` and `kind` arguments."""
    cases = [("whoosh", kind) for kind in WHOOSH_DAMAGE] + [("postgres", kind) for kind in POSTGRES_DAMAGE]
    return pytest.mark.parametrize("backend, kind", cases, ids=[f"{b}: {k}" for b, k in cases])(test)


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor",))


@pytest.fixture
def served(app, db, client, editor, backend, tmp_path, monkeypatch):
    """The app's search, of its own, over three published businesses, having answered a search."""
    if backend == "postgres" and db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL backend needs PostgreSQL")
    monkeypatch.setitem(app.config, "SEARCH_BACKEND", backend)
    monkeypatch.setitem(app.config, "SEARCH_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setitem(app.config, "SEARCH_AUTO_INDEX", True)
    index = SearchIndex(app, list(search_index(app).sources.values()))
    monkeypatch.setitem(app.extensions, "ccan_search", index)
    index.rebuild()  # the PostgreSQL tables keep what earlier tests left
    for name in NAMES:
        publish(submit_business(BusinessData(
            name=name, country="KZ", city="Almaty", primary_sector="music"), editor).entry, editor)
    db.session.commit()
    assert "Steppe Sound" in text(client.get("/search?q=steppe"))
    yield index
    index.idle(REPAIR_TIMEOUT)
    index.close()


def damage(app, backend: str, kind: str) -> None:
    if backend == "whoosh":
        WHOOSH_DAMAGE[kind](Path(app.config["SEARCH_INDEX_DIR"]))
    else:
        from ccan_web.extensions import db

        with db.engine.begin() as connection:
            connection.execute(sa.text(POSTGRES_DAMAGE[kind]))


def repaired(index, client) -> None:
    """What a visitor sees once the repair in the background is done: every business found."""
    assert index.idle(REPAIR_TIMEOUT), "the repair did not finish"
    page = text(client.get("/search?q=almaty"))
    assert all(name in page for name in NAMES) and BEING_BUILT not in page, page[page.find("search-results"):][:3000]
    assert index.verify().in_step


# The search that meets the damage starts the rebuild ------------------------------------------

# Files damaged in place can go unnoticed by a process that already read what it needs from them
# (its masks and buffers): it answers as before, and the periodic check finds the damage.
SEEN_BY_A_SEARCH = [("whoosh", "deleted directory"), ("whoosh", "directory replaced by a file"),
                    ("postgres", "search_documents dropped"),
                    ("postgres", "search_matches dropped"), ("postgres", "search_changes dropped"),
                    ("postgres", "a column dropped")]


@pytest.mark.parametrize("backend, kind", SEEN_BY_A_SEARCH, ids=[f"{b}: {k}" for b, k in SEEN_BY_A_SEARCH])
def test_the_search_that_meets_a_damaged_index_says_so_and_its_rebuild_repairs_it(app, client, backend, kind,
                                                                                  served):
    damage(app, backend, kind)
    assert BEING_BUILT in text(client.get("/search?q=nomad"))  # a word not asked before: read now
    repaired(served, client)


# The periodic check finds what no search has met ------------------------------------------------

@each_damage
def test_the_check_at_start_and_every_interval_finds_a_damaged_index_and_rebuilds_it(app, client, backend, served,
                                                                                     monkeypatch, kind):
    damage(app, backend, kind)
    monkeypatch.setitem(app.config, "SEARCH_CHECK_INTERVAL", 600)  # this index has not been checked yet
    assert client.get("/catalog/businesses").status_code == 200  # any page: the check runs beside it
    assert client.get("/search?q=steppe").status_code == 200  # never a 500, meanwhile
    repaired(served, client)


# `flask search verify` ------------------------------------------------------------------------

@each_damage
def test_verify_says_the_index_cannot_be_read_and_fix_rebuilds_it(app, client, backend, served, kind):
    damage(app, backend, kind)
    assert "--fix" in app.test_cli_runner().invoke(search_cli, ["verify"]).output  # says how to repair
    verify_reports_and_fix_repairs(app, "The search index cannot be read", "Repaired by a rebuild: 3 records indexed.")
    repaired(served, client)


@pytest.mark.parametrize("backend", ["whoosh"])  # a directory is the Whoosh backend's
def test_rebuild_repairs_an_index_whose_directory_is_a_file_and_keeps_the_file(app, client, served, backend):
    path = Path(app.config["SEARCH_INDEX_DIR"])
    damage(app, backend, "directory replaced by a file")
    result = app.test_cli_runner().invoke(search_cli, ["rebuild"])
    assert result.exit_code == 0 and "Indexed 3 records" in result.output
    assert path.is_dir()
    [aside] = path.parent.glob(f"{path.name}.not-an-index-*")
    assert aside.read_text() == "not an index\n"
    repaired(served, client)


# A process killed between its commit and the index update --------------------------------------

_COMMIT_THEN_DIE = textwrap.dedent("""
    import os, signal, sys

    from ccan_web import create_app
    from ccan_web.blueprints.accounts.models import User
    from ccan_web.blueprints.catalog.entries import BusinessData, submit_business, update_business
    from ccan_web.blueprints.catalog.models import Business
    from ccan_web.blueprints.catalog.moderation import publish
    from ccan_web.extensions import db
    from ccan_web.search.indexing import SearchIndex
    from tests.conftest import make_config

    def killed(index, keys):  # the commit is in; the process dies before the index hears of it
        os.kill(os.getpid(), signal.SIGKILL)

    SearchIndex.refresh = killed
    database_url, index_dir, backend, editor_id, renamed_id = sys.argv[1:]
    app = create_app(make_config(database_url, index_dir, SEARCH_BACKEND=backend, SEARCH_AUTO_INDEX=True))
    with app.app_context():
        editor = db.session.get(User, int(editor_id))
        for n in range(20):
            entry = submit_business(BusinessData(
                name=f"Kolkhoz Studio {n}", country="UZ", city="Tashkent", primary_sector="music"), editor).entry
            publish(entry, editor)
        renamed = db.session.get(Business, int(renamed_id))
        update_business(renamed, BusinessData(
            name="Steppe Echo", country="KZ", city="Almaty", primary_sector="music"), editor)
        db.session.commit()
    print("still alive")
""")


def commit_then_die(app, db, database_url, editor) -> None:
    """A process that commits twenty new businesses and a renamed one, and is killed (SIGKILL)
    as the after-commit update of the index begins."""
    renamed = db.session.scalar(sa.select(Business).where(Business.name == "Steppe Sound"))
    db.session.commit()
    child = subprocess.run(
        [sys.executable, "-c", _COMMIT_THEN_DIE, database_url, app.config["SEARCH_INDEX_DIR"],
         app.config["SEARCH_BACKEND"], str(editor.id), str(renamed.id)],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert child.returncode == -signal.SIGKILL, child.stderr[-3000:]


def test_updates_lost_by_a_process_killed_after_its_commit_are_made_by_the_check(
        app, db, client, served, editor, database_url, monkeypatch):
    commit_then_die(app, db, database_url, editor)
    page = text(client.get("/search?q=kolkhoz"))  # the database has them; the index does not know
    assert "Kolkhoz Studio" not in page and "0 results" in page
    monkeypatch.setattr(indexing, "PENDING_GRACE", 0.0)  # the updates are owed, not in flight
    monkeypatch.setitem(app.config, "SEARCH_CHECK_INTERVAL", 600)
    client.get("/")
    assert served.idle(REPAIR_TIMEOUT)
    assert "20 results" in text(client.get("/search?q=kolkhoz"))
    assert "Steppe Echo" in text(client.get("/search?q=echo"))
    assert served.verify().in_step
    assert served.keep_in_step().action == "none"  # and nothing is owed any more


def test_verify_reports_updates_a_killed_process_never_made_and_fix_makes_them(
        app, db, client, served, editor, database_url):
    commit_then_die(app, db, database_url, editor)
    verify_reports_and_fix_repairs(app, "missing from the index: 20, stale: 1, not in the database: 0")
    assert "20 results" in text(client.get("/search?q=kolkhoz"))
    assert served.keep_in_step(grace=0).action == "none"  # verify --fix settled what was owed
