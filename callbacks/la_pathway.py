"""The senior HMI records an LA's pathway; the region's inspectors enter visits. The
services check who may (the LA code on the page grants nothing) and every field; on a
save the summary, pathway and monitoring parts of the page are drawn again."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, no_update

from dashboard.access import Action, authorize, require
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


def save_pathway(clicks: int, choice: Any, next_activity: Any, day: Any, reason: Any,
                 la_code: Any) -> tuple:
    if not clicks:
        return no_update, no_update
    user = require_principal()
    code = _la_code(la_code)
    require(authorize(user, Action.SET_PATHWAY, code),
            "Only a senior HMI of the local authority's region records its pathway.")
    try:
        warnings = set_pathway(user, code, choice, reason, next_activity, day)  # access first
    except FormErrors as error:
        return no_update, form_errors(error.errors, "The pathway was not saved:")
    return status_content(la_page(user, code), pathway_message="Pathway saved.",
                          warnings=tuple(warnings)), no_update


def add_visit(clicks: int, kind: Any, status: Any, day: Any, note: Any, la_code: Any) -> tuple:
    if not clicks:
        return no_update, no_update
    user = require_principal()
    code = _la_code(la_code)
    require(authorize(user, Action.RECORD_VISITS, code),
            "Only the local authority's region's inspectors enter its visits.")
    try:
        warnings = record_visit(user, code, kind, day, status, note)  # access first
    except FormErrors as error:
        return no_update, form_errors(error.errors, "The visit was not entered:")
    return status_content(la_page(user, code), visit_message="Visit entered.",
                          warnings=tuple(warnings)), no_update


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
