"""A check for text that looks like it identifies a child: run before a SEF is shared,
before the letter after the meeting is issued, and on reasons kept in the audit trail.

A SEF goes to another organisation and the letter goes to the local authority, so neither
may carry a child's ID, name or date of birth (ILACS framework para 48: the letter is a
summary of the discussion, never about one child). Text cannot be checked for certain;
each rule below catches one usual slip and says which. Anonymised forms such as "Child A"
or "Family B" pass. The person writing decides; the check only makes them look.

A first name with a surname and nothing beside it ("Jayden Smith was visited") needs a
list of first names: Jörg Michael's dictionary (nam_dict.txt, 2008, under the GNU Free
Documentation License 1.2 or later), read unchanged from the gender-guesser 0.4.0
package, which ships it; that package's own code is not used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from dashboard.domain.sef_text import plain_text

NAME = "a name"
NAME_WITH_AGE = "a name with an age"
TITLE_AND_SURNAME = "a title and surname"
DATE_OF_BIRTH = "a date of birth"
UPN = "a Unique Pupil Number"
NHS_NUMBER = "an NHS number"
LOCAL_ID = "a case or child ID"
FULL_NAME = "a full name"

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


# ---------------------------------------------------------------- a full name alone

#: Where the first names come from: Jörg Michael's dictionary of first names (nam_dict.txt,
#: 2008), as the package gender-guesser 0.4.0 ships it. The file is under the GNU Free
#: Documentation License 1.2 or later; it is read as shipped and never changed.
_NAME_DICTIONARY = ("gender_guesser", "data/nam_dict.txt")
#: Its frequency columns in order, one character each from column 31 (the file's header;
#: the package's detector.py lists the same 55).
_COUNTRIES = (
    "great_britain", "ireland", "usa", "italy", "malta", "portugal", "spain", "france",
    "belgium", "luxembourg", "the_netherlands", "east_frisia", "germany", "austria", "swiss",
    "iceland", "denmark", "norway", "sweden", "finland", "estonia", "latvia", "lithuania",
    "poland", "czech_republic", "slovakia", "hungary", "romania", "bulgaria", "bosniaand",
    "croatia", "kosovo", "macedonia", "montenegro", "serbia", "slovenia", "albania", "greece",
    "russia", "belarus", "moldova", "ukraine", "armenia", "azerbaijan", "georgia", "the_stans",
    "turkey", "arabia", "israel", "china", "india", "japan", "korea", "vietnam",
    "other_countries")
#: Columns that do not make a first name on their own: romanised East Asian given names
#: are often English words ("The", "You", "In", "He", "My", "Won", "Young"), so counting
#: them would flag most sentences.
_COUNTRIES_LEFT_OUT = frozenset({"china", "japan", "korea", "vietnam"})
_NAME_COLUMNS = slice(3, 29)  # the name, padded with spaces
_SORTED_EXPANDED = 29  # "+": a second copy of a name with umlauts, sorted as if expanded
_FIRST_COUNTRY = 30


@cache
def first_names() -> frozenset[str]:
    """The dictionary's first names, casefolded: those used in any country it counts
    except the East Asian columns.

    Broader than Great Britain and Ireland on purpose. The file dates from 2008 and its
    British and Irish columns hold about 2,500 names, without Jayden, Tyler, Ellie,
    Muhammad, Aisha, Priya or Amir; England's children carry names from everywhere their
    families come from, and a child's name missed costs more than a flag the person
    answers. The price is more names that are also English words: ``NOT_FIRST_NAMES``.

    The format (the file's own header, and gender-guesser's detector.py): UTF-8, fixed
    columns. A line starting "#" is a comment and one starting "=" pairs a short and a
    long form of a name; both are skipped. Otherwise a gender code, the name in columns
    4 to 29, and from column 31 one frequency character per country (hexadecimal, blank
    where the name is not used there). A "+" inside a name (Arabic, Chinese and Korean
    names) stands for "-", " " or nothing: "Jun+Wei" is kept as "Jun-Wei" and "Junwei"
    (as two words, "Jun" is not a first name on its own). A "+" in column 30 marks the
    second copy of a name with umlauts, which is skipped as the header advises.
    """
    package, path = _NAME_DICTIONARY
    text = files(package).joinpath(path).read_text(encoding="utf-8")
    names: set[str] = set()
    for line in text.splitlines():
        if not line or line[0] in "#=" or line[_SORTED_EXPANDED:_FIRST_COUNTRY] == "+":
            continue
        frequencies = line[_FIRST_COUNTRY:_FIRST_COUNTRY + len(_COUNTRIES)]
        if not any(mark.strip() for country, mark in zip(_COUNTRIES, frequencies, strict=False)
                   if country not in _COUNTRIES_LEFT_OUT):
            continue
        parts = line[_NAME_COLUMNS].strip().split("+")
        names.add("-".join(parts).casefold())
        names.add("".join(parts).casefold())
    return frozenset(names)


#: First names in the dictionary that are also ordinary English words, likely to be
#: capitalised at the start of a sentence, in a heading or in the name of a service
#: ("An Ofsted inspection", "Will Ofsted ...", "Mark Scheme", "Foster Carers", "Amber
#: Rating", "Liberty Protection Safeguards", "June Review", "Grace Darling"). They do not
#: count as first names, so "Grace Smith" or "Will Jones" alone is missed: the price of
#: not flagging every such sentence. Names that are words but rarely start one (Jack,
#: Lily, Ruby, Holly, Daisy, Pat, Jean, Carol) stay names. English places that are rarely
#: a child's name go too ("London Innovation and Improvement Alliance", "Chester Zoo",
#: "Kent Police"), and "Sef". Tuned against the tests' corpora; every word here is in
#: the dictionary (a test checks), so none is dead weight.
NOT_FIRST_NAMES = frozenset("""
    an are can do even here his just made my one per said take till to else five
    will may mark bill guy rich frank drew ray dean dale glen brook brooks
    grace hope faith joy charity unity liberty harmony patience justice sincere heaven
    rose sky summer spring autumn april june august march sunny storm river rock forest
    king queen prince princess duke earl baron major general judge royal
    chance key line file floor door fair fine free lean oral non sine co
    amber red alpha phoenix haven genesis buddy foster victor sterling van ed grant easter roma
    art win ward trace price rush era essence earnest ear brain merry gay
    age ago aide alien ante anti arise asset beat boy brand carry constant core
    dare deep desire diet done edit fee flip germ grad greet grit gun harm harsh helm
    herald hero ice ideal impress innocent job joke jolly kick lie loan lone lore
    lot love lucky mall man manor marine marks mate maze men mentor merge merit mile
    mine mist nail nanny night nil nine odd okay owe pace pal pastor peer pie pier pile
    prosper prudent raid rail rain ran redo revert roman sad save saviour sever shady
    silver slim solo stern tale tell tone urban vessel vice visa vital wander wit wolf
    sef london camden sheffield bradford york kent devon brent merton chester cleveland
    warwick
""".split())

#: Words that name a place or an organisation, never a surname here: a capitalised run
#: holding one after the first name is a place or a body named after someone ("Jack
#: Straw House", "Grace Darling Court", "Anna Freud Centre"), not a person.
PLACE_WORDS = frozenset("""
    road street avenue drive close crescent terrace square way row mews walk gardens
    house court lodge cottage cottages farm estate village tower towers building
    buildings campus site station centre center hub clinic surgery hospital hospice
    school schools academy college university primary nursery infants juniors junior
    council councils trust trusts team teams service services group partnership
    partnerships board panel unit units forum network project programme scheme award
    awards foundation fund institute commission agency office department authority
    borough county city district region practice library church chapel mosque temple
    cathedral theatre museum gallery stadium memorial review inquiry report act plan
    strategy policy framework model standards protocol guidance conference meeting
    police constabulary infirmary town palace castle dock europe england britain scotland
    wales ireland club minster ltd limited plc llp cic associates solutions
""".split())
#: Place words that are also common surnames (Emily Hall, Chloe Lane, Ryan Ward): after
#: a first name they count as a place only after a word of place ("at Victoria Park",
#: "on Florence Ward", "the Albert Hall") or inside a longer run ("Jack Hill Park").
SURNAME_PLACE_WORDS = frozenset("""
    hall ward park lane wood hill green church heath grove marsh brook brooks ford moss
    field fields bridge gate
""".split())
_PLACE_BEFORE = re.compile(r"\b(?:at|in|on|near|into|via|the|outside|opposite|behind)\s+$",
                           re.IGNORECASE)
#: Places in England whose name is a first name and a capitalised word; "Kingston upon
#: Thames" and "St Helens" already pass (a small word inside, no first name).
PLACE_NAMES = frozenset({
    "milton keynes", "newton abbot", "newton aycliffe", "stanley park", "victoria park",
})
#: Capitalised words that are not surnames after a first name: the small words of a
#: heading in title case, months and days ("Jan Feb Mar" heads a table; "Jan Smith" is a
#: name).
_NOT_SURNAMES = frozenset("""
    and or the for to in on of with at by from as is are was were has have had will would
    can could may should not no yes but so if then than this that these those our their
    its his her my your we they he she it you
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
    thurs fri sat sun
""".split())
#: Small words inside a name: "Maria de Souza", "Ludwig van Beethoven", "Ali bin Omar".
_PARTICLES = frozenset("de da di du del della dos das van von der den ter le la bin ibn".split())

#: A person named with their job or title is a member of staff, an official or another
#: professional, not a child: "The DCS, Jo Bloggs,", "Cllr Sam Patel", "Jo Bloggs
#: (Head of Service)". Family words (mother, carer, sister) are not roles here.
_ROLE = (r"(?:DCS|director|chief executive|chief officer|head(?:teacher)?|head of [\w ]+?|"
         r"manager|(?:lead|cabinet|board|council) member|lead|leader|councillor|cllr|officer|"
         r"inspector|HMI|chair(?:man|person|woman)?|principal social worker|PSW|IRO|LADO|"
         r"MP|minister|secretary of state|commissioner|mayor|superintendent|dr|doctor|"
         r"prof(?:essor)?|sir|dame|lord|rev(?:d|erend)?|consultant|nurse|practitioner|"
         r"(?:social|support|youth|key|case|family support) worker|advis[eo]r|"
         r"co-?ordinator|paediatrician|psychologist|therapist|DSL|SENCO|governor|trustee|"
         r"clerk|administrator|colleague|author)")
_ROLE_BEFORE = re.compile(rf"\b{_ROLE}\.?\s*[,:(\u2013-]?\s*$", re.IGNORECASE)
_ROLE_AFTER = re.compile(
    rf"^\s*[,(:\u2013-]\s*(?:(?:the|our|their|its|an?|interim|acting|deputy|assistant|senior|"
    rf"executive|corporate|strategic|service|team|principal|regional|area|group|operational|"
    rf"designated|independent|local|chief|head|social|named|elected)\s+){{0,3}}{_ROLE}\b",
    re.IGNORECASE)
#: A saint's name is a church, a school or a place: "St Mary Magdalene", "St Thomas More".
_SAINT_BEFORE = re.compile(r"\b(?:St|Saint|Ste)\.?\s+$")

_WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
_GAP = re.compile(r"[ \t\u00a0]+")  # between the words of a name: spaces, not a new line
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _capitalised(word: str) -> bool:
    """A word as a name is written: a capital, then not all capitals ("LADO", "A")."""
    return word[0].isupper() and not word.isupper()


def _bare(word: str) -> str:
    """The word to look up: casefolded, the possessive and curly apostrophes gone."""
    return _POSSESSIVE.sub("", word.replace("\u2019", "'")).casefold()


def _is_first_name(word: str) -> bool:
    """A first name as the dictionary has it, not an everyday word; a hyphenated one
    ("Amelia-Rose", "Jean-Paul") when every part is a first name."""
    if not _capitalised(word) or word[-2:] in ("'s", "\u2019s"):
        return False
    known = first_names()
    bare = _bare(word)
    if "-" not in bare:
        return bare in known and bare not in NOT_FIRST_NAMES
    parts = bare.split("-")
    return all(part in known for part in parts) and not all(
        part in NOT_FIRST_NAMES for part in parts)


def _is_surname(word: str) -> bool:
    """A word that may be a surname: O'Neill, Smith-Jones, McDonald, al-Sayed."""
    if not (_capitalised(word) or (word[:3] in ("al-", "el-") and word[3:4].isupper())):
        return False
    bare = _bare(word)
    return bare not in _NOT_SURNAMES and bare not in PLACE_WORDS


def _runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Runs of capitalised words with one space between, small name words allowed
    inside ("Maria de Souza"): the only places a full name can be."""
    run: list[re.Match[str]] = []
    held: list[re.Match[str]] = []  # particles waiting for a capitalised word
    for word in _WORD.finditer(text):
        joined = bool(run) and bool(
            _GAP.fullmatch(text, (held or run)[-1].end(), word.start()))
        if _capitalised(word.group()) or (joined and word.group()[:3] in ("al-", "el-")):
            if joined:
                run += held
            elif run:
                yield run
                run = []
            held = []
            run.append(word)
        elif joined and word.group() in _PARTICLES and len(held) < 2:
            held.append(word)
        else:
            if run:
                yield run
            run, held = [], []
    if run:
        yield run


def _named_in_role(text: str, start: int, end: int) -> bool:
    """Named with a job or title, before ("The DCS, Jo Bloggs") or after ("Jo Bloggs,
    Head of Service")."""
    return bool(_ROLE_BEFORE.search(text, max(0, start - 60), start)
                or _ROLE_AFTER.match(text[end:end + 80]))


def names_alone(text: str) -> Iterator[IdentifierMatch]:
    """A known first name followed by a surname, with nothing else beside it: "Jayden
    Smith was visited every week", "We met Amelia-Rose O'Neill and her mother".

    ILACS framework para 48: the letter after the meeting goes to the local authority
    and is never about one child; and the project's rule (developers' guide,
    non-negotiable 6) that a child's name never goes into a SEF or letter shown to
    another organisation. A name alone is the commonest slip, so it is flagged even
    though most names in these documents are adults'.

    The first name must be in the dictionary (``first_names``) and not an everyday word
    (``NOT_FIRST_NAMES``); the next word must be capitalised and not a small word, month,
    day or place word. Passed: a run naming a place or body ("Jack Straw House", "Grace
    Darling Court"), a surname-like place word after a word of place ("at Victoria
    Park"), a known place ("Milton Keynes"), a saint ("St Mary Magdalene"), and a person
    named with their job or title ("The DCS, Jo Bloggs", "Jo Bloggs, Head of Service"):
    staff are named in these documents as a matter of course. One regular expression
    finds the words and sets answer the rest, so the check stays linear in the text.
    """
    for run in _runs(text):
        words = [w.group() for w in run]
        for i in range(len(run) - 1):
            if not _is_first_name(words[i]):
                continue
            after = [k for k in range(i + 1, len(run)) if words[k] not in _PARTICLES]
            if not after or not _is_surname(words[after[0]]):
                continue
            rest = {_bare(words[k]) for k in after}
            if rest & PLACE_WORDS:
                break  # a place or a body named after someone
            last = after[0]
            for k in after[1:3]:  # a middle name and a surname at most
                if not _is_surname(words[k]):
                    break
                last = k
            start = run[i].start()
            possessive = _POSSESSIVE.search(words[last])
            end = run[last].end() - (len(possessive.group()) if possessive else 0)
            pair = f"{_bare(words[i])} {_bare(words[after[0]])}"
            if rest & SURNAME_PLACE_WORDS and (len(after) > 1 or _PLACE_BEFORE.search(
                    text, max(0, start - 12), start)):
                break
            if (pair in PLACE_NAMES or _SAINT_BEFORE.search(text, max(0, start - 8), start)
                    or _named_in_role(text, start, end)):
                break
            yield IdentifierMatch(FULL_NAME, start, end, text[start:end])
            break


RULES: tuple[Callable[[str], Iterator[IdentifierMatch]], ...] = (
    dates_of_birth, pupil_numbers, nhs_numbers, local_ids, names_with_ages,
    titles_and_surnames, names_of_children,
)


def _merged(specific: Iterable[IdentifierMatch], names: Iterable[IdentifierMatch],
            text: str) -> list[IdentifierMatch]:
    """Specific matches where two overlap, the earlier, longer one standing; then each
    full name alone, or, where it overlaps a specific match, that match stretched over
    it ("Amelia Rose Smith, 15,": a name with an age, all of it)."""
    kept: list[IdentifierMatch] = []
    for match in sorted(specific, key=lambda m: (m.start, -m.end)):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    merged: list[IdentifierMatch] = []
    for match in sorted([*kept, *names], key=lambda m: (m.start, m.kind == FULL_NAME, -m.end)):
        if merged and match.start < merged[-1].end:
            last = merged[-1]
            kind = match.kind if last.kind == FULL_NAME else last.kind
            if match.end > last.end or kind != last.kind:
                end = max(last.end, match.end)
                merged[-1] = replace(last, kind=kind, end=end, text=text[last.start:end])
        else:
            merged.append(match)
    return merged


def identifier_matches(text: str, *, full_names: bool = True) -> list[IdentifierMatch]:
    """Each place ``text`` (as read, without formatting marks) may identify a child, in
    order. Where two rules match the same words, the earlier, longer match stands; a
    full name alone gives way to a more specific match over the same words.

    ``full_names=False`` leaves out ``names_alone``, for text that names adults by
    design (a user's or an attendee's name); every other rule still applies."""
    return _merged((m for rule in RULES for m in rule(text)),
                   names_alone(text) if full_names else (), text)


@dataclass(frozen=True)
class IdentifierFinding:
    """Where the SEF may identify a child, what it may be, and the words that matched."""

    where: str
    kind: str
    excerpt: str


def possible_child_identifiers(text: str, *, full_names: bool = True) -> list[tuple[str, str]]:
    """(kind, matched words) for each place ``text`` may identify a child
    (``full_names`` as for ``identifier_matches``)."""
    return [(m.kind, m.text)
            for m in identifier_matches(plain_text(text), full_names=full_names)]


def identifier_findings(parts: list[tuple[str, str]],
                        adults: frozenset[str] = frozenset()) -> list[IdentifierFinding]:
    """Findings for each (where, text) part of a document, in document order; in the
    places named in ``adults`` (a plan's owner), a full name alone is expected."""
    return [
        IdentifierFinding(where, kind, excerpt)
        for where, text in parts
        for kind, excerpt in possible_child_identifiers(text, full_names=where not in adults)
    ]
