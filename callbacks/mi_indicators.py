"""The indicators page: one indicator's charts (with its funnel plot where DfE publishes
the counts), drawn only when its row is opened, and a theme's further published
measures, drawn only when asked for.

The LA comes from the page, so the service checks the signed-in user may see it
(403 if not) on every opening and closing.
"""

from __future__ import annotations

from typing import Any

from dash import MATCH, Dash, Input, Output, State, ctx, html
from dash.development.base_component import Component

from dashboard.errors import InvalidRequest, NotFound
from dashboard.pages.mi import ids
from dashboard.pages.mi.summary import find_row, more_rows, theme_key
from dashboard.pages.mi.views import (
    chart_button_text,
    funnel_chart,
    indicator_card,
    more_button_text,
    more_table,
)
from dashboard.services.mi import la_indicators
from dashboard.services.published import funnel_plot
from dashboard.web.auth import require_principal


def _pressed(n_clicks: Any, la_code: Any, what: str) -> Any:
    """The pressed button's index, once the request is the shape the page sends."""
    if not isinstance(la_code, str) or not isinstance(n_clicks, int):
        raise InvalidRequest(f"Choose {what}.")
    trigger = ctx.triggered_id
    return trigger.get("index") if isinstance(trigger, dict) else None


def toggle_chart(n_clicks: Any, la_code: Any) -> tuple[Component | None, bool, list]:
    """Odd clicks open the row and draw its charts; even clicks close it again."""
    indicator_id = _pressed(n_clicks, la_code, "an indicator")
    data = la_indicators(require_principal(), la_code)
    row = find_row(data, indicator_id) if isinstance(indicator_id, str) else None
    if row is None:
        raise NotFound("No such indicator.")
    if n_clicks % 2 == 0:
        return None, True, chart_button_text(False, row.name)
    plot = (funnel_plot(require_principal(), la_code, indicator_id)
            if row.has_funnel else None)
    funnel = funnel_chart(plot, row) if plot is not None else None
    return (html.Td(indicator_card(row, data.la_name, funnel), colSpan=10), False,
            chart_button_text(True, row.name))


def toggle_more(n_clicks: Any, la_code: Any) -> tuple[Component | None, list]:
    """Odd clicks draw a theme's further published measures; even clicks hide them."""
    key = _pressed(n_clicks, la_code, "a theme")
    data = la_indicators(require_principal(), la_code)
    theme, rows = next(((theme, rows) for theme, rows in more_rows(data).items()
                        if theme_key(theme) == key), (None, []))
    if theme is None:
        raise NotFound("No such theme.")
    if n_clicks % 2 == 0:
        return None, more_button_text(False, len(rows), theme)
    return more_table(theme, rows, data.la_name), more_button_text(True, len(rows), theme)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.chart_row(MATCH), "children"),
        Output(ids.chart_row(MATCH), "hidden"),
        Output(ids.chart_open(MATCH), "children"),
        Input(ids.chart_open(MATCH), "n_clicks"),
        State(ids.INDICATORS_LA, "data"),
        prevent_initial_call=True,
    )(toggle_chart)
    app.callback(
        Output(ids.more_area(MATCH), "children"),
        Output(ids.more_open(MATCH), "children"),
        Input(ids.more_open(MATCH), "n_clicks"),
        State(ids.INDICATORS_LA, "data"),
        prevent_initial_call=True,
    )(toggle_more)
