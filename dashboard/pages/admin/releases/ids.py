"""Component ids of the DfE release page that its callbacks name: declared once, here."""

from __future__ import annotations

UPLOAD = "release-upload"
CHOSEN = "release-chosen"
NEXT_UPDATE = "release-next-update"
#: the day DfE published the release (the measures' last update), optional
PUBLISHED_ON = "release-published-on"
CHECK = "release-check"
LOAD = "release-load"
#: what the check showed: the file's sha256 and the preview's digest (small)
CHECKED = "release-checked"
RESULT = "release-result"
LOADED = "release-loaded"
HISTORY = "release-history"
