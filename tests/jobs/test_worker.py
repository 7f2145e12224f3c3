"""A real worker process (`flask ccan worker`'s consumer) on each broker, killed in the middle of
a job: the job runs again in the next worker, and its effect lands once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from ccan_web import create_app, jobs
from ccan_web.extensions import db as _db
from ccan_web.jobs import Job
from tests.conftest import make_config
from tests.jobs.test_queue import effects

WORKER = Path(__file__).resolve().parent / "worker_main.py"
REDIS_URL = os.environ.get("CCAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds} s for {what}")


@pytest.fixture(params=["sqlite", "redis"])
def broker(request, tmp_path):
    if request.param == "redis":
        if not redis_available():
            pytest.skip(f"no Redis at {REDIS_URL}")
        return REDIS_URL
    return f"sqlite:///{tmp_path / 'broker.sqlite3'}"


def test_a_worker_killed_midway_loses_nothing_and_the_effect_lands_once(db, database_url, broker, tmp_path):
    queue_name = f"test-{uuid.uuid4().hex[:8]}"
    settings = dict(JOBS_BROKER=broker, JOBS_QUEUE_NAME=queue_name, JOBS_LEASE_SECONDS=2)
    app = create_app(make_config(database_url, str(tmp_path / "index"), **settings))
    marker = tmp_path / "started"
    with app.app_context():
        jobs.enqueue("tests.slow_once", marker=str(marker))
        _db.session.commit()  # on the broker now
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "worker-test", "LOG_LEVEL": "WARNING",
           "SEARCH_INDEX_DIR": str(tmp_path / "index"), "JOBS_BROKER": broker, "JOBS_QUEUE_NAME": queue_name,
           "JOBS_LEASE_SECONDS": "2", "SEARCH_CHECK_INTERVAL": "0"}
    first = subprocess.Popen([sys.executable, str(WORKER)], env=env, cwd=tmp_path)
    try:
        wait_for(marker.exists, 30, "the first worker to start the job")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    db.session.expire_all()
    # Only the test's job: a worker that starts on a minute's turn also records its periodic runs.
    job = db.session.scalars(sa.select(Job).filter_by(name="tests.slow_once")).one()
    assert (job.state, job.attempts) == ("running", 1) and effects(db, str(marker)) == 0
    time.sleep(2.5)  # its lease runs out: the next worker's sweep takes it for dead
    second = subprocess.Popen([sys.executable, str(WORKER)], env=env, cwd=tmp_path)
    try:
        def done() -> bool:
            db.session.rollback()
            return db.session.scalar(sa.select(Job.state).filter_by(name="tests.slow_once")) == "done"

        wait_for(done, 30, "the second worker to run the job again")
    finally:
        second.send_signal(signal.SIGINT)
        try:
            second.wait(15)
        except subprocess.TimeoutExpired:
            second.kill()
    db.session.expire_all()
    job = db.session.scalars(sa.select(Job).filter_by(name="tests.slow_once")).one()
    assert (job.state, job.attempts) == ("done", 2)
    assert effects(db, str(marker)) == 1
    with app.app_context():
        _db.engine.dispose()
