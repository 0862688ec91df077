"""The app's validation layout: every feature's skeleton beside Dash's page container.

Pages are built per request for the signed-in user, so the components their callbacks
name are not in any layout Dash sees at start-up. Each feature package has a
``skeleton()`` that draws them with its own builders, no user and no service call;
``tests/test_validation_layout.py`` checks every id in the callback map is here.
"""

from __future__ import annotations

import dash
from dash import html

from dashboard.pages.admin.skeleton import skeleton as admin
from dashboard.pages.la.skeleton import skeleton as la
from dashboard.pages.meetings.skeleton import skeleton as meetings
from dashboard.pages.mi.skeleton import skeleton as mi
from dashboard.pages.region.skeleton import skeleton as region
from dashboard.pages.sef.skeleton import skeleton as sef

FEATURES = (la, mi, sef, meetings, region, admin)


def validation_layout() -> html.Div:
    return html.Div([dash.page_container, *[part for feature in FEATURES
                                            for part in feature()]])
