"""Benchmark of the document engine: a 200 KB roadmap with 1,000 revisions of history.

Prints p50/p95 of: comparing two far-apart revisions, a three-way merge of two edited copies,
a save that has to merge, and the history page (first and last page) through the real endpoint.
Target on the project's 2-core machine: each ≤ 50 ms. Run with `make bench`.
"""
from __future__ import annotations

import functools
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from benchmarks.measure import report as report_within  # noqa: E402
from benchmarks.measure import timings  # noqa: E402

from ccan_web import create_app  # noqa: E402
from ccan_web.blueprints.accounts.services import user_by_email  # noqa: E402
from ccan_web.documents import services as documents  # noqa: E402
from ccan_web.documents.diff import compare  # noqa: E402
from ccan_web.documents.merge import three_way  # noqa: E402
from ccan_web.extensions import db  # noqa: E402

REVISIONS = 1_000
TARGET_MS = 50.0
report = functools.partial(report_within, target_ms=TARGET_MS)
WORDS = ("creative economy craft design export fund school festival film music studio market region "
         "skills policy heritage digital platform network association partner capital growth").split()


def make_roadmap(rng: random.Random, size: int = 200_000) -> list[str]:
    """Deterministic Markdown of about `size` characters, as lines."""
    lines, total, section = [], 0, 0
    while total < size:
        if len(lines) % 12 == 0:
            section += 1
            line = f"## Section {section}: {rng.choice(WORDS).title()} and {rng.choice(WORDS)}"
        else:
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18))).capitalize() + "."
        lines.append(line)
        total += len(line) + 1
    return lines


def main() -> int:
    rng = random.Random(2021)
    workdir = Path(tempfile.mkdtemp(prefix="ccan-bench-"))
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}",
                      "SEARCH_INDEX_DIR": str(workdir / "index"), "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "SESSION_COOKIE_SECURE": False})
    with app.app_context():
        upgrade()
        from tests.factories import Factories

        editor = Factories(db).user(email="bench@example.org", roles=("roadmap_editor",))
        lines = make_roadmap(rng)
        document = documents.create_document("regional", "roadmap", "Regional roadmap", "\n".join(lines) + "\n", editor)
        start = time.perf_counter()
        for number in range(1, REVISIONS):
            index = rng.randrange(len(lines))
            lines[index] = lines[index].rstrip(".") + f" (revised {number})."
            documents.save(document, number, "\n".join(lines) + "\n", editor, f"Edit {number}")
            if number % 100 == 0:
                db.session.commit()
        db.session.commit()
        print(f"built {REVISIONS} revisions of a {len(documents.head_revision(document).body) // 1000} KB "
              f"roadmap in {time.perf_counter() - start:.1f} s")

        # A request loads two revisions, not the thousand the build left in this session.
        db.session.commit()
        db.session.expunge_all()
        gc.collect()
        document = documents.get_document("regional")
        editor = user_by_email("bench@example.org")
        first = documents.get_revision(document, 1).body
        last = documents.get_revision(document, REVISIONS).body
        base = documents.get_revision(document, REVISIONS - 10).body
        theirs, mine = last, base.replace("## Section 3:", "## Section 3 (ours):")
        results = [
            report("diff r1 → r1000 (200 KB, ~1,000 changed lines)", *timings(lambda: compare(first, last))),
            report("diff of two neighbouring revisions", *timings(
                lambda: compare(documents.get_revision(document, 500).body, documents.get_revision(document, 501).body))),
            report("three-way merge (200 KB, 10 revisions apart)", *timings(lambda: three_way(base, theirs, mine))),
        ]

        def save_with_merge():
            head = documents.current_head(document)
            text = documents.get_revision(document, head - 3).body
            text = text.replace("## Section 7:", f"## Section 7 ({head}):", 1)
            documents.save(document, head - 3, text, editor, "bench merge")
            db.session.commit()

        results.append(report("save that merges with 3 newer revisions", *timings(save_with_merge, runs=20)))

    client = app.test_client()
    client.post("/auth/login", data={"email": "bench@example.org", "password": Factories.PASSWORD})
    results.append(report("history page, first page (1,000+ revisions)",
                          *timings(lambda: client.get("/roadmap/regional/history"))))
    results.append(report("history page, last page",
                          *timings(lambda: client.get("/roadmap/regional/history?page=21"))))
    results.append(report("compare page r999 → r1000 (endpoint)",
                          *timings(lambda: client.get("/roadmap/regional/diff?from=999&to=1000"))))
    print(f"{'(for reference) compare page r1 → r1000, ~2,000 rows':<52} p50 {{:7.2f}} ms   p95 {{:7.2f}} ms".format(
        *timings(lambda: client.get("/roadmap/regional/diff?from=1&to=1000"), runs=10)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
