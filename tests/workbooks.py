"""Small Annex A workbooks for service and web tests, written as a user's Excel would be."""

from __future__ import annotations

import io

from openpyxl import Workbook

from dashboard.domain.annex_a_checks import Sheet
from tests.domain.test_annex_a_checks import clean_upload

#: A child ID that must never reach stored data, logs or other organisations.
SECRET_CHILD_ID = "CHILD-ID-7731-SECRET"


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        page = book.create_sheet(sheet.name)
        page.append(sheet.headings)
        for row in sheet.rows:
            page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def minimal_workbook() -> bytes:
    """One row per list that passes every check, about one (secret) child."""
    return xlsx_bytes(clean_upload(SECRET_CHILD_ID))
