"""The framework rules, checked against the paragraphs they cite."""

from datetime import date

import pytest

from dashboard.domain.framework import (
    Grade,
    action_plan_due,
    aem_due,
    fieldwork_days,
    focused_visit_allowance,
    framework_for,
    grade_from_text,
    in_christmas_and_new_year_period,
    inspection_window_state,
    letter_due,
    lowest_judgement,
    may_start,
    next_inspection,
    next_inspection_on_pathway,
    pathway,
    reinspection_expected,
    sef_expected,
    sef_expected_from,
    timing_warning,
    visits_against_allowance,
)


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        (Grade.OUTSTANDING, 1),
        (Grade.GOOD, 1),
        (Grade.REQUIRES_IMPROVEMENT, 2),
        (Grade.INADEQUATE, 3),
    ],
)
def test_pathway_follows_overall_grade(grade: Grade, expected: int) -> None:
    assert pathway(grade) == expected


def test_pathway_accepts_the_stored_string_value() -> None:
    assert pathway("requires_improvement") == 2  # type: ignore[arg-type]


def test_good_la_gets_a_short_inspection_six_months_either_side_of_third_anniversary() -> None:
    nxt = next_inspection(Grade.GOOD, date(2023, 9, 15))
    assert nxt.kind == "short"
    assert nxt.anniversary == date(2026, 9, 15)
    assert nxt.earliest == date(2026, 3, 15)
    assert nxt.latest == date(2027, 3, 15)


def test_outstanding_la_also_gets_a_short_inspection() -> None:
    assert next_inspection(Grade.OUTSTANDING, date(2022, 5, 6)).kind == "short"


def test_requires_improvement_la_gets_a_standard_inspection() -> None:
    nxt = next_inspection(Grade.REQUIRES_IMPROVEMENT, date(2024, 12, 13))
    assert nxt.kind == "standard"
    assert (nxt.earliest, nxt.latest) == (date(2027, 6, 13), date(2028, 6, 13))


def test_inadequate_la_gets_monitoring_with_no_window() -> None:
    nxt = next_inspection(Grade.INADEQUATE, date(2025, 3, 14))
    assert nxt.kind == "monitoring"
    assert nxt.earliest is None and nxt.latest is None


def test_window_from_a_leap_day_uses_28_february() -> None:
    nxt = next_inspection(Grade.GOOD, date(2024, 2, 29))
    assert nxt.anniversary == date(2027, 2, 28)
    assert nxt.earliest == date(2026, 8, 28)
    assert nxt.latest == date(2027, 8, 28)


def test_window_from_a_month_end_is_clipped_to_shorter_months() -> None:
    nxt = next_inspection(Grade.REQUIRES_IMPROVEMENT, date(2023, 8, 31))
    assert nxt.anniversary == date(2026, 8, 31)
    assert nxt.earliest == date(2026, 2, 28)
    assert nxt.latest == date(2027, 2, 28)


def test_window_ending_in_august_cannot_take_a_short_inspection_then() -> None:
    # Ended 10 February 2023: the window closes 10 August 2026, in August, when
    # only monitoring and focused visits may start (para 14).
    nxt = next_inspection(Grade.GOOD, date(2023, 2, 10))
    assert nxt.latest == date(2026, 8, 10)
    assert not may_start(nxt.kind, nxt.latest)
    assert may_start(nxt.kind, date(2026, 7, 27))  # Mon 27 - Fri 31 July
    assert may_start("focused_visit", nxt.latest)


def test_fieldwork_that_would_run_into_august_may_not_start() -> None:
    # A short inspection is on site Monday to Friday (para 54): from Fri 31 July it
    # would be on site into August.
    assert not may_start("short", date(2026, 7, 31))
    assert not may_start("short", date(2026, 7, 28))
    # A standard inspection is on site for two weeks (para 52).
    assert may_start("standard", date(2026, 7, 20))  # Mon 20 - Fri 31 July
    assert not may_start("standard", date(2026, 7, 27))  # would run to Fri 7 August
    assert may_start("standard", date(2026, 9, 1))
    # Visits are allowed in August whatever their length.
    assert may_start("focused_visit", date(2026, 7, 31))


@pytest.mark.parametrize("kind", ["standard", "short", "jtai"])
def test_judgement_inspections_do_not_start_in_august(kind: str) -> None:
    assert not may_start(kind, date(2026, 8, 3))
    assert not may_start(kind, date(2026, 8, 31))
    assert may_start(kind, date(2026, 9, 1))


@pytest.mark.parametrize("kind", ["monitoring", "monitoring_visit", "focused", "focused_visit"])
def test_monitoring_and_focused_visits_may_start_in_august(kind: str) -> None:
    assert may_start(kind, date(2026, 8, 3))


@pytest.mark.parametrize(
    ("day", "in_period"),
    [
        (date(2026, 12, 18), False),
        (date(2026, 12, 19), False),
        (date(2026, 12, 20), True),
        (date(2026, 12, 25), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), True),
        (date(2027, 1, 3), True),
        (date(2027, 1, 4), False),
    ],
)
def test_christmas_and_new_year_period_runs_20_december_to_3_january(
    day: date, in_period: bool
) -> None:
    assert in_christmas_and_new_year_period(day) is in_period


@pytest.mark.parametrize(
    "kind", ["standard", "short", "jtai", "monitoring", "monitoring_visit", "focused_visit"]
)
def test_nothing_starts_over_christmas_and_new_year(kind: str) -> None:
    assert not may_start(kind, date(2026, 12, 21))
    assert not may_start(kind, date(2027, 1, 2))
    assert may_start(kind, date(2027, 1, 4))


@pytest.mark.parametrize(
    ("kind", "start", "allowed"),
    [
        # Standard: Mon 14 Dec 2026 + 9 working days runs to Tue 29 Dec (25 and 28 are
        # bank holidays), so it is on site over Christmas (para 14, whole time on site).
        ("standard", date(2026, 12, 14), False),
        ("standard", date(2026, 12, 7), True),  # Mon 7 - Fri 18 December
        ("standard", date(2026, 12, 8), False),  # Tue 8 - Mon 21 December
        ("short", date(2026, 12, 14), True),  # Mon 14 - Fri 18 December
        ("short", date(2026, 12, 15), False),  # Tue 15 - Mon 21 December
        ("focused_visit", date(2026, 12, 18), False),  # Fri 18 and Mon 21 December
        ("focused_visit", date(2026, 12, 17), True),  # Thu 17 and Fri 18 December
        ("monitoring_visit", date(2026, 12, 18), False),
        ("jtai", date(2026, 12, 18), True),  # only the first day is counted
    ],
)
def test_may_start_checks_every_day_on_site_against_christmas(
    kind: str, start: date, allowed: bool
) -> None:
    assert may_start(kind, start) is allowed


def test_fieldwork_days_are_working_days_from_the_first() -> None:
    days = fieldwork_days("standard", date(2026, 12, 14))
    assert len(days) == 10
    assert days[0] == date(2026, 12, 14) and days[-1] == date(2026, 12, 29)
    assert date(2026, 12, 25) not in days and date(2026, 12, 28) not in days
    assert fieldwork_days("short", date(2026, 3, 2))[-1] == date(2026, 3, 6)
    assert fieldwork_days("monitoring_visit", date(2026, 3, 6)) == [
        date(2026, 3, 6), date(2026, 3, 9)
    ]


def test_may_start_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="Unknown kind"):
        may_start("inspection", date(2026, 3, 2))


def test_sef_expected_of_every_la_not_judged_inadequate() -> None:
    for grade in (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT):
        assert sef_expected(grade, date(2026, 6, 1), date(2026, 6, 2))


def test_sef_not_expected_in_first_12_months_after_inadequate() -> None:
    judged = date(2025, 3, 14)
    assert not sef_expected(Grade.INADEQUATE, judged, judged)
    assert not sef_expected(Grade.INADEQUATE, judged, date(2026, 3, 13))
    assert sef_expected(Grade.INADEQUATE, judged, date(2026, 3, 14))


def test_sef_expected_from_twelve_months_after_inadequate_else_at_once() -> None:
    judged = date(2025, 3, 14)
    assert sef_expected_from(Grade.INADEQUATE, judged) == date(2026, 3, 14)
    assert sef_expected_from(Grade.GOOD, judged) == judged


def test_sef_pause_after_inadequate_judged_on_leap_day() -> None:
    judged = date(2024, 2, 29)
    assert not sef_expected(Grade.INADEQUATE, judged, date(2025, 2, 27))
    assert sef_expected(Grade.INADEQUATE, judged, date(2025, 2, 28))


@pytest.mark.parametrize(
    ("meeting", "due"),
    [
        (date(2026, 3, 10), date(2026, 4, 10)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 12, 15), date(2027, 1, 15)),
        (date(2026, 8, 31), date(2026, 9, 30)),
    ],
)
def test_letter_due_one_calendar_month_after_meeting(meeting: date, due: date) -> None:
    assert letter_due(meeting) == due


def test_grade_from_text_keeps_only_four_point_scale() -> None:
    assert grade_from_text("good") is Grade.GOOD
    assert grade_from_text("adequate") is None
    assert grade_from_text("") is None
    assert grade_from_text(None) is None


def test_grade_labels_match_the_published_wording() -> None:
    assert Grade.REQUIRES_IMPROVEMENT.label == "Requires improvement to be good"


def test_inspection_window_state_before_during_and_after() -> None:
    nxt = next_inspection(Grade.GOOD, date(2023, 1, 27))  # window 27 Jul 2025 - 27 Jul 2026
    assert inspection_window_state(nxt, date(2025, 7, 26)) == "not_yet"
    assert inspection_window_state(nxt, date(2025, 7, 27)) == "open"
    assert inspection_window_state(nxt, date(2026, 7, 27)) == "open"
    assert inspection_window_state(nxt, date(2026, 7, 28)) == "passed"
    monitoring = next_inspection(Grade.INADEQUATE, date(2026, 1, 1))
    assert inspection_window_state(monitoring, date(2026, 7, 28)) == "none"


def test_focused_visit_allowance_per_pathway() -> None:
    assert (focused_visit_allowance(1).usual, focused_visit_allowance(1).most) == (1, 2)
    assert (focused_visit_allowance(2).usual, focused_visit_allowance(2).most) == (2, 2)
    assert (focused_visit_allowance(3).usual, focused_visit_allowance(3).most) == (0, 0)
    assert "para 18" in focused_visit_allowance(1).rule
    with pytest.raises(ValueError, match="no pathway 4"):
        focused_visit_allowance(4)


@pytest.mark.parametrize("visits, pathway_number, verdict", [
    (0, 1, "within"), (1, 1, "within"), (2, 1, "more than usual"), (3, 1, "over"),
    (2, 2, "within"), (3, 2, "over"), (0, 3, "not applicable"), (1, 3, "not applicable"),
])
def test_visits_against_allowance(visits: int, pathway_number: int, verdict: str) -> None:
    assert visits_against_allowance(visits, pathway_number) == verdict


def test_aem_due_about_a_year_after_the_last() -> None:
    assert aem_due(date(2026, 3, 12)) == date(2027, 3, 12)
    assert aem_due(date(2024, 2, 29)) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("start", "key", "has_overall"),
    [
        (date(2013, 10, 31), "pre_2013", True),
        (date(2013, 11, 1), "sif", True),
        (date(2017, 12, 31), "sif", True),
        (date(2018, 1, 1), "ilacs_2018", True),
        (date(2022, 12, 31), "ilacs_2018", True),
        (date(2023, 1, 1), "ilacs_2023", True),
        (date(2026, 3, 31), "ilacs_2023", True),
        # Ofsted, 27 November 2025: no overall effectiveness judgement from April 2026.
        (date(2026, 4, 1), "ilacs_2026", False),
        (date(2026, 6, 8), "ilacs_2026", False),
    ],
)
def test_framework_for_the_day_an_inspection_started(
    start: date, key: str, has_overall: bool
) -> None:
    version = framework_for(start)
    assert version.key == key
    assert version.has_overall_judgement is has_overall
    assert ("overall" in version.judgements) is has_overall


def test_care_leavers_are_judged_separately_from_january_2023() -> None:
    assert "care_leavers" not in framework_for(date(2022, 11, 7)).judgements
    assert "care_leavers" in framework_for(date(2023, 1, 9)).judgements
    assert "care_leavers" in framework_for(date(2026, 6, 8)).judgements


def test_a_version_cites_the_edition_and_paragraph_of_a_rule() -> None:
    cited = framework_for(date(2026, 6, 8)).cite("sef")
    assert cited.startswith("ILACS framework (November 2017 edition) paras 29-30")
    assert "April 2026" in cited


def test_lowest_judgement_ignores_blanks() -> None:
    assert lowest_judgement({
        "impact_of_leaders": Grade.INADEQUATE, "help_and_protection": Grade.GOOD,
        "children_in_care": None,
    }) is Grade.INADEQUATE
    assert lowest_judgement({
        "impact_of_leaders": Grade.OUTSTANDING, "children_in_care": Grade.REQUIRES_IMPROVEMENT,
    }) is Grade.REQUIRES_IMPROVEMENT
    assert lowest_judgement({"impact_of_leaders": None}) is None
    assert lowest_judgement({}) is None


def test_sef_pause_counts_12_months_from_the_first_monitoring_visit_when_known() -> None:
    judged, first_visit = date(2026, 6, 19), date(2026, 10, 6)
    # Para 30: not asked until the monitoring visits of the first 12 months are complete.
    assert sef_expected(Grade.INADEQUATE, judged, date(2027, 6, 19))
    assert not sef_expected(Grade.INADEQUATE, judged, date(2027, 6, 19), first_visit)
    assert not sef_expected(Grade.INADEQUATE, judged, date(2027, 10, 5), first_visit)
    assert sef_expected(Grade.INADEQUATE, judged, date(2027, 10, 6), first_visit)
    assert sef_expected_from(Grade.INADEQUATE, judged, first_visit) == date(2027, 10, 6)
    # Any other grade: asked at once, whatever the visits.
    assert sef_expected(Grade.REQUIRES_IMPROVEMENT, judged, judged, first_visit)


def test_action_plan_due_70_working_days_after_the_report() -> None:
    # Para 219. From Mon 3 August 2026: 19 working days left in August (31 August is
    # the summer bank holiday), 22 in September, 22 in October: 63; then 2-6 November
    # (68), Mon 9 (69), Tue 10 November (70).
    assert action_plan_due(date(2026, 8, 3)) == date(2026, 11, 10)


@pytest.mark.parametrize(
    ("held", "expected"), [(0, "not yet"), (3, "not yet"), (4, "due"), (6, "due"), (7, "overdue")]
)
def test_reinspection_expected_after_four_to_six_monitoring_visits(
    held: int, expected: str
) -> None:
    assert reinspection_expected(held) == expected


def test_next_inspection_on_a_pathway_matches_the_grade_rule() -> None:
    end = date(2026, 6, 19)
    assert next_inspection_on_pathway(2, end) == next_inspection(Grade.REQUIRES_IMPROVEMENT, end)
    assert next_inspection_on_pathway(1, end) == next_inspection(Grade.GOOD, end)
    assert next_inspection_on_pathway(3, end).kind == "monitoring"
    with pytest.raises(ValueError):
        next_inspection_on_pathway(4, end)


def test_timing_warning_says_which_period_and_why() -> None:
    christmas = timing_warning("standard", date(2026, 12, 14), "Standard inspection")
    assert christmas == (
        "Standard inspection starting on 14 December 2026 would be on site over the "
        "Christmas and New Year period (ILACS framework para 14). Check the date.")
    august = timing_warning("short", date(2026, 7, 28), "Short inspection")
    assert august is not None and "in August" in august
    assert timing_warning("monitoring_visit", date(2026, 8, 3), "Monitoring visit") is None
    assert timing_warning("standard", date(2026, 12, 7), "Standard inspection") is None
