"""The identifier check's full-name rule: a known first name and a surname with nothing
beside them ("Jayden Smith was visited every week."), caught in SEFs and letters (ILACS
framework para 48; a child's name never goes to another organisation).

Must catch: which words. Must not: the capitalised phrases SEFs and letters are full of
(services, roles, places, headings, staff named with their role). The other rules'
tables are in tests/domain/test_sef.py and tests/domain/test_letter_check_corpus.py.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from dashboard.domain import child_identifiers as ci
from dashboard.domain.child_identifiers import (
    FULL_NAME,
    NOT_FIRST_NAMES,
    PLACE_NAMES,
    first_names,
    identifier_matches,
    names_alone,
    possible_child_identifiers,
)

DATA = Path(__file__).resolve().parents[2] / "data"

MUST_CATCH: list[tuple[str, str]] = [
    # at the start of a sentence
    ("Jayden Smith was visited every week.", "Jayden Smith"),
    ("Muhammad Ali Khan moved to a new foster home.", "Muhammad Ali Khan"),
    ("Oliwia Kowalska joined the Children in Care Council.", "Oliwia Kowalska"),
    ("Aisha Begum's placement ended in May.", "Aisha Begum"),
    ("Kacper Nowak, who is in year 9, waited for a school place.", "Kacper Nowak"),
    ("Zoë Clarke said her social worker listens.", "Zoë Clarke"),
    ("Maria de Souza has been in care since 2021.", "Maria de Souza"),
    ("Ahmed al-Sayed arrived as an unaccompanied child.", "Ahmed al-Sayed"),
    ("Jack D'Arcy's social worker changed three times.", "Jack D'Arcy"),
    ("Theo Williams is now with his grandparents.", "Theo Williams"),
    ("Ibrahim Yusuf and his sister were placed together.", "Ibrahim Yusuf"),
    ("Sophie  Turner was seen within five days.", "Sophie  Turner"),  # two spaces
    # in the middle of a sentence
    ("We met Amelia-Rose O'Neill and her mother.", "Amelia-Rose O'Neill"),
    ("Our audit found that Tyler Jones waited too long for a plan.", "Tyler Jones"),
    ("Leaders described how Priya Patel was helped by the edge of care team.",
     "Priya Patel"),
    ("The plan for Ellie Smith-Jones was reviewed twice.", "Ellie Smith-Jones"),
    ("We heard from Liam McDonald about leaving care.", "Liam McDonald"),
    ("In the sample, Jack O\u2019Brien had four placements.", "Jack O\u2019Brien"),
    ("Young people like Kai Thompson use the Mind Of My Own app.", "Kai Thompson"),
    ("The notes on Lily Rose Evans were shared.", "Lily Rose Evans"),
    ("We met Jean-Paul Mbeki at the care leavers' hub.", "Jean-Paul Mbeki"),
    ("She said Jayden Smith's mother called.", "Jayden Smith"),
    ("Leaders said Connor Walsh now attends school.", "Connor Walsh"),
    ("Case study: Fatima Hussain", "Fatima Hussain"),
    # a surname that is also a place word, with no word of place before it
    ("We spoke to Emily Hall about her plan.", "Emily Hall"),
    ("Workers visited Chloe Lane at home.", "Chloe Lane"),
    # a family member named: not a member of staff
    ("Her mother, Jane Smith, asked for respite.", "Jane Smith"),
]

MUST_NOT: list[str] = [
    # services, bodies and roles
    "Children's Services were restructured in 2025.",
    "The Director of Children's Services chaired the meeting.",
    "Ofsted carried out a focused visit.",
    "The Local Authority Designated Officer handled the referrals.",
    "Signs of Safety is the practice model.",
    "Every child has an Independent Reviewing Officer.",
    "The Early Help Hub opened in Barnsley.",
    "Barnsley Council agreed the budget.",
    "A Joint Targeted Area Inspection took place in 2024.",
    "The Care Leavers Forum meets monthly.",
    "Children in Care Council members met the Lead Member.",
    "The Mark Scheme for audits was revised.",
    "Will Power is the resilience programme for young carers.",
    "Grant Funding from the Department for Education pays for the hub.",
    "Foster Carers Week was celebrated.",
    "Liberty Protection Safeguards are delayed.",
    "Key Performance Indicators go to the Corporate Parenting Board.",
    "Free School Meals eligibility is high.",
    "Newton Europe reviewed the front door.",
    "The London Innovation and Improvement Alliance shares data.",
    "Gypsy Roma Traveller children are over-represented.",
    "Over Christmas the Emergency Duty Team covered the front door.",
    "Staying Close and Staying Put are funded.",
    "Special Guardianship Orders rose.",
    # places, and bodies or buildings named after someone
    "Milton Keynes has a new front door.",
    "St Helens and Kingston upon Thames shared their approach.",
    "We visited Jack Straw House and Grace Darling Court.",
    "The Anna Freud Centre trained the workforce.",
    "The Florence Nightingale Foundation funds nurses.",
    "Young people won the Jack Petchey Award.",
    "Many young people complete the Duke of Edinburgh Award.",
    "We met at Victoria Park and on Florence Ward.",
    "Pupils from St Thomas More attend the hub.",
    "Kent Police and Devon County Council shared data.",
    "A trip to Chester Zoo and Chelsea Football Club was arranged.",
    # staff and officials named with their role
    "The DCS, Jo Bloggs, chaired the meeting.",
    "The Principal Social Worker, Sam Patel, leads the audit programme.",
    "Jo Bloggs (Head of Service) presented the data.",
    "Cllr Sam Patel is the Lead Member for Children.",
    "Dr Priya Shah, the designated doctor, joined the panel.",
    "Lee Hill, Assistant Director for Social Care, set out the plan.",
    # headings, months and a capitalised common word at the start of a sentence
    "June Review: the quarterly performance report.",
    "Jan Feb Mar Apr May Jun",
    "Easter Holidays saw a rise in missing episodes.",
    "Amber Rating for drift, Red Rating for missing children.",
    "An Ofsted inspection is due.",
    "Will Ofsted visit in the Spring Term?",
    "Even Ofsted's own guidance says so.",
    "In Doncaster, re-referrals fell.",
    "During Covid the service moved online.",
    "Since September the Front Door has been busy.",
    "Five Year Plan for sufficiency.",
    "Leadership, Workforce and Management Oversight",
    "Strengths and Areas for Development",
    # anonymised, and a name with nothing after it
    "Child A and Child B were discussed.",
    "Jack said the hub helped.",
]


@pytest.mark.parametrize("sentence, words", MUST_CATCH)
def test_a_full_name_alone_is_caught(sentence: str, words: str) -> None:
    assert [(m.kind, m.text) for m in identifier_matches(sentence)] == [(FULL_NAME, words)]
    match = identifier_matches(sentence)[0]
    assert sentence[match.start:match.end] == words


@pytest.mark.parametrize("sentence", MUST_NOT)
def test_capitalised_phrases_that_are_not_a_childs_name_pass(sentence: str) -> None:
    assert list(names_alone(sentence)) == []
    assert identifier_matches(sentence) == []


def test_the_tables_are_big_enough_and_distinct() -> None:
    assert len(MUST_CATCH) >= 20 and len(MUST_NOT) >= 30
    assert len({s for s, _ in MUST_CATCH} | set(MUST_NOT)) == len(MUST_CATCH) + len(MUST_NOT)


def _places() -> list[str]:
    names = []
    for file in ("local_authorities.csv", "regions.csv"):
        with (DATA / file).open(encoding="utf-8", newline="") as rows:
            names += [row["name"] for row in csv.DictReader(rows)]
    return names


def test_no_local_authority_or_region_name_is_taken_for_a_childs_name() -> None:
    places = _places()
    assert len(places) > 150  # every LA and region, so the test cannot pass vacuously
    flagged = [text for place in places
               for text in (place, f"{place} Council", f"{place} Police said so.",
                            f"We met leaders in {place} on Monday.",
                            f"{place} Safeguarding Children Partnership")
               if identifier_matches(text)]
    assert flagged == []


# ---------------------------------------------------------------- the more specific rule wins


@pytest.mark.parametrize("sentence, kind, words", [
    ("A boy called Jayden Smith was seen twice.", ci.NAME, "boy called Jayden Smith"),
    ("Her brother, Noah Brown, also needed help.", ci.NAME, "brother, Noah Brown"),
    ("Emily Jones (11) moved school twice.", ci.NAME_WITH_AGE, "Emily Jones (11)"),
    ("Mrs Amelia Smith-Jones cares for the siblings.", ci.TITLE_AND_SURNAME,
     "Mrs Amelia Smith-Jones"),
    ("Ryan Ashdown (3 March 2014) was discussed.", ci.DATE_OF_BIRTH,
     "Ryan Ashdown (3 March 2014)"),
    # the full name reaches further back than the age rule: one finding over both
    ("Amelia Rose Smith, 15, was discussed.", ci.NAME_WITH_AGE, "Amelia Rose Smith, 15"),
])
def test_a_more_specific_match_over_the_same_words_wins(sentence: str, kind: str,
                                                        words: str) -> None:
    assert [(m.kind, m.text) for m in identifier_matches(sentence)] == [(kind, words)]


def test_each_name_is_found_once_in_order_with_the_other_rules() -> None:
    text = "Jayden Smith (DOB 03/04/2015) and Tyler Jones, case ID 4471932."
    assert [(m.kind, m.text) for m in identifier_matches(text)] == [
        (FULL_NAME, "Jayden Smith"), (ci.DATE_OF_BIRTH, "DOB 03/04/2015"),
        (FULL_NAME, "Tyler Jones"), (ci.LOCAL_ID, "case ID 4471932")]


def test_formatting_marks_do_not_hide_a_name() -> None:
    assert possible_child_identifiers("We met **Jayden Smith** at the hub.") == [
        (FULL_NAME, "Jayden Smith")]


# ---------------------------------------------------------------- the first names


def test_the_dictionary_gives_names_from_everywhere_but_east_asian_syllables() -> None:
    names = first_names()
    assert first_names() is names  # read once
    assert len(names) > 30_000
    # British and Irish, and the names England's children carry from elsewhere
    assert {"jack", "siobhan", "jayden", "tyler", "muhammad", "priya", "oliwia",
            "kacper", "fatima", "zoë", "jean-paul"} <= names
    # "+" inside a name: "Abdel+Aziz" is "Abdel-Aziz" and "Abdelaziz", never "Abdel+Aziz"
    assert {"abdel-aziz", "abdelaziz"} <= names and not any("+" in name for name in names)
    # only the East Asian columns: English words, left out
    assert not {"the", "you", "in", "he", "won", "young"} & names
    # comments and the "=" lines of equivalent names are not names
    assert not {"#", "=", "comment"} & names


def test_the_kept_lists_name_only_what_matters() -> None:
    names = first_names()
    assert NOT_FIRST_NAMES <= names  # every everyday word left out is in the dictionary
    assert all(place.split()[0] in names for place in PLACE_NAMES)


def test_the_rule_stays_linear_over_a_whole_sef() -> None:
    first_names()
    statement = ("Our Early Help Hub and the Independent Reviewing Officer service saw "
                 "Jayden Smith and 120 children in March 2026, as the DCS, Jo Bloggs, set out "
                 "in the Signs of Safety review. ")
    text = statement * 400  # ten times a SEF of 40 long statements
    started = time.perf_counter()
    found = identifier_matches(text)
    assert len(found) == 400
    assert time.perf_counter() - started < 2  # about 0.1 s on a developer's machine


def test_a_plans_owner_may_be_named_but_a_name_in_a_claim_is_caught() -> None:
    """A plan's owner is a member of staff (ILACS framework, para 33's plans): their full
    name alone is expected there, while the same rule still reads every other field."""
    from dashboard.domain.child_identifiers import FULL_NAME, identifier_findings
    from dashboard.domain.sef import (
        STRENGTH,
        Sef,
        add_plan,
        add_statement,
        add_theme,
        adult_places,
        apply_edits,
        field_path,
        user_texts,
    )

    sef = add_plan(add_theme(Sef(), "Children in care"))
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    statement, plan = sef.themes[0].statements[0].id, sef.plans[0].id
    sef = apply_edits(sef, {
        field_path("statement", statement, "text"): "Jayden Smith was visited every week.",
        field_path("plan", plan, "action"): "Weekly visits audit",
        field_path("plan", plan, "owner"): "Priya Sharma",
    })
    findings = identifier_findings(user_texts(sef), adult_places(sef))
    assert [(f.kind, f.excerpt) for f in findings] == [(FULL_NAME, "Jayden Smith")]
    # without the owner's place, the owner's name is caught too
    assert len(identifier_findings(user_texts(sef))) == 2
