"""Migration 0015 adds the reference sources table; going back removes it, and only it."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from dashboard.storage.db import get_engine
from dashboard.storage.schema import alembic_config
from tests import test_snapshot_migration as shared

empty_database = shared.empty_database
SOURCE = ("INSERT INTO reference_sources (key, title, official, repository, path, "
          "snapshot_commit, commit_date, as_at, provides) VALUES ('ofsted_official_2025', "
          "'Ofsted', true, 'r', 'p', 'abc', '2026-04-27', '2025-03-31', 'visits')")


def tables(url: str) -> set[str]:
    return set(inspect(get_engine(url)).get_table_names())


def before_sources() -> str:
    """The revision 0015 follows, whichever that is once branches are merged."""
    revision = ScriptDirectory.from_config(alembic_config()).get_revision("0015")
    assert revision is not None and isinstance(revision.down_revision, str)
    return revision.down_revision


def test_the_sources_table_comes_and_goes(empty_database) -> None:
    url = empty_database
    shared.migrate(url, before_sources())
    before = tables(url)
    assert "reference_sources" not in before
    shared.migrate(url, "0015")
    shared.run(url, SOURCE)
    assert str(shared.one(url, "SELECT as_at FROM reference_sources"))[:10] == "2025-03-31"
    shared.migrate(url, before_sources(), down=True)
    assert tables(url) == before
    shared.migrate(url, "head")
    assert "reference_sources" in tables(url)
