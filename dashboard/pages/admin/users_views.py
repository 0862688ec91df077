"""Views for managing user accounts."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.access import FLAGS, ROLE_LABELS, ROLES, Scope, flag_labels, roles_tied_to
from dashboard.components.forms import form_errors
from dashboard.components.tables import header_row
from dashboard.formatting import format_date
from dashboard.pages.admin import ids
from dashboard.services.user_admin import FieldError, UserRow

ROLE_OPTIONS = [{"label": label, "value": role} for role, label in ROLE_LABELS.items()]


def scope_text(row: UserRow) -> str:
    """The LA or region the account is tied to (as the access table says), with its flags."""
    tied_to = ROLES[row.role].tied_to if row.role in ROLES else None
    flags = "".join(f" ({label})" for label in flag_labels(
        row.role, {"senior": row.is_senior, "dcs": row.is_dcs}))
    if tied_to is Scope.OWN_LA:
        return (row.la_name or row.la_code or "") + flags
    if tied_to is Scope.OWN_REGION:
        return (row.region_name or "") + flags
    return "All"


def users_table(rows: list[UserRow]) -> html.Table:
    head = header_row(
        (
            "Name",
            "Email",
            "Role",
            "Local authority or region",
            "Status",
            "Last sign-in",
            "Action",
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(row.full_name, scope="row"),
                    html.Td(row.email),
                    html.Td(ROLE_LABELS[row.role]),
                    html.Td(scope_text(row)),
                    html.Td("Active" if row.active else "Deactivated"),
                    html.Td(
                        format_date(row.last_login_at.date()) if row.last_login_at else "Never"
                    ),
                    html.Td(
                        html.Button(
                            ("Deactivate " if row.active else "Reactivate ") + row.email,
                            id=ids.toggle_active(row.id, not row.active),
                            className="btn btn-sm "
                            + ("btn-outline-danger" if row.active else "btn-outline-primary"),
                            n_clicks=0,
                        )
                    ),
                ],
                className="" if row.active else "inactive",
            )
            for row in rows
        ]
    )
    return html.Table(
        [html.Caption("Accounts"), head, body],
        className="table table-sm",
        id="users-table",
    )


def problems(errors: list[FieldError], labels: dict[str, str]) -> Component:
    """Every problem, naming the field in plain words."""
    return form_errors([f"{labels.get(e.field, e.field)}: {e.message}" for e in errors],
                       "There is a problem")


def select(select_id: str, label: str, options: list[dict[str, str]], placeholder: str) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=select_id),
            dbc.Select(id=select_id, options=options, placeholder=placeholder),
        ],
        className="mb-3",
    )


def text_input(
    input_id: str, label: str, kind: str = "text", autocomplete: str = "off"
) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=input_id),
            dbc.Input(id=input_id, type=kind, autocomplete=autocomplete),
        ],
        className="mb-3",
    )


def _flag_box(box_id: str, name: str, hint: str = "") -> dbc.Checkbox:
    flag = FLAGS[name]
    label = f"{flag.label[0].upper()}{flag.label[1:]} ({_plural([flag.role])}{hint})"
    return dbc.Checkbox(id=box_id, label=label, value=False, className="mb-3")


def _plural(roles: list[str]) -> str:
    return " or ".join(ROLES[role].plural for role in roles)


def _role_fields(
    fields: ids.RoleFields,
    role_label: str,
    la_options: list[dict[str, str]],
    region_options: list[dict[str, str]],
) -> list[Component]:
    """Role, then the LA (LA users) or region (inspectors) it binds to, and the flags:
    the senior HMI, and the DCS or someone the DCS named to act for them (para 47)."""
    return [
        select(fields.role, role_label, ROLE_OPTIONS, "Choose a role"),
        select(fields.la, f"Local authority ({_plural(roles_tied_to(Scope.OWN_LA))})",
               la_options, "Choose a local authority"),
        select(fields.region, f"Ofsted region ({_plural(roles_tied_to(Scope.OWN_REGION))})",
               region_options, "Choose a region"),
        _flag_box(fields.senior, "senior"),
        _flag_box(fields.dcs, "dcs", ": the DCS, or someone the DCS named to act for them; "
                  "agrees engagement agendas for the LA"),
    ]


def _submit(label: str, button_id: str) -> html.Button:
    return html.Button(label, id=button_id, className="btn btn-primary", n_clicks=0)


def users_page(
    rows: list[UserRow],
    la_options: list[dict[str, str]],
    region_options: list[dict[str, str]],
) -> Component:
    user_options = [{"label": f"{r.full_name} <{r.email}>", "value": str(r.id)} for r in rows]
    create = html.Section(
        [
            html.H2("Create an account"),
            text_input(ids.NEW_NAME, "Full name", autocomplete="name"),
            text_input(ids.NEW_EMAIL, "Email address", "email", "email"),
            text_input(
                ids.NEW_PASSWORD,
                "Initial password (at least 12 characters)",
                "password",
                "new-password",
            ),
            *_role_fields(ids.NEW, "Role", la_options, region_options),
            _submit("Create account", ids.CREATE_USER),
        ]
    )
    change = html.Section(
        [
            html.H2("Change a role"),
            select(ids.EDIT_USER, "Account", user_options, "Choose an account"),
            *_role_fields(ids.EDIT, "New role", la_options, region_options),
            _submit("Save role", ids.SAVE_ROLE),
        ]
    )
    return html.Div(
        [
            html.H1("Users"),
            html.Div(id=ids.USERS_MESSAGE, **{"aria-live": "polite"}),
            html.Div(users_table(rows), id=ids.USERS_TABLE_CONTAINER),
            dbc.Row([dbc.Col(create, md=6), dbc.Col(change, md=6)], className="mt-4"),
        ]
    )
