"""How a fork stands against its upstream, section by section: the same, adapted, behind, or in conflict.

Three texts decide it: the upstream text shown (the regional roadmap), the upstream revision the
fork last took in (its base) and the fork's text. A section the fork changed since the base is
adapted; one the upstream changed since and the fork has not is behind; one both changed is in
conflict when the three-way merge of that section would stop and ask (and behind when it would
pull cleanly). Sections are paired by their headings, with their numbering ignored, so a country
that inserts a chapter and renumbers the rest has not "changed" every chapter after it; a
heading that occurs several times ("Measures" in each chapter) is paired within its paired
chapter. No request, no database: the roadmap's map and the associations read this.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ccan_web.documents.merge import three_way
from ccan_web.documents.sections import Section, split_sections

SAME, ADAPTED, BEHIND, CONFLICT = "same", "adapted", "behind", "conflict"
STATES = (SAME, ADAPTED, BEHIND, CONFLICT)
# A section only the fork has: its own (ADDED), or one the upstream removed since (BEHIND or CONFLICT).
ADDED = "added"

# "1. ", "2.3 ", "4) ", "IV. " before a heading's words: a section's number, not its name. A
# bare year ("2030 targets") is a name.
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)+\.?|\d+[.)]|[IVXLC]+[.)])\s+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SectionState:
    """One upstream section and how the fork stands against it."""

    upstream: Section
    state: str  # SAME, ADAPTED, BEHIND or CONFLICT
    fork: Section | None  # its partner in the fork; None where the fork has none
    new_upstream: bool = False  # the upstream added the section after the fork's base
    removed: bool = False  # the fork took it out (ADAPTED), or never had it (BEHIND)
    adapted: bool = False  # the fork changed it since the base (also when it is behind or in conflict)


@dataclass(frozen=True)
class ForkOnlySection:
    """A section of the fork with no upstream partner: its own (ADDED), or one the upstream has since
    removed, which the fork kept as it was (BEHIND) or changed (CONFLICT)."""

    fork: Section
    state: str


@dataclass(frozen=True)
class Divergence:
    sections: tuple[SectionState, ...]
    fork_only: tuple[ForkOnlySection, ...] = ()

    def counts(self) -> Counter:
        """How many upstream sections are in each state (those in no state are simply absent)."""
        return Counter(s.state for s in self.sections)

    def state_of(self, index: int) -> SectionState | None:
        return next((s for s in self.sections if s.upstream.index == index), None)


def heading_name(heading: str) -> str:
    """A heading without its number, spaces and case: what pairs two sections."""
    return _SPACES.sub(" ", _NUMBERING.sub("", heading.strip())).strip(" :").casefold()


def _content(section: Section) -> str:
    """What a section says, with its heading's number left out and trailing blank lines ignored."""
    lines = section.text.splitlines(keepends=True)
    if section.index:
        lines[0] = f"{'#' * section.level} {_NUMBERING.sub('', section.heading.strip())}\n"
    return "".join(lines).rstrip() + "\n" if "".join(lines).strip() else ""


def _parents(sections: list[Section]) -> list[int | None]:
    """The index of each section's enclosing section (the nearest earlier one of a higher level)."""
    parents: list[int | None] = []
    stack: list[Section] = []
    for section in sections:
        if not section.index:
            parents.append(None)
            continue
        while stack and stack[-1].level >= section.level:
            stack.pop()
        parents.append(stack[-1].index if stack else None)
        stack.append(section)
    return parents


def match_sections(old: list[Section], new: list[Section]) -> dict[int, int]:
    """Pairs old section index -> new section index of the same section.

    First the headings that occur once on each side (at the same level); then, level by level,
    repeated headings inside partners (in their order there); then, between two pairs made, the
    sections left over on both sides when they are as many and of the same levels (a renamed
    heading). The text before the first heading pairs with its like.
    """
    pairs = {0: 0} if old and new else {}
    old_parents, new_parents = _parents(old), _parents(new)

    def name(section: Section) -> tuple[str, int]:
        return heading_name(section.heading), section.level

    old_names = Counter(name(s) for s in old[1:])
    new_names = Counter(name(s) for s in new[1:])
    by_name = {name(s): s.index for s in new[1:] if new_names[name(s)] == 1}
    for section in old[1:]:
        if old_names[name(section)] == 1 and name(section) in by_name:
            pairs[section.index] = by_name[name(section)]

    for level in range(1, 7):
        def keyed(sections, parents, parent_key):
            seen: Counter = Counter()
            keys = {}
            for section in sections[1:]:
                if section.level != level:
                    continue
                key = (parent_key(parents[section.index]), *name(section))
                keys[section.index] = (*key, seen[key])
                seen[key] += 1
            return keys

        taken = set(pairs.values())
        new_to_old = {n: o for o, n in pairs.items()}
        old_keys = keyed(old, old_parents, lambda p: p)
        new_keys = keyed(new, new_parents, lambda p: new_to_old.get(p, ("new", p)) if p is not None else None)
        found = {key: index for index, key in new_keys.items() if index not in taken}
        for index, key in old_keys.items():
            if index not in pairs and key in found:
                pairs[index] = found.pop(key)

    _pair_renamed(old, new, pairs)
    return pairs


def _pair_renamed(old: list[Section], new: list[Section], pairs: dict[int, int]) -> None:
    """Pair, in order, the unpaired sections between two consecutive pairs where both sides have
    the same number of them at the same levels."""
    anchors = sorted((o, n) for o, n in pairs.items() if o)
    bounds = [(0, 0), *anchors, (len(old), len(new))]
    taken = set(pairs.values())
    for (o1, n1), (o2, n2) in zip(bounds, bounds[1:]):
        old_gap = [s for s in old[o1 + 1:o2] if s.index not in pairs]
        new_gap = [s for s in new[n1 + 1:n2] if s.index not in taken]
        if old_gap and len(old_gap) == len(new_gap) and all(
                a.level == b.level for a, b in zip(old_gap, new_gap)):
            for a, b in zip(old_gap, new_gap):
                pairs[a.index] = b.index
                taken.add(b.index)


def divergence(upstream: str, base: str, fork: str) -> Divergence:
    """How `fork`, which last took in `base` of its upstream, stands against `upstream`'s text."""
    up, bs, fk = split_sections(upstream), split_sections(base), split_sections(fork)
    up_base, up_fork, fork_base = match_sections(up, bs), match_sections(up, fk), match_sections(fk, bs)
    states = []
    for section in up:
        if not section.index and not section.text.strip():
            continue  # no text before the first heading: nothing to show
        states.append(_state(section, _at(bs, up_base, section.index), _at(fk, up_fork, section.index)))
    paired_in_fork = set(up_fork.values())
    fork_only = []
    for section in fk:
        if section.index in paired_in_fork or (not section.index and not section.text.strip()):
            continue
        was = _at(bs, fork_base, section.index)
        if was is None:
            fork_only.append(ForkOnlySection(section, ADDED))
        else:
            fork_only.append(ForkOnlySection(section, BEHIND if _content(was) == _content(section) else CONFLICT))
    return Divergence(tuple(states), tuple(fork_only))


def _at(sections: list[Section], pairs: dict[int, int], index: int) -> Section | None:
    partner = pairs.get(index)
    return None if partner is None else sections[partner]


def _state(upstream: Section, base: Section | None, fork: Section | None) -> SectionState:
    now = _content(upstream)
    if base is None:
        # The upstream wrote this section after the fork's base.
        if fork is None:
            return SectionState(upstream, BEHIND, None, new_upstream=True, removed=True)
        same = _content(fork) == now
        return SectionState(upstream, SAME if same else CONFLICT, fork, new_upstream=True, adapted=not same)
    then = _content(base)
    upstream_changed = now != then
    if fork is None:
        return SectionState(upstream, CONFLICT if upstream_changed else ADAPTED, None, removed=True, adapted=True)
    mine = _content(fork)
    fork_changed = mine != then
    if not fork_changed:
        return SectionState(upstream, BEHIND if upstream_changed else SAME, fork)
    if not upstream_changed:
        return SectionState(upstream, ADAPTED, fork, adapted=True)
    if mine == now:
        return SectionState(upstream, SAME, fork, adapted=True)
    clean = three_way(then, now, mine).clean
    return SectionState(upstream, BEHIND if clean else CONFLICT, fork, adapted=True)
