"""The LA page's inspection history and the inspectors' private preparation notes."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components.forms import unsaved_guard
from dashboard.components.tables import header_row
from dashboard.domain.framework import JUDGEMENT_INSPECTION_KINDS
from dashboard.domain.la_status import InspectionRecord, framework_of
from dashboard.formatting import format_date, format_date_time, grade_label, kind_label
from dashboard.pages.la import ids
from dashboard.services.inspector_notes import Note
from dashboard.services.reference_sources import SourceRecency

HISTORY_FILTERS = [
    {"label": "All inspections and visits", "value": "all"},
    {"label": "Judgement inspections only", "value": "judgements"},
    {"label": "Focused and monitoring visits only", "value": "visits"},
]


def _theme_or_note(record: InspectionRecord) -> str:
    """The theme or note; a visit an inspector entered says so and who."""
    text = record.visit_theme or record.grade_note or ""
    if record.entered_by is None:
        return text
    entered = f"Entered by an inspector ({record.entered_by}), not yet in our published sources"
    return f"{text}. {entered}" if text else entered


def _overall(record: InspectionRecord) -> str:
    """The overall grade; for inspections from April 2026, why there is none."""
    if record.overall:
        return grade_label(record.overall)
    if record.kind in JUDGEMENT_INSPECTION_KINDS and not framework_of(record).has_overall_judgement:
        return "Not given (from April 2026)"
    return "-"


def history_table(history: list[InspectionRecord]) -> html.Table:
    """Every inspection and visit with the framework version it was made under."""
    head = header_row(("Activity", "Framework", "Started", "Ended", "Published", "Overall",
                       "Theme or note"))
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(kind_label(r.kind)),
                    html.Td(framework_of(r).name),
                    html.Td(format_date(r.start_date) if r.start_date else "-"),
                    html.Td(format_date(r.end_date) if r.end_date else "-"),
                    html.Td(format_date(r.publication_date) if r.publication_date else "-"),
                    html.Td(_overall(r)),
                    html.Td(_theme_or_note(r)),
                ]
            )
            for r in reversed(history)
        ]
    )
    return html.Table(
        [html.Caption("Inspections and visits, newest first"), head, body],
        className="table table-sm table-striped",
        id="history-table",
    )

def notes_list(notes: list[Note]) -> Component:
    if not notes:
        return html.P("No notes yet.", id="notes-list")
    return html.Ul([
        html.Li([html.Strong(f"{note.author}, {format_date_time(note.written_at)}: "),
                 html.Span(note.text, className="note-text")])
        for note in notes
    ], id="notes-list", className="notes")

def notes_section(la_code: str, notes: list[Note]) -> list[Component]:
    """Inspectors' private preparation notes (never shown to the LA)."""
    return [
        html.H2("Preparation notes"),
        html.P("Private to the region's inspectors: the local authority never sees these."),
        dcc.Store(id=ids.NOTES_LA, data=la_code),
        html.Div([
            html.Label("New note", htmlFor=ids.NOTE_TEXT, className="form-label"),
            dcc.Textarea(id=ids.NOTE_TEXT, rows=3, className="form-control mb-2",
                         maxLength=5000),
            html.Button("Add note", id=ids.NOTE_ADD, n_clicks=0, type="button",
                        className="btn btn-outline-primary mb-2"),
        ], **unsaved_guard(f"{ids.NOTE_ADD}.n_clicks")),
        html.Div(id=ids.NOTE_MESSAGE, role="status"),
        html.Div(notes_list(notes), id=ids.NOTES),
    ]


def history_section(la_code: str) -> list[Component]:
    """The inspection history, filled in by a callback once the filter is known."""
    return [
        html.H2("Inspection history", id="history"),
        dcc.Store(id=ids.HISTORY_LA, data=la_code),
        dbc.Label("Show", html_for=ids.HISTORY_FILTER),
        dbc.Select(id=ids.HISTORY_FILTER, options=HISTORY_FILTERS, value="all"),
        html.Div(id=ids.HISTORY_CONTENT, **{"aria-live": "polite"}),
    ]


def sources_section(sources: list[SourceRecency]) -> list[Component]:
    """How recent our sources are, and which figures on this page each one gives."""
    rows = [
        html.Tr([
            html.Td([s.title, *([] if s.official else
                                [" ", html.Strong("(unofficial)", className="unofficial")])]),
            html.Td(s.as_at),
            html.Td(format_date(s.snapshot)),
            html.Td(s.uses),
        ])
        for s in sources
    ]
    return [
        html.H2("How recent our sources are", id="sources"),
        html.P("Public data, read from a copy (snapshot) of each source taken on the date "
               "shown; anything published since is not here yet. Unofficial sources were "
               "compiled by third parties and may be wrong."),
        html.Table(
            [html.Caption("Sources of this page"),
             header_row(("Source", "As at", "Snapshot taken", "Used on this page for")),
             html.Tbody(rows)],
            className="table table-sm", id="la-sources",
        ),
    ]
