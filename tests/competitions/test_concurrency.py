"""Two Board members publishing the results at the same moment, in two sessions of PostgreSQL: the
results are published once, every applicant is told once, and the second is told it is done."""
from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from ccan_web.blueprints.competitions import jury, services
from ccan_web.blueprints.competitions.models import Competition
from ccan_web.domain.errors import Conflict
from ccan_web.extensions import db as _db
from ccan_web.notifications.models import Notification


def test_two_board_members_publishing_at_the_same_moment_publish_once(app, db, make_call, people):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the race is PostgreSQL's (CCAN_TEST_DATABASE_URL)")
    make_call("judging")
    first_updated, first_may_commit = threading.Event(), threading.Event()
    outcomes: dict[str, str] = {}

    def publish(name: str, actor_id: int, hold: bool) -> None:
        with app.app_context():
            try:
                competition = services.by_slug("business-db")
                actor = _db.session.get(type(people["board"]), actor_id)
                if not hold:
                    first_updated.wait(10)
                jury.publish_results(competition, actor)
                if hold:
                    first_updated.set()
                    first_may_commit.wait(10)
                _db.session.commit()
                outcomes[name] = "published"
            except Conflict:
                _db.session.rollback()
                outcomes[name] = "told it is done"
            finally:
                first_updated.set()
                _db.session.remove()

    one = threading.Thread(target=publish, args=("one", people["board"].id, True))
    two = threading.Thread(target=publish, args=("two", people["board2"].id, False))
    one.start()
    two.start()
    time.sleep(0.5)  # the second now waits on the row the first has updated
    first_may_commit.set()
    one.join(20)
    two.join(20)
    assert outcomes == {"one": "published", "two": "told it is done"}
    db.session.expire_all()
    assert db.session.scalar(sa.select(Competition.state)) == "published"
    told = db.session.scalars(sa.select(Notification.user_id).where(Notification.kind == "competition_results")).all()
    assert sorted(told) == sorted([people["applicant"].id, people["other"].id])
