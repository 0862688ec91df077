"""The engagement meeting through the real app: every role against every page, callback
and download of another LA's meeting, and the LA against its own draft letter."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from dashboard.access import Principal
from dashboard.clock import today_in_england
from dashboard.services.engagement import (
    AttendeeInput,
    StepInput,
    agree_agenda,
    open_meeting,
    save_record,
    schedule_meeting,
)
from dashboard.services.engagement_letters import (
    draft_letter,
    issue_letter,
    open_letter,
    save_letter,
)
from dashboard.services.region_overview import region_rows
from dashboard.services.user_admin import principal_of
from dashboard.storage.db import session_scope
from dashboard.storage.models import User
from tests.conftest import csrf_header, page_content, sign_in, sign_out, temporary_account
from tests.test_engagement import la_dcs

PLACE = "Room 4, Westgate offices"
DRAFT_LINE = "Draft wording the local authority must not see yet."
OTHERS = ["la_doncaster", "la_camden", "hmi_london", "admin"]


def principal(seeded_db: dict[str, int], account: str) -> Principal:
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db[account]))


def held_meeting(seeded_db, la_code: str = "370", days_ago: int = 3) -> int:
    hmi = principal(seeded_db, "hmi_neyh")
    day = today_in_england() - timedelta(days=days_ago)
    meeting_id = schedule_meeting(hmi, la_code, day.isoformat(), PLACE)
    agree_agenda(hmi, meeting_id)
    agree_agenda(la_dcs(la_code), meeting_id)  # both sides agree (para 47)
    save_record(hmi, meeting_id, held_on=day.isoformat(),
                la_attendees=[AttendeeInput("Jo Bloggs", "Director of Children's Services",
                                            "dcs")],
                ofsted_attendees=[AttendeeInput("Sam Senior", "Senior HMI", "senior_hmi")],
                notes={item.id: f"Discussed item {item.position}."
                       for item in open_meeting(hmi, meeting_id).items},
                scope_topics=[], scope_reason="", scope_note="", next_sef_timing="",
                next_meeting_timing="", steps=[StepInput("Audit", "Jo", "2027-01-01", "la")])
    return meeting_id


def with_draft(seeded_db, la_code: str = "370", days_ago: int = 3) -> int:
    hmi = principal(seeded_db, "hmi_neyh")
    meeting_id = held_meeting(seeded_db, la_code, days_ago)
    revision = draft_letter(hmi, meeting_id)
    body = open_letter(hmi, meeting_id).letter.body + "\n\n" + DRAFT_LINE
    assert save_letter(hmi, meeting_id, revision, "Jo Bloggs", body).saved
    return meeting_id


def issued(seeded_db, la_code: str = "370", days_ago: int = 3) -> int:
    hmi = principal(seeded_db, "hmi_neyh")
    meeting_id = with_draft(seeded_db, la_code, days_ago)
    issue_letter(hmi, meeting_id, open_letter(hmi, meeting_id).revision)
    return meeting_id


def post(client, inputs: list, state: list, output: str, changed: str):
    """A callback body as the renderer sends it (pattern inputs and states as lists)."""
    outputs = [{"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
               for part in output.strip(".").split("...")]
    return client.post("/_dash-update-component", headers=csrf_header(client), json={
        "output": output, "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs, "state": state, "changedPropIds": [changed]})


def _output_key(client, first_input: str) -> str:
    for dependency in client.get("/_dash-dependencies").get_json():
        if any(i["id"] == first_input or (i["id"].startswith("{") and json.loads(i["id"]).get(
                "type") == first_input) for i in dependency["inputs"]):
            return dependency["output"]
    raise AssertionError(first_input)


def agenda_act(client, meeting_id: object, action: str, index: int = 0,
               fields: dict | None = None):
    act = {"type": "meeting-act", "action": action, "index": index}
    ids = [{"type": "meeting-field", "name": name} for name in (fields or {})]
    return post(client,
                [[{"id": act, "property": "n_clicks", "value": 1}]],
                [[{"id": i, "property": "id", "value": i} for i in ids],
                 [{"id": i, "property": "value", "value": v}
                  for i, v in zip(ids, (fields or {}).values(), strict=True)],
                 [], [], {"id": "agenda-notes-base", "property": "data", "value": {}},
                 {"id": "meeting-id", "property": "data", "value": meeting_id}],
                _output_key(client, "meeting-act"),
                json.dumps(act, sort_keys=True, separators=(",", ":")) + ".n_clicks")


def letter_call(client, trigger: str, meeting_id: object, state: list):
    return post(client, [{"id": trigger, "property": "n_clicks", "value": 1}],
                [{"id": "letter-meeting", "property": "data", "value": meeting_id}, *state],
                _output_key(client, trigger), f"{trigger}.n_clicks")


def save_text(client, meeting_id: object, revision: object, body: str):
    return letter_call(client, "letter-save", meeting_id, [
        {"id": "letter-revision", "property": "data", "value": revision},
        {"id": "letter-addressee", "property": "value", "value": "Someone"},
        {"id": "letter-body", "property": "value", "value": body}])


def _person_states(side: str, name: str, role: str, part: str) -> list[list[dict]]:
    """One attendee row of the record: its fields' ids, then their values."""
    fields = [({"type": "person", "field": f, "side": side, "index": 0}, v)
              for f, v in (("name", name), ("role", role), ("part", part))]
    return [[{"id": i, "property": "id", "value": i} for i, _v in fields],
            [{"id": i, "property": "value", "value": v} for i, v in fields]]


def save_record_call(client, meeting_id: object):
    return post(client, [{"id": "record-save", "property": "n_clicks", "value": 1}],
                [{"id": "record-meeting", "property": "data", "value": meeting_id},
                 {"id": "record-held", "property": "value",
                  "value": today_in_england().isoformat()},
                 *_person_states("ofsted", "Intruder", "HMI", "hmi"),
                 *_person_states("la", "Intruder", "DCS", "dcs"),
                 [], [], {"id": "record-topics", "property": "value", "value": []},
                 {"id": "record-reason", "property": "value", "value": ""},
                 {"id": "record-scope-note", "property": "value", "value": ""},
                 {"id": "record-next-sef", "property": "value", "value": ""},
                 {"id": "record-next-meeting", "property": "value", "value": ""}, [], [],
                 [], []],
                _output_key(client, "record-save"), "record-save.n_clicks")


# ---------------------------------------------------------------- pages


def test_both_sides_see_the_meeting_and_only_inspectors_the_record(client, seeded_db) -> None:
    meeting_id = with_draft(seeded_db)
    sign_in(client, "hmi_neyh")
    for path in ("/meetings/370", f"/meeting/{meeting_id}", f"/record/{meeting_id}",
                 f"/letter/{meeting_id}"):
        body = page_content(client, path).get_data(as_text=True)
        assert "refusal" not in body and "Barnsley" in body, path
    assert DRAFT_LINE in page_content(client, f"/letter/{meeting_id}").get_data(as_text=True)
    sign_in(client, "la_barnsley")
    assert PLACE in page_content(client, f"/meeting/{meeting_id}").get_data(as_text=True)
    record = page_content(client, f"/record/{meeting_id}").get_data(as_text=True)
    assert "refusal" in record and "planner" not in record
    letter = page_content(client, f"/letter/{meeting_id}").get_data(as_text=True)
    assert "has not been issued yet" in letter and DRAFT_LINE not in letter
    for path in ("/meetings/370", f"/meeting/{meeting_id}"):  # not even that a draft exists
        body = page_content(client, path).get_data(as_text=True)
        assert "Draft, due by" not in body and "Not issued yet, due by" in body, path


@pytest.mark.parametrize("account", OTHERS)
def test_other_las_regions_and_admins_are_refused_every_page(client, seeded_db,
                                                              account) -> None:
    meeting_id = issued(seeded_db)
    sign_in(client, account)
    for path in ("/meetings/370", f"/meeting/{meeting_id}", f"/record/{meeting_id}",
                 f"/letter/{meeting_id}"):
        body = page_content(client, path).get_data(as_text=True)
        assert "refusal" in body and PLACE not in body and "Jo Bloggs" not in body, path


def test_a_meeting_address_that_is_not_a_number_is_not_found(client) -> None:
    sign_in(client, "hmi_neyh")
    for path in ("/meeting/abc", "/meeting/1%20OR%201=1", "/letter/-1", "/record/99999999"):
        body = page_content(client, path).get_data(as_text=True)
        assert "Page not found" in body or "no such meeting" in body, path


# ---------------------------------------------------------------- callbacks


@pytest.mark.parametrize("account", OTHERS)
def test_agenda_callbacks_refuse_other_las_regions_and_admins(client, seeded_db,
                                                              account) -> None:
    hmi = principal(seeded_db, "hmi_neyh")
    meeting_id = schedule_meeting(hmi, "370", "2027-03-01", PLACE)
    sign_in(client, account)
    for action, fields in (("comment", {"comment": "Forged comment"}),
                           ("propose", {"proposal-title": "Forged item"}),
                           ("agree", {}),
                           ("attendees-la", {"attendees-la": "Intruder, DCS"})):
        response = agenda_act(client, meeting_id, action, fields=fields)
        assert response.status_code in (403, 404), action
        assert PLACE not in response.get_data(as_text=True)
    sign_in(client, "la_barnsley")
    page = page_content(client, f"/meeting/{meeting_id}").get_data(as_text=True)
    assert "Forged" not in page and "Intruder" not in page


def test_the_la_acts_for_its_side_through_the_callbacks(client, seeded_db) -> None:
    hmi = principal(seeded_db, "hmi_neyh")
    meeting_id = schedule_meeting(hmi, "370", "2027-03-01", PLACE)
    sign_in(client, "la_barnsley")
    response = agenda_act(client, meeting_id, "propose",
                          fields={"proposal-title": "Placements <b>now</b>",
                                  "proposal-discussion": "", "proposal-amends": ""})
    assert response.status_code == 200
    assert "Proposal sent" in response.get_data(as_text=True)
    assert agenda_act(client, meeting_id, "attendees-ofsted",
                      fields={"attendees-ofsted": "Intruder, HMI"}).status_code == 403
    missing = agenda_act(client, meeting_id, "propose", fields={"proposal-title": ""})
    assert "Item: write something first." in missing.get_data(as_text=True)
    assert agenda_act(client, meeting_id, "no-such-action").status_code == 400
    # a comment redraws the agenda, keeping a half-typed proposal
    body = agenda_act(client, meeting_id, "comment",
                      fields={"comment": "Fine by us", "proposal-title": "Half-typed item"}
                      ).get_data(as_text=True)
    assert "Comment added." in body and "Half-typed item" in body
    assert agenda_act(client, "370", "comment", fields={"comment": "x"}).status_code == 404


def test_only_the_dcs_or_a_delegate_agrees_for_the_la_through_the_callback(client,
                                                                         seeded_db) -> None:
    """ILACS framework para 47: an LA user not marked as the DCS or a delegate is refused
    on the server (not just shown no button) and told who can agree; the marked user
    agrees; an inspector's "agree" agrees for Ofsted, never for the LA."""
    hmi = principal(seeded_db, "hmi_neyh")
    meeting_id = schedule_meeting(hmi, "370", "2027-03-01", PLACE)
    with temporary_account("officer370@test.example.org"):
        sign_in(client, "temporary")
        page = page_content(client, f"/meeting/{meeting_id}").get_data(as_text=True)
        assert ("Only the DCS or a delegate can agree the agenda: Test la_barnsley."
                in page)
        assert "Agree the agenda for the local authority" not in page
        assert agenda_act(client, meeting_id, "agree").status_code == 403
        # they still take part
        assert agenda_act(client, meeting_id, "comment",
                          fields={"comment": "Looks right"}).status_code == 200
        sign_out(client)
    view = open_meeting(hmi, meeting_id)
    assert view.agreed_for_la is None and view.comments[-1].text == "Looks right"
    sign_in(client, "hmi_neyh")
    assert agenda_act(client, meeting_id, "agree").status_code == 200
    assert open_meeting(hmi, meeting_id).agreed_for_la is None
    sign_in(client, "la_barnsley")
    page = page_content(client, f"/meeting/{meeting_id}").get_data(as_text=True)
    assert "Agree the agenda for the local authority" in page
    assert "You agreed the agenda." in agenda_act(client, meeting_id, "agree").get_data(
        as_text=True)
    view = open_meeting(hmi, meeting_id)
    assert view.agreed and view.agreed_for_la.by == "Test la_barnsley"


def test_the_record_lists_each_person_with_a_part_and_adds_rows(client, seeded_db) -> None:
    """Para 46: the record page gives each attendee a part from their side's list."""
    meeting_id = held_meeting(seeded_db)
    sign_in(client, "hmi_neyh")
    page = page_content(client, f"/record/{meeting_id}").get_data(as_text=True)
    assert "Deputy named by the DCS" in page and "Regional director" in page
    name_id = {"type": "person", "field": "name", "side": "la", "index": 0}
    response = post(client, [{"id": "record-add-la-person", "property": "n_clicks",
                              "value": 1}],
                    [[{"id": name_id, "property": "id", "value": name_id}]],
                    _output_key(client, "record-add-la-person"),
                    "record-add-la-person.n_clicks")
    assert response.status_code == 200
    added = response.get_data(as_text=True)
    assert '"index":1' in added and '"side":"la"' in added and "Other LA attendee" in added


@pytest.mark.parametrize("account", ["la_barnsley", *OTHERS])
def test_only_the_regions_inspectors_record_and_write(client, seeded_db, account) -> None:
    meeting_id = with_draft(seeded_db)
    revision = open_letter(principal(seeded_db, "hmi_neyh"), meeting_id).revision
    sign_in(client, account)
    assert save_record_call(client, meeting_id).status_code in (403, 404)
    for trigger, state in (
            ("letter-save", None),
            ("letter-issue", [{"id": "letter-revision", "property": "data", "value": revision},
                              {"id": "letter-addressee", "property": "value", "value": None},
                              {"id": "letter-body", "property": "value", "value": None}]),
            ("letter-issue-confirm", [
                {"id": "letter-revision", "property": "data", "value": revision},
                {"id": "letter-addressee", "property": "value", "value": None},
                {"id": "letter-body", "property": "value", "value": None},
                [{"id": {"index": 0, "type": "issue-reason"}, "property": "value",
                  "value": "Forged reason"}]]),
            ("letter-draft", []),
            ("letter-redraft", [{"id": "letter-revision", "property": "data",
                                 "value": revision}])):
        response = (save_text(client, meeting_id, revision, "Forged letter") if state is None
                    else letter_call(client, trigger, meeting_id, state))
        assert response.status_code in (403, 404), trigger
        assert DRAFT_LINE not in response.get_data(as_text=True)
    page = open_letter(principal(seeded_db, "hmi_neyh"), meeting_id)
    assert page.revision == revision and not page.issued


def test_the_inspector_saves_and_is_told_of_findings_and_clashes(client, seeded_db) -> None:
    meeting_id = with_draft(seeded_db)
    revision = open_letter(principal(seeded_db, "hmi_neyh"), meeting_id).revision
    sign_in(client, "hmi_neyh")
    body = save_text(client, meeting_id, revision, "Services are outstanding.").get_data(
        as_text=True)
    assert "Draft saved and checked." in body and "1 finding(s) block issuing" in body
    stale = save_text(client, meeting_id, revision, "An older copy").get_data(as_text=True)
    assert "A colleague saved this letter" in stale
    assert open_letter(principal(seeded_db, "hmi_neyh"), meeting_id).letter.body == (
        "Services are outstanding.")


# ---------------------------------------------------------------- downloads


def test_the_la_downloads_only_an_issued_letter(client, seeded_db) -> None:
    draft_id, issued_id = with_draft(seeded_db), issued(seeded_db)
    sign_in(client, "la_barnsley")
    for suffix in ("print", "letter.pdf", "letter.docx"):
        assert client.get(f"/letter/{draft_id}/{suffix}").status_code == 404
        response = client.get(f"/letter/{issued_id}/{suffix}")
        assert response.status_code == 200, suffix
        assert response.headers["Cache-Control"] == "no-store"
    sign_in(client, "hmi_neyh")  # the inspector previews the draft
    assert DRAFT_LINE in client.get(f"/letter/{draft_id}/print").get_data(as_text=True)


@pytest.mark.parametrize("account", OTHERS)
def test_letters_are_never_downloaded_by_others(client, seeded_db, account) -> None:
    meeting_id = issued(seeded_db)
    sign_in(client, account)
    for suffix in ("print", "letter.pdf", "letter.docx"):
        response = client.get(f"/letter/{meeting_id}/{suffix}")
        assert response.status_code == 404 and b"Jo Bloggs" not in response.data


def test_signed_out_people_get_nothing(client, seeded_db) -> None:
    meeting_id = issued(seeded_db)
    sign_out(client)
    for suffix in ("print", "letter.pdf", "letter.docx"):
        response = client.get(f"/letter/{meeting_id}/{suffix}")
        assert response.status_code in (302, 401) and b"Jo Bloggs" not in response.data


# ---------------------------------------------------------------- the overview


def test_the_overview_shows_the_last_meeting_the_next_and_the_letter(seeded_db) -> None:
    hmi = principal(seeded_db, "hmi_neyh")
    held = today_in_england() - timedelta(days=40)
    meeting_id = held_meeting(seeded_db, "373", days_ago=40)

    def sheffield():
        rows = region_rows(hmi, "NEYH", today_in_england()).rows
        return next(r for r in rows if r.la_code == "373")

    row = sheffield()
    assert row.last_meeting == f"{held.day} {held:%B %Y}"
    assert row.letter_status.startswith("Overdue: due ")  # a month has passed (para 48)
    assert row.meeting_due.startswith("Due ") and str(held.year + 1) in row.meeting_due
    revision = draft_letter(hmi, meeting_id)
    issue_letter(hmi, meeting_id, revision)
    assert sheffield().letter_status.endswith("(late)")
    schedule_meeting(hmi, "373", (today_in_england() + timedelta(days=300)).isoformat(), "Online")
    assert sheffield().meeting_due.startswith("Scheduled ")


def test_the_record_reads_as_text_once_the_letter_is_issued(client, seeded_db) -> None:
    """The record a frozen letter was drawn from shows as text: no field, no Save."""
    open_id, issued_id = held_meeting(seeded_db), issued(seeded_db)
    sign_in(client, "hmi_neyh")
    editable = page_content(client, f"/record/{open_id}").get_data(as_text=True)
    assert "record-save" in editable and "record-not-discussed" in editable
    closed = page_content(client, f"/record/{issued_id}").get_data(as_text=True)
    assert "record-closed" in closed and "can no longer be changed" in closed
    assert "Discussed item 1." in closed
    for field in ("record-save", '"type":"record-note"', "record-not-discussed", "record-held",
                  '"type":"Textarea"', '"type":"Input"'):
        assert field not in closed.replace(" ", ""), field


def test_a_non_senior_inspector_sees_the_refusal_and_no_way_to_issue(client, seeded_db) -> None:
    """The confirmation as an HMI who is not senior sees a letter the LA never agreed the
    agenda of (para 47): the reasons, that a senior HMI can issue it, no reason field and
    no "Yes, issue"; the region's senior HMI gets both."""
    from contextlib import contextmanager

    from dashboard.access import SYSTEM
    from dashboard.services.engagement import open_meeting
    from dashboard.services.user_admin import create_user
    from tests.conftest import ACCOUNTS, PASSWORD

    @contextmanager
    def temporary_inspector(email: str):
        assert not create_user(SYSTEM, email=email, full_name="Another HMI",
                               role="inspector", region_code="NEYH", password=PASSWORD)
        ACCOUNTS["temporary"] = dict(email=email, role="inspector", region_code="NEYH")
        try:
            yield
        finally:
            del ACCOUNTS["temporary"]

    hmi = principal(seeded_db, "hmi_neyh")
    day = today_in_england() - timedelta(days=2)
    meeting_id = schedule_meeting(hmi, "370", day.isoformat(), PLACE)
    save_record(hmi, meeting_id, held_on=day.isoformat(),
                la_attendees=[AttendeeInput("Jo Bloggs", "DCS", "dcs")],
                ofsted_attendees=[AttendeeInput("Sam Senior", "Senior HMI", "senior_hmi")],
                notes={i.id: "Discussed." for i in open_meeting(hmi, meeting_id).items},
                scope_topics=[], scope_reason="", scope_note="", next_sef_timing="",
                next_meeting_timing="", steps=[])
    revision = draft_letter(hmi, meeting_id)
    state = [{"id": "letter-revision", "property": "data", "value": revision},
             {"id": "letter-addressee", "property": "value", "value": None},
             {"id": "letter-body", "property": "value", "value": None}]
    with temporary_inspector("hmi3.neyh@test.example.org"):
        sign_in(client, "temporary")
        panel = letter_call(client, "letter-issue", meeting_id, state).get_data(as_text=True)
    assert "not agreed for Ofsted or the local authority" in panel
    assert "A senior HMI of the region can issue it with a recorded reason." in panel
    assert "letter-issue-confirm" not in panel and "issue-reason" not in panel
    assert "letter-issue-cancel" in panel and "Test la_barnsley (DCS or delegate)" in panel
    sign_in(client, "hmi_neyh")
    panel = letter_call(client, "letter-issue", meeting_id, state).get_data(as_text=True)
    assert "letter-issue-confirm" in panel and "issue-reason" in panel
    assert not open_letter(hmi, meeting_id).issued


def test_the_la_sees_it_is_waiting_for_ofsted_not_a_refusal(client, seeded_db) -> None:
    """While the senior HMI has the LA's proposal to decide (para 47), the DCS's page says
    so in place of the button that would be refused."""
    from dashboard.services.engagement import propose_item

    hmi, la = principal(seeded_db, "hmi_neyh"), principal(seeded_db, "la_barnsley")
    meeting_id = schedule_meeting(hmi, "370", "2027-05-10", PLACE)
    propose_item(la, meeting_id, "Sufficiency", "")
    sign_in(client, "la_barnsley")
    page = page_content(client, f"/meeting/{meeting_id}").get_data(as_text=True)
    assert "Waiting for Ofsted to decide your proposal." in page
    assert "Agree the agenda for the local authority" not in page
