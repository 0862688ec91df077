"""Shown for any address that is not a page."""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html
from dash.development.base_component import Component

dash.register_page(__name__, path="/404", title="Page not found - ILACS engagement")


def layout(**_: Any) -> Component:
    return html.Div(
        [
            html.H1("Page not found"),
            html.P("Check the address, or go back to your home page."),
            dcc.Link("Go to your home page", href="/"),
        ]
    )
