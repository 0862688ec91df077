"""The synthetic Annex A generator (dashboard.demo.annex_a): clean workbooks pass every
check, deliberate problems are found exactly where they were put, and the children
hang together across the lists, as Ofsted's Annex A template asks (its Guidance tab,
"Update: August 2019"): a row per contact, referral, assessment and section 47 enquiry
over six months, one row per child on lists 6 to 10.

Kept out of tests/domain because importing ``dashboard.demo`` loads the demo accounts
module, which uses the database layer.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import defaultdict
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from dashboard.demo.annex_a import (
    ROWS_PER_10K,
    SHEET_NAMES,
    SIZES,
    STYLES,
    column_style,
    generate,
    generate_sheets,
    main,
    render_code,
    write_csvs,
    write_workbook,
)
from dashboard.domain.annex_a import ANNEX_A_LISTS, list_for_sheet_name
from dashboard.domain.annex_a_checks import (
    DROPDOWN_VALUES,
    ERROR,
    NOTE,
    WARNING,
    Sheet,
    check_upload,
)
from dashboard.domain.dates import add_months
from dashboard.domain.indicators import IndicatorInputs, compute_indicators

PERIOD_END = date(2026, 10, 31)


@pytest.fixture(scope="module")
def small() -> list[Sheet]:
    return generate_sheets("small", PERIOD_END, seed=1)


@pytest.fixture(scope="module")
def medium() -> list[Sheet]:
    return generate_sheets("medium", PERIOD_END, seed=1)


def only_dropdown_notes(result) -> bool:
    """The generator writes some columns in the template's lettered dropdown form
    ("a) Male"), which the checks read with a note per column; it causes no other note."""
    return bool(result.notes) and {p.kind for p in result.notes} == {DROPDOWN_VALUES}


def test_small_workbook_passes_every_check_without_a_warning(small: list[Sheet]) -> None:
    result = check_upload(small, PERIOD_END)
    assert (result.error_count, result.warning_count) == (0, 0), result.problems[:5]
    assert only_dropdown_notes(result), result.notes[:5]
    assert set(result.lists) == {annex_list.key for annex_list in ANNEX_A_LISTS}


def test_medium_workbook_passes_every_check_without_a_warning(medium: list[Sheet]) -> None:
    result = check_upload(medium, PERIOD_END)
    assert (result.error_count, result.warning_count) == (0, 0), result.problems[:5]
    assert only_dropdown_notes(result), result.notes[:5]


def test_sheets_follow_the_list_definitions(small: list[Sheet]) -> None:
    assert [sheet.name for sheet in small] == [*(f"List {n}" for n in range(1, 12)), "Workforce"]
    for sheet, annex_list in zip(small, ANNEX_A_LISTS, strict=True):
        assert sheet.headings == [column.heading for column in annex_list.columns]
        assert sheet.first_row == 2 and sheet.rows
        assert all(len(row) == len(sheet.headings) for row in sheet.rows)


def test_list_sizes_are_in_proportion(small: list[Sheet], medium: list[Sheet]) -> None:
    """About 3,070 rows per 10,000 children at volume 1.0, most of them contacts."""
    for sheets, low, high in ((small, 2_700, 3_400), (medium, 27_000, 33_000)):
        rows = {sheet.name: len(sheet.rows) for sheet in sheets}
        assert low <= sum(rows.values()) <= high
        annex = [rows[f"List {n}"] for n in range(1, 12)]
        assert max(annex) == rows["List 1"] and min(annex) == rows["List 11"]
    # lists 1 to 5 over six months, at the rates ROWS_PER_10K gives (medium: 9.7 units);
    # list 3's size follows from the others' (a referral before most assessments)
    rows = {sheet.name: len(sheet.rows) for sheet in medium}
    for name, key in (("List 1", "contacts"), ("List 3", "referrals"),
                      ("List 4", "assessments"), ("List 5", "section_47")):
        rate = ROWS_PER_10K[key]
        low = 0.97 if key == "referrals" else 1.0
        assert low * rate <= rows[name] / 9.7 <= 1.03 * rate, (name, rows[name])


def test_the_large_size_stays_about_200_000_rows() -> None:
    """The benchmarks' large workbook keeps its load as the lists moved to six months."""
    sheets = generate_sheets("large", PERIOD_END, seed=1)
    assert 190_000 <= sum(len(sheet.rows) for sheet in sheets) <= 210_000


def test_cells_hold_python_values(small: list[Sheet]) -> None:
    for sheet, annex_list in zip(small, ANNEX_A_LISTS, strict=True):
        for position, column in enumerate(annex_list.columns):
            kinds = {type(row[position]) for row in sheet.rows} - {type(None)}
            expected = {"date": {date}, "integer": {int}, "number": {float},
                        "text": {str}, "code": {str}}[column.kind]
            assert kinds <= expected, (sheet.name, column.heading, kinds)


def test_same_seed_gives_the_same_workbook_and_another_seed_does_not(
        small: list[Sheet]) -> None:
    again = generate_sheets("small", PERIOD_END, seed=1)
    assert [sheet.rows for sheet in again] == [sheet.rows for sheet in small]
    other = generate_sheets("small", PERIOD_END, seed=2)
    assert [sheet.rows for sheet in other] != [sheet.rows for sheet in small]


@pytest.mark.parametrize("annex_list", ANNEX_A_LISTS, ids=lambda annex_list: annex_list.key)
def test_every_code_in_every_style_reads_back_as_itself(annex_list) -> None:
    for column in annex_list.columns:
        if column.code_set is None:
            continue
        assert column_style(annex_list.key, column.key) in STYLES
        for style in STYLES:
            for code in column.code_set.codes:
                written = render_code(column.code_set, code, style)
                assert column.code_set.canonical(written) == code, (column.key, written)


def test_files_mix_lettered_and_bare_codes(small: list[Sheet]) -> None:
    referrals = small[2]
    nfa = {row[referrals.headings.index("Referral NFA?")] for row in referrals.rows}
    assert nfa == {"a) Yes", "b) No"}
    needs = small[5]
    assert "N1" in {row[needs.headings.index("Primary Need Code")] for row in needs.rows}


def test_a_child_is_the_same_child_on_every_list(medium: list[Sheet]) -> None:
    """One ID, one birth date, gender and ethnicity (para 250); one row per child in
    lists 6 to 10 (template Guidance; para 251), a row per event on lists 1 to 5."""
    seen = defaultdict(set)
    lists = {}
    for sheet in medium:
        annex_list = list_for_sheet_name(sheet.name)
        assert annex_list is not None
        if annex_list.person_key != "child_id":
            continue
        at = {column.key: sheet.headings.index(column.heading) for column in annex_list.columns}
        gender = annex_list.column("gender").code_set
        ethnicity = annex_list.column("ethnicity").code_set
        ids = [row[at["child_id"]] for row in sheet.rows]
        if annex_list.one_row_per_child:
            assert len(ids) == len(set(ids)), sheet.name
        lists[annex_list.key] = set(ids)
        for row in sheet.rows:
            seen[row[at["child_id"]]].add((row[at["date_of_birth"]],
                                           gender.canonical(row[at["gender"]]),
                                           ethnicity.canonical(row[at["ethnicity"]])))
    assert all(len(facts) == 1 for facts in seen.values())
    # Children move through the system: every child on a plan is a child in need, and a
    # child referred was the subject of a contact (unless it fell just before list 1's
    # six months).
    assert lists["child_protection"] <= lists["children_in_need"]
    assert len(lists["referrals"] - lists["contacts"]) < 0.02 * len(lists["referrals"])
    assert len(lists["children_in_care"] & lists["children_in_need"]) > 0.8 * len(
        lists["children_in_care"])


def columns(sheets: list[Sheet], number: int) -> tuple[Sheet, dict[str, int]]:
    sheet = sheets[number - 1]
    annex_list = ANNEX_A_LISTS[number - 1]
    return sheet, {column.key: sheet.headings.index(column.heading)
                   for column in annex_list.columns}


def by_child(sheet: Sheet, at: dict[str, int], date_key: str) -> dict[str, list[list]]:
    rows: dict[str, list[list]] = defaultdict(list)
    for row in sheet.rows:
        rows[row[at["child_id"]]].append(row)
    for child_rows in rows.values():
        child_rows.sort(key=lambda row: row[at[date_key]])
    return rows


def test_some_children_are_referred_more_than_once_and_the_counts_agree(
        medium: list[Sheet]) -> None:
    """A row per referral over six months: about one child in fourteen referred twice
    or more, each referral its own row, two weeks apart or more. "Number of Referrals in
    Last 12 Months" is the same on each of a child's rows and at least their number (the
    rest were in the six months before, off the list), and each later row's date of
    previous referral is the row before's, as ``re_referrals`` reads them."""
    sheet, at = columns(medium, 3)
    window_start = add_months(PERIOD_END, -6)
    a_year_before = add_months(PERIOD_END, -12)
    assert all(window_start < row[at["referral_date"]] <= PERIOD_END for row in sheet.rows)
    children = by_child(sheet, at, "referral_date")
    twice = [rows for rows in children.values() if len(rows) > 1]
    assert 0.05 <= len(twice) / len(children) <= 0.12
    assert any(len(rows) > 2 for rows in twice)
    for rows in children.values():
        counts = {row[at["referrals_last_12_months"]] for row in rows}
        assert len(counts) == 1 and counts.pop() >= len(rows)
        for before, after in itertools.pairwise(rows):
            assert (after[at["referral_date"]] - before[at["referral_date"]]).days >= 14
            assert after[at["previous_referral"]] == before[at["referral_date"]]
        first = rows[0]
        previous = first[at["previous_referral"]]
        if first[at["referrals_last_12_months"]] > len(rows):
            # an earlier referral off the list: after the date 12 months before
            # extraction, before list 3's six months
            assert previous is not None and a_year_before < previous <= window_start
        elif previous is not None:
            assert previous <= a_year_before
    nfa = sum(row[at["referral_nfa"]] == "a) Yes" for row in sheet.rows) / len(sheet.rows)
    assert 0.05 <= nfa <= 0.12  # about one referral in twelve


def test_a_child_may_be_assessed_or_enquired_about_twice_in_six_months(
        medium: list[Sheet]) -> None:
    """Lists 4 and 5 hold a row per assessment and per enquiry: a child re-referred may
    have had an earlier assessment (that found no need) and even an earlier enquiry. The
    counts of enquiries and conferences in the last 12 months agree across a child's
    rows."""
    window_start = add_months(PERIOD_END, -6)
    assessments, at = columns(medium, 4)
    assert all(window_start < row[at["assessment_start"]] <= PERIOD_END
               for row in assessments.rows)
    twice = [rows for rows in by_child(assessments, at, "assessment_start").values()
             if len(rows) > 1]
    assert len(twice) > 10
    for earlier, *_ in twice:
        assert earlier[at["needs_support"]] == "b) No"
    enquiries, at = columns(medium, 5)
    children = by_child(enquiries, at, "s47_start")
    assert any(len(rows) > 1 for rows in children.values())
    for rows in children.values():
        counts = {(row[at["s47_last_12_months"]], row[at["icpcs_last_12_months"]])
                  for row in rows}
        assert len(counts) == 1
        enquired, conferences = counts.pop()
        assert enquired >= len(rows)
        assert conferences >= sum(row[at["icpc_date"]] is not None for row in rows)


def test_lists_6_and_7_include_what_ended_in_the_six_months(medium: list[Sheet]) -> None:
    """Episodes and plans that ended in the six months before extraction are listed
    (template Guidance), not only those of the last three months, one row per child."""
    window_start = add_months(PERIOD_END, -6)
    three_months = add_months(PERIOD_END, -3)
    for number, end_key in ((6, "cin_closure"), (7, "cp_end")):
        sheet, at = columns(medium, number)
        ended = [row[at[end_key]] for row in sheet.rows if row[at[end_key]] is not None]
        assert all(window_start < day <= PERIOD_END for day in ended), number
        older = sum(day <= three_months for day in ended)
        assert 0.3 * len(ended) <= older <= 0.7 * len(ended), number


def test_ages_fit_each_list(small: list[Sheet]) -> None:
    for sheet in small[:10]:
        position = sheet.headings.index("Age of Child (Years)")
        ages = [row[position] for row in sheet.rows if row[position] is not None]
        low, high = (17, 25) if sheet.name == "List 9" else (0, 18)
        assert low <= min(ages) and max(ages) <= high, sheet.name


def test_medium_indicators_look_like_a_real_authority(medium: list[Sheet]) -> None:
    result = check_upload(medium, PERIOD_END)
    values = compute_indicators(IndicatorInputs(result.lists, PERIOD_END,
                                                SIZES["medium"].child_population))
    expected = {
        "referrals_rate": (400, 700), "re_referrals": (15, 30), "assessments_45_days": (75, 90),
        "icpc_15_days": (65, 90), "cp_plans_rate": (30, 55), "cp_second_subsequent": (15, 30),
        "cp_two_years": (0.5, 6), "cla_rate": (55, 90), "cla_three_placements": (6, 15),
        "cla_long_term_stability": (60, 80), "cla_visits_6_weeks": (84, 96),
        "cla_missing": (6, 15), "care_leavers_in_touch": (84, 96),
        "care_leavers_suitable_accommodation": (80, 94), "care_leavers_eet": (45, 65),
        "adoption_entry_to_placement": (380, 620), "workforce_turnover": (10, 22),
        "workforce_agency": (9, 22), "workforce_vacancy": (11, 24),
        "workforce_caseload": (14, 20),
    }
    for key, (low, high) in expected.items():
        assert values[key].value is not None and low <= values[key].value <= high, (
            key, values[key])


@pytest.mark.parametrize("seed", [1, 7])
def test_deliberate_problems_are_found_exactly_where_they_were_put(seed: int) -> None:
    generated = generate("small", PERIOD_END, seed=seed, problems=True)
    result = check_upload(generated.sheets, PERIOD_END)
    # Notes touch no figure: the generator's lettered values are read with one per
    # column. Every other problem is one that was put there.
    assert only_dropdown_notes(result), result.notes[:5]
    found = {(p.severity, p.sheet, p.row, p.column) for p in result.problems
             if p.severity != NOTE}
    put = {(p.severity, p.sheet, p.row, p.column) for p in generated.injected}
    assert found == put
    # issue 18: the second date of birth is a warning, the local code one per column;
    # the template: a blank count and a second row for a child on list 8 are warnings
    assert (result.error_count, result.warning_count) == (3, 4)
    assert {p.sheet for p in generated.injected if p.severity == ERROR} == {
        "List 4", "List 7", "List 8"}
    assert [p.sheet for p in generated.injected if p.severity == WARNING] == [
        "List 1", "List 3", "List 7", "List 8"]
    twice = next(p for p in generated.injected if p.what == "a second row for one child")
    message = next(p.message for p in result.warnings
                   if (p.sheet, p.row) == (twice.sheet, twice.row))
    first = message.split("also on row ")[1].split(" ")[0]
    assert int(first) < twice.row
    assert f"The figures use row {first}" in message  # the current period of care
    assert f"leave row {twice.row} out" in message


def test_deliberate_problems_change_nothing_else(small: list[Sheet]) -> None:
    generated = generate("small", PERIOD_END, seed=1, problems=True)
    inserted = next(p.row for p in generated.injected if p.what == "a second row for one child")
    for clean, changed in zip(small, generated.sheets, strict=True):
        rows = changed.rows
        if clean.name == "List 8":
            assert len(rows) == len(clean.rows) + 1
            rows = rows[: inserted - 2] + rows[inserted - 1:]
        differing = sum(a != b for a, b in zip(clean.rows, rows, strict=True))
        assert differing == {"List 1": 1, "List 3": 1, "List 4": 1, "List 7": 2,
                             "List 8": 1}.get(clean.name, 0), clean.name


def test_csv_files_read_back_clean(small: list[Sheet], tmp_path) -> None:
    paths = write_csvs(small, tmp_path / "lists")
    assert [path.name for path in paths][:3] == [
        "list_01_contacts.csv", "list_02_early_help.csv", "list_03_referrals.csv"]
    assert paths[-1].name == "workforce.csv"
    sheets = []
    for path in paths:
        with path.open(newline="", encoding="utf-8") as handle:
            headings, *rows = list(csv.reader(handle))
        sheets.append(Sheet(path.stem, headings, [[cell or None for cell in row]
                                                  for row in rows]))
    assert sheets[2].rows[0][sheets[2].headings.index("Date of referral")].count("/") == 2
    result = check_upload(sheets, PERIOD_END)
    assert (result.error_count, result.warning_count) == (0, 0), result.problems[:5]


def test_workbook_has_a_sheet_per_list_and_real_excel_dates(small: list[Sheet]) -> None:
    buffer = io.BytesIO()
    write_workbook([Sheet(s.name, s.headings, s.rows[:20]) for s in small], buffer)
    book = load_workbook(buffer, read_only=True)
    assert book.sheetnames == list(SHEET_NAMES.values())
    referrals = book["List 3"]
    headings = [cell.value for cell in next(referrals.iter_rows(max_row=1))]
    first = next(referrals.iter_rows(min_row=2, max_row=2))
    when = first[headings.index("Date of referral")]
    assert isinstance(when.value, datetime) and when.number_format == "dd/mm/yyyy"
    assert isinstance(first[headings.index("Number of Referrals in Last 12 Months")].value, int)
    book.close()


def test_command_line_writes_csv_files(tmp_path, capsys) -> None:
    out = tmp_path / "annex_a"
    assert main(["--size", "small", "--out", str(out), "--format", "csv",
                 "--period-end", "2026-10-31", "--problems"]) == 0
    assert len(list(out.glob("*.csv"))) == 12
    printed = capsys.readouterr().out
    assert "no real child" in printed and printed.count("deliberate") == 7


@pytest.mark.parametrize("today", [
    date(2026, 12, 2), date(2026, 11, 30), date(2027, 1, 1), date(2028, 3, 1),
    date(2028, 2, 29), date(2026, 5, 31), date(2026, 7, 15),
])
def test_the_default_extraction_date_is_no_demo_upload_and_not_in_the_future(
    today: date, monkeypatch
) -> None:
    """The default was the demo's latest upload, so a newcomer's first upload of a
    generated file went straight to "replace?". It is later than every demo upload made
    on the same day or before, and never after today (the upload page refuses that)."""
    from dashboard import clock
    from dashboard.demo.mi import demo_periods

    monkeypatch.setattr(clock, "now", lambda: datetime(today.year, today.month, today.day,
                                                       12, tzinfo=clock.ENGLAND))
    default = generate("small", seed=3).period_end
    assert default <= today
    assert default > max(demo_periods(today))
    earlier = date.fromordinal(today.toordinal() - 40)
    assert default not in demo_periods(earlier) and default > max(demo_periods(earlier))
