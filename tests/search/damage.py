"""The ways a Whoosh index directory gets damaged under a running server, for the fault tests.

Each Whoosh damage takes the index directory. Files are damaged in place (the same inodes), as a
failing disk or a stray `dd` would: a process that has them open reads the damage too. Each
PostgreSQL damage is a statement run on the database that holds the search tables.
"""
from __future__ import annotations

import os
import random
import shutil
from pathlib import Path


def delete_directory(path: Path) -> None:
    shutil.rmtree(path)


def random_bytes(path: Path, seed: int = 12) -> None:
    rng = random.Random(seed)
    for file in sorted(path.iterdir()):
        with file.open("r+b") as handle:
            handle.write(rng.randbytes(file.stat().st_size))


def truncated_segments(path: Path) -> None:
    segments = sorted(path.glob("*.seg"))
    assert segments, f"no segment files in {path}"
    for file in segments:
        os.truncate(file, file.stat().st_size // 3)


def replaced_by_a_file(path: Path) -> None:
    shutil.rmtree(path)
    path.write_text("not an index\n")


WHOOSH_DAMAGE = {
    "deleted directory": delete_directory,
    "random bytes over the files": random_bytes,
    "truncated segment files": truncated_segments,
    "directory replaced by a file": replaced_by_a_file,
}

POSTGRES_DAMAGE = {
    "search_documents dropped": "DROP TABLE search_documents",
    "search_matches dropped": "DROP TABLE search_matches",
    "search_facet_values dropped": "DROP TABLE search_facet_values",
    "search_terms dropped": "DROP TABLE search_terms",
    "search_changes dropped": "DROP TABLE search_changes",
    "a column dropped": "ALTER TABLE search_matches DROP COLUMN format",
    "a column of another type": "ALTER TABLE search_documents ALTER COLUMN version DROP DEFAULT, "
                                "ALTER COLUMN version TYPE integer USING 0",
}


def verify_reports_and_fix_repairs(app, finding: str, repaired: str = "Repaired") -> None:
    """`flask search verify` exits 1 saying `finding` (no traceback), `verify --fix` exits 0
    saying `repaired`, and a second `verify` finds the index in step."""
    from ccan_web.cli import search_cli

    runner = app.test_cli_runner()
    result = runner.invoke(search_cli, ["verify"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert finding in result.output
    result = runner.invoke(search_cli, ["verify", "--fix"])
    assert result.exit_code == 0 and repaired in result.output, result.output
    assert runner.invoke(search_cli, ["verify"]).exit_code == 0
