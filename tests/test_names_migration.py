"""Migration 0021: names stored before it lose their control characters (a vertical tab
copied from Word or Excel made every Word download naming that person fail); issued
letters stay as they were sent, and going back changes nothing."""

from __future__ import annotations

import importlib

from alembic.script import ScriptDirectory

from dashboard.storage.schema import alembic_config
from tests import test_snapshot_migration as shared

empty_database = shared.empty_database

DIRTY = "Jo\x0bBloggs\x01 \u200b"


def before_names() -> str:
    """The revision 0021 follows, whichever that is once branches are merged."""
    revision = ScriptDirectory.from_config(alembic_config()).get_revision("0021")
    assert revision is not None and isinstance(revision.down_revision, str)
    return revision.down_revision


def test_the_cleaning_rules() -> None:
    migration = importlib.import_module(
        "migrations.versions.0021_names_without_control_characters")
    assert migration.one_line(" Jo\x0bBloggs\t\n Smith\x00\u200d ") == "Jo Bloggs Smith"
    assert migration.one_line("Siân O'Neill") == "Siân O'Neill"
    assert migration.lines("Town Hall\x0bWestgate\r\n\x01\nS70 2TA") == (
        "Town Hall\nWestgate\nS70 2TA")


def test_stored_names_are_cleaned_and_issued_letters_left_as_sent(empty_database) -> None:
    url = empty_database
    shared.migrate(url, before_names())
    shared.run(url, "INSERT INTO regions (code, name) VALUES ('NEYH', 'North East')")
    shared.run(url, "INSERT INTO local_authorities (la_code, ons_code, name, region_code) "
                    "VALUES ('370', 'E08000016', 'Barnsley', 'NEYH')")
    shared.run(url, "INSERT INTO users (id, email, full_name, password_hash, role, "
                    "region_code, is_senior, is_dcs, active, created_at, session_version) "
                    "VALUES (1, 'a@x.org', :dirty, 'x', 'inspector', 'NEYH', :no, :no, "
                    ":yes, '2026-01-01', 1), (2, 'b@x.org', 'Clean Name', 'x', 'admin', "
                    "NULL, :no, :no, :yes, '2026-01-01', 1)", dirty=DIRTY, no=False, yes=True)
    shared.run(url, "INSERT INTO engagement_meetings (id, la_code, meeting_date, place, "
                    "scheduled_at, scope_topics, scope_note, next_sef_timing, "
                    "next_meeting_timing) VALUES (1, '370', '2026-10-01', 'Online', "
                    "'2026-09-01 09:00:00', '', '', '', ''), (2, '370', '2025-10-01', "
                    "'Online', '2025-09-01 09:00:00', '', '', '', '')")
    shared.run(url, "INSERT INTO meeting_attendees (meeting_id, side, position, name, role) "
                    "VALUES (1, 'la', 1, :dirty, 'Director\tof Services')", dirty=DIRTY)
    shared.run(url, "INSERT INTO letter_details (la_code, dcs_name, address, copies, "
                    "updated_at) VALUES ('370', :dirty, :address, :copies, '2026-10-04 09:00:00')",
               dirty=DIRTY, address="Town Hall\x0bWestgate", copies="Ann\x0bLee, CEO")
    for letter_id, issued in ((1, None), (2, "2026-10-03 09:00:00")):
        shared.run(url, "INSERT INTO engagement_letters (id, meeting_id, addressee, "
                        "signatory, meeting_date, attendees, body, revision, updated_at, "
                        "issued_at, issued_on, address, copies) VALUES (:id, :id, :dirty, "
                        ":dirty, '2026-10-01', '[]', 'Text', 1, '2026-10-02 09:00:00', "
                        ":issued, :on, :address, '')", id=letter_id, dirty=DIRTY,
                   address="Town\x01Hall",
                   issued=issued, on=issued and issued[:10])

    shared.migrate(url, "0021")
    assert shared.one(url, "SELECT full_name FROM users WHERE id = 1") == "Jo Bloggs"
    assert shared.one(url, "SELECT full_name FROM users WHERE id = 2") == "Clean Name"
    assert shared.one(url, "SELECT session_version FROM users WHERE id = 1") == 1
    assert shared.one(url, "SELECT name FROM meeting_attendees") == "Jo Bloggs"
    assert shared.one(url, "SELECT role FROM meeting_attendees") == "Director of Services"
    assert shared.one(url, "SELECT dcs_name FROM letter_details") == "Jo Bloggs"
    assert shared.one(url, "SELECT address FROM letter_details") == "Town Hall\nWestgate"
    assert shared.one(url, "SELECT copies FROM letter_details") == "Ann\nLee, CEO"
    assert shared.one(url, "SELECT addressee FROM engagement_letters WHERE id = 1") == (
        "Jo Bloggs")
    assert shared.one(url, "SELECT signatory FROM engagement_letters WHERE id = 1") == (
        "Jo Bloggs")
    assert shared.one(url, "SELECT address FROM engagement_letters WHERE id = 1") == (
        "TownHall")
    assert shared.one(url, "SELECT addressee FROM engagement_letters WHERE id = 2") == DIRTY

    shared.migrate(url, before_names(), down=True)  # going back changes nothing
    assert shared.one(url, "SELECT full_name FROM users WHERE id = 1") == "Jo Bloggs"
    shared.migrate(url, "head")
    assert shared.one(url, "SELECT name FROM meeting_attendees") == "Jo Bloggs"
