"""Background jobs: a real task queue (Huey) carrying ids of job records kept in the database.

A task is a plain function registered by name (`@task("mail.send")`); `enqueue(name, **payload)`
adds a `Job` row to the current transaction and, once that commits, puts the row's id on the
queue, so a worker never sees a job for a record that was rolled back. The worker (`flask ccan
worker`) claims the row (state running, with a lease), runs the function, and marks the job done
in the same transaction as the function's own writes: its effect and "done" land together or not
at all. A failure is retried with exponential backoff, then kept as failed with its last error for
the admins (`flask ccan jobs`, /admin/jobs). A worker killed in the middle of a job leaves it
running with a lease that runs out; the sweep (when a worker starts, and every minute) puts it
back on the queue and it runs again. A task therefore may run more than once (mail may then be
sent twice, the one effect outside the database) but its database writes are made once.

The queue's storage is JOBS_BROKER: `sqlite` (a file under instance/, nothing to install; one
server), a `redis://` URL (several servers), or `immediate` (the tests: a job runs in the process
right after the commit that queued it; jobs due later run when `run_due()` is called).
"""
from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Callable

from flask import Flask, current_app
from sqlalchemy import event, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ccan_web.db import utcnow
from ccan_web.extensions import db
from ccan_web.jobs.models import Job

log = logging.getLogger(__name__)

DISPATCH = "ccan_jobs_to_dispatch"
BACKOFF_SECONDS = 30  # the first retry's wait; each next one waits four times longer
# The modules whose tasks a worker must know: imported by init_app, whatever the app imported.
TASK_MODULES = ("ccan_web.outbox", "ccan_web.storage.files", "ccan_web.blueprints.catalog.importing",
                "ccan_web.search.jobs", "ccan_web.notifications.services", "ccan_web.blueprints.associations.reports",
                "ccan_web.blueprints.stories.services", "ccan_web.blueprints.competitions.services",
                "ccan_web.blueprints.events.registrations")


@dataclass(frozen=True)
class Task:
    name: str
    run: Callable[..., object]
    retries: int


@dataclass(frozen=True)
class Periodic:
    name: str
    schedule: dict  # Huey crontab fields: minute, hour, day, month, day_of_week


TASKS: dict[str, Task] = {}
PERIODIC: dict[str, Periodic] = {}


def task(name: str, retries: int = 4):
    """Register `fn` as the task `name`; it is called with the job's payload as keyword arguments,
    inside an app context, and must be safe to run twice (it is, if its writes are in the session:
    they commit with the job's "done")."""
    def decorator(fn):
        TASKS[name] = Task(name, fn, retries)
        return fn
    return decorator


def periodic(name: str, retries: int = 0, **schedule):
    """Register `fn` as a task that the worker also runs on a schedule (Huey's crontab fields)."""
    def decorator(fn):
        task(name, retries)(fn)
        PERIODIC[name] = Periodic(name, schedule)
        return fn
    return decorator


def enqueue(name: str, delay: float = 0, unique_key: str | None = None, **payload) -> Job:
    """Queue task `name` with `payload` (JSON values) in the current transaction; it is put on the
    queue once the transaction commits, and runs no sooner than `delay` seconds from now."""
    spec = TASKS[name]
    job = Job(name=name, payload=payload, max_attempts=spec.retries + 1, unique_key=unique_key,
              run_after=utcnow() + timedelta(seconds=delay))
    db.session.add(job)
    db.session.flush()
    db.session.info.setdefault(DISPATCH, []).append((job.id, delay))
    return job


@event.listens_for(Session, "after_commit")
def _dispatch(session: Session) -> None:
    waiting = session.info.pop(DISPATCH, None)
    if not waiting:
        return
    huey = current_app.extensions["ccan_huey"]
    for job_id, delay in waiting:
        try:
            huey.send(job_id, delay)
        except Exception:  # the queue is down: the job is in the database, and the sweep sends it
            log.exception("job %s could not be put on the queue; the sweep will", job_id)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(DISPATCH, None)


# Running -------------------------------------------------------------------------------------------

def lease_seconds() -> int:
    return current_app.config["JOBS_LEASE_SECONDS"]


def _claim(job_id: int) -> Job | None:
    """Take the job for this run if it is due and nobody holds it (or its holder's lease ran out)."""
    now = utcnow()
    claimed = db.session.execute(
        update(Job).where(Job.id == job_id, or_(
            (Job.state == "queued") & (Job.run_after <= now),
            (Job.state == "running") & (Job.lease_until < now)))
        .values(state="running", attempts=Job.attempts + 1, lease_until=now + timedelta(seconds=lease_seconds()))
    ).rowcount
    db.session.commit()
    return db.session.get(Job, job_id) if claimed == 1 else None


def execute(job_id: int) -> str:
    """Run job `job_id` once if it is due: "done", "retry", "failed", or "skipped" (not due, held by
    another worker, finished already, or gone)."""
    job = _claim(job_id)
    if job is None:
        db.session.rollback()
        return "skipped"
    spec = TASKS.get(job.name)
    attempt = job.attempts
    try:
        if spec is None:
            raise LookupError(f"no task is registered as {job.name!r}")
        spec.run(**job.payload)
        finished = db.session.execute(update(Job).where(Job.id == job_id, Job.attempts == attempt)
                                      .values(state="done", finished_at=utcnow(), lease_until=None,
                                              last_error="")).rowcount
        if finished != 1:  # run again meanwhile (this run outlived its lease): its writes go too
            db.session.rollback()
            return "skipped"
        db.session.commit()
        return "done"
    except Exception as error:
        db.session.rollback()
        log.warning("job %s (%s) failed on attempt %s: %s", job_id, job.name, attempt, error,
                    exc_info=not isinstance(error, LookupError))
        text = "".join(traceback.format_exception_only(type(error), error)).strip()[:2000]
        retry = attempt < job.max_attempts and spec is not None
        delay = BACKOFF_SECONDS * 4 ** (attempt - 1)
        db.session.execute(update(Job).where(Job.id == job_id, Job.attempts == attempt).values(
            state="queued" if retry else "failed", last_error=text, lease_until=None,
            run_after=utcnow() + timedelta(seconds=delay), finished_at=None if retry else utcnow()))
        db.session.commit()
        if retry:
            current_app.extensions["ccan_huey"].send(job_id, delay)
        return "retry" if retry else "failed"


def start_periodic(name: str, slot: str) -> None:
    """A scheduled run: recorded (once per slot, whichever worker's scheduler gets there first),
    then run like any other job."""
    try:
        enqueue(name, unique_key=f"{name}@{slot}")
        db.session.commit()
    except IntegrityError:
        db.session.rollback()


def due_ids(limit: int = 500) -> list[int]:
    """Jobs that should be running and are not: due and queued (their message lost, or sent while
    the queue was down), or running on a lease that ran out (their worker died)."""
    now = utcnow()
    return list(db.session.scalars(select(Job.id).where(or_(
        (Job.state == "queued") & (Job.run_after <= now),
        (Job.state == "running") & (Job.lease_until < now))).order_by(Job.id).limit(limit)))


def sweep() -> int:
    """Put every job that should be running back on the queue; how many."""
    ids = due_ids()
    db.session.rollback()
    huey = current_app.extensions["ccan_huey"]
    for job_id in ids:
        huey.send(job_id, 0)
    return len(ids)


def run_due() -> list[str]:
    """Run every due job here and now, in this process (tests, and `flask ccan jobs --run`), each
    in an app context of its own, as a worker would."""
    app = current_app._get_current_object()
    outcomes: list[str] = []
    while ids := due_ids():
        db.session.rollback()
        for job_id in ids:
            with app.app_context():
                outcomes.append(execute(job_id))
        if all(outcome == "skipped" for outcome in outcomes[-len(ids):]):
            break
    return outcomes


def waiting(name: str) -> bool:
    """Whether a job of task `name` is queued or running (on a lease that has not run out)."""
    now = utcnow()
    return db.session.scalar(select(Job.id).where(Job.name == name, or_(
        Job.state == "queued", (Job.state == "running") & (Job.lease_until >= now))).limit(1)) is not None


def enqueue_now(name: str, unique_key: str | None = None, **payload) -> bool:
    """Queue a task in a transaction of its own, committed at once (from a page that reads only);
    False if a job with `unique_key` exists already."""
    app = current_app._get_current_object()
    with app.app_context():  # its own session: the caller's transaction is left as it was
        try:
            enqueue(name, unique_key=unique_key, **payload)
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return False
    return True


def retry(job_id: int) -> bool:
    """Queue a failed job once more (an admin's decision after fixing its cause)."""
    retried = db.session.execute(update(Job).where(Job.id == job_id, Job.state == "failed").values(
        state="queued", max_attempts=Job.attempts + 1, run_after=utcnow(), finished_at=None)).rowcount
    if retried:
        db.session.info.setdefault(DISPATCH, []).append((job_id, 0))
    return retried == 1


def counts() -> dict[str, int]:
    """How many jobs are in each state."""
    from sqlalchemy import func

    return dict(db.session.execute(select(Job.state, func.count(Job.id)).group_by(Job.state)).all())


def recent(state: str | None = None, limit: int = 50) -> list[Job]:
    query = select(Job).order_by(Job.id.desc()).limit(limit)
    if state:
        query = query.where(Job.state == state)
    return list(db.session.scalars(query))


# The queue -----------------------------------------------------------------------------------------

class Queue:
    """The app's Huey instance and its two tasks: run a job by id, and the periodic starts."""

    def __init__(self, app: Flask) -> None:
        from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab

        broker = app.config["JOBS_BROKER"]
        name = f"ccan-{app.config.get('JOBS_QUEUE_NAME', 'jobs')}"
        if broker == "immediate":
            self.huey = MemoryHuey(name, immediate=True)
        elif broker.startswith(("redis://", "rediss://", "unix://")):
            self.huey = RedisHuey(name, url=broker)
        else:
            path = broker.removeprefix("sqlite:///") if broker.startswith("sqlite:///") else str(
                Path(app.instance_path) / "jobs.sqlite3")
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.huey = SqliteHuey(name, filename=path)

        @self.huey.task(name="ccan.run_job")
        def run_job(job_id: int) -> str:
            with app.app_context():
                return execute(job_id)

        self.run_job = run_job
        for spec in PERIODIC.values():
            self._schedule(app, spec, crontab(**spec.schedule))

        @self.huey.periodic_task(crontab(minute="*"), name="ccan.sweep")
        def sweep_every_minute() -> int:
            with app.app_context():
                return sweep()

        @self.huey.on_startup(name="ccan.sweep_at_start")
        def sweep_at_start() -> None:
            with app.app_context():
                sweep()

    def _schedule(self, app: Flask, spec: Periodic, when) -> None:
        @self.huey.periodic_task(when, name=f"ccan.periodic.{spec.name}")
        def start() -> None:
            with app.app_context():
                start_periodic(spec.name, utcnow().strftime("%Y-%m-%dT%H:%M"))

    def send(self, job_id: int, delay: float) -> None:
        if delay > 0:
            if self.huey.immediate:
                return  # due later: run_due() runs it (a test's clock does not wait)
            self.run_job.schedule(args=(job_id,), delay=delay)
        else:
            self.run_job(job_id)

    def consumer(self, workers: int):
        return self.huey.create_consumer(workers=workers, periodic=True, worker_type="thread")


def init_app(app: Flask) -> None:
    import importlib

    for module in TASK_MODULES:
        importlib.import_module(module)
    app.extensions["ccan_huey"] = Queue(app)
