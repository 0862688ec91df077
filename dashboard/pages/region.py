"""One Ofsted region: every LA with its latest judgement and next inspection window."""

from __future__ import annotations

from typing import Any

import dash
from dash import html
from dash.development.base_component import Component

from dashboard.access import Principal
from dashboard.la_profiles import get_region_overview
from dashboard.pages._views import guarded, region_table

dash.register_page(
    __name__, path_template="/region/<region_code>", title="Region - ILACS engagement"
)


def _page(user: Principal, region_code: str) -> Component:
    overview = get_region_overview(user, region_code)
    return html.Div([html.H1(overview.region_name, id="region-name"), region_table(overview)])


def layout(region_code: str = "", **_: Any) -> Component:
    return guarded(lambda user: _page(user, region_code))
