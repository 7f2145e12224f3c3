"""The regional toolkit's kinds of document and the terms a partnership accepts."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

CATEGORIES = {
    "standard": _l("Standards"),
    "checklist": _l("Checklists"),
    "procedure": _l("Procedures"),
    "process": _l("Business processes"),
}
CATEGORY_NAMES = {
    "standard": _l("Standard"),
    "checklist": _l("Checklist"),
    "procedure": _l("Procedure"),
    "process": _l("Business process"),
}
# The toolkit documents an association accepts to become a CCAN partner: their published revisions.
PARTNERSHIP_TERMS = ("mission", "principles", "logo-use")
# Slugs the toolkit's own pages use, which no document may take.
RESERVED_SLUGS = frozenset({"new", "brand"})
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The checklist answers' states; "met" and "not applicable" complete an item.
ANSWER_STATES = {
    "met": _l("Met"),
    "in_progress": _l("In progress"),
    "not_met": _l("Not met"),
    "not_applicable": _l("Not applicable"),
}
COMPLETE_STATES = frozenset({"met", "not_applicable"})


class LevelCompletion:
    """One level of a checklist for one association: how many of its items are complete, and whether
    the level counts (complete, and the level below it counts too)."""

    __slots__ = ("level", "total", "done", "counts", "missing")

    def __init__(self, level: int, total: int, done: int, counts: bool, missing: list) -> None:
        self.level, self.total, self.done, self.counts, self.missing = level, total, done, counts, missing

    @property
    def complete(self) -> bool:
        return self.done == self.total


def completion(items, answers: dict) -> list[LevelCompletion]:
    """Each level's completion, lowest first. `items` have .id and .level; `answers` maps an item's id
    to its state. An item is complete when met or not applicable; a level counts only when it is
    complete and the level below it counts."""
    levels: dict[int, list] = {}
    for item in items:
        levels.setdefault(item.level, []).append(item)
    found, below_counts = [], True
    for level in sorted(levels):
        members = levels[level]
        missing = [item for item in members if answers.get(item.id) not in COMPLETE_STATES]
        done = len(members) - len(missing)
        counts = below_counts and not missing
        found.append(LevelCompletion(level, len(members), done, counts, missing))
        below_counts = counts
    return found


def levels_reached(levels: list[LevelCompletion]) -> int:
    """How many levels count, from the lowest up."""
    return sum(1 for level in levels if level.counts)
