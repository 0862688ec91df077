"""Migration 0014: the DCS-or-delegate flag on accounts and each attendee's part.

Accounts and attendees stored before it keep their rows: accounts are not marked (an
administrator marks the DCS), attendees have no part (the record reads as before and
asks for parts when saved again). Going back drops both columns and keeps the rows.
"""

from __future__ import annotations

from sqlalchemy import inspect

from dashboard.storage.db import get_engine
from tests import test_snapshot_migration as shared

empty_database = shared.empty_database


def columns(url: str, table: str) -> set[str]:
    return {c["name"] for c in inspect(get_engine(url)).get_columns(table)}


def before_dcs() -> str:
    """The revision 0014 follows, whichever that is once branches are merged."""
    from alembic.script import ScriptDirectory

    from dashboard.storage.schema import alembic_config

    revision = ScriptDirectory.from_config(alembic_config()).get_revision("0014")
    assert revision is not None and isinstance(revision.down_revision, str)
    return revision.down_revision


def test_accounts_and_attendees_keep_their_rows_both_ways(empty_database) -> None:
    url = empty_database
    shared.migrate(url, before_dcs())
    shared.run(url, "INSERT INTO regions (code, name) VALUES ('NEYH', 'North East')")
    shared.run(url, "INSERT INTO local_authorities (la_code, ons_code, name, region_code) "
                    "VALUES ('370', 'E08000016', 'Barnsley', 'NEYH')")
    shared.run(url, "INSERT INTO users (id, email, full_name, password_hash, role, la_code, "
                    "is_senior, active, created_at) VALUES (1, 'a@x.org', 'A', 'x', "
                    "'la_user', '370', :no, :yes, '2026-01-01')", no=False, yes=True)
    shared.run(url, "INSERT INTO engagement_meetings (id, la_code, meeting_date, place, "
                    "scheduled_at, scope_topics, scope_note, next_sef_timing, "
                    "next_meeting_timing) VALUES (1, '370', '2026-10-01', 'Online', "
                    "'2026-09-01 09:00:00', '', '', '', '')")
    shared.run(url, "INSERT INTO meeting_attendees (meeting_id, side, position, name, role) "
                    "VALUES (1, 'la', 1, 'Jo Bloggs', 'DCS')")
    assert "is_dcs" not in columns(url, "users")

    shared.migrate(url, "0014")
    assert not shared.one(url, "SELECT is_dcs FROM users WHERE id = 1")
    assert shared.one(url, "SELECT part FROM meeting_attendees WHERE name = 'Jo Bloggs'") is None
    shared.run(url, "UPDATE users SET is_dcs = :yes WHERE id = 1", yes=True)
    shared.run(url, "UPDATE meeting_attendees SET part = 'dcs'")
    assert shared.one(url, "SELECT is_dcs FROM users WHERE id = 1")

    shared.migrate(url, before_dcs(), down=True)
    assert "is_dcs" not in columns(url, "users")
    assert "part" not in columns(url, "meeting_attendees")
    assert shared.one(url, "SELECT email FROM users WHERE id = 1") == "a@x.org"
    assert shared.one(url, "SELECT role FROM meeting_attendees") == "DCS"
    shared.migrate(url, "head")
    assert not shared.one(url, "SELECT is_dcs FROM users WHERE id = 1")
