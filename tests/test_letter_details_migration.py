"""Migration 0016: each LA's letter details, and the address and copy list each letter
keeps (issue 21). Letters stored before it keep their rows, read with no address or copy
list, and stay frozen once issued; going back removes the table and the two columns."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from dashboard.storage.db import get_engine
from dashboard.storage.schema import alembic_config
from tests import test_snapshot_migration as shared

empty_database = shared.empty_database


def columns(url: str, table: str) -> set[str]:
    return {c["name"] for c in inspect(get_engine(url)).get_columns(table)}


def before_details() -> str:
    """The revision 0016 follows, whichever that is once branches are merged."""
    revision = ScriptDirectory.from_config(alembic_config()).get_revision("0016")
    assert revision is not None and isinstance(revision.down_revision, str)
    return revision.down_revision


def test_letters_keep_their_rows_and_stay_frozen_both_ways(empty_database) -> None:
    url = empty_database
    shared.migrate(url, before_details())
    shared.run(url, "INSERT INTO regions (code, name) VALUES ('NEYH', 'North East')")
    shared.run(url, "INSERT INTO local_authorities (la_code, ons_code, name, region_code) "
                    "VALUES ('370', 'E08000016', 'Barnsley', 'NEYH')")
    shared.run(url, "INSERT INTO engagement_meetings (id, la_code, meeting_date, place, "
                    "scheduled_at, scope_topics, scope_note, next_sef_timing, "
                    "next_meeting_timing) VALUES (1, '370', '2026-10-01', 'Online', "
                    "'2026-09-01 09:00:00', '', '', '', '')")
    shared.run(url, "INSERT INTO engagement_letters (id, meeting_id, addressee, signatory, "
                    "meeting_date, attendees, body, revision, updated_at, issued_at, "
                    "issued_on) VALUES (1, 1, 'Jo Bloggs', 'Sam, Senior HMI', '2026-10-01', "
                    "'[]', 'Issued text', 2, '2026-10-02 09:00:00', '2026-10-03 09:00:00', "
                    "'2026-10-03')")
    assert "letter_details" not in inspect(get_engine(url)).get_table_names()

    shared.migrate(url, "0016")
    assert shared.one(url, "SELECT address FROM engagement_letters WHERE id = 1") == ""
    assert shared.one(url, "SELECT copies FROM engagement_letters WHERE id = 1") == ""
    with pytest.raises(DBAPIError, match="issued letter"):  # still frozen
        shared.run(url, "UPDATE engagement_letters SET address = 'x' WHERE id = 1")
    shared.run(url, "INSERT INTO letter_details (la_code, dcs_name, address, copies, "
                    "updated_at) VALUES ('370', 'Jo Bloggs', 'Town Hall', 'Ann Lee, CEO', "
                    "'2026-10-04 09:00:00')")
    assert shared.one(url, "SELECT address FROM letter_details") == "Town Hall"

    shared.migrate(url, before_details(), down=True)
    assert "letter_details" not in inspect(get_engine(url)).get_table_names()
    assert not {"address", "copies"} & columns(url, "engagement_letters")
    assert shared.one(url, "SELECT body FROM engagement_letters WHERE id = 1") == "Issued text"
    with pytest.raises(DBAPIError, match="issued letter"):  # the triggers survived
        shared.run(url, "UPDATE engagement_letters SET body = 'x' WHERE id = 1")
    shared.migrate(url, "head")
    assert {"address", "copies"} <= columns(url, "engagement_letters")
