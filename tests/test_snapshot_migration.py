"""Migration 0009 (withdrawing snapshots) on a database that already holds uploads.

It runs on a new SQLite file and, when the suite runs on PostgreSQL, on a new database
of the same server: the uploads stored before it keep their counts and figures (SQLite
recreates the table, whose cascade would otherwise delete them), one current snapshot
per period is still enforced, and a withdrawal must say when and why.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from dashboard.storage.db import get_engine, normalise_url
from dashboard.storage.schema import alembic_config


@pytest.fixture()
def empty_database() -> Iterator[str]:
    """An empty database of the kind the suite runs on."""
    main = os.environ.get("TEST_DATABASE_URL")
    if not main:
        folder = tempfile.mkdtemp(prefix="ilacs-migration-")
        yield f"sqlite:///{folder}/migration.sqlite3"
        return
    url = make_url(normalise_url(main))
    name = f"ilacs_migration_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        get_engine(url.set(database=name).render_as_string(hide_password=False)).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def before_withdrawal() -> str:
    """The revision 0009 follows, whichever that is once branches are merged."""
    revision = ScriptDirectory.from_config(alembic_config()).get_revision("0009")
    assert revision is not None and isinstance(revision.down_revision, str)
    return revision.down_revision


def migrate(url: str, revision: str, down: bool = False) -> None:
    config = alembic_config()  # the connection below says which database
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def one(url: str, sql: str, **values: object) -> object:
    with get_engine(url).connect() as connection:
        return connection.execute(text(sql), values).scalar()


def run(url: str, sql: str, **values: object) -> None:
    with get_engine(url).begin() as connection:
        connection.execute(text(sql), values)


SNAPSHOT = ("INSERT INTO mi_snapshots (id, la_code, period_end, status, uploaded_at, "
            "source_files, rows_read, warning_count) VALUES (:id, '370', :period, :status, "
            ":at, '1 file (.xlsx)', 12, 0)")


def test_uploads_stored_before_the_migration_keep_their_figures(empty_database) -> None:
    url = empty_database
    migrate(url, before_withdrawal())
    at = datetime(2026, 10, 1, tzinfo=UTC)
    run(url, "INSERT INTO regions (code, name) VALUES ('NEYH', 'North East')")
    run(url, "INSERT INTO local_authorities (la_code, ons_code, name, region_code) "
             "VALUES ('370', 'E08000016', 'Barnsley', 'NEYH')")
    for snapshot_id, status in ((1, "replaced"), (2, "current")):
        run(url, SNAPSHOT, id=snapshot_id, period="2026-09-30", status=status, at=at)
        run(url, "INSERT INTO mi_list_counts (snapshot_id, list_number, rows) "
                 "VALUES (:id, 3, 40)", id=snapshot_id)
        run(url, "INSERT INTO mi_indicator_values (snapshot_id, indicator_id, value) "
                 "VALUES (:id, 'cla_rate', 61.5)", id=snapshot_id)

    migrate(url, "0009")
    assert one(url, "SELECT count(*) FROM mi_list_counts") == 2
    assert one(url, "SELECT count(*) FROM mi_indicator_values") == 2
    assert one(url, "SELECT status FROM mi_snapshots WHERE id = 2") == "current"
    # still one current snapshot per LA and period
    with pytest.raises(IntegrityError):
        run(url, SNAPSHOT, id=3, period="2026-09-30", status="current", at=at)
    # a withdrawal must say when and why; then it is allowed, and frees the period
    with pytest.raises(IntegrityError):
        run(url, "UPDATE mi_snapshots SET status = 'withdrawn' WHERE id = 2")
    run(url, "UPDATE mi_snapshots SET status = 'withdrawn', withdrawn_at = :at, "
             "withdrawal_reason = 'A test upload' WHERE id = 2", at=at)
    run(url, SNAPSHOT, id=3, period="2026-09-30", status="current", at=at)
    with pytest.raises(IntegrityError):
        run(url, SNAPSHOT, id=4, period="2026-06-30", status="deleted", at=at)

    # going back, a withdrawn snapshot is kept as replaced, with its figures
    migrate(url, before_withdrawal(), down=True)
    assert one(url, "SELECT status FROM mi_snapshots WHERE id = 2") == "replaced"
    assert one(url, "SELECT count(*) FROM mi_indicator_values") == 2
    with pytest.raises(IntegrityError):
        run(url, SNAPSHOT, id=4, period="2026-09-30", status="current", at=at)
    migrate(url, "0009")
    assert one(url, "SELECT count(*) FROM mi_list_counts") == 2
