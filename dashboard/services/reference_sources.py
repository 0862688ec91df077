"""How recent each source behind an LA's page is: the reference data's sources (with how
many of this LA's history rows each gave) and the published series' snapshots."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.domain.dates import long_date
from dashboard.storage.models import (
    InspectionEvent,
    PublishedMeasure,
    PublishedSeriesValue,
    ReferenceSource,
)

#: What each kind of reference source feeds on the LA's page, beyond its history rows.
PAGE_USES = {
    "ons_mid_year": "the number of children",
    "d2i_lookup": "the LA's codes and statistical neighbours",
}


@dataclass(frozen=True)
class SourceRecency:
    """One source: what it is, how recent, and which figures on the page it gives."""

    title: str
    official: bool
    as_at: str
    snapshot: date
    uses: str


def _history_use(rows: int, visits: int, provides: str) -> str:
    if not rows:
        return ""
    counted = f"{rows} row{'s' if rows != 1 else ''} of the inspection history"
    if visits:
        counted += f" ({visits} of them visits)"
    return f"{counted}; this source gives {provides}"


def _reference_sources(session: Session, la_code: str) -> list[SourceRecency]:
    rows: dict[str, int] = defaultdict(int)
    visits: dict[str, int] = defaultdict(int)
    for source, kind, count in session.execute(
            select(InspectionEvent.source, InspectionEvent.kind, func.count())
            .where(InspectionEvent.la_code == la_code)
            .group_by(InspectionEvent.source, InspectionEvent.kind)):
        rows[source] += count
        if kind in ("focused_visit", "monitoring_visit", "jtai"):
            visits[source] += count
    out = []
    for source in session.scalars(select(ReferenceSource).order_by(
            ReferenceSource.official.desc(), ReferenceSource.as_at.desc(), ReferenceSource.key)):
        use = next((text for prefix, text in PAGE_USES.items()
                    if source.key.startswith(prefix)), "")
        use = use or _history_use(rows[source.key], visits[source.key], source.provides)
        if not use:
            use = f"nothing for this LA (it gives {source.provides})"
        as_at = long_date(source.as_at)
        if source.visits_from and source.visits_to:
            as_at += (f"; visits {long_date(source.visits_from)} to "
                      f"{long_date(source.visits_to)}")
        out.append(SourceRecency(source.title, source.official, as_at, source.commit_date, use))
    return out


def _snapshot_date(snapshot: str) -> date | None:
    """The date in a measure's snapshot text ("<commit> <ISO time>")."""
    parts = snapshot.split()
    return date.fromisoformat(parts[1][:10]) if len(parts) > 1 else None


def _published_sources(session: Session, la_code: str) -> list[SourceRecency]:
    latest = dict(session.execute(
        select(PublishedSeriesValue.measure_id, func.max(PublishedSeriesValue.year))
        .where(PublishedSeriesValue.area_code == la_code,
               PublishedSeriesValue.value.is_not(None))  # a suppressed figure is no figure
        .group_by(PublishedSeriesValue.measure_id)).all())
    groups: dict[tuple[str, date | None], list[PublishedMeasure]] = defaultdict(list)
    for measure in session.scalars(select(PublishedMeasure).order_by(PublishedMeasure.id)):
        groups[(measure.source.split(":")[0], _snapshot_date(measure.snapshot))].append(measure)
    out = []
    for (repository, snapshot), measures in sorted(groups.items(), key=lambda g: g[0][0]):
        if snapshot is None:
            continue
        publications = sorted({m.source_publication for m in measures})
        years = [latest[m.id] for m in measures if m.id in latest]
        as_at = (f"latest year {max(years)} (to {measures[0].period_end})" if years
                 else "no figure for this LA")
        out.append(SourceRecency(
            f"Published indicators: {', '.join(publications)} ({repository})", True, as_at,
            snapshot, f"the indicators page: {len(measures)} published measures, with "
                      f"figures for this LA in {len(years)}"))
    return out


def sources_for_la(session: Session, la_code: str) -> list[SourceRecency]:
    """Every source behind the LA's page, official ones first; the caller has checked
    that the user may see this LA."""
    return _reference_sources(session, la_code) + _published_sources(session, la_code)
