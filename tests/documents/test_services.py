"""The document engine without a request: save, merge, conflict, restore, undo, fork, pull, publish."""
from __future__ import annotations

import pytest

from ccan_web.documents import services as documents
from ccan_web.domain.errors import DomainError, NotFound

ROADMAP = """# Creative economy roadmap for Central Asia

## Education
Open design schools in every capital.

## Finance
Create a regional fund for creative start-ups.

## Export
Bring crafts to international fairs.
"""


@pytest.fixture
def author(factories):
    return factories.user(roles=("roadmap_editor",))


@pytest.fixture
def roadmap(db, author):
    document = documents.create_document("regional", "roadmap", "Regional roadmap", ROADMAP, author)
    db.session.commit()
    return document


def edit(text, old, new):
    assert old in text
    return text.replace(old, new)


def test_saving_from_the_head_makes_the_next_revision(db, roadmap, author):
    outcome = documents.save(roadmap, 1, edit(ROADMAP, "every capital", "every city"), author, "Wider")
    db.session.commit()
    assert outcome.saved and outcome.revision.number == 2 and outcome.merged_with == ()
    assert roadmap.head_number == 2 and outcome.revision.parent_number == 1
    assert documents.get_revision(roadmap, 1).body == ROADMAP  # history never changes


def test_a_save_on_an_old_base_merges_with_what_others_saved(db, roadmap, author, factories):
    other = factories.user(roles=("roadmap_editor",))
    theirs = documents.save(roadmap, 1, edit(ROADMAP, "every capital", "every city"), other)
    db.session.commit()
    mine = documents.save(roadmap, 1, edit(ROADMAP, "international fairs", "fairs in Milan and Dubai"), author)
    db.session.commit()
    assert mine.saved and mine.revision.number == 3
    assert [r.number for r in mine.merged_with] == [2] and mine.merged_with[0].author_id == other.id
    assert "every city" in mine.revision.body and "Milan and Dubai" in mine.revision.body
    assert theirs.revision.number == 2


def test_overlapping_saves_return_the_conflict_and_save_nothing(db, roadmap, author):
    documents.save(roadmap, 1, edit(ROADMAP, "every capital", "every city"), author)
    db.session.commit()
    outcome = documents.save(roadmap, 1, edit(ROADMAP, "every capital", "each regional centre"), author)
    assert not outcome.saved and outcome.head_number == 2 and outcome.base_number == 1
    conflict = outcome.conflict.conflicts[0]
    assert "every city" in conflict.theirs and "each regional centre" in conflict.mine
    assert documents.current_head(roadmap) == 2
    # resolving saves against the new head
    resolved = outcome.conflict.resolve(["Open design schools in every city and regional centre.\n"])
    assert documents.save(roadmap, 2, resolved, author).revision.number == 3


@pytest.mark.parametrize("body, message", [("", "empty"), ("   \n\n", "empty"),
                                           ("x" * (documents.MAX_BODY_CHARS + 1), "too long")])
def test_empty_and_oversized_texts_are_refused(db, roadmap, author, body, message):
    with pytest.raises(DomainError, match=message):
        documents.save(roadmap, 1, body, author)


def test_saving_the_same_text_is_refused(db, roadmap, author):
    with pytest.raises(documents.NothingChanged):
        documents.save(roadmap, 1, ROADMAP.replace("\n", "\r\n"), author)


def test_a_base_or_document_that_does_not_exist_is_not_found(db, roadmap, author):
    with pytest.raises(NotFound):
        documents.save(roadmap, 7, ROADMAP + "more\n", author)
    with pytest.raises(NotFound):
        documents.get_document("atlantis")


def test_restoring_an_old_revision_adds_a_new_one(db, roadmap, author):
    documents.save(roadmap, 1, edit(ROADMAP, "every capital", "every city"), author)
    outcome = documents.restore(roadmap, 1, author)
    db.session.commit()
    assert outcome.revision.number == 3 and outcome.revision.body == ROADMAP
    assert "Restored revision 1" in outcome.revision.summary


def test_undo_takes_back_one_revision_and_keeps_later_ones(db, roadmap, author):
    second = edit(ROADMAP, "every capital", "every city")
    documents.save(roadmap, 1, second, author)
    third = edit(second, "international fairs", "fairs in Milan")
    documents.save(roadmap, 2, third, author)
    outcome = documents.undo(roadmap, 2, author)
    assert outcome.saved
    assert "every capital" in outcome.revision.body and "fairs in Milan" in outcome.revision.body


def test_undo_of_a_passage_edited_later_is_a_conflict(db, roadmap, author):
    second = edit(ROADMAP, "every capital", "every city")
    documents.save(roadmap, 1, second, author)
    documents.save(roadmap, 2, edit(second, "every city", "every town"), author)
    outcome = documents.undo(roadmap, 2, author)
    assert not outcome.saved and outcome.conflict.conflicts


def test_a_fork_follows_its_upstream_and_pulls_changes_keeping_its_own(db, roadmap, author):
    kz = documents.fork(roadmap, 1, "kz", "Roadmap for Kazakhstan", author, country="KZ")
    documents.save(kz, 1, edit(ROADMAP, "international fairs", "fairs in Almaty and abroad"), author)
    documents.save(roadmap, 1, edit(ROADMAP, "every capital", "every city"), author)
    documents.save(roadmap, 2, edit(edit(ROADMAP, "every capital", "every city"),
                                    "start-ups.", "start-ups and studios."), author)
    db.session.commit()
    status = documents.upstream_status(kz)
    assert status.behind == 2 and [r.number for r in status.changed_revisions] == [2, 3]
    outcome = documents.pull_upstream(kz, author)
    db.session.commit()
    body = outcome.revision.body
    assert "every city" in body and "studios" in body and "Almaty and abroad" in body
    assert documents.upstream_status(kz).behind == 0 and outcome.revision.upstream_number == 3
    with pytest.raises(documents.NothingChanged):
        documents.pull_upstream(kz, author)


def test_a_pull_that_conflicts_saves_nothing_until_resolved(db, roadmap, author):
    kz = documents.fork(roadmap, 1, "kz", "Roadmap for Kazakhstan", author, country="KZ")
    documents.save(kz, 1, edit(ROADMAP, "every capital", "Almaty and Astana"), author)
    documents.save(roadmap, 1, edit(ROADMAP, "every capital", "every city"), author)
    db.session.commit()
    outcome = documents.pull_upstream(kz, author)
    assert not outcome.saved and documents.upstream_status(kz).behind == 1
    conflict = outcome.conflict.conflicts[0]
    assert "Almaty and Astana" in conflict.mine and "every city" in conflict.theirs
    kept = outcome.conflict.resolve([conflict.mine])  # keep the national text
    done = documents.finish_pull(kz, outcome.base_number, kept, 2, author)
    db.session.commit()
    # keeping the whole national text changes no line, so only the sync point moves
    assert done.revision is None and documents.upstream_status(kz).behind == 0
    assert "Almaty and Astana" in documents.head_revision(kz).body


def test_publishing_is_recorded_in_the_audit_log(db, roadmap, author):
    from ccan_web import audit

    documents.publish(roadmap, 1, author)
    db.session.commit()
    assert roadmap.published_number == 1
    assert db.session.scalars(audit.entries_query("document.published")).first().details["number"] == 1
