"""Working days in England and Wales."""

from datetime import date

import pytest

from dashboard.domain.calendar import (
    add_working_days,
    is_working_day,
    working_days_between,
)
from dashboard.domain.dates import add_months


def test_weekends_are_not_working_days() -> None:
    assert is_working_day(date(2026, 11, 20))  # Friday
    assert not is_working_day(date(2026, 11, 21))
    assert not is_working_day(date(2026, 11, 22))


@pytest.mark.parametrize(
    "bank_holiday",
    [
        date(2026, 12, 25),
        date(2026, 12, 28),  # Boxing Day substitute: 26 December 2026 is a Saturday
        date(2027, 1, 1),
        date(2022, 1, 3),  # New Year substitute: 1 January 2022 was a Saturday
        date(2022, 9, 19),  # state funeral of Queen Elizabeth II
        date(2023, 5, 8),  # coronation of King Charles III
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
    ],
)
def test_bank_holidays_in_england_are_not_working_days(bank_holiday: date) -> None:
    assert not is_working_day(bank_holiday)


def test_scottish_only_holiday_is_a_working_day_in_england() -> None:
    assert is_working_day(date(2026, 1, 2))  # a bank holiday in Scotland only


def test_add_working_days_skips_christmas_and_substitute_days() -> None:
    # Thu 24 Dec 2026 -> Fri 25 (holiday), weekend, Mon 28 (substitute), Tue 29.
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_add_working_days_over_new_year() -> None:
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_add_working_days_after_friday_is_monday() -> None:
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)


def test_add_zero_working_days_is_the_start() -> None:
    assert add_working_days(date(2026, 11, 21), 0) == date(2026, 11, 21)


def test_add_working_days_backwards() -> None:
    assert add_working_days(date(2026, 12, 29), -1) == date(2026, 12, 24)


def test_forty_five_working_days_across_christmas() -> None:
    # After Mon 1 Dec 2025: 20 working days in December (25 and 26 excluded) and 21
    # in January (1 January excluded) make 41, so the 45th is Thu 5 Feb 2026.
    assert add_working_days(date(2025, 12, 1), 45) == date(2026, 2, 5)


def test_working_days_between_counts_after_start_up_to_end() -> None:
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 23)) == 0
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 27)) == 4
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 1


def test_working_days_between_over_christmas() -> None:
    # 29, 30, 31 December and 4 January; 25, 28 December and 1 January are holidays.
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4)) == 4


def test_working_days_between_is_inverse_of_add_working_days() -> None:
    start = date(2025, 12, 1)
    for days in (0, 1, 5, 15, 45, 200):
        assert working_days_between(start, add_working_days(start, days)) == days


def test_working_days_between_reversed_is_negative() -> None:
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 23)) == -4


def test_leap_year_day_is_counted() -> None:
    # Fri 28 Feb 2020 -> Sat 29 Feb, Sun 1 Mar, Mon 2 Mar.
    assert add_working_days(date(2020, 2, 28), 1) == date(2020, 3, 2)
    assert working_days_between(date(2024, 2, 28), date(2024, 3, 1)) == 2


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 8, 31), -6, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2027, 1, 15), -1, date(2026, 12, 15)),
    ],
)
def test_add_months_clips_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected
