"""Every entry point registers the audit listener where it assembles the process, so a
fresh session factory there (and in a process forked from it: background jobs, gunicorn
and Celery workers) records every change. Storage itself never imports the services."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from dashboard.services.audit import record_changes
from dashboard.storage.db import _session_factory

ROOT = Path(__file__).resolve().parents[1]
BROKER = {"CELERY_BROKER_URL": "redis://127.0.0.1:9/0"}  # never connected to here

ENTRY_POINTS = {
    "create_app": ("from dashboard.web.webapp import create_app\ncreate_app()", {}),
    "app.py (gunicorn, make run)": ("import app", {}),
    "app.py with Celery (make worker)": ("import app\nassert app.celery_app is not None",
                                         BROKER),
    "the Celery app alone": ("from dashboard.web.background import celery_app\ncelery_app()",
                             BROKER),
    "the command line": ("from dashboard.cli import main\n"
                         "assert main(['check-production', '--allow-demo']) == 0", {}),
}

CHECK = """
import os
from sqlalchemy import event
from dashboard.services.audit import record_changes
from dashboard.storage.db import _session_factory

def watched(name):
    return event.contains(_session_factory(f"sqlite:///{folder}/{{name}}.sqlite3"),
                          "after_flush", record_changes)

{setup}
print("parent", watched("parent"))
child = os.fork()
if child == 0:
    os._exit(0 if watched("child") else 1)
print("child", os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 0)
"""


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_each_entry_point_audits_every_session(entry: str, seeded_db: dict[str, int],
                                               tmp_path: Path) -> None:
    setup, env = ENTRY_POINTS[entry]
    done = subprocess.run([sys.executable, "-c", CHECK.format(folder=tmp_path, setup=setup)],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **env}, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[-2:] == ["parent True", "child True"], done.stdout


def test_the_tests_audit_every_session(tmp_path: Path) -> None:
    """Tests call services without create_app: tests/app_fixtures.py registers it."""
    factory = _session_factory(f"sqlite:///{tmp_path}/fresh.sqlite3")
    assert event.contains(factory, "after_flush", record_changes)
