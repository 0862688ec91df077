"""Where an LA stands, from its history: pathway, next window, SEF expectation."""

from datetime import date

from dashboard.domain.framework import Grade
from dashboard.domain.la_status import (
    PATHWAY_FROM_GRADE,
    PATHWAY_RECORDED,
    PATHWAY_TO_BE_SET,
    InspectionRecord,
    RecordedPathway,
    filter_history,
    framework_of,
    la_status,
)

TODAY = date(2026, 11, 23)


def inspection(kind: str, start: date, end: date | None, overall: str | None) -> InspectionRecord:
    return InspectionRecord(
        kind=kind, start_date=start, end_date=end, publication_date=None, overall=overall
    )


def visit(kind: str, start: date, theme: str | None = None) -> InspectionRecord:
    return InspectionRecord(
        kind=kind, start_date=start, end_date=None, publication_date=None, visit_theme=theme
    )


def test_latest_judgement_sets_pathway_and_window() -> None:
    history = [
        inspection("standard", date(2019, 2, 18), date(2019, 3, 1), "requires_improvement"),
        inspection("short", date(2023, 9, 11), date(2023, 9, 15), "good"),
        visit("focused_visit", date(2024, 11, 5), "Children in care"),
    ]
    status = la_status(history, TODAY)
    assert status.overall is Grade.GOOD
    assert status.pathway == 1
    assert status.next is not None and status.next.kind == "short"
    assert status.next.earliest == date(2026, 3, 15)
    assert status.focused_visits_since_last == 1
    assert status.sef_expected is True
    assert status.window_counted_from == "end"


def test_missing_overall_grade_leaves_pathway_undetermined_not_guessed() -> None:
    history = [
        inspection("standard", date(2022, 5, 9), date(2022, 5, 20), "good"),
        inspection("standard", date(2026, 5, 11), date(2026, 5, 22), None),
    ]
    status = la_status(history, TODAY)
    assert status.last_judgement is not None and status.last_judgement.start_date == date(
        2026, 5, 11
    )
    assert status.pathway is None and status.overall is None and status.next is None
    assert status.sef_expected is None


def test_no_judgement_on_record() -> None:
    status = la_status([visit("monitoring_visit", date(2025, 1, 6))], TODAY)
    assert status.last_judgement is None and status.pathway is None


def test_inadequate_recently_means_monitoring_and_no_sef_yet() -> None:
    history = [inspection("standard", date(2026, 3, 2), date(2026, 3, 13), "inadequate")]
    status = la_status(history, TODAY)
    assert status.pathway == 3
    assert status.next is not None and status.next.kind == "monitoring"
    assert status.sef_expected is False


def test_window_counted_from_start_when_end_date_unknown() -> None:
    history = [inspection("short", date(2023, 9, 11), None, "outstanding")]
    status = la_status(history, TODAY)
    assert status.window_counted_from == "start"
    assert status.next is not None and status.next.anniversary == date(2026, 9, 11)


def test_visits_before_the_last_judgement_are_not_counted() -> None:
    history = [
        visit("focused_visit", date(2022, 1, 10)),
        inspection("short", date(2023, 9, 11), date(2023, 9, 15), "good"),
        visit("jtai", date(2024, 6, 3)),
        visit("focused_visit", date(2025, 2, 3)),
    ]
    assert la_status(history, TODAY).focused_visits_since_last == 2


def test_filter_history() -> None:
    history = [
        inspection("sif", date(2016, 1, 4), None, None),
        inspection("short", date(2023, 9, 11), date(2023, 9, 15), "good"),
        visit("focused_visit", date(2024, 11, 5)),
        visit("monitoring_visit", date(2025, 1, 5)),
    ]
    assert [r.kind for r in filter_history(history, "judgements")] == ["sif", "short"]
    assert [r.kind for r in filter_history(history, "visits")] == [
        "focused_visit",
        "monitoring_visit",
    ]
    assert len(filter_history(history, "all")) == 4
    assert len(filter_history(history, "anything else")) == 4


def test_judgement_dated_only_by_publication_still_sets_the_pathway() -> None:
    sif = InspectionRecord(
        kind="sif",
        start_date=None,
        end_date=None,
        publication_date=date(2017, 5, 12),
        overall="inadequate",
    )
    status = la_status([sif], TODAY)
    assert status.pathway == 3
    assert status.window_counted_from == "publication"
    assert status.next is not None and status.next.kind == "monitoring"


def test_graded_judgement_with_no_date_keeps_pathway_without_window() -> None:
    undated = InspectionRecord(
        kind="sif", start_date=None, end_date=None, publication_date=None, overall="good"
    )
    status = la_status([undated], TODAY)
    assert status.pathway == 1 and status.next is None and status.sef_expected is None


def test_adequate_from_an_earlier_framework_leaves_pathway_undetermined() -> None:
    old = InspectionRecord(
        kind="sif",
        start_date=date(2013, 6, 3),
        end_date=None,
        publication_date=None,
        overall="adequate",
    )
    status = la_status([old], TODAY)
    assert status.pathway is None and status.overall is None
    assert status.last_judgement is not None and status.last_judgement.overall == "adequate"


def _trafford_2026() -> InspectionRecord:
    """Trafford's June 2026 standard inspection: no overall grade (from April 2026),
    leadership and help and protection inadequate."""
    return InspectionRecord(
        kind="standard", start_date=date(2026, 6, 8), end_date=date(2026, 6, 19),
        publication_date=date(2026, 8, 3), overall=None,
        impact_of_leaders="inadequate", help_and_protection="inadequate",
        children_in_care="good", care_leavers="requires_improvement",
    )


def _recorded(number: int, next_activity: str = "monitoring",
              inspection: InspectionRecord | None = None) -> RecordedPathway:
    answered = inspection or _trafford_2026()
    return RecordedPathway(
        pathway=number, reason="Two judgements inadequate", next_activity=next_activity,
        next_activity_date=date(2026, 10, 6), set_by="Sam Senior", set_on=date(2026, 9, 1),
        inspection_kind=answered.kind, inspection_date=answered.sort_date,
    )


def test_no_overall_grade_shows_every_judgement_and_asks_for_a_pathway() -> None:
    status = la_status([_trafford_2026()], TODAY)
    assert status.framework is not None and status.framework.key == "ilacs_2026"
    assert status.pathway is None and status.pathway_to_be_set
    assert status.pathway_basis == PATHWAY_TO_BE_SET
    assert status.judgements == {
        "impact_of_leaders": Grade.INADEQUATE, "help_and_protection": Grade.INADEQUATE,
        "children_in_care": Grade.GOOD, "care_leavers": Grade.REQUIRES_IMPROVEMENT,
    }
    assert status.inadequate_judgements == ("impact_of_leaders", "help_and_protection")
    assert status.lowest is Grade.INADEQUATE
    assert status.next is None and status.sef_expected is None


def test_recorded_pathway_3_drives_monitoring_and_pauses_the_sef() -> None:
    status = la_status([_trafford_2026()], TODAY, recorded=_recorded(3),
                       planned_monitoring=[date(2027, 1, 12), date(2026, 10, 6)])
    assert status.pathway == 3 and status.pathway_basis == PATHWAY_RECORDED
    assert status.recorded is not None and status.recorded.set_by == "Sam Senior"
    assert not status.pathway_to_be_set
    assert status.next is not None and status.next.kind == "monitoring"
    # Para 30, no monitoring visit held yet: counted from the judgement, 19 June 2026.
    assert status.sef_expected is False
    assert status.monitoring is not None
    assert status.monitoring.action_plan_due == date(2026, 11, 10)  # para 219
    assert status.monitoring.held == ()
    assert status.monitoring.planned == (date(2026, 10, 6), date(2027, 1, 12))
    assert status.monitoring.reinspection == "not yet"


def test_first_monitoring_visit_held_moves_the_sef_pause() -> None:
    history = [_trafford_2026(), visit("monitoring_visit", date(2026, 10, 6))]
    before = la_status(history, date(2027, 6, 20), recorded=_recorded(3))
    assert before.first_monitoring_visit == date(2026, 10, 6)
    assert before.sef_expected is False  # 12 months from 6 October 2026
    assert before.sef_expected_from == date(2027, 10, 6)
    assert la_status(history, date(2027, 10, 6), recorded=_recorded(3)).sef_expected is True
    assert before.monitoring is not None and before.monitoring.held == (date(2026, 10, 6),)


def test_recorded_pathway_2_sets_the_window_as_a_derived_one_would() -> None:
    status = la_status([_trafford_2026()], TODAY, recorded=_recorded(2, "standard"))
    derived = la_status(
        [inspection("standard", date(2026, 6, 8), date(2026, 6, 19), "requires_improvement")],
        TODAY,
    )
    assert status.next == derived.next
    assert status.next is not None and status.next.anniversary == date(2029, 6, 19)
    assert status.sef_expected is True and status.monitoring is None


def test_a_pathway_recorded_for_an_older_inspection_does_not_carry_over() -> None:
    older = inspection("short", date(2026, 4, 27), date(2026, 5, 1), None)
    status = la_status([older, _trafford_2026()], TODAY, recorded=_recorded(2, inspection=older))
    assert status.pathway is None and status.pathway_to_be_set and status.recorded is None


def test_an_overall_grade_wins_over_any_recorded_pathway() -> None:
    graded = inspection("standard", date(2026, 3, 2), date(2026, 3, 13), "good")
    status = la_status([graded], TODAY, recorded=_recorded(3, inspection=graded))
    assert status.pathway == 1 and status.pathway_basis == PATHWAY_FROM_GRADE
    assert status.recorded is None


def test_framework_of_an_inspection_by_its_first_day_or_its_kind() -> None:
    assert framework_of(_trafford_2026()).key == "ilacs_2026"
    assert framework_of(inspection("short", date(2023, 9, 11), None, "good")).key == "ilacs_2023"
    # A SIF report published after ILACS began is still a SIF inspection.
    sif = InspectionRecord(kind="sif", start_date=None, end_date=None,
                           publication_date=date(2018, 5, 9))
    assert framework_of(sif).key == "sif"
    assert framework_of(visit("focused_visit", date(2019, 6, 3))).key == "ilacs_2018"
