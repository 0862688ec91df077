"""The meeting record's rules (ILACS framework para 48: what the letter sets out; para
105: why a focused-visit topic is in scope), and "today" near midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from dashboard.domain.meeting_record import (
    EARLIEST_MEETING,
    MAX_STEPS,
    held_on_problems,
    is_unused_step,
    recorded_attendees,
    scope_problems,
    step_count_problems,
    step_due_problems,
    step_text_problems,
)

TODAY = date(2026, 7, 2)


def english_date(moment: datetime) -> date:
    return moment.astimezone(ZoneInfo("Europe/London")).date()


def test_a_meeting_held_today_or_before_is_accepted() -> None:
    assert held_on_problems(TODAY, TODAY) == []
    assert held_on_problems(EARLIEST_MEETING, TODAY) == []


def test_a_meeting_in_the_future_or_before_the_framework_is_refused() -> None:
    assert "cannot be in the future" in held_on_problems(date(2026, 7, 3), TODAY)[0]
    assert "January 2018; check the year" in held_on_problems(date(2017, 12, 31), TODAY)[0]


def test_a_meeting_held_just_after_midnight_in_summer_is_not_in_the_future() -> None:
    """At 23:30 UTC on 1 July it is 00:30 on 2 July in England (BST): a meeting held
    on 2 July may be recorded, since "today" is the English date."""
    late = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    assert held_on_problems(date(2026, 7, 2), english_date(late)) == []
    assert held_on_problems(date(2026, 7, 2), late.date()) != []  # the UTC date would refuse


def test_a_meeting_held_late_in_winter_is_still_today() -> None:
    late = datetime(2026, 1, 15, 23, 30, tzinfo=UTC)  # GMT: England and UTC agree
    assert english_date(late) == date(2026, 1, 15)
    assert held_on_problems(date(2026, 1, 16), english_date(late)) != []


def test_who_attended_names_at_least_one_person_a_line() -> None:
    found, errors = recorded_attendees("Ann Smith, DCS\n\nBob Jones", "la", "Attendees (LA)")
    assert [(a.name, a.role) for a in found] == [("Ann Smith", "DCS"), ("Bob Jones", "")]
    assert errors == []
    found, errors = recorded_attendees("", "ofsted", "Attendees (Ofsted)")
    assert found == [] and errors == ["Attendees (Ofsted): name at least one person. The "
                                      "letter says who attended (paragraph 48)."]
    _found, errors = recorded_attendees(", DCS", "la", "Attendees (LA)")
    assert errors == ["Attendees (LA): Line 1 has no name before the comma."]


def test_a_topic_in_scope_says_why_para_105() -> None:
    assert scope_problems([], None) == []
    assert scope_problems(["care_leavers"], "improvement") == []
    for missing in (None, ""):
        assert scope_problems(["care_leavers"], missing) == [
            "Possible scope: choose the reason for the topic (paragraph 105)."]


def test_next_steps_say_what_who_and_when() -> None:
    assert step_count_problems(MAX_STEPS) == []
    assert step_count_problems(MAX_STEPS + 1) == [f"Record at most {MAX_STEPS} next steps."]
    assert is_unused_step("", "", False)
    assert not is_unused_step("", "", True) and not is_unused_step("Visit", "", False)
    assert step_text_problems(2, "", "") == ["Next step 2: say what will be done.",
                                             "Next step 2: name the owner."]
    assert step_text_problems(2, "Audit", "DCS") == []
    assert step_due_problems(3, False, None, TODAY) == ["Next step 3: give the date it is due."]
    assert step_due_problems(3, True, None, TODAY) == []  # not a date: said already
    assert step_due_problems(3, True, date(2031, 12, 31), TODAY) == []
    assert step_due_problems(3, True, date(2032, 1, 1), TODAY) == ["Next step 3: due: check "
                                                                    "the year."]
    assert step_due_problems(3, True, date(2017, 12, 31), TODAY) != []


def test_a_step_due_five_years_on_counts_from_the_english_year() -> None:
    """At 23:30 UTC on 31 December it is still 31 December in England (GMT): a step due in
    2032 is more than five years on."""
    eve = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert step_due_problems(1, True, date(2032, 6, 1), english_date(eve)) != []
