"""The SEF's shape and rules (framework paras 33-38), the identifier check and comparison."""

from __future__ import annotations

import pytest

from dashboard.domain.child_identifiers import identifier_findings, possible_child_identifiers
from dashboard.domain.sef import (
    DEVELOPMENT,
    INDICATOR,
    QUESTIONS,
    STRENGTH,
    SUGGESTED_THEMES,
    Figure,
    InvalidSef,
    Sef,
    add_evidence,
    add_plan,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
    figure_has_changed,
    indicators_bearing_on,
    keep_trusted_figures,
    over_length,
    remove_part,
    section_word_counts,
    sef_from_dict,
    sef_to_dict,
    set_figures,
    user_texts,
    weakness_plan_coverage,
)
from dashboard.domain.sef_compare import ADDED, CHANGED, REMOVED, compare_sefs
from dashboard.domain.sef_outline import Heading, Table, outline_text, sef_outline
from dashboard.domain.sef_text import ListBlock, Paragraph, Run, parse_blocks, plain_text


def _theme_with(sef: Sef, *kinds: str) -> Sef:
    sef = add_theme(sef, "Children in care")
    for kind in kinds:
        sef = add_statement(sef, sef.themes[-1].id, kind)
    return sef


def _figure(value: float, snapshot_id: int, period_end: str) -> Figure:
    return Figure("cla_rate", "Children in care per 10,000", "per 10,000 children", value,
                  120.0, 20000.0, period_end, snapshot_id, (("England", 70.0),))


# ---------------------------------------------------------------- structure


def test_the_three_questions_are_para_33_word_for_word() -> None:
    assert list(QUESTIONS.values()) == [
        "What do you know about the quality and impact of social work practice in your "
        "local authority?",
        "How do you know it?",
        "What are your plans for the next 12 months to maintain or improve practice?",
    ]


def test_suggested_themes_cover_the_framework_areas() -> None:
    assert "Help and protection, including the front door" in SUGGESTED_THEMES
    assert "Leadership, workforce and management oversight" in SUGGESTED_THEMES
    assert len(SUGGESTED_THEMES) == 6


def test_a_sef_survives_being_stored_and_read_back() -> None:
    sef = _theme_with(Sef(), STRENGTH, DEVELOPMENT)
    weakness = sef.themes[0].statements[1]
    sef = add_evidence(sef, weakness.id, "case_audit")
    sef = add_plan(sef, (weakness.id,))
    assert sef_from_dict(sef_to_dict(sef)) == sef


@pytest.mark.parametrize("broken, message", [
    ("not a dict", "not in the expected form"),
    ({"themes": [{"id": "x!", "name": "A"}]}, "no valid id"),
    ({"themes": [{"id": "t123456", "statements": [{"id": "s123456", "kind": "opinion"}]}]},
     "neither a strength"),
    ({"plans": [{"id": "p123456", "due": "2026-02-30"}]}, "not a real date"),
    ({"summaries": {"know": 5}}, "must be text"),
    ({"summaries": {"know": "x" * 20_001}}, "longer than 20,000"),
    ({"length_limit_words": 5}, "from 100 to 100,000"),
    ({"themes": [{"id": "t123456"}, {"id": "t123456"}]}, "same id"),
])
def test_data_not_in_the_shape_of_a_sef_is_refused_with_a_reason(broken, message) -> None:
    with pytest.raises(InvalidSef, match=message):
        sef_from_dict(broken)


def test_control_characters_are_dropped_but_lines_kept() -> None:
    sef = sef_from_dict({"summaries": {"know": "a\x00b\r\nc\td"}})
    assert sef.summaries["know"] == "ab\nc\td"


def test_edits_go_to_the_field_they_name() -> None:
    sef = _theme_with(Sef(), DEVELOPMENT)
    statement = sef.themes[0].statements[0]
    edited = apply_edits(sef, {
        field_path("summary", "", "know"): "We know our front door well.",
        field_path("statement", statement.id, "text"): "Too many re-referrals.",
        field_path("settings", "", "length_limit_words"): "2500",
    })
    assert edited.summaries["know"] == "We know our front door well."
    assert edited.themes[0].statements[0].text == "Too many re-referrals."
    assert edited.length_limit_words == 2500


def test_an_edit_to_a_part_a_colleague_removed_is_ignored_but_an_unknown_field_refused() -> None:
    sef = _theme_with(Sef(), STRENGTH)
    assert apply_edits(sef, {"statement:s999999:text": "gone"}) == sef
    with pytest.raises(InvalidSef, match="reload"):
        apply_edits(sef, {"statement:s999999:author": "x"})


def test_choosing_another_indicator_unlinks_the_old_figures() -> None:
    sef = _theme_with(Sef(), STRENGTH)
    sef = add_evidence(sef, sef.themes[0].statements[0].id, INDICATOR)
    evidence = sef.themes[0].statements[0].evidence[0]
    sef = apply_edits(sef, {field_path("evidence", evidence.id, "indicator_id"): "cla_rate"})
    sef = set_figures(sef, {"cla_rate": _figure(60.0, 1, "2026-03-31")}, only_missing=True)
    assert sef.themes[0].statements[0].evidence[0].figure.value == 60.0
    # a later upload does not change what is linked until the LA refreshes
    kept = set_figures(sef, {"cla_rate": _figure(65.0, 2, "2026-06-30")}, only_missing=True)
    assert kept.themes[0].statements[0].evidence[0].figure.value == 60.0
    refreshed = set_figures(sef, {"cla_rate": _figure(65.0, 2, "2026-06-30")}, only_missing=False)
    assert refreshed.themes[0].statements[0].evidence[0].figure.value == 65.0
    other = apply_edits(sef, {field_path("evidence", evidence.id, "indicator_id"): "cp_rate"})
    assert other.themes[0].statements[0].evidence[0].figure is None


def test_removing_a_weakness_unlinks_it_from_plans() -> None:
    sef = _theme_with(Sef(), DEVELOPMENT)
    weakness = sef.themes[0].statements[0]
    sef = add_plan(sef, (weakness.id,))
    assert remove_part(sef, weakness.id).plans[0].answers == ()


# ---------------------------------------------------------------- para 38: plans cover weaknesses


def test_each_weakness_shows_whether_a_complete_plan_answers_it() -> None:
    sef = _theme_with(Sef(), DEVELOPMENT, DEVELOPMENT, DEVELOPMENT, STRENGTH)
    planned, half, bare, _strength = (s.id for s in sef.themes[0].statements)
    sef = add_plan(sef, (planned,))
    sef = add_plan(sef, (half,))
    complete, partial = sef.plans
    sef = apply_edits(sef, {
        field_path("plan", complete.id, "action"): "Daily MASH huddles",
        field_path("plan", complete.id, "owner"): "Head of front door",
        field_path("plan", complete.id, "due"): "2027-03-31",
        field_path("plan", complete.id, "impact_measure"): "Re-referrals below 20%",
        field_path("plan", partial.id, "action"): "Review supervision",
    })
    coverage = {row.weakness.id: row.status for row in weakness_plan_coverage(sef)}
    assert coverage == {planned: "planned", half: "incomplete", bare: "none"}


def test_strengths_need_no_plan() -> None:
    sef = _theme_with(Sef(), STRENGTH)
    assert weakness_plan_coverage(sef) == []


# ---------------------------------------------------------------- para 36: succinct


def test_words_are_counted_per_question_without_formatting_marks() -> None:
    sef = _theme_with(Sef(summaries={"know": "**Two** words", "how": "one", "plans": ""}),
                      STRENGTH)
    sef = apply_edits(sef, {
        field_path("statement", sef.themes[0].statements[0].id, "text"): "- stable\n- homes",
    })
    # "Children in care" (3) + "Two words" (2) + "stable homes" (2)
    assert section_word_counts(sef) == {"know": 7, "how": 1, "plans": 0}


def test_over_length_is_how_far_past_the_las_own_limit() -> None:
    sef = sef_from_dict({"summaries": {"know": "word " * 150}, "length_limit_words": 100})
    assert over_length(sef) == 50
    assert over_length(sef_from_dict({"summaries": {"know": "word " * 99},
                                      "length_limit_words": 100})) == 0


# ---------------------------------------------------------------- figures


def test_a_newer_snapshot_with_a_different_figure_is_flagged() -> None:
    frozen = _figure(60.0, 1, "2026-03-31")
    assert figure_has_changed(frozen, _figure(64.0, 2, "2026-06-30"))
    assert not figure_has_changed(frozen, _figure(60.0, 2, "2026-06-30"))
    assert not figure_has_changed(frozen, _figure(60.0, 1, "2026-03-31"))
    assert not figure_has_changed(frozen, None)
    # an older period uploaded late is not "newer"
    assert not figure_has_changed(frozen, _figure(50.0, 3, "2025-12-31"))


# ---------------------------------------------------------------- text


def test_light_formatting_becomes_blocks_and_html_stays_text() -> None:
    blocks = parse_blocks("We **know** <script>alert(1)</script>\n\n- one\n- *two*")
    assert blocks == (
        Paragraph((Run("We "), Run("know", bold=True), Run(" <script>alert(1)</script>"))),
        ListBlock(False, ((Run("one"),), (Run("two", italic=True),))),
    )
    assert plain_text("[link](javascript:alert(1)) <img src=x onerror=alert(1)>") == (
        "[link](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )


# ---------------------------------------------------------------- child identifiers


@pytest.mark.parametrize("text, kind", [
    ("A boy called Jayden Smith was seen twice.", "a name"),
    ("We spoke with Mrs Khan about her son.", "a title and surname"),
    ("the young person, known as Tyler, said", "a name"),
    ("DOB 03/04/2012", "a date of birth"),
    ("born on 3rd April 2012", "a date of birth"),
    ("Case ID 4471932 was audited", "a case or child ID"),
    ("see 2045517 in Mosaic", "a case or child ID"),
    ("UPN A12345678901B", "a Unique Pupil Number"),
    ("NHS 943 476 5919", "an NHS number"),
])
def test_text_that_may_identify_a_child_is_found(text: str, kind: str) -> None:
    assert kind in [found_kind for found_kind, _ in possible_child_identifiers(text)]


@pytest.mark.parametrize("text", [
    "Child A and Child B were seen within 5 working days.",
    "Child protection plans fell to 41.2 per 10,000 in 2025-26.",
    "Children in care: 1,204 children; budget £1200000.",
    "The Young Person's Advisor service and the Child Exploitation panel meet weekly.",
    "We audited 120 cases between 1 April 2026 and 30 June 2026.",
])
def test_ordinary_sef_text_is_not_flagged(text: str) -> None:
    assert possible_child_identifiers(text) == []


def test_findings_say_where_they_are() -> None:
    sef = _theme_with(Sef(), STRENGTH)
    sef = apply_edits(sef, {
        field_path("statement", sef.themes[0].statements[0].id, "text"): "a girl named Amy",
    })
    findings = identifier_findings(user_texts(sef))
    assert [(f.where, f.kind, f.excerpt) for f in findings] == [
        ("Strength in “Children in care”", "a name", "girl named Amy")
    ]


# ---------------------------------------------------------------- comparison


def test_comparison_lists_added_removed_and_changed_parts_with_word_changes() -> None:
    older = _theme_with(Sef(summaries={"know": "Practice is good", "how": "", "plans": ""}),
                        STRENGTH, DEVELOPMENT)
    strength, weakness = older.themes[0].statements
    older = apply_edits(older, {field_path("statement", weakness.id, "text"): "Drift in PLO"})
    newer = remove_part(older, weakness.id)
    newer = apply_edits(newer, {
        field_path("summary", "", "know"): "Practice is mostly good",
        field_path("statement", strength.id, "text"): "Stable placements",
    })
    newer = add_plan(newer)
    changes = compare_sefs(older, newer)
    kinds = {(c.kind, c.label) for c in changes}
    assert (CHANGED, "Question 1, opening text") in kinds
    assert (CHANGED, "Strength in “Children in care”") in kinds
    assert (ADDED, "Plan 1 ()") in kinds
    assert (REMOVED, "Area for development in “Children in care”") in kinds
    opening = next(c for c in changes if c.label == "Question 1, opening text")
    assert [(s.kind, s.text) for s in opening.segments] == [
        ("same", "Practice is"), ("added", "mostly"), ("same", "good")]
    assert compare_sefs(newer, newer) == []


# ---------------------------------------------------------------- the document


def test_the_document_follows_the_three_questions_with_evidence_and_plan_tables() -> None:
    sef = _theme_with(Sef(summaries={"know": "Overview", "how": "Audits", "plans": "Plans"}),
                      STRENGTH, DEVELOPMENT)
    strength, weakness = sef.themes[0].statements
    sef = add_evidence(sef, strength.id, "feedback")
    sef = add_plan(sef, (weakness.id,))
    evidence = sef.themes[0].statements[0].evidence[0]
    sef = apply_edits(sef, {
        field_path("statement", strength.id, "text"): "Children say they feel listened to",
        field_path("statement", weakness.id, "text"): "Pathway plans are late",
        field_path("evidence", evidence.id, "summary"): "Bright Spots survey: 82% positive",
        field_path("evidence", evidence.id, "dated"): "2026-05-01",
        field_path("evidence", evidence.id, "source"): "Coram Voice",
        field_path("plan", sef.plans[0].id, "action"): "Pathway plan tracker",
    })
    outline = sef_outline(sef, "Barnsley", "Version 3", "Shared 1 June 2026")
    headings = [e.text for e in outline.body if isinstance(e, Heading) and e.level == 1]
    assert headings == [f"{n}. {q}" for n, q in enumerate(QUESTIONS.values(), start=1)]
    tables = {e.caption: e for e in outline.body if isinstance(e, Table)}
    assert tables["Evidence: Children in care"].rows == ((
        "Children say they feel listened to", "Feedback from children and families",
        "Bright Spots survey: 82% positive", "1 May 2026", "Coram Voice"),)
    assert tables["Plans for the next 12 months"].rows[0][4] == "Pathway plans are late"
    assert tables["Areas for development and their plans"].rows[0][3] == "Plan incomplete"
    assert outline.title == "Barnsley: self-evaluation of social work practice"
    assert "Children say they feel listened to" in outline_text(outline)


# ---------------------------------------------------------------- found in review


@pytest.mark.parametrize("kind", [[], {}, 3, None])
def test_a_kind_that_is_not_text_is_refused_not_a_crash(kind) -> None:
    with pytest.raises(InvalidSef):
        sef_from_dict({"themes": [{"id": "t123456", "statements": [
            {"id": "s123456", "kind": kind}]}]})
    with pytest.raises(InvalidSef):
        sef_from_dict({"themes": [{"id": "t123456", "statements": [
            {"id": "s123456", "kind": STRENGTH,
             "evidence": [{"id": "e123456", "kind": kind}]}]}]})


def test_characters_word_and_pdf_cannot_hold_are_dropped() -> None:
    sef = sef_from_dict({"summaries": {"know": "a\ufffeb\uffffc\ud800d😀"}})
    assert sef.summaries["know"] == "abcd😀"


def test_making_a_strength_an_area_for_development_or_relinking_a_plan_is_a_change() -> None:
    sef = _theme_with(Sef(), STRENGTH, DEVELOPMENT)
    strength, weakness = sef.themes[0].statements
    sef = add_plan(sef)
    flipped = apply_edits(sef, {field_path("statement", strength.id, "kind"): DEVELOPMENT})
    [change] = compare_sefs(sef, flipped)
    assert (change.before, change.after) == ("Strength: ", "Area for development: ")
    linked = apply_edits(sef, {field_path("plan", sef.plans[0].id, "answers"): [weakness.id]})
    [change] = compare_sefs(sef, linked)
    assert change.label.startswith("Plan 1") and "no area for development" in change.before


def test_a_corrected_upload_for_the_same_period_is_flagged() -> None:
    frozen = _figure(60.0, 1, "2026-03-31")
    assert figure_has_changed(frozen, _figure(62.0, 2, "2026-03-31"))


def test_figures_are_only_ever_the_trusted_versions_or_none() -> None:
    sef = _theme_with(Sef(), STRENGTH)
    sef = add_evidence(sef, sef.themes[0].statements[0].id, INDICATOR)
    evidence = sef.themes[0].statements[0].evidence[0]
    sef = apply_edits(sef, {field_path("evidence", evidence.id, "indicator_id"): "cla_rate"})
    trusted = set_figures(sef, {"cla_rate": _figure(60.0, 1, "2026-03-31")}, only_missing=True)
    forged = set_figures(sef, {"cla_rate": _figure(99.9, 987654, "2030-01-01")},
                         only_missing=True)
    kept = keep_trusted_figures(forged, trusted)
    assert kept.themes[0].statements[0].evidence[0].figure.value == 60.0
    assert keep_trusted_figures(forged, Sef()).themes[0].statements[0].evidence[0].figure is None


def test_indicators_bearing_on_a_theme_are_its_linked_ones_then_its_areas() -> None:
    groups = {"cla_rate": "Children in care", "cla_missing": "Children in care",
              "referrals_rate": "Front door", "workforce_agency": "Workforce"}
    sef = _theme_with(Sef(), STRENGTH)  # "Children in care"
    sef = add_evidence(sef, sef.themes[0].statements[0].id, INDICATOR)
    evidence = sef.themes[0].statements[0].evidence[0]
    sef = apply_edits(sef, {field_path("evidence", evidence.id, "indicator_id"): "referrals_rate"})
    assert indicators_bearing_on(sef.themes[0], groups) == [
        "referrals_rate", "cla_rate", "cla_missing"]
    own = add_theme(Sef(), "Our own theme").themes[0]
    assert indicators_bearing_on(own, groups) == []
