""".xls, .xlsb and .ods uploads (issue 28): read by the same reader as .xlsx, through the
same limits, checks and memory-capped reader processes; read as what their bytes are,
whatever their names say; refused in plain words when encrypted or damaged, except that a
file Excel encrypted with its built-in default password is read, with a note. A hostile
OLE2 file (a looping chain, a stream claiming gigabytes, a sector table without end) ends
a reader process, not the server.

The .xls and .ods files are written here, at test time (xlwt, odfpy). No .xlsb writer is
maintained, so the .xlsb container checks are tried on hand-built zips; reading a real
.xlsb rests on calamine's own support.
"""

from __future__ import annotations

import io
import os
import struct
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from msoffcrypto.format import xls97
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
from tests.workbooks import (
    encrypted_xlsx,
    ods_bytes,
    rc4_encrypted_xls,
    xls_bytes,
    xlsx_bytes,
)

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


SAFELY = ("This workbook could not be read safely: a sheet in it needs far more memory "
          "than its data. Copy the lists into a new workbook and upload that.")


def test_an_ole2_file_is_looked_into_and_decrypted_only_in_a_reader_process(
        small: list[Sheet], monkeypatch) -> None:
    """olefile and msoffcrypto-tool follow what a file's directory and chains claim:
    they must do it under the reader's memory cap and time limit, never in the server."""
    looked_here: list[int] = []
    real_look = ingest._opened_compound_file

    def recording_look(*args):
        looked_here.append(os.getpid())  # a reader appends to its own copy of the list
        return real_look(*args)

    monkeypatch.setattr(ingest, "_opened_compound_file", recording_look)
    content = encrypted_xlsx(xlsx_bytes(small), ingest.EXCEL_DEFAULT_PASSWORD)
    checks, problems = read("lists.xlsx", content)
    assert problems == [] and NOTE_TEXT in notes_of(checks)  # so it was decrypted
    assert looked_here == []


def test_the_reader_that_looks_into_an_ole2_file_has_its_memory_capped(monkeypatch) -> None:
    def capped_then_stop(extra: int) -> None:
        raise ingest.UnreadableFile(f"capped at {extra}")

    monkeypatch.setattr(ingest, "_cap_memory", capped_then_stop)
    monkeypatch.setattr(ingest, "olefile", None)  # the cap comes first
    content = encrypted_xlsx(xlsx_bytes(clean_upload()), ingest.EXCEL_DEFAULT_PASSWORD)
    _, problems = read("lists.xlsx", content)
    assert [p.message for p in problems] == [f"capped at {ingest.CHILD_MEMORY_BYTES}"]


def test_a_directory_chain_that_loops_is_refused_in_a_reader() -> None:
    """calamine follows the loop until its memory runs out: the reader's, capped."""
    _, problems = read("lists.xls", (CORPUS / "fat_loop.xls").read_bytes())
    assert [p.message for p in problems] == [SAFELY]


def test_a_stream_claiming_gigabytes_round_a_looping_chain_is_refused_in_a_reader() -> None:
    """olefile believes the claim and reads the same sectors until the reader's capped
    memory runs out."""
    content = (CORPUS / "oversized_directory_claim.xls").read_bytes()
    _, problems = read("lists.xls", content)
    assert [p.message for p in problems] == [SAFELY]


def test_a_sector_table_without_end_is_refused_when_the_reader_runs_out_of_time(
        monkeypatch) -> None:
    """olefile builds the table of a DIFAT chain that names itself for ever, copying it
    each time: the reader is stopped at its time limit and killed."""
    monkeypatch.setattr(ingest, "HELPER_TIMEOUT_SECONDS", 2)
    started = time.monotonic()
    _, problems = read("lists.xls", (CORPUS / "difat_loop.xls").read_bytes())
    assert [p.message for p in problems] == [SAFELY]
    assert time.monotonic() - started < 20  # the limit, then 5 s to end the reader


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


# ---------------------------------------------------------------- Excel's default password


NOTE_TEXT = ("This file was protected with Excel's built-in default password, which opens "
             "without asking; it was read as it is.")
PROTECTED = {
    ".xlsx": lambda sheets, password: encrypted_xlsx(xlsx_bytes(sheets), password),
    ".xls": lambda sheets, password: rc4_encrypted_xls(xls_bytes(sheets), password),
}


def notes_of(checks) -> list[str]:
    return [p.message for p in combine_checks(checks).notes]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_a_file_excel_protected_with_its_default_password_is_read_with_a_note(
        small: list[Sheet], suffix: str) -> None:
    plain = WRITERS[suffix](small)
    protected = PROTECTED[suffix](small, ingest.EXCEL_DEFAULT_PASSWORD)
    assert ingest.OLE_MAGIC == protected[:8] and protected != plain
    assert figures(f"lists{suffix}", protected) == figures(f"lists{suffix}", plain)
    checks, _ = read(f"lists{suffix}", protected)
    assert [(p.severity, p.sheet, p.message) for p in combine_checks(checks).notes
            if p.message == NOTE_TEXT] == [("note", f"lists{suffix}", NOTE_TEXT)]
    seen = problems_seen(f"lists{suffix}", protected)
    seen.remove(("note", f"lists{suffix}", None, None, NOTE_TEXT))
    assert seen == problems_seen(f"lists{suffix}", plain)


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_a_file_with_a_password_of_its_own_is_refused(suffix: str) -> None:
    protected = PROTECTED[suffix](clean_upload(), "not the default")
    checks, problems = read(f"lists{suffix}", protected)
    assert checks == [] and [p.message for p in problems] == [
        "This file is protected with a password. Open it, remove the password (in Excel: "
        "File > Info > Protect Workbook > Encrypt with Password, and clear it), save it "
        "and upload it again."]


def test_the_decrypted_size_counts_against_the_unpacked_limit(small: list[Sheet]) -> None:
    plain = xlsx_bytes(small)
    unpacked = sum(entry.file_size for entry in zipfile.ZipFile(io.BytesIO(plain)).infolist())
    protected = encrypted_xlsx(plain, ingest.EXCEL_DEFAULT_PASSWORD)
    enough = UploadLimits(max_unzipped_bytes=unpacked + len(plain))
    short = UploadLimits(max_unzipped_bytes=unpacked + len(plain) - 1)
    assert read("lists.xlsx", plain, short)[1] == []
    assert read("lists.xlsx", protected, enough)[1] == []
    _, problems = read("lists.xlsx", protected, short)
    assert "This workbook unpacks to more than" in problems[0].message


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_a_decrypted_file_larger_than_an_upload_may_be_is_refused(
        suffix: str, monkeypatch) -> None:
    """A file decrypts to no more than it holds, so no upload within the limit trips
    this; it stands in case that ever changes. Called here, in this process, with a
    limit just below what the file decrypts to."""
    monkeypatch.setattr(xls97, "tempfile", xls97.tempfile)  # put back what the call changes
    plain = WRITERS[suffix](clean_upload())
    protected = PROTECTED[suffix](clean_upload(), ingest.EXCEL_DEFAULT_PASSWORD)
    decrypted = ingest._opened_compound_file(protected, UploadLimits(), True)
    with pytest.raises(ingest.UnreadableFile, match="opened, is larger than"):
        ingest._opened_compound_file(
            protected, UploadLimits(max_file_bytes=len(decrypted) - 1), True)
    assert ingest._opened_compound_file(
        protected, UploadLimits(max_file_bytes=len(decrypted)), True) == decrypted
    assert decrypted[:8] == plain[:8]  # an .xlsx comes out a zip, an .xls an OLE2 file


def test_a_decrypted_xls_is_never_written_to_disk(monkeypatch) -> None:
    """msoffcrypto-tool writes a decrypted .xls through a temporary file; the reader sends
    it to memory instead (the reader inherits this stand-in)."""
    def no_disk(*_args, **_kwargs):
        raise OSError("a temporary file on disk")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_disk)
    content = rc4_encrypted_xls(xls_bytes(clean_upload()), ingest.EXCEL_DEFAULT_PASSWORD)
    checks, problems = read("lists.xls", content)
    assert problems == [] and NOTE_TEXT in notes_of(checks)


def test_an_excel_95_workbook_with_a_filepass_is_refused(monkeypatch) -> None:
    """Excel 5 and 95 keep the workbook in a stream named "Book"; msoffcrypto-tool does
    not decrypt those, so whatever the password, the file is refused."""
    content = bytearray((CORPUS / "encrypted_xor.xls").read_bytes())
    entry = content.index("Workbook\0".encode("utf-16-le"))
    content[entry:entry + 64] = "Book\0".encode("utf-16-le").ljust(64, b"\0")
    struct.pack_into("<H", content, entry + 64, len("Book\0") * 2)
    monkeypatch.setattr(ingest, "_decrypted", None)  # never tried
    _, problems = read("lists.xls", bytes(content))
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


def test_through_the_service_excels_default_password_is_stored_with_its_note_and_another_password_stores_nothing(  # noqa: E501
        seeded_db) -> None:
    """Sefton (no other test uploads for it): the return encrypted with another
    password is refused and nothing is stored; with Excel's default password it is
    stored, the note among its problems; the same return unencrypted then waits to
    replace it with the same figures (and is let go)."""
    period = date(2026, 7, 31)
    sheets = generate_sheets("small", period, seed=5)
    with session_scope() as session:
        before = len(session.scalars(select(MISnapshot)).all())
    refused = upload_annex_a(SYSTEM, "343", period, [UploadedFile(
        "lists.xlsx", encrypted_xlsx(xlsx_bytes(sheets), "not the default"))])
    assert refused.status == "refused" and refused.snapshot_id is None
    assert [p.message for p in refused.problems] == [
        "This file is protected with a password. Open it, remove the password (in Excel: "
        "File > Info > Protect Workbook > Encrypt with Password, and clear it), save it "
        "and upload it again."]
    with session_scope() as session:
        assert len(session.scalars(select(MISnapshot)).all()) == before
    stored = upload_annex_a(SYSTEM, "343", period, [UploadedFile(
        "lists.xlsx", encrypted_xlsx(xlsx_bytes(sheets), ingest.EXCEL_DEFAULT_PASSWORD))])
    assert stored.status == "stored", stored.problems[:3]
    assert [(p.severity, p.sheet) for p in stored.problems if p.message == NOTE_TEXT] == [
        ("note", "lists.xlsx")]
    plain = upload_annex_a(SYSTEM, "343", period, [UploadedFile("lists.xlsx",
                                                                xlsx_bytes(sheets))])
    assert plain.status == "needs_confirmation" and plain.snapshot_id is not None
    assert NOTE_TEXT not in [p.message for p in plain.problems]
    assert len(stored_figures(stored.snapshot_id)) > 20
    assert stored_figures(plain.snapshot_id) == stored_figures(stored.snapshot_id)
    discard_pending(SYSTEM, plain.snapshot_id)
