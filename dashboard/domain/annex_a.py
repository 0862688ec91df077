"""The Annex A child-level lists: one definition of every list, column and code set.

Framework paras 246-253 ask for eleven child-level lists in Excel, "in line with the
DfE 'common basic data set' and DfE definitions" (para 248): the children in need
census and the SSDA903 children looked after return. The headings, heading variants
and code lists below are taken from the published Annex A template as kept by
Social Finance's open ``liia-tools`` (``liiatools/spec/annex_a/annex-a-merge.yml``
and ``data-map.yml``, commit 0dd821c, June 2024); the code is our own.

Ofsted's own Annex A template (Excel; its Guidance tab says "Update: August 2019") is what
LAs fill in, and it moved on from the 2017 text of para 249: contacts, early help,
referrals, assessments and section 47 enquiries cover the six months before the request;
a child appears once per contact, referral, assessment and enquiry (lists 1, 3, 4 and 5);
lists 6, 7 and 8 hold one entry per child and include those whose service, plan or care
ended in the six months; lists 10 and 11 cover twelve months. Where the template and the
2017 text differ, real files follow the template, and so do we (``window_months`` and
``one_row_per_child`` below). Each list sheet has a title row ("List 3: Referral") above
its headings; ``heading_row`` finds the headings wherever they are.

We add one optional sheet of our own, "Workforce", for the figures of MI document
1.07 (workforce profile) that the indicators need: one row per team.

A column is *required* when an indicator or a cross-list check depends on it: a
missing required column, or a blank in one that may not be blank, refuses the
upload. Other template columns are *expected*: missing ones and blanks only warn.
A value outside a DfE code set is a warning, never an error: para 248 lets an authority
use its own codes if it explains them, and the LA may map them to DfE codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    DATE = "date"
    INTEGER = "integer"
    NUMBER = "number"
    CODE = "code"


@dataclass(frozen=True)
class CodeSet:
    """DfE codes with their meanings; values match by code or by meaning, any case."""

    name: str
    codes: dict[str, str]
    aliases: dict[str, str] = field(default_factory=dict)

    def canonical(self, value: str) -> str | None:
        """The DfE code ``value`` stands for, or None when it stands for none.

        Accepts the bare code ("N1"), the template's lettered form ("a) Yes",
        "a) E11: Adopted - application unopposed"), the code with its meaning
        ("N1 - Abuse or neglect") or the meaning alone ("Abuse or neglect").
        """
        text = _TEMPLATE_LETTER.sub("", value.strip())
        lookup = _code_lookup(self)
        found = lookup.get(normalise(text))
        if found:
            return found
        head = _CODE_HEAD.match(text)
        if head:
            return lookup.get(normalise(head.group(1)))
        return None


_TEMPLATE_LETTER = re.compile(r"^[a-z]{1,2}\)\s*", re.IGNORECASE)


def is_template_dropdown_value(text: str) -> bool:
    """Whether a cell is in the template's dropdown form: a letter and a bracket before the
    code or its meaning ("a) Male", "b) WBRI", "q) 6: Police")."""
    return bool(_TEMPLATE_LETTER.match(text.strip()))
_CODE_HEAD = re.compile(r"^([A-Za-z0-9]+)\s*(?::|-|\u2013|\s)")
_CODE_LOOKUPS: dict[str, dict[str, str]] = {}


def _code_lookup(code_set: CodeSet) -> dict[str, str]:
    lookup = _CODE_LOOKUPS.get(code_set.name)
    if lookup is None:
        lookup = {}
        for code, meaning in code_set.codes.items():
            lookup[normalise(code)] = code
            lookup[normalise(meaning)] = code
            lookup[normalise(f"{code} {meaning}")] = code
        for alias, code in code_set.aliases.items():
            lookup[normalise(alias)] = code
        _CODE_LOOKUPS[code_set.name] = lookup
    return lookup


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, with every run of spaces and punctuation made one space."""
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: Kind
    required: bool = False
    may_be_blank: bool = True
    code_set: CodeSet | None = None
    variants: tuple[str, ...] = ()
    pattern: str | None = None
    #: False for our own optional additions, whose absence is no news to report.
    in_template: bool = True
    #: The heading and its variants, normalised once.
    names: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = frozenset(normalise(name) for name in (self.heading, *self.variants))
        object.__setattr__(self, "names", names)

    def matches(self, heading: str) -> bool:
        """Whether a heading in a real file names this column (case and punctuation aside)."""
        return self.matches_normalised(normalise(heading))

    def matches_normalised(self, wanted: str, loose: bool = True) -> bool:
        if wanted in self.names:
            return True
        return bool(loose and self.pattern and re.fullmatch(self.pattern, wanted))


#: Where the lists' periods and rows-per-child rules come from.
TEMPLATE_GUIDANCE = "Ofsted, Annex A template, Guidance tab (“Update: August 2019”)"


@dataclass(frozen=True)
class AnnexAList:
    number: int
    key: str
    title: str
    covers: str
    columns: tuple[Column, ...]
    #: One entry per child, about their most recent event (template Guidance; framework
    #: para 251 "where possible"). False where a child appears once per event.
    one_row_per_child: bool = False
    sheet_patterns: tuple[str, ...] = ()
    optional: bool = False
    person_key: str = "child_id"
    #: The months before extraction the list's events cover (template Guidance), or None
    #: for a list of who is open at extraction.
    window_months: int | None = None
    #: For a list with one entry per child: the date columns, most telling first, that say
    #: which of a child's rows is the most recent (a later row wins a tie).
    most_recent_by: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"List {self.number}: {self.title}" if self.number <= 11 else self.title

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


YES_NO = CodeSet(
    "yes_no",
    {"Y": "Yes", "N": "No", "U": "Unknown"},
    {"True": "Y", "False": "N", "1": "Y", "0": "N", "Not known": "U"},
)
GENDER = CodeSet(
    "gender",
    {"M": "Male", "F": "Female", "U": "Not stated/recorded", "I": "Neither"},
    {"1": "M", "2": "F", "0": "U", "9": "I", "Unknown": "U", "Not stated": "U",
     "Not recorded": "U", "Indeterminate": "I", "Other": "I"},
)
ETHNICITY = CodeSet(
    "ethnicity",
    {
        "WBRI": "White British", "WIRI": "White Irish",
        "WIRT": "Traveller of Irish heritage", "WOTH": "Any other White background",
        "WROM": "Gypsy/Roma", "MWBC": "White and Black Caribbean",
        "MWBA": "White and Black African", "MWAS": "White and Asian",
        "MOTH": "Any other Mixed background", "AIND": "Indian", "APKN": "Pakistani",
        "ABAN": "Bangladeshi", "AOTH": "Any other Asian background", "BCRB": "Caribbean",
        "BAFR": "African", "BOTH": "Any other Black background", "CHNE": "Chinese",
        "OOTH": "Any other ethnic group", "REFU": "Refused",
        "NOBT": "Information not yet obtained",
    },
)
CONTACT_SOURCE = CodeSet(
    "contact_source",
    {
        "1A": "Individual - family member, relative or carer",
        "1B": "Individual - acquaintance", "1C": "Individual - self",
        "1D": "Individual - other", "2A": "Schools", "2B": "Education services",
        "3A": "Health services - general practitioner (GP)",
        "3B": "Health services - health visitor", "3C": "Health services - school nurse",
        "3D": "Health services - other primary health services",
        "3E": "Health services - A&E", "3F": "Health services - other",
        "4": "Housing", "5A": "LA services - social care", "5B": "LA services - other internal",
        "5C": "LA services - external", "6": "Police", "7": "Other legal agency",
        "8": "Other", "9": "Anonymous", "10": "Unknown",
    },
)
NEED_CODE = CodeSet(
    "need_code",
    {
        "N1": "Abuse or neglect", "N2": "Child's disability",
        "N3": "Parental disability or illness", "N4": "Family in acute stress",
        "N5": "Family dysfunction", "N6": "Socially unacceptable behaviour",
        "N7": "Low income", "N8": "Absent parenting",
        "N9": "Cases other than children in need", "N0": "Not stated",
    },
)
CIN_CLOSURE_REASON = CodeSet(
    "cin_closure_reason",
    {
        "RC1": "Adopted", "RC2": "Died", "RC3": "Child arrangements order",
        "RC4": "Special guardianship order",
        "RC5": "Transferred to services of another local authority",
        "RC6": "Transferred to adult social care services",
        "RC7": "Services ceased for any other reason, including child no longer in need",
        "RC8": "Case closed after assessment, no further action",
    },
)
CASE_STATUS = CodeSet(
    "case_status",
    {
        "LAC": "Looked after child", "CPP": "Child Protection plan",
        "CINP": "Child in need plan", "OA": "Open assessment", "CE": "Closed episode",
    },
)
ABUSE_CATEGORY = CodeSet(
    "abuse_category",
    {
        "NEG": "Neglect", "PHY": "Physical abuse", "SAB": "Sexual abuse",
        "EMO": "Emotional abuse", "MUL": "Multiple/not recommended",
    },
    {"Multiple": "MUL"},
)
LEGAL_STATUS = CodeSet(
    "legal_status",
    {
        "C1": "Interim care order", "C2": "Full care order", "D1": "Freeing order",
        "E1": "Placement order", "V2": "Single period under S20",
        "V3": "Short term breaks, episodes recorded",
        "V4": "Short term breaks, agreements recorded",
        "L1": "Police protection LA accommodation", "L2": "Emergency protection order",
        "L3": "Child assessment order LA accommodation",
        "J1": "Remanded to LA or youth detention", "J2": "LA accommodation under PACE",
        "J3": "Youth rehabilitation order",
    },
    {"ICO": "C1", "FCO": "C2", "EPO": "L2"},
)
PERMANENCE_PLAN = CodeSet(
    "permanence_plan",
    {
        "RTF": "Return to family", "ADO": "Adoption", "SGO": "SGO/CAO",
        "SLC": "Supported living in the community", "LTR": "Long-term residential placement",
        "LTF": "Long-term fostering", "OTH": "other",
    },
)
REASON_CEASED = CodeSet(
    "reason_ceased",
    {
        "E11": "Adopted - application unopposed", "E12": "Adopted - consent dispensed",
        "E2": "Died", "E3": "Care taken by another LA",
        "E4A": "Returned home to live with parents or relatives - part of planning",
        "E4B": "Returned home to live with parents or relatives - not part of planning",
        "E13": "Parents, relatives or other with no parental responsibility",
        "E41": "Residence order granted",
        "E45": "Special Guardianship Orders - former carer relative/friend",
        "E46": "Special Guardianship Orders - former carer other",
        "E47": "Special Guardianship Orders - relative/friend",
        "E48": "Special Guardianship Orders - other",
        "E5": "Moved into independent living - supported",
        "E6": "Moved into independent living - no support",
        "E7": "Transferred to residential care funded by adult social services",
        "E9": "Sentenced to custody", "E14": "Accommodation on remand ended",
        "E15": "Age assessment determined child was 18 or over",
        "E16": "Child moved abroad", "E17": "Aged 18+ and remained with current carers",
        "E8": "Care ceased for any other reason",
    },
)
PLACEMENT_TYPE = CodeSet(
    "placement_type",
    {
        "U1": "Foster placement - relatives - long term",
        "U2": "Foster placement - relative - FFA", "U3": "Foster placement - relative - not FFA",
        "U4": "Foster placement - long term", "U5": "Foster placement - FFA",
        "U6": "Foster placement - not FFA",
        "A3": "Placed for adoption - consent - current foster",
        "A4": "Placed for adoption - consent - not foster",
        "A5": "Placed for adoption - order - foster",
        "A6": "Placed for adoption - order - not foster", "P1": "Placed with parents",
        "P2": "Independent living", "P3": "Residential employment",
        "H5": "Residential accommodation", "K1": "Secure Children's Homes",
        "K2": "Children's Homes", "R1": "Residential Care Home", "R2": "NHS/Health Trust",
        "R3": "Family Centre or Mother and Baby Unit", "R5": "Young Offender Institution",
        "S1": "Residential school", "Z1": "Other placements", "T0": "Temporary placement",
        "T1": "Temporary placement - hospital", "T2": "Temporary placement - holiday",
        "T3": "Temporary placement - carer holiday",
        "T4": "Temporary placement - seven days or less",
    },
)
PLACEMENT_PROVIDER = CodeSet(
    "placement_provider",
    {
        "PR0": "Parents/Parental responsibility", "PR1": "Own provision",
        "PR2": "Other LA provision", "PR3": "Other public provision",
        "PR4": "Private provision", "PR5": "Voluntary/third sector",
    },
)
IN_OUT = CodeSet("in_out", {"IN": "In", "OUT": "Out"})
ELIGIBILITY = CodeSet(
    "eligibility",
    {"REL": "Relevant child", "FREL": "Former relevant child", "QUAL": "Qualifying care leaver"},
)
IN_TOUCH = CodeSet(
    "in_touch",
    {
        "YES": "Yes", "NO": "No", "DIED": "Died", "REFU": "Refused",
        "NREQ": "No longer requires services", "RHOM": "Returned home",
    },
    {"Y": "YES", "N": "NO"},
)
ACCOMMODATION = CodeSet(
    "accommodation",
    {
        "B": "Parents/relatives", "C": "Community home/residential care",
        "D": "Semi-independent, transitional accommodation and self-contained accommodation",
        "E": "Supported lodgings", "G": "Abroad", "H": "Deported",
        "K": "Ordinary lodgings, without formal support", "R": "Residence not known",
        "S": "No fixed abode/homeless", "T": "Foyers and similar supported accommodation",
        "U": "Independent living", "V": "Emergency accommodation", "W": "Bed and breakfast",
        "X": "In custody", "Y": "Other accommodation", "Z": "With former foster carers",
    },
)
SUITABILITY = CodeSet("suitability", {"1": "Suitable", "2": "Unsuitable"})
ACTIVITY = CodeSet(
    "activity",
    {
        "F1": "Full time in higher education", "P1": "Part time in higher education",
        "F2": "Full time in education other than higher",
        "P2": "Part time in education other than higher",
        "F4": "Full time in an apprenticeship", "P4": "Part time in an apprenticeship",
        "F5": "Full time in training or employment (not an apprenticeship)",
        "P5": "Part time in training or employment (not an apprenticeship)",
        "G4": "Not in education, employment or training - illness or disability",
        "G5": "Not in education, employment or training - other",
        "G6": "Not in education, employment or training - pregnancy or parenting",
        "F3": "Full time in training or employment (old code, before F4 and F5)",
        "P3": "Part time in training or employment (old code, before P4 and P5)",
    },
    {"Full time in training or employment": "F3", "Part time in training or employment": "P3"},
)

#: Care-leaver activity codes that count as education, employment or training: the
#: SSDA903 codes since the 2022 to 2023 return (F4/P4 apprenticeship and F5/P5 training
#: or employment replaced F3/P3; ``SSDA903_schema_2024.yml`` in liia-tools, and rule 132
#: of DfE's SSDA903 validator, ``csc-validator-be-903``), and the old F3/P3 that files
#: made from an older template still carry.
IN_EDUCATION_EMPLOYMENT_OR_TRAINING = frozenset(
    {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "F3", "P3"}
)

#: Legal statuses of a child looked after under an agreed series of short breaks, whom
#: DfE's children looked after statistics leave out.
SHORT_BREAKS = frozenset({"V3", "V4"})

#: Placement types that are long-term foster placements (SSDA903 U1, U4): after a year
#: in one, a child may be visited every three months (Care Planning, Placement and Case
#: Review (England) Regulations 2010, reg. 28).
LONG_TERM_FOSTER_PLACEMENTS = frozenset({"U1", "U4"})

#: Care-leaver accommodation for which suitability is not judged: abroad, deported and
#: residence not known. DfE's suitability figures leave them out.
SUITABILITY_NOT_JUDGED = frozenset({"G", "H", "R"})

CHILD_ID = Column(
    "child_id", "Child Unique ID", Kind.TEXT, required=True, may_be_blank=False,
    variants=("Child ID", "ChildID", "Unique ID", "CHILD ID", "Child Identifier", "LAchildID"),
    pattern=r".*child.*\bid\b.*|la ?child ?id",
)
GENDER_COLUMN = Column("gender", "Gender", Kind.CODE, code_set=GENDER, variants=("Sex",))
ETHNICITY_COLUMN = Column("ethnicity", "Ethnicity", Kind.CODE, code_set=ETHNICITY)
DATE_OF_BIRTH = Column(
    "date_of_birth", "Date of Birth", Kind.DATE, required=True, variants=("DOB", "PersonBirthDate"),
    pattern=r".*date.*birth.*",
)
#: The template works the age out with a formula, so real files hold fractional years
#: (6.138...): any number of years is accepted. Where an indicator needs an age it works
#: it out from the date of birth and the extraction date, and uses this column only
#: where the date of birth is blank.
AGE = Column("age", "Age of Child (Years)", Kind.NUMBER, variants=("Age",), pattern=r"age\b.*")
DISABILITY = Column(
    "disability", "Does the Child have a Disability", Kind.CODE, code_set=YES_NO,
    variants=("Disability", "Disabled"),
)
ALLOCATED_TEAM = Column("allocated_team", "Allocated Team", Kind.TEXT, variants=("Team",))
ALLOCATED_WORKER = Column("allocated_worker", "Allocated Worker", Kind.TEXT, variants=("Worker",))

_PERSON = (CHILD_ID, GENDER_COLUMN, ETHNICITY_COLUMN, DATE_OF_BIRTH, AGE)

CONTACTS = AnnexAList(
    1, "contacts", "Contacts",
    "every contact in the six months before the lists were extracted, a row per contact "
    "and child",
    (
        *_PERSON,
        Column("contact_date", "Date of Contact", Kind.DATE, required=True, may_be_blank=False,
               pattern=r".*date.*contact.*"),
        Column("contact_source", "Contact Source", Kind.CODE, code_set=CONTACT_SOURCE,
               pattern=r".*contact.*source.*"),
    ),
    sheet_patterns=(r".*contact.*", r"list ?1"),
    window_months=6,
)
EARLY_HELP = AnnexAList(
    2, "early_help", "Early help",
    "early help assessments in the six months before the lists were extracted, and current "
    "early help coordinated by the LA",
    (
        *_PERSON,
        Column("early_help_start", "Assessment start date", Kind.DATE, required=True,
               may_be_blank=False, pattern=r".*(assessment|eh).*start.*"),
        Column("early_help_completed", "Assessment completion date", Kind.DATE,
               pattern=r".*(assessment|eh).*complet.*"),
        Column("early_help_organisation", "Organisation completing assessment", Kind.TEXT,
               pattern=r".*organisation.*"),
    ),
    sheet_patterns=(r".*early ?help.*", r"list ?2"),
    window_months=6,
)
REFERRALS = AnnexAList(
    3, "referrals", "Referrals",
    "every referral in the six months before the lists were extracted, a row per referral "
    "(a child referred twice is on it twice)",
    (
        *_PERSON,
        Column("referral_date", "Date of referral", Kind.DATE, required=True, may_be_blank=False,
               pattern=r".*date of.*referral.*|referral date"),
        Column("referral_source", "Referral Source", Kind.CODE, code_set=CONTACT_SOURCE),
        Column("referral_nfa", "Referral NFA?", Kind.CODE, code_set=YES_NO,
               pattern=r".*referral.*nfa.*|.*no further action.*"),
        Column("referrals_last_12_months", "Number of Referrals in Last 12 Months", Kind.INTEGER,
               required=True, may_be_blank=False, pattern=r".*referrals.*last 12 months.*"),
        # Not in the template: with it, a re-referral is judged from the referral's own
        # date, as the children in need census does, not from the extraction date.
        Column("previous_referral", "Date of Previous Referral", Kind.DATE,
               variants=("Previous Referral Date", "Date of the Previous Referral",
                         "Date of Child's Previous Referral"),
               pattern=r".*previous referral.*", in_template=False),
        ALLOCATED_TEAM, ALLOCATED_WORKER,
    ),
    sheet_patterns=(r".*referral.*", r"list ?3"),
    window_months=6,
)
ASSESSMENTS = AnnexAList(
    4, "assessments", "Assessments",
    "every statutory assessment in the six months before the lists were extracted, a row "
    "per assessment",
    (
        *_PERSON, DISABILITY,
        Column("assessment_start", "Continuous Assessment Start Date", Kind.DATE, required=True,
               may_be_blank=False, pattern=r".*assessment.*start.*date.*"),
        Column("child_seen", "Child Seen During Continuous Assessment", Kind.CODE,
               code_set=YES_NO, pattern=r".*child seen.*assessment.*"),
        Column("assessment_authorised", "Continuous Assessment Date of Authorisation", Kind.DATE,
               required=True, pattern=r".*assessment.*(authoris|authoriz|complet).*"),
        Column("needs_support", "Was the child assessed as requiring LA children's social care "
               "support?", Kind.CODE, code_set=YES_NO,
               pattern=r".*was the child assessed.*social care support.*"),
        ALLOCATED_TEAM, ALLOCATED_WORKER,
    ),
    sheet_patterns=(r".*assessment.*", r"list ?4"),
    window_months=6,
)
SECTION_47 = AnnexAList(
    5, "section_47", "Section 47 enquiries",
    "every section 47 enquiry in the six months before the lists were extracted, a row "
    "per enquiry",
    (
        *_PERSON, DISABILITY,
        Column("s47_start", "Strategy discussion initiating Section 47 Enquiry Start Date",
               Kind.DATE, required=True, may_be_blank=False,
               pattern=r".*(strategy|section 47|s47).*start.*"),
        Column("icpc_unnecessary", "Was an Initial Child Protection Conference deemed "
               "unnecessary?", Kind.CODE, code_set=YES_NO, pattern=r".*deemed unnecessary.*"),
        Column("icpc_date", "Date of Initial Child Protection Conference", Kind.DATE,
               required=True, pattern=r".*date.*initial child protection conference.*|icpc date"),
        Column("icpc_led_to_plan", "Did the Initial Child Protection Conference Result in a "
               "Child Protection Plan", Kind.CODE, code_set=YES_NO,
               pattern=r".*result in a child protection plan.*"),
        Column("s47_last_12_months", "Number of Section 47 Enquiries in the last 12 months",
               Kind.INTEGER, pattern=r".*section 47 enquiries.*last 12 months.*"),
        Column("icpcs_last_12_months", "Number of ICPCs in the last 12 months", Kind.INTEGER,
               pattern=r".*icpcs.*last 12 months.*"),
        ALLOCATED_TEAM, ALLOCATED_WORKER,
    ),
    sheet_patterns=(r".*(section ?47|s47).*", r"list ?5"),
    window_months=6,
)
CHILDREN_IN_NEED = AnnexAList(
    6, "children_in_need", "Children in need",
    "children in need at extraction, and those whose episode closed in the six months "
    "before; one entry per child, their most recent episode",
    (
        *_PERSON, DISABILITY,
        Column("cin_start", "CIN Start Date", Kind.DATE, pattern=r".*cin.*start.*"),
        Column("primary_need", "Primary Need Code", Kind.CODE, code_set=NEED_CODE,
               pattern=r".*primary need.*"),
        Column("last_seen", "Date Child Was Last Seen", Kind.DATE, pattern=r".*last seen.*"),
        Column("cin_closure", "CIN Closure Date", Kind.DATE, pattern=r".*cin.*clos.*date.*"),
        Column("closure_reason", "Reason for Closure", Kind.CODE, code_set=CIN_CLOSURE_REASON),
        Column("case_status", "Case Status", Kind.CODE, code_set=CASE_STATUS),
        ALLOCATED_TEAM, ALLOCATED_WORKER,
    ),
    one_row_per_child=True,
    sheet_patterns=(r".*(children in need|\bcin\b).*", r"list ?6"),
    most_recent_by=("cin_start", "cin_closure"),
)
CHILD_PROTECTION = AnnexAList(
    7, "child_protection", "Child protection plans",
    "children on a plan at extraction, and those whose plan ended in the six months before; "
    "one entry per child, their most recent plan",
    (
        *_PERSON, DISABILITY,
        Column("cp_start", "Child Protection Plan Start Date", Kind.DATE, required=True,
               may_be_blank=False, pattern=r".*(child protection|cp) plan start.*"),
        Column("initial_category", "Initial Category of Abuse", Kind.CODE, code_set=ABUSE_CATEGORY),
        Column("latest_category", "Latest Category of Abuse", Kind.CODE, code_set=ABUSE_CATEGORY),
        Column("last_statutory_visit", "Date of the Last Statutory Visit", Kind.DATE,
               pattern=r".*last statutory visit.*"),
        Column("seen_alone", "Was the Child Seen Alone?", Kind.CODE, code_set=YES_NO),
        Column("latest_review", "Date of latest review conference", Kind.DATE,
               pattern=r".*latest review.*"),
        Column("cp_end", "Child Protection Plan End Date", Kind.DATE, required=True,
               pattern=r".*(child protection|cp) plan end.*"),
        Column("emergency_protection", "Subject to Emergency Protection Order or Protected Under "
               "Police Powers in Last Six Months (Y/N)", Kind.CODE, code_set=YES_NO,
               pattern=r".*subject to emergency protection order.*"),
        Column("previous_plans", "Number of Previous Child Protection Plans", Kind.INTEGER,
               required=True, may_be_blank=False, pattern=r".*number of previous.*plans.*"),
        ALLOCATED_TEAM, ALLOCATED_WORKER,
    ),
    one_row_per_child=True,
    sheet_patterns=(r".*(child protection|\bcp plans?\b|\bcpp\b).*", r"list ?7"),
    most_recent_by=("cp_start", "cp_end"),
)
CHILDREN_IN_CARE = AnnexAList(
    8, "children_in_care", "Children in care",
    "children in care at extraction, and those who left care in the six months before; one "
    "entry per child, their most recent period of care",
    (
        *_PERSON,
        Column("uasc", "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
               Kind.CODE, code_set=YES_NO, pattern=r".*unaccompanied asylum seeking child.*"),
        DISABILITY,
        Column("started_care", "Date Started to be Looked After", Kind.DATE, required=True,
               may_be_blank=False, pattern=r".*(started|start) to be looked after.*"),
        Column("category_of_need", "Child's Category of Need", Kind.CODE, code_set=NEED_CODE,
               pattern=r".*child.*category of need.*"),
        Column("second_period", "Is this a second or subsequent period of being a Looked After "
               "Child within the last 12 months (Y/N)", Kind.CODE, code_set=YES_NO,
               pattern=r".*second or subsequent .* of being a looked after child.*"),
        Column("legal_status_start", "Start date of current legal status", Kind.DATE,
               pattern=r".*start date of current legal status.*"),
        Column("legal_status", "Child's Legal Status", Kind.CODE, code_set=LEGAL_STATUS,
               pattern=r".*child.*legal status.*"),
        Column("latest_review", "Date of Latest Statutory Review", Kind.DATE,
               pattern=r".*latest statutory review.*"),
        Column("last_social_work_visit", "Date of Last Social Work Visit", Kind.DATE,
               required=True, pattern=r".*last social work visit.*"),
        Column("permanence_plan", "What is the permanence plan for this child?", Kind.CODE,
               code_set=PERMANENCE_PLAN, pattern=r".*permanence plan.*"),
        Column("last_iro_contact", "Date of Last IRO Visit / Contact to the Child", Kind.DATE,
               pattern=r".*last iro.*"),
        Column("last_health_assessment", "Date of Last Health Assessment", Kind.DATE),
        Column("last_dental_check", "Date of Last Dental Check", Kind.DATE),
        Column("placements_last_12_months", "Number of Placements in the Last 12 months",
               Kind.INTEGER, required=True, may_be_blank=False,
               pattern=r".*number of placements.*last 12 months.*"),
        Column("ceased_care", "Date Ceased to be Looked After", Kind.DATE, required=True,
               pattern=r".*ceased to be looked after.*date.*|date ceased.*looked after.*"),
        Column("reason_ceased", "Reason Ceased to be Looked After", Kind.CODE,
               code_set=REASON_CEASED, pattern=r".*reason ceased.*"),
        Column("placement_start", "Start Date of Most Recent Placement", Kind.DATE, required=True,
               may_be_blank=False, pattern=r".*start date of (most recent|current) placement.*"),
        Column("placement_type", "Placement Type", Kind.CODE, code_set=PLACEMENT_TYPE),
        Column("placement_provider", "Placement Provider", Kind.CODE, code_set=PLACEMENT_PROVIDER),
        Column("placement_location", "Placement Location", Kind.CODE, code_set=IN_OUT),
        Column("missing_episodes", "Number of Episodes the Child has been 'Missing' from their "
               "Placement in the last 12 months", Kind.INTEGER, required=True,
               pattern=r".*number of episodes.*missing.*placement.*last 12 months.*"),
        Column("absent_episodes", "Number of Episodes the Child has been 'Absent' from their "
               "Placement in the last 12 months", Kind.INTEGER,
               pattern=r".*number of episodes.*absent.*placement.*last 12 months.*"),
        Column("return_interview_offered", "Was the child offered a Return Interview after their "
               "last missing episode (Y/N)?", Kind.CODE, code_set=YES_NO,
               pattern=r".*offered a return interview.*"),
        Column("return_interview_accepted", "Did the child accept a Return Interview after their "
               "last missing episode (Y/N)?", Kind.CODE, code_set=YES_NO,
               pattern=r".*accept a return interview.*"),
        ALLOCATED_TEAM, ALLOCATED_WORKER,
    ),
    one_row_per_child=True,
    sheet_patterns=(r".*(children in care|looked after|\bcla\b|\blac\b|\bcic\b).*", r"list ?8"),
    most_recent_by=("started_care", "placement_start", "ceased_care"),
)
CARE_LEAVERS = AnnexAList(
    9, "care_leavers", "Care leavers",
    "care leavers receiving services at extraction; one entry per young person",
    (
        *_PERSON, DISABILITY, ALLOCATED_TEAM, ALLOCATED_WORKER,
        Column("eligibility", "Eligibility Category", Kind.CODE, code_set=ELIGIBILITY,
               pattern=r".*eligib.*"),
        Column("in_touch", "LA in Touch", Kind.CODE, required=True, may_be_blank=False,
               code_set=IN_TOUCH, pattern=r".*in touch.*"),
        Column("accommodation", "Type of Accommodation", Kind.CODE, code_set=ACCOMMODATION,
               pattern=r".*type of accommodation.*"),
        Column("accommodation_suitable", "Suitability of Accommodation", Kind.CODE,
               required=True, code_set=SUITABILITY,
               pattern=r".*suitab.*accom.*"),
        Column("activity", "Activity Status", Kind.CODE, required=True, code_set=ACTIVITY,
               pattern=r".*activity.*"),
    ),
    one_row_per_child=True,
    sheet_patterns=(r".*care leaver.*", r"list ?9"),
)
ADOPTION = AnnexAList(
    10, "adoption", "Adoption",
    "children adopted in the 12 months before extraction, or with an adoption decision; one "
    "entry per child",
    (
        CHILD_ID,
        Column("family_id", "Family identifier", Kind.TEXT),
        *_PERSON[1:], DISABILITY,
        Column("entered_care", "Date the Child Entered Care", Kind.DATE, required=True,
               may_be_blank=False, pattern=r".*date.*entered care.*"),
        Column("adoption_decision", "Date of Decision that Child Should be Placed for Adoption",
               Kind.DATE, pattern=r".*decision.*should be placed for adoption.*"),
        Column("placement_order", "Date of Placement Order", Kind.DATE),
        Column("matched", "Date of Matching Child and Prospective Adopters", Kind.DATE,
               pattern=r".*date of matching.*"),
        Column("placed_for_adoption", "Date Placed for Adoption", Kind.DATE, required=True),
        Column("adoption_order", "Date of Adoption Order", Kind.DATE),
        Column("decision_reversed", "Date of Decision that Child Should No Longer be Placed for "
               "Adoption", Kind.DATE, pattern=r".*no longer be placed for adoption.*"),
        Column("reversal_reason", "Reason Why Child No Longer Placed for Adoption", Kind.TEXT),
        Column("fostering_for_adoption", "Date the child was placed for fostering in FFA or "
               "concurrent planning placement", Kind.DATE, pattern=r".*ffa or concurrent.*"),
    ),
    one_row_per_child=True,
    sheet_patterns=(
        r"adoptions?", r".*adopted.*", r".*children.*adoption.*", r"list ?10",
    ),
    window_months=12,
    most_recent_by=("entered_care", "placed_for_adoption", "adoption_decision"),
)
ADOPTERS = AnnexAList(
    11, "adopters", "Adopters",
    "adopters in contact with the adoption agency in the last 12 months",
    (
        Column("adopter_id", "Individual adopter identifier", Kind.TEXT, required=True,
               may_be_blank=False, pattern=r".*adopter.*id.*"),
        Column("family_id", "Family identifier", Kind.TEXT),
        GENDER_COLUMN, ETHNICITY_COLUMN,
        Column("disability", "Disability", Kind.CODE, code_set=YES_NO),
        Column("fostering_for_adoption", "Is the (prospective) adopter fostering for adoption?",
               Kind.CODE, code_set=YES_NO, pattern=r".*fostering for adoption.*"),
        Column("enquiry_date", "Date enquiry received", Kind.DATE, required=True,
               may_be_blank=False),
        Column("stage_1_started", "Date Stage 1 started", Kind.DATE),
        Column("stage_1_ended", "Date Stage 1 ended", Kind.DATE),
        Column("stage_2_started", "Date Stage 2 started", Kind.DATE),
        Column("stage_2_ended", "Date Stage 2 ended", Kind.DATE),
        Column("application_submitted", "Date application submitted", Kind.DATE),
        Column("application_approved", "Date application approved", Kind.DATE),
        Column("matched", "Date adopter matched with child(ren)", Kind.DATE),
        Column("child_placed", "Date child/children placed with adopter(s)", Kind.DATE),
        Column("children_placed", "No. of children placed", Kind.INTEGER),
        Column("adoption_order", "Date of Adoption Order", Kind.DATE),
        Column("left_process", "Date of leaving adoption process", Kind.DATE),
        Column("reason_left", "Reason for leaving adoption process", Kind.TEXT),
    ),
    sheet_patterns=(r".*adopters.*", r"list ?11"),
    person_key="adopter_id",
    window_months=12,
)
WORKFORCE = AnnexAList(
    12, "workforce", "Workforce (MI 1.07)",
    "social work posts by team at extraction, with leavers in the 12 months before",
    (
        Column("team", "Team", Kind.TEXT, required=True, may_be_blank=False),
        Column("employed_fte", "Social workers employed (FTE)", Kind.NUMBER, required=True,
               may_be_blank=False, pattern=r".*employed.*fte.*|.*permanent.*fte.*"),
        Column("agency_fte", "Agency social workers (FTE)", Kind.NUMBER, required=True,
               may_be_blank=False, pattern=r".*agency.*fte.*"),
        Column("vacancies_fte", "Vacant posts (FTE)", Kind.NUMBER, required=True,
               may_be_blank=False, pattern=r".*vacan.*fte.*"),
        Column("leavers_fte", "Leavers in last 12 months (FTE)", Kind.NUMBER, required=True,
               may_be_blank=False, pattern=r".*leavers.*"),
        Column("children_allocated", "Children allocated", Kind.INTEGER, required=True,
               may_be_blank=False, pattern=r".*(children allocated|caseload|cases).*"),
        # DfE's average caseload divides by case-holding social workers only.
        Column("case_holding_fte", "Case-holding social workers (FTE)", Kind.NUMBER,
               variants=("Case holding FTE", "Case-holding FTE", "Case holding social workers",
                         "Case holding social workers FTE"),
               pattern=r".*case ?holding.*", in_template=False),
    ),
    sheet_patterns=(r".*workforce.*", r".*1 ?07.*"),
    optional=True,
    person_key="team",
)

ANNEX_A_LISTS: tuple[AnnexAList, ...] = (
    CONTACTS, EARLY_HELP, REFERRALS, ASSESSMENTS, SECTION_47, CHILDREN_IN_NEED,
    CHILD_PROTECTION, CHILDREN_IN_CARE, CARE_LEAVERS, ADOPTION, ADOPTERS, WORKFORCE,
)
LISTS_BY_KEY = {annex_list.key: annex_list for annex_list in ANNEX_A_LISTS}
LISTS_BY_NUMBER = {annex_list.number: annex_list for annex_list in ANNEX_A_LISTS}


def list_for_sheet_name(sheet_name: str) -> AnnexAList | None:
    """The list a sheet's name points to ("List 3", "Referrals", "L3 - Referrals"...)."""
    wanted = normalise(sheet_name)
    numbered = re.match(r"^(?:list|l|annex a list)\s*(\d{1,2})\b", wanted)
    if numbered and 1 <= int(numbered.group(1)) <= 11:
        return LISTS_BY_NUMBER[int(numbered.group(1))]
    for annex_list in ANNEX_A_LISTS:
        if any(re.fullmatch(pattern, wanted) for pattern in annex_list.sheet_patterns):
            return annex_list
    return None


def list_for_headings(headings: list[str]) -> AnnexAList | None:
    """The list whose required columns a sheet's headings best cover, if any covers them all.

    Used when a sheet's name says nothing (a CSV called ``export.csv``). Ties go to the
    list with more of its columns present.
    """
    wanted = {normalise(h) for h in headings} - {""}
    best: tuple[int, AnnexAList] | None = None
    for annex_list in ANNEX_A_LISTS:
        required = [c for c in annex_list.columns if c.required]
        if not all(any(c.matches_normalised(h) for h in wanted) for c in required):
            continue
        present = sum(1 for c in annex_list.columns
                      if any(c.matches_normalised(h) for h in wanted))
        if best is None or present > best[0]:
            best = (present, annex_list)
    return best[1] if best else None


def match_columns(annex_list: AnnexAList, headings: list[str]) -> dict[str, int]:
    """Column key -> position in the sheet, for the headings this list recognises.

    Exact names and listed variants win over looser patterns, and one heading is
    used for at most one column.
    """
    found: dict[str, int] = {}
    taken: set[int] = set()
    normalised = [normalise(h) for h in headings]
    for loose in (False, True):
        for column in annex_list.columns:
            if column.key in found:
                continue
            for position, heading in enumerate(normalised):
                if position in taken or not heading:
                    continue
                if column.matches_normalised(heading, loose):
                    found[column.key] = position
                    taken.add(position)
                    break
    return found


#: How many of a sheet's first non-empty rows may hold its headings: the template puts a
#: title row ("List 3: Referral") above them, and LAs add notes or a date.
HEADING_SEARCH_ROWS = 20
#: Columns a row must name, beside the list's ID column, to be taken for its headings.
HEADINGS_BESIDE_ID = 2


def names_list_columns(annex_list: AnnexAList, cells: list[str]) -> bool:
    """Whether a row reads as ``annex_list``'s headings: its ID column (Child Unique ID,
    the adopter's ID or the team) and at least two more of its columns. A title, a note
    or a row of data names at most one."""
    found = match_columns(annex_list, cells)
    return annex_list.person_key in found and len(found) > HEADINGS_BESIDE_ID


def heading_row(rows: list[list[str]], sheet_name: str) -> int | None:
    """The position, among a sheet's first non-empty rows (as text), of its headings: the
    first that reads as the headings of the list the sheet's name points to, or of any
    list when the name points to none. None when no row does (the first row is then read
    as the headings, and the missing columns are reported).

    Ofsted's template has a title row above each list's headings, so "row 1 holds the
    headings" cannot be assumed (framework para 246 asks for the lists "in Excel", and
    the template is the Excel LAs are given).
    """
    named = list_for_sheet_name(sheet_name)
    candidates = (named,) if named else ANNEX_A_LISTS
    for position, cells in enumerate(rows[:HEADING_SEARCH_ROWS]):
        if any(names_list_columns(annex_list, cells) for annex_list in candidates):
            return position
    return None
