"""The letter after the meeting (para 48): the inspectors' draft, lint and issue; the
LA's users read it once issued, never before."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.components.guard import guarded
from dashboard.pages.meetings.letter_views import letter_page
from dashboard.services.engagement import meeting_id_from_path
from dashboard.services.engagement_letters import open_letter

dash.register_page(__name__, path_template="/letter/<meeting_id>",
                   title="Engagement letter - ILACS engagement", name="Meeting letter")


def layout(meeting_id: str = "", **_: Any) -> Component:
    return guarded(lambda user: letter_page(open_letter(user, meeting_id_from_path(meeting_id))))
