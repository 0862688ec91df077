"""The rules of the meeting record form. The letter after the annual engagement meeting is
drafted from this record, and ILACS framework para 48 says what the letter sets out: the
date of the meeting and who attended, the agenda items discussed, the possible scope of a
future focused visit, the timing of the next self-evaluation and meeting, and any next
steps agreed. ILACS framework para 46 says who must attend; para 105 gives the reasons a
focused-visit topic is chosen.

Pure: the service cleans the text, reads dates and passes ``today`` (the date in
England); each validator returns the problems in plain words, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.domain.engagement_letter import Attendee

#: The ILACS framework began in January 2018: no meeting or next step is earlier.
EARLIEST_MEETING = date(2018, 1, 1)
#: The most next steps one record holds.
MAX_STEPS = 30
#: How many years ahead a next step may be due.
STEP_YEARS_AHEAD = 5


def held_on_problems(day: date, today: date) -> list[str]:
    """Para 48, the date of the meeting: a record is of a meeting that has taken place."""
    if day > today:
        return ["Date of the meeting: the record is for a meeting that has taken place, so "
                "the date cannot be in the future."]
    if day < EARLIEST_MEETING:
        return [f"Date of the meeting: the ILACS framework began in "
                f"{EARLIEST_MEETING:%B %Y}; check the year."]
    return []


@dataclass(frozen=True)
class AttendeePart:
    """A part someone plays at the meeting, on one side (ILACS framework para 46)."""

    label: str
    side: str  # a key of engagement_letter.SIDES
    #: whether someone in this part meets para 46's requirement for their side
    required: bool


#: ILACS framework para 46: "The DCS and our regional director and/or social care senior
#: HMI or HMI will attend. It is for the DCS to determine who else attends from the local
#: authority." A deputy the DCS named stands in for the DCS.
ATTENDEE_PARTS: dict[str, AttendeePart] = {
    "dcs": AttendeePart("DCS", "la", True),
    "dcs_deputy": AttendeePart("Deputy named by the DCS", "la", True),
    "la_other": AttendeePart("Other LA attendee", "la", False),
    "senior_hmi": AttendeePart("Senior HMI", "ofsted", True),
    "hmi": AttendeePart("HMI", "ofsted", True),
    "regional_director": AttendeePart("Regional director", "ofsted", True),
    "ofsted_other": AttendeePart("Other Ofsted attendee", "ofsted", False),
}


def parts_of_side(side: str) -> dict[str, str]:
    """The parts someone on ``side`` may have, key -> label, in the list's order."""
    return {key: part.label for key, part in ATTENDEE_PARTS.items() if part.side == side}


def is_unused_attendee(name: str, role: str, part: str | None) -> bool:
    """A row added and left empty: no one, and no error."""
    return not name and not role and not part


def attendee_problems(label: str, row: int, name: str, side: str,
                      part: str | None) -> list[str]:
    """Para 48, who attended, and para 46, in what part: each person has a name and a part
    chosen from their side's list."""
    errors = []
    if not name:
        errors.append(f"{label}, person {row}: give their name.")
    if part not in parts_of_side(side):
        errors.append(f"{label}, person {row} ({name or 'no name'}): choose their part at "
                      "the meeting.")
    return errors


def attendance_problems(attendees: list[Attendee]) -> list[str]:
    """ILACS framework para 46: the DCS (or a deputy the DCS named) attends for the local
    authority, and a senior HMI, HMI or regional director for Ofsted. Para 48: the letter
    says who attended, so each side names at least one person."""
    errors = []
    for side, label, needed in (
            ("ofsted", "Ofsted", "a senior HMI, an HMI or the regional director"),
            ("la", "Local authority", "the DCS or a deputy named by the DCS")):
        people = [a for a in attendees if a.side == side]
        if not people:
            errors.append(f"Attendees ({label}): name at least one person. The letter says "
                          "who attended (paragraph 48).")
        elif not any(a.part in ATTENDEE_PARTS and ATTENDEE_PARTS[a.part].required
                     and ATTENDEE_PARTS[a.part].side == side for a in people):
            errors.append(f"Attendees ({label}): {needed} must attend (paragraph 46). "
                          f"No one is marked as {_either(side)}.")
    return errors


def _either(side: str) -> str:
    labels = [f"“{p.label}”" for p in ATTENDEE_PARTS.values() if p.side == side and p.required]
    return ", ".join(labels[:-1]) + " or " + labels[-1]


def scope_problems(topics: list[str], reason: str | None) -> list[str]:
    """Para 105: a topic in the possible scope of a focused visit says why it was chosen
    (an area for improvement, or good practice to learn from)."""
    if topics and reason in (None, ""):
        return ["Possible scope: choose the reason for the topic (paragraph 105)."]
    return []


def step_count_problems(count: int) -> list[str]:
    if count > MAX_STEPS:
        return [f"Record at most {MAX_STEPS} next steps."]
    return []


def is_unused_step(action: str, owner: str, due_given: bool) -> bool:
    """A row added and left empty: not a next step, and no error."""
    return not action and not owner and not due_given


def step_text_problems(row: int, action: str, owner: str) -> list[str]:
    """Para 48, any next steps agreed: each says what will be done and who owns it."""
    errors = []
    if not action:
        errors.append(f"Next step {row}: say what will be done.")
    if not owner:
        errors.append(f"Next step {row}: name the owner.")
    return errors


def step_due_problems(row: int, due_given: bool, due: date | None, today: date) -> list[str]:
    """Para 48: a next step is due by a date, in the framework's years (``due`` is None when
    what was given is not a date: the reader has said so)."""
    if not due_given:
        return [f"Next step {row}: give the date it is due."]
    latest = date(today.year + STEP_YEARS_AHEAD, 12, 31)
    if due is not None and not EARLIEST_MEETING <= due <= latest:
        return [f"Next step {row}: due: check the year."]
    return []
