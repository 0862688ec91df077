"""Rules of the ILACS framework (Ofsted, 2017; updated since).

Each rule is one function that cites the paragraph of
``shared/reference/ilacs-framework-2017.txt`` it implements. Pure Python: no Dash,
Flask or database imports, so the rules are cheap to test and safe to reuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dashboard.domain.dates import add_months


class Grade(StrEnum):
    """The four-point scale of judgements (para 97)."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"

    @property
    def label(self) -> str:
        return GRADE_LABELS[self.value]


#: Labels as published. "Adequate" belongs to frameworks before 2014 and is shown as
#: it was recorded, never mapped onto the four-point scale.
GRADE_LABELS: dict[str, str] = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement to be good",
    "inadequate": "Inadequate",
    "adequate": "Adequate (earlier framework)",
}

#: The judgements made at standard and short inspections (para 96), with the
#: care leavers judgement that Ofsted added from January 2023.
JUDGEMENTS: dict[str, str] = {
    "overall": "Overall effectiveness",
    "impact_of_leaders": "The impact of leaders on social work practice with children and families",
    "help_and_protection": "The experiences and progress of children who need help and protection",
    "children_in_care": "The experiences and progress of children in care",
    "care_leavers": "The experiences and progress of care leavers",
}

#: Kinds of inspection activity, including earlier frameworks so that history is whole.
INSPECTION_KIND_LABELS: dict[str, str] = {
    "standard": "Standard inspection",
    "short": "Short inspection",
    "focused_visit": "Focused visit",
    "monitoring_visit": "Monitoring visit",
    "jtai": "Joint targeted area inspection",
    "sif": "Single inspection framework (SIF) inspection",
    "pre_2013": "Inspection before 2013 (safeguarding and looked after children)",
}

#: Kinds that give graded judgements and so set the pathway (paras 17, 20, 22).
JUDGEMENT_INSPECTION_KINDS: frozenset[str] = frozenset({"standard", "short", "sif"})


def pathway(overall: Grade) -> int:
    """The inspection pathway an overall effectiveness grade puts an LA on.

    Para 17: good or outstanding is pathway one; para 20: requires improvement to be
    good is pathway two; para 22: inadequate is pathway three.
    """
    grade = Grade(overall)
    if grade in (Grade.OUTSTANDING, Grade.GOOD):
        return 1
    if grade is Grade.REQUIRES_IMPROVEMENT:
        return 2
    return 3


@dataclass(frozen=True)
class VisitAllowance:
    """Focused visits (or JTAIs, which replace one) a pathway expects between inspections.

    ``usual`` is what the pathway's own paragraph says; ``most`` is the largest number
    the framework allows for it.
    """

    usual: int
    most: int
    rule: str


#: Paras 18, 21 and 22, with the para 24 table.
VISIT_ALLOWANCES: dict[int, VisitAllowance] = {
    1: VisitAllowance(1, 2, "Pathway 1: usually one focused visit or JTAI between inspections "
                            "(para 18); the para 24 table allows up to two."),
    2: VisitAllowance(2, 2, "Pathway 2: up to two focused visits between inspections; a JTAI "
                            "may replace one (para 21)."),
    3: VisitAllowance(0, 0, "Pathway 3: quarterly monitoring visits, usually four to six, "
                            "then re-inspection; no focused visits (para 22)."),
}


def focused_visit_allowance(pathway_number: int) -> VisitAllowance:
    """How many focused visits or JTAIs the pathway expects between inspections.

    Para 18 (pathway 1): "usually ... one focused visit or a JTAI"; the para 24 table
    says "up to two focused visits" for good or outstanding LAs, so one is usual and two
    the most. Para 21 (pathway 2): "up to two focused visits", a JTAI may replace one.
    Para 22 (pathway 3): monitoring visits, then re-inspection, so no focused visits.
    """
    if pathway_number not in VISIT_ALLOWANCES:
        raise ValueError(f"There is no pathway {pathway_number}.")
    return VISIT_ALLOWANCES[pathway_number]


def visits_against_allowance(visits: int, pathway_number: int) -> str:
    """"within", "more than usual" or "over" the pathway's allowance (paras 18, 21, 22).

    Pathway 3 has monitoring visits instead (para 22), and JTAIs are scheduled nationally
    (paras 25-26), so there is no allowance to be over: "not applicable".
    """
    allowance = focused_visit_allowance(pathway_number)
    if allowance.most == 0:
        return "not applicable"
    if visits <= allowance.usual:
        return "within"
    if visits <= allowance.most:
        return "more than usual"
    return "over"


#: Para 43: the meeting is annual but "does not need to be at exactly the same point in
#: time every year".
AEM_INTERVAL_MONTHS = 12


def aem_due(last_meeting: date) -> date:
    """When the next annual engagement meeting is due: about a year after the last.

    Paras 5 and 27 make the meeting annual; para 43 lets its date move with the SEF, so
    this is the month it falls due, not a deadline.
    """
    return add_months(last_meeting, AEM_INTERVAL_MONTHS)


@dataclass(frozen=True)
class NextInspection:
    """What comes next for an LA and, for a judgement inspection, its usual window."""

    kind: str
    earliest: date | None
    latest: date | None
    anniversary: date | None = None


#: Para 13: "within six months before or six months after the three-year anniversary".
INSPECTION_INTERVAL_MONTHS = 36
INSPECTION_WINDOW_MONTHS = 6


def next_inspection(overall: Grade, last_inspection_end: date) -> NextInspection:
    """The kind of the next inspection and the window it usually falls in.

    Para 13: standard and short inspections usually fall within six months either side
    of the three-year anniversary of the last one. Para 17: good or outstanding LAs
    get a short inspection; para 20: requires improvement gets a standard one; para
    22: inadequate LAs get monitoring visits and then a re-inspection, with no
    anniversary window (so ``earliest`` and ``latest`` are None). The anniversary of
    29 February falls on 28 February.
    """
    grade = Grade(overall)
    if grade is Grade.INADEQUATE:
        return NextInspection(kind="monitoring", earliest=None, latest=None)
    kind = "short" if pathway(grade) == 1 else "standard"
    anniversary = add_months(last_inspection_end, INSPECTION_INTERVAL_MONTHS)
    return NextInspection(
        kind=kind,
        earliest=add_months(anniversary, -INSPECTION_WINDOW_MONTHS),
        latest=add_months(anniversary, INSPECTION_WINDOW_MONTHS),
        anniversary=anniversary,
    )


def inspection_window_state(nxt: NextInspection, today: date) -> str:
    """Where ``today`` falls against the usual window of para 13.

    ``"not_yet"`` before it opens, ``"open"`` inside it, ``"passed"`` after it closed
    (the inspection is later than usual: para 13 says "usually"), and ``"none"`` for
    monitoring, which has no window (para 22).
    """
    if nxt.earliest is None or nxt.latest is None:
        return "none"
    if today < nxt.earliest:
        return "not_yet"
    if today <= nxt.latest:
        return "open"
    return "passed"


#: Our reading of "the Christmas and New Year period" in para 14, inclusive:
#: 20 December to 3 January. See ``in_christmas_and_new_year_period``.
CHRISTMAS_PERIOD_START = (12, 20)
CHRISTMAS_PERIOD_END = (1, 3)

#: Para 14: the only activities that might take place in August.
AUGUST_KINDS: frozenset[str] = frozenset(
    {"monitoring", "monitoring_visit", "focused", "focused_visit"}
)
KNOWN_ACTIVITY_KINDS: frozenset[str] = AUGUST_KINDS | {"standard", "short", "jtai"}


def in_christmas_and_new_year_period(day: date) -> bool:
    """Whether ``day`` falls in the Christmas and New Year period (para 14).

    The framework does not give dates. We take the period to run from 20 December to
    3 January inclusive: from the week before Christmas, when an inspection or visit
    begun would run into Christmas Day, to the last day on which a substitute New
    Year bank holiday can fall (3 January, when 1 January is a Saturday). Christmas
    and Boxing Day substitutes (27 and 28 December) fall inside it too.
    """
    return (day.month, day.day) >= CHRISTMAS_PERIOD_START or (
        day.month,
        day.day,
    ) <= CHRISTMAS_PERIOD_END


#: Calendar days of fieldwork from the first day on site. A standard inspection is on
#: site from Monday of week 1 to Friday of week 2 (para 52 and its timetable); a short
#: one from Monday to Friday of one week (para 54 and its timetable). JTAI fieldwork
#: is set by the JTAI framework, not this one, so only its first day is counted.
FIELDWORK_CALENDAR_DAYS: dict[str, int] = {"standard": 12, "short": 5}


def fieldwork_days(kind: str, start: date) -> list[date]:
    """The calendar days an inspection of ``kind`` starting on ``start`` is usually on site."""
    return [start + timedelta(days=n) for n in range(FIELDWORK_CALENDAR_DAYS.get(kind, 1))]


def may_start(kind: str, start: date) -> bool:
    """Whether inspection activity of ``kind`` may usually begin on ``start``, the first
    day of fieldwork.

    Para 14: inspections do not usually *begin* over the Christmas and New Year period
    (20 December to 3 January inclusive, see ``in_christmas_and_new_year_period``; we
    apply this to every kind of activity), and the only activities that might *take
    place* in August are monitoring visits and focused visits. So a standard or short
    inspection may not start on a day from which its usual fieldwork would run into
    August (``fieldwork_days``), and no JTAI starts in August.

    ``kind`` is one of ``standard``, ``short``, ``jtai``, ``focused`` (or
    ``focused_visit``), ``monitoring`` (or ``monitoring_visit``); anything else is a
    ValueError rather than a guess.
    """
    if kind not in KNOWN_ACTIVITY_KINDS:
        raise ValueError(f"Unknown kind of inspection activity: {kind!r}")
    if in_christmas_and_new_year_period(start):
        return False
    if kind in AUGUST_KINDS:
        return True
    return all(day.month != 8 for day in fieldwork_days(kind, start))


#: Para 30: no SEF is asked of an inadequate LA until its first 12 months of
#: monitoring visits are complete.
SEF_PAUSE_AFTER_INADEQUATE_MONTHS = 12


def sef_expected_from(overall: Grade, judged_on: date) -> date:
    """The first day Ofsted asks this LA to share a self-evaluation again.

    Para 29: LAs are asked to share an annual self-evaluation. Para 30: an LA judged
    inadequate is not asked until "the monitoring visits in the first 12 months are
    complete". We read "the first 12 months" as the first 12 calendar months after the
    judgement (``judged_on``, the last day of fieldwork), so the pause ends 12 months
    after it. Monitoring usually starts some weeks later (action plan, then a first
    visit: paras 128, 219); where the visits of that year run late, the regional SHMI
    decides, as the framework leaves them to. Any other grade: asked at once.
    """
    if Grade(overall) is not Grade.INADEQUATE:
        return judged_on
    return add_months(judged_on, SEF_PAUSE_AFTER_INADEQUATE_MONTHS)


def sef_expected(overall: Grade, judged_on: date, today: date) -> bool:
    """Whether Ofsted asks this LA to share a self-evaluation now (paras 29-30)."""
    if Grade(overall) is not Grade.INADEQUATE:
        return True
    return today >= sef_expected_from(overall, judged_on)


def letter_due(meeting: date) -> date:
    """The last day for the letter after an annual engagement meeting.

    Para 48: Ofsted writes to the DCS within a month of the meeting. One calendar
    month after the meeting, clipped to the month's last day (31 January gives 28 or
    29 February).
    """
    return add_months(meeting, 1)


def grade_from_text(value: str | None) -> Grade | None:
    """The grade a stored value names, or None where there is none on the 4-point scale."""
    if not value:
        return None
    try:
        return Grade(value)
    except ValueError:
        return None
