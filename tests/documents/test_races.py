"""Two saves racing on the same base never both become revision N+1, and neither edit is lost."""
from __future__ import annotations

import threading

from ccan_web.documents import services as documents
from ccan_web.extensions import db as _db

BODY = "".join(f"Paragraph {n} of the regional roadmap.\n\n" for n in range(1, 21))


def test_racing_saves_on_one_base_are_serialised_and_merged(app, db, factories):
    author = factories.user(roles=("roadmap_editor",))
    document = documents.create_document("regional", "roadmap", "Regional roadmap", BODY, author)
    db.session.commit()
    document_id, author_id = document.id, author.id
    edits = [BODY.replace(f"Paragraph {n} ", f"Paragraph {n} (edited by writer {n}) ")
             for n in (2, 8, 14, 19)]
    barrier = threading.Barrier(len(edits))
    outcomes, errors = [], []

    def writer(text):
        with app.app_context():
            try:
                doc = _db.session.get(documents.Document, document_id)
                barrier.wait()
                outcome = documents.save(doc, 1, text, _db.session.get(type(author), author_id))
                _db.session.commit()
                outcomes.append(outcome.revision.number)
            except Exception as error:  # reported below, so a failure names its cause
                errors.append(repr(error))
                _db.session.rollback()

    threads = [threading.Thread(target=writer, args=(text,)) for text in edits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(outcomes) == [2, 3, 4, 5]
    db.session.expire_all()
    final = documents.head_revision(document).body
    for n in (2, 8, 14, 19):
        assert f"(edited by writer {n})" in final


def test_fifty_editors_saving_at_once_each_find_their_line_in_the_head(app, db, factories):
    """50 editors open the demo roadmap, each changes one line (none next to another's) and all
    save at the same instant: every save is accepted, and the head has all 50 edits, each at its
    place, on SQLite and on PostgreSQL alike."""
    import random

    from benchmarks.merge_cases import single_line_saves
    from ccan_web.demo_data.roadmap import REGIONAL_BODY
    from ccan_web.documents.merge import split_lines

    author = factories.user(roles=("roadmap_editor",))
    document = documents.create_document("regional", "roadmap", "Regional roadmap", REGIONAL_BODY, author)
    db.session.commit()
    document_id, author_id = document.id, author.id
    base = split_lines(REGIONAL_BODY)
    saves = single_line_saves(random.Random(50), base, 50)
    barrier = threading.Barrier(len(saves))
    numbers, errors = [], []

    def editor(text):
        with app.app_context():
            try:
                barrier.wait(timeout=60)  # before taking a connection: the pool has fewer than 50
                doc = _db.session.get(documents.Document, document_id)
                outcome = documents.save(doc, 1, text, _db.session.get(type(author), author_id))
                _db.session.commit()
                numbers.append(outcome.revision.number if outcome.saved else None)
            except Exception as error:  # reported below, so a failure names its cause
                errors.append(repr(error))
                _db.session.rollback()
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=editor, args=(text,)) for _line, text in saves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(numbers) == list(range(2, 52))
    db.session.expire_all()
    expected = list(base)
    for line, text in saves:
        expected[line] = split_lines(text)[line]
    assert documents.head_revision(document).body == "".join(expected)
