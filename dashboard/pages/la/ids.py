"""Component ids of the LA page that its callbacks name: declared once, here."""

HISTORY_LA = "history-la"
HISTORY_FILTER = "history-filter"
HISTORY_CONTENT = "history-content"

NOTES_LA = "notes-la"
NOTE_TEXT = "note-text"
NOTE_ADD = "note-add"
NOTE_MESSAGE = "note-message"
NOTES = "notes"

#: The summary, judgements, pathway and visits: drawn again after a pathway or visit is saved.
LA_STATUS = "la-status"

PATHWAY_LA = "pathway-la"
PATHWAY_CHOICE = "pathway-choice"
PATHWAY_NEXT = "pathway-next"
PATHWAY_DATE = "pathway-date"
PATHWAY_REASON = "pathway-reason"
PATHWAY_SAVE = "pathway-save"
PATHWAY_MESSAGE = "pathway-message"

VISIT_LA = "visit-la"
VISIT_KIND = "visit-kind"
VISIT_STATUS = "visit-status"
VISIT_DATE = "visit-date"
VISIT_NOTE = "visit-note"
VISIT_ADD = "visit-add"
VISIT_MESSAGE = "visit-message"
