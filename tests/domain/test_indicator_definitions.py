"""The definitions corrected in issue 18, each on a small hand-made list whose answer
was worked out by hand in the comment beside it. Extraction is 31 October 2026."""

from datetime import date

import pytest

from dashboard.domain.annex_a import ACTIVITY, LISTS_BY_KEY
from dashboard.domain.annex_a_checks import ParsedList
from dashboard.domain.calendar import working_days_between
from dashboard.domain.indicators import (
    INDICATORS,
    WORKING_DAYS,
    IndicatorInputs,
    compute_indicators,
)

D = date
END = D(2026, 10, 31)


def parsed(key: str, **columns: list) -> ParsedList:
    length = len(next(iter(columns.values())))
    return ParsedList(LISTS_BY_KEY[key], key, dict(columns), list(range(2, 2 + length)))


def value_of(indicator_id: str, population: int | None = 10_000, **lists):
    return compute_indicators(IndicatorInputs(dict(lists), END, population))[indicator_id]


# --- 1. Care leavers' activity ------------------------------------------------------------

def test_current_and_old_activity_codes_are_read() -> None:
    assert [ACTIVITY.canonical(text) for text in (
        "F4", "P4", "F5", "P5", "a) F5: Full time in training or employment",
        "F3: Full time in training or employment", "Part time in training or employment",
        "Full time in an apprenticeship",
    )] == ["F4", "P4", "F5", "P5", "F5", "F3", "P3", "F4"]


def test_eet_counts_apprenticeships_training_employment_and_the_old_codes() -> None:
    # Six care leavers all aged 20 (born 1 June 2006): F4, P5, F3 and P1 are in
    # education, employment or training; G5 is not; a blank is not. 4 of 6.
    leavers = parsed("care_leavers", date_of_birth=[D(2006, 6, 1)] * 6, age=[None] * 6,
                     activity=["F4", "P5", "F3", "P1", "G5", None])
    result = value_of("care_leavers_eet", care_leavers=leavers)
    assert (result.numerator, result.denominator) == (4, 6)


# --- 2. Visits: three months after a year in a long-term foster placement --------------

def test_a_child_a_year_into_a_long_term_placement_may_be_visited_every_three_months() -> None:
    # 42 days before 31 October is 19 September; three months before is 31 July; a year
    # before is 31 October 2025.
    care = parsed(
        "children_in_care",
        ceased_care=[None] * 6,
        placement_type=["U4", "U1", "U4", "U6", "U4", None],
        placement_start=[D(2025, 10, 31), D(2024, 1, 1), D(2025, 11, 1), D(2020, 1, 1),
                         D(2025, 1, 1), D(2020, 1, 1)],
        last_social_work_visit=[D(2026, 7, 31), D(2026, 8, 15), D(2026, 8, 15),
                                D(2026, 8, 15), D(2026, 7, 30), D(2026, 9, 19)],
    )
    result = value_of("cla_visits_6_weeks", children_in_care=care)
    # A: U4 for exactly a year, visited exactly three months ago: in time. B: U1 since
    # 2024, visited 77 days ago: in time. C: U4 but one day short of a year: six-week
    # rule, 77 days: late. D: U6 is not long-term: late. E: U4 for long, but 93 days:
    # late. F: no placement type, visited exactly 42 days ago: in time. 3 of 6.
    assert (result.numerator, result.denominator) == (3, 6)
    assert result.note == ""


def test_without_a_placement_type_every_child_is_held_to_six_weeks() -> None:
    care = parsed("children_in_care", ceased_care=[None, None],
                  placement_start=[D(2020, 1, 1), D(2020, 1, 1)],
                  last_social_work_visit=[D(2026, 8, 15), D(2026, 10, 1)])
    result = value_of("cla_visits_6_weeks", children_in_care=care)
    # 15 August is 77 days back (late); 1 October is 30 days back. 1 of 2.
    assert (result.numerator, result.denominator) == (1, 2)
    assert "six-week rule" in result.note


# --- 3. Short breaks left out of the care figures ---------------------------------------

def test_short_breaks_are_left_out_of_the_rate_placements_and_missing() -> None:
    care = parsed(
        "children_in_care",
        ceased_care=[None, None, None, None, D(2026, 9, 1), D(2026, 9, 1)],
        legal_status=["C2", "V3", "V4", "V2", "C2", "V3"],
        placements_last_12_months=[3, 4, 1, 1, 5, 3],
        missing_episodes=[0, 2, 1, 1, 2, 1],
    )
    # In care at extraction: rows 1-4; less V3 and V4: rows 1 and 4. Rate: 2 in 1,000
    # children is 20 per 10,000. Three or more placements: row 1 of rows 1 and 4, 1 of 2.
    # Missing: all six rows less the three short breaks leaves rows 1, 4, 5; rows 4 and
    # 5 went missing: 2 of 3.
    rate = value_of("cla_rate", population=1_000, children_in_care=care)
    assert (rate.numerator, rate.value, rate.note) == (2, 20.0, "")
    three = value_of("cla_three_placements", children_in_care=care)
    assert (three.numerator, three.denominator) == (1, 2)
    missing = value_of("cla_missing", children_in_care=care)
    assert (missing.numerator, missing.denominator) == (2, 3)


def test_without_a_legal_status_short_breaks_cannot_be_left_out_and_the_note_says_so() -> None:
    care = parsed("children_in_care", ceased_care=[None], placements_last_12_months=[1],
                  missing_episodes=[0])
    for key in ("cla_rate", "cla_three_placements", "cla_missing"):
        result = value_of(key, children_in_care=care)
        assert result.denominator in (1, 10_000) and "short breaks" in result.note


# --- 4. Re-referrals per referral, from the previous referral --------------------------

def test_a_re_referral_is_judged_from_its_own_date_not_the_extraction_date() -> None:
    referrals = parsed(
        "referrals",
        child_id=["A", "B", "C", "D", "E", "F"],
        referral_date=[D(2026, 8, 10), D(2026, 9, 1), D(2026, 10, 1), D(2026, 10, 20),
                       D(2026, 9, 15), D(2026, 4, 30)],
        previous_referral=[D(2025, 9, 1), D(2025, 9, 1), None, D(2025, 10, 20), None,
                           D(2026, 1, 1)],
        referrals_last_12_months=[1, 1, 2, 1, 1, 2],
    )
    # Period: the template's six months, after 30 April 2026 up to 31 October, so F (30
    # April) is outside: 5 referrals.
    # A: previous 1 Sep 2025, within 12 months of 10 Aug 2026 though more than 12 months
    #    before extraction: a re-referral the old count-based rule missed (count 1).
    # B: previous 1 Sep 2025 is exactly 12 months before 1 Sep 2026: not after it, so not
    #    within 12 months.
    # C: no date, but the count of 2 shows an earlier referral after 31 Oct 2025.
    # D: previous 20 Oct 2025, exactly 12 months before: not within.
    # E: neither. Numerator 2 (A, C) of 5.
    result = value_of("re_referrals", referrals=referrals)
    assert (result.numerator, result.denominator, result.value) == (2, 5, 40.0)
    assert result.note == ""


def test_two_rows_for_one_child_count_as_two_referrals() -> None:
    referrals = parsed("referrals", child_id=["A", "A"],
                       referral_date=[D(2026, 8, 10), D(2026, 10, 1)],
                       referrals_last_12_months=[2, 2])
    # The second is 52 days after the first; the first has no earlier one (its count of
    # 2 is the two rows). 1 of 2, and without the date column the note warns.
    result = value_of("re_referrals", referrals=referrals)
    assert (result.numerator, result.denominator) == (1, 2)
    assert "may be low" in result.note


# --- 5. Caseload per case-holding FTE ---------------------------------------------------

def test_caseload_divides_by_case_holding_fte_when_every_team_gives_it() -> None:
    workforce = dict(team=["A", "B"], employed_fte=[10.0, 20.0], agency_fte=[2.0, 4.0],
                     vacancies_fte=[1.0, 1.0], leavers_fte=[1.0, 1.0],
                     children_allocated=[100, 200])
    # 300 children over 8 + 12 = 20 case-holding FTE is 15; over 36 in post it is 8.33.
    held = value_of("workforce_caseload",
                    workforce=parsed("workforce", **workforce, case_holding_fte=[8.0, 12.0]))
    assert (held.numerator, held.denominator, held.value) == (300, 20.0, 15.0)
    assert "case-holding" in held.note
    partial = value_of("workforce_caseload",
                       workforce=parsed("workforce", **workforce, case_holding_fte=[8.0, None]))
    assert partial.denominator == 36.0 and "some teams" in partial.note
    none = value_of("workforce_caseload", workforce=parsed("workforce", **workforce))
    assert none.value == pytest.approx(300 / 36) and "no case-holding FTE" in none.note


# --- 6. Suitable accommodation without abroad, deported, not known ----------------------

def test_suitability_leaves_out_abroad_deported_and_residence_not_known() -> None:
    leavers = parsed(
        "care_leavers", date_of_birth=[D(2006, 6, 1)] * 6, age=[None] * 6,
        accommodation=["D", "U", "G", "H", "R", "S"],
        accommodation_suitable=["1", "1", "1", None, None, "2"],
    )
    # G, H and R are left out; of D, U and S, two are suitable: 2 of 3.
    result = value_of("care_leavers_suitable_accommodation", care_leavers=leavers)
    assert (result.numerator, result.denominator) == (2, 3)
    assert "no type of accommodation" not in result.note  # only the ages' source is noted
    without = parsed("care_leavers", date_of_birth=[D(2006, 6, 1)] * 2, age=[None] * 2,
                     accommodation_suitable=["1", None])
    result = value_of("care_leavers_suitable_accommodation", care_leavers=without)
    assert (result.numerator, result.denominator) == (1, 2) and "could not" in result.note


# --- 7. Sources and the working-day convention -----------------------------------------

def test_every_indicator_names_its_source_by_publisher_and_title() -> None:
    """A source by its publisher (or a regulation by its title), or the plain statement
    that DfE has none; no year we could not confirm (publications are revised yearly)."""
    sources = ("DfE, ", "HM Government, ", "Care Planning, Placement and Case Review",
               "No DfE definition")
    for indicator in INDICATORS:
        assert indicator.reference.startswith(sources), indicator.id


def test_the_working_day_convention_is_the_one_the_calendar_counts() -> None:
    # Monday 5 October 2026 to Friday 9 October: 4 working days, the start being day 0.
    assert working_days_between(D(2026, 10, 5), D(2026, 10, 9)) == 4
    assert "day 0" in WORKING_DAYS and "4 working days" in WORKING_DAYS
