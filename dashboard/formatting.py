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
