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
from dashboard.domain.la_status import (
    InspectionRecord,
    LAStatus,
    RecordedPathway,
    history_in_order,
    la_status,
    latest_judgement_inspection,
)
from dashboard.domain.visit_record import VisitPeriod, VisitRecord, visit_record
from dashboard.errors import NotFound
from dashboard.services.user_admin import user_names
from dashboard.storage.db import session_scope
from dashboard.storage.models import (
    InspectionEvent,
    LocalAuthority,
    PathwayDecision,
    RecordedVisit,
    ReferenceSource,
    Region,
)

LA_CODE_PATTERN = re.compile(r"^\d{3}$")


@dataclass(frozen=True)
class EnteredVisit:
    """A visit an inspector of the region entered by hand (planned or held)."""

    kind: str
    visit_date: date
    status: str
    note: str | None
    entered_by: str
    entered_on: date


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
    #: the visits inspectors entered, soonest first
    entered_visits: tuple[EnteredVisit, ...] = ()


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


@dataclass(frozen=True)
class Entered:
    """What inspectors recorded for one LA: pathway decisions (newest first) and visits."""

    decisions: tuple[RecordedPathway, ...] = ()
    visits: tuple[EnteredVisit, ...] = ()


def entered_by_la(session: Session, la_codes: list[str]) -> dict[str, Entered]:
    """The senior HMI's pathway decisions and the visits inspectors entered, per LA."""
    names = user_names(session)
    decisions: dict[str, list[RecordedPathway]] = defaultdict(list)
    for row in session.scalars(
        select(PathwayDecision).where(PathwayDecision.la_code.in_(la_codes))
        .order_by(PathwayDecision.set_at.desc(), PathwayDecision.id.desc())
    ):
        decisions[row.la_code].append(RecordedPathway(
            pathway=row.pathway, reason=row.reason, next_activity=row.next_activity,
            next_activity_date=row.next_activity_date,
            set_by=names.get(row.set_by_id or 0, "(unknown)"),
            set_on=clock.england_date(row.set_at), inspection_kind=row.inspection_kind,
            inspection_date=row.inspection_date))
    visits: dict[str, list[EnteredVisit]] = defaultdict(list)
    for visit in session.scalars(
        select(RecordedVisit).where(RecordedVisit.la_code.in_(la_codes))
        .order_by(RecordedVisit.visit_date, RecordedVisit.id)
    ):
        visits[visit.la_code].append(EnteredVisit(
            visit.kind, visit.visit_date, visit.status, visit.note,
            names.get(visit.entered_by_id or 0, "(unknown)"),
            clock.england_date(visit.entered_at)))
    return {code: Entered(tuple(decisions[code]), tuple(visits[code])) for code in la_codes}


def published_records(session: Session, la_code: str) -> list[InspectionRecord]:
    """The LA's inspections and visits as our sources publish them, in no order."""
    events = session.scalars(select(InspectionEvent).where(InspectionEvent.la_code == la_code))
    return [_record(e) for e in events]


def _entered_record(visit: EnteredVisit) -> InspectionRecord:
    return InspectionRecord(kind=visit.kind, start_date=visit.visit_date, end_date=None,
                            publication_date=None, visit_theme=visit.note,
                            entered_by=visit.entered_by)


def _with_entered(published: list[InspectionRecord], entered: Entered
                  ) -> tuple[list[InspectionRecord], list[date]]:
    """The history with the held visits inspectors entered (but not one our sources
    already list, same kind and day) and the monitoring visits still planned."""
    known = {(r.kind, r.sort_date) for r in published}
    held = [_entered_record(v) for v in entered.visits
            if v.status == "held" and (v.kind, v.visit_date) not in known]
    known |= {(r.kind, r.sort_date) for r in held}
    planned = [v.visit_date for v in entered.visits
               if v.status == "planned" and v.kind == "monitoring_visit"
               and (v.kind, v.visit_date) not in known]
    return history_in_order(published + held), planned


def _status(history: list[InspectionRecord], planned: list[date], entered: Entered,
            today: date) -> LAStatus:
    """``la_status`` with the senior HMI's latest decision for the latest inspection."""
    last = latest_judgement_inspection(history)
    recorded = next((d for d in entered.decisions if last is not None and d.answers(last)),
                    None)
    return la_status(history, today, recorded, planned)


def _profile(
    user: Principal | None,
    la: LocalAuthority,
    events: list[InspectionEvent],
    others: dict[str, LocalAuthority],
    today: date,
    entered: Entered,
    periods: list[VisitPeriod],
) -> LAProfile:
    history, planned = _with_entered([_record(e) for e in events], entered)
    status = _status(history, planned, entered, today)
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
        entered_visits=entered.visits,
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
                    entered_by_la(session, [la.la_code])[la.la_code], visit_periods(session))


def get_inspection_history(user: Principal | None, la_code: str) -> list[InspectionRecord]:
    """An LA's inspections and visits, oldest first, if ``user`` may see that LA."""
    with session_scope() as session:
        la, events = _visible_la_events(session, user, la_code)
        entered = entered_by_la(session, [la.la_code])[la.la_code]
        return _with_entered([_record(e) for e in events], entered)[0]


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
        entered = entered_by_la(session, [la.la_code for la in las])
        periods = visit_periods(session)
        return RegionOverview(
            region_code=region.code,
            region_name=region.name,
            authorities=[_profile(user, la, by_la[la.la_code], others, day, entered[la.la_code],
                                  periods)
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
