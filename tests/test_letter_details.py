"""An LA's letter details (issue 21): the region's inspectors enter the DCS's name, the
postal address and the copy list once; every letter to the LA uses them, drafts follow
them, an issued letter keeps what it was sent with. Saving is checked, audited and
refused to everyone else, through the service and through the callback."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.access import AccessDenied
from dashboard.errors import InvalidRequest
from dashboard.services.engagement import FormErrors
from dashboard.services.engagement_letters import (
    draft_letter,
    issue_letter,
    letter_document,
    open_letter,
)
from dashboard.services.letter_details import letter_details, save_letter_details
from dashboard.storage.db import session_scope
from dashboard.storage.models import AuditEvent, LetterDetails
from tests.conftest import page_content, post_callback, sign_in
from tests.test_engagement import _held
from tests.test_engagement import people as people  # the fixture

ADDRESS = "Westgate\n  Barnsley \n\nS70 2TA"
COPIES = "Ann Lee, Chief Executive\nCllr Pat Kaur, Lead Member for Children's Services"


@pytest.fixture()
def clean_details():
    """Barnsley's details are emptied again afterwards: other tests draft its letters
    from the record alone."""
    yield
    with session_scope() as session:
        row = session.get(LetterDetails, "370")
        if row is not None:
            session.delete(row)


def test_details_are_saved_audited_and_used_by_the_letter(people, clean_details) -> None:
    hmi = people["hmi_neyh"]
    meeting_id = _held(people)
    assert letter_details(hmi, "370").updated_at is None
    saved = save_letter_details(hmi, "370", "  Dr Jo  Bloggs ", ADDRESS, COPIES)
    assert (saved.dcs_name, saved.address) == ("Dr Jo Bloggs", "Westgate\nBarnsley\nS70 2TA")
    assert saved.updated_by == "Test hmi_neyh" and saved.updated_at is not None
    with session_scope() as session:
        entries = session.scalars(select(AuditEvent).where(
            AuditEvent.entity == "Letter details", AuditEvent.la_code == "370")).all()
        assert entries and "Dr Jo Bloggs" in entries[-1].changes

    revision = draft_letter(hmi, meeting_id)
    letter, _name = letter_document(hmi, meeting_id)
    assert letter.addressee == "Dr Jo Bloggs"  # the details, not the record's "Jo Bloggs"
    assert letter.address == ("Westgate", "Barnsley", "S70 2TA")
    assert letter.copies == ("Ann Lee, Chief Executive",
                             "Cllr Pat Kaur, Lead Member for Children's Services")
    assert letter.reference == f"AEM/80426/{letter.meeting_date.isoformat()}"
    assert letter.region_name == "North East, Yorkshire and the Humber"

    # a draft follows the details; its revision (what the inspector saw) does not move
    save_letter_details(hmi, "370", "Dr Jo Bloggs", "Town Hall\nS70 2TA", COPIES)
    assert letter_document(hmi, meeting_id)[0].address == ("Town Hall", "S70 2TA")
    assert open_letter(hmi, meeting_id).revision == revision
    issue_letter(hmi, meeting_id, revision)
    # an issued letter keeps what it was sent with
    save_letter_details(hmi, "370", "Sam New", "Elsewhere", "")
    issued, _name = letter_document(people["la_barnsley"], meeting_id)
    assert issued.address == ("Town Hall", "S70 2TA") and len(issued.copies) == 2


def test_without_details_the_letter_is_addressed_as_the_record_says(people) -> None:
    meeting_id = _held(people)
    draft_letter(people["hmi_neyh"], meeting_id)
    letter, _name = letter_document(people["hmi_neyh"], meeting_id)
    assert letter.addressee == "Jo Bloggs" and letter.address == () and letter.copies == ()


def test_details_are_checked_and_nothing_is_stored_on_an_error(people, clean_details) -> None:
    hmi = people["hmi_neyh"]
    with pytest.raises(FormErrors) as error:
        save_letter_details(hmi, "370", "x" * 121, "\n".join(["line"] * 9),
                            "ok\n" + "y" * 201)
    assert error.value.errors == ["The DCS's name can be at most 120 characters."]
    with pytest.raises(FormErrors) as error:
        save_letter_details(hmi, "370", "Jo", "\n".join(["line"] * 9), "ok\n" + "y" * 201)
    assert error.value.errors == ["The postal address can have at most 8 lines.",
                                  "The copy list, line 2, is longer than 200 characters."]
    with pytest.raises(InvalidRequest):
        save_letter_details(hmi, "370", ["Jo"], "", "")
    # control characters are dropped, as everywhere text is typed
    assert save_letter_details(hmi, "370", "Jo\x00 Bloggs", "", "").dcs_name == "Jo Bloggs"
    with pytest.raises(FormErrors):
        save_letter_details(hmi, "370", "Changed", "", "y" * 201)
    assert letter_details(hmi, "370").dcs_name == "Jo Bloggs"


@pytest.mark.parametrize("who", ["la_barnsley", "la_doncaster", "hmi_london", "admin"])
def test_only_the_regions_inspectors_see_or_save_details(people, who: str) -> None:
    """la_barnsley is Barnsley's DCS-flagged user: whom Ofsted copies in is Ofsted's."""
    with pytest.raises(AccessDenied):
        letter_details(people[who], "370")
    with pytest.raises(AccessDenied):
        save_letter_details(people[who], "370", "Intruder", "", "")
    with session_scope() as session:
        assert session.get(LetterDetails, "370") is None


def _save(client, la_code: str, name: str, address: str = "", copies: str = ""):
    return post_callback(client, [("letter-details-save", "n_clicks", 1)],
                         [("letter-details-la", "data", la_code),
                          ("letter-details-dcs", "value", name),
                          ("letter-details-address", "value", address),
                          ("letter-details-copies", "value", copies)])


def test_the_callback_saves_for_the_region_and_refuses_others(client, clean_details) -> None:
    sign_in(client, "la_barnsley")
    assert _save(client, "370", "Intruder").status_code == 403
    sign_in(client, "hmi_london")
    assert _save(client, "370", "Intruder").status_code == 403
    sign_in(client, "hmi_neyh")
    refused = _save(client, "370", "Jo", copies="y" * 201).get_data(as_text=True)
    assert "The copy list, line 1, is longer than 200 characters." in refused
    answer = _save(client, "370", "Jo Bloggs", ADDRESS, COPIES)
    assert answer.status_code == 200 and "Letter details saved" in answer.get_data(as_text=True)
    with session_scope() as session:
        assert session.get(LetterDetails, "370").dcs_name == "Jo Bloggs"


def test_the_letter_page_offers_the_form_to_the_regions_inspectors_only(people, client) -> None:
    meeting_id = _held(people)
    draft_letter(people["hmi_neyh"], meeting_id)
    issue_letter(people["hmi_neyh"], meeting_id, open_letter(people["hmi_neyh"],
                                                             meeting_id).revision)
    sign_in(client, "hmi_neyh")
    assert "letter-details-dcs" in page_content(client, f"/letter/{meeting_id}").get_data(
        as_text=True)
    sign_in(client, "la_barnsley")
    page = page_content(client, f"/letter/{meeting_id}").get_data(as_text=True)
    assert "letter-document" in page and "letter-details-dcs" not in page
