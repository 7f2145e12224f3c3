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



def test_an_insert_that_finds_the_application_already_there_changes_nothing(db, make_call, people):
    """What the second of two tabs sending at once meets, after its check found no application yet:
    the insert does nothing (ON CONFLICT DO NOTHING on both databases) and it is told."""
    from ccan_web.blueprints.competitions import applications
    from ccan_web.blueprints.competitions.models import Entry

    competition = make_call("open", entries=("applicant",))
    with pytest.raises(Conflict, match="already applied"):
        applications._start(competition, people["applicant"])
    db.session.commit()  # nothing half-written to undo: the transaction is whole
    assert db.session.scalars(sa.select(Entry.name)).all() == ["Aida Applicant"]


def test_one_applicant_sending_from_two_tabs_at_once_makes_one_application(app, db, make_call, people):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the race is PostgreSQL's (CCAN_TEST_DATABASE_URL)")
    from ccan_web.blueprints.accounts.models import User
    from ccan_web.blueprints.competitions import applications
    from ccan_web.blueprints.competitions.models import Entry
    from tests.competitions.conftest import entry_data

    make_call("open", entries=())
    first_inserted, first_may_commit = threading.Event(), threading.Event()
    outcomes: dict[str, str] = {}

    def send(name: str, hold: bool) -> None:
        with app.app_context():
            try:
                if not hold:
                    first_inserted.wait(10)
                competition = services.by_slug("business-db")
                applicant = _db.session.get(User, people["applicant"].id)
                applications.save_entry(competition, applicant, entry_data(competition, name=f"Tab {name}"), True)
                if hold:
                    first_inserted.set()
                    first_may_commit.wait(10)
                _db.session.commit()
                outcomes[name] = "saved"
            except Conflict:
                _db.session.rollback()
                outcomes[name] = "told it exists"
            finally:
                first_inserted.set()
                _db.session.remove()

    one = threading.Thread(target=send, args=("one", True))
    two = threading.Thread(target=send, args=("two", False))
    one.start()
    two.start()
    time.sleep(0.5)  # the second now waits on the unique index the first has taken
    first_may_commit.set()
    one.join(20)
    two.join(20)
    assert outcomes == {"one": "saved", "two": "told it exists"}
    db.session.expire_all()
    assert db.session.scalars(sa.select(Entry.name)).all() == ["Tab one"]
