"""Uploading an LA's Annex A lists (framework paras 246-253)."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.config import load_settings
from dashboard.pages._mi_views import snapshots_table, withdrawal_form
from dashboard.pages._views import guarded
from dashboard.services.mi import upload_page

dash.register_page(
    __name__,
    path_template="/upload/<la_code>",
    title="Upload management information - ILACS engagement",
    nav_label="Upload MI",
    nav_order=30,
    action=Action.UPLOAD_MI,
)


def _page(user: Principal, la_code: str) -> Component:
    la_name, snapshots = upload_page(user, la_code)
    max_mb = load_settings().max_upload_mb
    return html.Div([
        html.H1(f"Upload management information: {la_name}", id="mi-upload-title"),
        html.P("Upload the Annex A child-level lists you prepare for inspections. We check "
               "every sheet, row and column before anything is stored, and then work out the "
               "indicators from them."),
        html.Ul([
            html.Li("One Excel workbook (.xlsx) with a sheet per list, or one file per list "
                    "(.xlsx or .csv). Sheets are recognised by name (\u201cList 3\u201d, "
                    "\u201cReferrals\u201d) or by their headings."),
            html.Li("Lists 1 to 10 are needed. List 11 (adopters) and a \u201cWorkforce\u201d "
                    "sheet (one row per team) are optional."),
            html.Li(f"Up to {max_mb} MB in all. Dates as 31/01/2025 or Excel dates; DfE codes "
                    "or the Annex A template's wording."),
        ]),
        html.P([html.Strong("What we keep: "),
                "only the figures and the counts behind them, with who uploaded them and "
                "when. The child-level rows are used to work out the figures and are then "
                "discarded; they are never stored."], className="note", id="mi-retention"),
        dcc.Link("What each indicator counts", href="/indicators"),
        html.H2("Upload"),
        dcc.Store(id="mi-la", data=la_code),
        dcc.Store(id="mi-job"),
        dcc.Store(id="mi-problems"),
        dcc.Store(id="mi-pending"),
        html.Div([
            dbc.Label(["Date the lists were extracted",
                       html.Span(" (the last day the lists cover)", className="form-text")],
                      html_for="mi-period-end"),
            dcc.Input(id="mi-period-end", type="date", required=True, className="form-control"),
        ], className="mb-3"),
        html.Div([
            html.Span("Files", className="form-label d-block", id="mi-files-label"),
            dcc.Upload(
                id="mi-upload",
                multiple=True,
                max_size=max_mb * 1024 * 1024,
                accept=".xlsx,.csv",
                children=html.Div(["Drag the files here, or ",
                                   html.Span("choose files", className="upload-link")]),
                className="upload-area",
            ),
            html.P("No files chosen.", id="mi-chosen",
                   **{"aria-live": "polite", "data-max-bytes": str(max_mb * 1024 * 1024)}),
        ], className="mb-3"),
        dbc.Button("Check and upload", id="mi-submit", color="primary", n_clicks=0),
        html.P("", id="mi-status", role="status", className="mt-2"),
        dcc.Loading(html.Div(id="mi-result", **{"aria-live": "polite"}), type="default"),
        html.Div([
            dbc.Button("Replace the stored figures", id="mi-confirm", color="warning",
                       className="me-2", n_clicks=0),
            dbc.Button("Keep the stored figures", id="mi-cancel", color="secondary",
                       n_clicks=0),
        ], id="mi-confirm-area", hidden=True, className="mb-3"),
        html.Div([
            dbc.Button("Download the problems (Excel)", id="mi-download-problems",
                       color="secondary", n_clicks=0),
            dcc.Download(id="mi-problems-file"),
        ], id="mi-download-area", hidden=True, className="mb-3"),
        html.H2("Figures stored"),
        html.P("Withdraw an upload that should not count (a wrong file, a test upload): "
               "its figures leave every figure and trend at once. You can undo a "
               "withdrawal for 30 days."),
        dcc.Store(id="mi-withdraw-target"),
        html.Div(id="mi-withdraw-status", tabIndex=-1, **{"aria-live": "polite"}),
        html.Div(snapshots_table(snapshots), id="mi-snapshots-area"),
        withdrawal_form(),
        html.P(dcc.Link("See the indicators", href=f"/indicators/{la_code}")),
    ])


def layout(la_code: str = "", **_: Any) -> Component:
    return guarded(lambda user: _page(user, la_code))
