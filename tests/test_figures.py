"""Whole-table figures kept per worker until a commit changes what they count (ccan_web/figures.py)."""
from __future__ import annotations

import sqlalchemy as sa

from ccan_web import create_app, figures
from ccan_web.blueprints.catalog.models import Business
from ccan_web.extensions import db
from tests.conftest import make_config


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)
    return compute, calls


def version(group: str) -> int:
    return db.session.scalar(sa.select(figures.figure_versions.c.version)
                             .where(figures.figure_versions.c.name == group))


def test_a_figure_is_computed_again_only_after_a_commit_to_its_tables(app, factories):
    compute, calls = counter()
    with app.test_request_context():
        assert figures.cached("network", "test", compute) == 1
        assert figures.cached("network", "test", compute) == 1  # kept
        factories.user(email="new@example.kg")  # users: the network's table
        assert figures.cached("network", "test", compute) == 2
        assert figures.cached("catalog", "test", compute) == 3  # each group its own
        factories.user(email="another@example.kg")
        assert figures.cached("catalog", "test", compute) == 3  # a commit to users leaves the catalog's


def test_a_rolled_back_write_bumps_nothing_and_a_bulk_write_bumps_once(app, factories):
    before = version("network")
    factories.user(email="gone@example.kg", commit=False)
    db.session.flush()
    db.session.rollback()
    assert version("network") == before
    db.session.execute(sa.update(Business).values(city="Almaty"))  # a bulk update, no ORM objects
    db.session.execute(sa.delete(Business))
    db.session.commit()
    catalog = version("catalog")
    with db.engine.begin() as connection:  # an import's Core insert, outside the session
        connection.execute(sa.delete(Business.__table__))
    assert version("catalog") == catalog + 1


def test_every_worker_sees_a_commit_made_by_another(app, factories):
    from ccan_web.blueprints.main.services import network_figures

    other = create_app(make_config(app.config["SQLALCHEMY_DATABASE_URI"], app.config["SEARCH_INDEX_DIR"]))
    factories.member(full_name="Aida Bekova", country="KG")

    def members_in_kyrgyzstan_as_seen_by(worker) -> int:
        with worker.test_request_context():
            seen = network_figures().members_by_country["KG"]
            db.session.remove()
            return seen

    assert members_in_kyrgyzstan_as_seen_by(other) == 1
    assert members_in_kyrgyzstan_as_seen_by(other) == 1  # kept by that worker
    factories.member(full_name="Timur Rashidov", country="KG")  # committed through this one
    assert members_in_kyrgyzstan_as_seen_by(other) == 2
    with other.app_context():
        db.engine.dispose()
