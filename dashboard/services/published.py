"""An LA's published figures for every measure, compared and flagged, ready for the page.

LAIS brings everything known about an LA into one record (ILACS framework para 5): this
answers the inspector's first question about any LA without an upload. One session; the
same access check as the LA profile (Action.VIEW_LA).
"""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.access import Principal
from dashboard.domain.published_series import (
    SETTINGS,
    AreaFigure,
    Comparison,
    FlagSettings,
    MeasureYear,
    compare_in,
    measure_theme,
    measure_year,
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


@dataclass
class _National:
    """Each measure's latest year as every LA sees it (``MeasureYear``), and the
    comparisons already made from it, kept per process and worked out again when the
    stored series change (``_series_stamp``) or the settings do. They are the same for
    every request: reading 17,000 figures for each page would cost more than the page."""

    key: tuple
    years: dict[str, MeasureYear]
    compared: dict[tuple, list[PublishedRow]]


_CACHE: list[_National] = []
_CACHE_LOCK = Lock()


def _series_stamp(session: Session) -> tuple:
    """Changes whenever the stored figures do: how many, their sum and the latest year."""
    value = PublishedSeriesValue.value
    return tuple(session.execute(select(func.count(), func.sum(value),
                                        func.max(PublishedSeriesValue.year))).one())


def _national(session: Session, settings: FlagSettings) -> _National:
    key = (_series_stamp(session), settings)
    current = _CACHE[0] if _CACHE else None
    if current is not None and current.key == key:
        return current
    value = PublishedSeriesValue
    latest = (select(value.measure_id, func.max(value.year).label("year"))
              .group_by(value.measure_id).subquery())
    query = (select(value.measure_id, value.area_code, value.year, value.value,
                    value.published, value.n_areas)
             .join(latest, latest.c.measure_id == value.measure_id)
             .where(value.year >= latest.c.year - 1))
    figures: dict[str, dict[tuple[str, int], AreaFigure]] = {}
    for measure_id, area_code, year, figure, published, count in session.execute(query):
        figures.setdefault(measure_id, {})[(area_code, year)] = AreaFigure(figure, published,
                                                                            count)
    la_codes = list(session.scalars(select(LocalAuthority.la_code)))
    years = {measure_id: picture for measure_id, by_area in figures.items()
             if (picture := measure_year(by_area, la_codes, settings)) is not None}
    national = _National(key, years, {})
    with _CACHE_LOCK:  # only the current figures are worth keeping
        _CACHE[:] = [national]
    return national


def _measures(session: Session) -> list[MeasureInfo]:
    return [_info(m) for m in
            session.scalars(select(PublishedMeasure).order_by(PublishedMeasure.id))]


def _trends(session: Session, la_code: str) -> dict[str, tuple[tuple[int, float], ...]]:
    """The LA's own figures of every measure, by year, oldest first."""
    value = PublishedSeriesValue
    trends: dict[str, list[tuple[int, float]]] = {}
    for measure_id, year, figure in session.execute(
            select(value.measure_id, value.year, value.value)
            .where(value.area_code == la_code).order_by(value.measure_id, value.year)):
        trends.setdefault(measure_id, []).append((year, figure))
    return {measure_id: tuple(points) for measure_id, points in trends.items()}


def _rows_for(session: Session, measures: list[MeasureInfo], national: _National,
              la: LocalAuthority, settings: FlagSettings,
              with_trends: bool = True) -> list[PublishedRow]:
    neighbours = [n.neighbour_code for n in la.neighbours]
    key = (la.la_code, tuple(neighbours), la.region_code, tuple(measures), with_trends)
    rows = national.compared.get(key)
    if rows is None:
        trends = _trends(session, la.la_code) if with_trends else {}
        rows = [
            PublishedRow(measure, compare_in(
                measure.id, measure.polarity, national.years[measure.id],
                trends.get(measure.id, ()), la.la_code, neighbours, la.region_code, ENGLAND,
                settings))
            for measure in measures if measure.id in national.years
        ]
        national.compared[key] = rows
    return rows


def published_rows_in(session: Session, la: LocalAuthority,
                      settings: FlagSettings = SETTINGS) -> list[PublishedRow]:
    """One LA's rows with its trends, in the caller's session, once it has checked access."""
    return _rows_for(session, _measures(session), _national(session, settings), la, settings)


def published_rows_by_la(session: Session, las: list[LocalAuthority],
                         settings: FlagSettings = SETTINGS) -> dict[str, list[PublishedRow]]:
    """Several LAs' latest comparisons and flags, without trends (the regional overview),
    once access is checked."""
    measures, national = _measures(session), _national(session, settings)
    return {la.la_code: _rows_for(session, measures, national, la, settings, with_trends=False)
            for la in las}


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
