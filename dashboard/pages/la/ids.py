"""Component ids of the LA page that its callbacks name: declared once, here."""

HISTORY_LA = "history-la"
HISTORY_FILTER = "history-filter"
HISTORY_CONTENT = "history-content"

NOTES_LA = "notes-la"
NOTE_TEXT = "note-text"
NOTE_ADD = "note-add"
NOTE_MESSAGE = "note-message"
NOTES = "notes"
