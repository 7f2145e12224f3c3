"""Three-way merge of texts, line by line: each side's edits kept in their place, conflicts only
where both sides changed the same lines.

Each side is compared with the base (`alignment.matching_lines`, anchored to the headings), which
gives its edits as hunks: base lines [start, end) replaced by some of its own lines. Edits of the
two sides that touch no common base line are both taken; where they do, the passage is a
Conflict, cut down to the lines both changed. Lines are matched only where that is certain
(see `alignment`), so an edit is never carried to a place its side did not put it: where the
alignment cannot tell, the merge asks.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ccan_web.documents.alignment import matching_lines


def split_lines(text: str) -> list[str]:
    """Lines with their endings, so that joining them gives the text back exactly."""
    return text.splitlines(keepends=True)


@dataclass(frozen=True)
class Conflict:
    """A passage both sides changed differently: the base it came from and the two versions."""

    base: str
    theirs: str
    mine: str


@dataclass(frozen=True)
class MergeResult:
    """The merge as a list of pieces: plain text (str) where it merged, Conflicts where it did not."""

    pieces: tuple = field(default_factory=tuple)

    @property
    def conflicts(self) -> list[Conflict]:
        return [piece for piece in self.pieces if isinstance(piece, Conflict)]

    @property
    def clean(self) -> bool:
        return not self.conflicts

    @property
    def text(self) -> str:
        """The merged text; only defined when the merge is clean."""
        if not self.clean:
            raise ValueError("a merge with conflicts has no single text")
        return "".join(self.pieces)

    def resolve(self, choices) -> str:
        """The text with each conflict replaced by the chosen text, in order."""
        choices = list(choices)
        if len(choices) != len(self.conflicts):
            raise ValueError("one choice is needed for each conflict")
        chosen = iter(choices)
        return "".join(next(chosen) if isinstance(piece, Conflict) else piece for piece in self.pieces)


@dataclass(frozen=True)
class Hunk:
    """One side's edit: base lines [start, end) became `lines` (start == end: an insertion).

    `low` and `high` bound where the same edit could equally sit: deleting one of three equal
    lines, or inserting a line beside its own twin, reads the same anywhere along that run. On a
    grid where 2i is the point before line i and 2i + 1 is line i, they are the first and last
    grid places the edit may cover, so that two edits clash exactly when their spans meet.
    """

    start: int
    end: int
    lines: tuple[str, ...]
    side: str
    low: int = 0
    high: int = 0

    @property
    def certain(self) -> bool:
        """The edit can be read in one place only."""
        return (self.low, self.high) == self.grid

    @property
    def substitutes(self) -> bool:
        """Each base line replaced by exactly one line."""
        return self.end - self.start == len(self.lines)

    @property
    def grid(self) -> tuple[int, int]:
        return (2 * self.start, 2 * self.start) if self.start == self.end else (2 * self.start + 1, 2 * self.end - 1)


def hunks(base: list[str], other: list[str], side: str) -> list[Hunk]:
    """The edits that turn `base` into `other`, between the lines the two have in common."""
    found: list[tuple[int, int, tuple[str, ...]]] = []
    before_base = before_other = 0
    for i, j in [*matching_lines(base, other), (len(base), len(other))]:
        if i > before_base or j > before_other:
            found.append((before_base, i, tuple(other[before_other:j])))
        before_base, before_other = i + 1, j + 1
    result = []
    for number, (start, end, lines) in enumerate(found):
        floor = found[number - 1][1] if number else 0
        ceiling = found[number + 1][0] if number + 1 < len(found) else len(base)
        low, high = _slide(base, start, end, lines, floor, ceiling)
        result.append(Hunk(start, end, lines, side, low, high))
    return result


def _slide(base: list[str], start: int, end: int, lines: tuple[str, ...], floor: int, ceiling: int):
    """The grid span of every place the edit could equally be read at.

    The alignment picks one of several equally good readings wherever a line the edit removes,
    or writes, equals an unchanged line next to it: deleting one of three equal lines reads the
    same whichever goes, and a written blank line beside a kept one could be either. So the
    removed lines may sit anywhere along the run of their equals around them, and the written
    ones at any point along the run of theirs; neither passes the side's neighbouring edits
    (`floor`, `ceiling`).
    """
    spans = []
    if end > start:
        first, last = _run(base, start, end, set(base[start:end]), floor, ceiling)
        spans.append((2 * first + 1, 2 * last - 1))
    if lines:
        # Written lines take the place of the removed ones, unless their equals stand around.
        first, last = _run(base, start, end, set(lines), floor, ceiling)
        if start == end or (first, last) != (start, end):
            spans.append((2 * first, 2 * last))
    return min(low for low, _ in spans), max(high for _, high in spans)


def _run(base: list[str], start: int, end: int, equals: set[str], floor: int, ceiling: int) -> tuple[int, int]:
    """[start, end) widened over the neighbouring lines that are in `equals`."""
    while start > floor and base[start - 1] in equals:
        start -= 1
    while end < ceiling and base[end] in equals:
        end += 1
    return start, end


def _clash(first: Hunk, second: Hunk) -> bool:
    """Whether two edits of different sides need a person: they change a common base line, both
    insert at the same point, or one inserts inside the lines the other changes (or, for an edit
    whose place is uncertain, could). An insertion just before or after the other's edit keeps
    that side of it; edits of neighbouring lines are independent."""
    return max(first.low, second.low) <= min(first.high, second.high)


def _clusters(edits: list[Hunk]) -> list[list[Hunk]]:
    """The edits of both sides in base order, grouped where they clash (directly or in a chain).

    Groups whose lines would interleave are one group, so that each covers a stretch of the base
    of its own and the merge can be written stretch by stretch."""
    edits = sorted(edits, key=lambda h: (h.low, h.start, h.end))
    group_of = list(range(len(edits)))

    def root(k: int) -> int:
        while group_of[k] != k:
            group_of[k] = group_of[group_of[k]]
            k = group_of[k]
        return k

    open_edits: list[int] = []  # those whose span reaches the current edit's start
    for k, edit in enumerate(edits):
        open_edits = [o for o in open_edits if edits[o].high >= edit.low]
        for o in open_edits:
            if edits[o].side != edit.side and _clash(edits[o], edit):
                group_of[root(o)] = root(k)
        open_edits.append(k)
    by_root: dict[int, list[Hunk]] = {}
    for k, edit in enumerate(edits):
        by_root.setdefault(root(k), []).append(edit)
    groups: list[list[Hunk]] = []
    for group in sorted(by_root.values(), key=_span):
        if groups and _span(group)[0] < _span(groups[-1])[1]:
            groups[-1] += group
        else:
            groups.append(group)
    return [sorted(group, key=lambda h: (h.start, h.end)) for group in groups]


def _side_text(base: list[str], edits: list[Hunk], start: int, end: int) -> list[str]:
    """One side's version of base[start:end], given its edits within it."""
    lines, position = [], start
    for edit in edits:
        lines += base[position:edit.start]
        lines += edit.lines
        position = edit.end
    return lines + base[position:end]


def _span(group: list[Hunk]) -> tuple[int, int]:
    """The base lines [start, end) a group of edits covers."""
    return min(h.start for h in group), max(h.end for h in group)


def _resolve_cluster(base: list[str], group: list[Hunk]) -> list:
    """The pieces for a group of clashing edits: taken once if both sides agree, line by line
    where both sides only substituted lines, else one Conflict over the group's passage."""
    start, end = _span(group)
    theirs = [h for h in group if h.side == "theirs"]
    mine = [h for h in group if h.side == "mine"]
    their_lines = _side_text(base, theirs, start, end)
    my_lines = _side_text(base, mine, start, end)
    certain = all(h.certain for h in group)
    if their_lines == my_lines and certain:
        return ["".join(their_lines)]
    if certain and all(h.substitutes for h in group):
        return _line_by_line(base[start:end], their_lines, my_lines)
    return [Conflict("".join(base[start:end]), "".join(their_lines), "".join(my_lines))]


def _line_by_line(base: list[str], theirs: list[str], mine: list[str]) -> list:
    """Equal-length versions merged per line; consecutive lines both changed form one Conflict."""
    pieces: list = []
    clashing: list[int] = []

    def close():
        if clashing:
            pieces.append(Conflict(*("".join(side[i] for i in clashing) for side in (base, theirs, mine))))
            clashing.clear()

    for i, (old, their_line, my_line) in enumerate(zip(base, theirs, mine)):
        if their_line == old or my_line == old or their_line == my_line:
            close()
            pieces.append(my_line if their_line == old else their_line)
        else:
            clashing.append(i)
    close()
    return pieces


def three_way(base: str, theirs: str, mine: str) -> MergeResult:
    """Merge `mine` and `theirs`, both edited from `base`.

    An edit made on one side only is taken, at its place; the same edit on both sides is taken
    once; edits that clash are a Conflict carrying all three versions of just that passage, so
    no text from either side is ever dropped or moved silently.
    """
    if theirs == mine or base == theirs:
        return MergeResult((mine,))
    if base == mine:
        return MergeResult((theirs,))
    base_lines = split_lines(base)
    edits = hunks(base_lines, split_lines(theirs), "theirs") + hunks(base_lines, split_lines(mine), "mine")
    pieces: list = []
    position = 0
    for group in _clusters(edits):
        start, end = _span(group)
        pieces.append("".join(base_lines[position:start]))
        if len({h.side for h in group}) == 1:
            pieces.append("".join(_side_text(base_lines, group, start, end)))
        else:
            pieces += _resolve_cluster(base_lines, group)
        position = end
    pieces.append("".join(base_lines[position:]))
    return MergeResult(_joined(pieces))


def _joined(pieces: list) -> tuple:
    """Adjacent texts as one piece, empty ones dropped."""
    joined: list = []
    for piece in pieces:
        if isinstance(piece, str):
            if not piece:
                continue
            if joined and isinstance(joined[-1], str):
                joined[-1] += piece
                continue
        joined.append(piece)
    return tuple(joined)
