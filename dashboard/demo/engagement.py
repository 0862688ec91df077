"""A demo annual engagement meeting for Barnsley, through the real services, so that
`make run` shows a meeting with an agreed agenda, a record and an issued letter, and a
next meeting scheduled. Invented text; no real person or child."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from dashboard import clock
from dashboard.access import Principal
from dashboard.demo.users import DEMO_USERS
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
from dashboard.services.user_admin import load_principal
from dashboard.storage.db import session_scope
from dashboard.storage.models import User

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


def load_demo_meeting() -> int:
    """Hold and write up a meeting about ten weeks ago and schedule the next; returns the
    meetings added (none if Barnsley already has one)."""
    hmi = _principal(next(u.email for u in DEMO_USERS
                          if u.region_code == "NEYH" and u.is_senior))  # the senior HMI
    # para 47: the DCS agrees the agenda; another of the LA's users proposes an item
    dcs = _principal(next(u.email for u in DEMO_USERS if u.la_code == LA and u.is_dcs))
    officer = _principal(next(u.email for u in DEMO_USERS if u.la_code == LA
                              and not u.is_dcs))
    if hmi is None or dcs is None or officer is None or list_meetings(hmi, LA).meetings:
        return 0
    held = clock.today_in_england() - timedelta(days=70)
    meeting_id = schedule_meeting(hmi, LA, held.isoformat(), "Barnsley town hall")
    propose_item(officer, meeting_id, "Sufficiency of local placements",
                 "The new children's home and the fostering recruitment campaign.")
    view = open_meeting(hmi, meeting_id)
    decide_proposal(hmi, meeting_id, view.proposals[0].id, accept=True)
    agree_agenda(hmi, meeting_id)
    agree_agenda(dcs, meeting_id)
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
        next_sef_timing="September 2027", next_meeting_timing="November 2027",
        steps=[StepInput("Share the care leavers audit with Ofsted", "Head of service",
                         (held + timedelta(days=90)).isoformat(), "la")])
    revision = draft_letter(hmi, meeting_id)
    issue_letter(hmi, meeting_id, revision)
    next_one = clock.today_in_england() + timedelta(days=290)
    schedule_meeting(hmi, LA, next_one.isoformat(), "Online")
    return 2
