"""The SEF writing hints' corpus: hand-written sentences a local authority might put in
its self-evaluation, each asserted (ILACS framework, para 36: "succinct, focused and
evaluative"; para 33: the quality and impact of practice, and how you know it).

Must hint: the kind expected. Must not: the kind that must not appear (other kinds may).
No hints at all: evaluative writing with impact and evidence. The borderline decisions
are in sef_writing's docstring; sentences marked "decided" here pin them.
"""

from __future__ import annotations

import time

import pytest

from dashboard.domain.sef_writing import (
    ACTIVITY_WITHOUT_IMPACT,
    CLAIM_WITHOUT_EVIDENCE,
    HINT_KINDS,
    VAGUE_AMOUNT,
    WritingHint,
    evaluative_hints,
)

ACTIVITY = ACTIVITY_WITHOUT_IMPACT
CLAIM = CLAIM_WITHOUT_EVIDENCE
VAGUE = VAGUE_AMOUNT

MUST_HINT: list[tuple[str, str]] = [
    # activity with nothing about what changed for children
    ("We have a team that works with adolescents at risk of exploitation.", ACTIVITY),
    ("We introduced a new permanence panel in 2025.", ACTIVITY),
    ("We have established a Family Help service in each locality.", ACTIVITY),
    ("A new permanence panel meets monthly to track plans.", ACTIVITY),
    ("Training was delivered to 120 staff on contextual safeguarding.", ACTIVITY),
    ("The MASH meets daily and makes decisions within 24 hours.", ACTIVITY),
    ("We introduced a new panel to improve outcomes for children.", ACTIVITY),  # an aim
    ("Leaders have launched a new recruitment and retention strategy.", ACTIVITY),
    ("We hold weekly legal gateway meetings chaired by the head of service.", ACTIVITY),
    ("Strategy discussions are held for children at risk of significant harm.", ACTIVITY),
    ("The council has commissioned an edge of care service for adolescents.", ACTIVITY),
    ("In March we set up a care leavers' hub in the town centre.", ACTIVITY),
    ("- We rolled out Signs of Safety across all teams\n- A new recording system went live",
     ACTIVITY),
    ("Our principal social worker runs a monthly practice forum and attends team "
     "meetings.", ACTIVITY),
    ("There is a dedicated unaccompanied children's team in the MASH.", ACTIVITY),
    ("85 social workers attended training on the new practice model.", ACTIVITY),
    ("Children's services has introduced a new case management system.", ACTIVITY),
    ("Children\u2019s services has launched a new edge of care offer.", ACTIVITY),
    ("Since September, we have a new team.\nIt works with 40 families.", ACTIVITY),
    ("We use the Signs of Safety practice model across all teams.", ACTIVITY),
    ("The DCS chairs a monthly performance board which scrutinises key indicators.",
     ACTIVITY),
    # a claim of quality with no figure and no source
    ("Practice is good.", CLAIM),
    ("Management oversight is strong across the service.", CLAIM),
    ("Our front door is robust and decisions are timely.", CLAIM),
    ("Multi-agency working in the MASH works well.", CLAIM),
    ("Assessments are consistently of high quality.", CLAIM),
    ("Supervision is regular and reflective, and staff are well supported.", CLAIM),
    ("Pathway planning for care leavers is weak and lacks ambition.", CLAIM),
    ("Life story work for children in care has improved.", CLAIM),
    ("Permanence planning is effective and children are matched without delay.", CLAIM),
    ("We have excellent relationships with the police and health partners.", CLAIM),
    ("Practice in the disabled children's team is not yet consistently good.", CLAIM),
    ("Leaders know their services well.", CLAIM),
    ("Corporate parenting is well embedded across the council.", CLAIM),
    # vague amounts with no figure in the same sentence
    ("Most children are seen within timescales.", VAGUE),
    ("Many children were at risk of significant harm.", VAGUE),
    ("In 2025, many children waited too long for permanence.", VAGUE),  # a year is no figure
    ("A number of care leavers are not in education, employment or training.", VAGUE),
    ("Some children experience too many changes of social worker.", VAGUE),
    ("The vast majority of assessments are completed on time.", VAGUE),
    ("Re-referrals have reduced significantly this year.", VAGUE),
    ("Several children placed at a distance have returned to the county.", VAGUE),
    ("Very few care leavers live in unsuitable accommodation.", VAGUE),
    ("We have invested considerable resources in the front door.", VAGUE),
    ("A small number of children in care go missing frequently.", VAGUE),
    ("We offer a range of services to families on the edge of care.", VAGUE),
    ("Caseloads are manageable for the majority of social workers.", VAGUE),
    ("**Many** children wait too long for an initial health assessment.", VAGUE),
]

MUST_NOT_HINT: list[tuple[str, str]] = [
    # activity answered by impact, in the same sentence or the next
    ("Since we introduced the panel, fewer children wait for a decision (from 12 weeks "
     "to 6).", ACTIVITY),
    ("We have a team that works with adolescents at risk of exploitation. As a result, "
     "fewer young people go missing from home.", ACTIVITY),
    ("We set up a reunification service in 2024. Children who return home now stay "
     "there: 9 of the 11 reunified last year are still at home.", ACTIVITY),
    ("Training was delivered to 120 staff; audits show children's plans now say what "
     "will change, and families tell us they understand their plans.", ACTIVITY),
    ("The new edge of care team means that more children stay safely with their "
     "families.", ACTIVITY),
    ("We introduced family group conferences, which means children remain with their "
     "wider family rather than coming into care.", ACTIVITY),
    ("A new permanence panel meets monthly. Children's plans for permanence are now "
     "agreed at the second review, down from the fourth.", ACTIVITY),
    ("Our virtual school runs a tutoring offer and attainment at Key Stage 4 rose from "
     "18% to 27%.", ACTIVITY),
    ("Care leavers tell us they feel listened to by their personal advisers.", ACTIVITY),
    ("Children are seen quickly after a referral and tell us they understand why.",
     ACTIVITY),
    # children or families who are what changed, not a service
    ("Young people have developed the skills to live independently.", ACTIVITY),
    ("Children in care have a stable home: 71% have lived in the same place for two "
     "years.", ACTIVITY),
    # plans and gaps: nothing done yet, so no impact to ask about
    ("We will introduce a new neglect strategy in 2026.", ACTIVITY),
    ("We have not yet embedded the new practice model in the disabled children's team.",
     ACTIVITY),
    # claims with evidence in the text
    ("Practice is good: our case audits rated 78% of cases good or better.", CLAIM),
    ("Management oversight is strong, as our monthly dip sampling shows.", CLAIM),
    ("Decisions in the MASH are timely: 96% within one working day.", CLAIM),
    ("The peer review in January found multi-agency working in the MASH is strong.",
     CLAIM),
    ("Young people's feedback through Mind of My Own tells us our advocacy works well.",
     CLAIM),
    ("Assessments are consistently good; we know this from our quality assurance "
     "framework and IRO feedback.", CLAIM),
    ("Practice is good in nine out of ten teams.", CLAIM),  # decided: a figure in words
    ("Two thirds of audited cases showed effective management oversight.", CLAIM),
    # not claims
    ("We will complete the outstanding assessments by the end of June.", CLAIM),
    ("Many parents live in poor housing.", CLAIM),  # a family's circumstances
    ("We support children's emotional well-being as well as their health.", CLAIM),
    # vague words with a figure in the same sentence, or not amounts at all
    ("Most children (82%) are seen within 5 working days.", VAGUE),
    ("The majority of care leavers (64%) are in education, employment or training.",
     VAGUE),
    ("Several of our 14 children's homes were judged good at their last inspection.",
     VAGUE),
    ("Two thirds of young people, many of them unaccompanied, are in EET.", VAGUE),
    ("Children at risk of significant harm are seen the same day.", VAGUE),
    ("Section 47 enquiries are started when there is reasonable cause to suspect "
     "significant harm.", VAGUE),
    ("The difference was statistically significant.", VAGUE),
    ("We have been working towards this for some time.", VAGUE),  # decided: a duration
    ("We focus on the most vulnerable adolescents.", VAGUE),  # a superlative
    ("Our most recent audit found 80% of plans were SMART.", VAGUE),
    ("We know how many children are placed out of area.", VAGUE),
    ("At most, three children a year are placed more than 50 miles away.", VAGUE),
    ("Fewer children now come into care in an emergency.", VAGUE),  # "fewer" is change
]

NO_HINTS: list[str] = [
    "Re-referrals fell from 24% to 18% (Annex A, March 2026) because the front door now "
    "screens every contact against the child's history.",
    "Since we introduced the panel, fewer children wait for a decision (from 12 weeks to 6).",
    "Children subject to a child protection plan for a second time fell from 26% to 19% "
    "in 2025-26, below our statistical neighbours (21%).",
    "Care leavers in education, employment or training rose from 48% to 61% after the "
    "personal adviser team moved into the job centre; young people told us in the "
    "annual survey that advice now comes from one person.",
    "Placement stability has improved: 71% of children in care for 2.5 years have lived "
    "in the same home for 2 years (65% in 2023-24).",
    "Social worker turnover fell from 22% to 14%, and 9 in 10 children in our March "
    "audit had the same social worker for the last six months.",
    "Children wait less for adoption: the average time from entering care to moving in "
    "with their adoptive family fell from 520 to 410 days.",
    "",
    "   \n\t ",
]


def _kinds(text: str) -> list[str]:
    return [hint.kind for hint in evaluative_hints(text)]


def _all_hints() -> list[tuple[str, WritingHint]]:
    texts = [text for text, _ in MUST_HINT + MUST_NOT_HINT] + NO_HINTS
    return [(text, hint) for text in texts for hint in evaluative_hints(text)]


def test_the_corpus_is_large_enough() -> None:
    assert len(MUST_HINT) >= 25 and len(MUST_NOT_HINT) >= 25 and len(NO_HINTS) >= 5
    assert {kind for _, kind in MUST_HINT} == set(HINT_KINDS)
    assert {kind for _, kind in MUST_NOT_HINT} == set(HINT_KINDS)


@pytest.mark.parametrize(("text", "kind"), MUST_HINT)
def test_must_hint(text: str, kind: str) -> None:
    assert kind in _kinds(text), evaluative_hints(text)


@pytest.mark.parametrize(("text", "kind"), MUST_NOT_HINT)
def test_must_not_hint(text: str, kind: str) -> None:
    assert kind not in _kinds(text), evaluative_hints(text)


@pytest.mark.parametrize("text", NO_HINTS)
def test_evaluative_writing_gets_no_hints(text: str) -> None:
    assert evaluative_hints(text) == []


def test_every_reason_quotes_its_excerpt_which_is_in_the_text() -> None:
    found = _all_hints()
    assert len(found) >= len(MUST_HINT)
    for text, hint in found:
        assert hint.kind in HINT_KINDS
        assert hint.excerpt and hint.excerpt in text, hint
        assert f'"{hint.excerpt}"' in hint.reason, hint
        assert hint.reason.count(". ") == 0 and hint.reason.endswith("."), hint  # one sentence


@pytest.mark.parametrize(("text", "kind", "excerpt"), [
    ("We have a team that works with adolescents at risk of exploitation.", ACTIVITY,
     "We have a team"),
    ("We introduced a new permanence panel in 2025.", ACTIVITY,
     "We introduced a new permanence panel"),
    ("Training was delivered to 120 staff on contextual safeguarding.", ACTIVITY,
     "Training was delivered"),
    ("A new permanence panel meets monthly to track plans.", ACTIVITY,
     "A new permanence panel meets monthly"),
    ("The DCS chairs a monthly performance board which scrutinises key indicators.",
     ACTIVITY, "The DCS chairs a monthly performance board"),
    ("Our front door is effective.", CLAIM, "Our front door is effective"),
    ("Management oversight is strong across the service.", CLAIM,
     "Management oversight is strong"),
    ("Multi-agency working in the MASH works well.", CLAIM, "works well"),
    ("Most children are seen within timescales.", VAGUE, "Most"),
    ("The vast majority of assessments are completed on time.", VAGUE, "The vast majority"),
    ("Re-referrals have reduced significantly this year.", VAGUE, "significantly"),
])
def test_the_triggering_words_are_quoted(text: str, kind: str, excerpt: str) -> None:
    hint = next(h for h in evaluative_hints(text) if h.kind == kind)
    assert hint.excerpt == excerpt
    assert f'"{excerpt}"' in hint.reason


def test_vague_amounts_ask_how_many_or_how_much() -> None:
    many, = evaluative_hints("Many children wait too long.")
    assert many.reason == 'It says "Many" but gives no figure: say how many, or what share.'
    much, = evaluative_hints("Caseloads fell considerably.")
    assert "say how much" in much.reason


def test_significant_harm_never_hints() -> None:
    for text in ("significant harm", "Significant Harm", "likely to suffer significant harm",
                 "Threshold: significant harm (Children Act 1989, s.31)."):
        assert VAGUE not in _kinds(text), text


def test_one_activity_and_one_claim_per_text() -> None:
    text = ("We introduced a new panel. We set up a hub. We launched a strategy.\n"
            "Practice is good. Leadership is strong. Supervision is effective.")
    assert _kinds(text) == [ACTIVITY, CLAIM]
    assert evaluative_hints(text)[0].excerpt == "We introduced a new panel"
    assert evaluative_hints(text)[1].excerpt == "Practice is good"


def test_one_hint_per_vague_word_in_order_three_at_most() -> None:
    hints = evaluative_hints("Many children wait. Many families too. Some teams are "
                             "stretched and several posts are vacant, with a number of "
                             "agency staff.")
    assert [h.excerpt for h in hints] == ["Many", "Some", "several"]


def test_hints_come_activity_then_claim_then_vague() -> None:
    text = "Most teams are strong. We launched a new practice model."
    assert _kinds(text) == [ACTIVITY, CLAIM, VAGUE]


def test_impact_anywhere_in_the_text_answers_the_activity() -> None:
    text = ("We have a team that works with adolescents at risk of exploitation.\n\n"
            "- It meets weekly with the police\n"
            "- As a result, fewer young people go missing from home")
    assert ACTIVITY not in _kinds(text)


def test_bullet_numbers_and_dates_are_not_evidence() -> None:
    text = "1. Practice is strong\n2. Leadership is effective\nUpdated 31 March 2026."
    assert CLAIM in _kinds(text)


def test_long_text_is_fast() -> None:
    paragraph = " ".join(text for text, _ in MUST_HINT + MUST_NOT_HINT) + "\n"
    text = (paragraph * (20_000 // len(paragraph) + 1))[:20_000]
    began = time.perf_counter()
    for i in range(5):
        evaluative_hints(text[:-1] + str(i))  # a new text each time: nothing cached
    assert (time.perf_counter() - began) / 5 < 0.05  # typically 3 to 6 ms; generous for CI


def test_pathological_text_is_fast() -> None:
    for text in ("a " * 10_000, "we have " * 2_500, "many " * 4_000, "1" * 20_000,
                 ("x" * 50 + " ") * 390, "is is is " * 2_200):
        began = time.perf_counter()
        evaluative_hints(text)
        assert time.perf_counter() - began < 0.2, text[:20]


def test_a_typical_statement_is_fast() -> None:
    text = " ".join(text for text, _ in MUST_HINT[:8])
    evaluative_hints(text + " ")
    began = time.perf_counter()
    for i in range(20):
        evaluative_hints(text + str(i))  # a new text each time: nothing cached
    assert (time.perf_counter() - began) / 20 < 0.005
