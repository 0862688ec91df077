"""The meeting's agenda items, the focused-visit scope score and the letter's lint."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.domain.engagement import (
    AGENDA_ITEMS,
    CROSS_CUTTING_LINES,
    FOCUSED_VISIT_TOPICS,
    SCOPE_REASONS,
    TOPICS_BY_KEY,
)
from dashboard.domain.framework import letter_due
from dashboard.domain.fv_scope import TopicEvidence, rank_topics, score_topic
from dashboard.domain.letter_lint import judgement_findings, letter_findings


def test_the_framework_lists_are_complete() -> None:
    assert len(AGENDA_ITEMS) == 7  # para 42
    assert AGENDA_ITEMS[5] == "The possible scope of a focused visit"
    assert len(SCOPE_REASONS) == 4  # para 105
    assert len(CROSS_CUTTING_LINES) == 5  # para 107
    assert FOCUSED_VISIT_TOPICS[0].name == "Front door"
    assert len(FOCUSED_VISIT_TOPICS) == 6  # para 106


# ---------------------------------------------------------------- scope score


def test_scope_score_adds_its_parts_and_shows_each() -> None:
    score = score_topic(TopicEvidence(
        TOPICS_BY_KEY["care_leavers"], worse_outliers=2, weaknesses_without_complete_plan=1,
        weaknesses_with_complete_plan=1, previous_areas_for_improvement=1))
    assert [(p.label, p.points) for p in score.parts] == [
        ("2 indicator(s) worse than neighbours", 4),
        ("1 SEF weakness(es) without a complete plan", 2),
        ("1 SEF weakness(es) with a complete plan", 1),
        ("1 area(s) for improvement from earlier inspections", 1),
    ]
    assert score.total == 8 and score.suggested_reason == "improvement"


def test_a_topic_visited_since_the_last_inspection_counts_against() -> None:
    score = score_topic(TopicEvidence(TOPICS_BY_KEY["front_door"], worse_outliers=1,
                                      visited_since_last_inspection=True))
    assert score.total == -1 and score.suggested_reason is None


def test_strengths_alone_suggest_good_practice_and_add_nothing() -> None:
    score = score_topic(TopicEvidence(TOPICS_BY_KEY["permanence"], strengths=3,
                                      better_outliers=1))
    assert (score.total, score.parts, score.suggested_reason) == (0, (), "good_practice")


def test_topics_rank_by_score_ties_in_framework_order() -> None:
    ranked = rank_topics([
        TopicEvidence(TOPICS_BY_KEY["front_door"]),
        TopicEvidence(TOPICS_BY_KEY["children_in_care"], worse_outliers=1),
        TopicEvidence(TOPICS_BY_KEY["care_leavers"]),
    ])
    assert [s.topic.key for s in ranked] == ["children_in_care", "front_door", "care_leavers"]


# ---------------------------------------------------------------- the letter's lint (para 48)


@pytest.mark.parametrize("sentence, flagged", [
    ("Practice at the front door is strong.", "Practice at the front door is strong"),
    ("Leaders described outstanding work with care leavers.", "outstanding"),
    ("The authority was judged inadequate in 2023.", "judged"),
    ("This is an example of good practice in permanence.", "good practice"),
    ("Assessments were weak in the sample discussed.", "Assessments were weak"),
    ("Services for disabled children require improvement.", "require improvement"),
])
def test_judgements_about_practice_are_flagged_with_the_paragraph(sentence: str,
                                                                  flagged: str) -> None:
    findings = judgement_findings(sentence)
    assert findings and findings[0].text == flagged
    assert findings[0].paragraph == "48" and "judgements about practice" in findings[0].reason


@pytest.mark.parametrize("sentence", [
    "The meeting took place on 3 March 2026 at the council offices.",
    "The DCS described the work to strengthen supervision arrangements.",
    "We agreed a good date for the next meeting: around March 2027.",
    "The local authority will share its self-evaluation in February 2027.",
    "Leaders set out their plans for the care leavers' hub.",
])
def test_factual_sentences_are_not_flagged(sentence: str) -> None:
    assert judgement_findings(sentence) == []


def test_the_lint_finds_child_identifiers_too() -> None:
    findings = letter_findings("We discussed a boy called Jayden Smith.")
    assert [f.text for f in findings] == ["boy called Jayden Smith"]
    assert "must not identify a child" in findings[0].reason


@pytest.mark.parametrize("meeting, due", [
    (date(2026, 1, 31), date(2026, 2, 28)),
    (date(2028, 1, 31), date(2028, 2, 29)),
    (date(2026, 12, 15), date(2027, 1, 15)),
])
def test_the_letter_is_due_a_month_after_the_meeting(meeting: date, due: date) -> None:
    assert letter_due(meeting) == due
