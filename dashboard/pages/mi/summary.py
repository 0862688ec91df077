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

from dashboard.clock import today_in_england
from dashboard.components.figures import format_count, format_figure, format_value
from dashboard.domain.published_series import (
    BAND_WORDS,
    POSITION_SHORT,
    Flag,
    currency_notice,
    flags_sense,
    mark_text,
)
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
    #: what stands behind the published figure, in words: its counts, a suppression mark,
    #: a joint return, where it sits in England's funnel for its size (with the numbers)
    published_notes: tuple[str, ...] = ()
    #: the same for the summary table: the funnel position in a few words
    published_lines: tuple[str, ...] = ()
    #: why there is no band or rank for a measure with a direction
    no_band_reason: str = ""
    #: said when DfE's next release is due and these figures are older
    currency: str | None = None
    #: the published figures' release and when DfE last updated and next updates them
    release_text: str = ""
    #: the direction of "better" and why (the measure's reviewed direction)
    direction_reason: str = ""
    #: True when the published measure has counts behind it: a funnel plot can be drawn
    has_funnel: bool = False


_NO_PUBLISHED = Cell(None, "No figure", "no published figure")


def period_date(measure: MeasureInfo, year: int) -> date:
    """The day a published figure is for: the end of its period in that year."""
    try:
        return datetime.strptime(f"{measure.period_end} {year}", "%d %B %Y").date()
    except ValueError:
        return date(year, 3, 31)


def published_notes(row: PublishedRow, short: bool = False) -> tuple[str, ...]:
    """What stands behind an LA's published figure: the counts DfE publishes, its mark
    where the figure is suppressed, a joint return, and where it sits in England's funnel
    (``short``: the position in a few words, for the summary table)."""
    c, measure = row.comparison, row.measure
    notes = []
    if c.value is None and c.mark:
        notes.append(mark_text(c.mark)[:1].upper() + mark_text(c.mark)[1:])
    if c.numerator is not None and c.denominator is not None:
        notes.append(f"{format_count(c.numerator)} {measure.numerator_label or ''} of "
                     f"{format_count(c.denominator)} {measure.denominator_label or ''}"
                     .replace("  ", " ").strip())
    elif c.denominator is not None:
        notes.append(f"of {format_count(c.denominator)} {measure.denominator_label or ''}"
                     .strip())
    if c.joint_with:
        partner = row.joint_name or f"LA {c.joint_with}"
        notes.append(f"Joint figure with {partner}: one return for both LAs")
    if c.england_check:
        notes.append(POSITION_SHORT[c.england_position]
                     if short and c.england_position else c.england_check)
    return tuple(notes)


def release_text(measure: MeasureInfo) -> str:
    """Where the published figures come from and how current they are."""
    parts = [measure.release or measure.source_publication]
    if measure.last_update:
        parts.append(f"updated {format_date(measure.last_update)}")
    if measure.next_update:
        parts.append(f"next update due {format_date(measure.next_update)}")
    if measure.snapshot:
        parts.append(f"source snapshot {measure.snapshot.split(' ', 1)[-1][:10]}")
    return "; ".join(parts)


def _published_cells(row: PublishedRow | None, region_name: str,
                     today: date | None = None) -> dict:
    if row is None:
        return {"published": None, "neighbours": _NO_PUBLISHED, "region": _NO_PUBLISHED,
                "england": _NO_PUBLISHED, "band": None, "band_text": None, "rank": None,
                "trend": [], "flags": (), "flag_sense": None}
    c, unit = row.comparison, row.measure.unit
    period = row.measure.period_text(c.year)
    today = today or today_in_england()
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
        "published_notes": published_notes(row),
        "published_lines": published_notes(row, short=True),
        "no_band_reason": c.no_band_reason,
        "currency": currency_notice(row.measure.next_update, today, period),
        "release_text": release_text(row.measure),
        "direction_reason": row.measure.polarity_reason or "",
        "has_funnel": bool(row.measure.scale) and c.denominator is not None,
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


def currency_notices(data: LAIndicators) -> list[tuple[str, list[str]]]:
    """Each "a newer release is due" notice once, with the measures it touches, for the
    top of the page (the same words stand in each measure's card)."""
    notices: dict[str, list[str]] = {}
    rows = [row for rows in (*summary_rows(data).values(), *more_rows(data).values())
            for row in rows]
    for row in rows:
        if row.currency:
            notices.setdefault(row.currency, []).append(row.name)
    return list(notices.items())
