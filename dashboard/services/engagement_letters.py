"""The letter after the annual engagement meeting (framework para 48).

The region's inspectors draft it from the record, edit it, answer the lint's findings
(fix the text, or override with a recorded reason) and issue it. Issuing freezes it;
only then may the LA's own users read and download it. A draft is never shown to the
LA, and letters are never shown to anyone else.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import (
    FLAGS,
    Principal,
    can_engage_for_la,
    can_issue_letter_with_reason,
    can_run_meetings,
    has_flag,
    require,
    signed_in,
)
from dashboard.domain.audit import field_changes
from dashboard.domain.engagement_letter import (
    DCS,
    MAX_LETTER,
    Attendee,
    Letter,
    draft_letter_body,
    letter_reference,
    text_lines,
)
from dashboard.domain.framework import letter_due
from dashboard.domain.letter_issue import RecordedItem, issue_refusals
from dashboard.domain.letter_lint import (
    LetterFinding,
    finding_key,
    letter_findings,
    open_findings,
    override_key,
)
from dashboard.domain.sef_text import printable_text
from dashboard.errors import InvalidRequest, NotFound
from dashboard.services.audit import record_event
from dashboard.services.engagement import (
    ON_AGENDA,
    FormErrors,
    clean_text,
    load_visible_meeting,
    meeting_view,
)
from dashboard.services.letter_details import stored_details
from dashboard.services.user_admin import principal_of, user_names
from dashboard.storage.db import session_scope
from dashboard.storage.models import (
    AgendaItem,
    EngagementLetter,
    EngagementMeeting,
    LetterOverride,
    LocalAuthority,
    User,
)

log = logging.getLogger(__name__)

MAX_ADDRESSEE = 200
MAX_OVERRIDE = 1_000
MAX_ISSUE_REASON = 1_000
SENIOR_MAY_ISSUE = ("A senior HMI of the region can issue it anyway, recording the reason "
                    "on this panel.")


@dataclass(frozen=True)
class OverrideView:
    flagged_text: str
    finding_reason: str
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True)
class LetterPage:
    meeting_id: int
    la_code: str
    la_name: str
    meeting_date: date
    due: date
    letter: Letter | None
    revision: int
    updated_by: str
    updated_at: datetime | None
    issued_by: str
    findings: list[LetterFinding]
    open_findings: list[LetterFinding]
    overrides: list[OverrideView]
    may_write: bool
    recorded: bool
    #: a senior HMI's reason to issue despite paras 47 or 48, for the inspectors
    issue_reason: str = ""

    @property
    def issued(self) -> bool:
        return self.letter is not None and self.letter.issued_on is not None


def _letter_row(session: Session, meeting: EngagementMeeting) -> EngagementLetter | None:
    return session.scalars(select(EngagementLetter).where(
        EngagementLetter.meeting_id == meeting.id)).first()


def _letter(row: EngagementLetter, la: LocalAuthority) -> Letter:
    """The stored letter as a document, with the region writing it and its reference."""
    attendees = tuple(Attendee(**a) for a in json.loads(row.attendees))
    return Letter(la.name, row.addressee, row.meeting_date, attendees, row.body, row.signatory,
                  row.issued_on, region_name=la.region.name,
                  reference=letter_reference(la.ofsted_urn, la.la_code, row.meeting_date),
                  address=text_lines(row.address), copies=text_lines(row.copies))


def _overrides(session: Session, row: EngagementLetter | None) -> list[LetterOverride]:
    if row is None:
        return []
    return list(session.scalars(select(LetterOverride).where(
        LetterOverride.letter_id == row.id).order_by(LetterOverride.id)))


def _overridden(overrides: list[LetterOverride]) -> set[tuple[str, str, str]]:
    return {override_key(o.flagged_text, o.finding_reason, o.context) for o in overrides}


def _allowed(session: Session, user: Principal | None, meeting_id: object,
             ) -> tuple[EngagementMeeting, object, EngagementLetter | None, bool]:
    """The meeting, its LA, its letter and whether the user writes it. The LA's users
    reach an issued letter only; to them a draft does not exist."""
    meeting, la = load_visible_meeting(session, user, meeting_id)
    writer = can_run_meetings(user, la)
    row = _letter_row(session, meeting)
    if not writer:
        require(can_engage_for_la(user, la), "You do not have access to this letter.")
        if row is None or row.issued_at is None:
            raise NotFound("The letter has not been issued yet.")
    return meeting, la, row, writer


def open_letter(user: Principal | None, meeting_id: object) -> LetterPage:
    """The letter page: the draft and its findings for the inspectors, the issued letter
    for the LA (a draft answers "not issued yet", never its text)."""
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        writer = can_run_meetings(user, la)
        row = _letter_row(session, meeting)
        visible = row if (writer or (row is not None and row.issued_at is not None)) else None
        names = user_names(session)
        overrides = _overrides(session, visible) if writer else []
        letter = _letter(visible, la) if visible else None
        findings = letter_findings(letter.body) if letter and writer else []
        held = meeting.held_on if meeting.recorded_at else None
        return LetterPage(
            meeting_id=meeting.id, la_code=la.la_code, la_name=la.name,
            meeting_date=held or meeting.meeting_date,
            due=letter_due(held or meeting.meeting_date),
            letter=letter, revision=visible.revision if visible else 0,
            updated_by=names.get(visible.updated_by_id or 0, "") if visible else "",
            updated_at=visible.updated_at if visible else None,
            issued_by=names.get(visible.issued_by_id or 0, "") if visible else "",
            findings=findings,
            open_findings=open_findings(findings, _overridden(overrides)),
            overrides=[OverrideView(o.flagged_text, o.finding_reason, o.reason,
                                    names.get(o.overridden_by_id or 0, "(unknown)"),
                                    o.overridden_at) for o in overrides],
            may_write=writer, recorded=meeting.recorded_at is not None,
            issue_reason=(visible.issue_reason or "") if visible and writer else "",
        )


def signatory_of(user: Principal) -> str:
    return f"{user.full_name}, {'Senior HMI' if has_flag(user, 'senior') else 'HMI'}"


def _addressee(attendees: list[Attendee]) -> str:
    la_side = [a for a in attendees if a.side == "la"]
    # the part the record gives (para 46), else a job that reads as the DCS (older records)
    dcs = next((a for a in la_side if a.part == "dcs"), None) or next(
        (a for a in la_side
         if re.search(r"\bdcs\b|director\b.*\bchildren", a.role, re.IGNORECASE)), None)
    if dcs is None and la_side:
        dcs = la_side[0]  # the inspector checks "Addressed to" before issuing
    return dcs.name if dcs else f"The {DCS}"


def draft_letter(user: Principal | None, meeting_id: object, replace: bool = False,
                 base_revision: object = None) -> int:
    """Draft the letter from the meeting record, addressed to the DCS the LA's letter
    details name (else as the record says), with their address and copy list. To redraft
    over a draft, ``replace`` and the revision the person last saw (so a colleague's newer
    edits are never lost). Overrides go with the old text. Returns the draft's revision."""
    with session_scope() as session:
        meeting, la = load_visible_meeting(session, user, meeting_id)
        require(can_run_meetings(user, la), "Only the region's inspectors write the letter.")
        if meeting.recorded_at is None:
            raise FormErrors(["Record the meeting first: the letter is drafted from the record."])
        row = _letter_row(session, meeting)
        if row is not None and row.issued_at is not None:
            raise FormErrors(["The letter has been issued and cannot be redrafted."])
        if row is not None and not replace:
            raise FormErrors(["There is already a draft. Choose “Redraft from the record” to "
                              "replace it."])
        if row is not None and row.revision != base_revision:
            raise FormErrors(["A colleague changed the letter since you opened it: reload "
                              "the page to see their changes before redrafting."])
        for old in _overrides(session, row):
            session.delete(old)
        view = meeting_view(session, user, meeting, la)
        record = view.record()
        details = stored_details(session, la.la_code)
        user = signed_in(user)
        signatory = signatory_of(user)
        attendees = json.dumps([a.__dict__ for a in record.attendees])
        if row is None:
            row = EngagementLetter(meeting_id=meeting.id, revision=0)
            session.add(row)
        row.addressee = ((details.dcs_name if details else "")
                         or _addressee(list(record.attendees)))
        row.address = details.address if details else ""
        row.copies = details.copies if details else ""
        row.signatory = signatory
        row.meeting_date = record.held_on
        row.attendees = attendees
        row.body = draft_letter_body(record)[:MAX_LETTER]
        row.revision = (row.revision or 0) + 1
        row.updated_by_id, row.updated_at = user.id, clock.now()
        session.flush()
        log.info("Letter drafted: meeting=%s", meeting.id)
        return row.revision


@dataclass(frozen=True)
class SaveOutcome:
    saved: bool
    revision: int
    message: str


def save_letter(user: Principal | None, meeting_id: object, base_revision: object,
                addressee: object, body: object) -> SaveOutcome:
    """Save the inspector's edits, unless a colleague saved since ``base_revision``:
    then nothing is overwritten and the person is told."""
    with session_scope() as session:
        meeting, _la, row, writer = _allowed(session, user, meeting_id)
        require(writer, "Only the region's inspectors write the letter.")
        if row is None:
            raise FormErrors(["Draft the letter from the record first."])
        if row.issued_at is not None:
            raise FormErrors(["The letter has been issued, so it cannot be changed."])
        if not isinstance(base_revision, int) or isinstance(base_revision, bool):
            raise InvalidRequest("The page is out of date; reload it.")
        errors: list[str] = []
        clean_to = clean_body = ""
        try:
            clean_to = clean_text(addressee, "Addressed to", MAX_ADDRESSEE, required=True)
        except FormErrors as error:
            errors += error.errors
        try:
            clean_body = clean_text(body, "The letter", MAX_LETTER, required=True)
        except FormErrors as error:
            errors += error.errors
        if errors:
            raise FormErrors(errors)
        user = signed_in(user)
        moved = session.execute(
            update(EngagementLetter)
            .where(EngagementLetter.id == row.id, EngagementLetter.revision == base_revision,
                   EngagementLetter.issued_at.is_(None))
            .values(addressee=clean_to, body=clean_body, revision=base_revision + 1,
                    updated_by_id=user.id, updated_at=clock.now())
            .execution_options(synchronize_session=False)).rowcount
        if moved != 1:
            session.rollback()
            return SaveOutcome(False, row.revision,
                               "A colleague saved this letter while you were editing. Your "
                               "text is still in the box: copy it, reload the page and "
                               "merge your changes.")
        record_event(session, action="changed", entity="Letter", entity_id=row.id,
                     la_code=meeting.la_code, summary="Letter saved",
                     changes=field_changes({"addressee": row.addressee, "body": row.body},
                                           {"addressee": clean_to, "body": clean_body},
                                           adults=frozenset({"addressee"})))
        log.info("Letter saved: meeting=%s", meeting.id)
        return SaveOutcome(True, base_revision + 1, "Draft saved.")


def override_finding(user: Principal | None, meeting_id: object, flagged_text: object,
                     finding_reason: object, context: object, reason: object) -> None:
    """Record why the letter may be issued despite one finding (para 48). Only a finding
    the saved letter has now can be overridden, and the reason is required."""
    with session_scope() as session:
        _meeting, _la, row, writer = _allowed(session, user, meeting_id)
        require(writer, "Only the region's inspectors write the letter.")
        if row is None or row.issued_at is not None:
            raise FormErrors(["There is no draft letter to check."])
        current = {finding_key(f): f for f in letter_findings(row.body)}
        if not all(isinstance(v, str) for v in (flagged_text, finding_reason, context)):
            raise InvalidRequest("The page is out of date; reload it.")
        key = override_key(str(flagged_text), str(finding_reason), str(context))
        if key not in current:
            raise InvalidRequest("That finding is not in the saved letter; save and check "
                                 "again.")
        why = clean_text(reason, "Reason for the override", MAX_OVERRIDE, required=True)
        user = signed_in(user)
        finding = current[key]
        session.add(LetterOverride(letter_id=row.id, flagged_text=finding.text[:300],
                                   finding_reason=finding.reason[:300],
                                   context=finding.context, reason=why,
                                   overridden_by_id=user.id, overridden_at=clock.now()))


@dataclass(frozen=True)
class Reader:
    """An account of the LA that will be able to read the issued letter."""

    name: str
    part: str  # "DCS or delegate", or ""


@dataclass(frozen=True)
class IssuePreview:
    """What "Issue" would freeze and who would see it, shown before anything is frozen.

    ``blockers`` stop anyone (unsaved text, a colleague's change, open findings);
    ``refusals`` are the issuing rules of ILACS framework paras 47 and 48, which a senior
    HMI may set aside with a reason (``may_give_reason``)."""

    letter: Letter  # as it will read: dated today, signed by the person issuing
    la_name: str
    readers: list[Reader]
    blockers: list[str]
    refusals: list[str]
    may_give_reason: bool

    @property
    def may_issue(self) -> bool:
        return not self.blockers and (not self.refusals or self.may_give_reason)


def _draft_row(session: Session, user: Principal | None, meeting_id: object,
               ) -> tuple[EngagementMeeting, object, EngagementLetter]:
    meeting, la, row, writer = _allowed(session, user, meeting_id)
    require(writer, "Only the region's inspectors issue the letter.")
    if row is None:
        raise FormErrors(["Draft the letter from the record first."])
    if row.issued_at is not None:
        raise FormErrors(["The letter has already been issued."])
    return meeting, la, row


def _blockers(session: Session, row: EngagementLetter, base_revision: object,
              shown_addressee: object, shown_body: object) -> list[str]:
    """Why no one may issue now: issuing freezes the letter for good, so what is issued
    must be what the person last saw, saved and checked."""
    if row.revision != base_revision:
        return ["The letter changed since you last saw it: reload the page and check it "
                "again before issuing."]
    unsaved = any(
        shown is not None and (not isinstance(shown, str)
                               or printable_text(shown).strip() != saved)
        for shown, saved in ((shown_addressee, row.addressee), (shown_body, row.body)))
    if unsaved:
        return ["You have changes that are not saved. Choose “Save and check” first: the "
                "letter is issued as last saved and checked."]
    still_open = open_findings(letter_findings(row.body),
                               _overridden(_overrides(session, row)))
    if still_open:
        return [f"{len(still_open)} finding(s) still open: change the text or record a "
                "reason to override each one."]
    return []


def _refusals(session: Session, meeting: EngagementMeeting) -> list[str]:
    """ILACS framework paras 47 and 48, as they stand now (domain ``issue_refusals``)."""
    items = session.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.status == ON_AGENDA)
        .order_by(AgendaItem.position, AgendaItem.id))

    def moment(when: datetime | None) -> datetime | None:
        return clock.in_england(when) if when is not None else None

    return issue_refusals(
        moment(meeting.agreed_for_ofsted_at), moment(meeting.agreed_for_la_at),
        [RecordedItem(i.position, i.title, i.record_note, bool(i.not_discussed))
         for i in items], clock.in_england(clock.now()))


def _readers(session: Session, la: object) -> list[Reader]:
    """The LA's active accounts the access policy lets read the issued letter."""
    flag = FLAGS["dcs"]
    readers = []
    for account in session.scalars(select(User).where(
            User.la_code == la.la_code, User.active.is_(True)).order_by(User.full_name)):
        person = principal_of(account)
        if can_engage_for_la(person, la):
            readers.append(Reader(person.full_name,
                                  flag.label if has_flag(person, "dcs") else ""))
    return readers


def issue_preview(user: Principal | None, meeting_id: object, base_revision: object,
                  shown_addressee: object = None, shown_body: object = None) -> IssuePreview:
    """The confirmation step before issuing: the letter as it will read and who will see
    it, with anything that stops it. Nothing is stored."""
    with session_scope() as session:
        meeting, la, row = _draft_row(session, user, meeting_id)
        issuer = signed_in(user)
        letter = replace(_letter(row, la), signatory=signatory_of(issuer),
                         issued_on=clock.today_in_england())
        return IssuePreview(letter, la.name, _readers(session, la),
                            _blockers(session, row, base_revision, shown_addressee,
                                      shown_body),
                            _refusals(session, meeting),
                            can_issue_letter_with_reason(issuer, la))


def issue_letter(user: Principal | None, meeting_id: object, base_revision: object,
                 shown_addressee: object = None, shown_body: object = None,
                 reason: object = None) -> date:
    """Issue the saved letter, everything checked again here (the confirmation panel
    grants nothing): refused while any finding is open, if it changed since the person
    last saw it, or if the text on their screen has unsaved changes. Refused too while
    the agenda is not agreed by both sides (ILACS framework para 47) or an agenda item
    has neither a note nor "not discussed" (ILACS framework para 48), unless a senior
    HMI gives a ``reason``: stored with the letter and audited. Issuing shows the letter
    to the LA, signed by the person issuing it."""
    with session_scope() as session:
        meeting, la, row = _draft_row(session, user, meeting_id)
        blockers = _blockers(session, row, base_revision, shown_addressee, shown_body)
        if blockers:
            raise FormErrors(blockers)
        why = clean_text(reason, "Reason to issue anyway", MAX_ISSUE_REASON)
        refusals = _refusals(session, meeting)
        if refusals and not can_issue_letter_with_reason(user, la):
            raise FormErrors([*refusals, "A senior HMI of the region can issue it with a "
                              "recorded reason."])
        if refusals and not why:
            raise FormErrors([*refusals, SENIOR_MAY_ISSUE])
        kept_reason = why if refusals else None  # a reason nothing needed is not kept
        user = signed_in(user)
        today = clock.today_in_england()
        issued = session.execute(
            update(EngagementLetter)
            .where(EngagementLetter.id == row.id, EngagementLetter.revision == base_revision,
                   EngagementLetter.issued_at.is_(None))
            .values(issued_by_id=user.id, issued_at=clock.now(), issued_on=today,
                    signatory=signatory_of(user), issue_reason=kept_reason)
            .execution_options(synchronize_session=False)).rowcount
        if issued != 1:  # a colleague saved or issued between the checks and now
            raise FormErrors(["The letter changed while you were issuing it: reload the "
                              "page and check it again."])
        before: dict[str, object] = {"issued_on": None, "signatory": row.signatory}
        after: dict[str, object] = {"issued_on": today, "signatory": signatory_of(user)}
        if kept_reason:
            before |= {"issue_reason": None, "issued_despite": None}
            after |= {"issue_reason": kept_reason, "issued_despite": " ".join(refusals)}
        record_event(session, action="changed", entity="Letter", entity_id=row.id,
                     la_code=meeting.la_code,
                     summary=("Letter issued with a senior HMI's reason" if kept_reason
                              else "Letter issued"),
                     changes=field_changes(before, after, adults=frozenset({"signatory"})))
        log.info("Letter issued: meeting=%s", meeting.id)
        return today


def letter_document(user: Principal | None, meeting_id: object) -> tuple[Letter, str]:
    """The letter to print or download, with a file name: issued letters for the LA's
    own users; drafts too for the region's inspectors."""
    with session_scope() as session:
        _meeting, la, row, _writer = _allowed(session, user, meeting_id)
        if row is None:
            raise NotFound("The letter has not been drafted yet.")
        letter = _letter(row, la)
        stamp = f"{letter.issued_on:%Y-%m-%d}" if letter.issued_on else "draft"
        return letter, f"{la.name} engagement letter {stamp}"
