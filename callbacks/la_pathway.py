"""The senior HMI records an LA's pathway; the region's inspectors enter visits. The
services check who may (the LA code on the page grants nothing) and every field; on a
save the summary, pathway and monitoring parts of the page are drawn again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash import Dash, Input, Output, State, no_update

from dashboard.access import Action, Principal, authorize, require
from dashboard.components.forms import form_errors
from dashboard.errors import InvalidRequest
from dashboard.pages.la import ids
from dashboard.pages.la.pathway_views import status_content
from dashboard.services.engagement import FormErrors
from dashboard.services.la_page import la_page
from dashboard.services.pathways import record_visit, set_pathway
from dashboard.web.auth import require_principal


def _la_code(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidRequest("The page is out of date; reload it.")
    return value


def _saved(clicks: int, la_code: Any, action: Action, refusal: str,
           save: Callable[[Principal, str], list[str]], failed: str,
           **message: str) -> tuple:
    """Check the click and the user, save, and draw the status parts again with the
    message and any warnings; on a form problem, only the problems."""
    if not clicks:
        return no_update, no_update
    user = require_principal()
    code = _la_code(la_code)
    require(authorize(user, action, code), refusal)
    try:
        warnings = save(user, code)  # the service checks access again, first
    except FormErrors as error:
        return no_update, form_errors(error.errors, failed)
    return status_content(la_page(user, code), warnings=tuple(warnings), **message), no_update


def save_pathway(clicks: int, choice: Any, next_activity: Any, day: Any, reason: Any,
                 la_code: Any) -> tuple:
    return _saved(
        clicks, la_code, Action.SET_PATHWAY,
        "Only a senior HMI of the local authority's region records its pathway.",
        lambda user, code: set_pathway(user, code, choice, reason, next_activity, day),
        "The pathway was not saved:", pathway_message="Pathway saved.")


def add_visit(clicks: int, kind: Any, status: Any, day: Any, note: Any, la_code: Any) -> tuple:
    return _saved(
        clicks, la_code, Action.RECORD_VISITS,
        "Only the local authority's region's inspectors enter its visits.",
        lambda user, code: record_visit(user, code, kind, day, status, note),
        "The visit was not entered:", visit_message="Visit entered.")


def register(app: Dash) -> None:
    app.callback(
        Output(ids.LA_STATUS, "children", allow_duplicate=True),
        Output(ids.PATHWAY_MESSAGE, "children"),
        Input(ids.PATHWAY_SAVE, "n_clicks"),
        State(ids.PATHWAY_CHOICE, "value"),
        State(ids.PATHWAY_NEXT, "value"),
        State(ids.PATHWAY_DATE, "value"),
        State(ids.PATHWAY_REASON, "value"),
        State(ids.PATHWAY_LA, "data"),
        prevent_initial_call=True,
    )(save_pathway)
    app.callback(
        Output(ids.LA_STATUS, "children", allow_duplicate=True),
        Output(ids.VISIT_MESSAGE, "children"),
        Input(ids.VISIT_ADD, "n_clicks"),
        State(ids.VISIT_KIND, "value"),
        State(ids.VISIT_STATUS, "value"),
        State(ids.VISIT_DATE, "value"),
        State(ids.VISIT_NOTE, "value"),
        State(ids.VISIT_LA, "data"),
        prevent_initial_call=True,
    )(add_visit)
