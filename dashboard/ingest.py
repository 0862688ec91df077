"""Reading uploaded Annex A files safely, into sheets of rows for the checks.

Uploads are untrusted. Before any parsing a workbook must be a real .xlsx (a zip with
a workbook inside), small enough, and every part of it must decompress to what its
header declares, within a total limit: that stops zip bombs, including ones whose
headers lie. Parts that declare an XML document type are refused, which stops
entity-expansion ("billion laughs") bombs; the reader, calamine, does not expand
entities either. Row limits are applied while reading, not after.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from python_calamine import CalamineWorkbook

from dashboard.domain.annex_a_checks import ERROR, Problem, Sheet

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls format
MAX_ZIP_ENTRIES = 2000
_CHUNK = 1 << 20


@dataclass(frozen=True)
class UploadLimits:
    max_file_bytes: int = 30 * 1024 * 1024
    max_unzipped_bytes: int = 400 * 1024 * 1024
    max_rows: int = 400_000


@dataclass(frozen=True)
class UploadedFile:
    name: str
    content: bytes


class UnreadableFile(Exception):
    """A file that cannot be read at all; the message is for the user, in plain words."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _check_workbook_container(content: bytes, limits: UploadLimits) -> None:
    """Refuse anything but a genuine, honest, reasonably sized .xlsx zip."""
    if content.startswith(OLE_MAGIC):
        raise UnreadableFile(
            "This is an old-style Excel file (.xls). Open it in Excel and save it as an "
            "Excel Workbook (.xlsx), then upload that."
        )
    if not content.startswith(XLSX_MAGIC):
        raise UnreadableFile(
            "This file is not an Excel workbook (.xlsx), although it is named as one."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError) as error:
        raise UnreadableFile("This Excel file is damaged and cannot be opened.") from error
    with archive:
        entries = archive.infolist()
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise UnreadableFile(
                "This file is a zip archive but not an Excel workbook: it has no workbook "
                "inside. Save the lists from Excel as .xlsx."
            )
        if len(entries) > MAX_ZIP_ENTRIES:
            raise UnreadableFile("This workbook has too many parts to be an Annex A return.")
        declared = sum(entry.file_size for entry in entries)
        if declared > limits.max_unzipped_bytes:
            raise UnreadableFile(
                f"This workbook unpacks to more than {_megabytes(limits.max_unzipped_bytes)}, "
                "which is far more than an Annex A return needs. Split it into one file per "
                "list."
            )
        unpacked = 0
        for entry in entries:
            try:
                with archive.open(entry) as part:
                    head = part.read(2048)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise UnreadableFile(
                            "This workbook contains XML that declares a document type, which "
                            "Excel never writes. It was not opened, for safety."
                        )
                    unpacked += len(head)
                    while chunk := part.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > limits.max_unzipped_bytes:
                            raise UnreadableFile(
                                "This workbook unpacks to far more data than it claims. "
                                "It was not opened, for safety."
                            )
            except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as error:
                raise UnreadableFile(
                    "This Excel file is damaged (a part of it does not unpack to what it "
                    "claims) and cannot be opened."
                ) from error


def _heading_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows_to_sheet(name: str, rows: list[list[object]]) -> Sheet:
    """The first non-empty row holds the headings; wholly empty rows after it are skipped.

    Each kept row remembers its spreadsheet row number, so problems point at the row
    the user sees.
    """
    for index, row in enumerate(rows):
        if any(cell not in ("", None) for cell in row):
            headings = [_heading_text(cell) for cell in row]
            body: list[list[object]] = []
            numbers: list[int] = []
            for number, data_row in enumerate(rows[index + 1:], start=index + 2):
                if any(cell not in ("", None) for cell in data_row):
                    body.append([None if cell == "" else cell for cell in data_row])
                    numbers.append(number)
            first = numbers[0] if numbers else index + 2
            contiguous = not numbers or numbers[-1] - first == len(numbers) - 1
            return Sheet(name, headings, body, first, None if contiguous else numbers)
    return Sheet(name, [], [], 2)


def read_workbook(content: bytes, limits: UploadLimits) -> list[Sheet]:
    """Every sheet of an .xlsx, cells as Python values (dates as dates)."""
    _check_workbook_container(content, limits)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as error:  # calamine raises its own error types for damaged files
        raise UnreadableFile("This Excel file is damaged and cannot be opened.") from error
    sheets = []
    rows_left = limits.max_rows
    for name in workbook.sheet_names:
        try:
            data = workbook.get_sheet_by_name(name).to_python(
                skip_empty_area=False, nrows=rows_left + 2
            )
        except Exception as error:  # as above
            raise UnreadableFile(f"The sheet “{name}” is damaged and cannot be read.") from error
        sheet = _rows_to_sheet(name, data)
        rows_left -= len(sheet.rows)
        if rows_left < 0:
            raise UnreadableFile(
                f"The upload has more than {limits.max_rows:,} rows in all, more than any "
                "authority's Annex A return. Check for blank rows with formatting copied "
                "down the sheet, or upload the lists in smaller files."
            )
        sheets.append(sheet)
    workbook.close()
    return sheets


def read_csv(name: str, content: bytes, limits: UploadLimits) -> Sheet:
    """One list as CSV, in UTF-8 (with or without a byte-order mark) or Windows-1252."""
    if content.startswith(XLSX_MAGIC) or content.startswith(OLE_MAGIC):
        raise UnreadableFile("This file is an Excel workbook named as a CSV. Rename it to .xlsx.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise UnreadableFile("This file is not a CSV text file.")
    rows: list[list[object]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append(list(row))
            if len(rows) > limits.max_rows + 1:
                raise UnreadableFile(
                    f"This file has more than {limits.max_rows:,} rows, more than any "
                    "authority's Annex A list."
                )
    except csv.Error as error:
        raise UnreadableFile(f"This CSV file cannot be read: {error}.") from error
    return _rows_to_sheet(PurePath(name).stem, rows)


def read_upload(
    files: list[UploadedFile], limits: UploadLimits
) -> tuple[list[Sheet], list[Problem]]:
    """Sheets from every file, and a plain-words problem for each file that cannot be read."""
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    total = 0
    for uploaded in files:
        suffix = PurePath(uploaded.name).suffix.lower()
        total += len(uploaded.content)
        try:
            if len(uploaded.content) > limits.max_file_bytes or total > limits.max_file_bytes:
                raise UnreadableFile(
                    f"The upload is larger than {_megabytes(limits.max_file_bytes)}. An Annex A "
                    "return is usually a few megabytes: remove other sheets, or upload the "
                    "lists in separate files."
                )
            if not uploaded.content:
                raise UnreadableFile("This file is empty.")
            if suffix == ".xlsx":
                sheets.extend(read_workbook(uploaded.content, limits))
            elif suffix == ".csv":
                sheets.append(read_csv(uploaded.name, uploaded.content, limits))
            else:
                raise UnreadableFile(
                    "Only Excel workbooks (.xlsx) and CSV files (.csv) can be uploaded."
                )
        except UnreadableFile as error:
            problems.append(Problem(ERROR, uploaded.name, None, None, str(error)))
    return sheets, problems
