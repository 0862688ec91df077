"""The administrators' audit search. The service refuses anyone else."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import Dash, Input, Output, State, html, no_update

from dashboard.errors import InvalidRequest
from dashboard.pages.admin_audit import results
from dashboard.services.audit import AuditQuery, require_audit_search
from dashboard.web.auth import require_principal

MAX_FILTER = 200


def _text(value: Any, label: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidRequest("The page is out of date; reload it.")
    if len(value) > MAX_FILTER:
        raise ValueError(f"“{label}” is too long: use at most {MAX_FILTER} characters.")
    return value


def _day(value: Any, label: str) -> date | None:
    text = _text(value, label)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"“{label}” is not a real date.") from error


def search(_clicks: int, la_code: Any, entity: Any, person: Any, text: Any, since: Any,
           until: Any) -> tuple:
    user = require_principal()
    try:
        query = AuditQuery(la_code=_text(la_code, "Local authority") or None,
                           entity=_text(entity, "What changed") or None,
                           person=_text(person, "Who"), text=_text(text, "Containing"),
                           since=_day(since, "From"), until=_day(until, "To"))
        if query.since and query.until and query.since > query.until:
            raise ValueError("“From” must be on or before “To”.")
    except ValueError as problem:
        require_audit_search(user)
        return html.Div(str(problem), className="alert alert-danger", role="alert"), no_update
    return "", results(user, query)


def register(app: Dash) -> None:
    app.callback(
        Output("audit-message", "children"),
        Output("audit-results", "children"),
        Input("audit-search", "n_clicks"),
        State("audit-la", "value"),
        State("audit-entity", "value"),
        State("audit-person", "value"),
        State("audit-text", "value"),
        State("audit-since", "value"),
        State("audit-until", "value"),
        prevent_initial_call=True,
    )(search)
