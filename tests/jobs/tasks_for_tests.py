"""Tasks that only the job tests register: one that fails, and one that a test kills midway."""
from __future__ import annotations

import os
import time
from pathlib import Path

from ccan_web import audit, jobs


class Flaky(Exception):
    pass


FAILURES: dict[str, int] = {}


@jobs.task("tests.flaky", retries=2)
def flaky(key: str, fail_times: int) -> None:
    """Fails `fail_times` times, then records its effect (an audit entry)."""
    if FAILURES.get(key, 0) < fail_times:
        FAILURES[key] = FAILURES.get(key, 0) + 1
        raise Flaky(f"failure {FAILURES[key]} of {key}")
    audit.record("tests.effect", "test", 0, None, key=key)


@jobs.task("tests.slow_once")
def slow_once(marker: str) -> None:
    """Records its effect, then, on its first run only, hangs (until the test kills the worker):
    the effect must land once, from the second run."""
    audit.record("tests.effect", "test", 0, None, key=marker)
    path = Path(marker)
    if not path.exists():
        path.write_text(str(os.getpid()))
        time.sleep(120)
