"""The SEF and the engagement letter as print-ready HTML, PDF (WeasyPrint) and Word
(python-docx), each on A4 with "Page n of m" at the foot of every page.

All three walk one outline (``dashboard.domain.sef_outline``), so they say the same.
User text only ever goes in as text: escaped for HTML (and the result cleaned with
nh3), as runs for Word. WeasyPrint may fetch nothing: the document has no links or
images, so any URL it meets is refused.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import replace

import nh3

from dashboard.domain.sef import Sef
from dashboard.domain.sef_outline import Heading, Lines, Outline, Table, Text, sef_outline
from dashboard.domain.sef_text import ListBlock, Paragraph, Run
from dashboard.formatting import format_date, format_date_time
from dashboard.services.sef import VersionInfo

ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "table", "caption",
                "thead", "tbody", "tr", "th", "td", "section", "header", "div"}
ALLOWED_ATTRIBUTES = {"th": {"scope"}, "section": {"class"}, "header": {"class"},
                      "div": {"class"}, "p": {"class"}, "table": {"class"}}

STYLE = """
@page { size: A4; margin: 2cm 2cm 2.2cm;
        @bottom-center { content: "Page " counter(page) " of " counter(pages);
                         font-size: 9pt; color: #444; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4;
       color: #0b0c0c; max-width: 50rem; margin: 1rem auto; padding: 0 1rem; }
.title-page { page-break-after: always; padding-top: 6cm; }
.title-page h1 { font-size: 22pt; }
h1 { font-size: 15pt; margin-top: 1.5em; } h2 { font-size: 13pt; } h3 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.2em; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
th, td { border: 1px solid #505a5f; padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: #f3f2f1; }
tr { page-break-inside: avoid; }
.letter-head { border-bottom: 1px solid #505a5f; margin-bottom: 1em; }
.lines { margin: 0 0 1em; } .lines p { margin: 0; }
.lines.sender { text-align: right; }
.print-hint { font-size: 9pt; color: #505a5f; }
@media print { .print-hint { display: none; } body { margin: 0; max-width: none; } }
"""


def version_lines(info: VersionInfo) -> tuple[str, str]:
    version = f"Version {info.number}, saved by {info.author} on {format_date_time(info.saved_at)}"
    if info.shared_at is not None:
        return version, f"Shared with Ofsted on {format_date(info.shared_at.date())}"
    return version, "Draft: not shared with Ofsted"


def tombstone_text(info: VersionInfo) -> str:
    """What a version whose words were removed shows instead of them (issue 15)."""
    purge = info.purge
    if purge is None:
        return ""
    who = purge.decided_by or purge.requested_by
    when = format_date_time(purge.decided_at or purge.requested_at)
    return f"Words removed on {when} by {who}: {purge.reason}"


def version_outline(sef: Sef, la_name: str, info: VersionInfo,
                    withdrawn: frozenset[int] = frozenset()) -> Outline:
    """The document of one version; a purged version is its tombstone, never words. A
    figure from an upload in ``withdrawn`` is marked so."""
    outline = sef_outline(sef, la_name, *version_lines(info), withdrawn)
    if not info.purged:
        return outline
    return replace(outline, body=(
        Heading(1, "The words of this version were removed"),
        Text((Paragraph((Run(tombstone_text(info)),)),)),
    ))


# ---------------------------------------------------------------- HTML and PDF


def _runs_html(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = html.escape(run.text)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _element_html(element: Heading | Text | Table | Lines) -> str:
    if isinstance(element, Heading):
        return f"<h{element.level}>{html.escape(element.text)}</h{element.level}>"
    if isinstance(element, Lines):
        lines = "".join(f"<p>{html.escape(line)}</p>" for line in element.lines)
        return f'<div class="lines {html.escape(element.kind)}">{lines}</div>'
    if isinstance(element, Text):
        parts = []
        for block in element.blocks:
            if isinstance(block, Paragraph):
                parts.append(f"<p>{_runs_html(block.runs)}</p>")
            elif isinstance(block, ListBlock):
                tag = "ol" if block.ordered else "ul"
                items = "".join(f"<li>{_runs_html(item)}</li>" for item in block.items)
                parts.append(f"<{tag}>{items}</{tag}>")
        return "".join(parts)
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in element.headers)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in element.rows
    )
    return (f"<table><caption>{html.escape(element.caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def outline_body_html(outline: Outline) -> str:
    """The document's body as HTML, every piece of user text escaped, then cleaned."""
    title = "".join(f"<p>{html.escape(line)}</p>" for line in outline.title_lines)
    body = "".join(_element_html(element) for element in outline.body)
    head_class = "title-page" if outline.title_page else "letter-head"
    heading = f"<h1>{html.escape(outline.title)}</h1>" if outline.title_shown else ""
    header = (f'<header class="{head_class}">{heading}{title}</header>'
              if heading or title else "")
    fragment = header + body
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)


def outline_html(outline: Outline, print_hint: bool = False) -> str:
    hint = ('<p class="print-hint">Use your browser\'s Print command to print this '
            "document or save it as PDF.</p>") if print_hint else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(outline.title)}</title><style>{STYLE}</style></head>"
        f"<body>{hint}{outline_body_html(outline)}</body></html>"
    )


def _refuse_fetch(url: str, *_args: object, **_kwargs: object) -> dict:
    raise ValueError("The document fetches nothing from outside.")


def pdf_bytes(outline: Outline) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only PDFs need

    return HTML(string=outline_html(outline), url_fetcher=_refuse_fetch).write_pdf()


# ---------------------------------------------------------------- Word

#: Characters XML 1.0 cannot hold, which python-docx refuses with an error (a 500 for the
#: download): C0 controls but tab, newline and carriage return, surrogates, U+FFFE/FFFF.
#: A vertical tab or form feed (what Word and Excel put at a line break in copied text)
#: becomes a space; the rest are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def word_text(text: str) -> str:
    """``text`` as Word can hold it: see ``_NOT_XML``."""
    return _NOT_XML.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", text)


def _add_runs(paragraph, runs: tuple[Run, ...]) -> None:  # noqa: ANN001
    for run in runs:
        added = paragraph.add_run(word_text(run.text))
        added.bold = run.bold or None
        added.italic = run.italic or None


def _field(paragraph, code: str) -> None:  # noqa: ANN001
    """A Word field (PAGE, NUMPAGES) that Word works out when it lays the pages out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def part(tag: str, **attributes: str):  # noqa: ANN202
        element = OxmlElement(tag)
        for name, value in attributes.items():
            element.set(qn(name), value)
        run._r.append(element)
        return element

    run = paragraph.add_run()
    part("w:fldChar", **{"w:fldCharType": "begin"})
    part("w:instrText", **{"xml:space": "preserve"}).text = f" {code} "
    part("w:fldChar", **{"w:fldCharType": "separate"})
    part("w:t").text = "1"  # shown until Word updates the field
    part("w:fldChar", **{"w:fldCharType": "end"})


def _a4_with_page_numbers(document) -> None:  # noqa: ANN001
    """A4 and the PDF's margins (python-docx's template is US Letter), with "Page n of m"
    centred in the footer, as the PDF has."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm, Pt

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = section.top_margin = Cm(2)
        section.bottom_margin = Cm(2.2)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")
        for run in footer.runs:
            run.font.size = Pt(9)


def _add_lines(document, element: Lines) -> None:  # noqa: ANN001
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for number, line in enumerate(element.lines, start=1):
        paragraph = document.add_paragraph(word_text(line))
        paragraph.paragraph_format.space_after = Pt(10 if number == len(element.lines) else 0)
        if element.kind == "sender":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def docx_bytes(outline: Outline) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    _a4_with_page_numbers(document)
    document.core_properties.title = word_text(outline.title)
    document.core_properties.author = ""
    if outline.title_shown:
        document.add_heading(word_text(outline.title), level=0)
    for line in outline.title_lines:
        document.add_paragraph(word_text(line))
    if outline.title_page:
        document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    for element in outline.body:
        if isinstance(element, Heading):
            document.add_heading(word_text(element.text), level=element.level)
        elif isinstance(element, Lines):
            _add_lines(document, element)
        elif isinstance(element, Text):
            for block in element.blocks:
                if isinstance(block, Paragraph):
                    _add_runs(document.add_paragraph(), block.runs)
                else:
                    style = "List Number" if block.ordered else "List Bullet"
                    for item in block.items:
                        _add_runs(document.add_paragraph(style=style), item)
        else:
            caption = document.add_paragraph()
            caption.add_run(word_text(element.caption)).bold = True
            table = document.add_table(rows=1, cols=len(element.headers))
            table.style = "Table Grid"
            for cell, heading in zip(table.rows[0].cells, element.headers, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(word_text(heading)).bold = True
            for row in element.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = word_text(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
