"""Excel files the product writes. Text that Excel would run as a formula is neutralised."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

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
    """A one-sheet .xlsx with bold headings; every cell goes through neutralise_formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(list(headings))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise_formula(value) for value in row])
    for column, width in zip("ABCDEFGH", (12, 30, 10, 40, 90, 12, 12, 12), strict=False):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
