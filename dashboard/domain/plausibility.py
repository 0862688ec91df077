"""Is an uploaded figure plausible beside the LA's own published one? (DESIGN.md section 3)

An LA's Annex A lists and DfE's published statistics count the same children, a year or
so apart, so an uploaded figure far from the LA's own published figure for the same
measure usually means lists that are incomplete (a list cut short, a filter left on) or
that hold something twice, not a service that changed five-fold. The upload is not
refused for it: the rule gives a warning that says both figures and what to check.

One rule, ``half_to_twice_the_published_figure``; its words, for the definitions page,
are ``HALF_TO_TWICE_RULE``.

Warnings and notes name indicators, figures and counts only, never a child.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.domain.indicators import (
    CHILDREN_PER_WORKER,
    DAYS,
    INDICATORS,
    PER_10K,
    PERCENT,
    Indicator,
    IndicatorValue,
)

#: The kind of warning (``dashboard.domain.warning_impact``): each such warning touches
#: its own indicator, whose id is the warning's column key.
PLAUSIBILITY = "plausibility"
WARNING = "warning"
NOTE = "note"
#: A figure compared and found within half to twice: said too, to show the working.
WITHIN = "within"

#: Fewer children or events than this behind an uploaded figure: it is not compared.
FEWEST_BEHIND = 20
LOWEST_SHARE, HIGHEST_SHARE = 0.5, 2.0

HALF_TO_TWICE_RULE = (
    "Each uploaded figure is compared with the local authority's own latest published "
    "figure for the same measure, where the two have the same unit: a figure below half "
    "of the published one, or above twice it, is a warning to check the lists (the upload "
    "is still stored). It is not compared, and a note says so, when the published figure "
    f"is 0 or not published for the LA, or when fewer than {FEWEST_BEHIND} children or "
    "events stand behind the uploaded figure: the denominator of a percentage, the count "
    "of a rate per 10,000, and the children counted in an average (children placed for "
    "adoption; children allocated, for a caseload)."
)


@dataclass(frozen=True)
class PublishedFigure:
    """The LA's own latest published figure of one measure (None: not published)."""

    value: float | None
    unit: str
    #: what it is for, in the publication's words: "year to 31 March 2025"
    period: str


@dataclass(frozen=True)
class Finding:
    """A warning (outside half to twice), a figure within them, or a note (not compared,
    and why)."""

    indicator_id: str
    severity: str  # WARNING, WITHIN or NOTE
    message: str


#: Units as the indicators and the published measures word them, by what they measure.
_UNIT_WORDS = (("%", PERCENT), ("per 10,000", PER_10K), ("day", DAYS),
               ("per social worker", CHILDREN_PER_WORKER), ("per fte", CHILDREN_PER_WORKER))


def unit_kind(unit: str) -> str | None:
    """What a unit measures, however it is worded: "Rate per 10,000" and "per 10,000
    children" are one unit; "% of leavers" and "%" another. None: not known."""
    words = unit.lower()
    return next((kind for found, kind in _UNIT_WORDS if found in words), None)


def _behind(indicator: Indicator, value: IndicatorValue) -> float | None:
    """How many children or events stand behind an uploaded figure."""
    kind = unit_kind(indicator.unit)
    if kind in (PERCENT, DAYS):  # a share of the denominator; days averaged over it
        return value.denominator
    return value.numerator  # a rate's count; the children of a caseload


def _what_behind(indicator: Indicator) -> str:
    return (indicator.denominator if unit_kind(indicator.unit) in (PERCENT, DAYS)
            else indicator.numerator)


def _figure(number: float, unit: str) -> str:
    return f"{number:,.1f}{'%' if unit_kind(unit) == PERCENT else ''}"


def _count(number: float) -> str:
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.1f}"


def half_to_twice_the_published_figure(
    values: Mapping[str, IndicatorValue],
    published: Mapping[str, PublishedFigure],
    indicators: Sequence[Indicator] = INDICATORS,
) -> list[Finding]:
    """Each uploaded figure against the LA's own latest published figure of the same
    measure and unit: a warning when it is below half or above twice the published figure
    (the bounds themselves pass), a WITHIN finding with both figures when it is within
    them, a note when it cannot be compared (the published figure
    is 0 or missing, or fewer than ``FEWEST_BEHIND`` children or events stand behind the
    uploaded figure). Indicators with no published measure, or none uploaded, or whose
    units differ, are not compared and get nothing. In the order of ``indicators``.
    """
    findings: list[Finding] = []
    for indicator in indicators:
        value, figure = values.get(indicator.id), published.get(indicator.id)
        if value is None or value.value is None or figure is None:
            continue
        kind = unit_kind(indicator.unit)
        if kind is None or kind != unit_kind(figure.unit):
            continue
        name, uploaded = indicator.name, _figure(value.value, indicator.unit)
        if figure.value is None:
            findings.append(Finding(indicator.id, NOTE, (
                f"{name}: {uploaded} from this upload, not compared: there is no published "
                f"figure for the local authority for the {figure.period}.")))
            continue
        shown = _figure(figure.value, indicator.unit)
        if figure.value == 0:
            findings.append(Finding(indicator.id, NOTE, (
                f"{name}: {uploaded} from this upload, not compared: the published figure "
                f"for the {figure.period} is {shown}, so half or twice it says nothing.")))
            continue
        behind = _behind(indicator, value)
        if behind is None or behind < FEWEST_BEHIND:
            many = "not known" if behind is None else _count(behind)
            findings.append(Finding(indicator.id, NOTE, (
                f"{name}: {uploaded} from this upload, not compared with the {shown} "
                f"published for the {figure.period}: too few behind it "
                f"({_what_behind(indicator)}: {many}; a comparison needs at least "
                f"{FEWEST_BEHIND}).")))
            continue
        if value.value < LOWEST_SHARE * figure.value:
            advice = "check the lists are complete."
        elif value.value > HIGHEST_SHARE * figure.value:
            advice = ("check the lists hold nothing twice and nothing from outside their "
                      "period.")
        else:
            findings.append(Finding(indicator.id, WITHIN, (
                f"{name}: {uploaded} from this upload, {shown} published for the "
                f"{figure.period}: within half to twice it.")))
            continue
        findings.append(Finding(indicator.id, WARNING, (
            f"{name}: {uploaded} from this upload, {shown} published for the "
            f"{figure.period}: {advice}")))
    return findings
