"""Managing accounts: validation before storing, and role rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.access import SYSTEM, AccessDenied, Principal
from dashboard.domain.account_text import NOT_ASCII_MESSAGE
from dashboard.pages.admin.users_views import scope_text
from dashboard.services.user_admin import (
    DEMO_ADDRESS_MESSAGE,
    authenticate,
    create_user,
    list_users,
    set_active,
    set_role,
)
from dashboard.storage.db import session_scope
from dashboard.storage.models import User
from tests.conftest import ACCOUNTS, PASSWORD

ACCOUNTS_ADMIN = ACCOUNTS["admin"]["email"]


def _user_count() -> int:
    with session_scope() as session:
        return len(session.scalars(select(User.id)).all())


def test_every_problem_is_reported_and_nothing_is_stored(seeded_db) -> None:
    before = _user_count()
    errors = create_user(
        SYSTEM, email="not-an-email", full_name="", role="la_user", password="short"
    )
    assert {e.field for e in errors} == {"email", "full_name", "password", "la_code"}
    assert _user_count() == before


def test_inspector_needs_a_region_and_la_user_an_existing_la(seeded_db) -> None:
    errors = create_user(
        SYSTEM, email="x1@example.org", full_name="X", role="inspector", password=PASSWORD
    )
    assert [e.field for e in errors] == ["region_code"]
    errors = create_user(
        SYSTEM,
        email="x2@example.org",
        full_name="X",
        role="la_user",
        la_code="999",
        password=PASSWORD,
    )
    assert [e.field for e in errors] == ["la_code"]


def test_duplicate_email_is_refused(seeded_db) -> None:
    errors = create_user(
        SYSTEM,
        email="ADMIN@test.example.org",
        full_name="Again",
        role="admin",
        password=PASSWORD,
    )
    assert [e.message for e in errors] == ["An account with this email address already exists."]


def test_role_change_rebinds_scope_and_takes_effect(seeded_db) -> None:
    assert not create_user(
        SYSTEM,
        email="mover@example.org",
        full_name="Mover",
        role="la_user",
        la_code="370",
        password=PASSWORD,
    )
    user = next(u for u in list_users(SYSTEM) if u.email == "mover@example.org")
    assert not set_role(SYSTEM, user.id, role="inspector", region_code="LON", la_code="370")
    principal = authenticate("mover@example.org", PASSWORD)
    assert principal is not None
    assert (principal.role, principal.region_code, principal.la_code) == ("inspector", "LON", None)


def test_an_administrator_marks_the_dcs_or_a_delegate_on_la_accounts_only(seeded_db) -> None:
    """ILACS framework para 47: the mark lets an LA user agree the agenda for the LA."""
    assert not create_user(SYSTEM, email="dcs.flag@example.org", full_name="Dee Flag",
                           role="la_user", la_code="371", password=PASSWORD, is_dcs=True)
    assert not create_user(SYSTEM, email="hmi.flag@example.org", full_name="Hal Flag",
                           role="inspector", region_code="LON", password=PASSWORD,
                           is_dcs=True)
    rows = {u.email: u for u in list_users(SYSTEM)}
    assert rows["dcs.flag@example.org"].is_dcs
    assert not rows["hmi.flag@example.org"].is_dcs  # an inspector cannot carry it
    assert scope_text(rows["dcs.flag@example.org"]) == "Doncaster (DCS or delegate)"
    principal = authenticate("dcs.flag@example.org", PASSWORD)
    assert principal is not None and principal.is_dcs
    user_id = rows["dcs.flag@example.org"].id
    assert not set_role(SYSTEM, user_id, role="la_user", la_code="371", is_dcs=False)
    assert authenticate("dcs.flag@example.org", PASSWORD).is_dcs is False
    assert not set_role(SYSTEM, user_id, role="la_user", la_code="371", is_dcs=True)
    assert authenticate("dcs.flag@example.org", PASSWORD).is_dcs is True
    with pytest.raises(AccessDenied):
        set_role(authenticate("dcs.flag@example.org", PASSWORD), user_id, role="la_user",
                 la_code="371", is_dcs=False)


def test_admin_cannot_lock_themselves_out(seeded_db) -> None:
    admin_id = seeded_db["admin"]
    actor = Principal(id=admin_id, email="admin@test.example.org", full_name="A", role="admin")
    assert set_active(actor, admin_id, False)[0].field == "user"
    assert set_role(actor, admin_id, role="la_user", la_code="370")[0].field == "role"


def test_passwords_are_stored_hashed(seeded_db) -> None:
    with session_scope() as session:
        hashes = session.scalars(select(User.password_hash)).all()
    assert hashes and all(h.startswith("$argon2") and PASSWORD not in h for h in hashes)


def test_the_last_active_admin_cannot_be_removed_by_another(seeded_db) -> None:
    from dashboard.storage.db import session_scope as scope

    with scope() as session:
        admins = session.scalars(
            select(User).where(User.role == "admin", User.active.is_(True))
        ).all()
        ids = [a.id for a in admins]
    assert ids, "the test database has an admin"
    # Demote all but one, then the last one refuses to go, by role or by deactivation.
    actor = Principal(id=-1, email="other@x.org", full_name="Other", role="admin")
    for admin_id in ids[1:]:
        assert not set_role(actor, admin_id, role="la_user", la_code="370")
    try:
        assert set_role(actor, ids[0], role="la_user", la_code="370")[0].message == (
            "There must always be at least one active administrator."
        )
        assert set_active(actor, ids[0], False)[0].message == (
            "There must always be at least one active administrator."
        )
    finally:
        for admin_id in ids[1:]:
            assert not set_role(actor, admin_id, role="admin")


# --- What an account's address, name and password may hold -------------------------


def _create(email: str, full_name: str = "Kit Person", password: str = PASSWORD):
    return create_user(SYSTEM, email=email, full_name=full_name, role="inspector",
                       region_code="LON", password=password)


def test_a_demo_address_cannot_be_given_to_an_account(seeded_db) -> None:
    """`make serve` refuses a database holding one (its password is published)."""
    before = _user_count()
    for email in ("admin@example.org", " Shmi.NEYH@example.org "):
        errors = _create(email)
        assert [(e.field, e.message) for e in errors] == [("email", DEMO_ADDRESS_MESSAGE)]
    assert _user_count() == before


def test_emails_are_nfkc_normalised_and_lower_cased_on_create_and_sign_in(seeded_db) -> None:
    fullwidth = "\uff2e\uff26\uff2b\uff23.Person@Example.org"  # NFKC in full-width letters
    assert not _create(fullwidth)
    with session_scope() as session:
        assert session.scalar(select(User.email).where(User.email == "nfkc.person@example.org"))
    assert authenticate("NFKC.person@EXAMPLE.org", PASSWORD) is not None
    assert authenticate(fullwidth, PASSWORD) is not None
    again = _create("nfkc.person@example.org")
    assert [e.message for e in again] == ["An account with this email address already exists."]


@pytest.mark.parametrize("email", [
    "n\u0430me.lookalike@example.org",  # Cyrillic small a
    "name.lookalike@ex\u0430mple.org",  # in the domain
    "jos\u00e9.lookalike@example.org",  # accented
    "name.lookalike@\u0435xample.org",  # Cyrillic ie, looks like e
])
def test_a_look_alike_or_non_ascii_address_is_refused_plainly(seeded_db, email) -> None:
    _create("name.lookalike@example.org")  # the original (already there after the first)
    before = _user_count()
    errors = _create(email)
    assert [(e.field, e.message) for e in errors] == [("email", NOT_ASCII_MESSAGE)]
    assert _user_count() == before
    assert authenticate(email, PASSWORD) is None


@pytest.mark.parametrize("name", ["Jo\x0bBloggs", "Jo\nBloggs", "Jo\tBloggs", "Jo\x00",
                                  "Jo\u200bBloggs", "Jo\u202eBloggs", "Jo\x85Bloggs"])
def test_a_name_with_control_characters_is_refused_naming_the_field(seeded_db, name) -> None:
    before = _user_count()
    errors = _create("control.name@example.org", full_name=name)
    assert [e.field for e in errors] == ["full_name"]
    assert errors[0].message.startswith("Full name must be one line of plain text")
    assert _user_count() == before


def test_passwords_are_at_most_1024_characters(seeded_db) -> None:
    errors = _create("long.password@example.org", password="x" * 1025)
    assert [(e.field, e.message) for e in errors] == [
        ("password", "Password must be at most 1,024 characters long.")]
    assert not _create("long.password@example.org", password="y" * 1024)
    assert authenticate("long.password@example.org", "y" * 1024) is not None
    assert authenticate("long.password@example.org", "y" * 1024 + "y") is None


def test_sign_in_refuses_an_overlong_password_before_hashing(seeded_db, monkeypatch) -> None:
    from dashboard.services import user_admin

    def never(*_args: object) -> bool:
        raise AssertionError("hashed")

    monkeypatch.setattr(user_admin, "verify_password", never)
    assert authenticate(ACCOUNTS_ADMIN, "z" * 100_000) is None
