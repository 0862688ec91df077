"""The meeting's agenda items, the focused-visit scope score and the letter's lint."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.domain.engagement import (
    AGENDA_HEADINGS,
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
    assert len(AGENDA_ITEMS) == len(AGENDA_HEADINGS) == 7  # para 42
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
        TopicEvidence(TOPICS_BY_KEY["care_leavers"]),
        TopicEvidence(TOPICS_BY_KEY["children_in_care"], worse_outliers=1),
        TopicEvidence(TOPICS_BY_KEY["front_door"]),
    ])
    assert [s.topic.key for s in ranked] == ["children_in_care", "front_door", "care_leavers"]


# ---------------------------------------------------------------- the letter's lint (para 48)


@pytest.mark.parametrize("sentence, flagged", [
    ("Practice at the front door is strong.", "Practice at the front door is strong"),
    ("Leaders described outstanding work with care leavers.", "outstanding work"),
    ("The authority was judged inadequate in 2023.", "judged inadequate"),
    ("This is an example of good practice in permanence.", "good practice"),
    ("Assessments were weak in the sample discussed.", "Assessments were weak"),
    ("Services for disabled children require improvement.", "require improvement"),
])
def test_judgements_about_practice_are_flagged_with_the_paragraph(sentence: str,
                                                                  flagged: str) -> None:
    findings = judgement_findings(sentence)
    assert findings and findings[0].text == flagged
    assert findings[0].paragraph == "48"  # kept for the record, never shown as the reason
    assert "The letter records what was discussed, not how good it is" in findings[0].reason
    assert "paragraph" not in findings[0].reason.lower()


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
    assert findings[0].reason == ("This may identify a child (a name). The letter goes to the "
                                  "local authority: remove it or describe the child without "
                                  "naming them.")


@pytest.mark.parametrize("meeting, due", [
    (date(2026, 1, 31), date(2026, 2, 28)),
    (date(2028, 1, 31), date(2028, 2, 29)),
    (date(2026, 12, 15), date(2027, 1, 15)),
])
def test_the_letter_is_due_a_month_after_the_meeting(meeting: date, due: date) -> None:
    assert letter_due(meeting) == due


# ---------------------------------------------------------------- gathering a topic's evidence


def _sef_with_care_leavers_theme():
    from dashboard.domain.sef import Plan, Sef, Statement, Theme

    theme = Theme("t1", "Care leavers", (
        Statement("s1", "strength", "Personal advisers keep in touch."),
        Statement("w1", "development", "Pathway plans are late."),
        Statement("w2", "development", "Too few in education."),
    ))
    other = Theme("t2", "Children in care", (Statement("w3", "development", "Drift."),))
    plans = (Plan("p1", "Tracker", "Head of service", "2027-03-31", "90% on time", ("w1",)),
             Plan("p2", "Mentors", "", "", "", ("w2",)))
    return Sef(themes=(theme, other), plans=plans)


def test_topic_evidence_counts_its_own_outliers_and_sef_statements() -> None:
    from dashboard.domain.fv_scope import topic_evidence

    senses = [("Care leavers", "worse"), ("Care leavers", "better"), ("Care leavers", None),
              ("Children in care", "worse")]
    evidence = topic_evidence(TOPICS_BY_KEY["care_leavers"], senses,
                              _sef_with_care_leavers_theme(), {"front_door"})
    assert (evidence.worse_outliers, evidence.better_outliers) == (1, 1)
    assert evidence.strengths == 1
    # w1 has a complete plan; w2's plan lacks an owner, due date and measure
    assert (evidence.weaknesses_with_complete_plan,
            evidence.weaknesses_without_complete_plan) == (1, 1)
    assert evidence.visited_since_last_inspection is False
    assert score_topic(evidence).total == 2 + 2 + 1


def test_a_topic_with_no_shared_sef_counts_indicators_and_visits_only() -> None:
    from dashboard.domain.fv_scope import topic_evidence

    evidence = topic_evidence(TOPICS_BY_KEY["front_door"], [("Front door", "worse")], None,
                              {"front_door"})
    assert evidence.worse_outliers == 1 and evidence.strengths == 0
    assert evidence.visited_since_last_inspection is True


@pytest.mark.parametrize("theme, key", [
    ("Children in need/subject to a plan", "children_in_need"),
    ("Achieving permanence", "permanence"),
    ("  care   leavers ", "care_leavers"),
    ("Something else", None),
    (None, None),
])
def test_published_visit_themes_map_to_topics(theme: str | None, key: str | None) -> None:
    from dashboard.domain.engagement import topic_for_visit_theme

    assert topic_for_visit_theme(theme) == key


# ---------------------------------------------------------------- the record and the letter


def _record(reason: str | None = "improvement", steps: bool = True):
    from dashboard.domain.engagement_letter import (
        AgendaNote,
        Attendee,
        MeetingRecord,
        NextStep,
        ScopeChoice,
    )

    return MeetingRecord(
        la_name="Barnsley", held_on=date(2026, 11, 2),
        attendees=(Attendee("Jo Bloggs", "Director of Children's Services", "la"),
                   Attendee("Sam Senior", "Senior HMI", "ofsted")),
        agenda=tuple(AgendaNote(title, f"Note on item {n}.")
                     for n, title in enumerate(AGENDA_HEADINGS, start=1)),
        scope=ScopeChoice(("care_leavers",), reason, "Timing to suit the LA's audit cycle."),
        next_sef_timing="September 2027", next_meeting_timing="November 2027",
        next_steps=(NextStep("Share the care leavers audit", "Head of service",
                             date(2027, 1, 31), "la"),) if steps else (),
    )


def test_the_draft_letter_follows_para_48_in_order() -> None:
    from dashboard.domain.engagement_letter import draft_letter_body, letter_sections

    body = draft_letter_body(_record())
    headings = [h for h, _text in letter_sections(body) if h]
    assert headings == [
        "Agenda items discussed",
        "The possible scope of a future focused visit",
        "Timing of the next self-evaluation and annual engagement meeting",
        "Next steps agreed",
    ]
    assert "2 November 2026" in body
    for n in range(1, 8):
        assert f"Note on item {n}." in body
    assert "Possible topic: Care leavers." in body
    assert "performance management, management oversight, supervision" in body  # para 107
    assert "Self-evaluation: September 2027." in body
    assert ("- Share the care leavers audit (Head of service by 31 January 2027; "
            "agreed by the local authority)") in body


@pytest.mark.parametrize("reason", ["good_practice", "improvement", "agreement", "thematic",
                                    None])
def test_the_drafted_letter_makes_no_judgement_whatever_the_reason(reason: str | None) -> None:
    from dashboard.domain.engagement_letter import draft_letter_body

    assert letter_findings(draft_letter_body(_record(reason))) == []


def test_a_record_with_no_scope_or_steps_says_so() -> None:
    from dashboard.domain.engagement_letter import ScopeChoice, draft_letter_body

    record = _record(steps=False)
    body = draft_letter_body(record.__class__(**{**record.__dict__, "scope": ScopeChoice(
        note="Timing to suit the LA's audit cycle.")}))
    assert "No focused-visit topic was identified.\n\nTiming to suit the LA's audit cycle." in body
    assert "No next steps were agreed." in body


def test_attendees_are_one_a_line_and_errors_name_the_line() -> None:
    from dashboard.domain.engagement_letter import Attendee, attendees_text, parse_attendees

    people, errors = parse_attendees("Jo Bloggs, DCS\n\n  Ann  Lee ,  Assistant director\n"
                                     ", no name\nPat", "la")
    assert people == [Attendee("Jo Bloggs", "DCS", "la"),
                      Attendee("Ann Lee", "Assistant director", "la"),
                      Attendee("Pat", "", "la")]
    assert errors == ["Line 4 has no name before the comma."]
    assert attendees_text(people) == "Jo Bloggs, DCS\nAnn Lee, Assistant director\nPat"
    _people, errors = parse_attendees("x" * 201, "la")
    assert errors == ["Line 1 is longer than 200 characters."]


def test_the_letter_document_has_the_date_attendees_and_no_title_page() -> None:
    from dashboard.domain.engagement_letter import Letter, draft_letter_body, letter_outline
    from dashboard.domain.sef_outline import outline_text

    record = _record()
    letter = Letter("Barnsley", "Jo Bloggs", record.held_on, record.attendees,
                    draft_letter_body(record), "Sam Senior, Senior HMI",
                    issued_on=date(2026, 11, 20))
    outline = letter_outline(letter)
    text = "\n".join(outline_text(outline))
    assert outline.title_page is False
    assert "20 November 2026" in text and "Draft" not in text
    assert "Annual engagement meeting, 2 November 2026" in text
    assert "Jo Bloggs" in text and "Sam Senior" in text
    # issue 21: no notes about the letter in the letter (it was "Not for publication
    # (framework paragraph 48)"); tests/domain/test_letter_layout.py checks the layout
    assert "Not for publication" not in text and "paragraph" not in text
    draft = letter_outline(letter.__class__(**{**letter.__dict__, "issued_on": None}))
    assert "Draft: not issued" in "\n".join(outline_text(draft))


@pytest.mark.parametrize("meeting, issued, today, expected", [
    (None, None, date(2026, 11, 23), "No meeting recorded"),
    (date(2026, 10, 31), None, date(2026, 11, 23), "Due by 30 November 2026"),
    (date(2026, 10, 20), None, date(2026, 11, 23), "Overdue: due 20 November 2026"),
    (date(2026, 10, 20), None, date(2026, 11, 20), "Due by 20 November 2026"),
    (date(2026, 10, 20), date(2026, 11, 2), date(2026, 11, 23), "Issued 2 November 2026"),
    (date(2026, 10, 20), date(2026, 11, 21), date(2026, 11, 23),
     "Issued 21 November 2026 (late)"),
])
def test_letter_status_for_the_overview(meeting, issued, today, expected) -> None:
    from dashboard.domain.engagement_letter import letter_status

    assert letter_status(meeting, issued, today) == expected


def test_an_override_answers_those_words_in_that_sentence_only() -> None:
    from dashboard.domain.letter_lint import finding_key, open_findings, override_key

    text = "Practice is strong. The DCS said the  front door is outstanding."
    findings = letter_findings(text)
    assert [f.text for f in findings] == ["Practice is strong", "front door is outstanding"]
    assert findings[1].context == "The DCS said the front door is outstanding."
    overridden = {override_key("FRONT DOOR is outstanding", findings[1].reason,
                               "the DCS said the front door is  outstanding.")}
    assert [f.text for f in open_findings(findings, overridden)] == ["Practice is strong"]
    # the same word used again, in a judgement, is a new finding the override does not answer
    later = letter_findings(text + " Help and protection practice is outstanding.")
    assert [f.text for f in open_findings(later, overridden)] == [
        "Practice is strong", "Help and protection practice is outstanding"]
    assert open_findings(findings, {finding_key(findings[0])}) == findings[1:]


def test_an_override_recorded_before_the_sharper_check_still_answers() -> None:
    from dashboard.domain.letter_lint import open_findings, override_key

    old_judgement = ("The letter must not contain judgements about practice (framework "
                     "paragraph 48).")
    old_child = ("The letter goes to the local authority and must not identify a child "
                 "(a name).")
    body = ("**1. Help and protection**\n\nPractice at the front door is **strong**. "
            "We discussed a boy called Jayden Smith.\n\n- Leaders have robust plans.")
    findings = letter_findings(body)
    assert [f.text for f in findings] == ["Practice at the front door is strong",
                                          "boy called Jayden Smith", "robust plans"]
    # the old check read the raw text: its words and sentences carried the Markdown marks
    before = {override_key("Practice at the front door is **strong", old_judgement,
                           "Practice at the front door is **strong**."),
              override_key("boy called Jayden Smith", old_child,
                           "We discussed a boy called Jayden Smith."),
              override_key("Leaders have robust plans", old_judgement,
                           "- Leaders have robust plans.")}
    assert open_findings(findings, before) == []
    # each answers its own sentence and kind only
    assert open_findings(findings, {override_key("boy called Jayden Smith", old_judgement,
                                                 "We discussed a boy called Jayden Smith.")}
                         ) == findings
    only_the_name = {override_key("boy called Jayden Smith", old_child,
                                  "We discussed a boy called Jayden Smith.")}
    assert open_findings(findings, only_the_name) == [findings[0], findings[2]]


@pytest.mark.parametrize("recorded, expected", [
    (date(2026, 11, 3), date(2026, 11, 3)),  # the record's date wins
    (None, date(2026, 11, 2)),  # passed but not yet recorded: still held
])
def test_a_meeting_is_held_on_its_recorded_date_or_once_its_date_has_passed(
        recorded: date | None, expected: date) -> None:
    from dashboard.domain.engagement_letter import meeting_held_on

    assert meeting_held_on(date(2026, 11, 2), recorded, date(2026, 11, 23)) == expected
    assert meeting_held_on(date(2026, 12, 2), None, date(2026, 11, 23)) is None
