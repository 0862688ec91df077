"""The one clock of the app: what time it is now, and what day it is today.

Times are stored as aware UTC datetimes (``now``); a few older columns hold naive UTC
(``now_naive_utc``). "Today", in every rule a person sees (a letter's due and issue
date, inspection windows, the latest date a meeting or an upload may have), is the
calendar date in England (``today_in_england``): the framework's dates are English
dates, so at 23:30 UTC in summer (BST) it is already tomorrow, whatever the server's
own time zone says. The domain never reads the clock: services pass ``today`` in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

ENGLAND = ZoneInfo("Europe/London")


def now() -> datetime:
    """This moment, in UTC (timezone-aware)."""
    return datetime.now(UTC)


def now_naive_utc() -> datetime:
    """This moment in UTC without a zone, for the columns stored that way (users)."""
    return now().replace(tzinfo=None)


def in_england(moment: datetime) -> datetime:
    """``moment`` on English clocks; a naive one is taken as UTC (as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ENGLAND)


def england_date(moment: datetime) -> date:
    """The calendar date in England at ``moment``."""
    return in_england(moment).date()


def today_in_england() -> date:
    """Today's date in England: the "today" of every rule a person sees."""
    return england_date(now())


def start_of_day_in_england(day: date) -> datetime:
    """The UTC moment ``day`` begins in England (midnight, GMT or BST)."""
    return datetime(day.year, day.month, day.day, tzinfo=ENGLAND).astimezone(UTC)
