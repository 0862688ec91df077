"""The regions the user may open (admins: all eight)."""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.components.guard import guarded
from dashboard.services.la_profiles import regions_visible_to

dash.register_page(__name__, path="/regions", title="Regions - ILACS engagement",
                   nav_label="Regions", nav_order=80, action=Action.VIEW_REGION)


def _page(user: Principal) -> Component:
    regions = regions_visible_to(user)
    return html.Div(
        [
            html.H1("Ofsted regions"),
            html.Ul(
                [html.Li(dcc.Link(name, href=f"/region/{code}")) for code, name in regions]
                or [html.Li("No regions are open to you.")],
                id="region-list",
            ),
        ]
    )


def layout(**_: Any) -> Component:
    return guarded(_page)
