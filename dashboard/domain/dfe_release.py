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
counted); a value that is neither a number nor one of DfE's marks; a year outside 2000 to
next year; a count below 0, a numerator over its denominator, a percentage outside 0 to
100; two rows for one key with different figures; a row longer than the header; a new
year that covers too few LAs (``check_new_years``). A mark (``c``, ``z``,
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
from datetime import date
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

#: ASCII digits only: Python's \d would take other scripts' digits too
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
YEAR = re.compile(r"^([0-9]{4})$")
FINANCIAL_YEAR = re.compile(r"^([0-9]{4})([0-9]{2})$")
#: The earliest year a figure may be for; the latest is next year (passed in as today).
FIRST_YEAR = 2000
#: A year newer than the stored series' latest is loaded only with England and at least
#: this share of the LAs that have a row in the latest stored year (published.py takes
#: each measure's latest year across all areas: a partial year would blank the rest).
MIN_COVERAGE = 0.9
#: A raw value echoed in a message is cut to this many characters.
ECHO = 40


def cut(text: str) -> str:
    """A value from the file cut to ``ECHO`` characters (with "…" if longer)."""
    return text if len(text) <= ECHO else text[:ECHO] + "…"


def echo(text: str) -> str:
    """A value from the file, quoted and cut to ``ECHO`` characters."""
    return repr(cut(text))


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


SEVERITIES = ("error", "warning")


class _Problems:
    """Errors first, then warnings; each severity listed up to ``MAX_LISTED``."""

    def __init__(self) -> None:
        self.listed: dict[str, list[Problem]] = {s: [] for s in SEVERITIES}
        self.unlisted: Counter = Counter()

    def add(self, severity: str, row: int | None, column: str | None, message: str) -> None:
        if len(self.listed[severity]) < MAX_LISTED:
            self.listed[severity].append(Problem(severity, row, column, message))
        else:
            self.unlisted[severity] += 1

    def result(self) -> tuple[Problem, ...]:
        out: list[Problem] = []
        for severity in SEVERITIES:
            out += self.listed[severity]
            if self.unlisted[severity]:
                out.append(Problem(severity, None, None, f"… and {self.unlisted[severity]} "
                                   f"more {severity}s like these."))
        return tuple(out)


def _ordered(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Errors before warnings, each in the order found."""
    problems = tuple(problems)
    return tuple(p for s in SEVERITIES for p in problems if p.severity == s)


def read_release(
    file_name: str,
    columns: list[str],
    rows: Iterable[Mapping[str, str]],
    la_regions: Mapping[str, str],
    *,
    today: date,
) -> ReleaseFile:
    """Check a DfE tidy CSV's rows and read the figures of every measure it feeds.

    ``columns`` is the header; ``rows`` the rows as dicts; ``la_regions`` our LAs' DfE
    codes and Ofsted regions (for NEYH, worked out from its two regions' counts);
    ``today`` the date in England (a year after next year is an error).
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
    first_line: dict[Key, int] = {}
    # NEYH's two regions' counts: (measure, year) -> region -> (numerator, denominator)
    neyh: dict[tuple[str, int], dict[str, tuple[float | None, float | None]]] = {}
    left_out: Counter = Counter()
    unknown_codes: dict[str, int] = {}
    decimals: Counter = Counter()
    count = 0
    for line, raw in enumerate(rows, start=2):
        count += 1
        if raw.get(None):  # type: ignore[call-overload]
            extra = raw[None]  # type: ignore[index]
            problems.add("error", line, None,
                         f"Row {line} has {len(header) + len(extra)} values; the header has "
                         f"{len(header)}.")
            continue
        row = {str(k).strip().lstrip("\ufeff"): (v or "").strip() for k, v in raw.items()
               if k is not None}
        identifier = row.get("time_identifier")
        if identifier is not None and identifier and identifier not in YEARLY:
            left_out[f"time_identifier {echo(identifier)} is not a yearly figure"] += 1
            continue
        year = release_year(row["time_period"])
        if year is None:
            problems.add("error", line, "time_period",
                         f"{echo(row['time_period'])} is not a year: DfE writes 2025, or "
                         "202425 for the year to 31 March 2025.")
            continue
        if not FIRST_YEAR <= year <= today.year + 1:
            problems.add("error", line, "time_period",
                         f"{echo(row['time_period'])} is the year {year}: a figure is for a "
                         f"year from {FIRST_YEAR} to {today.year + 1}.")
            continue
        level_name = row["geographic_level"]
        if level_name not in USED_LEVELS:
            if level_name not in OTHER_LEVELS:
                problems.add("error", line, "geographic_level",
                             f"{echo(level_name)} is not a geographic level DfE uses (National, "
                             "Regional, Local authority, ...).")
            else:
                left_out[f"{cut(level_name)} rows (not an area we show)"] += 1
            continue
        level = USED_LEVELS[level_name]
        if level == "england":
            area = ENGLAND
        elif level == "region":
            area = ONS_REGIONS.get(row["region_code"]) or (
                row["region_code"] if row["region_code"] in NEYH_ONS else "")
            if not area:
                left_out[f"regional rows for {cut(row['region_code']) or 'no region code'} "
                         "(not an Ofsted region)"] += 1
                continue
        else:
            area = row["old_la_code"]
            if area not in la_regions:
                if area not in unknown_codes:
                    unknown_codes[area] = line
                    problems.add("warning", line, "old_la_code",
                                 f"{echo(area) if area else '(blank)'} is not one of our LAs' "
                                 "DfE codes; "
                                 "its rows are left out.")
                left_out[f"LA code {cut(area) or '(blank)'} not one of ours"] += 1
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
                first = figures[key]
                if (first.value, first.mark) == (figure.value, figure.mark):
                    problems.add("warning", line, None,
                                 f"A second row for {measure.measure_id}, area {area}, "
                                 f"{year}, the same as row {first_line[key]}: the first is "
                                 "used.")
                else:
                    problems.add("error", line, None,
                                 f"Rows {first_line[key]} and {line} both give "
                                 f"{measure.measure_id} for area {area}, {year}, with "
                                 f"different figures ({_shown(first)} and {_shown(figure)}): "
                                 "keep one.")
                continue
            figures[key] = figure
            first_line[key] = line
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
                         f"{echo(text) if text else '(empty)'} is neither a number nor one of "
                         f"DfE's marks ({', '.join(sorted(MARKS))}).")
            return None
        texts[column] = text
    numerator = _number(texts[measure.numerator]) if measure.numerator else None
    denominator = _number(texts[measure.denominator]) if measure.denominator else None
    bad = False
    for column, number in ((measure.numerator, numerator),
                           (measure.denominator, denominator)):
        if column and number is not None and number < 0:
            problems.add("error", line, column,
                         f"{echo(texts[column])} is below 0: a count is 0 or more.")
            bad = True
    if (numerator is not None and denominator is not None and numerator >= 0
            and numerator > denominator):
        problems.add("error", line, measure.numerator,
                     f"{echo(texts[measure.numerator])} is more than "
                     f"{measure.denominator} ({echo(texts[measure.denominator])}): part of "
                     "a count cannot exceed the whole.")
        bad = True
    if measure.value_column:
        given = _number(texts[measure.value_column])
        if given is not None and (given < 0 or (measure.scale == 100 and given > 100)):
            kind = "percentage" if measure.scale == 100 else "rate"
            bounds = "from 0 to 100" if measure.scale == 100 else "0 or more"
            problems.add("error", line, measure.value_column,
                         f"{echo(texts[measure.value_column])} is not a {kind} ({bounds}).")
            bad = True
    if bad:
        return None
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


def measures_with_figures(release: ReleaseFile) -> ReleaseFile:
    """Only the measures the file has figures for (a CLA file of one population type
    feeds one of its three measures); a warning names each of the others, left as
    stored."""
    have = {m for m, _a, _y in release.figures}
    missing = [m for m in release.measures if m not in have]
    if not missing:
        return release
    problems = [*release.problems, *(
        Problem("warning", None, None, f"The file has no rows for {m}: its stored figures "
                "are left as they are.") for m in missing)]
    if not have and release.measures:
        problems.append(Problem("error", None, None, "The file has no figures for any of "
                                "our measures (only rows left out)."))
    return ReleaseFile(tuple(m for m in release.measures if m in have), release.figures,
                       _ordered(problems), release.rows, release.left_out)


def year_coverage(release: ReleaseFile, stored: Iterable[Key], la_codes: Iterable[str]
                  ) -> dict[tuple[str, int], tuple[int, int]]:
    """For each measure and year in the file: how many of the LAs that have a row (a
    figure or a mark) in the latest stored year it has a row for, and how many those are
    (all our LAs where nothing is stored)."""
    la_codes = set(la_codes)
    latest: dict[str, int] = {}
    stored = list(stored)
    for measure_id, _area, year in stored:
        latest[measure_id] = max(latest.get(measure_id, year), year)
    expected: dict[str, set[str]] = {}
    for measure_id, area, year in stored:
        if year == latest[measure_id] and area in la_codes:
            expected.setdefault(measure_id, set()).add(area)
    present: dict[tuple[str, int], set[str]] = {}
    for measure_id, area, year in release.figures:
        present.setdefault((measure_id, year), set()).add(area)
    return {key: (len(areas & expected.get(key[0], la_codes)),
                  len(expected.get(key[0], la_codes)))
            for key, areas in present.items()}


def check_new_years(release: ReleaseFile, stored: Iterable[Key], la_codes: Iterable[str]
                    ) -> ReleaseFile:
    """A year newer than a measure's latest stored year is an error unless the file has
    England and at least ``MIN_COVERAGE`` of the LAs with a row in the latest stored
    year: the indicators page takes each measure's latest year across all areas, so a
    partial year would leave every other LA with no figure."""
    stored = list(stored)
    latest: dict[str, int] = {}
    for measure_id, _area, year in stored:
        latest[measure_id] = max(latest.get(measure_id, year), year)
    coverage = year_coverage(release, stored, la_codes)
    problems = list(release.problems)
    for (measure_id, year), (have, expected) in sorted(coverage.items()):
        if measure_id not in latest or year <= latest[measure_id]:
            continue
        england = (measure_id, ENGLAND, year) in release.figures
        if england and expected and have >= MIN_COVERAGE * expected:
            continue
        lacking = [] if england else ["no row for England"]
        if not expected or have < MIN_COVERAGE * expected:
            lacking.append(f"rows for {have} of the {expected} LAs of {latest[measure_id]}")
        problems.append(Problem(
            "error", None, None,
            f"{year} is a new year for {measure_id}, but the file has "
            + " and ".join(lacking) + f": a new year needs England and at least "
            f"{MIN_COVERAGE:.0%} of the LAs, or every other LA would show no figure for it. "
            "Load DfE's whole file."))
    return ReleaseFile(release.measures, release.figures, _ordered(problems), release.rows,
                       release.left_out)


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
    #: each year's LAs: "2026: 150 of 153 LAs"
    coverage: tuple[str, ...] = ()


def stored_state(rows: Iterable[tuple[Key, float | None, str | None, int | None]],
                 latest_release: int | None) -> str:
    """A hash of the stored (key, value, mark, release) of every figure a file would
    write, in key order, and of the latest release loaded."""
    digest = hashlib.sha256(repr(latest_release).encode())
    for key, value, mark, release_id in sorted(rows, key=lambda r: r[0]):
        digest.update(json.dumps([*key, value, mark, release_id]).encode())
    return digest.hexdigest()


def _shown(figure: ReleaseFigure | StoredFigure) -> str:
    if figure.value is None:
        return figure.mark or "no figure"
    return f"{figure.value:.10g}"


def preview(release: ReleaseFile, stored: Mapping[Key, StoredFigure],
            area_names: Mapping[str, str], la_codes: Iterable[str] = ()
            ) -> list[MeasurePreview]:
    """What loading the file would change, measure by measure. Nothing is stored.

    ``stored``: the figures stored now for the file's measures; ``area_names``: LA,
    region and England names for the examples ("Barnsley 2025: 22.1 -> 23.0");
    ``la_codes``: our LAs, for each year's coverage ("2026: 150 of 153 LAs")."""
    coverage = year_coverage(release, stored, la_codes) if la_codes else {}
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
        covered = tuple(f"{year}: {coverage[(measure_id, year)][0]} of "
                        f"{coverage[(measure_id, year)][1]} LAs"
                        for year in years if (measure_id, year) in coverage)
        out.append(MeasurePreview(measure_id, years, new_years, added, changed, unchanged,
                                  marks, tuple(examples), covered))
    return out


def preview_digest(sha256: str, previews: Iterable[MeasurePreview],
                   stored_state: str = "") -> str:
    """A short fingerprint of a file and what loading it would change: the load refuses if
    it differs from the one the check showed (someone loaded something in between).
    ``stored_state``: a hash of every stored figure the file would write and of the
    latest release loaded (``stored_state``), so a change outside the examples counts."""
    text = json.dumps([sha256, stored_state,
                       [[p.measure_id, p.years, p.new_years, p.added, p.changed,
                         p.unchanged, p.marks, p.examples, p.coverage] for p in previews]])
    return hashlib.sha256(text.encode()).hexdigest()[:32]
