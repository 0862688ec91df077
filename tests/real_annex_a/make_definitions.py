"""Write the hand-made real-format workbooks for the corrected definitions (issue 18).

The workbooks follow the published Annex A template as LAs hold it: sheets "List 1" to
"List 11", the template's headings (its short "Age", its stray bracket in "(Y/N))"),
codes in the template's lettered and "code: meaning" styles, current and old care-leaver
activity codes, and no extraction date inside. Every child is made up. The expected
figures, worked out by hand, are in ``tests/test_real_annex_a_definitions.py``.

``definitions-full.xlsx`` adds the two optional columns the template lacks (a date of
previous referral on list 3, case-holding FTE on the Workforce sheet);
``definitions-template-only.xlsx`` is the same without them.

Run ``python -m tests.real_annex_a.make_definitions`` to write them again; the cells
are the same every time.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
D = date
#: The file's own creation time, fixed so that only the zip's timestamps vary.
FIXED_TIME = datetime(2026, 11, 2, 9, 0)

PERSON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age"]

LIST_1 = [[*PERSON, "Date of Contact", "Contact Source"],
          ["D1001", "a) Male", "a) WBRI", D(2015, 1, 25), 11, D(2026, 9, 16), "q) 6: Police"]]
LIST_2 = [[*PERSON, "Assessment start date", "Assessment completion date",
                    "Organisation completing assessment"],
          ["D2001", "b) Female", "k) APKN", D(2014, 3, 5), 12, D(2026, 8, 3), D(2026, 9, 30),
           "Early Help Locality 2"]]

#: List 3, with the optional date of previous referral last (only in the full workbook).
LIST_3_HEADINGS = [*PERSON, "Date of Referral", "Referral Source", "Referral NFA?",
                            "Number of Referrals in Last 12 Months", "Allocated Team",
                            "Allocated Worker"]
LIST_3_ROWS = [
    # child, born, age, referral, count, previous referral
    ("D3001", D(2012, 7, 18), 14, D(2026, 8, 10), 1, D(2025, 9, 1)),
    ("D3002", D(2013, 8, 14), 13, D(2026, 9, 1), 1, D(2025, 9, 1)),
    ("D3003", D(2016, 2, 2), 10, D(2026, 10, 1), 2, None),
    ("D3004", D(2019, 5, 20), 7, D(2026, 10, 20), 1, None),
    ("D3005", D(2011, 1, 9), 15, D(2026, 7, 15), 3, D(2026, 3, 1)),
]

LIST_4 = [[*PERSON, "Does the Child have a Disability", "Continuous Assessment Start Date",
                    "Child Seen During Continuous Assessment",
                    "Continuous Assessment Date of Authorisation",
                    "Was the child assessed as requiring LA children's social care support?",
                    "Allocated Team", "Allocated Worker"],
          ["D4001", "b) Female", "k) APKN", D(2012, 8, 8), 14, "b) No", D(2026, 8, 3), "Yes",
           D(2026, 9, 14), "a) Yes", "Assessment Team 1", "SW1001"]]
LIST_5 = [[*PERSON, "Does the Child have a Disability",
                    "Strategy discussion initiating Section 47 Enquiry Start Date",
                    "Was an Initial Child Protection Conference deemed unnecessary?",
                    "Date of Initial Child Protection Conference",
                    "Did the Initial Child Protection Conference Result in a Child Protection "
                    "Plan", "Number of Section 47 Enquiries in the last 12 months",
                    "Number of ICPCs in the last 12 months", "Allocated Team",
                    "Allocated Worker"],
          ["D5001", "b) Female", "s) NOBT", D(2010, 9, 15), 16, "a) Yes", D(2026, 9, 16),
           "No", D(2026, 10, 5), "Yes", 1, 1, "Assessment Team 1", "SW1002"]]
LIST_6 = [[*PERSON, "Does the Child have a Disability", "CIN Start Date", "Primary Need Code",
                    "Date Child Was Last Seen", "CIN Closure Date", "Reason for Closure",
                    "Case Status", "Allocated Team", "Allocated Worker"],
          ["D6001", "a) Male", "i) MOTH", D(2013, 9, 23), 13, "b) No", D(2025, 6, 9),
           "N1 - Abuse or Neglect", D(2026, 10, 21), None, None, "c) Child in need plan",
           "Family Support Team 1", "SW1003"]]
LIST_7 = [[*PERSON, "Does the Child have a Disability", "Child Protection Plan Start Date",
                    "Initial Category of Abuse", "Latest Category of Abuse",
                    "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
                    "Date of latest review conference", "Child Protection Plan End Date",
                    "Subject to Emergency Protection Order or Protected Under Police Powers in "
                    "Last Six Months (Y/N)", "Number of Previous Child Protection Plans",
                    "Allocated Team", "Allocated Worker"],
          ["D7001", "a) Male", "r) OOTH", D(2015, 5, 29), 11, "b) No", D(2026, 2, 8),
           "Physical abuse", "Physical abuse", D(2026, 10, 2), "a) Yes", D(2026, 8, 16), None,
           "b) No", 1, "Family Support Team 1", "SW1003"]]

LIST_8_HEADINGS = [
    *PERSON,
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
    "Does the Child have a Disability", "Date Started to be Looked After",
    "Child's Category of Need",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 "
    "months (Y/N)", "Start date of current legal status", "Child's Legal Status",
    "Date of Latest Statutory Review", "Date of Last Social Work Visit",
    "What is the permanence plan for this child?",
    "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
    "Date of Last Dental Check", "Number of Placements in the Last 12 months",
    "Date Ceased to be Looked After", "Reason Ceased to be Looked After",
    "Start Date of Most Recent Placement", "Placement Type", "Placement Provider",
    "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
    "Number of Episodes the Child has been \u2018Missing\u2019 from their Placement in the last "
    "12 months",
    "Number of Episodes the Child has been \u2018Absent\u2019 from their Placement in the last "
    "12 months",
]
CARE_ORDER, ORDER_START = "C2: FCO", D(2023, 6, 1)
SHORT_BREAK_EPISODES, SHORT_BREAK_AGREEMENT = "V3: Short term breaks, episodes recorded", \
    "V4: Short term breaks, agreements recorded"
U1 = "a) U1: Foster placement - relatives - long term"
U4 = "d) U4: Foster placement - long term"
U6 = "f) U6: Foster placement - not FFA"
K2 = "r) K2: Children's Homes"
LIST_8_ROWS = [
    # child, born, age, started, legal status, legal start, last visit, placements,
    # ceased, reason, placement start, type, missing
    ("D8001", D(2014, 4, 1), 12, D(2023, 5, 1), CARE_ORDER, ORDER_START, D(2026, 8, 15), 1,
     None, None, D(2024, 1, 1), U4, 0),
    ("D8002", D(2013, 3, 3), 13, D(2023, 5, 1), CARE_ORDER, ORDER_START, D(2026, 8, 15), 3,
     None, None, D(2024, 1, 1), U6, 1),
    ("D8003", D(2016, 6, 6), 10, D(2026, 9, 1), SHORT_BREAK_EPISODES, D(2026, 9, 1),
     D(2026, 10, 1), 4, None, None, D(2026, 9, 1), U6, 2),
    ("D8004", D(2017, 7, 7), 9, D(2026, 6, 1), SHORT_BREAK_AGREEMENT, D(2026, 6, 1),
     D(2026, 10, 1), 1, None, None, D(2026, 6, 1), K2, 0),
    ("D8005", D(2015, 2, 2), 11, D(2025, 11, 30), "C1: ICO", D(2025, 11, 30), D(2026, 9, 15),
     2, None, None, D(2025, 11, 30), U1, 0),
    ("D8006", D(2012, 1, 1), 14, D(2024, 1, 1), CARE_ORDER, ORDER_START, D(2026, 8, 20), 3,
     D(2026, 9, 1), "h) E4A: Returned home to live with parents or relatives - part of "
     "planning", D(2025, 3, 1), U6, 1),
    ("D8007", D(2018, 8, 8), 8, D(2026, 8, 1), SHORT_BREAK_EPISODES, D(2026, 8, 1),
     D(2026, 8, 5), 1, D(2026, 9, 1), "u) E8: Care ceased for any other reason",
     D(2026, 8, 1), U6, 1),
    ("D8008", D(2019, 9, 9), 7, D(2023, 2, 1), "E1: Placement order", D(2023, 9, 1),
     D(2026, 7, 31), 1, None, None, D(2025, 10, 31), U4, 0),
]

LIST_9_HEADINGS = [*PERSON, "Does the Child have a Disability", "Allocated Team",
                            "Allocated Worker", "Eligibility Category", "LA in Touch",
                            "Type of Accommodation", "Suitability of Accommodation",
                            "Activity Status"]
AGED_20 = D(2006, 6, 1)
LIST_9_ROWS = [
    # child, born, age, in touch, accommodation, suitability, activity
    ("D9001", AGED_20, 20, "a) Yes",
     "D: Semi-independent, transitional accommodation and self-contained accommodation",
     "a) Suitable", "F4: Full time in an apprenticeship"),
    ("D9002", AGED_20, 20, "a) Yes", "U: Independent living", "b) Unsuitable",
     "P5: Part time in training or employment (not an apprenticeship)"),
    ("D9003", AGED_20, 20, "a) Yes", "G: Abroad", "a) Suitable",
     "F5: Full time in training or employment"),
    ("D9004", AGED_20, 20, "b) No", "H: Deported", None,
     "G5: Not in education, employment or training - other"),
    ("D9005", AGED_20, 20, "d) Refused", "R: Residence not known", None, None),
    ("D9006", AGED_20, 20, "a) Yes", "B: Parents/relatives", "a) Suitable",
     "F3: Full time in training or employment"),
    ("D9007", AGED_20, 20, "a) Yes", "S: No fixed abode/homeless", "b) Unsuitable",
     "G6: Not in education, employment or training - pregnancy or parenting"),
    ("D9008", D(2008, 6, 1), 18, "a) Yes", "U: Independent living", "a) Suitable",
     "F2: Full time in education other than higher"),
]

LIST_10 = [["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth",
            "Age of Child (Years)", "Does the Child have a Disability",
            "Date the Child Entered Care",
            "Date of Decision that Child Should be Placed for Adoption",
            "Date of Placement Order", "Date of Matching Child and Prospective Adopters",
            "Date Placed for Adoption", "Date of Adoption Order ",
            "Date of Decision that Child Should No Longer be Placed for Adoption",
            "Reason Why Child No Longer Placed for Adoption",
            "Date the child was placed for fostering in FFA or concurrent planning placement"],
           ["D10001", "F1001", "a) Male", "s) NOBT", D(2024, 2, 13), 2, "b) No",
            D(2024, 3, 1), D(2024, 9, 1), D(2025, 1, 10), D(2025, 6, 1), D(2025, 12, 1), None,
            None, None, None]]
LIST_11 = [["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity",
            "Disability", "Is the (prospective) adopter fostering for adoption?",
            "Date enquiry received", "Date Stage 1 started", "Date Stage 1 ended",
            "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
            "Date application approved", "Date adopter matched with child(ren)",
            "Date child/children placed with adopter(s)", "No. of children placed",
            "Date of Adoption Order", "Date of leaving adoption process",
            "Reason for leaving adoption process"],
           ["A1001", "F1001", "a) Male", "a) WBRI", "b) No", "No", D(2024, 1, 8),
            D(2024, 2, 1), D(2024, 4, 1), D(2024, 4, 2), D(2024, 8, 1), D(2024, 4, 2),
            D(2024, 9, 1), D(2025, 6, 1), D(2025, 12, 1), 1, None, None, None]]

WORKFORCE_HEADINGS = ["Team", "Social workers employed (FTE)", "Agency social workers (FTE)",
                      "Vacant posts (FTE)", "Leavers in last 12 months (FTE)",
                      "Children allocated"]
WORKFORCE_ROWS = [
    # team, employed, agency, vacant, leavers, children, case-holding FTE
    ("Children in Care Team 1", 10.0, 2.0, 1.0, 1.0, 150, 9.0),
    ("Assessment Team 1", 20.0, 4.0, 1.0, 1.0, 210, 15.0),
]


def sheets(full: bool) -> list[tuple[str, list[list[object]]]]:
    """Each sheet's name and rows (headings first); ``full`` adds the optional columns."""
    list_3 = [LIST_3_HEADINGS + (["Date of Previous Referral"] if full else [])]
    for child, born, age, referred, count, previous in LIST_3_ROWS:
        row = [child, "a) Male", "a) WBRI", born, age, referred, "q) 6: Police", "b) No",
               count, "Front Door (MASH)", None]
        list_3.append(row + ([previous] if full else []))
    list_8: list[list[object]] = [LIST_8_HEADINGS]
    for (child, born, age, started, legal, legal_start, visit, moves, ceased, reason, placed,
         kind, missing) in LIST_8_ROWS:
        list_8.append([
            child, "b) Female", "a) WBRI", born, age, "b) No", "b) No", started,
            "N1 - Abuse or Neglect", "b) No", legal_start, legal, visit, visit, "LTF",
            visit, visit, visit, moves, ceased, reason, placed, kind, "b) PR1 - Own provision",
            None, None, "In", None, missing, 0,
        ])
    list_9: list[list[object]] = [LIST_9_HEADINGS]
    for child, born, age, in_touch, accommodation, suitable, activity in LIST_9_ROWS:
        list_9.append([child, "a) Male", "r) OOTH", born, age, "b) No", "Leaving Care Team",
                       "PA1001", "b) Former relevant child", in_touch, accommodation, suitable,
                       activity])
    workforce = [WORKFORCE_HEADINGS + (["Case holding FTE"] if full else [])]
    for *figures, case_holding in WORKFORCE_ROWS:
        workforce.append([*figures, *([case_holding] if full else [])])
    return [("List 1", LIST_1), ("List 2", LIST_2), ("List 3", list_3), ("List 4", LIST_4),
            ("List 5", LIST_5), ("List 6", LIST_6), ("List 7", LIST_7), ("List 8", list_8),
            ("List 9", list_9), ("List 10", LIST_10), ("List 11", LIST_11),
            ("Workforce", workforce)]


def write(path: Path, full: bool) -> None:
    book = Workbook()
    book.remove(book.active)
    book.properties.created = book.properties.modified = FIXED_TIME
    for name, rows in sheets(full):
        page = book.create_sheet(name)
        for row in rows:
            page.append(row)
        for cells in page.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, date):
                    cell.number_format = "dd/mm/yyyy"
    book.save(path)


def main() -> None:
    write(HERE / "definitions-full.xlsx", full=True)
    write(HERE / "definitions-template-only.xlsx", full=False)


if __name__ == "__main__":
    main()
