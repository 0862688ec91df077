"""No problem found in an upload names a child: no ID, name or date of birth.

Problem lists go to the browser, into the background job's answer (a disk cache or
Redis) and into a downloadable workbook, all of which outlive the request. So every
check that can report a problem is made to fire here on rows full of distinctive IDs,
names and dates of birth, and no problem may repeat any of them.
"""

from __future__ import annotations

import re
from datetime import date

from dashboard.domain.annex_a import LISTS_BY_KEY
from dashboard.domain.annex_a_checks import (
    ERROR,
    NOTE,
    WARNING,
    Problem,
    Sheet,
    check_upload,
    quotable_code,
)
from tests.domain.test_annex_a_checks import clean_upload, minimal_row

END = date(2026, 10, 31)

ID_A = "QZV-55012-ALPHA"
ID_B = "QZV-55013-BRAVO"
ID_C = "QZV-55014-CHARLIE"
FIRST_NAME, LAST_NAME, SHORT_NAME = "Persephone", "Winterbottom", "ZOE"
FULL_NAME = f"{FIRST_NAME} {LAST_NAME}"
BORN = date(2011, 3, 17)
BORN_OTHER = date(2011, 3, 18)
BORN_LATER = date(2027, 2, 14)  # after extraction: an unborn child, or a mistake
BORN_EARLY = date(1899, 7, 23)
IMPOSSIBLE_BIRTH = "31/02/2011"
WORDY_BIRTH = f"{LAST_NAME} 17/03/2011"


def _spellings(day: date) -> list[str]:
    return [day.strftime("%d/%m/%Y"), day.strftime("%Y-%m-%d"), f"{day.day}/{day.month}/{day.year}",
            day.strftime("%d %B %Y"), day.strftime("%d %b %Y"), day.strftime("%d/%m/%y")]


#: Nothing here may appear in any problem's message, sheet or column.
FORBIDDEN = [ID_A, ID_B, ID_C, "55012", "55013", "55014", FIRST_NAME, LAST_NAME, SHORT_NAME,
             IMPOSSIBLE_BIRTH, WORDY_BIRTH,
             *(text for day in (BORN, BORN_OTHER, BORN_LATER, BORN_EARLY)
               for text in _spellings(day))]


def leaky_upload() -> list[Sheet]:
    """An upload that trips every check that can report a problem, with child IDs, names
    and dates of birth in every place a value could leak from."""
    contacts = LISTS_BY_KEY["contacts"]

    def contact(child: object, born: object, **more: object) -> dict[str, object]:
        return minimal_row(contacts, "x") | {"child_id": child, "date_of_birth": born} | more

    contact_rows = [
        contact(ID_A, BORN, gender="a) Male"),                          # row 2: dropdown
        contact(ID_A, BORN_OTHER),                                      # row 3: second birth
        contact(FULL_NAME, IMPOSSIBLE_BIRTH, gender=FIRST_NAME,        # row 4
                ethnicity=SHORT_NAME),
        contact(ID_B, WORDY_BIRTH, contact_date=FIRST_NAME,            # row 5
                contact_source=ID_A),
        contact(ID_B, BORN_LATER, contact_date=date(2026, 9, 1)),       # row 6
        contact(ID_C, BORN_EARLY, contact_date=date(2026, 11, 20)),     # row 7
        contact(ID_C, BORN_EARLY, contact_date=date(1899, 7, 22)),      # row 8
        contact(None, BORN, contact_date=None),                         # row 9: blanks
    ]
    referrals = LISTS_BY_KEY["referrals"]

    def referral(child: object, **more: object) -> dict[str, object]:
        return (minimal_row(referrals, "x") | {"child_id": child, "date_of_birth": BORN}
                | more)

    referral_rows = [
        referral(ID_A, referrals_last_12_months=FIRST_NAME),            # row 2
        referral(ID_A, referrals_last_12_months=-55012),                # row 3: same child
        referral(FULL_NAME, referrals_last_12_months=2.5,               # row 4
                 referral_date="2011-02-31"),
        referral(ID_B, referrals_last_12_months="55013.5"),             # row 5
    ]
    care = LISTS_BY_KEY["children_in_care"]
    care_rows = [minimal_row(care, "x") | {
        "child_id": ID_A, "date_of_birth": BORN_OTHER,                   # another birth date
        "started_care": date(2026, 9, 1), "ceased_care": date(2026, 8, 1),
        "legal_status": ID_B, "placement_start": date(2026, 8, 15),
    }, minimal_row(care, "x") | {"child_id": ID_A, "date_of_birth": BORN_OTHER}]  # row 3
    leavers = LISTS_BY_KEY["care_leavers"]
    leaver_rows = [minimal_row(leavers, "x") | {"child_id": ID_B, "date_of_birth": BORN,
                                                "in_touch": FULL_NAME}]
    adoption = LISTS_BY_KEY["adoption"]
    adoption_rows = [minimal_row(adoption, "x") | {
        "child_id": ID_C, "family_id": f"{LAST_NAME} family", "date_of_birth": BORN_EARLY,
        "entered_care": date(2026, 9, 1), "placed_for_adoption": date(2026, 8, 1),
    }]
    workforce = LISTS_BY_KEY["workforce"]
    workforce_rows = [minimal_row(workforce, f"Team {LAST_NAME}") | {
        "employed_fte": LAST_NAME, "agency_fte": -55014, "children_allocated": ID_A,
    }]
    sheets = clean_upload(
        "C1", contacts=contact_rows, referrals=referral_rows, children_in_care=care_rows,
        care_leavers=leaver_rows, adoption=adoption_rows, workforce=workforce_rows)
    # A data row taken for headings, on a sheet that matches no list.
    sheets.append(Sheet("Sheet9", [ID_A, FULL_NAME, BORN.strftime("%d/%m/%Y")],
                        [[ID_B, FIRST_NAME, BORN_OTHER]]))
    return sheets


def leaks(problems: list[Problem]) -> list[tuple[str, str]]:
    """Each (forbidden value, problem text) where a child's data shows through."""
    found = []
    for problem in problems:
        text = " | ".join([problem.message, problem.sheet or "", problem.column or ""])
        found += [(value, text) for value in FORBIDDEN if value.lower() in text.lower()]
    return found


_ANY_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")


def test_every_check_fires_and_no_problem_names_a_childs_id_name_or_date_of_birth() -> None:
    result = check_upload(leaky_upload(), END)
    problems = result.problems
    assert result.problems_not_listed == 0
    assert leaks(problems) == []
    # the only dates a message gives are the user's extraction date and the example form
    for problem in problems:
        assert set(_ANY_DATE.findall(problem.message)) <= {"31/10/2026", "31/01/2025"}, problem

    def at(sheet: str, row: int | None, column: str | None, severity: str = ERROR) -> str:
        found = [p.message for p in problems
                 if (p.sheet, p.row, p.column, p.severity) == (sheet, row, column, severity)]
        assert found, (sheet, row, column, severity)
        return " ".join(found)

    # each check fired, and says what is wrong and where else to look
    assert "also on row 2 with a different date of birth" in at("List 1", 3, "Date of Birth",
                                                                WARNING)
    assert "not a real date" in at("List 1", 4, "Date of Birth", WARNING)
    assert "“a) Male” read as M" in at("List 1", None, "Gender", NOTE)
    # unknown codes: one warning per column (issue 18), the values not shaped like codes
    # counted, never shown
    assert "1 row(s) hold other values, not shown" in at("List 1", None, "Gender", WARNING)
    assert "not DfE codes" in at("List 1", None, "Ethnicity", WARNING)
    assert "not a date" in at("List 1", 5, "Date of Birth", WARNING)
    assert "not a date" in at("List 1", 5, "Date of Contact")
    assert "1 row(s) hold other values" in at("List 1", None, "Contact Source", WARNING)
    assert ("The date of birth is after the date the lists were extracted"
            in at("List 1", 6, "Date of Birth", WARNING))
    assert "before the child's date of birth" in at("List 1", 6, "Date of Contact", WARNING)
    assert "The date of birth is before 1900" in at("List 1", 7, "Date of Birth")
    assert "after the date the lists were extracted" in at("List 1", 7, "Date of Contact")
    assert "before 1900" in at("List 1", 8, "Date of Contact")
    assert "empty" in at("List 1", 9, "Child Unique ID")
    assert "empty" in at("List 1", 9, "Date of Contact")
    counts = "Number of Referrals in Last 12 Months"
    assert "not a whole number" in at("List 3", 2, counts, WARNING)
    assert "below zero" in at("List 3", 3, counts, WARNING)
    assert "The child on row 3 is also on row 2" in at("List 8", 3, "Child Unique ID", WARNING)
    assert "not a whole number" in at("List 3", 4, counts, WARNING)
    assert "not a real date" in at("List 3", 4, "Date of referral")
    assert "not a whole number" in at("List 3", 5, counts, WARNING)
    assert ("also on sheet “List 1”, row 2, with a different date of birth"
            in at("List 8", 3, "Date of Birth", WARNING))
    assert ("before the date started to be looked after on the same row"
            in at("List 8", 2, "Date Ceased to be Looked After"))
    assert "not DfE codes" in at("List 8", None, "Child's Legal Status", WARNING)
    assert "not DfE codes" in at("List 9", None, "LA in Touch", WARNING)
    assert "before the date the child entered care" in at("List 10", 2, "Date Placed for Adoption")
    assert "not a number" in at("Workforce", 2, "Social workers employed (FTE)", WARNING)
    assert "zero or more" in at("Workforce", 2, "Agency social workers (FTE)", WARNING)
    assert "not a whole number" in at("Workforce", 2, "Children allocated", WARNING)
    assert "not one of the Annex A lists" in at("Sheet9", None, None, WARNING)


def test_a_code_shaped_value_in_a_code_column_is_still_quoted() -> None:
    """An unknown code is worth showing: it cannot identify a child."""
    leavers = LISTS_BY_KEY["care_leavers"]
    row = minimal_row(leavers, "C1") | {"activity": "F9"}
    result = check_upload(clean_upload(care_leavers=[row]), END)
    problem = next(p for p in result.problems if p.column == "Activity Status")
    assert problem.message.startswith("1 row(s) hold codes that are not DfE codes for this "
                                      "column: “F9” (1 row).")


def test_only_values_shaped_like_codes_may_be_quoted() -> None:
    for code in ("N11", "E4A", "RC9", "X", "10", 7.0):
        assert quotable_code(code) is not None, code
    for value in ("Amy", "ZOE", "LEE", "2011", "17/03/2011", ID_A, "A1 B", "n11", "É1",
                  "123", 2011, None, ""):
        assert quotable_code(value) is None, value
