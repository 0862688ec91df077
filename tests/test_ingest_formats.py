""".xls, .xlsb and .ods uploads (issue 28): read by the same reader as .xlsx, through the
same limits, checks and memory-capped reader processes; read as what their bytes are,
whatever their names say; refused in plain words when encrypted or damaged.

The .xls and .ods files are written here, at test time (xlwt, odfpy). No .xlsb writer is
maintained, so the .xlsb container checks are tried on hand-built zips; reading a real
.xlsb rests on calamine's own support.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from datetime import date
from pathlib import Path

import olefile
import pytest
from sqlalchemy import select

import dashboard.services.ingest as ingest
from dashboard.access import SYSTEM
from dashboard.demo.annex_a import generate_sheets
from dashboard.domain.annex_a import LISTS_BY_KEY
from dashboard.domain.annex_a_checks import Sheet, combine_checks
from dashboard.domain.indicators import IndicatorInputs, compute_indicators
from dashboard.services.ingest import UploadedFile, UploadLimits, read_and_check_upload
from dashboard.services.mi import discard_pending, upload_annex_a
from dashboard.storage.db import session_scope
from dashboard.storage.models import MIIndicatorValue, MISnapshot
from tests.domain.test_annex_a_checks import clean_upload, minimal_row
from tests.workbooks import ods_bytes, xls_bytes, xlsx_bytes

END = date(2026, 10, 31)
CORPUS = Path(__file__).parent / "bad_files"
PASSWORD = "This file is protected with a password."
WRITERS = {".xlsx": xlsx_bytes, ".xls": xls_bytes, ".ods": ods_bytes}


@pytest.fixture(scope="module")
def small() -> list[Sheet]:
    """A small synthetic return: lists 1 to 11 and Workforce, about 2,000 rows."""
    return generate_sheets("small", END, seed=3)


def read(name: str, content: bytes, limits: UploadLimits | None = None):
    return read_and_check_upload([UploadedFile(name, content)], END, limits or UploadLimits())


def figures(name: str, content: bytes) -> dict:
    checks, problems = read(name, content)
    assert problems == []
    result = combine_checks(checks)
    assert result.accepted, result.problems[:3]
    values = compute_indicators(IndicatorInputs(result.lists, END, 10_000))
    return {key: (v.value, v.numerator, v.denominator, v.note) for key, v in values.items()}


def problems_seen(name: str, content: bytes) -> list[tuple]:
    checks, _ = read(name, content)
    return sorted((p.severity, p.sheet, p.row, p.column, p.message)
                  for p in combine_checks(checks).problems)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_an_xls_or_ods_gives_the_same_figures_and_warnings_as_the_same_xlsx(
        small: list[Sheet], suffix: str) -> None:
    xlsx = xlsx_bytes(small)
    other = WRITERS[suffix](small)
    expected = figures("lists.xlsx", xlsx)
    assert any(value[0] for value in expected.values())
    assert figures(f"lists{suffix}", other) == expected
    assert problems_seen(f"lists{suffix}", other) == problems_seen("lists.xlsx", xlsx)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_a_title_row_text_and_date_cells_are_read_as_written(suffix: str) -> None:
    """Reading only: the template's title row above the headings, text and a real date
    cell come back as the .xlsx reader gives them (where the headings are is another
    matter, for the heading detection)."""
    sheets = [Sheet("List 3", ["Child Unique ID", "Date of referral", "Age of Child (Years)"],
                    [["C1", date(2026, 10, 1), 11], ["C2", None, 4.5]])]
    grids = {}
    for kind in (".xlsx", suffix):
        workbook = ingest._open_workbook(WRITERS[kind](sheets, titled=True))
        assert workbook.sheet_names == ["List 3"]
        grid = workbook.get_sheet_by_name("List 3").to_python(skip_empty_area=False)
        grids[kind] = [row + [""] * (3 - len(row)) for row in grid]
    assert grids[suffix][0][0] == "List 3: Annex A list"
    assert grids[suffix][1] == ["Child Unique ID", "Date of referral", "Age of Child (Years)"]
    assert grids[suffix][2] == ["C1", date(2026, 10, 1), 11.0]
    assert grids[suffix][3] == ["C2", "", 4.5]
    assert grids[suffix] == grids[".xlsx"]


@pytest.mark.parametrize(("written", "named"), [
    (".xlsx", "lists.xls"), (".xlsx", "lists.ods"), (".xlsx", "lists.xlsb"),
    (".xls", "lists.xlsx"), (".ods", "lists.xlsx"), (".ods", "lists.xls"),
])
def test_a_workbook_under_another_workbook_name_is_read_as_what_its_bytes_are(
        written: str, named: str) -> None:
    sheets = clean_upload("C1")
    assert figures(named, WRITERS[written](sheets)) == figures(
        f"lists{written}", WRITERS[written](sheets))


def test_a_workbook_named_as_a_csv_is_refused_in_plain_words() -> None:
    for content in (xls_bytes(clean_upload()), ods_bytes(clean_upload())):
        _, problems = read("List 3.csv", content)
        assert [p.message for p in problems] == [
            "This file is an Excel or OpenDocument workbook named as a CSV. Give it the name "
            "it was saved with (ending .xlsx, .xls, .xlsb or .ods) and upload it again."]


@pytest.mark.parametrize("name", ["lists.xlsm", "lists.ots", "lists.xlt", "lists.numbers"])
def test_other_spreadsheet_names_are_refused_before_they_are_opened(name: str) -> None:
    _, problems = read(name, xlsx_bytes(clean_upload()))
    assert [p.message for p in problems] == [
        "Only Excel workbooks (.xlsx, .xls or .xlsb), OpenDocument spreadsheets (.ods) and "
        "CSV files (.csv) can be uploaded."]


# ---------------------------------------------------------------- the same limits and readers


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_the_row_limit_refuses_rows_past_it(suffix: str) -> None:
    rows = [minimal_row(LISTS_BY_KEY["contacts"], f"C{n}") for n in range(30)]
    sheets = clean_upload("C1", contacts=rows)
    checks, problems = read(f"lists{suffix}", WRITERS[suffix](sheets),
                            UploadLimits(max_rows=20))
    assert checks == [] and "more than 20 rows" in problems[0].message


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_an_oversized_file_is_refused_before_it_is_opened(suffix: str, monkeypatch) -> None:
    monkeypatch.setattr(ingest, "_check_workbook_container", None)  # never reached
    _, problems = read(f"lists{suffix}", WRITERS[suffix](clean_upload()),
                       UploadLimits(max_file_bytes=1024))
    assert "larger than" in problems[0].message


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_the_workbook_is_opened_only_in_a_reader_process(suffix: str, monkeypatch) -> None:
    """calamine parses a whole .xls or .ods as it opens it: that must happen under the
    reader's memory cap, never in the server's process."""
    opened_here: list[int] = []
    real_open = ingest._open_workbook

    def recording_open(content: bytes):
        opened_here.append(os.getpid())  # a reader appends to its own copy of the list
        return real_open(content)

    monkeypatch.setattr(ingest, "_open_workbook", recording_open)
    checks, problems = read(f"lists{suffix}", WRITERS[suffix](clean_upload()))
    assert problems == [] and len(checks) == 12
    assert opened_here == []


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_if_the_reader_dies_the_file_is_refused_and_the_server_lives_on(
        suffix: str, monkeypatch) -> None:
    def dying_reader(sender, *_args) -> None:
        os._exit(134)  # as when the reader's memory cap ends it

    monkeypatch.setattr(ingest, "_child_checks", dying_reader)
    _, problems = read(f"lists{suffix}", WRITERS[suffix](clean_upload()))
    assert "could not be read safely" in problems[0].message


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_the_reader_that_opens_the_workbook_has_its_memory_capped(
        suffix: str, monkeypatch) -> None:
    def capped_then_stop(extra: int) -> None:
        raise ingest.UnreadableFile(f"capped at {extra}")

    monkeypatch.setattr(ingest, "_cap_memory", capped_then_stop)
    monkeypatch.setattr(ingest, "_open_workbook", None)  # the cap comes first
    _, problems = read(f"lists{suffix}", WRITERS[suffix](clean_upload()))
    assert [p.message for p in problems] == [f"capped at {ingest.CHILD_MEMORY_BYTES}"]


# ---------------------------------------------------------------- .xlsb: hand-built zips


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


XLSB_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.'
                           b'openxmlformats.org/package/2006/content-types"/>',
    "xl/workbook.bin": b"\x83\x01\x00\x84\x01\x00",
    "xl/_rels/workbook.bin.rels": b'<?xml version="1.0"?><Relationships/>',
}


def test_an_xlsb_passes_the_container_checks_and_goes_to_the_reader() -> None:
    kind, parts = ingest._check_workbook_container(zip_of(XLSB_PARTS), UploadLimits(),
                                                   ".xlsb")
    assert kind == ".xlsb" and set(parts) == set(XLSB_PARTS)
    # not a real workbook.bin: calamine, in the reader, refuses it
    _, problems = read("lists.xlsb", zip_of(XLSB_PARTS))
    assert [p.message for p in problems] == ["This Excel file is damaged and cannot be opened."]


@pytest.mark.parametrize(("extra", "expected"), [
    ({"xl/worksheets/sheet1.bin": b"\0" * (3 << 20)}, "unpacks to more than 2 MB"),
    ({"docProps/app.xml": b'<!DOCTYPE a [<!ENTITY a "x">]><a>&a;</a>'},
     "declares a document type"),
    ({"docProps/app.xml": '<!DOCTYPE a [<!ENTITY a "x">]><a>&a;</a>'.encode("utf-16")},
     "declares a document type"),
    ({f"xl/worksheets/sheet{n}.bin": b"" for n in range(ingest.MAX_ZIP_ENTRIES)},
     "too many parts"),
])
def test_an_xlsb_gets_the_same_zip_defences_as_an_xlsx(extra, expected) -> None:
    content = zip_of({**XLSB_PARTS, **extra})
    _, problems = read("lists.xlsb", content, UploadLimits(max_unzipped_bytes=2 << 20))
    assert len(problems) == 1 and expected in problems[0].message


def test_an_xlsb_part_that_unpacks_past_its_declared_size_is_refused() -> None:
    part = "xl/worksheets/sheet1.bin"
    content = bytearray(zip_of({**XLSB_PARTS, part: b"\0" * 100_000}))
    for info in zipfile.ZipFile(io.BytesIO(bytes(content))).infolist():
        if info.filename == part:  # the local header's uncompressed size
            struct.pack_into("<I", content, info.header_offset + 22, 100)
    central = content.find(b"PK\x01\x02")
    while central >= 0:  # and the central directory's
        if content[central + 46:].startswith(part.encode()):
            struct.pack_into("<I", content, central + 24, 100)
        central = content.find(b"PK\x01\x02", central + 4)
    _, problems = read("lists.xlsb", bytes(content))
    assert "unpacks to more data than it claims" in problems[0].message


@pytest.mark.parametrize("parts", [
    {"xl/workbook.bin": b"x"},  # no [Content_Types].xml
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a/>"},
    {"content.xml": b"<a/>", "mimetype": b"application/vnd.oasis.opendocument.spreadsheet"},
    {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"},  # no content.xml
])
def test_a_zip_without_its_formats_parts_is_no_workbook(parts: dict[str, bytes]) -> None:
    _, problems = read("lists.ods", zip_of(parts))
    assert "zip archive but not an Excel workbook or OpenDocument spreadsheet" in \
        problems[0].message


# ---------------------------------------------------------------- .xls: the OLE2 file


def test_the_compound_file_reader_lists_the_streams_olefile_lists() -> None:
    for content in (xls_bytes(clean_upload()), (CORPUS / "encrypted.xlsx").read_bytes()):
        ours = set(ingest._CompoundFile(content).streams())
        theirs = {path[-1] for path in olefile.OleFileIO(io.BytesIO(content)).listdir()}
        assert ours == theirs


def test_a_directory_chain_that_loops_is_refused_not_followed() -> None:
    content = bytearray(xls_bytes(clean_upload()))
    directory, first_fat = struct.unpack_from("<I", content, 48)[0], struct.unpack_from(
        "<I", content, 76)[0]
    struct.pack_into("<I", content, (first_fat + 1) * 512 + 4 * directory, directory)
    _, problems = read("lists.xls", bytes(content))
    assert [p.message for p in problems] == ["This Excel file is damaged and cannot be opened."]


def test_an_office_file_without_a_workbook_is_refused_in_plain_words() -> None:
    content = xls_bytes(clean_upload()).replace("Workbook".encode("utf-16-le"),
                                                "Document".encode("utf-16-le"))
    _, problems = read("lists.xls", content)
    assert "an Office document but not an Excel workbook" in problems[0].message


def test_an_xls_with_a_zip_workbook_on_its_end_is_refused() -> None:
    """A zip reader looks at a file's end: calamine, failing to read the .xls, could read
    the zip behind it, whose parts were never checked."""
    content = xls_bytes(clean_upload()) + (CORPUS / "zip_bomb.xlsx").read_bytes()
    _, problems = read("lists.xls", content)
    assert [p.message for p in problems] == ["This Excel file is damaged and cannot be opened."]


def test_calamines_own_password_error_gets_the_same_refusal(monkeypatch) -> None:
    class Refusing:
        @staticmethod
        def from_filelike(_file):
            raise ingest.PasswordError("Workbook is password protected")

    monkeypatch.setattr(ingest, "CalamineWorkbook", Refusing)
    with pytest.raises(ingest.UnreadableFile, match=PASSWORD):
        ingest._open_workbook(b"")


def test_an_encrypted_ods_is_told_by_its_manifest_not_its_name() -> None:
    content = (CORPUS / "encrypted.ods").read_bytes()
    for name in ("lists.ods", "lists.xlsx"):
        _, problems = read(name, content)
        assert problems[0].message.startswith(PASSWORD)


# ---------------------------------------------------------------- stored through the service


def stored_figures(snapshot_id: int) -> dict[str, tuple]:
    with session_scope() as session:
        return {row.indicator_id: (row.value, row.numerator, row.denominator, row.note)
                for row in session.scalars(select(MIIndicatorValue).where(
                    MIIndicatorValue.snapshot_id == snapshot_id))}


def test_xls_and_ods_uploads_are_stored_with_the_figures_of_the_same_xlsx(seeded_db) -> None:
    """Bath and North East Somerset (no other test uploads for it): the .xlsx is stored,
    and the same lists as .xls and as .ods wait to replace it with the same figures
    (then are let go)."""
    period = date(2026, 7, 31)
    sheets = generate_sheets("small", period, seed=5)
    stored = {}
    for suffix in (".xlsx", ".xls", ".ods"):
        outcome = upload_annex_a(SYSTEM, "800", period,
                                 [UploadedFile(f"lists{suffix}", WRITERS[suffix](sheets))])
        assert outcome.status == ("stored" if suffix == ".xlsx" else "needs_confirmation"), \
            outcome.problems[:3]
        assert outcome.snapshot_id is not None
        stored[suffix] = stored_figures(outcome.snapshot_id)
        with session_scope() as session:
            snapshot = session.get(MISnapshot, outcome.snapshot_id)
            assert snapshot.source_files == f"1 file ({suffix})"
        if suffix != ".xlsx":
            discard_pending(SYSTEM, outcome.snapshot_id)
    assert len(stored[".xlsx"]) > 20
    assert stored[".xls"] == stored[".xlsx"] and stored[".ods"] == stored[".xlsx"]
