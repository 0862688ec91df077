"""Hints on how a SEF statement is written: evaluative or descriptive.

The self-evaluation "should be succinct, focused and evaluative" (ILACS framework, para
36) and answers "What do you know about the quality and impact of social work practice?
How do you know it? What are your plans?" (para 33). The usual weakness is writing that
describes activity ("we introduced a panel") rather than what changed for children, that
asserts quality with no evidence ("practice is strong"), or that counts in words
("many children"). One small function per rule finds the words; each hint quotes them
and says what to add. Hints never block saving: the writer decides.

Decided for the borderline cases:
- The text is judged as a whole for activity and claims: an activity followed by its
  impact in the next sentence, or a claim with its source elsewhere in the text, passes.
  A vague amount needs its figure in the same sentence.
- Impact means children, young people or families together with a change or outcome in
  the same sentence ("fewer children wait", "young people tell us"), or a figure of change
  anywhere ("from 12 weeks to 6", "fell by 5 points"). "Children's services" and
  "child protection" name services, not children; "improve" (an aim) is not impact.
- Spelt-out numbers from "two" upwards ("two thirds", "nine out of ten", "twelve") count
  as figures; "one" only in "one in five" or "one out of". Years, dates, section and
  regulation numbers, ages and list numbering do not count as figures.
- "significant harm" (Children Act 1989, s.31) and "statistically significant" never
  hint. "Some time" is a duration, not an amount, so "for some time" does not hint.
  "The most" and "most recent" are superlatives, not amounts, and do not hint.
- A plan ("we will introduce") or a gap ("we have not yet embedded") is not reported
  activity, so it gets no activity hint: nothing has happened yet to have an impact.
- Rules read sentences and list items; a line break always ends one.

The word lists are matched against the text in lower case (offsets kept), so they are
written in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class WritingHint:
    """One thing a writer might add. ``excerpt`` is the words in the text that triggered
    it, for highlighting; ``reason`` quotes them and says what to add."""

    kind: str
    reason: str
    excerpt: str


ACTIVITY_WITHOUT_IMPACT = "activity_without_impact"
CLAIM_WITHOUT_EVIDENCE = "claim_without_evidence"
VAGUE_AMOUNT = "vague_amount"
HINT_KINDS: dict[str, str] = {
    ACTIVITY_WITHOUT_IMPACT: "Activity, not impact",
    CLAIM_WITHOUT_EVIDENCE: "Claim with no evidence",
    VAGUE_AMOUNT: "Vague amount",
}

_I = re.IGNORECASE  # only for the few patterns run on the text as written
_W = r"[\w'\u2019-]+"  # one word, with apostrophes and hyphens

# ---------------------------------------------------------------- word lists

#: Who the impact must be on (para 33: "the quality and impact of social work practice"
#: on children). Service names that contain these words are not children: "children's
#: services", "child protection conference", "Family Help", "family hubs".
CHILDREN = re.compile(
    r"\b(?:children|child|young (?:people|person)|families|family|care[- ]leavers?|"
    r"care[- ]experienced|parents?|carers?|babies|baby|siblings?|adopters?|teenagers?|"
    r"adolescents?|infants?|girls?|boys?|pupils?|learners|mothers?|fathers?|uasc)\b"
    r"(?!['\u2019]s (?:services|social care|trust|partnership|safeguarding|workforce|"
    r"directorate|department|commissioner|board)\b)"
    r"(?! protection\b)(?![- ]centred\b)(?! (?:hubs?|help|group conferenc\w*|court|first)\b)")

#: A change or outcome for children: the "impact" in para 33. Aims ("to improve",
#: "to support") are not here, since they say what was meant to happen, not what did.
OUTCOMES = re.compile(
    r"\b(?:so that|which means|this means|meaning that|means that|as a result|"
    r"resulting in|result(?:s|ed)? in|led to|leads? to|leading to|because of this|"
    r"impact (?:on|for|of)|difference (?:to|for)|fewer|less|lower(?![- ]level)|reduc(?:ed|tion)|"
    r"decreased?|fell|fallen|dropped|halved|improved|(?<!to )better|"
    r"more (?:children|young people|families|care leavers|parents|quickly|often|promptly|"
    r"stable|settled|confident|likely|timely)|quicker|quickly|sooner|"
    r"earlier(?! (?:this|last|in)\b)|faster|promptly|(?:are|were|is|was|been) seen|"
    r"safer|safely|stability|stable|settled|"
    r"thriv(?:e|es|ing)|achieved|(?:make|makes|made|making) (?:good |better )?progress|"
    r"remain(?:s|ed)? (?:at home|with|together|in (?:their|the same))|"
    r"return(?:s|ed)? home|stay(?:s|ed)? (?:together|at home|with|in (?:their|the same))|"
    r"live(?:s|d)? (?:with|at home|safely|together)|permanence|"
    r"permanent (?:homes?|families|carers)|education,? employment or training|eet|"
    r"attend(?:s|ed|ance)? school|no longer|without delay|wait(?:s|ed)? less|"
    r"benefit(?:s|ed|ted)? from|helped|listened to|understands? (?:why|their))\b")

#: "Now" and what children say are outcomes only when children are the subject:
#: "children now wait less", "young people tell us", not "we now hold a panel for
#: children" nor "staff tell us children ...".
CHILDREN_SAY = re.compile(rf"{CHILDREN.pattern}(?:\s+{_W}){{0,3}}?\s+(?:now|say|says|said|"
                          r"tell us|told us|feel|feels|felt|describe[sd]?|report(?:s|ed)?)\b")

#: Words that name a standing structure or routine: the "activity" a SEF describes.
_STRUCTURES = (r"(?:panels?|boards?|meetings?|forums?|groups?|teams?|hubs?|mash|services?|"
               r"units?|networks?|clinics?|huddles?|strateg(?:y|ies)|polic(?:y|ies)|"
               r"frameworks?|models?|systems?|protocols?|pathways?|tools?|toolkits?|"
               r"procedures?|process(?:es)?|approach(?:es)?|offers?|roles?|posts?|"
               r"programmes?|structures?|dashboards?|champions?|training)")
#: Past participles of doing something (para 36: "evaluative", not descriptive).
_DONE = (r"(?:introduced|established|set up|launched|relaunched|created|developed|"
         r"implemented|rolled out|delivered|commissioned|appointed|recruited|restructured|"
         r"redesigned|refreshed|revised|updated|produced|published|put in place|"
         r"invested in|expanded|extended|trained|held|run|hosted|piloted|embedded|adopted|"
         r"brought in|started|begun|co-located|strengthened|reviewed|agreed|funded|"
         r"convened|undertaken)")
#: The same in the simple past, for "we introduced", "leaders launched".
_DID = (r"(?:introduced|established|set up|launched|relaunched|created|developed|"
        r"implemented|rolled out|delivered|commissioned|appointed|recruited|restructured|"
        r"redesigned|refreshed|revised|updated|produced|published|put in place|"
        r"invested in|expanded|extended|trained|held|ran|hosted|piloted|embedded|adopted|"
        r"brought in|started|began|co-located|strengthened|reviewed|agreed|funded|"
        r"convened|undertook|met|attended|chaired)")
#: Routines in the present: "we hold", "the panel meets", "the LA runs".
_ROUTINE = (r"(?:hold|holds|run|runs|meet|meets|attend|attends|chair|chairs|deliver|"
            r"delivers|provide|provides|offer|offers|use|uses|host|hosts|operate|operates|"
            r"commission|commissions|undertake|undertakes|convene|convenes)")
#: People whose routines a SEF reports: "the principal social worker chairs ...".
_ROLES = (r"(?:(?:principal )?social workers?|(?:team |practice |service )?managers?|"
          r"head of service|leaders?|officers?|iros?|personal advisers?|advisors?|"
          r"virtual school|practitioners|staff|partners|the dcs|the director)")
_LA = (r"(?:we|the (?:local )?authority|the la|the council|the service|the department|"
       r"(?:senior )?leaders|managers|the dcs|the director|the partnership|partners)")
_NOW = r"(?:\s+(?:now|also|recently|successfully|further|then|have|has|had|jointly))*?"

#: Activity: what the LA has, does or set up. Each pattern is (regex, whether to add the
#: object that follows to the quoted words).
ACTIVITIES: tuple[tuple[re.Pattern[str], bool], ...] = (
    # "We have a dedicated edge of care team", "The front door has a team that ..."
    (re.compile(rf"\b(?:has|have|had|there (?:is|are))(?:\s+(?:now|also))?\s+(?:a|an|our|its|"
                rf"two|three|four|five|\d+)(?:\s+{_W}){{0,4}}?\s+{_STRUCTURES}\b"), False),
    # "We introduced", "We have established", "Leaders launched", "We hold"
    (re.compile(rf"\b{_LA}{_NOW}\s+(?:{_DID}|{_DONE}|{_ROUTINE})\b"), True),
    # "... has introduced", "have rolled out", by any subject but children
    (re.compile(rf"\b(?:has|have|had)(?:\s+(?:now|also|recently|successfully))?\s+{_DONE}\b"),
     True),
    # "Training was delivered", "A panel has been set up", "Meetings are held"
    (re.compile(rf"\b(?:was|were|has been|have been|had been|is being|are being|is|"
                rf"are)(?:\s+(?:now|also|recently|successfully|jointly))?\s+{_DONE}\b"),
     True),
    # "A new permanence panel meets monthly", "The MASH meets daily", "Our principal
    # social worker runs a forum"
    (re.compile(rf"\b(?:{_STRUCTURES}|{_ROLES})\s+(?:now\s+|also\s+)?(?:meets?|met|sits?|"
                r"sat|runs?|ran|convenes?|convened|takes? place|took place|oversees?|oversaw|"
                r"reviews?|monitors?|tracks?|considers?|brings? together|holds?|chairs?|"
                r"attends?|delivers?|provides?|offers?|hosts?|uses?|operates?)\b"), True),
    # "a new system", "the new practice model"
    (re.compile(rf"\b(?:a|an|the|our)\s+new(?:\s+{_W}){{0,3}}?\s+{_STRUCTURES}\b"), False),
    # "120 staff attended training", "managers completed the course"
    (re.compile(rf"\b(?:attended|completed|received|undertook|undertaken)(?:\s+{_W}){{0,2}}?"
                r"\s+(?:training|sessions?|workshops?|briefings?|courses?|meetings?)\b"),
     False),
)
#: Where the quoted words stop when they take in the object: at the start of what it
#: was for ("to", "so that", "which") or at the end of a clause.
_OBJECT_STOP = re.compile(r"^(?:which|that|who|where|so|but|because|to|for|with|from|"
                          r"since|as|by|across|within|on|in|at|during|over|last|this|each|"
                          r"every|after|before|under|until|when|while)$", _I)
#: Words a quote should not end on: "We introduced a new" reads cut off.
_DANGLING = re.compile(r"^(?:a|an|the|our|its|their|new|of|and)$", _I)

#: Evaluative words asserting quality (para 36: "evaluative", but para 33 asks "How do
#: you know it?"). Not the factual uses: "as well as", "well-being", "outstanding
#: actions" (not yet done), "poor housing" (a family's circumstances).
CLAIMS = re.compile(
    r"\b(?P<predicate>(?:is|are|was|were|remains?|remained|has been|have been|"
    r"continues to be|continue to be)(?:\s+(?:now|also|very|highly|consistently|"
    r"increasingly|generally|mostly|largely|always|often|particularly|sufficiently|not|"
    r"still|more|less|yet|so|too)){0,2}\s+(?:good|strong|stronger|effective|robust|"
    r"timely|improving|excellent|outstanding|poor|weak|weaker|inadequate|thorough|"
    r"purposeful|impressive|exemplary)\b"
    r"|(?:has|have)(?:\s+(?:now|also|significantly|greatly|considerably|steadily|further))?"
    r"\s+improved\b(?!\s+(?:by|from|to)\s))"
    r"|\b(?:works?|working|worked)\s+(?:very\s+|really\s+|particularly\s+|consistently\s+)?"
    r"well\b"
    r"|\b(?:high|good|consistently high)[- ]quality\b"
    r"|\bwell[- ](?:(?!being\b)[a-z-]+ed|known|led|understood|sighted|placed)\b"
    r"|(?<!as )\bwell\b(?!\s+as\b)(?![- ]?being)"
    r"|\bconsistently\b|\bexcellent\b|\bexemplary\b|\brobust\b|\bstrong\b|\bgood\b"
    r"|\b(?:in)?effective(?:ly)?\b|\btimely\b|\bweak\b|\black(?:s|ing)\b|\binadequate\b"
    r"|\boutstanding\b(?!\s+(?:actions?|assessments?|work|cases?|visits?|audits?|reviews?|"
    r"tasks?|items?|recommendations?|referrals?|requests?|returns?))"
    r"|\bpoor\b(?!\s+(?:housing|mental health|physical health|health|parental|diet|hygiene|"
    r"home conditions|conditions|school attendance))")

#: Evidence, for the claim rule (para 33: "How do you know it?"): a named source.
SOURCES = re.compile(
    r"\b(?:audit(?:s|ed|ing)?|case audits?|dip[- ]?sampl\w*|surveys?|surveyed|feedback|"
    r"inspections?|inspected|ofsted|jtai|focused visit|monitoring visit|peer (?:review|"
    r"challenge)|we know (?:this )?(?:from|because|through|by)|tells? us|told us|shows?|"
    r"showed|shown|found|finds|data|performance (?:reports?|information|data|scorecard|"
    r"dashboard|meetings?|reporting)|management information|qa|quality assurance|"
    r"complaints|compliments|(?:learning|practice|thematic|case|independent|child "
    r"safeguarding practice|serious case|external|iro|deep[- ]dive) reviews?|"
    r"practice observations?|observations?|moderation|benchmark\w*|statistical neighbours|"
    r"national average|annex a|evidenced by|evidence from|according to|scorecards?|"
    r"trackers?|iro (?:footprints?|feedback|escalations?|reports?)|children in care council|"
    r"young inspectors|exit interviews?|mind of my own|bright spots|consultation)\b")

_NUMBER_WORDS = (r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                 r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)")
#: A figure: digits, spelt-out numbers from two upwards, shares ("two thirds", "one in
#: five") and "per cent". What is left once the numbers that are not figures are masked.
FIGURES = re.compile(
    rf"\d|\b{_NUMBER_WORDS}\b|\bhalf\b|\b(?:a|one) (?:third|quarter)\b|\bthirds\b|"
    rf"\bquarters\b|\bone (?:in|out of) (?:every )?(?:{_NUMBER_WORDS}|\d)|\bper ?cent\b")
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
           r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
#: Numbers that are not figures: years and year ranges ("2025-26"), dates ("31 March"),
#: sections, regulations and paragraphs ("s.31", "section 47", "Regulation 44"), stages,
#: ages ("aged 16 to 17", "16-year-olds", "under-5s") and list numbering.
NOT_FIGURES = re.compile(
    r"(?<![\d.,£])\b(?:19|20)\d{2}(?:\s*[-/\u2013]\s*(?:19|20)?\d{2})?\b(?![.,]?\d|\s*%)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|\b(?:section|sections|s|ss|reg|regulation|regulations|para|paragraph|paragraphs|"
    r"article|schedule|chapter|page|version|standard)\s?\.?\s?\d+[a-z]?\b"
    r"|\b(?-i:Year|Years|Stage|Key Stage|Tier|Level|Step|Phase|Part|Wave|Cohort|Q)"
    r"\s?\d+[a-z]?\b"
    r"|\baged?s?\s+\d+(?:\s*(?:-|\u2013|to|and)\s*\d+)?\b"
    r"|\b\d+[- ]years?[- ]olds?\b|\bunder[- ]\d+s?\b|\b(?:1\d|2[0-5])\+"
    r"|^[ \t]*(?:\d+|[a-z])[.)](?=\s)", _I | re.MULTILINE)

#: A figure of change: impact in numbers, whoever it is about ("from 24% to 18%",
#: "fell by 5 points", "halved", "compared with 30% last year").
CHANGE = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|over\s+|under\s+)?£?\d[\d,.]*\s*(?:%|per ?cent|[a-z]+)?"
    r"(?:\s+[a-z]+)?\s+to\s+(?:about\s+|around\s+|over\s+|under\s+|just\s+)?£?\d"
    r"|\b(?:fell|fallen|falling|dropped|reduced|decreased|declined|rose|risen|increased|"
    r"improved|went (?:up|down)|cut|(?:is|are|was|were) (?:down|up))\s+(?:[a-z]+\s+){0,2}?"
    r"(?:by|to)\s+(?:about\s+|around\s+|almost\s+|nearly\s+|over\s+|just\s+)?£?\d"
    r"|\b(?:halved|doubled|trebled|tripled)\b"
    r"|\b(?:up from|down from|previously)\s+(?:[a-z]+\s+){0,2}?£?\d"
    r"|\d\s*%?\s*(?:last|the previous|in the previous) (?:year|quarter)\b")

#: Vague amounts (para 36: "succinct, focused"): each (key, pattern), a key being one
#: word however it is written ("Most", "most"; "significant", "significantly").
#: Longer phrases first, so "a significant number of" is one vague amount, not two.
VAGUE: tuple[tuple[str, str], ...] = (
    ("the vast majority", r"(?:the\s+)?vast\s+majority"),
    ("a number of", r"(?:a|an)\s+(?:(?:small|large|growing|increasing|significant|high|"
                    r"low|higher|greater|smaller|considerable)\s+)?number\s+of"),
    ("a proportion of", r"(?:a|an)\s+(?:small|large|high|low|higher|greater|smaller|"
                        r"significant|considerable|growing|increasing)\s+proportion\s+of"),
    ("a range of", r"(?:a|an)\s+(?:(?:wide|broad|full)\s+)?range\s+of"),
    ("a lot of", r"a\s+lot\s+of|lots\s+of"),
    ("majority", r"(?:the\s+|a\s+)?majority"),
    ("few", r"(?:very\s+|a\s+|too\s+)?few"),
    ("many", r"(?<!how )(?<!as )(?:too\s+|so\s+|very\s+)?many"),
    ("most", r"(?<!the )(?<!at )(?<!is )(?<!are )(?<!was )(?<!were )most(?!\s+(?:recent\w*|"
             r"likely|(?!family\b|early\b)\w+ly|important|vulnerable|complex|effective|"
             r"appropriate|challenging|urgent|serious|common|frequent|difficult|significant|"
             r"experienced|senior|at risk|affected|needed|valuable|helpful|useful|successful|"
             r"popular|in need)\b)"),
    ("several", r"several"),
    ("some", r"some(?!\s+time\b)"),
    ("numerous", r"numerous"),
    ("considerable", r"considerabl[ey]"),
    ("substantial", r"substantial(?:ly)?"),
    ("significant", r"(?<!statistically )significant(?:ly)?(?!\s+harm\b)"),
)
_VAGUE = re.compile("|".join(rf"\b(?P<v{i}>{pattern})\b" for i, (_, pattern)
                             in enumerate(VAGUE)))
#: "Many" and "few" ask for a count; "significant" and "considerable" for a size.
_HOW_MUCH = frozenset({"considerable", "substantial", "significant"})
_VAGUE_CAP = 3  # enough to show the habit; more is noise beside one statement

# ---------------------------------------------------------------- sentences

_LIST_MARK = re.compile(r"[ \t]*(?:[-*+\u2022>#]+|\d+[.)]|[a-z][.)])[ \t]+", _I)
#: A sentence ends at ".", "!" or "?" before a space, except after a usual abbreviation.
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s|$)")
_ABBREVIATION = re.compile(r"(?:^|\W)(?:e\.g|i\.e|approx|no|nos|para|paras|vs|cf|incl|dr|mr|mrs|"
                           r"ms)\.$", _I)
_CLAUSE_BREAK = re.compile(r"[,;:(\u2013\u2014]| - ")


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int


@lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[_Sentence, ...]:
    """Sentences and list items, as offsets into ``text``: one line never spans two."""
    found: list[_Sentence] = []
    offset = 0
    for line in text.split("\n"):
        mark = _LIST_MARK.match(line)
        begin = mark.end() if mark else 0
        for end in _SENTENCE_END.finditer(line, begin):
            if _ABBREVIATION.search(line[max(0, end.end() - 8):end.end()]):
                continue
            found.append(_Sentence(offset + begin, offset + end.end()))
            begin = end.end()
        found.append(_Sentence(offset + begin, offset + len(line)))
        offset += len(line) + 1
    return tuple(s for s in found if text[s.start:s.end].strip())


@lru_cache(maxsize=4)
def _lower(text: str) -> str:
    """``text`` in lower case, each character kept in its place so that offsets into it
    are offsets into ``text``: the word lists are matched against it, which is several
    times faster than matching without regard to case."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


_DIGITS = re.compile(r"\d+")
_AROUND = (30, 20)  # NOT_FIGURES looks this far before and after a number


@lru_cache(maxsize=4)
def _masked(text: str) -> str:
    """``text`` in lower case with the numbers that are not figures blanked out, offsets
    kept. Only the stretches around digits are checked, to keep long texts fast."""
    lower = _lower(text)
    windows: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        begin, end = max(0, m.start() - _AROUND[0]), m.end() + _AROUND[1]
        if windows and begin <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((begin, end))
    if not windows:
        return lower
    pieces: list[str] = []
    done = 0
    for begin, end in windows:
        for m in NOT_FIGURES.finditer(text, max(begin, done), end):
            pieces += [lower[done:m.start()], " " * (m.end() - m.start())]
            done = m.end()
    pieces.append(lower[done:])
    return "".join(pieces)


def _words_before(text: str, sentence: _Sentence, start: int, most: int) -> int:
    """Where quoted words should begin: up to ``most`` words back, within the clause."""
    clause = sentence.start
    for brk in _CLAUSE_BREAK.finditer(text, sentence.start, start):
        clause = brk.end()
    words = list(re.finditer(r"\S+", text[clause:start]))[-most:] if most else []
    return clause + words[0].start() if words else start


def _object_end(text: str, sentence: _Sentence, end: int, most: int = 6) -> int:
    """Where quoted words should end to take in what was done: "We introduced a new
    panel", stopping before what it was for ("to ...", "which ...") or a clause break."""
    brk = _CLAUSE_BREAK.search(text, end, sentence.end)
    stop = brk.start() if brk else sentence.end
    ends = [end]
    for n, word in enumerate(re.finditer(r"[\w'\u2019-]+", text[end:stop])):
        if n >= most or _OBJECT_STOP.match(word.group()):
            break
        if not _DANGLING.match(word.group()):
            ends.append(end + word.end())
    return ends[-1]


def _hint(kind: str, excerpt: str, how_much: bool = False) -> WritingHint:
    """The hint, its reason quoting ``excerpt`` in one sentence that says what to add."""
    quoted = " ".join(excerpt.split())
    if kind == ACTIVITY_WITHOUT_IMPACT:
        reason = (f'It says "{quoted}" but not what changed for children or families as a '
                  "result: add the difference it made, with a figure if you have one.")
    elif kind == CLAIM_WITHOUT_EVIDENCE:
        reason = (f'It says "{quoted}" but gives no evidence: say how you know, such as an '
                  "audit, feedback from children or a figure.")
    elif how_much:
        reason = f'It says "{quoted}" but gives no figure: say how much, with a figure.'
    else:
        reason = f'It says "{quoted}" but gives no figure: say how many, or what share.'
    return WritingHint(kind, reason, excerpt)


# ---------------------------------------------------------------- rules


def _has_impact(text: str, sentences: tuple[_Sentence, ...]) -> bool:
    """Children or families with an outcome in one sentence, or a figure of change."""
    if CHANGE.search(_masked(text)):
        return True
    low = _lower(text)
    for s in sentences:
        if CHILDREN.search(low, s.start, s.end) and (
                OUTCOMES.search(low, s.start, s.end)
                or CHILDREN_SAY.search(low, s.start, s.end)):
            return True
    return False


#: A plan ("we will introduce") or a gap ("we have not yet embedded") is not a report of
#: activity: there is no impact to ask about yet.
_NOT_DONE = re.compile(r"\b(?:will|shall|plans? to|intends? to|aims? to|going to|not|never|"
                       r"yet to)\b|n['\u2019]t\b|['\u2019]ll\b")
_CHILD_SUBJECT = re.compile(rf"{CHILDREN.pattern}['\u2019]?\s+$")


def _joined(hits: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Overlapping matches as one stretch: "A new panel" and "panel meets" read as "A new
    panel meets"."""
    joined: list[tuple[int, int, bool]] = []
    for start, end, with_object in sorted(hits):
        if joined and start < joined[-1][1]:
            first, last, extend = joined[-1]
            joined[-1] = (first, max(last, end), extend if last >= end else with_object)
        else:
            joined.append((start, end, with_object))
    return joined


def _activities(text: str, sentences: tuple[_Sentence, ...]) -> Iterator[str]:
    """The words reporting an activity, the first in each sentence that has one."""
    low = _lower(text)
    for s in sentences:
        if _NOT_DONE.search(low, s.start, s.end):
            continue
        hits: list[tuple[int, int, bool]] = []
        for pattern, with_object in ACTIVITIES:
            m = pattern.search(low, s.start, s.end)
            if m:
                hits.append((m.start(), m.end(), with_object))
        for start, end, with_object in _joined(hits):
            before = low[max(s.start, start - 40):start]
            if _CHILD_SUBJECT.search(before):
                continue  # "children have developed ...": about children, not the LA
            begin = _words_before(text, s, start, 3 if not with_object else 2)
            stop = _object_end(text, s, end) if with_object else end
            yield text[begin:stop]
            break


def activity_without_impact(text: str) -> list[WritingHint]:
    """ILACS framework, paras 33 and 36: the SEF is "evaluative" and says what the LA
    knows about "the quality and impact of social work practice". Reporting what was set
    up, held or delivered, with nothing in the text about what changed for children and
    families, describes rather than evaluates. One hint for the text, on the first
    activity, since impact in any sentence answers it."""
    sentences = _sentences(text)
    first = next(_activities(text, sentences), None)
    if first is None or _has_impact(text, sentences):
        return []
    return [_hint(ACTIVITY_WITHOUT_IMPACT, first)]


def claim_without_evidence(text: str) -> list[WritingHint]:
    """ILACS framework, paras 33 and 36: an evaluative SEF answers "How do you know it?".
    A judgement of quality ("practice is strong", "works well") with no figure and no
    named source (an audit, feedback, data) anywhere in the text is an assertion only.
    One hint for the text, on the first claim."""
    masked = _masked(text)
    if FIGURES.search(masked) or SOURCES.search(masked):
        return []
    for s in _sentences(text):
        m = CLAIMS.search(masked, s.start, s.end)
        if m:
            begin = _words_before(text, s, m.start(), 3) if m.group("predicate") else m.start()
            return [_hint(CLAIM_WITHOUT_EVIDENCE, text[begin:m.end()])]
    return []


def vague_amount(text: str) -> list[WritingHint]:
    """ILACS framework, para 36: the SEF is "succinct, focused and evaluative", and
    "many", "most" or "a number of" without a figure cannot be weighed by the reader.
    One hint per vague word with no figure in its sentence, in order, three at most."""
    masked = _masked(text)
    hints: list[WritingHint] = []
    seen: set[str] = set()
    for s in _sentences(text):
        if FIGURES.search(masked, s.start, s.end):
            continue
        for m in _VAGUE.finditer(masked, s.start, s.end):
            key = VAGUE[int((m.lastgroup or "v0")[1:])][0]
            if key in seen:
                continue
            seen.add(key)
            hints.append(_hint(VAGUE_AMOUNT, text[m.start():m.end()], key in _HOW_MUCH))
            if len(hints) == _VAGUE_CAP:
                return hints
    return hints


def evaluative_hints(text: str) -> list[WritingHint]:
    """What a writer might add to make a SEF statement evaluative (para 36): activity
    with no impact, a claim with no evidence, then vague amounts. Never blocks saving."""
    if not text or not text.strip():
        return []
    return [*activity_without_impact(text), *claim_without_evidence(text),
            *vague_amount(text)]
