"""Small Annex A workbooks for service and web tests, written as a user's Excel would be
(.xlsx), as an old Excel or a reporting tool writes them (.xls, with xlwt) and as
LibreOffice does (.ods, with odfpy); and encrypted as Excel encrypts them."""

from __future__ import annotations

import hashlib
import io
import struct
from collections.abc import Iterator
from datetime import date

import olefile
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile
from msoffcrypto.format.xls97 import recordNameNum
from msoffcrypto.method.rc4 import DocumentRC4
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


def encrypted_xlsx(plain: bytes, password: str) -> bytes:
    """An .xlsx encrypted as Excel's "Encrypt with Password" does (ECMA-376 agile
    encryption, by msoffcrypto-tool): an OLE2 file holding EncryptionInfo and
    EncryptedPackage."""
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()


#: Records Excel leaves in clear in an encrypted workbook stream (MS-XLS).
_IN_CLEAR = {recordNameNum[name] for name in (
    "BOF", "FilePass", "UsrExcl", "FileLock", "InterfaceHdr", "RRDInfo", "RRDHead")}
_BOUND_SHEET = recordNameNum["BoundSheet8"]


def _records(stream: bytes | bytearray) -> Iterator[tuple[int, int, int]]:
    at = 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        yield at, kind, length
        at += 4 + length


def rc4_encrypted_xls(plain: bytes, password: str) -> bytes:
    """An .xls written by xlwt, encrypted as Excel 97-2003 encrypts one (MS-XLS and
    MS-OFFCRYPTO, RC4 encryption): a FILEPASS record (RC4, version 1.1: salt, encrypted
    verifier and its MD5) after BOF, then every record's data encrypted with RC4, rekeyed
    every 1,024 bytes of the stream, except the records and the BoundSheet8 offsets the
    specification leaves in clear.

    No maintained tool writes encrypted .xls files; RC4 is a stream cipher, so
    msoffcrypto-tool's RC4 decryption encrypts as well. A test that reads such a file
    back therefore shows that our reading path takes what msoffcrypto-tool decrypts,
    not that Excel wrote it.
    """
    ole = olefile.OleFileIO(io.BytesIO(plain))
    stream = bytearray(ole.openstream("Workbook").read())
    ole.close()
    del stream[max(at + 4 + length for at, kind, length in _records(stream) if kind):]
    salt, verifier = bytes(range(16)), bytes(range(16, 32))
    sealed = DocumentRC4.decrypt(password, salt, io.BytesIO(
        verifier + hashlib.md5(verifier).digest())).read()  # noqa: S324 - the format's hash
    body = struct.pack("<HHH", 1, 1, 1) + salt + sealed
    filepass = struct.pack("<HH", recordNameNum["FilePass"], len(body)) + body
    for at, kind, _length in _records(stream):
        if kind == _BOUND_SHEET:  # the sheets' records move on by the new record
            struct.pack_into("<I", stream, at + 4,
                             struct.unpack_from("<I", stream, at + 4)[0] + len(filepass))
    after_bof = 4 + struct.unpack_from("<H", stream, 2)[0]
    stream[after_bof:after_bof] = filepass
    # the writer pads the stream with zeros, which read as empty records in fours
    stream += struct.pack("<HH", 0, -len(stream) % 4) + bytes(-len(stream) % 4)
    cipher = DocumentRC4.decrypt(password, salt, io.BytesIO(bytes(stream)), blocksize=1024).read()
    for at, kind, length in list(_records(stream)):
        if kind not in _IN_CLEAR:
            start = at + 8 if kind == _BOUND_SHEET else at + 4
            stream[start:at + 4 + length] = cipher[start:at + 4 + length]
    out = io.BytesIO()
    xlwt.CompoundDoc.XlsDoc().save(out, bytes(stream))
    return out.getvalue()
