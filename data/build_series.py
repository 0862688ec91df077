"""Build data/indicator_series.csv and data/indicator_measures.csv: published CSC series.

For every LA, Ofsted region and England: the children's social care measures an inspector
reads in LAIT, for the last KEEP_YEARS years each measure has (issue 19). Re-running on
the same snapshots gives byte-identical files.

Sources (read with ``git show`` from snapshots under --mirror-root; nothing downloaded):

- dfe-analytical-services/local-authority-interactive-tool (LAIT; data OGL v3.0):
  01_data/02_prod/bds_long_0.parquet (needs pyarrow, in the data-build venv only) and
  01_data/02_prod/lait_data_dictionary.csv (UTF-8) for names, definitions, units, polarity.
- dfe-analytical-services/CSC_outcomes_and_enablers (data OGL v3.0): data-raw/ tidy CSVs
  for care leavers aged 17-18 and the social work workforce, and for the counts behind 28
  measures (numerator, denominator: COUNT_SPECS); one earlier release from the history
  (CSC_HISTORY_COMMIT) adds 2020 to the care-leaver and children looked after files.

Areas: the DfE 3-digit LA code for our 153 LAs; 970 for England; the Ofsted region code of
data/regions.csv for regions. Seven Ofsted regions equal a government-office region and take
its published figure. North East, Yorkshire and the Humber (NEYH) has no published figure
(``published`` = "no", ``n_areas``): where DfE publishes the counts for North East and
Yorkshire and the Humber, it is their summed numerators over their summed denominators
(``basis`` = counts); else the unweighted mean of its LAs with a figure (``basis`` = mean).
A suppressed LA figure is a row with no value and DfE's (or LAIT's) mark; a joint
workforce return is written for both its LAs (``joint_with``). Counts are kept only where
they reproduce the published value within its rounding and theirs; the others are printed.

Usage: python data/build_series.py [--mirror-root DIR]   (needs git and pyarrow)
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
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
NEYH_ONS = ("E12000001", "E12000003")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEAR = re.compile(r"^\d{4}$")
SERIES_COLUMNS = (
    "measure_id",
    "area_code",
    "area_level",
    "year",
    "value",
    "published",
    "n_areas",
    "numerator",
    "denominator",
    "mark",
    "basis",
    "joint_with",
)
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
    "scale",
    "numerator_label",
    "denominator_label",
    "counts_source",
    "release",
    "last_update",
    "next_update",
    "polarity_reason",
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
# Earlier release in the CSC history adds 2020 to the care-leaver and children looked after
# files (2021-2025 at HEAD): see HISTORY_PATHS.
CSC_HISTORY_COMMIT = "1329930"



# Counts behind the figures (issue 29): for each measure whose DfE tidy CSV in the CSC
# snapshot publishes them, where the numerator and the denominator are. A reference is
# (path, row filters, column); a denominator may be the sum of several published columns
# (written out as such in counts_source). value = numerator / denominator * scale.
C1 = "data-raw/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
B1 = "data-raw/b1_children_in_need_2013_to_2025.csv"
D3 = "data-raw/d3_cpps_subsequent_plan_2013_to_2025.csv"
D5 = "data-raw/d5_cpps_at31march_by_duration_2013_to_2025.csv"
CLA_RATES = "data-raw/cla_number_and_rate_per_10k_children.csv"
STABILITY = "data-raw/la_cla_placement_stability.csv"
SCHOOL = "data-raw/la_cla_school_moves.csv"
HEALTH = "data-raw/la_conviction_health_outcome_cla.csv"
LEAVERS_ACT = "data-raw/la_care_leavers_activity.csv"
LEAVERS_ACC = "data-raw/la_care_leavers_accommodation_suitability.csv"
CSWW = "data-raw/csww_indicators_2017_to_2025.csv"
POPULATION = "data-raw/ons_mid-year_population_estimates_2012_to_2024.csv"
# CIN rates per 10,000 for the year to 31 March Y use ONS's mid-(Y-1) estimate of children
# aged 0-17 (as cla_number_and_rate_per_10k_children.csv does: its 2025 population is
# ONS mid-2024's): the population file's time_period + 1 = the measure's year.
POP_REF = (POPULATION, {"age_group": "Children aged 0 to 17 years"}, "population_estimate", 1)
POP_LABEL = "children aged 0-17 (ONS mid-year estimate for the year before)"
CIN_POP = "children aged 0-17 (ONS mid-year estimate)"

CountRef = tuple  # (path, filters, column) or (path, filters, column, year_shift)


def _ref(path: str, column: str, year_shift: int = 0, **filters: str) -> CountRef:
    return (path, filters, column, year_shift)


def _leavers(path: str, age: str, breakdown: str, total: str) -> tuple[CountRef, CountRef]:
    band = {"care_leaver_age": age}
    return (
        (path, {**band, "breakdown": breakdown}, "care_leaver_count", 0),
        (path, {**band, "breakdown": total}, "care_leaver_count", 0),
    )


def _children(path: str, group_key: str, group: str, key: str, part: str, total: str,
              column: str = "children_count") -> tuple[CountRef, CountRef]:
    return (
        (path, {group_key: group, key: part}, column, 0),
        (path, {group_key: group, key: total}, column, 0),
    )


_CLA_POP = "children aged 0-17 (ONS mid-year estimate, as the file gives it)"
# measure_id: (numerator, [denominator parts], scale, numerator label, denominator label)
COUNT_SPECS: dict[str, tuple[CountRef, list[CountRef], str, str, str]] = {
    "referrals_rate": (_ref(C1, "referral_count"), [POP_REF], "10000", "referrals", POP_LABEL),
    "re_referrals": (
        _ref(C1, "rereferral_count"), [_ref(C1, "referral_count")], "100",
        "re-referrals within 12 months", "referrals",
    ),
    "referrals_nfa": (
        _ref(C1, "no_further_action_count"), [_ref(C1, "referral_count")], "100",
        "referrals with no further action", "referrals",
    ),
    "referrals_assessed_not_in_need": (
        _ref(C1, "not_in_need_count"), [_ref(C1, "referral_count")], "100",
        "referrals assessed as not in need", "referrals",
    ),
    "cin_rate": (_ref(B1, "At31_episodes"), [POP_REF], "10000", "children in need at 31 March",
                 POP_LABEL),
    "cp_plans_rate": (_ref(D5, "CPP_At31"), [POP_REF], "10000",
                      "child protection plans at 31 March", POP_LABEL),
    "cp_starts_rate": (_ref(D3, "CPP_start"), [POP_REF], "10000",
                       "child protection plans starting", POP_LABEL),
    "cp_second_subsequent": (
        _ref(D3, "CPP_subsequent"), [_ref(D3, "CPP_start")], "100",
        "second or subsequent plans starting", "plans starting",
    ),
    "cp_two_years": (
        _ref(D5, "2_years_or_more"), [_ref(D5, "CPP_At31")], "100",
        "plans open 2 years or more at 31 March", "plans open at 31 March",
    ),
    "cla_rate": (
        _ref(
            CLA_RATES,
            "children_count",
            population_type="Children looked after on 31 March each year",
        ),
        [_ref(CLA_RATES, "population_estimate",
              population_type="Children looked after on 31 March each year")],
        "10000", "children looked after at 31 March", _CLA_POP,
    ),
    "cla_start_rate": (
        _ref(
            CLA_RATES,
            "children_count",
            population_type="Children starting to be looked after each year",
        ),
        [_ref(CLA_RATES, "population_estimate",
              population_type="Children starting to be looked after each year")],
        "10000", "children starting to be looked after", _CLA_POP,
    ),
    "cla_cease_rate": (
        _ref(
            CLA_RATES,
            "children_count",
            population_type="Children ceasing to be looked after each year",
        ),
        [_ref(CLA_RATES, "population_estimate",
              population_type="Children ceasing to be looked after each year")],
        "10000", "children ceasing to be looked after", _CLA_POP,
    ),
}


def _pair(
    num: tuple[CountRef, CountRef], scale: str, labels: tuple[str, str]
) -> tuple[CountRef, list[CountRef], str, str, str]:
    return (num[0], [num[1]], scale, *labels)


_CLA31 = ("cla_group", "CLA on 31 March")
_LT = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
COUNT_SPECS.update(
    {
        "cla_three_placements": _pair(
            _children(STABILITY, "cla_group", "CLA on 31 March", "placement_stability",
                      "With 3 or more placements during the year", "Total children"),
            "100", ("children looked after with 3 or more placements in the year",
                    "children looked after at 31 March"),
        ),
        "cla_long_term_stability": _pair(
            _children(STABILITY, "cla_group", _LT, "placement_stability",
                      "Living with the same carer for at least 2 years", "Total children"),
            "100", ("children with the same carer for at least 2 years",
                    "children under 16 looked after for at least 2.5 years"),
        ),
        "cla_school_moves": (
            _ref(SCHOOL, "number", cla_group="CLA on 31 March", move_measure="Mid-year moves",
                 school_stability="With one or more mid-year moves during the year"),
            [_ref(SCHOOL, "number", cla_group="CLA on 31 March", move_measure="Mid-year moves",
                  school_stability="Total children")],
            "100", "children looked after with a mid-year school move",
            "children looked after at 31 March (school age)",
        ),
        "cla_convictions": _pair(
            _children(HEALTH, "characteristic",
                      "Convictions: Children looked after Ages 10 to 17 years", "breakdown",
                      "Convicted or subject to youth cautions, or youth conditional cautions "
                      "during the year", "Total ages 10 to 17 years"),
            "100", ("children convicted or cautioned", "children looked after aged 10 to 17"),
        ),
        "cla_health_assessments": _pair(
            _children(HEALTH, "characteristic",
                      "Health assessments: Children looked after all ages", "breakdown",
                      "Had their annual health assessment", "Total all ages"),
            "100", ("children with their annual health assessment",
                    "children looked after for at least 12 months"),
        ),
        "cla_dental_checks": _pair(
            _children(HEALTH, "characteristic",
                      "Health assessments: Children looked after all ages", "breakdown",
                      "Had their teeth checked by a dentist", "Total all ages"),
            "100", ("children with their teeth checked",
                    "children looked after for at least 12 months"),
        ),
        "care_leavers_suitable_accommodation": _pair(
            _leavers(LEAVERS_ACC, "19 to 21 years", "Accommodation considered suitable",
                     "Suitability total"),
            "100", ("care leavers in suitable accommodation", "care leavers aged 19-21"),
        ),
        "care_leavers_eet": _pair(
            _leavers(LEAVERS_ACT, "19 to 21 years", "Total in education, employment or training",
                     "Total"),
            "100", ("care leavers in education, employment or training", "care leavers aged 19-21"),
        ),
        "care_leavers_neet": _pair(
            _leavers(LEAVERS_ACT, "19 to 21 years",
                     "Total not in education, employment or training", "Total"),
            "100", ("care leavers not in education, employment or training",
                    "care leavers aged 19-21"),
        ),
        "care_leavers_higher_education": _pair(
            _leavers(LEAVERS_ACT, "19 to 21 years", "Higher education i.e. studies beyond A level",
                     "Total"),
            "100", ("care leavers in higher education", "care leavers aged 19-21"),
        ),
        "care_leavers_17_18_suitable_accommodation": _pair(
            _leavers(LEAVERS_ACC, "17 to 18 years", "Accommodation considered suitable",
                     "Suitability total"),
            "100", ("care leavers in suitable accommodation", "care leavers aged 17-18"),
        ),
        "care_leavers_17_18_eet": _pair(
            _leavers(LEAVERS_ACT, "17 to 18 years", "Total in education, employment or training",
                     "Total"),
            "100", ("care leavers in education, employment or training", "care leavers aged 17-18"),
        ),
        "workforce_turnover": (
            _ref(CSWW, "leavers_fte"), [_ref(CSWW, "inpost_fte")], "100",
            "FTE social workers leaving", "FTE social workers in post",
        ),
        "workforce_agency": (
            _ref(CSWW, "agency_fte"), [_ref(CSWW, "agency_fte"), _ref(CSWW, "inpost_fte")], "100",
            "FTE agency social workers", "FTE agency plus LA-employed social workers",
        ),
        "workforce_vacancy": (
            _ref(CSWW, "vacancy_fte"), [_ref(CSWW, "vacancy_fte"), _ref(CSWW, "inpost_fte")], "100",
            "FTE vacancies", "FTE vacancies plus social workers in post",
        ),
        "workforce_caseload": (
            _ref(CSWW, "cases"), [_ref(CSWW, "case_holders_fte")], "",
            "cases held", "FTE case-holding social workers",
        ),
    }
)
# The scale of measures without counts (a percentage or rate still has one).
SCALE_ONLY = {
    "care_applications_rate": "10000", "s47_rate": "10000", "icpc_rate": "10000",
    "cp_ceased_rate": "10000", "cla_sdq_score": "", "workforce_absence": "100",
}
# Release and the LAIT item whose Last/Next Update dates a CSC-only measure takes.
RELEASES = {
    PUB_CIN: "Children in need",
    PUB_CLA: "Children looked after in England including adoptions",
    PUB_CSWW: "Children's social work workforce",
    PUB_CAFCASS: "Cafcass care demand",
}
DATES_FROM = {
    "care_leavers_17_18_suitable_accommodation": "CareLeaverAcc",
    "care_leavers_17_18_eet": "CareLeaverEET",
    "workforce_turnover": "Work_Force_TO_Rate",
    "workforce_agency": "Work_Force_Agecy_Rate",
    "workforce_vacancy": "Work_Force_Vac_Rate",
    "workforce_caseload": "Work_Force_AvgNumCase_SW",
    "workforce_absence": "Work_Force_SWAbsence",
}
# Joint returns: one LA row in a CSC file covering two of our LAs ("314 / 318").
JOINT = re.compile(r"^(\d{3}) / (\d{3})$")
DIRECTIONS = DATA_DIR / "measure_directions.csv"
# LAs created by reorganisation, and the year (1 April) they were created: no mark rows
# before they existed (Dorset and BCP 2019; North and West Northamptonshire 2021;
# Cumberland and Westmorland and Furness 2023).
LA_CREATED = {"838": 2019, "839": 2019, "940": 2021, "941": 2021, "942": 2023, "943": 2023}


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


def excel_date(serial: str | None) -> str:
    """LAIT's Last/Next Update (an Excel serial day number) as an ISO date; '' if not one."""
    serial = (serial or "").strip()
    if not re.match(r"^\d+(\.0+)?$", serial):
        return ""
    return (date(1899, 12, 30) + timedelta(days=int(float(serial)))).isoformat()


def decimals(value: str) -> int:
    return len(value.split(".")[1]) if "." in value else 0


def count_slack(ref: CountRef, level: str) -> Decimal:
    """Half the unit a published count is rounded to (DfE's rounding rules): workforce FTE
    to 1 decimal place at every level; CIN and CLA national and regional counts to the
    nearest 10; LA counts and ONS populations not rounded."""
    path, _filters, column, _shift = ref
    if path == CSWW:
        return Decimal("0.05") if column.endswith("_fte") else Decimal(0)
    if level in ("england", "region") and column != "population_estimate":
        return Decimal(5)
    return Decimal(0)


def reproduces(mid: str, level: str, numerator: str, denominator: str, value: str) -> bool:
    """Some true counts within the published counts' rounding give a figure that rounds
    to ``value`` (within half its last digit)."""
    num_ref, den_refs, scale, _nl, _dl = COUNT_SPECS[mid]
    num, den = Decimal(numerator), Decimal(denominator)
    sn = count_slack(num_ref, level)
    sd = sum((count_slack(ref, level) for ref in den_refs), Decimal(0))
    if den - sd <= 0:
        return False
    factor = Decimal(scale or "1")
    low = max(num - sn, Decimal(0)) / (den + sd) * factor
    high = (num + sn) / (den - sd) * factor
    half = Decimal(5) / Decimal(10) ** (decimals(value) + 1)
    return low <= Decimal(value) + half and high >= Decimal(value) - half


def show_at(snap: Snapshot, rev: str, path: str) -> bytes:
    """A file at an earlier commit of the snapshot (git_show reads HEAD's)."""
    return git_show(Snapshot(snap.name, snap.git_dir, rev, snap.commit_date), path)


def _row(
    mid: str,
    code: str,
    level: str,
    year: str,
    value: str,
    published: str = "yes",
    n_areas: str = "",
    mark: str = "",
    joint_with: str = "",
) -> dict[str, str]:
    return {
        "measure_id": mid,
        "area_code": code,
        "area_level": level,
        "year": year,
        "value": value,
        "published": published,
        "n_areas": n_areas,
        "numerator": "",
        "denominator": "",
        "mark": mark,
        "basis": "",
        "joint_with": joint_with,
    }


def read_lait(
    snap: Snapshot,
    las: set[str],
    series: list[dict[str, str]],
    marks: dict[str, Counter],
    dictionary: dict[str, dict[str, str]],
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
            if (code, year) in seen:
                sys.exit(f"{mid}: two values for {code} {year}")
            seen.add((code, year))
            if value is None:
                marks[mid][raw or "(blank)"] += 1
                if level == "la":  # kept with its mark; regions and England: no row
                    series.append(_row(mid, code, level, year, "", mark=raw or "(blank)"))
                continue
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
                "last_update": excel_date(entry.get("Last Update")),
                "next_update": excel_date(entry.get("Next Update")),
            }
        )
    return measures


def _csc_rows(snap: Snapshot, rev: str, path: str) -> list[dict[str, str]]:
    text = show_at(snap, rev, path).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:  # the earlier releases name their columns differently
        if "age" in row and "care_leaver_age" not in row:
            row["care_leaver_age"] = re.sub(r"^Aged (.*)$", r"\1 years", row.pop("age"))
            row["breakdown"] = (
                row.pop("activity", None) or row.pop("accommodation_suitability", None) or ""
            )
            row["care_leaver_count"] = row.pop("number")
            row["care_leaver_percent"] = row.pop("percentage")
        if "population_count" in row:  # cla_number_and_rate_per_10k_children.csv
            row["population_type"] = row.pop("population_count").replace(
                "at 31 March", "on 31 March"
            )
        if "cla_group" in row and "characteristic" in row:  # la_conviction_health_outcome_cla
            row["breakdown"] = row.pop("characteristic")
            row["characteristic"] = row.pop("cla_group")
        if "number" in row and "children_count" not in row and "school_stability" not in row:
            row["children_count"] = row.pop("number")
            row["children_percent"] = row.pop("percentage", "")
    return rows


# Files whose one earlier release (CSC_HISTORY_COMMIT) adds 2020, a year HEAD no longer has.
HISTORY_PATHS = {LEAVERS_ACT, LEAVERS_ACC, CLA_RATES, STABILITY, HEALTH}


class CscFiles:
    """The CSC tidy CSVs, each read once: HEAD, and for HISTORY_PATHS the years that only
    the one earlier release in the history has (2020)."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self._rows: dict[str, list[dict[str, str]]] = {}
        self._tables: dict[tuple, dict[tuple[str, str], str]] = {}

    def rows(self, path: str) -> list[dict[str, str]]:
        if path not in self._rows:
            rows = _csc_rows(self.snap, self.snap.sha, path)
            if path in HISTORY_PATHS:  # the earlier release only for years HEAD lacks
                years = {row["time_period"] for row in rows}
                rows += [
                    row
                    for row in _csc_rows(self.snap, CSC_HISTORY_COMMIT, path)
                    if row["time_period"] not in years
                ]
            self._rows[path] = rows
        return self._rows[path]

    def table(self, ref: CountRef) -> dict[tuple[str, str], str]:
        """(area key, year) -> the published text (a number or a mark). Area key: 970,
        an ONS region code, or the file's old_la_code ("314 / 318" for a joint return)."""
        path, filters, column, shift = ref
        key = (path, tuple(filters.items()), column, shift)
        if key not in self._tables:
            out: dict[tuple[str, str], str] = {}
            for row in self.rows(path):
                if row.get("time_identifier") != "Reporting year" or any(
                    row.get(k) != v for k, v in filters.items()
                ):
                    continue
                level = row["geographic_level"]
                if level == "National":
                    area = ENGLAND
                elif level == "Regional":
                    area = row["region_code"]
                elif level == "Local authority":
                    area = row["old_la_code"]
                else:
                    continue
                out.setdefault((area, str(int(row["time_period"]) + shift)),
                               (row.get(column) or "").strip())
            self._tables[key] = out
        return self._tables[key]

    def counts(self, mid: str, area: str, year: str) -> tuple[str, str, str]:
        """(numerator, denominator, mark): the published counts, or the first mark DfE
        writes in their place ('' where the file has no row)."""
        num_ref, den_refs, _scale, _nl, _dl = COUNT_SPECS[mid]
        num = self.table(num_ref).get((area, year), "")
        parts = [self.table(ref).get((area, year), "") for ref in den_refs]
        for raw in [num, *parts]:
            if not NUMBER.match(raw):
                return "", "", raw
        den = parts[0] if len(parts) == 1 else str(sum(Decimal(p) for p in parts))
        return num, den, ""


def read_csc(
    snap: Snapshot,
    files: CscFiles,
    las: set[str],
    series: list[dict[str, str]],
    marks: dict[str, Counter],
    dictionary: dict[str, dict[str, str]],
) -> list[dict[str, str]]:
    measures = []
    for mid, name, definition, unit, pol, path, col, filters, pub, end in CSC_MEASURES:
        got: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        for row in files.rows(path):
            if row.get("time_identifier") != "Reporting year" or any(
                row.get(k) != v for k, v in filters.items()
            ):
                continue
            level_name = row["geographic_level"]
            codes: list[tuple[str, str]] = []  # (area code, joint_with)
            if level_name == "National":
                codes, level = [(ENGLAND, "")], "england"
            elif level_name == "Regional" and row["region_code"] in ONS_REGIONS:
                codes, level = [(ONS_REGIONS[row["region_code"]], "")], "region"
            elif level_name == "Local authority" and row["old_la_code"] in las:
                codes, level = [(row["old_la_code"], "")], "la"
            elif level_name == "Local authority" and JOINT.match(row["old_la_code"]):
                first, second = JOINT.match(row["old_la_code"]).groups()
                if first in las and second in las:  # one return for two LAs: both get it
                    codes, level = [(first, second), (second, first)], "la"
            for code, joint in codes:
                key = (code, row["time_period"])
                if key in got:
                    continue
                value = (row.get(col) or "").strip()
                mark = ""
                if not NUMBER.match(value):
                    marks[mid][value or "(blank)"] += 1
                    mark, value = value or "(blank)", ""
                got[key] = (value, level, mark, joint)
        for (code, year), (value, level, mark, joint) in got.items():
            if value or level == "la":
                series.append(_row(mid, code, level, year, value, mark=mark, joint_with=joint))
        item = col + (
            " (" + "; ".join(f"{k} = {v}" for k, v in filters.items()) + ")" if filters else ""
        )
        entry = dictionary.get(DATES_FROM[mid], {})
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
                "last_update": excel_date(entry.get("Last Update")),
                "next_update": excel_date(entry.get("Next Update")),
            }
        )
    return measures


def drop_empty_marks(
    series: list[dict[str, str]], period_end: dict[str, str]
) -> list[dict[str, str]]:
    """Mark rows only where they say something: not for a year before the LA existed
    (LAIT writes "-", and the CSC files "z", for e.g. Cumberland before 2024: see
    LA_CREATED), nor for a measure-year in which no LA has a figure."""
    measure_years = {(r["measure_id"], r["year"]) for r in series if r["value"]}
    kept = []
    for r in series:
        if not r["value"]:
            created = LA_CREATED.get(r["area_code"])
            # a year to 31 March Y covers an LA created on 1 April Y-1 from Y on;
            # a workforce year (30 September Y) from Y on
            first = created + (period_end[r["measure_id"]] == "31 March") if created else 0
            if int(r["year"]) < first or (r["measure_id"], r["year"]) not in measure_years:
                continue
        kept.append(r)
    return kept


def last_years(series: list[dict[str, str]]) -> list[dict[str, str]]:
    """Only the last KEEP_YEARS years of each measure (its latest year counting back)."""
    latest: dict[str, int] = {}
    for row in series:
        if row["value"]:
            latest[row["measure_id"]] = max(latest.get(row["measure_id"], 0), int(row["year"]))
    return [r for r in series if int(r["year"]) > latest[r["measure_id"]] - KEEP_YEARS]


def area_key(row: dict[str, str]) -> str:
    """The CSC files' area for a series row (a joint return's "314 / 318" for its LAs)."""
    if row["area_level"] == "england":
        return ENGLAND
    if row["area_level"] == "region":
        return {v: k for k, v in ONS_REGIONS.items()}[row["area_code"]]
    if row["joint_with"]:
        return " / ".join(sorted([row["area_code"], row["joint_with"]]))
    return row["area_code"]


def add_counts(series: list[dict[str, str]], files: CscFiles) -> Counter:
    """Numerator and denominator on every row whose counts DfE publishes and reproduce
    the value; a DfE mark in place of LAIT's "-". Returns counts of what was done."""
    done: Counter = Counter()
    for row in series:
        mid = row["measure_id"]
        if mid not in COUNT_SPECS:
            continue
        num, den, mark = files.counts(mid, area_key(row), row["year"])
        if not row["value"]:
            if mark and row["mark"] == "-":
                row["mark"] = mark  # DfE's own mark (c, x, z ...) is more exact
            if num:
                row["numerator"], row["denominator"] = num, den
            done["marked rows with counts" if num else "marked rows"] += 1
            continue
        if not num:
            done["no counts: " + (mark or "no row")] += 1
            continue
        if not reproduces(mid, row["area_level"], num, den, row["value"]):
            print(
                f"  counts left out: {mid} {row['area_code']} {row['year']}: "
                f"{num}/{den} vs {row['value']}"
            )
            done["left out (do not reproduce)"] += 1
            continue
        row["numerator"], row["denominator"] = num, den
        done["with counts"] += 1
    return done


def computed_region(
    series: list[dict[str, str]], members: set[str], files: CscFiles
) -> list[dict[str, str]]:
    """NEYH rows (published = no): from the two published regions' counts where DfE
    publishes them (basis counts), else the unweighted mean of its LAs (basis mean)."""
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    places: dict[str, int] = defaultdict(int)
    for row in series:
        if row["value"]:
            places[row["measure_id"]] = max(places[row["measure_id"]], decimals(row["value"]))
        if row["area_level"] == "la" and row["area_code"] in members and row["value"]:
            values[(row["measure_id"], row["year"])].append(float(row["value"]))
    rows = []
    for (mid, year), v in values.items():
        if mid in COUNT_SPECS:
            parts = [files.counts(mid, region, year) for region in NEYH_ONS]
            if all(num for num, _, _ in parts):
                num = sum(Decimal(p[0]) for p in parts)
                den = sum(Decimal(p[1]) for p in parts)
                if den:
                    exact = num / den * Decimal(COUNT_SPECS[mid][2] or "1")
                    value = exact.quantize(Decimal(1).scaleb(-places[mid]), ROUND_HALF_UP)
                    row = _row(mid, COMPUTED_REGION, "region", year, str(value), "no",
                               str(len(members)))
                    row.update(numerator=str(num), denominator=str(den), basis="counts")
                    rows.append(row)
                    continue
        row = _row(mid, COMPUTED_REGION, "region", year, f"{sum(v) / len(v):.2f}", "no",
                   str(len(v)))
        row["basis"] = "mean"
        rows.append(row)
    return rows


def measure_scale(measure: dict[str, str]) -> str:
    mid = measure["id"]
    if mid in COUNT_SPECS:
        return COUNT_SPECS[mid][2]
    if mid in SCALE_ONLY:
        return SCALE_ONLY[mid]
    return "100" if "%" in measure["unit"] or "%" in measure["name"] else ""


def counts_source(mid: str) -> str:
    if mid not in COUNT_SPECS:
        return ""
    num, dens, _scale, _nl, _dl = COUNT_SPECS[mid]

    def describe(ref: CountRef) -> str:
        path, filters, column, shift = ref
        where = "; ".join(f"{k} = {v}" for k, v in filters.items())
        return (f"{path} {column}" + (f" ({where})" if where else "")
                + (f" of time_period {'+' if shift > 0 else ''}{-shift}" if shift else ""))

    paths = {num[0], *(d[0] for d in dens)}
    history = bool(paths & HISTORY_PATHS)
    extra = f" (2020: commit {CSC_HISTORY_COMMIT})" if history else ""
    return (f"numerator: {describe(num)}; denominator: "
            + " + ".join(describe(d) for d in dens) + extra)


def read_directions() -> dict[str, dict[str, str]]:
    """data/measure_directions.csv (measure_id, polarity, reason) if someone has written it."""
    if not DIRECTIONS.exists():
        return {}
    with DIRECTIONS.open(encoding="utf-8") as handle:
        return {row["measure_id"]: row for row in csv.DictReader(handle)}


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
    dictionary: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(io.StringIO(git_show(lait, LAIT_DICT).decode("utf-8"))):
        dictionary.setdefault(row["Measure_short"], row)
    files = CscFiles(csc)

    series: list[dict[str, str]] = []
    marks: dict[str, Counter] = defaultdict(Counter)
    measures = read_lait(lait, las, series, marks, dictionary) + read_csc(
        csc, files, las, series, marks, dictionary
    )
    period_end = {m["id"]: m["period_end"] for m in measures}
    series = last_years(drop_empty_marks(series, period_end))
    done = add_counts(series, files)
    series += computed_region(series, neyh, files)

    by_measure: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in series:
        by_measure[row["measure_id"]].append(row)
    directions = read_directions()
    for measure in measures:
        rows = [r for r in by_measure[measure["id"]] if r["value"]]
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
        spec = COUNT_SPECS.get(measure["id"])
        measure["scale"] = measure_scale(measure)
        measure["numerator_label"] = spec[3] if spec else ""
        measure["denominator_label"] = spec[4] if spec else ""
        measure["counts_source"] = counts_source(measure["id"])
        measure["release"] = (
            f"{RELEASES[measure['source_publication']]} {years[-1]}" if years else ""
        )
        direction = directions.get(measure["id"])
        measure["polarity_reason"] = clean_text(direction["reason"]) if direction else ""
        if direction and clean_text(direction["polarity"]):
            measure["polarity"] = clean_text(direction["polarity"])
    order = {"england": 0, "region": 1, "la": 2}
    series.sort(key=lambda r: (r["measure_id"], order[r["area_level"]], r["area_code"], r["year"]))
    written = write_csv(OUT_SERIES, SERIES_COLUMNS, series)
    write_csv(OUT_MEASURES, MEASURE_COLUMNS, sorted(measures, key=lambda m: m["id"]))
    print(f"LAIT {lait.sha} {lait.commit_date}; CSC {csc.sha} {csc.commit_date}")
    print(f"measures: {len(measures)}; series rows: {written}")
    print("counts: " + ", ".join(f"{k} {v}" for k, v in sorted(done.items())))
    for measure in sorted(measures, key=lambda m: m["id"]):
        skipped = ", ".join(f"{k!r} x{v}" for k, v in marks[measure["id"]].most_common(4))
        with_counts = sum(1 for r in by_measure[measure["id"]] if r["numerator"])
        print(
            f"  {measure['id']}: {measure['years']}, LAs latest "
            f"{measure['la_coverage_latest']}/153; rows with counts {with_counts}"
            + (f"; marks {skipped}" if skipped else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
