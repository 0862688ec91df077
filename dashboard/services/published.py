"""An LA's published figures for every measure, compared and flagged, ready for the page.

LAIS brings everything known about an LA into one record (ILACS framework para 5): this
answers the inspector's first question about any LA without an upload. One session; the
same access check as the LA profile (Action.VIEW_LA).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from dashboard.access import Principal
from dashboard.domain.published_series import (
    SETTINGS,
    AreaFigure,
    Comparison,
    FlagSettings,
    compare,
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
                       measure.source, measure.licence)


def published_figures(user: Principal | None, la_code: str,
                      settings: FlagSettings = SETTINGS) -> PublishedFigures:
    """Every measure's comparison row and flags for one LA; AccessDenied if not visible."""
    with session_scope() as session:
        la = load_visible_la(session, user, la_code)
        neighbours = [n.neighbour_code for n in la.neighbours]
        la_codes = list(session.scalars(select(LocalAuthority.la_code)))
        value = PublishedSeriesValue
        latest = (select(value.measure_id, func.max(value.year).label("year"))
                  .group_by(value.measure_id).subquery())
        # Every year of the LA, its neighbours, region and England; every LA's last two
        # years (for ranks, bands and the typical change).
        figures_query = select(value).join(latest, latest.c.measure_id == value.measure_id).where(
            or_(value.area_code.in_([la.la_code, *neighbours, la.region_code, ENGLAND]),
                value.year >= latest.c.year - 1)
        )
        figures: dict[str, dict[tuple[str, int], AreaFigure]] = {}
        for figure in session.scalars(figures_query):
            figures.setdefault(figure.measure_id, {})[(figure.area_code, figure.year)] = (
                AreaFigure(figure.value, figure.published, figure.n_areas))
        measures = session.scalars(select(PublishedMeasure).order_by(PublishedMeasure.id)).all()
        rows = []
        for measure in measures:
            comparison = compare(measure.id, measure.polarity, figures.get(measure.id, {}),
                                 la_codes, la.la_code, neighbours, la.region_code, ENGLAND,
                                 settings)
            if comparison is not None:
                rows.append(PublishedRow(_info(measure), comparison))
        return PublishedFigures(la.la_code, la.name, la.region_code, la.region.name, rows,
                                rule_texts(settings))
