"""Withdrawing an Annex A upload, and undoing the withdrawal: the rules, without storage.

An LA withdraws an upload that should never have counted (a wrong file, a test upload):
from that moment its figures are out of every figure and trend. The LA says why, in
plain words, and may change its mind for a limited time. The framework says nothing
about withdrawing management information (Annex A, paras 242-262, only says what the LA
provides), so these are the product's own rules, stated here once.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

from dashboard.domain.child_identifiers import possible_child_identifiers

#: How long after a withdrawal the LA may undo it.
UNDO_PERIOD = timedelta(days=30)
#: The longest reason kept, in characters.
WITHDRAWAL_REASON_MAX = 500


def undo_deadline(withdrawn_at: datetime) -> datetime:
    """The moment after which a withdrawal can no longer be undone."""
    if withdrawn_at.tzinfo is None:  # SQLite gives back naive UTC times
        withdrawn_at = withdrawn_at.replace(tzinfo=UTC)
    return withdrawn_at + UNDO_PERIOD


def may_undo_withdrawal(withdrawn_at: datetime, now: datetime) -> bool:
    """Whether a withdrawal made at ``withdrawn_at`` may still be undone at ``now``:
    up to and including 30 days (to the minute) after it."""
    return now <= undo_deadline(withdrawn_at)


def clean_reason(text: str) -> str:
    """The reason as it is kept: line breaks made spaces, other control and formatting
    characters dropped, runs of spaces made one, ends trimmed."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char in "\r\n\t" or category == "Zs":
            kept.append(" ")
        elif category[0] != "C":  # Cc control, Cf formatting, Cs, Co, Cn
            kept.append(char)
    return " ".join("".join(kept).split())


def withdrawal_reason_problem(text: str) -> str | None:
    """What is wrong with a reason for withdrawing, in plain words, or None.

    The reason is shown on the upload page to the LA and to administrators (another
    organisation), so it must not identify a child: the same checks as a SEF's text
    refuse a case number, a date of birth or a child's name. The words found are not
    repeated in the message.
    """
    reason = clean_reason(text)
    if not reason:
        return "Say why these figures are withdrawn."
    if len(reason) > WITHDRAWAL_REASON_MAX:
        return (f"Keep the reason to {WITHDRAWAL_REASON_MAX} characters or fewer "
                f"(it has {len(reason):,}).")
    found = possible_child_identifiers(reason)
    if found:
        return (f"The reason may identify a child ({found[0][0]}). Say what was wrong with "
                "the upload without identifying any child.")
    return None
