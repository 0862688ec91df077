"""The annual engagement meeting through its services: schedule, agenda agreed by both
sides, record, scope planner and letter, with each role refused where it must be."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from dashboard.access import AccessDenied, Principal
from dashboard.clock import today_in_england
from dashboard.errors import InvalidRequest, NotFound
from dashboard.services.engagement import (
    AttendeeInput,
    FormErrors,
    StepInput,
    add_comment,
    agree_agenda,
    decide_proposal,
    list_meetings,
    open_meeting,
    propose_item,
    save_agenda_notes,
    save_attendees,
    save_record,
    schedule_meeting,
)
from dashboard.services.engagement_letters import (
    draft_letter,
    issue_letter,
    issue_preview,
    letter_document,
    open_letter,
    override_finding,
    save_letter,
)
from dashboard.services.fv_planner import plan_scope
from dashboard.services.user_admin import create_user, principal_of
from dashboard.storage.db import get_engine, session_scope
from dashboard.storage.models import User
from tests.conftest import PASSWORD

#: Who attended a recorded meeting (para 46: the DCS, and a senior HMI).
LA_PEOPLE = [AttendeeInput("Jo Bloggs", "Director of Children's Services", "dcs"),
             AttendeeInput("Ann Lee", "Assistant director", "la_other")]
OFSTED_PEOPLE = [AttendeeInput("Sam Senior", "Senior HMI", "senior_hmi")]


def principal(seeded_db: dict[str, int], account: str) -> Principal:
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db[account]))


@pytest.fixture()
def people(seeded_db: dict[str, int]) -> dict[str, Principal]:
    return {key: principal(seeded_db, key) for key in
            ("admin", "la_barnsley", "la_doncaster", "la_camden", "hmi_neyh", "hmi_london")}


@pytest.fixture(scope="module")
def junior_hmi(seeded_db: dict[str, int]) -> Principal:
    """An HMI of Barnsley's region who is not the senior HMI."""
    email = "hmi2.neyh@test.example.org"
    create_user(principal(seeded_db, "admin"), email=email, full_name="Junior HMI",
                role="inspector", region_code="NEYH", password=PASSWORD)
    from sqlalchemy import select

    with session_scope() as session:
        return principal_of(session.scalars(select(User).where(User.email == email)).one())


def not_discussed_all(user: Principal, meeting_id: int) -> dict[int, bool]:
    """Every agenda item marked "not discussed" (para 48), for records whose notes a
    test does not need."""
    return {item.id: True for item in open_meeting(user, meeting_id).items}


def la_dcs(la_code: str) -> Principal:
    """An account marked as the LA's DCS (made the first time), who agrees its agenda."""
    from sqlalchemy import select

    from dashboard.access import SYSTEM

    email = f"dcs{la_code}@test.example.org"
    with session_scope() as session:
        found = session.scalars(select(User).where(
            User.la_code == la_code, User.is_dcs.is_(True), User.active.is_(True))
            .order_by(User.id)).first()
        if found is not None:
            return principal_of(found)
        assert not create_user(SYSTEM, email=email, full_name=f"DCS of {la_code}",
                               role="la_user", la_code=la_code, password=PASSWORD,
                               is_dcs=True)
    with session_scope() as session:
        return principal_of(session.scalars(select(User).where(User.email == email)).one())


def _held(people: dict[str, Principal], **changes: object) -> int:
    """A Barnsley meeting scheduled last week, its agenda agreed and its record saved."""
    hmi, la = people["hmi_neyh"], people["la_barnsley"]
    day = today_in_england() - timedelta(days=7)
    meeting_id = schedule_meeting(hmi, "370", day.isoformat(), "Barnsley town hall")
    agree_agenda(hmi, meeting_id)
    agree_agenda(la, meeting_id)
    view = open_meeting(hmi, meeting_id)
    record = dict(
        held_on=day.isoformat(),
        la_attendees=LA_PEOPLE, ofsted_attendees=OFSTED_PEOPLE,
        notes={item.id: f"Discussed item {item.position}." for item in view.items},
        scope_topics=["care_leavers"], scope_reason="agreement",
        scope_note="", next_sef_timing="September 2027", next_meeting_timing="November 2027",
        steps=[StepInput("Share the care leavers audit", "Head of service", "2027-01-31", "la")],
    )
    record.update(changes)
    save_record(hmi, meeting_id, **record)
    return meeting_id


# ---------------------------------------------------------------- scheduling and the agenda


def test_a_scheduled_meeting_starts_with_para_42s_seven_items(people) -> None:
    meeting_id = schedule_meeting(people["hmi_neyh"], "370", "2027-02-10", "Online")
    view = open_meeting(people["la_barnsley"], meeting_id)
    assert [i.position for i in view.items] == list(range(1, 8))
    assert view.items[1].title == "The impact of the self-evaluation"
    assert view.items[1].framework_wording.startswith("The impact of the self-evaluation: what")
    assert view.place == "Online" and not view.agreed
    assert any(m.id == meeting_id for m in list_meetings(people["la_barnsley"], "370").meetings)


def test_scheduling_errors_are_told_and_nothing_is_stored(people) -> None:
    before = len(list_meetings(people["hmi_neyh"], "370").meetings)
    with pytest.raises(FormErrors) as error:
        schedule_meeting(people["hmi_neyh"], "370", "31/02/2027", "")
    assert error.value.errors == ["Date of the meeting: “31/02/2027” is not a date.",
                                  "Place, or online: write something first."]
    with pytest.raises(FormErrors, match="choose a date between"):
        schedule_meeting(people["hmi_neyh"], "370", "2017-06-01", "Online")
    assert len(list_meetings(people["hmi_neyh"], "370").meetings) == before


@pytest.mark.parametrize("who", ["la_barnsley", "hmi_london", "admin", "la_doncaster"])
def test_only_the_regions_inspectors_schedule(people, who: str) -> None:
    with pytest.raises(AccessDenied):
        schedule_meeting(people[who], "370", "2027-02-10", "Online")


def test_the_la_proposes_the_senior_hmi_decides_and_both_agree(people) -> None:
    hmi, la = people["hmi_neyh"], people["la_barnsley"]
    meeting_id = schedule_meeting(hmi, "370", "2027-02-10", "Online")
    agree_agenda(hmi, meeting_id)
    view = propose_item(la, meeting_id, "Sufficiency of placements",
                        "The new children's home")
    assert view.agreed_for_ofsted is None  # a change needs agreeing again (para 47)
    [proposal] = view.proposals
    assert proposal.proposed_by == "Test la_barnsley"
    with pytest.raises(FormErrors, match=r"^Waiting for Ofsted to decide your proposal"):
        agree_agenda(la, meeting_id)
    # a proposed change to item 4 replaces its wording once accepted
    item4 = view.items[3]
    view = propose_item(la, meeting_id, "Our context", "Budget pressures", amends=item4.id)
    change = next(p for p in view.proposals if p.amends == 4)
    view = decide_proposal(hmi, meeting_id, proposal.id, accept=True)
    view = decide_proposal(hmi, meeting_id, change.id, accept=True)
    assert view.items[-1].title == "Sufficiency of placements"
    assert (view.items[3].title, view.items[3].discussion) == ("Our context", "Budget pressures")
    view = propose_item(la, meeting_id, "Something else", "")
    view = decide_proposal(hmi, meeting_id, view.proposals[0].id, accept=False)
    assert "Something else" not in [i.title for i in view.items]
    view = propose_item(la, meeting_id, "Accepted after a decline", "")
    view = decide_proposal(hmi, meeting_id, view.proposals[0].id, accept=True)
    assert [i.position for i in view.items] == list(range(1, 10))  # no gap for the decline
    assert [p.status for p in view.decided_proposals].count("declined") == 1
    add_comment(la, meeting_id, "Could item 8 come first?")
    agree_agenda(hmi, meeting_id)
    view = agree_agenda(la, meeting_id)
    assert view.agreed
    assert (view.agreed_for_ofsted.by, view.agreed_for_la.by) == ("Test hmi_neyh",
                                                                  "Test la_barnsley")
    assert view.comments[0].side == "Local authority"
    # an inspector's edit to the agreed agenda needs both sides again
    first = view.items[0].id
    view = save_agenda_notes(hmi, meeting_id, {first: "What leaders know"}, {first: ""})
    assert not view.agreed and view.items[0].discussion == "What leaders know"
    # a stale page saving notes changes only what it edited, and never undoes others' work
    item4 = view.items[3].id
    view = save_agenda_notes(hmi, meeting_id, {first: "What leaders know",
                                               item4: "Budget pressures"},
                             {first: "", item4: "Budget pressures"})
    assert view.items[3].discussion == "Budget pressures"
    with pytest.raises(FormErrors, match="Item 1 was changed by someone else"):
        save_agenda_notes(hmi, meeting_id, {first: "Mine"}, {first: ""})
    assert open_meeting(hmi, meeting_id).items[0].discussion == "What leaders know"


def test_only_the_senior_hmi_decides_and_agrees_for_ofsted(people, junior_hmi) -> None:
    meeting_id = schedule_meeting(junior_hmi, "370", "2027-02-10", "Online")
    view = propose_item(people["la_barnsley"], meeting_id, "Item", "")
    with pytest.raises(AccessDenied, match="senior HMI"):
        decide_proposal(junior_hmi, meeting_id, view.proposals[0].id, accept=True)
    decide_proposal(people["hmi_neyh"], meeting_id, view.proposals[0].id, accept=True)
    with pytest.raises(AccessDenied):
        agree_agenda(junior_hmi, meeting_id)
    with pytest.raises(AccessDenied):  # the LA cannot decide on its own proposals
        decide_proposal(people["la_barnsley"], meeting_id, view.proposals[0].id, accept=True)


@pytest.fixture(scope="module")
def la_officer(seeded_db: dict[str, int]) -> Principal:
    """A Barnsley user not marked as the DCS or a delegate."""
    return _account(seeded_db, "officer.370@test.example.org", "Officer", "370", is_dcs=False)


@pytest.fixture(scope="module")
def doncaster_dcs(seeded_db: dict[str, int]) -> Principal:
    """Doncaster's DCS: marked, but of another LA of Barnsley's region."""
    return _account(seeded_db, "dcs.371@test.example.org", "Doncaster DCS", "371", is_dcs=True)


def _account(seeded_db: dict[str, int], email: str, name: str, la_code: str,
             is_dcs: bool) -> Principal:
    create_user(principal(seeded_db, "admin"), email=email, full_name=name, role="la_user",
                la_code=la_code, password=PASSWORD, is_dcs=is_dcs)
    from sqlalchemy import select

    with session_scope() as session:
        return principal_of(session.scalars(select(User).where(User.email == email)).one())


def test_only_the_dcs_or_a_delegate_agrees_for_the_la(people, la_officer, doncaster_dcs,
                                                      junior_hmi) -> None:
    """ILACS framework para 47: the senior HMI and the DCS agree the agenda. An LA user
    not marked as the DCS or a delegate takes part but cannot agree, and is told who can;
    another LA's DCS and the inspectors cannot agree for the LA."""
    hmi = people["hmi_neyh"]
    meeting_id = schedule_meeting(hmi, "370", "2027-02-10", "Online")
    view = open_meeting(la_officer, meeting_id)
    assert view.may_engage_for_la and not view.may_agree_for_la
    assert view.la_agreers == ("Test la_barnsley",)
    with pytest.raises(AccessDenied, match="DCS or a delegate"):
        agree_agenda(la_officer, meeting_id)
    propose_item(la_officer, meeting_id, "Placements", "")  # still takes part
    add_comment(la_officer, meeting_id, "We would like to discuss placements.")
    with pytest.raises(NotFound):  # another LA's DCS does not even see the meeting
        agree_agenda(doncaster_dcs, meeting_id)
    with pytest.raises(AccessDenied):
        agree_agenda(junior_hmi, meeting_id)
    decide_proposal(hmi, meeting_id, open_meeting(hmi, meeting_id).proposals[0].id,
                    accept=True)
    view = agree_agenda(hmi, meeting_id)  # the senior HMI agrees for Ofsted only
    assert view.agreed_for_ofsted is not None and view.agreed_for_la is None
    assert open_meeting(hmi, meeting_id).la_agreers == ()  # only the LA is told who
    view = agree_agenda(people["la_barnsley"], meeting_id)
    assert view.agreed and view.agreed_for_la.by == "Test la_barnsley"


def test_each_side_names_its_own_attendees(people) -> None:
    hmi, la = people["hmi_neyh"], people["la_barnsley"]
    meeting_id = schedule_meeting(hmi, "370", "2027-02-10", "Online")
    view = save_attendees(la, meeting_id, "la", "Jo Bloggs, DCS\nAnn Lee, AD")
    assert [a.name for a in view.attendees["la"]] == ["Jo Bloggs", "Ann Lee"]
    with pytest.raises(AccessDenied):
        save_attendees(la, meeting_id, "ofsted", "Someone, HMI")
    with pytest.raises(AccessDenied):
        save_attendees(hmi, meeting_id, "la", "Someone, DCS")
    with pytest.raises(FormErrors, match="Line 2 has no name"):
        save_attendees(la, meeting_id, "la", "Jo Bloggs, DCS\n, nobody")
    assert [a.name for a in open_meeting(la, meeting_id).attendees["la"]] == [
        "Jo Bloggs", "Ann Lee"]  # nothing lost


@pytest.mark.parametrize("who", ["la_doncaster", "la_camden", "hmi_london", "admin"])
def test_other_las_regions_and_admins_cannot_see_or_touch_a_meeting(people, who) -> None:
    meeting_id = schedule_meeting(people["hmi_neyh"], "370", "2027-02-10", "Online")
    user = people[who]
    for call in (lambda: open_meeting(user, meeting_id),
                 lambda: propose_item(user, meeting_id, "x", ""),
                 lambda: add_comment(user, meeting_id, "x"),
                 lambda: agree_agenda(user, meeting_id),
                 lambda: save_attendees(user, meeting_id, "la", "x"),
                 lambda: plan_scope(user, meeting_id),
                 lambda: open_letter(user, meeting_id),
                 lambda: letter_document(user, meeting_id)):
        with pytest.raises(NotFound):  # the same answer as no such meeting
            call()
    with pytest.raises(AccessDenied):
        list_meetings(user, "370")


def test_forged_ids_are_refused(people) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = schedule_meeting(hmi, "370", "2027-02-10", "Online")
    other = schedule_meeting(hmi, "371", "2027-02-11", "Online")
    other_item = open_meeting(hmi, other).items[0].id
    for bad in ("1", None, True, 10**9):
        with pytest.raises(NotFound):
            open_meeting(hmi, bad)
    with pytest.raises(InvalidRequest):
        save_agenda_notes(hmi, meeting_id, {other_item: "moved across"}, {other_item: ""})
    with pytest.raises(InvalidRequest):
        propose_item(people["la_barnsley"], meeting_id, "x", "", amends=other_item)


# ---------------------------------------------------------------- the record


def test_the_record_is_checked_whole_and_nothing_is_stored_on_error(people) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = schedule_meeting(hmi, "370", today_in_england().isoformat(), "Online")
    view = open_meeting(hmi, meeting_id)
    with pytest.raises(FormErrors) as error:
        save_record(hmi, meeting_id, held_on=(today_in_england() + timedelta(days=3)).isoformat(),
                    la_attendees=[AttendeeInput("Jo", "DCS", "dcs"), AttendeeInput("", "x", "")],
                    ofsted_attendees=[],
                    notes={view.items[0].id: "Note"}, scope_topics=["front_door"],
                    not_discussed={item.id: True for item in view.items[1:]},
                    scope_reason="", scope_note="", next_sef_timing="",
                    next_meeting_timing="",
                    steps=[StepInput("Audit", "", "2027-13-01", "la"),
                           StepInput("", "", "", "ofsted")])
    assert error.value.errors == [
        "Date of the meeting: the record is for a meeting that has taken place, so the "
        "date cannot be in the future.",
        "Attendees (Local authority), person 2: give their name.",
        "Attendees (Local authority), person 2 (no name): choose their part at the meeting.",
        "Attendees (Ofsted): name at least one person. The letter says who attended "
        "(paragraph 48).",
        "Possible scope: choose the reason for the topic (paragraph 105).",
        "Next step 1: name the owner.",
        "Next step 1: due: “2027-13-01” is not a date.",
    ]
    view = open_meeting(hmi, meeting_id)
    assert not view.recorded and view.items[0].record_note == "" and not view.attendees["la"]
    with pytest.raises(InvalidRequest):
        save_record(hmi, meeting_id, held_on=today_in_england().isoformat(),
                    la_attendees=LA_PEOPLE, ofsted_attendees=OFSTED_PEOPLE, notes={},
                    scope_topics=["not_a_topic"],
                    scope_reason="", scope_note="", next_sef_timing="",
                    next_meeting_timing="", steps=[])


def test_a_recorded_meeting_closes_its_agenda_and_only_inspectors_record(people) -> None:
    meeting_id = _held(people)
    view = open_meeting(people["la_barnsley"], meeting_id)
    assert view.recorded and view.scope.topics == ("care_leavers",)
    assert [a.name for a in view.attendees["la"]] == ["Jo Bloggs", "Ann Lee"]
    assert view.next_steps[0].due == date(2027, 1, 31)
    with pytest.raises(FormErrors, match="agenda is closed"):
        propose_item(people["la_barnsley"], meeting_id, "Late item", "")
    with pytest.raises(AccessDenied):
        save_record(people["la_barnsley"], meeting_id, held_on="2026-01-01",
                    la_attendees=LA_PEOPLE, ofsted_attendees=OFSTED_PEOPLE, notes={},
                    scope_topics=[],
                    scope_reason="", scope_note="", next_sef_timing="",
                    next_meeting_timing="", steps=[])


def test_the_planner_ranks_every_topic_with_its_parts(people) -> None:
    meeting_id = schedule_meeting(people["hmi_neyh"], "370", "2027-02-10", "Online")
    planner = plan_scope(people["hmi_neyh"], meeting_id)
    assert len(planner.topics) == 6
    totals = [t.score.total for t in planner.topics]
    assert totals == sorted(totals, reverse=True)
    for plan in planner.topics:
        assert plan.score.total == sum(p.points for p in plan.score.parts)
    with pytest.raises(AccessDenied):
        plan_scope(people["la_barnsley"], meeting_id)  # the inspector's preparation only


# ---------------------------------------------------------------- the letter


def test_the_letter_is_drafted_linted_overridden_and_issued(people) -> None:
    hmi, la = people["hmi_neyh"], people["la_barnsley"]
    meeting_id = _held(people)
    with pytest.raises(NotFound):
        open_letter(la, meeting_id).letter or letter_document(la, meeting_id)
    revision = draft_letter(hmi, meeting_id)
    page = open_letter(hmi, meeting_id)
    assert page.letter.addressee == "Jo Bloggs"
    assert "Discussed item 7." in page.letter.body and page.findings == []
    assert open_letter(la, meeting_id).letter is None  # the LA never sees the draft
    with pytest.raises(NotFound):
        letter_document(la, meeting_id)

    body = page.letter.body + "\n\nPractice at the front door is strong. Child ID 1234567."
    outcome = save_letter(hmi, meeting_id, revision, "Jo Bloggs", body)
    assert outcome.saved
    page = open_letter(hmi, meeting_id)
    assert [f.text for f in page.open_findings] == [
        "Practice at the front door is strong", "Child ID 1234567"]
    with pytest.raises(FormErrors, match="2 finding"):
        issue_letter(hmi, meeting_id, outcome.revision)
    judgement, child = page.open_findings
    with pytest.raises(FormErrors, match="write something first"):
        override_finding(hmi, meeting_id, child.text, child.reason, child.context, "   ")
    with pytest.raises(InvalidRequest):
        override_finding(hmi, meeting_id, "not in the letter", "x", "y", "reason")
    with pytest.raises(InvalidRequest):
        override_finding(hmi, meeting_id, ["list"], judgement.reason, judgement.context, "r")
    override_finding(hmi, meeting_id, judgement.text, judgement.reason, judgement.context,
                     "The DCS's own words, quoted.")
    fixed = body.replace(" Child ID 1234567.", "")
    outcome = save_letter(hmi, meeting_id, outcome.revision, "Jo Bloggs", fixed)
    page = open_letter(hmi, meeting_id)
    assert page.open_findings == [] and len(page.findings) == 1
    assert page.overrides[0].reason == "The DCS's own words, quoted."
    # a colleague's stale save does not overwrite, nor does issuing an older revision
    stale = save_letter(hmi, meeting_id, outcome.revision - 1, "Jo Bloggs", "Older text")
    assert not stale.saved and "colleague" in stale.message
    with pytest.raises(FormErrors, match="changed since"):
        issue_letter(hmi, meeting_id, outcome.revision - 1)
    with pytest.raises(FormErrors, match="not saved"):  # the screen has unsaved changes
        issue_letter(hmi, meeting_id, outcome.revision, "Jo Bloggs", fixed + " More.")
    issued_on = issue_letter(hmi, meeting_id, outcome.revision, "Jo Bloggs", fixed)
    assert issued_on == today_in_england()

    page = open_letter(la, meeting_id)
    assert page.issued and "Practice at the front door is strong" in page.letter.body
    assert page.findings == [] and page.overrides == []  # the inspector's working stays theirs
    letter, name = letter_document(la, meeting_id)
    assert name.startswith("Barnsley engagement letter") and letter.issued_on == issued_on
    with pytest.raises(FormErrors, match="issued"):
        save_letter(hmi, meeting_id, outcome.revision, "Jo", "Changed after issue")
    with pytest.raises(FormErrors, match="issued"):
        draft_letter(hmi, meeting_id, replace=True, base_revision=outcome.revision)
    with pytest.raises(FormErrors, match="issued"):
        save_record(hmi, meeting_id, held_on=today_in_england().isoformat(),
                    la_attendees=LA_PEOPLE, ofsted_attendees=OFSTED_PEOPLE, notes={},
                    scope_topics=[], scope_reason="", scope_note="", next_sef_timing="",
                    next_meeting_timing="", steps=[])


def test_the_la_cannot_write_or_issue_the_letter(people) -> None:
    meeting_id = _held(people)
    revision = draft_letter(people["hmi_neyh"], meeting_id)
    la = people["la_barnsley"]
    for call in (lambda: draft_letter(la, meeting_id, replace=True, base_revision=revision),
                 lambda: save_letter(la, meeting_id, revision, "x", "y"),
                 lambda: issue_letter(la, meeting_id, revision),
                 lambda: override_finding(la, meeting_id, "x", "y", "z", "w")):
        with pytest.raises((AccessDenied, NotFound)):
            call()
    assert open_letter(people["hmi_neyh"], meeting_id).revision == revision


def test_a_letter_needs_a_record_and_a_redraft_must_be_asked_for(people) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = schedule_meeting(hmi, "370", "2027-02-10", "Online")
    with pytest.raises(FormErrors, match="Record the meeting first"):
        draft_letter(hmi, meeting_id)
    meeting_id = _held(people)
    draft_letter(hmi, meeting_id)
    with pytest.raises(FormErrors, match="already a draft"):
        draft_letter(hmi, meeting_id)
    # a colleague's save since the page opened is never overwritten by a redraft
    assert save_letter(hmi, meeting_id, 1, "Jo Bloggs", "A colleague's careful edits").saved
    with pytest.raises(FormErrors, match="colleague changed the letter"):
        draft_letter(hmi, meeting_id, replace=True, base_revision=1)
    assert open_letter(hmi, meeting_id).letter.body == "A colleague's careful edits"
    assert draft_letter(hmi, meeting_id, replace=True, base_revision=2) == 3


def test_the_database_refuses_to_change_an_issued_letter(people) -> None:
    meeting_id = _held(people)
    revision = draft_letter(people["hmi_neyh"], meeting_id)
    issue_letter(people["hmi_neyh"], meeting_id, revision)
    for statement in ("UPDATE engagement_letters SET body = 'changed' WHERE meeting_id = :m",
                      "DELETE FROM engagement_letters WHERE meeting_id = :m"):
        with pytest.raises(DBAPIError, match="issued letter"), get_engine().begin() as db:
            db.execute(text(statement), {"m": meeting_id})
    assert "changed" not in open_letter(people["la_barnsley"], meeting_id).letter.body


def test_an_override_answers_one_sentence_and_redrafting_clears_it(people) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = _held(people)
    revision = draft_letter(hmi, meeting_id)
    body = "The DCS said the front door is outstanding."
    revision = save_letter(hmi, meeting_id, revision, "Jo Bloggs", body).revision
    [finding] = open_letter(hmi, meeting_id).open_findings
    override_finding(hmi, meeting_id, finding.text, finding.reason, finding.context,
                     "The DCS's own words, quoted.")
    body += " Help and protection practice is outstanding."
    revision = save_letter(hmi, meeting_id, revision, "Jo Bloggs", body).revision
    page = open_letter(hmi, meeting_id)
    assert [f.text for f in page.open_findings] == [
        "Help and protection practice is outstanding"]
    with pytest.raises(FormErrors, match="1 finding"):
        issue_letter(hmi, meeting_id, revision)
    draft_letter(hmi, meeting_id, replace=True, base_revision=revision)
    assert open_letter(hmi, meeting_id).overrides == []


def test_the_issuer_signs_and_the_draft_follows_the_records_attendees(people,
                                                                      junior_hmi) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = _held(people)
    revision = draft_letter(junior_hmi, meeting_id)
    assert open_letter(hmi, meeting_id).letter.signatory == "Junior HMI, HMI"
    view = open_meeting(hmi, meeting_id)
    save_record(hmi, meeting_id, held_on=(today_in_england() - timedelta(days=8)).isoformat(),
                la_attendees=[AttendeeInput("Pat Kaur", "Interim DCS", "dcs")],
                ofsted_attendees=OFSTED_PEOPLE,
                notes={}, scope_topics=[], scope_reason="", scope_note="",
                next_sef_timing="", next_meeting_timing="", steps=[])
    letter = open_letter(hmi, meeting_id).letter
    assert [a.name for a in letter.attendees] == ["Sam Senior", "Pat Kaur"]
    assert letter.meeting_date == today_in_england() - timedelta(days=8)
    assert view.held_on == today_in_england() - timedelta(days=7)
    issue_letter(hmi, meeting_id, revision)
    assert open_letter(people["la_barnsley"], meeting_id).letter.signatory == (
        "Test hmi_neyh, Senior HMI")


def test_the_record_needs_someone_from_each_side(people) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = schedule_meeting(hmi, "370", today_in_england().isoformat(), "Online")
    with pytest.raises(FormErrors) as error:
        save_record(hmi, meeting_id, held_on="2016-05-01", la_attendees=[],
                    ofsted_attendees=[AttendeeInput("  ", "", "")], notes={}, scope_topics=[],
                    not_discussed=not_discussed_all(hmi, meeting_id),
                    scope_reason=None,
                    scope_note="", next_sef_timing="", next_meeting_timing="", steps=[])
    assert error.value.errors == [
        "Date of the meeting: the ILACS framework began in January 2018; check the year.",
        "Attendees (Ofsted): name at least one person. The letter says who attended "
        "(paragraph 48).",
        "Attendees (Local authority): name at least one person. The letter says who "
        "attended (paragraph 48).",
    ]
    for bad in (["agreement"], {"x": 1}):
        with pytest.raises(InvalidRequest):
            save_record(hmi, meeting_id, held_on=today_in_england().isoformat(),
                        la_attendees=LA_PEOPLE, ofsted_attendees=OFSTED_PEOPLE, notes={},
                        scope_topics=[], scope_reason=bad,
                        scope_note="", next_sef_timing="", next_meeting_timing="",
                        steps=[])
    with pytest.raises(InvalidRequest):
        save_attendees(people["la_barnsley"], meeting_id, ["la"], "A")


def test_para_46_the_record_needs_the_dcs_or_a_deputy_and_a_senior_hmi_hmi_or_rd(
        people) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = schedule_meeting(hmi, "370", today_in_england().isoformat(), "Online")
    record = dict(held_on=today_in_england().isoformat(), notes={}, scope_topics=[],
                  scope_reason="", scope_note="", next_sef_timing="", next_meeting_timing="",
                  steps=[], not_discussed=not_discussed_all(hmi, meeting_id))
    with pytest.raises(FormErrors) as error:
        save_record(hmi, meeting_id, **record,
                    la_attendees=[AttendeeInput("Ann Lee", "Assistant director", "la_other")],
                    ofsted_attendees=[AttendeeInput("Oli", "Data analyst", "ofsted_other"),
                                      AttendeeInput("Bo", "HMI", "")])
    assert error.value.errors == [
        "Attendees (Ofsted), person 2 (Bo): choose their part at the meeting.",
        "Attendees (Ofsted): a senior HMI, an HMI or the regional director must attend "
        "(paragraph 46). No one is marked as “Senior HMI”, “HMI” or “Regional director”.",
        "Attendees (Local authority): the DCS or a deputy named by the DCS must attend "
        "(paragraph 46). No one is marked as “DCS” or “Deputy named by the DCS”.",
    ]
    assert not open_meeting(hmi, meeting_id).recorded
    with pytest.raises(InvalidRequest):  # a part that is not text is not from the page
        save_record(hmi, meeting_id, **record, la_attendees=LA_PEOPLE,
                    ofsted_attendees=[AttendeeInput("Sam", "Senior HMI", ["senior_hmi"])])
    view = save_record(hmi, meeting_id, **record,
                       la_attendees=[AttendeeInput("Pat Kaur", "Assistant director",
                                                   "dcs_deputy")],
                       ofsted_attendees=[AttendeeInput("Ria", "Regional director",
                                                       "regional_director")])
    assert view.recorded
    assert [(a.name, a.part) for a in view.attendees["la"]] == [("Pat Kaur", "dcs_deputy")]


def test_attendees_named_before_parts_read_as_before_and_keep_parts_given(people) -> None:
    """Records made before parts were kept (part NULL) still read; saving again asks for
    the parts; naming people again on the agenda page keeps the parts the record gave."""
    hmi, la = people["hmi_neyh"], people["la_barnsley"]
    meeting_id = schedule_meeting(hmi, "370", "2027-02-10", "Online")
    save_attendees(la, meeting_id, "la", "Jo Bloggs, DCS\nAnn Lee, AD")
    view = open_meeting(hmi, meeting_id)
    assert [(a.name, a.role, a.part) for a in view.attendees["la"]] == [
        ("Jo Bloggs", "DCS", None), ("Ann Lee", "AD", None)]
    meeting_id = _held(people)
    with get_engine().begin() as connection:  # as migration 0014 leaves an older record
        connection.execute(text("UPDATE meeting_attendees SET part = NULL "
                                "WHERE meeting_id = :m"), {"m": meeting_id})
    view = open_meeting(hmi, meeting_id)
    assert [(a.name, a.role, a.part) for a in view.attendees["la"]] == [
        ("Jo Bloggs", "Director of Children's Services", None),
        ("Ann Lee", "Assistant director", None)]
    with pytest.raises(FormErrors, match="person 1 \\(Jo Bloggs\\): choose their part"):
        save_record(hmi, meeting_id, held_on=view.held_on.isoformat(), notes={},
                    la_attendees=[AttendeeInput(a.name, a.role, a.part)
                                  for a in view.attendees["la"]],
                    ofsted_attendees=OFSTED_PEOPLE, scope_topics=[], scope_reason="",
                    scope_note="", next_sef_timing="", next_meeting_timing="", steps=[])


def test_naming_people_again_on_the_agenda_keeps_their_parts(people) -> None:
    hmi, la = people["hmi_neyh"], people["la_barnsley"]
    day = today_in_england() - timedelta(days=2)
    meeting_id = schedule_meeting(hmi, "370", day.isoformat(), "Online")
    with get_engine().begin() as connection:  # a part given earlier, say by a record
        connection.execute(text(
            "INSERT INTO meeting_attendees (meeting_id, side, position, name, role, part) "
            "VALUES (:m, 'la', 1, 'Jo Bloggs', 'DCS', 'dcs')"), {"m": meeting_id})
    view = save_attendees(la, meeting_id, "la", "Jo Bloggs, Director\nAnn Lee, AD")
    assert [(a.name, a.role, a.part) for a in view.attendees["la"]] == [
        ("Jo Bloggs", "Director", "dcs"), ("Ann Lee", "AD", None)]


def test_the_la_never_learns_whether_a_draft_exists(people) -> None:
    meeting_id = _held(people)
    draft_letter(people["hmi_neyh"], meeting_id)
    la = people["la_barnsley"]
    [summary] = [m for m in list_meetings(la, "370").meetings if m.id == meeting_id]
    assert not summary.letter_drafted and not open_meeting(la, meeting_id).letter_drafted
    assert next(m for m in list_meetings(people["hmi_neyh"], "370").meetings
            if m.id == meeting_id).letter_drafted
    with pytest.raises(FormErrors, match="agenda is closed"):  # and the agenda is closed
        add_comment(la, meeting_id, "A late comment")


def test_the_planner_scores_from_the_shared_sef_and_the_uploaded_figures(people) -> None:
    """Rotherham (372): figures uploaded, and a shared SEF with a care leavers weakness
    that has no plan; the planner counts it and shows the figures of each area."""
    from sqlalchemy import select

    from dashboard.access import SYSTEM
    from dashboard.demo.annex_a import workbook_bytes
    from dashboard.domain.sef import DEVELOPMENT, Sef, add_statement, add_theme, apply_edits
    from dashboard.domain.sef import field_path as path
    from dashboard.services.ingest import UploadedFile
    from dashboard.services.mi import upload_annex_a
    from dashboard.services.sef import save_draft, share_version

    create_user(SYSTEM, email="la372@test.example.org", full_name="Rotherham user",
                role="la_user", la_code="372", password=PASSWORD)
    with session_scope() as session:
        rotherham = principal_of(session.scalars(select(User).where(
            User.email == "la372@test.example.org")).one())
    period = date(2026, 3, 31)
    assert upload_annex_a(SYSTEM, "372", period, [UploadedFile(
        "lists.xlsx", workbook_bytes("small", period, seed=5))]).status == "stored"
    sef = add_theme(Sef(), "Care leavers")
    sef = add_statement(sef, sef.themes[0].id, DEVELOPMENT)
    weakness = sef.themes[0].statements[0]
    sef = apply_edits(sef, {path("statement", weakness.id, "text"): "Pathway plans are late."})
    saved = save_draft(rotherham, "372", 0, sef)
    share_version(rotherham, "372", saved.number)

    meeting_id = schedule_meeting(people["hmi_neyh"], "372", "2027-02-10", "Online")
    planner = plan_scope(people["hmi_neyh"], meeting_id)
    assert planner.sef_version == saved.number
    by_key = {plan.score.topic.key: plan for plan in planner.topics}
    leavers = by_key["care_leavers"]
    assert ("1 SEF weakness(es) without a complete plan", 2) in [
        (p.label, p.points) for p in leavers.score.parts]
    assert leavers.sef_lines == ["Area for development: Pathway plans are late. (No plan)"]
    # the evidence is the published series, for every LA: LAIT's wider set too
    assert leavers.published and all(row.measure.theme == "Care leavers"
                                      for row in leavers.published)
    assert {"care_leavers_eet", "care_leavers_17_18_eet"} <= {
        row.measure.id for row in leavers.published}
    assert by_key["front_door"].published and not by_key["front_door"].sef_lines
    worse = sum(1 for row in leavers.published
                if any(flag.sense == "worse" for flag in row.comparison.flags))
    assert leavers.evidence.worse_outliers == worse


# ---------------------------------------------------------------- issuing (issue 21)


def _unagreed_with_an_empty_item(people) -> tuple[int, int]:
    """A held meeting whose agenda the LA never agreed (para 47) and whose record lost the
    note on item 3, as a record made before "not discussed" may have (para 48)."""
    hmi = people["hmi_neyh"]
    day = today_in_england() - timedelta(days=4)
    meeting_id = schedule_meeting(hmi, "370", day.isoformat(), "Online")
    agree_agenda(hmi, meeting_id)
    view = open_meeting(hmi, meeting_id)
    save_record(hmi, meeting_id, held_on=day.isoformat(), la_attendees=LA_PEOPLE,
                ofsted_attendees=OFSTED_PEOPLE,
                notes={i.id: f"Discussed item {i.position}." for i in view.items[:2]},
                not_discussed={i.id: True for i in view.items[2:]}, scope_topics=[],
                scope_reason="", scope_note="", next_sef_timing="", next_meeting_timing="",
                steps=[])
    with get_engine().begin() as connection:
        connection.execute(text("UPDATE agenda_items SET not_discussed = :no WHERE "
                                "meeting_id = :m AND position = 3"),
                           {"no": False, "m": meeting_id})
    return meeting_id, draft_letter(hmi, meeting_id)


def test_issuing_is_refused_by_paras_47_and_48_unless_a_senior_hmi_gives_a_reason(
        people, junior_hmi) -> None:
    from tests.test_audit import last_id, since
    hmi = people["hmi_neyh"]
    meeting_id, revision = _unagreed_with_an_empty_item(people)

    preview = issue_preview(junior_hmi, meeting_id, revision)
    assert not preview.may_issue and not preview.may_give_reason and preview.blockers == []
    assert [r.split(" (")[0] for r in preview.refusals] == [
        "The agenda was not agreed for the local authority",
        "The record has no note on agenda item(s) 3. Actions taken in response to previous "
        "inspections, and they are not marked “Not discussed”"]
    assert ("Test la_barnsley", "DCS or delegate") in {(r.name, r.part)
                                                      for r in preview.readers}
    assert preview.letter.issued_on == today_in_england()
    assert preview.letter.signatory == "Junior HMI, HMI"

    for reason in (None, "The DCS agreed by telephone."):  # a non-senior cannot override
        with pytest.raises(FormErrors) as refused:
            issue_letter(junior_hmi, meeting_id, revision, reason=reason)
        assert "para 47" in refused.value.errors[0] and "para 48" in refused.value.errors[1]
        assert refused.value.errors[-1] == ("A senior HMI of the region can issue it with a "
                                            "recorded reason.")
    with pytest.raises(FormErrors) as refused:  # a senior HMI must say why
        issue_letter(hmi, meeting_id, revision, reason="   ")
    assert refused.value.errors[-1].startswith("A senior HMI of the region can issue it "
                                               "anyway")
    assert not open_letter(hmi, meeting_id).issued
    assert issue_preview(hmi, meeting_id, revision).may_issue

    mark = last_id()
    issue_letter(hmi, meeting_id, revision, reason="The DCS agreed by telephone.")
    page = open_letter(hmi, meeting_id)
    assert page.issued and page.issue_reason == "The DCS agreed by telephone."
    assert open_letter(people["la_barnsley"], meeting_id).issue_reason == ""
    [event] = [e for e in since(mark) if e.entity == "Letter"]
    assert event.summary == "Letter issued with a senior HMI's reason"
    assert "The DCS agreed by telephone." in event.changes and "para 47" in event.changes


def test_a_letter_that_meets_the_rules_is_issued_without_a_reason(people) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = _held(people)
    revision = draft_letter(hmi, meeting_id)
    preview = issue_preview(hmi, meeting_id, revision)
    assert preview.refusals == [] and preview.may_issue
    issue_letter(hmi, meeting_id, revision, reason="Not needed")
    assert open_letter(hmi, meeting_id).issue_reason == ""  # a reason nothing needed


def test_the_preview_shows_blockers_and_the_la_cannot_open_it(people) -> None:
    hmi, la = people["hmi_neyh"], people["la_barnsley"]
    meeting_id = _held(people)
    revision = draft_letter(hmi, meeting_id)
    body = open_letter(hmi, meeting_id).letter.body
    assert issue_preview(hmi, meeting_id, revision, "Jo Bloggs", body + " x").blockers == [
        "You have changes that are not saved. Choose “Save and check” first: the letter is "
        "issued as last saved and checked."]
    assert "changed since" in issue_preview(hmi, meeting_id, revision - 1).blockers[0]
    for call in (lambda: issue_preview(la, meeting_id, revision),
                 lambda: issue_letter(la, meeting_id, revision, reason="We agree.")):
        with pytest.raises((AccessDenied, NotFound)):
            call()


def test_a_record_item_needs_a_note_or_not_discussed_and_the_letter_says_so(people) -> None:
    hmi = people["hmi_neyh"]
    day = today_in_england() - timedelta(days=2)
    meeting_id = schedule_meeting(hmi, "370", day.isoformat(), "Online")
    items = open_meeting(hmi, meeting_id).items
    record = dict(held_on=day.isoformat(), la_attendees=LA_PEOPLE,
                  ofsted_attendees=OFSTED_PEOPLE, scope_topics=[], scope_reason="",
                  scope_note="", next_sef_timing="", next_meeting_timing="", steps=[])
    notes = {i.id: f"Discussed item {i.position}." for i in items[:5]}
    with pytest.raises(FormErrors) as error:
        save_record(hmi, meeting_id, **record, notes=notes | {items[5].id: "  "},
                    not_discussed={items[4].id: True})
    assert error.value.errors == [
        "Note on item 5 (Broader issues that affect the delivery of children's social care "
        "services): it is marked “Not discussed” and has a note. Clear the note or the box.",
        "Note on item 6 (The possible scope of a focused visit): write what was discussed, "
        "or tick “Not discussed”.",
        "Note on item 7 (The approximate timing of the next self-evaluation and annual "
        "engagement meeting): write what was discussed, or tick “Not discussed”."]
    assert not open_meeting(hmi, meeting_id).recorded
    with pytest.raises(InvalidRequest):
        save_record(hmi, meeting_id, **record, notes=notes, not_discussed={items[5].id: "yes"})
    view = save_record(hmi, meeting_id, **record, notes=notes,
                       not_discussed={items[5].id: True, items[6].id: True})
    assert [i.not_discussed for i in view.items] == [False] * 5 + [True, True]
    draft_letter(hmi, meeting_id)
    body = open_letter(hmi, meeting_id).letter.body
    assert body.count("Not discussed.") == 2 and "Discussed item 5." in body


def test_the_record_is_closed_once_the_letter_is_issued(people) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = _held(people)
    issue_letter(hmi, meeting_id, draft_letter(hmi, meeting_id))
    view = open_meeting(hmi, meeting_id)
    with pytest.raises(FormErrors) as error:
        save_record(hmi, meeting_id, held_on=view.held_on.isoformat(),
                    la_attendees=LA_PEOPLE, ofsted_attendees=OFSTED_PEOPLE, notes={},
                    scope_topics=[], scope_reason="", scope_note="", next_sef_timing="",
                    next_meeting_timing="", steps=[])
    assert error.value.errors == ["The letter has been issued, so the record is closed: it "
                                  "can no longer be changed."]


def test_a_past_date_and_a_second_unrecorded_meeting_are_warned_not_refused(people) -> None:
    hmi, la = people["hmi_neyh"], people["la_barnsley"]
    past = today_in_england() - timedelta(days=3)
    first = schedule_meeting(hmi, "384", past.isoformat(), "Online")  # Wakefield
    warnings = open_meeting(hmi, first).warnings
    assert any(w.startswith(f"The meeting's date, {past:%d/%m/%Y}, is in the past")
               for w in warnings)
    second = schedule_meeting(hmi, "384", (past + timedelta(days=150)).isoformat(), "Online")
    [near] = open_meeting(hmi, second).warnings
    assert near.startswith("This local authority has another meeting with no record within "
                           f"six months of this one ({past:%d/%m/%Y})")
    meeting_id = schedule_meeting(hmi, "370", past.isoformat(), "Online")
    assert open_meeting(la, meeting_id).warnings == ()  # the inspectors' to act on


def test_the_la_waits_for_ofsted_rather_than_being_refused(people) -> None:
    hmi, la = people["hmi_neyh"], people["la_barnsley"]
    meeting_id = schedule_meeting(hmi, "370", "2027-03-10", "Online")
    propose_item(la, meeting_id, "Sufficiency", "")
    with pytest.raises(FormErrors) as waiting:
        agree_agenda(la, meeting_id)
    assert waiting.value.errors == ["Waiting for Ofsted to decide your proposal."]
    with pytest.raises(FormErrors, match="Decide the open proposals"):
        agree_agenda(hmi, meeting_id)
