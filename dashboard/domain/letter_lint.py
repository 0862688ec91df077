"""Checks on the engagement letter before it is issued (ILACS framework para 48).

The letter "will not ... contain any judgements about practice", and it goes to the
local authority, so it must not identify a child. One small function per rule finds
the words, on the letter as it reads (without the formatting marks), line by line.
Precision matters as much as recall: an inspector stops reading a check that cries wolf,
so the factual uses ("a good discussion", "the outstanding actions", "the robustness of
the data was discussed", "Safe Families") pass.

Decided for the borderline cases:
- What the local authority said, attributed ("Leaders told us practice has improved",
  "the self-evaluation says ..."), passes for judgement words: the letter is a factual
  summary of the discussion, and the drafting itself words a reason as "the
  self-evaluation reports this as an area of strength". Ofsted's grade words (good,
  outstanding, requires improvement, inadequate) are flagged even when attributed: in
  Ofsted's letter they read as a grade. An attribution Ofsted then endorses ("we
  agreed") does not count.
- A judgement framed as the topic ("we discussed how effective early help is",
  "whether practice is strong") describes the discussion and passes.
- Change in numbers ("re-referrals declined from 24% to 19%", "the number of children
  in care has declined") is management information, not a judgement; "practice has
  improved" is.
- Remarks on the meeting itself ("the meeting was productive", "a good turnout") are not
  about practice and pass.

The inspector may override a finding with a recorded reason; the check never rewrites
the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dashboard.domain import child_identifiers as ci
from dashboard.domain.engagement_letter import letter_sections
from dashboard.domain.sef_text import ListBlock, Paragraph, Run, parse_blocks

GRADE = "a grade word"
JUDGEMENT = "a judgement word"

_JUDGEMENT_ADVICE = ("The letter records what was discussed, not how good it is: say who "
                     "said it or describe what was discussed.")
GRADE_REASON = ("This uses one of Ofsted's grade words about practice or services, which "
                "reads as a grade even when it reports what the local authority said. "
                "The letter records what was discussed, not how good it is: describe what "
                "was discussed instead.")
JUDGEMENT_REASON = ("This reads as a judgement about practice, services or children's "
                    "experiences. " + _JUDGEMENT_ADVICE)
_CHILD_ADVICE = ("The letter goes to the local authority: remove it or describe the child "
                 "without naming them.")
REASONS: dict[str, str] = {
    GRADE: GRADE_REASON,
    JUDGEMENT: JUDGEMENT_REASON,
    ci.NAME: "This may identify a child (a name). " + _CHILD_ADVICE,
    ci.NAME_WITH_AGE: "This may identify a child (a name with an age). " + _CHILD_ADVICE,
    ci.FULL_NAME: ("This may identify a child (a full name). " + _CHILD_ADVICE + " If it "
                   "names an adult, such as someone who attended, keep it and say so."),
    ci.TITLE_AND_SURNAME: ("This may identify a child or their family (a title and "
                           "surname). The letter goes to the local authority: remove it. If "
                           "it names an adult who attended, keep it and say so."),
    ci.DATE_OF_BIRTH: ("This may identify a child (a date of birth). The letter goes to the "
                       "local authority: remove it."),
    ci.UPN: "This may identify a child (a Unique Pupil Number). " + _CHILD_ADVICE,
    ci.NHS_NUMBER: "This may identify a child (an NHS number). " + _CHILD_ADVICE,
    ci.LOCAL_ID: "This may identify a child (a case or child ID). " + _CHILD_ADVICE,
}
_CATEGORY = {reason: ("judgement" if kind in (GRADE, JUDGEMENT) else "child")
             for kind, reason in REASONS.items()}
#: Reasons recorded with overrides before issue 21: their overrides still answer the same
#: words in the same sentence (the words flagged may now be a little longer or shorter).
_LEGACY_CATEGORY = {
    "The letter must not contain judgements about practice (framework paragraph 48).":
        "judgement",
    **{f"The letter goes to the local authority and must not identify a child ({kind}).":
       "child" for kind in (ci.DATE_OF_BIRTH, ci.UPN, ci.NHS_NUMBER, ci.LOCAL_ID, ci.NAME)},
}
_LEGACY = "before issue 21: "


@dataclass(frozen=True)
class LetterFinding:
    """Words the check found. ``start`` and ``end`` index ``reading_text(body)``."""

    start: int
    end: int
    text: str
    reason: str  # shown to the inspector, in plain words
    paragraph: str  # the framework paragraph, for the record: never shown as the reason
    context: str = ""  # the sentence it is in: an override answers this sentence only
    kind: str = ""  # a key of REASONS


# ---------------------------------------------------------------- the letter as it reads


@dataclass(frozen=True)
class ReadingBlock:
    """A heading, paragraph or list of the body, as the print view lays it out. Each
    item is one line of ``reading_text``."""

    kind: str  # "heading", "paragraph" or "list"
    items: tuple[tuple[Run, ...], ...]
    ordered: bool = False


def reading_blocks(body: str) -> list[ReadingBlock]:
    """The body's headings and blocks, parsed as the letter's outline parses them."""
    blocks: list[ReadingBlock] = []
    for heading, text in letter_sections(body):
        if heading:
            blocks.append(ReadingBlock("heading", ((Run(heading),),)))
        for block in parse_blocks(text):
            if isinstance(block, Paragraph):
                blocks.append(ReadingBlock("paragraph", (block.runs,)))
            elif isinstance(block, ListBlock):
                blocks.append(ReadingBlock("list", block.items, block.ordered))
    return blocks


def reading_text(body: str) -> str:
    """The words a reader sees, one line per heading, paragraph or list item."""
    return "\n".join("".join(run.text for run in item) for block in reading_blocks(body)
                     for item in block.items)


# ---------------------------------------------------------------- judgement rules

_I = re.IGNORECASE
_PRACTICE = (r"(?:early help|practice|social work|casework|work|multi-agency working|joint working|"
             r"partnership working|services?|provision|leadership|leaders|management|"
             r"managers|oversight|supervision|planning|plans?|assessments?|"
             r"decision[- ]making|decisions|outcomes|help|protection|care|support|"
             r"arrangements|partnerships?|front door|quality|performance|progress|"
             r"responses?|systems?|governance|audits?|quality assurance|experiences|hub|"
             r"MASH|teams?|workforce|processes|approach|offer|culture|model|"
             r"understanding|grip|capacity|challenge|self-evaluation|authority|council)")
_CHILDREN = r"(?:children|child|young people|young person|care leavers|babies|they)"
_BE = (r"(?:is|are|was|were|remains?|remained|seems?|seemed|appears?|appeared|has been|"
       r"have been|had been|feels?|felt|looks?|looked|became|becomes?|stays?|stayed|to be)")
_ADVERB = (r"(?:very|highly|consistently|increasingly|now|generally|particularly|really|"
           r"so|too|not|always|often|mostly|largely|sufficiently|suitably|exceptionally|"
           r"extremely|still|also|more|less|overall|clearly|typically|mainly|kept|much|"
           r"far|rather|quite|fairly|broadly|reliably|routinely|never|no longer)")
_GRADES = r"(?:outstanding|good|inadequate|requires? improvement)"
_EVALUATIVE = (r"(?:strong|stronger|weak|weaker|poor|poorer|excellent|effective|ineffective|"
               r"robust|impressive|exemplary|high[- ]quality|low[- ]quality|unsafe|failing)")

#: The local authority's side, telling Ofsted what it thinks.
_LA_SOURCE = (r"(?:leaders?|senior leaders|managers|the dcs|the director|(?:the )?(?:local )?"
              r"authority|\bla\b|the council|self[- ]evaluation|\bsef\b|chief executive|"
              r"lead member|head of service|principal social worker|officers|partners|"
              r"staff|practitioners|social workers|(?:their|its) (?:own )?(?:data|audits?|"
              r"figures|performance information|reports?|tracking|analysis|evidence))")
_REPORTING = (r"(?:say|says|said|told|tell|tells|describe[sd]?|report(?:s|ed)?|"
              r"explain(?:s|ed)?|set out|sets out|believe[sd]?|consider(?:s|ed)?|"
              r"identif(?:y|ies|ied)|highlight(?:s|ed)?|share[sd]?|note[sd]?|feel|feels|"
              r"felt|think|thinks|thought|see|sees|saw|shows?|showed|shown|indicates?|"
              r"indicated|suggests?|suggested|states?|stated|records?|recorded|"
              r"present(?:s|ed)?|outline[sd]?|views?|viewed|assess(?:es|ed)?|evaluates?|"
              r"evaluated|points? to|pointed to|acknowledged?|recogni[sz]e[sd]?|"
              r"are confident|were confident|are clear|were clear|emphasi[sz]e[sd]?|"
              r"stressed|claim(?:s|ed)?|argue[sd]?|regard(?:s|ed)?|want(?:s|ed)?|aims?)")
#: Words that end the subject: "Leaders told us that practice is good" judges practice.
_STOP = (rf"(?:but|while|whereas|because|although|though|which|who|where|when|if|so|that|us|"
         rf"{_REPORTING})")
_WORD = rf"(?:[ ,]+(?!{_STOP}\b)[\w'\u2019-]+)"
_PREDICATE = re.compile(
    rf"\b(?:{_PRACTICE}|{_CHILDREN})\b{_WORD}{{0,6}}? +{_BE}(?: +{_ADVERB}){{0,2}} +"
    rf"(?P<word>{_GRADES}|{_EVALUATIVE}|safe|a (?:particular |real |key |clear )?"
    r"(?:strength|weakness))\b", _I)
_BREAK = (r"(?:of|about|on|with|for|to|in|at|and|or|by|from|between|discussion|discussions|"
          r"turnout|meeting|conversation|questions?|opportunit(?:y|ies)|time|date|start|"
          r"morning|afternoon|presentation|idea|reason|chance|deal|news|relationship)")
_ATTRIBUTIVE = re.compile(
    rf"\b(?P<word>{_GRADES}|{_EVALUATIVE}|improved|improving|deteriorating|declining|"
    rf"worsening)(?: +(?!{_BREAK}\b)[\w-]+){{0,2}}? +{_PRACTICE}\b"
    rf"|\b(?P<example>good|excellent|strong|outstanding) examples? of(?: +[\w-]+){{0,3}}? +"
    rf"{_PRACTICE}\b", _I)
#: "outstanding" means "not yet done" before these, or when counted or remaining.
_COUNTED = (r"\b(?:remains?|remained|still)\b|\b(?:\d+|two|three|four|five|six|seven|eight|"
            r"nine|ten|several|few|some) +(?:[\w-]+ +)?(?:assessments?|audits?|actions?|"
            r"plans?|visits?|reviews?|items?|tasks?|cases?|returns?|recommendations?|"
            r"referrals?|requests?)\b")
_PENDING = re.compile(r"outstanding +(?:assessments?|plans?|audits?|visits?|decisions|"
                      r"responses?|work +(?:to|on|from)\b)", _I)
_REQUIRES_IMPROVEMENT = re.compile(
    r"\b(?:requires?|required|requiring) improvement(?: to be good)?\b"
    r"|\bgood or (?:better|outstanding)\b|\boutstanding or good\b", _I)
_INADEQUATE = re.compile(r"\binadequate\b(?! +(?:housing|heating|accommodation|diet|"
                         r"nutrition|clothing|sleep)\b)", _I)
_JUDGED = re.compile(
    rf"\b(?:judged|graded|rated|found to be)\b(?: +[\w'\u2019-]+){{0,4}}? +(?:as +)?(?:to be +)?"
    rf"{_GRADES}(?: to be good)?\b", _I)
_CHANGED = re.compile(
    rf"\b(?:{_PRACTICE}|{_CHILDREN})\b{_WORD}{{0,6}}? +"
    rf"(?:(?:has|have|had|is|are|was|were|continues to|continue to)(?: been)? +)?"
    rf"(?:{_ADVERB} +)?(?P<word>improved|improving|got better|got worse|strengthened|"
    r"weakened|(?:declined|declining|deteriorated|deteriorating|worsened|worsening)"
    r"(?= *(?:[.,;:)]|$| +(?:since|over|in|during|significantly|sharply|further|markedly|"
    r"slightly|recently|again|and|but)\b)))\b"
    rf"|\b(?:has|have)(?: +{_ADVERB})? +(?P<plain>improved)\b", _I)
_FROM_TO = re.compile(r" *(?:(?:from|to|by) +[\d£]|from .* to +[\d£])", _I)
_QUANTITY = re.compile(r"\b(?:numbers?|rates?|proportion|percentage|figures?|total|count|"
                       r"levels?|volume|demand|caseloads?)\b", _I)
_PRAISE = re.compile(r"\b(?:impressive|exemplary|excellent|robust|exceptional|"
                     r"(?:first|world)[- ]class|superb|commendable)\b", _I)
_MEETING = re.compile(r"\b(?:turnout|venue|lunch|hospitality|welcome|morning|afternoon|"
                      r"discussions?|meeting|conversation|questions?|opportunity|"
                      r"idea|attendance)\b", _I)

_ATTRIBUTED = re.compile(
    rf"\b{_LA_SOURCE}\b(?:[ ,'\u2019]+[\w'\u2019-]+){{0,4}}?[ ,]+{_REPORTING}\b"
    r"|\baccording to\b|\bin (?:the|their|its) (?:own )?(?:view|self-evaluation|sef)\b", _I)
_ENDORSED = re.compile(r"\b(?:we|inspectors|ofsted|hmi)\b(?: +\w+){0,2}? +(?:agreed|agree|"
                       r"found|find|saw|see|considered|consider|think|thought|judged|"
                       r"are confident|were confident|recognised|recognized|observed)\b", _I)
_TOPIC = re.compile(r"\b(?:how|whether|to what extent|if)\b(?:\W+\w+){0,6}\W*$", _I)


@dataclass(frozen=True)
class _Hit:
    kind: str
    start: int
    end: int


def _sentence_start(line: str, start: int) -> int:
    return max((m.end() for m in _SENTENCE_END.finditer(line, 0, start)), default=0)


def _as_topic(line: str, start: int) -> bool:
    """Framed as what was discussed: "how effective ...", "whether practice is ..."."""
    return bool(_TOPIC.search(line[_sentence_start(line, start):start]))


def _attributed(line: str, start: int) -> bool:
    """Reported as what the local authority said, and not then endorsed by Ofsted."""
    begin = _sentence_start(line, start)
    end = _SENTENCE_END.search(line, start)
    sentence = line[begin:end.end() if end else len(line)]
    return (bool(_ATTRIBUTED.search(line[begin:start]))
            and not _ENDORSED.search(sentence))


def _not_yet_done(line: str, m: re.Match[str]) -> bool:
    """ "Outstanding" meaning not yet done: "outstanding assessments", "two audits are
    outstanding", "three plans remain outstanding"."""
    at = m.start("word") if m.group("word") else m.start()
    return bool(_PENDING.match(line, at)
                or re.search(_COUNTED, line[_sentence_start(line, m.start()):m.end()], _I))


def grade_words(line: str) -> Iterator[_Hit]:
    """Ofsted's grade words judging practice or services: "practice is good",
    "outstanding work", "requires improvement", "judged inadequate". Not "a good
    discussion" nor "the outstanding actions" (not yet done)."""
    for pattern in (_JUDGED, _REQUIRES_IMPROVEMENT, _INADEQUATE):
        for m in pattern.finditer(line):
            yield _Hit(GRADE, m.start(), m.end())
    for pattern in (_PREDICATE, _ATTRIBUTIVE):
        for m in pattern.finditer(line):
            word = (m.group("word") or m.groupdict().get("example") or "").lower()
            if word not in ("good", "outstanding"):
                continue
            if word == "outstanding" and _not_yet_done(line, m):
                continue
            yield _Hit(GRADE, m.start(), m.end())


def judgement_words(line: str) -> Iterator[_Hit]:
    """Evaluative words applied to practice, services or children: "practice is strong",
    "effective early help", "children are safe", "robust plans"."""
    for pattern in (_PREDICATE, _ATTRIBUTIVE):
        for m in pattern.finditer(line):
            word = (m.group("word") or m.groupdict().get("example") or "").lower()
            if word not in ("good", "outstanding", "inadequate") and "improvement" not in word:
                yield _Hit(JUDGEMENT, m.start(), m.end())


def praise_words(line: str) -> Iterator[_Hit]:
    """Words that praise whatever they touch ("impressive", "excellent", "robust"),
    unless they are about the meeting itself ("an excellent turnout")."""
    for m in _PRAISE.finditer(line):
        nearby = line[max(0, m.start() - 30):m.end() + 30]
        if not _MEETING.search(nearby):
            yield _Hit(JUDGEMENT, m.start(), m.end())


def change_words(line: str) -> Iterator[_Hit]:
    """A judgement that something got better or worse: "practice has improved",
    "outcomes have deteriorated". Numbers that moved ("declined from 24% to 19%", "the
    number of ... has declined") are management information and pass."""
    for m in _CHANGED.finditer(line):
        if _FROM_TO.match(line, m.end()):
            continue
        if _QUANTITY.search(line[_sentence_start(line, m.start()):m.end()]):
            continue
        yield _Hit(JUDGEMENT, m.start(), m.end())


JUDGEMENT_RULES: tuple[Callable[[str], Iterator[_Hit]], ...] = (
    grade_words, judgement_words, praise_words, change_words)


def _judgement_hits(line: str) -> Iterator[_Hit]:
    for rule in JUDGEMENT_RULES:
        for hit in rule(line):
            if _as_topic(line, hit.start):
                continue
            if hit.kind == JUDGEMENT and _attributed(line, hit.start):
                continue
            yield hit


def _identifier_hits(line: str) -> Iterator[_Hit]:
    for match in ci.identifier_matches(line):
        yield _Hit(match.kind, match.start, match.end)


_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], on one line."""
    before = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return " ".join(text[before:after.end() if after else len(text)].split())


def _findings(body: str, hits: Callable[[str], Iterator[_Hit]]) -> list[LetterFinding]:
    text = reading_text(body)
    found: list[LetterFinding] = []
    offset = 0
    for line in text.split("\n"):
        for hit in hits(line):
            start, end = offset + hit.start, offset + hit.end
            found.append(LetterFinding(start, end, text[start:end], REASONS[hit.kind], "48",
                                       _sentence(line, hit.start, hit.end), hit.kind))
        offset += len(line) + 1
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[LetterFinding] = []
    for finding in found:  # one finding per stretch of text
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def judgement_findings(body: str) -> list[LetterFinding]:
    """Grade words and judgements about practice, services or children, in order."""
    return _findings(body, _judgement_hits)


def letter_findings(body: str) -> list[LetterFinding]:
    """Everything that blocks issuing the letter until fixed or overridden, in order."""
    return _findings(body, lambda line: (*_identifier_hits(line), *_judgement_hits(line)))


# ---------------------------------------------------------------- overrides


def _plain(words: str) -> str:
    """Words compared case-, spacing- and formatting-blind: overrides recorded when the
    check read the raw text (with "**" and "- ") still compare equal."""
    words = re.sub(r"^\s*(?:[-+*]|\d+[.)]|#+)\s+", "", words)
    return " ".join(re.sub(r"[*_]", "", words).lower().split())


def override_key(text: str, reason: str, context: str) -> tuple[str, str, str]:
    """What an override is recorded against: the flagged words and the sentence they are
    in (any case or spacing), and whether it was a judgement or a child. It survives
    edits elsewhere in the letter, but not a change to that sentence, nor the same words
    used again elsewhere."""
    if reason in _CATEGORY:
        category = _CATEGORY[reason]
    elif reason in _LEGACY_CATEGORY:
        category = _LEGACY + _LEGACY_CATEGORY[reason]
    else:
        category = reason
    return _plain(text), category, _plain(context)


def finding_key(finding: LetterFinding) -> tuple[str, str, str]:
    return override_key(finding.text, finding.reason, finding.context)


def _answers(key: tuple[str, str, str], finding: LetterFinding) -> bool:
    own = finding_key(finding)
    if key == own:
        return True
    words, category, context = key
    return (category == _LEGACY + own[1] and context == own[2]
            and (words in own[0] or own[0] in words))


def open_findings(findings: list[LetterFinding],
                  overridden: set[tuple[str, str, str]]) -> list[LetterFinding]:
    """The findings no recorded override answers: these block issuing (para 48)."""
    return [f for f in findings if not any(_answers(key, f) for key in overridden)]
