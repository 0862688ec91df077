"""The letter, and the SEF that shares its renderers, on A4 with "Page n of m" in the
print view, the PDF and the Word file alike (issue 21)."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdf
import pytest
from docx import Document
from docx.shared import Mm

from dashboard.domain.engagement import AGENDA_HEADINGS
from dashboard.domain.engagement_letter import (
    AgendaNote,
    Attendee,
    Letter,
    MeetingRecord,
    ScopeChoice,
    draft_letter_body,
    letter_outline,
)
from dashboard.domain.sef import Sef
from dashboard.domain.sef_outline import Outline, sef_outline
from dashboard.services.sef_export import docx_bytes, outline_html, pdf_bytes

A4_POINTS = (595.28, 841.89)  # 210 x 297 mm
TWIP = 635  # EMU
LONG_NOTE = "Leaders described how the service has changed since the last visit. " * 30


def _letter() -> Letter:
    attendees = (Attendee("Jo Bloggs", "Director of Children's Services", "la", "dcs"),
                 Attendee("Sam Senior", "Senior HMI", "ofsted", "senior_hmi"))
    record = MeetingRecord("Barnsley", date(2026, 10, 14), attendees,
                           tuple(AgendaNote(t, LONG_NOTE) for t in AGENDA_HEADINGS),
                           ScopeChoice(), "September 2027", "October 2027", ())
    return Letter("Barnsley", "Jo Bloggs", record.held_on, attendees,
                  draft_letter_body(record), "Sam Senior, Senior HMI", date(2026, 11, 2),
                  region_name="North East, Yorkshire and the Humber",
                  reference="AEM/80426/2026-10-14", address=("Westgate", "S70 2TA"),
                  copies=("Ann Lee, Chief Executive",))


def _outlines() -> dict[str, Outline]:
    return {"letter": letter_outline(_letter()),
            "sef": sef_outline(Sef(), "Barnsley", "Version 1", "Draft")}


@pytest.mark.parametrize("kind", ["letter", "sef"])
def test_the_pdf_is_a4_with_page_n_of_m_on_every_page(kind: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(_outlines()[kind])))
    pages = len(reader.pages)
    assert pages >= 2  # the letter runs over a page; the SEF has its title page
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == pytest.approx(
            A4_POINTS, abs=0.5)
        assert f"Page {number} of {pages}" in page.extract_text()


@pytest.mark.parametrize("kind", ["letter", "sef"])
def test_the_word_file_is_a4_with_page_and_numpages_fields_in_its_footer(kind: str) -> None:
    document = Document(io.BytesIO(docx_bytes(_outlines()[kind])))
    for section in document.sections:
        # Word keeps sizes in twentieths of a point: A4 is 11,906 x 16,838 of them
        assert abs(section.page_width - Mm(210)) < TWIP
        assert abs(section.page_height - Mm(297)) < TWIP
        assert abs(section.left_margin - Mm(20)) < TWIP
        footer = section.footer.paragraphs[0]
        fields = [t.text.strip() for t in footer._p.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText")]
        assert fields == ["PAGE", "NUMPAGES"]
        assert footer.text.startswith("Page ") and " of " in footer.text


def test_the_word_letter_reads_as_the_letter_does() -> None:
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_bytes(
        _outlines()["letter"]))).paragraphs)
    for part in ("Ofsted", "North East, Yorkshire and the Humber region", "2 November 2026",
                 "Director of Children's Services", "Westgate",
                 "Our reference: AEM/80426/2026-10-14", "Dear Jo Bloggs,", "Yours sincerely,",
                 "Senior HMI, North East, Yorkshire and the Humber region", "cc:",
                 "Ann Lee, Chief Executive"):
        assert part in text
    assert not re.search(r"\bpara(graph)?s?\b", text, re.IGNORECASE)
    assert "Annual engagement meeting: Barnsley" not in text  # the file's title only


def test_the_print_view_is_a4_with_a_page_counter() -> None:
    page = outline_html(letter_outline(_letter()), print_hint=True)
    assert re.search(r"@page \{ size: A4;", page)
    assert 'content: "Page " counter(page) " of " counter(pages)' in page
    assert '<div class="lines sender"><p>Ofsted</p>' in page
    assert "<h1>" not in page  # a letter opens with its sender, not a title


def test_a_name_with_a_control_character_still_makes_a_word_file() -> None:
    """A name copied from Word or Excel can carry a vertical tab (its line break), which
    XML cannot hold: the Word file is made anyway, with a space in its place."""
    name = "Jo\x0bBloggs\x01"
    letter = _letter()
    attendees = (Attendee(name, "Director\x0cof Children's Services", "la", "dcs"),
                 *letter.attendees[1:])
    dirty = Letter(letter.la_name, name, letter.meeting_date, attendees, letter.body,
                   f"{name}, Senior HMI", letter.issued_on, region_name=letter.region_name,
                   reference=letter.reference, address=letter.address,
                   copies=(f"{name}, Chief Executive",))
    sef = sef_outline(Sef(), "Barnsley", f"Version 2, saved by {name}", "Draft")
    for outline in (letter_outline(dirty), sef):
        document = Document(io.BytesIO(docx_bytes(outline)))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Jo Bloggs" in text
        assert "\x0b" not in text and "\x01" not in text
