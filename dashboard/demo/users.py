"""Demo accounts for trying the product locally. Never load these in production."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.services.passwords import hash_password
from dashboard.storage.models import User

#: One password for every demo account, printed by `make run`.
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - published demo credential


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str
    la_code: str | None = None
    region_code: str | None = None
    is_senior: bool = False
    is_dcs: bool = False
    what: str = ""


DEMO_USERS = (
    DemoUser("admin@example.org", "Alex Admin", "admin", what="manages users; sees every LA"),
    DemoUser(
        "dcs.barnsley@example.org",
        "Barnsley DCS team (demo)",
        "la_user",
        la_code="370",
        is_dcs=True,
        what="LA user for Barnsley, marked as the DCS: agrees agendas",
    ),
    DemoUser(
        "officer.barnsley@example.org",
        "Barnsley performance officer (demo)",
        "la_user",
        la_code="370",
        what="LA user for Barnsley, not the DCS",
    ),
    DemoUser(
        "dcs.camden@example.org",
        "Camden DCS team (demo)",
        "la_user",
        la_code="202",
        what="LA user for Camden",
    ),
    DemoUser(
        "shmi.neyh@example.org",
        "Sam Senior HMI (demo)",
        "inspector",
        region_code="NEYH",
        is_senior=True,
        what="senior HMI, North East, Yorkshire and the Humber",
    ),
    DemoUser(
        "shmi.nw@example.org",
        "Robin North West Senior HMI (demo)",
        "inspector",
        region_code="NW",
        is_senior=True,
        what="senior HMI, North West: records Trafford's pathway (no overall grade, 2026)",
    ),
    DemoUser(
        "hmi.london@example.org",
        "Lee London HMI (demo)",
        "inspector",
        region_code="LON",
        what="HMI, London",
    ),
)


def load_demo_users(session: Session) -> int:
    """Create the demo accounts that are missing; leave existing ones as they are."""
    existing = set(session.scalars(select(User.email)))
    added = 0
    for demo in DEMO_USERS:
        if demo.email in existing:
            continue
        session.add(
            User(
                email=demo.email,
                full_name=demo.full_name,
                password_hash=hash_password(DEMO_PASSWORD),
                role=demo.role,
                la_code=demo.la_code,
                region_code=demo.region_code,
                is_senior=demo.is_senior,
                is_dcs=demo.is_dcs,
                active=True,
                created_at=clock.now_naive_utc(),
            )
        )
        added += 1
    return added


def demo_accounts_in(session: Session) -> list[str]:
    """The demo accounts this database holds, by email, active or not.

    Demo accounts are recognised by their addresses: an account's email never changes
    after it is created, and ``load_demo_users`` is the only code that makes these
    (``example.org`` is reserved, so no real person has one). The demo's uploads, SEF
    and meetings are made by these accounts, so where they are absent so is the demo.
    """
    emails = [d.email for d in DEMO_USERS]
    found = session.scalars(select(User.email).where(func.lower(User.email).in_(emails)))
    return sorted(found)


def demo_logins_text() -> str:
    lines = ["Demo logins (password for all: " + DEMO_PASSWORD + "):"]
    lines += [f"  {d.email:<28} {d.what}" for d in DEMO_USERS]
    return "\n".join(lines)
