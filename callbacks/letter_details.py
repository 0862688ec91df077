"""Callback of the LA's letter details form on the letter page (issue 21). Thin: the
service loads the LA from the code the page holds and checks the signed-in user against
it; the code says which LA is asked for and grants nothing."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, no_update
from dash.development.base_component import Component

from dashboard.components.alerts import done
from dashboard.pages.meetings import ids
from dashboard.pages.meetings.views import errors_list
from dashboard.services.engagement import FormErrors
from dashboard.services.letter_details import save_letter_details
from dashboard.web.auth import require_principal


def save(clicks: int, la_code: Any, dcs_name: Any, address: Any, copies: Any) -> Component:
    if not clicks:
        return no_update
    user = require_principal()
    try:
        save_letter_details(user, la_code, dcs_name, address, copies)
    except FormErrors as error:
        return errors_list(error.errors)
    return done("Letter details saved. Drafts not yet issued now use this address and copy "
                "list; a new draft is addressed to the DCS named here. To change a draft's "
                "“Addressed to”, edit it below.")


def register(app: Dash) -> None:
    app.callback(
        Output(ids.LETTER_DETAILS_MESSAGE, "children"),
        Input(ids.LETTER_DETAILS_SAVE, "n_clicks"),
        State(ids.LETTER_DETAILS_LA, "data"),
        State(ids.LETTER_DETAILS_DCS, "value"),
        State(ids.LETTER_DETAILS_ADDRESS, "value"),
        State(ids.LETTER_DETAILS_COPIES, "value"),
        prevent_initial_call=True,
    )(save)
