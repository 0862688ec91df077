"""Home: each role lands on what it works with."""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.access import Action, Place, Principal, permits
from dashboard.components.guard import guarded
from dashboard.components.la_summary import la_summary
from dashboard.pages.home.views import region_table
from dashboard.services.la_profiles import get_la_profile, get_region_overview, regions_visible_to

dash.register_page(__name__, path="/", title="Home - ILACS engagement", name="Home",
                   nav_label="Home", nav_order=0)


def _home(user: Principal) -> Component:
    if user.la_code and permits(user, Action.VIEW_LA, la=Place(user.la_code, user.region_code)):
        return html.Div(
            [
                la_summary(get_la_profile(user, user.la_code)),
                dcc.Link("Inspection history", href=f"/la/{user.la_code}#history"),
            ],
            id="home-la",
        )
    if user.region_code and permits(user, Action.VIEW_REGION, region_code=user.region_code):
        overview = get_region_overview(user, user.region_code)
        return html.Div(
            [
                html.H1(overview.region_name, id="home-region"),
                html.P("Every local authority in your region, with its latest judgement."),
                region_table(overview),
            ]
        )
    if not permits(user, Action.MANAGE_USERS):
        return html.P("There is nothing for this account to see yet. Ask an administrator.")
    return html.Div(
        [
            html.H1("Administration", id="home-admin"),
            html.P("Manage who can sign in, and open any region or local authority."),
            html.Ul(
                [
                    html.Li(dcc.Link("Manage users", href="/admin/users", id="link-users")),
                    *[
                        html.Li(dcc.Link(f"Region: {name}", href=f"/region/{code}"))
                        for code, name in regions_visible_to(user)
                    ],
                ]
            ),
        ]
    )


def layout(**_: Any) -> Component:
    return guarded(_home)
