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
    sections: list[Section] = []
    current: list[str] = []
    heading, level, in_fence = "", 0, False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line.rstrip("\n"))
        if match:
            sections.append(Section(len(sections), heading, level, "".join(current)))
            current, heading, level = [], match.group(2), len(match.group(1))
        current.append(line)
    sections.append(Section(len(sections), heading, level, "".join(current)))
    return sections


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
