"""Views for the administrators' page of requests to remove a shared SEF version's words.

Only what a request says (LA, version, who asked, when, why) and its decision: never
the words. A shared version is linked, since administrators read shared versions.
"""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components.tables import header_row
from dashboard.formatting import format_date_time
from dashboard.pages.admin import ids
from dashboard.services.sef_purges import PurgeRequestRow

STATUS_TEXT = {"requested": "Waiting for a decision", "purged": "Words removed",
               "declined": "Declined: the words stay"}


def _decision(row: PurgeRequestRow) -> Component:
    if row.status != "requested":
        who = f" by {row.decided_by}" if row.decided_by else ""
        when = f" on {format_date_time(row.decided_at)}" if row.decided_at else ""
        return html.Td(f"{STATUS_TEXT.get(row.status, row.status)}{who}{when}")
    label = f"version {row.number} of {row.la_name}"
    return html.Td([
        html.Button("Confirm: remove the words",
                    id=ids.purge_decide(row.id, "confirm"),
                    n_clicks=0, type="button", className="btn btn-danger btn-sm me-2 mb-1",
                    **{"aria-label": f"Confirm removing the words of {label}"}),
        html.Button("Decline", id=ids.purge_decide(row.id, "decline"),
                    n_clicks=0, type="button", className="btn btn-outline-secondary btn-sm mb-1",
                    **{"aria-label": f"Decline removing the words of {label}"}),
    ])


def purge_request_table(rows: list[PurgeRequestRow]) -> Component:
    if not rows:
        return html.P("No local authority has asked to remove words from a shared "
                      "self-evaluation.", id="purge-none")
    return html.Table([
        html.Caption("Requests, waiting ones first"),
        header_row(("Local authority", "Version", "Asked by", "Asked on", "Reason",
                    "Decision")),
        html.Tbody([
            html.Tr([
                html.Th(row.la_name, scope="row"),
                html.Td(dcc.Link(f"Shared version {row.number}",
                                 href=f"/sef/{row.la_code}?version={row.number}")),
                html.Td(row.requested_by),
                html.Td(format_date_time(row.requested_at)),
                html.Td(row.reason),
                _decision(row),
            ], id=f"purge-row-{row.id}")
            for row in rows
        ]),
    ], className="table table-sm", id="purge-table")


def removals_page(table: Component) -> Component:
    return html.Div([
        html.H1("Removing words from shared self-evaluations"),
        html.P("A local authority may ask for the words of a version it shared with Ofsted "
               "to be removed, for example because it names a child. Confirming removes "
               "them from the database and the change history for good; the version stays "
               "as a note of who removed its words, when and why, and the region's "
               "inspectors see it. Declining keeps the words. Read the shared version "
               "before deciding."),
        html.Div(id=ids.PURGE_MESSAGE, **{"aria-live": "polite"}),
        html.Div(table, id=ids.PURGE_REQUESTS),
    ])
