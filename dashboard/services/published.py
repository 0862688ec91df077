"""An LA's published figures for every measure, compared and flagged, ready for the page.

LAIS brings everything known about an LA into one record (ILACS framework para 5): this
answers the inspector's first question about any LA without an upload. One session; the
same access check as the LA profile (Action.VIEW_LA).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from threading import Lock
from time import monotonic

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.access import Principal
from dashboard.domain.funnel import (
    FunnelLimits,
    curve_denominators,
    funnel_curve,
    funnel_position,
)
from dashboard.domain.published_series import (
    SETTINGS,
    AreaFigure,
    Comparison,
    FlagSettings,
    MeasureYear,
    compare_in,
    counted_once,
    exact_value,
    funnel_kind,
    is_suppressed,
    is_unpublished,
    limits_for,
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
    #: 100 for a percentage, 10,000 for a rate per 10,000; None: no funnel limits
    scale: float | None = None
    numerator_label: str | None = None
    denominator_label: str | None = None
    release: str | None = None
    last_update: date | None = None
    next_update: date | None = None
    snapshot: str = ""
    polarity_reason: str | None = None

    def period_text(self, year: int) -> str:
        """When a figure is for, in the publication's words: "year to 31 March 2025"."""
        return f"year to {self.period_end} {year}" if self.period_end else str(year)


@dataclass(frozen=True)
class PublishedRow:
    measure: MeasureInfo
    comparison: Comparison
    #: the other LA's name where the figure is a joint return
    joint_name: str | None = None


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
                       measure.source, measure.licence, measure_theme(measure.id),
                       measure.scale, measure.numerator_label, measure.denominator_label,
                       measure.release, measure.last_update, measure.next_update,
                       measure.snapshot, measure.polarity_reason)


@dataclass
class _National:
    """The measures, each measure's latest year as every LA sees it (``MeasureYear``) and
    the comparisons already made from them, kept per process. They are the same for every
    request, and reading 17,000 figures for each page would cost more than the page."""

    key: tuple
    measures: list[MeasureInfo]
    years: dict[str, MeasureYear]
    la_names: dict[str, str]
    compared: dict[tuple, list[PublishedRow]]
    checked_at: float


#: How often, in seconds, a process asks the database whether the stored series changed
#: (they change when the reference data are loaded, a few times a year).
CHECK_EVERY_SECONDS = 30.0

_CACHE: list[_National] = []
_CACHE_LOCK = Lock()


def _series_stamp(session: Session) -> tuple:
    """Changes whenever the stored figures or measures do: how many figures, their sum and
    latest year, how many come from a loaded DfE release and the newest release; how many
    measures, their newest source snapshot and update dates."""
    value = PublishedSeriesValue
    figures = session.execute(select(func.count(), func.sum(value.value),
                                     func.max(value.year), func.sum(value.denominator),
                                     func.count(value.mark), func.count(value.release_id),
                                     func.max(value.release_id))).one()
    measures = session.execute(select(func.count(), func.max(PublishedMeasure.snapshot),
                                      func.max(PublishedMeasure.polarity),
                                      func.max(PublishedMeasure.next_update),
                                      func.max(PublishedMeasure.last_update),
                                      func.count(PublishedMeasure.scale))).one()
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
              .where(value.value.is_not(None)).group_by(value.measure_id).subquery())
    query = (select(value.measure_id, value.area_code, value.year, value.value,
                    value.published, value.n_areas, value.numerator, value.denominator,
                    value.mark, value.basis, value.joint_with)
             .join(latest, latest.c.measure_id == value.measure_id)
             .where(value.year >= latest.c.year - 1))
    figures: dict[str, dict[tuple[str, int], AreaFigure]] = {}
    for measure_id, area_code, year, *figure in session.execute(query):
        figures.setdefault(measure_id, {})[(area_code, year)] = AreaFigure(*figure)
    la_names = dict(session.execute(select(LocalAuthority.la_code, LocalAuthority.name)).all())
    la_codes = list(la_names)
    measures = [_info(m) for m in
                session.scalars(select(PublishedMeasure).order_by(PublishedMeasure.id))]
    scales = {m.id: m.scale for m in measures}
    years = {measure_id: picture for measure_id, by_area in figures.items()
             if (picture := measure_year(by_area, la_codes, settings,
                                         scales.get(measure_id), ENGLAND)) is not None}
    national = _National(key, measures, years, la_names, {}, now)
    with _CACHE_LOCK:  # only the current figures are worth keeping
        _CACHE[:] = [national]
    return national


def _trends(session: Session, la_code: str) -> dict[str, tuple[tuple[int, float], ...]]:
    """The LA's own figures of every measure, by year, oldest first."""
    value = PublishedSeriesValue
    trends: dict[str, list[tuple[int, float]]] = {}
    for measure_id, year, figure in session.execute(
            select(value.measure_id, value.year, value.value)
            .where(value.area_code == la_code, value.value.is_not(None))
            .order_by(value.measure_id, value.year)):
        trends.setdefault(measure_id, []).append((year, figure))
    return {measure_id: tuple(points) for measure_id, points in trends.items()}


def _rows_for(session: Session, national: _National, la: LocalAuthority,
              settings: FlagSettings, with_trends: bool = True) -> list[PublishedRow]:
    neighbours = [n.neighbour_code for n in la.neighbours]
    key = (la.la_code, tuple(neighbours), la.region_code, with_trends)
    rows = national.compared.get(key)
    if rows is None:
        trends = _trends(session, la.la_code) if with_trends else {}
        rows = []
        for measure in national.measures:
            if measure.id not in national.years:
                continue
            comparison = compare_in(
                measure.id, measure.polarity, national.years[measure.id],
                trends.get(measure.id, ()), la.la_code, neighbours, la.region_code, ENGLAND,
                settings, measure.scale)
            rows.append(PublishedRow(measure, comparison,
                                     national.la_names.get(comparison.joint_with or "")))
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
        .where(value.measure_id.in_(measure_ids), value.value.is_not(None))
        .group_by(value.measure_id)).all())
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


@dataclass(frozen=True)
class FunnelPoint:
    """One LA on a measure's funnel plot: its figure and the count it is built on."""

    la_code: str
    name: str
    value: float
    denominator: float
    in_region: bool
    is_this_la: bool
    #: where it sits in England's funnel at its own size ("within", "above_998", ...)
    position: str


@dataclass(frozen=True)
class FunnelPlot:
    """What a measure's funnel plot shows for one LA: every LA with a published count,
    England's figure, and the 95% and 99.8% limits around it for each size."""

    measure: MeasureInfo
    year: int
    england: float
    la_name: str
    region_name: str
    points: list[FunnelPoint]
    limits: list[FunnelLimits]
    #: LAs with a figure but no published count (not on the plot), and those whose
    #: figure is suppressed or not published
    left_off: int
    suppressed: int
    #: True when the limits are widened for LAs' spread beyond chance (over-dispersion)
    overdispersed: bool = False


def funnel_plot(user: Principal | None, la_code: str, measure_id: str) -> FunnelPlot | None:
    """A measure's funnel plot seen from one LA (its region's LAs picked out); None where
    the measure has no counts or no England figure. AccessDenied if the LA is not visible.

    Spiegelhalter (2005): limits around England's figure for each denominator, so a small
    LA's figure is read against the wider limits its size allows.
    """
    with session_scope() as session:
        la = load_visible_la(session, user, la_code)
        national = _national(session, SETTINGS)
        measure = next((m for m in national.measures if m.id == measure_id), None)
        picture = national.years.get(measure_id)
        if measure is None or picture is None or not measure.scale:
            return None
        england = picture.figures.get(ENGLAND)
        if england is None or england.value is None:
            return None
        las = {code: (name, region) for code, name, region in session.execute(
            select(LocalAuthority.la_code, LocalAuthority.name, LocalAuthority.region_code))}
        points, left_off, suppressed = [], 0, 0
        once = counted_once(picture.figures, set(las))
        for code, figure in sorted(once.items()):
            if figure.value is None:
                suppressed += is_suppressed(figure.mark) or is_unpublished(figure.mark)
                continue
            limits = limits_for(england.value, figure.denominator, measure.scale,
                                picture.tau2)
            if limits is None:
                left_off += 1
                continue
            name, region = las[code]
            mine = la.la_code in (code, figure.joint_with)
            if figure.joint_with in las:  # one return for both LAs, one point
                name = f"{name} with {las[figure.joint_with][0]} (joint return)"
                region = la.region_code if mine else region
            points.append(FunnelPoint(code, name, figure.value, figure.denominator,
                                      region == la.region_code, mine,
                                      funnel_position(exact_value(figure, measure.scale),
                                                      limits)))
        if not points:
            return None
        kind = funnel_kind(measure.scale)
        if kind is None:
            return None
        smallest = min(p.denominator for p in points) / 2  # the funnel from the smallest LA
        sizes = [size for size in curve_denominators(max(p.denominator for p in points))
                 if size >= smallest] or [max(p.denominator for p in points)]
        limits = funnel_curve(england.value, kind, measure.scale, sizes, picture.tau2)
        return FunnelPlot(measure, picture.year, england.value, la.name, la.region.name,
                          points, limits, left_off, suppressed, picture.tau2 > 0)
