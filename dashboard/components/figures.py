"""An indicator's figure in words, the same wherever it is shown."""

from __future__ import annotations

from dashboard.domain.indicators import CHILDREN_PER_WORKER, DAYS, PER_10K, PERCENT


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "No figure"
    if unit == PERCENT:
        return f"{value:.1f}%"
    if unit == PER_10K:
        return f"{value:,.1f} per 10,000"
    if unit == DAYS:
        return f"{value:,.0f} days"
    if unit == CHILDREN_PER_WORKER:
        return f"{value:.1f} children per worker"
    return f"{value:,.1f}"


def format_count(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def format_figure(value: float | None, unit: str) -> str:
    """A published (LAIT) figure in words: its units are DfE's ("% of care leavers",
    "Rate per 10,000", "cases per FTE", "Score")."""
    if value is None:
        return "No figure"
    lowered = unit.lower()
    if lowered.startswith("%"):
        return f"{value:.1f}%"
    if "per 10,000" in lowered:
        return f"{value:,.1f} per 10,000"
    if "per fte" in lowered:
        return f"{value:.1f} cases per FTE"
    return f"{value:,.1f}"
