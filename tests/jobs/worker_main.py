"""A worker process as `flask ccan worker` runs it, which also knows the tests' own tasks."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ccan_web import create_app  # noqa: E402
import tests.jobs.tasks_for_tests  # noqa: E402,F401  (registers them)

app = create_app()
with app.app_context():
    app.extensions["ccan_huey"].consumer(workers=1).run()
