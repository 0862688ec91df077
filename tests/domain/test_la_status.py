"""Where an LA stands, from its history: pathway, next window, SEF expectation."""

from datetime import date

from dashboard.domain.framework import Grade
from dashboard.domain.la_status import InspectionRecord, filter_history, la_status

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
