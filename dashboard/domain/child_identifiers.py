"""A check for text that looks like it identifies a child, run before a SEF is shared.

A SEF goes to another organisation, so it must not carry a child's ID, name or date
of birth (developers' guide, non-negotiable 6). Text cannot be checked for certain;
these patterns catch the usual slips (a case number pasted from the case system, "a
boy called ...", "DOB 3/4/2012") and warn. Anonymised forms such as "Child A" or
"Family B" pass. The person sharing decides; the check only makes them look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.domain.sef_text import plain_text

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\s+\d{{4}})"
)

#: Words that often follow "child" or "young person" with a capital letter but are
#: not names ("Child Protection", "Young Person's Advisor").
_NOT_NAMES = frozenset("""
    protection in need looked care cared sexual criminal exploitation services social
    plan plans practice and or of the a an to with who whose was is are has had on at
    for from by arrangements arrangement team teams panel panels conference conferences
    advisor adviser health voice centre centres centred first board partnership
    safeguarding missing trafficking mental disabilities disability death deaths
    review reviews guarding family families court home homes leaving leavers
""".split())

_APOSTROPHES = "'\u2019"
_NAME = rf"([A-Z][a-z{_APOSTROPHES}]+(?:[ -][A-Z][a-z{_APOSTROPHES}]+)?)"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a date of birth", re.compile(
        rf"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?|birthday)\b\W{{0,3}}(?:{_DATE})?",
        re.IGNORECASE)),
    ("a Unique Pupil Number", re.compile(r"\b[A-Z]\d{11}[0-9A-Z]\b")),
    ("an NHS number", re.compile(r"\b\d{3}[ -]\d{3}[ -]\d{4}\b|\b\d{10}\b")),
    ("a case or child ID", re.compile(
        r"\b(?:child|case|person|client|record)\s*(?:id|no\.?|number|ref(?:erence)?)\b"
        r"\W{0,3}[A-Za-z0-9-]*\d[A-Za-z0-9-]*"
        r"|\b(?:ID|Ref)\b\W{0,3}[A-Za-z-]*\d[A-Za-z0-9-]*"
        r"|(?<![£$€.,\d])\b\d{6,9}\b(?![.,]\d)",
        re.IGNORECASE)),
    ("a name", re.compile(
        r"\b(?:(?:[Cc]hild|[Bb]oy|[Gg]irl|[Bb]aby|[Yy]oung (?:person|man|woman)|[Ss]ibling|"
        r"[Bb]rother|[Ss]ister|[Ss]on|[Dd]aughter|[Cc]are leaver|[Tt]eenager)"
        r",? +(?:(?:called|named|known as) +)?"
        r"|(?:called|named|known as) +"
        r"|\b(?:Mr|Mrs|Ms|Miss|Master|Mx)\.? +)" + _NAME)),
)


@dataclass(frozen=True)
class IdentifierFinding:
    """Where the SEF may identify a child, what it may be, and the words that matched."""

    where: str
    kind: str
    excerpt: str


def possible_child_identifiers(text: str) -> list[tuple[str, str]]:
    """(kind, matched words) for each place ``text`` may identify a child."""
    plain = plain_text(text)
    found: list[tuple[str, str]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(plain):
            if kind == "a name":
                words = match.group(1).lower().replace("\u2019", "'").split()
                if words[0].split("-")[0] in _NOT_NAMES or words[0].endswith("'s"):
                    continue
            found.append((kind, match.group(0).strip()))
    return found


def identifier_findings(parts: list[tuple[str, str]]) -> list[IdentifierFinding]:
    """Findings for each (where, text) part of a document, in document order."""
    return [
        IdentifierFinding(where, kind, excerpt)
        for where, text in parts
        for kind, excerpt in possible_child_identifiers(text)
    ]
