"""Checking an Annex A upload before anything is stored (framework paras 246-253).

Everything is checked first and every problem is reported together, as the sheet,
the spreadsheet row and the column, in plain words. *Errors* refuse the upload;
*warnings* are shown but allowed.

A problem never quotes a child's ID, name or date of birth, nor any cell that might
hold one: problem lists go to the browser, into the background job's answer and into
a downloadable workbook, all of which outlive the request. A message names the sheet,
row and column, and the other row (and sheet) involved; the only cell values it quotes
are short code-shaped values in code columns (see ``quotable_code``).

The checks work column by column on the rows a reader hands over: a 200,000-row
upload is checked in about a second.

Dates are read as the UK writes them (day first) when they come as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import itemgetter

from dashboard.domain.annex_a import (
    ANNEX_A_LISTS,
    LISTS_BY_KEY,
    AnnexAList,
    Column,
    Kind,
    list_for_headings,
    list_for_sheet_name,
    match_columns,
)

ERROR = "error"
WARNING = "warning"

#: Errors, and warnings, listed one by one; beyond this they are counted, not listed.
PROBLEMS_LISTED = 2000

EARLIEST_DATE = date(1900, 1, 1)
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook, or one CSV file, as a reader found it.

    ``first_row`` is the spreadsheet row number of ``rows[0]``, so that problems
    point at the row the user sees in Excel; ``row_numbers`` gives every row's number
    instead when the reader skipped empty rows.
    """

    name: str
    headings: list[str]
    rows: list[list[object]]
    first_row: int = 2
    row_numbers: list[int] | None = None


@dataclass(frozen=True)
class Problem:
    severity: str
    sheet: str
    row: int | None
    column: str | None
    message: str


@dataclass
class ParsedList:
    """One list's typed columns (only the ones the file had), with spreadsheet rows."""

    annex_list: AnnexAList
    sheet: str
    columns: dict[str, list[object]]
    rows: Sequence[int]

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, key: str) -> list[object]:
        """The column's values, or blanks when the file did not have it."""
        return self.columns.get(key) or [None] * len(self.rows)


@dataclass
class CheckResult:
    """Errors and warnings, errors first; each kind listed up to PROBLEMS_LISTED, all counted."""

    lists: dict[str, ParsedList] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0

    @property
    def accepted(self) -> bool:
        return self.error_count == 0

    @property
    def problems(self) -> list[Problem]:
        return self.errors + self.warnings

    def add(self, severity: str, sheet: str, row: int | None, column: str | None,
            message: str) -> None:
        if severity == ERROR:
            self.error_count += 1
            kept = self.errors
        else:
            self.warning_count += 1
            kept = self.warnings
        if len(kept) < PROBLEMS_LISTED:
            kept.append(Problem(severity, sheet, row, column, message))

    @property
    def problems_not_listed(self) -> int:
        return self.error_count + self.warning_count - len(self.errors) - len(self.warnings)


class _Bad:
    """A cell that could not be read as its column's type; carries the reason."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s.*)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$")
_D_MON_Y = re.compile(r"^(\d{1,2})[\s\-/]([A-Za-z]{3,9})[\s\-/](\d{4})$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}


#: Why a date cell could not be read. No message quotes the cell: a bad value in a
#: date column may be a date of birth, or whatever was pasted into the wrong column.
NOT_A_DATE = "This is not a date; write dates as 31/01/2025."
NOT_A_REAL_DATE = ("This is not a real date: the day or the month is out of range. Dates are "
                   "read day first, as 31/01/2025.")


def read_date(value: object) -> date | _Bad | None:
    """A date from an Excel date cell, an Excel serial number or UK-style text."""
    kind = type(value)
    if kind is date:
        return value  # type: ignore[return-value]
    if kind is datetime:
        return value.date()  # type: ignore[union-attr]
    if value is None:
        return None
    if kind is str:
        text = value.strip()  # type: ignore[union-attr]
        if not text:
            return None
        for pattern, order in ((_DMY, (3, 2, 1)), (_ISO, (1, 2, 3))):
            found = pattern.match(text)
            if found:
                year, month, day = (int(found.group(i)) for i in order)
                try:
                    return date(year, month, day)
                except ValueError:
                    return _Bad(NOT_A_REAL_DATE)
        found = _D_MON_Y.match(text)
        if found and found.group(2).lower() in _MONTHS:
            try:
                return date(int(found.group(3)), _MONTHS[found.group(2).lower()],
                            int(found.group(1)))
            except ValueError:
                return _Bad(NOT_A_REAL_DATE)
        return _Bad(NOT_A_DATE)
    if kind in (int, float) and not isinstance(value, bool) and 1 <= value < 2958466:  # type: ignore[operator]
        return _EXCEL_EPOCH + timedelta(days=int(value))  # type: ignore[arg-type]
    return _Bad(NOT_A_DATE)


#: Why a count or a number could not be read; the cell is not quoted (a misplaced
#: child ID or date could be in it).
NOT_A_WHOLE_NUMBER = "This is not a whole number; enter a count such as 3."
COUNT_BELOW_ZERO = "This is below zero; a count cannot be negative."
NOT_A_NUMBER = "This is not a number; enter a number such as 2.5."
NUMBER_BELOW_ZERO = "This is not a number of zero or more."


def read_whole_number(value: object) -> int | _Bad | None:
    kind = type(value)
    if kind is int:
        number = value
    elif kind is float:
        if not value.is_integer():  # type: ignore[union-attr]
            return _Bad(NOT_A_WHOLE_NUMBER)
        number = int(value)  # type: ignore[arg-type]
    elif value is None:
        return None
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            number = int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else None
        except ValueError:
            number = None
        if number is None:
            return _Bad(NOT_A_WHOLE_NUMBER)
    if number < 0:  # type: ignore[operator]
        return _Bad(COUNT_BELOW_ZERO)
    return number  # type: ignore[return-value]


def read_number(value: object) -> float | _Bad | None:
    if type(value) in (int, float) and not isinstance(value, bool):
        number = float(value)  # type: ignore[arg-type]
    elif value is None or (isinstance(value, str) and not value.strip()):
        return None
    else:
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            return _Bad(NOT_A_NUMBER)
    if number < 0 or number != number:
        return _Bad(NUMBER_BELOW_ZERO)
    return number


def read_text(value: object) -> str | None:
    if value is None:
        return None
    if type(value) is float and value.is_integer():  # type: ignore[union-attr]
        value = int(value)  # type: ignore[arg-type]
    text = str(value).strip()
    return text or None


def quotable_code(cell: object) -> str | None:
    """The cell as it may be quoted in a problem, or None when it must not be.

    Only a code column's cell is ever quoted, and only when it is shaped like a DfE
    code and like nothing personal: capital letters mixed with digits, at most four
    characters ("N11", "E4A", "RC9"), one capital letter ("X"), or a one- or two-digit
    number ("11"). Names ("Amy", "LEE"), identifiers, years and dates never have that
    shape, so whatever was typed into the wrong column stays unquoted; the sheet, row
    and column still say where to look.
    """
    text = read_text(cell)
    if (text is None or len(text) > 4 or not text.isascii() or not text.isalnum()
            or text != text.upper()):
        return None
    if text.isdigit():
        return text if len(text) <= 2 else None
    if text.isalpha():
        return text if len(text) == 1 else None
    return text


def _read_codes(column: Column, raw: Sequence[object]) -> tuple[list[object], list[int]]:
    """Codes for a coded column, each distinct cell looked up once; and the unknown ones."""
    code_set = column.code_set
    if code_set is None:
        raise RuntimeError(f"The coded column {column.key} has no code set")
    lookup: dict[object, object] = {}
    for cell in set(raw):
        text = read_text(cell)
        lookup[cell] = None if text is None else (code_set.canonical(text) or _UNKNOWN)
    values = list(map(lookup.__getitem__, raw))
    if _UNKNOWN not in lookup.values():
        return values, []
    unknown = [position for position, value in enumerate(values) if value is _UNKNOWN]
    for position in unknown:
        values[position] = None
    return values, unknown


_UNKNOWN = object()


def _read_column(
    column: Column, raw: Sequence[object], sheet: str, rows: list[int], result: CheckResult
) -> list[object]:
    """Typed values for one column; every unreadable or missing value becomes a problem."""
    unknown: list[int] = []
    if column.kind is Kind.CODE:
        values, unknown = _read_codes(column, raw)
    elif column.kind is Kind.DATE:
        values = [cell if type(cell) is date else read_date(cell) for cell in raw]
    elif column.kind is Kind.INTEGER:
        values = [int(cell) if type(cell) is float and cell >= 0 and cell.is_integer()  # type: ignore[operator,union-attr]
                  else read_whole_number(cell) for cell in raw]
    elif column.kind is Kind.NUMBER:
        values = [read_number(cell) for cell in raw]
    else:
        values = [(cell.strip() or None) if type(cell) is str else read_text(cell)
                  for cell in raw]
    if not column.may_be_blank and None in values:
        blank_severity = ERROR if column.required else WARNING
        for position, value in enumerate(values):
            if value is None and raw[position] in (None, ""):
                result.add(blank_severity, sheet, rows[position], column.heading,
                           "This cell is empty; it must be filled in.")
    if column.kind in (Kind.DATE, Kind.INTEGER, Kind.NUMBER):
        for position, value in enumerate(values):
            if type(value) is _Bad:
                result.add(ERROR, sheet, rows[position], column.heading,
                           value.reason)  # type: ignore[union-attr]
                values[position] = None
    if unknown and column.code_set is not None:
        severity = ERROR if column.strict_codes else WARNING
        examples = ", ".join(list(column.code_set.codes)[:6])
        for position in unknown:
            quoted = quotable_code(raw[position])
            what = f"“{quoted}”" if quoted else "The value in this cell"
            result.add(severity, sheet, rows[position], column.heading,
                       f"{what} is not one of the DfE codes for this column (for example "
                       f"{examples}).")
    return values


#: Pairs of date columns in each list where the first may not be after the second.
DATES_IN_ORDER: dict[str, tuple[tuple[str, str, str], ...]] = {
    "early_help": (("early_help_start", "early_help_completed", ERROR),),
    "assessments": (("assessment_start", "assessment_authorised", ERROR),),
    "section_47": (("s47_start", "icpc_date", ERROR),),
    "children_in_need": (("cin_start", "cin_closure", ERROR),),
    "child_protection": (("cp_start", "cp_end", ERROR), ("cp_start", "latest_review", WARNING)),
    "children_in_care": (
        ("started_care", "ceased_care", ERROR),
        ("started_care", "placement_start", WARNING),
        ("placement_start", "ceased_care", WARNING),
    ),
    "adoption": (
        ("entered_care", "placed_for_adoption", ERROR),
        ("placed_for_adoption", "adoption_order", ERROR),
        ("adoption_decision", "placed_for_adoption", WARNING),
    ),
    "adopters": (
        ("enquiry_date", "application_approved", ERROR),
        ("application_approved", "child_placed", WARNING),
    ),
}


def _check_dates_in_order(parsed: ParsedList, result: CheckResult) -> None:
    """A referral cannot close before it opens: each pair must run forwards."""
    annex_list = parsed.annex_list
    for earlier_key, later_key, severity in DATES_IN_ORDER.get(annex_list.key, ()):
        if earlier_key not in parsed.columns or later_key not in parsed.columns:
            continue
        earlier_column, later_column = annex_list.column(earlier_key), annex_list.column(later_key)
        for row, earlier, later in zip(parsed.rows, parsed.columns[earlier_key],
                                       parsed.columns[later_key], strict=True):
            if earlier is not None and later is not None and later < earlier:  # type: ignore[operator]
                result.add(severity, parsed.sheet, row, later_column.heading,
                           f"This date is before the {earlier_column.heading.lower()} on "
                           "the same row; check both dates.")


def _check_dates_in_range(parsed: ParsedList, period_end: date, result: CheckResult) -> None:
    """No event after the lists were extracted and no date before 1900 (errors).

    The messages never quote the dates of the row (one may be the date of birth); the
    extraction date, the user's own entry, may be quoted.

    Work with unborn children is routine (contacts, referrals, assessments, section 47
    enquiries and child protection plans before birth), and their date of birth may be
    an expected one after extraction, so a date of birth after extraction, or an event
    before the date of birth, is only a warning to check.
    """
    births = parsed.columns.get("date_of_birth")
    for column in parsed.annex_list.columns:
        values = parsed.columns.get(column.key)
        if column.kind is not Kind.DATE or values is None:
            continue
        is_birth = column.key == "date_of_birth"
        check_birth = births is not None and not is_birth
        for position, value in enumerate(values):
            if value is None:
                continue
            if value > period_end:  # type: ignore[operator]
                if is_birth:
                    result.add(WARNING, parsed.sheet, parsed.rows[position], column.heading,
                               "The date of birth is after the date the lists were "
                               f"extracted ({_day(period_end)}): check it, unless it is an "
                               "unborn child's expected date of birth.")
                else:
                    result.add(ERROR, parsed.sheet, parsed.rows[position], column.heading,
                               "This date is after the date the lists were extracted "
                               f"({_day(period_end)}).")
            elif value < EARLIEST_DATE:  # type: ignore[operator]
                result.add(ERROR, parsed.sheet, parsed.rows[position], column.heading,
                           ("The date of birth" if is_birth else "This date")
                           + " is before 1900; check the year.")
            elif check_birth:
                born = births[position]  # type: ignore[index]
                if born is not None and value < born:  # type: ignore[operator]
                    result.add(WARNING, parsed.sheet, parsed.rows[position], column.heading,
                               "This date is before the child's date of birth on the same "
                               "row: check it, unless the child was unborn then.")


def _check_one_row_per_child(parsed: ParsedList, result: CheckResult) -> None:
    """Lists 3 to 10 carry one row per child, about the most recent event (para 251)."""
    if not parsed.annex_list.one_row_per_child:
        return
    first_row: dict[object, int] = {}
    for row, child in zip(parsed.rows, parsed.get(parsed.annex_list.person_key), strict=True):
        if child is None:
            continue
        if child in first_row:
            result.add(ERROR, parsed.sheet, row, "Child Unique ID",
                       f"The child on row {row} is also on row {first_row[child]} (the same "
                       "Child Unique ID). This list needs one row per child, about the most "
                       "recent event (framework para 251): keep only that row.")
        else:
            first_row[child] = row


def _check_same_child_across_lists(lists: Iterable[ParsedList], result: CheckResult) -> None:
    """One child ID is one child in every list (para 250): the date of birth must agree.

    This runs over every row of every list, so it first asks, with set operations,
    whether any child has two dates at all, and finds where only when one does.
    """
    relevant = [parsed for parsed in lists if parsed.annex_list.person_key == "child_id"
                and "date_of_birth" in parsed.columns]
    pairs: set[tuple[object, object]] = set()
    for parsed in relevant:
        pairs.update(zip(parsed.get("child_id"), parsed.columns["date_of_birth"], strict=True))
    dated = [child for child, born in pairs if child is not None and born is not None]
    if len(dated) == len(set(dated)):
        return
    seen: dict[object, tuple[object, str, int]] = {}
    for parsed in relevant:
        children, births = parsed.get("child_id"), parsed.columns["date_of_birth"]
        for position, (child, born) in enumerate(zip(children, births, strict=True)):
            if born is None or child is None:
                continue
            earlier = seen.setdefault(child, (born, parsed.sheet, parsed.rows[position]))
            if earlier[0] != born:
                _report_second_birth(result, parsed, position, earlier)


def _report_second_birth(result: CheckResult, parsed: ParsedList, position: int,
                         earlier: tuple[object, str, int]) -> None:
    """Names the two rows, never the child's ID or either date of birth."""
    row, (_, earlier_sheet, earlier_row) = parsed.rows[position], earlier
    where = (f"row {earlier_row}" if earlier_sheet == parsed.sheet
             else f"sheet “{earlier_sheet}”, row {earlier_row},")
    result.add(ERROR, parsed.sheet, row, "Date of Birth",
               f"The child on row {row} is also on {where} with a different date of birth "
               "(the same Child Unique ID). The same ID must mean the same child in every "
               "list (framework para 250): correct the ID or the date of birth.")


def _day(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


_SIBLINGS = re.compile(r"sibling|brother|sister", re.IGNORECASE)


@dataclass
class SheetCheck:
    """One sheet checked on its own: which list it is (if any), its typed columns and its
    problems. Sheets can be checked apart (even in another process) and then combined."""

    sheet: str
    list_key: str | None
    parsed: ParsedList | None
    result: CheckResult


def check_sheet(sheet: Sheet, period_end: date) -> SheetCheck:
    """Everything that can be checked within one sheet: headings, cells, dates, one row per
    child. The list is recognised by the sheet's name first, then by its headings."""
    result = CheckResult()
    if not sheet.headings and not sheet.rows:
        return SheetCheck(sheet.name, None, None, result)
    if _SIBLINGS.search(sheet.name):
        result.add(WARNING, sheet.name, None, None,
                   "This looks like the extra sheet of brothers and sisters for list 8 "
                   "(framework para 253). Inspectors use it; the figures do not, so it was "
                   "not read.")
        return SheetCheck(sheet.name, None, None, result)
    annex_list = list_for_sheet_name(sheet.name) or list_for_headings(sheet.headings)
    if annex_list is None:
        result.add(WARNING, sheet.name, None, None,
                   "This sheet is not one of the Annex A lists (its name and headings "
                   "match none of them), so it was not read.")
        return SheetCheck(sheet.name, None, None, result)
    parsed = parse_list(annex_list, sheet, result)
    _check_dates_in_range(parsed, period_end, result)
    _check_dates_in_order(parsed, result)
    _check_one_row_per_child(parsed, result)
    return SheetCheck(sheet.name, annex_list.key, parsed, result)


def combine_checks(checks: list[SheetCheck]) -> CheckResult:
    """The upload's result: every sheet's problems in order, then what only the whole
    upload shows (a list given twice or not at all, one ID for two children)."""
    result = CheckResult()
    if not any(check.list_key or check.result.problems for check in checks):
        result.add(ERROR, "(whole upload)", None, None,
                   "The upload is empty: no sheet has any headings or rows.")
        return result
    used: dict[str, str] = {}
    for check in checks:
        if check.list_key in used:
            label = LISTS_BY_KEY[check.list_key].label  # type: ignore[index]
            result.add(ERROR, check.sheet, None, None,
                       f"This sheet and sheet “{used[check.list_key]}” both look like "  # type: ignore[index]
                       f"{label}. Upload each list once.")
            continue
        _merge(result, check.result)
        if check.list_key and check.parsed is not None:
            used[check.list_key] = check.sheet
            result.lists[check.list_key] = check.parsed
    for annex_list in ANNEX_A_LISTS:
        if annex_list.key in used:
            continue
        if annex_list.optional or annex_list.number == 11:
            result.add(WARNING, "(whole upload)", None, None,
                       f"{annex_list.label} is not in the upload; the figures that use it "
                       "are left blank.")
        else:
            result.add(ERROR, "(whole upload)", None, None,
                       f"{annex_list.label} is missing: no sheet is named for it and no "
                       "sheet has its headings. Name the sheet “List "
                       f"{annex_list.number}” or “{annex_list.title}”.")
    _check_same_child_across_lists(result.lists.values(), result)
    return result


def _merge(into: CheckResult, part: CheckResult) -> None:
    into.errors.extend(part.errors[: PROBLEMS_LISTED - len(into.errors)])
    into.warnings.extend(part.warnings[: PROBLEMS_LISTED - len(into.warnings)])
    into.error_count += part.error_count
    into.warning_count += part.warning_count


def parse_list(annex_list: AnnexAList, sheet: Sheet, result: CheckResult) -> ParsedList:
    """The typed columns of one list, with every problem in it recorded."""
    positions = match_columns(annex_list, sheet.headings)
    absent = [column for column in annex_list.columns if column.key not in positions]
    for column in absent:
        if column.required:
            result.add(ERROR, sheet.name, None, column.heading,
                       f"The column “{column.heading}” is missing. Add it with this heading "
                       "(or a close variant); the figures need it.")
    optional = [column.heading for column in absent
                if not column.required and column.in_template]
    if optional:
        result.add(WARNING, sheet.name, None, None,
                   "These Annex A template columns are not in this sheet (the figures do not "
                   "need them): " + "; ".join(optional) + ".")
    rows = sheet.row_numbers or range(sheet.first_row, sheet.first_row + len(sheet.rows))
    parsed = ParsedList(annex_list, sheet.name, {}, rows)
    if not sheet.rows:
        result.add(WARNING, sheet.name, None, None,
                   f"{annex_list.label} has headings but no rows.")
    body = _rectangular(sheet.rows)
    width = len(body[0]) if body else 0
    for column in annex_list.columns:
        position = positions.get(column.key)
        if position is None or not _worth_reading(column):
            continue
        raw = list(map(itemgetter(position), body)) if position < width else [None] * len(rows)
        parsed.columns[column.key] = _read_column(column, raw, sheet.name, rows, result)
    return parsed


def _worth_reading(column: Column) -> bool:
    """Free text that may be blank (team and worker names) is neither checked nor used."""
    return column.kind is not Kind.TEXT or column.required or column.key == "family_id"


def _rectangular(rows: list[list[object]]) -> list[list[object]]:
    """The rows, with short ones (a CSV's ragged lines) padded with blanks."""
    widths = set(map(len, rows))
    if len(widths) <= 1:
        return rows
    width = max(widths)
    return [row + [None] * (width - len(row)) for row in rows]


def check_upload(sheets: list[Sheet], period_end: date) -> CheckResult:
    """Every check on an upload, before anything is stored (paras 246-253)."""
    return combine_checks([check_sheet(sheet, period_end) for sheet in sheets])
