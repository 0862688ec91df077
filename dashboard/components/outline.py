"""A document outline on screen: the same outline the print, PDF and Word outputs walk
(the SEF's versions and the engagement letter)."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from dashboard.components.tables import header_row
from dashboard.domain.sef_outline import Heading, Lines, Outline, Table, Text
from dashboard.domain.sef_text import ListBlock, Paragraph, Run


def _runs(runs: tuple[Run, ...]) -> list[Component | str]:
    out: list[Component | str] = []
    for run in runs:
        piece: Component | str = run.text
        if run.italic:
            piece = html.Em(piece)
        if run.bold:
            piece = html.Strong(piece)
        out.append(piece)
    return out

def outline_components(outline: Outline) -> list[Component]:
    """The document on screen: the same outline the print, PDF and Word outputs walk."""
    headings = {1: html.H2, 2: html.H3, 3: html.H4}
    out: list[Component] = []
    for element in outline.body:
        if isinstance(element, Heading):
            out.append(headings[element.level](element.text))
        elif isinstance(element, Lines):
            out.append(html.Div([html.Div(line) for line in element.lines],
                                className=f"mb-3 letter-{element.kind}"
                                + (" text-end" if element.kind == "sender" else "")))
        elif isinstance(element, Text):
            for block in element.blocks:
                if isinstance(block, Paragraph):
                    out.append(html.P(_runs(block.runs)))
                elif isinstance(block, ListBlock):
                    tag = html.Ol if block.ordered else html.Ul
                    out.append(tag([html.Li(_runs(item)) for item in block.items]))
        elif isinstance(element, Table):
            out.append(html.Table([
                html.Caption(element.caption),
                header_row(element.headers),
                html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in element.rows]),
            ], className="table table-sm"))
    return out
