"""The README's backup and restore, for real, on the test PostgreSQL: `pg_dump -Fc` of
the test database, `pg_restore --no-owner` into a new empty database on the same
server, the app serving from it with the audit trail whole and still append-only
(issue "Nothing typed is lost and nothing stays down")."""

from __future__ import annotations

import glob
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from dashboard.access import SYSTEM
from dashboard.services.user_admin import create_user
from dashboard.storage.db import normalise_url, session_scope
from dashboard.storage.models import AuditEvent, User
from tests.conftest import ACCOUNTS, PASSWORD

ROOT = Path(__file__).resolve().parent.parent
TEST_URL = os.environ.get("TEST_DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not TEST_URL.startswith(("postgresql", "postgres:")),
    reason="backup and restore use pg_dump and pg_restore: they run when TEST_DATABASE_URL "
           "is a PostgreSQL URL (make test-postgres, and CI)",
)


def _pg_bin(name: str) -> str:
    """PostgreSQL's own tools, from the bin folder tests/tools/postgres.sh uses."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                     key=lambda path: int(path.split("/")[-2].split(".")[0]))
    if not folders:
        pytest.fail("no /usr/lib/postgresql/*/bin: PostgreSQL's tools are not installed")
    return str(Path(folders[-1]) / name)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _libpq(url: str) -> str:
    """A URL libpq reads (no SQLAlchemy driver name)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _server_admin(sql: str) -> None:
    engine = create_engine(normalise_url(TEST_URL), poolclass=NullPool,
                           isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()


@pytest.fixture()
def restored_database(seeded_db, tmp_path: Path):
    name = f"ilacs_restore_{secrets.token_hex(4)}"
    _server_admin(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        _server_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(*command: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{command[0]} failed:\n{result.stderr[-3000:]}"


SERVE = """
import json
from tests.conftest import csrf_from
from dashboard.web.webapp import create_app

client = create_app().server.test_client()
page = client.get("/login")
signed_in = client.post("/login", data={"email": EMAIL, "password": PASSWORD, "next": "/",
                        "csrf_token": csrf_from(page.get_data(as_text=True))})
home = client.get("/")
ready = client.get("/ready")
print(json.dumps({"sign_in": signed_in.status_code, "home": home.status_code,
                  "ready": ready.get_json()}))
"""


def test_a_pg_dump_restores_into_a_new_database_that_the_app_serves(
        restored_database: str, tmp_path: Path) -> None:
    errors = create_user(SYSTEM, email=f"backup.{secrets.token_hex(3)}@test.example.org",
                         full_name="Backed Up", role="admin", password=PASSWORD)
    assert not errors
    with session_scope() as session:
        audit_rows = session.scalar(select(func.count(AuditEvent.id)))
        newest = session.scalar(select(func.max(AuditEvent.id)))
        users = session.scalar(select(func.count(User.id)))
    assert audit_rows > 0

    dump = tmp_path / "ilacs.dump"
    _run(_pg_bin("pg_dump"), "-Fc", "-f", str(dump), "-d", _libpq(TEST_URL))
    new_url = _with_database(TEST_URL, restored_database)
    _run(_pg_bin("pg_restore"), "--no-owner", "--exit-on-error", "-d", _libpq(new_url),
         str(dump))

    engine = create_engine(normalise_url(new_url), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM audit_events")) == audit_rows
            assert connection.scalar(text("SELECT max(id) FROM audit_events")) == newest
            assert connection.scalar(text("SELECT count(*) FROM users")) == users
        # the restored trail is still append-only: its triggers came back with it
        for statement in ("UPDATE audit_events SET actor_name = 'someone else'",
                          "DELETE FROM audit_events", "TRUNCATE audit_events"):
            with engine.connect() as connection, pytest.raises(DBAPIError) as refused:
                connection.execute(text(statement))
            assert "cannot be changed or deleted" in str(refused.value), statement
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM audit_events")) == audit_rows
    finally:
        engine.dispose()

    # the app, started on the restored database, signs a user in and serves a page
    env = dict(os.environ, DATABASE_URL=new_url, INSTANCE_DIR=str(tmp_path),
               CELERY_BROKER_URL="")
    script = f"EMAIL = {ACCOUNTS['admin']['email']!r}\nPASSWORD = {PASSWORD!r}\n" + SERVE
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {"sign_in": 302, "home": 200,
                      "ready": {"database": "ok", "redis": "not used", "worker": "not used"}}
