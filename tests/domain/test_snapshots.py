"""The rules for withdrawing an upload: the reason the LA gives, and the 30 days to undo."""

from datetime import UTC, datetime, timedelta

import pytest

from dashboard.domain.reasons import clean_reason
from dashboard.domain.snapshots import (
    WITHDRAWAL_REASON_MAX,
    may_undo_withdrawal,
    undo_deadline,
    withdrawal_reason_problem,
)

WITHDRAWN = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def test_a_withdrawal_can_be_undone_for_thirty_days_and_not_after() -> None:
    assert undo_deadline(WITHDRAWN) == datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
    assert may_undo_withdrawal(WITHDRAWN, WITHDRAWN + timedelta(days=29, hours=23))
    assert may_undo_withdrawal(WITHDRAWN, WITHDRAWN + timedelta(days=30))
    assert not may_undo_withdrawal(WITHDRAWN, WITHDRAWN + timedelta(days=30, minutes=1))


def test_a_time_stored_without_its_zone_is_read_as_utc() -> None:
    naive = WITHDRAWN.replace(tzinfo=None)
    assert undo_deadline(naive) == undo_deadline(WITHDRAWN)


@pytest.mark.parametrize("reason", ["", "   ", "\n\t", "\u200b\u200b"])
def test_a_reason_is_required(reason: str) -> None:
    assert withdrawal_reason_problem(reason) == "Say why these figures are withdrawn."


def test_a_reason_is_limited_in_length_and_says_how_long_it_is() -> None:
    assert withdrawal_reason_problem("x" * WITHDRAWAL_REASON_MAX) is None
    assert withdrawal_reason_problem("x" * 2_000) == (
        "Keep the reason to 500 characters or fewer (it has 2,000).")


def test_a_reason_is_kept_as_one_line_of_plain_text() -> None:
    assert clean_reason("  Test upload\r\nfrom the\ttraining\x00 site\u202e  ") == (
        "Test upload from the training site")
    # markup is not interpreted: it stays as the words typed (the page escapes them)
    assert clean_reason("<script>alert(1)</script>") == "<script>alert(1)</script>"
    assert withdrawal_reason_problem("<script>alert(1)</script>") is None


@pytest.mark.parametrize(("reason", "kind"), [
    ("Wrong file: it had child ID 48213377 in list 3", "a case or child ID"),
    ("The boy called Jayden was counted twice", "a name"),
    ("DOB 03/04/2012 was wrong for one child", "a date of birth"),
])
def test_a_reason_that_may_identify_a_child_is_refused_without_repeating_it(
        reason: str, kind: str) -> None:
    problem = withdrawal_reason_problem(reason)
    assert problem is not None and f"({kind})" in problem
    assert not any(word in problem for word in ("48213377", "Jayden", "03/04/2012"))


def test_ordinary_reasons_pass() -> None:
    for reason in ("Test upload made while training new staff.",
                   "Wrong extraction date: these lists cover September, not October.",
                   "Child in need list was from last year's extract."):
        assert withdrawal_reason_problem(reason) is None
