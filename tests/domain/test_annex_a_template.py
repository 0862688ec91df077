"""Issue 28: files on Ofsted's own Annex A template (Guidance tab "Update: August 2019").

Title rows above the headings, the template's dropdown values, a row per event on lists 1
and 3 to 5, one entry per child (the most recent) on lists 6 to 10, six-month windows,
and counts that cannot be read leaving their rows out of the figures that need them
rather than refusing the upload. Every figure here is worked by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.domain.annex_a import (
    LISTS_BY_KEY,
    TEMPLATE_GUIDANCE,
    heading_row,
    is_template_dropdown_value,
    names_list_columns,
)
from dashboard.domain.annex_a_checks import NOTE, WARNING, ParsedList, Sheet, check_upload
from dashboard.domain.indicators import INDICATORS
from tests.domain.test_annex_a_checks import clean_upload, minimal_row
from tests.domain.test_indicators import parsed, value_of

D = date
END = D(2026, 10, 31)

REFERRAL_HEADINGS = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age",
                     "Date of Referral", "Referral Source", "Referral NFA?",
                     "Number of Referrals in Last 12 Months", "Allocated Team",
                     "Allocated Worker"]


# --- where the headings are ---------------------------------------------------------

def test_the_headings_are_found_below_the_templates_title_row() -> None:
    rows = [["List 3: Referral"], REFERRAL_HEADINGS, ["C1", "a) Male", "a) WBRI"]]
    assert heading_row(rows, "List_3") == 1


def test_notes_and_a_date_above_the_headings_are_passed_over_on_a_sheet_named_for_no_list(
) -> None:
    rows = [["Annex A return", "", "Barnsley"], ["Data as at", "31/10/2026"],
            ["Please do not share"], REFERRAL_HEADINGS]
    assert heading_row(rows, "export") == 3


def test_a_title_naming_the_id_column_alone_is_not_taken_for_headings() -> None:
    """A row must name the list's ID column and two more of its columns."""
    referrals = LISTS_BY_KEY["referrals"]
    assert not names_list_columns(referrals, ["Child Unique ID list for referrals"])
    assert not names_list_columns(referrals, ["Child Unique ID", "Gender"])
    assert names_list_columns(referrals, ["Child Unique ID", "Gender", "Date of Referral"])


def test_no_row_like_headings_leaves_the_first_row_to_be_read_as_them() -> None:
    assert heading_row([["List 3: Referral"], ["Something else", "Entirely"]], "List 3") is None


def test_rows_skipped_above_the_headings_are_a_warning_naming_them() -> None:
    sheets = clean_upload()
    sheets[2] = Sheet(sheets[2].name, sheets[2].headings, sheets[2].rows, first_row=3,
                      skipped_rows=(1,), heading_row=2)
    result = check_upload(sheets, END)
    assert result.accepted
    [warning] = [p for p in result.problems if p.sheet == "List 3" and p.row is None
                 and "above the headings" in p.message]
    assert warning.severity == WARNING
    assert warning.message.startswith("Row 1 above the headings (on row 2) was not read")


@pytest.mark.parametrize("name", ["FAQ_and_changes", "Guidance", "Codes_used"])
def test_the_templates_own_sheets_are_passed_over_with_a_note(name: str) -> None:
    sheets = clean_upload()
    sheets.append(Sheet(name, ["Annex A guidance"], [["List 1: Contacts", "All contacts"]]))
    result = check_upload(sheets, END)
    assert result.accepted
    [note] = [p for p in result.problems if p.sheet == name]
    assert note.severity == NOTE and "template's own" in note.message


# --- the template's dropdown values ---------------------------------------------------

@pytest.mark.parametrize("text", ["a) Male", "b) Female", "a) WBRI", "q) 6: Police", "aa) Yes"])
def test_the_templates_dropdown_form_is_recognised(text: str) -> None:
    assert is_template_dropdown_value(text)


def test_dropdown_values_are_read_as_their_codes_with_one_note_per_column() -> None:
    contacts = LISTS_BY_KEY["contacts"]
    rows = [minimal_row(contacts, f"C{i}") | {"gender": gender, "ethnicity": "a) WBRI"}
            for i, gender in enumerate(["a) Male", "b) Female", "a) Male", "M"])]
    result = check_upload(clean_upload(contacts=rows), END)
    assert result.accepted
    assert not [p for p in result.problems if p.severity == WARNING and p.sheet == "List 1"
                and p.column in {"Gender", "Ethnicity"}]
    assert result.lists["contacts"].columns["gender"] == ["M", "F", "M", "M"]
    notes = {p.column: p for p in result.problems if p.severity == NOTE}
    assert set(notes) == {"Gender", "Ethnicity"}
    assert notes["Gender"].message.startswith("3 cell(s) hold the Annex A template's dropdown")
    assert "“a) Male” read as M" in notes["Gender"].message
    assert "“b) Female” read as F" in notes["Gender"].message
    assert "“a) WBRI” read as WBRI" in notes["Ethnicity"].message


def test_a_dropdown_value_in_a_column_the_figures_use_counts_as_its_code() -> None:
    leavers = LISTS_BY_KEY["care_leavers"]
    rows = [minimal_row(leavers, "C1") | {"date_of_birth": D(2006, 1, 1), "in_touch": "a) Yes",
                                          "activity": "b) P1: Part time in higher education"}]
    result = check_upload(clean_upload(care_leavers=rows), END)
    assert result.lists["care_leavers"].columns["in_touch"] == ["YES"]
    assert result.lists["care_leavers"].columns["activity"] == ["P1"]


# --- one row per event, one entry per child --------------------------------------------

def test_two_referrals_for_one_child_count_twice_in_the_referral_rate() -> None:
    referrals = parsed("referrals", child_id=["A", "A", "B"],
                       referral_date=[D(2026, 6, 1), D(2026, 9, 1), D(2026, 10, 1)],
                       referrals_last_12_months=[2, 2, 1])
    result = value_of("referrals_rate", referrals=referrals)
    # three referrals in six months, doubled to a year, per 10,000 of 10,000 children
    assert (result.numerator, result.value) == (3, pytest.approx(6.0))


def test_each_indicator_says_whether_it_counts_events_or_children() -> None:
    counts = {indicator.id: indicator.counts for indicator in INDICATORS}
    assert counts["referrals_rate"] == "per referral"
    assert counts["re_referrals"] == "per referral"
    assert counts["assessments_45_days"] == "per assessment"
    assert counts["icpc_15_days"] == "per enquiry"
    assert counts["contacts_rate"] == "per contact"
    assert counts["cp_plans_rate"] == counts["cla_rate"] == "per child"


def test_the_lists_periods_follow_the_templates_guidance() -> None:
    months = {key: annex_list.window_months for key, annex_list in LISTS_BY_KEY.items()}
    assert months["contacts"] == months["early_help"] == months["referrals"] == 6
    assert months["assessments"] == months["section_47"] == 6
    assert months["adoption"] == months["adopters"] == 12
    assert "Update: August 2019" in TEMPLATE_GUIDANCE
    per_child = {key for key, annex_list in LISTS_BY_KEY.items() if annex_list.one_row_per_child}
    assert per_child == {"children_in_need", "child_protection", "children_in_care",
                         "care_leavers", "adoption"}


# --- windows with nothing in them ----------------------------------------------------

def test_a_list_whose_rows_all_fall_outside_its_six_months_gives_no_figure_and_says_why() -> None:
    contacts = parsed("contacts", contact_date=[D(2025, 12, 1), D(2026, 1, 15)])
    result = value_of("contacts_rate", end=D(2026, 10, 31), contacts=contacts)
    assert result.value is None
    assert result.note.startswith("None of List 1's 2 dated row(s) falls in the 6 months "
                                  "before extraction (01/05/2026 to 31/10/2026)")
    assert "check the extraction date" in result.note


def test_assessments_all_outside_the_window_say_so_instead_of_no_children() -> None:
    assessments = parsed("assessments", assessment_start=[D(2025, 1, 1)],
                         assessment_authorised=[D(2025, 2, 1)])
    result = value_of("assessments_45_days", assessments=assessments)
    assert result.value is None and "None of List 4's 1 dated row(s)" in result.note


def test_a_list_that_starts_months_into_the_window_is_flagged_as_maybe_three_months() -> None:
    days = [D(2026, 8, 15)] + [D(2026, 9, 1)] * 19
    result = value_of("referrals_rate", referrals=parsed(
        "referrals", referral_date=days, referrals_last_12_months=[1] * 20))
    assert result.value == pytest.approx(40.0)  # 20 in six months, 40 a year per 10,000
    assert "earliest row" in result.note and "15/08/2026" in result.note
    assert "the 2017 framework asked for three" in result.note


def test_a_late_first_row_among_few_rows_may_be_chance_and_is_not_flagged() -> None:
    days = [D(2026, 8, 15)] + [D(2026, 9, 1)] * 18
    result = value_of("referrals_rate", referrals=parsed(
        "referrals", referral_date=days, referrals_last_12_months=[1] * 19))
    assert result.note == ""


# --- counts that cannot be read leave their rows out ----------------------------------

def _with_unreadable(parsed_list: ParsedList, key: str, rows: set[int]) -> ParsedList:
    parsed_list.unreadable[key] = rows
    return parsed_list


def test_a_referral_with_a_blank_count_is_left_out_of_re_referrals_and_counted() -> None:
    referrals = parsed("referrals", child_id=["A", "B", "C"],
                       referral_date=[D(2026, 9, 1), D(2026, 9, 2), D(2026, 9, 3)],
                       referrals_last_12_months=[2, None, 1])
    result = value_of("re_referrals", referrals=referrals)
    # B (row 3) has a blank count: left out. A's count of 2 shows an earlier referral:
    # 1 of the 2 referrals left.
    assert (result.numerator, result.denominator) == (1, 2)
    assert result.note.startswith("1 row(s) left out: their number of referrals in last 12 "
                                  "months is blank or could not be read")


def test_a_second_plan_count_that_cannot_be_read_leaves_the_plan_out() -> None:
    plans = parsed("child_protection", cp_start=[D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)],
                   cp_end=[None, None, None], previous_plans=[1, None, 0])
    result = value_of("cp_second_subsequent", child_protection=plans)
    assert (result.numerator, result.denominator) == (1, 2)
    assert "1 row(s) left out" in result.note


def test_an_unreadable_missing_count_leaves_the_child_out_but_a_blank_means_none() -> None:
    """A blank "Number of Episodes ... Missing" may be blank (none went missing); a cell
    that could not be read was warned about and is left out, not taken as none."""
    care = _with_unreadable(parsed("children_in_care", ceased_care=[None, None, None, None],
                                   missing_episodes=[2, None, None, 0]),
                            "missing_episodes", {4})
    result = value_of("cla_missing", children_in_care=care)
    # rows 2 to 5: row 4 unreadable, left out; row 3 blank counts as none. 1 of 3.
    assert (result.numerator, result.denominator) == (1, 3)
    assert "1 row(s) left out" in result.note


def test_a_team_with_a_blank_figure_is_left_out_of_the_workforce_figures_that_need_it() -> None:
    workforce = parsed("workforce", team=["A", "B"], employed_fte=[10.0, None],
                       agency_fte=[2.0, 5.0], vacancies_fte=[1.0, 1.0], leavers_fte=[1.0, 4.0],
                       children_allocated=[100, 100])
    result = value_of("workforce_turnover", workforce=workforce)
    # team B has no employed FTE: left out, so 1 leaver over 10 employed
    assert (result.numerator, result.denominator, result.value) == (1.0, 10.0, 10.0)
    assert result.note == ("1 team(s) left out: a figure this needs is blank or could not be "
                           "read (see the upload's warnings).")
