"""Migration 0020: newer DfE releases loaded through the app (issue 29 item 6).

Figures stored before keep their values (and have no release); a release and its
figures can be stored; going back drops the table and the column and keeps every figure.
"""

from __future__ import annotations

from tests import test_snapshot_migration as shared

empty_database = shared.empty_database

FIGURE = ("INSERT INTO published_series_values (measure_id, area_code, year, area_level, "
          "value, published) VALUES (:measure, '370', :year, 'la', :value, :published)")


def test_figures_are_kept_up_and_down_and_a_release_can_be_stored(empty_database) -> None:
    url = empty_database
    shared.migrate(url, "0019")
    shared.run(url, FIGURE, measure="re_referrals", year=2025, value=25.5, published=True)

    shared.migrate(url, "0020")
    assert shared.one(url, "SELECT release_id FROM published_series_values") is None
    shared.run(url, "INSERT INTO published_releases (id, file_name, sha256, loaded_at, "
                    "measures, years, rows) VALUES (1, 'c1.csv', :sha, "
                    "'2026-12-07 21:00:00', 're_referrals', '2026', 1)", sha="a" * 64)
    shared.run(url, "INSERT INTO published_series_values (measure_id, area_code, year, "
                    "area_level, value, published, release_id) VALUES ('re_referrals', "
                    "'370', 2026, 'la', 23.0, :published, 1)", published=True)
    assert shared.one(url, "SELECT count(*) FROM published_series_values "
                           "WHERE release_id = 1") == 1

    shared.migrate(url, "0019", down=True)
    assert shared.one(url, "SELECT count(*) FROM published_series_values") == 2
    assert shared.one(url, "SELECT value FROM published_series_values "
                           "WHERE year = 2026") == 23.0
    shared.migrate(url, "0020")
    assert shared.one(url, "SELECT count(*) FROM published_releases") == 0
