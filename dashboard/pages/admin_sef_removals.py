"""Administrators confirm or decline an LA's request to remove the words of a version it
shared with Ofsted (issue 15): what Ofsted was given is not the LA's alone to erase."""

from __future__ import annotations

from typing import Any

import dash
from dash import html
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.pages._admin_purge_views import purge_request_table
from dashboard.pages._views import guarded
from dashboard.services.sef_purges import purge_requests

dash.register_page(__name__, path="/admin/sef-removals",
                   title="Removing words from shared SEFs - ILACS engagement",
                   nav_label="SEF word removals", nav_order=100,
                   action=Action.CONFIRM_SEF_PURGE)


def _page(user: Principal) -> Component:
    rows = purge_requests(user)  # refuses anyone but administrators
    return html.Div([
        html.H1("Removing words from shared self-evaluations"),
        html.P("A local authority may ask for the words of a version it shared with Ofsted "
               "to be removed, for example because it names a child. Confirming removes "
               "them from the database and the change history for good; the version stays "
               "as a note of who removed its words, when and why, and the region's "
               "inspectors see it. Declining keeps the words. Read the shared version "
               "before deciding."),
        html.Div(id="purge-message", **{"aria-live": "polite"}),
        html.Div(purge_request_table(rows), id="purge-requests"),
    ])


def layout(**_: Any) -> Component:
    return guarded(_page)
