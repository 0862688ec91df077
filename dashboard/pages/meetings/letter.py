"""The letter after the meeting (para 48): the inspectors' draft, lint and issue; the
LA's users read it once issued, never before."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Principal
from dashboard.components.guard import guarded
from dashboard.pages.meetings.letter_views import letter_page
from dashboard.services.engagement import meeting_id_from_path
from dashboard.services.engagement_letters import open_letter
from dashboard.services.letter_details import letter_details, may_edit_letter_details

dash.register_page(__name__, path_template="/letter/<meeting_id>",
                   title="Engagement letter - ILACS engagement", name="Meeting letter")


def _page(user: Principal, meeting_id: str) -> Component:
    page = open_letter(user, meeting_id_from_path(meeting_id))
    details = (letter_details(user, page.la_code)
               if may_edit_letter_details(user, page.la_code) else None)
    return letter_page(page, details)


def layout(meeting_id: str = "", **_: Any) -> Component:
    return guarded(lambda user: _page(user, meeting_id))
