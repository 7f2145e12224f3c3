"""Markdown documents as sections: a heading and its body, to edit or compare one at a time."""
from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Section:
    index: int  # 0 is the text before the first heading (may be empty)
    heading: str
    level: int
    text: str


def split_sections(text: str) -> list[Section]:
    """The document cut before each heading; joining the texts gives the document back."""
    lines = text.splitlines(keepends=True)
    starts = section_starts(lines)
    sections = [Section(0, "", 0, "".join(lines[:starts[1] if len(starts) > 1 else len(lines)]))]
    for index, (start, end) in enumerate(zip(starts[1:], starts[2:] + [len(lines)]), start=1):
        match = _HEADING.match(lines[start].rstrip("\n"))
        sections.append(Section(index, match.group(2), len(match.group(1)), "".join(lines[start:end])))
    return sections


def section_starts(lines) -> list[int]:
    """Where each section begins: 0 for the text before the first heading (which may be empty),
    then the index of each heading line outside fenced code."""
    starts, in_fence = [0], False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _HEADING.match(line.rstrip("\n")):
            starts.append(number)
    return starts


def replace_section(text: str, index: int, new_section_text: str) -> str:
    """The document with section `index` replaced; an index past the end is a ValueError."""
    sections = split_sections(text)
    if not 0 <= index < len(sections):
        raise ValueError(f"no section {index}")
    if new_section_text and not new_section_text.endswith("\n"):
        new_section_text += "\n"
    return "".join(new_section_text if s.index == index else s.text for s in sections)


def changed_sections(old: str, new: str) -> list[str]:
    """Headings of the sections whose text differs between two versions (by heading)."""
    before = {s.heading: s.text for s in split_sections(old)}
    after = {s.heading: s.text for s in split_sections(new)}
    headings = [s.heading for s in split_sections(new)] + [h for h in before if h not in after]
    return [h or "—" for h in dict.fromkeys(headings) if before.get(h) != after.get(h)]
