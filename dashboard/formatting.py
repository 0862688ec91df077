"""How dates, grades and kinds read on screen: the wording users see everywhere."""

from __future__ import annotations

from datetime import date, datetime

from dashboard.clock import england_date, in_england, today_in_england
from dashboard.domain.dates import long_date
from dashboard.domain.framework import (
    GRADE_LABELS,
    INSPECTION_KIND_LABELS,
    NextInspection,
    inspection_window_state,
)
from dashboard.domain.la_status import LAStatus

NEXT_KIND_LABELS = {
    "short": "Short inspection",
    "standard": "Standard inspection",
    "monitoring": "Monitoring visits, then re-inspection",
}


def format_date(day: date | None) -> str:
    """GOV.UK style: 14 March 2025."""
    return long_date(day) if day else "Not known"


def format_date_time(moment: datetime) -> str:
    """UK time, GOV.UK style: 14 March 2025 at 09:30. Stored times are UTC."""
    local = in_england(moment)
    return f"{format_date(local.date())} at {local:%H:%M}"


def format_uk_date(moment: datetime) -> str:
    """The UK calendar day of a stored (UTC) time, GOV.UK style."""
    return format_date(england_date(moment))


def grade_label(value: str | None) -> str:
    return GRADE_LABELS.get(value or "", "Not graded")


def kind_label(kind: str) -> str:
    return INSPECTION_KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def pathway_label(pathway: int | None) -> str:
    return f"Pathway {pathway}" if pathway else "Undetermined"


#: Where the latest inspection gave no overall grade and no pathway is recorded yet.
PATHWAY_TO_BE_SET_LABEL = "Pathway to be set"
#: What the timings that follow from the pathway say until it is set.
WHEN_PATHWAY_SET = "When the pathway is set"


def pathway_status_label(status: LAStatus) -> str:
    """"Pathway 2", "Pathway 2 (set by Sam Senior)", "Pathway to be set"; "Undetermined"
    only with no judgement inspection or a grade of an earlier framework."""
    if status.pathway_to_be_set:
        return PATHWAY_TO_BE_SET_LABEL
    if status.recorded is not None and status.pathway:
        return f"Pathway {status.pathway} (set by {status.recorded.set_by})"
    return pathway_label(status.pathway)


def next_inspection_status_label(status: LAStatus, today: date | None = None) -> str:
    """``next_inspection_label``, or "When the pathway is set" while it is to be set."""
    if status.pathway_to_be_set:
        return WHEN_PATHWAY_SET
    return next_inspection_label(status.next, today)


WINDOW_STATE_LABELS = {
    "not_yet": "",
    "open": " (window open now)",
    "passed": " (window passed; no later judgement inspection on record)",
    "none": "",
}


def next_inspection_label(nxt: NextInspection | None, today: date | None = None) -> str:
    if nxt is None:
        return "Undetermined"
    if nxt.earliest is None or nxt.latest is None:
        return NEXT_KIND_LABELS[nxt.kind]
    state = inspection_window_state(nxt, today or today_in_england())
    return (
        f"{NEXT_KIND_LABELS[nxt.kind]}, usually between {format_date(nxt.earliest)} "
        f"and {format_date(nxt.latest)}{WINDOW_STATE_LABELS[state]}"
    )
