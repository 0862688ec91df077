"""The meeting record and the letter that follows it (framework paras 42, 46 and 48).

The record is what the inspector writes after the meeting; the letter is drafted from
it and then edited freely. Both are plain data here: parsing what people type,
drafting the letter's text, and the letter as a document outline that the print, PDF
and Word renderers share with the SEF.
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
from dashboard.domain.sef_outline import Element, Heading, Outline, Table, Text
from dashboard.domain.sef_text import parse_blocks

SIDES = {"la": "Local authority", "ofsted": "Ofsted"}
MAX_ATTENDEES = 30
MAX_ATTENDEE_LINE = 200
MAX_LETTER = 300_000  # above the longest draft a full record can make
NO_MEETING = "No meeting recorded"


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
    signatory: str
    issued_on: date | None = None


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
    text += (f" As in every focused visit, inspectors would also look at {lines} "
             "(paragraph 107 of the framework).")
    return text + note


def _step_line(step: NextStep) -> str:
    by = f" by {long_date(step.due)}" if step.due else ""
    who = "the local authority" if step.side == "la" else "Ofsted"
    return f"- {step.action} ({step.owner or 'owner not named'}{by}; agreed by {who})"


def draft_letter_body(record: MeetingRecord) -> str:
    """The letter's text, drafted from the record in para 48's order.

    Para 48: a factual summary of each agenda item discussed; the possible scope of a
    future focused visit; the approximate timing of the next SEF and meeting; next steps
    agreed by either side. The date and attendees are drawn from the record when the
    document is made. Headings are lines starting "## "; the inspector edits freely.
    """
    parts = [
        f"Thank you for meeting us on {long_date(record.held_on)} for the annual engagement "
        f"meeting. This letter sets out what we discussed. It is not published and makes "
        f"no judgements about practice.",
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


def letter_outline(letter: Letter) -> Outline:
    """The letter as a document: addressee and date, who attended, then the body."""
    dated = (long_date(letter.issued_on) if letter.issued_on
             else "Draft: not issued")
    body: list[Element] = []
    body.append(Text(parse_blocks(f"Dear {letter.addressee},")))
    body.append(Heading(2, f"Annual engagement meeting, {long_date(letter.meeting_date)}"))
    if letter.attendees:
        body.append(Table(
            "Who attended", ("Name", "Role", "Organisation"),
            tuple((a.name, a.role, SIDES[a.side] if a.side == "ofsted" else letter.la_name)
                  for a in letter.attendees)))
    for heading, text in letter_sections(letter.body):
        if heading:
            body.append(Heading(2, heading))
        if blocks := parse_blocks(text):
            body.append(Text(blocks))
    body.append(Text(parse_blocks(f"Yours sincerely,\n\n{letter.signatory}")))
    return Outline(
        title=f"Annual engagement meeting: {letter.la_name}",
        title_lines=(dated, f"To: {letter.addressee}, Director of Children's Services, "
                     f"{letter.la_name}",
                     "Not for publication (framework paragraph 48)"),
        body=tuple(body),
        title_page=False,
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
