"""The demo: the three competitions of the seed judged and published, 27 applications from four
countries (none from Turkmenistan), and one call open now with drafts."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from ccan_web.blueprints.accounts import services as accounts_services
from ccan_web.blueprints.competitions import services
from ccan_web.blueprints.competitions.models import Competition, Entry
from ccan_web.demo import load_demo
from ccan_web.demo_data.competitions import load_competitions_demo

SEED = ("business-database-2026", "education-database-2026", "success-cases-2026")


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr(accounts_services, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def test_the_demo_has_the_three_seed_competitions_published_and_one_open(db, client):
    load_demo()
    db.session.commit()
    seed = list(db.session.scalars(sa.select(Competition).where(Competition.slug.in_(SEED))))
    assert {c.state for c in seed} == {"published"}
    assert all(c.closes_at.year == 2026 and c.closes_at.month in (1, 2) for c in seed)
    assert all(c.results_published_at.year == 2026 and c.results_published_at.month == 4 for c in seed)
    entries = list(db.session.scalars(sa.select(Entry).where(Entry.competition_id.in_([c.id for c in seed]))))
    assert len(entries) == 27 and {e.state for e in entries} == {"submitted"}
    assert {e.country for e in entries} == {"KZ", "UZ", "KG", "TJ"}
    for slug in SEED:
        summary = services.results_summary(slug)
        assert summary.applications and len(summary.winners) == 3 and len(summary.countries) == 4
        assert client.get(f"/competitions/{slug}/results").status_code == 200
    showcase = db.session.scalar(sa.select(Competition).where(Competition.slug == "regional-showcase-2027"))
    assert services.phase(showcase) == "open"
    assert timedelta(days=29) < showcase.closes_at - services.now() <= timedelta(days=30)
    drafts = db.session.scalars(sa.select(Entry.state).where(Entry.competition_id == showcase.id)).all()
    assert drafts and set(drafts) == {"draft"}
    assert "nothing added" in load_competitions_demo()
