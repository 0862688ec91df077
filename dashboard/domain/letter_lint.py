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
               r"high[- ]quality|robust|impressive|exemplary|unsafe|failing)")
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


def judgement_findings(text: str) -> list[LetterFinding]:
    """Grade words and evaluative phrases about practice, in order (para 48)."""
    found = [
        LetterFinding(m.start(), m.end(), m.group(0), JUDGEMENT_REASON, "48")
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
        findings.append(LetterFinding(start, start + len(excerpt) if start >= 0 else -1,
                                      excerpt, IDENTIFIER_REASON.format(kind=kind),
                                      "48; developers' guide 6"))
    return findings


def letter_findings(text: str) -> list[LetterFinding]:
    """Everything that blocks issuing the letter until fixed or overridden."""
    return sorted(judgement_findings(text) + identifier_findings(text),
                  key=lambda f: f.start)


def override_key(text: str, reason: str) -> tuple[str, str]:
    """What an override is recorded against: the flagged words (any case or spacing) and
    the reason, so an override survives edits elsewhere in the letter."""
    return " ".join(text.lower().split()), reason


def open_findings(findings: list[LetterFinding],
                  overridden: set[tuple[str, str]]) -> list[LetterFinding]:
    """The findings no recorded override answers: these block issuing (para 48)."""
    return [f for f in findings if override_key(f.text, f.reason) not in overridden]
