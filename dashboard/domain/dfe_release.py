"""Reading a newer DfE release from its published tidy CSV (issue 29 item 6).

DfE's explore-education-statistics "download data" files (and the copies of them in the
CSC outcomes repository's ``data-raw/``) are tidy: one row per year, area and breakdown,
with ``time_period``, ``geographic_level``, ``region_code`` and ``old_la_code``. Which of
our measures a file feeds, and from which columns, is one declarative table,
``RELEASE_MEASURES``; the same counts as ``data/build_series.py`` (COUNT_SPECS) names.

Pure: the rows arrive already decoded (dicts), and what is stored arrives as a dict.
Nothing here reads or writes the database.

Checks, each in plain words with the row (the file's line number, the header being line
1) and the column: required columns missing; a ``time_period`` that is not a year (2025)
or a financial year (202425 is the year to 31 March 2025); a ``geographic_level`` DfE
does not use; an LA code that is not one of ours (a warning: the row is left out and
counted); a value that is neither a number nor one of DfE's marks. A mark (``c``, ``z``,
``x``, ``low``, ``u``, ``:``, ``-``) is kept as the mark with no value, never as 0. A
file that feeds none of our measures is refused.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ENGLAND = "970"
#: Government-office regions that equal an Ofsted region (as data/build_series.py).
ONS_REGIONS = {
    "E12000002": "NW",
    "E12000004": "EM",
    "E12000005": "WM",
    "E12000006": "EE",
    "E12000007": "LON",
    "E12000008": "SE",
    "E12000009": "SW",
}
#: North East, Yorkshire and the Humber: no published figure; from these two regions'
#: counts (basis "counts"), else the mean of its LAs (basis "mean").
COMPUTED_REGION = "NEYH"
NEYH_ONS = ("E12000001", "E12000003")
#: DfE's marks in place of a figure (c: suppressed; z: not applicable; x: not available;
#: low: rounds to 0; u: low reliability; ":" and "-": not available).
MARKS = frozenset({"c", "z", "x", "low", "u", ":", "-"})
#: The geographic levels DfE's files use; only the first three carry our areas.
USED_LEVELS = {"National": "england", "Regional": "region", "Local authority": "la"}
OTHER_LEVELS = frozenset({
    "Local authority district", "Parliamentary constituency", "Ward", "School",
    "Provider", "Institution", "Planning area", "Local skills improvement area",
    "English devolved area", "Mayoral combined authority", "Opportunity area", "MAT",
    "Sponsor", "RSC region", "Police force area", "Local enterprise partnership",
    "Health area", "Other",
})
#: Columns every file must have.
BASE_COLUMNS = ("time_period", "geographic_level", "region_code", "old_la_code")
#: At most this many problems are listed one by one (the rest are counted).
MAX_LISTED = 60
#: How many changed figures a preview names for each measure.
EXAMPLES = 5

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEAR = re.compile(r"^(\d{4})$")
FINANCIAL_YEAR = re.compile(r"^(\d{4})(\d{2})$")


@dataclass(frozen=True)
class ReleaseMeasure:
    """How one of our measures is read from one DfE file."""

    measure_id: str
    #: the file names it comes in (DfE adds the years covered: ``*``)
    file_pattern: str
    #: columns that together say a file is this one, whatever it is called
    signature: tuple[str, ...]
    #: only rows with these values count (besides time_identifier, if the file has it)
    filters: tuple[tuple[str, str], ...] = ()
    #: the file's own published figure, if it has one
    value_column: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    #: 100 for a percentage, 10,000 for a rate per 10,000 children
    scale: int = 100
    #: decimal places of a figure worked out from the counts (as the published ones)
    places: int = 1

    @property
    def required(self) -> tuple[str, ...]:
        columns = [*BASE_COLUMNS, *(name for name, _ in self.filters)]
        columns += [c for c in (self.value_column, self.numerator, self.denominator) if c]
        return tuple(dict.fromkeys(columns))


C1 = "c1_children_in_need_referrals_and_rereferrals*.csv"
C1_SIGNATURE = ("referral_count", "rereferral_count")
CLA = "cla_number_and_rate_per_10k_children*.csv"
CLA_SIGNATURE = ("population_type", "children_count", "population_estimate")
D5 = "d5_cpps_at31march_by_duration*.csv"
D5_SIGNATURE = ("CPP_At31", "2_years_or_more")

RELEASE_MEASURES: tuple[ReleaseMeasure, ...] = (
    ReleaseMeasure("re_referrals", C1, C1_SIGNATURE, value_column="rereferral_percent",
                   numerator="rereferral_count", denominator="referral_count"),
    ReleaseMeasure("referrals_nfa", C1, C1_SIGNATURE, value_column="no_further_action_percent",
                   numerator="no_further_action_count", denominator="referral_count"),
    ReleaseMeasure("referrals_assessed_not_in_need", C1, C1_SIGNATURE,
                   value_column="not_in_need_percent", numerator="not_in_need_count",
                   denominator="referral_count"),
    ReleaseMeasure("cla_rate", CLA, CLA_SIGNATURE,
                   (("population_type", "Children looked after on 31 March each year"),),
                   value_column="rate_per_10000", numerator="children_count",
                   denominator="population_estimate", scale=10_000, places=0),
    ReleaseMeasure("cla_start_rate", CLA, CLA_SIGNATURE,
                   (("population_type", "Children starting to be looked after each year"),),
                   value_column="rate_per_10000", numerator="children_count",
                   denominator="population_estimate", scale=10_000, places=0),
    ReleaseMeasure("cla_cease_rate", CLA, CLA_SIGNATURE,
                   (("population_type", "Children ceasing to be looked after each year"),),
                   value_column="rate_per_10000", numerator="children_count",
                   denominator="population_estimate", scale=10_000, places=0),
    ReleaseMeasure("cp_two_years", D5, D5_SIGNATURE, value_column="2_years_or_more_percent",
                   numerator="2_years_or_more", denominator="CPP_At31"),
)

#: The time_identifier values of yearly figures (files without the column are yearly).
YEARLY = frozenset({"Reporting year", "Financial year", "Calendar year", "Academic year"})


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    row: int | None
    column: str | None
    message: str

    def text(self) -> str:
        where = ", ".join(part for part in (
            f"Row {self.row}" if self.row else "", f"column {self.column}" if self.column
            else "") if part)
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class ReleaseFigure:
    """One figure as the file gives it (or as worked out for NEYH)."""

    area_level: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    mark: str | None = None
    published: bool = True
    n_areas: int | None = None
    basis: str | None = None


Key = tuple[str, str, int]  # measure_id, area_code, year


@dataclass(frozen=True)
class ReleaseFile:
    """What a file holds for our measures, and what is wrong with it."""

    measures: tuple[str, ...]
    figures: dict[Key, ReleaseFigure]
    problems: tuple[Problem, ...]
    rows: int
    #: rows left out, by reason ("LA code 999 not one of ours": 3)
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def loadable(self) -> bool:
        return bool(self.measures) and not self.errors and bool(self.figures)

    @property
    def years(self) -> list[int]:
        return sorted({year for _m, _a, year in self.figures})


def release_year(text: str) -> int | None:
    """``time_period`` as the year a figure is for: 2025, or 202425 (the year to 31 March
    2025) as 2025; None if neither."""
    text = text.strip()
    if YEAR.match(text):
        return int(text)
    match = FINANCIAL_YEAR.match(text)
    if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
        return int(match.group(1)) + 1
    return None


def recognise(file_name: str, columns: Iterable[str]) -> list[ReleaseMeasure]:
    """The measures a file feeds: by its name, or by the columns that mark it out."""
    present = {c.strip() for c in columns if c}
    name = file_name.rsplit("/", 1)[-1].lower()
    return [m for m in RELEASE_MEASURES
            if fnmatch.fnmatch(name, m.file_pattern.lower())
            or set(m.signature) <= present]


def _number(text: str) -> float | None:
    return float(text) if NUMBER.match(text) else None


def _rounded(exact: Decimal, places: int) -> float:
    return float(exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


class _Problems:
    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.unlisted: Counter = Counter()

    def add(self, severity: str, row: int | None, column: str | None, message: str) -> None:
        if len(self.listed) < MAX_LISTED:
            self.listed.append(Problem(severity, row, column, message))
        else:
            self.unlisted[severity] += 1

    def result(self) -> tuple[Problem, ...]:
        more = [Problem(severity, None, None, f"… and {n} more {severity}s like these.")
                for severity, n in sorted(self.unlisted.items())]
        return tuple(self.listed + more)


def read_release(
    file_name: str,
    columns: list[str],
    rows: Iterable[Mapping[str, str]],
    la_regions: Mapping[str, str],
) -> ReleaseFile:
    """Check a DfE tidy CSV's rows and read the figures of every measure it feeds.

    ``columns`` is the header; ``rows`` the rows as dicts; ``la_regions`` our LAs' DfE
    codes and Ofsted regions (for NEYH, worked out from its two regions' counts).
    """
    problems = _Problems()
    header = [c.strip().lstrip("\ufeff") for c in columns]
    measures = recognise(file_name, header)
    if not measures:
        problems.add("error", None, None,
                     "This file feeds none of our measures. The files read are: "
                     + "; ".join(sorted({m.file_pattern for m in RELEASE_MEASURES}))
                     + " (DfE's 'download data' CSV files, or the CSC outcomes "
                     "repository's data-raw/ copies).")
        return ReleaseFile((), {}, problems.result(), 0)
    missing = [c for c in dict.fromkeys(c for m in measures for c in m.required)
               if c not in header]
    if missing:
        problems.add("error", 1, None, "The file has no column " + ", ".join(missing)
                     + f": a DfE file of this kind has {'them' if len(missing) > 1 else 'it'}"
                     ". Check it is the 'download data' CSV, not a table copied out of it.")
        return ReleaseFile(tuple(m.measure_id for m in measures), {}, problems.result(), 0)

    figures: dict[Key, ReleaseFigure] = {}
    # NEYH's two regions' counts: (measure, year) -> region -> (numerator, denominator)
    neyh: dict[tuple[str, int], dict[str, tuple[float | None, float | None]]] = {}
    left_out: Counter = Counter()
    unknown_codes: dict[str, int] = {}
    decimals: Counter = Counter()
    count = 0
    for line, raw in enumerate(rows, start=2):
        count += 1
        row = {str(k).strip().lstrip("\ufeff"): (v or "").strip() for k, v in raw.items()
               if k is not None}
        identifier = row.get("time_identifier")
        if identifier is not None and identifier and identifier not in YEARLY:
            left_out[f"time_identifier {identifier!r} is not a yearly figure"] += 1
            continue
        year = release_year(row["time_period"])
        if year is None:
            problems.add("error", line, "time_period",
                         f"{row['time_period']!r} is not a year: DfE writes 2025, or 202425 "
                         "for the year to 31 March 2025.")
            continue
        level_name = row["geographic_level"]
        if level_name not in USED_LEVELS:
            if level_name not in OTHER_LEVELS:
                problems.add("error", line, "geographic_level",
                             f"{level_name!r} is not a geographic level DfE uses (National, "
                             "Regional, Local authority, ...).")
            else:
                left_out[f"{level_name} rows (not an area we show)"] += 1
            continue
        level = USED_LEVELS[level_name]
        if level == "england":
            area = ENGLAND
        elif level == "region":
            area = ONS_REGIONS.get(row["region_code"]) or (
                row["region_code"] if row["region_code"] in NEYH_ONS else "")
            if not area:
                left_out[f"regional rows for {row['region_code'] or 'no region code'} "
                         "(not an Ofsted region)"] += 1
                continue
        else:
            area = row["old_la_code"]
            if area not in la_regions:
                if area not in unknown_codes:
                    unknown_codes[area] = line
                    problems.add("warning", line, "old_la_code",
                                 f"{area or '(blank)'!r} is not one of our LAs' DfE codes; "
                                 "its rows are left out.")
                left_out[f"LA code {area or '(blank)'} not one of ours"] += 1
                continue
        fed = False
        for measure in measures:
            if any(row.get(name) != value for name, value in measure.filters):
                continue
            fed = True
            figure = _figure(measure, row, line, level, problems, decimals)
            if figure is None:
                continue
            if area in NEYH_ONS:
                neyh.setdefault((measure.measure_id, year), {})[area] = (
                    figure.numerator, figure.denominator)
                continue
            key = (measure.measure_id, area, year)
            if key in figures:
                problems.add("warning", line, None,
                             f"A second row for {measure.measure_id}, area {area}, {year}: "
                             "the first is used.")
                continue
            figures[key] = figure
        if not fed:
            left_out["rows of breakdowns we do not use"] += 1
    _add_neyh(figures, neyh, measures, la_regions, decimals)
    return ReleaseFile(tuple(m.measure_id for m in measures), figures, problems.result(),
                       count, dict(left_out))


def _figure(measure: ReleaseMeasure, row: Mapping[str, str], line: int, level: str,
            problems: _Problems, decimals: Counter) -> ReleaseFigure | None:
    """One row's figure of one measure; None (with an error) if a value is not readable."""
    texts = {}
    for column in (measure.value_column, measure.numerator, measure.denominator):
        if not column:
            continue
        text = row[column]
        if not NUMBER.match(text) and text.lower() not in MARKS:
            problems.add("error", line, column,
                         f"{text or '(empty)'!r} is neither a number nor one of DfE's marks "
                         f"({', '.join(sorted(MARKS))}).")
            return None
        texts[column] = text
    numerator = _number(texts[measure.numerator]) if measure.numerator else None
    denominator = _number(texts[measure.denominator]) if measure.denominator else None
    marks = [t.lower() for t in texts.values() if not NUMBER.match(t)]
    if measure.value_column:
        text = texts[measure.value_column]
        value = _number(text)
        if value is not None and "." in text:
            decimals[measure.measure_id] = max(decimals[measure.measure_id],
                                               len(text.split(".")[1]))
        mark = None if value is not None else text.lower()
    elif numerator is not None and denominator:
        value = _rounded(Decimal(texts[measure.numerator]) / Decimal(texts[measure.denominator])
                         * measure.scale, measure.places)
        mark = None
    else:
        value, mark = None, (marks[0] if marks else "x")
    if numerator is None or denominator is None:
        numerator = denominator = None
    return ReleaseFigure(level, value, numerator, denominator, mark)


def _add_neyh(figures: dict[Key, ReleaseFigure],
              neyh: dict[tuple[str, int], dict[str, tuple[float | None, float | None]]],
              measures: list[ReleaseMeasure], la_regions: Mapping[str, str],
              decimals: Counter) -> None:
    """NEYH, where the file has both its regions' rows: their summed numerators over
    their summed denominators (basis counts), else (their counts are marks) the plain mean
    of its LAs with a figure (basis mean). A file without them (a few rows, or LAs only)
    says nothing of NEYH: the stored figure stands."""
    members = {code for code, region in la_regions.items() if region == COMPUTED_REGION}
    by_id = {m.measure_id: m for m in measures}
    for measure_id, year in sorted(neyh):
        measure = by_id[measure_id]
        places = decimals.get(measure_id, measure.places) if measure.value_column else (
            measure.places)
        parts = neyh[(measure_id, year)]
        if len(parts) < len(NEYH_ONS):
            continue
        if all(
                num is not None and den is not None for num, den in parts.values()):
            num = sum(Decimal(repr(p[0])) for p in parts.values())
            den = sum(Decimal(repr(p[1])) for p in parts.values())
            if den:
                figures[(measure_id, COMPUTED_REGION, year)] = ReleaseFigure(
                    "region", _rounded(num / den * measure.scale, places), float(num),
                    float(den), None, False, len(members), "counts")
                continue
        values = [f.value for (m, area, y), f in figures.items()
                  if m == measure_id and y == year and area in members and f.value is not None]
        if values:
            figures[(measure_id, COMPUTED_REGION, year)] = ReleaseFigure(
                "region", round(sum(values) / len(values), 2), None, None, None, False,
                len(values), "mean")


def recent_years(release: ReleaseFile, first_stored: Mapping[str, int],
                 keep_years: int = 6) -> ReleaseFile:
    """Only the years worth storing: from each measure's earliest stored year on (the
    series keep the last few years, data/build_series.py KEEP_YEARS), or the file's last
    ``keep_years`` where nothing is stored yet. Older years are counted as left out."""
    latest: dict[str, int] = {}
    for measure_id, _area, year in release.figures:
        latest[measure_id] = max(latest.get(measure_id, year), year)
    kept, dropped = {}, Counter()
    for key, figure in release.figures.items():
        measure_id, _area, year = key
        first = first_stored.get(measure_id, latest[measure_id] - keep_years + 1)
        if year >= first:
            kept[key] = figure
        else:
            dropped[f"figures for years before {first} (older than the stored series)"] += 1
    left_out = dict(release.left_out)
    for reason, n in dropped.items():
        left_out[reason] = left_out.get(reason, 0) + n
    return ReleaseFile(release.measures, kept, release.problems, release.rows, left_out)


def without_empty_marks(release: ReleaseFile, stored: Iterable[Key]) -> ReleaseFile:
    """A mark with no stored row beside it, in a year the stored series already has, says
    only that the area had no figure then (Cumberland's "z" before it existed, as
    data/build_series.py drops them): left out and counted. Marks in a new year, and
    marks in place of a stored figure, are kept."""
    stored = set(stored)
    years = {(m, y) for m, _a, y in stored}
    kept, dropped = {}, 0
    for key, figure in release.figures.items():
        if (figure.value is None and key not in stored and (key[0], key[2]) in years):
            dropped += 1
            continue
        kept[key] = figure
    left_out = dict(release.left_out)
    if dropped:
        reason = "marks for areas with no stored row in that year (no figure then)"
        left_out[reason] = left_out.get(reason, 0) + dropped
    return ReleaseFile(release.measures, kept, release.problems, release.rows, left_out)


# ------------------------------------------------------------------ preview


@dataclass(frozen=True)
class StoredFigure:
    value: float | None
    mark: str | None = None


@dataclass(frozen=True)
class MeasurePreview:
    measure_id: str
    years: tuple[int, ...]
    new_years: tuple[int, ...]
    added: int
    changed: int
    unchanged: int
    marks: int
    examples: tuple[str, ...]


def _shown(figure: ReleaseFigure | StoredFigure) -> str:
    if figure.value is None:
        return figure.mark or "no figure"
    return f"{figure.value:.10g}"


def preview(release: ReleaseFile, stored: Mapping[Key, StoredFigure],
            area_names: Mapping[str, str]) -> list[MeasurePreview]:
    """What loading the file would change, measure by measure. Nothing is stored.

    ``stored``: the figures stored now for the file's measures; ``area_names``: LA,
    region and England names for the examples ("Barnsley 2025: 22.1 -> 23.0")."""
    stored_years: dict[str, set[int]] = {}
    for measure_id, _area, year in stored:
        stored_years.setdefault(measure_id, set()).add(year)
    out = []
    for measure_id in release.measures:
        keys = sorted((k for k in release.figures if k[0] == measure_id),
                      key=lambda k: (-k[2], k[1]))
        years = tuple(sorted({k[2] for k in keys}))
        added = changed = unchanged = marks = 0
        examples: list[str] = []
        for key in keys:
            figure = release.figures[key]
            if figure.value is None:
                marks += 1
            before = stored.get(key)
            if before is None:
                added += 1
                continue
            same = (before.mark or None) == (figure.mark or None) and (
                (before.value is None and figure.value is None)
                or (before.value is not None and figure.value is not None
                    and abs(before.value - figure.value) < 1e-9))
            if same:
                unchanged += 1
                continue
            changed += 1
            if len(examples) < EXAMPLES:
                examples.append(f"{area_names.get(key[1], key[1])} {key[2]}: "
                                f"{_shown(before)} -> {_shown(figure)}")
        new_years = tuple(y for y in years if y not in stored_years.get(measure_id, set()))
        out.append(MeasurePreview(measure_id, years, new_years, added, changed, unchanged,
                                  marks, tuple(examples)))
    return out


def preview_digest(sha256: str, previews: Iterable[MeasurePreview]) -> str:
    """A short fingerprint of a file and what loading it would change: the load refuses if
    it differs from the one the check showed (someone loaded something in between)."""
    text = json.dumps([sha256, [[p.measure_id, p.years, p.new_years, p.added, p.changed,
                                 p.unchanged, p.marks, p.examples] for p in previews]])
    return hashlib.sha256(text.encode()).hexdigest()[:32]
