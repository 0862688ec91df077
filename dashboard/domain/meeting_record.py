"""The rules of the meeting record form. The letter after the annual engagement meeting is
drafted from this record, and ILACS framework para 48 says what the letter sets out: the
date of the meeting and who attended, the agenda items discussed, the possible scope of a
future focused visit, the timing of the next self-evaluation and meeting, and any next
steps agreed. ILACS framework para 105 gives the reasons a focused-visit topic is chosen.

Pure: the service cleans the text, reads dates and passes ``today`` (the date in
England); each validator returns the problems in plain words, naming the field.
"""

from __future__ import annotations

from datetime import date

from dashboard.domain.engagement_letter import Attendee, parse_attendees

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


def recorded_attendees(text: str, side: str, label: str) -> tuple[list[Attendee], list[str]]:
    """Para 48, who attended: one person a line, and at least one on each side."""
    found, problems = parse_attendees(text, side)
    errors = [f"{label}: {problem}" for problem in problems]
    if not found and not problems:
        errors.append(f"{label}: name at least one person. The letter says who attended "
                      "(paragraph 48).")
    return found, errors


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
