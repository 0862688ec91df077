"""The letter check's corpus: hand-written sentences an inspector might write, each
asserted (ILACS framework para 48: the letter "will not ... contain any judgements about
practice"; it goes to the local authority and must not identify a child).

Must flag: which kind of finding, on which words. Must not: the factual uses that are
fine, and near misses of every rule. The borderline decisions are in letter_lint's
docstring; sentences marked "decided" here pin them.
"""

from __future__ import annotations

import pytest

from dashboard.domain import child_identifiers as ci
from dashboard.domain.letter_lint import (
    GRADE,
    JUDGEMENT,
    REASONS,
    letter_findings,
)

MUST_FLAG: list[tuple[str, str, str]] = [
    # a name with an age, or a first name followed by an age
    ("We heard about Jack, aged 9, who waited for a placement.", ci.NAME_WITH_AGE,
     "Jack, aged 9"),
    ("Jack aged 9 was the example leaders used.", ci.NAME_WITH_AGE, "Jack aged 9"),
    ("Emily Jones (11) moved school twice.", ci.NAME_WITH_AGE, "Emily Jones (11)"),
    ("Sarah (aged 14 when she came into care) was discussed.", ci.NAME_WITH_AGE,
     "Sarah (aged 14"),
    ("Leaders mentioned Tom, 15, who is now in a stable home.", ci.NAME_WITH_AGE, "Tom, 15"),
    ("Aisha, a 12-year-old, was referred again.", ci.NAME_WITH_AGE, "Aisha, a 12-year-old"),
    ("Liam, 16 years old, left care in June.", ci.NAME_WITH_AGE, "Liam, 16 years old"),
    ("Priya (age 7) has a new social worker.", ci.NAME_WITH_AGE, "Priya (age 7"),
    # a title with a surname
    ("Miss Patel raised the concern with the school.", ci.TITLE_AND_SURNAME, "Miss Patel"),
    ("Mr O'Neill, the foster carer, asked for respite.", ci.TITLE_AND_SURNAME, "Mr O'Neill"),
    ("The case of Master McDonald was escalated.", ci.TITLE_AND_SURNAME, "Master McDonald"),
    ("Mrs Smith-Jones has cared for the siblings since 2023.", ci.TITLE_AND_SURNAME,
     "Mrs Smith-Jones"),
    # a name after "a boy called", "the young person, known as" ...
    ("A boy called Jack Smith was discussed at length.", ci.NAME, "boy called Jack Smith"),
    ("A girl named Chloe was the subject of the audit.", ci.NAME, "girl named Chloe"),
    ("The young person, known as Tyler, has moved to semi-independence.", ci.NAME,
     "young person, known as Tyler"),
    ("We discussed a child called Amir who waited 14 months.", ci.NAME, "child called Amir"),
    ("A 15-year-old called Ellie spoke at the meeting.", ci.NAME, "15-year-old called Ellie"),
    # a first name and a surname with nothing beside them
    ("Leaders described how Jayden Smith was visited every week.", ci.FULL_NAME,
     "Jayden Smith"),
    ("Amelia-Rose O'Neill's plan was used as an example.", ci.FULL_NAME,
     "Amelia-Rose O'Neill"),
    ("We heard that Tyler Jones waited for a placement.", ci.FULL_NAME, "Tyler Jones"),
    # a date of birth, in every common format
    ("DOB 01/02/2015 was on the referral.", ci.DATE_OF_BIRTH, "DOB 01/02/2015"),
    ("The record gave d.o.b. 1.2.15 for the younger sibling.", ci.DATE_OF_BIRTH,
     "d.o.b. 1.2.15"),
    ("She was born on 1 February 2015.", ci.DATE_OF_BIRTH, "born on 1 February 2015"),
    ("He was born February 1st 2015.", ci.DATE_OF_BIRTH, "born February 1st 2015"),
    ("The child, born 2015-02-01, is in foster care.", ci.DATE_OF_BIRTH, "born 2015-02-01"),
    ("Her date of birth is 01-02-2015.", ci.DATE_OF_BIRTH, "date of birth is 01-02-2015"),
    ("Ryan (3 March 2014) is one of the children on a plan.", ci.DATE_OF_BIRTH,
     "Ryan (3 March 2014)"),
    ("The referral lists a DoB of 3rd of May 2016.", ci.DATE_OF_BIRTH, "DoB"),
    # a Unique Pupil Number: a letter and 12 digits (or 11 and a letter)
    ("The pupil's UPN is A12345678901B.", ci.UPN, "A12345678901B"),
    ("UPN K801200101234 was quoted in the audit.", ci.UPN, "K801200101234"),
    # an NHS number: a right check digit, or labelled "NHS"
    ("The health record showed NHS number 943 476 5919.", ci.NHS_NUMBER, "943 476 5919"),
    ("His number 9434765919 was on the health plan.", ci.NHS_NUMBER, "9434765919"),
    ("NHS no. 123-456-7890 was in the notes.", ci.NHS_NUMBER, "123-456-7890"),
    # a case or child ID from the LA's system, the Child Unique ID of Annex A
    ("Case ID 4471932 was audited.", ci.LOCAL_ID, "Case ID 4471932"),
    ("The LCS ID 88231 was in the example.", ci.LOCAL_ID, "LCS ID 88231"),
    ("Mosaic number 2045517 was mentioned.", ci.LOCAL_ID, "Mosaic number 2045517"),
    ("Child Unique ID CU-00412 appears in the Annex A list.", ci.LOCAL_ID,
     "Child Unique ID CU-00412"),
    ("We looked at case number 12345.", ci.LOCAL_ID, "case number 12345"),
    ("The file ID 123456 was shared in error.", ci.LOCAL_ID, "ID 123456"),
    ("Liquidlogic ref 77812 was quoted.", ci.LOCAL_ID, "Liquidlogic ref 77812"),
    # judgement words applied to practice, services or children
    ("Children are safe in Barnsley.", JUDGEMENT, "Children are safe"),
    ("Children feel safe where they live.", JUDGEMENT, "Children feel safe"),
    ("Young people were unsafe when they went missing.", JUDGEMENT,
     "Young people were unsafe"),
    ("Practice has improved since the last inspection.", JUDGEMENT, "Practice has improved"),
    ("The front door has improved.", JUDGEMENT, "front door has improved"),
    ("Outcomes for care leavers have declined since 2024.", JUDGEMENT,
     "Outcomes for care leavers have declined"),
    ("The quality of assessments has deteriorated.", JUDGEMENT,
     "quality of assessments has deteriorated"),
    ("The work with care leavers is impressive.", JUDGEMENT,
     "work with care leavers is impressive"),
    ("Leaders have an impressive grip on the data.", JUDGEMENT, "impressive grip"),
    ("Early help is effective.", JUDGEMENT, "Early help is effective"),
    ("Supervision is ineffective in the assessment teams.", JUDGEMENT,
     "Supervision is ineffective"),
    ("Leaders have robust plans for recruitment.", JUDGEMENT, "robust plans"),
    ("Management oversight is poor.", JUDGEMENT, "Management oversight is poor"),
    ("The partnership has strong leadership.", JUDGEMENT, "strong leadership"),
    ("Assessments were weak in the sample discussed.", JUDGEMENT, "Assessments were weak"),
    ("There is excellent support for young carers.", JUDGEMENT, "excellent support"),
    ("Practice with care leavers is a strength.", JUDGEMENT,
     "Practice with care leavers is a strength"),
    ("We found that practice is strong.", JUDGEMENT, "practice is strong"),  # Ofsted's voice
    # decided: an attribution Ofsted then endorses is Ofsted's judgement
    ("Leaders said practice is strong and we agreed.", JUDGEMENT, "practice is strong"),
    # grade words judging practice or services
    ("Practice at the front door is good.", GRADE, "Practice at the front door is good"),
    # decided: grade words read as a grade even when attributed to the LA
    ("Leaders described outstanding work with care leavers.", GRADE, "outstanding work"),
    ("Leaders told us that practice is good.", GRADE, "practice is good"),
    ("Services for disabled children require improvement.", GRADE, "require improvement"),
    ("The authority was judged inadequate in 2023.", GRADE, "judged inadequate"),
    ("Permanence planning is good or better in most cases.", GRADE, "planning is good"),
    ("This is an example of good practice in permanence.", GRADE, "good practice"),
    ("The service is inadequate for disabled children.", GRADE, "inadequate"),
]

MUST_NOT: list[str] = [
    # the factual uses of evaluative words
    "We had a good discussion about the front door.",
    "There was a good turnout from partners.",
    "Good morning, and thank you for hosting us.",
    "It was an excellent meeting.",
    "We agreed a good date for the next meeting: around March 2027.",
    "The meeting was well attended and the discussion was good.",
    "The meeting was productive.",  # decided: about the meeting, not practice
    "The safeguarding partnership met in June.",
    "Safe Families runs the mentoring scheme.",
    "Keeping Children Safe in Education was discussed.",
    "Leaders described how they keep children safe online.",
    "The robustness of the data was discussed.",
    "The new policy is effective from 1 April 2027.",
    "Many families live in poor housing.",
    "We strongly encourage leaders to share the audit.",
    "Ofsted's grade descriptors were not discussed.",
    "The LA shared its improvement plan.",
    # "outstanding" meaning not yet done
    "The outstanding actions from 2022 were listed.",
    "Three assessments remain outstanding.",
    # decided: what the local authority said, attributed, is a fact about the discussion
    "The LA's self-evaluation says practice has improved.",
    "Leaders told us they feel practice has improved.",
    "The DCS described the front door as robust.",
    "Leaders described their recruitment as effective.",
    "According to the self-evaluation, supervision is now stronger.",
    "The self-evaluation reports this as an area of strength, from which others could learn.",
    "Leaders explained that the service improved after new managers joined.",
    "Leaders want supervision to be consistently strong.",
    # decided: the topic of the discussion, not a judgement
    "We discussed how effective early help is.",
    "We discussed whether supervision is strong enough.",
    "We discussed the strengths and areas for development in the self-evaluation.",
    # decided: numbers that moved are management information
    "The number of children in care has declined.",
    "Re-referrals declined from 24% to 19%.",
    "Timeliness of assessments improved from 70% to 85% over the year.",
    "The family declined support.",
    # plain record of the meeting
    "The meeting took place on 3 March 2026 at the council offices.",
    "The DCS described the work to strengthen supervision arrangements.",
    "Leaders set out their plans for the care leavers' hub.",
    "The next meeting will be in September 2027.",
    "The audit of 40 cases is due by 31/03/2027.",
    "Leaders in the MASH explained their new threshold document.",
    # near misses of the rules that may identify a child
    "Child A and Child B were discussed as anonymised examples.",
    "Child Protection conferences are now chaired by a new team.",
    "The Young Person's Advisor service started in May.",
    "Approximately 120 children, 15 of them disabled, were discussed.",
    "In March, 15 new social workers joined the front door.",
    "Leaders in Leeds, 12 miles away, were mentioned.",
    "Year 11 pupils sit exams in May.",
    "Key Stage 4 results were discussed briefly.",
    "Section 47 enquiries rose to 1,204 in 2025-26.",
    "Call 0114 496 0000 to book the next meeting.",
    "Our overseas colleague's number is +44 161 496 0958.",  # 3-3-4, wrong check digit
    "The budget was £1,200,000 for the year.",
    "A mentoring service called Horizons supports care leavers.",
    "The DCS, Jo Bloggs, chaired the meeting.",
    "Sam Patel, the Principal Social Worker, described the audit programme.",
    "Leaders from Milton Keynes and St Helens joined the Early Help Hub discussion.",
    "The Care Leavers Forum and the Children in Care Council met the Lead Member.",
    "We discussed the Signs of Safety model and the Local Authority Designated Officer.",
    "Babies born to care leavers were discussed.",
    "The date of birth field in the case system is often blank.",
]


@pytest.mark.parametrize("sentence, kind, words", MUST_FLAG)
def test_the_check_flags(sentence: str, kind: str, words: str) -> None:
    findings = letter_findings(sentence)
    assert [(f.kind, f.text) for f in findings] == [(kind, words)]
    assert findings[0].reason == REASONS[kind]


@pytest.mark.parametrize("sentence", MUST_NOT)
def test_the_check_does_not_flag(sentence: str) -> None:
    assert letter_findings(sentence) == []


def test_the_corpus_is_big_enough_and_covers_every_kind() -> None:
    assert len(MUST_FLAG) >= 40 and len(MUST_NOT) >= 40
    assert len({s for s, _, _ in MUST_FLAG} | set(MUST_NOT)) == len(MUST_FLAG) + len(MUST_NOT)
    assert {kind for _, kind, _ in MUST_FLAG} == set(REASONS)


def test_a_full_name_alone_in_the_body_of_a_letter_is_flagged() -> None:
    body = ("Thank you for meeting us on 3 March 2026.\n\n## Agenda items discussed\n\n"
            "**1. Care leavers**\n\nLeaders described the Care Leavers Forum. Jayden Smith "
            "was visited every week.\n\n## Next steps agreed\n\n"
            "- Share the audit (Head of service by 31 March 2026; agreed by the local "
            "authority)")
    findings = letter_findings(body)
    assert [(f.kind, f.text, f.context) for f in findings] == [
        (ci.FULL_NAME, "Jayden Smith", "Jayden Smith was visited every week.")]
    assert findings[0].reason == REASONS[ci.FULL_NAME]


@pytest.mark.parametrize("kind", sorted(REASONS))
def test_reasons_speak_to_the_inspector(kind: str) -> None:
    reason = REASONS[kind]
    assert "paragraph" not in reason.lower() and "guide" not in reason.lower()
    assert len(reason) <= 300  # overrides store the reason in 300 characters
