"""Calendar arithmetic shared by the framework rules.

Kept separate so each rule reads as the framework words it, not as date maths.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date
from functools import lru_cache


@lru_cache(maxsize=4096)
def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (or earlier), clipped to the month's end.

    31 January plus one month is 28 (or 29) February; 29 February plus twelve months is
    28 February. This is how "within a month" and "about three years" are counted.
    """
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def long_date(day: date) -> str:
    """GOV.UK style: 14 March 2025."""
    return f"{day.day} {day:%B %Y}"


def long_date_from_iso(text: str) -> str:
    """An ISO date (as a SEF stores it) in GOV.UK style; empty stays empty."""
    return long_date(date.fromisoformat(text)) if text else ""
