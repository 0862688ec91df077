"""One Ofsted region: every LA with its status, for planning the year (paras 42, 47)."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.clock import today_in_england
from dashboard.components.guard import guarded
from dashboard.pages.region.views import overview_page
from dashboard.services.region_overview import region_rows

dash.register_page(
    __name__, path_template="/region/<region_code>", title="Region - ILACS engagement",
    nav_label="Our region", nav_order=60, action=Action.VIEW_REGION,
)


def _page(user: Principal, region_code: str) -> Component:
    today = today_in_england()
    return overview_page(region_rows(user, region_code, today), today)


def layout(region_code: str = "", **_: Any) -> Component:
    return guarded(lambda user: _page(user, region_code))
