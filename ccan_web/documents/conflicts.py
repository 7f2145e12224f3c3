"""The conflict screen's passages: what each offered, what the person chose or typed, the rule that
nothing typed there is dropped without a word, and saving the text it resolved.

A passage is answered by one of three choices (the other version, mine, the text written anew).
Nothing is chosen in advance: a missing choice asks again. A text written anew that differs from
what its field offered, with another choice made, also asks again, keeping the text, so the
person decides; asked once, the same answer again is taken as meant.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ccan_web.documents import services as documents
from ccan_web.documents.diff import highlighted_sides
from ccan_web.documents.merge import Conflict, MergeResult, three_way
from ccan_web.documents.models import Document
from ccan_web.documents.sections import split_sections
from ccan_web.domain.errors import DomainError
from ccan_web.domain.text import text_problem

THEIRS, MINE, EDIT = "theirs", "mine", "edit"
CHOICES = (THEIRS, MINE, EDIT)


def as_passage_text(text: str | None) -> str:
    """A passage as a browser submits it (CRLF, often no final newline) as whole lines of the text."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text if not text or text.endswith("\n") else text + "\n"


def _differs(text: str, offered: str) -> bool:
    return as_passage_text(text).strip() != as_passage_text(offered).strip()


@dataclass(frozen=True)
class Passage:
    """One conflicting passage as the screen shows it."""

    index: int
    conflict: Conflict
    section: str
    choice: str | None = None
    text: str = ""  # what the "written anew" field holds
    offered: str = ""  # what that field held when the page was shown
    error: object = None

    @property
    def highlighted(self) -> tuple[Markup, Markup]:
        """The other version and mine, with the words that differ marked."""
        return highlighted_sides(self.conflict.theirs, self.conflict.mine)

    @property
    def chosen_text(self) -> str:
        if self.choice == THEIRS:
            return self.conflict.theirs
        if self.choice == MINE:
            return self.conflict.mine
        return as_passage_text(self.text)


def sections_of(merge: MergeResult) -> list[str]:
    """The heading each conflicting passage stands under ("" before the first heading): the last
    heading of the merged text before it, with the passages before it taken as mine."""
    headings, before = [], []
    for piece in merge.pieces:
        if isinstance(piece, Conflict):
            own = split_sections(piece.mine or piece.theirs)
            starts_with_heading = len(own) > 1 and not own[0].text.strip()
            headings.append(own[1].heading if starts_with_heading else split_sections("".join(before))[-1].heading)
            before.append(piece.mine)
        else:
            before.append(piece)
    return headings


def offered(merge: MergeResult, earlier: list[Passage] | None = None) -> list[Passage]:
    """The passages of a fresh conflict screen, nothing chosen. Shown again because someone saved
    meanwhile, a text written anew on the earlier screen stays in its field, chosen."""
    passages = [Passage(i, conflict, section, text=conflict.mine, offered=conflict.mine)
                for i, (conflict, section) in enumerate(zip(merge.conflicts, sections_of(merge)))]
    if earlier and len(earlier) == len(passages):
        passages = [replace(p, text=old.text, choice=EDIT) if _differs(old.text, old.offered) else p
                    for p, old in zip(passages, earlier)]
    return passages


def answered(merge: MergeResult, data) -> list[Passage]:
    """The passages as submitted (`choice-N`, `text-N`, `offered-N` in `data`), each with the
    error that keeps it from being saved as it is, if any."""
    passages = []
    for passage in offered(merge):
        i = passage.index
        choice = data.get(f"choice-{i}")
        choice = choice if choice in CHOICES else None
        text = data.get(f"text-{i}", passage.conflict.mine)
        was_offered = data.get(f"offered-{i}", passage.conflict.mine)
        error = None
        if choice is None:
            error = _l("Choose which text to keep for this passage.")
        elif choice != EDIT and _differs(text, was_offered):
            error = _l("You changed the text below but chose another version. Choose “Use the text below” "
                       "to save your text, or save again to leave it out.")
            was_offered = text  # asked once: the same answer again is meant
        elif choice == EDIT:
            error = text_problem(as_passage_text(text))
        passages.append(replace(passage, choice=choice, text=text, offered=was_offered, error=error))
    return passages


def has_errors(passages: list[Passage]) -> bool:
    return any(p.error for p in passages)


# Saving what the screen resolved -------------------------------------------------------------

@dataclass(frozen=True)
class ConflictSides:
    """What the conflict screen calls the two versions, and the revisions the other one came from."""

    theirs_label: object
    mine_label: object
    others: list
    others_heading: object = _l("Where the other version comes from")
    keep_theirs: object = _l("Keep the other version")


def edit_sides(document: Document, base_number: int, head_number: int) -> ConflictSides:
    """Editing: the other version is the revisions saved after `base_number` up to `head_number`."""
    return ConflictSides(_l("The other version"), _l("Your version"),
                         documents.revisions_between(document, base_number, head_number))


def merge_for_resolution(document: Document, base_number: int, head_number: int, mine: str) -> MergeResult:
    """The same merge the conflict screen showed, computed again from what the form carried."""
    base = documents.get_revision(document, base_number)
    theirs = documents.get_revision(document, head_number)
    return three_way(base.body, theirs.body, documents.normalise_body(mine))


def save_resolution(document: Document, merge, head_number: int, choices: list[str], author, summary: str = "",
                    upstream_number: int | None = None):
    """Save the text the conflict screen resolved: `merge` (as merge_for_resolution computes it
    again) with one chosen text per conflicting passage, saved against the head the screen showed
    (which merges again, or returns a new conflict, if someone saved meanwhile). With
    `upstream_number`, the text finishes a pull and records the upstream revision taken in."""
    text = resolve(merge, choices)
    if upstream_number is not None:
        return documents.finish_pull(document, head_number, text, upstream_number, author)
    return documents.save(document, head_number, text, author, summary)


def resolve(merge, choices: list[str]) -> str:
    """The merged text with one chosen text per conflict; a count mismatch means a stale form. A
    passage written anew on the conflict screen keeps the rule of every longer text (domain.text)."""
    for choice in choices:
        problem = text_problem(choice)
        if problem is not None:
            raise DomainError(problem)
    try:
        return merge.resolve(choices)
    except ValueError:
        raise DomainError(_l("The text changed while you were resolving; look at the conflicts again."))
