"""An LA's published figures for every measure, compared and flagged, ready for the page.

LAIS brings everything known about an LA into one record (ILACS framework para 5): this
answers the inspector's first question about any LA without an upload. One session; the
same access check as the LA profile (Action.VIEW_LA).
"""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock
from time import monotonic

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
    """The measures, each measure's latest year as every LA sees it (``MeasureYear``) and
    the comparisons already made from them, kept per process. They are the same for every
    request, and reading 17,000 figures for each page would cost more than the page."""

    key: tuple
    measures: list[MeasureInfo]
    years: dict[str, MeasureYear]
    compared: dict[tuple, list[PublishedRow]]
    checked_at: float


#: How often, in seconds, a process asks the database whether the stored series changed
#: (they change when the reference data are loaded, a few times a year).
CHECK_EVERY_SECONDS = 30.0

_CACHE: list[_National] = []
_CACHE_LOCK = Lock()


def _series_stamp(session: Session) -> tuple:
    """Changes whenever the stored figures or measures do: how many figures, their sum and
    latest year; how many measures and their newest source snapshot."""
    value = PublishedSeriesValue
    figures = session.execute(select(func.count(), func.sum(value.value),
                                     func.max(value.year))).one()
    measures = session.execute(select(func.count(), func.max(PublishedMeasure.snapshot),
                                      func.max(PublishedMeasure.polarity))).one()
    return (*figures, *measures)


def _national(session: Session, settings: FlagSettings) -> _National:
    current = _CACHE[0] if _CACHE else None
    now = monotonic()
    if (current is not None and current.key[1] == settings
            and now - current.checked_at < CHECK_EVERY_SECONDS):
        return current
    key = (_series_stamp(session), settings)
    if current is not None and current.key == key:
        current.checked_at = now
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
    measures = [_info(m) for m in
                session.scalars(select(PublishedMeasure).order_by(PublishedMeasure.id))]
    national = _National(key, measures, years, {}, now)
    with _CACHE_LOCK:  # only the current figures are worth keeping
        _CACHE[:] = [national]
    return national


def _trends(session: Session, la_code: str) -> dict[str, tuple[tuple[int, float], ...]]:
    """The LA's own figures of every measure, by year, oldest first."""
    value = PublishedSeriesValue
    trends: dict[str, list[tuple[int, float]]] = {}
    for measure_id, year, figure in session.execute(
            select(value.measure_id, value.year, value.value)
            .where(value.area_code == la_code).order_by(value.measure_id, value.year)):
        trends.setdefault(measure_id, []).append((year, figure))
    return {measure_id: tuple(points) for measure_id, points in trends.items()}


def _rows_for(session: Session, national: _National, la: LocalAuthority,
              settings: FlagSettings, with_trends: bool = True) -> list[PublishedRow]:
    neighbours = [n.neighbour_code for n in la.neighbours]
    key = (la.la_code, tuple(neighbours), la.region_code, with_trends)
    rows = national.compared.get(key)
    if rows is None:
        trends = _trends(session, la.la_code) if with_trends else {}
        rows = [
            PublishedRow(measure, compare_in(
                measure.id, measure.polarity, national.years[measure.id],
                trends.get(measure.id, ()), la.la_code, neighbours, la.region_code, ENGLAND,
                settings))
            for measure in national.measures if measure.id in national.years
        ]
        national.compared[key] = rows
    return rows


def published_rows_in(session: Session, la: LocalAuthority,
                      settings: FlagSettings = SETTINGS) -> list[PublishedRow]:
    """One LA's rows with its trends, in the caller's session, once it has checked access."""
    return _rows_for(session, _national(session, settings), la, settings)


def own_latest_figures(session: Session, la_code: str, measure_ids: set[str]
                       ) -> dict[str, tuple[MeasureInfo, int, float | None]]:
    """The LA's own figure of each of ``measure_ids`` in the measure's latest year with a
    figure anywhere (None where the LA has none that year), with the measure: what an
    upload is compared with, in two small queries rather than every LA's comparisons."""
    value = PublishedSeriesValue
    latest = dict(session.execute(
        select(value.measure_id, func.max(value.year))
        .where(value.measure_id.in_(measure_ids)).group_by(value.measure_id)).all())
    own = {(measure_id, year): figure for measure_id, year, figure in session.execute(
        select(value.measure_id, value.year, value.value)
        .where(value.area_code == la_code, value.measure_id.in_(latest)))}
    measures = session.scalars(select(PublishedMeasure).where(PublishedMeasure.id.in_(latest)))
    return {measure.id: (_info(measure), latest[measure.id],
                         own.get((measure.id, latest[measure.id])))
            for measure in measures}


def published_rows_by_la(session: Session, las: list[LocalAuthority],
                         settings: FlagSettings = SETTINGS) -> dict[str, list[PublishedRow]]:
    """Several LAs' latest comparisons and flags, without trends (the regional overview),
    once access is checked."""
    national = _national(session, settings)
    return {la.la_code: _rows_for(session, national, la, settings, with_trends=False)
            for la in las}


def published_measures() -> list[MeasureInfo]:
    """Every published measure with its definition, polarity and source (public facts)."""
    with session_scope() as session:
        return list(_national(session, SETTINGS).measures)


def published_figures(user: Principal | None, la_code: str,
                      settings: FlagSettings = SETTINGS) -> PublishedFigures:
    """Every measure's comparison row and flags for one LA; AccessDenied if not visible."""
    with session_scope() as session:
        la = load_visible_la(session, user, la_code)
        return PublishedFigures(la.la_code, la.name, la.region_code, la.region.name,
                                published_rows_in(session, la, settings),
                                rule_texts(settings))
