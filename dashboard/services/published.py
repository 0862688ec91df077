"""An LA's published figures for every measure, compared and flagged, ready for the page.

LAIS brings everything known about an LA into one record (ILACS framework para 5): this
answers the inspector's first question about any LA without an upload. One session; the
same access check as the LA profile (Action.VIEW_LA).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from dashboard.access import Principal
from dashboard.domain.published_series import (
    SETTINGS,
    AreaFigure,
    Comparison,
    FlagSettings,
    compare,
    measure_theme,
    rule_texts,
)
from dashboard.services.la_profiles import load_visible_la
from dashboard.storage.db import session_scope
from dashboard.storage.models import LocalAuthority, PublishedMeasure, PublishedSeriesValue

ENGLAND = "970"


@dataclass(frozen=True)
class MeasureInfo:
    id: str
    name: str
    definition: str
    unit: str
    polarity: str
    period_end: str
    source_publication: str
    source: str
    licence: str
    theme: str

    def period_text(self, year: int) -> str:
        """When a figure is for, in the publication's words: "year to 31 March 2025"."""
        return f"year to {self.period_end} {year}" if self.period_end else str(year)


@dataclass(frozen=True)
class PublishedRow:
    measure: MeasureInfo
    comparison: Comparison


@dataclass(frozen=True)
class PublishedFigures:
    la_code: str
    la_name: str
    region_code: str
    region_name: str
    rows: list[PublishedRow]
    #: Each flag rule with its threshold, keyed by the flags' ``rule``.
    rules: dict[str, str]


def _info(measure: PublishedMeasure) -> MeasureInfo:
    return MeasureInfo(measure.id, measure.name, measure.definition, measure.unit,
                       measure.polarity, measure.period_end, measure.source_publication,
                       measure.source, measure.licence, measure_theme(measure.id))


@dataclass(frozen=True)
class _Series:
    """What the comparisons need, read once: every measure, every year of the wanted areas
    and every LA's last two years (for ranks, bands and the typical change)."""

    measures: list[MeasureInfo]
    figures: dict[str, dict[tuple[str, int], AreaFigure]]
    la_codes: list[str]


def _load_series(session: Session, area_codes: set[str]) -> _Series:
    value = PublishedSeriesValue
    latest = (select(value.measure_id, func.max(value.year).label("year"))
              .group_by(value.measure_id).subquery())
    query = (select(value.measure_id, value.area_code, value.year, value.value,
                    value.published, value.n_areas)
             .join(latest, latest.c.measure_id == value.measure_id)
             .where(or_(value.area_code.in_(sorted(area_codes)),
                        value.year >= latest.c.year - 1)))
    figures: dict[str, dict[tuple[str, int], AreaFigure]] = {}
    for measure_id, area_code, year, figure, published, count in session.execute(query):
        figures.setdefault(measure_id, {})[(area_code, year)] = AreaFigure(figure, published,
                                                                            count)
    measures = [_info(m) for m in
                session.scalars(select(PublishedMeasure).order_by(PublishedMeasure.id))]
    la_codes = list(session.scalars(select(LocalAuthority.la_code)))
    return _Series(measures, figures, la_codes)


def _rows_for(series: _Series, la: LocalAuthority,
              settings: FlagSettings) -> list[PublishedRow]:
    neighbours = [n.neighbour_code for n in la.neighbours]
    rows = []
    for measure in series.measures:
        comparison = compare(measure.id, measure.polarity, series.figures.get(measure.id, {}),
                             series.la_codes, la.la_code, neighbours, la.region_code, ENGLAND,
                             settings)
        if comparison is not None:
            rows.append(PublishedRow(measure, comparison))
    return rows


def _areas_of(la: LocalAuthority) -> set[str]:
    return {la.la_code, *(n.neighbour_code for n in la.neighbours), la.region_code, ENGLAND}


def published_rows_in(session: Session, la: LocalAuthority,
                      settings: FlagSettings = SETTINGS) -> list[PublishedRow]:
    """One LA's rows, in the caller's session, once it has checked access."""
    return _rows_for(_load_series(session, _areas_of(la)), la, settings)


def published_rows_by_la(session: Session, las: list[LocalAuthority],
                         settings: FlagSettings = SETTINGS) -> dict[str, list[PublishedRow]]:
    """Several LAs' rows from one read (the regional overview), once access is checked."""
    areas: set[str] = set()
    for la in las:
        areas |= _areas_of(la)
    series = _load_series(session, areas)
    return {la.la_code: _rows_for(series, la, settings) for la in las}


def published_measures() -> list[MeasureInfo]:
    """Every published measure with its definition, polarity and source (public facts)."""
    with session_scope() as session:
        return [_info(m) for m in
                session.scalars(select(PublishedMeasure).order_by(PublishedMeasure.id))]


def published_figures(user: Principal | None, la_code: str,
                      settings: FlagSettings = SETTINGS) -> PublishedFigures:
    """Every measure's comparison row and flags for one LA; AccessDenied if not visible."""
    with session_scope() as session:
        la = load_visible_la(session, user, la_code)
        return PublishedFigures(la.la_code, la.name, la.region_code, la.region.name,
                                published_rows_in(session, la, settings),
                                rule_texts(settings))
