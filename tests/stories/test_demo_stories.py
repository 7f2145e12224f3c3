"""The demo's success stories: enough of them, in every country, through every state of the workflow."""
from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from ccan_web.blueprints.accounts import services as accounts_services
from ccan_web.blueprints.stories.models import Story
from ccan_web.demo import load_demo
from ccan_web.domain.countries import COUNTRY_CODES


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr(accounts_services, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def test_the_demo_has_a_dozen_stories_in_every_country_and_state(db, monkeypatch):
    from ccan_web.demo_data import stories as demo_stories

    timings = {}
    original = demo_stories.load_stories_demo

    def timed():
        start = time.perf_counter()
        result = original()
        timings["stories"] = time.perf_counter() - start
        return result

    monkeypatch.setattr("ccan_web.demo.load_stories_demo", timed)
    load_demo()
    db.session.commit()
    stories = db.session.scalars(sa.select(Story)).all()
    assert len(stories) >= 12
    assert {s.country for s in stories} == COUNTRY_CODES
    assert len({s.sector for s in stories}) >= 5
    published = [s for s in stories if s.status == "published"]
    assert len(published) >= 10
    assert sum(1 for s in stories if s.translation_group and s.translation_group != s.id) == 2
    review = [s for s in stories if s.status == "submitted"]
    assert len(review) == 1 and any(e.note for e in review[0].events)
    scheduled = [s for s in stories if s.status == "scheduled"]
    assert len(scheduled) == 1 and 6 <= (scheduled[0].publish_at - scheduled[0].created_at).days <= 7
    assert all(s.lead_image is not None and s.lead_alt and s.lead_licence for s in stories)
    assert timings["stories"] < 10, timings
    assert "Stories: there are stories already" in demo_stories.load_stories_demo()
