"""What changed between two versions of a SEF, part by part and word by word.

Used to compare any two saved versions, and to show a person whose save was refused
what a colleague changed meanwhile (optimistic locking).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from dashboard.domain.sef import Sef, document_parts

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"


@dataclass(frozen=True)
class Segment:
    """A run of words that is the same in both, only in the newer, or only in the older."""

    kind: str  # "same" | "added" | "removed"
    text: str


@dataclass(frozen=True)
class Change:
    kind: str  # ADDED | REMOVED | CHANGED
    label: str
    before: str
    after: str
    segments: tuple[Segment, ...] = ()


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    old, new = before.split(" "), after.split(" ")
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment(REMOVED, " ".join(old[i1:i2])))
        if j2 > j1:
            segments.append(Segment(ADDED, " ".join(new[j1:j2])))
    return tuple(segments)


def compare_sefs(older: Sef, newer: Sef) -> list[Change]:
    """The parts added, removed or changed going from ``older`` to ``newer``."""
    before = {part.key: part for part in document_parts(older)}
    after = {part.key: part for part in document_parts(newer)}
    changes: list[Change] = []
    for key, part in after.items():
        old = before.get(key)
        if old is None:
            if part.text.strip():
                changes.append(Change(ADDED, part.label, "", part.text))
            else:
                changes.append(Change(ADDED, part.label, "", "(empty)"))
        elif old.text != part.text or old.facts != part.facts:
            before_text, after_text = old.text, part.text
            if old.facts != part.facts:  # e.g. a strength made an area for development
                before_text = f"{old.facts}: {old.text}"
                after_text = f"{part.facts}: {part.text}"
            changes.append(Change(CHANGED, part.label, before_text, after_text,
                                  word_diff(before_text.replace("\n", " "),
                                            after_text.replace("\n", " "))))
    for key, part in before.items():
        if key not in after:
            changes.append(Change(REMOVED, part.label, part.text, ""))
    return changes
