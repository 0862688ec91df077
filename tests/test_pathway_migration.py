"""Migration 0013 adds the senior HMI's pathway decisions and the visits inspectors enter;
going back drops both, and coming forward again makes them afresh."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from dashboard.storage.db import get_engine
from tests import test_snapshot_migration as shared

empty_database = shared.empty_database
NEW_TABLES = {"pathway_decisions", "recorded_visits"}
DECISION = ("INSERT INTO pathway_decisions (la_code, pathway, reason, next_activity, "
            "inspection_kind, inspection_date, set_at) VALUES ('358', :pathway, 'Because.', "
            "'standard', 'standard', '2026-06-08', '2026-12-01 10:00:00+00:00')")
VISIT = ("INSERT INTO recorded_visits (la_code, kind, visit_date, status, entered_at) "
         "VALUES ('358', 'monitoring_visit', '2026-10-01', :status, '2026-12-01 10:00:00+00:00')")


def tables(url: str) -> set[str]:
    return set(inspect(get_engine(url)).get_table_names())


def test_the_tables_come_and_go_with_their_checks(empty_database) -> None:
    url = empty_database
    shared.migrate(url, "0012")
    assert not NEW_TABLES & tables(url)
    shared.migrate(url, "0013")
    assert NEW_TABLES <= tables(url)
    shared.run(url, "INSERT INTO regions (code, name) VALUES ('NW', 'North West')")
    shared.run(url, "INSERT INTO local_authorities (la_code, ons_code, name, region_code) "
                    "VALUES ('358', 'E08000009', 'Trafford', 'NW')")
    shared.run(url, DECISION, pathway=3)
    shared.run(url, VISIT, status="planned")
    with pytest.raises(IntegrityError):
        shared.run(url, DECISION, pathway=4)
    with pytest.raises(IntegrityError):
        shared.run(url, VISIT, status="cancelled")
    assert shared.one(url, "SELECT count(*) FROM pathway_decisions") == 1

    shared.migrate(url, "0012", down=True)
    assert not NEW_TABLES & tables(url)
    shared.migrate(url, "0013")
    assert shared.one(url, "SELECT count(*) FROM recorded_visits") == 0
