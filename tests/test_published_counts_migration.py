"""Migration 0019: published figures keep their counts, suppression marks and release
dates (issue 29). Figures stored before keep their values; a suppressed figure may be
stored with no value; going back drops the new columns and the suppressed rows only."""

from __future__ import annotations

from tests import test_snapshot_migration as shared

empty_database = shared.empty_database

MEASURE = ("INSERT INTO published_measures (id, name, definition, unit, polarity, period_end, "
           "source_publication, source, licence, snapshot) VALUES ('re_referrals', "
           "'Re-referrals', 'd', '%', 'lower_better', '31 March', 'CIN', 's', 'OGL', 'x')")


def test_counts_and_marks_are_kept_and_going_back_keeps_every_figure(empty_database) -> None:
    url = empty_database
    shared.migrate(url, "0018")
    shared.run(url, MEASURE)
    shared.run(url, "INSERT INTO published_series_values (measure_id, area_code, year, "
                    "area_level, value, published) VALUES ('re_referrals', '370', 2025, "
                    "'la', 22.1, true)")

    shared.migrate(url, "0019")
    assert shared.one(url, "SELECT value FROM published_series_values "
                           "WHERE area_code = '370'") == 22.1
    shared.run(url, "UPDATE published_series_values SET numerator = 543, denominator = 2665 "
                    "WHERE area_code = '370'")
    shared.run(url, "INSERT INTO published_series_values (measure_id, area_code, year, "
                    "area_level, value, published, mark) VALUES ('re_referrals', '420', "
                    "2025, 'la', NULL, true, 'c')")
    shared.run(url, "UPDATE published_measures SET scale = 100, next_update = '2026-10-01', "
                    "polarity_reason = 'DfE: fewer repeat referrals is better.'")
    assert shared.one(url, "SELECT mark FROM published_series_values "
                           "WHERE area_code = '420'") == "c"
    assert shared.one(url, "SELECT denominator FROM published_series_values "
                           "WHERE area_code = '370'") == 2665

    shared.migrate(url, "0018", down=True)
    assert shared.one(url, "SELECT count(*) FROM published_series_values") == 1
    assert shared.one(url, "SELECT value FROM published_series_values "
                           "WHERE area_code = '370'") == 22.1
    assert shared.one(url, "SELECT name FROM published_measures") == "Re-referrals"
