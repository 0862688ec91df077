"""The senior HMI's pathway decisions and the visits inspectors enter by hand (issue 20).

Inspections from April 2026 give no overall effectiveness grade (Ofsted, 27 November
2025) and the rules that replace it are not in our sources, so the region's senior HMI
records the pathway and next activity; it is then followed as a derived one would be
(``la_profiles`` passes it to ``la_status``). Inspectors of the region enter monitoring
and focused visits, planned or held, that the published sources do not list yet. Each
save is checked here (access, then every field), stored in one transaction and audited.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from dashboard import clock
from dashboard.access import Principal, can_record_visits, can_set_pathway, require, signed_in
from dashboard.domain.dates import add_months
from dashboard.domain.framework import INSPECTION_KIND_LABELS, grade_from_text, timing_warning
from dashboard.domain.la_status import latest_judgement_inspection
from dashboard.domain.sef_text import printable_text
from dashboard.services.engagement import FormErrors
from dashboard.services.la_profiles import load_la, published_records
from dashboard.storage.db import session_scope
from dashboard.storage.models import (
    RECORDED_VISIT_KINDS,
    VISIT_STATUSES,
    PathwayDecision,
    RecordedVisit,
)

log = logging.getLogger(__name__)

#: What the senior HMI may name as the LA's next activity.
NEXT_ACTIVITIES: dict[str, str] = {
    "short": "Short inspection",
    "standard": "Standard inspection",
    "monitoring_visit": "Monitoring visit",
    "focused_visit": "Focused visit",
}

MAX_REASON = 2_000
MAX_NOTE = 1_000
#: The furthest ahead a next activity or planned visit may be dated: beyond the
#: latest a next inspection falls (three and a half years, ILACS framework para 13).
FURTHEST_AHEAD_MONTHS = 48
#: The furthest back a held visit may be entered: the ILACS framework began in 2018.
EARLIEST_VISIT = date(2018, 1, 1)


def _text(value: object, limit: int, label: str, required: bool) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FormErrors([f"{label}: write something first."])
        return None
    if not isinstance(value, str):
        raise FormErrors([f"{label}: write it as text."])
    if len(value) > limit:
        raise FormErrors([f"{label} can be at most {limit:,} characters."])
    clean = printable_text(value).strip()
    if required and not clean:
        raise FormErrors([f"{label}: write something first."])
    return clean or None


def _day(value: object, label: str, required: bool) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FormErrors([f"{label}: enter a date."])
        return None
    if not isinstance(value, str):
        raise FormErrors([f"{label}: enter a date."])
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise FormErrors([f"{label}: “{value[:20]}” is not a date."]) from None


def _collect(*checks: Callable[[], Any]) -> list[Any]:
    """Run every field's check and gather every problem, so the form says all at once."""
    values: list[Any] = []
    problems: list[str] = []
    for check in checks:
        try:
            values.append(check())
        except FormErrors as error:
            values.append(None)
            problems.extend(error.errors)
    if problems:
        raise FormErrors(problems)
    return values


def _pathway_number(value: object) -> int:
    number = value
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if isinstance(number, bool) or number not in (1, 2, 3):
        raise FormErrors(["Pathway: choose pathway 1, 2 or 3."])
    return int(number)


def _next_activity(value: object) -> str:
    if not isinstance(value, str) or value not in NEXT_ACTIVITIES:
        raise FormErrors(["Next activity: choose one."])
    return value


def set_pathway(user: Principal | None, la_code: str, pathway: object, reason: object,
                next_activity: object, next_activity_date: object) -> list[str]:
    """Record the LA's pathway for its latest inspection, which must have no overall grade.

    AccessDenied unless ``user`` is a senior HMI of the LA's region; FormErrors (nothing
    stored) for a field that is wrong or an LA whose pathway follows from its grade.
    Returns warnings that do not stop the save (a date para 14 would usually avoid).
    """
    with session_scope() as session:
        la = load_la(session, la_code)
        require(can_set_pathway(user, la),
                "Only a senior HMI of the local authority's region records its pathway.")
        who = signed_in(user)
        last = latest_judgement_inspection(published_records(session, la.la_code))
        if last is None:
            raise FormErrors(["This local authority has no judgement inspection on record, "
                              "so there is no pathway to set."])
        if grade_from_text(last.overall) is not None:
            raise FormErrors(["This local authority's latest inspection gave an overall "
                              "effectiveness grade, so its pathway follows from that grade "
                              "and is not recorded by hand."])
        today = clock.today_in_england()
        number, activity, why, day = _collect(
            lambda: _pathway_number(pathway),
            lambda: _next_activity(next_activity),
            lambda: _text(reason, MAX_REASON, "Reason", required=True),
            lambda: _day(next_activity_date, "Date of the next activity", required=False),
        )
        judged_on = last.judged_on or last.sort_date
        if day is not None and day < judged_on:
            raise FormErrors(["Date of the next activity: it cannot be before the inspection "
                              f"it follows ({judged_on.isoformat()})."])
        if day is not None and day > add_months(today, FURTHEST_AHEAD_MONTHS):
            raise FormErrors(["Date of the next activity: it is more than four years ahead."])
        session.add(PathwayDecision(
            la_code=la.la_code, pathway=number, reason=why, next_activity=activity,
            next_activity_date=day, inspection_kind=last.kind,
            inspection_date=last.sort_date, set_by_id=who.id, set_at=clock.now()))
    log.info("Pathway recorded: la=%s pathway=%s", la_code, number)  # never the reason
    warning = timing_warning(activity, day, NEXT_ACTIVITIES[activity]) if day else None
    return [warning] if warning else []


def record_visit(user: Principal | None, la_code: str, kind: object, visit_date: object,
                 status: object, note: object) -> list[str]:
    """Enter a planned or held monitoring or focused visit for an inspector of the region.

    A held visit cannot be in the future, nor before ILACS began; a planned one not more
    than four years ahead. Returns warnings that do not stop the save: a planned visit
    on site over Christmas and New Year (para 14).
    """
    with session_scope() as session:
        la = load_la(session, la_code)
        require(can_record_visits(user, la),
                "Only the local authority's region's inspectors enter its visits.")
        who = signed_in(user)

        def checked_kind() -> str:
            if not isinstance(kind, str) or kind not in RECORDED_VISIT_KINDS:
                raise FormErrors(["Kind of visit: choose monitoring or focused visit."])
            return kind

        def checked_status() -> str:
            if not isinstance(status, str) or status not in VISIT_STATUSES:
                raise FormErrors(["Planned or held: choose one."])
            return status

        what, state, day, clean_note = _collect(
            checked_kind, checked_status,
            lambda: _day(visit_date, "Date of the visit", required=True),
            lambda: _text(note, MAX_NOTE, "Note", required=False),
        )
        today = clock.today_in_england()
        if state == "held" and day > today:
            raise FormErrors(["Date of the visit: a held visit cannot be in the future."])
        if state == "held" and day < EARLIEST_VISIT:
            raise FormErrors(["Date of the visit: ILACS visits began in January 2018."])
        if state == "planned" and day > add_months(today, FURTHEST_AHEAD_MONTHS):
            raise FormErrors(["Date of the visit: it is more than four years ahead."])
        session.add(RecordedVisit(la_code=la.la_code, kind=what, visit_date=day, status=state,
                                  note=clean_note, entered_by_id=who.id, entered_at=clock.now()))
    log.info("Visit entered: la=%s kind=%s status=%s", la_code, kind, status)
    warning = (timing_warning(what, day, INSPECTION_KIND_LABELS[what])
               if state == "planned" else None)
    return [warning] if warning else []


def next_activity_label(key: str) -> str:
    """How a next activity reads on screen; an unknown (older) one reads as its kind."""
    return NEXT_ACTIVITIES.get(key) or INSPECTION_KIND_LABELS.get(key, key)
