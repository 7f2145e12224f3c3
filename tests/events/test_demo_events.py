"""The demo's events: the March forum with its materials, the roadmap presentation on 30 March, the
three competitions' results events, and a full meeting two weeks away with a waiting list."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from ccan_web.blueprints.accounts import services as accounts_services
from ccan_web.blueprints.events import services
from ccan_web.blueprints.events.models import Event
from ccan_web.demo import load_demo
from ccan_web.demo_data.events import load_events_demo
from ccan_web.domain.zones import local_input


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr(accounts_services, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def test_the_demo_events(db, client):
    load_demo()
    db.session.commit()
    events = {e.slug: e for e in db.session.scalars(sa.select(Event))}
    forum = events["march-forum-2026"]
    assert forum.state == "held" and local_input(forum.starts_at, forum.zone).date() == date(2026, 3, 12)
    assert forum.presents == "overview" and forum.recording_url and forum.report and len(forum.materials) == 1
    roadmap = events["roadmap-presentation-2026"]
    assert roadmap.state == "held" and local_input(roadmap.starts_at, roadmap.zone).date() == date(2026, 3, 30)
    assert roadmap.presents == "roadmap" and roadmap.roadmap_doc == "regional" and roadmap.roadmap_revision
    for slug in ("business-database-2026", "education-database-2026", "success-cases-2026"):
        results = services.event_presenting_competition(slug)
        assert results is not None and results.state == "held" and results.kind == "results"
        assert results.starts_at.year == 2026 and results.starts_at.month == 4
    meeting = events["members-meeting"]
    assert meeting.state == "published"
    assert timedelta(days=13) <= meeting.starts_at - services.now() <= timedelta(days=15)
    counts = services.counts(meeting)
    assert counts["registered"] == meeting.capacity == 6 and counts["waiting"] == 3
    assert services.next_event().slug == "members-meeting"

    page = client.get("/events/march-forum-2026").get_data(as_text=True)
    assert "Watch the recording" in page and "Slides of the research forum" in page and "13 sectors" in page
    page = client.get("/events/roadmap-presentation-2026").get_data(as_text=True)
    assert f'href="/roadmap/regional/rev/{roadmap.roadmap_revision}"' in page
    assert client.get(f"/roadmap/regional/rev/{roadmap.roadmap_revision}").status_code == 200
    assert "Members&#39; meeting" in client.get("/").get_data(as_text=True)

    assert "nothing added" in load_events_demo()
