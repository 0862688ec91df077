"""A demo annual engagement meeting for Barnsley, through the real services, so that
`make run` shows a meeting with an agreed agenda, a record and an issued letter, and a
next meeting scheduled. Invented text; no real person or child.

It follows the framework it teaches: the agenda agreed before the meeting (ILACS
framework para 47), the letter issued within a month of it (ILACS framework para 48),
and the next meeting's month the same in the record, the letter and the schedule.
tests/test_commands.py checks the demo database against these rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from dashboard import clock
from dashboard.access import Principal
from dashboard.demo.users import DEMO_USERS
from dashboard.domain.dates import add_months
from dashboard.services.engagement import (
    AttendeeInput,
    StepInput,
    agree_agenda,
    decide_proposal,
    list_meetings,
    open_meeting,
    propose_item,
    save_record,
    schedule_meeting,
)
from dashboard.services.engagement_letters import draft_letter, issue_letter
from dashboard.services.letter_details import save_letter_details
from dashboard.services.user_admin import load_principal
from dashboard.storage.db import session_scope
from dashboard.storage.models import AgendaItem, EngagementMeeting, User

LA = "370"
NOTES = (
    "Leaders described what their audits and performance reports show about the front "
    "door and about care leavers.",
    "Leaders set out their two improvement plans and how they will measure their impact.",
    "The actions since the last inspection were discussed, with the dates they were "
    "completed.",
    "The council's budget for 2027 and the recruitment of permanent social workers.",
    "Work with schools on attendance, and the new family hubs.",
    "Care leavers' pathway plans were discussed as a possible focus.",
    "The next self-evaluation and meeting were discussed.",
)


def _principal(email: str) -> Principal | None:
    with session_scope() as session:
        user = session.scalars(select(User).where(User.email == email)).first()
        if user is None:
            return None
        user_id, session_version = user.id, user.session_version
    return load_principal(user_id, session_version)


#: Days before the meeting that it was scheduled, the LA proposed an item, the senior HMI
#: accepted it, and both sides agreed the agenda (para 47: in advance of the meeting).
SCHEDULED, PROPOSED, DECIDED, AGREED = 35, 28, 21, 14
#: Days ago the demo meeting was held: its letter, issued today, is within the month.
HELD_DAYS_AGO = 18


def _before(day: date, days: int) -> datetime:
    """10:00 in England ``days`` before ``day``."""
    return clock.start_of_day_in_england(day - timedelta(days=days)) + timedelta(hours=10)


def _dated_before_the_meeting(meeting_id: int, held: date) -> None:
    """The services stamp the agenda's steps with today's time; the demo meeting is in
    the past, so its scheduling, proposal and agreement are dated before it was held."""
    with session_scope() as session:
        meeting = session.get(EngagementMeeting, meeting_id)
        if meeting is None:
            return
        meeting.scheduled_at = _before(held, SCHEDULED)
        meeting.agreed_for_ofsted_at = meeting.agreed_for_la_at = _before(held, AGREED)
        for item in session.scalars(select(AgendaItem).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.proposed_at.is_not(None))):
            item.proposed_at, item.decided_at = _before(held, PROPOSED), _before(held, DECIDED)


def load_demo_meeting() -> int:
    """Hold and write up a meeting a few weeks ago, issue its letter and schedule the
    next; returns the meetings added (none if Barnsley already has one)."""
    hmi = _principal(next(u.email for u in DEMO_USERS
                          if u.region_code == "NEYH" and u.is_senior))  # the senior HMI
    # para 47: the DCS agrees the agenda; another of the LA's users proposes an item
    dcs = _principal(next(u.email for u in DEMO_USERS if u.la_code == LA and u.is_dcs))
    officer = _principal(next(u.email for u in DEMO_USERS if u.la_code == LA
                              and not u.is_dcs))
    if hmi is None or dcs is None or officer is None or list_meetings(hmi, LA).meetings:
        return 0
    held = clock.today_in_england() - timedelta(days=HELD_DAYS_AGO)
    next_one = add_months(held, 11)  # about a year on: the month the record and letter give
    meeting_id = schedule_meeting(hmi, LA, held.isoformat(), "Barnsley town hall")
    propose_item(officer, meeting_id, "Sufficiency of local placements",
                 "The new children's home and the fostering recruitment campaign.")
    view = open_meeting(hmi, meeting_id)
    decide_proposal(hmi, meeting_id, view.proposals[0].id, accept=True)
    agree_agenda(hmi, meeting_id)
    agree_agenda(dcs, meeting_id)
    _dated_before_the_meeting(meeting_id, held)
    view = open_meeting(hmi, meeting_id)
    notes = {item.id: NOTES[item.position - 1] if item.position <= len(NOTES)
             else "Leaders described the plans for the new children's home."
             for item in view.items}
    save_record(
        hmi, meeting_id, held_on=held.isoformat(),
        la_attendees=[AttendeeInput("Jo Bloggs", "Director of Children's Services", "dcs"),
                      AttendeeInput("Ann Lee", "Assistant director, social care",
                                    "la_other")],
        ofsted_attendees=[AttendeeInput("Sam Senior", "Senior HMI", "senior_hmi")],
        notes=notes,
        scope_topics=["care_leavers"], scope_reason="agreement", scope_note="",
        next_sef_timing=f"{add_months(held, 9):%B %Y}",
        next_meeting_timing=f"{next_one:%B %Y}",
        steps=[StepInput("Share the care leavers audit with Ofsted", "Head of service",
                         (held + timedelta(days=90)).isoformat(), "la")])
    # Entered once for the LA and reused by every letter: a demo address, not a real one.
    save_letter_details(hmi, LA, "Jo Bloggs", "Barnsley Council (demo address)\nTown Hall\n"
                        "Barnsley", "Chief executive, Barnsley Council (demo)\n"
                        "Lead member for children's services, Barnsley Council (demo)")
    revision = draft_letter(hmi, meeting_id)
    issue_letter(hmi, meeting_id, revision)
    schedule_meeting(hmi, LA, next_one.isoformat(), "Online")
    return 2
