"""The letter's check on screen: findings marked in place on the letter as it will read,
numbered as in the list beside it, each with its reason in plain words."""

from __future__ import annotations

from datetime import date

from dash import dcc, html

from dashboard.domain.engagement_letter import Letter
from dashboard.domain.letter_lint import letter_findings
from dashboard.pages.meetings import ids
from dashboard.pages.meetings.letter_views import findings_section, marked_letter
from dashboard.services.engagement_letters import LetterPage

BODY = ("Thank you for meeting us. <script>alert(1)</script>\n\n"
        "## Agenda items discussed\n\n"
        "**1. Help and protection**\n\n"
        "Practice at the front door is **strong**. We heard about Jack, aged 9.\n\n"
        "- Leaders have robust plans.\n- Share the audit.")


def walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str):
            yield from walk(child)


def text_of(component) -> str:
    if isinstance(component, str):
        return component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        return "".join(text_of(child) for child in children)
    return text_of(children) if children is not None else ""


def page(body: str = BODY, overridden: int = 0) -> LetterPage:
    findings = letter_findings(body)
    day = date(2026, 11, 2)
    return LetterPage(
        meeting_id=1, la_code="370", la_name="Barnsley", meeting_date=day, due=day,
        letter=Letter("Barnsley", "Jo Bloggs", day, (), body, ""), revision=1,
        updated_by="", updated_at=None, issued_by="", findings=findings,
        open_findings=findings[overridden:], overrides=[], may_write=True, recorded=True)


def test_each_finding_is_marked_in_place_on_the_letter_as_it_reads() -> None:
    letter = marked_letter(BODY, letter_findings(BODY))
    marks = [c for c in walk(letter) if isinstance(c, html.Mark)]
    assert [text_of(m) for m in marks] == ["Practice at the front door is strong",
                                           "Jack, aged 9", "robust plans"]
    # the formatting inside a finding is kept: the bold word stays bold inside the mark
    assert isinstance(marks[0].children[-1], html.Strong)
    # numbered, and named for screen readers: not colour alone
    assert [text_of(c) for c in walk(letter) if isinstance(c, html.Sup)] == [
        "[1]", "[2]", "[3]"]
    hidden = [text_of(c) for c in walk(letter)
              if isinstance(c, html.Span) and c.className == "visually-hidden"]
    assert hidden == ["Finding 1: ", "Finding 2: ", "Finding 3: "]
    # the letter as it reads: no Markdown marks, the heading a heading, the list a list
    words = text_of(letter)
    assert "**" not in words and "##" not in words and "- Leaders" not in words
    assert [text_of(c) for c in walk(letter) if isinstance(c, html.H4)] == [
        "Agenda items discussed"]
    assert [text_of(li) for li in walk(letter) if isinstance(li, html.Li)] == [
        "Leaders have Finding 3: robust plans[3].", "Share the audit."]


def test_user_text_stays_text() -> None:
    letter = marked_letter(BODY, letter_findings(BODY))
    assert "Thank you for meeting us. <script>alert(1)</script>" in [
        c for p in walk(letter) if isinstance(p, html.P)
        for c in (p.children if isinstance(p.children, list) else [p.children])
        if isinstance(c, str)]


def test_the_list_gives_the_reason_in_plain_words_and_the_override() -> None:
    section = html.Div(findings_section(page(overridden=1)))
    listed = next(c for c in walk(section) if getattr(c, "id", None) == "letter-findings-list")
    items = [c for c in walk(listed) if isinstance(c, html.Li)]
    assert [text_of(i).split("”")[0] for i in items] == [
        "[1] “Practice at the front door is strong", "[2] “Jack, aged 9",
        "[3] “robust plans"]
    assert "This reads as a judgement about practice" in text_of(items[0])
    assert "This may identify a child (a name with an age)" in text_of(items[1])
    assert "paragraph" not in text_of(section).lower()
    # the first is kept with a recorded reason; the others can still be overridden
    assert "Kept, with a recorded reason." in text_of(items[0])
    inputs = [c.id for c in walk(section) if isinstance(c, dcc.Input)]
    assert inputs == [ids.override_reason(1), ids.override_reason(2)]
    assert "2 finding(s) block issuing" in text_of(section)


def test_a_letter_without_findings_says_so() -> None:
    section = html.Div(findings_section(page("Leaders set out their audit programme.")))
    assert "No findings" in text_of(section)
    assert not [c for c in walk(section) if isinstance(c, html.Mark)]
