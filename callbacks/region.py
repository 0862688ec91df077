"""Regional overview callbacks: filter the table, download it as Excel.

The download asks the service, which checks the signed-in user may see the region;
the region code from the page grants nothing.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, dcc, no_update

from dashboard.errors import InvalidRequest
from dashboard.pages.region import ids
from dashboard.pages.region.views import GRID_OPTIONS
from dashboard.services.region_overview import overview_workbook
from dashboard.web.auth import require_principal


def filter_table(text: Any) -> dict:
    """Ag Grid's quick filter: rows with the words anywhere. Only the browser's own rows."""
    require_principal()
    if text is not None and not isinstance(text, str):
        raise InvalidRequest("The filter is not in the expected form.")
    return {**GRID_OPTIONS, "quickFilterText": (text or "")[:200]}


def download(clicks: int, region_code: Any) -> Any:
    if not clicks:
        return no_update
    user = require_principal()
    if not isinstance(region_code, str):
        raise InvalidRequest("The page is out of date; reload it.")
    name, content = overview_workbook(user, region_code)
    return dcc.send_bytes(content, name)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.GRID, "dashGridOptions"),
        Input(ids.FILTER, "value"),
        prevent_initial_call=True,
    )(filter_table)
    app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.EXPORT, "n_clicks"),
        State(ids.REGION_CODE, "data"),
        prevent_initial_call=True,
    )(download)
