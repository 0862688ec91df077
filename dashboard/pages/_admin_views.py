"""Views for managing user accounts."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.access import ROLE_LABELS, ROLES, Scope, flag_labels
from dashboard.formatting import format_date
from dashboard.pages._views import header_row
from dashboard.services.user_admin import FieldError, UserRow

ROLE_OPTIONS = [{"label": label, "value": role} for role, label in ROLE_LABELS.items()]


def scope_text(row: UserRow) -> str:
    """The LA or region the account is tied to (as the access table says), with its flags."""
    tied_to = ROLES[row.role].tied_to if row.role in ROLES else None
    if tied_to is Scope.OWN_LA:
        return row.la_name or row.la_code or ""
    if tied_to is Scope.OWN_REGION:
        flags = flag_labels(row.role, {"senior": row.is_senior})
        return (row.region_name or "") + "".join(f" ({label})" for label in flags)
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
                            id={
                                "type": "toggle-active",
                                "index": row.id,
                                "activate": not row.active,
                            },
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


def problems(errors: list[FieldError], labels: dict[str, str]) -> html.Div:
    """Every problem, naming the field in plain words."""
    return html.Div(
        [
            html.Strong("There is a problem"),
            html.Ul([html.Li(f"{labels.get(e.field, e.field)}: {e.message}") for e in errors]),
        ],
        className="alert alert-danger",
        role="alert",
    )


def done(message: str) -> html.Div:
    return html.Div(message, className="alert alert-success", role="status")


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
