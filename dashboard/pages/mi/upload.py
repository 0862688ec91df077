"""Uploading an LA's Annex A lists (framework paras 246-253)."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.components.guard import guarded
from dashboard.config import load_settings
from dashboard.pages.mi.views import upload_page
from dashboard.services.mi import upload_page as upload_page_data

dash.register_page(
    __name__,
    path_template="/upload/<la_code>",
    title="Upload management information - ILACS engagement",
    name="Mi upload",
    nav_label="Upload MI",
    nav_order=30,
    action=Action.UPLOAD_MI,
)


def _page(user: Principal, la_code: str) -> Component:
    la_name, snapshots = upload_page_data(user, la_code)
    return upload_page(la_name, la_code, snapshots, load_settings().max_upload_mb)


def layout(la_code: str = "", **_: Any) -> Component:
    return guarded(lambda user: _page(user, la_code))
