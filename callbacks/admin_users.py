"""Creating accounts, changing roles and deactivating accounts."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard.components.alerts import done
from dashboard.errors import InvalidRequest
from dashboard.pages.admin import ids
from dashboard.pages.admin.users_views import problems, users_table
from dashboard.services.user_admin import (
    FieldError,
    create_user,
    list_users,
    normalise_email,
    set_active,
    set_role,
)
from dashboard.web.auth import require_principal

FIELD_LABELS = {
    "email": "Email address",
    "full_name": "Full name",
    "password": "Initial password",
    "role": "Role",
    "la_code": "Local authority",
    "region_code": "Ofsted region",
    "user": "Account",
}


def create_account(
    _clicks: int,
    full_name: str | None,
    email: str | None,
    password: str | None,
    role: str | None,
    la_code: str | None,
    region_code: str | None,
    is_senior: bool | None,
    is_dcs: bool | None,
) -> tuple[Any, Any, Any]:
    actor = require_principal()
    errors = create_user(
        actor,
        email=email or "",
        full_name=full_name or "",
        role=role or "",
        password=password or "",
        la_code=la_code or None,
        region_code=region_code or None,
        is_senior=bool(is_senior),
        is_dcs=bool(is_dcs),
    )
    if errors:
        return problems(errors, FIELD_LABELS), no_update, ""
    return (
        done(f"Account created for {normalise_email(email)}."),
        users_table(list_users(actor)),
        "",
    )


def toggle_active(_clicks: list[int]) -> tuple[Any, Any]:
    actor = require_principal()
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0]["value"]:
        raise PreventUpdate
    if not isinstance(trigger.get("index"), int) or not isinstance(trigger.get("activate"), bool):
        raise InvalidRequest("That button is not one of ours.")
    errors = set_active(actor, int(trigger["index"]), bool(trigger["activate"]))
    if errors:
        return problems(errors, FIELD_LABELS), no_update
    word = "reactivated" if trigger["activate"] else "deactivated"
    return done(f"Account {word}."), users_table(list_users(actor))


def save_role(
    _clicks: int,
    user_id: str | None,
    role: str | None,
    la_code: str | None,
    region_code: str | None,
    is_senior: bool | None,
    is_dcs: bool | None,
) -> tuple[Any, Any]:
    actor = require_principal()
    if not isinstance(user_id, str) or not user_id.isdigit():
        return problems(
            [FieldError("user", "Choose the account to change.")], FIELD_LABELS
        ), no_update
    errors = set_role(
        actor,
        int(user_id),
        role=role or "",
        la_code=la_code or None,
        region_code=region_code or None,
        is_senior=bool(is_senior),
        is_dcs=bool(is_dcs),
    )
    if errors:
        return problems(errors, FIELD_LABELS), no_update
    return done("Role saved."), users_table(list_users(actor))


def register(app: Dash) -> None:
    message = Output(ids.USERS_MESSAGE, "children", allow_duplicate=True)
    table = Output(ids.USERS_TABLE_CONTAINER, "children", allow_duplicate=True)
    app.callback(
        message,
        table,
        Output(ids.NEW_PASSWORD, "value"),
        Input(ids.CREATE_USER, "n_clicks"),
        State(ids.NEW_NAME, "value"),
        State(ids.NEW_EMAIL, "value"),
        State(ids.NEW_PASSWORD, "value"),
        State(ids.NEW.role, "value"),
        State(ids.NEW.la, "value"),
        State(ids.NEW.region, "value"),
        State(ids.NEW.senior, "value"),
        State(ids.NEW.dcs, "value"),
        prevent_initial_call=True,
    )(create_account)
    app.callback(
        message,
        table,
        Input(ids.toggle_active(ALL, ALL), "n_clicks"),
        prevent_initial_call=True,
    )(toggle_active)
    app.callback(
        message,
        table,
        Input(ids.SAVE_ROLE, "n_clicks"),
        State(ids.EDIT_USER, "value"),
        State(ids.EDIT.role, "value"),
        State(ids.EDIT.la, "value"),
        State(ids.EDIT.region, "value"),
        State(ids.EDIT.senior, "value"),
        State(ids.EDIT.dcs, "value"),
        prevent_initial_call=True,
    )(save_role)
