"""Every indicator on small hand-made lists whose answers were worked out by hand."""

from datetime import date, timedelta

import pytest

from dashboard.domain.annex_a import LISTS_BY_KEY
from dashboard.domain.annex_a_checks import ParsedList
from dashboard.domain.calendar import working_days_between
from dashboard.domain.dates import add_months
from dashboard.domain.indicators import INDICATORS, IndicatorInputs, compute_indicators

D = date
END = D(2026, 10, 31)


def parsed(key: str, **columns: list) -> ParsedList:
    length = len(next(iter(columns.values())))
    return ParsedList(LISTS_BY_KEY[key], key, dict(columns), list(range(2, 2 + length)))


def value_of(indicator_id: str, population: int | None = 10_000, end: date = END, **lists):
    inputs = IndicatorInputs(dict(lists), end, population)
    return compute_indicators(inputs)[indicator_id]


def test_every_indicator_has_a_definition_a_direction_and_a_unit() -> None:
    ids = [i.id for i in INDICATORS]
    assert len(ids) == len(set(ids))
    for indicator in INDICATORS:
        assert indicator.definition and indicator.numerator and indicator.denominator
        assert indicator.better in {"higher", "lower", None}
        assert indicator.unit and indicator.source


def test_contacts_rate_counts_the_templates_six_months_and_annualises_per_10000() -> None:
    days = ([D(2026, 5, 1)] * 28 + [D(2026, 8, 1), D(2026, 10, 31)]
            + [D(2026, 4, 30), D(2026, 11, 1)])
    result = value_of("contacts_rate", contacts=parsed("contacts", contact_date=days))
    # 30 April is exactly six months back, so outside; 1 November is after extraction.
    assert (result.numerator, result.denominator) == (30, 10_000)
    assert result.value == pytest.approx(30 * 2 / 10_000 * 10_000)  # 60 a year
    assert result.note == ""


def test_a_rate_without_a_population_is_blank_not_zero() -> None:
    result = value_of("referrals_rate", population=None,
                      referrals=parsed("referrals", referral_date=[D(2026, 10, 1)],
                                       referrals_last_12_months=[1]))
    assert result.value is None and result.numerator == 1
    assert "population" in result.note


def test_re_referrals_are_referrals_with_two_or_more_in_twelve_months() -> None:
    referrals = parsed(
        "referrals",
        referral_date=[D(2026, 9, 1), D(2026, 9, 2), D(2026, 10, 3), D(2026, 10, 4), D(2026, 1, 1)],
        referrals_last_12_months=[1, 2, 3, 1, 5],
    )
    result = value_of("re_referrals", referrals=referrals)
    assert (result.numerator, result.denominator, result.value) == (2, 4, 50.0)


def test_assessments_within_45_working_days_count_bank_holidays_out() -> None:
    # Started Good Friday 2025. Easter Monday, 5 May and 26 May are bank holidays, so the
    # 45th working day is Wednesday 25 June (worked out on a calendar).
    start = D(2025, 4, 18)
    assert working_days_between(start, D(2025, 6, 25)) == 45
    assessments = parsed(
        "assessments",
        assessment_start=[start, start, D(2024, 11, 1), D(2025, 6, 1)],
        assessment_authorised=[D(2025, 6, 25), D(2025, 6, 26), D(2024, 12, 1), None],
    )
    result = value_of("assessments_45_days", end=D(2025, 6, 30), assessments=assessments)
    # The December one was authorised outside the six months; the last is still open.
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_within_working_days_is_counting_the_working_days_of_each_row() -> None:
    # The figure compares each end with the 46th working day after its start, worked out
    # once a start date; over Christmas, New Year, Easter and every weekday, with ends
    # before their start too, that counts what working_days_between counts row by row.
    end = D(2026, 4, 30)
    starts, ends = [], []
    for offset in range(0, 180, 2):
        start = D(2025, 11, 1) + timedelta(days=offset)
        for days in range(-5, 80, 3):
            if add_months(end, -6) < start + timedelta(days=days) <= end:
                starts.append(start)
                ends.append(start + timedelta(days=days))
    expected = sum(working_days_between(s, e) <= 45 for s, e in zip(starts, ends, strict=True))
    assessments = parsed("assessments", assessment_start=starts, assessment_authorised=ends)
    result = value_of("assessments_45_days", end=end, assessments=assessments)
    assert 0 < expected < len(starts)
    assert (result.numerator, result.denominator) == (expected, len(starts))


def test_conferences_within_15_working_days_of_the_strategy_discussion() -> None:
    # From Thursday 1 May 2025, with the 5 May bank holiday, the 15th working day is
    # Friday 23 May; Tuesday 27 May (after the 26 May bank holiday) is the 16th.
    start = D(2025, 5, 1)
    enquiries = parsed("section_47", s47_start=[start, start, start],
                       icpc_date=[D(2025, 5, 23), D(2025, 5, 27), None])
    result = value_of("icpc_15_days", end=D(2025, 6, 30), section_47=enquiries)
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_child_protection_figures() -> None:
    plans = parsed(
        "child_protection",
        cp_start=[D(2024, 10, 31), D(2024, 11, 1), D(2026, 3, 1), D(2026, 5, 1), D(2026, 6, 1)],
        cp_end=[None, None, None, D(2026, 9, 30), None],
        previous_plans=[3, 0, 1, 2, 0],
    )
    assert value_of("cp_plans_rate", population=2_000, child_protection=plans).value == 20.0
    two_years = value_of("cp_two_years", child_protection=plans)
    # 31 October 2024 is exactly two years before extraction; 1 November 2024 is not.
    assert (two_years.numerator, two_years.denominator) == (1, 4)
    second = value_of("cp_second_subsequent", child_protection=plans)
    # Started in the 12 months: March (1 before), May (2 before, since ended), June (none).
    assert (second.numerator, second.denominator) == (2, 3)


def test_children_in_care_figures() -> None:
    care = parsed(
        "children_in_care",
        ceased_care=[None, None, None, D(2026, 9, 1)],
        placements_last_12_months=[1, 3, 5, 4],
        missing_episodes=[0, 2, None, 1],
        last_social_work_visit=[D(2026, 9, 19), D(2026, 9, 18), None, D(2026, 8, 1)],
        child_id=["A", "B", "C", "D"],
    )
    assert value_of("cla_rate", population=1_000, children_in_care=care).value == 30.0
    three = value_of("cla_three_placements", children_in_care=care)
    assert (three.numerator, three.denominator) == (2, 3)
    visited = value_of("cla_visits_6_weeks", children_in_care=care)
    # 42 days before 31 October is 19 September.
    assert (visited.numerator, visited.denominator) == (1, 3)
    missing = value_of("cla_missing", children_in_care=care)
    assert (missing.numerator, missing.denominator) == (2, 4)


def test_long_term_stability_takes_under_16s_in_care_two_and_a_half_years() -> None:
    care = parsed(
        "children_in_care",
        ceased_care=[None, None, None, None, None],
        started_care=[D(2024, 4, 30), D(2020, 1, 1), D(2019, 1, 1), D(2024, 6, 1), D(2018, 1, 1)],
        placement_start=[D(2024, 10, 31), D(2026, 1, 1), D(2019, 1, 1), D(2024, 6, 1),
                         D(2018, 1, 1)],
        date_of_birth=[D(2016, 1, 1), D(2011, 6, 1), D(2010, 10, 31), D(2015, 1, 1), None],
        age=[None, None, None, None, 12],
    )
    result = value_of("cla_long_term_stability", children_in_care=care)
    # A: eligible (exactly 2.5 years) and stable since exactly 2 years before. B: 15 and
    # moved in January. C: turned 16 on the day. D: in care under 2.5 years. E: age 12
    # from the age column, stable.
    assert (result.numerator, result.denominator) == (2, 3)


def test_care_leaver_figures_use_the_19_to_21_age_band() -> None:
    leavers = parsed(
        "care_leavers",
        date_of_birth=[D(2008, 1, 1), D(2007, 10, 31), D(2005, 1, 1), D(2004, 10, 30),
                       D(2006, 6, 1)],
        age=[None] * 5,
        in_touch=["YES", "NO", "YES", "YES", "REFU"],
        accommodation_suitable=["1", "1", "2", None, "1"],
        activity=["F1", "G5", "P3", "F1", None],
    )
    # Ages at 31 Oct 2026: 18, 19 (birthday that day), 21, 22, 20: three are 19-21.
    in_touch = value_of("care_leavers_in_touch", care_leavers=leavers)
    assert (in_touch.numerator, in_touch.denominator) == (1, 3)
    suitable = value_of("care_leavers_suitable_accommodation", care_leavers=leavers)
    assert (suitable.numerator, suitable.denominator) == (2, 3)
    eet = value_of("care_leavers_eet", care_leavers=leavers)
    assert (eet.numerator, eet.denominator) == (1, 3)


def test_adoption_average_days_from_care_to_placement() -> None:
    adoption = parsed(
        "adoption",
        entered_care=[D(2025, 1, 1), D(2025, 3, 1), D(2023, 1, 1), D(2025, 5, 1)],
        placed_for_adoption=[D(2026, 1, 1), D(2026, 3, 1), D(2024, 1, 1), None],
    )
    result = value_of("adoption_entry_to_placement", adoption=adoption)
    assert (result.numerator, result.denominator, result.value) == (730, 2, 365.0)


def test_workforce_rates_follow_the_dfe_workforce_definitions() -> None:
    workforce = parsed("workforce", team=["A", "B"], employed_fte=[10.0, 20.0],
                       agency_fte=[2.0, 4.0], vacancies_fte=[3.0, 3.0], leavers_fte=[3.0, 6.0],
                       children_allocated=[100, 200])
    assert value_of("workforce_turnover", workforce=workforce).value == pytest.approx(30.0)
    assert value_of("workforce_agency", workforce=workforce).value == pytest.approx(600 / 36)
    assert value_of("workforce_vacancy", workforce=workforce).value == pytest.approx(600 / 36)
    assert value_of("workforce_caseload", workforce=workforce).value == pytest.approx(300 / 36)


def test_a_missing_list_leaves_its_figures_blank_with_a_reason() -> None:
    values = compute_indicators(IndicatorInputs({}, END, 10_000))
    assert all(v.value is None for v in values.values())
    assert "List 8" in values["cla_rate"].note


def test_an_empty_denominator_gives_no_figure_rather_than_zero() -> None:
    result = value_of("re_referrals", referrals=parsed(
        "referrals", referral_date=[D(2020, 1, 1)], referrals_last_12_months=[3]))
    assert result.value is None and result.denominator == 0
