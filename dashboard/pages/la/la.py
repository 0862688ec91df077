"""One local authority: context, latest judgement, pathway and inspection history."""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.components.guard import guarded
from dashboard.pages.la import ids
from dashboard.pages.la.pathway_views import status_content
from dashboard.pages.la.views import history_section, notes_section, sources_section
from dashboard.services.la_page import la_page

dash.register_page(
    __name__, path_template="/la/<la_code>", title="Local authority - ILACS engagement",
    nav_label="Our local authority", nav_order=10, action=Action.VIEW_LA,
)


def _page(user: Principal, la_code: str) -> Component:
    page = la_page(user, la_code)
    profile = page.profile
    return html.Div(
        [
            html.Div(status_content(page), id=ids.LA_STATUS),
            html.H2("Management information"),
            html.Ul([
                html.Li(dcc.Link("Indicators from the Annex A lists",
                                 href=f"/indicators/{profile.la_code}", id="link-indicators")),
                *([html.Li(dcc.Link("Upload management information",
                                    href=f"/upload/{profile.la_code}", id="link-upload"))]
                  if page.may_upload else []),
            ]),
            html.H2("Self-evaluation"),
            html.P(dcc.Link("The self-evaluation (SEF)" if profile.status.sef_expected is not False
                            else "The self-evaluation (SEF): not expected yet",
                            href=f"/sef/{profile.la_code}", id="link-sef")),
            *([html.H2("Annual engagement meetings"),
               html.P(dcc.Link("Meetings, agendas and letters",
                               href=f"/meetings/{profile.la_code}", id="link-meetings"))]
              if page.may_see_meetings else []),
            *(notes_section(profile.la_code, page.notes) if page.notes is not None else []),
            *history_section(profile.la_code),
            *sources_section(page.sources),
        ]
    )


def layout(la_code: str = "", **_: Any) -> Component:
    return guarded(lambda user: _page(user, la_code))
