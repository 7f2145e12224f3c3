"""Three-way merge of texts, line by line, with the conflicting passages kept whole on both sides."""
from __future__ import annotations

from dataclasses import dataclass, field

from merge3 import Merge3


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


def three_way(base: str, theirs: str, mine: str) -> MergeResult:
    """Merge `mine` and `theirs`, both edited from `base`.

    An edit made on one side only is taken; the same edit on both sides is taken once; edits to
    the same (or touching) lines that differ are a Conflict carrying all three versions, so no
    text from either side is ever dropped silently.
    """
    if theirs == mine:
        return MergeResult((mine,))
    if base == theirs:
        return MergeResult((mine,))
    if base == mine:
        return MergeResult((theirs,))
    merger = Merge3(split_lines(base), split_lines(theirs), split_lines(mine))
    pieces: list = []
    for group in merger.merge_groups():
        kind = group[0]
        if kind == "conflict":
            _, base_lines, their_lines, my_lines = group
            pieces.append(Conflict("".join(base_lines), "".join(their_lines), "".join(my_lines)))
        else:
            text = "".join(group[1])
            if pieces and isinstance(pieces[-1], str):
                pieces[-1] += text
            else:
                pieces.append(text)
    return MergeResult(tuple(pieces))
