"""The indicators page's rows: one small view-model between the services and the table.

Every row shows the LA's latest published figure (dated by its year) beside its
statistical neighbours, its Ofsted region and England, with the national rank, LAIT's
quartile band, the published trend and the published-series flags. Where the LA has
uploaded Annex A lists, the uploaded figure stands beside the published one, dated by
its extraction: the two are never merged into one figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dashboard.components.figures import format_count, format_figure, format_value
from dashboard.domain.published_series import BAND_WORDS, Flag, flags_sense
from dashboard.formatting import format_date
from dashboard.services.mi import IndicatorReport, LAIndicators, published_comparators
from dashboard.services.published import MeasureInfo, PublishedRow


@dataclass(frozen=True)
class Cell:
    """A figure on the summary table, in words, and what it is or is built from."""

    value: float | None
    text: str
    #: what the figure is or is built from ("average of 9 of 10 neighbours")
    detail: str = ""
    #: the period or date it is for ("year to 31 March 2025", "lists of 31 October 2026")
    when: str = ""


@dataclass(frozen=True)
class SummaryRow:
    indicator_id: str
    name: str
    better_text: str
    #: the LA's latest published figure and its period; None when no published measure
    published: Cell | None
    #: the LA's latest uploaded figure with its extraction date; None when no upload at all
    uploaded: Cell | None
    neighbours: Cell
    region: Cell
    england: Cell
    band: str | None
    band_text: str | None
    rank: str | None
    #: the published trend, one point per year at the end of its period, oldest first
    trend: list[tuple[date, str, float]]
    #: the uploads' trend, one point per extraction, oldest first
    upload_trend: list[tuple[date, str, float]]
    flags: tuple[Flag, ...]
    flag_sense: str | None
    #: what the row is: the indicator's or measure's definition and sources, for the card
    definition: str
    source: str
    #: what the upload's figure is worked out from ("12 re-referrals / 80 referrals")
    worked_out_from: str = ""


_NO_PUBLISHED = Cell(None, "No figure", "no published figure")


def period_date(measure: MeasureInfo, year: int) -> date:
    """The day a published figure is for: the end of its period in that year."""
    try:
        return datetime.strptime(f"{measure.period_end} {year}", "%d %B %Y").date()
    except ValueError:
        return date(year, 3, 31)


def _published_cells(row: PublishedRow | None, region_name: str) -> dict:
    if row is None:
        return {"published": None, "neighbours": _NO_PUBLISHED, "region": _NO_PUBLISHED,
                "england": _NO_PUBLISHED, "band": None, "band_text": None, "rank": None,
                "trend": [], "flags": (), "flag_sense": None}
    c, unit = row.comparison, row.measure.unit
    period = row.measure.period_text(c.year)
    cells = [Cell(comparator.value, format_figure(comparator.value, unit), comparator.detail,
                  period)
             for comparator in published_comparators(row, region_name)]
    return {
        "published": Cell(c.value, format_figure(c.value, unit), "published", period),
        "neighbours": cells[0], "region": cells[1], "england": cells[2],
        "band": c.band, "band_text": BAND_WORDS[c.band] if c.band else None,
        "rank": c.rank.text if c.rank else None,
        "trend": [(period_date(row.measure, year), format_figure(value, unit), value)
                  for year, value in c.trend],
        "flags": c.flags, "flag_sense": flags_sense(c.flags),
    }


def summary_row(report: IndicatorReport, data: LAIndicators) -> SummaryRow:
    """An Annex A indicator: its upload (if any) beside its published figures."""
    indicator = report.indicator
    uploaded = None
    if data.period_end is not None:
        extracted = f"lists extracted {format_date(data.period_end)}"
        uploaded = (Cell(report.value, format_value(report.value, indicator.unit), "uploaded",
                         extracted)
                    if report.value is not None else
                    Cell(None, "No figure", report.note or "not worked out from the upload",
                         extracted))
    worked_out = ""
    if report.numerator is not None or report.denominator is not None:
        worked_out = (f"{format_count(report.numerator)} {indicator.numerator} / "
                      f"{format_count(report.denominator)} {indicator.denominator}")
    source = f"Annex A lists: {indicator.source}."
    if report.published:
        source += (f" Published figures: {report.published.measure.source_publication} "
                   f"({report.published.measure.licence}).")
    return SummaryRow(
        indicator_id=indicator.id, name=indicator.name, better_text=indicator.better_text,
        uploaded=uploaded,
        upload_trend=[(day, format_value(value, indicator.unit), value)
                      for day, value in report.trend if value is not None],
        definition=indicator.definition, source=source, worked_out_from=worked_out,
        **_published_cells(report.published, data.region_name),
    )


def _better_text(polarity: str) -> str:
    return {"higher_better": "Higher is better",
            "lower_better": "Lower is better"}.get(polarity, "No better direction (context)")


def published_row(row: PublishedRow, data: LAIndicators) -> SummaryRow:
    """A published measure with no Annex A indicator: published figures only."""
    measure = row.measure
    return SummaryRow(
        indicator_id=measure.id, name=measure.name, better_text=_better_text(measure.polarity),
        uploaded=None, upload_trend=[], definition=measure.definition,
        source=f"Published figures: {measure.source_publication} ({measure.licence}).",
        **_published_cells(row, data.region_name),
    )


THEME_ORDER = ("Front door", "Help and protection", "Children in care", "Permanence",
               "Care leavers", "Workforce")


def theme_key(theme: str) -> str:
    """A theme's name as an id: "Help and protection" -> "help-and-protection"."""
    return "-".join(theme.lower().split())


def summary_rows(data: LAIndicators) -> dict[str, list[SummaryRow]]:
    """The summary's rows by theme: the Annex A indicators, each with its published
    figures, in the order they are listed."""
    themes: dict[str, list[SummaryRow]] = {theme: [] for theme in THEME_ORDER}
    for report in data.reports:
        themes.setdefault(report.indicator.theme, []).append(summary_row(report, data))
    for row in data.more_published:  # a theme with no Annex A indicator still shows
        themes.setdefault(row.measure.theme, [])
    return {theme: rows for theme, rows in themes.items()
            if rows or any(r.measure.theme == theme for r in data.more_published)}


def more_rows(data: LAIndicators) -> dict[str, list[SummaryRow]]:
    """LAIT's other published measures by theme (no Annex A indicator behind them), drawn
    when asked for so that the summary opens fast."""
    themes: dict[str, list[SummaryRow]] = {}
    for row in data.more_published:
        themes.setdefault(row.measure.theme, []).append(published_row(row, data))
    return themes


def more_counts(data: LAIndicators) -> dict[str, int]:
    """How many further published measures each theme has (the page draws them later)."""
    counts: dict[str, int] = {}
    for row in data.more_published:
        counts[row.measure.theme] = counts.get(row.measure.theme, 0) + 1
    return counts


def find_row(data: LAIndicators, row_id: str) -> SummaryRow | None:
    """The row with this id, in the summary or the further measures, or None."""
    groups = [*summary_rows(data).values(), *more_rows(data).values()]
    return next((row for rows in groups for row in rows if row.indicator_id == row_id), None)
