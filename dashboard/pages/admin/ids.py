"""Component ids of the administrators' pages that their callbacks name: declared once,
here. Pattern-matching ids are built by the functions at the end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# ---------------------------------------------------------------- users
USERS_MESSAGE = "users-message"
USERS_TABLE_CONTAINER = "users-table-container"

NEW_NAME = "new-name"
NEW_EMAIL = "new-email"
NEW_PASSWORD = "new-password"  # noqa: S105 (a component id, not a password)
CREATE_USER = "create-user"

EDIT_USER = "edit-user"
SAVE_ROLE = "save-role"


@dataclass(frozen=True)
class RoleFields:
    """The role, LA, region and flag fields of one form (the senior HMI; the DCS or a
    delegate)."""

    role: str
    la: str
    region: str
    senior: str
    dcs: str


NEW = RoleFields("new-role", "new-la", "new-region", "new-senior", "new-dcs")
EDIT = RoleFields("edit-role", "edit-la", "edit-region", "edit-senior", "edit-dcs")

# ---------------------------------------------------------------- audit trail
AUDIT_LA = "audit-la"
AUDIT_ENTITY = "audit-entity"
AUDIT_PERSON = "audit-person"
AUDIT_TEXT = "audit-text"
AUDIT_SINCE = "audit-since"
AUDIT_UNTIL = "audit-until"
AUDIT_SEARCH = "audit-search"
AUDIT_MESSAGE = "audit-message"
AUDIT_RESULTS = "audit-results"

# ---------------------------------------------------------------- SEF word removals
PURGE_MESSAGE = "purge-message"
PURGE_REQUESTS = "purge-requests"

# ---------------------------------------------------------------- pattern-matching
TOGGLE_ACTIVE = "toggle-active"
PURGE_DECIDE = "purge-decide"


def toggle_active(index: Any, activate: Any) -> dict[str, Any]:
    """An account's Deactivate or Reactivate button."""
    return {"type": TOGGLE_ACTIVE, "index": index, "activate": activate}


def purge_decide(request_id: Any, decision: Any) -> dict[str, Any]:
    """Confirm or decline one request to remove a shared version's words."""
    return {"type": PURGE_DECIDE, "id": request_id, "decision": decision}
