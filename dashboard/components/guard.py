"""Every page is built for the signed-in user, or refused without showing any data."""

from __future__ import annotations

from collections.abc import Callable

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.access import AccessDenied, Principal
from dashboard.errors import NotFound
from dashboard.web.auth import current_principal


def refusal(message: str, title: str = "You do not have access to this page") -> html.Div:
    return html.Div(
        [html.H1(title), html.P(message), dcc.Link("Go to your home page", href="/")],
        className="refusal",
        id="refusal",
    )

def guarded(build: Callable[[Principal], Component]) -> Component:
    """Build a page for the signed-in user, or a refusal that shows no data."""
    user = current_principal()
    if user is None:
        return refusal("Sign in to continue.", "Sign in to continue")
    try:
        return build(user)
    except AccessDenied as error:
        return refusal(str(error))
    except NotFound as error:
        return refusal(str(error), "Page not found")
