"""The focused-visit scope planner (paras 105-107): for the region's inspectors only.

It gathers, for each para 106 topic, the LA's published measures in that area with the
flags the published-series rules raise (for every LA, with or without an upload),
what the latest shared SEF says there and whether plans cover the weaknesses, and the
focused visits since the last inspection; then ranks the topics with the transparent
score of ``domain.fv_scope``. It recommends; the inspector decides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dashboard.access import Principal, can_run_meetings, require
from dashboard.domain.engagement import FOCUSED_VISIT_TOPICS, FocusedVisitTopic
from dashboard.domain.fv_scope import (
    WEIGHTS,
    TopicEvidence,
    TopicScore,
    rank_topics,
    topic_evidence,
    visited_topics,
)
from dashboard.domain.la_status import InspectionRecord
from dashboard.domain.published_series import flags_sense
from dashboard.domain.sef import STATEMENT_KINDS, Sef, weakness_plan_coverage
from dashboard.domain.sef_accuracy import CLAIM
from dashboard.domain.sef_text import one_line
from dashboard.services.engagement import load_visible_meeting
from dashboard.services.la_profiles import get_la_profile
from dashboard.services.mi import la_indicators
from dashboard.services.published import PublishedRow
from dashboard.services.sef import list_versions, read_version
from dashboard.services.sef_review import SefReview, review_in
from dashboard.storage.db import session_scope

PREVIOUS_AREAS_NOTE = (
    "Areas for improvement from earlier inspections are not in the data this tool holds, "
    "so they add nothing to the scores: read the published reports."
)


@dataclass(frozen=True)
class TopicPlan:
    score: TopicScore
    evidence: TopicEvidence
    #: the published measures in the topic's areas, with their comparisons and flags
    published: list[PublishedRow]
    sef_lines: list[str]
    visit: InspectionRecord | None


@dataclass(frozen=True)
class ScopePlanner:
    la_name: str
    sef_version: int | None
    topics: list[TopicPlan]
    weights: dict[str, int]
    previous_areas_note: str = PREVIOUS_AREAS_NOTE


def _sef_lines(sef: Sef, topic: FocusedVisitTopic, review: SefReview) -> list[str]:
    """The SEF's claims in the topic's themes, each with its plan and, as evidence for the
    scope, what the checks against its figures found (ILACS framework, para 50)."""
    coverage = {row.weakness.id: row.label for row in weakness_plan_coverage(sef)}
    lines = []
    for theme, statement in sef.statements():
        if not topic.has_sef_theme(theme.name):
            continue
        line = f"{STATEMENT_KINDS[statement.kind]}: {one_line(statement.text) or '(no text)'}"
        if statement.id in coverage:
            line += f" ({coverage[statement.id]})"
        checks = [item for item in review.by_statement.get(statement.id, [])
                  if item.kind == CLAIM]
        if checks:
            line += "; figures: " + "; ".join(item.heading.lower() for item in checks)
        lines.append(line)
    return lines


def plan_scope(user: Principal | None, meeting_id: object) -> ScopePlanner:
    with session_scope() as session:
        _meeting, la = load_visible_meeting(session, user, meeting_id)
        require(can_run_meetings(user, la),
                "Only the region's inspectors plan the scope of a focused visit.")
        la_code = la.la_code
    data = la_indicators(user, la_code)
    profile = get_la_profile(user, la_code)
    shared = list_versions(user, la_code)  # an inspector sees shared versions only
    sef: Sef | None = None
    number = None
    review = SefReview([])
    if shared:
        number = shared[0].number
        sef, _info, _name = read_version(user, la_code, number)
        with session_scope() as session:
            review = review_in(session, sef, data, claims_only=True)
    # every published measure, Annex A indicators and LAIT's wider set alike, in the
    # Annex A indicator's theme where there is one
    published = ([PublishedRow(replace(r.published.measure, theme=r.indicator.theme),
                               r.published.comparison)
                  for r in data.reports if r.published is not None]
                 + data.more_published)
    senses = [(row.measure.theme, flags_sense(row.comparison.flags)) for row in published]
    visits = visited_topics(profile.history)
    evidence = [topic_evidence(topic, senses, sef, set(visits)) for topic in FOCUSED_VISIT_TOPICS]
    by_key = {e.topic.key: e for e in evidence}
    plans = []
    for score in rank_topics(evidence):
        topic = score.topic
        plans.append(TopicPlan(
            score=score, evidence=by_key[topic.key],
            published=[row for row in published if row.measure.theme in topic.indicator_groups],
            sef_lines=_sef_lines(sef, topic, review) if sef else [],
            visit=visits.get(topic.key),
        ))
    return ScopePlanner(data.la_name, number, plans, dict(WEIGHTS))
