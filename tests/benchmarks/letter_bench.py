"""`make bench`, part three: how long the engagement letter's PDF takes (issue 7).

Builds a full letter in memory (sender, addressee and copy list, seven agenda notes of
about 150 words, eight attendees, five next steps) and times, as medians after a
warm-up: the letter as a PDF (WeasyPrint), as Word (python-docx), and, as the baseline
measured in the same run, a PDF of one short paragraph, which is WeasyPrint's fixed
cost. Goal: the letter's PDF in under 1.5 s.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pypdf

from dashboard.domain.engagement import AGENDA_HEADINGS
from dashboard.domain.engagement_letter import (
    AgendaNote,
    Attendee,
    Letter,
    MeetingRecord,
    NextStep,
    ScopeChoice,
    draft_letter_body,
    letter_outline,
)
from dashboard.domain.sef_outline import Outline, Text, outline_text
from dashboard.domain.sef_text import parse_blocks
from dashboard.services.sef_export import docx_bytes, pdf_bytes

REPEATS = 7
GOAL_SECONDS = 1.5
SENTENCE = ("Leaders described how the service has changed since the last visit and what "
            "the audit programme shows about the timeliness of assessments. ")


def letter() -> Letter:
    attendees = tuple(Attendee(f"Person {n}", "Role in the service", "la" if n < 6 else "ofsted")
                      for n in range(8))
    record = MeetingRecord(
        la_name="Barnsley", held_on=date(2026, 11, 2), attendees=attendees,
        agenda=tuple(AgendaNote(title, SENTENCE * 7) for title in AGENDA_HEADINGS),
        scope=ScopeChoice(("care_leavers", "front_door"), "agreement", SENTENCE),
        next_sef_timing="September 2027", next_meeting_timing="November 2027",
        next_steps=tuple(NextStep(f"Step {n}: {SENTENCE}", "Head of service",
                                  date(2027, n + 1, 1), "la") for n in range(5)))
    return Letter("Barnsley", "Jo Bloggs", record.held_on, attendees, draft_letter_body(record),
                  "Sam Senior, Senior HMI", date(2026, 11, 20),
                  region_name="North East, Yorkshire and the Humber",
                  reference="AEM/80426/2026-11-02", address=("Westgate", "Barnsley", "S70 2TA"),
                  copies=("Ann Lee, Chief Executive", "Pat Kaur, Lead Member"))


def median_seconds(work) -> float:
    work()  # warm-up: fonts and caches
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    outline = letter_outline(letter())
    minimal = Outline("Letter", ("Draft",), (Text(parse_blocks("Dear Jo Bloggs,")),),
                      title_page=False)
    words = len(" ".join(outline_text(outline)).split())
    baseline = median_seconds(lambda: pdf_bytes(minimal))
    pdf = median_seconds(lambda: pdf_bytes(outline))
    word = median_seconds(lambda: docx_bytes(outline))
    pages = len(pypdf.PdfReader(io.BytesIO(pdf_bytes(outline))).pages)
    print(f"Engagement letter ({words:,} words, {pages} A4 pages), "
          f"median of {REPEATS}:")
    print(f"  PDF of one paragraph (baseline)  {baseline * 1000:7.0f} ms")
    print(f"  Letter as PDF                    {pdf * 1000:7.0f} ms  "
          f"{pdf / baseline:4.1f} x baseline  goal < {GOAL_SECONDS} s: "
          f"{'met' if pdf < GOAL_SECONDS else 'NOT met'}")
    print(f"  Letter as Word                   {word * 1000:7.0f} ms  "
          f"{word / baseline:4.2f} x baseline")


if __name__ == "__main__":
    main()
