"""The administrators' audit search. The service refuses anyone else."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import Dash, Input, Output, State, no_update

from dashboard.components import alerts
from dashboard.errors import InvalidRequest
from dashboard.pages.admin import ids
from dashboard.pages.admin.audit_views import audit_results
from dashboard.services.audit import AuditQuery, require_audit_search, search_audit
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
        return alerts.alert(str(problem), alerts.ERROR), no_update
    return "", audit_results(search_audit(user, query))


def register(app: Dash) -> None:
    app.callback(
        Output(ids.AUDIT_MESSAGE, "children"),
        Output(ids.AUDIT_RESULTS, "children"),
        Input(ids.AUDIT_SEARCH, "n_clicks"),
        State(ids.AUDIT_LA, "value"),
        State(ids.AUDIT_ENTITY, "value"),
        State(ids.AUDIT_PERSON, "value"),
        State(ids.AUDIT_TEXT, "value"),
        State(ids.AUDIT_SINCE, "value"),
        State(ids.AUDIT_UNTIL, "value"),
        prevent_initial_call=True,
    )(search)
