"""Administrators confirm or decline an LA's request to remove the words of a version it
shared with Ofsted (issue 15): what Ofsted was given is not the LA's alone to erase."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.components.guard import guarded
from dashboard.pages.admin.removals_views import purge_request_table, removals_page
from dashboard.services.sef_purges import purge_requests

dash.register_page(__name__, path="/admin/sef-removals",
                   title="Removing words from shared SEFs - ILACS engagement",
                   name="Admin sef removals",
                   nav_label="SEF word removals", nav_order=100,
                   action=Action.CONFIRM_SEF_PURGE)


def _page(user: Principal) -> Component:
    rows = purge_requests(user)  # refuses anyone but administrators
    return removals_page(purge_request_table(rows))


def layout(**_: Any) -> Component:
    return guarded(_page)
