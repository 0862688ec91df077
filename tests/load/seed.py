"""`make load`, set-up: after `python -m dashboard.cli init` (reference and demo data),
give the LAs of the demo inspector's region what Barnsley has, so that the simulated
LA users work on their own LAs, two colleagues to an LA, as real LA teams do.

Every LA of the region gets Barnsley's demo Annex A figures, copied with small changes
and stored as the real upload stores them (snapshots, list counts, indicator values), so
the regional overview and indicator pages show a full region. The first EDITING_LAS of
them (Barnsley first) get two LA user accounts each (Barnsley's first is the demo
`dcs.barnsley@example.org`) and the demo SEF as a draft, saved through the real service.
Writes what the locustfile needs (accounts, the demo meeting whose letter is issued) to
the JSON file named on the command line. Run with the app's environment (DATABASE_URL,
INSTANCE_DIR, SECRET_KEY), from the project's .venv.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from dashboard.access import SYSTEM  # noqa: E402
from dashboard.demo.sef import demo_sef  # noqa: E402
from dashboard.demo.users import DEMO_PASSWORD, DEMO_USERS  # noqa: E402
from dashboard.services.audit import install as install_audit  # noqa: E402
from dashboard.services.sef import open_sef, save_draft  # noqa: E402
from dashboard.services.user_admin import create_user, load_principal  # noqa: E402
from dashboard.storage.db import session_scope  # noqa: E402
from dashboard.storage.models import (  # noqa: E402
    EngagementLetter,
    EngagementMeeting,
    LocalAuthority,
    MIIndicatorValue,
    MIListCount,
    MISnapshot,
    User,
)

REGION = "NEYH"  # the demo senior HMI's region
SOURCE_LA = "370"  # Barnsley: demo uploads, SEF and meeting
PASSWORD = "load-test-password-2026"  # throwaway database only
#: 25 simulated LA users (half of 50) need 13 LAs at two colleagues each.
EDITING_LAS = 13
EDITORS_PER_LA = 2


def region_las() -> list[tuple[str, str, int | None]]:
    """The region's LAs, Barnsley first."""
    with session_scope() as session:
        las = [(la.la_code, la.name, la.under18_population) for la in session.scalars(
            select(LocalAuthority).where(LocalAuthority.region_code == REGION)
            .order_by(LocalAuthority.la_code))]
    return sorted(las, key=lambda la: la[0] != SOURCE_LA)


def create_accounts(las: list[tuple[str, str, int | None]]) -> list[dict]:
    """Two LA users for each editing LA; the demo Barnsley user is Barnsley's first."""
    demo = next(u for u in DEMO_USERS if u.role == "la_user" and u.la_code == SOURCE_LA)
    accounts = []
    for la_code, name, _population in las:
        for n in range(1, EDITORS_PER_LA + 1):
            if la_code == SOURCE_LA and n == 1:
                email, password = demo.email, DEMO_PASSWORD
            else:
                email, password = f"load{n}.la{la_code}@example.org", PASSWORD
                errors = create_user(SYSTEM, email=email, role="la_user", la_code=la_code,
                                     full_name=f"{name} colleague {n} (load test)",
                                     password=password)
                if errors and not errors[0].message.startswith("An account with this email"):
                    raise SystemExit(f"cannot create {email}: {errors}")
            with session_scope() as session:
                user_id = session.scalars(select(User.id).where(User.email == email)).one()
            accounts.append({"email": email, "password": password, "la_code": la_code,
                             "user_id": user_id})
    return accounts


def copy_figures(las: list[tuple[str, str, int | None]]) -> int:
    """Barnsley's current demo snapshots for every LA that has none, values varied a little."""
    copied = 0
    with session_scope() as session:
        sources = list(session.scalars(select(MISnapshot).where(
            MISnapshot.la_code == SOURCE_LA, MISnapshot.status == "current")))
        if not sources:
            raise SystemExit("Barnsley has no demo uploads: did `dashboard.cli init` run?")
        now = datetime.now(UTC)
        for n, (la_code, _name, population) in enumerate(las):
            has = session.scalars(select(MISnapshot.id).where(
                MISnapshot.la_code == la_code, MISnapshot.status == "current")).first()
            if has is not None:
                continue
            for source in sources:
                snapshot = MISnapshot(
                    la_code=la_code, period_end=source.period_end, status="current",
                    uploaded_by_id=None, uploaded_at=now, confirmed_at=None,
                    source_files=source.source_files, rows_read=source.rows_read,
                    warning_count=source.warning_count,
                    child_population=population or source.child_population)
                snapshot.list_counts = [MIListCount(list_number=c.list_number, rows=c.rows)
                                        for c in source.list_counts]
                snapshot.values = [
                    MIIndicatorValue(
                        indicator_id=v.indicator_id,
                        value=None if v.value is None
                        else round(v.value * (0.8 + 0.05 * ((n + i) % 9)), 3),
                        numerator=v.numerator, denominator=v.denominator, note=v.note)
                    for i, v in enumerate(source.values)]
                session.add(snapshot)
                copied += 1
    return copied


def save_sefs(accounts: list[dict]) -> int:
    """The demo SEF as a draft for every editing LA that has none."""
    saved = 0
    for account in accounts[::EDITORS_PER_LA]:
        la_code = account["la_code"]
        with session_scope() as session:
            version = session.get(User, account["user_id"]).session_version
        principal = load_principal(account["user_id"], version)
        if open_sef(principal, la_code).head_number:
            continue
        save_draft(principal, la_code, 0, demo_sef())
        saved += 1
    return saved


def issued_letter_meeting() -> int:
    with session_scope() as session:
        meeting_id = session.scalars(
            select(EngagementMeeting.id)
            .join(EngagementLetter, EngagementLetter.meeting_id == EngagementMeeting.id)
            .where(EngagementMeeting.la_code == SOURCE_LA,
                   EngagementLetter.issued_at.is_not(None))
            .order_by(EngagementMeeting.id)).first()
    if meeting_id is None:
        raise SystemExit("The demo meeting has no issued letter: did `dashboard.cli init` run?")
    return meeting_id


def main(out: Path) -> None:
    install_audit()
    las = region_las()
    copied = copy_figures(las)
    accounts = create_accounts(las[:EDITING_LAS])
    saved = save_sefs(accounts)
    inspector = next(u for u in DEMO_USERS
                     if u.role == "inspector" and u.region_code == REGION)
    setup = {
        "region": REGION,
        "profile_la": SOURCE_LA,
        "letter_meeting_id": issued_letter_meeting(),
        "inspectors": [{"email": inspector.email, "password": DEMO_PASSWORD}],
        # in pairs: colleagues of one LA next to each other
        "la_users": [{k: a[k] for k in ("email", "password", "la_code")} for a in accounts],
    }
    out.write_text(json.dumps(setup, indent=1))
    print(f"Load set-up: {len(las)} LAs in {REGION} ({copied} demo snapshots copied); "
          f"{len(accounts)} LA users for {len(accounts) // EDITORS_PER_LA} of them "
          f"({saved} demo SEF drafts saved); the letter of meeting "
          f"{setup['letter_meeting_id']} is issued.")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: seed.py OUT.json")
    main(Path(sys.argv[1]))
