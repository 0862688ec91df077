"""Removing a SEF version's words (issue 15): the LA's form in the versions panel (the
administrators' decisions are in ``callbacks.admin_sef_removals``).

Thin: each callback calls the purge service, which checks who is asking (the LA's own
users purge or ask). The LA code and numbers in the page only say which version is
meant; they grant nothing.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.development.base_component import Component

from dashboard.domain.sef import sef_to_dict
from dashboard.errors import InvalidRequest
from dashboard.pages.sef import ids
from dashboard.pages.sef.versions import (
    purge_done,
    purge_form,
    purge_requested,
    versions_panel,
)
from dashboard.pages.sef.views import saved_text, sef_form
from dashboard.services.sef import list_versions, open_sef, valid_version_number
from dashboard.services.sef_purges import purge_target, remove_words
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


#: What removing words may change on the page, by name.
PURGE_OUTPUTS = {
    "panel": Output(ids.PURGE_PANEL, "children", allow_duplicate=True),
    "versions": Output(ids.VERSIONS, "children", allow_duplicate=True),
    "form": Output(ids.FORM, "children", allow_duplicate=True),
    "doc": Output(ids.DOC, "data", allow_duplicate=True),
    "base": Output(ids.BASE, "data", allow_duplicate=True),
    "status": Output(ids.STATUS, "children", allow_duplicate=True),
}


def _purged(**changed: Any) -> dict[str, Any]:
    return dict.fromkeys(PURGE_OUTPUTS, no_update) | changed


def confirm_purge(clicks: int, number: Any, reason: Any, look_for: Any,
                  la_code: Any) -> dict[str, Any]:
    """Remove the words (or ask to). If the editor's own version lost its words, the
    editor is redrawn from the latest version with words, so no one saves them again."""
    if not clicks:
        return _purged()
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
        return _purged(panel=form)
    versions = versions_panel(la_code, list_versions(user, la_code), True)
    if result.status == "requested":
        return _purged(panel=purge_requested(number), versions=versions)
    page = open_sef(user, la_code)
    message = purge_done(number, result.still_holding, page.words_from, result.was_head)
    if not result.was_head:
        return _purged(panel=message, versions=versions)
    form = sef_form(page.sef, page.indicator_choices, page.changed_figures)
    return _purged(panel=message, versions=versions, form=form, doc=sef_to_dict(page.sef),
                   base=page.head_number, status=saved_text(page.head_number, page.versions))


def register(app: Dash) -> None:
    app.callback(
        Output(ids.PURGE_PANEL, "children", allow_duplicate=True),
        Input(ids.purge_open(ALL), "n_clicks"),
        State(ids.LA, "data"),
        prevent_initial_call=True,
    )(open_purge)
    app.callback(
        output=PURGE_OUTPUTS,
        inputs={"clicks": Input(ids.PURGE_CONFIRM, "n_clicks"),
                "number": State(ids.PURGE_NUMBER, "data"),
                "reason": State(ids.PURGE_REASON, "value"),
                "look_for": State(ids.PURGE_LOOK_FOR, "value"),
                "la_code": State(ids.LA, "data")},
        prevent_initial_call=True,
    )(confirm_purge)
