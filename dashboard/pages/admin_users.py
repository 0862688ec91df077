"""Administrators create accounts, set their role and LA or region, and deactivate them."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.access import FLAGS, ROLES, Action, Principal, Scope, roles_tied_to
from dashboard.pages._admin_views import ROLE_OPTIONS, select, text_input, users_table
from dashboard.pages._views import guarded
from dashboard.services.la_profiles import la_choices, regions_visible_to
from dashboard.services.user_admin import list_users

dash.register_page(__name__, path="/admin/users", title="Users - ILACS engagement",
                   nav_label="Users", nav_order=70, action=Action.MANAGE_USERS)


SENIOR = FLAGS["senior"]


def _plural(roles: list[str]) -> str:
    return " or ".join(ROLES[role].plural for role in roles)


def _role_fields(
    prefix: str,
    role_label: str,
    la_options: list[dict[str, str]],
    region_options: list[dict[str, str]],
) -> list[Component]:
    """Role, then the LA (LA users) or region and seniority (inspectors) it binds to."""
    return [
        select(f"{prefix}-role", role_label, ROLE_OPTIONS, "Choose a role"),
        select(f"{prefix}-la", f"Local authority ({_plural(roles_tied_to(Scope.OWN_LA))})",
               la_options, "Choose a local authority"),
        select(f"{prefix}-region", f"Ofsted region ({_plural(roles_tied_to(Scope.OWN_REGION))})",
               region_options, "Choose a region"),
        dbc.Checkbox(
            id=f"{prefix}-senior",
            label=f"{SENIOR.label[0].upper()}{SENIOR.label[1:]} ({_plural([SENIOR.role])})",
            value=False, className="mb-3",
        ),
    ]


def _submit(label: str, button_id: str) -> html.Button:
    return html.Button(label, id=button_id, className="btn btn-primary", n_clicks=0)


def _page(user: Principal) -> Component:
    rows = list_users(user)
    la_options = [{"label": name, "value": code} for code, name in la_choices(user)]
    region_options = [{"label": name, "value": code} for code, name in regions_visible_to(user)]
    user_options = [{"label": f"{r.full_name} <{r.email}>", "value": str(r.id)} for r in rows]
    create = html.Section(
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
            *_role_fields("new", "Role", la_options, region_options),
            _submit("Create account", "create-user"),
        ]
    )
    change = html.Section(
        [
            html.H2("Change a role"),
            select("edit-user", "Account", user_options, "Choose an account"),
            *_role_fields("edit", "New role", la_options, region_options),
            _submit("Save role", "save-role"),
        ]
    )
    return html.Div(
        [
            html.H1("Users"),
            html.Div(id="users-message", **{"aria-live": "polite"}),
            html.Div(users_table(rows), id="users-table-container"),
            dbc.Row([dbc.Col(create, md=6), dbc.Col(change, md=6)], className="mt-4"),
        ]
    )


def layout(**_: Any) -> Component:
    return guarded(_page)
