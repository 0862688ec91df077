"""The SEF as a standalone document (para 36): one outline for print, PDF and Word.

The outline is plain data: a title page, then the three questions of para 33, each
with its text, the evidence tables and the plan table. The renderers walk it, so the
three outputs always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.domain.dates import long_date_from_iso
from dashboard.domain.sef import (
    EVIDENCE_KINDS,
    INDICATOR,
    QUESTIONS,
    STRENGTH,
    WITHDRAWN_NOTE,
    Sef,
    Theme,
    figure_text,
    weakness_plan_coverage,
)
from dashboard.domain.sef_text import Block, block_text, one_line, parse_blocks, plain_text


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Text:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Lines:
    """Short lines kept together, as a letter's address or sign-off is: ``kind`` names the
    block ("sender", "addressee", "signature"...) so each renderer can place it."""

    kind: str
    lines: tuple[str, ...]


Element = Heading | Text | Table | Lines


@dataclass(frozen=True)
class Outline:
    title: str
    title_lines: tuple[str, ...]
    body: tuple[Element, ...]
    #: A page of its own for the title (the SEF); a letter starts its body below it.
    title_page: bool = True
    #: The title printed as the document's heading (the SEF); a letter's title names the
    #: file only, its first lines being the sender's block.
    title_shown: bool = True


def _markup(text: str) -> Text | None:
    blocks = parse_blocks(text)
    return Text(blocks) if blocks else None


def _evidence_rows(theme: Theme, withdrawn: frozenset[int]) -> list[tuple[str, ...]]:
    rows = []
    for statement in theme.statements:
        for evidence in statement.evidence:
            detail = plain_text(evidence.summary)
            if evidence.kind == INDICATOR:
                detail = figure_text(evidence.figure) + (f". {detail}" if detail else "")
                if evidence.figure is not None and evidence.figure.snapshot_id in withdrawn:
                    detail += f" {WITHDRAWN_NOTE}"
            rows.append((
                one_line(statement.text) or "(no text)",
                EVIDENCE_KINDS[evidence.kind],
                " ".join(detail.split()),
                long_date_from_iso(evidence.dated),
                evidence.source or ("Annex A upload" if evidence.kind == INDICATOR else ""),
            ))
    return rows


def sef_outline(sef: Sef, la_name: str, version_line: str, date_line: str,
                withdrawn: frozenset[int] = frozenset()) -> Outline:
    """The document a reader gets, from title page to plan table; a figure from an upload
    in ``withdrawn`` says so where it is quoted."""
    body: list[Element] = []
    names = {t.id: t.name or "Unnamed theme" for t in sef.themes}
    questions = list(QUESTIONS.items())

    key, question = questions[0]
    body.append(Heading(1, f"1. {question}"))
    if text := _markup(sef.summaries[key]):
        body.append(text)
    for theme in sef.themes:
        body.append(Heading(2, names[theme.id]))
        for kind, heading in ((STRENGTH, "Strengths"), ("development", "Areas for development")):
            statements = [s for s in theme.statements if s.kind == kind]
            if not statements:
                continue
            body.append(Heading(3, heading))
            for statement in statements:
                if text := _markup(statement.text):
                    body.append(text)

    key, question = questions[1]
    body.append(Heading(1, f"2. {question}"))
    if text := _markup(sef.summaries[key]):
        body.append(text)
    for theme in sef.themes:
        rows = _evidence_rows(theme, withdrawn)
        if rows:
            body.append(Table(
                f"Evidence: {names[theme.id]}",
                ("Statement", "Kind of evidence", "What it shows", "Date", "Source"),
                tuple(rows),
            ))

    key, question = questions[2]
    body.append(Heading(1, f"3. {question}"))
    if text := _markup(sef.summaries[key]):
        body.append(text)
    weakness_names = {
        row.weakness.id: one_line(row.weakness.text) or "(no text)"
        for row in weakness_plan_coverage(sef)
    }
    if sef.plans:
        body.append(Table(
            "Plans for the next 12 months",
            ("Action", "Owner", "Due", "How impact will be measured", "Answers"),
            tuple(
                (
                    one_line(p.action),
                    p.owner,
                    long_date_from_iso(p.due),
                    one_line(p.impact_measure),
                    "; ".join(weakness_names[a] for a in p.answers) or "Not linked",
                )
                for p in sef.plans
            ),
        ))
    coverage = weakness_plan_coverage(sef)
    if coverage:
        body.append(Table(
            "Areas for development and their plans",
            ("Theme", "Area for development", "Plans", "Status"),
            tuple(
                (
                    row.theme or "Unnamed theme",
                    weakness_names[row.weakness.id],
                    str(len(row.plans)),
                    row.label,
                )
                for row in coverage
            ),
        ))
    return Outline(
        title=f"{la_name}: self-evaluation of social work practice",
        title_lines=(version_line, date_line),
        body=tuple(body),
    )


def outline_text(outline: Outline) -> list[str]:
    """Every line of text in the outline, for comparing renderers' output in tests."""
    lines = [outline.title, *outline.title_lines] if outline.title_shown else [
        *outline.title_lines]
    for element in outline.body:
        if isinstance(element, Heading):
            lines.append(element.text)
        elif isinstance(element, Lines):
            lines += element.lines
        elif isinstance(element, Text):
            lines += [line for block in element.blocks for line in block_text(block).split("\n")]
        else:
            lines.append(element.caption)
            lines += [cell for row in element.rows for cell in row if cell]
    return lines

