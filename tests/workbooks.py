"""Small Annex A workbooks for service and web tests, written as a user's Excel would be
(.xlsx), as an old Excel or a reporting tool writes them (.xls, with xlwt) and as
LibreOffice does (.ods, with odfpy)."""

from __future__ import annotations

import io
from datetime import date

import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

from dashboard.domain.annex_a_checks import Sheet
from tests.domain.test_annex_a_checks import clean_upload

#: A child ID that must never reach stored data, logs or other organisations.
SECRET_CHILD_ID = "CHILD-ID-7731-SECRET"


def xlsx_bytes(sheets: list[Sheet], titled: bool = False) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        page = book.create_sheet(sheet.name)
        for row in _title_and_rows(sheet, titled):
            page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title_and_rows(sheet: Sheet, titled: bool) -> list[list[object]]:
    """The sheet's rows as written: the template's title row ("List 3: Referral") above
    the headings if ``titled``."""
    title = [[f"{sheet.name}: Annex A list"]] if titled else []
    return [*title, list(sheet.headings), *sheet.rows]


def xls_bytes(sheets: list[Sheet], titled: bool = False) -> bytes:
    """An Excel 97-2003 workbook (.xls); dates are real dates shown as dd/mm/yyyy."""
    book = xlwt.Workbook(encoding="utf-8")
    day = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for sheet in sheets:
        page = book.add_sheet(sheet.name)
        for row, values in enumerate(_title_and_rows(sheet, titled)):
            for column, value in enumerate(values):
                if isinstance(value, date):
                    page.write(row, column, value, day)
                elif value is not None:
                    page.write(row, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _ods_cell(value: object) -> TableCell:
    if value is None:
        return TableCell()
    if isinstance(value, date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
        text = str(value)
    else:
        cell = TableCell(valuetype="string")
        text = str(value)
    cell.addElement(P(text=text))
    return cell


def ods_bytes(sheets: list[Sheet], titled: bool = False) -> bytes:
    """An OpenDocument spreadsheet (.ods) with typed cells: dates as date cells."""
    document = OpenDocumentSpreadsheet()
    for sheet in sheets:
        table = Table(name=sheet.name)
        for values in _title_and_rows(sheet, titled):
            row = TableRow()
            for value in values:
                row.addElement(_ods_cell(value))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def minimal_workbook() -> bytes:
    """One row per list that passes every check, about one (secret) child."""
    return xlsx_bytes(clean_upload(SECRET_CHILD_ID))
