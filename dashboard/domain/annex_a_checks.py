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

An error is kept for what makes the file unreadable or a figure wrong (no child ID, an
event date that does not exist, an event after the extraction date, a missing required
list or column); everything else real files hold (local codes, placeholders such as
"N/A", two dates of birth for one ID, work before birth, a blank or unreadable count, a
date of birth that is not a date, two rows for a child where the template asks for one)
is a warning, with its *kind* so that the result can say which indicators it touches
(``dashboard.domain.warning_impact``); a row whose count cannot be read is left out of
the figures that need that count, and each such figure says how many. *Notes* say what
was read in a way the user may not expect (the template's dropdown values read as their
codes, the template's own sheets passed over) and touch no figure. Every message names a
column by its heading as the file has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import compress
from operator import itemgetter, ne

from dashboard.domain.annex_a import (
    ANNEX_A_LISTS,
    LISTS_BY_KEY,
    TEMPLATE_GUIDANCE,
    AnnexAList,
    Column,
    Kind,
    is_template_dropdown_value,
    list_for_headings,
    list_for_sheet_name,
    match_columns,
    normalise,
)

ERROR = "error"
WARNING = "warning"
#: Said for the record; refuses nothing and touches no figure.
NOTE = "note"

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
    #: spreadsheet rows above the headings that hold something (a title, notes): not read
    skipped_rows: tuple[int, ...] = ()
    #: the spreadsheet row of the headings
    heading_row: int = 1


#: Kinds of warning, for ``dashboard.domain.warning_impact``.
LOCAL_CODES = "local_codes"
PLACEHOLDERS = "placeholders"
BIRTH_DATES_DIFFER = "birth_dates_differ"
BEFORE_BIRTH = "before_birth"
BIRTH_AFTER_EXTRACTION = "birth_after_extraction"
DATES_OUT_OF_ORDER = "dates_out_of_order"
BLANK = "blank"
MISSING_COLUMNS = "missing_columns"
MISSING_LIST = "missing_list"
NOT_READ = "not_read"
ROWS_ABOVE_HEADINGS = "rows_above_headings"
SECOND_ROW_FOR_CHILD = "second_row_for_child"
UNREADABLE = "unreadable"
#: Kinds of note.
DROPDOWN_VALUES = "dropdown_values"
TEMPLATE_SHEET = "template_sheet"
#: a file Excel encrypted with its built-in default password, read all the same
EXCEL_PROTECTION = "excel_protection"


@dataclass(frozen=True)
class Problem:
    """One problem. ``kind``, ``list_key`` and ``column_key`` say what it is about (for the
    indicators it touches); ``count`` is how many rows one problem stands for."""

    severity: str
    sheet: str
    row: int | None
    column: str | None
    message: str
    kind: str = ""
    list_key: str | None = None
    column_key: str | None = None
    count: int = 1
    #: the other list involved (two dates of birth for one ID)
    other_list_key: str | None = None


#: What a warning is about, for the tally: kind, list, column, other list.
WarningKey = tuple[str, str | None, str | None, str | None]


@dataclass(frozen=True)
class UnknownCodes:
    """The values of one coded column that are not DfE codes, for the user to map.

    ``values`` are (value as the file has it, rows) for the values that may be shown
    (see ``quotable_local_code``); ``hidden_rows`` counts the rows of values that may not.
    """

    list_key: str
    column_key: str
    sheet: str
    heading: str
    values: tuple[tuple[str, int], ...]
    hidden_rows: int = 0

    @property
    def rows(self) -> int:
        return sum(count for _, count in self.values) + self.hidden_rows


#: Local codes an LA has mapped to DfE codes: (list key, column key) -> normalised local
#: value -> DfE code.
LocalCodes = dict[tuple[str, str], dict[str, str]]


@dataclass
class ParsedList:
    """One list's typed columns (only the ones the file had), with spreadsheet rows."""

    annex_list: AnnexAList
    sheet: str
    columns: dict[str, list[object]]
    rows: Sequence[int]
    #: column key -> its heading as the file has it (every message quotes that)
    headings: dict[str, str] = field(default_factory=dict)
    #: column key -> spreadsheet rows whose cell could not be read (warned, read as blank)
    unreadable: dict[str, set[int]] = field(default_factory=dict)

    def heading(self, key: str) -> str:
        return self.headings.get(key) or self.annex_list.column(key).heading

    def unusable_rows(self, key: str) -> set[int]:
        """Spreadsheet rows whose ``key`` cell a figure cannot use: unreadable, or blank
        where the column may not be blank (for a column that may be, blank means none)."""
        rows = set(self.unreadable.get(key, ()))
        if key in self.columns and not self.annex_list.column(key).may_be_blank:
            rows.update(row for row, value in zip(self.rows, self.columns[key], strict=True)
                        if value is None)
        return rows

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
    notes: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    note_count: int = 0
    unknown_codes: list[UnknownCodes] = field(default_factory=list)
    #: rows whose local code was read through the LA's mapping
    mapped_rows: int = 0
    #: the latest event date in the file (dates of birth aside), to suggest as the
    #: extraction date
    latest_date: date | None = None
    #: rows behind every warning, listed or not, by what it is about
    warning_rows: dict[WarningKey, int] = field(default_factory=dict)
    #: the extraction date the template's Front_Sheet states, if it does
    stated_date: date | None = None

    @property
    def accepted(self) -> bool:
        return self.error_count == 0

    @property
    def problems(self) -> list[Problem]:
        return self.errors + self.warnings + self.notes

    def add(self, severity: str, sheet: str, row: int | None, column: str | None,
            message: str, kind: str = "", list_key: str | None = None,
            column_key: str | None = None, count: int = 1,
            other_list_key: str | None = None) -> None:
        if severity == ERROR:
            self.error_count += 1
            kept = self.errors
        elif severity == NOTE:
            self.note_count += 1
            kept = self.notes
        else:
            self.warning_count += 1
            kept = self.warnings
            key = (kind, list_key, column_key, other_list_key)
            self.warning_rows[key] = self.warning_rows.get(key, 0) + count
        if len(kept) < PROBLEMS_LISTED:
            kept.append(Problem(severity, sheet, row, column, message, kind, list_key,
                                column_key, count, other_list_key))

    @property
    def problems_not_listed(self) -> int:
        return (self.error_count + self.warning_count + self.note_count - len(self.errors)
                - len(self.warnings) - len(self.notes))


class _Bad:
    """A cell that could not be read as its column's type; carries the reason."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s.*)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$")
_D_MON_Y = re.compile(r"^(\d{1,2})[\s\-/]([A-Za-z]{3,9})[\s\-/](\d{4})$")
#: Month names and their short forms, as dates are written in words, to month numbers.
MONTH_NUMBERS = {
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


#: Cells real files hold for "no value" (the template's lookups give "#N/A"): read as
#: blank, with one warning per column. Compared trimmed and in any case. (calamine reads
#: Excel's own error cells as empty already; these are the same words typed as text.)
PLACEHOLDER_TEXTS = frozenset({
    "#n/a", "n/a", "-", "not recorded", "#ref!", "#value!", "#div/0!", "#name?", "#null!",
    "#num!", "#getting_data", "#spill!", "#calc!",
})


class _Placeholder:
    """The type of PLACEHOLDER alone, so that a column's set of types tells whether it
    holds one."""

    __slots__ = ()


#: A placeholder cell, once read (it becomes a blank).
PLACEHOLDER = _Placeholder()


def is_placeholder(text: str) -> bool:
    return text.strip().casefold() in PLACEHOLDER_TEXTS


def read_date(value: object) -> date | _Bad | object | None:
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
        if text.casefold() in PLACEHOLDER_TEXTS:
            return PLACEHOLDER
        for pattern, order in ((_DMY, (3, 2, 1)), (_ISO, (1, 2, 3))):
            found = pattern.match(text)
            if found:
                year, month, day = (int(found.group(i)) for i in order)
                try:
                    return date(year, month, day)
                except ValueError:
                    return _Bad(NOT_A_REAL_DATE)
        found = _D_MON_Y.match(text)
        if found and found.group(2).lower() in MONTH_NUMBERS:
            try:
                return date(int(found.group(3)), MONTH_NUMBERS[found.group(2).lower()],
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


def read_whole_number(value: object) -> int | _Bad | object | None:
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
        if text.casefold() in PLACEHOLDER_TEXTS:
            return PLACEHOLDER
        try:
            number = int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else None
        except ValueError:
            number = None
        if number is None:
            return _Bad(NOT_A_WHOLE_NUMBER)
    if number < 0:  # type: ignore[operator]
        return _Bad(COUNT_BELOW_ZERO)
    return number  # type: ignore[return-value]


def read_number(value: object) -> float | _Bad | object | None:
    if type(value) in (int, float) and not isinstance(value, bool):
        number = float(value)  # type: ignore[arg-type]
    elif value is None or (isinstance(value, str) and not value.strip()):
        return None
    else:
        text = str(value).strip()
        if text.casefold() in PLACEHOLDER_TEXTS:
            return PLACEHOLDER
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


_CODE_WITH_MEANING = re.compile(
    r"^(?:[a-z]{1,2}\)\s*)?[A-Z0-9]{1,8}\s*[:\-\u2013]\s+[A-Za-z][A-Za-z ,'/&()]*$")
_WORDS = re.compile(r"^[A-Za-z][A-Za-z ,'/&()\-]*$")
#: A value made of words alone is shown only when this many rows hold it: a code list's
#: wording recurs, while a name typed into the wrong column would not.
WORDS_SHOWN_FROM_ROWS = 3


def quotable_local_code(text: str, rows: int) -> bool:
    """Whether a value that is not a DfE code may be shown back, to be mapped.

    Shown: what ``quotable_code`` allows; a code with its meaning ("PSRMEM - Support with
    memory", "q) 6: Police"), whose meaning has no digits; and words alone ("CS Assessment
    Updated") held by at least WORDS_SHOWN_FROM_ROWS rows. Never an identifier, a date
    or a number, nor a name typed once or twice into a code column.
    """
    if len(text) > 80:
        return False
    if quotable_code(text) is not None or _CODE_WITH_MEANING.match(text):
        return True
    return rows >= WORDS_SHOWN_FROM_ROWS and bool(_WORDS.match(text))


@dataclass
class _CodesRead:
    """What reading a coded column found besides its values."""

    unknown: list[int] = field(default_factory=list)
    mapped_rows: int = 0
    #: the template's dropdown values met (as the file has them) -> the DfE code read
    dropdown: dict[str, str] = field(default_factory=dict)
    #: the distinct cells that hold one of them
    dropdown_cells: set[object] = field(default_factory=set)


def _read_codes(column: Column, raw: Sequence[object],
                local: dict[str, str]) -> tuple[list[object], _CodesRead]:
    """Codes for a coded column, each distinct cell looked up once: by the DfE code set
    (which reads the template's dropdown values, "a) Male", as their codes), then the LA's
    own mapping. Also the positions of unknown values, how many rows the mapping read and
    which dropdown values were read."""
    code_set = column.code_set
    if code_set is None:
        raise RuntimeError(f"The coded column {column.key} has no code set")
    lookup: dict[object, object] = {}
    mapped: set[object] = set()
    read = _CodesRead()
    for cell in set(raw):
        text = read_text(cell)
        if text is None:
            lookup[cell] = None
            continue
        found = code_set.canonical(text)
        if found is not None and is_template_dropdown_value(text):
            read.dropdown[text] = found
            read.dropdown_cells.add(cell)
        if found is None and local:
            found = local.get(normalise(text))
            if found is not None:
                mapped.add(cell)
        if found is None:
            found = PLACEHOLDER if text.casefold() in PLACEHOLDER_TEXTS else _UNKNOWN
        lookup[cell] = found
    values = list(map(lookup.__getitem__, raw))
    read.mapped_rows = sum(1 for cell in raw if cell in mapped) if mapped else 0
    if _UNKNOWN not in lookup.values():
        return values, read
    read.unknown = [position for position, value in enumerate(values) if value is _UNKNOWN]
    for position in read.unknown:
        values[position] = None
    return values, read


_UNKNOWN = object()


@dataclass(frozen=True)
class _Where:
    """Where a column's values came from: for messages and for the impact of warnings."""

    sheet: str
    list_key: str
    heading: str
    rows: Sequence[int]


def _read_column(column: Column, raw: Sequence[object], where: _Where, result: CheckResult,
                 local: dict[str, str] | None = None,
                 unreadable: set[int] | None = None) -> list[object]:
    """Typed values for one column; every unreadable or missing value becomes a problem.
    The positions of cells that could not be read and were only warned about (counts,
    dates of birth) are added to ``unreadable``."""
    unknown: list[int] = []
    if column.kind is Kind.CODE:
        values, codes = _read_codes(column, raw, local or {})
        unknown = codes.unknown
        result.mapped_rows += codes.mapped_rows
        if codes.dropdown:
            _note_dropdown_values(codes, raw, where, column.key, result)
    elif column.kind is Kind.DATE:
        # a date, or an empty cell (calamine gives ""), without a call
        values = [cell if type(cell) is date else None if cell == "" or cell is None
                  else read_date(cell) for cell in raw]
    elif column.kind is Kind.INTEGER:
        values = [int(cell) if type(cell) is float and cell >= 0 and cell.is_integer()  # type: ignore[operator,union-attr]
                  else read_whole_number(cell) for cell in raw]
    elif column.kind is Kind.NUMBER:
        # the common case, a number of zero or more, without a call (not NaN: NaN >= 0
        # is False)
        values = [cell if type(cell) is float and cell >= 0 else read_number(cell)  # type: ignore[operator]
                  for cell in raw]
    else:
        values = [(cell.strip() or None) if type(cell) is str else read_text(cell)
                  for cell in raw]
        # values are text or None here: the test runs in C, row by row
        if not PLACEHOLDER_TEXTS.isdisjoint(map(str.casefold, filter(None, values))):  # type: ignore[arg-type]
            values = [PLACEHOLDER if type(value) is str
                      and value.casefold() in PLACEHOLDER_TEXTS else value  # type: ignore[union-attr]
                      for value in values]
    # the types the column holds, found in one pass in C: whether it has a placeholder,
    # a blank or a cell that could not be read is then a set lookup rather than a search
    # of every value
    types = set(map(type, values))
    placeholders = _blank_the_placeholders(values) if _Placeholder in types else []
    if placeholders:
        _warn_placeholders(column, raw, placeholders, where, result)
    sheet, rows, heading = where.sheet, where.rows, where.heading
    counted = column.kind in (Kind.INTEGER, Kind.NUMBER)
    if not column.may_be_blank and (placeholders or type(None) in types):
        # a blank count leaves its row out of the figures that need it; a blank ID or
        # event date would make a figure wrong
        blank_severity = ERROR if column.required and not counted else WARNING
        left_out = LEFT_OUT if counted else ""
        placeheld = set(placeholders)
        for position, value in enumerate(values):
            if value is None and (raw[position] in (None, "") or position in placeheld):
                empty = ("This cell is empty" if position not in placeheld else
                         "This cell holds a placeholder for a missing value")
                result.add(blank_severity, sheet, rows[position], heading,
                           (f"{empty}, so the count is not known." + left_out) if counted
                           else f"{empty}; it must be filled in.", BLANK, where.list_key,
                           column.key)
    if column.kind in (Kind.DATE, Kind.INTEGER, Kind.NUMBER) and _Bad in types:
        only_warn = counted or column.key == "date_of_birth"
        for position, value in enumerate(values):
            if type(value) is _Bad:
                reason: str = value.reason  # type: ignore[union-attr]
                if only_warn:
                    result.add(WARNING, sheet, rows[position], heading,
                               reason + (LEFT_OUT if counted else AGE_FROM_COLUMN),
                               UNREADABLE, where.list_key, column.key)
                    if unreadable is not None:
                        unreadable.add(position)
                else:
                    result.add(ERROR, sheet, rows[position], heading, reason)
                values[position] = None
    if unknown:
        _report_unknown_codes(column, raw, unknown, where, result)
    return values


#: Said of a count that cannot be read, and of a date of birth.
LEFT_OUT = (" This row is left out of the figures that need this column; each says how "
            "many rows it left out.")
AGE_FROM_COLUMN = (" The row's age is taken from its age column where there is one; without "
                   "it the row is left out of the figures that need an age.")


def _note_dropdown_values(codes: _CodesRead, raw: Sequence[object], where: _Where,
                          column_key: str, result: CheckResult) -> None:
    """One note for the column: the template's dropdown values were read as their codes.
    Only values that matched a DfE code set are quoted (never a cell that could be a
    name or an ID)."""
    dropdown = codes.dropdown
    rows = sum(map(codes.dropdown_cells.__contains__, raw))  # the rows counted in C
    examples = sorted(dropdown.items())[:4]
    more = len(dropdown) - len(examples)
    result.add(NOTE, where.sheet, None, where.heading,
               f"{rows:,} cell(s) hold the Annex A template's dropdown values ("
               + ", ".join(f"“{text}” read as {code}" for text, code in examples)
               + (f", and {more} more" if more > 0 else "")
               + "); each was read as the DfE code it stands for.", DROPDOWN_VALUES,
               where.list_key, column_key, rows)


def _blank_the_placeholders(values: list[object]) -> list[int]:
    """Placeholder cells made blank; their positions."""
    found = [position for position, value in enumerate(values) if value is PLACEHOLDER]
    for position in found:
        values[position] = None
    return found


def _warn_placeholders(column: Column, raw: Sequence[object], positions: list[int],
                       where: _Where, result: CheckResult) -> None:
    """One warning for the column: how many cells, and which placeholders (never a cell
    that is not one)."""
    seen = sorted({str(raw[position]).strip() for position in positions})
    result.add(WARNING, where.sheet, None, where.heading,
               f"{len(positions):,} cell(s) hold a placeholder for a missing value ("
               + ", ".join(f"“{text}”" for text in seen[:5])
               + "); they are read as blank.", PLACEHOLDERS, where.list_key, column.key,
               len(positions))


def _report_unknown_codes(column: Column, raw: Sequence[object], unknown: list[int],
                          where: _Where, result: CheckResult) -> None:
    """One warning for the column, with each distinct local value and its rows (only
    values that may be shown are named); the values are kept for the mapping form."""
    code_set = column.code_set
    if code_set is None:
        raise RuntimeError(f"The coded column {column.key} has no code set")
    counts: dict[str, int] = {}
    for position in unknown:
        text = read_text(raw[position]) or ""
        counts[text] = counts.get(text, 0) + 1
    shown = tuple(sorted(((text, count) for text, count in counts.items()
                          if quotable_local_code(text, count)), key=lambda item: item[0]))
    hidden = len(unknown) - sum(count for _, count in shown)
    result.unknown_codes.append(UnknownCodes(where.list_key, column.key, where.sheet,
                                             where.heading, shown, hidden))
    named = "; ".join(f"“{text}” ({count:,} row{'s' if count > 1 else ''})"
                      for text, count in shown)
    parts = [f"{len(unknown):,} row(s) hold codes that are not DfE codes for this column"
             + (f": {named}" if named else "") + "."]
    if hidden:
        parts.append(f"{hidden:,} row(s) hold other values, not shown because they do not "
                     "look like codes (they could identify a child).")
    examples = ", ".join(list(code_set.codes)[:6])
    parts.append(f"DfE codes for this column include {examples}. Framework para 248 lets an "
                 "authority use its own codes if it explains them: map each to a DfE code, "
                 "or correct it. Until then these rows count as blank in the figures.")
    result.add(WARNING, where.sheet, None, where.heading, " ".join(parts), LOCAL_CODES,
               where.list_key, column.key, len(unknown))


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
        earlier_heading, later_heading = parsed.heading(earlier_key), parsed.heading(later_key)
        for row, earlier, later in zip(parsed.rows, parsed.columns[earlier_key],
                                       parsed.columns[later_key], strict=True):
            if earlier is not None and later is not None and later < earlier:  # type: ignore[operator]
                result.add(severity, parsed.sheet, row, later_heading,
                           f"This date is before the {earlier_heading.strip().lower()} on "
                           "the same row; check both dates.", DATES_OUT_OF_ORDER,
                           annex_list.key, later_key)


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
    list_key = parsed.annex_list.key
    for column in parsed.annex_list.columns:
        values = parsed.columns.get(column.key)
        if column.kind is not Kind.DATE or values is None:
            continue
        heading = parsed.heading(column.key)
        is_birth = column.key == "date_of_birth"
        check_birth = births is not None and not is_birth
        for position, value in enumerate(values):
            if value is None:
                continue
            if value > period_end:  # type: ignore[operator]
                if is_birth:
                    result.add(WARNING, parsed.sheet, parsed.rows[position], heading,
                               "The date of birth is after the date the lists were "
                               f"extracted ({_day(period_end)}): check it, unless it is an "
                               "unborn child's expected date of birth.",
                               BIRTH_AFTER_EXTRACTION, list_key, column.key)
                else:
                    result.add(ERROR, parsed.sheet, parsed.rows[position], heading,
                               "This date is after the date the lists were extracted "
                               f"({_day(period_end)}).")
            elif value < EARLIEST_DATE:  # type: ignore[operator]
                result.add(ERROR, parsed.sheet, parsed.rows[position], heading,
                           ("The date of birth" if is_birth else "This date")
                           + " is before 1900; check the year.")
            elif check_birth:
                born = births[position]  # type: ignore[index]
                if born is not None and value < born:  # type: ignore[operator]
                    result.add(WARNING, parsed.sheet, parsed.rows[position], heading,
                               "This date is before the child's date of birth on the same "
                               "row: check it, unless the child was unborn then.",
                               BEFORE_BIRTH, list_key, column.key)


def _keep_most_recent_row_per_child(parsed: ParsedList, result: CheckResult) -> None:
    """Where the template asks for one entry per child (lists 6 to 10: "their most recent"
    episode, plan or period of care; framework para 251, "where possible"), a second row
    for a child is a warning naming both rows, and only the most recent row is kept for
    the figures: the later date in the list's ``most_recent_by`` columns, in order, or
    the later row when they do not tell. Lists 1 to 5 hold a row per event, so a child
    may be on them many times."""
    annex_list = parsed.annex_list
    if not annex_list.one_row_per_child:
        return
    children = parsed.get(annex_list.person_key)
    named = list(filter(None, children))  # an ID is text; a blank is None
    if len(set(named)) == len(named):
        return  # no child has two rows
    kept: dict[object, int] = {}
    dropped: set[int] = set()
    heading = parsed.heading(annex_list.person_key).strip()
    for position, child in enumerate(children):
        if child is None:
            continue
        earlier = kept.setdefault(child, position)
        if earlier == position:
            continue
        later_is_newer, decided_by = _more_recent(parsed, position, earlier)
        newer, older = (position, earlier) if later_is_newer else (earlier, position)
        kept[child] = newer
        dropped.add(older)
        why = (f"it has the later {parsed.heading(decided_by).strip()}" if decided_by
               else "it is the later row and the dates do not tell which is more recent")
        result.add(WARNING, parsed.sheet, parsed.rows[position], heading,
                   f"The child on row {parsed.rows[position]} is also on row "
                   f"{parsed.rows[earlier]} (the same {heading}). {annex_list.label} takes "
                   f"one entry per child, about the most recent event ({TEMPLATE_GUIDANCE}; "
                   f"framework para 251). The figures use row {parsed.rows[newer]}, because "
                   f"{why}, and leave row {parsed.rows[older]} out.",
                   SECOND_ROW_FOR_CHILD, annex_list.key, annex_list.person_key)
    if dropped:
        _drop_positions(parsed, dropped)


def _more_recent(parsed: ParsedList, later: int, earlier: int) -> tuple[bool, str | None]:
    """Whether the row at ``later`` is the child's more recent, and the column that told
    (None when no date tells: the later row wins)."""
    for key in parsed.annex_list.most_recent_by:
        values = parsed.columns.get(key)
        if values is None:
            continue
        new, old = values[later], values[earlier]
        if new is not None and old is not None and new != old:
            return new > old, key  # type: ignore[operator]
    return True, None


def _drop_positions(parsed: ParsedList, dropped: set[int]) -> None:
    """Take rows out of a parsed list, every column alike."""
    keep = [position not in dropped for position in range(len(parsed.rows))]
    parsed.rows = [row for row, wanted in zip(parsed.rows, keep, strict=True) if wanted]
    for key, values in parsed.columns.items():
        parsed.columns[key] = [value for value, wanted in zip(values, keep, strict=True)
                               if wanted]


def _check_same_child_across_lists(lists: Iterable[ParsedList], result: CheckResult) -> None:
    """One child ID is one child in every list (para 250): the date of birth should agree.

    Real files do disagree (a date corrected in one system and not another), and no
    figure is wrong for it: each indicator that needs an age takes the date of birth on
    the list it is computed from. So this is a warning naming the rows.

    This runs over every row of every list, so it first asks, with set operations,
    whether any child has two dates at all, and finds where only when one does.
    """
    relevant = [parsed for parsed in lists if parsed.annex_list.person_key == "child_id"
                and "date_of_birth" in parsed.columns]
    if _one_date_of_birth_per_child(relevant):
        return
    seen: dict[object, tuple[object, str, int, str]] = {}
    for parsed in relevant:
        children, births = parsed.get("child_id"), parsed.columns["date_of_birth"]
        for position, (child, born) in enumerate(zip(children, births, strict=True)):
            if born is None or child is None:
                continue
            earlier = seen.setdefault(child, (born, parsed.sheet, parsed.rows[position],
                                              parsed.annex_list.key))
            if earlier[0] != born:
                _report_second_birth(result, parsed, position, earlier)


def _one_date_of_birth_per_child(relevant: list[ParsedList]) -> bool:
    """Whether no child ID has two dates of birth across ``relevant``: every row's date
    of birth equals the one remembered for its ID (the last given). Done in C with
    compress, map and dict.get, since it runs over every row of every list."""
    dated = []
    for parsed in relevant:
        births = parsed.columns["date_of_birth"]
        # the rows that give a date of birth (a date is true, a blank None)
        dated.append((list(compress(parsed.get("child_id"), births)),
                      list(compress(births, births))))
    remembered: dict[object, object] = {}
    for children, born in dated:
        remembered.update(zip(children, born, strict=True))
    remembered.pop(None, None)  # a row with no ID is no child: it gets its own date back
    return not any(any(map(ne, born, map(remembered.get, children, born)))
                   for children, born in dated)


def _report_second_birth(result: CheckResult, parsed: ParsedList, position: int,
                         earlier: tuple[object, str, int, str]) -> None:
    """Names the two rows, never the child's ID or either date of birth."""
    row, (_, earlier_sheet, earlier_row, earlier_list) = parsed.rows[position], earlier
    where = (f"row {earlier_row}" if earlier_sheet == parsed.sheet
             else f"sheet “{earlier_sheet}”, row {earlier_row},")
    result.add(WARNING, parsed.sheet, row, parsed.heading("date_of_birth"),
               f"The child on row {row} is also on {where} with a different date of birth "
               f"(the same {parsed.heading('child_id').strip()}). The same ID should mean the "
               "same child in every list (framework para 250): correct the ID or the date "
               "of birth. Each figure that needs an age uses the date of birth on the list "
               "it is computed from.", BIRTH_DATES_DIFFER, parsed.annex_list.key,
               "date_of_birth", other_list_key=earlier_list)


def _day(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


_SIBLINGS = re.compile(r"sibling|brother|sister", re.IGNORECASE)
#: The Annex A template's sheets that are not lists (its Front_Sheet is read for the date).
TEMPLATE_OWN_SHEETS = frozenset({"faq and changes", "guidance", "codes used"})


def _rows_text(rows: tuple[int, ...]) -> str:
    if len(rows) == 1:
        return f"Row {rows[0]}"
    if list(rows) == list(range(rows[0], rows[-1] + 1)):
        return f"Rows {rows[0]} to {rows[-1]}"
    return "Rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
#: The Annex A template's first sheet, where the LA states when the data was extracted.
FRONT_SHEET = "front sheet"


@dataclass
class SheetCheck:
    """One sheet checked on its own: which list it is (if any), its typed columns and its
    problems. Sheets can be checked apart (even in another process) and then combined."""

    sheet: str
    list_key: str | None
    parsed: ParsedList | None
    result: CheckResult


def check_sheet(sheet: Sheet, period_end: date,
                local_codes: LocalCodes | None = None) -> SheetCheck:
    """Everything that can be checked within one sheet: headings, cells, dates, one row per
    child. The list is recognised by the sheet's name first, then by its headings.
    ``local_codes`` are the LA's own codes mapped to DfE codes."""
    result = CheckResult()
    if not sheet.headings and not sheet.rows:
        return SheetCheck(sheet.name, None, None, result)
    if normalise(sheet.name) in TEMPLATE_OWN_SHEETS:
        result.add(NOTE, sheet.name, None, None,
                   f"This is the Annex A template's own “{sheet.name}” sheet, not a list, "
                   "so it was not read.", TEMPLATE_SHEET)
        return SheetCheck(sheet.name, None, None, result)
    if normalise(sheet.name) == FRONT_SHEET:  # the template's own: no list, no warning
        from dashboard.domain.extraction_date import date_on_front_sheet  # (imports this)

        result.stated_date = date_on_front_sheet([sheet.headings, *sheet.rows])
        return SheetCheck(sheet.name, None, None, result)
    if _SIBLINGS.search(sheet.name):
        result.add(WARNING, sheet.name, None, None,
                   "This looks like the extra sheet of brothers and sisters for list 8 "
                   "(framework para 253). Inspectors use it; the figures do not, so it was "
                   "not read.", NOT_READ)
        return SheetCheck(sheet.name, None, None, result)
    annex_list = list_for_sheet_name(sheet.name) or list_for_headings(sheet.headings)
    if annex_list is None:
        result.add(WARNING, sheet.name, None, None,
                   "This sheet is not one of the Annex A lists (its name and headings "
                   "match none of them), so it was not read.", NOT_READ)
        return SheetCheck(sheet.name, None, None, result)
    if sheet.skipped_rows:
        result.add(WARNING, sheet.name, None, None,
                   f"{_rows_text(sheet.skipped_rows)} above the headings (on row "
                   f"{sheet.heading_row}) {'was' if len(sheet.skipped_rows) == 1 else 'were'}"
                   " not read: the template's title row, or notes. Every row below the "
                   "headings was read.", ROWS_ABOVE_HEADINGS, annex_list.key)
    parsed = parse_list(annex_list, sheet, result, local_codes)
    result.latest_date = latest_event_date(parsed)
    _check_dates_in_range(parsed, period_end, result)
    _check_dates_in_order(parsed, result)
    _keep_most_recent_row_per_child(parsed, result)
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
                       "are left blank.", MISSING_LIST, annex_list.key)
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
    into.notes.extend(part.notes[: PROBLEMS_LISTED - len(into.notes)])
    into.error_count += part.error_count
    into.warning_count += part.warning_count
    into.note_count += part.note_count
    into.unknown_codes.extend(part.unknown_codes)
    for key, rows in part.warning_rows.items():
        into.warning_rows[key] = into.warning_rows.get(key, 0) + rows
    into.mapped_rows += part.mapped_rows
    if part.latest_date and (into.latest_date is None or part.latest_date > into.latest_date):
        into.latest_date = part.latest_date
    if into.stated_date is None:
        into.stated_date = part.stated_date


def latest_event_date(parsed: ParsedList) -> date | None:
    """The latest date in a list, dates of birth aside: the lists were extracted on or
    after it, so it is the date to suggest when the user does not know the extraction
    date."""
    latest: date | None = None
    for key, values in parsed.columns.items():
        if key == "date_of_birth" or parsed.annex_list.column(key).kind is not Kind.DATE:
            continue
        top = max(filter(None, values), default=None)  # type: ignore[type-var]
        if top is not None and (latest is None or top > latest):  # type: ignore[operator]
            latest = top  # type: ignore[assignment]
    return latest


def parse_list(annex_list: AnnexAList, sheet: Sheet, result: CheckResult,
               local_codes: LocalCodes | None = None) -> ParsedList:
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
                   "These Annex A template columns are not in this sheet: "
                   + "; ".join(optional) + ". Every figure can be worked out without them; "
                   "a figure that uses one when it is there says in its note what it did "
                   "without it.", MISSING_COLUMNS, annex_list.key)
    rows = sheet.row_numbers or range(sheet.first_row, sheet.first_row + len(sheet.rows))
    headings = {key: sheet.headings[position] for key, position in positions.items()}
    parsed = ParsedList(annex_list, sheet.name, {}, rows, headings)
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
        where = _Where(sheet.name, annex_list.key, parsed.heading(column.key), rows)
        local = (local_codes or {}).get((annex_list.key, column.key))
        unreadable: set[int] = set()
        parsed.columns[column.key] = _read_column(column, raw, where, result, local,
                                                  unreadable)
        if unreadable:
            parsed.unreadable[column.key] = {rows[position] for position in unreadable}
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


def check_upload(sheets: list[Sheet], period_end: date,
                 local_codes: LocalCodes | None = None) -> CheckResult:
    """Every check on an upload, before anything is stored (paras 246-253)."""
    return combine_checks([check_sheet(sheet, period_end, local_codes) for sheet in sheets])
