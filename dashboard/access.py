"""Who may see and do what. Every page layout, callback and download asks here.

Roles and permissions live in one declarative table (after GOV.UK Notify's
``roles_and_permissions``); scope (which LA or region) is checked by the ``can_*``
functions. The user's LA or region always comes from the signed-in account, never from
anything the browser sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class AccessDenied(Exception):
    """The signed-in user may not see or do this. Shown as 403, with no data."""


class NotSignedIn(Exception):
    """No one is signed in. Shown as 401 to callbacks and as the login page to pages."""


@dataclass(frozen=True)
class Principal:
    """The signed-in user, as the access rules see them."""

    id: int
    email: str
    full_name: str
    role: str
    la_code: str | None = None
    region_code: str | None = None
    is_senior: bool = False
    session_version: int = 0


#: Acts as an administrator where no one is signed in: the command line's
#: create-admin (before any admin exists) and test set-up.
SYSTEM = Principal(id=0, email="system", full_name="System", role="admin")


class HasLA(Protocol):
    la_code: str
    region_code: str


#: Role -> permissions. Scope is applied on top: "own LA", "own region", "all".
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "la_user": frozenset({"view_own_la", "upload_own_la_mi", "withdraw_own_la_mi",
                          "edit_own_la_sef", "engage_own_la", "read_own_la_sef_trail",
                          "purge_own_la_sef"}),
    "inspector": frozenset({
        "view_region_las", "view_own_region", "read_region_shared_sefs",
        "keep_region_notes", "run_region_meetings",
    }),
    "admin": frozenset({
        "view_all_las", "view_all_regions", "manage_users", "upload_any_la_mi",
        "read_all_shared_sefs", "search_audit_trail", "confirm_sef_purges",
    }),
}

ROLE_LABELS: dict[str, str] = {
    "la_user": "Local authority user",
    "inspector": "Inspector (HMI)",
    "admin": "Administrator",
}


def has_permission(user: Principal | None, permission: str) -> bool:
    return user is not None and permission in ROLE_PERMISSIONS.get(user.role, frozenset())


def _for_own_la(user: Principal | None, la: HasLA, permission: str) -> bool:
    """``user`` has ``permission`` and ``la`` is their own LA."""
    return (
        has_permission(user, permission)
        and user is not None
        and user.la_code is not None
        and la.la_code == user.la_code
    )


def _for_own_region(user: Principal | None, la: HasLA, permission: str) -> bool:
    """``user`` has ``permission`` and ``la`` is in their own region."""
    return (
        has_permission(user, permission)
        and user is not None
        and user.region_code is not None
        and la.region_code == user.region_code
    )


def can_view_la(user: Principal | None, la: HasLA) -> bool:
    """LA users see their own LA, inspectors the LAs of their region, admins all."""
    if user is None:
        return False
    if has_permission(user, "view_all_las"):
        return True
    return _for_own_region(user, la, "view_region_las") or _for_own_la(user, la, "view_own_la")


def can_view_region(user: Principal | None, region_code: str) -> bool:
    """Inspectors see their own region's overview, admins every region's."""
    if has_permission(user, "view_all_regions"):
        return True
    return (
        has_permission(user, "view_own_region")
        and user is not None
        and user.region_code == region_code
    )


def can_upload_mi(user: Principal | None, la: HasLA) -> bool:
    """An LA's own users upload its Annex A lists (para 246); admins may for any LA.

    Inspectors read the figures but never upload them.
    """
    return has_permission(user, "upload_any_la_mi") or _for_own_la(user, la, "upload_own_la_mi")


def can_withdraw_mi(user: Principal | None, la: HasLA) -> bool:
    """Only an LA's own users withdraw one of its uploads, or undo a withdrawal.

    The figures are the LA's account of its own practice (paras 246-248): whether an
    upload was wrong and should stop counting is the LA's judgement, recorded in its
    name. Administrators may upload for an LA (on its behalf), but they do not take its
    figures out of inspectors' view, and inspectors never change them.
    """
    return _for_own_la(user, la, "withdraw_own_la_mi")


def can_edit_sef(user: Principal | None, la: HasLA) -> bool:
    """Only the LA's own users write, save, share and read drafts of its SEF (para 29).

    Inspectors never see a draft; administrators manage accounts, not SEFs, so they
    read only what an LA has shared.
    """
    return _for_own_la(user, la, "edit_own_la_sef")


def can_read_shared_sef(user: Principal | None, la: HasLA) -> bool:
    """A shared SEF is read by the LA itself, its region's inspectors and admins."""
    return (
        can_edit_sef(user, la)
        or has_permission(user, "read_all_shared_sefs")
        or _for_own_region(user, la, "read_region_shared_sefs")
    )


def can_purge_sef(user: Principal | None, la: HasLA) -> bool:
    """Only the LA's own users remove a version's words (issue 15): a draft's at once, a
    shared version's only by asking an administrator (``can_confirm_sef_purge``)."""
    return _for_own_la(user, la, "purge_own_la_sef")


def can_confirm_sef_purge(user: Principal | None) -> bool:
    """Administrators confirm or decline an LA's request to remove the words of a
    version it shared with Ofsted: what Ofsted was given is not the LA's alone."""
    return has_permission(user, "confirm_sef_purges")


def can_keep_notes(user: Principal | None, la: HasLA) -> bool:
    """Inspectors' private preparation notes: the LA's region's inspectors only. Never the
    LA; not administrators, who manage accounts, not inspections."""
    return _for_own_region(user, la, "keep_region_notes")


def can_run_meetings(user: Principal | None, la: HasLA) -> bool:
    """The region's inspectors schedule the annual engagement meeting, plan the focused-
    visit scope, record the meeting and write and issue the letter (paras 42-48)."""
    return _for_own_region(user, la, "run_region_meetings")


def can_agree_agenda_for_ofsted(user: Principal | None, la: HasLA) -> bool:
    """Para 47: the regional senior HMI agrees the agenda with the DCS, so only a senior
    HMI of the LA's region accepts or declines proposals and agrees it for Ofsted."""
    return can_run_meetings(user, la) and user is not None and user.is_senior


def can_engage_for_la(user: Principal | None, la: HasLA) -> bool:
    """The LA's own users act for the DCS: they propose agenda items, comment, name the
    LA's attendees (para 46), agree the agenda for the LA and read issued letters."""
    return _for_own_la(user, la, "engage_own_la")


def can_see_meetings(user: Principal | None, la: HasLA) -> bool:
    """Both sides of the meeting see its agenda; no one else (letters are never public)."""
    return can_run_meetings(user, la) or can_engage_for_la(user, la)


def can_read_sef_trail(user: Principal | None, la: HasLA) -> bool:
    """An LA's own users read who changed their SEF (issue 8); admins search everything."""
    return _for_own_la(user, la, "read_own_la_sef_trail") or can_search_audit_trail(user)


def can_search_audit_trail(user: Principal | None) -> bool:
    return has_permission(user, "search_audit_trail")


def can_manage_users(user: Principal | None) -> bool:
    return has_permission(user, "manage_users")


def require(allowed: bool, message: str = "You do not have access to this.") -> None:
    """Raise AccessDenied unless ``allowed``: the one way services refuse."""
    if not allowed:
        raise AccessDenied(message)


def signed_in(user: Principal | None) -> Principal:
    """``user``, who must be someone: NotSignedIn (401) for no one.

    Services call it where they go on to use the user's id, after ``require`` has checked
    what they may do; a real check, where an ``assert`` would vanish under ``python -O``.
    """
    if user is None:
        raise NotSignedIn("Sign in to continue.")
    return user
