"""Rules for checking a SEF save for child identifiers and for removing a version's words.

A SEF version is kept for ever (migration 0004), so a child's name or date of birth
saved by mistake would stay too. Two rules follow (issue 15, finding 9):

- every save is checked before anything is stored (``new_findings``): what the version
  it started from already carried, with a recorded reason, is not asked again;
- an LA's own users may remove ("purge") one version's words with a reason. The version
  stays in the list as a tombstone, and the audit entries that quoted its words lose
  them too (``redact_purged_changes``). Pure Python: no Dash, Flask or database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from dashboard.domain.audit import FieldChange
from dashboard.domain.child_identifiers import IdentifierFinding
from dashboard.domain.reasons import MAX_REASON, reason_for_others_problem
from dashboard.domain.sef_text import plain_text

#: What a purged version's content becomes. Not JSON, so it can never be read as a SEF.
PURGED_CONTENT = "[words removed]"
#: What replaces the words in the audit entries that quoted a purged version.
PURGED_WORDS = "[words removed: version purged]"
#: The label of a part in a redacted audit entry (a label can quote a theme or statement).
PURGED_LABEL = "a part of the SEF"

MAX_OVERRIDE_REASON = 1000

#: Purge statuses: an LA user's own purge is done at once; a shared version's is asked
#: for and then confirmed or declined by an administrator.
REQUESTED = "requested"
PURGED = "purged"
DECLINED = "declined"


def finding_keys(findings: list[IdentifierFinding]) -> set[tuple[str, str]]:
    """What was found, wherever it was: (kind, words)."""
    return {(f.kind, f.excerpt) for f in findings}


def new_findings(findings: list[IdentifierFinding],
                 accepted: list[IdentifierFinding]) -> list[IdentifierFinding]:
    """The findings a save must show before storing: those not already accepted, with a
    reason, in the version the save started from."""
    known = finding_keys(accepted)
    return [f for f in findings if (f.kind, f.excerpt) not in known]


def reason_problem(reason: object, limit: int = MAX_REASON) -> str | None:
    """Why a purge reason cannot be used, in plain words, or None. It is shown to the
    region's inspectors and administrators and kept in the audit trail."""
    return reason_for_others_problem(reason, "Give a reason for removing the words.", limit)


def override_reason_problem(reason: object) -> str | None:
    """Why a "save anyway" reason cannot be used, or None. It may quote the words the
    check found (that is usually the point), so only its presence and length count."""
    if not isinstance(reason, str) or not reason.strip():
        return ("Write why these are not a child's details before choosing “Save anyway”, "
                "or change the text.")
    if len(reason) > MAX_OVERRIDE_REASON:
        return f"The reason can be at most {MAX_OVERRIDE_REASON:,} characters."
    return None


def redact_purged_changes(changes: list[FieldChange], side: str) -> list[FieldChange]:
    """An audit entry's changes without the words of a purged version.

    ``side`` is "after" for the purged version's own save (its words are what it
    added) and "before" for the next version's save (which was compared against it).
    The label of each part redacted goes too: it may quote a theme or a statement.
    Parts with nothing on that side were not the purged version's words, and stay.
    """
    if side not in ("before", "after"):
        raise ValueError(side)
    out = []
    for change in changes:
        if getattr(change, side) and getattr(change, side) != PURGED_WORDS:
            change = replace(change, field=PURGED_LABEL, **{side: PURGED_WORDS})
        out.append(change)
    return out


def _normalised(text: str) -> str:
    return " ".join(plain_text(text).split()).casefold()


def versions_still_holding(words: list[str],
                           versions: list[tuple[int, list[str]]]) -> list[int]:
    """The numbers of the versions (number, their texts) that still hold any of
    ``words``, compared without case, formatting or extra spaces."""
    wanted = [_normalised(w) for w in words if w and _normalised(w)]
    if not wanted:
        return []
    found = []
    for number, texts in versions:
        whole = "\n".join(_normalised(t) for t in texts)
        if any(w in whole for w in wanted):
            found.append(number)
    return sorted(found)


@dataclass(frozen=True)
class PurgeInfo:
    """A purge or a request for one, as the pages show it."""

    status: str
    number: int
    requested_by: str
    requested_at: datetime
    reason: str
    decided_by: str | None = None
    decided_at: datetime | None = None
