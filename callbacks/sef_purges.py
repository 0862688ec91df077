"""Removing a SEF version's words (issue 15): the LA's form in the versions panel, and
the administrators' decisions on requests for shared versions.

Thin: each callback calls the purge service, which checks who is asking (the LA's own
users purge or ask; administrators decide). The LA code and numbers in the page only
say which version is meant; they grant nothing.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from dash.development.base_component import Component

from dashboard.domain.sef import sef_to_dict
from dashboard.errors import InvalidRequest
from dashboard.pages._admin_purge_views import PURGE_DECIDE, purge_request_table
from dashboard.pages._sef_views import (
    PURGE_OPEN,
    purge_done,
    purge_form,
    purge_requested,
    saved_text,
    sef_form,
    versions_panel,
)
from dashboard.services.sef import list_versions, open_sef, valid_version_number
from dashboard.services.sef_purges import decide_purge, purge_requests, purge_target, remove_words
from dashboard.web.auth import require_principal


def _la(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidRequest("The page is out of date; reload it.")
    return value


def open_purge(clicks: list, la_code: Any) -> Component:
    """The form for the version whose "Remove words…" button was pressed."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0].get("value"):
        return no_update  # a button just drawn, not clicked
    user = require_principal()
    info = purge_target(user, _la(la_code), trigger.get("number"))
    return purge_form(info.number, info.shared_at is not None)


def confirm_purge(clicks: int, number: Any, reason: Any, look_for: Any,
                  la_code: Any) -> tuple:
    """Remove the words (or ask to). If the editor's own version lost its words, the
    editor is redrawn from the latest version with words, so no one saves them again."""
    if not clicks:
        return (no_update,) * 6
    user = require_principal()
    la_code = _la(la_code)
    if not valid_version_number(number):
        raise InvalidRequest("The page is out of date; reload it.")
    result = remove_words(user, la_code, number, reason, look_for)
    if result.status == "invalid":
        info = purge_target(user, la_code, number)
        form = purge_form(number, info.shared_at is not None,
                          reason if isinstance(reason, str) else "",
                          look_for if isinstance(look_for, str) else "", result.message)
        return form, no_update, no_update, no_update, no_update, no_update
    versions = versions_panel(la_code, list_versions(user, la_code), True)
    if result.status == "requested":
        return purge_requested(number), versions, no_update, no_update, no_update, no_update
    page = open_sef(user, la_code)
    message = purge_done(number, result.still_holding, page.words_from, result.was_head)
    if not result.was_head:
        return message, versions, no_update, no_update, no_update, no_update
    form = sef_form(page.sef, page.indicator_choices, page.changed_figures)
    return (message, versions, form, sef_to_dict(page.sef), page.head_number,
            saved_text(page.head_number, page.versions))


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
    message = html.Div(html.P(text, className="mb-0"), className="alert alert-success",
                       role="status")
    return message, purge_request_table(purge_requests(user))


def register(app: Dash) -> None:
    app.callback(
        Output("sef-purge-panel", "children", allow_duplicate=True),
        Input({"type": PURGE_OPEN, "number": ALL}, "n_clicks"),
        State("sef-la", "data"),
        prevent_initial_call=True,
    )(open_purge)
    app.callback(
        Output("sef-purge-panel", "children", allow_duplicate=True),
        Output("sef-versions", "children", allow_duplicate=True),
        Output("sef-form", "children", allow_duplicate=True),
        Output("sef-doc", "data", allow_duplicate=True),
        Output("sef-base", "data", allow_duplicate=True),
        Output("sef-status", "children", allow_duplicate=True),
        Input("sef-purge-confirm", "n_clicks"),
        State("sef-purge-number", "data"),
        State("sef-purge-reason", "value"),
        State("sef-purge-look-for", "value"),
        State("sef-la", "data"),
        prevent_initial_call=True,
    )(confirm_purge)
    app.callback(
        Output("purge-message", "children"),
        Output("purge-requests", "children"),
        Input({"type": PURGE_DECIDE, "id": ALL, "decision": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )(decide)
