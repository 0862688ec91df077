"""Administrators create accounts, set their role and LA or region, and deactivate them."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.components.guard import guarded
from dashboard.pages.admin.users_views import users_page
from dashboard.services.la_profiles import la_choices, regions_visible_to
from dashboard.services.user_admin import list_users

dash.register_page(__name__, path="/admin/users", title="Users - ILACS engagement",
                   name="Admin users",
                   nav_label="Users", nav_order=70, action=Action.MANAGE_USERS)


def _page(user: Principal) -> Component:
    rows = list_users(user)
    la_options = [{"label": name, "value": code} for code, name in la_choices(user)]
    region_options = [{"label": name, "value": code} for code, name in regions_visible_to(user)]
    return users_page(rows, la_options, region_options)


def layout(**_: Any) -> Component:
    return guarded(_page)
