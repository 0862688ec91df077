"""Withdrawing an Annex A upload, and undoing the withdrawal: the rules, without storage.

An LA withdraws an upload that should never have counted (a wrong file, a test upload):
from that moment its figures are out of every figure and trend. The LA says why, in
plain words, and may change its mind for a limited time. The framework says nothing
about withdrawing management information (Annex A, paras 242-262, only says what the LA
provides), so these are the product's own rules, stated here once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dashboard.domain.reasons import MAX_REASON, reason_for_others_problem

#: How long after a withdrawal the LA may undo it.
UNDO_PERIOD = timedelta(days=30)
#: The longest reason kept, in characters.
WITHDRAWAL_REASON_MAX = MAX_REASON


def undo_deadline(withdrawn_at: datetime) -> datetime:
    """The moment after which a withdrawal can no longer be undone."""
    if withdrawn_at.tzinfo is None:  # SQLite gives back naive UTC times
        withdrawn_at = withdrawn_at.replace(tzinfo=UTC)
    return withdrawn_at + UNDO_PERIOD


def may_undo_withdrawal(withdrawn_at: datetime, now: datetime) -> bool:
    """Whether a withdrawal made at ``withdrawn_at`` may still be undone at ``now``:
    up to and including 30 days (to the minute) after it."""
    return now <= undo_deadline(withdrawn_at)


def withdrawal_reason_problem(text: object) -> str | None:
    """What is wrong with a reason for withdrawing, in plain words, or None. The reason
    is shown on the upload page to the LA and to administrators (another organisation)."""
    return reason_for_others_problem(text, "Say why these figures are withdrawn.",
                                     WITHDRAWAL_REASON_MAX)
