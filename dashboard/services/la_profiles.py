"""Reading LAs, regions and inspection history, with the access check where the data is fetched."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard import clock
from dashboard.access import Principal, can_view_la, can_view_region, require
from dashboard.domain.la_status import InspectionRecord, LAStatus, history_in_order, la_status
from dashboard.domain.visit_record import VisitPeriod, VisitRecord, visit_record
from dashboard.errors import NotFound
from dashboard.storage.db import session_scope
from dashboard.storage.models import InspectionEvent, LocalAuthority, ReferenceSource, Region

LA_CODE_PATTERN = re.compile(r"^\d{3}$")


@dataclass(frozen=True)
class LAProfile:
    la_code: str
    name: str
    ons_code: str
    region_code: str
    region_name: str
    la_type: str | None
    under18_population: int | None
    under18_population_year: int | None
    #: (code, name, whether the user may open that LA), closest first.
    neighbours: list[tuple[str, str, bool]]
    history: list[InspectionRecord]
    status: LAStatus
    #: how completely the visit lists cover the time since the last judgement inspection
    visit_record: VisitRecord | None = None


@dataclass(frozen=True)
class RegionOverview:
    region_code: str
    region_name: str
    authorities: list[LAProfile]


def _record(event: InspectionEvent) -> InspectionRecord:
    return InspectionRecord(
        kind=event.kind,
        start_date=event.start_date,
        end_date=event.end_date,
        publication_date=event.publication_date,
        overall=event.overall,
        impact_of_leaders=event.impact_of_leaders,
        help_and_protection=event.help_and_protection,
        children_in_care=event.children_in_care,
        care_leavers=event.care_leavers,
        visit_theme=event.visit_theme,
        grade_note=event.grade_note,
    )


def _profile(
    user: Principal | None,
    la: LocalAuthority,
    events: list[InspectionEvent],
    others: dict[str, LocalAuthority],
    today: date,
    periods: list[VisitPeriod],
) -> LAProfile:
    history = history_in_order([_record(e) for e in events])
    status = la_status(history, today)
    last = status.last_judgement
    return LAProfile(
        la_code=la.la_code,
        name=la.name,
        ons_code=la.ons_code,
        region_code=la.region_code,
        region_name=la.region.name,
        la_type=la.la_type,
        under18_population=la.under18_population,
        under18_population_year=la.under18_population_year,
        neighbours=[
            (
                n.neighbour_code,
                others[n.neighbour_code].name if n.neighbour_code in others else "",
                n.neighbour_code in others and can_view_la(user, others[n.neighbour_code]),
            )
            for n in la.neighbours
        ],
        history=history,
        status=status,
        visit_record=visit_record(last.sort_date if last else None, today, periods),
    )


def visit_periods(session: Session) -> list[VisitPeriod]:
    """The periods for which our sources list every focused and monitoring visit."""
    return [
        VisitPeriod(first, last)
        for first, last in session.execute(
            select(ReferenceSource.visits_from, ReferenceSource.visits_to).where(
                ReferenceSource.visits_from.is_not(None), ReferenceSource.visits_to.is_not(None)))
    ]


def load_la(session: Session, la_code: str) -> LocalAuthority:
    if not isinstance(la_code, str) or not LA_CODE_PATTERN.match(la_code):
        raise NotFound("There is no local authority with that code.")
    la = session.scalars(
        select(LocalAuthority)
        .where(LocalAuthority.la_code == la_code)
        .options(selectinload(LocalAuthority.neighbours))
    ).first()
    if la is None:
        raise NotFound("There is no local authority with that code.")
    return la


def load_visible_la(session: Session, user: Principal | None, la_code: str) -> LocalAuthority:
    """The LA, if ``user`` may see it; AccessDenied (403) if not, NotFound if no such LA."""
    la = load_la(session, la_code)
    require(can_view_la(user, la), "You do not have access to this local authority.")
    return la


def _visible_la_events(
    session: Session, user: Principal | None, la_code: str
) -> tuple[LocalAuthority, list[InspectionEvent]]:
    """The LA and its inspection events, once the access check has passed."""
    la = load_visible_la(session, user, la_code)
    events = session.scalars(select(InspectionEvent).where(InspectionEvent.la_code == la.la_code))
    return la, list(events)


def get_la_profile(user: Principal | None, la_code: str, today: date | None = None) -> LAProfile:
    """One LA's context, history and status, if ``user`` may see that LA."""
    with session_scope() as session:
        return profile_in(session, user, load_visible_la(session, user, la_code), today)


def profile_in(session: Session, user: Principal | None, la: LocalAuthority,
               today: date | None = None) -> LAProfile:
    """``get_la_profile`` read in the caller's session, once it has checked access."""
    events = list(session.scalars(
        select(InspectionEvent).where(InspectionEvent.la_code == la.la_code)))
    codes = [n.neighbour_code for n in la.neighbours]
    others = {
        other.la_code: other
        for other in session.scalars(
            select(LocalAuthority).where(LocalAuthority.la_code.in_(codes))
        )
    }
    return _profile(user, la, events, others, today or clock.today_in_england(),
                    visit_periods(session))


def get_inspection_history(user: Principal | None, la_code: str) -> list[InspectionRecord]:
    """An LA's inspections and visits, oldest first, if ``user`` may see that LA."""
    with session_scope() as session:
        _, events = _visible_la_events(session, user, la_code)
        return history_in_order([_record(e) for e in events])


def get_region_overview(
    user: Principal | None, region_code: str, today: date | None = None
) -> RegionOverview:
    """Every LA in a region with its status, if ``user`` may see that region."""
    with session_scope() as session:
        region = session.get(Region, region_code) if isinstance(region_code, str) else None
        if region is None:
            raise NotFound("There is no region with that code.")
        require(can_view_region(user, region.code), "You do not have access to this region.")
        las = list(
            session.scalars(
                select(LocalAuthority)
                .where(LocalAuthority.region_code == region.code)
                .order_by(LocalAuthority.name)
                .options(selectinload(LocalAuthority.neighbours))
            )
        )
        by_la: dict[str, list[InspectionEvent]] = defaultdict(list)
        for event in session.scalars(
            select(InspectionEvent)
            .join(LocalAuthority)
            .where(LocalAuthority.region_code == region.code)
        ):
            by_la[event.la_code].append(event)
        others = {other.la_code: other for other in session.scalars(select(LocalAuthority))}
        day = today or clock.today_in_england()
        periods = visit_periods(session)
        return RegionOverview(
            region_code=region.code,
            region_name=region.name,
            authorities=[_profile(user, la, by_la[la.la_code], others, day, periods)
                         for la in las],
        )


def regions_visible_to(user: Principal | None) -> list[tuple[str, str]]:
    """(code, name) of the regions whose overview ``user`` may open."""
    with session_scope() as session:
        regions = session.scalars(select(Region).order_by(Region.name))
        return [(r.code, r.name) for r in regions if can_view_region(user, r.code)]


def la_choices(user: Principal | None) -> list[tuple[str, str]]:
    """(code, name) of every LA ``user`` may see, by name."""
    with session_scope() as session:
        las = session.scalars(select(LocalAuthority).order_by(LocalAuthority.name))
        return [(la.la_code, la.name) for la in las if can_view_la(user, la)]
