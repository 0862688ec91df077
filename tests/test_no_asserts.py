"""Checks in production code are real checks: `python -O` removes every `assert`, so a
refusal or an invariant written as one would vanish in an optimised deployment."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = [*sorted((ROOT / "dashboard").rglob("*.py")),
              *sorted((ROOT / "callbacks").rglob("*.py")), ROOT / "app.py"]


def test_production_code_has_no_assert_statements() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in PRODUCTION
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if isinstance(node, ast.Assert)
    ]
    assert found == []


#: Runs under `python -O` in a database of its own: every service call by no one is
#: refused (403, 401, or 404 for a meeting they may not know of), never an
#: AttributeError on None; and a broken invariant stops with RuntimeError.
UNDER_O = r"""
import json, sys
from datetime import date

assert False, "not run under python -O"  # noqa: S101 - proves the flag is on
from dashboard.access import SYSTEM
from dashboard.services.audit import install
from dashboard.storage.db import session_scope
from dashboard.storage.reference_data import load_reference_data
from dashboard.storage.schema import upgrade_database
from dashboard.services.user_admin import create_user, principal_of
from dashboard.storage.models import User
from sqlalchemy import select

install()
upgrade_database()
with session_scope() as session:
    load_reference_data(session)
create_user(SYSTEM, full_name="HMI", password="correct-horse-battery-1",
            email="hmi@o.example.org", role="inspector", region_code="NEYH", is_senior=True)
with session_scope() as session:
    hmi = principal_of(session.scalars(select(User).where(User.email == "hmi@o.example.org")).one())

from dashboard.services import engagement, engagement_letters, mi
from dashboard.domain.annex_a import Column, Kind
from dashboard.domain.annex_a_checks import CheckResult, _read_column

meeting = engagement.schedule_meeting(hmi, "370", "2027-02-10", "Online")
calls = {
    "schedule_meeting": lambda: engagement.schedule_meeting(None, "370", "2027-02-11", "Online"),
    "propose_item": lambda: engagement.propose_item(None, meeting, "Item", "About"),
    "add_comment": lambda: engagement.add_comment(None, meeting, "A comment"),
    "agree_agenda": lambda: engagement.agree_agenda(None, meeting),
    "decide_proposal": lambda: engagement.decide_proposal(None, meeting, 1, True),
    "draft_letter": lambda: engagement_letters.draft_letter(None, meeting),
    "save_letter": lambda: engagement_letters.save_letter(None, meeting, 1, "To", "Body"),
    "override_finding": lambda: engagement_letters.override_finding(
        None, meeting, "x", "y", "z", "because"),
    "issue_letter": lambda: engagement_letters.issue_letter(None, meeting, 1),
    "upload_annex_a": lambda: mi.upload_annex_a(None, "370", date(2026, 10, 31), []),
    "coded_column_without_codes": lambda: _read_column(
        Column("x", "X", Kind.CODE), ["A"], "List 1", [2], CheckResult()),
}
answers = {}
engagement.add_comment(hmi, meeting, "The meeting is there, and visible to its inspector.")
for name, call in calls.items():
    try:
        call()
        answers[name] = "allowed"
    except Exception as error:
        answers[name] = type(error).__name__
print(json.dumps(answers))
"""


def test_refusals_and_invariants_hold_under_python_dash_O(tmp_path: Path) -> None:
    env = {**os.environ, "INSTANCE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT),
           "DATABASE_URL": f"sqlite:///{tmp_path}/optimised.sqlite3"}
    env.pop("TEST_DATABASE_URL", None)
    run = subprocess.run([sys.executable, "-O", "-c", UNDER_O], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    answers = json.loads(run.stdout.strip().splitlines()[-1])
    invariant = answers.pop("coded_column_without_codes")
    assert invariant == "RuntimeError"
    # NotFound: a meeting no one may see is not shown to exist (load_visible_meeting)
    assert set(answers.values()) <= {"AccessDenied", "NotSignedIn", "NotFound"}, answers
    assert answers["upload_annex_a"] == "AccessDenied"
