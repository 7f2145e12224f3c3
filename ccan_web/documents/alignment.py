"""Which lines of one version are the same lines in another, anchored to the Markdown headings.

A merge is only as good as this alignment: an edit is carried over next to the lines it was
matched with. Greedy matching (difflib) pairs a repeated line ("Measures:", a blank line, "1.")
with its twin in another section once the lines around it have changed, and an edit then lands
under the wrong heading. Here the headings are matched first, and a line only with a line
between the same two matched headings: no line is matched across a heading. Between them,
patience diff matches the lines unique on both sides, then repeated lines where they touch a
match already made, or where every longest common subsequence places them alike; what stays
ambiguous stays unmatched, so the merge sees a change there (and asks) instead of guessing.
"""
from __future__ import annotations

from collections.abc import Sequence

import patiencediff

from ccan_web.documents.sections import section_starts

# Beyond this many cells, a stretch of only repeated lines is left unmatched rather than solved.
MAX_LCS_CELLS = 250_000


def matching_lines(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of equal lines old[i] == new[j] that are the same line, in increasing order.

    Headings are matched first, among themselves; then the lines between two matched headings
    only with the lines between their partners. A heading that was reworded or removed is an
    ordinary changed line of the stretch around it.
    """
    if list(old) == list(new):
        return [(i, i) for i in range(len(old))]
    old_headings, new_headings = section_starts(old)[1:], section_starts(new)[1:]
    # Two headings in a row of this list are not neighbours in the text, so a repeated heading
    # is matched only where every alignment of the headings agrees, never by its neighbour.
    anchors = [(old_headings[i], new_headings[j]) for i, j in _patience(
        [old[i] for i in old_headings], [new[j] for j in new_headings],
        0, 0, len(old_headings), len(new_headings), neighbours=False)]
    pairs: list[tuple[int, int]] = []
    before_old = before_new = 0
    for i, j in [*anchors, (len(old), len(new))]:
        pairs += _patience(old, new, before_old, before_new, i, j)
        if i < len(old):
            pairs.append((i, j))
        before_old, before_new = i + 1, j + 1
    return pairs


def _patience(old, new, old_start, new_start, old_end, new_end, neighbours: bool = True
              ) -> list[tuple[int, int]]:
    """Lines of old[old_start:old_end] and new[new_start:new_end] that are surely the same line.

    As patience diff: lines unique on both sides are matched first (their longest common
    subsequence, from the patiencediff library), then each gap between them the same way. A gap
    with no such line matches the equal lines at its ends, which touch a match already made, and
    then only the repeated lines that every longest common subsequence of the gap matches in the
    same place: a blank line between two rewritten paragraphs is matched, one of two blank lines
    where one was deleted is not. Iterative, so that no document is deep enough to exhaust a stack.
    Without `neighbours`, the equal lines at a gap's ends are not matched for being there.
    """
    pairs: list[tuple[int, int]] = []
    gaps = [(old_start, new_start, old_end, new_end)]
    while gaps:
        o1, n1, o2, n2 = gaps.pop()
        if o1 >= o2 or n1 >= n2:
            continue
        head = tail = 0
        while neighbours and o1 + head < o2 and n1 + head < n2 and old[o1 + head] == new[n1 + head]:
            pairs.append((o1 + head, n1 + head))
            head += 1
        while (neighbours and o2 - tail - 1 >= o1 + head and n2 - tail - 1 >= n1 + head
               and old[o2 - tail - 1] == new[n2 - tail - 1]):
            pairs.append((o2 - tail - 1, n2 - tail - 1))
            tail += 1
        o1, n1, o2, n2 = o1 + head, n1 + head, o2 - tail, n2 - tail
        if o1 >= o2 or n1 >= n2:
            continue
        inner = [(o1 + i, n1 + j) for i, j in patiencediff.unique_lcs(old[o1:o2], new[n1:n2])]
        if not inner:
            inner = _forced(old, new, o1, n1, o2, n2)
        before_old, before_new = o1, n1
        for i, j in inner:
            gaps.append((before_old, before_new, i, j))
            pairs.append((i, j))
            before_old, before_new = i + 1, j + 1
        if inner:
            gaps.append((before_old, before_new, o2, n2))
    return sorted(pairs)


def _forced(old, new, o1, n1, o2, n2) -> list[tuple[int, int]]:
    """The pairs of equal lines that every longest common subsequence of the two stretches
    contains: where several alignments are equally good, the lines they disagree on are left out."""
    common = set(old[o1:o2]) & set(new[n1:n2])
    a = [i for i in range(o1, o2) if old[i] in common]
    b = [j for j in range(n1, n2) if new[j] in common]
    if not a or not b or len(a) * len(b) > MAX_LCS_CELLS:
        return []
    rows, cols = len(a), len(b)
    # ahead[i][j]: the LCS of a[:i] and b[:j]; behind[i][j]: of a[i:] and b[j:]
    ahead = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows):
        for j in range(cols):
            ahead[i + 1][j + 1] = (ahead[i][j] + 1 if old[a[i]] == new[b[j]]
                                   else max(ahead[i][j + 1], ahead[i + 1][j]))
    behind = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            behind[i][j] = (behind[i + 1][j + 1] + 1 if old[a[i]] == new[b[j]]
                            else max(behind[i + 1][j], behind[i][j + 1]))
    length = ahead[rows][cols]
    # Each LCS takes exactly one pair at each level; a level with one candidate is taken by all.
    at_level: dict[int, list[tuple[int, int]]] = {}
    for i in range(rows):
        for j in range(cols):
            if old[a[i]] == new[b[j]] and ahead[i][j] + 1 + behind[i + 1][j + 1] == length:
                at_level.setdefault(ahead[i][j], []).append((a[i], b[j]))
    return sorted(candidates[0] for candidates in at_level.values() if len(candidates) == 1)
