"""Merge cases whose right answer is known: two sides edit a text at chosen lines, apart.

Each side's edits are placed on a grid of the base text: slot 2i is the point before line i,
slot 2i+1 is line i itself. A line can be replaced or deleted, a point can receive new lines.
Every edit writes text found nowhere else, so applying both sides' edits to the base gives the
one right merge; the merge engine must produce exactly it or say it cannot (a conflict). When
the two sides' edits have an unchanged line between them, a conflict is a false one.

Used by tests/documents/test_merge_placement.py (with a Random that Hypothesis drives) and by
benchmarks/bench_merge.py (seeded), so that both judge the engine by the same rules.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

# The lines a roadmap repeats in every section: what misleads a merge that matches greedily.
BOILERPLATE = ("\n", "\n", "\n", "Measures:\n", "Targets:\n", "- \n", "1. \n", "Actions:\n", "---\n")
SUBHEADINGS = ("### Measures\n", "### Targets\n", "### Who does what\n")
WORDS = ("creative export fund studio craft market film music skills policy data school festival "
         "design network region grant law tax digital").split()


@dataclass(frozen=True)
class Case:
    base: str
    theirs: str
    mine: str
    expected: str  # both sides' edits, each at its place


def sentence(rng: random.Random, tag: str = "") -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))).capitalize()
    return f"{words}{tag}.\n"


def repetitive_document(rng: random.Random, sections: int = 8) -> list[str]:
    """A roadmap-like text in which most lines occur many times: headings, the same sub-headings
    and labels in each section, blank lines, empty list items, and a few sentences. As in
    Markdown, a line never follows its own twin (two blank lines in a row are one)."""
    lines = ["# Roadmap\n", "\n"]
    for number in range(1, sections + 1):
        lines += [f"## {number}. {rng.choice(WORDS).title()}\n", "\n"]
        for _ in range(rng.randint(3, 12)):
            roll = rng.random()
            if roll < 0.45:
                line = rng.choice(BOILERPLATE)
            elif roll < 0.55:
                line = rng.choice(SUBHEADINGS)
            elif roll < 0.7:
                line = f"{rng.randint(1, 4)}. {sentence(rng)}"
            else:
                line = sentence(rng, f" {number}")
            if line != lines[-1]:
                lines.append(line)
    return lines


def twin_lines_document(rng: random.Random, sections: int = 6) -> list[str]:
    """Worse than Markdown allows: runs of equal lines (blank lines, empty items, the same
    sub-heading twice), where which of the equal lines an edit touched cannot be known."""
    lines = ["# Roadmap\n"]
    for number in range(sections):
        lines.append(f"## {number}\n")
        for _ in range(rng.randint(2, 14)):
            roll = rng.random()
            lines.append(rng.choice(("\n", "\n", "Measures:\n", "- \n", "### Who does what\n")) if roll < 0.7
                         else sentence(rng))
    return lines


def _edit(rng: random.Random, base: list[str], slot: int, tag: str, kinds: tuple[str, ...]):
    """What a side does at a slot: ("insert", lines) at a point; ("replace", line) or ("delete",)
    on a line."""
    if slot % 2 == 0:
        return ("insert", [sentence(rng, f" [{tag} inserted]") for _ in range(rng.randint(1, 2))])
    kind = rng.choice([k for k in kinds if k != "insert"] or ["replace"])
    if kind == "delete":
        return ("delete",)
    old = base[slot // 2].rstrip("\n")
    return ("replace", f"{old} [{tag}]\n" if old else f"[{tag}] {sentence(rng)}")


def apply(base: list[str], edits: dict[int, tuple]) -> list[str]:
    """The base with edits placed at their slots."""
    out: list[str] = []
    for slot in range(2 * len(base) + 1):
        edit = edits.get(slot)
        if slot % 2 == 0:
            if edit:
                out += edit[1]
            continue
        line = base[slot // 2]
        if edit is None:
            out.append(line)
        elif edit[0] == "replace":
            out.append(edit[1])
    return out


def apart(first: int, second: int, changed: set[int]) -> bool:
    """An unchanged line lies between the two slots."""
    low, high = sorted((first, second))
    return any(slot % 2 == 1 and slot not in changed for slot in range(low + 1, high))


def separated_case(rng: random.Random, base: list[str], their_edits: int, my_edits: int,
                   kinds: tuple[str, ...] = ("replace", "insert", "delete")) -> Case | None:
    """Two sides editing `base` at slots with an unchanged line between any of theirs and any of
    mine; None when the base leaves no room for that many."""
    slots = [s for s in range(2 * len(base) + 1) if s % 2 == 1 or "insert" in kinds]
    their_slots = set(rng.sample(slots, min(their_edits, len(slots))))
    free = [s for s in slots if s not in their_slots]
    rng.shuffle(free)
    my_slots: set[int] = set()
    for slot in free:
        if len(my_slots) == my_edits:
            break
        changed = their_slots | my_slots | {slot}
        if all(apart(slot, other, changed) for other in their_slots) and all(
                apart(mine, theirs, changed) for mine in my_slots for theirs in their_slots):
            my_slots.add(slot)
    if len(my_slots) < my_edits:
        return None
    theirs = {slot: _edit(rng, base, slot, f"T{n}", kinds) for n, slot in enumerate(sorted(their_slots))}
    mine = {slot: _edit(rng, base, slot, f"M{n}", kinds) for n, slot in enumerate(sorted(my_slots))}
    return Case("".join(base), "".join(apply(base, theirs)), "".join(apply(base, mine)),
                "".join(apply(base, {**theirs, **mine})))


def single_line_saves(rng: random.Random, base: list[str], count: int) -> list[tuple[int, str]] | None:
    """`count` editors each changing one line of `base`, every two changed lines at least one
    unchanged line apart: (line index, the editor's whole text)."""
    lines = list(range(len(base)))
    rng.shuffle(lines)
    chosen: list[int] = []
    for line in lines:
        if all(abs(line - other) >= 2 for other in chosen):
            chosen.append(line)
        if len(chosen) == count:
            break
    if len(chosen) < count:
        return None
    saves = []
    for editor, line in enumerate(chosen):
        text = list(base)
        old = text[line].rstrip("\n")
        text[line] = f"{old} [editor {editor}]\n" if old else f"[editor {editor}] {sentence(rng)}"
        saves.append((line, "".join(text)))
    return saves
