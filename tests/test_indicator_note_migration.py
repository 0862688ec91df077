"""Migration 0018: an uploaded figure's note may run past 200 characters (issue 28).

A figure now says what it left out and why it may be low, and PostgreSQL refused notes
longer than the old column's 200 characters. Notes stored before keep their words; going
back shortens a longer note to its first 200 characters and keeps the row.
"""

from __future__ import annotations

from tests import test_snapshot_migration as shared

empty_database = shared.empty_database

LONG_NOTE = "1 row(s) left out: their count is blank. " * 12  # 492 characters


def test_notes_longer_than_200_characters_are_kept_and_shortened_going_back(
        empty_database) -> None:
    url = empty_database
    shared.migrate(url, "0017")
    shared.run(url, "INSERT INTO regions (code, name) VALUES ('NEYH', 'North East')")
    shared.run(url, "INSERT INTO local_authorities (la_code, ons_code, name, region_code) "
                    "VALUES ('370', 'E08000016', 'Barnsley', 'NEYH')")
    shared.run(url, shared.SNAPSHOT, id=1, period="2026-10-31", status="current",
               at="2026-11-01 09:00:00")
    shared.run(url, "INSERT INTO mi_indicator_values (snapshot_id, indicator_id, note) "
                    "VALUES (1, 'cla_rate', 'Stored before.')")

    shared.migrate(url, "0018")
    assert shared.one(url, "SELECT note FROM mi_indicator_values WHERE indicator_id = "
                           "'cla_rate'") == "Stored before."
    shared.run(url, "INSERT INTO mi_indicator_values (snapshot_id, indicator_id, note) "
                    "VALUES (1, 're_referrals', :note)", note=LONG_NOTE)
    assert shared.one(url, "SELECT note FROM mi_indicator_values WHERE indicator_id = "
                           "'re_referrals'") == LONG_NOTE

    shared.migrate(url, "0017", down=True)
    assert shared.one(url, "SELECT note FROM mi_indicator_values WHERE indicator_id = "
                           "'re_referrals'") == LONG_NOTE[:200]
    assert shared.one(url, "SELECT note FROM mi_indicator_values WHERE indicator_id = "
                           "'cla_rate'") == "Stored before."
