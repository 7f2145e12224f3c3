"""The index follows the database: after each commit, and through `flask search rebuild/verify`."""
from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.catalog.entries import BusinessData, CourseData, submit_business, submit_course, update_business
from ccan_web.blueprints.catalog.models import Business, DuplicateFlag
from ccan_web.blueprints.catalog.moderation import merge_duplicate, publish
from ccan_web.blueprints.roadmap import services as roadmap
from ccan_web.cli import search_cli
from ccan_web.documents import services as documents
from ccan_web.search.documents import SearchQuery
from ccan_web.search.indexing import search_index
from tests.search.damage import verify_reports_and_fix_repairs


@pytest.fixture
def editor(factories):
    return factories.user(roles=("editor",))


def keys(index, text: str, **kw) -> set[str]:
    return {hit.key for hit in index.backend.search(SearchQuery(text=text, per_page=100, **kw)).hits}


def business(editor, name="Steppe Sound", city="Алматы", **kw):
    return submit_business(BusinessData(name=name, country="KZ", city=city,
                                        primary_sector="music", **kw), editor).entry


def test_a_published_entry_is_searchable_after_the_commit_and_a_pending_one_never(db, search, editor):
    waiting = business(editor, name="Waiting Studio")
    live = business(editor)
    publish(live, editor)
    db.session.commit()
    assert keys(search, "steppe") == {f"business:{live.id}"}
    assert keys(search, "almaty") == {f"business:{live.id}"}  # its city, typed in the other script
    assert keys(search, "waiting") == set()
    publish(waiting, editor)
    db.session.commit()
    assert keys(search, "waiting") == {f"business:{waiting.id}"}


def test_an_edit_replaces_the_indexed_text_and_a_retired_entry_leaves_the_index(db, search, editor):
    entry = business(editor)
    publish(entry, editor)
    db.session.commit()
    update_business(entry, BusinessData(name="Steppe Echo", country="KZ", city="Astana",
                                        primary_sector="music"), editor)
    db.session.commit()
    assert keys(search, "echo") == {f"business:{entry.id}"} and keys(search, "sound") == set()
    twin = business(editor, name="Steppe Echo LLC", city="Astana")
    publish(twin, editor)
    db.session.commit()
    flag = db.session.scalar(db.select(DuplicateFlag).where(DuplicateFlag.business_id == twin.id))
    merge_duplicate(flag, editor)
    db.session.commit()
    assert keys(search, "echo") == {f"business:{entry.id}"}  # the merged twin is gone
    db.session.delete(entry)
    db.session.commit()
    assert keys(search, "echo") == set()


def test_a_rolled_back_transaction_indexes_nothing(db, search, editor):
    entry = business(editor)
    publish(entry, editor)
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert search.backend.count() == 0


def test_a_course_carries_its_facets(db, search, editor):
    course = submit_course(CourseData(
        title="Pricing for designers", url="https://academy.example/pricing", language="ru", format="video",
        improves="professional", outcome="income", all_sectors=True), editor).entry
    publish(course, editor)
    db.session.commit()
    results = search.backend.search(SearchQuery(text="pricing", facets={"sectors": frozenset({"music"})}))
    assert [hit.key for hit in results.hits] == [f"course:{course.id}"]  # all sectors includes music
    assert results.facet_counts["language"] == {"ru": 1}


def test_only_the_published_roadmap_text_is_searchable(db, search, factories):
    leader = factories.user(roles=("roadmap_editor",))
    document = roadmap.start_regional("# Roadmap\n\nFestivals and a creative export fund.", leader)
    db.session.commit()
    assert keys(search, "festivals") == set()  # a draft
    documents.publish(document, 1, leader)
    db.session.commit()
    assert keys(search, "festivals") == {f"roadmap:{document.id}"}
    documents.save(document, 1, "# Roadmap\n\nFestivals, and a new word: incubators.", leader)
    db.session.commit()
    assert keys(search, "incubators") == set()  # saved, not published
    documents.publish(document, 2, leader)
    db.session.commit()
    assert keys(search, "incubators") == {f"roadmap:{document.id}"}


def test_members_find_the_newest_draft_and_the_public_never_does(db, search, factories):
    leader = factories.user(roles=("roadmap_editor",))
    document = roadmap.start_regional("# Roadmap\n\nFestivals and a creative export fund.", leader)
    db.session.commit()
    draft = f"roadmap:{document.id}:draft"
    assert keys(search, "festivals") == set()
    assert keys(search, "festivals", include_members=True) == {draft}  # never published: members only
    documents.publish(document, 1, leader)
    db.session.commit()
    assert keys(search, "festivals", include_members=True) == {f"roadmap:{document.id}"}  # no newer draft
    documents.save(document, 1, "# Roadmap\n\nFestivals, and a new word: incubators.", leader)
    db.session.commit()
    assert keys(search, "incubators") == set()
    hits = search.backend.search(SearchQuery(text="incubators", include_members=True)).hits
    assert [(hit.key, hit.visibility, hit.url) for hit in hits] == [(draft, "members", "/roadmap/regional/rev/2")]
    assert keys(search, "festivals", include_members=True) == {f"roadmap:{document.id}", draft}
    documents.publish(document, 2, leader)
    db.session.commit()
    assert keys(search, "incubators", include_members=True) == {f"roadmap:{document.id}"}  # the draft is gone
    assert search.verify().in_step


def test_an_index_that_fails_does_not_undo_the_commit(db, search, editor, monkeypatch, caplog):
    def broken(docs):
        raise OSError("disk full")

    monkeypatch.setattr(search.backend, "add_or_update", broken)
    entry = business(editor)
    publish(entry, editor)
    with caplog.at_level(logging.ERROR):
        db.session.commit()
    assert "could not follow a commit" in caplog.text
    assert db.session.get(Business, entry.id).status == "published"


def test_verify_finds_what_is_missing_stale_or_extra_and_fix_repairs_it(app, db, search, editor, monkeypatch):
    one, two = business(editor, name="One Studio"), business(editor, name="Two Studio")
    for entry in (one, two):
        publish(entry, editor)
    db.session.commit()
    monkeypatch.setitem(app.config, "SEARCH_AUTO_INDEX", False)  # the database moves on alone
    update_business(one, BusinessData(name="One Renamed", country="KZ", city="Almaty",
                                      primary_sector="music"), editor)
    three = business(editor, name="Three Studio")
    publish(three, editor)
    db.session.delete(two)
    db.session.commit()
    verify_reports_and_fix_repairs(app, "missing from the index: 1, stale: 1, not in the database: 1")
    assert keys(search, "renamed") == {f"business:{one.id}"} and keys(search, "three") == {f"business:{three.id}"}


def test_rebuild_indexes_every_searchable_record(app, db, search, editor, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_AUTO_INDEX", False)
    for number in range(3):
        publish(business(editor, name=f"Studio {number}", city=f"City {number}"), editor)
    business(editor, name="Pending Studio")
    db.session.commit()
    assert search.backend.count() == 0
    result = app.test_cli_runner().invoke(search_cli, ["rebuild"])
    assert result.exit_code == 0 and "Indexed 3 records" in result.output
    assert search.backend.count() == 3
    assert not search.needs_rebuild()


def test_the_catalog_lists_rank_words_through_search_and_fall_back_to_the_database(client, db, search, editor):
    for name, city in (("Steppe Sound", "Алматы"), ("Sound of Steppe", "Astana"), ("Nomad Studio", "Almaty")):
        publish(business(editor, name=name, city=city), editor)
    db.session.commit()
    page = client.get("/catalog/businesses?q=алматы").get_data(as_text=True)
    assert "Steppe Sound" in page and "Nomad Studio" in page and "Sound of Steppe" not in page  # the city
    page = client.get("/catalog/businesses?q=Stepe").get_data(as_text=True)
    assert "Showing results for" in page and "Steppe Sound" in page
    # A city filter is the database's: the list still answers, by its word match on names.
    page = client.get("/catalog/businesses?q=sound&city=Astana").get_data(as_text=True)
    assert "Sound of Steppe" in page and "Steppe Sound" not in page


def test_the_postgresql_backend_uses_the_tables_its_migration_made(app, db, editor, monkeypatch):
    """With SEARCH_BACKEND=postgres the app never creates tables itself: the migration did."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL backend needs PostgreSQL")
    from ccan_web.search.indexing import SearchIndex

    monkeypatch.setitem(app.config, "SEARCH_BACKEND", "postgres")
    index = SearchIndex(app, list(search_index(app).sources.values()))
    entry = business(editor)
    publish(entry, editor)
    db.session.commit()
    assert index.rebuild() == 1
    assert {hit.key for hit in index.backend.search(SearchQuery(text="алматы")).hits} == {f"business:{entry.id}"}
    assert index.verify().in_step
    index.clear()


def test_a_roadmap_is_found_by_its_title_in_any_interface_language(db, search, factories):
    leader = factories.user(roles=("roadmap_editor",))
    document = roadmap.start_regional("# Roadmap\n\nFestivals and a creative export fund.", leader)
    documents.publish(document, 1, leader)
    db.session.commit()
    for typed in ("дорожная карта", "дорож", "roadmap central asia", "Жол картасы"):
        assert keys(search, typed) == {f"roadmap:{document.id}"}, typed


def owed(db) -> set[str]:
    """The keys whose index update is owed."""
    from ccan_web.search import pending

    with db.engine.connect() as connection:
        return set().union(*(update.keys for update in pending.owed(connection)))


def test_a_commit_owes_its_index_update_until_the_index_has_it(db, search, editor, monkeypatch):
    entry = business(editor)
    publish(entry, editor)
    db.session.commit()
    assert owed(db) == set() and keys(search, "steppe") == {f"business:{entry.id}"}
    refresh = search.refresh

    def broken(keys):
        raise OSError("disk full")

    monkeypatch.setattr(search, "refresh", broken)
    update_business(entry, BusinessData(name="Steppe Echo", country="KZ", city="Almaty",
                                        primary_sector="music"), editor)
    db.session.commit()  # the index never hears of it: as if the process had died here
    assert owed(db) == {f"business:{entry.id}"}
    monkeypatch.setattr(search, "refresh", refresh)
    assert search.keep_in_step(grace=60).action == "none"  # just committed: still in flight
    upkeep = search.keep_in_step(grace=0)
    assert (upkeep.action, upkeep.indexed, upkeep.expected) == ("refreshed", 1, 1)  # same count: only the log knew
    assert keys(search, "echo") == {f"business:{entry.id}"} and owed(db) == set()


def test_a_rolled_back_transaction_owes_nothing(db, search, editor):
    publish(business(editor), editor)
    db.session.flush()
    db.session.rollback()
    assert owed(db) == set()


def test_a_large_commit_is_read_back_in_batches(db, search, editor, monkeypatch):
    from ccan_web.search import indexing

    monkeypatch.setattr(indexing, "REFRESH_BATCH", 2)
    for number in range(5):
        publish(business(editor, name=f"Batch Studio {number}"), editor)
    db.session.commit()
    assert len(keys(search, "batch")) == 5 and owed(db) == set()


def test_a_healthy_index_is_checked_in_a_few_queries(app, db, search, editor):
    publish(business(editor), editor)
    db.session.commit()
    statements = []

    def count(*args):
        statements.append(args[2])

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        upkeep = search.keep_in_step()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert (upkeep.action, upkeep.indexed, upkeep.expected) == ("none", 1, 1)
    # search_pending once, then one count per source (the roadmap's two: published texts and
    # drafts): a source added later costs one statement, never one per record
    assert len(search.sources) >= 6  # business, course, roadmap, story, association, toolkit
    assert len(statements) <= 1 + len(search.sources) + 1, statements


def test_the_check_runs_at_a_process_first_request_and_then_once_an_interval(app, client, search, monkeypatch):
    from ccan_web.search import indexing

    clock, checks = [1000.0], []
    monkeypatch.setattr(indexing, "monotonic", lambda: clock[0])
    monkeypatch.setattr(indexing, "time", lambda: clock[0])  # the queue's slot, once an interval
    monkeypatch.setattr(search, "_next_check", 0.0)  # a process that has served no request yet
    monkeypatch.setattr(search, "keep_in_step", lambda: checks.append(True))
    monkeypatch.setitem(app.config, "SEARCH_CHECK_INTERVAL", 60)
    client.get("/")
    assert search.idle(10) and checks == [True]  # at start, on the job queue
    clock[0] += 59
    client.get("/health")
    assert search.idle(10) and checks == [True]
    clock[0] += 1
    client.get("/catalog/businesses")
    assert search.idle(10) and checks == [True, True]


def test_no_check_runs_when_the_interval_is_zero(app, client, search, monkeypatch):
    checks = []
    monkeypatch.setattr(search, "keep_in_step", lambda: checks.append(True))
    client.get("/")
    assert search.idle(10) and checks == []


def test_a_page_that_finds_the_index_unbuilt_queues_one_rebuild_for_the_worker(app, db, client, search, editor,
                                                                               monkeypatch):
    from ccan_web import jobs
    from ccan_web.jobs import Job

    publish(business(editor), editor)
    db.session.commit()
    search.clear()  # emptied while the database has a searchable record: it needs a rebuild
    held, queue = [], app.extensions["ccan_huey"]  # the queue's worker, away: the job waits
    monkeypatch.setattr(queue, "send", lambda job_id, delay: held.append(job_id))
    assert "being built" in client.get("/search?q=steppe").get_data(as_text=True)
    assert "being built" in client.get("/search?q=sound").get_data(as_text=True)
    queued = db.session.scalars(sa.select(Job).filter_by(name="search.rebuild")).all()
    assert [job.state for job in queued] == ["queued"] and held == [queued[0].id]  # once, not per page
    assert keys(search, "steppe") == set()  # no thread of the web process rebuilt it meanwhile
    monkeypatch.delattr(queue, "send")  # the class's own again
    assert jobs.execute(queued[0].id) == "done"  # what the worker does
    assert "Steppe Sound" in client.get("/search?q=steppe").get_data(as_text=True)
