"""The Annex A upload page: check the files (nothing stored), map the LA's own codes and
check again, choose the date (confirming one far from the lists) and store, confirm a
replacement, download problems, withdraw an upload and undo a withdrawal.

The LA always comes from the page and every callback, and the service it calls, checks
the signed-in user may upload for it, so a hand-made request for another LA gets 403.
Checking and storing run in the same background job; its signed ticket says which.
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

from dashboard.access import AccessDenied, Action, authorize, require
from dashboard.clock import today_in_england
from dashboard.components import alerts
from dashboard.config import load_settings
from dashboard.domain.extraction_date import extraction_date_confirmation
from dashboard.errors import InvalidRequest, NotFound
from dashboard.formatting import format_date
from dashboard.pages.mi import ids
from dashboard.pages.mi.views import (
    local_codes_form,
    snapshots_table,
    upload_result,
    withdrawal_done,
)
from dashboard.services.audit import acting_as
from dashboard.services.ingest import UploadedFile, UploadLimits
from dashboard.services.mi import (
    CHECKED,
    NEEDS_CONFIRMATION,
    NEEDS_DATE_CONFIRMATION,
    REFUSED,
    STORED,
    UploadOutcome,
    check_annex_a,
    confirm_replacement,
    discard_pending,
    list_snapshots,
    may_upload,
    problems_workbook,
    reading_step,
    save_local_codes,
    snapshot_to_withdraw,
    undo_withdrawal,
    upload_annex_a,
    withdraw_snapshot,
)
from dashboard.web.auth import require_principal
from dashboard.web.background import (
    JOB_LOST_MESSAGE,
    JOBS_UNAVAILABLE,
    NO_WORKER,
    claim_once,
    failures_answered,
    job_context,
    jobs_unavailable,
    workers_running,
)
from dashboard.web.job_tickets import (
    ALREADY_USED,
    CHECK,
    OUT_OF_DATE,
    STORE,
    TicketRefused,
    current_session_tag,
    mint_ticket,
    read_ticket,
)

log = logging.getLogger(__name__)
#: Shown at once when the button is pressed, while the browser sends the files.
SENDING = "Sending the files…"


def _message(text: str, kind: str = alerts.ERROR) -> Component:
    return alerts.alert(html.P(text), kind)


#: What the upload job may change on the page, by name. The status line is among them:
#: every answer (checked, stored, refused, waiting, stopped, lost) empties it, so a step
#: never stays beside an outcome even when the renderer's progress default is not applied.
JOB_OUTPUTS = {
    "status": Output(ids.STATUS, "children", allow_duplicate=True),
    "result": Output(ids.RESULT, "children"),
    "problems": Output(ids.PROBLEMS, "data"),
    "pending": Output(ids.PENDING, "data"),
    "confirm_hidden": Output(ids.CONFIRM_AREA, "hidden"),
    "confirm_disabled": Output(ids.CONFIRM, "disabled", allow_duplicate=True),
    "download_hidden": Output(ids.DOWNLOAD_AREA, "hidden"),
    "snapshots": Output(ids.SNAPSHOTS_AREA, "children"),
    "codes_form": Output(ids.CODES_FORM, "children"),
    "codes_hidden": Output(ids.CODES_AREA, "hidden"),
    # step 2: the date (the check fills in the proposal), and the date question
    "store_hidden": Output(ids.STORE_AREA, "hidden"),
    "period": Output(ids.PERIOD_END, "value"),
    "latest": Output(ids.LATEST, "data"),
    **{key: Output(output.component_id, output.component_property, allow_duplicate=True)
       for key, output in (("question_hidden", Output(ids.DATE_CONFIRM_AREA, "hidden")),
                           ("question", Output(ids.DATE_QUESTION, "children")),
                           ("asked", Output(ids.ASKED, "data")),
                           ("yes_label", Output(ids.DATE_YES, "children")))},
}


#: What the buttons that start a job may change besides the status line and the ticket:
#: the date question (asked at once, or put away when another job starts).
QUESTION_OUTPUTS = {key: JOB_OUTPUTS[key]
                    for key in ("question_hidden", "question", "asked", "yes_label")}


def _job_stopped(text: str) -> dict[str, Any]:
    """The job's answer when it stopped or was refused: the message, nothing pending,
    step 2 as it was."""
    return {"status": "", "result": _message(text), "problems": None, "pending": None,
            "confirm_hidden": True, "confirm_disabled": True, "download_hidden": True,
            "snapshots": no_update, "codes_form": [], "codes_hidden": True,
            "store_hidden": no_update, "period": no_update, "latest": no_update,
            **_no_question()}


def _no_question() -> dict[str, Any]:
    return {"question_hidden": True, "question": "", "asked": None, "yes_label": no_update}


def _question(question: str, period_end: date) -> dict[str, Any]:
    """The date question, with both dates, and the button that answers yes to that date."""
    return {"question_hidden": False, "question": question, "asked": period_end.isoformat(),
            "yes_label": f"Yes, store with {period_end.strftime('%d/%m/%Y')}"}


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


def show_chosen(filenames: Any) -> dict[str, Any]:
    """The files chosen, named; step 2 closes until they are checked."""
    if filenames and not isinstance(filenames, list):
        raise InvalidRequest("The upload is not in the expected form.")
    chosen = ("Chosen: " + ", ".join(str(name)[:200] for name in filenames) if filenames
              else "No files chosen.")
    return {"chosen": chosen, "store_hidden": True, "question_hidden": True}


def _ticket(la_code: Any, filenames: Any, period: Any, mode: str,
            date_confirmed: bool = False) -> tuple[Any, Any]:
    """In the request: who may upload, the date (a check may have none) and the files,
    before any file is sent to a job. The status line and a signed ticket
    (``dashboard.web.job_tickets``) that starts the background job, or the refusal in
    words and no ticket; nothing is stored either way."""
    user = require_principal()
    if not isinstance(la_code, str):
        raise InvalidRequest("The page is out of date; reload it.")
    # refuse before reading a byte of someone else's upload
    require(may_upload(user, la_code), "You may not upload figures for this local authority.")
    problem = None if mode == CHECK and not period else _period_problem(period)
    if problem is None and not filenames:
        problem = "Choose the file or files to upload."
    if problem is None and jobs_unavailable():  # Redis down: say so now, send nothing
        problem = JOBS_UNAVAILABLE
    if problem is None and not workers_running():  # no worker: say so now, send nothing
        problem = NO_WORKER
    if problem:
        return _message(problem), no_update
    secret = load_settings().secret_key
    tag = current_session_tag(secret)
    if tag is None:
        raise InvalidRequest("The page is out of date; reload it.")
    return SENDING, mint_ticket(secret, user, tag, la_code, str(period or ""), mode,
                                date_confirmed)


def start_check(_clicks: int, filenames: Any, la_code: Any) -> dict[str, Any]:
    """Step 1, "Check the files": a check job with no date (the files propose one)."""
    status, ticket = _ticket(la_code, filenames, None, CHECK)
    return {"status": status, "job": ticket, **_no_question()}


def start_upload(_clicks: int, filenames: Any, period: Any, la_code: Any,
                 latest: Any) -> dict[str, Any]:
    """Step 2, "Store the figures": a date far from the latest event the check found is
    asked about at once, with both dates, and nothing is sent; otherwise a store job. The
    latest event comes back from the page, so the job asks again from the files
    themselves: a forged or stale one stores nothing unconfirmed."""
    status, ticket = _ticket(la_code, filenames, period, STORE)
    if ticket is no_update:
        return {"status": status, "job": no_update, **_no_question()}
    latest_event = _iso_date(latest)
    question = (extraction_date_confirmation(date.fromisoformat(str(period)), latest_event)
                if latest_event else None)
    if question:
        return {"status": "", "job": no_update,
                **_question(question, date.fromisoformat(str(period)))}
    return {"status": status, "job": ticket, **_no_question()}


def confirm_date(_clicks: int, filenames: Any, asked: Any, la_code: Any) -> dict[str, Any]:
    """"Yes, store with <date>": a store job for the date asked about, confirmed (the
    same checks of who, which LA and the date as any store)."""
    status, ticket = _ticket(la_code, filenames, asked, STORE, date_confirmed=True)
    # refused (the date or the files missing): the question stays for another try
    return {"status": status, "job": ticket,
            **(_no_question() if ticket is not no_update
               else dict.fromkeys(QUESTION_OUTPUTS, no_update))}


def _iso_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


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


@failures_answered(_job_stopped)
def check_and_upload(set_progress: Callable[[str], None], ticket: Any, contents: Any,
                     filenames: Any) -> dict[str, Any]:
    """In a background job: read and check everything, then, as the ticket says, store
    nothing (a check) or store in one transaction or nothing (a store), and say what
    happened. The job knows its user from the signed ticket (checked here: signature,
    age, the session that asked, the account still active in the same session, and that
    no job has used it before) and the service checks again that they may upload for the
    ticket's LA."""
    settings = load_settings()
    try:
        granted = read_ticket(settings.secret_key, ticket, job_context().get("job_session"))
    except TicketRefused as refused:
        return _job_stopped(str(refused))
    if not claim_once(f"ticket-{granted.nonce}"):  # a ticket runs one job, on any worker
        log.warning("Refused an upload ticket sent a second time (user %s)", granted.user.id)
        return _job_stopped(ALREADY_USED)
    if granted.period_end is not None and _period_problem(granted.period_end.isoformat()):
        return _job_stopped(OUT_OF_DATE)
    if not contents:
        return _job_stopped("Choose the file or files to upload.")
    user, la_code = granted.user, granted.la_code
    checking = granted.mode == CHECK
    if not checking and granted.period_end is None:  # the ticket never allows it
        return _job_stopped(OUT_OF_DATE)
    # the first step shows before the slow part (decoding and reading the files)
    set_progress(reading_step(len(contents) if isinstance(contents, list) else 1,
                              2 if checking else 3))
    limits = UploadLimits(max_file_bytes=settings.max_upload_mb * 1024 * 1024,
                          max_rows=settings.max_upload_rows)
    with acting_as(user):
        try:
            files = _decode_files(contents, filenames)
            if checking:
                outcome = check_annex_a(user, la_code, files, limits, granted.period_end,
                                        progress=set_progress)
            else:
                outcome = upload_annex_a(user, la_code, granted.period_end,
                                         files, limits, progress=set_progress,
                                         date_confirmed=granted.date_confirmed)
        except (AccessDenied, InvalidRequest, NotFound) as refused:
            return _job_stopped(str(refused) or "That upload is not possible.")
        stored = outcome.status in (STORED, NEEDS_CONFIRMATION)
        snapshots = snapshots_table(list_snapshots(user, la_code)) if stored else no_update
    if outcome.status == NEEDS_DATE_CONFIRMATION:
        # nothing stored: the check's answer stays, and the question is asked
        return {**dict.fromkeys(JOB_OUTPUTS, no_update), "status": "",
                "latest": _iso(outcome.latest_date),
                **_question(outcome.date_question or "", outcome.period_end)}
    return {"status": "", **_answer(outcome, user, la_code, checking), "snapshots": snapshots}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _answer(outcome: UploadOutcome, user: Any, la_code: str, checking: bool
            ) -> dict[str, Any]:
    """A check's or a store's answer on the page."""
    problems = [asdict(p) for p in outcome.problems] or None
    pending = outcome.snapshot_id if outcome.status == NEEDS_CONFIRMATION else None
    # the LA's own codes are explained at the check, before anything is stored; only the
    # LA's own users explain them (para 248): an administrator uploading for the LA gets
    # the saved mapping applied but no form
    codes_form = (local_codes_form(outcome.unknown_codes)
                  if checking and authorize(user, Action.MAP_LOCAL_CODES, la_code) else [])
    proposal = outcome.proposed.day.isoformat() if outcome.proposed else no_update
    return {
        "result": upload_result(outcome), "problems": problems, "pending": pending,
        "confirm_hidden": pending is None, "confirm_disabled": pending is None,
        "download_hidden": problems is None,
        "codes_form": codes_form, "codes_hidden": not codes_form,
        # step 2 stays open after a check that passed and a store refused (the date may
        # be what to change); it closes once the figures are stored
        "store_hidden": (outcome.status != CHECKED) if checking else outcome.status != REFUSED,
        # the proposal fills the date only when the person had not chosen one
        "period": proposal if checking and not outcome.date_chosen else no_update,
        "latest": _iso(outcome.latest_date),
        **_no_question(),
    }


def apply_local_codes(_clicks: int, _values: Any, filenames: Any, period: Any,
                      la_code: Any) -> dict[str, Any]:
    """Keep the LA's mapping of its own codes (the service checks the user may map the
    LA's codes, and every part of every choice), then check the same files again with it
    (a check: nothing is stored), under the date in step 2 if one is there."""
    user = require_principal()
    if not isinstance(la_code, str):
        raise InvalidRequest("The page is out of date; reload it.")
    choices = []
    selects = (ctx.args_grouping or {}).get("_values") if isinstance(
        ctx.args_grouping, dict) else None
    for item in selects or []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), dict):
            raise InvalidRequest("The mapping is not in the expected form.")
        found = item["id"]
        choices.append((found.get("list"), found.get("column"), found.get("code"),
                        item.get("value")))
    with acting_as(user):
        save_local_codes(user, la_code, choices)
    status, ticket = _ticket(la_code, filenames, period, CHECK)
    return {"status": status, "job": ticket, **_no_question()}


def upload_stopped(error: Exception) -> dict[str, Any]:
    """A job that failed or was lost (its worker killed): plain words, the button back,
    nothing stored (an upload is one transaction). Never the error's own text, which
    could quote a file."""
    if not isinstance(error, BackgroundCallbackError):
        raise error
    first_line = str(error).split("\n", 1)[0]
    if NO_WORKER in first_line:  # queued, and no worker answers: it never started
        log.warning("An upload job was queued with no worker running; the page said so")
        return _job_stopped(NO_WORKER)
    if JOB_LOST_MESSAGE in first_line:
        log.warning("An upload job stopped before it finished; the page said so")
    else:
        log.error("An upload job failed; the page said it stopped (see the worker's log)")
    return _job_stopped(JOB_LOST_MESSAGE)


def answer_replacement(confirm_clicks: int, cancel_clicks: int, pending: Any,
                       la_code: Any) -> tuple:
    """Replace or keep. The Replace button stays disabled once answered (the service
    answers a replacement already made as it did the first time, for a double click)."""
    user = require_principal()
    if not isinstance(pending, int) or not isinstance(la_code, str):
        raise InvalidRequest("There is no upload waiting for an answer.")
    kind = alerts.SUCCESS
    try:
        if ctx.triggered_id == ids.CONFIRM:
            period_end = confirm_replacement(user, pending)
            text = (f"The new figures now replace those for lists extracted on "
                    f"{format_date(period_end)}.")
        else:
            discard_pending(user, pending)
            text = "The stored figures are kept; the new upload was discarded."
    except NotFound as gone:
        text, kind = str(gone), alerts.BLOCKED
    return (_message(text, kind), None, True, True,
            snapshots_table(list_snapshots(user, la_code)))


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


OPEN_OUTPUTS = {
    "heading": Output(ids.WITHDRAW_HEADING, "children"),
    "target": Output(ids.WITHDRAW_TARGET, "data"),
    "reason": Output(ids.WITHDRAW_REASON, "value"),
    "hidden": Output(ids.WITHDRAW_FORM, "hidden"),
    "problem": Output(ids.WITHDRAW_PROBLEM, "children"),
    "status": Output(ids.WITHDRAW_STATUS, "children"),
}


def open_withdrawal(_clicks: list, la_code: Any) -> dict[str, Any]:
    """Ask why and for confirmation; the service checks the user may withdraw first."""
    user = require_principal()
    snapshot_id = _pressed_snapshot()
    period_end, in_use = snapshot_to_withdraw(user, la_code, snapshot_id)
    if not in_use:
        return {"heading": no_update, "target": None, "reason": "", "hidden": True,
                "problem": "",
                "status": _message("These figures are no longer in use; reload the page.",
                                   alerts.BLOCKED)}
    return {"heading": f"Withdraw the figures for lists extracted on {format_date(period_end)}",
            "target": snapshot_id, "reason": "", "hidden": False, "problem": "", "status": ""}


def cancel_withdrawal(_clicks: int) -> tuple:
    return None, True, "", ""


CONFIRM_OUTPUTS = {
    "problem": Output(ids.WITHDRAW_PROBLEM, "children", allow_duplicate=True),
    "target": Output(ids.WITHDRAW_TARGET, "data", allow_duplicate=True),
    "hidden": Output(ids.WITHDRAW_FORM, "hidden", allow_duplicate=True),
    "status": Output(ids.WITHDRAW_STATUS, "children", allow_duplicate=True),
    "snapshots": Output(ids.SNAPSHOTS_AREA, "children", allow_duplicate=True),
}


def confirm_withdrawal(_clicks: int, snapshot_id: Any, reason: Any,
                       la_code: Any) -> dict[str, Any]:
    """Withdraw, or say what to correct with nothing stored."""
    user = require_principal()
    if snapshot_id is None:
        raise InvalidRequest("Choose the figures to withdraw.")
    outcome = withdraw_snapshot(user, la_code, snapshot_id, reason)
    if outcome.problem:
        return dict.fromkeys(CONFIRM_OUTPUTS, no_update) | {
            "problem": _message(outcome.problem)}
    return {"problem": "", "target": None, "hidden": True,
            "status": withdrawal_done(outcome.period_end, outcome.earlier_stays_replaced),
            "snapshots": snapshots_table(list_snapshots(user, la_code))}


def undo(_clicks: list, la_code: Any) -> tuple:
    user = require_principal()
    snapshot_id = _pressed_snapshot()
    period_end, problem = undo_withdrawal(user, la_code, snapshot_id)
    table = snapshots_table(list_snapshots(user, la_code))
    if problem:
        return _message(problem, alerts.BLOCKED), table, None, True
    return (_message(f"The withdrawal is undone: the figures for lists extracted on "
                     f"{format_date(period_end)} count again.", alerts.SUCCESS), table, None,
            True)


def register(app: Dash, manager: Any) -> None:
    app.callback(
        output={"chosen": Output(ids.CHOSEN, "children"),
                "store_hidden": Output(ids.STORE_AREA, "hidden", allow_duplicate=True),
                "question_hidden": QUESTION_OUTPUTS["question_hidden"]},
        inputs={"filenames": Input(ids.UPLOAD, "filename")},
        prevent_initial_call=True,
    )(show_chosen)
    app.callback(
        output={"status": Output(ids.STATUS, "children", allow_duplicate=True),
                "job": Output(ids.JOB, "data", allow_duplicate=True), **QUESTION_OUTPUTS},
        inputs={"_clicks": Input(ids.CHECK, "n_clicks"),
                "filenames": State(ids.UPLOAD, "filename"), "la_code": State(ids.LA, "data")},
        prevent_initial_call=True,
    )(start_check)
    app.callback(
        output={"status": Output(ids.STATUS, "children", allow_duplicate=True),
                "job": Output(ids.JOB, "data"), **QUESTION_OUTPUTS},
        inputs={"_clicks": Input(ids.SUBMIT, "n_clicks"),
                "filenames": State(ids.UPLOAD, "filename"),
                "period": State(ids.PERIOD_END, "value"), "la_code": State(ids.LA, "data"),
                "latest": State(ids.LATEST, "data")},
        prevent_initial_call=True,
    )(start_upload)
    app.callback(
        output={"status": Output(ids.STATUS, "children", allow_duplicate=True),
                "job": Output(ids.JOB, "data", allow_duplicate=True), **QUESTION_OUTPUTS},
        inputs={"_clicks": Input(ids.DATE_YES, "n_clicks"),
                "filenames": State(ids.UPLOAD, "filename"), "asked": State(ids.ASKED, "data"),
                "la_code": State(ids.LA, "data")},
        prevent_initial_call=True,
    )(confirm_date)
    busy = [(Output(button, "disabled"), True, False)
            for button in (ids.CHECK, ids.SUBMIT, ids.APPLY_CODES, ids.DATE_YES)]
    app.callback(
        output=JOB_OUTPUTS,
        inputs={"ticket": Input(ids.JOB, "data"), "contents": State(ids.UPLOAD, "contents"),
                "filenames": State(ids.UPLOAD, "filename")},
        prevent_initial_call=True,
        background=True,
        manager=manager,
        progress=Output(ids.STATUS, "children"),
        # cleared when the job ends (Dash skips a bare empty default): "Step 3 of 3"
        # must not stay after the outcome is shown
        progress_default=[""],
        running=busy,
        on_error=upload_stopped,
    )(check_and_upload)
    app.callback(
        output={"status": Output(ids.STATUS, "children", allow_duplicate=True),
                "job": Output(ids.JOB, "data", allow_duplicate=True), **QUESTION_OUTPUTS},
        inputs={"_clicks": Input(ids.APPLY_CODES, "n_clicks"),
                "_values": State(ids.local_code(ALL, ALL, ALL), "value"),
                "filenames": State(ids.UPLOAD, "filename"),
                "period": State(ids.PERIOD_END, "value"), "la_code": State(ids.LA, "data")},
        prevent_initial_call=True,
    )(apply_local_codes)
    # "Change the date": the question goes, nothing is sent, and the person lands in the
    # date field
    app.clientside_callback(
        "function(clicks) { setTimeout(function () {"
        f" var to = document.getElementById('{ids.PERIOD_END}');"
        " if (to) { to.focus(); } }, 0); return [true, null]; }",
        Output(ids.DATE_CONFIRM_AREA, "hidden", allow_duplicate=True),
        Output(ids.ASKED, "data", allow_duplicate=True),
        Input(ids.DATE_CHANGE, "n_clicks"),
        prevent_initial_call=True,
    )
    # keyboard and screen-reader users land on what appeared: the answer's heading, or
    # the date question
    app.clientside_callback(
        "function(children) { setTimeout(function () {"
        f" var to = document.getElementById('{ids.RESULT_HEADING}');"
        " if (to) { to.focus(); } }, 0); return window.dash_clientside.no_update; }",
        Output(ids.RESULT, "title"),
        Input(ids.RESULT, "children"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function(hidden) { if (!hidden) { setTimeout(function () {"
        f" var to = document.getElementById('{ids.DATE_QUESTION}');"
        " if (to) { to.focus(); } }, 0); } return window.dash_clientside.no_update; }",
        Output(ids.DATE_CONFIRM_AREA, "title"),
        Input(ids.DATE_CONFIRM_AREA, "hidden"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(ids.RESULT, "children", allow_duplicate=True),
        Output(ids.PENDING, "data", allow_duplicate=True),
        Output(ids.CONFIRM_AREA, "hidden", allow_duplicate=True),
        Output(ids.CONFIRM, "disabled"),
        Output(ids.SNAPSHOTS_AREA, "children", allow_duplicate=True),
        Input(ids.CONFIRM, "n_clicks"),
        Input(ids.CANCEL, "n_clicks"),
        State(ids.PENDING, "data"),
        State(ids.LA, "data"),
        prevent_initial_call=True,
        # neither button answers twice while the first answer is on its way
        running=[(Output(ids.CONFIRM, "disabled"), True, False),
                 (Output(ids.CANCEL, "disabled"), True, False)],
    )(answer_replacement)
    app.callback(
        Output(ids.PROBLEMS_FILE, "data"),
        Input(ids.DOWNLOAD_PROBLEMS, "n_clicks"),
        State(ids.PROBLEMS, "data"),
        State(ids.LA, "data"),
        prevent_initial_call=True,
    )(download_problems)
    app.callback(
        output=OPEN_OUTPUTS,
        inputs={"_clicks": Input(ids.withdraw(ALL), "n_clicks"),
                "la_code": State(ids.LA, "data")},
        prevent_initial_call=True,
    )(open_withdrawal)
    app.callback(
        Output(ids.WITHDRAW_TARGET, "data", allow_duplicate=True),
        Output(ids.WITHDRAW_FORM, "hidden", allow_duplicate=True),
        Output(ids.WITHDRAW_REASON, "value", allow_duplicate=True),
        Output(ids.WITHDRAW_PROBLEM, "children", allow_duplicate=True),
        Input(ids.WITHDRAW_CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )(cancel_withdrawal)
    app.callback(
        output=CONFIRM_OUTPUTS,
        inputs={"_clicks": Input(ids.WITHDRAW_CONFIRM, "n_clicks"),
                "snapshot_id": State(ids.WITHDRAW_TARGET, "data"),
                "reason": State(ids.WITHDRAW_REASON, "value"),
                "la_code": State(ids.LA, "data")},
        prevent_initial_call=True,
    )(confirm_withdrawal)
    app.callback(
        Output(ids.WITHDRAW_STATUS, "children", allow_duplicate=True),
        Output(ids.SNAPSHOTS_AREA, "children", allow_duplicate=True),
        Output(ids.WITHDRAW_TARGET, "data", allow_duplicate=True),
        Output(ids.WITHDRAW_FORM, "hidden", allow_duplicate=True),
        Input(ids.undo(ALL), "n_clicks"),
        State(ids.LA, "data"),
        prevent_initial_call=True,
    )(undo)
    # keyboard and screen-reader users land in the form when it opens, and on what
    # happened when it closes (the button they pressed has gone)
    app.clientside_callback(
        "function(hidden) { setTimeout(function () {"
        f" var to = document.getElementById(hidden ? '{ids.WITHDRAW_STATUS}'"
        f" : '{ids.WITHDRAW_REASON}'); if (to) {{ to.focus(); }} }}, 0);"
        " return window.dash_clientside.no_update; }",
        Output(ids.WITHDRAW_FORM, "title"),
        Input(ids.WITHDRAW_FORM, "hidden"),
        prevent_initial_call=True,
    )
