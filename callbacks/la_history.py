"""The inspection history table on an LA's page."""

from __future__ import annotations

from dash import Dash, Input, Output, html
from dash.development.base_component import Component

from dashboard.domain.la_status import filter_history
from dashboard.errors import InvalidRequest
from dashboard.pages.la import ids
from dashboard.pages.la.views import history_table
from dashboard.services.la_profiles import get_inspection_history
from dashboard.web.auth import require_principal


def show_history(la_code: str, which: str) -> Component:
    """The LA comes from the page, so the service checks the user may see it (403 if not)."""
    if not isinstance(which, str):
        raise InvalidRequest("Choose what to show.")
    records = filter_history(get_inspection_history(require_principal(), la_code), which)
    if not records:
        return html.P("No inspections or visits of this kind are on record.")
    return history_table(records)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.HISTORY_CONTENT, "children"),
        Input(ids.HISTORY_LA, "data"),
        Input(ids.HISTORY_FILTER, "value"),
    )(show_history)
