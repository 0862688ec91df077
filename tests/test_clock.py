"""The one clock: "today" is the date in England, which near midnight in summer (BST) is
not the date in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dashboard import clock
from dashboard.formatting import format_date_time, format_uk_date


def at(moment: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


def test_half_past_eleven_utc_in_summer_is_already_tomorrow_in_england(monkeypatch) -> None:
    at(datetime(2026, 7, 1, 23, 30, tzinfo=UTC), monkeypatch)
    assert clock.today_in_england() == date(2026, 7, 2)


def test_half_past_eleven_utc_in_winter_is_still_today_in_england(monkeypatch) -> None:
    at(datetime(2026, 1, 15, 23, 30, tzinfo=UTC), monkeypatch)
    assert clock.today_in_england() == date(2026, 1, 15)


def test_the_day_the_clocks_go_forward_and_back(monkeypatch) -> None:
    at(datetime(2026, 3, 29, 0, 30, tzinfo=UTC), monkeypatch)  # 01:00 GMT became 02:00 BST
    assert clock.today_in_england() == date(2026, 3, 29)
    at(datetime(2026, 10, 24, 23, 30, tzinfo=UTC), monkeypatch)  # still BST: 00:30 on 25th
    assert clock.today_in_england() == date(2026, 10, 25)


def test_now_is_aware_utc_and_the_naive_form_is_the_same_moment() -> None:
    moment = clock.now()
    assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0
    naive = clock.now_naive_utc()
    assert naive.tzinfo is None and abs((naive - moment.replace(tzinfo=None)).total_seconds()) < 5


def test_a_day_starts_at_midnight_on_english_clocks() -> None:
    assert clock.start_of_day_in_england(date(2026, 7, 2)) == datetime(2026, 7, 1, 23,
                                                                       tzinfo=UTC)
    assert clock.start_of_day_in_england(date(2026, 1, 15)) == datetime(2026, 1, 15,
                                                                        tzinfo=UTC)


def test_stored_times_read_on_english_clocks() -> None:
    late = datetime(2026, 7, 1, 23, 30)  # naive columns are UTC
    assert clock.england_date(late) == date(2026, 7, 2)
    assert format_date_time(late) == "2 July 2026 at 00:30"
    assert format_uk_date(late.replace(tzinfo=UTC)) == "2 July 2026"
