"""The regional overview a senior HMI plans the year from (framework paras 42, 47, 65-66).

One row per LA of the region: last judgement, pathway, next inspection, focused visits
against the pathway's allowance, SEF status, meetings and letters, and how many of
its published measures the published-series rules flag (worst quarter, beyond the
neighbours' range, a large change), for every LA whether or not it has uploaded. Every
timing and pathway rule comes from ``dashboard.domain.framework``; this module only
gathers the facts, for users who may see the region.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard import clock
from dashboard.access import Principal
from dashboard.domain.dates import add_months
from dashboard.domain.engagement_letter import NO_MEETING, letter_status, meeting_held_on
from dashboard.domain.framework import (
    aem_due,
    focused_visit_allowance,
    visits_against_allowance,
)
from dashboard.domain.published_series import FlagCounts, count_flagged_measures
from dashboard.domain.visit_record import NOT_COVERED
from dashboard.formatting import (
    format_date,
    format_uk_date,
    grade_label,
    kind_label,
    next_inspection_status_label,
    pathway_status_label,
)
from dashboard.services.exports import workbook_bytes
from dashboard.services.la_profiles import LAProfile, get_region_overview
from dashboard.services.published import published_rows_by_la
from dashboard.storage.db import session_scope
from dashboard.storage.models import (
    EngagementLetter,
    EngagementMeeting,
    LocalAuthority,
    SefDocument,
    SefShare,
    SefVersion,
)


@dataclass(frozen=True)
class OverviewRow:
    la_code: str
    name: str
    last_inspection: str
    last_inspection_date: date | None
    overall: str
    pathway: str
    next_inspection: str
    window_opens: date | None
    window_closes: date | None
    focused_visits: str
    visits_verdict: str
    sef_status: str
    last_meeting: str
    meeting_due: str
    letter_status: str
    outliers: FlagCounts | None
    past_events: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class PathwayTask:
    """An LA whose latest inspection gave no overall grade and whose pathway the region's
    senior HMI has still to record (Ofsted, 27 November 2025)."""

    la_code: str
    name: str
    inspection: str


@dataclass(frozen=True)
class RegionRows:
    region_code: str
    region_name: str
    rows: list[OverviewRow]
    pathway_tasks: tuple[PathwayTask, ...] = ()


#: Para 29: the SEF is annual; shares older than this are last year's.
SEF_CYCLE_MONTHS = 12


def _sef_status(shares: list[datetime], today: date) -> str:
    """None, shared on a date, or refreshed (para 35) on a later one, this year; a SEF
    last shared more than a year ago is out of date."""
    if not shares:
        return "None shared"
    cycle_start = add_months(today, -SEF_CYCLE_MONTHS)
    recent = sorted(s for s in shares if s.date() >= cycle_start)
    if not recent:
        return f"Last shared {format_uk_date(max(shares))}, over a year ago"
    if len(recent) == 1:
        return f"Shared {format_uk_date(recent[0])}"
    return (f"Refreshed {format_uk_date(recent[-1])} "
            f"(first shared {format_uk_date(recent[0])})")


def _shares_by_la(session: Session, la_codes: list[str]) -> dict[str, list[datetime]]:
    shares: dict[str, list[datetime]] = defaultdict(list)
    rows = session.execute(
        select(SefDocument.la_code, SefShare.shared_at)
        .join(SefVersion, SefVersion.sef_id == SefDocument.id)
        .join(SefShare, SefShare.version_id == SefVersion.id)
        .where(SefDocument.la_code.in_(la_codes))
    )
    for la_code, shared_at in rows:
        shares[la_code].append(shared_at)
    return shares


def _flags_by_la(session: Session, la_codes: list[str]) -> dict[str, FlagCounts | None]:
    """Each LA's published measures flagged by the published-series rules, from one read of
    the series; None for an LA with no published figure at all."""
    las = list(session.scalars(select(LocalAuthority).where(
        LocalAuthority.la_code.in_(la_codes)).options(selectinload(LocalAuthority.neighbours))))
    rows = published_rows_by_la(session, las)
    flags: dict[str, FlagCounts | None] = {}
    for la_code in la_codes:
        own = [row for row in rows.get(la_code, []) if row.comparison.value is not None]
        flags[la_code] = (count_flagged_measures([row.comparison.flags for row in own])
                          if own else None)
    return flags


def _visits(profile: LAProfile) -> tuple[str, str]:
    """Focused visits since the last judgement against the pathway's allowance, with how
    complete the visit lists behind the count are when they are not."""
    count, verdict = _visits_against_pathway(profile)
    record = profile.visit_record
    if record is None or not record.brief:
        return count, verdict
    if record.status == NOT_COVERED or not verdict:  # nothing to weigh the count against
        return count, record.brief
    return count, f"{verdict} ({record.brief})"


def _visits_against_pathway(profile: LAProfile) -> tuple[str, str]:
    status = profile.status
    if status.pathway is None:
        why = "pathway to be set" if status.pathway_to_be_set else "pathway undetermined"
        return f"{status.focused_visits_since_last} ({why})", ""
    allowance = focused_visit_allowance(status.pathway)
    verdict = visits_against_allowance(status.focused_visits_since_last, status.pathway)
    if allowance.most == 0:
        most = "monitoring visits instead"
    elif allowance.most != allowance.usual:
        most = f"usually {allowance.usual}, at most {allowance.most}"
    else:
        most = f"up to {allowance.most}"
    return f"{status.focused_visits_since_last} ({most})", verdict


@dataclass(frozen=True)
class MeetingFacts:
    """An LA's latest recorded meeting, its letter, and the next one scheduled."""

    held_on: date | None = None
    letter_issued_on: date | None = None
    next_scheduled: date | None = None
    recorded: bool = True


def _meetings_by_la(session: Session, la_codes: list[str], today: date,
                    ) -> dict[str, MeetingFacts]:
    """Each LA's latest meeting held (``meeting_held_on``) and its next one to come."""
    latest: dict[str, tuple[date, int]] = {}
    recorded: set[int] = set()
    scheduled: dict[str, date] = {}
    for meeting_id, la_code, day, held_on, recorded_at in session.execute(
            select(EngagementMeeting.id, EngagementMeeting.la_code,
                   EngagementMeeting.meeting_date, EngagementMeeting.held_on,
                   EngagementMeeting.recorded_at)
            .where(EngagementMeeting.la_code.in_(la_codes))):
        held = meeting_held_on(day, held_on if recorded_at is not None else None, today)
        if recorded_at is not None:
            recorded.add(meeting_id)
        if held is not None:
            if la_code not in latest or (held, meeting_id) > latest[la_code]:
                latest[la_code] = (held, meeting_id)
        elif la_code not in scheduled or day < scheduled[la_code]:
            scheduled[la_code] = day
    issued = {meeting_id: issued_on for meeting_id, issued_on in session.execute(
        select(EngagementLetter.meeting_id, EngagementLetter.issued_on)
        .where(EngagementLetter.meeting_id.in_([m for _d, m in latest.values()])))}
    return {
        code: MeetingFacts(
            latest[code][0] if code in latest else None,
            issued.get(latest[code][1]) if code in latest else None,
            scheduled.get(code),
            code not in latest or latest[code][1] in recorded)
        for code in la_codes
    }


def _meeting_due(facts: MeetingFacts) -> str:
    """Next meeting: about a year after the last (paras 27, 43), or the date booked."""
    if facts.next_scheduled is not None:
        return f"Scheduled {format_date(facts.next_scheduled)}"
    if facts.held_on is None:
        return ""
    return f"Due {format_date(aem_due(facts.held_on))}"


def _row(profile: LAProfile, shares: list[datetime], flags: FlagCounts | None,
         today: date, meetings: MeetingFacts | None = None) -> OverviewRow:
    meetings = meetings or MeetingFacts()
    last = profile.status.last_judgement
    nxt = profile.status.next
    visits, verdict = _visits(profile)
    return OverviewRow(
        la_code=profile.la_code,
        name=profile.name,
        last_inspection=(f"{kind_label(last.kind)}, "
                         f"{format_date(last.judged_on)}") if last else "None on record",
        last_inspection_date=last.judged_on if last else None,
        overall=grade_label(last.overall) if last else "Not graded",
        pathway=pathway_status_label(profile.status),
        next_inspection=next_inspection_status_label(profile.status, today),
        window_opens=nxt.earliest if nxt else None,
        window_closes=nxt.latest if nxt else None,
        focused_visits=visits,
        visits_verdict=verdict,
        sef_status=_sef_status(shares, today),
        last_meeting=(format_date(meetings.held_on)
                      + ("" if meetings.recorded else " (not yet recorded)"))
        if meetings.held_on else NO_MEETING,
        meeting_due=_meeting_due(meetings),
        letter_status=letter_status(meetings.held_on, meetings.letter_issued_on, today),
        outliers=flags,
        past_events=tuple(
            (record.judged_on, kind_label(record.kind))
            for record in profile.history if record.judged_on is not None
        ),
    )


def region_rows(user: Principal | None, region_code: str,
                today: date | None = None) -> RegionRows:
    """The overview of a region ``user`` may see (AccessDenied otherwise)."""
    day = today or clock.today_in_england()
    overview = get_region_overview(user, region_code, day)  # checks the user may see it
    codes = [p.la_code for p in overview.authorities]
    with session_scope() as session:
        shares = _shares_by_la(session, codes)
        flags = _flags_by_la(session, codes)
        meetings = _meetings_by_la(session, codes, day)
    return RegionRows(
        overview.region_code, overview.region_name,
        [_row(p, shares.get(p.la_code, []), flags[p.la_code], day, meetings[p.la_code])
         for p in overview.authorities],
        tuple(_pathway_task(p) for p in overview.authorities if p.status.pathway_to_be_set),
    )


def _pathway_task(profile: LAProfile) -> PathwayTask:
    last = profile.status.last_judgement
    inspection = f"{kind_label(last.kind)}, {format_date(last.judged_on)}" if last else ""
    return PathwayTask(profile.la_code, profile.name, inspection)


def outliers_text(flags: FlagCounts | None) -> str:
    return "No published figures" if flags is None else flags.text


EXPORT_HEADINGS = (
    "LA code", "Local authority", "Last inspection", "Overall grade", "Pathway",
    "Next inspection", "Focused visits since last inspection", "Against allowance",
    "Self-evaluation", "Last annual engagement meeting", "Next meeting due", "Letter",
    "Published measures flagged (worse, better, context)",
)


def overview_workbook(user: Principal | None, region_code: str) -> tuple[str, bytes]:
    """The overview as an Excel file (file name, bytes), for a user who may see it."""
    data = region_rows(user, region_code)
    rows = [
        (r.la_code, r.name, r.last_inspection, r.overall, r.pathway, r.next_inspection,
         r.focused_visits, r.visits_verdict, r.sef_status, r.last_meeting, r.meeting_due,
         r.letter_status, outliers_text(r.outliers))
        for r in data.rows
    ]
    name = f"{data.region_code}-overview.xlsx"
    return name, workbook_bytes(f"{data.region_code} overview", EXPORT_HEADINGS, rows)
