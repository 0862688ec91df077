"""Demo management information: a year of synthetic Annex A uploads for the demo LAs.

Each upload goes through the real service (read, check, compute, store) as the LA's
demo user, so the demo shows exactly what a real upload would. No real child's data.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from sqlalchemy import select

from dashboard.demo.annex_a import Size, generate_sheets, last_month_end, write_workbook
from dashboard.demo.users import DEMO_USERS
from dashboard.domain.dates import add_months
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import upload_annex_a
from dashboard.services.user_admin import load_principal
from dashboard.storage.db import session_scope
from dashboard.storage.models import LocalAuthority, MISnapshot, User

#: Quarterly extractions over the last year, oldest first.
DEMO_PERIODS = 4


def demo_periods(today: date | None = None) -> list[date]:
    """The demo's extraction dates: quarterly, the latest a month before the generator's
    default (``last_month_end``), so a newcomer's first upload of a generated file is
    stored at once rather than asking to replace the demo's figures."""
    latest = _month_end(add_months(last_month_end(today), -1))
    return [_month_end(add_months(latest, -3 * back)) for back in range(DEMO_PERIODS - 1, -1, -1)]


def _month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


def load_demo_mi(today: date | None = None) -> int:
    """Upload the missing demo snapshots; returns how many were stored."""
    stored = 0
    for demo in DEMO_USERS:
        if not demo.la_code:  # only accounts tied to an LA upload its lists
            continue
        with session_scope() as session:
            user = session.scalars(select(User).where(User.email == demo.email)).first()
            la = session.get(LocalAuthority, demo.la_code)
            have = set(session.scalars(select(MISnapshot.period_end).where(
                MISnapshot.la_code == demo.la_code, MISnapshot.status == "current")))
            if user is None or la is None:
                continue
            user_id, session_version = user.id, user.session_version
            population = la.under18_population or 10_000
        principal = load_principal(user_id, session_version)
        for number, period in enumerate(demo_periods(today)):
            if period in have:
                continue
            # Demand drifts a little from quarter to quarter, so the trends move.
            volume = 0.9 + 0.05 * ((int(demo.la_code) + 3 * number) % 5)
            size = Size(f"demo-{demo.la_code}", population, volume, max(4, population // 8_000))
            buffer = io.BytesIO()
            write_workbook(generate_sheets(size, period, seed=int(demo.la_code) + number),
                           buffer)
            outcome = upload_annex_a(principal, demo.la_code, period,
                                     [UploadedFile(f"demo-annex-a-{period}.xlsx",
                                                   buffer.getvalue())], today=today)
            stored += outcome.status == "stored"
    return stored
