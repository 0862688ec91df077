"""The Annex A upload page: check and store, confirm a replacement, download problems,
withdraw an upload and undo a withdrawal.

The LA always comes from the page and every service call checks the signed-in user
may upload for it, so a hand-made request for another LA gets 403.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import BackgroundCallbackError, PreventUpdate

from dashboard.access import AccessDenied, require
from dashboard.clock import today_in_england
from dashboard.config import load_settings
from dashboard.errors import InvalidRequest, NotFound
from dashboard.formatting import format_date
from dashboard.pages._mi_views import snapshots_table, upload_result, withdrawal_done
from dashboard.services.audit import acting_as
from dashboard.services.ingest import UploadedFile, UploadLimits
from dashboard.services.mi import (
    confirm_replacement,
    discard_pending,
    list_snapshots,
    may_upload,
    problems_workbook,
    reading_step,
    snapshot_to_withdraw,
    undo_withdrawal,
    upload_annex_a,
    withdraw_snapshot,
)
from dashboard.web.auth import require_principal
from dashboard.web.background import (
    JOB_LOST_MESSAGE,
    JOBS_UNAVAILABLE,
    failures_answered,
    job_context,
    jobs_unavailable,
)
from dashboard.web.job_tickets import (
    OUT_OF_DATE,
    TicketRefused,
    current_session_tag,
    mint_ticket,
    read_ticket,
)

log = logging.getLogger(__name__)
#: Shown at once when the button is pressed, while the browser sends the files.
SENDING = "Sending the files…"


def _message(text: str, kind: str = "danger") -> Component:
    return html.Div(html.P(text), className=f"alert alert-{kind}", role="alert")


def _decode_files(contents: Any, filenames: Any) -> list[UploadedFile]:
    if (not isinstance(contents, list) or not isinstance(filenames, list)
            or len(contents) != len(filenames)):
        raise InvalidRequest("The upload is not in the expected form.")
    files = []
    for content, name in zip(contents, filenames, strict=True):
        if not isinstance(content, str) or not isinstance(name, str) or "," not in content:
            raise InvalidRequest("The upload is not in the expected form.")
        try:
            files.append(UploadedFile(name[:200], base64.b64decode(content.split(",", 1)[1],
                                                                   validate=True)))
        except (binascii.Error, ValueError) as error:
            raise InvalidRequest("The upload is not in the expected form.") from error
    return files


def show_chosen(filenames: Any) -> str:
    if not filenames:
        return "No files chosen."
    if not isinstance(filenames, list):
        raise InvalidRequest("The upload is not in the expected form.")
    return "Chosen: " + ", ".join(str(name)[:200] for name in filenames)


def start_upload(_clicks: int, filenames: Any, period: Any, la_code: Any) -> tuple:
    """In the request: who may upload, and the date, before any file is sent to a job.

    Returns a signed ticket (``dashboard.web.job_tickets``) that starts the background check
    and says at once that the files are on their way; a refusal stores nothing.
    """
    user = require_principal()
    if not isinstance(la_code, str):
        raise InvalidRequest("The page is out of date; reload it.")
    # refuse before reading a byte of someone else's upload
    require(may_upload(user, la_code), "You may not upload figures for this local authority.")
    problem = _period_problem(period)
    if problem is None and not filenames:
        problem = "Choose the file or files to upload."
    if problem is None and jobs_unavailable():  # Redis down: say so now, send nothing
        problem = JOBS_UNAVAILABLE
    if problem:
        return _message(problem), no_update
    secret = load_settings().secret_key
    tag = current_session_tag(secret)
    if tag is None:
        raise InvalidRequest("The page is out of date; reload it.")
    return SENDING, mint_ticket(secret, user, tag, la_code, str(period))


def _period_problem(period: Any) -> str | None:
    if not period:
        return "Enter the date the lists were extracted."
    try:
        period_end = date.fromisoformat(str(period))
    except ValueError:
        return "The date the lists were extracted is not a real date."
    if period_end > today_in_england():
        return "The date the lists were extracted cannot be in the future."
    return None


@failures_answered(lambda text: (_message(text), None, None, True, True, no_update))
def check_and_upload(set_progress: Callable[[str], None], ticket: Any, contents: Any,
                     filenames: Any) -> tuple:
    """In a background job: validate everything, then store in one transaction (or
    nothing), and say what happened. The job knows its user from the signed ticket
    (checked here: signature, age, the session that asked, the account still active
    in the same session) and the service checks again that they may upload for the
    ticket's LA."""
    blank = (None, None, True, True, no_update)
    settings = load_settings()
    try:
        granted = read_ticket(settings.secret_key, ticket, job_context().get("job_session"))
    except TicketRefused as refused:
        return (_message(str(refused)), *blank)
    if _period_problem(granted.period_end.isoformat()):
        return (_message(OUT_OF_DATE), *blank)
    if not contents:
        return (_message("Choose the file or files to upload."), *blank)
    user, la_code = granted.user, granted.la_code
    # the first step shows before the slow part (decoding and reading the files)
    set_progress(reading_step(len(contents) if isinstance(contents, list) else 1))
    limits = UploadLimits(max_file_bytes=settings.max_upload_mb * 1024 * 1024,
                          max_rows=settings.max_upload_rows)
    with acting_as(user):
        try:
            outcome = upload_annex_a(user, la_code, granted.period_end,
                                     _decode_files(contents, filenames), limits,
                                     progress=set_progress)
        except (AccessDenied, InvalidRequest, NotFound) as refused:
            return (_message(str(refused) or "That upload is not possible."), *blank)
        problems = [asdict(p) for p in outcome.problems] or None
        pending = outcome.snapshot_id if outcome.status == "needs_confirmation" else None
        snapshots = snapshots_table(list_snapshots(user, la_code))
    return (upload_result(outcome), problems, pending, pending is None, problems is None,
            snapshots)


def upload_stopped(error: Exception) -> tuple:
    """A job that failed or was lost (its worker killed): plain words, the button back,
    nothing stored (an upload is one transaction). Never the error's own text, which
    could quote a file."""
    if not isinstance(error, BackgroundCallbackError):
        raise error
    if JOB_LOST_MESSAGE in str(error).split("\n", 1)[0]:
        log.warning("An upload job stopped before it finished; the page said so")
    else:
        log.error("An upload job failed; the page said it stopped (see the worker's log)")
    return (_message(JOB_LOST_MESSAGE), None, None, True, True, no_update)


def answer_replacement(confirm_clicks: int, cancel_clicks: int, pending: Any,
                       la_code: Any) -> tuple:
    user = require_principal()
    if not isinstance(pending, int) or not isinstance(la_code, str):
        raise InvalidRequest("There is no upload waiting for an answer.")
    kind = "success"
    try:
        if ctx.triggered_id == "mi-confirm":
            period_end = confirm_replacement(user, pending)
            text = (f"The new figures now replace those for lists extracted on "
                    f"{format_date(period_end)}.")
        else:
            discard_pending(user, pending)
            text = "The stored figures are kept; the new upload was discarded."
    except NotFound as gone:
        text, kind = str(gone), "warning"
    return (_message(text, kind), None, True, snapshots_table(list_snapshots(user, la_code)))


def download_problems(_clicks: int, problems: Any, la_code: Any) -> dict:
    user = require_principal()
    if not isinstance(problems, list) or not isinstance(la_code, str):
        raise InvalidRequest("There are no problems to download.")
    content = problems_workbook(user, la_code, problems)
    return dcc.send_bytes(content, "annex-a-problems.xlsx")


def _pressed_snapshot() -> int:
    """The snapshot id of the Withdraw or Undo button pressed; nothing for a button that
    merely appeared (a new table fires the callback with no clicks)."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0]["value"]:
        raise PreventUpdate
    index = trigger.get("index")
    if not isinstance(index, int) or isinstance(index, bool):
        raise InvalidRequest("That button is not one of ours.")
    return index


def open_withdrawal(_clicks: list, la_code: Any) -> tuple:
    """Ask why and for confirmation; the service checks the user may withdraw first."""
    user = require_principal()
    snapshot_id = _pressed_snapshot()
    period_end, in_use = snapshot_to_withdraw(user, la_code, snapshot_id)
    if not in_use:
        return (no_update, None, "", True, "",
                _message("These figures are no longer in use; reload the page.", "warning"))
    return (f"Withdraw the figures for lists extracted on {format_date(period_end)}",
            snapshot_id, "", False, "", "")


def cancel_withdrawal(_clicks: int) -> tuple:
    return None, True, "", ""


def confirm_withdrawal(_clicks: int, snapshot_id: Any, reason: Any, la_code: Any) -> tuple:
    """Withdraw, or say what to correct with nothing stored."""
    user = require_principal()
    if snapshot_id is None:
        raise InvalidRequest("Choose the figures to withdraw.")
    outcome = withdraw_snapshot(user, la_code, snapshot_id, reason)
    if outcome.problem:
        return (_message(outcome.problem), no_update, no_update, no_update, no_update)
    return ("", None, True, withdrawal_done(outcome.period_end, outcome.earlier_stays_replaced),
            snapshots_table(list_snapshots(user, la_code)))


def undo(_clicks: list, la_code: Any) -> tuple:
    user = require_principal()
    snapshot_id = _pressed_snapshot()
    period_end, problem = undo_withdrawal(user, la_code, snapshot_id)
    table = snapshots_table(list_snapshots(user, la_code))
    if problem:
        return _message(problem, "warning"), table, None, True
    return (_message(f"The withdrawal is undone: the figures for lists extracted on "
                     f"{format_date(period_end)} count again.", "success"), table, None, True)


def register(app: Dash, manager: Any) -> None:
    app.callback(
        Output("mi-chosen", "children"),
        Input("mi-upload", "filename"),
        prevent_initial_call=True,
    )(show_chosen)
    app.callback(
        Output("mi-status", "children", allow_duplicate=True),
        Output("mi-job", "data"),
        Input("mi-submit", "n_clicks"),
        State("mi-upload", "filename"),
        State("mi-period-end", "value"),
        State("mi-la", "data"),
        prevent_initial_call=True,
    )(start_upload)
    app.callback(
        Output("mi-result", "children"),
        Output("mi-problems", "data"),
        Output("mi-pending", "data"),
        Output("mi-confirm-area", "hidden"),
        Output("mi-download-area", "hidden"),
        Output("mi-snapshots-area", "children"),
        Input("mi-job", "data"),
        State("mi-upload", "contents"),
        State("mi-upload", "filename"),
        prevent_initial_call=True,
        background=True,
        manager=manager,
        progress=Output("mi-status", "children"),
        # cleared when the job ends (Dash skips a bare empty default): "Step 3 of 3"
        # must not stay after the outcome is shown
        progress_default=[""],
        running=[(Output("mi-submit", "disabled"), True, False)],
        on_error=upload_stopped,
    )(check_and_upload)
    app.callback(
        Output("mi-result", "children", allow_duplicate=True),
        Output("mi-pending", "data", allow_duplicate=True),
        Output("mi-confirm-area", "hidden", allow_duplicate=True),
        Output("mi-snapshots-area", "children", allow_duplicate=True),
        Input("mi-confirm", "n_clicks"),
        Input("mi-cancel", "n_clicks"),
        State("mi-pending", "data"),
        State("mi-la", "data"),
        prevent_initial_call=True,
    )(answer_replacement)
    app.callback(
        Output("mi-problems-file", "data"),
        Input("mi-download-problems", "n_clicks"),
        State("mi-problems", "data"),
        State("mi-la", "data"),
        prevent_initial_call=True,
    )(download_problems)
    app.callback(
        Output("mi-withdraw-heading", "children"),
        Output("mi-withdraw-target", "data"),
        Output("mi-withdraw-reason", "value"),
        Output("mi-withdraw-form", "hidden"),
        Output("mi-withdraw-problem", "children"),
        Output("mi-withdraw-status", "children"),
        Input({"type": "mi-withdraw", "index": ALL}, "n_clicks"),
        State("mi-la", "data"),
        prevent_initial_call=True,
    )(open_withdrawal)
    app.callback(
        Output("mi-withdraw-target", "data", allow_duplicate=True),
        Output("mi-withdraw-form", "hidden", allow_duplicate=True),
        Output("mi-withdraw-reason", "value", allow_duplicate=True),
        Output("mi-withdraw-problem", "children", allow_duplicate=True),
        Input("mi-withdraw-cancel", "n_clicks"),
        prevent_initial_call=True,
    )(cancel_withdrawal)
    app.callback(
        Output("mi-withdraw-problem", "children", allow_duplicate=True),
        Output("mi-withdraw-target", "data", allow_duplicate=True),
        Output("mi-withdraw-form", "hidden", allow_duplicate=True),
        Output("mi-withdraw-status", "children", allow_duplicate=True),
        Output("mi-snapshots-area", "children", allow_duplicate=True),
        Input("mi-withdraw-confirm", "n_clicks"),
        State("mi-withdraw-target", "data"),
        State("mi-withdraw-reason", "value"),
        State("mi-la", "data"),
        prevent_initial_call=True,
    )(confirm_withdrawal)
    app.callback(
        Output("mi-withdraw-status", "children", allow_duplicate=True),
        Output("mi-snapshots-area", "children", allow_duplicate=True),
        Output("mi-withdraw-target", "data", allow_duplicate=True),
        Output("mi-withdraw-form", "hidden", allow_duplicate=True),
        Input({"type": "mi-undo", "index": ALL}, "n_clicks"),
        State("mi-la", "data"),
        prevent_initial_call=True,
    )(undo)
    # keyboard and screen-reader users land in the form when it opens, and on what
    # happened when it closes (the button they pressed has gone)
    app.clientside_callback(
        "function(hidden) { setTimeout(function () {"
        " var to = document.getElementById(hidden ? 'mi-withdraw-status'"
        " : 'mi-withdraw-reason'); if (to) { to.focus(); } }, 0);"
        " return window.dash_clientside.no_update; }",
        Output("mi-withdraw-form", "title"),
        Input("mi-withdraw-form", "hidden"),
        prevent_initial_call=True,
    )
