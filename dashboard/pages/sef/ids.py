"""Component ids of the SEF pages that their callbacks name: declared once, here.

Every editable field has a pattern-matching id naming its place in the document
(``dashboard.domain.sef.field_path``); the functions at the end build those ids.
"""

from __future__ import annotations

from typing import Any

# ---------------------------------------------------------------- the editor
LA = "sef-la"
DOC = "sef-doc"
BASE = "sef-base"
CONFLICT_BASE = "sef-conflict-base"
REVIEW = "sef-review"  # True while a save waits on the identifier warning
AUTOSAVE = "sef-autosave"
STATUS = "sef-status"
LENGTH = "sef-length"
SAVE = "sef-save"
REFRESH = "sef-refresh"
SHARE = "sef-share"
CONFLICT = "sef-conflict"
IDENTIFIERS = "sef-identifiers"
SHARE_PANEL = "sef-share-panel"
FORM = "sef-form"
VERSIONS = "sef-versions"
PURGE_PANEL = "sef-purge-panel"
NEW_THEME = "sef-new-theme"
COVERAGE = "sef-coverage"
WORDS_KNOW = "sef-words-know"
WORDS_HOW = "sef-words-how"
WORDS_PLANS = "sef-words-plans"

# a clash with a colleague's save, and the identifier warning
KEEP_MINE = "sef-keep-mine"
LOAD_THEIRS = "sef-load-theirs"
OVERRIDE_REASON = "sef-override-reason"
SAVE_ANYWAY = "sef-save-anyway"

# sharing
SHARE_OVERRIDE = "sef-share-override"
SHARE_CONFIRM = "sef-share-confirm"
SHARE_NUMBER = "sef-share-number"

# versions: comparing and removing words
COMPARE_A = "sef-compare-a"
COMPARE_B = "sef-compare-b"
COMPARE = "sef-compare"
COMPARE_RESULT = "sef-compare-result"
PURGE_REASON = "sef-purge-reason"
PURGE_LOOK_FOR = "sef-purge-look-for"
PURGE_CONFIRM = "sef-purge-confirm"
PURGE_NUMBER = "sef-purge-number"

# the reader: indicators beside a theme
VERSION_SHOWN = "sef-version-shown"
THEME_CHOICE = "sef-theme-choice"
THEME_INDICATORS = "sef-theme-indicators"

# ---------------------------------------------------------------- pattern-matching
TEXT = "sef-text"  # Input and Textarea: value and n_blur
CHOICE = "sef-choice"  # selects: value only
INDICATOR_CHOICE = "sef-indicator"  # the indicator an evidence item links
ANSWERS = "sef-answers"  # the weaknesses a plan answers
ACTION = "sef-action"
FIGURE = "sef-figure"  # the figures of the indicator an evidence item links
PURGE_OPEN = "sef-purge-open"

#: Every kind of field whose value a save sends back.
FIELD_TYPES = (TEXT, CHOICE, INDICATOR_CHOICE, ANSWERS)


def field(kind: str, path: Any) -> dict[str, Any]:
    """A field of ``kind`` at ``path`` in the document."""
    return {"type": kind, "path": path}


def figure(path: Any) -> dict[str, Any]:
    """The figures shown under the indicator choice at ``path``."""
    return {"type": FIGURE, "path": path}


def action(name: Any, target: Any = "") -> dict[str, Any]:
    """A button that adds or removes a part of the document."""
    return {"type": ACTION, "action": name, "target": target}


def purge_open(number: Any) -> dict[str, Any]:
    """A version's "Remove words…" button."""
    return {"type": PURGE_OPEN, "number": number}


# the checks against the figures and the writing (paras 36 and 50)
CHECKS = "sef-checks"  # the editor's summary of every check
READER_CHECKS = "sef-reader-checks"  # the inspector's list, beside the SEF
CHECK_NOTE_STATUS = "sef-check-note-status"
CHECKS_VERSION = "sef-checks-version"  # the shared version the inspector's checks read
CLAIM_CHECKS = "sef-claim-checks"  # one statement's checks, beside it in the editor
CHECK_NOTE = "sef-check-note"  # "Add to my preparation notes", one per check
CHECK_AGENDA = "sef-check-agenda"  # "Add to the agenda for <date>", one per check


def claim_checks(statement_id: Any) -> dict[str, Any]:
    return {"type": CLAIM_CHECKS, "statement": statement_id}


def check_note(index: Any) -> dict[str, Any]:
    return {"type": CHECK_NOTE, "index": index}


def check_agenda(index: Any) -> dict[str, Any]:
    return {"type": CHECK_AGENDA, "index": index}
