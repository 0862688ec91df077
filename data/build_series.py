"""Build data/indicator_series.csv and data/indicator_measures.csv: published CSC series.

For every LA, Ofsted region and England: the children's social care measures an inspector
reads in LAIT, for the last KEEP_YEARS years each measure has (issue 19). Re-running on
the same snapshots gives byte-identical files.

Sources (read with ``git show`` from snapshots under --mirror-root; nothing downloaded):

- dfe-analytical-services/local-authority-interactive-tool (LAIT; data OGL v3.0):
  01_data/02_prod/bds_long_0.parquet (needs pyarrow, in the data-build venv only) and
  01_data/02_prod/lait_data_dictionary.csv (UTF-8) for names, definitions, units, polarity.
- dfe-analytical-services/CSC_outcomes_and_enablers (data OGL v3.0): data-raw/ tidy CSVs
  for care leavers aged 17-18 (plus one earlier release from the history, for 2020) and
  the social work workforce.

Areas: the DfE 3-digit LA code for our 153 LAs; 970 for England; the Ofsted region code of
data/regions.csv for regions. Seven Ofsted regions equal a government-office region and take
its published figure. North East, Yorkshire and the Humber (NEYH) has no published figure:
its rows are the unweighted mean of its LAs with a figure, ``published`` = "no" and
``n_areas`` = how many LAs the mean is built from. Suppressed values give no row.

Usage: python data/build_series.py [--mirror-root DIR]   (needs git and pyarrow)
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from git_snapshots import Snapshot, add_mirror_root_argument, git_show, snapshot, write_csv

DATA_DIR = Path(__file__).resolve().parent
LA_FILE = DATA_DIR / "local_authorities.csv"
OUT_SERIES = DATA_DIR / "indicator_series.csv"
OUT_MEASURES = DATA_DIR / "indicator_measures.csv"
LAIT = "dfe-analytical-services+local-authority-interactive-tool"
CSC = "dfe-analytical-services+CSC_outcomes_and_enablers"
LAIT_PARQUET = "01_data/02_prod/bds_long_0.parquet"
LAIT_DICT = "01_data/02_prod/lait_data_dictionary.csv"
ENGLAND = "970"
LICENCE = "Open Government Licence v3.0"
KEEP_YEARS = 6  # the last six years each measure has: five year-on-year changes
# Government-office regions (LAIT "LA Number" / ONS code) that equal an Ofsted region.
LAIT_REGIONS = {
    "981": "NW",
    "983": "EM",
    "984": "WM",
    "985": "EE",
    "986": "LON",
    "989": "SE",
    "990": "SW",
}
ONS_REGIONS = {
    "E12000002": "NW",
    "E12000004": "EM",
    "E12000005": "WM",
    "E12000006": "EE",
    "E12000007": "LON",
    "E12000008": "SE",
    "E12000009": "SW",
}
COMPUTED_REGION = "NEYH"  # = E12000001 + E12000003: no published figure
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEAR = re.compile(r"^\d{4}$")
SERIES_COLUMNS = ("measure_id", "area_code", "area_level", "year", "value", "published", "n_areas")
MEASURE_COLUMNS = (
    "id",
    "name",
    "definition",
    "unit",
    "polarity",
    "period_end",
    "year_type",
    "source_publication",
    "source_repository",
    "source_path",
    "source_item",
    "licence",
    "snapshot",
    "years",
    "la_coverage_latest",
)

PUB_CIN = "Children in need (DfE)"
PUB_CLA = "Children looked after in England including adoptions (DfE)"
PUB_CSWW = "Children's social work workforce (DfE)"
PUB_CAFCASS = "Cafcass care demand (via LAIT)"

# (measure_id, LAIT Short Desc, publication, period_end); name, definition, unit and
# polarity come from the dictionary.
LAIT_MEASURES = [
    # front door and children in need
    ("referrals_rate", "CPP_Total_Rateper10,000", PUB_CIN, "31 March"),
    ("re_referrals", "ReReferral", PUB_CIN, "31 March"),
    ("referrals_nfa", "CIN_Refferals_NFA", PUB_CIN, "31 March"),
    ("referrals_assessed_not_in_need", "Referrals_AssessedNotNeed", PUB_CIN, "31 March"),
    ("referrals_from_police", "RefBySource_Police_%", PUB_CIN, "31 March"),
    ("referrals_from_schools", "RefBySource_Schl_%", PUB_CIN, "31 March"),
    ("assessments_45_days", "Continue_Assess_Comp", PUB_CIN, "31 March"),
    ("cin_rate", "CIN", PUB_CIN, "31 March"),
    ("cin_open_2_years_plus", "CINTime2more", PUB_CIN, "31 March"),
    # child protection
    ("s47_rate", "Section_47", PUB_CIN, "31 March"),
    ("icpc_rate", "ISCP_Conf", PUB_CIN, "31 March"),
    ("icpc_15_days", "CP_conf_15days", PUB_CIN, "31 March"),
    ("cp_plans_rate", "CPP_rate", PUB_CIN, "31 March"),
    ("cp_starts_rate", "CPP_Abuse_Rate", PUB_CIN, "31 March"),
    ("cp_ceased_rate", "DeRegCPR", PUB_CIN, "31 March"),
    ("cp_second_subsequent", "PrevRegCPR", PUB_CIN, "31 March"),
    ("cp_two_years", "CPPlans2yrsActive", PUB_CIN, "31 March"),
    ("cp_ended_two_years", "CPPlans2yrs", PUB_CIN, "31 March"),
    ("cp_reviewed_on_time", "RevCP", PUB_CIN, "31 March"),
    ("care_applications_rate", "CareApplications", PUB_CAFCASS, "31 March"),
    # children in care
    ("cla_rate", "LAC", PUB_CLA, "31 March"),
    ("cla_start_rate", "LAC_Start_Rate", PUB_CLA, "31 March"),
    ("cla_cease_rate", "LAC_Cease_Rate", PUB_CLA, "31 March"),
    ("cla_uasc_percent", "Unacc_Asylmn_Seek_Childn%", PUB_CLA, "31 March"),
    ("cla_three_placements", "LACStable_2016on", PUB_CLA, "31 March"),
    ("cla_long_term_stability", "LAC_LongStable%", PUB_CLA, "31 March"),
    ("cla_placed_20_miles_out_of_la", "LACDistance", PUB_CLA, "31 March"),
    ("cla_foster_placements", "LAC_Foster_Placements", PUB_CLA, "31 March"),
    ("cla_missing", "Children_missing", PUB_CLA, "31 March"),
    ("cla_away_without_authorisation", "Children_Away", PUB_CLA, "31 March"),
    ("cla_health_assessments", "LACHealth%", PUB_CLA, "31 March"),
    ("cla_dental_checks", "LACDental%", PUB_CLA, "31 March"),
    ("cla_sdq_score", "Emotional_LAC", PUB_CLA, "31 March"),
    ("cla_convictions", "LAC_Convictions", PUB_CLA, "31 March"),
    ("cla_school_moves", "Stability_School", PUB_CLA, "31 March"),
    ("cla_returned_home_care_plan", "LAC_RetHome_CarePlan_%", PUB_CLA, "31 March"),
    # permanence
    ("cla_ceased_adopted", "%_of LAC Adopted", PUB_CLA, "31 March"),
    ("cla_ceased_sgo", "LAC_ceased_SGO%", PUB_CLA, "31 March"),
    ("cla_ceased_cao", "LAC_ceased_CAO%", PUB_CLA, "31 March"),
    # care leavers 19-21 (LAIT = CSC 19-21 band, checked 2021-2025)
    ("care_leavers_suitable_accommodation", "CareLeaverAcc", PUB_CLA, "31 March"),
    ("care_leavers_eet", "CareLeaverEET", PUB_CLA, "31 March"),
    ("care_leavers_neet", "CareLeaversNEET", PUB_CLA, "31 March"),
    ("care_leavers_higher_education", "LAC_19_HE", PUB_CLA, "31 March"),
    ("care_leavers_not_in_touch", "CareLeavers_LA_NotInTouch", PUB_CLA, "31 March"),
    ("care_leavers_staying_put", "StayingPut", PUB_CLA, "31 March"),
]

# CSC tidy CSVs: (measure_id, name, definition, unit, polarity, path, value column,
# filters, publication, period_end)
CSC_MEASURES = [
    (
        "care_leavers_17_18_suitable_accommodation",
        "Care leavers aged 17-18 in suitable accommodation (%)",
        "Care leavers whose 17th or 18th birthday fell in the year whose "
        "accommodation was considered suitable, "
        "as a percentage of care leavers aged 17-18 (excluding those abroad, "
        "deported or residence not known).",
        "% of care leavers",
        "High",
        "data-raw/la_care_leavers_accommodation_suitability.csv",
        "care_leaver_percent",
        {"care_leaver_age": "17 to 18 years", "breakdown": "Accommodation considered suitable"},
        PUB_CLA,
        "31 March",
    ),
    (
        "care_leavers_17_18_eet",
        "Care leavers aged 17-18 in education, employment or training (%)",
        "Care leavers whose 17th or 18th birthday fell in the year who were in "
        "education, employment or training.",
        "% of care leavers",
        "High",
        "data-raw/la_care_leavers_activity.csv",
        "care_leaver_percent",
        {
            "care_leaver_age": "17 to 18 years",
            "breakdown": "Total in education, employment or training",
        },
        PUB_CLA,
        "31 March",
    ),
    (
        "workforce_turnover",
        "Social worker turnover rate (FTE, %)",
        "FTE children and family social workers (LA employees) leaving in the "
        "year to 30 September as a % of FTE in post.",
        "% FTE",
        "Low",
        "data-raw/csww_indicators_2017_to_2025.csv",
        "turnover_rate_fte",
        {},
        PUB_CSWW,
        "30 September",
    ),
    (
        "workforce_agency",
        "Agency social worker rate (FTE, %)",
        "FTE agency children and family social workers at 30 September as a % "
        "of agency plus LA-employed FTE.",
        "% FTE",
        "Low",
        "data-raw/csww_indicators_2017_to_2025.csv",
        "agency_rate_fte",
        {},
        PUB_CSWW,
        "30 September",
    ),
    (
        "workforce_vacancy",
        "Social worker vacancy rate (FTE, %)",
        "FTE vacancies at 30 September as a % of vacancies plus FTE social workers in post.",
        "% FTE",
        "Low",
        "data-raw/csww_indicators_2017_to_2025.csv",
        "vacancy_rate_fte",
        {},
        PUB_CSWW,
        "30 September",
    ),
    (
        "workforce_caseload",
        "Average caseload per case-holding social worker (FTE)",
        "Cases held at 30 September divided by FTE case-holding children and "
        "family social workers (agency included).",
        "cases per FTE",
        "Low",
        "data-raw/csww_indicators_2017_to_2025.csv",
        "caseload_fte",
        {},
        PUB_CSWW,
        "30 September",
    ),
    (
        "workforce_absence",
        "Social worker sickness absence rate (%)",
        "Working days lost to sickness in the year to 30 September as a % of "
        "FTE working days available.",
        "% of working days",
        "Low",
        "data-raw/csww_indicators_2017_to_2025.csv",
        "absence_rate_fte",
        {},
        PUB_CSWW,
        "30 September",
    ),
]
# Earlier release in the CSC history adds 2020 to the care-leaver files (2021-2025 at HEAD).
CSC_HISTORY_COMMIT = "1329930"


def lait_number(raw: str | None) -> str | None:
    """LAIT's text value with the binary-float noise removed; None if suppressed."""
    raw = (raw or "").strip()
    if not NUMBER.match(raw):
        return None
    return f"{float(raw):.6f}".rstrip("0").rstrip(".")


def clean_text(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def polarity_word(polarity: str | None) -> str:
    return {"High": "higher_better", "Low": "lower_better"}.get((polarity or "").strip(), "none")


def show_at(snap: Snapshot, rev: str, path: str) -> bytes:
    """A file at an earlier commit of the snapshot (git_show reads HEAD's)."""
    return git_show(Snapshot(snap.name, snap.git_dir, rev, snap.commit_date), path)


def read_lait(
    snap: Snapshot, las: set[str], series: list[dict[str, str]], marks: dict[str, Counter]
) -> list[dict[str, str]]:
    import pyarrow.parquet as pq  # data build only; the app never reads parquet

    table = pq.read_table(
        io.BytesIO(git_show(snap, LAIT_PARQUET)),
        columns=["Short Desc", "Years", "LA Number", "Values"],
    ).to_pydict()
    by_item: dict[str, list[tuple[str, str, str | None, str]]] = defaultdict(list)
    wanted = {item for _, item, _, _ in LAIT_MEASURES}
    for item, year, number, raw in zip(
        table["Short Desc"], table["Years"], table["LA Number"], table["Values"], strict=True
    ):
        if item in wanted and number is not None:
            by_item[item].append(
                (clean_text(year), str(int(number)), lait_number(raw), clean_text(raw))
            )
    dictionary: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(io.StringIO(git_show(snap, LAIT_DICT).decode("utf-8"))):
        dictionary.setdefault(row["Measure_short"], row)
    measures = []
    for mid, item, pub, end in LAIT_MEASURES:
        seen = set()
        for year, number, value, raw in by_item[item]:
            if not YEAR.match(year):
                continue
            if number == ENGLAND:
                code, level = ENGLAND, "england"
            elif number in LAIT_REGIONS:
                code, level = LAIT_REGIONS[number], "region"
            elif number in las:
                code, level = number, "la"
            else:
                continue
            if value is None:
                marks[mid][raw or "(blank)"] += 1
                continue
            if (code, year) in seen:
                sys.exit(f"{mid}: two values for {code} {year}")
            seen.add((code, year))
            series.append(_row(mid, code, level, year, value))
        entry = dictionary.get(item, {})
        measures.append(
            {
                "id": mid,
                "name": clean_text(entry.get("Measure")),
                "definition": clean_text(entry.get("Description")),
                "unit": clean_text(entry.get("y_axis_name")),
                "polarity": polarity_word(entry.get("Polarity")),
                "period_end": end,
                "year_type": clean_text(entry.get("Year_Type")),
                "source_publication": pub,
                "source_repository": "dfe-analytical-services/local-authority-interactive-tool",
                "source_path": LAIT_PARQUET,
                "source_item": f"Short Desc = {item}",
                "licence": LICENCE,
                "snapshot": f"{snap.sha[:12]} {snap.commit_date}",
            }
        )
    return measures


def _row(
    mid: str,
    code: str,
    level: str,
    year: str,
    value: str,
    published: str = "yes",
    n_areas: str = "",
) -> dict[str, str]:
    return {
        "measure_id": mid,
        "area_code": code,
        "area_level": level,
        "year": year,
        "value": value,
        "published": published,
        "n_areas": n_areas,
    }


def _csc_rows(snap: Snapshot, rev: str, path: str) -> list[dict[str, str]]:
    text = show_at(snap, rev, path).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:  # the 2024 release names its columns differently
        if "age" in row and "care_leaver_age" not in row:
            row["care_leaver_age"] = re.sub(r"^Aged (.*)$", r"\1 years", row.pop("age"))
            row["breakdown"] = (
                row.pop("activity", None) or row.pop("accommodation_suitability", None) or ""
            )
            row["care_leaver_count"] = row.pop("number")
            row["care_leaver_percent"] = row.pop("percentage")
    return rows


def read_csc(
    snap: Snapshot, las: set[str], series: list[dict[str, str]], marks: dict[str, Counter]
) -> list[dict[str, str]]:
    cache: dict[tuple[str, str], list[dict[str, str]]] = {}
    measures = []
    for mid, name, definition, unit, pol, path, col, filters, pub, end in CSC_MEASURES:
        got: dict[tuple[str, str], tuple[str, str]] = {}
        revs = [snap.sha] + ([CSC_HISTORY_COMMIT] if "care_leavers" in path else [])
        for rev in revs:
            if (rev, path) not in cache:
                cache[(rev, path)] = _csc_rows(snap, rev, path)
            for row in cache[(rev, path)]:
                if row.get("time_identifier") != "Reporting year" or any(
                    row.get(k) != v for k, v in filters.items()
                ):
                    continue
                level_name = row["geographic_level"]
                if level_name == "National":
                    code, level = ENGLAND, "england"
                elif level_name == "Regional" and row["region_code"] in ONS_REGIONS:
                    code, level = ONS_REGIONS[row["region_code"]], "region"
                elif level_name == "Local authority" and row["old_la_code"] in las:
                    code, level = row["old_la_code"], "la"
                else:
                    continue
                key = (code, row["time_period"])
                if key in got:  # HEAD wins over the older release
                    continue
                value = (row.get(col) or "").strip()
                if not NUMBER.match(value):
                    marks[mid][value or "(blank)"] += 1
                    value = ""
                got[key] = (value, level)
        for (code, year), (value, level) in got.items():
            if value:
                series.append(_row(mid, code, level, year, value))
        item = col + (
            " (" + "; ".join(f"{k} = {v}" for k, v in filters.items()) + ")" if filters else ""
        )
        measures.append(
            {
                "id": mid,
                "name": name,
                "definition": definition,
                "unit": unit,
                "polarity": polarity_word(pol),
                "period_end": end,
                "year_type": "Annual (end of Sept)" if end == "30 September" else "Financial Year",
                "source_publication": pub,
                "source_repository": "dfe-analytical-services/CSC_outcomes_and_enablers",
                "source_path": path,
                "source_item": item,
                "licence": LICENCE,
                "snapshot": f"{snap.sha[:12]} {snap.commit_date}",
            }
        )
    return measures


def last_years(series: list[dict[str, str]]) -> list[dict[str, str]]:
    """Only the last KEEP_YEARS years of each measure (its latest year counting back)."""
    latest: dict[str, int] = {}
    for row in series:
        latest[row["measure_id"]] = max(latest.get(row["measure_id"], 0), int(row["year"]))
    return [r for r in series if int(r["year"]) > latest[r["measure_id"]] - KEEP_YEARS]


def computed_region(series: list[dict[str, str]], members: set[str]) -> list[dict[str, str]]:
    """NEYH rows: the unweighted mean of its LAs with a figure, marked not published."""
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in series:
        if row["area_level"] == "la" and row["area_code"] in members:
            values[(row["measure_id"], row["year"])].append(float(row["value"]))
    return [
        _row(mid, COMPUTED_REGION, "region", year, f"{sum(v) / len(v):.2f}", "no", str(len(v)))
        for (mid, year), v in values.items()
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_mirror_root_argument(parser)
    args = parser.parse_args()
    lait = snapshot(args.mirror_root, LAIT)
    csc = snapshot(args.mirror_root, CSC)
    with LA_FILE.open(encoding="utf-8") as handle:
        la_rows = list(csv.DictReader(handle))
    las = {row["la_code"] for row in la_rows}
    neyh = {row["la_code"] for row in la_rows if row["region_code"] == COMPUTED_REGION}

    series: list[dict[str, str]] = []
    marks: dict[str, Counter] = defaultdict(Counter)
    measures = read_lait(lait, las, series, marks) + read_csc(csc, las, series, marks)
    series = last_years(series)
    series += computed_region(series, neyh)

    by_measure: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in series:
        by_measure[row["measure_id"]].append(row)
    for measure in measures:
        rows = by_measure[measure["id"]]
        years = sorted({r["year"] for r in rows})
        measure["years"] = f"{years[0]}-{years[-1]} ({len(years)})" if years else ""
        measure["la_coverage_latest"] = (
            str(
                len(
                    {
                        r["area_code"]
                        for r in rows
                        if r["area_level"] == "la" and r["year"] == years[-1]
                    }
                )
            )
            if years
            else "0"
        )
    order = {"england": 0, "region": 1, "la": 2}
    series.sort(key=lambda r: (r["measure_id"], order[r["area_level"]], r["area_code"], r["year"]))
    written = write_csv(OUT_SERIES, SERIES_COLUMNS, series)
    write_csv(OUT_MEASURES, MEASURE_COLUMNS, sorted(measures, key=lambda m: m["id"]))
    print(f"LAIT {lait.sha} {lait.commit_date}; CSC {csc.sha} {csc.commit_date}")
    print(f"measures: {len(measures)}; series rows: {written}")
    for measure in sorted(measures, key=lambda m: m["id"]):
        skipped = ", ".join(f"{k!r} x{v}" for k, v in marks[measure["id"]].most_common(4))
        print(
            f"  {measure['id']}: {measure['years']}, LAs latest "
            f"{measure['la_coverage_latest']}/153" + (f"; skipped {skipped}" if skipped else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
