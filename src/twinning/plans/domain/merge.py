"""Three-way merge and comparison of section texts, paragraph by paragraph.

Two people who edited different paragraphs of the same version get both edits
merged; edits to the same paragraph are a conflict that a person resolves.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (blocks between blank lines), without surrounding blanks."""
    text = (text or "").replace("\r\n", "\n").strip()
    return [block.strip() for block in _BLANK_LINES.split(text) if block.strip()]


def _hunks(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """The changes from base to other as (start, end, replacement) on base's paragraphs."""
    matcher = difflib.SequenceMatcher(a=base, b=other, autojunk=False)
    return [
        (i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def _overlap(a: tuple[int, int, list[str]], b: tuple[int, int, list[str]]) -> bool:
    """Two changes clash when their ranges meet, or both insert at the same place."""
    a_inserts, b_inserts = a[0] == a[1], b[0] == b[1]
    if a_inserts and b_inserts:
        return a[0] == b[0]
    if a_inserts:
        return b[0] < a[0] < b[1]
    if b_inserts:
        return a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def merge_texts(base: str, mine: str, theirs: str) -> str | None:
    """Both sets of changes applied to base, or None when they touch the same paragraph."""
    base_blocks = paragraphs(base)
    mine_hunks = _hunks(base_blocks, paragraphs(mine))
    their_hunks = _hunks(base_blocks, paragraphs(theirs))
    chosen = list(their_hunks)
    for hunk in mine_hunks:
        clash = [other for other in their_hunks if _overlap(hunk, other)]
        if not clash:
            chosen.append(hunk)
        elif clash != [hunk]:
            # The same change made by both is no conflict; anything else is.
            return None
    merged = list(base_blocks)
    # Apply from the end so earlier positions stay valid; insertions before changes.
    for start, end, replacement in sorted(chosen, key=lambda h: (h[0], h[1]), reverse=True):
        merged[start:end] = replacement
    return "\n\n".join(merged)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "removed" or "added"
    text: str


def compare_texts(old: str, new: str) -> list[DiffLine]:
    """Line by line changes from old to new, for a page that reads top to bottom."""
    old_lines = (old or "").replace("\r\n", "\n").split("\n")
    new_lines = (new or "").replace("\r\n", "\n").split("\n")
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine("same", line) for line in old_lines[i1:i2])
            continue
        lines.extend(DiffLine("removed", line) for line in old_lines[i1:i2])
        lines.extend(DiffLine("added", line) for line in new_lines[j1:j2])
    return lines
