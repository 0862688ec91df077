"""Migration 0017: "not discussed" on a record's agenda items and the reason a letter was
issued despite the issuing rules.

Items and letters stored before it keep their rows (items are not marked, letters have no
reason); an issued letter stays frozen both ways, since the letters' column is added and
dropped in place and the triggers of 0006 are kept.
"""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from dashboard.storage.db import get_engine
from tests import test_snapshot_migration as shared

empty_database = shared.empty_database


def columns(url: str, table: str) -> set[str]:
    return {c["name"] for c in inspect(get_engine(url)).get_columns(table)}


def before_not_discussed() -> str:
    """The revision 0017 follows: 0015 on this branch, 0016 once the letter layout's
    migration is merged before it."""
    from alembic.script import ScriptDirectory

    from dashboard.storage.schema import alembic_config

    revision = ScriptDirectory.from_config(alembic_config()).get_revision("0017")
    assert revision is not None and revision.down_revision in ("0015", "0016")
    return str(revision.down_revision)


def frozen(url: str) -> bool:
    try:
        shared.run(url, "UPDATE engagement_letters SET body = 'changed' WHERE id = 1")
    except DBAPIError as error:
        return "issued letter" in str(error)
    return False


def test_items_and_letters_keep_their_rows_and_issued_letters_stay_frozen(
        empty_database) -> None:
    url = empty_database
    shared.migrate(url, before_not_discussed())
    shared.run(url, "INSERT INTO regions (code, name) VALUES ('NEYH', 'North East')")
    shared.run(url, "INSERT INTO local_authorities (la_code, ons_code, name, region_code) "
                    "VALUES ('370', 'E08000016', 'Barnsley', 'NEYH')")
    shared.run(url, "INSERT INTO engagement_meetings (id, la_code, meeting_date, place, "
                    "scheduled_at, scope_topics, scope_note, next_sef_timing, "
                    "next_meeting_timing) VALUES (1, '370', '2026-10-01', 'Online', "
                    "'2026-09-01 09:00:00', '', '', '', '')")
    shared.run(url, "INSERT INTO agenda_items (meeting_id, position, title, discussion, "
                    "status, record_note) VALUES (1, 1, 'Context', '', 'agenda', 'Budget.')")
    shared.run(url, "INSERT INTO engagement_letters (id, meeting_id, addressee, signatory, "
                    "meeting_date, attendees, body, revision, updated_at, issued_at, "
                    "issued_on) VALUES (1, 1, 'Jo Bloggs', 'Sam, Senior HMI', '2026-10-01', "
                    "'[]', 'Text', 1, '2026-10-02 09:00:00', '2026-10-02 10:00:00', "
                    "'2026-10-02')")
    assert "not_discussed" not in columns(url, "agenda_items")

    shared.migrate(url, "0017")
    assert not shared.one(url, "SELECT not_discussed FROM agenda_items WHERE meeting_id = 1")
    assert shared.one(url, "SELECT issue_reason FROM engagement_letters WHERE id = 1") is None
    assert frozen(url)
    shared.run(url, "UPDATE agenda_items SET not_discussed = :yes", yes=True)

    shared.migrate(url, before_not_discussed(), down=True)
    assert "not_discussed" not in columns(url, "agenda_items")
    assert "issue_reason" not in columns(url, "engagement_letters")
    assert shared.one(url, "SELECT record_note FROM agenda_items WHERE meeting_id = 1") == (
        "Budget.")
    assert shared.one(url, "SELECT body FROM engagement_letters WHERE id = 1") == "Text"
    assert frozen(url)

