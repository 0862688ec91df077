"""Administrators search the audit trail: who changed what, when, before and after."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.pages._admin_views import select, text_input
from dashboard.pages._audit_views import audit_table, results_note
from dashboard.pages._views import guarded
from dashboard.services.audit import SEARCH_LIMIT, AuditQuery, entity_names, search_audit
from dashboard.services.la_profiles import la_choices

dash.register_page(__name__, path="/admin/audit", title="Audit trail - ILACS engagement",
                   nav_label="Audit trail", nav_order=90, action=Action.SEARCH_AUDIT_TRAIL)


def results(user: Principal, query: AuditQuery) -> list[Component]:
    found = search_audit(user, query)
    return [results_note(len(found.entries), found.more, SEARCH_LIMIT),
            audit_table(found.entries, "Changes, newest first")]


def _date(input_id: str, label: str) -> html.Div:
    return html.Div([
        dbc.Label(label, html_for=input_id),
        dcc.Input(id=input_id, type="date", className="form-control"),
    ], className="mb-3")


def _page(user: Principal) -> Component:
    initial = results(user, AuditQuery())
    la_options = [{"label": name, "value": code} for code, name in la_choices(user)]
    entity_options = [{"label": name, "value": name} for name in entity_names()]
    filters = html.Section([
        html.H2("Search"),
        dbc.Row([
            dbc.Col(select("audit-la", "Local authority", la_options, "Any"), md=4),
            dbc.Col(select("audit-entity", "What changed", entity_options, "Anything"), md=4),
            dbc.Col(text_input("audit-person", "Who (part of a name)"), md=4),
        ]),
        dbc.Row([
            dbc.Col(text_input("audit-text", "Containing (words in the change)"), md=4),
            dbc.Col(_date("audit-since", "From (date)"), md=4),
            dbc.Col(_date("audit-until", "To (date)"), md=4),
        ]),
        html.Button("Search", id="audit-search", className="btn btn-primary", n_clicks=0),
    ], className="mb-4")
    return html.Div([
        html.H1("Audit trail"),
        html.P("Every change to a self-evaluation, an upload, an agenda, a meeting record, "
               "a letter or an account: who made it, when, and each field before and "
               "after. Words that may identify a child are removed; passwords are never "
               "recorded."),
        filters,
        html.Div(id="audit-message", **{"aria-live": "polite"}),
        html.Div(initial, id="audit-results"),
    ])


def layout(**_: Any) -> Component:
    return guarded(_page)
