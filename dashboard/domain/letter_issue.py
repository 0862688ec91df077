"""When the letter after the annual engagement meeting may be issued, and the warnings
that keep a meeting from going wrong quietly.

ILACS framework para 47: the regional senior HMI and the DCS agree the agenda in advance
of the meeting. ILACS framework para 48: the letter sets out a factual summary of the
agenda items discussed. Issuing freezes the letter for good, so what it would freeze
is checked first; a senior HMI may still issue with a recorded reason.

Pure: the service reads the meeting and passes dates and the record's items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from dashboard.domain.dates import add_months

#: How close two unrecorded meetings of one LA may be before the second is queried: the
#: engagement meeting is annual, so a second within six months is likely a duplicate or
#: a meeting that was never recorded.
NEAR_MONTHS = 6
NOT_DISCUSSED = "Not discussed."


@dataclass(frozen=True)
class RecordedItem:
    """One agenda item as the record holds it."""

    position: int
    title: str
    note: str
    not_discussed: bool = False


def item_note_problems(item: RecordedItem) -> list[str]:
    """ILACS framework para 48: the letter summarises each agenda item, so the record has
    a note of what was said or says the item was not discussed, and not both."""
    name = f"Note on item {item.position} ({item.title})"
    if item.not_discussed and item.note.strip():
        return [f"{name}: it is marked “Not discussed” and has a note. Clear the note or "
                "the box."]
    if not item.not_discussed and not item.note.strip():
        return [f"{name}: write what was discussed, or tick “Not discussed”."]
    return []


def issue_refusals(agreed_for_ofsted: datetime | None, agreed_for_la: datetime | None,
                   items: Sequence[RecordedItem], at: datetime) -> list[str]:
    """Why the letter may not be issued at ``at``, in plain words; empty if it may.

    ILACS framework para 47: the agenda is agreed by the senior HMI and the DCS, so both
    sides' agreement must be on record before the letter goes. ILACS framework para 48:
    the letter gives a factual summary of each agenda item, so each item has a note or
    is marked as not discussed."""
    refusals = []
    missing = [side for side, when in (("Ofsted", agreed_for_ofsted),
                                       ("the local authority", agreed_for_la))
               if when is None or when > at]
    if missing:
        refusals.append("The agenda was not agreed for " + " or ".join(missing)
                        + " (ILACS framework para 47: the senior HMI and the DCS agree it).")
    empty = [item for item in items if not item.not_discussed and not item.note.strip()]
    if empty:
        named = "; ".join(f"{item.position}. {item.title}" for item in empty)
        refusals.append(f"The record has no note on agenda item(s) {named}, and they are "
                        "not marked “Not discussed” (ILACS framework para 48: the letter "
                        "summarises each item).")
    return refusals


def past_date_warning(day: date, today: date) -> str | None:
    """A meeting scheduled for a date already gone: allowed (it may be entered late), but
    said, since it is more often a mistyped year."""
    if day < today:
        return (f"The meeting's date, {day:%d/%m/%Y}, is in the past. If it was held, "
                "record it; if not, check the date.")
    return None


def unrecorded_meeting_warning(day: date, others: Sequence[date]) -> str | None:
    """Another meeting of the same LA, not recorded, within six months of ``day``:
    usually a duplicate, or a meeting held and never written up (ILACS framework para 48
    asks for a letter after each)."""
    earliest, latest = add_months(day, -NEAR_MONTHS), add_months(day, NEAR_MONTHS)
    near = sorted(other for other in others if earliest <= other <= latest)
    if not near:
        return None
    dates = ", ".join(f"{other:%d/%m/%Y}" for other in near)
    return (f"This local authority has another meeting with no record within six months "
            f"of this one ({dates}). Record it, or check this is not the same meeting.")
