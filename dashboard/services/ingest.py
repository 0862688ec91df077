"""Reading uploaded Annex A files safely, into sheets of rows for the checks.

Uploads are untrusted. Before any parsing a workbook must be a real .xlsx (a zip with
a workbook inside), small enough, and every part of it must inflate, here, to exactly
what its header declares, within a total limit: that stops zip bombs, including ones
whose headers lie. Parts that declare an XML document type or entity are refused,
whatever their encoding (UTF-16 and UTF-32 parts are decoded before the search), which
stops entity-expansion ("billion laughs") bombs; the reader, calamine, does not expand
entities either, and the XML parts this module parses itself go through defusedxml,
which refuses document types, entities and external references on its own. Sheets that
claim more rows or columns than a list can have are refused before parsing, and sheets
are parsed only in forked reader processes (plain os.fork, so also inside a Celery
worker) with capped memory, so a sheet built to exhaust memory ends a reader, not the
server.
Row limits are applied while reading, and rows beyond them refuse the upload.
"""

from __future__ import annotations

import codecs
import csv
import faulthandler
import io
import logging
import os
import re
import resource
import signal
import struct
import time
import zipfile
import zlib
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from pathlib import PurePath
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from python_calamine import CalamineWorkbook

from dashboard.domain.annex_a import HEADING_SEARCH_ROWS, Kind, heading_row
from dashboard.domain.annex_a_checks import (
    ERROR,
    LocalCodes,
    Problem,
    Sheet,
    SheetCheck,
    check_sheet,
)
from dashboard.domain.indicators import keep_what_the_figures_need

log = logging.getLogger(__name__)

#: How long a reader process may take over its share of a workbook.
HELPER_TIMEOUT_SECONDS = 120
#: How much memory a reader process may take on top of what it starts with.
CHILD_MEMORY_BYTES = 2 * 1024 * 1024 * 1024

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls format
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


def _check_workbook_container(content: bytes, limits: UploadLimits) -> dict[str, _Part]:
    """Refuse anything but a genuine, honest, reasonably sized .xlsx zip.

    Returns every part's size, and the rows each worksheet part says it spans (its
    ``<dimension>``). Sheets claiming far more rows or columns than an Annex A list can
    have are refused here, before the reader builds their grid in memory.
    """
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
        is_sheet = entry.filename.startswith("xl/worksheets/")
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
    return parts


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
    except Exception as error:  # calamine raises its own error types for damaged files
        raise UnreadableFile("This Excel file is damaged and cannot be opened.") from error


def _too_many_rows(limits: UploadLimits) -> UnreadableFile:
    return UnreadableFile(
        f"The upload has more than {limits.max_rows:,} rows in all, more than any "
        "authority's Annex A return. Check for blank rows with formatting copied "
        "down the sheet, or upload the lists in smaller files."
    )


def _read_sheets(
    workbook: CalamineWorkbook, names: list[str], limits: UploadLimits
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


def _check_sheets(workbook: CalamineWorkbook, names: list[str], period_end: date,
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


def _split_in_two(names: list[str], sizes: dict[str, int]) -> tuple[list[str], list[str]]:
    """Two groups of sheets of about equal size, biggest first to the lighter group."""
    groups: tuple[list[str], list[str]] = ([], [])
    totals = [0, 0]
    for name in sorted(names, key=lambda n: -sizes.get(n, 0)):
        lighter = 0 if totals[0] <= totals[1] else 1
        groups[lighter].append(name)
        totals[lighter] += sizes.get(name, 0)
    return groups


def _child_checks(sender: Connection, workbook: CalamineWorkbook, names: list[str],
                  period_end: date, limits: UploadLimits,
                  local_codes: LocalCodes | None = None) -> None:
    """Runs in a forked process: check its share of the sheets and send the results.

    Its memory is capped, so a sheet built to make the reader allocate without end
    ends this process, not the server.
    """
    try:
        faulthandler.disable()  # a refused sheet may abort this process; no stack dump
        _cap_memory(CHILD_MEMORY_BYTES)
        sender.send(("ok", [_packed(check) for check in
                            _check_sheets(workbook, names, period_end, limits,
                                          local_codes)]))
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
    than a list of date objects (0 stands for a blank)."""

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
        return [date.fromordinal(day) if day else None for day in self.days]


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
                   local_codes: LocalCodes | None = None) -> list[SheetCheck]:
    """Read and check every sheet of a workbook, in forked processes with capped memory.

    Sheets are parsed only in child processes, so a hostile sheet can end a child but
    never the server. A large workbook's sheets are shared between two children on a
    machine with two or more cores; only the typed columns the figures need come back.
    Where fork is not available (not Linux) the sheets are read in this process.
    """
    parts = _check_workbook_container(content, limits)
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
        two = (len(names) > 1 and sum(sizes.values()) >= limits.parallel_from_bytes
               and (os.cpu_count() or 1) > 1)
        groups = [group for group in _split_in_two(names, sizes) if group] if two else [names]
        checks = _check_in_children(workbook, groups, period_end, limits, local_codes)
    order = {name: position for position, name in enumerate(names)}
    checks.sort(key=lambda check: order[check.sheet])
    rows = sum(len(check.parsed) for check in checks if check.parsed is not None)
    if rows > limits.max_rows:
        raise _too_many_rows(limits)
    return checks


def _start_reader(workbook: CalamineWorkbook, names: list[str], period_end: date,
                  limits: UploadLimits, local_codes: LocalCodes | None = None
                  ) -> tuple[int, Connection]:
    """Fork one reader process for ``names``; its pid and the end of a pipe it answers on.

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
            _child_checks(Connection(write_end, readable=False), workbook, names,
                          period_end, limits, local_codes)
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


def _check_in_children(workbook: CalamineWorkbook, groups: list[list[str]],
                       period_end: date, limits: UploadLimits,
                       local_codes: LocalCodes | None = None) -> list[SheetCheck]:
    helpers = [_start_reader(workbook, group, period_end, limits, local_codes)
               for group in groups]
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
    checks: list[SheetCheck] = []
    for status, payload in answers:
        if status == "unreadable":
            raise UnreadableFile(payload)
        if status != "ok":
            log.warning("Annex A reader process ended without an answer (%s %s)", status, payload)
            raise UnreadableFile(
                "This workbook could not be read safely: a sheet in it needs far more memory "
                "than its data. Copy the lists into a new workbook and upload that."
            )
        checks += [_unpacked(check) for check in payload]
    return checks


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


def _each_file(files: list[UploadedFile], limits: UploadLimits,
               read: Callable[[UploadedFile, bool], None]) -> list[Problem]:
    """Size and kind checks on every file, then ``read(file, is_workbook)``; a problem in
    plain words for each file that cannot be read."""
    problems: list[Problem] = []
    total = 0
    for uploaded in files:
        total += len(uploaded.content)
        try:
            _check_file(uploaded, total, limits)
            read(uploaded, PurePath(uploaded.name).suffix.lower() == ".xlsx")
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

    def read(uploaded: UploadedFile, is_workbook: bool) -> None:
        if is_workbook:
            checks.extend(check_workbook(uploaded.content, period_end, limits, local_codes))
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
    if PurePath(uploaded.name).suffix.lower() not in {".xlsx", ".csv"}:
        raise UnreadableFile("Only Excel workbooks (.xlsx) and CSV files (.csv) can be uploaded.")
