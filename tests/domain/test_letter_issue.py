"""The issuing rules (ILACS framework paras 47 and 48) and the meeting warnings, worked
by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dashboard.domain.letter_issue import (
    RecordedItem,
    issue_refusals,
    item_note_problems,
    past_date_warning,
    unrecorded_meeting_warning,
)

NOON = datetime(2027, 3, 1, 12, tzinfo=UTC)
BEFORE = datetime(2027, 2, 1, 9, tzinfo=UTC)
AFTER = datetime(2027, 3, 2, 9, tzinfo=UTC)
NOTED = RecordedItem(1, "The content of the self-evaluation", "Leaders described audits.")
SKIPPED = RecordedItem(2, "The impact of the self-evaluation", "", not_discussed=True)
EMPTY = RecordedItem(3, "Actions taken", "  ")


def test_agreed_by_both_with_every_item_noted_or_not_discussed_may_issue() -> None:
    assert issue_refusals(BEFORE, BEFORE, [NOTED, SKIPPED], NOON) == []


def test_para_47_both_sides_must_have_agreed_before_issuing() -> None:
    [only_la] = issue_refusals(None, BEFORE, [NOTED], NOON)
    assert only_la.startswith("The agenda was not agreed for Ofsted (ILACS framework para 47")
    [neither] = issue_refusals(None, None, [NOTED], NOON)
    assert neither.startswith("The agenda was not agreed for Ofsted or the local authority")
    # an agreement stamped after the moment of issuing is not "before issuing"
    [late] = issue_refusals(BEFORE, AFTER, [NOTED], NOON)
    assert "not agreed for the local authority" in late


def test_para_48_an_item_with_no_note_and_not_marked_is_named() -> None:
    [refusal] = issue_refusals(BEFORE, BEFORE, [NOTED, EMPTY, SKIPPED], NOON)
    assert refusal == ("The record has no note on agenda item(s) 3. Actions taken, and they "
                       "are not marked “Not discussed” (ILACS framework para 48: the letter "
                       "summarises each item).")


def test_both_refusals_together_agenda_first() -> None:
    refusals = issue_refusals(None, None, [EMPTY], NOON)
    assert len(refusals) == 2
    assert "para 47" in refusals[0] and "para 48" in refusals[1]


def test_a_record_item_needs_a_note_or_not_discussed_but_not_both() -> None:
    assert item_note_problems(NOTED) == []
    assert item_note_problems(SKIPPED) == []
    assert item_note_problems(EMPTY) == [
        "Note on item 3 (Actions taken): write what was discussed, or tick “Not discussed”."]
    both = RecordedItem(4, "Context", "The budget.", not_discussed=True)
    assert item_note_problems(both) == [
        "Note on item 4 (Context): it is marked “Not discussed” and has a note. Clear the "
        "note or the box."]


def test_a_past_date_is_warned_today_and_later_are_not() -> None:
    today = date(2027, 3, 1)
    assert past_date_warning(date(2027, 2, 28), today) == (
        "The meeting's date, 28/02/2027, is in the past. If it was held, record it; if "
        "not, check the date.")
    assert past_date_warning(today, today) is None
    assert past_date_warning(date(2027, 3, 2), today) is None


def test_another_unrecorded_meeting_within_six_months_either_side_is_warned() -> None:
    day = date(2027, 3, 31)
    # six months before 31 March is 30 September (clipped); after, 30 September too
    assert unrecorded_meeting_warning(day, [date(2026, 9, 30)]) is not None
    assert unrecorded_meeting_warning(day, [date(2026, 9, 29)]) is None
    assert unrecorded_meeting_warning(day, [date(2027, 9, 30)]) is not None
    assert unrecorded_meeting_warning(day, [date(2027, 10, 1)]) is None
    assert unrecorded_meeting_warning(day, []) is None
    assert unrecorded_meeting_warning(day, [date(2027, 6, 1), date(2027, 1, 5)]) == (
        "This local authority has another meeting with no record within six months of "
        "this one (05/01/2027, 01/06/2027). Record it, or check this is not the same "
        "meeting.")
