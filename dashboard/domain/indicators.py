"""The LAIS-style indicators an LA's Annex A lists give (DESIGN.md section 3).

Each indicator says what it counts, over what period, from which list, and which way
is better, and each value keeps the numerator and denominator behind it so that a
reader can trace it. Periods run back from the date the lists were extracted (the
"point of inspection" of framework para 249). Working days follow England and Wales
bank holidays (``dashboard.domain.calendar``; ``WORKING_DAYS`` says how they are counted).
Each indicator names the DfE publication or guide whose definition it follows
(``Indicator.reference``), and the definitions page shows that text, so the words live
in one place.

Ofsted's Annex A template (its Guidance tab, "Update: August 2019") asks for a row per
contact, referral, assessment and section 47 enquiry over six months (lists 1, 3, 4 and
5), and one entry per child on lists 6 to 10 (the checks keep each child's most recent
row). So an indicator counts events where its definition is per event (referrals,
re-referrals per referral, assessments, conferences) and children where it is per child
(plans, children in care, care leavers); ``Indicator.counts`` says which. A row whose
count the figure needs could not be read is left out of that figure, and its note says
how many rows were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dashboard.domain.annex_a import (
    IN_EDUCATION_EMPLOYMENT_OR_TRAINING,
    LISTS_BY_KEY,
    LONG_TERM_FOSTER_PLACEMENTS,
    SHORT_BREAKS,
    SUITABILITY_NOT_JUDGED,
)
from dashboard.domain.annex_a_checks import ParsedList
from dashboard.domain.calendar import add_working_days
from dashboard.domain.dates import add_months

HIGHER = "higher"
LOWER = "lower"
PERCENT = "%"
PER_10K = "per 10,000 children"
DAYS = "days"
CHILDREN_PER_WORKER = "children per social worker"

#: How working days are counted, for the definitions page.
WORKING_DAYS = (
    "A working day is Monday to Friday and not a bank holiday in England and Wales; bank "
    "holidays, one-off ones included, come from the holidays library (England). The day an "
    "event starts is day 0: day 1 is the first working day after it, so an assessment "
    "started on a Monday and authorised on the Friday of the same week took 4 working days."
)


@dataclass(frozen=True)
class IndicatorInputs:
    lists: dict[str, ParsedList]
    period_end: date
    child_population: int | None


@dataclass(frozen=True)
class IndicatorValue:
    value: float | None
    numerator: float | None
    denominator: float | None
    note: str = ""


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    definition: str
    numerator: str
    denominator: str
    unit: str
    period: str
    better: str | None
    source: str
    theme: str
    compute: Callable[[IndicatorInputs], IndicatorValue]
    #: The DfE publication, guide or regulation whose definition this follows, with its
    #: title and year, and how this figure differs from it.
    reference: str
    #: What one is counted per: an event ("per referral") or a child ("per child").
    counts: str = "per child"

    @property
    def better_text(self) -> str:
        if self.better is None:
            return "No direction: a context measure"
        return f"{self.better.capitalize()} is better"


def _rows(inputs: IndicatorInputs, key: str, *columns: str) -> Iterator[tuple[object, ...]]:
    parsed = inputs.lists.get(key)
    if parsed is None:
        return iter(())
    return zip(*(parsed.get(column) for column in columns), strict=True)


def _has(inputs: IndicatorInputs, key: str) -> bool:
    return key in inputs.lists


def _usable_rows(inputs: IndicatorInputs, key: str, needed: tuple[str, ...],
                 *columns: str) -> tuple[list[tuple[object, ...]], int]:
    """The list's rows (``columns``) whose ``needed`` cells a figure can use, and how many
    rows were left out because one of those cells was blank or unreadable (warned about
    when the file was checked)."""
    parsed = inputs.lists.get(key)
    if parsed is None:
        return [], 0
    unusable: set[int] = set()
    for column in needed:
        unusable |= parsed.unusable_rows(column)
    rows = zip(parsed.rows, *(parsed.get(column) for column in columns), strict=True)
    if not unusable:
        return [row[1:] for row in rows], 0
    kept = [row[1:] for row in rows if row[0] not in unusable]
    return kept, len(parsed.rows) - len(kept)


def _left_out_note(left_out: int, what: str) -> str:
    if not left_out:
        return ""
    return (f"{left_out:,} row(s) left out: their {what} is blank or could not be read "
            "(see the upload's warnings).")


def _window_months(key: str) -> int:
    months = LISTS_BY_KEY[key].window_months
    if months is None:
        raise ValueError(f"{key} covers no period")
    return months


#: Rows a dated list needs before a late first row is taken as a sign it covers less than
#: its period: 20 events spread over six months all miss the first 45 days less than once
#: in 300 times (0.75 ** 20), so a late start with fewer rows may be chance.
LATE_START_FROM_ROWS = 20


def _dates(inputs: IndicatorInputs, key: str, column: str,
           months: int) -> tuple[list[date], list[date]]:
    """A dated list's dates in ``column`` (blanks left out), and those in its window."""
    days = list(filter(None, inputs.lists[key].get(column)))  # the dates (None: blank)
    after, until = _window_start(inputs.period_end, months), inputs.period_end
    return days, [day for day in days if after < day <= until]  # type: ignore[operator]


def _outside_window_note(inputs: IndicatorInputs, months: int, label: str,
                         days: list[date], inside: list[date]) -> str:
    """Why a figure from a dated list has nothing to count, or may be low: every row
    falls outside the months before extraction (a wrong extraction date, or an old
    file), or, with LATE_START_FROM_ROWS rows or more, none of them falls in the first 45
    days of the six months (a list made for the 2017 text's three months, say).
    ``days`` and ``inside`` are the list's dates and those in the window (``_dates``)."""
    start = _window_start(inputs.period_end, months)
    window = (f"the {months} months before extraction ({_uk(start + timedelta(days=1))} "
              f"to {_uk(inputs.period_end)})")
    if days and not inside:
        return (f"None of {label}'s {len(days):,} dated row(s) falls in {window}, so there "
                "is nothing to count: check the extraction date, or that the list is the "
                "latest.")
    if len(inside) >= LATE_START_FROM_ROWS and min(inside) > start + timedelta(days=45):
        return (f"{label}'s earliest row in {window} is from {_uk(min(inside))}: if the list "
                "covers less than the six months (the 2017 framework asked for three), this "
                "figure is too low.") if months == 6 else ""
    return ""


def _uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@lru_cache(maxsize=64)
def _window_start(period_end: date, months: int) -> date:
    """Kept: asked for every row of a list, always with the same few arguments."""
    return add_months(period_end, -months)


def _in_window(day: object, period_end: date, months: int) -> bool:
    """After the same date ``months`` months before extraction, up to extraction. (A
    loop over a list's rows compares with ``_window_start`` itself: a call a row is
    most of the cost of such a loop.)"""
    return day is not None and _window_start(period_end, months) < day <= period_end  # type: ignore[operator]


def _percent(numerator: int, denominator: int) -> IndicatorValue:
    if denominator == 0:
        return IndicatorValue(None, numerator, denominator, "No children to count.")
    return IndicatorValue(100 * numerator / denominator, numerator, denominator)


def _missing(what: str) -> IndicatorValue:
    return IndicatorValue(None, None, None, f"{what} was not in the upload.")


def _age_on(day: date, born: object, age: object) -> int | None:
    """Age in whole years on ``day``, from the date of birth or else the age column (the
    template's formula gives fractional years: whole years are what it has passed)."""
    if isinstance(born, date):
        years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        return years
    return int(age) if isinstance(age, int | float) and not isinstance(age, bool) else None


def _per_10k(count: int, population: int | None, scale: float = 1.0) -> IndicatorValue:
    """``count`` (times ``scale``) per 10,000 children, keeping the count and population."""
    if not population:
        return IndicatorValue(None, count, None, "The LA's child population is not known.")
    return IndicatorValue(count * scale / population * 10_000, count, population)


def _annual_rate_per_10k(count: int, months: int, population: int | None) -> IndicatorValue:
    return _per_10k(count, population, scale=12 / months)


def _yearly_rate(inputs: IndicatorInputs, list_key: str, column: str,
                 list_label: str) -> IndicatorValue:
    """Rows of a list whose date falls in the list's period (template Guidance; para
    249), per 10,000 children a year. A list with no row in its period gives no figure
    and says why, rather than a rate of 0."""
    if not _has(inputs, list_key):
        return _missing(list_label)
    months = _window_months(list_key)
    days, inside = _dates(inputs, list_key, column, months)
    count = len(inside)
    note = _outside_window_note(inputs, months, list_label, days, inside)
    if count == 0 and note:
        return IndicatorValue(None, 0, inputs.child_population, note)
    return _noted(_annual_rate_per_10k(count, months, inputs.child_population), note)


def contacts_rate(inputs: IndicatorInputs) -> IndicatorValue:
    """Contacts in list 1's six months (a row per contact and child), as a yearly rate
    per 10,000."""
    return _yearly_rate(inputs, "contacts", "contact_date", "List 1")


def early_help_rate(inputs: IndicatorInputs) -> IndicatorValue:
    """Early help assessments started in list 2's six months, as a yearly rate per 10,000."""
    return _yearly_rate(inputs, "early_help", "early_help_start", "List 2")


def referrals_rate(inputs: IndicatorInputs) -> IndicatorValue:
    """Referrals in list 3's six months (a row per referral, as DfE counts them), as a
    yearly rate per 10,000."""
    return _yearly_rate(inputs, "referrals", "referral_date", "List 3")


def _share_counting_at_least(inputs: IndicatorInputs, list_key: str, date_column: str,
                             months: int, count_column: str, at_least: int,
                             list_label: str) -> IndicatorValue:
    """Of the rows whose date falls in the last ``months``, those whose count is at least
    ``at_least``; rows whose count is blank or unreadable are left out, and counted."""
    if not _has(inputs, list_key):
        return _missing(list_label)
    numerator = denominator = left_out = 0
    unusable = inputs.lists[list_key].unusable_rows(count_column)
    after, until = _window_start(inputs.period_end, months), inputs.period_end
    for row, day, count in _rows_numbered(inputs, list_key, date_column, count_column):
        if day is not None and after < day <= until:  # type: ignore[operator]
            if row in unusable:
                left_out += 1
                continue
            denominator += 1
            numerator += count is not None and count >= at_least  # type: ignore[operator]
    heading = inputs.lists[list_key].heading(count_column).strip().lower()
    return _noted(_percent(numerator, denominator), _left_out_note(left_out, heading))


def _rows_numbered(inputs: IndicatorInputs, key: str,
                   *columns: str) -> Iterator[tuple[object, ...]]:
    """``_rows`` with each row's spreadsheet row number first."""
    parsed = inputs.lists.get(key)
    if parsed is None:
        return iter(())
    return zip(parsed.rows, *(parsed.get(column) for column in columns), strict=True)


def re_referrals(inputs: IndicatorInputs) -> IndicatorValue:
    """Referrals in list 3's six months that came within 12 months of the child's
    previous referral, counted per referral as the children in need census does.

    The previous referral is any earlier one the upload shows: another row for the
    child (the template lists every referral), or the row's date of previous referral
    (a column the template lacks). The count of referrals in the 12 months before
    extraction, this one included, also shows one: more than the child's rows on the
    list in those 12 months means an earlier referral off the list after the date 12
    months before extraction, so within 12 months of each listed one. Without the date
    column a previous referral between 12 months before the referral and 12 months
    before extraction cannot be seen, and the note says the figure may be low. A row
    whose count is blank or unreadable is left out, and counted in the note.
    """
    if not _has(inputs, "referrals"):
        return _missing("List 3")
    parsed = inputs.lists["referrals"]
    months = _window_months("referrals")
    a_year_before = add_months(inputs.period_end, -12)
    dates_by_child: dict[object, list[date]] = {}
    for child, day in _rows(inputs, "referrals", "child_id", "referral_date"):
        if child is not None and isinstance(day, date):
            dates_by_child.setdefault(child, []).append(day)
    rows = _rows_numbered(inputs, "referrals", "child_id", "referral_date",
                          "previous_referral", "referrals_last_12_months")
    unusable = parsed.unusable_rows("referrals_last_12_months")
    after, until = _window_start(inputs.period_end, months), inputs.period_end
    numerator = denominator = left_out = 0
    for row, child, day, previous, count in rows:
        if day is None or not after < day <= until:  # type: ignore[operator]
            continue
        if row in unusable:
            left_out += 1
            continue
        denominator += 1
        listed = dates_by_child[child] if child is not None else [day]
        # an earlier referral after the same date 12 months before this one
        year_before = add_months(day, -12)  # type: ignore[arg-type]
        numerator += (
            any(isinstance(earlier, date) and year_before < earlier < day  # type: ignore[operator]
                for earlier in (*listed, previous))
            or (isinstance(count, int)
                and count > sum(1 for listed_day in listed if listed_day > a_year_before))
        )
    notes = [_left_out_note(left_out, parsed.heading("referrals_last_12_months").strip()
                                      .lower())]
    value = _percent(numerator, denominator)
    if "previous_referral" not in parsed.columns and value.value is not None:
        notes.append("List 3 has no date of previous referral, so a previous referral more "
                     "than 12 months before extraction is not seen: the figure may be low.")
    return _noted(value, " ".join(note for note in notes if note))


def _within_working_days(inputs: IndicatorInputs, list_key: str, start_column: str,
                         end_column: str, limit: int, list_label: str) -> IndicatorValue:
    """Of the events (a row each) that ended in the list's six months, those that ended
    within ``limit`` working days of starting (counting from the day after the start)."""
    if not _has(inputs, list_key):
        return _missing(list_label)
    months = _window_months(list_key)
    after, until = _window_start(inputs.period_end, months), inputs.period_end
    numerator = denominator = 0
    # within ``limit`` working days means before the (limit + 1)th working day after the
    # start: worked out once for each start date rather than counted for each row
    deadlines: dict[date, date] = {}
    for start, end in _rows(inputs, list_key, start_column, end_column):
        if start is None or end is None or not after < end <= until:  # type: ignore[operator]
            continue
        denominator += 1
        deadline = deadlines.get(start)  # type: ignore[call-overload]
        if deadline is None:
            deadline = deadlines[start] = add_working_days(start, limit + 1)  # type: ignore[index,arg-type]
        numerator += end < deadline  # type: ignore[operator]
    note = _outside_window_note(inputs, months, list_label,
                                *_dates(inputs, list_key, end_column, months))
    if denominator == 0 and note:
        return IndicatorValue(None, 0, 0, note)
    return _noted(_percent(numerator, denominator), note)


def assessments_within_45_working_days(inputs: IndicatorInputs) -> IndicatorValue:
    """Assessments authorised within 45 working days of starting (the longest an
    assessment should take under Working Together)."""
    return _within_working_days(inputs, "assessments", "assessment_start",
                                "assessment_authorised", 45, "List 4")


def icpc_within_15_working_days(inputs: IndicatorInputs) -> IndicatorValue:
    """Initial child protection conferences held within 15 working days of the strategy
    discussion that started the section 47 enquiry."""
    return _within_working_days(inputs, "section_47", "s47_start", "icpc_date", 15, "List 5")


def _open_plans(inputs: IndicatorInputs) -> list[tuple[object, ...]]:
    return [row for row in _rows(inputs, "child_protection", "cp_start", "cp_end")
            if row[1] is None]


def cp_plans_rate(inputs: IndicatorInputs) -> IndicatorValue:
    """Children on a child protection plan at extraction, per 10,000 children."""
    if not _has(inputs, "child_protection"):
        return _missing("List 7")
    return _per_10k(len(_open_plans(inputs)), inputs.child_population)


def cp_second_or_subsequent(inputs: IndicatorInputs) -> IndicatorValue:
    """Plans started in the last 12 months that are a child's second or later plan."""
    return _share_counting_at_least(inputs, "child_protection", "cp_start", 12,
                                    "previous_plans", 1, "List 7")


def cp_plans_two_years_or_more(inputs: IndicatorInputs) -> IndicatorValue:
    """Plans open at extraction that started two years or more before it."""
    if not _has(inputs, "child_protection"):
        return _missing("List 7")
    two_years_before = add_months(inputs.period_end, -24)
    plans = _open_plans(inputs)
    numerator = sum(1 for start, _ in plans if start is not None and start <= two_years_before)
    return _percent(numerator, len(plans))


def _in_care(inputs: IndicatorInputs, *columns: str) -> list[tuple[object, ...]]:
    """Rows of list 8 for children still in care at extraction."""
    return [row[1:] for row in _rows(inputs, "children_in_care", "ceased_care", *columns)
            if row[0] is None]


def _with_count(inputs: IndicatorInputs, count_column: str, in_care_only: bool,
                *columns: str) -> tuple[list[tuple[object, ...]], str]:
    """Rows of list 8 (only those in care at extraction, or all), less those whose
    ``count_column`` cell a figure cannot use; and the note saying how many left out."""
    parsed = inputs.lists["children_in_care"]
    unusable = parsed.unusable_rows(count_column)
    kept, left_out = [], 0
    for row, ceased, *values in _rows_numbered(inputs, "children_in_care", "ceased_care",
                                               *columns):
        if in_care_only and ceased is not None:
            continue
        if row in unusable:
            left_out += 1
        else:
            kept.append(tuple(values))
    return kept, _left_out_note(left_out, parsed.heading(count_column).strip().lower())


_NO_LEGAL_STATUS = ("List 8 has no legal status column, so children on short breaks (V3, V4) "
                    "could not be left out.")


def _without_short_breaks(inputs: IndicatorInputs,
                          rows: list[tuple[object, ...]]) -> tuple[list[tuple[object, ...]], str]:
    """The rows (legal status first) less children looked after under an agreed series
    of short breaks, as DfE's children looked after statistics count; and a note when
    the list has no legal status to tell them by."""
    note = "" if "legal_status" in inputs.lists["children_in_care"].columns else _NO_LEGAL_STATUS
    return [row[1:] for row in rows if row[0] not in SHORT_BREAKS], note


def _noted(value: IndicatorValue, note: str) -> IndicatorValue:
    """The value with ``note`` after any note it has."""
    if not note:
        return value
    return IndicatorValue(value.value, value.numerator, value.denominator,
                          f"{value.note} {note}".strip())


def cla_rate(inputs: IndicatorInputs) -> IndicatorValue:
    """Children in care at extraction, less those on short breaks, per 10,000 children."""
    if not _has(inputs, "children_in_care"):
        return _missing("List 8")
    children, note = _without_short_breaks(inputs, _in_care(inputs, "legal_status"))
    return _noted(_per_10k(len(children), inputs.child_population), note)


def cla_three_or_more_placements(inputs: IndicatorInputs) -> IndicatorValue:
    """Children in care at extraction (not on short breaks) who had three or more
    placements in the last year."""
    if not _has(inputs, "children_in_care"):
        return _missing("List 8")
    rows, left_out = _with_count(inputs, "placements_last_12_months", True, "legal_status",
                                 "placements_last_12_months")
    children, note = _without_short_breaks(inputs, rows)
    numerator = sum(1 for (count,) in children if count is not None and count >= 3)  # type: ignore[operator]
    return _noted(_noted(_percent(numerator, len(children)), note), left_out)


def cla_long_term_stability(inputs: IndicatorInputs) -> IndicatorValue:
    """Of children under 16 in care for two and a half years or more, those in the same
    placement for the last two years (the DfE's long-term stability measure, without its
    special case for children placed for adoption)."""
    if not _has(inputs, "children_in_care"):
        return _missing("List 8")
    end = inputs.period_end
    numerator = denominator = 0
    for started, placed, born, age in _in_care(inputs, "started_care", "placement_start",
                                               "date_of_birth", "age"):
        years = _age_on(end, born, age)
        if started is None or years is None or years >= 16 or add_months(started, 30) > end:  # type: ignore[arg-type]
            continue
        denominator += 1
        numerator += placed is not None and placed <= add_months(end, -24)  # type: ignore[operator]
    return _percent(numerator, denominator)


def cla_visited_in_time(inputs: IndicatorInputs) -> IndicatorValue:
    """Children in care at extraction whose last social work visit was within the
    longest gap the care planning regulations allow (reg. 28): three months for a
    child who has been in a long-term foster placement (U1, U4) for a year or more,
    six weeks (42 days) for every other child. Without a placement type every child
    is held to six weeks, and the note says so."""
    if not _has(inputs, "children_in_care"):
        return _missing("List 8")
    end = inputs.period_end
    six_weeks, three_months = end - timedelta(days=42), add_months(end, -3)
    a_year_before = add_months(end, -12)
    children = _in_care(inputs, "last_social_work_visit", "placement_type", "placement_start")
    numerator = 0
    for visit, kind, placed in children:
        long_term = (kind in LONG_TERM_FOSTER_PLACEMENTS and placed is not None
                     and placed <= a_year_before)  # type: ignore[operator]
        numerator += visit is not None and visit >= (three_months if long_term else six_weeks)  # type: ignore[operator]
    note = ("" if "placement_type" in inputs.lists["children_in_care"].columns else
            "List 8 has no placement type, so every child was held to the six-week rule.")
    return _noted(_percent(numerator, len(children)), note)


def cla_went_missing(inputs: IndicatorInputs) -> IndicatorValue:
    """Children on list 8 (in care at extraction or left in the six months before), less
    those on short breaks, who went missing from their placement at least once in the
    last 12 months."""
    if not _has(inputs, "children_in_care"):
        return _missing("List 8")
    rows, left_out = _with_count(inputs, "missing_episodes", False, "legal_status",
                                 "missing_episodes")
    children, note = _without_short_breaks(inputs, rows)
    numerator = sum(1 for (count,) in children if count is not None and count >= 1)  # type: ignore[operator]
    return _noted(_noted(_percent(numerator, len(children)), note), left_out)


def _care_leavers_19_to_21(inputs: IndicatorInputs, column: str) -> list[object]:
    """Care leavers aged 19, 20 or 21 at extraction: the age band DfE publishes."""
    return [value for value, born, age in _rows(inputs, "care_leavers", column,
                                                "date_of_birth", "age")
            if (years := _age_on(inputs.period_end, born, age)) is not None and 19 <= years <= 21]


def care_leavers_in_touch(inputs: IndicatorInputs) -> IndicatorValue:
    """Care leavers aged 19-21 the LA is in touch with."""
    if not _has(inputs, "care_leavers"):
        return _missing("List 9")
    codes = _care_leavers_19_to_21(inputs, "in_touch")
    return _percent(sum(1 for code in codes if code == "YES"), len(codes))


def care_leavers_suitable_accommodation(inputs: IndicatorInputs) -> IndicatorValue:
    """Care leavers aged 19-21 whose accommodation is recorded as suitable, leaving out
    those abroad, deported or whose residence is not known (G, H, R), as DfE does."""
    if not _has(inputs, "care_leavers"):
        return _missing("List 9")
    rows = _care_leavers_19_to_21(inputs, "accommodation")
    codes = [code for code, accommodation in zip(
        _care_leavers_19_to_21(inputs, "accommodation_suitable"), rows, strict=True)
        if accommodation not in SUITABILITY_NOT_JUDGED]
    value = _percent(sum(1 for code in codes if code == "1"), len(codes))
    if "accommodation" in inputs.lists["care_leavers"].columns:
        return value
    return _noted(value, "List 9 has no type of accommodation, so care leavers abroad, "
                         "deported or whose residence is not known could not be left out.")


def care_leavers_in_education_employment_or_training(inputs: IndicatorInputs) -> IndicatorValue:
    """Care leavers aged 19-21 in education, employment or training: activity codes F1,
    P1, F2, P2, F4, P4, F5, P5, and the old F3, P3."""
    if not _has(inputs, "care_leavers"):
        return _missing("List 9")
    codes = _care_leavers_19_to_21(inputs, "activity")
    return _percent(sum(1 for code in codes if code in IN_EDUCATION_EMPLOYMENT_OR_TRAINING),
                    len(codes))


def adoption_entry_to_placement_days(inputs: IndicatorInputs) -> IndicatorValue:
    """Average days from entering care to moving in with the adoptive family, for
    children placed for adoption in the last 12 months."""
    if not _has(inputs, "adoption"):
        return _missing("List 10")
    waits = [(placed - entered).days  # type: ignore[operator]
             for entered, placed in _rows(inputs, "adoption", "entered_care", "placed_for_adoption")
             if entered is not None and _in_window(placed, inputs.period_end, 12)]
    if not waits:
        return IndicatorValue(None, 0, 0, "No child was placed for adoption in the 12 months.")
    return IndicatorValue(sum(waits) / len(waits), sum(waits), len(waits))


_WORKFORCE_COLUMNS = ("employed_fte", "agency_fte", "vacancies_fte", "leavers_fte",
                      "children_allocated", "case_holding_fte")


def _workforce_totals(inputs: IndicatorInputs, *needed: str) -> tuple[dict[str, float], str]:
    """Each workforce column summed over the teams whose ``needed`` cells can be used; and
    a note saying how many teams were left out because one of them is blank or
    unreadable."""
    rows, left_out = _usable_rows(inputs, "workforce", needed, *_WORKFORCE_COLUMNS)
    totals = {key: sum(row[index] for row in rows if row[index] is not None)  # type: ignore[misc]
              for index, key in enumerate(_WORKFORCE_COLUMNS)}
    note = (f"{left_out:,} team(s) left out: a figure this needs is blank or could not be "
            "read (see the upload's warnings).") if left_out else ""
    return totals, note  # type: ignore[return-value]


def _ratio(numerator: float, denominator: float, scale: float = 100) -> IndicatorValue:
    if denominator == 0:
        return IndicatorValue(None, numerator, denominator, "Nothing to divide by.")
    return IndicatorValue(scale * numerator / denominator, numerator, denominator)


def workforce_turnover(inputs: IndicatorInputs) -> IndicatorValue:
    """Social workers (FTE) who left in the last 12 months, as a share of those employed."""
    if not _has(inputs, "workforce"):
        return _missing("The Workforce sheet")
    totals, note = _workforce_totals(inputs, "leavers_fte", "employed_fte")
    return _noted(_ratio(totals["leavers_fte"], totals["employed_fte"]), note)


def workforce_agency_rate(inputs: IndicatorInputs) -> IndicatorValue:
    """Agency social workers as a share of all social workers in post (FTE)."""
    if not _has(inputs, "workforce"):
        return _missing("The Workforce sheet")
    totals, note = _workforce_totals(inputs, "agency_fte", "employed_fte")
    return _noted(_ratio(totals["agency_fte"], totals["agency_fte"] + totals["employed_fte"]),
                  note)


def workforce_vacancy_rate(inputs: IndicatorInputs) -> IndicatorValue:
    """Vacant posts as a share of vacant posts plus employed social workers (FTE)."""
    if not _has(inputs, "workforce"):
        return _missing("The Workforce sheet")
    totals, note = _workforce_totals(inputs, "vacancies_fte", "employed_fte")
    return _noted(_ratio(totals["vacancies_fte"],
                         totals["vacancies_fte"] + totals["employed_fte"]), note)


def workforce_average_caseload(inputs: IndicatorInputs) -> IndicatorValue:
    """Children allocated per case-holding social worker (FTE), as DfE divides, when
    every team's row gives that figure; otherwise per social worker in post (employed
    and agency, FTE). The note says which was used."""
    if not _has(inputs, "workforce"):
        return _missing("The Workforce sheet")
    parsed = inputs.lists["workforce"]
    case_holding = parsed.get("case_holding_fte")
    if case_holding and None not in case_holding:
        totals, note = _workforce_totals(inputs, "children_allocated", "case_holding_fte")
        if totals["case_holding_fte"] > 0:
            value = _ratio(totals["children_allocated"], totals["case_holding_fte"], scale=1)
            return _noted(value, f"Divided by case-holding social workers (FTE). {note}".strip())
    totals, note = _workforce_totals(inputs, "children_allocated", "employed_fte",
                                     "agency_fte")
    value = _ratio(totals["children_allocated"], totals["employed_fte"] + totals["agency_fte"],
                   scale=1)
    why = ("some teams have no case-holding FTE" if "case_holding_fte"
           in parsed.columns else "the Workforce sheet has no case-holding FTE")
    return _noted(value, f"Divided by all social workers in post (employed and agency, FTE): "
                         f"{why}. {note}".strip())


_L1, _L2, _L3, _L4 = "Annex A list 1 (contacts)", "Annex A list 2 (early help)", \
    "Annex A list 3 (referrals)", "Annex A list 4 (assessments)"
_L5, _L7, _L8 = "Annex A list 5 (section 47 enquiries)", "Annex A list 7 (child protection)", \
    "Annex A list 8 (children in care)"
_L9, _L10 = "Annex A list 9 (care leavers)", "Annex A list 10 (adoption)"
_WF = "Workforce sheet (MI document 1.07)"
_POPULATION = "children aged 0 to 17 in the LA (ONS mid-2024 estimate)"

# The DfE publications, guides and regulations the definitions follow.
_CIN_GUIDE = "DfE, Children in need census 2025 to 2026: guide"
_CIN_STATS = "DfE, Characteristics of children in need: methodology"
_CLA_GUIDE = "DfE, Children looked after return 2025 to 2026: guide (the SSDA903 return)"
_CLA_STATS = "DfE, Children looked after in England including adoptions: methodology"
_CSWW = "DfE, Children's social work workforce: methodology (2025)"
_WORKING_TOGETHER = "HM Government, Working Together to Safeguard Children (2023)"
_NO_NATIONAL = ("No DfE definition: DfE does not collect {what}, so this follows the Annex A "
                "list alone and has no published comparator.")

#: Which way is better: where an indicator measures what a published measure does, the
#: same direction as ``data/measure_directions.csv`` gives it, for the reason given there
#: (DfE's own text, or no direction where DfE gives none); the pairs are in
#: ``tests/domain/test_measure_directions.py``.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("contacts_rate", "Contacts per 10,000 children",
              "Contacts received in the six months before extraction (a row per contact and "
              "child, as the template asks), doubled to give a yearly rate, per 10,000 "
              "children.",
              "contacts in the six months", _POPULATION, PER_10K, "6 months, annualised",
              None, _L1, "Front door", contacts_rate,
              reference=_NO_NATIONAL.format(what="contacts"), counts="per contact"),
    Indicator("early_help_rate", "Early help assessments per 10,000 children",
              "Early help assessments started in the six months before extraction, doubled to "
              "give a yearly rate, per 10,000 children.",
              "early help assessments started in the six months", _POPULATION, PER_10K,
              "6 months, annualised", None, _L2, "Front door", early_help_rate,
              reference=_NO_NATIONAL.format(what="early help assessments"),
              counts="per assessment"),
    Indicator("referrals_rate", "Referrals per 10,000 children",
              "Referrals in the six months before extraction (a row per referral, as the "
              "template asks: a child referred twice counts twice, as in the published "
              "figure), doubled to give a yearly rate, per 10,000 children.",
              "referrals in the six months", _POPULATION, PER_10K,
              "6 months, annualised", None, _L3, "Front door", referrals_rate,
              reference=f"{_CIN_STATS}: referrals per 10,000 children, over a year to 31 "
                        "March.", counts="per referral"),
    Indicator("re_referrals", "Re-referrals within 12 months",
              "Of the referrals in the six months before extraction, those that came within "
              "12 months of the child's previous referral (after the same date 12 months "
              "before), counted per referral. The previous referral is another row for the "
              "child on list 3 (the template lists every referral), or the row's date of "
              "previous referral (an optional column the template lacks). The number of "
              "referrals in the last 12 months also counts: more than the child's rows on the "
              "list in those 12 months means an earlier referral within them. Without the date "
              "of previous referral, a previous referral made more than 12 months before "
              "extraction cannot be seen, so the figure may be low; the figure says so. A "
              "referral whose count is blank or unreadable is left out, and the figure says "
              "how many were.",
              "re-referrals (a previous referral in the 12 months before)",
              "referrals in the six months", PERCENT, "6 months", LOWER, _L3,
              "Front door", re_referrals,
              reference=f"{_CIN_GUIDE} and {_CIN_STATS}: re-referrals are referrals within 12 "
                        "months of a previous referral, as a share of referrals. DfE counts a "
                        "year to 31 March; list 3 covers six months.", counts="per referral"),
    Indicator("assessments_45_days", "Assessments completed within 45 working days",
              "Assessments authorised in the six months before extraction that were authorised "
              "within 45 working days of starting (England and Wales bank holidays excluded).",
              "assessments within 45 working days", "assessments authorised in the six months",
              PERCENT, "6 months", HIGHER, _L4, "Help and protection",
              assessments_within_45_working_days,
              reference=f"{_WORKING_TOGETHER} (45 working days at most); {_CIN_STATS}: "
                        "assessments completed in the year within 45 working days.",
              counts="per assessment"),
    Indicator("icpc_15_days", "Initial conferences within 15 working days",
              "Initial child protection conferences held in the six months before extraction "
              "within 15 working days of the strategy discussion that started the section 47 "
              "enquiry.",
              "conferences within 15 working days", "conferences held in the six months",
              PERCENT, "6 months", HIGHER, _L5, "Help and protection",
              icpc_within_15_working_days,
              reference=f"{_WORKING_TOGETHER} (15 working days from the strategy "
                        f"discussion); {_CIN_STATS}, whose clock, as ours, starts at the "
                        "start of the section 47 enquiry.", counts="per enquiry"),
    Indicator("cp_plans_rate", "Child protection plans per 10,000 children",
              "Children on a child protection plan at extraction, per 10,000 children.",
              "children on a plan", _POPULATION, PER_10K, "at extraction", None, _L7,
              "Help and protection", cp_plans_rate,
              reference=f"{_CIN_STATS}: children on a plan at 31 March per 10,000 children."),
    Indicator("cp_second_subsequent", "Second or subsequent child protection plans",
              "Plans started in the 12 months before extraction that are the child's second or "
              "later plan. List 7 holds only plans open at extraction or ended in the six "
              "months before, one per child (the most recent), so plans that started and ended "
              "earlier are not counted. A plan whose number of previous plans is blank or "
              "unreadable is left out, and the figure says how many were.",
              "plans with a previous plan", "plans started in the 12 months", PERCENT,
              "12 months", LOWER, _L7, "Help and protection", cp_second_or_subsequent,
              reference=f"{_CIN_STATS}: plans started in the year that were a second or "
                        "subsequent plan."),
    Indicator("cp_two_years", "Child protection plans lasting two years or more",
              "Plans open at extraction that started two years or more before it (as DfE "
              "counts plans open at 31 March).",
              "plans open for two years or more", "plans open at extraction", PERCENT,
              "at extraction", LOWER, _L7, "Help and protection", cp_plans_two_years_or_more,
              reference=f"{_CIN_STATS}: plans open at 31 March for two years or more."),
    Indicator("cla_rate", "Children in care per 10,000 children",
              "Children in care at extraction, per 10,000 children, leaving out children looked "
              "after under an agreed series of short breaks (legal status V3 or V4). Without a "
              "legal status column they cannot be left out, and the figure says so.",
              "children in care, short breaks left out", _POPULATION, PER_10K, "at extraction",
              None, _L8, "Children in care", cla_rate,
              reference=f"{_CLA_STATS}: children looked after at 31 March per 10,000 "
                        "children, excluding those looked after under an agreed series of "
                        "short-term placements."),
    Indicator("cla_three_placements", "Children in care with three or more placements",
              "Children in care at extraction, short breaks (V3, V4) left out, who had three "
              "or more placements in the 12 months before it.",
              "children with 3 or more placements",
              "children in care at extraction, short breaks left out", PERCENT,
              "12 months", LOWER, _L8, "Children in care", cla_three_or_more_placements,
              reference=f"{_CLA_STATS}: children looked after at 31 March with three or more "
                        "placements in the year, excluding short-term placements."),
    Indicator("cla_long_term_stability", "Long-term placement stability",
              "Children under 16 in care for two and a half years or more who have been in the "
              "same placement for at least two years.",
              "children in the same placement for 2 years",
              "children under 16 in care for 2.5 years or more", PERCENT, "at extraction",
              HIGHER, _L8, "Children in care", cla_long_term_stability,
              reference=f"{_CLA_STATS}: long-term placement stability, without its special "
                        "case for children placed for adoption."),
    Indicator("cla_visits_6_weeks", "Children in care visited on time",
              "Children in care at extraction whose last social work visit was no longer ago "
              "than the regulations allow: three months for a child who has been in a "
              "long-term foster placement (placement type U1 or U4) that started a year or "
              "more before extraction, six weeks (42 days) for every other child. Without a "
              "placement type column every child is held to the six-week rule, and the figure "
              "says so.",
              "children visited in time", "children in care at extraction", PERCENT,
              "6 weeks, or 3 months in a long-term placement", HIGHER, _L8, "Children in care",
              cla_visited_in_time,
              reference="Care Planning, Placement and Case Review (England) Regulations 2010, "
                        "reg. 28 (visits at most six weeks apart in the first year of a "
                        "placement, then three months apart where it is intended to last until "
                        f"the child is 18); {_CLA_GUIDE} (placement types U1 and U4, long-term "
                        "foster placements, which we take as placements intended to last until "
                        "18)."),
    Indicator("cla_missing", "Children in care who went missing",
              "Children on list 8, short breaks (V3, V4) left out, who went missing from their "
              "placement at least once in the 12 months before extraction. No direction, as "
              "DfE gives none (data/measure_directions.csv): LAs record missing and away "
              "incidents differently, some recording every incident as missing, and DfE warns "
              "against comparing LAs on it.",
              "children with a missing episode", "children on list 8, short breaks left out",
              PERCENT, "12 months", None, _L8, "Children in care", cla_went_missing,
              reference=f"{_CLA_STATS}: children looked after who went missing in the year, "
                        "excluding those looked after under an agreed series of short-term "
                        "placements."),
    Indicator("care_leavers_in_touch", "Care leavers in touch",
              "Care leavers aged 19 to 21 at extraction whom the LA is in touch with. DfE "
              "publishes the share it is not in touch with (LAIT: care leavers aged 19 to 21 "
              "whom the LA is not in touch with, %).",
              "care leavers in touch", "care leavers aged 19 to 21", PERCENT, "at extraction",
              HIGHER, _L9, "Care leavers", care_leavers_in_touch,
              reference=f"{_CLA_GUIDE}: whether the LA is in touch (IN_TOUCH codes)."),
    Indicator("care_leavers_suitable_accommodation", "Care leavers in suitable accommodation",
              "Care leavers aged 19 to 21 at extraction whose accommodation is recorded as "
              "suitable, leaving out of the count those abroad (G), deported (H) or whose "
              "residence is not known (R). Without a type of accommodation column they "
              "cannot be left out, and the figure says so.",
              "care leavers in suitable accommodation",
              "care leavers aged 19 to 21, less those abroad, deported or residence not known",
              PERCENT, "at extraction", HIGHER, _L9, "Care leavers",
              care_leavers_suitable_accommodation,
              reference=f"{_CLA_STATS}: suitability of accommodation of care leavers aged 19 "
                        "to 21, which is not judged for those abroad, deported or whose "
                        "residence is not known."),
    Indicator("care_leavers_eet", "Care leavers in education, employment or training",
              "Care leavers aged 19 to 21 at extraction in education, employment or training: "
              "activity codes F1, P1 (higher education), F2, P2 (other education), F4, P4 "
              "(apprenticeship), F5, P5 (training or employment), and the old codes F3, P3 "
              "(training or employment, before F4, P4, F5 and P5 replaced them).",
              "care leavers in education, employment or training", "care leavers aged 19 to 21",
              PERCENT, "at extraction", HIGHER, _L9, "Care leavers",
              care_leavers_in_education_employment_or_training,
              reference=f"{_CLA_GUIDE} (activity codes); {_CLA_STATS}: care leavers aged 19 "
                        "to 21 in education, employment or training."),
    Indicator("adoption_entry_to_placement", "Days from entering care to adoptive placement",
              "For children placed for adoption in the 12 months before extraction, the average "
              "number of days between entering care and moving in with the adoptive family.",
              "total days waited", "children placed for adoption", DAYS, "12 months", LOWER,
              _L10, "Permanence", adoption_entry_to_placement_days,
              reference="DfE, Adoption scorecards: methodology and guidance, measure A1: "
                        "average time between a child entering care and moving in with its "
                        "adoptive family (over three years there; over 12 months here)."),
    Indicator("workforce_turnover", "Social worker turnover",
              "Social workers (FTE) who left in the 12 months before extraction, as a share of "
              "employed social workers (FTE) at extraction.",
              "leavers (FTE)", "employed social workers (FTE)", PERCENT, "12 months", LOWER, _WF,
              "Workforce", workforce_turnover,
              reference=f"{_CSWW}: turnover rate (FTE).", counts="per team (FTE)"),
    Indicator("workforce_agency", "Agency social workers",
              "Agency social workers as a share of all social workers in post (FTE).",
              "agency social workers (FTE)", "social workers in post (FTE)", PERCENT,
              "at extraction", LOWER, _WF, "Workforce", workforce_agency_rate,
              reference=f"{_CSWW}: agency worker rate (FTE).", counts="per team (FTE)"),
    Indicator("workforce_vacancy", "Social worker vacancy rate",
              "Vacant social worker posts as a share of vacant posts plus employed social "
              "workers (FTE).",
              "vacant posts (FTE)", "vacant posts plus employed social workers (FTE)", PERCENT,
              "at extraction", LOWER, _WF, "Workforce", workforce_vacancy_rate,
              reference=f"{_CSWW}: vacancy rate (FTE).", counts="per team (FTE)"),
    Indicator("workforce_caseload", "Average caseload",
              "Children allocated to social workers, divided by case-holding social workers "
              "(FTE) where every team on the Workforce sheet gives that figure; otherwise by "
              "all social workers in post (employed and agency, FTE), which gives a lower "
              "caseload. The figure says which was used.",
              "children allocated",
              "case-holding social workers (FTE), or else social workers in post (FTE)",
              CHILDREN_PER_WORKER, "at extraction", LOWER, _WF, "Workforce",
              workforce_average_caseload,
              reference=f"{_CSWW}: average caseload, cases held divided by case-holding "
                        "social workers (FTE, agency included); Annex A gives children "
                        "allocated, which we count as cases held.", counts="per team (FTE)"),
)


#: The columns the indicators read, by list. The cross-list check also needs every
#: list's child ID and date of birth.
COLUMNS_USED: dict[str, frozenset[str]] = {
    "contacts": frozenset({"contact_date"}),
    "early_help": frozenset({"early_help_start"}),
    "referrals": frozenset({"referral_date", "referrals_last_12_months", "previous_referral"}),
    "assessments": frozenset({"assessment_start", "assessment_authorised"}),
    "section_47": frozenset({"s47_start", "icpc_date"}),
    "child_protection": frozenset({"cp_start", "cp_end", "previous_plans"}),
    "children_in_care": frozenset({
        "ceased_care", "placements_last_12_months", "started_care", "placement_start", "age",
        "last_social_work_visit", "missing_episodes", "legal_status", "placement_type",
    }),
    "care_leavers": frozenset({"in_touch", "accommodation", "accommodation_suitable", "activity",
                               "age"}),
    "adoption": frozenset({"entered_care", "placed_for_adoption"}),
    "workforce": frozenset({"employed_fte", "agency_fte", "vacancies_fte", "leavers_fte",
                            "children_allocated", "case_holding_fte"}),
}


def keep_what_the_figures_need(parsed: ParsedList) -> ParsedList:
    """The list with only the columns the indicators and the cross-list check read, so
    that no more child-level data than needed is kept, even briefly, or passed on."""
    wanted = COLUMNS_USED.get(parsed.annex_list.key, frozenset()) | {"child_id", "date_of_birth"}
    return ParsedList(parsed.annex_list, parsed.sheet,
                      {key: values for key, values in parsed.columns.items() if key in wanted},
                      parsed.rows, {key: heading for key, heading in parsed.headings.items()
                                    if key in wanted},
                      {key: rows for key, rows in parsed.unreadable.items() if key in wanted})


#: Which list columns each indicator reads (list key -> column keys), beside the list's
#: child IDs. ``dashboard.domain.warning_impact`` uses it to say which figures a warning
#: touches; tests keep it in step with ``COLUMNS_USED`` and with the functions above.
INDICATOR_INPUTS: dict[str, dict[str, frozenset[str]]] = {
    "contacts_rate": {"contacts": frozenset({"contact_date"})},
    "early_help_rate": {"early_help": frozenset({"early_help_start"})},
    "referrals_rate": {"referrals": frozenset({"referral_date"})},
    "re_referrals": {"referrals": frozenset({"referral_date", "referrals_last_12_months"})},
    "assessments_45_days": {"assessments": frozenset({"assessment_start",
                                                      "assessment_authorised"})},
    "icpc_15_days": {"section_47": frozenset({"s47_start", "icpc_date"})},
    "cp_plans_rate": {"child_protection": frozenset({"cp_start", "cp_end"})},
    "cp_second_subsequent": {"child_protection": frozenset({"cp_start", "previous_plans"})},
    "cp_two_years": {"child_protection": frozenset({"cp_start", "cp_end"})},
    "cla_rate": {"children_in_care": frozenset({"ceased_care", "child_id"})},
    "cla_three_placements": {"children_in_care": frozenset({"ceased_care",
                                                            "placements_last_12_months"})},
    "cla_long_term_stability": {"children_in_care": frozenset({
        "ceased_care", "started_care", "placement_start", "date_of_birth", "age"})},
    "cla_visits_6_weeks": {"children_in_care": frozenset({"ceased_care",
                                                          "last_social_work_visit"})},
    "cla_missing": {"children_in_care": frozenset({"missing_episodes"})},
    "care_leavers_in_touch": {"care_leavers": frozenset({"in_touch", "date_of_birth", "age"})},
    "care_leavers_suitable_accommodation": {"care_leavers": frozenset({
        "accommodation_suitable", "date_of_birth", "age"})},
    "care_leavers_eet": {"care_leavers": frozenset({"activity", "date_of_birth", "age"})},
    "adoption_entry_to_placement": {"adoption": frozenset({"entered_care",
                                                           "placed_for_adoption"})},
    "workforce_turnover": {"workforce": frozenset({"leavers_fte", "employed_fte"})},
    "workforce_agency": {"workforce": frozenset({"agency_fte", "employed_fte"})},
    "workforce_vacancy": {"workforce": frozenset({"vacancies_fte", "employed_fte"})},
    "workforce_caseload": {"workforce": frozenset({"children_allocated", "employed_fte",
                                                   "agency_fte"})},
}


def age_source(inputs: IndicatorInputs, list_key: str) -> str:
    """Which age an indicator used, in words: the date of birth on the list it is computed
    from (whatever another list says for the same ID, framework para 250), or the age
    column where that date is blank."""
    parsed = inputs.lists.get(list_key)
    if parsed is None:
        return ""
    births, ages = parsed.get("date_of_birth"), parsed.get("age")
    from_birth = sum(1 for born in births if born is not None)
    from_column = sum(1 for born, age in zip(births, ages, strict=True)
                      if born is None and age is not None)
    label = f"list {parsed.annex_list.number}"
    text = (f"Ages worked out on the extraction date from the date of birth on {label} "
            f"({from_birth:,} row(s))")
    if from_column:
        text += (f", and from {label}'s age column in whole years where the date of birth is "
                 f"blank ({from_column:,} row(s))")
    return text + "."


def compute_indicators(inputs: IndicatorInputs) -> dict[str, IndicatorValue]:
    """Every indicator's value, numerator and denominator for one upload; an indicator that
    needs an age also says which age it used."""
    values = {}
    for indicator in INDICATORS:
        value = indicator.compute(inputs)
        ages = [key for key, columns in INDICATOR_INPUTS.get(indicator.id, {}).items()
                if "date_of_birth" in columns]
        source = " ".join(age_source(inputs, key) for key in ages if key in inputs.lists)
        if source:
            value = IndicatorValue(value.value, value.numerator, value.denominator,
                                   f"{value.note} {source}".strip())
        values[indicator.id] = value
    return values
