"""The meeting record's rules (ILACS framework para 48: what the letter sets out; para 46:
who must attend; para 105: why a focused-visit topic is in scope), and "today" near
midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from dashboard.domain.engagement_letter import Attendee
from dashboard.domain.meeting_record import (
    EARLIEST_MEETING,
    MAX_STEPS,
    attendance_problems,
    attendee_problems,
    held_on_problems,
    is_unused_attendee,
    is_unused_step,
    parts_of_side,
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


def test_each_side_chooses_parts_from_its_own_list() -> None:
    assert list(parts_of_side("la").values()) == [
        "DCS", "Deputy named by the DCS", "Other LA attendee"]
    assert list(parts_of_side("ofsted").values()) == [
        "Senior HMI", "HMI", "Regional director", "Other Ofsted attendee"]


def test_each_person_has_a_name_and_a_part_of_their_side() -> None:
    label = "Attendees (Local authority)"
    assert attendee_problems(label, 1, "Ann Smith", "la", "dcs") == []
    assert attendee_problems(label, 2, "", "la", "la_other") == [
        "Attendees (Local authority), person 2: give their name."]
    assert attendee_problems(label, 3, "Bob Jones", "la", None) == [
        "Attendees (Local authority), person 3 (Bob Jones): choose their part at the meeting."]
    # an Ofsted part is not an LA attendee's
    assert attendee_problems(label, 1, "Bob Jones", "la", "hmi") == [
        "Attendees (Local authority), person 1 (Bob Jones): choose their part at the meeting."]
    assert is_unused_attendee("", "", None) and is_unused_attendee("", "", "")
    assert not is_unused_attendee("", "Head of service", None)


ANN_DCS = Attendee("Ann Smith", "Director of Children's Services", "la", "dcs")
BOB_AD = Attendee("Bob Jones", "Assistant director", "la", "la_other")
PAT_DEPUTY = Attendee("Pat Kaur", "Assistant director", "la", "dcs_deputy")
SAM_SHMI = Attendee("Sam Senior", "Senior HMI", "ofsted", "senior_hmi")
HAL_HMI = Attendee("Hal Inspector", "HMI", "ofsted", "hmi")
RIA_RD = Attendee("Ria Director", "Regional director", "ofsted", "regional_director")
OLI_OTHER = Attendee("Oli Analyst", "Data analyst", "ofsted", "ofsted_other")
OLD_DCS = Attendee("Jo Bloggs", "DCS", "la")  # named before parts were recorded


def test_para_46_the_dcs_or_a_deputy_and_a_senior_hmi_hmi_or_rd_attend() -> None:
    for ofsted in (SAM_SHMI, HAL_HMI, RIA_RD):
        for la in (ANN_DCS, PAT_DEPUTY):
            assert attendance_problems([ofsted, la, BOB_AD]) == []


def test_para_46_says_what_is_missing() -> None:
    la_missing = ("Attendees (Local authority): the DCS or a deputy named by the DCS must "
                  "attend (paragraph 46). No one is marked as “DCS” or “Deputy named by "
                  "the DCS”.")
    ofsted_missing = ("Attendees (Ofsted): a senior HMI, an HMI or the regional director "
                      "must attend (paragraph 46). No one is marked as “Senior HMI”, “HMI” "
                      "or “Regional director”.")
    assert attendance_problems([SAM_SHMI, BOB_AD]) == [la_missing]
    assert attendance_problems([OLI_OTHER, ANN_DCS]) == [ofsted_missing]
    assert attendance_problems([OLI_OTHER, BOB_AD, OLD_DCS]) == [ofsted_missing, la_missing]
    # a part given for the wrong side counts for neither
    assert attendance_problems([Attendee("X", "", "la", "senior_hmi"), ANN_DCS]) == [
        "Attendees (Ofsted): name at least one person. The letter says who attended "
        "(paragraph 48)."]


def test_para_48_each_side_names_someone() -> None:
    assert attendance_problems([]) == [
        "Attendees (Ofsted): name at least one person. The letter says who attended "
        "(paragraph 48).",
        "Attendees (Local authority): name at least one person. The letter says who "
        "attended (paragraph 48)."]


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
