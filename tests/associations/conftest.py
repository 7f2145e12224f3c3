"""The partnership's terms as the toolkit publishes them, for the tests that declare a partnership."""
from __future__ import annotations

import pytest

from ccan_web.blueprints.toolkit import services as toolkit
from ccan_web.documents import services as documents


def publish_terms(db, author) -> dict[str, int]:
    for slug, title in (("mission", "Mission"), ("principles", "Principles"), ("logo-use", "Logo-use terms")):
        entry = toolkit.create(slug, title, "standard", False, f"# {title}\n\nThe text.\n", author)
        documents.publish(entry.document, 1, author)
    db.session.commit()
    return toolkit.current_terms()


@pytest.fixture
def terms(db, factories):
    return publish_terms(db, factories.board_member(full_name="Terms Author"))
