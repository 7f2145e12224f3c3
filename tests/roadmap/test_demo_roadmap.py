"""The demo roadmap: a regional text with a real history and five adaptations in every state."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from ccan_web import audit
from ccan_web.blueprints.accounts import services as accounts_services
from ccan_web.blueprints.roadmap import services as roadmap
from ccan_web.demo import load_demo
from ccan_web.documents import services as documents
from ccan_web.documents.merge import three_way
from ccan_web.documents.models import Document, Revision
from ccan_web.documents.sections import split_sections
from ccan_web.extensions import db

ADAPTATIONS = ("kz", "kg", "tj", "tm", "uz")
SECTIONS = ("Vision", "Data and research", "Education and skills", "Finance", "Export and markets",
            "Legal framework and IP", "Digital infrastructure", "Regional cooperation", "Monitoring")


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """As in tests/test_demo.py: the demo's passwords hashed at argon2's lowest cost."""
    monkeypatch.setattr(accounts_services, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def summary(db):
    text = load_demo()
    db.session.commit()
    return text


def _revisions(document: Document) -> list[Revision]:
    return list(db.session.scalars(sa.select(Revision).where(Revision.document_id == document.id)
                                   .order_by(Revision.number)))


def _pull_merge(document: Document):
    """The merge a pull would make now: regional as last synced, regional head, adaptation head."""
    status = documents.upstream_status(document)
    base = documents.get_revision(document.upstream, status.synced_number)
    theirs = documents.get_revision(document.upstream, status.upstream_head)
    return three_way(base.body, theirs.body, documents.head_revision(document).body)


def test_the_regional_roadmap_has_a_long_history_by_leaders_of_every_country(summary):
    regional = roadmap.regional()
    revisions = _revisions(regional)

    assert len(revisions) >= 21
    assert [r.number for r in revisions] == list(range(1, len(revisions) + 1))
    authors = {r.author for r in revisions}
    assert None not in authors and len(authors) >= 5
    assert {a.country for a in authors} == {"KZ", "KG", "TJ", "TM", "UZ"}
    assert all(r.summary.strip() for r in revisions)
    assert len({r.summary for r in revisions}) == len(revisions)
    # Every author was allowed to edit it, as through the editing page.
    assert all(roadmap.may_edit(a, roadmap.REGIONAL) for a in authors)
    # Some edits were begun on an older revision and merged with the ones saved in between.
    assert any(r.parent_number is not None and r.parent_number < r.number - 1 for r in revisions)
    # The history reads as weeks of work, oldest first.
    assert all(a.created_at < b.created_at for a, b in zip(revisions, revisions[1:]))

    head = revisions[-1].body
    assert 8_000 <= len(head.encode()) <= 15_000
    headings = [s.heading for s in split_sections(head) if s.level == 2]
    assert [h.split(". ", 1)[1] for h in headings] == list(SECTIONS)
    assert "|---|" in head and "- [x] " in head and "- [ ] " in head
    assert "2027" in head and "2030" in head


def test_the_public_reads_a_published_regional_revision_while_drafts_continue(summary):
    regional = roadmap.regional()

    assert regional.published_number is not None
    assert regional.published_number < documents.current_head(regional)
    assert roadmap.visible_number(regional, None) == regional.published_number
    entry = db.session.scalar(sa.select(audit.AuditEntry).where(
        audit.AuditEntry.action == "document.published", audit.AuditEntry.subject_id == regional.id))
    assert roadmap.may_publish(entry.actor, roadmap.REGIONAL)


def test_five_adaptations_forked_at_different_points_two_of_them_behind(summary):
    adaptations = {key: roadmap.find_document(key) for key in ADAPTATIONS}
    assert all(adaptations.values())
    regional = roadmap.regional()

    fork_points = {key: _revisions(d)[0].upstream_number for key, d in adaptations.items()}
    assert len(set(fork_points.values())) == len(ADAPTATIONS)
    behind = {key for key, d in adaptations.items() if documents.upstream_status(d).behind > 0}
    assert len(behind) == 2
    assert {e.key for e in roadmap.overview() if e.behind} == behind

    for key, document in adaptations.items():
        assert document.upstream_id == regional.id and document.country == key.upper()
        revisions = _revisions(document)
        national = [r for r in revisions[1:] if not r.summary.startswith("Took in the regional")]
        assert 1 <= len(national) <= 3, key
        assert all(roadmap.may_edit(r.author, key) for r in revisions), key
        if key not in behind:
            # Up to date: every regional change was taken in, and the national ones kept.
            assert documents.upstream_status(document).synced_number == documents.current_head(regional)
    published = [d for d in adaptations.values() if d.published_number]
    assert 1 <= len(published) < len(ADAPTATIONS)


def test_one_adaptation_behind_would_meet_a_conflict_and_the_other_pulls_cleanly(summary):
    adaptations = {key: roadmap.find_document(key) for key in ADAPTATIONS}
    merges = {key: _pull_merge(d) for key, d in adaptations.items()
              if documents.upstream_status(d).behind > 0}

    conflicting = [key for key, merge in merges.items() if not merge.clean]
    assert len(conflicting) == 1
    (conflict,) = merges[conflicting[0]].conflicts
    assert "25% by 2027" in conflict.theirs  # the regional export targets ...
    assert "Turkmenistan" in conflict.mine  # ... against the national one
    assert all(merge.clean for key, merge in merges.items() if key not in conflicting)

    # The engine agrees: pulling stops at the conflict and saves nothing.
    document = adaptations[conflicting[0]]
    head = documents.current_head(document)
    outcome = documents.pull_upstream(document)
    assert not outcome.saved and outcome.conflict is not None
    assert documents.current_head(document) == head


def test_the_national_changes_survive_the_pulls(summary):
    for key, country in (("kz", "Kazakhstan"), ("tj", "Tajikistan"), ("uz", "Uzbekistan")):
        body = documents.head_revision(roadmap.find_document(key)).body
        assert body.startswith(f"# Creative economy roadmap for {country}\n")
        assert f"**In {country}.**" in body
        assert "Etsy, Wildberries" in body  # the last regional revisions came in too
    kz = documents.head_revision(roadmap.find_document("kz")).body
    assert "Astana Hub" in kz


def test_the_summary_describes_the_roadmap(summary):
    regional = roadmap.regional()
    line = next(line for line in summary.splitlines() if line.startswith("Roadmap:"))
    assert line.startswith(f"Roadmap: regional {documents.revision_count(regional)} revisions "
                           f"(published r{regional.published_number})")
    assert "KZ, KG, TJ, TM, UZ" in line
    assert "2 behind" in line and "1 with a conflicting national change: TM" in line


def test_loading_the_demo_again_adds_no_revisions(summary):
    def counts():
        return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                     for model in (Document, Revision, audit.AuditEntry))

    before = counts()
    again = load_demo()
    db.session.commit()

    assert counts() == before
    assert "nothing added" in again.splitlines()[-1]
