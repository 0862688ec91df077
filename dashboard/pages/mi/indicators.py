"""An LA's indicators: latest figures, trend and comparators (DESIGN.md section 3)."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.components.guard import guarded
from dashboard.pages.mi.views import indicators_page
from dashboard.services.mi import la_indicators, may_upload

dash.register_page(
    __name__,
    path_template="/indicators/<la_code>",
    title="Indicators - ILACS engagement",
    name="Mi indicators",
    nav_label="Indicators",
    nav_order=20,
    action=Action.VIEW_LA,
)


def _page(user: Principal, la_code: str) -> Component:
    data = la_indicators(user, la_code)
    return indicators_page(data, may_upload(user, la_code))


def layout(la_code: str = "", **_: Any) -> Component:
    return guarded(lambda user: _page(user, la_code))
