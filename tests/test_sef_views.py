"""What the SEF pages say, from the data the service gives them."""

from __future__ import annotations

from datetime import date

from dashboard.domain.sef import Sef
from dashboard.pages.sef.views import editor_page, expectation_notice, reader_page
from dashboard.services.sef import SefExpectation, SefPage


def page(expected: bool, expected_from: date | None = None) -> SefPage:
    return SefPage(
        la_code="999", la_name="Anytown", region_name="South West", may_edit=True,
        sef=Sef(), number=None, head_number=0, versions=[],
        expectation=SefExpectation(expected, expected_from),
        latest_figures={}, indicator_choices=[],
    )


def text_of(component) -> str:
    children = getattr(component, "children", None)
    if children is None:
        return str(component) if isinstance(component, str) else ""
    if isinstance(children, list | tuple):
        return " ".join(text_of(child) for child in children)
    return text_of(children)


def test_an_la_in_its_first_year_after_inadequate_is_told_no_sef_is_expected_yet() -> None:
    notice = expectation_notice(page(False, date(2027, 2, 1)))
    words = text_of(notice)
    assert "not expected yet" in words
    assert "monitoring visits in the first 12 months" in words
    assert "paragraph 30" in words and "1 February 2027" in words
    assert "A self-evaluation is not expected yet" in text_of(editor_page(page(False)))
    assert "A self-evaluation is not expected yet" in text_of(reader_page(page(False), None))


def test_no_notice_when_a_sef_is_expected() -> None:
    assert expectation_notice(page(True)) is None
    assert "not expected" not in text_of(editor_page(page(True)))


def test_a_sef_past_the_las_length_limit_gets_a_gentle_warning() -> None:
    from dashboard.domain.sef import sef_from_dict
    from dashboard.pages.sef.views import length_summary

    long = sef_from_dict({"summaries": {"know": "word " * 160}, "length_limit_words": 100})
    words = text_of(length_summary(long))
    assert "Longer than your limit" in words and "about 60 words" in words
    assert "paragraph 36" not in words and "para 36" in words
    short = sef_from_dict({"summaries": {"know": "word " * 10}, "length_limit_words": 100})
    assert text_of(length_summary(short)) == "10 words in all; your limit is 100."


def test_the_review_message_names_a_full_name_like_the_other_kinds() -> None:
    from dashboard.domain.child_identifiers import FULL_NAME, IdentifierFinding
    from dashboard.pages.sef.views import identifier_review

    words = text_of(identifier_review([
        IdentifierFinding("Strength in “Children in care”", FULL_NAME, "Jayden Smith")]))
    assert "Strength in “Children in care”: a full name (“Jayden Smith”)" in words
    assert "Not saved: this text may identify a child" in words
