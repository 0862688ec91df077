"""Migration 0012 drops the one-year comparators (the published series replaced them).

Going back recreates both tables empty, with their keys, so 0011's code could run again.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from dashboard.storage.db import get_engine
from tests import test_snapshot_migration as shared

empty_database = shared.empty_database
OLD_TABLES = {"published_indicator_values", "published_indicator_sources"}
VALUE = ("INSERT INTO published_indicator_values (indicator_id, area_code, time_period, value) "
         "VALUES ('cla_rate', '370', '2025', 61.5)")


def tables(url: str) -> set[str]:
    return set(inspect(get_engine(url)).get_table_names())


def test_the_old_tables_go_and_come_back_empty(empty_database) -> None:
    url = empty_database
    shared.migrate(url, "0011")
    shared.run(url, VALUE)
    shared.migrate(url, "0012")
    assert not OLD_TABLES & tables(url)
    assert {"published_measures", "published_series_values"} <= tables(url)

    shared.migrate(url, "0011", down=True)
    assert OLD_TABLES <= tables(url)
    assert shared.one(url, "SELECT count(*) FROM published_indicator_values") == 0
    shared.run(url, VALUE)
    with pytest.raises(IntegrityError):
        shared.run(url, VALUE)
    shared.run(url, "INSERT INTO published_indicator_sources (indicator_id, time_period, "
                    "publication, source) VALUES ('cla_rate', '2025', 'CLA', 'x')")
    shared.migrate(url, "head")
    assert not OLD_TABLES & tables(url)
