"""Where an LA stands in the ILACS cycle, worked out from its inspection history.

Where the latest inspection has an overall grade, the pathway follows from it (ILACS
framework paras 17-24). From April 2026 there is none (Ofsted, 27 November 2025) and
the rules that replace it are not in our sources, so the region's senior HMI records
the pathway (``RecordedPathway``) and it is then followed exactly as a derived one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dashboard.domain.framework import (
    FRAMEWORK_VERSIONS,
    JUDGEMENT_INSPECTION_KINDS,
    FrameworkVersion,
    Grade,
    NextInspection,
    action_plan_due,
    framework_for,
    grade_from_text,
    lowest_judgement,
    next_inspection_on_pathway,
    pathway,
    reinspection_expected,
    sef_expected_from_on_pathway,
    sef_expected_on_pathway,
)


@dataclass(frozen=True)
class InspectionRecord:
    """One published inspection or visit, as the rules need it."""

    kind: str
    start_date: date | None
    end_date: date | None
    publication_date: date | None
    overall: str | None = None
    impact_of_leaders: str | None = None
    help_and_protection: str | None = None
    children_in_care: str | None = None
    care_leavers: str | None = None
    visit_theme: str | None = None
    grade_note: str | None = None
    #: Who entered a visit our published sources do not list yet; None for published ones.
    entered_by: str | None = None

    @property
    def sort_date(self) -> date:
        return self.start_date or self.end_date or self.publication_date or date.min

    @property
    def judged_on(self) -> date | None:
        """The last day of fieldwork; else the first; else the report's publication."""
        return self.end_date or self.start_date or self.publication_date

    @property
    def judged_on_basis(self) -> str | None:
        """Which date ``judged_on`` is: "end", "start" or "publication"."""
        if self.end_date:
            return "end"
        if self.start_date:
            return "start"
        return "publication" if self.publication_date else None


@dataclass(frozen=True)
class RecordedPathway:
    """The pathway and next activity the region's senior HMI recorded for an LA whose
    latest inspection has no overall grade, and the inspection it answers."""

    pathway: int
    reason: str
    next_activity: str
    next_activity_date: date | None
    set_by: str
    set_on: date
    inspection_kind: str
    inspection_date: date

    def answers(self, inspection: InspectionRecord) -> bool:
        """Whether this decision was made for ``inspection`` (a newer one needs its own)."""
        return (self.inspection_kind, self.inspection_date) == (
            inspection.kind, inspection.sort_date
        )


#: How the pathway was arrived at.
PATHWAY_FROM_GRADE = "overall grade"
PATHWAY_RECORDED = "recorded"
PATHWAY_TO_BE_SET = "to be set"
PATHWAY_NO_INSPECTION = "no inspection"


@dataclass(frozen=True)
class MonitoringPicture:
    """Pathway 3: action plan, monitoring visits and re-inspection (paras 22, 112-129, 219)."""

    action_plan_due: date | None
    held: tuple[date, ...]
    planned: tuple[date, ...]
    reinspection: str


@dataclass(frozen=True)
class LAStatus:
    """The LA's latest judgement and what follows from it.

    ``pathway`` comes from the overall grade, or from the senior HMI's record where
    the latest inspection has none (``pathway_basis`` says which); until one is
    recorded it is None and ``pathway_basis`` is "to be set", never guessed from an
    older grade or the other judgements. ``next`` and ``sef_expected`` are None
    without a pathway or when the inspection has no date at all.
    ``window_counted_from`` says which of its dates the window is counted from:
    "end", "start" or "publication".
    """

    last_judgement: InspectionRecord | None
    overall: Grade | None
    pathway: int | None
    next: NextInspection | None
    sef_expected: bool | None
    focused_visits_since_last: int
    window_counted_from: str | None
    pathway_basis: str = PATHWAY_NO_INSPECTION
    framework: FrameworkVersion | None = None
    judgements: dict[str, Grade | None] | None = None
    inadequate_judgements: tuple[str, ...] = ()
    lowest: Grade | None = None
    recorded: RecordedPathway | None = None
    first_monitoring_visit: date | None = None
    monitoring: MonitoringPicture | None = None
    sef_expected_from: date | None = None

    @property
    def pathway_to_be_set(self) -> bool:
        """A task for the region's senior HMI: no overall grade and no recorded pathway."""
        return self.pathway_basis == PATHWAY_TO_BE_SET


def history_in_order(records: list[InspectionRecord]) -> list[InspectionRecord]:
    """Oldest first."""
    return sorted(records, key=lambda r: (r.sort_date, r.kind))


def latest_judgement_inspection(records: list[InspectionRecord]) -> InspectionRecord | None:
    """The most recent inspection that gives judgements (paras 17, 20, 22)."""
    judgements = [r for r in records if r.kind in JUDGEMENT_INSPECTION_KINDS]
    return history_in_order(judgements)[-1] if judgements else None


def framework_of(inspection: InspectionRecord) -> FrameworkVersion:
    """The framework version an inspection was made under: by its first day, except
    that a SIF or pre-2013 report names its framework (a SIF report could be
    published in 2018, after ILACS began)."""
    by_kind = {v.key: v for v in FRAMEWORK_VERSIONS}.get(inspection.kind)
    return by_kind or framework_for(inspection.start_date or inspection.judged_on or date.min)


def graded_judgements(inspection: InspectionRecord) -> dict[str, Grade | None]:
    """The judgements other than overall effectiveness that the inspection's framework
    grades, each with its grade on the four-point scale or None (paras 96-97)."""
    return {
        key: grade_from_text(getattr(inspection, key, None))
        for key in framework_of(inspection).judgements
        if key != "overall"
    }


def la_status(
    records: list[InspectionRecord],
    today: date,
    recorded: RecordedPathway | None = None,
    planned_monitoring: Iterable[date] = (),
) -> LAStatus:
    """Pathway (paras 17-24), next inspection (para 13), SEF expectation (para 30) and,
    on pathway 3, the monitoring picture (paras 22, 112-129, 219).

    ``recorded`` is the senior HMI's decision for the latest inspection, if any; it is
    used only where that inspection has no overall grade and only for the inspection
    it answers. ``planned_monitoring`` are the monitoring visits inspectors planned.
    """
    last = latest_judgement_inspection(records)
    since = last.sort_date if last else date.min
    visits_since = sum(
        1 for r in records if r.kind in ("focused_visit", "jtai") and r.sort_date > since
    )
    if last is None:
        return LAStatus(
            last_judgement=None, overall=None, pathway=None, next=None, sef_expected=None,
            focused_visits_since_last=visits_since, window_counted_from=None,
        )
    judgements = graded_judgements(last)
    overall = grade_from_text(last.overall)
    applies = recorded if recorded is not None and recorded.answers(last) else None
    if overall is not None:
        number, basis, applies = pathway(overall), PATHWAY_FROM_GRADE, None
    elif applies is not None:
        number, basis = applies.pathway, PATHWAY_RECORDED
    else:
        number, basis = None, PATHWAY_TO_BE_SET
    monitoring_held = tuple(sorted(
        r.sort_date for r in records if r.kind == "monitoring_visit" and r.sort_date > since
    ))
    first_monitoring = monitoring_held[0] if monitoring_held else None
    judged_on = last.judged_on
    return LAStatus(
        last_judgement=last,
        overall=overall,
        pathway=number,
        next=next_inspection_on_pathway(number, judged_on) if number and judged_on else None,
        sef_expected=(
            sef_expected_on_pathway(number, judged_on, today, first_monitoring)
            if number and judged_on else None
        ),
        focused_visits_since_last=visits_since,
        window_counted_from=last.judged_on_basis,
        pathway_basis=basis,
        framework=framework_of(last),
        judgements=judgements,
        inadequate_judgements=tuple(k for k, g in judgements.items() if g is Grade.INADEQUATE),
        lowest=lowest_judgement(judgements),
        recorded=applies,
        first_monitoring_visit=first_monitoring,
        monitoring=(
            MonitoringPicture(
                action_plan_due=(
                    action_plan_due(last.publication_date) if last.publication_date else None
                ),
                held=monitoring_held,
                planned=tuple(sorted(planned_monitoring)),
                reinspection=reinspection_expected(len(monitoring_held)),
            )
            if number == 3 else None
        ),
        sef_expected_from=(
            sef_expected_from_on_pathway(number, judged_on, first_monitoring)
            if number and judged_on else None
        ),
    )


HISTORY_FILTERS: dict[str, frozenset[str] | None] = {
    "all": None,
    "judgements": JUDGEMENT_INSPECTION_KINDS | {"pre_2013"},
    "visits": frozenset({"focused_visit", "monitoring_visit", "jtai"}),
}


def filter_history(records: list[InspectionRecord], which: str) -> list[InspectionRecord]:
    """Judgement inspections, visits, or everything; unknown filters show everything."""
    kinds = HISTORY_FILTERS.get(which)
    return list(records) if kinds is None else [r for r in records if r.kind in kinds]
