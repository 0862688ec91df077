"""Reading untrusted uploads: the bad-file corpus, bombs, limits and formula injection."""

import io
import re
import struct
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dashboard.domain.annex_a_checks import ERROR, CheckResult, combine_checks
from dashboard.services.exports import neutralise_formula, workbook_bytes
from dashboard.services.ingest import (
    UnreadableFile,
    UploadedFile,
    UploadLimits,
    _DeclarationSearch,
    _parse_xml,
    read_and_check_upload,
)

CORPUS = Path(__file__).parent / "bad_files"
END = date(2026, 10, 31)


def read_bytes(name: str, content: bytes, limits: UploadLimits | None = None):
    """What the upload service gets: every sheet checked, and the files it could not read."""
    return read_and_check_upload([UploadedFile(name, content)], END, limits or UploadLimits())


def read(name: str, limits: UploadLimits | None = None, as_name: str | None = None):
    return read_bytes(as_name or name, (CORPUS / name).read_bytes(), limits)


def check(name: str, **kwargs) -> CheckResult:
    checks, problems = read(name, **kwargs)
    assert problems == []
    return combine_checks(checks)


PASSWORD = ("This file is protected with a password. Open it, remove the password (in Excel: "
            "File > Info > Protect Workbook > Encrypt with Password, and clear it), save it "
            "and upload it again.")


def messages(problems) -> str:
    return " | ".join(p.message for p in problems)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.csv", "This file is empty."),
        ("not_a_workbook.xlsx", "zip archive but not an Excel workbook"),
        ("not_a_zip.xlsx", "not an Excel workbook (.xlsx)"),
        ("old_format.xls", "This Excel file is damaged and cannot be opened."),
        ("text_file.xls", "not an Excel 97-2003 workbook (.xls), although it is named as one"),
        ("xml_bomb.xlsx", "declares a document type"),
        ("xml_bomb_utf16le_workbook.xlsx", "declares a document type"),
        ("xml_bomb_utf16be_workbook.xlsx", "declares a document type"),
        ("xml_bomb_utf16_sheet.xlsx", "declares a document type"),
        ("zip_bomb.xlsx", "unpacks to more than"),
        ("understated_sizes.xlsx", "unpacks to more data than it claims"),
        ("sparse_grid.xlsx", "spans 1,048,576 rows and 16,384 columns"),
        ("sparse_grid_no_dimension.xlsx", "could not be read safely"),
        ("xml_bomb.ods", "declares a document type"),
        ("zip_bomb.ods", "unpacks to more than"),
        ("zip_bomb.xlsb", "unpacks to more than"),
        ("encrypted.xlsx", PASSWORD),
        ("encrypted.xls", PASSWORD),
        ("encrypted_xor.xls", PASSWORD),
        ("encrypted.ods", PASSWORD),
    ],
)
def test_files_that_cannot_be_read_safely_are_refused_in_plain_words(name, expected) -> None:
    checks, problems = read(name)
    assert checks == []
    assert [p.severity for p in problems] == [ERROR]
    assert problems[0].sheet == name and expected in problems[0].message


DOCTYPE = '<!DOCTYPE workbook [<!ENTITY a "lol">]>'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("chunk", [1, 3, 4096])
def test_a_declaration_is_found_in_any_encoding_and_across_chunk_edges(encoding,
                                                                       chunk) -> None:
    """Without a byte-order mark too: the first "<" tells UTF-16 and UTF-32 apart."""
    part = f'<?xml version="1.0"?>{DOCTYPE}<workbook>&a;</workbook>'.encode(encoding)
    search = _DeclarationSearch()
    with pytest.raises(UnreadableFile, match="declares a document type"):
        for start in range(0, len(part), chunk):
            search.feed(part[start:start + chunk])
        search.close()


@pytest.mark.parametrize("part", ['<workbook xmlns="x"><sheets/></workbook>', "<a/>", "",
                                  "<!-- a comment -->"])
def test_ordinary_parts_pass_the_declaration_search(part) -> None:
    for encoding in ("utf-8", "utf-16", "utf-32"):
        search = _DeclarationSearch()
        search.feed(part.encode(encoding))
        search.close()


@pytest.mark.parametrize("name", ["xml_bomb_utf16le_workbook.xlsx",
                                  "xml_bomb_utf16be_workbook.xlsx"])
def test_workbook_xml_is_parsed_with_a_parser_that_refuses_declarations_itself(
    name, monkeypatch
) -> None:
    """The search is a cheap first look; the parser of workbook.xml refuses on its own."""
    monkeypatch.setattr(_DeclarationSearch, "_search", lambda self, chunk: None)
    _, problems = read(name)
    assert [p.message for p in problems] == [
        "This workbook contains XML that declares a document type, which Excel never "
        "writes. It was not opened, for safety."]


@pytest.mark.parametrize("xml", [
    f"{DOCTYPE}<workbook/>",
    '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Relationships>&x;</Relationships>',
    "<!DOCTYPE workbook><workbook/>",
])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_the_xml_parser_refuses_document_types_and_entities(xml, encoding) -> None:
    with pytest.raises(UnreadableFile, match="declares a document type"):
        _parse_xml(("\ufeff" if encoding != "utf-8" else "").encode(encoding)
                   + xml.encode(encoding))


def test_an_xls_renamed_to_xlsx_is_read_as_the_xls_it_is() -> None:
    """Its bytes decide: this one is an OLE2 signature and nothing else, a damaged .xls,
    whatever it is named."""
    _, problems = read("old_format.xls", as_name="lists.xlsx")
    assert [p.message for p in problems] == ["This Excel file is damaged and cannot be opened."]


def test_a_zip_whose_headers_understate_its_size_is_refused() -> None:
    """A bomb that lies: the declared size is tiny but the data unpacks to 50 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (50 << 20))
    content = bytearray(buffer.getvalue())
    for info in zipfile.ZipFile(io.BytesIO(bytes(content))).infolist():
        if info.filename.endswith("sheet1.xml"):
            local = info.header_offset
            struct.pack_into("<I", content, local + 22, 1000)  # local header: uncompressed
            central = content.rfind(b"PK\x01\x02" + content[local + 4:local + 6])
            struct.pack_into("<I", content, central + 24, 1000)  # central directory
    _, problems = read_bytes("liar.xlsx", bytes(content))
    assert problems and ("damaged" in problems[0].message or "far more" in problems[0].message)


def test_an_oversized_upload_is_refused_before_it_is_opened() -> None:
    _, problems = read("missing_sheets.xlsx", UploadLimits(max_file_bytes=1024))
    assert "larger than" in problems[0].message


def test_too_many_rows_are_refused_while_reading() -> None:
    rows = "\r\n".join(f"C{i},M" for i in range(50))
    content = ("Child Unique ID,Gender\r\n" + rows).encode()
    _, problems = read_bytes("list 1.csv", content, UploadLimits(max_rows=10))
    assert "more than 10 rows" in problems[0].message


def test_a_sheet_with_thousands_of_columns_is_refused_at_once() -> None:
    headings = ",".join(f"column {number}" for number in range(80_000))
    _, problems = read_bytes("List 8.csv", (headings + "\r\n").encode())
    assert "80,000 column headings" in problems[0].message


@pytest.mark.parametrize(
    ("name", "sheet", "row", "column", "expected"),
    [
        ("text_in_dates.csv", "text_in_dates", 2, "Date of referral",
         "This is not a date; write dates as 31/01/2025."),
        ("impossible_dates.csv", "impossible_dates", 2, "Date of referral",
         "This is not a real date"),
    ],
)
def test_bad_cells_are_reported_by_sheet_row_and_column(name, sheet, row, column,
                                                        expected) -> None:
    result = check(name)
    assert not result.accepted
    assert any((p.sheet, p.row, p.column) == (sheet, row, column) and expected in p.message
               for p in result.problems), messages(result.problems)


def test_two_referrals_for_one_child_are_two_rows_of_list_3_not_a_problem() -> None:
    """The template's Guidance: every referral in six months, "children may appear
    multiple times on this list if they have received multiple referrals"."""
    result = check("duplicate_children.csv")
    assert not any(p.sheet == "duplicate_children" and p.row == 4 for p in result.problems)
    assert len(result.lists["referrals"]) == 3


def test_wrong_headings_are_not_taken_for_a_list() -> None:
    result = check("wrong_headings.csv")
    assert any("not one of the Annex A lists" in p.message for p in result.problems)
    assert not result.accepted


def test_a_workbook_without_most_lists_names_each_missing_list() -> None:
    result = check("missing_sheets.xlsx")
    text = messages(result.problems)
    for number in (1, 2, 4, 5, 6, 7, 8, 9, 10):
        assert f"List {number}:" in text
    assert "List 3:" not in text.replace("List 3: Referrals is missing", "")


def test_an_empty_workbook_is_refused() -> None:
    assert not check("empty.xlsx").accepted


def test_workbook_rows_keep_their_spreadsheet_numbers_past_blank_rows() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "List 3"
    sheet.append([])
    sheet.append(["Child Unique ID", "Date of referral"])
    sheet.append(["C1", date(2026, 10, 1)])
    sheet.append([])
    sheet.append(["C2", "not a date"])
    buffer = io.BytesIO()
    book.save(buffer)
    checks, _ = read_bytes("lists.xlsx", buffer.getvalue())
    result = combine_checks(checks)
    bad = [p for p in result.problems if p.column == "Date of referral" and p.row]
    assert [(p.sheet, p.row) for p in bad] == [("List 3", 5)]
    assert result.lists["referrals"].columns["referral_date"][0] == date(2026, 10, 1)


@pytest.mark.parametrize("keep_dimension", [True, False])
def test_rows_past_the_row_limit_are_refused_not_dropped(keep_dimension: bool) -> None:
    """Blank rows count towards what the reader must go through: data after a long run
    of them is never silently left out."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "List 1"
    sheet.append(["Child Unique ID", "Date of Contact"])
    for number in range(5):
        sheet.append([f"A{number}", date(2026, 10, 1)])
    for _ in range(20):
        sheet.append([])
    for number in range(5):
        sheet.append([f"B{number}", date(2026, 10, 1)])
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue() if keep_dimension else without_dimension(buffer.getvalue())
    checks, problems = read_bytes("lists.xlsx", content, UploadLimits(max_rows=10))
    assert checks == [] and "more than 10 rows" in problems[0].message


def without_dimension(content: bytes) -> bytes:
    """The workbook with its sheets' <dimension> removed, as some tools write them."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
            target.writestr(name, data)
    return buffer.getvalue()


def test_formula_injection_is_neutralised_in_every_excel_file_we_write() -> None:
    result = check("formula_injection.csv", as_name='=HYPERLINK("x")+1.csv')
    rows = [[p.severity, p.sheet, p.row, p.column, p.message] for p in result.problems]
    assert any(str(row[1]).startswith("=") for row in rows)
    content = workbook_bytes("Problems", ["Severity", "Sheet", "Row", "Column", "Problem"], rows)
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert any(cell.value == "'" + '=HYPERLINK("x")+1' for cell in cells)


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\uff1d1"])
def test_neutralise_formula_makes_formula_triggers_text(text) -> None:
    assert neutralise_formula(text) == "'" + text


def test_neutralise_formula_leaves_ordinary_values_alone() -> None:
    assert neutralise_formula("Team A") == "Team A" and neutralise_formula(-1) == -1
