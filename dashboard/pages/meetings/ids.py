"""Component ids of the meeting pages that their callbacks name: declared once, here.
Pattern-matching ids are built by the functions at the end."""

from __future__ import annotations

from typing import Any

# ---------------------------------------------------------------- the list
MEETINGS_LA = "meetings-la"
SCHEDULE_DATE = "schedule-date"
SCHEDULE_PLACE = "schedule-place"
SCHEDULE_MEETING = "schedule-meeting"
SCHEDULE_MESSAGE = "schedule-message"
SCHEDULE_GO = "schedule-go"

# ---------------------------------------------------------------- the agenda
MEETING_ID = "meeting-id"
MEETING_MESSAGE = "meeting-message"
MEETING_AGENDA = "meeting-agenda"
AGENDA_NOTES_BASE = "agenda-notes-base"

# ---------------------------------------------------------------- the record
RECORD_MEETING = "record-meeting"
RECORD_HELD = "record-held"
#: each side's attendee rows, and the button adding a row to them
RECORD_PEOPLE = {"ofsted": "record-ofsted-people", "la": "record-la-people"}
RECORD_ADD_PERSON = {"ofsted": "record-add-ofsted-person", "la": "record-add-la-person"}
RECORD_TOPICS = "record-topics"
RECORD_REASON = "record-reason"
RECORD_SCOPE_NOTE = "record-scope-note"
RECORD_NEXT_SEF = "record-next-sef"
RECORD_NEXT_MEETING = "record-next-meeting"
RECORD_STEPS = "record-steps"
RECORD_ADD_STEP = "record-add-step"
RECORD_SAVE = "record-save"
RECORD_MESSAGE = "record-message"

# ---------------------------------------------------------------- the letter
LETTER_MEETING = "letter-meeting"
LETTER_PANEL = "letter-panel"
LETTER_PANEL_MESSAGE = "letter-panel-message"
LETTER_DRAFT = "letter-draft"
LETTER_REDRAFT = "letter-redraft"
LETTER_REVISION = "letter-revision"
LETTER_ADDRESSEE = "letter-addressee"
LETTER_BODY = "letter-body"
LETTER_SAVE = "letter-save"
LETTER_MESSAGE = "letter-message"
LETTER_STATE = "letter-state"
LETTER_FINDINGS = "letter-findings"
LETTER_FINDING_KEYS = "letter-finding-keys"
LETTER_OVERRIDES_PANEL = "letter-overrides-panel"
LETTER_ISSUE = "letter-issue"
#: the confirmation step: what issuing freezes and who sees it, then "Yes, issue"
LETTER_CONFIRM_PANEL = "letter-confirm-panel"
LETTER_CONFIRM = "letter-issue-confirm"
LETTER_CANCEL = "letter-issue-cancel"
LETTER_CONFIRM_MESSAGE = "letter-confirm-message"

# ---------------------------------------------------------------- the LA's letter details
LETTER_DETAILS_LA = "letter-details-la"
LETTER_DETAILS_DCS = "letter-details-dcs"
LETTER_DETAILS_ADDRESS = "letter-details-address"
LETTER_DETAILS_COPIES = "letter-details-copies"
LETTER_DETAILS_SAVE = "letter-details-save"
LETTER_DETAILS_MESSAGE = "letter-details-message"

# ---------------------------------------------------------------- pattern-matching
ACT = "meeting-act"  # the agenda page's buttons
FIELD = "meeting-field"  # the agenda page's text fields
NOTE = "agenda-note"  # an agenda item's notes
RECORD_NOTE = "record-note"  # the record's note on an agenda item
STEP = "step"  # a next step's fields
PERSON = "person"  # an attendee's fields on the record
OVERRIDE = "override"  # keep a finding of the letter's check
OVERRIDE_REASON = "override-reason"
RECORD_NOT_DISCUSSED = "record-not-discussed"  # the record's "not discussed" box of an item
#: a senior HMI's reason to issue despite paras 47 and 48: drawn only for them, so the
#: issuing callback reads it by pattern (none matched for anyone else)
ISSUE_REASON = "issue-reason"


def act(action: Any, index: Any = 0) -> dict[str, Any]:
    return {"type": ACT, "action": action, "index": index}


def field(name: Any) -> dict[str, Any]:
    return {"type": FIELD, "name": name}


def note(item_id: Any) -> dict[str, Any]:
    return {"type": NOTE, "index": item_id}


def record_note(item_id: Any) -> dict[str, Any]:
    return {"type": RECORD_NOTE, "index": item_id}


def step(name: Any, index: Any) -> dict[str, Any]:
    return {"type": STEP, "field": name, "index": index}


def person(name: Any, side: Any, index: Any) -> dict[str, Any]:
    return {"type": PERSON, "field": name, "side": side, "index": index}


def override(index: Any) -> dict[str, Any]:
    return {"type": OVERRIDE, "index": index}


def override_reason(index: Any) -> dict[str, Any]:
    return {"type": OVERRIDE_REASON, "index": index}


def record_not_discussed(item_id: Any) -> dict[str, Any]:
    return {"type": RECORD_NOT_DISCUSSED, "index": item_id}


def issue_reason(index: Any) -> dict[str, Any]:
    return {"type": ISSUE_REASON, "index": index}
