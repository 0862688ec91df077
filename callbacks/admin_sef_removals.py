"""The administrators' decisions on requests to remove a shared SEF version's words
(issue 15). The purge service refuses anyone but administrators; the request id in the
button only says which request is meant."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, ctx, html, no_update

from dashboard.components import alerts
from dashboard.errors import InvalidRequest
from dashboard.pages.admin import ids
from dashboard.pages.admin.removals_views import purge_request_table
from dashboard.services.sef_purges import decide_purge, purge_requests
from dashboard.web.auth import require_principal


def decide(clicks: list, _la_filter: Any = None) -> tuple:
    """An administrator confirms or declines a request for a shared version."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0].get("value"):
        return no_update, no_update
    user = require_principal()
    confirm = trigger.get("decision") == "confirm"
    if trigger.get("decision") not in ("confirm", "decline"):
        raise InvalidRequest("The page sent an action it does not have; reload it.")
    result = decide_purge(user, trigger.get("id"), confirm)
    if confirm:
        text = f"The words of version {result.number} were removed."
        if result.still_holding:
            listed = ", ".join(str(n) for n in result.still_holding)
            text += (f" Version(s) {listed} of this local authority's SEF still contain "
                     "words the check found in it: tell the local authority, so they can "
                     "remove them too.")
    else:
        text = f"The request for version {result.number} was declined; its words stay."
    message = alerts.alert(html.P(text, className="mb-0"), alerts.SUCCESS)
    return message, purge_request_table(purge_requests(user))


def register(app: Dash) -> None:
    app.callback(
        Output(ids.PURGE_MESSAGE, "children"),
        Output(ids.PURGE_REQUESTS, "children"),
        Input(ids.purge_decide(ALL, ALL), "n_clicks"),
        prevent_initial_call=True,
    )(decide)
