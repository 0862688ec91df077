"""The meeting record and the focused-visit scope planner: the region's inspectors only."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Principal
from dashboard.components.guard import guarded
from dashboard.pages.meetings.record_views import record_page
from dashboard.services.engagement import meeting_id_from_path, open_record
from dashboard.services.fv_planner import plan_scope

dash.register_page(__name__, path_template="/record/<meeting_id>",
                   title="Meeting record - ILACS engagement", name="Meeting record")


def _page(user: Principal, meeting_id: str) -> Component:
    number = meeting_id_from_path(meeting_id)
    view = open_record(user, number)
    return record_page(view, plan_scope(user, number))


def layout(meeting_id: str = "", **_: Any) -> Component:
    return guarded(lambda user: _page(user, meeting_id))
