"""The search index's work on the job queue: a rebuild asked for by a page that found the index
missing or damaged, and the regular check against the database (with its repair)."""
from __future__ import annotations

from ccan_web import jobs
from ccan_web.search.indexing import search_index


@jobs.task("search.rebuild", retries=2)
def rebuild() -> None:
    index = search_index()
    index.alone(index.rebuild)


@jobs.periodic("search.keep_in_step", minute="*/10")
def keep_in_step() -> None:
    index = search_index()
    index.alone(index.keep_in_step)
