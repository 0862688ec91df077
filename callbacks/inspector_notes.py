"""Adding an inspector's private note on an LA. The service checks the signed-in user is
an inspector of the LA's region; the LA code on the page grants nothing."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, html, no_update

from dashboard.errors import InvalidRequest
from dashboard.pages.la import ids
from dashboard.pages.la.views import notes_list
from dashboard.services.inspector_notes import add_note, list_notes
from dashboard.web.auth import require_principal


def add(clicks: int, text: Any, la_code: Any) -> tuple:
    if not clicks:
        return no_update, no_update, no_update
    user = require_principal()
    if not isinstance(la_code, str):
        raise InvalidRequest("The page is out of date; reload it.")
    try:
        add_note(user, la_code, text)  # checks access first, then the text
    except InvalidRequest as error:
        return no_update, html.P(str(error), className="text-danger"), no_update
    return notes_list(list_notes(user, la_code)), html.P("Note added."), ""


def register(app: Dash) -> None:
    app.callback(
        Output(ids.NOTES, "children"),
        Output(ids.NOTE_MESSAGE, "children"),
        Output(ids.NOTE_TEXT, "value"),
        Input(ids.NOTE_ADD, "n_clicks"),
        State(ids.NOTE_TEXT, "value"),
        State(ids.NOTES_LA, "data"),
        prevent_initial_call=True,
    )(add)
