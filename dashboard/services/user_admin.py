"""Signing in and managing user accounts. Only admins manage accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import ROLES as ROLE_TABLE
from dashboard.access import (
    Action,
    Principal,
    Scope,
    can_manage_users,
    flags_for,
    require,
    roles_permitted,
)
from dashboard.demo.users import DEMO_USERS
from dashboard.domain.account_text import email_problem, name_problem, normalise_email
from dashboard.errors import is_row_id
from dashboard.services.passwords import (
    MAX_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from dashboard.storage.db import session_scope
from dashboard.storage.models import ROLES, LocalAuthority, Region, User

LAST_ADMIN_MESSAGE = "There must always be at least one active administrator."
#: The demo accounts' addresses: their password is published, and `make serve` refuses a
#: database holding any of them, so no account may be created with one.
DEMO_EMAILS = frozenset(d.email for d in DEMO_USERS)
DEMO_ADDRESS_MESSAGE = ("This is one of the demo accounts' addresses, whose password is "
                        "published; a production database may not hold it. Use the "
                        "person's own address.")


@dataclass(frozen=True)
class UserRow:
    id: int
    email: str
    full_name: str
    role: str
    la_code: str | None
    la_name: str | None
    region_code: str | None
    region_name: str | None
    is_senior: bool
    is_dcs: bool
    active: bool
    last_login_at: datetime | None


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


def principal_of(user: User) -> Principal:
    return Principal(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        role=user.role,
        la_code=user.la_code,
        region_code=user.region_code,
        is_senior=user.is_senior,
        is_dcs=user.is_dcs,
        session_version=user.session_version,
    )


def user_names(session: Session) -> dict[int, str]:
    """Every account's name by id: to say who wrote, saved or decided something, without
    a query per row (the accounts table is small)."""
    return {uid: name for uid, name in session.execute(select(User.id, User.full_name))}


def email_refusal(email: str) -> str | None:
    """Why this (normalised) address cannot be a new account's, or None: not a plain ASCII
    address (see ``dashboard.domain.account_text``), or a demo account's."""
    if email in DEMO_EMAILS:
        return DEMO_ADDRESS_MESSAGE
    return email_problem(email)


def _text(value: object) -> str | None:
    """A form value as text, or None: callbacks can be posted with any JSON type."""
    return value if isinstance(value, str) and value else None


def authenticate(email: str, password: str) -> Principal | None:
    """The active account with this email and password, or None. Same time either way.
    A password longer than any account can have is refused before it is hashed."""
    if not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        return None
    with session_scope() as session:
        user = session.scalars(select(User).where(User.email == normalise_email(email))).first()
        ok = verify_password(user.password_hash if user else None, password or "")
        if user is None or not ok or not user.active:
            return None
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = clock.now_naive_utc()
        return principal_of(user)


def load_principal(user_id: int, session_version: int) -> Principal | None:
    """The signed-in account on each request; None once it is deactivated or its
    sessions have been ended (sign-out, role change)."""
    with session_scope() as session:
        user = session.get(User, user_id)
        if user is None or not user.active or user.session_version != session_version:
            return None
        return principal_of(user)


def end_sessions(user_id: int) -> None:
    """End every session of this account, wherever its cookies are."""
    with session_scope() as session:
        user = session.get(User, user_id)
        if user is not None:
            user.session_version += 1


def _would_leave_no_admin(session: Session, user: User) -> bool:
    """Whether taking ``user`` out of the active admins would leave none."""
    administrators = roles_permitted(Action.MANAGE_USERS)
    if user.role not in administrators or not user.active:
        return False
    others = session.scalars(
        select(User.id)
        .where(User.role.in_(administrators), User.active.is_(True), User.id != user.id)
        .with_for_update()
    ).all()
    return not others


def list_users(actor: Principal | None) -> list[UserRow]:
    require(can_manage_users(actor), "Only administrators can manage users.")
    with session_scope() as session:
        las = dict(session.execute(select(LocalAuthority.la_code, LocalAuthority.name)).all())
        regions = dict(session.execute(select(Region.code, Region.name)).all())
        users = session.scalars(select(User).order_by(User.role, User.email))
        return [
            UserRow(
                id=u.id,
                email=u.email,
                full_name=u.full_name,
                role=u.role,
                la_code=u.la_code,
                la_name=las.get(u.la_code or ""),
                region_code=u.region_code,
                region_name=regions.get(u.region_code or ""),
                is_senior=u.is_senior,
                is_dcs=u.is_dcs,
                active=u.active,
                last_login_at=u.last_login_at,
            )
            for u in users
        ]


def _scope_errors(
    session: Session, role: str, la_code: str | None, region_code: str | None
) -> list[FieldError]:
    errors: list[FieldError] = []
    if role not in ROLES:
        errors.append(FieldError("role", "Choose a role."))
    elif ROLE_TABLE[role].tied_to is Scope.OWN_LA and (
        not la_code or session.get(LocalAuthority, la_code) is None
    ):
        errors.append(FieldError("la_code", "Choose the local authority this user works for."))
    elif ROLE_TABLE[role].tied_to is Scope.OWN_REGION and (
        not region_code or session.get(Region, region_code) is None
    ):
        errors.append(FieldError("region_code", "Choose the Ofsted region this inspector covers."))
    return errors


def _place_and_flags(
    role: str, la_code: str | None, region_code: str | None, is_senior: bool, is_dcs: bool
) -> dict[str, object]:
    """The account's LA, region and flags as the access table ties them to ``role``: what
    the role is not tied to, or a flag it cannot carry, is cleared."""
    tied_to = ROLE_TABLE[role].tied_to
    return {
        "la_code": la_code if tied_to is Scope.OWN_LA else None,
        "region_code": region_code if tied_to is Scope.OWN_REGION else None,
        "is_senior": bool(is_senior) and "senior" in flags_for(role),
        "is_dcs": bool(is_dcs) and "dcs" in flags_for(role),
    }


def create_user(
    actor: Principal | None,
    *,
    email: str,
    full_name: str,
    role: str,
    password: str,
    la_code: str | None = None,
    region_code: str | None = None,
    is_senior: bool = False,
    is_dcs: bool = False,
) -> list[FieldError]:
    """Create an account. Returns the problems found; nothing is stored if there are any."""
    require(can_manage_users(actor), "Only administrators can manage users.")
    email = normalise_email(email)
    full_name = (_text(full_name) or "").strip()
    role, la_code, region_code = _text(role) or "", _text(la_code), _text(region_code)
    password = _text(password) or ""
    errors: list[FieldError] = []
    refusal = email_refusal(email)
    if refusal:
        errors.append(FieldError("email", refusal))
    if not full_name or len(full_name) > 120:
        errors.append(
            FieldError("full_name", "Enter the person's full name (up to 120 characters).")
        )
    elif problem := name_problem(full_name, "Full name"):
        errors.append(FieldError("full_name", problem))
    problem = password_problem(password)
    if problem:
        errors.append(FieldError("password", problem))
    with session_scope() as session:
        errors += _scope_errors(session, role, la_code, region_code)
        exists = session.scalar(select(func.count()).select_from(User).where(User.email == email))
        if exists:
            errors.append(FieldError("email", "An account with this email address already exists."))
        if errors:
            return errors
        session.add(
            User(
                email=email,
                full_name=full_name,
                password_hash=hash_password(password),
                role=role,
                **_place_and_flags(role, la_code, region_code, is_senior, is_dcs),
                active=True,
                created_at=clock.now_naive_utc(),
            )
        )
    return []


def set_role(
    actor: Principal | None,
    user_id: int,
    *,
    role: str,
    la_code: str | None = None,
    region_code: str | None = None,
    is_senior: bool = False,
    is_dcs: bool = False,
) -> list[FieldError]:
    """Change an account's role, the LA or region it is bound to, and its flags."""
    require(can_manage_users(actor), "Only administrators can manage users.")
    role, la_code, region_code = _text(role) or "", _text(la_code), _text(region_code)
    with session_scope() as session:
        user = session.get(User, user_id) if is_row_id(user_id) else None
        if user is None:
            return [FieldError("user", "That account no longer exists.")]
        if (actor is not None and user.id == actor.id
                and role not in roles_permitted(Action.MANAGE_USERS)):
            return [FieldError("role", "You cannot remove your own administrator role.")]
        errors = _scope_errors(session, role, la_code, region_code)
        if errors:
            return errors
        if role not in roles_permitted(Action.MANAGE_USERS) and _would_leave_no_admin(
            session, user
        ):
            return [FieldError("role", LAST_ADMIN_MESSAGE)]
        user.session_version += 1  # the old role's sessions end now
        user.role = role
        flags = _place_and_flags(role, la_code, region_code, is_senior, is_dcs)
        for column, value in flags.items():
            setattr(user, column, value)
    return []


def set_active(actor: Principal | None, user_id: int, active: bool) -> list[FieldError]:
    """Deactivate or reactivate an account. A deactivated user is signed out at once."""
    require(can_manage_users(actor), "Only administrators can manage users.")
    with session_scope() as session:
        user = session.get(User, user_id) if is_row_id(user_id) else None
        if user is None:
            return [FieldError("user", "That account no longer exists.")]
        if actor is not None and user.id == actor.id and not active:
            return [FieldError("user", "You cannot deactivate your own account.")]
        if not active and _would_leave_no_admin(session, user):
            return [FieldError("user", LAST_ADMIN_MESSAGE)]
        if not active:
            user.session_version += 1
        user.active = active
    return []
