"""Loading a newer DfE release of the published figures (issue 29 item 6).

An administrator chooses DfE's published CSV; "Check" reads it (``check_release``:
columns, codes, LAs, values) and shows what loading it would change, storing nothing;
"Load" (``load_release``) reads the same bytes again on the server, refuses if anything
the check showed has changed since, and stores the release and its figures in one
transaction. The ``PublishedRelease`` row is recorded in the audit trail by the audit
listener (file name, sha256, measures and years). The reference reload (``cli init``)
keeps a release's figures and its measures' release dates while the release is newer
than data/'s series for the measure, and lets data/ win once it is as new
(``reference_data._load_series``). Only administrators (Action.LOAD_PUBLISHED_RELEASE).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import Principal, can_load_published_release, require
from dashboard.domain.dfe_release import (
    ENGLAND,
    Key,
    MeasurePreview,
    Problem,
    ReleaseFile,
    StoredFigure,
    check_new_years,
    measures_with_figures,
    preview,
    preview_digest,
    read_release,
    recent_years,
    stored_state,
    without_empty_marks,
)
from dashboard.formatting import format_date
from dashboard.services.ingest import UploadLimits, safe_file_name
from dashboard.storage.db import session_scope
from dashboard.storage.models import (
    LocalAuthority,
    PublishedMeasure,
    PublishedRelease,
    PublishedSeriesValue,
    Region,
    User,
)

REFUSED_MESSAGE = "Only administrators can load a DfE release."
#: How many years a series keeps where nothing is stored yet (data/build_series.py).
KEEP_YEARS = 6

CHECKED, STORED, UNCHANGED, REFUSED = "checked", "stored", "unchanged", "refused"


@dataclass(frozen=True)
class ReleaseCheck:
    file_name: str
    sha256: str
    rows: int
    #: (measure id, name) of every measure the file feeds
    measures: tuple[tuple[str, str], ...]
    problems: tuple[Problem, ...]
    left_out: dict[str, int]
    previews: tuple[MeasurePreview, ...]
    digest: str
    loadable: bool
    #: "name on date" if this very file was loaded before
    loaded_before: str | None = None

    @property
    def changes_anything(self) -> bool:
        return any(p.added or p.changed for p in self.previews)


@dataclass(frozen=True)
class ReleaseOutcome:
    status: str
    message: str
    check: ReleaseCheck | None = None
    release_id: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ReleaseRow:
    file_name: str
    sha256: str
    loaded_by: str
    loaded_at: object
    measures: str
    years: str
    rows: int


def _refused(file_name: str, sha256: str, message: str) -> ReleaseCheck:
    return ReleaseCheck(file_name, sha256, 0, (), (Problem("error", None, None, message),),
                        {}, (), "", False)


def _decode(content: bytes, limits: UploadLimits) -> tuple[list[str], list[dict[str, str]]] | str:
    """The header and rows, or what is wrong with the file in words."""
    if len(content) > limits.max_file_bytes:
        return (f"The file is larger than {limits.max_file_bytes // (1024 * 1024)} MB, the "
                "most one upload may be.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "The file is not UTF-8 text: DfE's CSV files are. Download it again from DfE."
    if "\x00" in text:
        return "The file is not a CSV file (it holds binary data)."
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    try:
        header = list(reader.fieldnames or [])
        for row in reader:
            rows.append(row)
            if len(rows) > limits.max_rows:
                return (f"The file has more than {limits.max_rows:,} rows, the most one "
                        "upload may have.")
    except csv.Error as error:
        return f"The file could not be read as CSV (line {reader.line_num}: {error})."
    if not header:
        return "The file is empty."
    return header, rows


def _stored(session: Session, measure_ids: tuple[str, ...]) -> dict[Key, StoredFigure]:
    value = PublishedSeriesValue
    return {(m, a, y): StoredFigure(v, mark) for m, a, y, v, mark in session.execute(
        select(value.measure_id, value.area_code, value.year, value.value, value.mark)
        .where(value.measure_id.in_(measure_ids)))}


def _ordered_problems(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    return tuple(p for s in ("error", "warning") for p in problems if p.severity == s)


def _stored_rows(session: Session, release: ReleaseFile
                 ) -> list[tuple[Key, float | None, str | None, int | None]]:
    """The stored (key, value, mark, release) of every figure the file would write."""
    value = PublishedSeriesValue
    return [((m, a, y), v, mark, release_id)
            for m, a, y, v, mark, release_id in session.execute(
                select(value.measure_id, value.area_code, value.year, value.value,
                       value.mark, value.release_id)
                .where(value.measure_id.in_(release.measures)))
            if (m, a, y) in release.figures]


def _area_names(session: Session) -> dict[str, str]:
    names = dict(session.execute(select(LocalAuthority.la_code, LocalAuthority.name)).all())
    names.update(session.execute(select(Region.code, Region.name)).all())
    names[ENGLAND] = "England"
    return names


def _read(session: Session, file_name: str, content: bytes, limits: UploadLimits
          ) -> tuple[ReleaseCheck, ReleaseFile | None]:
    name = safe_file_name(file_name)
    sha256 = hashlib.sha256(content).hexdigest()
    if not name.lower().endswith(".csv"):
        return _refused(name, sha256, "Choose DfE's CSV file (a name ending .csv)."), None
    decoded = _decode(content, limits)
    if isinstance(decoded, str):
        return _refused(name, sha256, decoded), None
    header, rows = decoded
    la_regions = dict(session.execute(
        select(LocalAuthority.la_code, LocalAuthority.region_code)).all())
    release = read_release(name, header, rows, la_regions,
                           today=clock.today_in_england())
    measure_names = dict(session.execute(
        select(PublishedMeasure.id, PublishedMeasure.name)
        .where(PublishedMeasure.id.in_(release.measures))).all())
    unknown = [m for m in release.measures if m not in measure_names]
    stored = _stored(session, release.measures)
    first: dict[str, int] = {}
    for measure_id, _area, year in stored:
        first[measure_id] = min(first.get(measure_id, year), year)
    release = without_empty_marks(recent_years(release, first, KEEP_YEARS), stored)
    release = measures_with_figures(check_new_years(release, stored, la_regions))
    problems = release.problems
    if unknown:
        missing = Problem("error", None, None, "The measures " + ", ".join(unknown)
                          + " are not loaded yet: run `python -m dashboard.cli init` first.")
        problems = _ordered_problems((*problems, missing))
    previews = tuple(preview(release, stored, _area_names(session), la_regions))
    state = stored_state(_stored_rows(session, release), session.scalar(
        select(func.max(PublishedRelease.id))))
    before = session.execute(
        select(PublishedRelease.loaded_at, User.full_name)
        .join(User, User.id == PublishedRelease.loaded_by_id, isouter=True)
        .where(PublishedRelease.sha256 == sha256)
        .order_by(PublishedRelease.loaded_at.desc()).limit(1)).first()
    loaded_before = (f"{before[1] or 'System'} on {format_date(clock.england_date(before[0]))}"
                     if before else None)
    loadable = release.loadable and not unknown
    check = ReleaseCheck(
        name, sha256, release.rows,
        tuple((m, measure_names.get(m, m)) for m in release.measures), problems,
        release.left_out, previews, preview_digest(sha256, previews, state), loadable,
        loaded_before)
    return check, release


def check_release(actor: Principal | None, file_name: str, content: bytes,
                  limits: UploadLimits | None = None) -> ReleaseCheck:
    """What the file holds and what loading it would change. Nothing is stored."""
    require(can_load_published_release(actor), REFUSED_MESSAGE)
    with session_scope() as session:
        return _read(session, file_name, content, limits or UploadLimits())[0]


def _release_text(current: str | None, publication: str, year: int) -> str:
    base = re.sub(r"\s*\d{4}(/\d{2})?$", "", current or "") or re.sub(
        r"\s*\(DfE\)$", "", publication)
    return f"{base} {year}"[:200]


def load_release(actor: Principal | None, file_name: str, content: bytes, digest: str,
                 next_update: date | None = None,
                 limits: UploadLimits | None = None,
                 published_on: date | None = None) -> ReleaseOutcome:
    """Store the release checked as ``digest``, in one transaction; refused if the file or
    what it would change is not what the check showed. ``published_on``: the day DfE
    published it (the measures' last update); without it the measures' last update is
    left as it was, and the day loaded is recorded on the release alone."""
    require(can_load_published_release(actor), REFUSED_MESSAGE)
    with session_scope() as session:
        check, release = _read(session, file_name, content, limits or UploadLimits())
        if release is None or not check.loadable:
            return ReleaseOutcome(REFUSED, "The file was not loaded: it has problems.", check)
        if check.digest != digest:
            return ReleaseOutcome(
                REFUSED, "The file was not loaded: it, or the figures stored, changed since "
                "you checked it. Check it again and look at the changes before loading.",
                check)
        if check.loaded_before and not check.changes_anything:
            return ReleaseOutcome(UNCHANGED, f"This file was already loaded by "
                                  f"{check.loaded_before}; loading it again changes nothing.",
                                  check)
        years = release.years
        record = PublishedRelease(
            file_name=check.file_name, sha256=check.sha256,
            loaded_by_id=actor.id if actor and actor.id else None, loaded_at=clock.now(),
            measures=", ".join(release.measures)[:400],
            years=", ".join(str(y) for y in years)[:200], rows=len(release.figures))
        session.add(record)
        session.flush()
        _store_figures(session, release, record.id)
        for measure in session.scalars(select(PublishedMeasure).where(
                PublishedMeasure.id.in_(release.measures))):
            latest = max(y for m, _a, y in release.figures if m == measure.id)
            measure.release = _release_text(measure.release, measure.source_publication,
                                            latest)
            if published_on is not None:
                measure.last_update = published_on
            measure.next_update = next_update
        session.flush()
        message = (f"Loaded {check.file_name}: {len(release.figures):,} figures of "
                   f"{len(release.measures)} measures, years {years[0]} to {years[-1]}.")
        return ReleaseOutcome(STORED, message, check, record.id)


def _store_figures(session: Session, release: ReleaseFile, release_id: int) -> None:
    table = PublishedSeriesValue.__table__
    existing = {(m, a, y) for m, a, y in session.execute(
        select(table.c.measure_id, table.c.area_code, table.c.year)
        .where(table.c.measure_id.in_(release.measures)))}
    new, changed = [], []
    for (measure_id, area, year), figure in release.figures.items():
        values = {"area_level": figure.area_level, "value": figure.value,
                  "published": figure.published, "n_areas": figure.n_areas,
                  "numerator": figure.numerator, "denominator": figure.denominator,
                  "mark": figure.mark, "basis": figure.basis, "release_id": release_id}
        if (measure_id, area, year) in existing:
            changed.append({"k_measure": measure_id, "k_area": area, "k_year": year,
                            **{f"v_{k}": v for k, v in values.items()}})
        else:
            new.append({"measure_id": measure_id, "area_code": area, "year": year,
                        "joint_with": None, **values})
    if new:
        session.execute(insert(table), new)
    if changed:
        session.execute(
            update(table).where(table.c.measure_id == bindparam("k_measure"),
                                table.c.area_code == bindparam("k_area"),
                                table.c.year == bindparam("k_year"))
            .values(**{k: bindparam(f"v_{k}") for k in (
                "area_level", "value", "published", "n_areas", "numerator", "denominator",
                "mark", "basis", "release_id")}),
            changed)


def list_releases(actor: Principal | None) -> list[ReleaseRow]:
    """The releases loaded so far, newest first."""
    require(can_load_published_release(actor), REFUSED_MESSAGE)
    with session_scope() as session:
        return [ReleaseRow(r.file_name, r.sha256, name or "System", r.loaded_at, r.measures,
                           r.years, r.rows)
                for r, name in session.execute(
                    select(PublishedRelease, User.full_name)
                    .join(User, User.id == PublishedRelease.loaded_by_id, isouter=True)
                    .order_by(PublishedRelease.loaded_at.desc(), PublishedRelease.id.desc())
                    .limit(50))]


def release_figure_count() -> int:
    """How many stored figures come from a loaded release (for tests and the page)."""
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(PublishedSeriesValue).where(
            PublishedSeriesValue.release_id.is_not(None))) or 0
