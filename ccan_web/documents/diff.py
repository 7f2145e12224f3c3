"""Comparing two revisions: changed lines side by side, with the changed words highlighted."""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape as escape_text

from markupsafe import Markup, escape

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
CONTEXT_LINES = 3


@dataclass(frozen=True)
class DiffRow:
    """One row of a comparison: `kind` is equal, change, delete, insert, or gap (folded lines)."""

    kind: str
    old_number: int | None = None
    new_number: int | None = None
    old_html: Markup = Markup("")
    new_html: Markup = Markup("")


def word_highlights(old: str, new: str) -> tuple[Markup, Markup]:
    """Both lines as HTML, with the words that differ wrapped in <del> and <ins>.

    Built as plain text escaped piece by piece and marked safe once: a Markup object per piece
    was a third of the time of comparing a roadmap's thousand changed lines."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    old_html, new_html = [], []
    for op, i1, i2, j1, j2 in _join_across_spaces(_token_opcodes(old_tokens, new_tokens), old_tokens):
        before, after = escape_text("".join(old_tokens[i1:i2])), escape_text("".join(new_tokens[j1:j2]))
        if op == "equal":
            old_html.append(before)
            new_html.append(after)
            continue
        if before:
            old_html += ("<del>", before, "</del>")
        if after:
            new_html += ("<ins>", after, "</ins>")
    return Markup("".join(old_html)), Markup("".join(new_html))


def _token_opcodes(old: list[str], new: list[str]) -> list[tuple]:
    """SequenceMatcher's opcodes, computed only between the common start and end of the lines.

    Most edits touch a few words in a long line; matching just the middle keeps comparing a
    roadmap's 1,000 changed lines well inside the time a page may take.
    """
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_end, new_end = len(old) - suffix, len(new) - suffix
    opcodes = [("equal", 0, prefix, 0, prefix)] if prefix else []
    middle = SequenceMatcher(None, old[prefix:old_end], new[prefix:new_end], autojunk=False).get_opcodes()
    opcodes += [(op, i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix) for op, i1, i2, j1, j2 in middle
                if i1 != i2 or j1 != j2]
    if suffix:
        opcodes.append(("equal", old_end, len(old), new_end, len(new)))
    return opcodes


def _join_across_spaces(opcodes, old_tokens):
    """One highlight for "every city" → "Almaty and Astana", not one per word around a kept space."""
    joined: list[list] = []
    for op in map(list, opcodes):
        between = joined[-1] if joined else None
        if (len(joined) >= 2 and between[0] == "equal" and joined[-2][0] != "equal" and op[0] != "equal"
                and "".join(old_tokens[between[1]:between[2]]).isspace()):
            first = joined[-2]
            joined[-2:] = [["replace", first[1], op[2], first[3], op[4]]]
        else:
            joined.append(op)
    return joined


def _rows(old_units: list[str], new_units: list[str], context: int, show, pair) -> list[DiffRow]:
    """Rows for two sequences of units (lines, or Markdown blocks): `context` unchanged units
    around each change and a gap elsewhere. `show(unit)` draws a unit, `pair(old, new)` two that
    replace each other; a surplus on either side stands alone."""
    matcher = SequenceMatcher(None, old_units, new_units, autojunk=False)
    rows: list[DiffRow] = []
    for group in matcher.get_grouped_opcodes(context):
        if rows:
            rows.append(DiffRow("gap"))
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                rows.extend(DiffRow("equal", i + 1, j + 1, show(old_units[i]), show(new_units[j]))
                            for i, j in zip(range(i1, i2), range(j1, j2)))
                continue
            pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
            rows.extend(DiffRow("change", i1 + k + 1, j1 + k + 1, *pair(old_units[i1 + k], new_units[j1 + k]))
                        for k in range(pairs))
            rows.extend(DiffRow("delete", old_number=i + 1, old_html=show(old_units[i])) for i in range(i1 + pairs, i2))
            rows.extend(DiffRow("insert", new_number=j + 1, new_html=show(new_units[j])) for j in range(j1 + pairs, j2))
    return rows


def compare(old_text: str, new_text: str, context: int = CONTEXT_LINES) -> list[DiffRow]:
    """The lines that changed, changed words marked, with `context` unchanged lines around them."""
    return _rows(old_text.splitlines(), new_text.splitlines(), context, escape, word_highlights)


def highlighted_sides(old_text: str, new_text: str) -> tuple[Markup, Markup]:
    """Two versions of one passage in full, each with what differs marked as the compare page
    marks it: changed words in <del> (old) and <ins> (new), whole lines removed or added too."""
    old_lines: list[Markup] = []
    new_lines: list[Markup] = []
    for row in compare(old_text, new_text, context=len(old_text) + len(new_text) + 1):
        if row.kind in ("equal", "change"):
            old_lines.append(row.old_html)
            new_lines.append(row.new_html)
        elif row.kind == "delete":
            old_lines.append(Markup("<del>%s</del>") % row.old_html)
        elif row.kind == "insert":
            new_lines.append(Markup("<ins>%s</ins>") % row.new_html)
    return Markup("\n").join(old_lines), Markup("\n").join(new_lines)


def markdown_blocks(text: str) -> list[str]:
    """A Markdown text as its blocks: the runs of lines between blank lines, a fenced block whole."""
    blocks, current, in_fence = [], [], False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not line.strip() and not in_fence:
            if current:
                blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def compare_rendered(old_text: str, new_text: str, render, context: int = CONTEXT_LINES) -> list[DiffRow]:
    """The blocks (paragraphs, lists, tables, headings) that changed, each rendered by `render`
    as a reader sees it, with `context` unchanged blocks around them; numbers count blocks."""
    return _rows(markdown_blocks(old_text), markdown_blocks(new_text), context, render,
                 lambda old, new: (render(old), render(new)))


DIFF_VIEWS = ("side", "inline")  # the compare page's layouts, the default first
TEXT_MODES = ("source", "rendered")


def compare_as(old_text: str, new_text: str, text_mode: str, render) -> list[DiffRow]:
    """The compare page's rows: of the Markdown source, or of the text as rendered by `render`."""
    return compare_rendered(old_text, new_text, render) if text_mode == "rendered" else compare(old_text, new_text)
