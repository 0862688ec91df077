"""One annual engagement meeting: its agenda, agreed by both sides (para 47), proposals,
comments and who attends (para 46)."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.clock import today_in_england
from dashboard.components.guard import guarded
from dashboard.pages.meetings.views import meeting_page
from dashboard.services.engagement import meeting_id_from_path, open_meeting

dash.register_page(__name__, path_template="/meeting/<meeting_id>",
                   title="Engagement meeting - ILACS engagement")


def layout(meeting_id: str = "", **_: Any) -> Component:
    return guarded(lambda user: meeting_page(
        open_meeting(user, meeting_id_from_path(meeting_id)), today_in_england()))
