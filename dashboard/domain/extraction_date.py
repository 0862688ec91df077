"""The date the Annex A lists were extracted: where to find it, and when to ask again.

Every Annex A figure is counted back from the day the lists were extracted (the "point of
inspection" of framework para 249; contacts and referrals in the six months before it, as
Ofsted's Annex A template asks, plans open on it). A wrong date moves every window, so
the app proposes the date the files themselves give and asks before storing figures under
a date far from what the lists hold:

1. the template's Front_Sheet, where the LA records when the data was extracted (a label
   such as "Date of extract" or "Data as at" with the date beside or below it);
2. else a date in a file's name ("annex-a-2025-03-31.xlsx"), read day first as the UK
   writes dates;
3. else the latest event date in the lists, dates of birth aside (the lists were
   extracted on or after the last thing they record).

Pure rules: no web, no database. Nothing here ever quotes a cell of a list: the only
values read are a Front_Sheet's date and a file's name, which the user sees anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.domain.annex_a_checks import MONTH_NUMBERS, read_date

#: A chosen date more than this many days after the latest event in the lists is asked
#: about before anything is stored.
DAYS_AFTER_LATEST_EVENT = 31

#: The two rules in words, for the definitions page.
PROPOSAL_RULE = (
    "The extraction date proposed after the check comes from the workbook's Front_Sheet "
    "(a label such as “Date of extract” or “Data as at” with the date beside or below "
    "it), else from a date in a file's name (31-03-2025, 2025-03-31, 20250331 or "
    "“31 March 2025”, read day first; a name with two dates or an impossible one gives "
    "none), else the latest event date in the lists, dates of birth aside."
)
CONFIRMATION_RULE = (
    f"A chosen date more than {DAYS_AFTER_LATEST_EVENT} days after the latest event in the "
    "lists, or before it, is asked about before anything is stored, showing both dates; "
    "nothing is stored until the person answers yes."
)

#: Dates outside these years are not taken for an extraction date (a number beside a
#: label, such as an LA code, would otherwise read as a date in 1901).
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099

_MONTH_NAMES = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_SEP = r"[-_. /]"
#: 2025-03-31, 2025_03_31, 2025.03.31 (the same separator twice)
_YEAR_FIRST = re.compile(rf"(?<!\d)(\d{{4}})({_SEP})(\d{{1,2}})\2(\d{{1,2}})(?!\d)")
#: 31-03-2025, 31.03.2025, 31_03_2025, 31/03/2025: day first
_DAY_FIRST = re.compile(rf"(?<!\d)(\d{{1,2}})({_SEP})(\d{{1,2}})\2(\d{{4}})(?!\d)")
#: a file's extension (".xlsx")
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
#: 20250331 (or 31032025: taken only when it cannot be read the other way)
_EIGHT_DIGITS = re.compile(r"(?<!\d)(\d{8})(?!\d)")
#: 31 March 2025, 31st Mar 2025, 31-Mar-2025
_DAY_MONTH_NAME = re.compile(
    rf"(?<![\dA-Za-z])(\d{{1,2}})(?:st|nd|rd|th)?[-_. ]*({_MONTH_NAMES})[-_. ,]*(\d{{4}})(?!\d)",
    re.IGNORECASE)


def _real(year: int, month: int, day: int) -> date | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dates_in(text: str) -> tuple[set[date], bool]:
    """Every date ``text`` spells out, and whether it holds a date-shaped part that is no
    real date (31-02-2025) or reads two ways (an eight-digit run valid both ways)."""
    found: set[date] = set()
    impossible = False
    taken: list[tuple[int, int]] = []

    def keep(day: date | None, span: tuple[int, int]) -> None:
        nonlocal impossible
        taken.append(span)
        if day is None:
            impossible = True
        else:
            found.add(day)

    def free(span: tuple[int, int]) -> bool:
        return not any(start < span[1] and span[0] < end for start, end in taken)

    for match in _YEAR_FIRST.finditer(text):
        keep(_real(int(match[1]), int(match[3]), int(match[4])), match.span())
    for match in _DAY_FIRST.finditer(text):
        if free(match.span()):
            keep(_real(int(match[4]), int(match[3]), int(match[1])), match.span())
    for match in _DAY_MONTH_NAME.finditer(text):
        if free(match.span()):
            keep(_real(int(match[3]), MONTH_NUMBERS[match[2].lower()], int(match[1])), match.span())
    for match in _EIGHT_DIGITS.finditer(text):
        if not free(match.span()):
            continue
        digits = match[1]
        year_first = _real(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        day_first = _real(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
        readings = {day for day in (year_first, day_first) if day is not None}
        if len(readings) == 1:
            keep(readings.pop(), match.span())
        elif len(readings) > 1:
            impossible = True  # ambiguous: 20121110 is 10 November 2012 or 20 December 1110
            taken.append(match.span())
    return found, impossible


def date_in_file_name(name: str) -> date | None:
    """The date a file's name gives, or None when it gives none, or more than one, or one
    that cannot be a real date.

    Read: ISO 2025-03-31 (also with _ or . between), day first 31-03-2025, 31.03.2025,
    31_03_2025 and 31/03/2025 (the UK order), 20250331, and "31 March 2025" (or "31 Mar
    2025"). A name with two different dates, or an impossible one (31-02-2025), gives
    None: the app never guesses which was meant.
    """
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = _EXTENSION.sub("", stem)  # ".xlsx", never the ".2025" of "31.03.2025"
    found, impossible = _dates_in(stem)
    if impossible or len(found) != 1:
        return None
    return found.pop()


#: Labels on a Front_Sheet that name the extraction date, best first: a label saying
#: "extract" is taken over one saying "as at", over "data date", over "request".
_LABELS = (
    re.compile(r"\bextract", re.IGNORECASE),
    re.compile(r"\bas\s+at\b", re.IGNORECASE),
    re.compile(r"\bdata\s+date\b|\bdate\s+of\s+(?:the\s+)?data\b", re.IGNORECASE),
    re.compile(r"\brequest", re.IGNORECASE),
)
#: How far to the right of a label (past blank cells) its date may be.
_CELLS_TO_THE_RIGHT = 4


def _a_date(cell: object) -> date | None:
    """An Excel date cell, a serial number or UK-style text, in a plausible year."""
    if isinstance(cell, bool):
        return None
    value = read_date(cell)
    if isinstance(value, date) and EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return value
    return None


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _beside(rows: Sequence[Sequence[object]], row: int, column: int) -> date | None:
    """The date to the right of a label (past blank cells), else just below it."""
    cells = rows[row]
    for position in range(column + 1, min(len(cells), column + 1 + _CELLS_TO_THE_RIGHT)):
        if _blank(cells[position]):
            continue
        found = _a_date(cells[position])
        if found is not None:
            return found
        break  # another value comes first: that is what the label labels
    for below in rows[row + 1:row + 3]:
        if column < len(below) and not _blank(below[column]):
            return _a_date(below[column])
    return None


def date_on_front_sheet(rows: Iterable[Sequence[object]]) -> date | None:
    """The extraction date the template's Front_Sheet states, or None.

    ``rows`` are the sheet's rows as the reader found them (``[sheet.headings] +
    sheet.rows``). A label cell mentioning the extraction or data date ("Date of
    extract", "Data extracted on", "Data as at", "Date of request") is looked for, and
    the date in the cell to its right (past blank cells) or below it: an Excel date cell,
    an Excel serial or UK text, read by ``read_date``. A label that holds its own date
    ("Data as at 31/03/2025") counts too. Labels about extraction are preferred over
    "as at", then "data date", then "request".
    """
    grid = [list(row) for row in rows]
    best: tuple[int, date] | None = None
    for row_index, cells in enumerate(grid):
        for column, cell in enumerate(cells):
            if not isinstance(cell, str) or len(cell) > 200:
                continue
            rank = next((rank for rank, label in enumerate(_LABELS) if label.search(cell)),
                        None)
            if rank is None or (best is not None and best[0] <= rank):
                continue
            found = _beside(grid, row_index, column)
            if found is None:
                inside, impossible = _dates_in(cell)
                found = inside.pop() if len(inside) == 1 and not impossible else None
            if found is not None:
                best = (rank, found)
    return best[1] if best else None


@dataclass(frozen=True)
class ProposedDate:
    """The extraction date the files point to, and where it came from, in words."""

    day: date
    source: str


def _uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def propose_extraction_date(front_sheet: date | None, file_names: Sequence[str],
                            latest_event: date | None) -> ProposedDate | None:
    """The date to propose: the Front_Sheet's, then a file name's, then the latest event
    in the lists (dates of birth aside); None when the files give none.

    File names that give different dates are passed over (the app never guesses which).
    """
    if front_sheet is not None:
        return ProposedDate(front_sheet, "the date on the workbook's Front_Sheet")
    named = {name: day for name in file_names if (day := date_in_file_name(name)) is not None}
    if named and len(set(named.values())) == 1:
        name, day = next(iter(named.items()))
        return ProposedDate(day, f"the date in the file name “{name}”")
    if latest_event is not None:
        return ProposedDate(latest_event, "the latest event date in the lists (dates of "
                                          "birth aside): the lists cannot have been "
                                          "extracted before it")
    return None


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def extraction_date_confirmation(chosen: date, latest_event: date | None) -> str | None:
    """The question to ask before storing under ``chosen``, or None when there is none.

    A date more than DAYS_AFTER_LATEST_EVENT (31) days after the latest event in the
    lists is asked about (the figures would count windows the lists may not cover), and
    so is a date before it (events after the chosen date are then errors and refuse the
    upload). Each question shows both dates.
    """
    if latest_event is None:
        return None
    gap = (chosen - latest_event).days
    if gap > DAYS_AFTER_LATEST_EVENT:
        return (f"The latest event in the lists is {_uk(latest_event)} and you chose "
                f"{_uk(chosen)}, {_days(gap)} later: were the lists really extracted on "
                f"{_uk(chosen)}?")
    if gap < 0:
        return (f"The latest event in the lists is {_uk(latest_event)} and you chose "
                f"{_uk(chosen)}, {_days(-gap)} before it: every event after {_uk(chosen)} "
                f"will be refused as an error. Were the lists really extracted on "
                f"{_uk(chosen)}?")
    return None
