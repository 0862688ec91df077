"""The letter after the meeting reads as a letter (issue 21): sender, date, addressee,
reference, salutation, the body in para 48's order, sign-off and copy list, and no
framework paragraph numbers or sentences about the letter itself."""

from __future__ import annotations

import re
from datetime import date

from dashboard.domain.engagement import AGENDA_HEADINGS
from dashboard.domain.engagement_letter import (
    AgendaNote,
    Attendee,
    Letter,
    MeetingRecord,
    NextStep,
    ScopeChoice,
    draft_letter_body,
    letter_details_errors,
    letter_outline,
    letter_reference,
    text_lines,
)
from dashboard.domain.sef_outline import Heading, Lines, Table, Text, outline_text

HELD = date(2026, 10, 14)


def _letter(**changes: object) -> Letter:
    attendees = (Attendee("Jo Bloggs", "Director of Children's Services", "la", "dcs"),
                 Attendee("Sam Senior", "Senior HMI", "ofsted", "senior_hmi"))
    record = MeetingRecord(
        la_name="Camden", held_on=HELD, attendees=attendees,
        agenda=tuple(AgendaNote(title, f"Note {n}.") for n, title in
                     enumerate(AGENDA_HEADINGS, start=1)),
        scope=ScopeChoice(("care_leavers",), "agreement"), next_sef_timing="September 2027",
        next_meeting_timing="October 2027",
        next_steps=(NextStep("Share the audit", "Head of service", date(2027, 1, 31), "la"),))
    letter = Letter("Camden", "Jo Bloggs", HELD, attendees, draft_letter_body(record),
                    "Sam Senior, Senior HMI", date(2026, 11, 2), region_name="London",
                    reference=letter_reference("80491", "202", HELD),
                    address=("5 Pancras Square", "London", "N1C 4AG"),
                    copies=("Ann Lee, Chief Executive", "Cllr Pat Kaur, Lead Member"))
    return Letter(**{**letter.__dict__, **changes})


def _blocks(letter: Letter) -> dict[str, tuple[str, ...]]:
    return {e.kind: e.lines for e in letter_outline(letter).body if isinstance(e, Lines)}


def test_the_letter_has_every_part_of_a_letter_in_order() -> None:
    outline = letter_outline(_letter())
    text = outline_text(outline)
    blocks = _blocks(_letter())
    assert blocks["sender"] == ("Ofsted", "London region")
    assert blocks["date"] == ("2 November 2026",)
    assert blocks["addressee"] == ("Jo Bloggs", "Director of Children's Services", "Camden",
                                   "5 Pancras Square", "London", "N1C 4AG")
    assert blocks["reference"] == ("Our reference: AEM/80491/2026-10-14",)
    assert blocks["signature"] == ("Sam Senior", "Senior HMI, London region")
    assert blocks["copies"] == ("cc:", "Ann Lee, Chief Executive",
                                "Cllr Pat Kaur, Lead Member")
    order = ["Ofsted", "2 November 2026", "Jo Bloggs", "Our reference: AEM/80491/2026-10-14",
             "Dear Jo Bloggs,", "Annual engagement meeting, 14 October 2026",
             "Thank you for meeting us on 14 October 2026 for the annual engagement meeting. "
             "Those who attended are listed below.",
             "Agenda items discussed", "The possible scope of a future focused visit",
             "Timing of the next self-evaluation and annual engagement meeting",
             "Next steps agreed", "Yours sincerely,", "Sam Senior", "cc:"]
    position = -1
    for line in order:  # each found after the one before
        position = text.index(line, position + 1)
    # who attended comes straight after the opening sentence (para 48: date and attendees)
    kinds = [type(e) for e in outline.body]
    assert kinds.index(Table) == 7 and isinstance(outline.body[6], Text)
    assert not outline.title_shown and outline.title == "Annual engagement meeting: Camden"


def test_the_letter_cites_no_paragraph_and_says_nothing_about_itself() -> None:
    text = "\n".join(outline_text(letter_outline(_letter())))
    assert not re.search(r"\bpara(graph)?s?\b", text, re.IGNORECASE)
    for about_itself in ("This letter", "not published", "no judgements",
                         "Not for publication", "framework"):
        assert about_itself.lower() not in text.lower()


def test_a_draft_says_so_instead_of_a_date() -> None:
    assert _blocks(_letter(issued_on=None))["date"] == ("Draft: not issued",)


def test_without_details_the_letter_still_reads_and_invents_nothing() -> None:
    letter = _letter(address=(), copies=(), region_name="", reference="",
                     addressee="The Director of Children's Services")
    outline = letter_outline(letter)
    blocks = _blocks(letter)
    assert blocks["sender"] == ("Ofsted",)
    assert blocks["addressee"] == ("Director of Children's Services", "Camden")
    assert "copies" not in blocks and "reference" not in blocks
    assert "Dear Director of Children's Services," in outline_text(outline)
    assert blocks["signature"] == ("Sam Senior", "Senior HMI")
    # an older letter's signatory without a role reads as written
    assert _blocks(_letter(signatory="Sam Senior"))["signature"] == ("Sam Senior",)


def test_the_reference_falls_back_to_the_la_code_without_a_urn() -> None:
    assert letter_reference(None, "370", HELD) == "AEM/LA370/2026-10-14"
    assert letter_reference("80450", "201", date(2027, 1, 5)) == "AEM/80450/2027-01-05"


def test_letter_details_are_checked_line_by_line() -> None:
    assert letter_details_errors("Jo Bloggs", "1 Street\nTown", "Ann Lee, CEO") == []
    assert text_lines("  5  Pancras Square \n\n London ") == ("5 Pancras Square", "London")
    errors = letter_details_errors("x" * 121, "\n".join(["line"] * 9),
                                   "ok\n" + "y" * 201)
    assert errors == ["The DCS's name can be at most 120 characters.",
                      "The postal address can have at most 8 lines.",
                      "The copy list, line 2, is longer than 200 characters."]
    assert letter_details_errors("Jo\nBloggs", "", "") == [
        "The DCS's name: write it on one line."]


def test_the_subject_heading_is_the_only_heading_before_the_body() -> None:
    body = letter_outline(_letter()).body
    first_heading = next(e for e in body if isinstance(e, Heading))
    assert first_heading.text == "Annual engagement meeting, 14 October 2026"
