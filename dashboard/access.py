"""Who may see and do what. Every page layout, callback and download asks here.

One declarative table (after GOV.UK Notify's ``roles_and_permissions``): each action
lists the roles that may take it and, for each, the scope (own LA, own region, every
LA) and any flag the account must carry (the senior HMI; the DCS or a delegate).
Navigation, the home page and user administration read the same tables; no other
module compares role names.
The user's LA or region always comes from the signed-in account, never from anything
the browser sends.

To add a permission: an ``Action`` and its row in ``POLICY``. To add a role: a row in
``ROLES`` and its grants in ``POLICY`` (plus a migration for the ``users.role`` check).
To add a flag (as "dcs" was): a row in ``FLAGS``, the account column it reads (and a
migration), the ``Principal`` attribute, and the grants that require it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
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
    is_dcs: bool = False
    session_version: int = 0


#: Acts as an administrator where no one is signed in: the command line's
#: create-admin (before any admin exists) and test set-up.
SYSTEM = Principal(id=0, email="system", full_name="System", role="admin")


class HasLA(Protocol):
    la_code: str
    region_code: str


class Scope(StrEnum):
    """Where a grant reaches, and what an account of a role is tied to."""

    OWN_LA = "own LA"
    OWN_REGION = "own region"
    EVERY_LA = "every LA"


class Side(StrEnum):
    """Which side of the annual engagement a role speaks for (ILACS framework para 47)."""

    LA = "la"
    OFSTED = "ofsted"


@dataclass(frozen=True)
class Role:
    label: str
    #: How one and several accounts of the role are named in sentences.
    noun: str
    plural: str
    #: An account of this role is tied to one LA, one region, or neither (every LA).
    tied_to: Scope
    side: Side


@dataclass(frozen=True)
class Flag:
    """A mark on some accounts of one role that unlocks more (the senior HMI)."""

    role: str
    label: str
    #: Put before the role's noun ("senior inspector"); "" puts the label after it, in
    #: brackets ("LA user (DCS or delegate)").
    adjective: str
    #: The ``Principal`` (and ``users``) attribute that carries it.
    attribute: str


ROLES: dict[str, Role] = {
    "la_user": Role("Local authority user", "LA user", "LA users", Scope.OWN_LA, Side.LA),
    "inspector": Role("Inspector (HMI)", "inspector", "inspectors", Scope.OWN_REGION,
                      Side.OFSTED),
    "admin": Role("Administrator", "administrator", "administrators", Scope.EVERY_LA,
                  Side.OFSTED),
}

ROLE_LABELS: dict[str, str] = {name: role.label for name, role in ROLES.items()}

#: ILACS framework para 47: the regional senior HMI agrees the engagement agenda with the
#: DCS. "dcs" marks the DCS, or someone the DCS named to act for them, among an LA's users.
FLAGS: dict[str, Flag] = {
    "senior": Flag("inspector", "senior HMI", "senior", "is_senior"),
    "dcs": Flag("la_user", "DCS or delegate", "", "is_dcs"),
}


class Action(StrEnum):
    VIEW_LA = "view an LA"
    VIEW_REGION = "view a region's overview"
    UPLOAD_MI = "upload an LA's Annex A lists"
    WITHDRAW_MI = "withdraw an LA's upload"
    MAP_LOCAL_CODES = "map an LA's own Annex A codes to DfE codes"
    EDIT_SEF = "write, share and read drafts of an LA's SEF"
    READ_SHARED_SEF = "read a SEF an LA shared"
    PURGE_SEF = "remove the words of an LA's SEF version"
    CONFIRM_SEF_PURGE = "confirm or decline removing a shared SEF's words"
    KEEP_NOTES = "keep inspectors' notes on an LA"
    RUN_MEETINGS = "run an LA's engagement meetings"
    AGREE_AGENDA_FOR_OFSTED = "agree an engagement agenda for Ofsted"
    ENGAGE_FOR_LA = "take part in engagement meetings for the LA"
    AGREE_AGENDA_FOR_LA = "agree an engagement agenda for the LA"
    SEE_MEETINGS = "see an LA's engagement meetings"
    READ_SEF_TRAIL = "read who changed an LA's SEF"
    SEARCH_AUDIT_TRAIL = "search the audit trail"
    MANAGE_USERS = "manage user accounts"
    SET_PATHWAY = "record an LA's pathway where its inspection gave no overall grade"
    RECORD_VISITS = "enter an LA's planned and held monitoring or focused visits"
    EDIT_LETTER_DETAILS = "enter the DCS's name, address and copy list for an LA's letters"
    ISSUE_LETTER_WITH_REASON = "issue an engagement letter the issuing rules refuse, with a reason"
    LOAD_PUBLISHED_RELEASE = "load a newer DfE release of the published figures"


@dataclass(frozen=True)
class Grant:
    scope: Scope
    flag: str | None = None


OWN_LA = Grant(Scope.OWN_LA)
OWN_REGION = Grant(Scope.OWN_REGION)
EVERY_LA = Grant(Scope.EVERY_LA)

#: Action -> role -> grant. A role missing from an action's row may not take it.
POLICY: dict[Action, dict[str, Grant]] = {
    Action.VIEW_LA: {"la_user": OWN_LA, "inspector": OWN_REGION, "admin": EVERY_LA},
    Action.VIEW_REGION: {"inspector": OWN_REGION, "admin": EVERY_LA},
    Action.UPLOAD_MI: {"la_user": OWN_LA, "admin": EVERY_LA},
    Action.WITHDRAW_MI: {"la_user": OWN_LA},
    Action.MAP_LOCAL_CODES: {"la_user": OWN_LA},
    Action.EDIT_SEF: {"la_user": OWN_LA},
    Action.READ_SHARED_SEF: {"la_user": OWN_LA, "inspector": OWN_REGION, "admin": EVERY_LA},
    Action.PURGE_SEF: {"la_user": OWN_LA},
    Action.CONFIRM_SEF_PURGE: {"admin": EVERY_LA},
    Action.KEEP_NOTES: {"inspector": OWN_REGION},
    Action.RUN_MEETINGS: {"inspector": OWN_REGION},
    Action.AGREE_AGENDA_FOR_OFSTED: {"inspector": Grant(Scope.OWN_REGION, flag="senior")},
    Action.ENGAGE_FOR_LA: {"la_user": OWN_LA},
    Action.AGREE_AGENDA_FOR_LA: {"la_user": Grant(Scope.OWN_LA, flag="dcs")},
    Action.SEE_MEETINGS: {"la_user": OWN_LA, "inspector": OWN_REGION},
    Action.READ_SEF_TRAIL: {"la_user": OWN_LA, "admin": EVERY_LA},
    Action.SEARCH_AUDIT_TRAIL: {"admin": EVERY_LA},
    Action.MANAGE_USERS: {"admin": EVERY_LA},
    Action.SET_PATHWAY: {"inspector": Grant(Scope.OWN_REGION, flag="senior")},
    Action.RECORD_VISITS: {"inspector": OWN_REGION},
    Action.EDIT_LETTER_DETAILS: {"inspector": OWN_REGION},
    Action.ISSUE_LETTER_WITH_REASON: {"inspector": Grant(Scope.OWN_REGION, flag="senior")},
    Action.LOAD_PUBLISHED_RELEASE: {"admin": EVERY_LA},
}


def role_label(role: str) -> str:
    """How a role reads on screen; an unknown one (an old audit entry) reads as itself."""
    known = ROLES.get(role)
    return known.label if known else role


def roles_tied_to(scope: Scope) -> list[str]:
    """The roles whose accounts belong to one LA (``OWN_LA``), one region, or neither."""
    return [name for name, role in ROLES.items() if role.tied_to is scope]


def account_description(
    role: str, la_code: str | None, region_code: str | None, flags: dict[str, bool]
) -> str:
    """An account in a few words: "senior inspector for region NEYH", "LA user for LA 370",
    "LA user (DCS or delegate) for LA 370"."""
    known = ROLES[role]
    carried = [f for name, f in FLAGS.items() if f.role == role and flags.get(name)]
    noun = " ".join([*(f.adjective for f in carried if f.adjective), known.noun])
    noun += "".join(f" ({f.label})" for f in carried if not f.adjective)
    if known.tied_to is Scope.OWN_LA:
        return f"{noun} for LA {la_code}"
    if known.tied_to is Scope.OWN_REGION:
        return f"{noun} for region {region_code}"
    return noun


def side_of_role(role: str | None) -> Side:
    """The side an account's words are shown on; Ofsted's for an unknown or removed one."""
    known = ROLES.get(role or "")
    return known.side if known else Side.OFSTED


def has_flag(user: Principal | None, flag: str) -> bool:
    entry = FLAGS[flag]
    return user is not None and user.role == entry.role and bool(getattr(user, entry.attribute))


def flag_labels(role: str, flags: dict[str, bool]) -> list[str]:
    """The labels of the flags an account of ``role`` carries (``flags``: name -> set)."""
    return [f.label for name, f in FLAGS.items() if f.role == role and flags.get(name)]


def flags_for(role: str) -> list[str]:
    """The flags an account of ``role`` may carry; any other is cleared when it is saved."""
    return [name for name, f in FLAGS.items() if f.role == role]


def permits(
    user: Principal | None,
    action: Action,
    *,
    la: HasLA | None = None,
    region_code: str | None = None,
) -> bool:
    """May ``user`` take ``action`` on ``la`` (or on the region ``region_code``)?

    With neither, the question is "anywhere?", which only an every-LA grant answers yes.
    """
    if user is None:
        return False
    grant = POLICY[action].get(user.role)
    if grant is None or (grant.flag is not None and not has_flag(user, grant.flag)):
        return False
    if grant.scope is Scope.EVERY_LA:
        return True
    if grant.scope is Scope.OWN_LA:
        return la is not None and user.la_code is not None and la.la_code == user.la_code
    target_region = la.region_code if la is not None else region_code
    return user.region_code is not None and target_region == user.region_code


def roles_permitted(action: Action) -> list[str]:
    """The roles with any grant of ``action`` (e.g. who counts as an administrator)."""
    return list(POLICY[action])


@dataclass(frozen=True)
class Place:
    """An LA (by code, with its region where known) as a target for ``permits``."""

    la_code: str
    region_code: str | None


def authorize(user: Principal | None, action: Action, la_code: str | None = None) -> bool:
    """Cheap yes or no for an LA given by its code, for callbacks that only need to know.

    Decides from the account alone where the grant allows; reads the LA's region (one
    primary-key lookup) only for a region-wide grant.
    """
    if la_code is None:
        return permits(user, action)
    grant = POLICY[action].get(user.role) if user is not None else None
    if grant is None:
        return False
    region_code = None
    if grant.scope is Scope.OWN_REGION:
        from dashboard.storage.places import region_of_la

        region_code = region_of_la(la_code)
    return permits(user, action, la=Place(la_code, region_code))


def can_view_la(user: Principal | None, la: HasLA) -> bool:
    """LA users see their own LA, inspectors the LAs of their region, admins all."""
    return permits(user, Action.VIEW_LA, la=la)


def can_view_region(user: Principal | None, region_code: str) -> bool:
    """Inspectors see their own region's overview, admins every region's."""
    return permits(user, Action.VIEW_REGION, region_code=region_code)


def can_upload_mi(user: Principal | None, la: HasLA) -> bool:
    """An LA's own users upload its Annex A lists (para 246); admins may for any LA.

    Inspectors read the figures but never upload them.
    """
    return permits(user, Action.UPLOAD_MI, la=la)


def can_withdraw_mi(user: Principal | None, la: HasLA) -> bool:
    """Only an LA's own users withdraw one of its uploads, or undo a withdrawal.

    The figures are the LA's account of its own practice (paras 246-248): whether an
    upload was wrong and should stop counting is the LA's judgement, recorded in its
    name. Administrators may upload for an LA (on its behalf), but they do not take its
    figures out of inspectors' view, and inspectors never change them.
    """
    return permits(user, Action.WITHDRAW_MI, la=la)


def can_map_local_codes(user: Principal | None, la: HasLA) -> bool:
    """Only an LA's own users explain its own codes (para 248) by mapping them to DfE
    codes: the mapping is the LA's account of its recording, kept for its next upload.
    Administrators who upload on its behalf use the saved mapping but do not change it;
    inspectors never see it."""
    return permits(user, Action.MAP_LOCAL_CODES, la=la)


def can_edit_sef(user: Principal | None, la: HasLA) -> bool:
    """Only the LA's own users write, save, share and read drafts of its SEF (para 29).

    Inspectors never see a draft; administrators manage accounts, not SEFs, so they
    read only what an LA has shared.
    """
    return permits(user, Action.EDIT_SEF, la=la)


def can_read_shared_sef(user: Principal | None, la: HasLA) -> bool:
    """A shared SEF is read by the LA itself, its region's inspectors and admins."""
    return permits(user, Action.READ_SHARED_SEF, la=la)


def can_purge_sef(user: Principal | None, la: HasLA) -> bool:
    """Only the LA's own users remove a version's words (issue 15): a draft's at once, a
    shared version's only by asking an administrator (``can_confirm_sef_purge``)."""
    return permits(user, Action.PURGE_SEF, la=la)


def can_confirm_sef_purge(user: Principal | None) -> bool:
    """Administrators confirm or decline an LA's request to remove the words of a
    version it shared with Ofsted: what Ofsted was given is not the LA's alone."""
    return permits(user, Action.CONFIRM_SEF_PURGE)


def can_keep_notes(user: Principal | None, la: HasLA) -> bool:
    """Inspectors' private preparation notes: the LA's region's inspectors only. Never the
    LA; not administrators, who manage accounts, not inspections."""
    return permits(user, Action.KEEP_NOTES, la=la)


def can_run_meetings(user: Principal | None, la: HasLA) -> bool:
    """The region's inspectors schedule the annual engagement meeting, plan the focused-
    visit scope, record the meeting and write and issue the letter (paras 42-48)."""
    return permits(user, Action.RUN_MEETINGS, la=la)


def can_agree_agenda_for_ofsted(user: Principal | None, la: HasLA) -> bool:
    """Para 47: the regional senior HMI agrees the agenda with the DCS, so only a senior
    HMI of the LA's region accepts or declines proposals and agrees it for Ofsted."""
    return permits(user, Action.AGREE_AGENDA_FOR_OFSTED, la=la)


def can_engage_for_la(user: Principal | None, la: HasLA) -> bool:
    """The LA's own users take part for the LA: they propose agenda items, comment, name
    the LA's attendees (para 46) and read issued letters."""
    return permits(user, Action.ENGAGE_FOR_LA, la=la)


def can_set_pathway(user: Principal | None, la: HasLA) -> bool:
    """Inspections from April 2026 give no overall grade (Ofsted, 27 November 2025) and
    our sources hold no rule in its place, so the region's senior HMI records the pathway.
    Not administrators: they manage accounts, not inspections."""
    return permits(user, Action.SET_PATHWAY, la=la)


def can_record_visits(user: Principal | None, la: HasLA) -> bool:
    """The region's inspectors, senior or not, enter the monitoring and focused visits
    they plan or have held (ILACS framework paras 22, 103, 112-129)."""
    return permits(user, Action.RECORD_VISITS, la=la)


def can_edit_letter_details(user: Principal | None, la: HasLA) -> bool:
    """The region's inspectors write the letter (para 48), so they keep who it goes to and
    who is copied in. Not the LA: whom Ofsted copies its letter to is Ofsted's to say."""
    return permits(user, Action.EDIT_LETTER_DETAILS, la=la)


def can_agree_agenda_for_la(user: Principal | None, la: HasLA) -> bool:
    """ILACS framework para 47: the DCS agrees the agenda with the senior HMI, so only an
    LA user marked as the DCS or a delegate the DCS named agrees it for the LA."""
    return permits(user, Action.AGREE_AGENDA_FOR_LA, la=la)


def can_issue_letter_with_reason(user: Principal | None, la: HasLA) -> bool:
    """ILACS framework paras 47 and 48: a letter is refused while the agenda is not agreed
    or an item has no note; the region's senior HMI, who agrees the agenda for Ofsted,
    may issue it anyway with a recorded reason. Other inspectors may not."""
    return permits(user, Action.ISSUE_LETTER_WITH_REASON, la=la)


def can_see_meetings(user: Principal | None, la: HasLA) -> bool:
    """Both sides of the meeting see its agenda; no one else (letters are never public)."""
    return permits(user, Action.SEE_MEETINGS, la=la)


def can_read_sef_trail(user: Principal | None, la: HasLA) -> bool:
    """An LA's own users read who changed their SEF (issue 8); admins search everything."""
    return permits(user, Action.READ_SEF_TRAIL, la=la)


def can_search_audit_trail(user: Principal | None) -> bool:
    return permits(user, Action.SEARCH_AUDIT_TRAIL)


def can_manage_users(user: Principal | None) -> bool:
    return permits(user, Action.MANAGE_USERS)


def can_load_published_release(user: Principal | None) -> bool:
    return permits(user, Action.LOAD_PUBLISHED_RELEASE)


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
