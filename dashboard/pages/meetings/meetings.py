"""An LA's annual engagement meetings, and scheduling one (framework paras 39-48)."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Action
from dashboard.clock import today_in_england
from dashboard.components.guard import guarded
from dashboard.pages.meetings.views import meetings_page
from dashboard.services.engagement import list_meetings

dash.register_page(__name__, path_template="/meetings/<la_code>",
                   title="Engagement meetings - ILACS engagement",
                   nav_label="Engagement meetings", nav_order=50,
                   action=Action.SEE_MEETINGS)


def layout(la_code: str = "", **_: Any) -> Component:
    return guarded(lambda user: meetings_page(list_meetings(user, la_code), today_in_england()))
