"""Administrators load a newer DfE release of the published figures from DfE's CSV."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.components.guard import guarded
from dashboard.config import load_settings
from dashboard.pages.admin.releases.views import releases_page
from dashboard.services.published_releases import list_releases

dash.register_page(__name__, path="/admin/releases",
                   title="Load a DfE release - ILACS engagement", name="Admin releases",
                   nav_label="DfE releases", nav_order=95,
                   action=Action.LOAD_PUBLISHED_RELEASE)


def _page(user: Principal) -> Component:
    rows = list_releases(user)  # refuses anyone but an administrator
    settings = load_settings()
    return releases_page(rows, settings.max_upload_mb, settings.max_upload_rows)


def layout(**_: Any) -> Component:
    return guarded(_page)
