"""Who changed this LA's self-evaluation and how: for the LA's own users (issue 8)."""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components.audit_table import audit_table
from dashboard.components.guard import guarded
from dashboard.services.audit import sef_trail

dash.register_page(__name__, path_template="/sef-history/<la_code>",
                   title="SEF history - ILACS engagement", name="Sef history")


def layout(la_code: str = "", **_: Any) -> Component:
    def page(user: Any) -> Component:
        entries = sef_trail(user, la_code)
        return html.Div([
            html.H1("Self-evaluation: who changed what"),
            html.P(dcc.Link("Back to the self-evaluation", href=f"/sef/{la_code}")),
            html.P("Every save and share of the self-evaluation, newest first, with the "
                   "parts each save changed. Words that may identify a child are removed."),
            audit_table(entries, "Changes to the self-evaluation, newest first",
                        show_la=False),
        ])

    return guarded(page)
