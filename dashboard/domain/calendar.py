"""Working days in England, as the framework counts them.

The framework counts notice periods and timescales in working days (for example para
103, five working days' notice of a focused visit; Annex A's 45 working days for an
assessment). A working day is Monday to Friday and not a bank holiday in England and
Wales. Bank holidays, including one-off ones such as the 2022 state funeral and the
2023 coronation, come from the ``holidays`` library (subdivision ``ENG``).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    """Whether ``day`` is a bank holiday in England and Wales."""
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (before it, if ``days`` is negative).

    ``start`` itself is not counted, so zero gives ``start`` back even on a weekend,
    and one working day after Friday is the next Monday (or Tuesday after a bank
    holiday Monday).
    """
    step = timedelta(days=1 if days >= 0 else -1)
    remaining = abs(days)
    day = start
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``.

    When ``end`` is before ``start`` the count runs the other way and is negative:
    minus the working days after ``end`` up to and including ``start``. For any
    ``n >= 0``, ``working_days_between(start, add_working_days(start, n)) == n``.
    Counted arithmetically (whole weeks, then the odd days, less the weekday bank
    holidays in between) because an Annex A upload asks this for every row.
    """
    if end < start:
        return -working_days_between(end, start)
    span = (end - start).days
    weekdays = 5 * (span // 7)
    first_odd_day = start + timedelta(days=7 * (span // 7))
    for offset in range(1, span % 7 + 1):
        if (first_odd_day + timedelta(days=offset)).weekday() < 5:
            weekdays += 1
    return weekdays - _weekday_bank_holidays_in(start, end)


def _weekday_bank_holidays_in(start: date, end: date) -> int:
    """Bank holidays falling Monday to Friday after ``start`` up to and including ``end``."""
    days = _weekday_bank_holidays(start.year, end.year)
    return bisect_right(days, end) - bisect_right(days, start)


@lru_cache(maxsize=256)
def _weekday_bank_holidays(first_year: int, last_year: int) -> tuple[date, ...]:
    return tuple(sorted(
        day for year in range(first_year, last_year + 1)
        for day in _bank_holidays(year) if day.weekday() < 5
    ))
