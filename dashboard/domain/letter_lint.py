"""Checks on the engagement letter before it is issued (para 48).

The letter "will not ... contain any judgements about practice": grade words, and
evaluative words applied to practice, are flagged in place with the reason and the
paragraph. Text that may identify a child is flagged too. The inspector may override
a finding with a recorded reason; the check never rewrites the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.domain.child_identifiers import possible_child_identifiers

JUDGEMENT_REASON = ("The letter must not contain judgements about practice (framework "
                    "paragraph 48).")
IDENTIFIER_REASON = ("The letter goes to the local authority and must not identify a child "
                     "({kind}).")

#: The four-point scale's words (paras 96-97), and "judged".
GRADE_WORDS = re.compile(
    r"\b(outstanding|inadequate|requires? improvement(?: to be good)?|good or better|"
    r"judged)\b", re.IGNORECASE)

_EVALUATIVE = (r"(?:good|strong|stronger|weak|weaker|poor|excellent|effective|ineffective|"
               r"high[- ]quality|robust|impressive|exemplary|unsafe|failing|outstanding|"
               r"inadequate)")
_PRACTICE = (r"(?:practice|social work|casework|work with (?:children|families)|services?|"
             r"leadership|leaders|management|oversight|supervision|planning|assessments?|"
             r"decision[- ]making|outcomes|help|protection|care)")
#: An evaluative word within a few words of what it judges, either way round.
EVALUATIVE_PHRASE = re.compile(
    rf"\b{_EVALUATIVE}\b(?:\W+\w+){{0,3}}?\W+{_PRACTICE}\b"
    rf"|\b{_PRACTICE}\b(?:\W+\w+){{0,5}}?\W+(?:is|are|was|were|remains?|seems?)\W+"
    rf"(?:\w+\W+)?{_EVALUATIVE}\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class LetterFinding:
    start: int
    end: int
    text: str
    reason: str
    paragraph: str
    context: str = ""  # the sentence it is in: an override answers this sentence only


_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], on one line."""
    if start < 0:
        return ""
    before = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return " ".join(text[before:after.end() if after else len(text)].split())


def judgement_findings(text: str) -> list[LetterFinding]:
    """Grade words and evaluative phrases about practice, in order (para 48)."""
    found = [
        LetterFinding(m.start(), m.end(), m.group(0), JUDGEMENT_REASON, "48",
                      _sentence(text, m.start(), m.end()))
        for pattern in (GRADE_WORDS, EVALUATIVE_PHRASE) for m in pattern.finditer(text)
    ]
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[LetterFinding] = []
    for finding in found:  # one finding per stretch of text
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def identifier_findings(text: str) -> list[LetterFinding]:
    findings = []
    for kind, excerpt in possible_child_identifiers(text):
        start = text.find(excerpt)
        end = start + len(excerpt) if start >= 0 else -1
        findings.append(LetterFinding(start, end, excerpt, IDENTIFIER_REASON.format(kind=kind),
                                      "48; developers' guide 6",
                                      _sentence(text, start, end) or excerpt))
    return findings


def letter_findings(text: str) -> list[LetterFinding]:
    """Everything that blocks issuing the letter until fixed or overridden."""
    return sorted(judgement_findings(text) + identifier_findings(text),
                  key=lambda f: f.start)


def override_key(text: str, reason: str, context: str) -> tuple[str, str, str]:
    """What an override is recorded against: the flagged words and the sentence they are
    in (any case or spacing), and the reason. It survives edits elsewhere in the letter,
    but not a change to that sentence, nor the same words used again elsewhere."""
    return " ".join(text.lower().split()), reason, " ".join(context.lower().split())


def finding_key(finding: LetterFinding) -> tuple[str, str, str]:
    return override_key(finding.text, finding.reason, finding.context)


def open_findings(findings: list[LetterFinding],
                  overridden: set[tuple[str, str, str]]) -> list[LetterFinding]:
    """The findings no recorded override answers: these block issuing (para 48)."""
    return [f for f in findings if finding_key(f) not in overridden]
