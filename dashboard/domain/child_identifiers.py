"""A check for text that looks like it identifies a child: run before a SEF is shared,
before the letter after the meeting is issued, and on reasons kept in the audit trail.

A SEF goes to another organisation and the letter goes to the local authority, so neither
may carry a child's ID, name or date of birth (ILACS framework para 48: the letter is a
summary of the discussion, never about one child). Text cannot be checked for certain;
each rule below catches one usual slip and says which. Anonymised forms such as "Child A"
or "Family B" pass. The person writing decides; the check only makes them look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dashboard.domain.sef_text import plain_text

NAME = "a name"
NAME_WITH_AGE = "a name with an age"
TITLE_AND_SURNAME = "a title and surname"
DATE_OF_BIRTH = "a date of birth"
UPN = "a Unique Pupil Number"
NHS_NUMBER = "an NHS number"
LOCAL_ID = "a case or child ID"

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: A full date in the forms people type: 01/02/2015, 1.2.15, 1-2-2015, 2015-02-01,
#: 1 February 2015, 1st of Feb 2015, February 1st 2015, February 1, 2015.
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)|\d{4}-\d{2}-\d{2}"
    rf"|{_DAY}\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+(?:\d{{4}}|'?\d{{2}})\b"
    rf"|(?:{_MONTHS})\.?\s+{_DAY},?\s+\d{{4}})"
)
#: After "born", a month and year or a year narrows it down too.
_BORN_WHEN = rf"(?:{_DATE}|(?:{_MONTHS})\.?\s+\d{{4}}|(?:19|20)\d{{2}}\b)"

_APOSTROPHES = "'\u2019"
#: A name as written: Jack, O'Neill, McDonald, Smith-Jones, Emily Jones.
_NAME_WORD = rf"[A-Z](?:[{_APOSTROPHES}][A-Z])?[a-z{_APOSTROPHES}]+(?:[A-Z][a-z]+)?"
_NAME = rf"(?:{_NAME_WORD}(?:[ -]{_NAME_WORD})?)"

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

#: Capitalised words that come before an age or a number in brackets but are not names
#: ("Children aged 9", "Year (11)", "In March, 12, ...").
_NOT_NAMES_BEFORE_AGE = _NOT_NAMES | frozenset("""
    january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday
    child children young people pupils pupil boys girls boy girl babies baby teenagers
    learners students adults parents siblings leavers those these all many some most
    few several only each every both also then now so we they he she it there here this
    that leaders managers inspectors ofsted total number about around approximately
    nearly over under up just among including aged age between since until before after
    during year years key stage section paragraph para annex table figure item part page
    appendix chapter level step rule regulation schedule article room floor ward grade
    class group cohort phase tier band priority option question point week weeks month
    months day days area areas theme themes topic topics rank score
""".split())

_CHILD_WORDS = (r"(?:[Cc]hild|[Bb]oy|[Gg]irl|[Bb]aby|[Yy]oung (?:person|man|woman)|"
                r"[Ss]ibling|[Bb]rother|[Ss]ister|[Ss]on|[Dd]aughter|[Cc]are leaver|"
                r"[Tt]eenager)")
_FAMILY_WORDS = (r"(?:[Cc]hild|[Bb]oy|[Gg]irl|[Bb]aby|[Yy]oung (?:person|man|woman)|[Ss]ibling|"
                 r"[Bb]rother|[Ss]ister|[Ss]on|[Dd]aughter|[Cc]are leaver|[Tt]eenager|[Pp]upil|"
                 r"[Tt]oddler|[Ii]nfant|\d{1,2}-year-old|[Mm]other|[Ff]ather|[Mm]um|[Dd]ad|"
                 r"[Pp]arent|(?:[Ff]oster )?[Cc]arer)")
_AGE = r"(?:[1-9]|1\d|2[0-5])"


@dataclass(frozen=True)
class IdentifierMatch:
    """One place in a text that may identify a child: what it may be, and where."""

    kind: str
    start: int
    end: int
    text: str


def _is_name(words: str, not_names: frozenset[str]) -> bool:
    first = words.lower().replace("\u2019", "'").split()[0]
    return first.split("-")[0] not in not_names and not first.endswith("'s")


_CALLED = re.compile(
    rf"\b{_FAMILY_WORDS}s?\b(?:,? +[\w-]+){{0,3}}?,? +(?:called|named|known as) +({_NAME})"
    rf"|\b{_CHILD_WORDS},? +({_NAME})")


def names_of_children(text: str) -> Iterator[IdentifierMatch]:
    """A name after "a boy called", "the young person, known as", "her son": naming a
    child, or a parent, identifies the child."""
    for match in _CALLED.finditer(text):
        if _is_name(match.group(1) or match.group(2), _NOT_NAMES):
            yield IdentifierMatch(NAME, match.start(), match.end(), match.group(0))


_NAME_AGE = re.compile(
    rf"\b({_NAME})(?:"
    rf",? +\(?(?:aged|age) +{_AGE}\b"  # Jack aged 9, Jack, aged 9, Sarah (aged 14
    rf"| *\( *{_AGE} *(?:years?(?: old)?|yrs?|y/?o)? *\)"  # Emily Jones (11)
    rf"|, +{_AGE}(?= *(?:[,;)]|\.(?!\d)))"  # Tom, 15,
    rf"|,? +{_AGE}(?: +years? old|-year-old| *y/?o)\b"  # Jack, 9 years old
    rf"|,? +(?:a|an) +{_AGE}[- ]year[- ]old\b)")  # Jack, a 9-year-old


def names_with_ages(text: str) -> Iterator[IdentifierMatch]:
    """A name with an age ("Jack, aged 9", "Emily Jones (11)", "Tom, 15,"): together they
    point to one child even without a surname."""
    for match in _NAME_AGE.finditer(text):
        if _is_name(match.group(1), _NOT_NAMES_BEFORE_AGE):
            yield IdentifierMatch(NAME_WITH_AGE, match.start(), match.end(), match.group(0))


_TITLE = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Master|Mx)\.? +(?:[A-Z]\.? +)?({_NAME})")


def titles_and_surnames(text: str) -> Iterator[IdentifierMatch]:
    """A title with a surname ("Miss Patel", "Mr O'Neill"): a parent, a carer or a child."""
    for match in _TITLE.finditer(text):
        if _is_name(match.group(1), _NOT_NAMES):
            yield IdentifierMatch(TITLE_AND_SURNAME, match.start(), match.end(),
                                  match.group(0))


_DOB = re.compile(
    rf"(?:\bd\.o\.b\.?|\bD\.O\.B\.?|\bDOB\b|\bDoB\b)(?:\W{{0,3}}{_DATE})?"
    rf"|\b(?:date of birth|birthday)\b(?: is| was)?(?: on)?\W{{0,3}}{_DATE}"
    rf"|\bborn(?: on| in)?\W{{1,3}}{_BORN_WHEN}"
    rf"|\b{_NAME} *\( *{_DATE} *\)",
    re.IGNORECASE)
_DOB_NAME = re.compile(rf"({_NAME}) *\(")


def dates_of_birth(text: str) -> Iterator[IdentifierMatch]:
    """A date of birth: "DOB" or "d.o.b." anywhere (case-record shorthand), or "date of
    birth", "born" or a name in front of a date in any common format. A date alone is not
    flagged: the letter is full of meeting and due dates."""
    for match in _DOB.finditer(text):
        named = _DOB_NAME.match(match.group(0))
        if named and not _is_name(named.group(1), _NOT_NAMES_BEFORE_AGE):
            continue
        yield IdentifierMatch(DATE_OF_BIRTH, match.start(), match.end(), match.group(0))


_UPN = re.compile(r"\b[A-Z]\d{11}[0-9A-Z]\b")


def pupil_numbers(text: str) -> Iterator[IdentifierMatch]:
    """A Unique Pupil Number: a letter and 12 characters, the last a digit or, in a
    temporary UPN, a letter."""
    for match in _UPN.finditer(text):
        yield IdentifierMatch(UPN, match.start(), match.end(), match.group(0))


_TEN_DIGITS = re.compile(r"(?<![\d£$€.,])\b(?:\d{3}[ -]\d{3}[ -]\d{4}|\d{10})\b(?![.,]\d)")
_NHS_LABEL = re.compile(r"\bNHS\b\W*(?:(?:no|number|num)\b\.?)?\W*$", re.IGNORECASE)


def nhs_check_digit_ok(digits: str) -> bool:
    """The NHS number's modulus 11 check: weights 10 down to 2 on the first nine digits;
    11 minus the remainder is the tenth digit (11 reads as 0; 10 is never issued)."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return check != 10 and (0 if check == 11 else check) == int(digits[9])


def nhs_numbers(text: str) -> Iterator[IdentifierMatch]:
    """An NHS number: ten digits, run together or spaced 3-3-4.

    Flagged when the modulus 11 check digit is right, or whatever the digit when "NHS"
    comes just before it (a mistyped number still points to a child). The check digit
    lets ten digits that are something else pass (about ten in eleven do, an overseas
    phone number spaced 3-3-4 among them); UK phone numbers have eleven digits and do
    not match at all."""
    for match in _TEN_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        labelled = _NHS_LABEL.search(text[max(0, match.start() - 20):match.start()])
        if labelled or nhs_check_digit_ok(digits):
            yield IdentifierMatch(NHS_NUMBER, match.start(), match.end(), match.group(0))


_SYSTEMS = r"(?:LCS|Mosaic|Liquid ?logic|EHM|Eclipse|CareFirst|Azeus|Paris|Frameworki|ICS)"
_LOCAL_ID = re.compile(
    r"\b(?:child|case|person|client|record)\s*(?:unique\s*)?"
    r"(?:id(?:entifier)?|no\.?|number|ref(?:erence)?)\b"
    r"\W{0,3}[A-Za-z0-9-]*\d[A-Za-z0-9-]*"
    rf"|\b{_SYSTEMS}\s*(?:(?:child|case|person|client)\s*)?"
    r"(?:id|no\.?|number|ref(?:erence)?)?\W{0,3}[A-Za-z-]*\d[A-Za-z0-9-]*"
    r"|\bCUID\b\W{0,3}[A-Za-z-]*\d[A-Za-z0-9-]*"
    r"|\b(?:ID|Ref)\b\W{0,3}[A-Za-z-]*\d[A-Za-z0-9-]*"
    r"|(?<![£$€.,\d])\b\d{6,9}\b(?![.,]\d)",
    re.IGNORECASE)


def local_ids(text: str) -> Iterator[IdentifierMatch]:
    """A case or child ID from the LA's own system: "Case ID 4471932", "Mosaic 2045517",
    the Child Unique ID as Annex A uses it, or a bare long number (six to nine digits;
    money and decimals pass)."""
    for match in _LOCAL_ID.finditer(text):
        yield IdentifierMatch(LOCAL_ID, match.start(), match.end(), match.group(0).strip())


RULES: tuple[Callable[[str], Iterator[IdentifierMatch]], ...] = (
    dates_of_birth, pupil_numbers, nhs_numbers, local_ids, names_with_ages,
    titles_and_surnames, names_of_children,
)


def identifier_matches(text: str) -> list[IdentifierMatch]:
    """Each place ``text`` (as read, without formatting marks) may identify a child, in
    order; where two rules match the same words, the earlier, longer match stands."""
    found = sorted((m for rule in RULES for m in rule(text)), key=lambda m: (m.start, -m.end))
    kept: list[IdentifierMatch] = []
    for match in found:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


@dataclass(frozen=True)
class IdentifierFinding:
    """Where the SEF may identify a child, what it may be, and the words that matched."""

    where: str
    kind: str
    excerpt: str


def possible_child_identifiers(text: str) -> list[tuple[str, str]]:
    """(kind, matched words) for each place ``text`` may identify a child."""
    return [(m.kind, m.text) for m in identifier_matches(plain_text(text))]


def identifier_findings(parts: list[tuple[str, str]]) -> list[IdentifierFinding]:
    """Findings for each (where, text) part of a document, in document order."""
    return [
        IdentifierFinding(where, kind, excerpt)
        for where, text in parts
        for kind, excerpt in possible_child_identifiers(text)
    ]
