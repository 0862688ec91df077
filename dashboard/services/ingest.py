"""Reading uploaded Annex A files safely, into sheets of rows for the checks.

Uploads are untrusted. A workbook may be an .xlsx, an .xlsb or an .ods (each a zip) or an
old .xls (an OLE2 compound file); its name says what it should be, its bytes decide what
it is read as, and bytes that are no workbook we read are refused in plain words. Before
any parsing a zip workbook must hold its format's parts, be small enough, and every part
of it must inflate, here, to exactly what its header declares, within a total limit: that
stops zip bombs, including ones whose headers lie. Parts that declare an XML document
type or entity are refused, whatever their encoding (UTF-16 and UTF-32 parts are decoded
before the search), which stops entity-expansion ("billion laughs") bombs; the reader,
calamine, does not expand entities either, and the XML parts this module parses itself go
through defusedxml, which refuses document types, entities and external references on its
own. An OLE2 file (an .xls, or an encrypted workbook) gets the size limit, then is looked
into with olefile and msoffcrypto-tool in a reader process (below), since they follow what
its directory and sector chains claim: one with no workbook inside is refused; one that
Excel encrypted with its built-in default password ("VelvetSweatshop": a protected
structure or write protection, which Excel opens without asking) is decrypted there and
its plain bytes go through every check here as any upload's, the decrypted size counting
against the unpacked limit, with a note for the file; one encrypted with any other
password is refused in plain words before calamine sees it (calamine, reading bytes,
says only that it cannot tell the format). No OLE2 structure is parsed here by hand.

Sheets of an .xlsx that claim more rows or columns than a list can have are refused
before parsing (their ``<dimension>``). An .xls, .xlsb or .ods has no such claim to check
first, and calamine parses a whole .xls or .ods as it opens it: those are opened and read
only in a forked reader, where calamine's row limit (``nrows``) and the reader's capped
memory are what stop a sheet built to exhaust memory. All sheets, and every OLE2 file, are
parsed only in forked reader processes (plain os.fork, so also inside a Celery worker)
with capped memory and a time limit, so such a file ends a reader, not the server.
Row limits are applied while reading, and rows beyond them refuse the upload.
"""

from __future__ import annotations

import codecs
import csv
import faulthandler
import gc
import io
import logging
import os
import re
import resource
import select
import signal
import struct
import time
import zipfile
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from multiprocessing.connection import Connection
from pathlib import PurePath
from types import SimpleNamespace
from typing import Any, TypeVar
from xml.etree.ElementTree import ParseError

import olefile
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from msoffcrypto.format import xls97
from msoffcrypto.format.ooxml import OOXMLFile
from msoffcrypto.format.xls97 import Xls97File, _BIFFStream
from python_calamine import CalamineWorkbook, PasswordError

from dashboard.domain.annex_a import HEADING_SEARCH_ROWS, Kind, heading_row
from dashboard.domain.annex_a_checks import (
    ERROR,
    EXCEL_PROTECTION,
    NOTE,
    CheckResult,
    LocalCodes,
    Problem,
    Sheet,
    SheetCheck,
    check_sheet,
)
from dashboard.domain.indicators import keep_what_the_figures_need

log = logging.getLogger(__name__)
T = TypeVar("T")

#: How long a reader process may take over its share of a workbook.
HELPER_TIMEOUT_SECONDS = 120
#: How much memory a reader process may take on top of what it starts with.
CHILD_MEMORY_BYTES = 2 * 1024 * 1024 * 1024

XLSX_MAGIC = b"PK\x03\x04"  # any zip: .xlsx, .xlsb and .ods
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: .xls, or encrypted
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: The workbooks we read, as messages name them. The name's suffix says which one a file
#: should be; its bytes decide which one it is read as.
WORKBOOK_KINDS = {
    ".xlsx": "an Excel workbook (.xlsx)",
    ".xls": "an Excel 97-2003 workbook (.xls)",
    ".xlsb": "an Excel binary workbook (.xlsb)",
    ".ods": "an OpenDocument spreadsheet (.ods)",
}
MAX_ZIP_ENTRIES = 2000
#: No Annex A list has more than about 40 columns; allow for extra local columns.
MAX_COLUMNS = 500
_CHUNK = 1 << 20


@dataclass(frozen=True)
class UploadLimits:
    max_file_bytes: int = 30 * 1024 * 1024
    max_unzipped_bytes: int = 400 * 1024 * 1024
    max_rows: int = 400_000
    #: Workbooks whose sheets unpack to at least this are read in two processes.
    parallel_from_bytes: int = 16 * 1024 * 1024


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def safe_file_name(name: str) -> str:
    """The base name a person would recognise, whatever the browser sent: no folders
    (either separator), no control characters, at most 200 characters. The name is only
    ever shown back in messages; nothing is written under it."""
    base = re.split(r"[\\/]", str(name))[-1]
    base = _CONTROL_CHARACTERS.sub("", base).strip()[:200]
    return base if base not in ("", ".", "..") else "unnamed file"


@dataclass(frozen=True)
class UploadedFile:
    name: str
    content: bytes

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", safe_file_name(self.name))


class UnreadableFile(Exception):
    """A file that cannot be read at all; the message is for the user, in plain words."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


_LOCAL_HEADER = struct.Struct("<4s5H3I2H")
_DIMENSION = re.compile(rb"<dimension\s+ref=\"[A-Z]*\d*:?([A-Z]+)(\d+)\"")


def _unpack_part(content: bytes, entry: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """The part's data, decompressed here with a cap, whatever its headers claim.

    Python's zipfile stops at the declared size, so a part whose header understates
    it would pass unseen; this reads the raw stream and refuses a part that goes on
    past its declared size or does not end where it should.
    """
    header = _LOCAL_HEADER.unpack_from(content, entry.header_offset)
    if header[0] != b"PK\x03\x04":
        raise UnreadableFile("This Excel file is damaged and cannot be opened.")
    start = entry.header_offset + _LOCAL_HEADER.size + header[9] + header[10]
    raw = memoryview(content)[start:start + entry.compress_size]
    if entry.compress_type == zipfile.ZIP_STORED:
        if len(raw) != entry.file_size or entry.file_size > budget:
            raise UnreadableFile("This Excel file is damaged and cannot be opened.")
        yield bytes(raw)
        return
    if entry.compress_type != zipfile.ZIP_DEFLATED:
        raise UnreadableFile(
            "This workbook is packed in a way Excel does not use. Open it in Excel and save "
            "it again as an Excel Workbook (.xlsx)."
        )
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    allowed = min(entry.file_size, budget)
    for offset in range(0, len(raw), _CHUNK):
        chunk = inflater.decompress(raw[offset:offset + _CHUNK], allowed - produced + 1)
        produced += len(chunk)
        if produced > allowed or inflater.unconsumed_tail:
            raise UnreadableFile(
                "This workbook unpacks to more data than it claims. It was not opened, "
                "for safety."
            )
        yield chunk
    if not inflater.eof or produced != entry.file_size:
        raise UnreadableFile(
            "This Excel file is damaged (a part of it does not unpack to what it claims) "
            "and cannot be opened."
        )


@dataclass(frozen=True)
class _Part:
    """A checked zip part: its unpacked size, and for a worksheet the rows it claims."""

    size: int
    rows: int = 0


def _check_workbook_container(content: bytes, limits: UploadLimits, suffix: str = ".xlsx"
                              ) -> tuple[str, dict[str, _Part]]:
    """Refuse anything but a genuine, honest, reasonably sized workbook; say which kind.

    ``suffix`` is what the file's name says it is; the bytes decide what it is read as
    (".xlsx", ".xlsb", ".ods" or ".xls"). For a zip, returns every part's size, and for an
    .xlsx the rows each worksheet part says it spans (its ``<dimension>``): sheets claiming
    far more rows or columns than an Annex A list can have are refused here, before the
    reader builds their grid in memory. An .xlsb or .ods has no such claim; an .xls is no
    zip (its size was checked with the upload's). Those rely on the reader's row limit and
    capped memory.
    """
    if content.startswith(OLE_MAGIC):
        # looked into (and decrypted, if Excel's default password opens it) in a reader;
        # here only what calamine could read instead: a zip workbook on its end, whose
        # parts would not have been checked
        if _zip_workbook_inside(content):
            raise _damaged()
        return ".xls", {}
    if not content.startswith(XLSX_MAGIC):
        raise UnreadableFile(
            f"This file is not {WORKBOOK_KINDS.get(suffix, WORKBOOK_KINDS['.xlsx'])}, "
            "although it is named as one."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError) as error:
        raise UnreadableFile("This Excel file is damaged and cannot be opened.") from error
    with archive:
        entries = archive.infolist()
    kind = _zip_workbook_kind(content, entries)
    if kind is None:
        raise UnreadableFile(
            "This file is a zip archive but not an Excel workbook or OpenDocument "
            "spreadsheet: it has no workbook inside. Save the lists from Excel as .xlsx."
        )
    if len(entries) > MAX_ZIP_ENTRIES:
        raise UnreadableFile("This workbook has too many parts to be an Annex A return.")
    if sum(entry.file_size for entry in entries) > limits.max_unzipped_bytes:
        raise UnreadableFile(
            f"This workbook unpacks to more than {_megabytes(limits.max_unzipped_bytes)}, "
            "which is far more than an Annex A return needs. Split it into one file per "
            "list."
        )
    budget = limits.max_unzipped_bytes
    parts: dict[str, _Part] = {}
    for entry in entries:
        head = b""
        search = _DeclarationSearch()
        try:
            for chunk in _unpack_part(content, entry, budget):
                budget -= len(chunk)
                search.feed(chunk)
                if len(head) < 4096:
                    head += chunk[:4096]
            search.close()
        except (struct.error, zlib.error, ValueError) as error:
            raise UnreadableFile("This Excel file is damaged and cannot be opened.") from error
        rows = 0
        is_sheet = kind == ".xlsx" and entry.filename.startswith("xl/worksheets/")
        dimension = _DIMENSION.search(head) if is_sheet else None
        if dimension:
            columns = _column_number(dimension.group(1).decode())
            rows = int(dimension.group(2))
            if columns > MAX_COLUMNS:
                raise UnreadableFile(
                    f"A sheet in this workbook spans {rows:,} rows and {columns:,} columns, "
                    "far more than an Annex A list. This usually means formatting was copied "
                    "across whole rows: copy the lists into a new workbook and upload that."
                )
            if rows > limits.max_rows + 1:
                raise _too_many_rows(limits)
        parts[entry.filename] = _Part(entry.file_size, rows)
    if kind == ".ods" and _ods_is_encrypted(content):
        raise _password_protected()
    return kind, parts


def _zip_workbook_kind(content: bytes, entries: list[zipfile.ZipInfo]) -> str | None:
    """Which workbook a zip is, by the parts its format requires; None if none.

    Checked in the order calamine tries them (.xlsx, .xlsb, .ods), so calamine reads the
    file as the kind whose defences were applied here.
    """
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return ".xlsx"
    if "[Content_Types].xml" in names and "xl/workbook.bin" in names:
        return ".xlsb"
    first = entries[0] if entries else None
    if (first is None or first.filename != "mimetype" or "content.xml" not in names
            or first.file_size > len(ODS_MIMETYPE) + 2):
        return None
    try:
        mimetype = b"".join(_unpack_part(content, first, len(ODS_MIMETYPE) + 2))
    except (struct.error, zlib.error, ValueError) as error:
        raise UnreadableFile("This file is damaged and cannot be opened.") from error
    return ".ods" if mimetype.strip() == ODS_MIMETYPE else None


_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"


def _ods_is_encrypted(content: bytes) -> bool:
    """Whether an .ods says, in its manifest, that its parts are encrypted (a password).

    Called after every part was inflated and searched; parsed with defusedxml all the
    same. Without a readable manifest calamine refuses the file itself.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            manifest = _parse_xml(archive.read("META-INF/manifest.xml"))
    except (KeyError, zipfile.BadZipFile, ParseError):
        return False
    return any(True for _ in manifest.iter(f"{_MANIFEST}encryption-data"))


def _password_protected() -> UnreadableFile:
    return UnreadableFile(
        "This file is protected with a password. Open it, remove the password (in Excel: "
        "File > Info > Protect Workbook > Encrypt with Password, and clear it), save it and "
        "upload it again."
    )


def _damaged() -> UnreadableFile:
    return UnreadableFile("This Excel file is damaged and cannot be opened.")


#: An .xls keeps its workbook in one of these streams (olefile finds names whatever their
#: case): "Workbook" from Excel 97 on (BIFF8), "Book" in Excel 5 and 95 (BIFF5).
_WORKBOOK_STREAMS = ("Workbook", "Book")
_FILEPASS = 0x002F  # MS-XLS 2.4.117: the records after it are encrypted
#: The password Excel encrypts with when the user gave none: an .xls whose structure is
#: protected or that is write-protected, and some write-protected .xlsx (published in
#: Microsoft's MS-XLS and MS-OFFCRYPTO). Excel opens such a file without asking.
EXCEL_DEFAULT_PASSWORD = "VelvetSweatshop"  # noqa: S105 - published, not a secret
EXCEL_PROTECTION_NOTE = (
    "This file was protected with Excel's built-in default password, which opens without "
    "asking; it was read as it is."
)


def _opened_compound_file(content: bytes, limits: UploadLimits, may_decrypt: bool
                          ) -> bytes | None:
    """Runs in a reader: what an OLE2 file is. None for an .xls that is not encrypted; the
    plain bytes of a file Excel encrypted with its built-in default password; refused
    if it is encrypted with any other password, holds no workbook or is damaged.

    An encrypted .xlsx or .xlsb is an OLE2 file holding "EncryptionInfo" and
    "EncryptedPackage"; an encrypted .xls has a FILEPASS record among its workbook's
    first records (their headers stay in clear). calamine, reading bytes, says of each
    only that it cannot tell the format. olefile and msoffcrypto-tool read the file here;
    they follow what its directory and sector chains claim (a chain that loops, a
    stream that claims gigabytes) further than a server may, which is why this runs in
    a reader process, with its memory capped and its time limited. ``may_decrypt`` is
    False for bytes that were themselves decrypted: a file is opened once, no more.
    """
    try:
        with olefile.OleFileIO(io.BytesIO(content)) as ole:
            if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                protected: type[OOXMLFile | Xls97File] = OOXMLFile
            else:
                name = next((name for name in _WORKBOOK_STREAMS if ole.exists(name)), None)
                if name is None:
                    raise UnreadableFile(
                        "This file is an Office document but not an Excel workbook: it has "
                        "no workbook inside. Save the lists from Excel as .xlsx and upload "
                        "that."
                    )
                # msoffcrypto's own record walk, through the workbook's first substream:
                # its public is_encrypted() reads FILEPASS as Excel 97 writes it and says
                # False for an Excel 95 one (or a kind it does not know), which must be
                # refused all the same
                if not _BIFFStream(ole.openstream(name)).has_record(_FILEPASS):
                    return None
                if not ole.exists("Workbook"):  # Excel 95: msoffcrypto decrypts Excel 97 on
                    raise _password_protected()
                protected = Xls97File
    except (UnreadableFile, MemoryError):
        raise
    except Exception as error:  # olefile and msoffcrypto raise many kinds on damaged files
        raise _damaged() from error
    if not may_decrypt:
        raise _password_protected()
    return _decrypted(protected, content, limits)


def _decrypted(protected: type[OOXMLFile | Xls97File], content: bytes,
               limits: UploadLimits) -> bytes:
    """The file decrypted with Excel's built-in default password, at most as large as an
    upload may be; refused as protected with a password if that is not its password."""
    # msoffcrypto writes a decrypted .xls through tempfile.TemporaryFile, a file on disk;
    # in this reader process it writes to memory instead, so that no child's data
    # reaches the disk
    xls97.tempfile = SimpleNamespace(TemporaryFile=io.BytesIO)  # type: ignore[attr-defined]
    plain = _CappedBuffer(min(limits.max_file_bytes, limits.max_unzipped_bytes))
    try:
        office = protected(io.BytesIO(content))
        if isinstance(office, OOXMLFile):
            office.load_key(password=EXCEL_DEFAULT_PASSWORD, verify_password=True)
        else:  # Xls97File checks the password against the file's verifier itself
            office.load_key(password=EXCEL_DEFAULT_PASSWORD)
        office.decrypt(plain)
    except (UnreadableFile, MemoryError):
        raise
    except Exception as error:  # another password, or a method msoffcrypto does not know
        raise _password_protected() from error
    return plain.getvalue()


class _CappedBuffer(io.BytesIO):
    """Memory to decrypt into, refusing the file as soon as it grows past ``limit``."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self._limit:
            raise UnreadableFile(
                "This file is protected with Excel's built-in default password and, "
                f"opened, is larger than {_megabytes(self._limit)}. An Annex A return is "
                "usually a few megabytes: remove other sheets, or upload the lists in "
                "separate files."
            )
        return super().write(data)


def _default_password_note(name: str) -> SheetCheck:
    """The note that a file was opened with Excel's default password, carried as a sheet
    of its own with no list, so that it reaches the upload's problems with the rest."""
    result = CheckResult()
    result.add(NOTE, name, None, None, EXCEL_PROTECTION_NOTE, EXCEL_PROTECTION)
    return SheetCheck(name, None, None, result)


def _zip_workbook_inside(content: bytes) -> bool:
    """Whether a zip reader (which looks at a file's end) finds a workbook in it."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except Exception:  # zipfile raises several kinds for what is not a zip
        return False
    return bool(names & {"xl/workbook.xml", "xl/workbook.bin", "content.xml"})


def _declares_document_type() -> UnreadableFile:
    return UnreadableFile(
        "This workbook contains XML that declares a document type, which Excel never "
        "writes. It was not opened, for safety."
    )


_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATION_TEXT = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
#: Byte-order marks and, without one, how "<" starts a document in each wide encoding
#: (XML 1.0 appendix F). Longer signatures first: UTF-32's marks begin like UTF-16's.
_WIDE_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
    (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"),
)


class _DeclarationSearch:
    """Looks through a part, chunk by chunk, for an XML document type or entity
    declaration, and refuses the workbook if it finds one.

    Excel writes UTF-8, where a byte search finds them; a part in UTF-16 or UTF-32
    (told by its byte-order mark, or by how its first "<" is spelt) is decoded first,
    so that "<!DOCTYPE" spelt in two or four bytes a letter is found as well.
    """

    def __init__(self) -> None:
        self._start: bytes | None = b""  # the first bytes, until the encoding is known
        self._decoder: codecs.IncrementalDecoder | None = None
        self._byte_tail = b""
        self._text_tail = ""

    def feed(self, chunk: bytes) -> None:
        if self._start is not None:
            self._start += chunk
            if len(self._start) < 4:
                return
            chunk, self._start = self._start, None
            encoding = next((name for mark, name in _WIDE_ENCODINGS if chunk.startswith(mark)),
                            None)
            if encoding:
                self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._search(chunk)

    def close(self) -> None:
        """The end of the part: search what a very short part left waiting."""
        if self._start:
            self._search(self._start)
        self._start = None

    def _search(self, chunk: bytes) -> None:
        if self._decoder is None:
            window = self._byte_tail + chunk
            if _DECLARATION.search(window):
                raise _declares_document_type()
            self._byte_tail = window[-16:]
        else:
            text = self._text_tail + self._decoder.decode(chunk)
            if _DECLARATION_TEXT.search(text):
                raise _declares_document_type()
            self._text_tail = text[-16:]


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _heading_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _is_empty(row: list[object]) -> bool:
    # any() is the fast path; a row of zeros is not empty, so look closer when it says so
    return not any(row) and all(cell in ("", None) for cell in row)


def _rows_to_sheet(name: str, rows: list[list[object]]) -> Sheet:
    """The headings are the first row that reads as a list's headings (a title row, notes
    or blank rows may stand above them; see ``heading_row``), else the first non-empty row;
    wholly empty rows after them are skipped.

    Each kept row remembers its spreadsheet row number, so problems point at the row
    the user sees; the numbers of non-empty rows above the headings are kept too, for the
    warning that they were not read. Empty cells stay as "" (the checks read "" as blank).
    """
    filled = []
    for index, row in enumerate(rows):
        if not _is_empty(row):
            filled.append(index)
            if len(filled) == HEADING_SEARCH_ROWS:
                break
    if not filled:
        return Sheet(name, [], [], 2)
    found = heading_row([[_heading_text(cell)[:200] for cell in rows[index][:MAX_COLUMNS]]
                         for index in filled], name)
    index = filled[found or 0]
    headings = [_heading_text(cell) for cell in rows[index]]
    while headings and not headings[-1]:
        headings.pop()
    if len(headings) > MAX_COLUMNS:
        raise UnreadableFile(
            f"The sheet “{name}” has {len(headings):,} column headings; an Annex A "
            f"list has about 40. Remove the extra columns (at most {MAX_COLUMNS})."
        )
    skipped = tuple(above + 1 for above in filled[:found or 0])
    body = rows[index + 1:]
    first = index + 2
    if not any(_is_empty(data_row) for data_row in body):
        return Sheet(name, headings, body, first, skipped_rows=skipped, heading_row=index + 1)
    numbers = [number for number, data_row in enumerate(body, start=first)
               if not _is_empty(data_row)]
    body = [data_row for data_row in body if not _is_empty(data_row)]
    return Sheet(name, headings, body, numbers[0] if numbers else first, numbers,
                 skipped_rows=skipped, heading_row=index + 1)


def _open_workbook(content: bytes) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(content))
    except PasswordError as error:  # python-calamine 0.9.1 raises it from a path, not bytes
        raise _password_protected() from error
    except Exception as error:  # calamine raises its own error types for damaged files
        raise UnreadableFile("This Excel file is damaged and cannot be opened.") from error


def _too_many_rows(limits: UploadLimits) -> UnreadableFile:
    return UnreadableFile(
        f"The upload has more than {limits.max_rows:,} rows in all, more than any "
        "authority's Annex A return. Check for blank rows with formatting copied "
        "down the sheet, or upload the lists in smaller files."
    )


def _read_sheets(
    workbook: CalamineWorkbook, names: Iterable[str], limits: UploadLimits
) -> Iterator[Sheet]:
    """The named sheets one at a time, stopping as soon as the row limit is passed."""
    rows_left = limits.max_rows
    for name in names:
        try:
            grid = workbook.get_sheet_by_name(name)
            data = grid.to_python(skip_empty_area=False, nrows=rows_left + 2)
        except Exception as error:  # as above
            raise UnreadableFile(f"The sheet “{name}” is damaged and cannot be read.") from error
        if grid.end is not None and grid.end[0] + 1 > len(data):
            # rows past the limit were not read: refuse rather than lose them
            raise _too_many_rows(limits)
        sheet = _rows_to_sheet(name, data)
        del data
        rows_left -= len(sheet.rows)
        if rows_left < 0:
            raise _too_many_rows(limits)
        yield sheet


def _check_sheets(workbook: CalamineWorkbook, names: Iterable[str], period_end: date,
                  limits: UploadLimits, local_codes: LocalCodes | None = None
                  ) -> list[SheetCheck]:
    return [_slimmed(check_sheet(sheet, period_end, local_codes))
            for sheet in _read_sheets(workbook, names, limits)]


def _slimmed(check: SheetCheck) -> SheetCheck:
    if check.parsed is not None:
        check.parsed = keep_what_the_figures_need(check.parsed)
    return check


def _parse_xml(data: bytes) -> Any:
    """An XML part of an upload, parsed by defusedxml: a document type, an entity or an
    external reference refuses the workbook, whatever the part's encoding."""
    try:
        return defused_fromstring(data, forbid_dtd=True, forbid_entities=True,
                                  forbid_external=True)
    except DefusedXmlException as error:
        raise _declares_document_type() from error


def _sheet_paths(content: bytes) -> dict[str, str]:
    """Each sheet's part in the zip, from workbook.xml and its relationships; empty if
    that cannot be told.

    Called after _check_workbook_container has checked every part's size and refused
    declarations; these two parts are parsed with defusedxml all the same.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            book = _parse_xml(archive.read("xl/workbook.xml"))
            rels = _parse_xml(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, zipfile.BadZipFile, ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    paths = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_RELATIONSHIPS}id"), "").lstrip("/")
        paths[sheet.get("name", "")] = target if target.startswith("xl/") else f"xl/{target}"
    return paths


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


#: The most sheets two readers share through a _SheetQueue: two bytes a sheet, written
#: at once into an empty pipe, which takes that much without blocking. A workbook with
#: more sheets is read by one reader.
QUEUE_MAX_SHEETS = select.PIPE_BUF // 2


class _SheetQueue:
    """The sheets for two readers to share, biggest first: their numbers, in a pipe
    written whole before the readers start. A reader takes the next sheet when it has
    checked the last, so neither is left waiting while the other reads a large sheet
    (shares fixed beforehand by size finished up to a fifth of a second apart on the
    benchmark's workbook: checking costs by the row, reading by the byte). Each read
    takes two bytes no other read takes, and gets nothing once the pipe is empty."""

    def __init__(self, names: list[str], sizes: dict[str, int]) -> None:
        self.names = names
        self._read_end, write_end = os.pipe()
        order = sorted(range(len(names)), key=lambda number: -sizes.get(names[number], 0))
        os.write(write_end, b"".join(number.to_bytes(2, "big") for number in order))
        os.close(write_end)

    def __iter__(self) -> Iterator[str]:
        while taken := os.read(self._read_end, 2):
            yield self.names[int.from_bytes(taken, "big")]

    def close(self) -> None:
        os.close(self._read_end)


def _child_checks(sender: Connection, workbook: CalamineWorkbook | bytes,
                  names: Iterable[str] | None, period_end: date, limits: UploadLimits,
                  local_codes: LocalCodes | None = None) -> None:
    """Runs in a forked process: check its share of the sheets (``names``, or those it
    takes from a _SheetQueue) and send the results.

    Given the file's bytes (an .xls, .xlsb or .ods), it opens the workbook itself, under
    the reader's memory cap, and checks every sheet.
    """
    def checks() -> list[SheetCheck]:
        opened = workbook if isinstance(workbook, CalamineWorkbook) else _open_workbook(workbook)
        return [_packed(check) for check in _check_sheets(
            opened, opened.sheet_names if names is None else names, period_end, limits,
            local_codes)]

    _answer(sender, checks)


def _answer(sender: Connection, work: Callable[[], object]) -> None:
    """Runs in a reader process: cap its memory, do ``work`` and send its answer.

    Its memory is capped, so a file built to make the reader allocate without end ends
    this process, not the server. Its cyclic garbage collector is off: reading makes no
    reference cycles to collect, and each collection would walk every row read so far and
    every object inherited from the server (copying the server's memory pages into this
    process as it marks them), which took a third of a reader's time on a large workbook.
    """
    try:
        gc.disable()
        faulthandler.disable()  # a refused sheet may abort this process; no stack dump
        _cap_memory(CHILD_MEMORY_BYTES)
        sender.send(("ok", work()))
    except UnreadableFile as error:
        sender.send(("unreadable", str(error)))
    except Exception as error:  # reported to the parent, which refuses the file
        sender.send(("failed", type(error).__name__))
    finally:
        sender.close()


def _cap_memory(extra_bytes: int) -> None:
    """Limit this process's address space to what it has now plus ``extra_bytes``."""
    with open("/proc/self/statm") as statm:
        now = int(statm.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = now + extra_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class _PackedDates:
    """A date column as day numbers in one array: far quicker to pass between processes
    than a list of date objects (0 stands for a blank).

    A column holds few distinct dates, so unpacking makes each date once and maps the
    day numbers through a dict in C; equal dates come back as one object."""

    __slots__ = ("days",)

    def __init__(self, values: list[object]) -> None:
        self.days = array("l", [value.toordinal() if value is not None else 0  # type: ignore[attr-defined]
                                for value in values])

    def __getstate__(self) -> bytes:
        return self.days.tobytes()

    def __setstate__(self, state: bytes) -> None:
        self.days = array("l")
        self.days.frombytes(state)

    def unpack(self) -> list[object]:
        dates: dict[int, object] = {day: date.fromordinal(day) for day in set(self.days) if day}
        dates[0] = None
        return list(map(dates.__getitem__, self.days))


def _packed(check: SheetCheck) -> SheetCheck:
    parsed = check.parsed
    if parsed is None:
        return check
    for key, values in parsed.columns.items():
        if parsed.annex_list.column(key).kind is Kind.DATE:
            parsed.columns[key] = _PackedDates(values)  # type: ignore[assignment]
    return check


def _unpacked(check: SheetCheck) -> SheetCheck:
    parsed = check.parsed
    if parsed is not None:
        for key, values in parsed.columns.items():
            if isinstance(values, _PackedDates):
                parsed.columns[key] = values.unpack()
    return check


def check_workbook(content: bytes, period_end: date, limits: UploadLimits,
                   local_codes: LocalCodes | None = None, suffix: str = ".xlsx",
                   name: str = "(workbook)") -> list[SheetCheck]:
    """Read and check every sheet of a workbook, in forked processes with capped memory.

    Sheets are parsed only in child processes, so a hostile sheet can end a child but
    never the server. A large .xlsx's sheets are shared between two children on a
    machine with two or more cores, each taking the next sheet when it is free; only the
    typed columns the figures need come back.
    An .xls, .xlsb or .ods is opened in one child (calamine parses a whole .xls or .ods
    as it opens it, so two would parse it twice). An OLE2 file (an .xls, or an encrypted
    workbook) is first looked into in a child of its own; one that Excel encrypted with
    its built-in default password comes back decrypted and is read as any upload is, the
    decrypted size counting against the unpacked limit, with a note for the file
    (``name``). ``suffix`` is what the file's name says it is; its bytes decide. Where
    fork is not available (not Linux) all this is done in this process.
    """
    return _check_workbook(content, period_end, limits, local_codes, suffix, name, True)


def _check_workbook(content: bytes, period_end: date, limits: UploadLimits,
                    local_codes: LocalCodes | None, suffix: str, name: str,
                    may_decrypt: bool) -> list[SheetCheck]:
    kind, parts = _check_workbook_container(content, limits, suffix)
    if kind == ".xls":
        plain = _in_reader(partial(_opened_compound_file, content, limits, may_decrypt))
        if plain is not None:
            limits = replace(limits, max_unzipped_bytes=limits.max_unzipped_bytes - len(plain))
            return [_default_password_note(name),
                    *_check_workbook(plain, period_end, limits, local_codes, suffix, name,
                                     False)]
    if kind != ".xlsx":
        if not hasattr(os, "fork"):
            workbook = _open_workbook(content)
            return _check_sheets(workbook, workbook.sheet_names, period_end, limits,
                                 local_codes)
        return _check_in_children(content, [None], period_end, limits, local_codes)
    paths = _sheet_paths(content)  # before calamine reads the same parts
    workbook = _open_workbook(content)
    names = workbook.sheet_names
    sheet_parts = [parts.get(paths.get(name, ""), _Part(0)) for name in names]
    sizes = {name: part.size for name, part in zip(names, sheet_parts, strict=True)}
    claimed = sum(part.rows for part in sheet_parts)
    if claimed > limits.max_rows + len(names):
        raise _too_many_rows(limits)
    if not hasattr(os, "fork"):
        checks = _check_sheets(workbook, names, period_end, limits, local_codes)
    else:
        two = (1 < len(names) <= QUEUE_MAX_SHEETS
               and sum(sizes.values()) >= limits.parallel_from_bytes
               and (os.cpu_count() or 1) > 1)
        if two:
            queue = _SheetQueue(names, sizes)
            try:
                checks = _check_in_children(workbook, [queue, queue], period_end, limits,
                                            local_codes)
            finally:
                queue.close()
        else:
            checks = _check_in_children(workbook, [names], period_end, limits, local_codes)
    order = {name: position for position, name in enumerate(names)}
    checks.sort(key=lambda check: order[check.sheet])
    rows = sum(len(check.parsed) for check in checks if check.parsed is not None)
    if rows > limits.max_rows:
        raise _too_many_rows(limits)
    return checks


def _start_reader(task: Callable[[Connection], None]) -> tuple[int, Connection]:
    """Fork one reader process that runs ``task`` (``_child_checks`` or ``_answer``) on the
    end of a pipe it answers on; its pid and the pipe's other end.

    A plain ``os.fork``, not ``multiprocessing.Process``: multiprocessing refuses to start
    children inside a daemonic process, and a Celery prefork worker runs every job in one
    (issue 16), so there every .xlsx upload failed. The fork works the same under
    gunicorn, in a disk-cache job process and in a Celery worker, and the child inherits
    the opened workbook, so nothing is copied to start it.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the reader: answer, then leave without running the parent's clean-up
        status = 0
        try:
            os.close(read_end)
            task(Connection(write_end, readable=False))
        except BaseException:  # the parent reads a silent pipe as a failure
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, Connection(read_end, writable=False)


def _end_reader(pid: int) -> None:
    """Collect a reader that has answered (or kill one that has not), leaving no zombie."""
    deadline = time.monotonic() + 5
    try:
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return
            time.sleep(0.01)
    except ChildProcessError:  # already collected (a SIGCHLD handler of the host's)
        pass


def _answers(helpers: list[tuple[int, Connection]]) -> list[Any]:
    """Each reader's answer, in order, each within the time limit, every reader collected.
    A reader's refusal refuses the file; so does a reader that dies or gives no answer."""
    answers = []
    try:
        for _helper, receiver in helpers:
            try:
                ready = receiver.poll(HELPER_TIMEOUT_SECONDS)
                answers.append(receiver.recv() if ready else ("failed", "timeout"))
            except EOFError:
                answers.append(("died", ""))
    finally:
        for pid, receiver in helpers:
            receiver.close()
            _end_reader(pid)
    for status, payload in answers:
        if status == "unreadable":
            raise UnreadableFile(payload)
        if status != "ok":
            log.warning("Annex A reader process ended without an answer (%s %s)", status, payload)
            raise UnreadableFile(
                "This workbook could not be read safely: a sheet in it needs far more memory "
                "than its data. Copy the lists into a new workbook and upload that."
            )
    return [payload for _status, payload in answers]


def _in_reader(work: Callable[[], T]) -> T:
    """``work()`` done in a reader process, with its memory capped and its time limited
    (in this process where fork is not available)."""
    if not hasattr(os, "fork"):
        return work()
    answer: T = _answers([_start_reader(lambda sender: _answer(sender, work))])[0]
    return answer


def _check_in_children(workbook: CalamineWorkbook | bytes, groups: list[Iterable[str] | None],
                       period_end: date, limits: UploadLimits,
                       local_codes: LocalCodes | None = None) -> list[SheetCheck]:
    helpers = [_start_reader(lambda sender, group=group: _child_checks(
        sender, workbook, group, period_end, limits, local_codes)) for group in groups]
    return [_unpacked(check) for payload in _answers(helpers) for check in payload]


def read_csv(name: str, content: bytes, limits: UploadLimits) -> Sheet:
    """One list as CSV, in UTF-8 (with or without a byte-order mark) or Windows-1252."""
    if content.startswith(XLSX_MAGIC) or content.startswith(OLE_MAGIC):
        raise UnreadableFile(
            "This file is an Excel or OpenDocument workbook named as a CSV. Give it the name "
            "it was saved with (ending .xlsx, .xls, .xlsb or .ods) and upload it again."
        )
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


def _each_file(files: list[UploadedFile], limits: UploadLimits,
               read: Callable[[UploadedFile, str], None]) -> list[Problem]:
    """Size and kind checks on every file, then ``read(file, suffix)`` (the name's, in
    lower case); a problem in plain words for each file that cannot be read."""
    problems: list[Problem] = []
    total = 0
    for uploaded in files:
        total += len(uploaded.content)
        try:
            _check_file(uploaded, total, limits)
            read(uploaded, PurePath(uploaded.name).suffix.lower())
        except UnreadableFile as error:
            problems.append(Problem(ERROR, uploaded.name, None, None, str(error)))
    return problems


def read_and_check_upload(
    files: list[UploadedFile], period_end: date, limits: UploadLimits,
    local_codes: LocalCodes | None = None,
) -> tuple[list[SheetCheck], list[Problem]]:
    """Every file read and every sheet checked (reading the LA's ``local_codes`` as the DfE
    codes they map to); and a plain-words problem for each file that cannot be read."""
    checks: list[SheetCheck] = []

    def read(uploaded: UploadedFile, suffix: str) -> None:
        if suffix in WORKBOOK_KINDS:
            checks.extend(check_workbook(uploaded.content, period_end, limits, local_codes,
                                         suffix, uploaded.name))
        else:
            sheet = read_csv(uploaded.name, uploaded.content, limits)
            checks.append(_slimmed(check_sheet(sheet, period_end, local_codes)))

    problems = _each_file(files, limits, read)
    rows = sum(len(check.parsed) for check in checks if check.parsed is not None)
    if rows > limits.max_rows and not problems:
        problems.append(Problem(ERROR, "(whole upload)", None, None,
                                str(_too_many_rows(limits))))
    return checks, problems


def _check_file(uploaded: UploadedFile, total: int, limits: UploadLimits) -> None:
    """Size and kind, before anything is opened."""
    if len(uploaded.content) > limits.max_file_bytes or total > limits.max_file_bytes:
        raise UnreadableFile(
            f"The upload is larger than {_megabytes(limits.max_file_bytes)}. An Annex A "
            "return is usually a few megabytes: remove other sheets, or upload the "
            "lists in separate files."
        )
    if not uploaded.content:
        raise UnreadableFile("This file is empty.")
    if PurePath(uploaded.name).suffix.lower() not in {*WORKBOOK_KINDS, ".csv"}:
        raise UnreadableFile(
            "Only Excel workbooks (.xlsx, .xls or .xlsb), OpenDocument spreadsheets (.ods) "
            "and CSV files (.csv) can be uploaded."
        )
