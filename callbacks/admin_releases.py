"""Loading a newer DfE release: name the file chosen, check it (nothing stored), load it.

Every callback asks the access policy first (administrators only), on the server, before
reading anything the browser sent; the services ask again. "Load" reads the same bytes
again and refuses unless they, and what they would change, are what the check showed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import date
from typing import Any

from dash import Dash, Input, Output, State, no_update

from dashboard.access import can_load_published_release, require
from dashboard.config import load_settings
from dashboard.errors import InvalidRequest
from dashboard.pages.admin.releases import ids
from dashboard.pages.admin.releases.views import (
    check_result,
    load_result,
    refused,
    releases_table,
)
from dashboard.services.audit import acting_as
from dashboard.services.ingest import UploadLimits
from dashboard.services.published_releases import (
    REFUSED_MESSAGE,
    check_release,
    list_releases,
    load_release,
)
from dashboard.web.auth import require_principal


def _admin() -> Any:
    user = require_principal()
    require(can_load_published_release(user), REFUSED_MESSAGE)
    return user


def _limits() -> UploadLimits:
    settings = load_settings()
    return UploadLimits(max_file_bytes=settings.max_upload_mb * 1024 * 1024,
                        max_rows=settings.max_upload_rows)


def _decode(contents: Any, filename: Any) -> tuple[str, bytes]:
    if not isinstance(contents, str) or not isinstance(filename, str) or "," not in contents:
        raise InvalidRequest("The upload is not in the expected form.")
    try:
        return filename[:200], base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError) as error:
        raise InvalidRequest("The upload is not in the expected form.") from error


def show_chosen(filename: Any) -> str:
    _admin()
    if filename is not None and not isinstance(filename, str):
        raise InvalidRequest("The upload is not in the expected form.")
    return f"Chosen: {filename[:200]}" if filename else "No file chosen."


def check(_clicks: int, contents: Any, filename: Any) -> tuple[Any, Any]:
    """Step 1: the problems and what loading would change; nothing stored."""
    user = _admin()
    if not contents:
        return refused("Choose DfE's CSV file first."), None
    name, content = _decode(contents, filename)
    result = check_release(user, name, content, _limits())
    checked = ({"sha256": result.sha256, "digest": result.digest} if result.loadable
               else None)
    return check_result(result), checked


def _next_update(value: Any, what: str = "when DfE next updates it") -> date | str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InvalidRequest("The date is not in the expected form.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        return f"Enter {what} as a date, like 30/09/2027, or leave it empty."


def load(_clicks: int, contents: Any, filename: Any, checked: Any,
         next_update: Any, published_on: Any = None) -> tuple[Any, Any]:
    """Step 2: store what the check showed, or say why not."""
    user = _admin()
    if not contents:
        return refused("Choose DfE's CSV file and check it first."), no_update
    if not isinstance(checked, dict) or not isinstance(checked.get("digest"), str):
        return refused("Check the file first: nothing is loaded before you have seen "
                       "what it changes."), no_update
    name, content = _decode(contents, filename)
    if hashlib.sha256(content).hexdigest() != checked.get("sha256"):
        return refused("This is not the file you checked. Check it before loading."), no_update
    day = _next_update(next_update)
    if isinstance(day, str):
        return refused(day), no_update
    published = _next_update(published_on, "the day DfE published it")
    if isinstance(published, str):
        return refused(published), no_update
    with acting_as(user):
        outcome = load_release(user, name, content, checked["digest"], day, _limits(),
                               published_on=published)
    return load_result(outcome), releases_table(list_releases(user))


def register(app: Dash) -> None:
    app.callback(
        Output(ids.CHOSEN, "children"),
        Input(ids.UPLOAD, "filename"),
        prevent_initial_call=True,
    )(show_chosen)
    app.callback(
        Output(ids.RESULT, "children"),
        Output(ids.CHECKED, "data"),
        Input(ids.CHECK, "n_clicks"),
        State(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        prevent_initial_call=True,
    )(check)
    app.callback(
        Output(ids.LOADED, "children"),
        Output(ids.HISTORY, "children"),
        Input(ids.LOAD, "n_clicks"),
        State(ids.UPLOAD, "contents"),
        State(ids.UPLOAD, "filename"),
        State(ids.CHECKED, "data"),
        State(ids.NEXT_UPDATE, "value"),
        State(ids.PUBLISHED_ON, "value"),
        prevent_initial_call=True,
    )(load)
