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
