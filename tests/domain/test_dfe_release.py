"""Reading a newer DfE release from its tidy CSV (issue 29 item 6): which measures a file
feeds, each check in plain words, marks kept as marks, NEYH from its two regions' counts,
and the preview's counts. Small hand-made rows under the real files' headers."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from dashboard.domain.dfe_release import (
    MAX_LISTED,
    RELEASE_MEASURES,
    ReleaseFile,
    StoredFigure,
    check_new_years,
    measures_with_figures,
    preview,
    preview_digest,
    read_release,
    recent_years,
    recognise,
    release_year,
    without_empty_marks,
)

#: The real headers (CSC_outcomes_and_enablers data-raw/, HEAD).
C1_HEADER = ("time_period,time_identifier,geographic_level,country_code,country_name,"
             "region_code,region_name,old_la_code,new_la_code,la_name,category,referral_count,"
             "rereferral_count,rereferral_percent,no_further_action_count,"
             "no_further_action_percent,not_in_need_count,not_in_need_percent,"
             "referral_child_count,rereferral_child_count,rereferral_child_percent")
CLA_HEADER = ("time_period,time_identifier,geographic_level,country_code,country_name,"
              "region_code,region_name,old_la_code,la_name,new_la_code,population_type,"
              "population_estimate,children_count,rate_per_10000")
D5_HEADER = ("time_period,time_identifier,geographic_level,country_code,country_name,"
             "region_code,region_name,old_la_code,new_la_code,la_name,category,CPP_At31,"
             "3_months_or_less,3_months_or_less_percent,more_than_3_months_6_months,"
             "more_than_3_months_6_months_percent,more_than_6_months_less_than_1_year,"
             "more_than_6_months_less_than_1_year_percent,1_year_less_than_2_years,"
             "1_year_less_than_2_years_percent,2_years_or_more,2_years_or_more_percent")
C1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2026.csv"
LAS = {"370": "NEYH", "371": "NEYH", "202": "LON"}
TODAY = date(2026, 12, 7)


def c1_row(period: str, level: str, region: str, la: str, counts: tuple[str, ...]) -> str:
    referrals, rereferrals, percent, nfa, nfa_pct, nin, nin_pct = counts
    return (f"{period},Reporting year,{level},E92000001,England,{region},,{la},,,Referrals "
            f"and Re-referrals,{referrals},{rereferrals},{percent},{nfa},{nfa_pct},{nin},"
            f"{nin_pct},1,1,1")


def read(name: str, header: str, lines: list[str]) -> ReleaseFile:
    reader = csv.DictReader(io.StringIO("\n".join([header, *lines])))
    return read_release(name, list(reader.fieldnames or []), list(reader), LAS, today=TODAY)


C1_LINES = [
    c1_row("2026", "National", "", "", ("600000", "138000", "23", "40000", "6.7", "180000",
                                         "30")),
    c1_row("2026", "Regional", "E12000001", "", ("30000", "6000", "20", "300", "1", "9000",
                                                 "30")),
    c1_row("2026", "Regional", "E12000003", "", ("50000", "12000", "24", "500", "1",
                                                 "15000", "30")),
    c1_row("2026", "Regional", "E12000007", "", ("90000", "18000", "20", "900", "1", "9000",
                                                 "10")),
    c1_row("2026", "Regional", "E13000001", "", ("40000", "8000", "20", "400", "1", "4000",
                                                 "10")),
    c1_row("2026", "Local authority", "E12000003", "370", ("3300", "759", "23", "c", "c",
                                                           "1300", "39.4")),
    c1_row("2026", "Local authority", "E12000007", "202", ("2000", "400", "20", "x", "x",
                                                           "600", "30")),
    c1_row("2026", "Local authority", "E12000003", "999", ("10", "1", "10", "1", "10", "1",
                                                           "10")),
]


def test_each_file_is_recognised_by_its_name_or_its_columns() -> None:
    c1 = {m.measure_id for m in recognise(C1, C1_HEADER.split(","))}
    assert c1 == {"re_referrals", "referrals_nfa", "referrals_assessed_not_in_need"}
    cla = {m.measure_id for m in recognise("download.csv", CLA_HEADER.split(","))}
    assert cla == {"cla_rate", "cla_start_rate", "cla_cease_rate"}
    assert [m.measure_id for m in recognise("data.csv", D5_HEADER.split(","))] == [
        "cp_two_years"]
    assert recognise("b1_children_in_need.csv", ["time_period", "At31_episodes"]) == []
    assert len({m.measure_id for m in RELEASE_MEASURES}) == len(RELEASE_MEASURES)


def test_a_file_that_feeds_no_measure_is_refused() -> None:
    release = read("b1_children_in_need_2013_to_2025.csv", "time_period,geographic_level,x",
                   ["2025,National,1"])
    assert not release.loadable and release.measures == ()
    assert "feeds none of our measures" in release.errors[0].text()


def test_missing_required_columns_are_named() -> None:
    header = C1_HEADER.replace(",rereferral_percent", "").replace(",old_la_code", "")
    release = read(C1, header, [])
    assert not release.loadable
    text = release.errors[0].text()
    assert "old_la_code" in text and "rereferral_percent" in text and text.startswith("Row 1")


def test_the_figures_of_every_area_are_read_with_their_counts() -> None:
    release = read(C1, C1_HEADER, C1_LINES)
    assert release.loadable, release.problems
    barnsley = release.figures[("re_referrals", "370", 2026)]
    assert (barnsley.value, barnsley.numerator, barnsley.denominator) == (23.0, 759.0, 3300.0)
    assert barnsley.area_level == "la" and barnsley.published
    assert release.figures[("re_referrals", "970", 2026)].area_level == "england"
    assert release.figures[("re_referrals", "LON", 2026)].value == 20.0
    # Inner London is not an Ofsted region; the two NEYH regions are not stored as such
    assert not any(area in ("E13000001", "E12000001", "E12000003")
                   for _m, area, _y in release.figures)
    assert release.years == [2026]


def test_marks_are_kept_as_marks_never_as_zero() -> None:
    release = read(C1, C1_HEADER, C1_LINES)
    nfa = release.figures[("referrals_nfa", "370", 2026)]
    assert nfa.value is None and nfa.mark == "c" and nfa.numerator is None
    assert release.figures[("referrals_nfa", "202", 2026)].mark == "x"


def test_an_la_that_is_not_ours_is_a_warning_its_rows_left_out_and_counted() -> None:
    release = read(C1, C1_HEADER, C1_LINES)
    assert release.loadable
    (warning,) = release.warnings
    assert warning.row == 9 and warning.column == "old_la_code" and "999" in warning.message
    assert release.left_out["LA code 999 not one of ours"] == 1
    assert not any(area == "999" for _m, area, _y in release.figures)


def test_neyh_is_worked_out_from_its_two_regions_counts() -> None:
    release = read(C1, C1_HEADER, C1_LINES)
    neyh = release.figures[("re_referrals", "NEYH", 2026)]
    # (6000 + 12000) / (30000 + 50000) = 22.5%
    assert (neyh.value, neyh.numerator, neyh.denominator) == (22.5, 18000.0, 80000.0)
    assert neyh.basis == "counts" and not neyh.published and neyh.n_areas == 2


def test_neyh_falls_back_to_the_mean_of_its_las_without_counts() -> None:
    regions = [c1_row("2026", "Regional", region, "", ("c", "c", "c", "1", "1", "1", "1"))
               for region in ("E12000001", "E12000003")]
    lines = [*regions,
             c1_row("2026", "Local authority", "E12000003", "370",
                    ("100", "20", "20", "1", "1", "1", "1")),
             c1_row("2026", "Local authority", "E12000003", "371",
                    ("100", "30", "30", "1", "1", "1", "1"))]
    neyh = read(C1, C1_HEADER, lines).figures[("re_referrals", "NEYH", 2026)]
    assert (neyh.value, neyh.basis, neyh.n_areas) == (25.0, "mean", 2)
    # a file of LA rows alone says nothing of NEYH: the stored figure stands
    assert ("re_referrals", "NEYH", 2026) not in read(C1, C1_HEADER, lines[2:]).figures


@pytest.mark.parametrize(("text", "year"), [("2025", 2025), ("202425", 2025), ("201920", 2020),
                                            ("202426", None), ("25", None), ("2025-26", None)])
def test_a_time_period_is_a_year_or_a_financial_year(text: str, year: int | None) -> None:
    assert release_year(text) == year


def test_a_time_period_that_is_not_a_year_is_an_error_naming_row_and_column() -> None:
    lines = [c1_row("20x6", "National", "", "", ("1", "1", "1", "1", "1", "1", "1")),
             c1_row("202526", "National", "", "", ("10", "1", "10", "1", "10", "1", "10"))]
    release = read(C1, C1_HEADER, lines)
    (error,) = release.errors
    assert (error.row, error.column) == (2, "time_period") and "20x6" in error.message
    assert ("re_referrals", "970", 2026) in release.figures  # 202526 is the year to 2026
    assert not release.loadable


def test_an_unknown_geographic_level_is_an_error() -> None:
    lines = [c1_row("2026", "County", "", "", ("1", "1", "1", "1", "1", "1", "1")),
             c1_row("2026", "Local authority district", "", "", ("1",) * 7)]
    release = read(C1, C1_HEADER, lines)
    (error,) = release.errors
    assert (error.row, error.column) == (2, "geographic_level") and "County" in error.message
    assert release.left_out == {"Local authority district rows (not an area we show)": 1}


@pytest.mark.parametrize("bad", ["n/a", "", "12%", "0.5.1"])
def test_a_value_neither_number_nor_mark_is_an_error(bad: str) -> None:
    lines = [c1_row("2026", "Local authority", "E12000003", "370",
                    ("100", "20", bad, "1", "1", "1", "1"))]
    release = read(C1, C1_HEADER, lines)
    assert not release.loadable
    assert any(e.row == 2 and e.column == "rereferral_percent" for e in release.errors)


@pytest.mark.parametrize("mark", ["c", "z", "x", "low", "u", ":", "-"])
def test_every_dfe_mark_is_accepted(mark: str) -> None:
    lines = [c1_row("2026", "Local authority", "E12000003", "370",
                    ("100", mark, mark, "1", "1", "1", "1"))]
    release = read(C1, C1_HEADER, lines)
    assert release.loadable
    figure = release.figures[("re_referrals", "370", 2026)]
    assert figure.value is None and figure.mark == mark


def test_the_cla_rates_file_reads_each_population_type() -> None:
    lines = [
        "2026,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The "
        "Humber,370,Barnsley,E08000016,Children looked after on 31 March each year,52000,"
        "370,71",
        "2026,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The "
        "Humber,370,Barnsley,E08000016,Children starting to be looked after each year,52000,"
        "c,c",
        "2026,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The "
        "Humber,370,Barnsley,E08000016,Children ceasing to be looked after each year,52000,"
        "150,29",
    ]
    release = read("cla_number_and_rate_per_10k_children.csv", CLA_HEADER, lines)
    assert release.loadable
    assert release.figures[("cla_rate", "370", 2026)].value == 71.0
    assert release.figures[("cla_rate", "370", 2026)].denominator == 52000.0
    assert release.figures[("cla_start_rate", "370", 2026)].mark == "c"
    assert release.figures[("cla_cease_rate", "370", 2026)].value == 29.0


def test_the_d5_file_feeds_plans_open_two_years() -> None:
    line = ("2026,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and "
            "The Humber,370,E08000016,Barnsley,Child Protection Plans by length of time,400,"
            "100,25,100,25,100,25,80,20,20,5")
    release = read("d5_cpps_at31march_by_duration_2013_to_2026.csv", D5_HEADER, [line])
    figure = release.figures[("cp_two_years", "370", 2026)]
    assert (figure.value, figure.numerator, figure.denominator) == (5.0, 20.0, 400.0)


def test_the_preview_counts_new_years_changes_and_marks_and_names_examples() -> None:
    lines = [*C1_LINES,
             c1_row("2025", "Local authority", "E12000003", "370",
                    ("3241", "825", "25.5", "269", "8.3", "1289", "39.8"))]
    release = read(C1, C1_HEADER, lines)
    stored = {("re_referrals", "370", 2025): StoredFigure(22.1),
              ("referrals_nfa", "370", 2025): StoredFigure(8.3),
              ("re_referrals", "370", 2024): StoredFigure(20.0)}
    names = {"370": "Barnsley"}
    by_id = {p.measure_id: p for p in preview(release, stored, names)}
    rereferrals = by_id["re_referrals"]
    assert rereferrals.years == (2025, 2026) and rereferrals.new_years == (2026,)
    assert rereferrals.changed == 1 and rereferrals.examples == ("Barnsley 2025: 22.1 -> 25.5",)
    assert rereferrals.unchanged == 0 and rereferrals.added == len(
        [k for k in release.figures if k[0] == "re_referrals"]) - 1
    nfa = by_id["referrals_nfa"]
    assert nfa.unchanged == 1 and nfa.changed == 0 and nfa.marks == 2
    digest = preview_digest("abc", by_id.values())
    assert digest == preview_digest("abc", preview(release, stored, names))
    assert digest != preview_digest("abc", preview(release, {}, names))


def test_years_older_than_the_stored_series_are_left_out() -> None:
    lines = [c1_row(str(year), "National", "", "", ("100", "20", "20", "1", "1", "1", "1"))
             for year in range(2015, 2027)]
    release = recent_years(read(C1, C1_HEADER, lines), {"re_referrals": 2021})
    assert {y for m, _a, y in release.figures if m == "re_referrals"} == set(range(2021, 2027))
    # nothing stored yet: the file's last six years
    assert {y for m, _a, y in release.figures if m == "referrals_nfa"} == set(range(2021, 2027))
    assert release.left_out["figures for years before 2021 (older than the stored series)"]


def test_a_mark_where_the_stored_series_has_no_row_that_year_is_left_out() -> None:
    lines = [c1_row(year, "Local authority", "E12000003", la, (mark,) * 7)
             for year, la, mark in (("2025", "371", "z"), ("2025", "370", "c"),
                                    ("2026", "371", "z"))]
    release = read(C1, C1_HEADER, lines)
    stored = {("re_referrals", "370", 2025): StoredFigure(25.5)}
    kept = without_empty_marks(release, stored)
    assert ("re_referrals", "371", 2025) not in kept.figures  # no row then: no LA then
    assert kept.figures[("re_referrals", "370", 2025)].mark == "c"  # in place of a figure
    assert kept.figures[("re_referrals", "371", 2026)].mark == "z"  # a new year: kept
    assert kept.left_out["marks for areas with no stored row in that year (no figure then)"]


# Review fixes (D1, D2, D5, D6, U1 to U4) ------------------------------------------------

CLA_ROW = ("{year},Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and "
           "The Humber,370,Barnsley,E08000016,Children looked after on 31 March each year,"
           "52000,370,71")


def test_a_measure_the_file_has_no_rows_for_is_dropped_with_a_warning() -> None:
    release = measures_with_figures(read("cla_number_and_rate_per_10k_children.csv",
                                         CLA_HEADER, [CLA_ROW.format(year=2026)]))
    assert release.measures == ("cla_rate",) and release.loadable
    texts = [w.message for w in release.warnings]
    assert any("The file has no rows for cla_start_rate" in t for t in texts)
    assert any("The file has no rows for cla_cease_rate" in t for t in texts)


def _la_row(year: str, la: str, percent: str = "20") -> str:
    return c1_row(year, "Local authority", "E12000003", la,
                  ("100", percent, percent, "1", "1", "1", "1"))


def _stored_2025() -> dict:
    return {("re_referrals", area, 2025): StoredFigure(20.0)
            for area in ("970", "370", "371", "202")}


def test_a_partial_new_year_is_an_error_and_each_years_coverage_is_shown() -> None:
    stored = _stored_2025()
    england = c1_row("2026", "National", "", "", ("100", "20", "20", "1", "1", "1", "1"))
    partial = check_new_years(read(C1, C1_HEADER, [england, _la_row("2026", "370")]),
                              stored, LAS)
    assert not partial.loadable
    error = next(e for e in partial.errors if "re_referrals" in e.message)
    assert "2026" in error.message and "1 of the 3 LAs" in error.message
    # referrals_nfa has nothing stored: any year may be loaded
    assert not any("referrals_nfa" in e.message for e in partial.errors)
    full = [_la_row("2026", la) for la in LAS]
    assert check_new_years(read(C1, C1_HEADER, [england, *full]), stored, LAS).loadable
    no_england = check_new_years(read(C1, C1_HEADER, full), stored, LAS)
    assert any("no row for England" in e.message for e in no_england.errors)
    # a year the series already has may be partial (a revision)
    assert check_new_years(read(C1, C1_HEADER, [_la_row("2025", "370")]), stored,
                           LAS).loadable
    (shown,) = [p for p in preview(partial, stored, {}, LAS) if p.measure_id == "re_referrals"]
    assert shown.coverage == ("2026: 1 of 3 LAs",)


@pytest.mark.parametrize("period", ["1999", "2028", "199899"])
def test_a_year_outside_2000_to_next_year_is_an_error(period: str) -> None:
    release = read(C1, C1_HEADER, [_la_row(period, "370")])
    (error,) = release.errors
    assert (error.row, error.column) == (2, "time_period") and "2000 to 2027" in error.message
    assert read(C1, C1_HEADER, [_la_row("2027", "370")]).loadable


@pytest.mark.parametrize(("counts", "column"), [
    (("-5", "1", "1", "1", "1", "1", "1"), "referral_count"),
    (("100", "-1", "1", "1", "1", "1", "1"), "rereferral_count"),
    (("100", "120", "1", "1", "1", "1", "1"), "rereferral_count"),
    (("100", "20", "100.5", "1", "1", "1", "1"), "rereferral_percent"),
    (("100", "20", "-0.1", "1", "1", "1", "1"), "rereferral_percent"),
])
def test_impossible_counts_and_percentages_are_errors_naming_row_and_column(
        counts: tuple[str, ...], column: str) -> None:
    lines = [_la_row("2026", "202"), c1_row("2026", "Local authority", "E12000003", "370",
                                            counts)]
    release = read(C1, C1_HEADER, lines)
    assert not release.loadable
    assert any((e.row, e.column) == (3, column) for e in release.errors), release.errors


def test_a_negative_rate_is_an_error() -> None:
    line = CLA_ROW.format(year=2026).replace(",370,71", ",370,-71")
    release = read("cla_number_and_rate_per_10k_children.csv", CLA_HEADER, [line])
    assert any(e.column == "rate_per_10000" and e.row == 2 for e in release.errors)


def test_a_second_row_with_a_different_figure_is_an_error_naming_both_rows() -> None:
    lines = [_la_row("2026", "370"), _la_row("2026", "202"), _la_row("2026", "370", "30")]
    release = read(C1, C1_HEADER, lines)
    assert not release.loadable
    error = next(e for e in release.errors if "re_referrals" in e.message)
    assert "Rows 2 and 4" in error.message
    same = read(C1, C1_HEADER, [_la_row("2026", "370"), _la_row("2026", "370")])
    assert same.loadable and any("second row" in w.message for w in same.warnings)


def test_a_raw_value_in_a_message_is_cut_to_40_characters() -> None:
    release = read(C1, C1_HEADER, [_la_row("2" + "0" * 99, "370")])
    (error,) = release.errors
    assert "'2" + "0" * 39 + "…'" in error.message and "0" * 40 not in error.message


def test_errors_come_before_warnings_each_with_its_own_cap() -> None:
    unknown = [_la_row("2026", str(900 + n)) for n in range(MAX_LISTED + 5)]
    release = read(C1, C1_HEADER, [*unknown, _la_row("20x6", "370")])
    assert release.problems[0].severity == "error" and "20x6" in release.problems[0].message
    severities = [p.severity for p in release.problems]
    assert severities == ["error"] + ["warning"] * (MAX_LISTED + 1)
    assert release.problems[-1].message == "… and 5 more warnings like these."


def test_a_row_with_more_values_than_the_header_is_an_error() -> None:
    release = read(C1, C1_HEADER, [_la_row("2026", "370") + ",extra"])
    (error,) = release.errors
    assert error.row == 2 and "Row 2 has 22 values; the header has 21" in error.message


@pytest.mark.parametrize(("period", "percent"), [("\u0662\u0660\u0662\u0666", "20"),
                                                 ("2026", "\uff12\uff10")])
def test_digits_are_ascii_only(period: str, percent: str) -> None:
    assert release_year("\u0662\u0660\u0662\u0666") is None
    release = read(C1, C1_HEADER, [_la_row(period, "370", percent)])
    assert not release.loadable and release.errors
