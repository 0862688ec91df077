"""The meeting record and the letter that follows it (framework paras 42, 46 and 48).

The record is what the inspector writes after the meeting; the letter is drafted from
it and then edited freely. Both are plain data here: parsing what people type,
drafting the letter's text, and the letter as a document outline that the print, PDF
and Word renderers share with the SEF. The letter reads as a letter: sender, date,
addressee, reference, salutation, body, sign-off and copy list, and nothing in it
speaks about the letter itself or cites the framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.domain.dates import long_date
from dashboard.domain.engagement import (
    CROSS_CUTTING_LINES,
    TOPICS_BY_KEY,
)
from dashboard.domain.framework import letter_due
from dashboard.domain.letter_issue import NOT_DISCUSSED
from dashboard.domain.sef_outline import Element, Heading, Lines, Outline, Table, Text
from dashboard.domain.sef_text import parse_blocks

SIDES = {"la": "Local authority", "ofsted": "Ofsted"}
MAX_ATTENDEES = 30
MAX_ATTENDEE_LINE = 200
MAX_LETTER = 300_000  # above the longest draft a full record can make
NO_MEETING = "No meeting recorded"
DCS = "Director of Children's Services"
#: The LA's letter details: the DCS's name, the postal address (a line each) and the copy
#: list (one person a line, "name, role"). Short enough to sit in an address block.
MAX_DCS_NAME = 120
MAX_ADDRESS_LINES, MAX_ADDRESS_LINE = 8, 100
MAX_COPIES, MAX_COPY_LINE = 12, 200


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str  # their job, as typed ("Assistant director, social care")
    side: str  # a key of SIDES
    #: their part at the meeting (para 46), a key of meeting_record.ATTENDEE_PARTS; None
    #: where not given (people named on the agenda page, records made before parts)
    part: str | None = None


@dataclass(frozen=True)
class AgendaNote:
    title: str
    note: str
    not_discussed: bool = False  # the record says so; the letter says "Not discussed."


@dataclass(frozen=True)
class NextStep:
    action: str
    owner: str
    due: date | None
    side: str  # who agreed to do it: a key of SIDES


@dataclass(frozen=True)
class ScopeChoice:
    """The possible scope of a focused visit as recorded (paras 105-107)."""

    topics: tuple[str, ...] = ()  # keys of engagement.TOPICS_BY_KEY
    reason: str | None = None  # a key of engagement.SCOPE_REASONS
    note: str = ""


@dataclass(frozen=True)
class MeetingRecord:
    la_name: str
    held_on: date
    attendees: tuple[Attendee, ...]
    agenda: tuple[AgendaNote, ...]
    scope: ScopeChoice
    next_sef_timing: str
    next_meeting_timing: str
    next_steps: tuple[NextStep, ...]


@dataclass(frozen=True)
class Letter:
    la_name: str
    addressee: str
    meeting_date: date
    attendees: tuple[Attendee, ...]
    body: str
    signatory: str  # "name, role" ("Sam Senior, Senior HMI")
    issued_on: date | None = None
    region_name: str = ""  # the Ofsted region writing, for the sender and the sign-off
    reference: str = ""
    address: tuple[str, ...] = ()  # the LA's postal address, a line each
    copies: tuple[str, ...] = ()  # who else receives it, "name, role" each


def text_lines(text: str | None) -> tuple[str, ...]:
    """The non-blank lines of what was typed, each with its spaces tidied."""
    return tuple(" ".join(line.split()) for line in (text or "").splitlines() if line.strip())


def letter_details_errors(dcs_name: str, address: str, copies: str) -> list[str]:
    """What is wrong with an LA's letter details, each naming its field and line."""
    errors = []
    if "\n" in dcs_name.strip():
        errors.append("The DCS's name: write it on one line.")
    if len(dcs_name.strip()) > MAX_DCS_NAME:
        errors.append(f"The DCS's name can be at most {MAX_DCS_NAME} characters.")
    for label, lines, most, longest in (
            ("The postal address", text_lines(address), MAX_ADDRESS_LINES, MAX_ADDRESS_LINE),
            ("The copy list", text_lines(copies), MAX_COPIES, MAX_COPY_LINE)):
        if len(lines) > most:
            errors.append(f"{label} can have at most {most} lines.")
        errors += [f"{label}, line {number}, is longer than {longest} characters."
                   for number, line in enumerate(lines, start=1) if len(line) > longest]
    return errors


def letter_reference(urn: str | None, la_code: str, meeting_date: date) -> str:
    """The letter's reference, from the LA's Ofsted URN (its DfE code where none is known)
    and the meeting's date: "AEM/80491/2026-10-14"."""
    return f"AEM/{urn or 'LA' + la_code}/{meeting_date.isoformat()}"


def parse_attendees(text: str, side: str) -> tuple[list[Attendee], list[str]]:
    """One person a line, "name, role". Para 46: the DCS decides who else attends from the
    LA, so the LA names its own side; errors name the line."""
    attendees: list[Attendee] = []
    errors: list[str] = []
    lines = [line.strip() for line in (text or "").splitlines()]
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        if len(line) > MAX_ATTENDEE_LINE:
            errors.append(f"Line {number} is longer than {MAX_ATTENDEE_LINE} characters.")
            continue
        name, _comma, role = line.partition(",")
        if not name.strip():
            errors.append(f"Line {number} has no name before the comma.")
            continue
        attendees.append(Attendee(" ".join(name.split()), " ".join(role.split()), side))
    if len(attendees) > MAX_ATTENDEES:
        errors.append(f"Name at most {MAX_ATTENDEES} people.")
    return attendees, errors


def attendees_text(attendees: list[Attendee] | tuple[Attendee, ...]) -> str:
    return "\n".join(f"{a.name}, {a.role}" if a.role else a.name for a in attendees)


#: Para 105's reasons, worded for the letter. Para 48 forbids judgements about practice,
#: so "an area of good or outstanding practice" becomes what the LA itself reports.
LETTER_REASONS: dict[str, str] = {
    "good_practice": "the local authority's self-evaluation reports this as an area of "
                     "strength, from which others could learn",
    "improvement": "the self-evaluation or the management information points to themes, "
                   "trends or issues in this area",
    "agreement": "we agreed with the local authority that this focus would support its "
                 "improvement journey",
    "thematic": "this is part of Ofsted's short programme of visits in this area",
}


def scope_text(scope: ScopeChoice) -> str:
    """The possible scope in words, for the letter (paras 105-107)."""
    note = f"\n\n{scope.note.strip()}" if scope.note.strip() else ""
    if not scope.topics:
        return "No focused-visit topic was identified." + note
    names = [TOPICS_BY_KEY[key].name for key in scope.topics if key in TOPICS_BY_KEY]
    text = "Possible topic: " + "; ".join(names) + "."
    if scope.reason in LETTER_REASONS:
        text += f" Why: {LETTER_REASONS[scope.reason]}."
    lines = ", ".join(line.lower() for line in CROSS_CUTTING_LINES)
    text += f" As in every focused visit, inspectors would also look at {lines}."
    return text + note


def _step_line(step: NextStep) -> str:
    by = f" by {long_date(step.due)}" if step.due else ""
    who = "the local authority" if step.side == "la" else "Ofsted"
    return f"- {step.action} ({step.owner or 'owner not named'}{by}; agreed by {who})"


def draft_letter_body(record: MeetingRecord) -> str:
    """The letter's text, drafted from the record in para 48's order.

    Para 48: the date and attendees; a factual summary of each agenda item discussed; the
    possible scope of a future focused visit; the approximate timing of the next SEF and
    meeting; next steps agreed by either side. The attendees are listed from the record
    when the document is made. Headings are lines starting "## "; the inspector edits
    freely. Nothing here cites the framework or describes the letter: that guidance is
    on the inspector's screen, not in the letter.
    """
    parts = [
        f"Thank you for meeting us on {long_date(record.held_on)} for the annual engagement "
        f"meeting. Those who attended are listed below.",
        "## Agenda items discussed",
    ]
    for number, item in enumerate(record.agenda, start=1):
        parts.append(f"**{number}. {item.title}**")
        parts.append(NOT_DISCUSSED if item.not_discussed
                     else item.note.strip() or "(No note recorded.)")
    parts += ["## The possible scope of a future focused visit", scope_text(record.scope)]
    parts += [
        "## Timing of the next self-evaluation and annual engagement meeting",
        f"Self-evaluation: {record.next_sef_timing.strip() or 'to be agreed'}.",
        f"Annual engagement meeting: {record.next_meeting_timing.strip() or 'to be agreed'}.",
    ]
    parts.append("## Next steps agreed")
    if record.next_steps:
        parts.append("\n".join(_step_line(step) for step in record.next_steps))
    else:
        parts.append("No next steps were agreed.")
    return "\n\n".join(parts)


def letter_sections(body: str) -> list[tuple[str | None, str]]:
    """The body split at "## " heading lines: (heading, text) pairs in order."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in (body or "").splitlines():
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        else:
            sections[-1][1].append(line)
    return [(heading, "\n".join(lines).strip()) for heading, lines in sections
            if heading or "\n".join(lines).strip()]


def _sign_off(letter: Letter) -> tuple[str, ...]:
    """The issuer's name, then their role and region ("Senior HMI, North West region")."""
    name, _comma, role = letter.signatory.rpartition(", ")
    if not name:  # a signatory without a role
        return (letter.signatory,)
    return (name, f"{role}, {letter.region_name} region" if letter.region_name else role)


def letter_outline(letter: Letter) -> Outline:
    """The letter as a document: sender, date, addressee, reference, salutation, the
    subject, the body with who attended after its opening, sign-off and copy list."""
    dated = long_date(letter.issued_on) if letter.issued_on else "Draft: not issued"
    unnamed = letter.addressee.casefold() in {"", f"the {DCS}".casefold()}
    salutation = f"Dear {DCS}," if unnamed else f"Dear {letter.addressee},"
    addressee = (() if unnamed else (letter.addressee,)) + (DCS, letter.la_name,
                                                            *letter.address)
    sender = ("Ofsted", f"{letter.region_name} region") if letter.region_name else ("Ofsted",)
    body: list[Element] = [Lines("sender", sender), Lines("date", (dated,)),
                           Lines("addressee", addressee)]
    if letter.reference:
        body.append(Lines("reference", (f"Our reference: {letter.reference}",)))
    body.append(Text(parse_blocks(salutation)))
    body.append(Heading(2, f"Annual engagement meeting, {long_date(letter.meeting_date)}"))
    sections = letter_sections(letter.body)
    if sections and sections[0][0] is None:  # the opening: the date, before who attended
        body.append(Text(parse_blocks(sections.pop(0)[1])))
    if letter.attendees:
        body.append(Table(
            "Who attended", ("Name", "Role", "Organisation"),
            tuple((a.name, a.role, SIDES[a.side] if a.side == "ofsted" else letter.la_name)
                  for a in letter.attendees)))
    for heading, text in sections:
        if heading:
            body.append(Heading(2, heading))
        if blocks := parse_blocks(text):
            body.append(Text(blocks))
    body.append(Text(parse_blocks("Yours sincerely,")))
    body.append(Lines("signature", _sign_off(letter)))
    if letter.copies:
        body.append(Lines("copies", ("cc:", *letter.copies)))
    return Outline(
        title=f"Annual engagement meeting: {letter.la_name}",
        title_lines=(),
        body=tuple(body),
        title_page=False,
        title_shown=False,
    )


def meeting_held_on(meeting_date: date, recorded_held_on: date | None,
                    today: date) -> date | None:
    """When a meeting was held: the recorded date, or, before it is recorded, its date
    once that has passed, so the letter's month (para 48) runs from the meeting, not from
    the paperwork. None for a meeting still to come."""
    if recorded_held_on is not None:
        return recorded_held_on
    return meeting_date if meeting_date < today else None


def letter_status(meeting: date | None, issued_on: date | None, today: date) -> str:
    """Where the letter after the latest meeting stands, for the regional overview.

    Para 48: the letter goes to the DCS within a month of the meeting (``letter_due``).
    """
    if meeting is None:
        return NO_MEETING
    due = letter_due(meeting)
    if issued_on is not None:
        late = " (late)" if issued_on > due else ""
        return f"Issued {long_date(issued_on)}{late}"
    if today > due:
        return f"Overdue: due {long_date(due)}"
    return f"Due by {long_date(due)}"
