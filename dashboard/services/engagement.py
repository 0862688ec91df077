"""The annual engagement meeting: schedule, agenda, record (framework paras 39-48).

Both sides of the meeting use it: the region's inspectors schedule the meeting, edit the
agenda and record it; the senior HMI decides on proposals and agrees the agenda for
Ofsted (para 47); the LA's own users propose items, comment, name the LA's attendees
(para 46) and agree the agenda for the LA. Every function loads the meeting first and
checks the signed-in user against the meeting's own LA: an id from the browser grants
nothing. Text is cleaned of control characters and never logged.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import (
    FLAGS,
    Principal,
    can_agree_agenda_for_la,
    can_agree_agenda_for_ofsted,
    can_engage_for_la,
    can_run_meetings,
    can_see_meetings,
    require,
    side_of_role,
    signed_in,
)
from dashboard.domain.engagement import (
    AGENDA_HEADINGS,
    AGENDA_ITEMS,
    SCOPE_REASONS,
    TOPICS_BY_KEY,
)
from dashboard.domain.engagement_letter import (
    MAX_ATTENDEE_LINE,
    MAX_ATTENDEES,
    SIDES,
    AgendaNote,
    Attendee,
    MeetingRecord,
    NextStep,
    ScopeChoice,
    parse_attendees,
)
from dashboard.domain.letter_issue import (
    RecordedItem,
    item_note_problems,
    past_date_warning,
    unrecorded_meeting_warning,
)
from dashboard.domain.meeting_record import (
    EARLIEST_MEETING,
    attendance_problems,
    attendee_problems,
    held_on_problems,
    is_unused_attendee,
    is_unused_step,
    scope_problems,
    step_count_problems,
    step_due_problems,
    step_text_problems,
)
from dashboard.domain.sef_text import printable_text
from dashboard.errors import InvalidRequest, NotFound, is_row_id, present
from dashboard.services.la_profiles import load_la
from dashboard.services.user_admin import user_names
from dashboard.storage.db import session_scope
from dashboard.storage.models import (
    AgendaComment,
    AgendaItem,
    EngagementLetter,
    EngagementMeeting,
    LocalAuthority,
    MeetingAttendee,
    MeetingNextStep,
    User,
)

log = logging.getLogger(__name__)

MAX_TITLE = 300
MAX_TEXT = 5_000
MAX_PLACE = 200
MAX_TIMING = 200

ON_AGENDA, PROPOSED, DECLINED, MERGED = "agenda", "proposed", "declined", "merged"
#: What the LA is told while the senior HMI has a proposal to decide (para 47): not a
#: refusal, since the next move is Ofsted's.
WAITING_FOR_OFSTED = "Waiting for Ofsted to decide your proposal."


class FormErrors(Exception):
    """What is wrong with a form, field by field, in plain words. Nothing was stored."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class ItemView:
    id: int
    position: int
    title: str
    discussion: str
    framework_wording: str  # para 42's wording of a default item, else ""
    status: str
    proposed_by: str
    proposed_at: datetime | None
    amends: int | None  # the position of the item a proposed change amends
    decided_by: str
    decided_at: datetime | None
    record_note: str
    not_discussed: bool = False  # the record says it was not discussed (para 48)


@dataclass(frozen=True)
class CommentView:
    author: str
    side: str
    written_at: datetime
    text: str


@dataclass(frozen=True)
class Agreement:
    by: str
    at: datetime


@dataclass(frozen=True)
class MeetingView:
    id: int
    la_code: str
    la_name: str
    meeting_date: date
    place: str
    scheduled_by: str
    items: list[ItemView]
    proposals: list[ItemView]
    decided_proposals: list[ItemView]
    comments: list[CommentView]
    attendees: dict[str, list[Attendee]]
    agreed_for_ofsted: Agreement | None
    agreed_for_la: Agreement | None
    held_on: date | None
    recorded_at: datetime | None
    scope: ScopeChoice
    next_sef_timing: str
    next_meeting_timing: str
    next_steps: list[NextStep]
    letter_issued_on: date | None
    letter_drafted: bool
    may_run: bool
    may_agree_for_ofsted: bool
    may_engage_for_la: bool
    may_agree_for_la: bool
    #: the LA's users marked as the DCS or a delegate, who agree for the LA (para 47):
    #: told to the LA's other users
    la_agreers: tuple[str, ...]
    #: for the inspectors, before the record: a past date, another unrecorded meeting near
    warnings: tuple[str, ...] = ()

    @property
    def agreed(self) -> bool:
        return self.agreed_for_ofsted is not None and self.agreed_for_la is not None

    @property
    def recorded(self) -> bool:
        return self.recorded_at is not None

    def record(self) -> MeetingRecord:
        return MeetingRecord(
            la_name=self.la_name, held_on=self.held_on or self.meeting_date,
            attendees=tuple(self.attendees["ofsted"] + self.attendees["la"]),
            agenda=tuple(AgendaNote(i.title, i.record_note, i.not_discussed)
                         for i in self.items),
            scope=self.scope, next_sef_timing=self.next_sef_timing,
            next_meeting_timing=self.next_meeting_timing, next_steps=tuple(self.next_steps))


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    meeting_date: date
    place: str
    agreed: bool
    held_on: date | None
    letter_issued_on: date | None
    letter_drafted: bool


@dataclass(frozen=True)
class MeetingsPage:
    la_code: str
    la_name: str
    may_schedule: bool
    meetings: list[MeetingSummary] = field(default_factory=list)


def _meeting(session: Session, meeting_id: object) -> tuple[EngagementMeeting, LocalAuthority]:
    """The meeting and its LA. Unknown ids and wrong types are simply not found."""
    if not is_row_id(meeting_id):
        raise NotFound("There is no such meeting.")
    meeting = session.get(EngagementMeeting, meeting_id)
    if meeting is None:
        raise NotFound("There is no such meeting.")
    return meeting, load_la(session, meeting.la_code)


def load_visible_meeting(session: Session, user: Principal | None,
          meeting_id: object) -> tuple[EngagementMeeting, LocalAuthority]:
    meeting, la = _meeting(session, meeting_id)
    if not can_see_meetings(user, la):
        # the same answer as a meeting that does not exist: no hint that it does
        raise NotFound("There is no such meeting.")
    return meeting, la


def clean_text(value: object, label: str, limit: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidRequest(f"{label}: the page sent something unexpected; reload it.")
    clean = printable_text(value).strip()
    if len(clean) > limit:
        raise FormErrors([f"{label} can be at most {limit:,} characters."])
    if required and not clean:
        raise FormErrors([f"{label}: write something first."])
    return clean


def _day(value: object, label: str) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise FormErrors([f"{label}: enter a date."])
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise FormErrors([f"{label}: “{value[:20]}” is not a date."]) from None
    return day


def list_meetings(user: Principal | None, la_code: str) -> MeetingsPage:
    """An LA's meetings, newest first, for both sides of the meeting."""
    with session_scope() as session:
        la = load_la(session, la_code)
        require(can_see_meetings(user, la),
                "Only the local authority and its region's inspectors see its meetings.")
        meetings = list(session.scalars(
            select(EngagementMeeting).where(EngagementMeeting.la_code == la.la_code)
            .order_by(EngagementMeeting.meeting_date.desc(), EngagementMeeting.id.desc())))
        letters = {letter.meeting_id: letter for letter in session.scalars(
            select(EngagementLetter).where(
                EngagementLetter.meeting_id.in_([m.id for m in meetings])))}
        runs = can_run_meetings(user, la)
        return MeetingsPage(la.la_code, la.name, runs, [
            MeetingSummary(
                m.id, m.meeting_date, m.place,
                m.agreed_for_la_at is not None and m.agreed_for_ofsted_at is not None,
                m.held_on if m.recorded_at else None,
                letters[m.id].issued_on if m.id in letters else None,
                m.id in letters and runs)  # that a draft exists is Ofsted's to know
            for m in meetings])


def next_open_meeting(user: Principal | None, la_code: str) -> tuple[int, date] | None:
    """The LA's next meeting not yet held, for one of its region's inspectors to add an
    item to (None for anyone else, or when none is scheduled)."""
    with session_scope() as session:
        la = load_la(session, la_code)
        if not can_run_meetings(user, la):
            return None
        meeting = session.scalars(
            select(EngagementMeeting).where(
                EngagementMeeting.la_code == la.la_code,
                EngagementMeeting.recorded_at.is_(None),
                EngagementMeeting.meeting_date >= clock.today_in_england())
            .order_by(EngagementMeeting.meeting_date, EngagementMeeting.id)).first()
        return (meeting.id, meeting.meeting_date) if meeting else None


def open_meeting(user: Principal | None, meeting_id: object) -> MeetingView:
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        return meeting_view(session, user, meeting, la)


def open_record(user: Principal | None, meeting_id: object) -> MeetingView:
    """The meeting for the record page: the region's inspectors only."""
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        require(can_run_meetings(user, la), "Only the region's inspectors record the meeting.")
        return meeting_view(session, user, meeting, la)


def meeting_id_from_path(value: object) -> int:
    """The meeting id in a page's address; anything else is simply not found."""
    if isinstance(value, str) and value.isdigit() and len(value) <= 12:
        return int(value)
    raise NotFound("There is no such meeting.")


def meeting_view(session: Session, user: Principal | None, meeting: EngagementMeeting,
          la: LocalAuthority) -> MeetingView:
    names = user_names(session)
    rows = list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                                .order_by(AgendaItem.position, AgendaItem.id)))
    positions = {row.id: row.position for row in rows}

    def item(row: AgendaItem) -> ItemView:
        wording = AGENDA_ITEMS[row.framework_item - 1] if row.framework_item else ""
        return ItemView(row.id, row.position, row.title, row.discussion, wording, row.status,
                        names.get(row.proposed_by_id or 0, ""), row.proposed_at,
                        positions.get(row.amends_id) if row.amends_id else None,
                        names.get(row.decided_by_id or 0, ""), row.decided_at,
                        row.record_note, bool(row.not_discussed))

    comments = [
        CommentView(names.get(c.author_id or 0, "(unknown)"), c.side_label, c.written_at,
                    c.text)
        for c in _comments(session, meeting.id)
    ]
    attendees: dict[str, list[Attendee]] = {"ofsted": [], "la": []}
    for a in session.scalars(select(MeetingAttendee).where(
            MeetingAttendee.meeting_id == meeting.id).order_by(MeetingAttendee.position)):
        attendees[a.side].append(Attendee(a.name, a.role, a.side, a.part))
    steps = [NextStep(s.action, s.owner, s.due_on, s.side) for s in session.scalars(
        select(MeetingNextStep).where(MeetingNextStep.meeting_id == meeting.id)
        .order_by(MeetingNextStep.position))]
    letter = session.scalars(select(EngagementLetter).where(
        EngagementLetter.meeting_id == meeting.id)).first()

    def agreement(by: int | None, at: datetime | None) -> Agreement | None:
        return Agreement(names.get(by or 0, "(unknown)"), at) if at is not None else None

    return MeetingView(
        id=meeting.id, la_code=la.la_code, la_name=la.name,
        meeting_date=meeting.meeting_date, place=meeting.place,
        scheduled_by=names.get(meeting.scheduled_by_id or 0, "(unknown)"),
        items=[item(r) for r in rows if r.status == ON_AGENDA],
        proposals=[item(r) for r in rows if r.status == PROPOSED],
        decided_proposals=[item(r) for r in rows if r.status in (DECLINED, MERGED)
                           or (r.status == ON_AGENDA and r.proposed_by_id is not None
                               and r.decided_at is not None)],
        comments=comments, attendees=attendees,
        agreed_for_ofsted=agreement(meeting.agreed_for_ofsted_by_id,
                                    meeting.agreed_for_ofsted_at),
        agreed_for_la=agreement(meeting.agreed_for_la_by_id, meeting.agreed_for_la_at),
        held_on=meeting.held_on, recorded_at=meeting.recorded_at,
        scope=ScopeChoice(tuple(k for k in meeting.scope_topics.split(",") if k),
                          meeting.scope_reason, meeting.scope_note),
        next_sef_timing=meeting.next_sef_timing, next_meeting_timing=meeting.next_meeting_timing,
        next_steps=steps,
        letter_issued_on=letter.issued_on if letter else None,
        letter_drafted=letter is not None and can_run_meetings(user, la),
        may_run=can_run_meetings(user, la),
        may_agree_for_ofsted=can_agree_agenda_for_ofsted(user, la),
        may_engage_for_la=can_engage_for_la(user, la),
        may_agree_for_la=can_agree_agenda_for_la(user, la),
        la_agreers=_la_agreers(session, la) if can_engage_for_la(user, la) else (),
        warnings=_warnings(session, meeting) if can_run_meetings(user, la) else (),
    )


def _warnings(session: Session, meeting: EngagementMeeting) -> tuple[str, ...]:
    """What the inspectors are told, not stopped by, about an unrecorded meeting: a date
    in the past, and another of the LA's meetings with no record within six months."""
    if meeting.recorded_at is not None:
        return ()
    others = list(session.scalars(select(EngagementMeeting.meeting_date).where(
        EngagementMeeting.la_code == meeting.la_code, EngagementMeeting.id != meeting.id,
        EngagementMeeting.recorded_at.is_(None))))
    found = (past_date_warning(meeting.meeting_date, clock.today_in_england()),
             unrecorded_meeting_warning(meeting.meeting_date, others))
    return tuple(w for w in found if w)


def _la_agreers(session: Session, la: LocalAuthority) -> tuple[str, ...]:
    """The names of the LA's active accounts marked as the DCS or a delegate (para 47)."""
    flag = FLAGS["dcs"]
    return tuple(session.scalars(select(User.full_name).where(
        User.la_code == la.la_code, User.role == flag.role,
        getattr(User, flag.attribute).is_(True), User.active.is_(True))
        .order_by(User.full_name)))


@dataclass(frozen=True)
class _Comment:
    author_id: int | None
    side_label: str
    written_at: datetime
    text: str


def _comments(session: Session, meeting_id: int) -> list[_Comment]:
    roles = {uid: role for uid, role in session.execute(select(User.id, User.role))}
    return [
        _Comment(c.author_id, SIDES[side_of_role(roles.get(c.author_id or 0))],
                 c.written_at, c.text)
        for c in session.scalars(select(AgendaComment).where(
            AgendaComment.meeting_id == meeting_id).order_by(AgendaComment.written_at,
                                                             AgendaComment.id))
    ]


# ---------------------------------------------------------------- scheduling and the agenda


def schedule_meeting(user: Principal | None, la_code: str, meeting_date: object,
                     place: object) -> int:
    """Schedule a meeting with para 42's seven items as the draft agenda."""
    with session_scope() as session:
        la = load_la(session, la_code)
        require(can_run_meetings(user, la),
                "Only the region's inspectors schedule engagement meetings.")
        errors: list[str] = []
        day: date | None = None
        try:
            day = _day(meeting_date, "Date of the meeting")
            latest = date(clock.today_in_england().year + 2, 12, 31)
            if not EARLIEST_MEETING <= day <= latest:
                errors.append(f"Date of the meeting: choose a date between "
                              f"{EARLIEST_MEETING:%d/%m/%Y} and {latest:%d/%m/%Y}.")
        except FormErrors as error:
            errors += error.errors
        try:
            where = clean_text(place, "Place, or online", MAX_PLACE, required=True)
        except FormErrors as error:
            errors += error.errors
        if errors:
            raise FormErrors(errors)
        user, day = signed_in(user), present(day, "The meeting's date")
        meeting = EngagementMeeting(la_code=la.la_code, meeting_date=day, place=where,
                                    scheduled_by_id=user.id, scheduled_at=clock.now())
        session.add(meeting)
        session.flush()
        for number, heading in enumerate(AGENDA_HEADINGS, start=1):
            session.add(AgendaItem(meeting_id=meeting.id, position=number, title=heading,
                                   discussion="", framework_item=number, status=ON_AGENDA))
        log.info("Engagement meeting scheduled: la=%s meeting=%s", la.la_code, meeting.id)
        return meeting.id


def _not_recorded(meeting: EngagementMeeting) -> None:
    if meeting.recorded_at is not None:
        raise FormErrors(["The meeting has been recorded, so its agenda is closed."])


def _agenda_changed(meeting: EngagementMeeting) -> None:
    """Any change to the agreed agenda needs both sides to agree again (para 47)."""
    meeting.agreed_for_ofsted_by_id = meeting.agreed_for_ofsted_at = None
    meeting.agreed_for_la_by_id = meeting.agreed_for_la_at = None


def save_agenda_notes(user: Principal | None, meeting_id: object, notes: dict[int, object],
                      base: dict[int, object]) -> MeetingView:
    """The inspector's notes on what each item will discuss. Only the notes the person
    changed from ``base`` (what their page showed) are saved; if someone else changed one
    of those meanwhile, nothing is saved and they are told which."""
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        require(can_run_meetings(user, la), "Only the region's inspectors edit the agenda.")
        _not_recorded(meeting)
        items = {i.id: i for i in session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id, AgendaItem.status == ON_AGENDA))}
        clean, clashes = {}, []
        for item_id, text in notes.items():
            if item_id not in items or not isinstance(base.get(item_id, ""), str):
                raise InvalidRequest("That item is not on this agenda; reload the page.")
            was = clean_text(base.get(item_id, ""), "Item", MAX_TEXT * 2)
            now = clean_text(text, f"Item {items[item_id].position}", MAX_TEXT)
            if now in (was, items[item_id].discussion):
                continue  # not edited on this page, or already saved as typed
            if items[item_id].discussion != was:
                clashes.append(f"Item {items[item_id].position} was changed by someone else "
                               "since you opened the page: copy your text, reload and merge.")
            clean[item_id] = now
        if clashes:
            raise FormErrors(clashes)
        changed = False
        for item_id, text in clean.items():
            if items[item_id].discussion != text:
                items[item_id].discussion = text
                changed = True
        if changed:
            _agenda_changed(meeting)
        session.flush()
        return meeting_view(session, user, meeting, la)


def propose_item(user: Principal | None, meeting_id: object, title: object,
                 discussion: object, amends: object = None) -> MeetingView:
    """Propose an item, or a change to one (``amends``: the item's id). The LA's
    proposals wait for the senior HMI; an inspector's go straight on the agenda."""
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        inspector = can_run_meetings(user, la)
        require(inspector or can_engage_for_la(user, la),
                "Only the two sides of the meeting change its agenda.")
        _not_recorded(meeting)
        errors: list[str] = []
        try:
            heading = clean_text(title, "Item", MAX_TITLE, required=True)
        except FormErrors as error:
            errors += error.errors
        try:
            about = clean_text(discussion, "What it will discuss", MAX_TEXT)
        except FormErrors as error:
            errors += error.errors
        items = list(session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id)))
        target = None
        if amends not in (None, ""):
            target = next((i for i in items if str(i.id) == str(amends)
                           and i.status == ON_AGENDA), None)
            if target is None:
                raise InvalidRequest("That item is not on this agenda; reload the page.")
        if errors:
            raise FormErrors(errors)
        user = signed_in(user)
        now = clock.now()
        if inspector and target is not None:
            target.title, target.discussion = heading, about
        elif inspector:
            session.add(AgendaItem(meeting_id=meeting.id, position=_next_position(items),
                                   title=heading, discussion=about, status=ON_AGENDA,
                                   proposed_by_id=user.id, proposed_at=now))
        else:  # numbered when accepted, so the agenda's numbers have no gaps
            session.add(AgendaItem(meeting_id=meeting.id, position=0,
                                   title=heading, discussion=about, status=PROPOSED,
                                   amends_id=target.id if target else None,
                                   proposed_by_id=user.id, proposed_at=now))
        _agenda_changed(meeting)
        session.flush()
        log.info("Agenda item proposed: meeting=%s", meeting.id)
        return meeting_view(session, user, meeting, la)


def _next_position(items: list[AgendaItem]) -> int:
    """The number the next item on the agenda takes."""
    return max((i.position for i in items if i.status == ON_AGENDA), default=0) + 1


def decide_proposal(user: Principal | None, meeting_id: object, item_id: object,
                    accept: bool) -> MeetingView:
    """The senior HMI accepts or declines the LA's proposal (para 47). An accepted change
    replaces the wording of the item it amends."""
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        require(can_agree_agenda_for_ofsted(user, la),
                "Only the region's senior HMI accepts or declines proposals (paragraph 47).")
        _not_recorded(meeting)
        proposal = session.get(AgendaItem, item_id) if is_row_id(item_id) else None
        if proposal is None or proposal.meeting_id != meeting.id or proposal.status != PROPOSED:
            raise InvalidRequest("That proposal is not open on this agenda; reload the page.")
        user = signed_in(user)
        proposal.decided_by_id, proposal.decided_at = user.id, clock.now()
        if not accept:
            proposal.status = DECLINED
        elif proposal.amends_id is not None:
            target = present(session.get(AgendaItem, proposal.amends_id),
                             "The agenda item a proposal amends")
            target.title, target.discussion = proposal.title, proposal.discussion
            proposal.status = MERGED
        else:
            proposal.position = _next_position(list(session.scalars(
                select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))))
            proposal.status = ON_AGENDA
        if accept:
            _agenda_changed(meeting)
        session.flush()
        return meeting_view(session, user, meeting, la)


def add_comment(user: Principal | None, meeting_id: object, text: object) -> MeetingView:
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        _not_recorded(meeting)
        clean = clean_text(text, "Comment", MAX_TEXT, required=True)
        user = signed_in(user)
        session.add(AgendaComment(meeting_id=meeting.id, author_id=user.id, text=clean,
                                  written_at=clock.now()))
        session.flush()
        return meeting_view(session, user, meeting, la)


def agree_agenda(user: Principal | None, meeting_id: object) -> MeetingView:
    """Agree the agenda for one's own side (para 47): the senior HMI for Ofsted, and for
    the LA the DCS or someone the DCS named (an LA account so marked). Open proposals
    must be decided first."""
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        for_ofsted = can_agree_agenda_for_ofsted(user, la)
        require(for_ofsted or can_agree_agenda_for_la(user, la),
                "Only the senior HMI and the DCS or a delegate agree the agenda "
                "(paragraph 47).")
        _not_recorded(meeting)
        open_proposals = session.scalars(select(AgendaItem.id).where(
            AgendaItem.meeting_id == meeting.id, AgendaItem.status == PROPOSED)).first()
        if open_proposals is not None:
            raise FormErrors(["Decide the open proposals before agreeing the agenda."]
                             if for_ofsted else [WAITING_FOR_OFSTED])
        user = signed_in(user)
        if for_ofsted:
            meeting.agreed_for_ofsted_by_id, meeting.agreed_for_ofsted_at = user.id, clock.now()
        else:
            meeting.agreed_for_la_by_id, meeting.agreed_for_la_at = user.id, clock.now()
        session.flush()
        return meeting_view(session, user, meeting, la)


def _replace_attendees(session: Session, meeting: EngagementMeeting, side: str,
                       people: list[Attendee]) -> None:
    for old in session.scalars(select(MeetingAttendee).where(
            MeetingAttendee.meeting_id == meeting.id, MeetingAttendee.side == side)):
        session.delete(old)
    for position, person in enumerate(people, start=1):
        session.add(MeetingAttendee(meeting_id=meeting.id, side=side, position=position,
                                    name=person.name, role=person.role, part=person.part))


def save_attendees(user: Principal | None, meeting_id: object, side: object,
                   text: object) -> MeetingView:
    """Each side names its own people: the DCS decides who attends from the LA (para
    46), the inspectors name Ofsted's. The record can correct both afterwards, and gives
    each person's part; a person named again here keeps the part the record gave."""
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        if not isinstance(side, str) or side not in SIDES:
            raise InvalidRequest("Unknown side of the meeting.")
        allowed = can_engage_for_la(user, la) if side == "la" else can_run_meetings(user, la)
        require(allowed, "Each side names its own attendees (paragraph 46).")
        _not_recorded(meeting)
        clean = clean_text(text, "Attendees", MAX_ATTENDEES * 210)
        people, errors = parse_attendees(clean, str(side))
        if errors:
            raise FormErrors(errors)
        parts = {a.name: a.part for a in session.scalars(select(MeetingAttendee).where(
            MeetingAttendee.meeting_id == meeting.id, MeetingAttendee.side == side))}
        _replace_attendees(session, meeting, str(side),
                           [replace(p, part=parts.get(p.name)) for p in people])
        session.flush()
        return meeting_view(session, user, meeting, la)


# ---------------------------------------------------------------- the record


@dataclass(frozen=True)
class AttendeeInput:
    """One person of the record's attendee rows, as the page sent them."""

    name: object
    role: object
    part: object


@dataclass(frozen=True)
class StepInput:
    action: object
    owner: object
    due: object
    side: object


def _attendee_rows(side: str, rows: object) -> tuple[list[Attendee], list[str]]:
    """One side's attendee rows, cleaned and checked (paras 46 and 48), and the problems
    found, naming the side and the row; empty rows are skipped."""
    if not isinstance(rows, list) or not all(isinstance(r, AttendeeInput) for r in rows):
        raise InvalidRequest("The page is out of date; reload it.")
    label = f"Attendees ({SIDES[side]})"
    found: list[Attendee] = []
    errors: list[str] = []
    for row, person in enumerate(rows, start=1):
        try:
            name = clean_text(person.name, f"{label}, person {row}: name", MAX_ATTENDEE_LINE)
            role = clean_text(person.role, f"{label}, person {row}: job", MAX_ATTENDEE_LINE)
        except FormErrors as error:
            errors.extend(error.errors)
            continue
        part = person.part or None
        if part is not None and not isinstance(part, str):
            raise InvalidRequest("Unknown part at the meeting; reload the page.")
        if is_unused_attendee(name, role, part):
            continue
        errors.extend(attendee_problems(label, row, name, side, part))
        found.append(Attendee(" ".join(name.split()), " ".join(role.split()), side, part))
    if len(found) > MAX_ATTENDEES:
        errors.append(f"{label}: name at most {MAX_ATTENDEES} people.")
    return found, errors


def save_record(user: Principal | None, meeting_id: object, *, held_on: object,
                la_attendees: list[AttendeeInput], ofsted_attendees: list[AttendeeInput],
                notes: dict[int, object],
                scope_topics: object, scope_reason: object, scope_note: object,
                next_sef_timing: object, next_meeting_timing: object,
                steps: list[StepInput],
                not_discussed: dict[int, object] | None = None) -> MeetingView:
    """The meeting record: everything is checked first and stored together, or nothing
    is. Errors name the field (and the person's or step's row) in plain words; the DCS
    or a deputy and a senior HMI, HMI or regional director must have attended (para 46);
    each agenda item has a note or is marked ``not_discussed`` (para 48). Items the page
    did not send keep what is stored. Once the letter is issued the record is closed."""
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        require(can_run_meetings(user, la), "Only the region's inspectors record the meeting.")
        letter = session.scalars(select(EngagementLetter).where(
            EngagementLetter.meeting_id == meeting.id)).first()
        if letter is not None and letter.issued_at is not None:
            raise FormErrors(["The letter has been issued, so the record is closed: it "
                              "can no longer be changed."])
        errors: list[str] = []

        def collect(check):  # noqa: ANN001, ANN202
            try:
                return check()
            except FormErrors as error:
                errors.extend(error.errors)
                return None

        today = clock.today_in_england()
        day = collect(lambda: _day(held_on, "Date of the meeting"))
        if day is not None:
            errors.extend(held_on_problems(day, today))
        people: dict[str, list[Attendee]] = {}
        for side, rows in (("ofsted", ofsted_attendees), ("la", la_attendees)):
            people[side], problems = _attendee_rows(side, rows)
            errors.extend(problems)
        errors.extend(attendance_problems(people["ofsted"] + people["la"]))
        items = {i.id: i for i in session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id == meeting.id, AgendaItem.status == ON_AGENDA))}
        clean_notes: dict[int, str] = {}
        unreadable: set[int] = set()
        for item_id, text in notes.items():
            if item_id not in items:
                raise InvalidRequest("That item is not on this agenda; reload the page.")
            note = collect(lambda text=text, item_id=item_id: clean_text(
                text, f"Note on item {items[item_id].position}", MAX_TEXT))
            clean_notes[item_id] = note or ""
            if note is None:
                unreadable.add(item_id)  # already told: too long, say
        marks: dict[int, bool] = {}
        for item_id, mark in (not_discussed or {}).items():
            if item_id not in items or not isinstance(mark, bool | None):
                raise InvalidRequest("That item is not on this agenda; reload the page.")
            marks[item_id] = bool(mark)
        for item in sorted(items.values(), key=lambda i: i.position):
            if item.id in unreadable:
                continue
            errors.extend(item_note_problems(RecordedItem(
                item.position, item.title, clean_notes.get(item.id, item.record_note),
                marks.get(item.id, bool(item.not_discussed)))))
        if not isinstance(scope_topics, list) or not all(
                isinstance(k, str) and k in TOPICS_BY_KEY for k in scope_topics):
            raise InvalidRequest("Unknown focused-visit topic; reload the page.")
        if scope_reason is not None and (not isinstance(scope_reason, str) or scope_reason
                                         not in ("", *SCOPE_REASONS)):
            raise InvalidRequest("Unknown reason for the scope; reload the page.")
        errors.extend(scope_problems(scope_topics, scope_reason))
        note = collect(lambda: clean_text(scope_note, "Notes on the scope", MAX_TEXT)) or ""
        sef_timing = collect(lambda: clean_text(next_sef_timing, "Next self-evaluation",
                                           MAX_TIMING)) or ""
        meeting_timing = collect(lambda: clean_text(next_meeting_timing, "Next meeting",
                                               MAX_TIMING)) or ""
        errors.extend(step_count_problems(len(steps)))
        clean_steps: list[NextStep] = []
        for row, step in enumerate(steps, start=1):
            action = collect(lambda step=step, row=row: clean_text(
                step.action, f"Next step {row}: what", MAX_TEXT)) or ""
            owner = collect(lambda step=step, row=row: clean_text(
                step.owner, f"Next step {row}: owner", MAX_TITLE)) or ""
            due_given = step.due not in (None, "")
            if is_unused_step(action, owner, due_given):
                continue
            errors.extend(step_text_problems(row, action, owner))
            due = None
            if due_given:
                due = collect(lambda step=step, row=row: _day(step.due, f"Next step {row}: due"))
            errors.extend(step_due_problems(row, due_given, due, today))
            if not isinstance(step.side, str) or step.side not in SIDES:
                raise InvalidRequest("Unknown side for a next step; reload the page.")
            clean_steps.append(NextStep(action, owner, due, str(step.side)))
        if errors:
            raise FormErrors(errors)
        user, day = signed_in(user), present(day, "The meeting's date")
        meeting.held_on = day
        meeting.recorded_by_id, meeting.recorded_at = user.id, clock.now()
        meeting.scope_topics = ",".join(dict.fromkeys(scope_topics))
        meeting.scope_reason = scope_reason or None
        meeting.scope_note = note
        meeting.next_sef_timing, meeting.next_meeting_timing = sef_timing, meeting_timing
        for item_id, text in clean_notes.items():
            items[item_id].record_note = text
        for item_id, mark in marks.items():
            items[item_id].not_discussed = mark
        for side, found in people.items():
            _replace_attendees(session, meeting, side, found)
        for old in session.scalars(select(MeetingNextStep).where(
                MeetingNextStep.meeting_id == meeting.id)):
            session.delete(old)
        for position, step in enumerate(clean_steps, start=1):
            session.add(MeetingNextStep(meeting_id=meeting.id, position=position,
                                        action=step.action, owner=step.owner,
                                        due_on=step.due, side=step.side))
        if letter is not None:  # a draft shows the record's date and attendees
            letter.meeting_date = day
            letter.attendees = json.dumps([a.__dict__ for side in ("ofsted", "la")
                                           for a in people[side]])
        session.flush()
        log.info("Engagement meeting recorded: meeting=%s", meeting.id)
        return meeting_view(session, user, meeting, la)
