"""Checking an upload: headings, types, dates, codes, one row per child, one child per ID."""

from datetime import date, datetime

import pytest

from dashboard.domain.annex_a import (
    ANNEX_A_LISTS,
    LISTS_BY_KEY,
    YES_NO,
    list_for_headings,
    list_for_sheet_name,
    match_columns,
)
from dashboard.domain.annex_a_checks import (
    ERROR,
    WARNING,
    Sheet,
    check_upload,
    read_date,
    read_whole_number,
)

END = date(2026, 10, 31)


def minimal_row(annex_list, child: str) -> dict[str, object]:
    """Values for the required columns of one list that pass every check."""
    values: dict[str, object] = {}
    for column in annex_list.columns:
        if not column.required:
            continue
        if column.key in {"child_id", "adopter_id", "team"}:
            values[column.key] = child
        elif column.key == "date_of_birth":
            values[column.key] = date(2015, 5, 5)
        elif column.kind == "date":
            values[column.key] = None if column.may_be_blank else date(2026, 9, 1)
        elif column.kind in {"integer", "number"}:
            values[column.key] = 1
        elif column.key == "in_touch":
            values[column.key] = "YES"
        elif column.key == "accommodation_suitable":
            values[column.key] = "1"
        elif column.key == "activity":
            values[column.key] = "F1"
    return values


def sheet_for(annex_list, rows: list[dict[str, object]], name: str | None = None) -> Sheet:
    keys = [c.key for c in annex_list.columns if c.required]
    for row in rows:
        keys += [k for k in row if k not in keys]
    headings = [annex_list.column(k).heading for k in keys]
    default = f"List {annex_list.number}" if annex_list.number <= 11 else annex_list.key.title()
    return Sheet(name or default, headings,
                 [[row.get(k) for k in keys] for row in rows])


def clean_upload(child: str = "C1", **overrides: list[dict[str, object]]) -> list[Sheet]:
    sheets = []
    for annex_list in ANNEX_A_LISTS:
        rows = overrides.get(annex_list.key) or [minimal_row(annex_list, child)]
        sheets.append(sheet_for(annex_list, rows))
    return sheets


def errors(result) -> list:
    return [p for p in result.problems if p.severity == ERROR]


def test_a_clean_minimal_upload_is_accepted() -> None:
    result = check_upload(clean_upload(), END)
    assert errors(result) == []
    assert set(result.lists) == {annex_list.key for annex_list in ANNEX_A_LISTS}


@pytest.mark.parametrize(
    ("name", "number"),
    [("List 3", 3), ("list3", 3), ("L10 Adoption", 10), ("Referrals", 3),
     ("Section 47 enquiries", 5), ("CLA", 8), ("Care leavers", 9), ("Adopters", 11),
     ("Early help assessments", 2), ("Children in need", 6), ("Workforce", 12)],
)
def test_sheets_are_recognised_by_name(name: str, number: int) -> None:
    assert list_for_sheet_name(name).number == number


def test_a_sheet_with_an_unhelpful_name_is_recognised_by_its_headings() -> None:
    headings = ["CHILD UNIQUE ID", "gender", "Date of birth", "Date of referral",
                "Number of referrals in last 12 months"]
    assert list_for_headings(headings).key == "referrals"


def test_heading_variants_match_case_spacing_punctuation_and_census_wording() -> None:
    referrals = LISTS_BY_KEY["referrals"]
    found = match_columns(referrals, ["child  unique id", "DOB", "Date-of-Referral",
                                      "Number of referrals in the last 12 months"])
    assert found == {"child_id": 0, "date_of_birth": 1, "referral_date": 2,
                     "referrals_last_12_months": 3}


def test_codes_match_the_template_wording_and_the_bare_dfe_code() -> None:
    assert YES_NO.canonical("a) Yes") == YES_NO.canonical("Y") == YES_NO.canonical("yes") == "Y"
    assert LISTS_BY_KEY["children_in_care"].column("reason_ceased").code_set.canonical(
        "a) E11: Adopted - application unopposed") == "E11"
    assert YES_NO.canonical("Perhaps") is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(date(2025, 1, 31), date(2025, 1, 31)), (datetime(2025, 1, 31, 9), date(2025, 1, 31)),
     ("31/01/2025", date(2025, 1, 31)), ("1/2/2025", date(2025, 2, 1)),
     ("2025-01-31", date(2025, 1, 31)), ("31-Jan-2025", date(2025, 1, 31)),
     (45688, date(2025, 1, 31)), ("", None), (None, None)],
)
def test_dates_are_read_from_excel_cells_serials_and_uk_text(cell, expected) -> None:
    assert read_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [("31/02/2025", "not a real date"), ("2025-13-01", "not a real date"),
     ("12/31/2025", "read day first"), ("yesterday", "not a date; write dates as 31/01/2025")],
)
def test_impossible_or_non_dates_are_refused_saying_why_without_quoting_them(cell,
                                                                             reason) -> None:
    """The cell may be a date of birth: the reason says what is wrong, not what was there."""
    bad = read_date(cell)
    assert reason in bad.reason and cell not in bad.reason


def test_whole_numbers() -> None:
    assert read_whole_number("3") == 3 and read_whole_number(3.0) == 3
    assert "whole number" in read_whole_number("2.5").reason
    assert "below zero" in read_whole_number(-1).reason


def test_text_in_a_date_column_is_an_error_at_its_sheet_row_and_column() -> None:
    referrals = LISTS_BY_KEY["referrals"]
    rows = [minimal_row(referrals, "C1"), minimal_row(referrals, "C2")]
    rows[1]["referral_date"] = "soon"
    result = check_upload(clean_upload(referrals=rows), END)
    problem = errors(result)[0]
    assert (problem.sheet, problem.row, problem.column) == ("List 3", 3, "Date of referral")
    assert problem.message == "This is not a date; write dates as 31/01/2025."
    assert not result.accepted


def test_a_missing_required_column_is_an_error_naming_it() -> None:
    sheets = clean_upload()
    referrals = sheets[2]
    position = referrals.headings.index("Date of referral")
    sheets[2] = Sheet("List 3", [h for i, h in enumerate(referrals.headings) if i != position],
                      [[v for i, v in enumerate(r) if i != position] for r in referrals.rows])
    result = check_upload(sheets, END)
    assert any(p.column == "Date of referral" and "missing" in p.message for p in errors(result))


def test_a_missing_list_is_an_error_and_a_missing_optional_sheet_a_warning() -> None:
    sheets = [s for s in clean_upload() if s.name not in {"List 5", "Workforce"}]
    result = check_upload(sheets, END)
    assert any("List 5: Section 47 enquiries is missing" in p.message for p in errors(result))
    assert any(p.severity == WARNING and "Workforce" in p.message for p in result.problems)


def test_an_empty_upload_is_refused() -> None:
    result = check_upload([Sheet("Sheet1", [], [])], END)
    assert not result.accepted and "empty" in result.problems[0].message


def test_a_closure_before_its_start_is_an_error() -> None:
    plans = LISTS_BY_KEY["child_protection"]
    row = minimal_row(plans, "C1") | {"cp_start": date(2026, 9, 1), "cp_end": date(2026, 8, 1)}
    result = check_upload(clean_upload(child_protection=[row]), END)
    problem = errors(result)[0]
    assert problem.column == "Child Protection Plan End Date"
    assert problem.message == ("This date is before the child protection plan start date on "
                               "the same row; check both dates.")


def test_an_event_after_extraction_is_an_error() -> None:
    referrals = LISTS_BY_KEY["referrals"]
    late = minimal_row(referrals, "C1") | {"referral_date": date(2026, 11, 2)}
    result = check_upload(clean_upload(referrals=[late]), END)
    assert any("after the date the lists were extracted" in p.message for p in errors(result))


def test_work_with_an_unborn_child_is_allowed_with_a_warning() -> None:
    """A plan before birth, for a child due after extraction, is routine work."""
    unborn = date(2026, 12, 20)
    rows = {annex_list.key: [minimal_row(annex_list, "C1") | {"date_of_birth": unborn}]
            for annex_list in ANNEX_A_LISTS if annex_list.person_key == "child_id"}
    result = check_upload(clean_upload(**rows), END)
    assert errors(result) == []
    warnings = [p.message for p in result.problems if p.severity == WARNING]
    assert any("unborn child's expected date of birth" in m for m in warnings)
    assert any("unless the child was unborn then" in m for m in warnings)


def test_a_sheet_of_brothers_and_sisters_is_left_aside_not_refused() -> None:
    """Para 253 invites an extra sheet with list 8's children and their siblings."""
    sheets = clean_upload()
    sheets.append(Sheet("List 8 siblings", ["Child Unique ID", "Number of siblings"],
                        [["C1", 2]]))
    result = check_upload(sheets, END)
    assert result.accepted
    assert any(p.sheet == "List 8 siblings" and "253" in p.message for p in result.problems)


@pytest.mark.parametrize("key", ["contacts", "referrals", "assessments", "section_47"])
def test_lists_1_and_3_to_5_take_a_row_per_event_so_a_child_may_appear_twice(key) -> None:
    """The template's Guidance: every contact, referral, assessment and enquiry in the six
    months, "children may appear multiple times"."""
    annex_list = LISTS_BY_KEY[key]
    rows = [minimal_row(annex_list, "C1"), minimal_row(annex_list, "C9"),
            minimal_row(annex_list, "C1")]
    result = check_upload(clean_upload(**{key: rows}), END)
    assert result.accepted
    assert not any("also on row" in p.message for p in result.problems)
    assert len(result.lists[key]) == 3


def test_a_second_row_for_a_child_on_list_7_is_a_warning_and_the_most_recent_plan_is_used() -> None:
    plans = LISTS_BY_KEY["child_protection"]
    rows = [minimal_row(plans, "C1") | {"cp_start": date(2026, 6, 1), "previous_plans": 0},
            minimal_row(plans, "C9"),
            minimal_row(plans, "C1") | {"cp_start": date(2025, 1, 1),
                                        "cp_end": date(2025, 12, 1), "previous_plans": 2}]
    result = check_upload(clean_upload(child_protection=rows), END)
    assert result.accepted
    [warning] = [p for p in result.problems if "also on row" in p.message]
    assert warning.severity == WARNING and warning.row == 4
    assert "also on row 2" in warning.message
    assert ("The figures use row 2, because it has the later Child Protection Plan Start "
            "Date" in warning.message)
    assert "leave row 4 out" in warning.message and "251" in warning.message
    kept = result.lists["child_protection"]
    assert list(kept.rows) == [2, 3]
    assert kept.columns["cp_start"][0] == date(2026, 6, 1)
    assert kept.columns["previous_plans"] == [0, 1]


def test_on_list_8_the_later_row_wins_when_no_date_tells() -> None:
    care = LISTS_BY_KEY["children_in_care"]
    rows = [minimal_row(care, "C1") | {"placements_last_12_months": 1},
            minimal_row(care, "C1") | {"placements_last_12_months": 4}]
    result = check_upload(clean_upload(children_in_care=rows), END)
    assert result.accepted
    [warning] = [p for p in result.problems if "also on row" in p.message]
    assert "The figures use row 3, because it is the later row" in warning.message
    assert result.lists["children_in_care"].columns["placements_last_12_months"] == [4]


def test_list_1_may_have_a_child_more_than_once() -> None:
    contacts = LISTS_BY_KEY["contacts"]
    rows = [minimal_row(contacts, "C1"), minimal_row(contacts, "C1")]
    assert check_upload(clean_upload(contacts=rows), END).accepted


def test_one_id_with_two_dates_of_birth_across_lists_is_a_warning_naming_the_rows() -> None:
    """Issue 18: real files disagree; no figure is wrong for it (para 250), so a warning."""
    care = LISTS_BY_KEY["children_in_care"]
    row = minimal_row(care, "C1") | {"date_of_birth": date(2016, 6, 6)}
    result = check_upload(clean_upload(children_in_care=[row]), END)
    assert result.accepted
    problem = next(p for p in result.warnings if "250" in p.message)
    assert (problem.sheet, problem.row, problem.column) == ("List 8", 2, "Date of Birth")
    assert ("The child on row 2 is also on sheet “List 1”, row 2, with a different date of "
            "birth") in problem.message
    assert "06/06/2016" not in problem.message and "05/05/2015" not in problem.message


def test_two_dates_of_birth_for_one_id_in_the_same_list_name_the_other_row() -> None:
    contacts = LISTS_BY_KEY["contacts"]
    rows = [minimal_row(contacts, "C1"), minimal_row(contacts, "C9"),
            minimal_row(contacts, "C1") | {"date_of_birth": date(2016, 6, 6)}]
    result = check_upload(clean_upload(contacts=rows), END)
    problem = next(p for p in result.warnings if "250" in p.message)
    assert (problem.sheet, problem.row) == ("List 1", 4)
    assert "The child on row 4 is also on row 2 with a different date of birth" in (
        problem.message)


def test_a_blank_id_or_date_of_birth_is_no_second_date_of_birth() -> None:
    contacts, care = LISTS_BY_KEY["contacts"], LISTS_BY_KEY["children_in_care"]
    rows = [minimal_row(contacts, "C1"), minimal_row(contacts, "C1") | {"date_of_birth": None},
            minimal_row(contacts, "") | {"date_of_birth": date(2016, 6, 6)},
            minimal_row(contacts, "") | {"date_of_birth": date(2017, 7, 7)}]
    in_care = [minimal_row(care, "C1"), minimal_row(care, "") | {"date_of_birth": None}]
    result = check_upload(clean_upload(contacts=rows, children_in_care=in_care), END)
    assert not any("250" in p.message for p in result.warnings)


def test_unknown_codes_are_warnings_even_where_counted() -> None:
    """Issue 18 (para 248: an LA may use its own codes): a warning, never an error."""
    leavers = LISTS_BY_KEY["care_leavers"]
    row = minimal_row(leavers, "C1") | {"in_touch": "Maybe", "accommodation": "Castle"}
    result = check_upload(clean_upload(care_leavers=[row]), END)
    by_column = {p.column: p.severity for p in result.problems if p.sheet == "List 9"}
    assert by_column["LA in Touch"] == WARNING
    assert by_column["Type of Accommodation"] == WARNING
    assert result.accepted


def test_a_blank_event_date_that_must_be_filled_is_an_error() -> None:
    referrals = LISTS_BY_KEY["referrals"]
    row = minimal_row(referrals, "C1") | {"referral_date": None}
    result = check_upload(clean_upload(referrals=[row]), END)
    assert errors(result)[0].message == "This cell is empty; it must be filled in."


def test_a_blank_or_unreadable_count_is_a_warning_and_its_row_is_left_out_of_the_figures() -> None:
    """Issue 28: a blank "Number of Referrals in Last 12 Months" refused the whole upload."""
    referrals = LISTS_BY_KEY["referrals"]
    rows = [minimal_row(referrals, "C1") | {"referrals_last_12_months": None},
            minimal_row(referrals, "C2") | {"referrals_last_12_months": "two"},
            minimal_row(referrals, "C3")]
    result = check_upload(clean_upload(referrals=rows), END)
    assert result.accepted
    blank, unreadable = [p for p in result.problems if p.sheet == "List 3"
                         and p.column == "Number of Referrals in Last 12 Months"]
    assert (blank.severity, blank.row) == (WARNING, 2)
    assert blank.message.startswith("This cell is empty")
    assert "left out of the figures that need this column" in blank.message
    assert (unreadable.severity, unreadable.row) == (WARNING, 3)
    assert "not a whole number" in unreadable.message
    assert result.lists["referrals"].unusable_rows("referrals_last_12_months") == {2, 3}


def test_a_date_of_birth_that_is_not_a_date_is_a_warning_and_an_event_date_an_error() -> None:
    contacts = LISTS_BY_KEY["contacts"]
    rows = [minimal_row(contacts, "C1") | {"date_of_birth": "soon"},
            minimal_row(contacts, "C2") | {"contact_date": "soon"}]
    result = check_upload(clean_upload(contacts=rows), END)
    birth = [p for p in result.problems if p.column == "Date of Birth"]
    assert [(p.severity, p.row) for p in birth] == [(WARNING, 2)]
    assert "age column" in birth[0].message
    assert [(p.severity, p.row) for p in errors(result)] == [(ERROR, 3)]


def test_two_sheets_for_one_list_are_refused() -> None:
    sheets = clean_upload()
    sheets.append(Sheet("Referrals", sheets[2].headings, sheets[2].rows))
    result = check_upload(sheets, END)
    assert any("both look like List 3" in p.message for p in errors(result))


def test_thousands_of_problems_are_counted_but_only_the_first_ones_listed() -> None:
    contacts = LISTS_BY_KEY["contacts"]
    rows = [minimal_row(contacts, f"C{i}") | {"contact_date": "x"} for i in range(3000)]
    result = check_upload(clean_upload(contacts=rows), END)
    assert result.error_count >= 3000
    assert len(result.errors) == 2000 and result.problems_not_listed >= 1000
