"""Excel files the product writes. Text that Excel would run as a formula is neutralised."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import xlsxwriter

#: A cell starting with one of these is a formula (or DDE payload) to Excel and
#: LibreOffice; OWASP's advice is to make it text with a leading apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_formula(value: object) -> object:
    """Text that would be read as a formula, made plain text; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def workbook_bytes(sheet_title: str, headings: Sequence[str],
                   rows: Iterable[Sequence[object]]) -> bytes:
    """A one-sheet .xlsx with bold headings; every cell goes through neutralise_formula and
    is written as the type it is, so no text is ever taken for a formula or a link."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False,
    })
    sheet = workbook.add_worksheet(sheet_title[:31])
    sheet.write_row(0, 0, [str(h) for h in headings], workbook.add_format({"bold": True}))
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            value = neutralise_formula(value)
            if value is None:
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(row_number, column, value)
            else:
                sheet.write_string(row_number, column, str(value))
    for column, width in enumerate((12, 30, 10, 40, 90)):
        sheet.set_column(column, column, width)
    workbook.close()
    return buffer.getvalue()
