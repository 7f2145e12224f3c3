"""The repository itself: a merge's conflict markers left in a file break it silently (a stylesheet
keeps working, only a rule or two lost), so no committed text file may hold one."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXT = {".py", ".html", ".css", ".js", ".po", ".pot", ".md", ".toml", ".cfg", ".txt", ".json", ".svg", ".ini", ".mako"}
MARKER = re.compile(r"^(<{7} |={7}$|>{7} )", re.M)


@pytest.mark.no_db
def test_no_file_holds_a_merge_conflict_marker():
    found = []
    for folder in ("ccan_web", "migrations", "tests", "benchmarks", "assets"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in TEXT and path.is_file() and "node_modules" not in path.parts:
                text = path.read_text(encoding="utf-8", errors="replace")
                found += [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
                          for m in MARKER.finditer(text)]
    for name in ("README.md", "Makefile", "pyproject.toml"):
        text = (ROOT / name).read_text(encoding="utf-8")
        found += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}" for m in MARKER.finditer(text)]
    assert found == []


@pytest.mark.no_db
def test_no_service_opens_a_savepoint_on_the_session():
    """Releasing a savepoint of the ORM session runs its after-commit hooks, which send the
    transaction's queued jobs (and, in tests, run them at once) before the transaction commits: a
    job may then read what is not committed yet, or wait on the write lock its own request holds.
    A row made by two requests at once goes through db.insert_or_nothing instead."""
    found = [str(path.relative_to(ROOT)) for path in (ROOT / "ccan_web").rglob("*.py")
             if "session.begin_nested(" in path.read_text(encoding="utf-8")]
    assert found == []
