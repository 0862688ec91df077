"""The published-figures service: every measure for an LA in one session, access-checked."""

from __future__ import annotations

import pytest

from dashboard.access import AccessDenied
from dashboard.services.published import published_figures
from tests.test_composite_services import sessions  # noqa: F401 - fixture
from tests.test_engagement import principal


def test_an_la_gets_every_measure_compared_in_one_session(seeded_db, sessions) -> None:  # noqa: F811
    hmi = principal(seeded_db, "hmi_neyh")
    sessions.clear()
    figures = published_figures(hmi, "381")  # Calderdale: no upload, published figures
    assert len(sessions) == 1
    assert len(figures.rows) >= 40
    row = next(r for r in figures.rows if r.measure.id == "assessments_45_days")
    comparison = row.comparison
    assert (comparison.year, comparison.value) == (2025, 96.3)
    assert comparison.neighbours.of == 10 and 0 < comparison.neighbours.count <= 10
    assert not comparison.region_published and comparison.region_count == 27
    assert comparison.england == 85.7
    assert comparison.rank is not None and comparison.band in {"A", "B", "C", "D"}
    assert [year for year, _ in comparison.trend] == list(range(2020, 2026))
    assert set(figures.rules) == {"worst_quartile", "beyond_england", "beyond_neighbours",
                                  "large_change"}
    assert row.measure.licence == "Open Government Licence v3.0"


def test_other_las_user_and_other_regions_inspector_are_refused(seeded_db) -> None:
    with pytest.raises(AccessDenied):
        published_figures(principal(seeded_db, "la_barnsley"), "381")
    with pytest.raises(AccessDenied):
        published_figures(principal(seeded_db, "hmi_london"), "381")
    assert published_figures(principal(seeded_db, "la_barnsley"), "370").la_code == "370"
    assert published_figures(principal(seeded_db, "hmi_london"), "202").region_code == "LON"


def test_the_overview_counts_each_las_published_flags_as_its_own_page_does(seeded_db) -> None:
    from dashboard.domain.published_series import count_flagged_measures
    from dashboard.services.region_overview import region_rows

    hmi = principal(seeded_db, "hmi_neyh")
    rows = {r.la_code: r for r in region_rows(hmi, "NEYH").rows}
    assert len(rows) == 27
    for la_code in ("381", "392", "370"):  # with and without uploads alike
        own = [row.comparison.flags for row in published_figures(hmi, la_code).rows
               if row.comparison.value is not None]
        assert rows[la_code].outliers == count_flagged_measures(own)
    assert any(r.outliers.total for r in rows.values())  # the rules flag something


def test_a_changed_figure_is_seen_though_the_national_picture_is_kept(
        seeded_db) -> None:
    from sqlalchemy import update

    from dashboard.access import SYSTEM
    from dashboard.storage.db import session_scope
    from dashboard.storage.models import PublishedSeriesValue as Value

    def calderdale() -> float | None:
        rows = published_figures(SYSTEM, "381").rows
        return next(r for r in rows if r.measure.id == "assessments_45_days").comparison.value

    where = (Value.measure_id == "assessments_45_days", Value.area_code == "381",
             Value.year == 2025)
    assert calderdale() == 96.3
    try:
        with session_scope() as session:
            session.execute(update(Value).where(*where).values(value=12.5))
        assert calderdale() == 12.5
        rows = published_figures(SYSTEM, "381").rows
        row = next(r for r in rows if r.measure.id == "assessments_45_days")
        assert row.comparison.band == "D"  # the national picture was worked out again
    finally:
        with session_scope() as session:
            session.execute(update(Value).where(*where).values(value=96.3))
    assert calderdale() == 96.3


def test_a_process_asks_whether_the_series_changed_only_every_so_often(
        seeded_db, monkeypatch) -> None:
    from sqlalchemy import update

    from dashboard.access import SYSTEM
    from dashboard.services import published
    from dashboard.storage.db import session_scope
    from dashboard.storage.models import PublishedSeriesValue as Value

    def doncaster() -> float | None:
        rows = published_figures(SYSTEM, "371").rows
        return next(r for r in rows if r.measure.id == "cla_rate").comparison.value

    where = (Value.measure_id == "cla_rate", Value.area_code == "371", Value.year == 2025)
    before = doncaster()
    monkeypatch.setattr(published, "CHECK_EVERY_SECONDS", 3600.0)
    try:
        with session_scope() as session:
            session.execute(update(Value).where(*where).values(value=before + 1))
        assert doncaster() == before  # not asked again within the hour
        monkeypatch.setattr(published, "CHECK_EVERY_SECONDS", 0.0)
        assert doncaster() == before + 1  # asked, and the change is seen
    finally:
        with session_scope() as session:
            session.execute(update(Value).where(*where).values(value=before))
