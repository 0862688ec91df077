"""Views of the administrators' audit search: the filters and the results."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components.audit_table import audit_table
from dashboard.pages.admin import ids
from dashboard.pages.admin.users_views import select, text_input
from dashboard.services.audit import SEARCH_LIMIT, AuditResults


def results_note(count: int, more: bool, limit: int) -> Component:
    if more:
        return html.P(f"Showing the newest {limit} changes. Narrow the search to see older "
                      "ones.", id="audit-count", role="status")
    return html.P(f"{count} change(s) found.", id="audit-count", role="status")


def audit_results(found: AuditResults) -> list[Component]:
    return [results_note(len(found.entries), found.more, SEARCH_LIMIT),
            audit_table(found.entries, "Changes, newest first")]


def _date(input_id: str, label: str) -> html.Div:
    return html.Div([
        dbc.Label(label, html_for=input_id),
        dcc.Input(id=input_id, type="date", className="form-control"),
    ], className="mb-3")


def audit_page(initial: list[Component], la_options: list[dict[str, str]],
               entity_options: list[dict[str, str]]) -> Component:
    filters = html.Section([
        html.H2("Search"),
        dbc.Row([
            dbc.Col(select(ids.AUDIT_LA, "Local authority", la_options, "Any"), md=4),
            dbc.Col(select(ids.AUDIT_ENTITY, "What changed", entity_options, "Anything"),
                    md=4),
            dbc.Col(text_input(ids.AUDIT_PERSON, "Who (part of a name)"), md=4),
        ]),
        dbc.Row([
            dbc.Col(text_input(ids.AUDIT_TEXT, "Containing (words in the change)"), md=4),
            dbc.Col(_date(ids.AUDIT_SINCE, "From (date)"), md=4),
            dbc.Col(_date(ids.AUDIT_UNTIL, "To (date)"), md=4),
        ]),
        html.Button("Search", id=ids.AUDIT_SEARCH, className="btn btn-primary", n_clicks=0),
    ], className="mb-4")
    return html.Div([
        html.H1("Audit trail"),
        html.P("Every change to a self-evaluation, an upload, an agenda, a meeting record, "
               "a letter or an account: who made it, when, and each field before and "
               "after. Words that may identify a child are removed; passwords are never "
               "recorded."),
        filters,
        html.Div(id=ids.AUDIT_MESSAGE, **{"aria-live": "polite"}),
        html.Div(initial, id=ids.AUDIT_RESULTS),
    ])
