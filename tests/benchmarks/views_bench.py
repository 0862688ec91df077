"""`make bench`, part two: the inspector's overview and LA profile callbacks against a
no-op callback, all posted through the same app in the same run.

Sets up a throwaway database with the real reference data and three years of
quarterly snapshots (12 each) for 20 LAs of one region, signs in as that region's
inspector, and times, as the browser sends them: the Pages routing callback for the
regional overview, the routing callback for an LA's profile page, the SEF theme panel
callback (which reads all 40 claims of the shared SEF against their figures), and a
callback that does nothing. Each is the median of repeated calls after a warm-up. Goal
(issue 6): under 5 times the no-op and under 250 ms. Then the checks alone for the same
40 claims (issue 30: the claim check, the writing hints and the review), against the
same no-op.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
_TMP = tempfile.mkdtemp(prefix="ilacs-bench-")
os.environ["INSTANCE_DIR"] = _TMP
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP}/bench.sqlite3"
os.environ["SECRET_KEY"] = "bench-secret-key"
os.environ["LOGIN_RATE_LIMIT"] = "1000 per minute"

from dash import Input, Output  # noqa: E402
from sqlalchemy import select  # noqa: E402

from dashboard.access import SYSTEM  # noqa: E402
from dashboard.domain.dates import add_months  # noqa: E402
from dashboard.domain.indicators import INDICATORS  # noqa: E402
from dashboard.domain.sef import (  # noqa: E402
    DEVELOPMENT,
    INDICATOR,
    STRENGTH,
    Sef,
    add_evidence,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
)
from dashboard.domain.sef_accuracy import (  # noqa: E402
    StatementCheck,
    check_statement_figure,
    review_items,
)
from dashboard.domain.sef_writing import evaluative_hints  # noqa: E402
from dashboard.services.audit import install as install_audit  # noqa: E402
from dashboard.services.sef import read_version, save_draft, share_version  # noqa: E402
from dashboard.services.user_admin import create_user, principal_of  # noqa: E402
from dashboard.storage.db import session_scope  # noqa: E402
from dashboard.storage.models import LocalAuthority, MIIndicatorValue, MISnapshot, User  # noqa: E402
from dashboard.storage.reference_data import load_reference_data  # noqa: E402
from dashboard.storage.schema import upgrade_database  # noqa: E402
from tests.conftest import ACCOUNTS, PASSWORD, page_content, post_callback, sign_in  # noqa: E402  # noqa: E402

REGION = "NW"  # North West: more than 20 LAs
SNAPSHOTS = 12
REPEATS = 30


def seed() -> tuple[list[str], str]:
    install_audit()
    upgrade_database()
    with session_scope() as session:
        load_reference_data(session)
        las = list(session.scalars(select(LocalAuthority.la_code).where(
            LocalAuthority.region_code == REGION).order_by(LocalAuthority.la_code)))[:20]
        now = datetime.now(UTC)
        for n, la_code in enumerate(las):
            for q in range(SNAPSHOTS):
                period = add_months(date(2023, 12, 31), 3 * q)
                snapshot = MISnapshot(la_code=la_code, period_end=period, status="current",
                                      uploaded_at=now, source_files="1 file (.xlsx)",
                                      rows_read=1000, warning_count=0, child_population=50_000)
                session.add(snapshot)
                session.flush()
                for i, indicator in enumerate(INDICATORS):
                    session.add(MIIndicatorValue(snapshot_id=snapshot.id,
                                                 indicator_id=indicator.id,
                                                 value=10.0 + (n * 7 + i * 3 + q) % 60,
                                                 numerator=10, denominator=100))
    assert len(las) == 20, las
    for key, account in (("bench_hmi", dict(email="hmi@bench.example.org", role="inspector",
                                            region_code=REGION)),
                         ("bench_la", dict(email="la@bench.example.org", role="la_user",
                                           la_code=las[0]))):
        assert not create_user(SYSTEM, full_name=key, password=PASSWORD, **account)
        ACCOUNTS[key] = account
    with session_scope() as session:
        la_user = principal_of(session.scalars(select(User).where(
            User.email == "la@bench.example.org")).one())
    sef = full_sef()
    number = save_draft(la_user, las[0], 0, sef).number
    share_version(la_user, las[0], number)
    return las, sef.themes[0].id


CLAIMS = 40


def full_sef() -> Sef:
    """A SEF of 40 claims, each linking one Annex A indicator's figure."""
    sef = add_theme(Sef(), "Children in care")
    theme = sef.themes[0].id
    edits: dict[str, object] = {}
    for n in range(CLAIMS):
        sef = add_statement(sef, theme, STRENGTH if n % 3 else DEVELOPMENT)
        statement = sef.themes[0].statements[-1].id
        sef = add_evidence(sef, statement, INDICATOR)
        evidence = sef.themes[0].statements[-1].evidence[0].id
        edits[field_path("statement", statement, "text")] = (
            "We have a team that meets weekly and a panel that many managers attend; "
            f"practice in area {chr(65 + n % 26)} is strong.")
        edits[field_path("evidence", evidence, "indicator_id")] = (
            INDICATORS[n % len(INDICATORS)].id)
    return apply_edits(sef, edits)


def checks_alone(sef: Sef) -> float:
    """The domain's checks on every claim of ``sef`` (figures as saved), in ms."""
    directions = {i.id: {"higher": True, "lower": False}.get(i.better or "")
                  for i in INDICATORS}
    checks = []
    start = time.perf_counter()
    for _theme, statement in sef.statements():
        hints = evaluative_hints(statement.text)
        for evidence in statement.evidence:
            if evidence.figure is None:
                continue
            figure = evidence.figure
            checks.append(StatementCheck("Children in care", statement.id, statement.kind,
                                         statement.text, "here", figure,
                                         check_statement_figure(
                                             statement.kind, statement.text, figure,
                                             directions.get(figure.indicator_id))))
        assert hints
    review_items(checks, [], [], [], [], [])
    assert len(checks) == CLAIMS, len(checks)
    return (time.perf_counter() - start) * 1000


def median_ms(call) -> float:
    for _ in range(3):
        call()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return statistics.median(times)


def main() -> None:
    las, theme_id = seed()
    from dashboard.web.webapp import create_app

    app = create_app()
    app.callback(Output("bench-out", "children"), Input("bench-in", "n_clicks"))(
        lambda clicks: clicks)
    client = app.server.test_client()
    sign_in(client, "bench_hmi")
    results = {
        "no-op callback": median_ms(
            lambda: post_callback(client, [("bench-in", "n_clicks", 1)])),
        "regional overview (20 LAs)": median_ms(
            lambda: page_content(client, f"/region/{REGION}")),
        "LA profile page": median_ms(lambda: page_content(client, f"/la/{las[0]}")),
        "SEF theme beside indicators": median_ms(lambda: post_callback(
            client, [("sef-theme-choice", "value", theme_id)],
            [("sef-version-shown", "data", 1), ("sef-la", "data", las[0])])),
    }
    shared, _info, _name = read_version(SYSTEM, las[0], 1)
    for _ in range(3):
        checks_alone(shared)
    results["SEF checks alone (40 claims)"] = statistics.median(
        checks_alone(shared) for _ in range(REPEATS))
    baseline = results["no-op callback"]
    print(f"{'callback':34} {'median ms':>10} {'x no-op':>8}")
    for name, ms in results.items():
        print(f"{name:34} {ms:10.1f} {ms / baseline:8.1f}")
    worst = max(ms for name, ms in results.items() if name != "no-op callback")
    print(f"views_bench worst_ms={worst:.1f} worst_ratio={worst / baseline:.1f} "
          f"goal_ms=250 goal_ratio=5")


if __name__ == "__main__":
    main()
