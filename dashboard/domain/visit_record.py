"""How complete an LA's visit record is for the time since its last judgement inspection.

The focused-visit allowance (ILACS framework paras 18, 21 and 22) is judged on a count of
visits, and that count is only as good as the lists it comes from: Ofsted's official
statistics list one year of visits per release, and our sources hold only some years.
This rule compares the period the count covers with the periods the visit lists cover,
so a count is never shown as complete when it is not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard.domain.dates import long_date

#: ILACS began in January 2018: with no judgement inspection, visits are counted from then.
ILACS_STARTED = date(2018, 1, 1)

COVERED = "covered"
PARTLY_COVERED = "partly_covered"
NOT_COVERED = "not_covered"


@dataclass(frozen=True)
class VisitPeriod:
    """Days (first and last, inclusive) for which a source lists every visit."""

    first: date
    last: date


@dataclass(frozen=True)
class VisitRecord:
    """``status`` is COVERED, PARTLY_COVERED or NOT_COVERED; ``listed`` the parts of the
    period the lists cover, oldest first; ``sentence`` says so in plain words."""

    status: str
    listed: tuple[VisitPeriod, ...]
    sentence: str

    @property
    def listed_from(self) -> date | None:
        """The first day of the period for which visits are listed."""
        return self.listed[0].first if self.listed else None

    @property
    def brief(self) -> str:
        """A few words for a table cell; empty when the record is complete."""
        if self.status == COVERED:
            return ""
        if self.status == NOT_COVERED:
            return "not known: no visit list covers this time"
        return "record partial: visits listed " + _periods_text(self.listed)


def merge_periods(periods: Iterable[VisitPeriod]) -> list[VisitPeriod]:
    """Overlapping or back-to-back periods joined, oldest first."""
    merged: list[VisitPeriod] = []
    for period in sorted(periods, key=lambda p: (p.first, p.last)):
        if merged and period.first <= merged[-1].last + timedelta(days=1):
            if period.last > merged[-1].last:
                merged[-1] = VisitPeriod(merged[-1].first, period.last)
        else:
            merged.append(period)
    return merged


def _periods_text(periods: tuple[VisitPeriod, ...]) -> str:
    return " and ".join(f"{long_date(p.first)} to {long_date(p.last)}" for p in periods)


def visit_record(since: date | None, until: date,
                 periods: Iterable[VisitPeriod]) -> VisitRecord:
    """How completely ``periods`` cover the visits after ``since`` (the start of the last
    judgement inspection, as the count uses it; None: no judgement inspection, so from
    January 2018) up to and including ``until`` (today)."""
    first = since + timedelta(days=1) if since else ILACS_STARTED
    counted = (f"since the inspection of {since:%B %Y}" if since
               else "since ILACS began in January 2018")
    merged = merge_periods(periods)
    listed = tuple(
        VisitPeriod(max(p.first, first), min(p.last, until))
        for p in merged if p.last >= first and p.first <= until
    )
    if first > until:
        return VisitRecord(COVERED, (), f"No time has passed {counted}.")
    if not listed:
        ended = [p.last for p in merged if p.last < first]
        if ended:
            return VisitRecord(NOT_COVERED, (), (
                f"Visits are listed only up to {long_date(max(ended))}, so visits "
                f"{counted} are not known."))
        return VisitRecord(NOT_COVERED, (), f"No source lists visits {counted}, so they "
                                            "are not known.")
    if listed == (VisitPeriod(first, until),):
        return VisitRecord(COVERED, listed, f"Every visit {counted} is listed.")
    gap_before = listed[0].first > first
    gap_after = listed[-1].last < until
    if len(listed) > 1:
        where, missed = f"for {_periods_text(listed)}", "visits outside those dates"
    elif gap_before and gap_after:
        where, missed = f"from {_periods_text(listed)}", "visits outside those dates"
    elif gap_before:
        where, missed = f"from {long_date(listed[0].first)}", "earlier visits"
    else:
        where, missed = f"up to {long_date(listed[-1].last)}", "later visits"
    return VisitRecord(PARTLY_COVERED, listed,
                       f"Visits are listed only {where}; the count {counted} may miss "
                       f"{missed}.")
