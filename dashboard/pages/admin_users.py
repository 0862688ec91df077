"""Administrators create accounts, set their role and LA or region, and deactivate them."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.access import Principal
from dashboard.la_profiles import la_choices, regions_visible_to
from dashboard.pages._admin_views import ROLE_OPTIONS, select, text_input, users_table
from dashboard.pages._views import guarded
from dashboard.user_admin import list_users

dash.register_page(__name__, path="/admin/users", title="Users - ILACS engagement")


def _page(user: Principal) -> Component:
    rows = list_users(user)
    la_options = [{"label": name, "value": code} for code, name in la_choices(user)]
    region_options = [{"label": name, "value": code} for code, name in regions_visible_to(user)]
    user_options = [{"label": f"{r.full_name} <{r.email}>", "value": str(r.id)} for r in rows]
    choose_la, choose_region = "Choose a local authority", "Choose a region"
    return html.Div(
        [
            html.H1("Users"),
            html.Div(id="users-message", **{"aria-live": "polite"}),
            html.Div(users_table(rows), id="users-table-container"),
            dbc.Row(
                [
                    dbc.Col(
                        html.Section(
                            [
                                html.H2("Create an account"),
                                text_input("new-name", "Full name", autocomplete="name"),
                                text_input("new-email", "Email address", "email", "email"),
                                text_input(
                                    "new-password",
                                    "Initial password (at least 12 characters)",
                                    "password",
                                    "new-password",
                                ),
                                select("new-role", "Role", ROLE_OPTIONS, "Choose a role"),
                                select(
                                    "new-la", "Local authority (LA users)", la_options, choose_la
                                ),
                                select(
                                    "new-region",
                                    "Ofsted region (inspectors)",
                                    region_options,
                                    choose_region,
                                ),
                                dbc.Checkbox(
                                    id="new-senior",
                                    label="Senior HMI (inspectors)",
                                    value=False,
                                    className="mb-3",
                                ),
                                html.Button(
                                    "Create account",
                                    id="create-user",
                                    className="btn btn-primary",
                                    n_clicks=0,
                                ),
                            ]
                        ),
                        md=6,
                    ),
                    dbc.Col(
                        html.Section(
                            [
                                html.H2("Change a role"),
                                select("edit-user", "Account", user_options, "Choose an account"),
                                select("edit-role", "New role", ROLE_OPTIONS, "Choose a role"),
                                select(
                                    "edit-la", "Local authority (LA users)", la_options, choose_la
                                ),
                                select(
                                    "edit-region",
                                    "Ofsted region (inspectors)",
                                    region_options,
                                    choose_region,
                                ),
                                dbc.Checkbox(
                                    id="edit-senior",
                                    label="Senior HMI (inspectors)",
                                    value=False,
                                    className="mb-3",
                                ),
                                html.Button(
                                    "Save role",
                                    id="save-role",
                                    className="btn btn-primary",
                                    n_clicks=0,
                                ),
                            ]
                        ),
                        md=6,
                    ),
                ],
                className="mt-4",
            ),
        ]
    )


def layout(**_: Any) -> Component:
    return guarded(_page)
