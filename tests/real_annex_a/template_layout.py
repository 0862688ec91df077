"""A hand-made Annex A return in the layout of Ofsted's own template (issue 28).

The template's sheets are Front_Sheet, FAQ_and_changes, Guidance, Codes_used and List_1
to List_11; each list sheet has a title row ("List 3: Referral") above its headings
(row 2), and its dropdowns give values such as "a) Male" and "a) WBRI". The headings are
the template's, as Social Finance's liia-tools sample holds them (``make_quirks.TEMPLATE``).
Following its Guidance tab ("Update: August 2019"), list 3 has a row per referral: child
T1 was referred twice. One referral's count is blank, list 7 has two rows for one child
(an old plan and the current one) and one child in care has no number of placements.
Every child is made up. The figures these rows give are worked out by hand in
``tests/test_template_workbook.py``.

The same cells are written as .xlsx (openpyxl), .xls (xlwt) and .ods (odfpy) by the test
fixtures; nothing here is kept on disk.
"""

from __future__ import annotations

import io
from datetime import date

from tests.real_annex_a.make_quirks import TEMPLATE

D = date
#: The extraction date the tests choose; the latest event in the lists is 29/10/2026.
EXTRACTED = D(2026, 10, 31)
LATEST_EVENT = D(2026, 10, 29)

TITLES = {1: "List 1: Contacts", 2: "List 2: Early Help", 3: "List 3: Referral",
          4: "List 4: Assessments", 5: "List 5: Section 47", 6: "List 6: Children in need",
          7: "List 7: Child protection", 8: "List 8: Children in care",
          9: "List 9: Care leavers", 10: "List 10: Adoption", 11: "List 11: Adopters"}

#: The template's heading, with its curly quotes.
MISSING_EPISODES = TEMPLATE["List 8"][28]
BOY = {"Gender": "a) Male", "Ethnicity": "a) WBRI"}
GIRL = {"Gender": "b) Female", "Ethnicity": "k) APKN"}


def _child(child: str, born: date, age: int, person: dict[str, str]) -> dict[str, object]:
    return {"Child Unique ID": child, "Date of Birth": born, "Age": age, **person}


T1 = _child("T1", D(2016, 2, 2), 10, BOY)
T2 = _child("T2", D(2019, 5, 20), 7, GIRL)
T3 = _child("T3", D(2012, 7, 18), 14, BOY)

LIST_ROWS: dict[int, list[dict[str, object]]] = {
    # six months: after 30/04/2026 to 31/10/2026. T1 twice; T3's is from before them.
    1: [T1 | {"Date of Contact": D(2026, 6, 1), "Contact Source": "q) 6: Police"},
        T1 | {"Date of Contact": D(2026, 9, 1), "Contact Source": "b) 2A: Schools"},
        T2 | {"Date of Contact": D(2026, 10, 15), "Contact Source": "q) 6: Police"},
        T3 | {"Date of Contact": D(2026, 3, 15), "Contact Source": "q) 6: Police"}],
    2: [T2 | {"Assessment start date": D(2026, 8, 3), "Assessment completion date":
              D(2026, 9, 30), "Organisation completing assessment": "Early Help Locality 2"}],
    # rows 3 to 6: T1 referred twice; T2's count is blank; T3 once
    3: [T1 | {"Date of Referral": D(2026, 6, 1), "Referral Source": "q) 6: Police",
              "Referral NFA?": "b) No", "Number of Referrals in Last 12 Months": 2},
        T1 | {"Date of Referral": D(2026, 9, 1), "Referral Source": "b) 2A: Schools",
              "Referral NFA?": "b) No", "Number of Referrals in Last 12 Months": 2},
        T2 | {"Date of Referral": D(2026, 10, 10), "Referral Source": "q) 6: Police",
              "Referral NFA?": "b) No", "Number of Referrals in Last 12 Months": None},
        T3 | {"Date of Referral": D(2026, 5, 5), "Referral Source": "q) 6: Police",
              "Referral NFA?": "a) Yes", "Number of Referrals in Last 12 Months": 1}],
    # a row per assessment: T1 twice
    4: [T1 | {"Does the Child have a Disability": "b) No",
              "Continuous Assessment Start Date": D(2026, 6, 1),
              "Child Seen During Continuous Assessment": "a) Yes",
              "Continuous Assessment Date of Authorisation": D(2026, 6, 15),
              "Was the child assessed as requiring LA children's social care support?": "a) Yes"},
        T1 | {"Does the Child have a Disability": "b) No",
              "Continuous Assessment Start Date": D(2026, 9, 2),
              "Child Seen During Continuous Assessment": "a) Yes",
              "Continuous Assessment Date of Authorisation": D(2026, 10, 29),
              "Was the child assessed as requiring LA children's social care support?": "a) Yes"},
        T3 | {"Does the Child have a Disability": "b) No",
              "Continuous Assessment Start Date": D(2026, 5, 6),
              "Child Seen During Continuous Assessment": "a) Yes",
              "Continuous Assessment Date of Authorisation": D(2026, 9, 30),
              "Was the child assessed as requiring LA children's social care support?": "b) No"}],
    5: [T2 | {"Does the Child have a Disability": "b) No",
              "Strategy discussion initiating Section 47 Enquiry Start Date": D(2026, 10, 1),
              "Was an Initial Child Protection Conference deemed unnecessary?": "b) No",
              "Date of Initial Child Protection Conference": D(2026, 10, 20),
              "Did the Initial Child Protection Conference Result in a Child Protection Plan":
              "a) Yes", "Number of Section 47 Enquiries in the last 12 months": 1,
              "Number of ICPCs in the last 12 months": 1}],
    6: [T1 | {"Does the Child have a Disability": "b) No", "CIN Start Date": D(2026, 6, 15),
              "Primary Need Code": "a) N1: Abuse or neglect", "Case Status": "c) CINP"}],
    # rows 3 and 4: T2's old plan, then the one from the conference (the most recent)
    7: [T2 | {"Does the Child have a Disability": "b) No",
              "Child Protection Plan Start Date": D(2025, 1, 1),
              "Initial Category of Abuse": "a) NEG", "Latest Category of Abuse": "a) NEG",
              "Child Protection Plan End Date": D(2026, 6, 1),
              "Number of Previous Child Protection Plans": 0},
        T2 | {"Does the Child have a Disability": "b) No",
              "Child Protection Plan Start Date": D(2026, 10, 20),
              "Initial Category of Abuse": "d) EMO", "Latest Category of Abuse": "d) EMO",
              "Child Protection Plan End Date": None,
              "Number of Previous Child Protection Plans": 1}],
    # rows 3 and 4: T3 with 3 placements; T4 with the number of placements left blank
    8: [T3 | {"Date Started to be Looked After": D(2026, 1, 10),
              "Child's Legal Status": "b) C2", "Date of Last Social Work Visit": D(2026, 10, 1),
              "Number of Placements in the Last 12 months": 3,
              "Start Date of Most Recent Placement": D(2026, 7, 1),
              "Placement Type": "f) U6",
              MISSING_EPISODES: 1},
        _child("T4", D(2010, 4, 4), 16, GIRL) | {
            "Date Started to be Looked After": D(2025, 3, 1),
            "Child's Legal Status": "b) C2", "Date of Last Social Work Visit": D(2026, 9, 1),
            "Number of Placements in the Last 12 months": None,
            "Start Date of Most Recent Placement": D(2025, 3, 1), "Placement Type": "f) U6",
            MISSING_EPISODES: 0}],
    9: [_child("T5", D(2006, 1, 1), 20, BOY) | {
        "Eligibility Category": "b) FREL", "LA in Touch": "a) Yes",
        "Type of Accommodation": "e) E", "Suitability of Accommodation": "a) Suitable",
        "Activity Status": "a) F1: Full time in higher education"}],
    10: [{"Child Unique ID": "T6", "Family identifier": "F1", "Gender": "a) Male",
          "Ethnicity": "a) WBRI", "Date of Birth": D(2022, 1, 1), "Age of Child (Years)": 4,
          "Date the Child Entered Care": D(2025, 2, 1),
          "Date Placed for Adoption": D(2026, 2, 1)}],
    11: [{"Individual adopter identifier": "A1", "Family identifier": "F1",
          "Gender": "b) Female", "Ethnicity": "a) WBRI", "Date enquiry received": D(2026, 1, 5)}],
}


def template_sheets() -> dict[str, list[list[object]]]:
    """Every sheet of the return, as rows of cells (None for an empty cell)."""
    sheets: dict[str, list[list[object]]] = {
        "Front_Sheet": [["Annex A: child-level data"], [None],
                        ["Local authority", "Barnsley"], ["Date of extract", EXTRACTED]],
        "FAQ_and_changes": [["Frequently asked questions"], ["Why six months?", "See Guidance."]],
        "Guidance": [["Guidance. Update: August 2019"],
                     ["List 3: Referral", "All referrals received in the six months before "
                      "the inspection. Children may appear multiple times on this list if "
                      "they have received multiple referrals."]],
        "Codes_used": [["Gender"], ["a) Male"], ["b) Female"]],
    }
    for number, rows in LIST_ROWS.items():
        headings = TEMPLATE[f"List {number}"]
        sheets[f"List_{number}"] = [[TITLES[number]], list(headings),
                                    *([row.get(heading) for heading in headings]
                                      for row in rows)]
    return sheets


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in template_sheets().items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls_bytes() -> bytes:
    import xlwt

    book = xlwt.Workbook()
    dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for name, rows in template_sheets().items():
        sheet = book.add_sheet(name)
        for row_number, row in enumerate(rows):
            for column, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write(row_number, column, value, dates)
                elif value is not None:
                    sheet.write(row_number, column, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods_bytes() -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in template_sheets().items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                if isinstance(value, date):
                    cell = TableCell(valuetype="date", datevalue=value.isoformat())
                    cell.addElement(P(text=value.strftime("%d/%m/%Y")))
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                elif value is not None:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell()
                table_row.addElement(cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
