"""The research databases' balance rules, and how far each value is from meeting its rule.

Businesses: every country at least 8% of all businesses, every sector at least 4%.
Courses: every language at most 45% of all courses, every sector's specialised courses at least 1%.
Shares are computed with exact fractions, so a share of exactly 8% meets "at least 8%".
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

COUNTRY_MIN_SHARE = Fraction(8, 100)
SECTOR_MIN_SHARE = Fraction(4, 100)
LANGUAGE_MAX_SHARE = Fraction(45, 100)
COURSE_SECTOR_MIN_SHARE = Fraction(1, 100)


@dataclass(frozen=True)
class ShareCheck:
    key: str
    count: int
    total: int
    threshold: Fraction
    at_least: bool  # True for a floor ("at least"), False for a cap ("at most")
    needed: int  # entries of this value to add (floor), or of other values to add (cap); 0 if met

    @property
    def share(self) -> Fraction:
        return Fraction(self.count, self.total) if self.total else Fraction(0)

    @property
    def met(self) -> bool:
        return self.needed == 0


def _to_reach_floor(count: int, total: int, floor: Fraction) -> int:
    """Fewest entries of this value to add so that it makes up at least `floor` of the total."""
    if total == 0:
        return 1  # an empty database meets no floor; one entry of this value would
    if Fraction(count, total) >= floor:
        return 0
    # (count + n) / (total + n) >= floor  <=>  n >= (floor * total - count) / (1 - floor)
    return math.ceil((floor * total - count) / (1 - floor))


def _to_get_under_cap(count: int, total: int, cap: Fraction) -> int:
    """Fewest entries of other values to add so that this value makes up at most `cap`."""
    if total == 0 or Fraction(count, total) <= cap:
        return 0
    # count / (total + m) <= cap  <=>  m >= count / cap - total
    return math.ceil(count / cap - total)


def floors(counts: dict[str, int], keys, floor: Fraction) -> list[ShareCheck]:
    """One check per key (including keys with no entries yet), for an "at least" rule."""
    total = sum(counts.values())
    return [ShareCheck(key, counts.get(key, 0), total, floor, True,
                       _to_reach_floor(counts.get(key, 0), total, floor)) for key in keys]


def caps(counts: dict[str, int], keys, cap: Fraction) -> list[ShareCheck]:
    """One check per key, for an "at most" rule."""
    total = sum(counts.values())
    return [ShareCheck(key, counts.get(key, 0), total, cap, False,
                       _to_get_under_cap(counts.get(key, 0), total, cap)) for key in keys]
