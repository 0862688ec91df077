"""Loading data/: complete, consistent with the models, and idempotent."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import func, select

from dashboard.storage.db import session_scope
from dashboard.storage.models import (
    InspectionEvent,
    LocalAuthority,
    PublishedMeasure,
    PublishedSeriesValue,
    ReferenceSource,
    Region,
    StatisticalNeighbour,
)
from dashboard.storage.reference_data import DATA_DIR, load_reference_data
from dashboard.storage.schema import alembic_config


def _count(model: type) -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_every_la_with_childrens_services_duties_is_loaded(seeded_db) -> None:
    assert _count(Region) == 8
    assert _count(LocalAuthority) == 153
    assert _count(StatisticalNeighbour) == 153 * 10
    with session_scope() as session:
        camden = session.get(LocalAuthority, "202")
        assert camden is not None
        assert (camden.name, camden.ons_code, camden.region.name) == (
            "Camden",
            "E09000007",
            "London",
        )
        assert [n.rank for n in camden.neighbours] == list(range(1, 11))


def test_each_la_has_history_and_rows_match_the_csv(seeded_db) -> None:
    rows = list(csv.DictReader((DATA_DIR / "inspections.csv").open(encoding="utf-8")))
    assert _count(InspectionEvent) == len(rows)
    with session_scope() as session:
        without = session.scalars(
            select(LocalAuthority.la_code).where(
                ~LocalAuthority.la_code.in_(select(InspectionEvent.la_code))
            )
        ).all()
    assert without == []


def test_published_series_are_loaded_with_the_computed_region_marked(seeded_db) -> None:
    rows = list(csv.DictReader((DATA_DIR / "indicator_series.csv").open(encoding="utf-8")))
    assert _count(PublishedSeriesValue) == len(rows)
    assert _count(PublishedMeasure) >= 40
    with session_scope() as session:
        calderdale = session.get(PublishedSeriesValue, ("assessments_45_days", "381", 2025))
        assert calderdale is not None and calderdale.value == 96.3  # the figure
        neyh = session.get(PublishedSeriesValue, ("assessments_45_days", "NEYH", 2025))
        assert neyh is not None and not neyh.published and neyh.n_areas == 27
        london = session.get(PublishedSeriesValue, ("assessments_45_days", "LON", 2025))
        assert london is not None and london.published and london.n_areas is None


def test_sources_are_loaded_with_their_dates_and_visit_periods(seeded_db) -> None:
    rows = list(csv.DictReader((DATA_DIR / "reference_sources.csv").open(encoding="utf-8")))
    assert _count(ReferenceSource) == len(rows)
    with session_scope() as session:
        latest = session.get(ReferenceSource, "ofsted_official_2025")
        assert latest is not None and latest.official
        assert (latest.as_at, latest.published_on) == (date(2025, 3, 31), date(2025, 9, 25))
        assert (latest.visits_from, latest.visits_to) == (date(2024, 4, 1), date(2025, 3, 31))
        earlier = session.get(ReferenceSource, "ofsted_official_2024")
        assert earlier is not None
        assert (earlier.visits_from, earlier.visits_to) == (date(2023, 4, 1), date(2024, 3, 31))
        scrape = session.get(ReferenceSource, "jt39_scrape")
        assert scrape is not None and not scrape.official and scrape.visits_from is None
        # every inspection row names a source of this table
        sources = set(session.scalars(select(InspectionEvent.source).distinct()))
        assert sources <= {s.key for s in session.scalars(select(ReferenceSource))}


def test_second_load_changes_nothing(seeded_db) -> None:
    before = (_count(InspectionEvent), _count(StatisticalNeighbour))
    with session_scope() as session:
        report = load_reference_data(session)
    assert not report.changed
    assert (_count(InspectionEvent), _count(StatisticalNeighbour)) == before


def test_a_corrected_source_row_updates_in_place(seeded_db, tmp_path: Path) -> None:
    for name in ("regions.csv", "local_authorities.csv", "inspections.csv",
                 "reference_sources.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    path = tmp_path / "local_authorities.csv"
    text = path.read_text(encoding="utf-8").replace(",Camden,", ",Camden (renamed),", 1)
    path.write_text(text, encoding="utf-8")
    try:
        with session_scope() as session:
            report = load_reference_data(session, tmp_path)
        assert report.updated == {"local_authorities": 1} and not report.added
        with session_scope() as session:
            assert session.get(LocalAuthority, "202").name == "Camden (renamed)"
    finally:
        with session_scope() as session:
            load_reference_data(session)
    with session_scope() as session:
        assert session.get(LocalAuthority, "202").name == "Camden"


def test_migrations_match_the_models(seeded_db) -> None:
    """Fails when a model changes without a migration (alembic check)."""
    command.check(alembic_config())
