"""Every component of the administrators' pages their callbacks name, for the app's
validation layout: built by the pages' own builders, with one made-up account and one
made-up request so that their pattern-matching buttons are drawn."""

from __future__ import annotations

from datetime import datetime

from dash.development.base_component import Component

from dashboard.pages.admin.audit_views import audit_page
from dashboard.pages.admin.releases.views import skeleton as releases
from dashboard.pages.admin.removals_views import purge_request_table, removals_page
from dashboard.pages.admin.users_views import users_page
from dashboard.services.sef_purges import PurgeRequestRow
from dashboard.services.user_admin import UserRow

_AT = datetime(2000, 1, 1)


def skeleton() -> list[Component]:
    account = UserRow(1, "", "", "admin", None, None, None, None, False, False, True, None)
    request = PurgeRequestRow(1, "", "", 1, "requested", "", _AT, "", None, None)
    return [users_page([account], [], []), audit_page([], [], []),
            removals_page(purge_request_table([request])), *releases()]
