"""Rules of the ILACS framework (Ofsted, November 2017; updated since).

Each rule is one function that cites the paragraph it implements. Paragraph numbers
are those of the November 2017 edition ("ILACS framework para N"), the text we hold;
later editions renumbered it, so ``FrameworkVersion.cite`` names the edition too.
Changes since 2017 that we apply (the separate care leavers judgement from January
2023, no overall effectiveness judgement from April 2026) cite Ofsted's announcement.
Pure Python: no Dash, Flask or database imports, so the rules are cheap to test and
safe to reuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dashboard.domain.calendar import add_working_days
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


#: Where a judgement's grades rank, worst last (para 97's scale).
GRADE_ORDER: tuple[Grade, ...] = (
    Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
)

#: The edition whose paragraph numbers the app cites.
TEXT_EDITION = "ILACS framework (November 2017 edition)"

#: The rules the app applies and their paragraphs in the November 2017 edition.
RULE_PARAGRAPHS: dict[str, str] = {
    "judgements": "paras 96-97",
    "pathways": "paras 17-24",
    "inspection_window": "para 13",
    "christmas_and_august": "para 14",
    "sef": "paras 29-30",
    "engagement_meeting": "paras 40-48",
    "monitoring": "paras 22, 112-129",
    "action_plan": "para 219",
    "focused_visits": "paras 103-110",
}


@dataclass(frozen=True)
class FrameworkVersion:
    """The framework as it stood for inspections that started on or after a day.

    ``judgements`` are the keys of ``JUDGEMENTS`` this version grades, in order;
    ``source`` says where the change from the version before is published.
    """

    key: str
    name: str
    in_force_from: date
    has_overall_judgement: bool
    judgements: tuple[str, ...]
    source: str

    def cite(self, rule: str) -> str:
        """"ILACS framework (November 2017 edition) para 30", for a rule in ``RULE_PARAGRAPHS``."""
        return f"{TEXT_EDITION} {RULE_PARAGRAPHS[rule]}, as applied under {self.name}"


#: Oldest first. The single inspection framework (SIF) and the inspections before it
#: are here so that every inspection in an LA's history has a version.
FRAMEWORK_VERSIONS: tuple[FrameworkVersion, ...] = (
    FrameworkVersion(
        "pre_2013", "inspections before November 2013", date.min, True, ("overall",),
        "Ofsted's safeguarding and looked after children inspections (2009-2013)",
    ),
    FrameworkVersion(
        "sif", "the single inspection framework (SIF)", date(2013, 11, 1), True,
        ("overall", "impact_of_leaders", "help_and_protection", "children_in_care"),
        "Ofsted, single inspection framework, November 2013",
    ),
    FrameworkVersion(
        "ilacs_2018", "ILACS from January 2018", date(2018, 1, 1), True,
        ("overall", "impact_of_leaders", "help_and_protection", "children_in_care"),
        "ILACS framework (November 2017 edition) paras 96-97",
    ),
    FrameworkVersion(
        "ilacs_2023", "ILACS from January 2023", date(2023, 1, 1), True,
        ("overall", "impact_of_leaders", "help_and_protection", "children_in_care",
         "care_leavers"),
        "Ofsted: care leavers judged separately from January 2023",
    ),
    FrameworkVersion(
        "ilacs_2026", "ILACS from April 2026", date(2026, 4, 1), False,
        ("impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers"),
        "Ofsted announcement of 27 November 2025: no overall effectiveness judgement "
        "from April 2026; the other judgements are still graded",
    ),
)


def framework_for(start: date) -> FrameworkVersion:
    """The framework in force for an inspection that started on ``start``.

    ILACS inspections began in January 2018; care leavers have their own judgement
    from January 2023; from 1 April 2026 there is no overall effectiveness judgement
    (Ofsted, 27 November 2025). Earlier days fall to the SIF (from November 2013) and
    the inspections before it.
    """
    current = FRAMEWORK_VERSIONS[0]
    for version in FRAMEWORK_VERSIONS:
        if start >= version.in_force_from:
            current = version
    return current


def lowest_judgement(judgements: dict[str, Grade | None]) -> Grade | None:
    """The lowest grade among the judgements, ignoring blanks (para 97's scale).

    Without an overall judgement (April 2026 on) the lowest graded judgement is what
    an inspector reads first; it is shown, never turned into a pathway.
    """
    graded = [Grade(g) for g in judgements.values() if g]
    return max(graded, key=GRADE_ORDER.index) if graded else None


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
    """The next inspection after an overall grade: ``next_inspection_on_pathway`` for
    the pathway the grade puts the LA on (paras 17, 20, 22)."""
    return next_inspection_on_pathway(pathway(overall), last_inspection_end)


def next_inspection_on_pathway(pathway_number: int, last_inspection_end: date) -> NextInspection:
    """The kind of the next inspection and the window it usually falls in.

    Para 13: standard and short inspections usually fall within six months either side
    of the three-year anniversary of the last one. Para 17: good or outstanding LAs
    get a short inspection; para 20: requires improvement gets a standard one; para
    22: inadequate LAs get monitoring visits and then a re-inspection, with no
    anniversary window (so ``earliest`` and ``latest`` are None). The anniversary of
    29 February falls on 28 February. A pathway the senior HMI recorded (inspections
    from April 2026 have no overall grade) is followed exactly as a derived one.
    """
    if pathway_number not in VISIT_ALLOWANCES:
        raise ValueError(f"There is no pathway {pathway_number}.")
    if pathway_number == 3:
        return NextInspection(kind="monitoring", earliest=None, latest=None)
    kind = "short" if pathway_number == 1 else "standard"
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


#: Working days on site from the first day. A standard inspection is on site from
#: Monday of week 1 to Friday of week 2 (para 52 and its timetable): ten working days;
#: a short one from Monday to Friday of one week (para 54): five. Focused visits are
#: "two days contained within one week" (para 103) and monitoring visits "usually
#: last for two days" (para 129): two. JTAI fieldwork is set by the JTAI framework,
#: not this one, so only its first day is counted.
FIELDWORK_WORKING_DAYS: dict[str, int] = {
    "standard": 10,
    "short": 5,
    "focused": 2,
    "focused_visit": 2,
    "monitoring": 2,
    "monitoring_visit": 2,
    "jtai": 1,
}


def fieldwork_days(kind: str, start: date) -> list[date]:
    """The days an activity of ``kind`` starting on ``start`` is usually on site.

    ``start`` and the working days after it (``FIELDWORK_WORKING_DAYS``), so a
    standard inspection that starts on Monday 14 December 2026 is on site until
    Tuesday 29 December: Christmas Day and the Boxing Day substitute are not
    working days.
    """
    days = [start]
    while len(days) < FIELDWORK_WORKING_DAYS.get(kind, 1):
        days.append(add_working_days(days[-1], 1))
    return days


def may_start(kind: str, start: date) -> bool:
    """Whether inspection activity of ``kind`` may usually begin on ``start``, the first
    day of fieldwork, judged on its whole time on site.

    Para 14: inspections do not usually begin over the Christmas and New Year period
    (20 December to 3 January inclusive, see ``in_christmas_and_new_year_period``),
    and the only activities that might take place in August are monitoring visits
    and focused visits. We check every day on site (``fieldwork_days``), not only the
    first: a standard inspection starting on 14 December would be on site over
    Christmas, which starting in the period would also mean; we apply the Christmas
    rule to every kind of activity. So no day on site falls in the Christmas and New
    Year period, and only monitoring and focused visits have days on site in August.

    ``kind`` is one of ``standard``, ``short``, ``jtai``, ``focused`` (or
    ``focused_visit``), ``monitoring`` (or ``monitoring_visit``); anything else is a
    ValueError rather than a guess.
    """
    if kind not in KNOWN_ACTIVITY_KINDS:
        raise ValueError(f"Unknown kind of inspection activity: {kind!r}")
    on_site = fieldwork_days(kind, start)
    if any(in_christmas_and_new_year_period(day) for day in on_site):
        return False
    return kind in AUGUST_KINDS or all(day.month != 8 for day in on_site)


def timing_warning(kind: str, start: date, label: str) -> str | None:
    """A plain warning where activity of ``kind`` starting on ``start`` would be on site
    when para 14 says it usually is not (``may_start``); None where it may start.

    A warning, not a refusal: para 14 says "usually", and the region decides.
    """
    if may_start(kind, start):
        return None
    on_site = fieldwork_days(kind, start)
    if any(in_christmas_and_new_year_period(day) for day in on_site):
        why = "over the Christmas and New Year period"
    else:
        why = "in August, when only monitoring and focused visits usually take place"
    return (f"{label} starting on {start:%-d %B %Y} would be on site {why} "
            "(ILACS framework para 14). Check the date.")


#: Para 30: no SEF is asked of an inadequate LA until its first 12 months of
#: monitoring visits are complete.
SEF_PAUSE_AFTER_INADEQUATE_MONTHS = 12


def sef_expected_from(
    overall: Grade, judged_on: date, first_monitoring_visit: date | None = None
) -> date:
    """The first day Ofsted asks this LA to share a self-evaluation again
    (``sef_expected_from_on_pathway`` for the grade's pathway)."""
    return sef_expected_from_on_pathway(pathway(overall), judged_on, first_monitoring_visit)


def sef_expected_from_on_pathway(
    pathway_number: int, judged_on: date, first_monitoring_visit: date | None = None
) -> date:
    """The first day Ofsted asks an LA on this pathway to share a self-evaluation.

    Para 29: LAs are asked to share an annual self-evaluation. Para 30: an LA judged
    inadequate (pathway 3) is not asked until "the monitoring visits in the first 12
    months are complete". The first 12 months of monitoring start at the first
    monitoring visit, so when it is known the pause ends 12 calendar months after it;
    until it is known we count from the judgement (``judged_on``, the last day of
    fieldwork), the earliest the pause could end. Any other pathway: asked at once.
    """
    if pathway_number != 3:
        return judged_on
    counted_from = first_monitoring_visit or judged_on
    return add_months(counted_from, SEF_PAUSE_AFTER_INADEQUATE_MONTHS)


def sef_expected(
    overall: Grade, judged_on: date, today: date, first_monitoring_visit: date | None = None
) -> bool:
    """Whether Ofsted asks this LA to share a self-evaluation now (paras 29-30)."""
    return today >= sef_expected_from(overall, judged_on, first_monitoring_visit)


def sef_expected_on_pathway(
    pathway_number: int, judged_on: date, today: date, first_monitoring_visit: date | None = None
) -> bool:
    """Whether Ofsted asks an LA on this pathway for a self-evaluation now (paras 29-30)."""
    return today >= sef_expected_from_on_pathway(pathway_number, judged_on, first_monitoring_visit)


#: Para 219: the action plan is due within 70 working days of the final report.
ACTION_PLAN_WORKING_DAYS = 70


def action_plan_due(report_received: date) -> date:
    """The last day for the LA's action plan after an inspection.

    Para 219: the LA submits its action plan "within 70 working days of receiving
    the final inspection report". We count from the day given (the report's
    publication, the last day by which the LA had it, where we know no earlier one).
    """
    return add_working_days(report_received, ACTION_PLAN_WORKING_DAYS)


#: Para 22 (and para 128): "between four and six monitoring visits before the
#: re-inspection".
MONITORING_VISITS_BEFORE_REINSPECTION = (4, 6)


def reinspection_expected(monitoring_visits_held: int) -> str:
    """When the re-inspection of an inadequate LA is expected, in words (paras 22, 128).

    The framework gives no date: re-inspection usually follows four to six quarterly
    monitoring visits. "not yet" before the fourth, "due" from the fourth to the
    sixth, "overdue" after more than six.
    """
    fewest, most = MONITORING_VISITS_BEFORE_REINSPECTION
    if monitoring_visits_held < fewest:
        return "not yet"
    if monitoring_visits_held <= most:
        return "due"
    return "overdue"


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
