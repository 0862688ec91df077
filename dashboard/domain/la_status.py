"""Where an LA stands in the ILACS cycle, worked out from its inspection history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.domain.framework import (
    JUDGEMENT_INSPECTION_KINDS,
    Grade,
    NextInspection,
    grade_from_text,
    next_inspection,
    pathway,
    sef_expected,
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
class LAStatus:
    """The LA's latest judgement and what follows from it.

    ``overall``, ``pathway`` and ``next`` are None when the latest judgement
    inspection has no overall grade on the four-point scale: the pathway is then
    undetermined, never guessed from an older grade. ``next`` and ``sef_expected``
    are also None when that inspection has no date at all. ``window_counted_from``
    says which of its dates the window is counted from: "end", "start" or
    "publication".
    """

    last_judgement: InspectionRecord | None
    overall: Grade | None
    pathway: int | None
    next: NextInspection | None
    sef_expected: bool | None
    focused_visits_since_last: int
    window_counted_from: str | None


def history_in_order(records: list[InspectionRecord]) -> list[InspectionRecord]:
    """Oldest first."""
    return sorted(records, key=lambda r: (r.sort_date, r.kind))


def latest_judgement_inspection(records: list[InspectionRecord]) -> InspectionRecord | None:
    """The most recent inspection that gives judgements (paras 17, 20, 22)."""
    judgements = [r for r in records if r.kind in JUDGEMENT_INSPECTION_KINDS]
    return history_in_order(judgements)[-1] if judgements else None


def la_status(records: list[InspectionRecord], today: date) -> LAStatus:
    """Pathway (paras 17-24), next inspection (para 13) and SEF expectation (para 30)."""
    last = latest_judgement_inspection(records)
    since = last.sort_date if last else date.min
    visits_since = sum(
        1 for r in records if r.kind in ("focused_visit", "jtai") and r.sort_date > since
    )
    overall = grade_from_text(last.overall) if last else None
    if last is None or overall is None:
        return LAStatus(
            last_judgement=last,
            overall=None,
            pathway=None,
            next=None,
            sef_expected=None,
            focused_visits_since_last=visits_since,
            window_counted_from=None,
        )
    judged_on = last.judged_on
    return LAStatus(
        last_judgement=last,
        overall=overall,
        pathway=pathway(overall),
        next=next_inspection(overall, judged_on) if judged_on else None,
        sef_expected=sef_expected(overall, judged_on, today) if judged_on else None,
        focused_visits_since_last=visits_since,
        window_counted_from=last.judged_on_basis,
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
