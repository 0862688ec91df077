"""Synthetic Annex A workbooks for demos, tests and load tests.

Everything here is made up: synthetic demo data about no real child, adopter or
worker. Child IDs ("C" and seven digits), adopter, family and worker IDs are random
numbers, and nobody has a name. Never load any of it in production.

The lists follow ``dashboard.domain.annex_a`` column for column and are built the
way an authority's case-management system would export them at the "point of
inspection" (framework paras 246-253), as Ofsted's own Annex A template asks (its
Guidance tab, "Update: August 2019", which moved on from the 2017 framework text of
para 249): one pool of children with fixed IDs, dates of birth, gender and ethnicity,
reused across the lists (para 250); a row per contact, referral, assessment and
section 47 enquiry in the six months before extraction (lists 1, 3, 4 and 5), so a
child referred twice is on list 3 twice; one row per child on lists 6 to 10, their
most recent episode, plan or period of care, including those whose service, plan or
care ended in the six months; twelve months on lists 10 and 11. Children move through
the system as they do in life: a contact, a referral, an assessment, perhaps a
section 47 enquiry, an initial conference and a child protection plan, or care; some
are referred again within months, and some were referred in the year before the six.
Codes come in the mix of styles seen in real files: the template's lettered form
("a) Yes"), bare DfE codes ("N1"), code with meaning, and meaning alone.

A clean workbook passes ``check_upload`` with no errors or warnings; its only notes say
that the template's lettered dropdown values were read as their codes. ``problems=True``
adds a handful of deliberate mistakes, each one an error or warning the checks report,
at the places listed in :class:`Generated.injected`.

Run ``python -m dashboard.demo.annex_a --size large --out /tmp/annex_a_large.xlsx``.
This module imports nothing from the web or database layers.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import io
import itertools
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from dashboard import clock
from dashboard.domain.annex_a import (
    ANNEX_A_LISTS,
    LISTS_BY_KEY,
    AnnexAList,
    CodeSet,
    Kind,
    list_for_sheet_name,
)
from dashboard.domain.annex_a_checks import ERROR, WARNING, Sheet
from dashboard.domain.calendar import is_working_day
from dashboard.domain.dates import add_months


@dataclass(frozen=True)
class Size:
    """How big an authority the workbook imitates.

    ``volume`` multiplies the typical numbers of children per 10,000 on each list:
    1.0 gives an ordinary authority of ``child_population`` children; "large" is
    stretched to about 200,000 rows in all, the load of England's largest
    authorities and more than any of them has on most lists.
    """

    name: str
    child_population: int
    volume: float
    teams: int


SIZES: dict[str, Size] = {
    "small": Size("small", 10_000, 1.0, 6),
    "medium": Size("medium", 97_000, 1.0, 24),
    "large": Size("large", 340_000, 1.92, 40),
}

#: The months before extraction that lists 1 to 5 cover, and in which an episode, plan or
#: period of care on lists 6 to 8 may have ended and still be listed (template Guidance).
RECENT_MONTHS = 6

#: Rows on each list per 10,000 children at volume 1.0, from the national rates of
#: recent years (DfE's children in need and children looked after statistics) over each
#: list's period: a row per event on lists 1 to 5 over six months, so about 260
#: referrals (some 520 a year, a child referred twice counted twice), 270 assessments
#: (a little more than referrals, as children already open are reassessed) and 95
#: section 47 enquiries (some 190 a year); contacts, which DfE does not collect, at
#: about 3,000 a year; early help assessments over six months. One row per child on
#: lists 6 to 8: 330 children in need at extraction (those on a plan or in care among
#: them) and 200 whose episode closed in the six months; 41 on a plan and 21 whose plan
#: ended in the six months (some 43 a year); 70 in care plus 16 who left in the six
#: months. Care leavers at extraction, and twelve months of adoptions and adopters.
ROWS_PER_10K: dict[str, float] = {
    "contacts": 1500, "early_help": 200, "referrals": 260, "assessments": 270,
    "section_47": 95, "cin_open": 330, "cin_closed": 200, "cp_open": 41, "cp_ended": 21,
    "cla_open": 70, "cla_ceased": 16, "care_leavers": 48, "adoption": 7, "adopters": 5,
}
_MINIMUM_ROWS = {"adoption": 6, "adopters": 4, "cp_ended": 3, "cla_ceased": 4}

SHEET_NAMES: dict[str, str] = {
    annex_list.key: (f"List {annex_list.number}" if annex_list.number <= 11 else "Workforce")
    for annex_list in ANNEX_A_LISTS
}

# ---------------------------------------------------------------------------------------
# Code styles: how a value is written. Every style is one ``CodeSet.canonical`` reads.

CODE = "code"                       # N1
MEANING = "meaning"                 # Abuse or neglect
CODE_MEANING = "code - meaning"     # N1 - Abuse or neglect
LETTERED = "a) meaning"             # a) Yes  (the template's drop-down lists)
LETTERED_CODE = "a) code: meaning"  # a) E11: Adopted - application unopposed
STYLES = (CODE, MEANING, CODE_MEANING, LETTERED, LETTERED_CODE)

_COLUMN_STYLES: dict[str, str] = {
    "gender": LETTERED, "disability": LETTERED, "child_seen": LETTERED,
    "needs_support": LETTERED, "referral_nfa": LETTERED, "icpc_unnecessary": LETTERED,
    "icpc_led_to_plan": LETTERED, "seen_alone": LETTERED, "emergency_protection": LETTERED,
    "uasc": LETTERED, "second_period": LETTERED, "return_interview_offered": LETTERED,
    "return_interview_accepted": LETTERED,
    "referral_source": LETTERED_CODE, "reason_ceased": LETTERED_CODE,
    "permanence_plan": LETTERED_CODE, "category_of_need": LETTERED_CODE,
    "closure_reason": CODE_MEANING, "initial_category": MEANING, "latest_category": MEANING,
    "placement_location": MEANING,
}


def column_style(list_key: str, column_key: str) -> str:
    """The style a list's code column is written in.

    Lists 1 and 2 often come from a different system from the rest (para 252), so
    they spell codes out; the adoption lists use bare codes; lists 3 to 9 follow the
    template's drop-downs where it has them and bare DfE codes elsewhere.
    """
    if list_key in ("contacts", "early_help"):
        return MEANING
    if list_key in ("adoption", "adopters"):
        return CODE
    return _COLUMN_STYLES.get(column_key, CODE)


def _letters(index: int) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    return alphabet[index] if index < 26 else alphabet[index // 26 - 1] + alphabet[index % 26]


def render_code(code_set: CodeSet, code: str, style: str) -> str:
    """``code`` written in ``style``."""
    meaning = code_set.codes[code]
    if style == CODE:
        return code
    if style == MEANING:
        return meaning
    if style == CODE_MEANING:
        return f"{code} - {meaning}"
    letter = _letters(list(code_set.codes).index(code))
    if style == LETTERED:
        return f"{letter}) {meaning}"
    return f"{letter}) {code}: {meaning}"


def _renderings(annex_list: AnnexAList) -> dict[str, dict[str, str]]:
    found = {}
    for column in annex_list.columns:
        if column.code_set is not None:
            style = column_style(annex_list.key, column.key)
            found[column.key] = {code: render_code(column.code_set, code, style)
                                 for code in column.code_set.codes}
    return found


_RENDER: dict[str, dict[str, dict[str, str]]] = {
    annex_list.key: _renderings(annex_list) for annex_list in ANNEX_A_LISTS
}

# ---------------------------------------------------------------------------------------
# Distributions. Weights need not add to 100.


class _Pick:
    """A weighted choice made with one random number."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, weights: dict[object, float]) -> None:
        self.items = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> object:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.total)]


def _ages(weights: Sequence[float], first: int = 0) -> _Pick:
    return _Pick({first + i: weight for i, weight in enumerate(weights)})


#: Children in need by age (0-17); children in care; on a plan; care leavers (17-24).
AGES_CIN = _ages([7, 5, 5, 5, 5, 5.5, 5.5, 5.5, 5.5, 5.5, 6, 6.2, 6.4, 6.6, 6.6, 6.4, 5, 4])
AGES_CLA = _ages([5, 3.5, 3.5, 3.5, 3.5, 3.6, 3.6, 3.6, 3.6, 3.6, 5.5, 6, 6.3, 6.6, 6.8, 6.8,
                  12.5, 12.5])
AGES_CP = _ages([11, 7, 7, 6.5, 6.5, 6, 6, 5.5, 5.5, 5, 5, 5, 5, 5, 5, 4, 3, 2])
AGES_CARE_LEAVERS = _ages([8, 16, 22, 21, 21, 5, 4, 3], first=17)
GENDERS = _Pick({"M": 52, "F": 47.5, "U": 0.5})
ETHNICITIES = _Pick({
    "WBRI": 66, "WIRI": 0.5, "WIRT": 0.3, "WOTH": 5, "WROM": 0.7, "MWBC": 2.5, "MWBA": 1,
    "MWAS": 1.5, "MOTH": 3, "AIND": 2, "APKN": 4, "ABAN": 1.5, "AOTH": 2, "BCRB": 1,
    "BAFR": 4, "BOTH": 1, "CHNE": 0.3, "OOTH": 2.5, "REFU": 0.2, "NOBT": 1,
})
UASC_ETHNICITIES = _Pick({"OOTH": 30, "AOTH": 25, "BAFR": 25, "BOTH": 10, "MOTH": 5, "WOTH": 5})
SOURCES = _Pick({
    "6": 29, "2A": 19, "2B": 1, "3A": 2, "3B": 3, "3C": 1, "3D": 2, "3E": 3, "3F": 4,
    "5A": 4, "5B": 4, "5C": 2, "1A": 4, "1B": 1, "1C": 2, "1D": 1, "4": 2, "7": 3, "8": 6,
    "9": 2, "10": 1,
})
PRIMARY_NEED = _Pick({"N1": 55, "N2": 8, "N3": 4, "N4": 9, "N5": 15, "N6": 2, "N7": 0.5,
                      "N8": 4.5, "N9": 1, "N0": 1})
CLA_NEED = _Pick({"N1": 66, "N2": 3, "N3": 3, "N4": 8, "N5": 13, "N6": 1, "N8": 6})
ABUSE = _Pick({"NEG": 50, "EMO": 36, "PHY": 7, "SAB": 4, "MUL": 3})
#: Referrals of a child in the six months before list 3's (the 12 months before
#: extraction less list 3's six): seen only in the count of referrals in the last 12 months.
EARLIER_REFERRALS = _Pick({0: 87, 1: 10, 2: 2.5, 3: 0.5})
#: The chance that a referral follows an earlier one of the child's in the six months, at
#: least two weeks before (a row each on list 3). Some referrals come too early in the
#: six months for one, so about one child referred in fourteen is on list 3 twice or more.
REFERRED_AGAIN = 0.085
#: The share of list 4's assessments that are of children already open, reassessed with
#: no new referral; set so that list 3 has about ROWS_PER_10K's referrals.
REASSESSED = 0.19
#: The share of list 3's referrals with no further action.
NO_FURTHER_ACTION = 0.085
PREVIOUS_PLANS = _Pick({1: 70, 2: 22, 3: 8})
CLOSURE_REASONS = _Pick({"RC7": 80, "RC5": 7, "RC3": 5, "RC4": 5, "RC2": 0.3})
PLACEMENTS_YOUNG = _Pick({"U6": 35, "U4": 20, "U3": 14, "U1": 8, "U5": 5, "P1": 8, "R3": 2})
PLACEMENTS_MIDDLE = _Pick({"U4": 32, "U6": 20, "U1": 10, "U3": 6, "K2": 14, "P1": 7, "K1": 0.5,
                           "S1": 2, "R1": 1, "Z1": 1, "T0": 0.5})
PLACEMENTS_OLDER = _Pick({"U4": 25, "U6": 15, "U1": 6, "U3": 3, "K2": 14, "H5": 22, "P2": 5,
                          "P1": 4, "R5": 1, "Z1": 1})
PLANS_YOUNG = _Pick({"LTF": 40, "RTF": 22, "SGO": 20, "LTR": 2, "OTH": 6, "ADO": 10})
PLANS_MIDDLE = _Pick({"LTF": 50, "RTF": 18, "SGO": 14, "LTR": 9, "OTH": 6, "ADO": 3})
PLANS_OLDER = _Pick({"SLC": 40, "LTF": 40, "LTR": 10, "RTF": 5, "OTH": 5})
CEASED_UNDER_18 = _Pick({"E4A": 38, "E4B": 5, "E13": 5, "E41": 4, "E45": 7, "E46": 2, "E47": 8,
                         "E48": 3, "E3": 3, "E8": 11, "E9": 2, "E16": 1, "E14": 1})
CEASED_AT_18 = _Pick({"E5": 45, "E6": 8, "E17": 22, "E7": 3, "E8": 12, "E13": 10})
IN_TOUCH_19_21 = _Pick({"YES": 90.5, "NO": 3.5, "REFU": 2.5, "NREQ": 2, "RHOM": 1.3, "DIED": 0.2})
IN_TOUCH_YOUNGER = _Pick({"YES": 96, "NO": 1.5, "REFU": 1.5, "RHOM": 1})
ACCOMMODATIONS = _Pick({"D": 26, "U": 25, "B": 11, "Z": 8, "E": 5, "T": 5, "C": 2, "K": 3,
                        "Y": 4, "X": 2, "S": 1, "V": 1, "W": 0.5, "G": 0.5})
UNSUITABLE = frozenset({"X", "S", "V", "W", "R", "H"})
ACTIVITY_19_21 = _Pick({"F1": 7, "P1": 1, "F2": 12, "P2": 2, "F5": 16, "P5": 11, "G4": 12,
                        "G5": 17, "G6": 10, "F4": 6, "P4": 2})
ACTIVITY_YOUNGER = _Pick({"F2": 45, "P2": 5, "F5": 6, "P5": 6, "F1": 2, "G5": 20, "G4": 5,
                          "G6": 5, "F4": 4, "P4": 2})
EARLY_HELP_BY = _Pick({"Early Help Team": 35, "School": 25, "Family Hub": 20,
                       "Health visiting": 8, "Voluntary sector partner": 7, "Youth service": 5})
REVERSAL_REASONS = ("Plan changed to special guardianship", "Plan changed to long-term fostering",
                    "Court refused the placement order", "Returned to birth family")
LEAVING_REASONS = ("Withdrew - change in circumstances", "Not approved by panel",
                   "Transferred to another agency", "Decided not to proceed")


# ---------------------------------------------------------------------------------------
# The generator

#: Each list's rows are sorted as a case-management report would sort them.
_SORTED_BY = {
    "contacts": "contact_date", "early_help": "early_help_start",
    "referrals": "referral_date", "assessments": "assessment_start",
    "section_47": "s47_start", "children_in_need": "cin_start",
    "child_protection": "cp_start", "children_in_care": "started_care",
    "care_leavers": "child_id", "adoption": "entered_care", "adopters": "family_id",
}



class _Child:
    """One synthetic child: the same ID, birth, gender and ethnicity on every list."""

    __slots__ = ("born", "disabled", "ethnicity", "gender", "id", "team", "worker")

    def __init__(self, child_id: str, gender: str, ethnicity: str, born: int | None,
                 disabled: str) -> None:
        self.id = child_id
        self.gender = gender
        self.ethnicity = ethnicity
        self.born = born
        self.disabled = disabled
        self.team: str | None = None
        self.worker: str | None = None


@dataclass(frozen=True)
class InjectedProblem:
    """One deliberate mistake: where it is and what the checks should say."""

    severity: str
    sheet: str
    row: int | None
    column: str
    what: str


@dataclass
class Generated:
    sheets: list[Sheet]
    size: Size
    period_end: date
    injected: list[InjectedProblem] = field(default_factory=list)


Row = dict[str, object]


class _Builder:
    def __init__(self, size: Size, period_end: date, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        # A second stream for the columns added later (date of previous referral, short
        # breaks, case-holding FTE), so that adding them changed nothing else.
        self.extra = random.Random(f"{seed} extra")  # noqa: S311 - synthetic data
        self.size = size
        self.period_end = period_end
        end = self.end = period_end.toordinal()
        self.base = end - 40 * 366
        self.days = [date.fromordinal(day) for day in range(self.base, end + 1)]
        self.window = {months: end - add_months(period_end, -months).toordinal()
                       for months in (RECENT_MONTHS, 12, 24, 30)}
        self.dob_range = {
            age: (add_months(period_end, -12 * (age + 1)).toordinal() + 1,
                  add_months(period_end, -12 * age).toordinal())
            for age in range(31)
        }
        self.working_start = end - 1600
        self.working: list[int] = []
        self.working_at: list[int] = []
        for day in range(self.working_start, end + 300):
            if is_working_day(date.fromordinal(day)):
                self.working.append(day)
            self.working_at.append(len(self.working) - 1)
        self.ids: set[int] = set()
        self.rows: dict[str, list[Row]] = {key: [] for key in LISTS_BY_KEY}
        units = size.child_population / 10_000 * size.volume
        self.target = {key: max(_MINIMUM_ROWS.get(key, 1), round(rate * units))
                       for key, rate in ROWS_PER_10K.items()}
        self.teams = self._teams()
        self.open_cin: set[str] = set()
        self.plans_from_conferences = 0
        self.cp_into_care = 0
        self.placed_children: list[tuple[str, int, int | None]] = []
        self.left_at_18: list[_Child] = []
        self.contact_only: list[_Child] = []

    # --- dates ----------------------------------------------------------------------

    def day(self, ordinal: int | None) -> date | None:
        """The date of an ordinal; fails loudly for any day after the period end."""
        if ordinal is None:
            return None
        if ordinal > self.end:
            raise ValueError("generated a date after the period end")
        return self.days[ordinal - self.base]

    def in_window(self, day: int, months: int) -> bool:
        return self.end - self.window[months] < day <= self.end

    def in_window_day(self, months: int) -> int:
        return self.end - self.rng.randrange(self.window[months])

    def snap(self, day: int) -> int:
        """The working day on or before ``day``."""
        if day < self.working_start:
            return day
        return self.working[self.working_at[day - self.working_start]]

    def add_working(self, day: int, days: int) -> int:
        return self.working[self.working_at[day - self.working_start] + days]

    def working_day_in(self, months: int) -> int:
        day = self.snap(self.in_window_day(months))
        if not self.in_window(day, months):
            day = self.add_working(day, 1)
        return day

    def age_at(self, born: int, on: int) -> int:
        b, d = self.days[born - self.base], self.days[on - self.base]
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

    # --- children -------------------------------------------------------------------

    def child(self, ages: _Pick | None, born_by: int | None = None, *, age: int | None = None,
              gender: str | None = None, ethnicity: str | None = None,
              born: int | None = None, disabled: float = 0.1, unborn: bool = False) -> _Child:
        """A new child; born on or before ``born_by`` (older than ``ages`` says if need be)."""
        rng = self.rng
        number = rng.randrange(1_000_000, 10_000_000)
        while number in self.ids:
            number = rng.randrange(1_000_000, 10_000_000)
        self.ids.add(number)
        if born is None and not unborn:
            years = age if age is not None else ages(rng)  # type: ignore[misc]
            low, high = self.dob_range[years]  # type: ignore[index]
            if born_by is not None and born_by < high:
                high = born_by
                if low > high:
                    low, _ = self.dob_range[self.age_at(born_by, self.end)]
            born = rng.randint(low, high)
        roll = rng.random()
        return _Child(
            f"C{number}",
            gender or ("U" if unborn else GENDERS(rng)),  # type: ignore[arg-type]
            ethnicity or ("NOBT" if unborn else ETHNICITIES(rng)),  # type: ignore[arg-type]
            born,
            "Y" if roll < disabled else ("U" if roll > 0.98 else "N"),
        )

    def person(self, child: _Child, list_key: str) -> Row:
        render = _RENDER[list_key]
        row: Row = {
            "child_id": child.id,
            "gender": render["gender"][child.gender],
            "ethnicity": render["ethnicity"][child.ethnicity],
            "date_of_birth": self.day(child.born),
            # a number of years, as a spreadsheet holds it (whole years here)
            "age": None if child.born is None else float(self.age_at(child.born, self.end)),
        }
        if "disability" in render:
            row["disability"] = render["disability"][child.disabled]
        return row

    def yes_no(self, list_key: str, column: str, yes: bool | None) -> str | None:
        if yes is None:
            return None
        return _RENDER[list_key][column]["Y" if yes else "N"]

    # --- teams ----------------------------------------------------------------------

    def _teams(self) -> dict[str, list[str]]:
        count = self.size.teams
        assessment = max(1, round((count - 2) * 0.3))
        in_care = max(1, round((count - 2) * 0.3))
        support = max(1, count - 2 - assessment - in_care)
        return {
            "front_door": ["Front Door (MASH)"],
            "assessment": [f"Assessment Team {n}" for n in range(1, assessment + 1)],
            "support": [f"Family Support Team {n}" for n in range(1, support + 1)],
            "disabled": ["Disabled Children's Team"],
            "in_care": [f"Children in Care Team {n}" for n in range(1, in_care + 1)],
            "leaving_care": [f"Leaving Care Team {n}"
                             for n in range(1, max(1, count // 12) + 1)],
        }

    def allocate(self, child: _Child, kind: str) -> str:
        child.team = self.rng.choice(self.teams[kind])
        return child.team

    # --- rows -----------------------------------------------------------------------

    def contact(self, child: _Child, day: int) -> None:
        row = self.person(child, "contacts")
        if self.rng.random() < 0.08:  # a second system's records spell gender as a code
            row["gender"] = child.gender
        row["contact_date"] = self.day(day)
        row["contact_source"] = _RENDER["contacts"]["contact_source"][SOURCES(self.rng)]
        self.rows["contacts"].append(row)

    def referral(self, child: _Child, day: int, *, nfa: bool = False,
                 repeat: float = 1.0) -> None:
        """List 3's row. Its count of referrals in the last 12 months and its date of
        previous referral wait for ``finish_referrals``, when all the child's referrals
        are known; ``repeat`` above 1 makes an earlier referral off the list likelier."""
        row = self.person(child, "referrals")
        row.update(referral_date=self.day(day),
                   referral_source=_RENDER["referrals"]["referral_source"][SOURCES(self.rng)],
                   referral_nfa=self.yes_no("referrals", "referral_nfa", nfa),
                   _child=child, _repeat=repeat)
        self.rows["referrals"].append(row)

    def finish_referrals(self) -> None:
        """Each referral's "Number of Referrals in Last 12 Months" and date of previous
        referral, one story on every row of a child: the count is the child's referrals
        on list 3 and those in the six months before them (off the list), so it is the
        same on each of the child's rows, as ``re_referrals`` reads it; the previous
        referral is the child's row before, or the latest referral off the list, or for
        about one child in eight of the rest a referral more than 12 months before
        extraction (which may still be within 12 months of the referral)."""
        extra = self.extra
        year_start = self.end - self.window[12]
        list_start = self.end - self.window[RECENT_MONTHS]
        by_child: dict[object, list[Row]] = {}
        for row in self.rows["referrals"]:
            by_child.setdefault(row["child_id"], []).append(row)
        for rows in by_child.values():
            rows.sort(key=lambda row: row["referral_date"])  # type: ignore[arg-type,return-value]
            child: _Child = rows[0]["_child"]  # type: ignore[assignment]
            repeat = max(row.pop("_repeat") for row in rows)  # type: ignore[type-var]
            earlier = EARLIER_REFERRALS(extra)
            if earlier == 0 and repeat > 1 and extra.random() < repeat - 1:  # type: ignore[operator]
                earlier = 1
            low = year_start + 1 if child.born is None else max(year_start + 1, child.born)
            days = sorted(extra.sample(range(low, list_start + 1), earlier)
                          if list_start + 1 - low >= earlier else [])
            previous: int | None = days[-1] if days else None
            if previous is None and extra.random() < 0.12:
                previous = year_start - extra.randint(0, 300)
                if child.born is not None and previous < child.born:
                    previous = None
            count = len(rows) + len(days)
            for row in rows:
                row["referrals_last_12_months"] = count
                row["previous_referral"] = self.day(previous)
                previous = row["referral_date"].toordinal()  # type: ignore[attr-defined]

    def assessment_days(self) -> int:
        if self.rng.random() < 0.755:
            return int(self.rng.triangular(4, 46, 38))
        return 46 + min(int(self.rng.expovariate(1 / 14)), 80)

    def assessment(self, child: _Child, start: int, needs: bool | None,
                   days: int | None = None) -> int | None:
        """List 4's row (``days`` working days long, or as assessments are); the
        authorisation date, or None while the assessment is open."""
        done = self.add_working(start, self.assessment_days() if days is None else days)
        if done > self.end:
            done = None  # type: ignore[assignment]
        row = self.person(child, "assessments")
        seen = self.rng.random()
        row.update(assessment_start=self.day(start),
                   child_seen=self.yes_no("assessments", "child_seen",
                                          None if seen > 0.99 else seen < 0.96),
                   assessment_authorised=self.day(done),
                   needs_support=None if done is None else self.yes_no(
                       "assessments", "needs_support", needs),
                   _child=child)
        self.rows["assessments"].append(row)
        return done

    def conference_days(self) -> int:
        if self.rng.random() < 0.77:
            return self.rng.randint(6, 15)
        return 16 + min(int(self.rng.expovariate(1 / 6)), 30)

    def section_47(self, child: _Child, start: int, conference: int | None,
                   unnecessary: bool | None, plan: bool | None) -> None:
        """List 5's row; its counts for the last 12 months wait for ``finish_section_47``."""
        row = self.person(child, "section_47")
        row.update(s47_start=self.day(start),
                   icpc_unnecessary=self.yes_no("section_47", "icpc_unnecessary", unnecessary),
                   icpc_date=self.day(conference),
                   icpc_led_to_plan=self.yes_no("section_47", "icpc_led_to_plan", plan),
                   _child=child)
        self.rows["section_47"].append(row)

    def finish_section_47(self) -> None:
        """Each enquiry's counts of enquiries and initial conferences in the last 12
        months, the same on every row of a child: the child's rows on list 5, and for
        about one child in seven one or two enquiries before them (off the list)."""
        by_child: dict[object, list[Row]] = {}
        for row in self.rows["section_47"]:
            by_child.setdefault(row["child_id"], []).append(row)
        for rows in by_child.values():
            roll = self.rng.random()
            earlier = 0 if roll < 0.85 else (1 if roll < 0.97 else 2)
            conferences = sum(row["icpc_date"] is not None for row in rows) + (earlier == 2)
            for row in rows:
                row["s47_last_12_months"] = len(rows) + earlier
                row["icpcs_last_12_months"] = conferences

    def children_in_need(self, child: _Child, start: int, *, status: str,
                         closure: int | None = None, reason: str | None = None,
                         need: str | None = None) -> None:
        rng = self.rng
        start = max(start, child.born)  # type: ignore[type-var]
        until = closure if closure is not None else self.end
        if closure is None:
            seen = until - (rng.randint(0, 25) if rng.random() < 0.85 else rng.randint(26, 80))
        else:
            seen = until - rng.randint(0, 20)
        render = _RENDER["children_in_need"]
        row = self.person(child, "children_in_need")
        row.update(cin_start=self.day(start),
                   primary_need=render["primary_need"][need or PRIMARY_NEED(rng)],
                   last_seen=self.day(max(seen, start)),
                   cin_closure=self.day(closure),
                   closure_reason=None if reason is None else render["closure_reason"][reason],
                   case_status=render["case_status"][status], _child=child)
        if closure is None:
            self.open_cin.add(child.id)
        self.rows["children_in_need"].append(row)

    def chain(self, first_event: int, *, gap: int = 10) -> tuple[int, int, int]:
        """Assessment start, referral and contact days before a child's first event."""
        rng = self.rng
        assessed = self.snap(first_event - rng.randint(0, gap))
        referred = self.snap(assessed - (0 if rng.random() < 0.5 else rng.randint(1, 4)))
        contacted = referred - (0 if rng.random() < 0.6 else rng.randint(1, 3))
        return assessed, referred, contacted

    def front_door(self, child: _Child, assessed: int, referred: int, contacted: int, *,
                   needs: bool | None, repeat: float = 1.0,
                   enquiry: bool = False) -> int | None:
        """The contact, referral and assessment rows that fall in their lists' periods,
        after those of an earlier referral in the six months for some children (more
        often for children whose story goes on to a plan or care, ``repeat`` above 1)."""
        if self.rng.random() < REFERRED_AGAIN * repeat:
            self.earlier_referral(child, contacted, enquiry=enquiry)
        if self.in_window(contacted, RECENT_MONTHS):
            self.contact(child, contacted)
        if self.in_window(referred, RECENT_MONTHS):
            self.referral(child, referred, repeat=repeat)
        if self.in_window(assessed, RECENT_MONTHS):
            return self.assessment(child, assessed, needs)
        return None

    def earlier_referral(self, child: _Child, before: int, *, enquiry: bool = False) -> None:
        """An earlier referral of the child in the six months, at least two weeks before
        ``before`` (the later contact), and for a few children another before that, each
        its own row: its contact, the referral, and for most an assessment, finished
        before the later contact, that found no need for services (the episode closed,
        so list 6 keeps only the later one); for a few children under enquiry now, a
        section 47 enquiry then that needed no conference. Nothing if the six months
        leave no room."""
        rng = self.rng
        earliest = self.end - self.window[RECENT_MONTHS] + 1
        if child.born is not None:
            earliest = max(earliest, child.born)
        latest = before - 14
        if latest - earliest < 7:
            return
        referred = self.snap(rng.randint(earliest + 3, latest))
        if referred < earliest:
            referred = self.add_working(referred, 1)
        contacted = referred - (0 if rng.random() < 0.6 else rng.randint(1, 3))
        if rng.random() < REFERRED_AGAIN * 2:  # and, for a few, once more before that
            self.earlier_referral(child, contacted)
        if contacted >= earliest:
            self.contact(child, contacted)
        nfa = True
        if rng.random() < 0.6:
            start = self.add_working(referred, rng.randint(0, 3))
            days = self.assessment_days()
            if self.add_working(start, days) < before:
                self.assessment(child, start, False, days)
                nfa = False
                if enquiry and rng.random() < 0.5:
                    opened = self.add_working(start, rng.randint(0, min(5, days)))
                    self.section_47(child, opened, None, True, None)
        self.referral(child, referred, nfa=nfa)

    def child_protection(self, child: _Child, start: int, end: int | None) -> None:
        rng = self.rng
        until = end if end is not None else self.end
        elapsed = until - start
        review = None
        if elapsed >= 91:
            review = start + 91 + 182 * ((elapsed - 91) // 182) - rng.randint(0, 6)
            review = max(review, start + 1)
        if rng.random() < 0.9:
            visit = until - rng.randint(0, 13)
        else:
            visit = until - rng.randint(14, 50)
        initial = ABUSE(rng)
        latest = initial if rng.random() < 0.9 else ABUSE(rng)
        age = self.age_at(child.born, until)  # type: ignore[arg-type]
        render = _RENDER["child_protection"]
        row = self.person(child, "child_protection")
        row.update(cp_start=self.day(start), initial_category=render["initial_category"][initial],
                   latest_category=render["latest_category"][latest],
                   last_statutory_visit=self.day(max(visit, start)),
                   seen_alone=self.yes_no("child_protection", "seen_alone",
                                          False if age < 3 else rng.random() < 0.86),
                   latest_review=self.day(review), cp_end=self.day(end),
                   emergency_protection=self.yes_no("child_protection", "emergency_protection",
                                                    rng.random() < 0.04),
                   previous_plans=PREVIOUS_PLANS(rng) if rng.random() < 0.23 else 0,
                   _child=child)
        self.rows["child_protection"].append(row)

    def in_care(self, child: _Child, started: int, *, ceased: int | None = None,
                reason: str | None = None, uasc: bool = False, **given: object) -> None:
        """List 8's row, with anything not ``given`` made up to fit the child's story."""
        rng = self.rng
        end, window = self.end, self.window
        until = ceased if ceased is not None else end
        in_care_days = until - started
        age_now = self.age_at(child.born, end)  # type: ignore[arg-type]
        age = self.age_at(child.born, until)  # type: ignore[arg-type]
        render = _RENDER["children_in_care"]

        placed: int | None = given.pop("placement_start", None)  # type: ignore[assignment]
        moves: int | None = given.pop("placements_last_12_months", None)  # type: ignore[assignment]
        if placed is None:
            placed, moves = self._placements(started, until, age_now)
        elif moves is None:
            moves = 1 if end - placed >= window[12] or placed == started else 2
        kind = given.pop("placement_type", None) or (
            PLACEMENTS_YOUNG if age < 5 else PLACEMENTS_MIDDLE if age < 16 else PLACEMENTS_OLDER
        )(rng)
        legal, legal_start = self._legal_status(started, until, age, uasc)
        legal = given.pop("legal_status", None) or legal  # type: ignore[assignment]
        legal_start = given.pop("legal_status_start", None) or legal_start  # type: ignore[assignment]
        plan = given.pop("permanence_plan", None) or (
            PLANS_YOUNG if age < 5 else PLANS_MIDDLE if age < 16 else PLANS_OLDER)(rng)
        if ceased is not None and reason is None:
            reason = "E8"

        def recent(limit: int, share: float, late: tuple[int, int]) -> int | None:
            if in_care_days < 20:
                return None
            back = rng.randint(0, limit) if rng.random() < share else rng.randint(*late)
            return max(until - back, started)

        visit = until - (rng.randint(0, 41) if rng.random() < 0.89 else rng.randint(42, 100))
        missing = 0
        if rng.random() < (0.17 if age >= 11 else 0.01):
            missing = 1 + min(int(rng.expovariate(0.45)), 30)
        absent = 1 + int(rng.expovariate(0.7)) if rng.random() < 0.08 else 0
        offered = accepted = None
        if missing:
            offered = rng.random() < 0.85
            accepted = (rng.random() < 0.55) if offered else None
        row = self.person(child, "children_in_care")
        row.update(
            uasc=self.yes_no("children_in_care", "uasc", uasc),
            started_care=self.day(started),
            category_of_need=render["category_of_need"]["N8" if uasc else CLA_NEED(rng)],
            second_period=self.yes_no("children_in_care", "second_period",
                                      end - started < window[12] and rng.random() < 0.06),
            legal_status_start=self.day(legal_start),
            legal_status=render["legal_status"][legal],
            latest_review=self.day(recent(180, 0.95, (181, 230))),
            last_social_work_visit=self.day(max(visit, started)),
            permanence_plan=render["permanence_plan"][plan],
            last_iro_contact=self.day(recent(150, 0.9, (151, 220))),
            last_health_assessment=self.day(recent(330, 0.9, (366, 480))),
            last_dental_check=None if age < 1 else self.day(recent(330, 0.82, (366, 600))),
            placements_last_12_months=moves,
            ceased_care=self.day(ceased),
            reason_ceased=None if reason is None else render["reason_ceased"][reason],
            placement_start=self.day(placed),
            placement_type=render["placement_type"][kind],
            placement_provider=render["placement_provider"][self._provider(kind)],
            placement_location=render["placement_location"][
                "IN" if rng.random() < (0.9 if kind == "P1" else 0.6) else "OUT"],
            missing_episodes=missing, absent_episodes=absent,
            return_interview_offered=self.yes_no("children_in_care",
                                                 "return_interview_offered", offered),
            return_interview_accepted=self.yes_no("children_in_care",
                                                  "return_interview_accepted", accepted),
            _child=child,
        )
        row.update(given)
        self.rows["children_in_care"].append(row)

    def _placements(self, started: int, until: int, age_now: int) -> tuple[int, int]:
        """Start of the current placement, and placements in the last 12 months.

        About one child in ten moved three or more times in the year; of children under
        16 in care for two and a half years, about seven in ten have been in the same
        placement for two years (the DfE's long-term stability measure).
        """
        rng, end, window = self.rng, self.end, self.window
        long_term = age_now < 16 and started <= end - window[30]
        if until - started >= 90 and rng.random() < (0.04 if long_term else 0.16):
            latest = min(until, end)
            placed = latest - rng.randint(0, min(latest - started, 200))
            return placed, 3 if rng.random() < 0.6 else rng.randint(4, 7)
        if long_term:
            if rng.random() < 0.73:
                return rng.randint(started, end - window[24]), 1
            placed = rng.randint(max(started, end - window[24] + 1), until)
            return placed, 1 if placed <= end - window[12] else 2
        if started > end - window[12]:
            if rng.random() < 0.75:
                return started, 1
            return rng.randint(started, until), 2
        if rng.random() < 0.8:
            return rng.randint(started, min(until, end - window[12])), 1
        return rng.randint(max(started, end - window[12] + 1), until), 2

    def _legal_status(self, started: int, until: int, age: int,
                      uasc: bool) -> tuple[str, int]:
        rng = self.rng
        days = until - started
        if uasc or (age >= 16 and rng.random() < 0.45) or rng.random() < 0.17:
            return "V2", started
        if days < 120 and rng.random() < 0.2:
            return "L2" if rng.random() < 0.3 else "V2", started
        order = started + rng.randint(100, 320)
        if order > until:
            return "C1", min(until, started + rng.randint(0, 20))
        return ("J1", started) if age >= 12 and rng.random() < 0.01 else ("C2", order)

    def _provider(self, kind: str) -> str:
        roll = self.rng.random()
        if kind.startswith("P1"):
            return "PR0"
        if kind.startswith(("K", "H", "S", "R")):
            return "PR4" if roll < 0.7 else ("PR1" if roll < 0.9 else "PR5")
        if kind.startswith("A"):
            return "PR1" if roll < 0.6 else ("PR2" if roll < 0.8 else "PR5")
        if kind in ("U1", "U2", "U3"):
            return "PR1"
        return "PR1" if roll < 0.58 else ("PR4" if roll < 0.95 else "PR5")

    # --- the journeys ---------------------------------------------------------------

    def build(self) -> list[Sheet]:
        self.adoption()
        self.looked_after()
        self.protection()
        self.other_section_47()
        self.other_assessments()
        self.nfa_referrals()
        self.finish_referrals()
        self.finish_section_47()
        self.other_children_in_need()
        self.other_contacts()
        self.early_help()
        self.care_leavers()
        self.adopters()
        self.allocate_workers()
        self.workforce()
        self.short_breaks()
        return self.sheets()

    def short_breaks(self) -> None:
        """About one child in forty in care is on an agreed series of short breaks (legal
        status V3 or V4), which DfE's figures leave out."""
        render = _RENDER["children_in_care"]["legal_status"]
        for row in self.rows["children_in_care"]:
            if (row["ceased_care"] is None and row["legal_status"] == render["V2"]
                    and 5 <= row["age"] <= 15 and self.extra.random() < 0.15):  # type: ignore[operator]
                row["legal_status"] = render["V3" if self.extra.random() < 0.6 else "V4"]

    def adoption(self) -> None:
        """List 10, and the list 8 rows of its children who are, or were lately, in care."""
        rng, end, window = self.rng, self.end, self.window
        count = self.target["adoption"]
        adopted, placed_only = round(count * 0.45), max(1, round(count * 0.2))
        reversals = round(count * 0.05)
        groups = (["adopted"] * adopted + ["placed"] * placed_only + ["reversed"] * reversals
                  + ["waiting"] * (count - adopted - placed_only - reversals))
        rng.shuffle(groups)
        for group in groups:
            order = placed = matched = reversed_on = None
            if group == "adopted":
                order = self.snap(self.in_window_day(12))
                placed = order - rng.randint(150, 420)
            elif group == "placed":
                placed = end - rng.randrange(300)
            if placed is not None:
                matched = placed - rng.randint(7, 35)
                entered = placed - max(150, min(1400, int(rng.gauss(470, 140))))
                decided = entered + int((matched - entered) * rng.uniform(0.35, 0.6))
                placement_order = min(matched, decided + rng.randint(30, 150))
            else:
                decided = end - rng.randrange(30, 450)
                entered = decided - rng.randint(120, 400)
                placement_order = decided + rng.randint(30, 150)
                if placement_order > end:
                    placement_order = None
                elif rng.random() < 0.3:
                    matched = rng.randint(placement_order, end)
                if group == "reversed":
                    placement_order = matched = None
                    reversed_on = min(end, decided + rng.randint(60, 400))
            fostering = entered + rng.randint(0, 60) if rng.random() < 0.12 else None
            if fostering is not None and (placed or end) < fostering:
                fostering = None
            born = entered - min(int(rng.expovariate(1 / 260)), 1500)
            child = self.child(None, born=born, disabled=0.05)
            row = self.person(child, "adoption")
            row.update(
                family_id=None, entered_care=self.day(entered),
                adoption_decision=self.day(decided), placement_order=self.day(placement_order),
                matched=self.day(matched), placed_for_adoption=self.day(placed),
                adoption_order=self.day(order), decision_reversed=self.day(reversed_on),
                reversal_reason=rng.choice(REVERSAL_REASONS) if reversed_on else None,
                fostering_for_adoption=self.day(fostering), _child=child,
            )
            self.rows["adoption"].append(row)
            if placed is not None and placed > end - window[12]:
                self.placed_children.append((child.id, placed, order))
            kind = ("A5" if rng.random() < 0.5 else "A6") if placed else (
                "U5" if fostering else "U4")
            given: Row = {
                "placement_start": placed or fostering or rng.randint(entered, decided),
                "placement_type": kind,
                "permanence_plan": "ADO" if reversed_on is None else "SGO",
            }
            if placement_order is not None:
                given.update(legal_status="E1", legal_status_start=placement_order)
            if order is None:
                self.in_care(child, entered, **given)
                self.allocate(child, "in_care")
                self.children_in_need(child, entered - rng.randint(0, 120), status="LAC")
            elif order > end - window[RECENT_MONTHS]:
                reason = "E11" if rng.random() < 0.8 else "E12"
                self.in_care(child, entered, ceased=order, reason=reason, **given)
                self.allocate(child, "in_care")
                if self.in_window(order, RECENT_MONTHS):
                    self.children_in_need(child, entered - rng.randint(0, 120), status="CE",
                                          closure=order, reason="RC1")

    def looked_after(self) -> None:
        """List 8: children in care now and those who left in the last six months."""
        rng, end = self.rng, self.end
        cla_rows = len(self.rows["children_in_care"])
        ceased_rows = sum(1 for row in self.rows["children_in_care"] if row["ceased_care"])
        open_rows = cla_rows - ceased_rows
        for _ in range(max(0, self.target["cla_open"] - open_rows)):
            uasc = rng.random() < 0.07
            if uasc:
                started = end - rng.randrange(700)
                child = self.child(None, started, age=rng.choice((15, 16, 16, 17, 17)),
                                   gender="M" if rng.random() < 0.92 else "F",
                                   ethnicity=UASC_ETHNICITIES(rng))  # type: ignore[arg-type]
                started = max(started, child.born)  # type: ignore[type-var]
                self.in_care(child, started, uasc=True)
                known_from = started - rng.randint(0, 30)
            else:
                child = self.child(AGES_CLA)
                started = self._care_start(child)
                known_from = self._into_care(child, started)
            self.allocate(child, "in_care")
            self.children_in_need(child, known_from, status="LAC", need="N8" if uasc else None)
        for _ in range(max(0, self.target["cla_ceased"] - ceased_rows)):
            ceased = self.in_window_day(RECENT_MONTHS)
            if rng.random() < 0.3:  # left care on the 18th birthday
                born = add_months(self.day(ceased), -216).toordinal()  # type: ignore[union-attr]
                uasc = rng.random() < 0.25
                child = self.child(None, born=born,
                                   ethnicity=UASC_ETHNICITIES(rng) if uasc else None)  # type: ignore[arg-type]
                stay = rng.randint(200, 900) if uasc else rng.randint(200, 5000)
                started = max(born, ceased - stay)
                self.in_care(child, started, ceased=ceased, reason=CEASED_AT_18(rng),  # type: ignore[arg-type]
                             uasc=uasc)
                self.allocate(child, "in_care")
                self.left_at_18.append(child)
                continue
            stay = 1 + min(int(rng.expovariate(1 / 300)), 4000)
            child = self.child(AGES_CLA, ceased - stay)
            started = ceased - stay
            self.in_care(child, started, ceased=ceased, reason=CEASED_UNDER_18(rng))  # type: ignore[arg-type]
            self.allocate(child, "in_care")
            if rng.random() < 0.6:
                self.allocate(child, "support")
                self.children_in_need(child, started - rng.randint(0, 200), status="CINP")
            else:
                self.allocate(child, "support")
                close = rng.randint(ceased, end)
                self.children_in_need(child, started - rng.randint(0, 200), status="CE",
                                      closure=close, reason="RC7")

    def _care_start(self, child: _Child) -> int:
        rng = self.rng
        alive = self.end - child.born  # type: ignore[operator]
        roll = rng.random()
        if roll < 0.3:
            back = rng.randint(0, 365)
        elif roll < 0.6:
            back = rng.randint(365, 1000)
        else:
            back = rng.randint(1000, max(1000, alive))
        return self.end - min(back, alive)

    def _into_care(self, child: _Child, started: int) -> int:
        """List 8's row, with the front door, or a plan that ended as care began, for
        children who came into care lately. Returns the day the child became known."""
        rng = self.rng
        known_from = started - rng.randint(0, 200)
        if not self.in_window(started, RECENT_MONTHS) or rng.random() > 0.6:
            self.in_care(child, started)
            return known_from
        if (rng.random() < 0.45
                and self.cp_into_care < self.target["cp_ended"] * 0.3):
            plan_start = self.snap(started - rng.randint(40, 400))
            if plan_start - 30 > child.born:  # type: ignore[operator]
                self.cp_into_care += 1
                self.child_protection(child, plan_start, started)
                self._conference(child, plan_start)
                self.in_care(child, started)
                return plan_start - rng.randint(0, 100)
        assessed, referred, contacted = self.chain(started, gap=25)
        if contacted < child.born:  # type: ignore[operator]
            self.in_care(child, started)
            return known_from
        enquiry = rng.random() < 0.35 and self.in_window(assessed, RECENT_MONTHS)
        self.front_door(child, assessed, referred, contacted, needs=True, repeat=1.1,
                        enquiry=enquiry)
        if enquiry:
            self.section_47(child, assessed, None, True, None)
        self.in_care(child, started)
        return referred

    def _conference(self, child: _Child, plan_start: int) -> None:
        """The section 47 enquiry and conference that began a plan, with its front door."""
        if not self.in_window(plan_start, RECENT_MONTHS):
            return
        enquiry = max(self.add_working(plan_start, -self.conference_days()), child.born)  # type: ignore[type-var]
        self.section_47(child, enquiry, plan_start, False, True)
        assessed, referred, contacted = self.chain(enquiry, gap=5)
        if contacted >= child.born:  # type: ignore[operator]
            self.front_door(child, assessed, referred, contacted, needs=True, repeat=1.15,
                            enquiry=True)
        self.plans_from_conferences += 1

    def protection(self) -> None:
        """List 7: plans open now, and plans that ended in the last six months."""
        rng, end, window = self.rng, self.end, self.window
        for _ in range(self.target["cp_open"]):
            if rng.random() < 0.03:
                start = end - window[24] - rng.randint(1, 400)
            else:
                back = int(rng.expovariate(1 / 230))
                start = end - (back if back < window[24] else rng.randrange(window[24]))
            self._plan(self.snap(start), None)
        for _ in range(max(0, self.target["cp_ended"] - self.cp_into_care)):
            ended = self.working_day_in(RECENT_MONTHS)
            start = self.snap(ended - 90 - min(int(rng.expovariate(1 / 220)), 900))
            self._plan(start, ended)

    def _plan(self, start: int, ended: int | None) -> None:
        rng = self.rng
        child = self.child(AGES_CP, start - 21, disabled=0.08)
        self.child_protection(child, start, ended)
        self._conference(child, start)
        if ended is None:
            self.allocate(child, "support")
            self.children_in_need(child, start - rng.randint(0, 150), status="CPP")
        elif rng.random() < 0.65:
            self.allocate(child, "support")
            self.children_in_need(child, start - rng.randint(0, 150), status="CINP")
        else:
            self.allocate(child, "support")
            self.children_in_need(child, start - rng.randint(0, 150), status="CE",
                                  closure=ended, reason="RC7")

    def other_section_47(self) -> None:
        """List 5's enquiries that did not lead to a plan."""
        rng, end = self.rng, self.end
        conferences_without_plan = round(0.17 * self.plans_from_conferences)
        for number in range(max(0, self.target["section_47"] - len(self.rows["section_47"]))):
            start = self.working_day_in(RECENT_MONTHS)
            assessed, referred, contacted = self.chain(start, gap=7)
            if not self.in_window(assessed, RECENT_MONTHS):
                assessed = start
            child = self.child(AGES_CIN, contacted)
            conference = unnecessary = plan = None
            if number < conferences_without_plan:
                conference = self.add_working(start, self.conference_days())
                if conference > end:
                    conference = None
                else:
                    unnecessary, plan = False, False
            elif self.add_working(start, 15) > end and rng.random() < 0.5:
                pass  # still deciding whether a conference is needed
            else:
                unnecessary = True
            self.section_47(child, start, conference, unnecessary, plan)
            needs = rng.random() < 0.75
            done = self.front_door(child, assessed, referred, contacted, needs=needs,
                                   repeat=1.05, enquiry=True)
            self._after_assessment(child, referred, done, needs)

    def _after_assessment(self, child: _Child, referred: int, done: int | None,
                          needs: bool) -> None:
        """List 6's row for a child after an assessment (none if the case closed long ago)."""
        rng, end = self.rng, self.end
        if done is None:
            self.allocate(child, "assessment")
            self.children_in_need(child, referred, status="OA")
        elif needs:
            self.allocate(child, "support")
            if rng.random() < 0.8:
                self.children_in_need(child, referred, status="CINP")
            else:
                close = rng.randint(done, end)
                if self.in_window(close, RECENT_MONTHS):
                    self.children_in_need(child, referred, status="CE", closure=close,
                                          reason="RC7")
        else:
            child.team = self.rng.choice(self.teams["assessment"])
            if self.in_window(done, RECENT_MONTHS):
                self.children_in_need(child, referred, status="CE", closure=done,
                                      reason="RC8")

    def other_assessments(self) -> None:
        """List 4's assessments of children who needed no enquiry: most after a referral,
        some of children in need for a while, reassessed."""
        for _ in range(max(0, self.target["assessments"] - len(self.rows["assessments"]))):
            if self.rng.random() < REASSESSED:
                self.reassessment()
                continue
            assessed = self.working_day_in(RECENT_MONTHS)
            _, referred, contacted = self.chain(assessed, gap=0)
            child = self.child(AGES_CIN, contacted)
            needs = self.rng.random() < 0.55
            done = self.front_door(child, assessed, referred, contacted, needs=needs)
            self._after_assessment(child, referred, done, needs)

    def reassessment(self) -> None:
        """A child in need for months, reassessed in the six months with no new referral:
        list 4's row and list 6's (closed if the assessment found no more need)."""
        rng = self.rng
        assessed = self.working_day_in(RECENT_MONTHS)
        child = self.child(AGES_CIN, assessed - 90)
        since = min(60 + int(rng.expovariate(1 / 300)), assessed - child.born)  # type: ignore[operator]
        needs = rng.random() < 0.85
        done = self.assessment(child, assessed, needs)
        self.allocate(child, "support")
        if done is not None and not needs:
            self.children_in_need(child, self.snap(assessed - since), status="CE",
                                  closure=done, reason="RC7")
        else:
            self.children_in_need(child, self.snap(assessed - since), status="CINP")

    def nfa_referrals(self) -> None:
        """Referrals with no further action, about one in twelve of list 3's rows (the
        rest came before assessments, so list 3's size follows from list 4's); a few
        children so referred twice in the six months."""
        rng = self.rng
        rows = self.rows["referrals"]
        yes = _RENDER["referrals"]["referral_nfa"]["Y"]
        acted_on = sum(1 for row in rows if row["referral_nfa"] != yes)
        wanted = round(acted_on / (1 - NO_FURTHER_ACTION))
        while len(rows) < wanted:
            referred = self.working_day_in(RECENT_MONTHS)
            contacted = referred - (0 if rng.random() < 0.6 else rng.randint(1, 3))
            child = self.child(AGES_CIN, contacted)
            child.team = self.teams["front_door"][0]
            if rng.random() < REFERRED_AGAIN:
                self.earlier_referral(child, contacted)
            if self.in_window(contacted, RECENT_MONTHS):
                self.contact(child, contacted)
            self.referral(child, referred, nfa=True)

    def other_children_in_need(self) -> None:
        """List 6's longer-standing children in need, and episodes closed lately."""
        rng, end = self.rng, self.end
        rows = self.rows["children_in_need"]
        open_now = sum(1 for row in rows if row["cin_closure"] is None)
        for _ in range(max(0, self.target["cin_open"] - open_now)):
            disabled = rng.random() < 0.12
            child = self.child(AGES_CIN, disabled=1.0 if disabled else 0.06)
            back = min(int(rng.expovariate(1 / 300)) + 60, end - child.born)  # type: ignore[operator]
            self.allocate(child, "disabled" if disabled else "support")
            self.children_in_need(child, self.snap(end - back), status="CINP",
                                  need="N2" if disabled else None)
        closed = len(rows) - sum(1 for row in rows if row["cin_closure"] is None)
        for _ in range(max(0, self.target["cin_closed"] - closed)):
            close = self.working_day_in(RECENT_MONTHS)
            child = self.child(AGES_CIN, close - 30)
            start = close - 30 - min(int(rng.expovariate(1 / 200)), 2000)
            self.allocate(child, "support")
            self.children_in_need(child, start, status="CE", closure=close,
                                  reason=CLOSURE_REASONS(rng))  # type: ignore[arg-type]

    def other_contacts(self) -> None:
        """List 1's other contacts: most about children not known before, some repeats."""
        rng = self.rng
        known = [row["_child"] for row in self.rows["children_in_need"]]
        contacts = self.rows["contacts"]
        for _ in range(max(0, self.target["contacts"] - len(contacts))):
            roll = rng.random()
            day = self.in_window_day(RECENT_MONTHS)
            if roll < 0.13 and known:
                child = rng.choice(known)
            elif roll < 0.28 and self.contact_only:
                child = rng.choice(self.contact_only)
            elif roll < 0.295:
                child = self.child(None, unborn=True)
            else:
                child = self.child(AGES_CIN, day)
                self.contact_only.append(child)
            if child.born is not None and day < child.born:  # type: ignore[operator]
                day = rng.randint(child.born, self.end)
            self.contact(child, day)

    def early_help(self) -> None:
        """List 2: early help assessments started in the last six months."""
        rng, end = self.rng, self.end
        rows = self.rows["early_help"]
        children: list[_Child] = []
        for _ in range(self.target["early_help"]):
            roll = rng.random()
            if roll < 0.02 and children:
                child = rng.choice(children)
                first = end - self.window[RECENT_MONTHS] + 1
                start = self.snap(rng.randint(max(child.born, first), end))  # type: ignore[type-var]
                start = max(start, child.born)  # type: ignore[type-var]
            else:
                start = self.working_day_in(RECENT_MONTHS)
                if roll < 0.2 and self.contact_only:
                    child = rng.choice(self.contact_only)
                    if child.born > start:  # type: ignore[operator]
                        child = self.child(AGES_CIN, start)
                else:
                    child = self.child(AGES_CIN, start)
                children.append(child)
            done = start + rng.randint(5, 45)
            row = self.person(child, "early_help")
            row.update(early_help_start=self.day(start),
                       early_help_completed=self.day(done) if done <= end
                       and rng.random() < 0.88 else None,
                       early_help_organisation=EARLY_HELP_BY(rng))
            rows.append(row)

    def care_leavers(self) -> None:
        """List 9: care leavers the authority supports, mostly aged 17 to 21."""
        rng = self.rng
        render = _RENDER["care_leavers"]
        leavers = list(self.left_at_18)
        while len(leavers) < self.target["care_leavers"]:
            leavers.append(self.child(AGES_CARE_LEAVERS, disabled=0.08))
        for child in leavers:
            age = self.age_at(child.born, self.end)  # type: ignore[arg-type]
            in_touch = (IN_TOUCH_19_21 if age >= 19 else IN_TOUCH_YOUNGER)(rng)
            accommodation = suitable = activity = None
            if in_touch == "YES":
                accommodation = ACCOMMODATIONS(rng)
                if accommodation in UNSUITABLE:
                    suitable = "2"
                else:
                    suitable = "1" if rng.random() < 0.985 else "2"
                activity = (ACTIVITY_19_21 if age >= 19 else ACTIVITY_YOUNGER)(rng)
            elif in_touch == "RHOM":
                accommodation, suitable = "B", "1"
                activity = ACTIVITY_19_21(rng)
            elif in_touch in ("NO", "REFU") and rng.random() < 0.6:
                accommodation = "R"
            if age < 18:
                eligibility = "REL" if rng.random() < 0.9 else "QUAL"
            else:
                eligibility = "FREL" if rng.random() < 0.95 else "QUAL"
            child.team = rng.choice(self.teams["leaving_care"])
            row = self.person(child, "care_leavers")
            row.update(
                eligibility=render["eligibility"][eligibility],
                in_touch=render["in_touch"][in_touch],  # type: ignore[index]
                accommodation=None if accommodation is None
                else render["accommodation"][accommodation],
                accommodation_suitable=None if suitable is None
                else render["accommodation_suitable"][suitable],
                activity=None if activity is None else render["activity"][activity],  # type: ignore[index]
                allocated_team=child.team,
                allocated_worker=f"PA{1000 + (int(child.id[1:]) % 40):04d}"
                if in_touch in ("YES", "NO", "REFU") else None,
            )
            self.rows["care_leavers"].append(row)

    def adopters(self) -> None:
        """List 11: adopters in touch with the agency in the last 12 months, two rows for a
        couple. Some families took the children list 10 says were placed this year."""
        rng, end = self.rng, self.end
        family_numbers = iter(rng.sample(range(10_000, 100_000), 2 * self.target["adopters"] + 60))
        adopter_numbers = iter(rng.sample(range(100_000, 1_000_000),
                                          4 * self.target["adopters"] + 120))
        rows = self.rows["adopters"]
        placements = list(self.placed_children)
        rng.shuffle(placements)
        adoption_rows = {row["child_id"]: row for row in self.rows["adoption"]}
        while len(rows) < self.target["adopters"]:
            family = f"F{next(family_numbers)}"
            dates: dict[str, int | None] = {}
            left = reason = None
            count = None
            if placements and rng.random() < 0.5:
                child_id, placed, order = placements.pop()
                adoption_rows[child_id]["family_id"] = family
                dates["child_placed"] = placed
                dates["adoption_order"] = order
                dates["matched"] = placed - rng.randint(7, 28)
                dates["application_approved"] = dates["matched"] - rng.randint(30, 300)
                count = 1
                step = dates["application_approved"]
                for key, gap in (("stage_2_ended", (14, 40)), ("stage_2_started", (90, 150)),
                                 ("stage_1_ended", (0, 30)), ("stage_1_started", (40, 70)),
                                 ("enquiry_date", (14, 60))):
                    step -= rng.randint(*gap)
                    dates[key] = step
                dates["application_submitted"] = dates["stage_2_started"] + rng.randint(0, 20)  # type: ignore[operator]
            else:
                step = end - rng.randrange(600)
                dates["enquiry_date"] = step
                stop_at = rng.random()
                for number, (key, gap) in enumerate((
                        ("stage_1_started", (14, 60)), ("stage_1_ended", (40, 70)),
                        ("stage_2_started", (0, 30)), ("stage_2_ended", (90, 150)),
                        ("application_approved", (14, 40)), ("matched", (30, 300)),
                        ("child_placed", (7, 28)), ("adoption_order", (180, 400)))):
                    step += rng.randint(*gap)
                    if step > end:
                        break
                    if stop_at < 0.15 and number == int(stop_at * 40) % 5:
                        left, reason = step, rng.choice(LEAVING_REASONS)
                        break
                    dates[key] = step
                    if key == "stage_2_started":
                        submitted = step + rng.randint(0, 20)
                        dates["application_submitted"] = submitted if submitted <= end else None
                if dates.get("child_placed"):
                    count = 1 if rng.random() < 0.8 else 2
            couple = rng.random() < 0.55
            pair = rng.choice((("M", "F"), ("M", "F"), ("M", "F"), ("M", "F"), ("F", "F"),
                               ("M", "M"))) if couple else (("F",) if rng.random() < 0.8
                                                            else ("M",))
            fostering = rng.random() < 0.15
            for gender in pair:
                row: Row = {key: self.day(value) for key, value in dates.items()}
                row.update(adopter_id=f"A{next(adopter_numbers)}", family_id=family,
                           gender=gender, ethnicity=ETHNICITIES(rng),
                           disability="Y" if rng.random() < 0.04 else "N",
                           fostering_for_adoption="Y" if fostering else "N",
                           children_placed=count, left_process=self.day(left),
                           reason_left=reason)
                rows.append(row)

    def allocate_workers(self) -> None:
        """Social workers for every open case: about 17 children each, IDs only."""
        rng = self.rng
        self.allocated: dict[str, int] = {
            team: 0 for kind, teams in self.teams.items() if kind != "leaving_care"
            for team in teams
        }
        for row in self.rows["children_in_need"]:
            child: _Child = row["_child"]  # type: ignore[assignment]
            if row["cin_closure"] is None and child.team in self.allocated:
                self.allocated[child.team] += 1
        recent = self.end - 10
        self.allocated[self.teams["front_door"][0]] = sum(
            1 for row in self.rows["referrals"]
            if row["referral_date"] >= self.day(recent))  # type: ignore[operator]
        self.in_post: dict[str, float] = {}
        pools: dict[str, list[str]] = {}
        next_worker = itertools.count(1001)
        front_door = self.teams["front_door"][0]
        for team, children in self.allocated.items():
            fte = max(2.0 if team == front_door else 1.0, children / rng.uniform(13, 21))
            self.in_post[team] = fte
            pools[team] = [f"SW{next(next_worker):04d}" for _ in range(max(1, round(fte)))]
        for key in ("referrals", "assessments", "section_47", "children_in_need",
                    "child_protection", "children_in_care"):
            for row in self.rows[key]:
                child = row.pop("_child")  # type: ignore[assignment]
                if child.team and child.worker is None and child.id in self.open_cin:
                    child.worker = rng.choice(pools.get(child.team) or ["SW1000"])
                row["allocated_team"] = child.team
                row["allocated_worker"] = child.worker
        for row in self.rows["adoption"]:
            row.pop("_child", None)

    def workforce(self) -> None:
        """The optional Workforce sheet: one row per team, figures in FTE."""
        rng = self.rng
        for team, children in self.allocated.items():
            case_holding = self.in_post[team]
            in_post = case_holding / self.extra.uniform(0.85, 0.95)  # managers hold no cases
            agency = in_post * rng.uniform(0.05, 0.25)
            employed = in_post - agency
            vacancy = rng.uniform(0.08, 0.26)
            self.rows["workforce"].append({
                "team": team,
                "employed_fte": round(employed, 1),
                "agency_fte": round(agency, 1),
                "vacancies_fte": round(employed * vacancy / (1 - vacancy), 1),
                "leavers_fte": round(employed * rng.uniform(0.06, 0.24), 1),
                "children_allocated": children,
                "case_holding_fte": round(case_holding, 1),
            })

    # --- output ---------------------------------------------------------------------

    def sheets(self) -> list[Sheet]:
        sheets = []
        for annex_list in ANNEX_A_LISTS:
            rows = self.rows[annex_list.key]
            order = _SORTED_BY.get(annex_list.key)
            if order:
                rows.sort(key=lambda row, order=order: row[order])  # type: ignore[misc]
            keys = [column.key for column in annex_list.columns]
            sheets.append(Sheet(
                SHEET_NAMES[annex_list.key],
                [column.heading for column in annex_list.columns],
                [[row.get(key) for key in keys] for row in rows],
                2,
            ))
        return sheets


# ---------------------------------------------------------------------------------------
# Deliberate mistakes


def _column(sheet: Sheet, key: str, list_key: str) -> int:
    return sheet.headings.index(LISTS_BY_KEY[list_key].column(key).heading)


def inject_problems(sheets: list[Sheet], seed: int) -> list[InjectedProblem]:
    """Put seven deliberate mistakes into clean sheets, in place; say where they are.

    Three errors (an impossible date, a plan ending before it starts, a blank start date
    that must be filled in) and four warnings (a local code the DfE list does not have,
    reported once for its column; a blank count, whose row the figures that need it
    leave out; a child with two dates of birth, which no figure is wrong for; a second
    row for a child on list 8, which takes one per child, reported on the second of the
    two rows and naming both). A child on list 3 twice is no problem: the template asks
    for a row per referral.
    """
    rng = random.Random(seed * 7919 + 17)  # noqa: S311 - synthetic data, not security
    by_name = {sheet.name: sheet for sheet in sheets}
    injected: list[InjectedProblem] = []

    def note(severity: str, sheet: Sheet, position: int | None, key: str, list_key: str,
             what: str) -> None:
        heading = LISTS_BY_KEY[list_key].column(key).heading
        row = None if position is None else sheet.first_row + position
        injected.append(InjectedProblem(severity, sheet.name, row, heading, what))

    contacts = by_name[SHEET_NAMES["contacts"]]
    place = rng.randrange(len(contacts.rows))
    contacts.rows[place][_column(contacts, "contact_source", "contacts")] = "NBR - Neighbour"
    note(WARNING, contacts, None, "contact_source", "contacts", "a local code")

    referrals = by_name[SHEET_NAMES["referrals"]]
    place = rng.randrange(len(referrals.rows))
    referrals.rows[place][_column(referrals, "referrals_last_12_months", "referrals")] = None
    note(WARNING, referrals, place, "referrals_last_12_months", "referrals", "a blank count")

    assessments = by_name[SHEET_NAMES["assessments"]]
    done = _column(assessments, "assessment_authorised", "assessments")
    candidates = [i for i, row in enumerate(assessments.rows) if row[done] is not None]
    place = rng.choice(candidates)
    assessments.rows[place][done] = f"31/02/{assessments.rows[place][done].year}"  # type: ignore[union-attr]
    note(ERROR, assessments, place, "assessment_authorised", "assessments", "31 February")

    plans = by_name[SHEET_NAMES["child_protection"]]
    children_in_need = by_name[SHEET_NAMES["children_in_need"]]
    known = {row[0] for row in children_in_need.rows}
    birth = _column(plans, "date_of_birth", "child_protection")
    start = _column(plans, "cp_start", "child_protection")
    end = _column(plans, "cp_end", "child_protection")
    twice = rng.choice([i for i, row in enumerate(plans.rows) if row[0] in known])
    row = plans.rows[twice]
    row[birth] = row[birth] - timedelta(days=365)  # type: ignore[operator]
    row[_column(plans, "age", "child_protection")] += 1  # type: ignore[operator]
    note(WARNING, plans, twice, "date_of_birth", "child_protection", "a second date of birth")
    backwards = rng.choice([i for i, row in enumerate(plans.rows) if i != twice
                            and row[end] is not None and row[start] > row[birth]])  # type: ignore[operator]
    row = plans.rows[backwards]
    lived = (row[start] - row[birth]).days  # type: ignore[operator]
    row[end] = row[start] - timedelta(days=rng.randint(1, min(90, lived)))  # type: ignore[operator]
    note(ERROR, plans, backwards, "cp_end", "child_protection", "a plan ending before it starts")

    in_care = by_name[SHEET_NAMES["children_in_care"]]
    twice = _earlier_period_of_care(in_care, rng)
    note(WARNING, in_care, twice, "child_id", "children_in_care", "a second row for one child")
    place = rng.choice([i for i, row in enumerate(in_care.rows)
                        if row[0] != in_care.rows[twice][0]])
    in_care.rows[place][_column(in_care, "started_care", "children_in_care")] = None
    note(ERROR, in_care, place, "started_care", "children_in_care", "a blank start date")
    return injected


def _earlier_period_of_care(in_care: Sheet, rng: random.Random) -> int:
    """A second row, further down list 8, for a child in care now: an earlier period of
    care that ended a while before this one began, as an export of every period would
    give. The checks keep the current period (the later start). Returns its position."""
    at = {key: _column(in_care, key, "children_in_care")
          for key in ("date_of_birth", "started_care", "ceased_care", "reason_ceased",
                      "placement_start", "legal_status_start")}
    candidates = [i for i, row in enumerate(in_care.rows)
                  if row[at["ceased_care"]] is None
                  and (row[at["started_care"]] - row[at["date_of_birth"]]).days > 400]  # type: ignore[operator]
    original = rng.choice(candidates)
    copy = list(in_care.rows[original])
    began = copy[at["started_care"]]
    left = began - timedelta(days=rng.randint(60, 150))  # type: ignore[operator]
    came = left - timedelta(days=rng.randint(30, 200))
    copy[at["started_care"]] = copy[at["placement_start"]] = copy[at["legal_status_start"]] = came
    copy[at["ceased_care"]] = left
    reasons = LISTS_BY_KEY["children_in_care"].column("reason_ceased").code_set
    copy[at["reason_ceased"]] = render_code(reasons, "E13", column_style(  # type: ignore[arg-type]
        "children_in_care", "reason_ceased"))
    position = rng.randint(original + 1, len(in_care.rows))
    in_care.rows.insert(position, copy)
    return position


# ---------------------------------------------------------------------------------------
# The API


def last_month_end(today: date | None = None) -> date:
    """The last day of the month before ``today``: a typical extraction date."""
    today = today or clock.today_in_england()
    return today.replace(day=1) - timedelta(days=1)


def generate(size: str | Size = "small", period_end: date | None = None, seed: int = 1,
             problems: bool = False) -> Generated:
    """A synthetic Annex A upload as sheets, with any deliberate mistakes listed.

    ``size`` is one of SIZES, or a Size of one's own (the demo data imitates each demo
    LA's real child population).
    """
    chosen = size if isinstance(size, Size) else SIZES[size]
    period_end = period_end or last_month_end()
    sheets = _Builder(chosen, period_end, seed).build()
    injected = inject_problems(sheets, seed) if problems else []
    return Generated(sheets, chosen, period_end, injected)


def generate_sheets(size: str = "small", period_end: date | None = None, seed: int = 1,
                    problems: bool = False) -> list[Sheet]:
    """The sheets of a synthetic Annex A upload ("List 1" ... "List 11", "Workforce").

    Date cells hold ``date`` objects, counts ``int``, FTE figures ``float``, codes and
    text ``str``, blanks None; the first data row is spreadsheet row 2.
    """
    return generate(size, period_end, seed, problems).sheets


def write_workbook(sheets: Sequence[Sheet], path: str | Path | io.BytesIO) -> None:
    """An .xlsx with one worksheet per sheet, as Excel writes one (shared strings); dates
    are real Excel dates shown as dd/mm/yyyy."""
    import xlsxwriter

    target = path if isinstance(path, io.BytesIO) else str(path)
    workbook = xlsxwriter.Workbook(target, {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name)
        worksheet.write_row(0, 0, sheet.headings, bold)
        date_columns = set(_date_columns(sheet))
        write_string, write_number = worksheet.write_string, worksheet.write_number
        write_datetime = worksheet.write_datetime
        for row, values in enumerate(sheet.rows, start=1):
            for column, value in enumerate(values):
                if value is None:
                    continue
                if column in date_columns and type(value) is date:
                    write_datetime(row, column, value, day)
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    write_number(row, column, value)
                else:
                    write_string(row, column, str(value))
    workbook.close()


def _date_columns(sheet: Sheet) -> list[int]:
    annex_list = list_for_sheet_name(sheet.name)
    if annex_list is None:
        return []
    return [position for position, heading in enumerate(sheet.headings)
            if any(column.heading == heading and column.kind is Kind.DATE
                   for column in annex_list.columns)]


def csv_file_name(sheet: Sheet) -> str:
    """``list_03_referrals.csv`` for List 3; ``workforce.csv`` for the Workforce sheet."""
    annex_list = list_for_sheet_name(sheet.name)
    if annex_list is None:
        return f"{sheet.name.lower().replace(' ', '_')}.csv"
    if annex_list.number > 11:
        return f"{annex_list.key}.csv"
    return f"list_{annex_list.number:02d}_{annex_list.key}.csv"


def write_csvs(sheets: Sequence[Sheet], directory: str | Path) -> list[Path]:
    """One CSV per sheet in ``directory`` (made if need be); dates as dd/mm/yyyy."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in sheets:
        path = folder / csv_file_name(sheet)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(sheet.headings)
            writer.writerows([_csv_cell(value) for value in row] for row in sheet.rows)
        written.append(path)
    return written


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if type(value) is date:
        return value.strftime("%d/%m/%Y")  # type: ignore[attr-defined]
    return value


def workbook_bytes(size: str = "small", period_end: date | None = None, seed: int = 1,
                   problems: bool = False) -> bytes:
    """A whole synthetic .xlsx in memory, for tests and the demo upload."""
    buffer = io.BytesIO()
    write_workbook(generate_sheets(size, period_end, seed, problems), buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------
# Command line


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dashboard.demo.annex_a --size large --out /tmp/annex_a_large.xlsx``."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.demo.annex_a",
        description="Write a synthetic Annex A workbook (made-up children, no real child).")
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--out", required=True,
                        help="the .xlsx to write, or with --format csv the folder for CSVs")
    parser.add_argument("--period-end", type=date.fromisoformat, default=None,
                        help="the extraction date, YYYY-MM-DD (default: end of last month)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--problems", action="store_true",
                        help="add a handful of deliberate data-quality problems")
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    generated = generate(args.size, args.period_end, args.seed, args.problems)
    made = time.perf_counter()
    if args.format == "csv":
        write_csvs(generated.sheets, args.out)
    else:
        write_workbook(generated.sheets, args.out)
    written = time.perf_counter()

    out = sys.stdout
    out.write(f"Synthetic Annex A ({generated.size.name}, period end "
              f"{generated.period_end:%d/%m/%Y}, seed {args.seed}, child population "
              f"{generated.size.child_population:,}): no real child.\n")
    for sheet in generated.sheets:
        out.write(f"  {sheet.name:<10} {len(sheet.rows):>8,} rows\n")
    total = sum(len(sheet.rows) for sheet in generated.sheets)
    out.write(f"  {'in all':<10} {total:>8,} rows\n")
    for problem in generated.injected:
        out.write(f"  deliberate {problem.severity}: {problem.sheet} row {problem.row}, "
                  f"“{problem.column}”: {problem.what}\n")
    out.write(f"Generated in {made - started:.2f} s; wrote {args.out} in "
              f"{written - made:.2f} s.\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
