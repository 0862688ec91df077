"""Load the reference data in data/ into the database. Safe to run again: it changes
only what differs, and a second run changes nothing."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from dashboard.config import PROJECT_ROOT
from dashboard.domain.framework import GRADE_LABELS, INSPECTION_KIND_LABELS, JUDGEMENTS
from dashboard.storage.models import (
    InspectionEvent,
    LocalAuthority,
    PublishedMeasure,
    PublishedSeriesValue,
    ReferenceSource,
    Region,
    StatisticalNeighbour,
)

DATA_DIR = PROJECT_ROOT / "data"
GRADE_COLUMNS = tuple(JUDGEMENTS)
KNOWN_GRADES = frozenset(GRADE_LABELS)
KNOWN_KINDS = frozenset(INSPECTION_KIND_LABELS)
#: How many years a measure keeps once a loaded release is newer than data/'s series
#: (data/build_series.py KEEP_YEARS).
RELEASE_KEEP_YEARS = 6


@dataclass
class LoadReport:
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, table: str) -> None:
        bucket = self.added if kind == "added" else self.updated
        bucket[table] = bucket.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _int(value: str) -> int | None:
    return int(value) if value else None


def _apply(obj: Any, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _upsert(
    session: Session, model: type, key: Any, values: dict[str, Any], report: LoadReport
) -> None:
    existing = session.get(model, key)
    if existing is None:
        session.add(model(**values))
        report.count("added", model.__tablename__)
    elif _apply(existing, values):
        report.count("updated", model.__tablename__)


def inspection_source_key(row: dict[str, str]) -> str:
    return f"{row['la_code']}|{row['kind']}|{row['start_date'] or row['publication_date']}"


def _inspection_values(row: dict[str, str]) -> dict[str, Any]:
    if row["kind"] not in KNOWN_KINDS:
        raise ValueError(f"inspections.csv: unknown kind {row['kind']!r} for LA {row['la_code']}")
    grades = {col: row[col] or None for col in GRADE_COLUMNS}
    for col, grade in grades.items():
        if grade is not None and grade not in KNOWN_GRADES:
            raise ValueError(f"inspections.csv: unknown grade {grade!r} in column {col}")
    return {
        "source_key": inspection_source_key(row),
        "la_code": row["la_code"],
        "kind": row["kind"],
        "start_date": _date(row["start_date"]),
        "end_date": _date(row["end_date"]),
        "publication_date": _date(row["publication_date"]),
        **grades,
        "visit_theme": row["visit_theme"] or None,
        "grade_note": row["grade_note"] or None,
        "source": row["source"],
        "report_url": row["report_url"] or None,
    }


def load_reference_data(session: Session, data_dir: Path = DATA_DIR) -> LoadReport:
    """Regions, LAs, neighbours, inspections, their sources and published series from
    data/*.csv, in one go."""
    report = LoadReport()
    for row in _rows(data_dir / "regions.csv"):
        _upsert(session, Region, row["code"], {"code": row["code"], "name": row["name"]}, report)
    session.flush()

    la_rows = _rows(data_dir / "local_authorities.csv")
    for row in la_rows:
        values = {
            "la_code": row["la_code"],
            "ons_code": row["ons_code"],
            "name": row["name"],
            "region_code": row["region_code"],
            "la_type": row["la_type"] or None,
            "ofsted_urn": row["ofsted_urn"] or None,
            "under18_population": _int(row["under18_population"]),
            "under18_population_year": _int(row["under18_population_year"]),
        }
        _upsert(session, LocalAuthority, row["la_code"], values, report)
    session.flush()

    for row in la_rows:
        wanted = [c for c in row["statistical_neighbours"].split(";") if c]
        current = session.scalars(
            select(StatisticalNeighbour)
            .where(StatisticalNeighbour.la_code == row["la_code"])
            .order_by(StatisticalNeighbour.rank)
        ).all()
        if [n.neighbour_code for n in current] == wanted:
            continue
        for neighbour in current:
            session.delete(neighbour)
        session.flush()
        for rank, code in enumerate(wanted, start=1):
            session.add(
                StatisticalNeighbour(la_code=row["la_code"], rank=rank, neighbour_code=code)
            )
        report.count("updated" if current else "added", "statistical_neighbours")

    existing = {e.source_key: e for e in session.scalars(select(InspectionEvent))}
    for row in _rows(data_dir / "inspections.csv"):
        values = _inspection_values(row)
        event = existing.get(values["source_key"])
        if event is None:
            event = InspectionEvent(**values)
            session.add(event)
            existing[values["source_key"]] = event
            report.count("added", "inspection_events")
        elif _apply(event, values):
            report.count("updated", "inspection_events")
    session.flush()
    _load_sources(session, data_dir, report)
    _load_series(session, data_dir, report)
    return report


def _load_sources(session: Session, data_dir: Path, report: LoadReport) -> None:
    """Where each source was read and how recent it is (data/reference_sources.csv); a
    source no longer listed is removed, so no page cites it."""
    path = data_dir / "reference_sources.csv"
    if not path.exists():
        return
    rows = _rows(path)
    for gone in session.scalars(select(ReferenceSource).where(
            ReferenceSource.key.not_in([row["key"] for row in rows]))):
        session.delete(gone)
        report.count("updated", ReferenceSource.__tablename__)
    for row in rows:
        values = {
            "key": row["key"],
            "title": row["title"],
            "official": row["official"] == "yes",
            "repository": row["repository"],
            "path": row["path"],
            "snapshot_commit": row["snapshot_commit"],
            "commit_date": date.fromisoformat(row["commit_date"][:10]),
            "as_at": date.fromisoformat(row["as_at"]),
            "published_on": _date(row["published_on"]),
            "visits_from": _date(row["visits_from"]),
            "visits_to": _date(row["visits_to"]),
            "provides": row["provides"],
        }
        _upsert(session, ReferenceSource, row["key"], values, report)
    session.flush()


def _load_series(session: Session, data_dir: Path, report: LoadReport) -> None:
    """Published series (issue 19): measures one by one, then ~46,000 figures in bulk.

    Figures are compared with what is stored and only the differences written; figures
    no longer in the file are removed (a rebuild drops the oldest year).

    A newer DfE release loaded through the app (``release_id``), measure by measure:
    where the file's latest year for the measure is as new as the release's or newer, the
    file wins: the release's figures become ordinary figures (``release_id`` cleared) and
    the file's figures and release dates are loaded as for any measure. Otherwise the
    release's figures and its measure's release dates stand, and the measure keeps its
    last ``RELEASE_KEEP_YEARS`` years (from the release's latest year), as a rebuild would.
    """
    measures_path = data_dir / "indicator_measures.csv"
    series_path = data_dir / "indicator_series.csv"
    if not measures_path.exists() or not series_path.exists():
        return
    table = PublishedSeriesValue.__table__
    series_rows = _rows(series_path)
    file_latest: dict[str, int] = {}
    for row in series_rows:
        file_latest[row["measure_id"]] = max(file_latest.get(row["measure_id"], 0),
                                             int(row["year"]))
    release_latest: dict[str, int] = dict(session.execute(
        select(table.c.measure_id, func.max(table.c.year))
        .where(table.c.release_id.is_not(None)).group_by(table.c.measure_id)).all())
    superseded = sorted(m for m, year in release_latest.items()
                        if file_latest.get(m, 0) >= year)
    if superseded:  # the file is as new as the release: the file wins
        session.execute(update(table).where(table.c.release_id.is_not(None),
                                            table.c.measure_id.in_(superseded))
                        .values(release_id=None))
        report.count("updated", table.name)
    # the release is newer: its figures stand, and the measure keeps its last years
    first_kept = {m: year - RELEASE_KEEP_YEARS + 1 for m, year in release_latest.items()
                  if m not in superseded}
    for measure_id, first in first_kept.items():
        trimmed = session.execute(delete(table).where(
            table.c.release_id.is_not(None), table.c.measure_id == measure_id,
            table.c.year < first))
        if trimmed.rowcount:
            report.count("updated", table.name)
    loaded = {(r.measure_id, r.area_code, r.year) for r in session.execute(
        select(table.c.measure_id, table.c.area_code, table.c.year)
        .where(table.c.release_id.is_not(None)))}
    released_measures = set(first_kept)
    for row in _rows(measures_path):
        values = {
            "id": row["id"],
            "name": row["name"][:300],
            "definition": row["definition"],
            "unit": row["unit"][:100],
            "polarity": row["polarity"],
            "period_end": row["period_end"],
            "source_publication": row["source_publication"][:200],
            "source": f"{row['source_repository']}: {row['source_path']} "
            f"({row['source_item']})"[:400],
            "licence": row["licence"],
            "snapshot": row["snapshot"][:60],
            "scale": _float(row.get("scale", "")),
            "numerator_label": row.get("numerator_label", "")[:100] or None,
            "denominator_label": row.get("denominator_label", "")[:100] or None,
            "counts_source": row.get("counts_source", "")[:400] or None,
            "release": row.get("release", "")[:200] or None,
            "last_update": _date(row.get("last_update", "")),
            "next_update": _date(row.get("next_update", "")),
            "polarity_reason": row.get("polarity_reason") or None,
        }
        if row["id"] in released_measures:  # the loaded release's dates stand
            for kept in ("release", "last_update", "next_update"):
                del values[kept]
        _upsert(session, PublishedMeasure, row["id"], values, report)
    session.flush()
    columns = ("area_level", "value", "published", "n_areas", "numerator", "denominator",
               "mark", "basis", "joint_with")
    stored = {(r.measure_id, r.area_code, r.year): tuple(getattr(r, c) for c in columns)
              for r in session.execute(select(table).where(table.c.release_id.is_(None)))}
    new, changed = [], []
    wanted = set()
    for row in series_rows:
        key = (row["measure_id"], row["area_code"], int(row["year"]))
        if key[2] < first_kept.get(key[0], key[2]):
            continue  # older than the loaded release's last years: removed below
        wanted.add(key)
        if key in loaded:
            continue
        values = (row["area_level"], _float(row["value"]), row["published"] == "yes",
                  _int(row["n_areas"]), _float(row.get("numerator", "")),
                  _float(row.get("denominator", "")), row.get("mark") or None,
                  row.get("basis") or None, row.get("joint_with") or None)
        if stored.get(key) == values:
            continue
        record = dict(zip(("measure_id", "area_code", "year"), key, strict=True))
        record.update(zip(columns, values, strict=True))
        (changed if key in stored else new).append(record)
    if new:
        session.execute(insert(table), new)
        report.added[table.name] = len(new)
    for record in changed:
        session.execute(
            update(table)
            .where(table.c.measure_id == record["measure_id"],
                   table.c.area_code == record["area_code"], table.c.year == record["year"])
            .values(**{c: record[c] for c in columns})
        )
    gone = [key for key in stored if key not in wanted]
    for measure_id, area_code, year in gone:
        session.execute(delete(table).where(
            table.c.measure_id == measure_id, table.c.area_code == area_code,
            table.c.year == year))
    if changed or gone:
        report.updated[table.name] = len(changed) + len(gone)
    session.flush()
