"""The indicators page's summary rows: one small view-model between the indicator report
and the table, so that published series, national rank and LAIT bands from the published
data can be plugged in later without touching the page's builders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.domain.comparators import BAND_WORDS
from dashboard.services.mi import IndicatorReport, LAIndicators


@dataclass(frozen=True)
class Cell:
    """A figure on the summary table and, when it is an average, what it is built from."""
    value: float | None
    detail: str = ""


@dataclass(frozen=True)
class SummaryRow:
    indicator_id: str
    name: str
    unit: str
    better_text: str
    la: Cell
    neighbours: Cell
    region: Cell
    england: Cell
    band: str | None
    band_text: str | None
    #: national rank, 1 = best, and out of how many LAs; None until published ranks exist
    rank: tuple[int, int] | None
    #: the points a sparkline draws, oldest first (the LA's uploads until published series)
    trend: list[tuple[date, float]]
    flag: str


def _comparator(report: IndicatorReport, index: int) -> Cell:
    if index >= len(report.comparators):
        return Cell(None, "no published figure")
    c = report.comparators[index]
    return Cell(c.value, c.detail)


def summary_row(report: IndicatorReport) -> SummaryRow:
    """One indicator's summary, from what the report holds today."""
    indicator = report.indicator
    return SummaryRow(
        indicator_id=indicator.id,
        name=indicator.name,
        unit=indicator.unit,
        better_text=indicator.better_text,
        la=Cell(report.value, "" if report.value is not None else report.note),
        neighbours=_comparator(report, 0),
        region=_comparator(report, 1),
        england=_comparator(report, 2),
        band=report.band,
        band_text=BAND_WORDS[report.band] if report.band else None,
        rank=None,
        trend=[(day, value) for day, value in report.trend if value is not None],
        flag=report.outlier,
    )


def summary_rows(data: LAIndicators) -> dict[str, list[SummaryRow]]:
    """The rows by theme, in the order the indicators are listed."""
    themes: dict[str, list[SummaryRow]] = {}
    for report in data.reports:
        themes.setdefault(report.indicator.theme, []).append(summary_row(report))
    return themes
