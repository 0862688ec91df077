"""Writes the hand-made real-format Annex A workbooks of issue 18 (``quirks-*.xlsx``).

Run ``python tests/real_annex_a/make_quirks.py`` to rebuild them; the same bytes every
time (fixed dates, fixed zip timestamps). Headings are the published template's as
Social Finance's liia-tools sample holds them (see SOURCES.md): "Age" for the age,
"(Y/N))" with its stray bracket, "Date of Adoption Order " with its trailing space.
Every child is invented. Expected outcomes are worked by hand in
tests/test_real_annex_a.py.

Formula ages: openpyxl writes a formula with no cached value. So two variants are
written: ``quirks-formula-ages.xlsx`` has each age as the template's formula AND its
cached value (put into the sheet's XML after openpyxl saves); the upload reader
(calamine) sees the cached fractional years, openpyxl sees the formula (or the cached
value with ``data_only=True``). ``quirks-formula-ages-uncached.xlsx`` has the formulas
alone, as a tool that never calculated would leave them: calamine sees blanks.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
#: The extraction date the tests enter; the latest event in the files is 28/03/2025.
EXTRACTED = date(2025, 3, 31)
LATEST = date(2025, 3, 28)

TEMPLATE: dict[str, list[str]] = {'List 1': ['Child Unique ID',
                'Gender',
                'Ethnicity',
                'Date of Birth',
                'Age',
                'Date of Contact',
                'Contact Source'],
     'List 2': ['Child Unique ID',
                'Gender',
                'Ethnicity',
                'Date of Birth',
                'Age',
                'Assessment start date',
                'Assessment completion date',
                'Organisation completing assessment'],
     'List 3': ['Child Unique ID',
                'Gender',
                'Ethnicity',
                'Date of Birth',
                'Age',
                'Date of Referral',
                'Referral Source',
                'Referral NFA?',
                'Number of Referrals in Last 12 Months',
                'Allocated Team',
                'Allocated Worker'],
     'List 4': ['Child Unique ID',
                'Gender',
                'Ethnicity',
                'Date of Birth',
                'Age',
                'Does the Child have a Disability',
                'Continuous Assessment Start Date',
                'Child Seen During Continuous Assessment',
                'Continuous Assessment Date of Authorisation',
                "Was the child assessed as requiring LA children's social care support?",
                'Allocated Team',
                'Allocated Worker'],
     'List 5': ['Child Unique ID',
                'Gender',
                'Ethnicity',
                'Date of Birth',
                'Age',
                'Does the Child have a Disability',
                'Strategy discussion initiating Section 47 Enquiry Start Date',
                'Was an Initial Child Protection Conference deemed unnecessary?',
                'Date of Initial Child Protection Conference',
                'Did the Initial Child Protection Conference Result in a Child Protection Plan',
                'Number of Section 47 Enquiries in the last 12 months',
                'Number of ICPCs in the last 12 months',
                'Allocated Team',
                'Allocated Worker'],
     'List 6': ['Child Unique ID',
                'Gender',
                'Ethnicity',
                'Date of Birth',
                'Age',
                'Does the Child have a Disability',
                'CIN Start Date',
                'Primary Need Code',
                'Date Child Was Last Seen',
                'CIN Closure Date',
                'Reason for Closure',
                'Case Status',
                'Allocated Team',
                'Allocated Worker'],
     'List 7': ['Child Unique ID',
                'Gender',
                'Ethnicity',
                'Date of Birth',
                'Age',
                'Does the Child have a Disability',
                'Child Protection Plan Start Date',
                'Initial Category of Abuse',
                'Latest Category of Abuse',
                'Date of the Last Statutory Visit',
                'Was the Child Seen Alone?',
                'Date of latest review conference',
                'Child Protection Plan End Date',
                'Subject to Emergency Protection Order or Protected Under Police Powers in '
                'Last Six Months (Y/N)',
                'Number of Previous Child Protection Plans',
                'Allocated Team',
                'Allocated Worker'],
     'List 8': ['Child Unique ID',
                'Gender',
                'Ethnicity',
                'Date of Birth',
                'Age',
                'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))',
                'Does the Child have a Disability',
                'Date Started to be Looked After',
                "Child's Category of Need",
                'Is this a second or subsequent period of being a Looked After Child within '
                'the last 12 months (Y/N)',
                'Start date of current legal status',
                "Child's Legal Status",
                'Date of Latest Statutory Review',
                'Date of Last Social Work Visit',
                'What is the permanence plan for this child?',
                'Date of Last IRO Visit / Contact to the Child',
                'Date of Last Health Assessment',
                'Date of Last Dental Check',
                'Number of Placements in the Last 12 months',
                'Date Ceased to be Looked After',
                'Reason Ceased to be Looked After',
                'Start Date of Most Recent Placement',
                'Placement Type',
                'Placement Provider',
                'Placement postcode',
                'URN of Placement',
                'Placement Location',
                'LA of Placement',
                'Number of Episodes the Child has been \u2018Missing\u2019 from their Placement '
                'in the '
                'last 12 months',
                'Number of Episodes the Child has been \u2018Absent\u2019 from their Placement '
                'in the '
                'last 12 months',
                'Was the child offered a Return Interview after their last missing episode '
                '(Y/N)?',
                'Did the child accept a Return Interview after their last missing episode '
                '(Y/N)?',
                'Allocated Team',
                'Allocated Worker'],
     'List 9': ['Child Unique ID',
                'Gender',
                'Ethnicity',
                'Date of Birth',
                'Age',
                'Does the Child have a Disability',
                'Allocated Team',
                'Allocated Worker',
                'Eligibility Category',
                'LA in Touch',
                'Type of Accommodation',
                'Suitability of Accommodation',
                'Activity Status'],
     'List 10': ['Child Unique ID',
                 'Family identifier',
                 'Gender',
                 'Ethnicity',
                 'Date of Birth',
                 'Age of Child (Years)',
                 'Does the Child have a Disability',
                 'Date the Child Entered Care',
                 'Date of Decision that Child Should be Placed for Adoption',
                 'Date of Placement Order',
                 'Date of Matching Child and Prospective Adopters',
                 'Date Placed for Adoption',
                 'Date of Adoption Order ',
                 'Date of Decision that Child Should No Longer be Placed for Adoption',
                 'Reason Why Child No Longer Placed for Adoption',
                 'Date the child was placed for fostering in FFA or concurrent planning '
                 'placement'],
     'List 11': ['Individual adopter identifier',
                 'Family identifier',
                 'Gender',
                 'Ethnicity',
                 'Disability',
                 'Is the (prospective) adopter fostering for adoption?',
                 'Date enquiry received',
                 'Date Stage 1 started',
                 'Date Stage 1 ended',
                 'Date Stage 2 started',
                 'Date Stage 2 ended',
                 'Date application submitted',
                 'Date application approved',
                 'Date adopter matched with child(ren)',
                 'Date child/children placed with adopter(s)',
                 'No. of children placed',
                 'Date of Adoption Order',
                 'Date of leaving adoption process',
                 'Reason for leaving adoption process']}


def _base() -> dict[str, list[dict[str, object]]]:
    """One workbook's rows, by sheet, as heading -> value; every list has a child."""
    d = date
    person = {"Gender": "a) Male", "Ethnicity": "a) WBRI"}
    return {
        "List 1": [
            {**person, "Child Unique ID": "Q1001", "Date of Birth": d(2015, 1, 25),
             "Date of Contact": d(2025, 2, 3), "Contact Source": "q) 6: Police"},
            {**person, "Child Unique ID": "Q1008", "Date of Birth": d(2015, 2, 25),
             "Date of Contact": LATEST, "Contact Source": "6"},
        ],
        "List 2": [{**person, "Child Unique ID": "Q1002", "Date of Birth": d(2014, 3, 5),
                    "Assessment start date": d(2025, 1, 6),
                    "Assessment completion date": d(2025, 2, 3)}],
        "List 3": [{**person, "Child Unique ID": "Q1003", "Date of Birth": d(2012, 7, 18),
                    "Date of Referral": d(2025, 2, 10), "Referral Source": "6",
                    "Referral NFA?": "No", "Number of Referrals in Last 12 Months": 1}],
        "List 4": [{**person, "Child Unique ID": "Q1003", "Date of Birth": d(2012, 7, 18),
                    "Continuous Assessment Start Date": d(2025, 1, 6),
                    "Continuous Assessment Date of Authorisation": d(2025, 2, 3)}],
        "List 5": [{**person, "Child Unique ID": "Q1003", "Date of Birth": d(2012, 7, 18),
                    "Strategy discussion initiating Section 47 Enquiry Start Date":
                        d(2025, 1, 6),
                    "Date of Initial Child Protection Conference": d(2025, 1, 20)}],
        "List 6": [{**person, "Child Unique ID": "Q1003", "Date of Birth": d(2012, 7, 18),
                    "CIN Start Date": d(2025, 1, 6), "Case Status": "c) Child in need plan"}],
        "List 7": [{**person, "Child Unique ID": "Q1003", "Date of Birth": d(2012, 7, 18),
                    "Child Protection Plan Start Date": d(2025, 1, 20),
                    "Number of Previous Child Protection Plans": 0}],
        "List 8": [{**person, "Child Unique ID": "Q1008", "Date of Birth": d(2015, 2, 25),
                    "Date Started to be Looked After": d(2020, 1, 1),
                    "Child's Legal Status": "C2: FCO",
                    "Date of Last Social Work Visit": d(2025, 3, 3),
                    "Number of Placements in the Last 12 months": 1,
                    "Start Date of Most Recent Placement": d(2021, 6, 1),
                    "Placement Type": "f) U6: Foster placement - not FFA",
                    "Number of Episodes the Child has been \u2018Missing\u2019 from their "
                    "Placement in the last 12 months": 0}],
        "List 9": [
            {**person, "Child Unique ID": "Q9001", "Date of Birth": d(2005, 6, 1),
             "LA in Touch": "a) Yes", "Type of Accommodation": "U: Independent living",
             "Suitability of Accommodation": "a) Suitable",
             "Activity Status": "F1: Full time in higher education"},
            {**person, "Child Unique ID": "Q9002", "Date of Birth": d(2004, 1, 15),
             "LA in Touch": "a) Yes", "Type of Accommodation": "U: Independent living",
             "Suitability of Accommodation": "a) Suitable", "Activity Status": "F1"},
            {**person, "Child Unique ID": "Q9003", "Date of Birth": d(2003, 5, 20),
             "LA in Touch": "b) No", "Type of Accommodation": "U: Independent living",
             "Suitability of Accommodation": "b) Unsuitable", "Activity Status": "G5"},
            {**person, "Child Unique ID": "Q9004", "Date of Birth": None, "Age": 20.4,
             "LA in Touch": "a) Yes", "Type of Accommodation": "U: Independent living",
             "Suitability of Accommodation": "a) Suitable", "Activity Status": "F1"},
            {**person, "Child Unique ID": "Q9005", "Date of Birth": d(2008, 1, 1),
             "LA in Touch": "a) Yes", "Type of Accommodation": "B: Parents/relatives",
             "Suitability of Accommodation": "a) Suitable", "Activity Status": "F2"},
        ],
        "List 10": [{**person, "Child Unique ID": "Q1010", "Date of Birth": d(2021, 4, 1),
                     "Date the Child Entered Care": d(2022, 5, 1),
                     "Date Placed for Adoption": d(2024, 11, 1)}],
        "List 11": [{"Individual adopter identifier": "A1", "Gender": "b) Female",
                     "Date enquiry received": d(2024, 1, 8)}],
    }


def _age(row: dict[str, object]) -> float | None:
    born = row.get("Date of Birth")
    if isinstance(born, date):
        return (EXTRACTED - born).days / 365.25
    age = row.get("Age") or row.get("Age of Child (Years)")
    return age if isinstance(age, float) else None


def _write(rows: dict[str, list[dict[str, object]]], formulas: bool = False) -> tuple[
        bytes, dict[str, float]]:
    """The workbook's bytes, and the cached value each formula cell should have."""
    book = Workbook()
    book.remove(book.active)
    cached: dict[str, float] = {}
    for name, headings in TEMPLATE.items():
        sheet = book.create_sheet(name)
        sheet.append(headings)
        for number, row in enumerate(rows.get(name, []), start=2):
            cells: list[object] = []
            for position, heading in enumerate(headings):
                value = row.get(heading)
                if heading in ("Age", "Age of Child (Years)") and name != "List 11":
                    value = _age(row) if value is None else value
                    if formulas and value is not None:
                        cached[f"{name}!{_letter(position)}{number}"] = value  # type: ignore[assignment]
                        value = (f"=(DATE(2025,3,31)-{_letter(headings.index('Date of Birth'))}"
                                 f"{number})/365.25" if row.get("Date of Birth") else f"={value}")
                cells.append(value)
            sheet.append(cells)
            for cell in sheet[number]:
                if isinstance(cell.value, date):
                    cell.number_format = "dd/mm/yyyy"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), cached


def _letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, left = divmod(position - 1, 26)
        letters = chr(65 + left) + letters
    return letters


def _fixed(content: bytes, cached: dict[str, float] | None = None) -> bytes:
    """The same zip with fixed timestamps; with ``cached``, each formula's value written
    beside it, as Excel leaves it."""
    source = zipfile.ZipFile(io.BytesIO(content))
    sheets = {f"xl/worksheets/sheet{i}.xml": name for i, name in enumerate(TEMPLATE, start=1)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if cached and info.filename in sheets:
                name = sheets[info.filename]

                def fill(found: re.Match[str], name: str = name) -> str:
                    value = cached.get(f"{name}!{found.group(1)}")
                    return found.group(0) if value is None else (
                        f'<c r="{found.group(1)}"><f>{found.group(2)}</f><v>{value!r}</v></c>')

                data = re.sub(r'<c r="([A-Z]+\d+)"><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>',
                              fill, data.decode()).encode()
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-04-01T00:00:00Z",
                              data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 4, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)
    return out.getvalue()


def variants() -> dict[str, bytes]:
    """Every workbook, by file name."""
    files: dict[str, bytes] = {}
    # 1. Ages as the template's formulas: cached values, and formulas never calculated
    content, cached = _write(_base(), formulas=True)
    files["quirks-formula-ages.xlsx"] = _fixed(content, cached)
    files["quirks-formula-ages-uncached.xlsx"] = _fixed(content)
    # 2. Headings as real files have them: trailing spaces, a stray bracket, short forms;
    # a local code under the "(Y/N))" heading, so a message quotes it
    rows = _base()
    rows["List 8"][0]["Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months "
                      "(Y/N))"] = "Q"
    files["quirks-headings.xlsx"] = _fixed(_write(rows)[0])
    # 3. No extraction date in the file: the latest event is 28/03/2025 (list 1)
    files["quirks-latest-date.xlsx"] = _fixed(_write(_base())[0])
    # 4. Local codes and placeholders
    rows = _base()
    for child in ("Q9002", "Q9004"):
        next(r for r in rows["List 9"] if r["Child Unique ID"] == child)[
            "Activity Status"] = "EMP - In employment"
    rows["List 9"][4]["Type of Accommodation"] = "Persephone"  # a name in a code column
    care = rows["List 8"][0]
    care["Placement Type"] = "#N/A"  # openpyxl writes this as Excel's own error cell
    care["Date of Last IRO Visit / Contact to the Child"] = "N/A"
    rows["List 6"][0]["Case Status"] = " not recorded "
    files["quirks-local-codes.xlsx"] = _fixed(_write(rows)[0])
    # 5. One child ID with two dates of birth: list 1 says 17 years old, list 8 ten
    rows = _base()
    rows["List 1"][1]["Date of Birth"] = date(2008, 1, 1)
    files["quirks-birth-dates.xlsx"] = _fixed(_write(rows)[0])
    # 6. Work before birth: a contact about an unborn child
    rows = _base()
    rows["List 1"][0]["Date of Birth"] = date(2025, 3, 1)
    files["quirks-before-birth.xlsx"] = _fixed(_write(rows)[0])
    # 7. What still refuses: no child ID, a date that does not exist, an event after
    # the extraction date
    rows = _base()
    rows["List 3"][0]["Child Unique ID"] = None
    rows["List 4"][0]["Continuous Assessment Date of Authorisation"] = "31/02/2025"
    rows["List 7"][0]["Child Protection Plan Start Date"] = date(2025, 4, 2)
    files["quirks-errors.xlsx"] = _fixed(_write(rows)[0])
    return files


def main() -> None:
    for name, content in variants().items():
        (HERE / name).write_bytes(content)


if __name__ == "__main__":
    main()
