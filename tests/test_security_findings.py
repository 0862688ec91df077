"""Issue 15: what an outside attack got through, each closed with a test.

Finding 1 (administrators and drafts) and finding 8 (every callback and page) are
walked in test_callback_walk.py; the bad-input corpus holds the forged-input cases.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from dashboard.config import load_settings
from dashboard.web.job_handles import ForeignHandle, bind_handles, unbind_handle
from dashboard.web.request_logs import ACCESS_LOG_FORMAT, DropQueryStrings
from tests.conftest import csrf_header, post_callback, sign_in
from tests.domain.test_annex_a_checks import clean_upload
from tests.test_callback_walk import Target, _bodies, _walkable
from tests.test_mi import XLSX_MIME, cache_files_holding
from tests.workbooks import SECRET_CHILD_ID, xlsx_bytes

# ------------------------------------------------- finding 2: whose job answer it is


def _start_job(client: FlaskClient, content: bytes, button: str = "mi-submit"
               ) -> tuple[dict, dict]:
    """Start an upload ("Store the figures") or a check ("Check the files") as the browser
    does; the job's body and the handles it got."""
    import base64
    from datetime import date, timedelta

    period = (date.today() - timedelta(days=3)).isoformat()
    started = post_callback(client, [(button, "n_clicks", 1)], [
        ("mi-upload", "filename", ["lists.xlsx"]), ("mi-period-end", "value", period),
        ("mi-la", "data", "370"), ("mi-latest-event", "data", None)]
        if button == "mi-submit" else [("mi-upload", "filename", ["lists.xlsx"]),
                                       ("mi-la", "data", "370")])
    ticket = started.get_json()["response"]["mi-job"]["data"]
    inputs = [("mi-job", "data", ticket)]
    state = [("mi-upload", "contents", [XLSX_MIME + base64.b64encode(content).decode()]),
             ("mi-upload", "filename", ["lists.xlsx"])]
    job = post_callback(client, inputs, state)
    assert job.status_code == 200, job.get_data(as_text=True)
    return {"inputs": inputs, "state": state}, job.get_json()


def _poll(client: FlaskClient, call: dict, handles: dict, timeout: float = 60):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        polled = post_callback(client, call["inputs"], call["state"],
                               query={"cacheKey": handles["cacheKey"], "job": handles["job"]})
        answer = polled.get_json(silent=True) if polled.status_code == 200 else None
        if polled.status_code not in (200, 204) or (answer and "response" in answer):
            return polled
        time.sleep(0.1)
    raise AssertionError("the job did not answer")


def refused_workbook() -> bytes:
    """An upload refused with the child's ID everywhere a problem could quote it: the
    child on two rows of every list (a warning on lists 6 to 10, issue 28), and the ID
    typed into list 1's date of contact (an error). Before issue 15 the problem list
    quoted the child's ID."""
    sheets = clean_upload(SECRET_CHILD_ID)
    doubled = [replace(s, rows=[*s.rows, *s.rows]) for s in sheets]
    contacts = doubled[0]
    date_column = contacts.headings.index("Date of Contact")
    doubled[0] = replace(contacts, rows=[
        [*row[:date_column], SECRET_CHILD_ID, *row[date_column + 1:]] for row in contacts.rows])
    return xlsx_bytes(doubled)


def test_a_job_answer_goes_only_to_the_person_and_session_that_started_it(dash_app) -> None:
    owner, colleague_session, other = (dash_app.server.test_client() for _ in range(3))
    sign_in(owner, "la_barnsley")
    sign_in(colleague_session, "la_barnsley")  # the same person, signed in elsewhere
    sign_in(other, "la_doncaster")
    call, handles = _start_job(owner, refused_workbook())
    for intruder in (colleague_session, other):
        stolen = _poll(intruder, call, handles)
        assert stolen.status_code == 403
        assert "started by someone else" in stolen.get_json()["error"]
    # Dash's own handles, without the binding, are refused too
    bare = {key: value.rpartition(".")[0] for key, value in handles.items()
            if key in ("cacheKey", "job")}
    assert _poll(owner, call, bare).status_code == 403
    mine = _poll(owner, call, handles)
    assert mine.status_code == 200 and "mi-result" in mine.get_json()["response"]


def test_a_job_handle_is_bound_to_one_owner() -> None:
    secret = b"k" * 32
    answer = bind_handles({"cacheKey": "abc~sig", "job": "42~sig", "other": 1}, secret, "7:s1")
    assert answer["other"] == 1
    assert unbind_handle(answer["cacheKey"], secret, "7:s1") == "abc~sig"
    for wrong_owner in ("7:s2", "8:s1"):
        with pytest.raises(ForeignHandle):
            unbind_handle(answer["cacheKey"], secret, wrong_owner)
    for forged in ("abc~sig", "abc~sig.", "abc~sig." + "0" * 64, ""):
        with pytest.raises(ForeignHandle):
            unbind_handle(forged, secret, "7:s1")


def test_request_logs_carry_no_query_string() -> None:
    record = logging.LogRecord(
        "werkzeug", logging.INFO, __file__, 1, '"%s" %s %s',
        ("POST /_dash-update-component?endId=e~1&cacheKey=c~2.m&job=9~3.m HTTP/1.1",
         "200", "-"), None)
    DropQueryStrings().filter(record)
    line = record.getMessage()
    assert "/_dash-update-component" in line and "200" in line
    for secret in ("cacheKey", "c~2", "job=", "9~3", "endId"):
        assert secret not in line
    # gunicorn: the path (%(U)s), never the request line (%(r)s) or query (%(q)s)
    assert "%(U)s" in ACCESS_LOG_FORMAT
    assert "%(r)s" not in ACCESS_LOG_FORMAT and "%(q)s" not in ACCESS_LOG_FORMAT


# ------------------------------------- finding 3: nothing of a child in the job cache


def test_the_job_cache_is_private_and_holds_no_child_identifier(dash_app) -> None:
    client = dash_app.server.test_client()
    sign_in(client, "la_barnsley")
    call, handles = _start_job(client, refused_workbook())
    answer = _poll(client, call, handles)
    assert answer.status_code == 200
    assert "The upload was not stored" in answer.get_data(as_text=True)
    # the check's answer passes through the same cache
    call, handles = _start_job(client, refused_workbook(), "mi-check")
    answer = _poll(client, call, handles)
    assert "The files cannot be stored" in answer.get_data(as_text=True)
    folder = Path(load_settings().background_cache_dir)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    # read in another process: reading an SQLite file here would drop this process's locks
    found = cache_files_holding([SECRET_CHILD_ID])
    assert not found, f"a child ID is in the job cache: {found}"


# ---------------------------- finding 4: bodies that differ from the declaration


def _mutations(body: dict) -> dict[str, dict]:
    """Ways the attack changed real bodies, each of which gave a 500 before."""
    changed = {
        "empty inputs": {**body, "inputs": []},
        "an extra output": {**body, "outputs": (
            [*body["outputs"], {"id": "x", "property": "children"}]
            if isinstance(body["outputs"], list)
            else [body["outputs"], {"id": "x", "property": "children"}])},
        "an input of another component": {**body, "inputs": [
            {"id": "not-a-component", "property": "value", "value": 1},
            *body["inputs"][1:]]},
        "no outputs": {k: v for k, v in body.items() if k != "outputs"},
    }
    if body["state"]:
        changed["too few state values"] = {**body, "state": body["state"][:-1]}
        changed["too many state values"] = {**body, "state": [*body["state"],
                                                               body["state"][-1]]}
    return changed


def test_a_body_that_differs_from_the_callbacks_declaration_gets_400(
        client: FlaskClient, dash_app) -> None:
    target = Target(meeting_id=1, agenda_item_id=1, letter_revision=1, sef_version=1,
                    user_id=1)  # only the bodies' shape matters here
    sign_in(client, "la_barnsley")
    headers = csrf_header(client)
    refused = 0
    for output, spec in _walkable(dash_app).items():
        body = _bodies(output, spec, target)[0]
        for what, forged in _mutations(body).items():
            response = client.post("/_dash-update-component", json=forged, headers=headers)
            assert response.status_code == 400, (output, what, response.status_code)
            assert response.get_json() == {"error": "That request is not valid."}
            refused += 1
    assert refused > 120


# ------------------------------ finding 5: wrong files under the component suites


@pytest.mark.parametrize("path", [
    "/_dash-component-suites/dash/nope.js",
    "/_dash-component-suites/nope/x.js",
    "/_dash-component-suites/dash/dcc/nope.js",
    "/_dash-component-suites/dash/../../etc/passwd",
    "/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.min.js",
    "/_dash-component-suites/dash/dcc/x.v1_0_0m1.js.map",
    "/_dash-component-suites/",
    "/_dash-component-suites/dash",
    "/_dash-component-suites/dash/",
])
def test_a_wrong_component_file_is_not_found_for_anyone(client: FlaskClient,
                                                        path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert b"<html" not in response.data.lower()


def test_real_component_files_are_still_served(client: FlaskClient) -> None:
    response = client.get("/_dash-component-suites/dash/dcc/dash_core_components.js")
    assert response.status_code == 200 and response.data.startswith(b"/*")


def test_gunicorn_in_production_uses_the_log_format_without_queries() -> None:
    from dashboard.web import gunicorn_conf

    assert gunicorn_conf.access_log_format == ACCESS_LOG_FORMAT
    makefile = (Path(__file__).parent.parent / "Makefile").read_text()
    assert "--config python:dashboard.web.gunicorn_conf" in makefile


def test_nothing_here_is_readable_by_other_accounts_on_the_host() -> None:
    """The folder a deployment points BACKGROUND_CACHE_DIR at is made private even if it
    existed with looser modes."""
    import tempfile

    from dashboard.web.background import private_cache

    folder = Path(tempfile.mkdtemp()) / "jobs"
    folder.mkdir(mode=0o755)
    (folder / "cache.db").touch(mode=0o644)
    cache = private_cache(str(folder))
    cache.set("answer", "x" * 100_000)  # large: a file of its own
    cache.close()
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
