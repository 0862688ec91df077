"""A transparent score for each focused-visit topic (paras 105-107): it recommends, the
inspector decides.

Every part of the score is a fact the inspector can check, with the points it adds and
why, so that the ranking can be read and disagreed with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.domain.engagement import (
    FOCUSED_VISIT_TOPICS,
    FocusedVisitTopic,
    topic_for_visit_theme,
)
from dashboard.domain.la_status import (
    InspectionRecord,
    history_in_order,
    latest_judgement_inspection,
)
from dashboard.domain.sef import STRENGTH, Sef, weakness_plan_coverage

#: Points per fact. Kept here, in one place, and shown on screen beside each score.
WEIGHTS = {
    "worse_outlier": 2,
    "unplanned_weakness": 2,
    "planned_weakness": 1,
    "previous_area_for_improvement": 1,
    "visited_since_last_inspection": -3,
}


@dataclass(frozen=True)
class TopicEvidence:
    """What bears on one topic, gathered by the service."""

    topic: FocusedVisitTopic
    worse_outliers: int = 0
    better_outliers: int = 0
    weaknesses_with_complete_plan: int = 0
    weaknesses_without_complete_plan: int = 0
    strengths: int = 0
    previous_areas_for_improvement: int = 0
    visited_since_last_inspection: bool = False


@dataclass(frozen=True)
class ScorePart:
    label: str
    points: int
    why: str


@dataclass(frozen=True)
class TopicScore:
    topic: FocusedVisitTopic
    total: int
    parts: tuple[ScorePart, ...]
    suggested_reason: str | None  # a key of engagement.SCOPE_REASONS


def score_topic(evidence: TopicEvidence) -> TopicScore:
    """The topic's score, part by part (para 105: improvement needed, or good practice).

    Indicators worse than neighbours and weaknesses with no complete plan point to "an
    area that needs to improve"; weaknesses the LA plans for count less, as para 38
    treats them as effective leadership; areas for improvement from earlier inspections
    count; a topic already visited since the last inspection counts against, so visits
    spread across the service. Strengths and better-than-neighbour figures do not add to
    the score, but suggest "good practice" as the reason when nothing points the other
    way.
    """
    parts: list[ScorePart] = []

    def add(count: int, key: str, label: str, why: str) -> None:
        if count:
            parts.append(ScorePart(label, count * WEIGHTS[key], why))

    add(evidence.worse_outliers, "worse_outlier",
        f"{evidence.worse_outliers} indicator(s) worse than neighbours",
        "Outliers against statistical neighbours, by the stated rule")
    add(evidence.weaknesses_without_complete_plan, "unplanned_weakness",
        f"{evidence.weaknesses_without_complete_plan} SEF weakness(es) without a complete plan",
        "Para 38: weaknesses without credible plans")
    add(evidence.weaknesses_with_complete_plan, "planned_weakness",
        f"{evidence.weaknesses_with_complete_plan} SEF weakness(es) with a complete plan",
        "Para 38: planned weaknesses show leadership, so count less")
    add(evidence.previous_areas_for_improvement, "previous_area_for_improvement",
        f"{evidence.previous_areas_for_improvement} area(s) for improvement from earlier "
        "inspections", "Para 42: actions taken in response to previous inspections")
    if evidence.visited_since_last_inspection:
        parts.append(ScorePart("Already visited since the last inspection",
                               WEIGHTS["visited_since_last_inspection"],
                               "Spread focused visits across the service"))
    total = sum(part.points for part in parts)
    if total > 0:
        reason: str | None = "improvement"
    elif evidence.strengths or evidence.better_outliers:
        reason = "good_practice"
    else:
        reason = None
    return TopicScore(evidence.topic, total, tuple(parts), reason)


def rank_topics(evidence: list[TopicEvidence]) -> list[TopicScore]:
    """Topics by score, highest first; ties keep the framework's order."""
    order = {topic.key: n for n, topic in enumerate(FOCUSED_VISIT_TOPICS)}
    scores = [score_topic(e) for e in evidence]
    return sorted(scores, key=lambda s: (-s.total, order.get(s.topic.key, len(order))))


def topic_evidence(topic: FocusedVisitTopic, indicator_senses: list[tuple[str, str | None]],
                   sef: Sef | None, visited_topics: set[str]) -> TopicEvidence:
    """Gather what bears on ``topic``: its indicator groups' outliers (by sense), the shared
    SEF's statements in its themes with their plan coverage (para 38), and whether a
    focused visit has looked at it since the last inspection.

    ``indicator_senses`` holds (indicator group, outlier sense) pairs, one per indicator.
    Areas for improvement from earlier inspections are not in any data we hold, so they
    count as none; the planner says so on screen.
    """
    senses = [sense for group, sense in indicator_senses if group in topic.indicator_groups]
    strengths = planned = unplanned = 0
    if sef is not None:
        strengths = sum(1 for theme, statement in sef.statements()
                        if topic.has_sef_theme(theme.name) and statement.kind == STRENGTH)
        for row in weakness_plan_coverage(sef):
            if topic.has_sef_theme(row.theme):
                if row.status == "planned":
                    planned += 1
                else:
                    unplanned += 1
    return TopicEvidence(
        topic=topic,
        worse_outliers=senses.count("worse"),
        better_outliers=senses.count("better"),
        weaknesses_with_complete_plan=planned,
        weaknesses_without_complete_plan=unplanned,
        strengths=strengths,
        visited_since_last_inspection=topic.key in visited_topics,
    )


def visited_topics(records: list[InspectionRecord]) -> dict[str, InspectionRecord]:
    """The para 106 topics focused visits have looked at since the last judgement
    inspection, each with the visit (counted as ``la_status`` counts visits)."""
    last = latest_judgement_inspection(records)
    since = last.sort_date if last else date.min
    found: dict[str, InspectionRecord] = {}
    for record in history_in_order(records):
        key = topic_for_visit_theme(record.visit_theme)
        if record.kind == "focused_visit" and record.sort_date > since and key:
            found[key] = record
    return found
