"""Storing MI snapshots: all or nothing, replace only on confirmation, no child data kept,
and every role refused another LA's MI through services, pages, callbacks and downloads."""

from __future__ import annotations

import base64
import io
import json
import logging
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import func, select, text

from dashboard.access import AccessDenied, Principal
from dashboard.config import load_settings
from dashboard.errors import NotFound
from dashboard.formatting import format_date_time
from dashboard.services import mi
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import (
    confirm_replacement,
    discard_pending,
    la_indicators,
    list_snapshots,
    problems_workbook,
    upload_annex_a,
)
from dashboard.services.user_admin import principal_of
from dashboard.storage.db import get_engine, session_scope
from dashboard.storage.models import MISnapshot, User
from tests.conftest import (
    page_content,
    post_callback,
    run_background_callback,
    sign_in,
    ticket_for,
)
from tests.domain.test_annex_a_no_child_data import FORBIDDEN, leaks, leaky_upload
from tests.workbooks import SECRET_CHILD_ID, minimal_workbook, xlsx_bytes

CORPUS = Path(__file__).parent / "bad_files"
XLSX_MIME = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"


def principal(seeded_db: dict[str, int], account: str) -> Principal:
    """The account as the access rules see it (whatever sessions other tests ended)."""
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db[account]))


def snapshot_count(la_code: str | None = None) -> int:
    with session_scope() as session:
        query = select(func.count()).select_from(MISnapshot)
        if la_code:
            query = query.where(MISnapshot.la_code == la_code)
        return session.scalar(query)


def upload(user: Principal, la_code: str = "370", period: date = date(2026, 10, 31),
           content: bytes | None = None, name: str = "lists.xlsx"):
    files = [UploadedFile(name, content or minimal_workbook())]
    return upload_annex_a(user, la_code, period, files)


def test_a_clean_upload_is_stored_as_figures_and_counts_only(seeded_db, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    barnsley = principal(seeded_db, "la_barnsley")
    outcome = upload(barnsley, period=date(2026, 9, 30))
    assert outcome.status == "stored" and outcome.error_count == 0
    assert [c.rows for c in outcome.list_counts] == [1] * 12
    figures = {r.indicator.id: r for r in la_indicators(barnsley, "370").reports}
    assert figures["cla_rate"].numerator == 1  # one child in care, still looked after
    # No re-referral at all in the upload; the band is the published figure's
    assert figures["re_referrals"].value == 0.0
    assert figures["re_referrals"].band in {"A", "B", "C", "D"}
    assert figures["cla_rate"].band is None  # a context measure has no band
    # No child-level value reaches the database or the log.
    with get_engine().connect() as connection:
        for table in ("mi_snapshots", "mi_list_counts", "mi_indicator_values"):
            for row in connection.execute(text(f"SELECT * FROM {table}")):  # noqa: S608
                assert SECRET_CHILD_ID not in " ".join(map(str, row))
    assert SECRET_CHILD_ID not in caplog.text
    with session_scope() as session:
        stored = session.get(MISnapshot, outcome.snapshot_id)
        assert stored.source_files == "1 file (.xlsx)"  # the file's name is not kept
        assert stored.uploaded_by_id == barnsley.id


def test_upload_times_are_shown_in_uk_time() -> None:
    assert format_date_time(datetime(2026, 7, 1, 8, 30, tzinfo=UTC)) == "1 July 2026 at 09:30"
    assert format_date_time(datetime(2026, 12, 1, 8, 30)) == "1 December 2026 at 08:30"


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir()
                                        if p.suffix in {".csv", ".xlsx", ".xls", ".xlsb", ".ods"}))
def test_every_bad_file_is_refused_and_stores_nothing(seeded_db, name: str) -> None:
    before = snapshot_count()
    outcome = upload(principal(seeded_db, "la_barnsley"), content=(CORPUS / name).read_bytes()
                     or b"", name=name)
    assert outcome.status == "refused" and outcome.error_count > 0
    assert all(p.message for p in outcome.problems)
    assert snapshot_count() == before


def test_a_refused_uploads_problems_name_no_childs_id_name_or_date_of_birth(
    seeded_db, caplog
) -> None:
    """The problem list goes to the browser, the job cache and a workbook download: it
    points at sheets, rows and columns, never at a child's details."""
    caplog.set_level(logging.DEBUG)
    before = snapshot_count()
    outcome = upload(principal(seeded_db, "la_barnsley"), content=xlsx_bytes(leaky_upload()))
    # the domain test checks each problem; here the point is that many fire, and none leaks
    assert outcome.status == "refused" and outcome.error_count >= 8
    assert outcome.warning_count >= 10
    assert leaks(outcome.problems) == []
    assert any("also on sheet “List 1”, row 2, with a different date of birth" in p.message
               for p in outcome.problems)
    assert not [value for value in FORBIDDEN if value.lower() in caplog.text.lower()]
    assert snapshot_count() == before


def test_an_empty_file_is_refused(seeded_db) -> None:
    outcome = upload_annex_a(principal(seeded_db, "la_barnsley"), "370", date(2026, 10, 31),
                             [UploadedFile("empty.csv", b"")])
    assert outcome.status == "refused"
    assert outcome.problems[0].message == "This file is empty."


def test_a_second_upload_of_a_period_replaces_the_first_only_when_confirmed(seeded_db) -> None:
    camden = principal(seeded_db, "la_camden")
    period = date(2026, 10, 15)
    first = upload(camden, "202", period)
    assert first.status == "stored"
    second = upload(camden, "202", period)
    assert second.status == "needs_confirmation"
    # Until confirmed, the first upload is the period's figures.
    assert [s.id for s in list_snapshots(camden, "202") if s.period_end == period] == [
        first.snapshot_id]
    discard_pending(camden, second.snapshot_id)
    assert [s.id for s in list_snapshots(camden, "202") if s.period_end == period] == [
        first.snapshot_id]
    third = upload(camden, "202", period)
    assert confirm_replacement(camden, third.snapshot_id) == period
    assert [s.id for s in list_snapshots(camden, "202") if s.period_end == period] == [
        third.snapshot_id]
    with session_scope() as session:
        assert session.get(MISnapshot, first.snapshot_id).status == "replaced"
    # Earlier periods stay for the trend; the replaced one is not counted twice.
    upload(camden, "202", date(2026, 9, 15))
    trend = {r.indicator.id: r.trend for r in la_indicators(camden, "202").reports}
    days = [day for day, _ in trend["cla_rate"]]
    assert days == sorted(days) and days.count(period) == 1 and date(2026, 9, 15) in days


def test_a_confirmation_asked_twice_answers_the_same_and_changes_nothing(seeded_db) -> None:
    """A double click on "Replace" sent two confirmations: the second said the upload was
    no longer waiting, beside the first's success. It now answers as the first did."""
    camden = principal(seeded_db, "la_camden")
    first = upload(camden, "202", date(2026, 9, 20))
    pending = upload(camden, "202", date(2026, 9, 20))
    assert confirm_replacement(camden, pending.snapshot_id) == date(2026, 9, 20)
    with session_scope() as session:
        before = [(s.id, s.status, s.confirmed_at) for s in session.scalars(
            select(MISnapshot).where(MISnapshot.la_code == "202").order_by(MISnapshot.id))]
    assert confirm_replacement(camden, pending.snapshot_id) == date(2026, 9, 20)
    with session_scope() as session:
        after = [(s.id, s.status, s.confirmed_at) for s in session.scalars(
            select(MISnapshot).where(MISnapshot.la_code == "202").order_by(MISnapshot.id))]
    assert after == before
    assert session_status(first.snapshot_id) == "replaced"
    # an upload no longer waiting for any other reason still says so
    with pytest.raises(NotFound, match="no longer waiting"):
        discard_pending(camden, pending.snapshot_id)
    with pytest.raises(NotFound, match="no longer waiting"):
        confirm_replacement(camden, first.snapshot_id)
    stored_at_once = upload(camden, "202", date(2026, 9, 19))
    assert stored_at_once.status == "stored"
    with pytest.raises(NotFound, match="no longer waiting"):
        confirm_replacement(camden, stored_at_once.snapshot_id)


def test_a_replacement_made_is_answered_again_only_to_the_las_own_users(seeded_db) -> None:
    barnsley = principal(seeded_db, "la_barnsley")
    upload(barnsley, "370", date(2026, 9, 21))
    pending = upload(barnsley, "370", date(2026, 9, 21))
    confirm_replacement(barnsley, pending.snapshot_id)
    for account in ("la_camden", "hmi_neyh"):
        with pytest.raises(AccessDenied):
            confirm_replacement(principal(seeded_db, account), pending.snapshot_id)


def session_status(snapshot_id: int) -> str:
    with session_scope() as session:
        return session.get(MISnapshot, snapshot_id).status


@pytest.mark.parametrize("account", ["la_camden", "hmi_neyh", "hmi_london"])
def test_only_the_las_own_users_and_admins_may_upload(seeded_db, account: str) -> None:
    before = snapshot_count("370")
    with pytest.raises(AccessDenied):
        upload(principal(seeded_db, account), "370")
    assert snapshot_count("370") == before


def test_an_admin_may_upload_for_any_la(seeded_db) -> None:
    assert upload(principal(seeded_db, "admin"), "371", date(2026, 9, 28)).status == "stored"


@pytest.mark.parametrize(("account", "allowed"), [
    ("la_barnsley", True), ("hmi_neyh", True), ("admin", True),
    ("la_camden", False), ("hmi_london", False),
])
def test_who_may_read_an_las_indicators(seeded_db, account: str, allowed: bool) -> None:
    user = principal(seeded_db, account)
    if allowed:
        assert la_indicators(user, "370").la_name == "Barnsley"
    else:
        with pytest.raises(AccessDenied):
            la_indicators(user, "370")
        with pytest.raises(AccessDenied):
            list_snapshots(user, "370")


@pytest.mark.parametrize("account", ["la_camden", "hmi_neyh", "hmi_london"])
def test_no_one_else_can_confirm_discard_or_download_for_an_la(seeded_db, account) -> None:
    """Not another LA's user, and not even an inspector of the LA's own region."""
    barnsley = principal(seeded_db, "la_barnsley")
    upload(barnsley, "370", date(2026, 9, 25))
    pending = upload(barnsley, "370", date(2026, 9, 25))
    other = principal(seeded_db, account)
    for action in (confirm_replacement, discard_pending):
        with pytest.raises(AccessDenied):
            action(other, pending.snapshot_id)
    with pytest.raises(AccessDenied):
        problems_workbook(other, "370", [])
    discard_pending(barnsley, pending.snapshot_id)


def test_an_upload_left_waiting_too_long_cannot_be_confirmed(seeded_db) -> None:
    barnsley = principal(seeded_db, "la_barnsley")
    upload(barnsley, "370", date(2026, 9, 24))
    pending = upload(barnsley, "370", date(2026, 9, 24))
    with session_scope() as session:
        session.get(MISnapshot, pending.snapshot_id).uploaded_at = (
            datetime.now(UTC) - timedelta(days=2))
    with pytest.raises(NotFound, match="no longer waiting"):
        confirm_replacement(barnsley, pending.snapshot_id)


def test_two_first_uploads_of_a_period_at_once_leave_one_waiting(seeded_db,
                                                                  monkeypatch) -> None:
    """The second request checked before the first stored, so it too thought the period
    empty: the database refuses a second current snapshot and the upload waits for
    confirmation instead of failing."""
    barnsley = principal(seeded_db, "la_barnsley")
    period = date(2026, 9, 23)
    first = upload(barnsley, "370", period)
    real = mi._current_snapshot
    calls = {"n": 0}

    def stale_once(session, la_code, period_end):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(session, la_code, period_end)

    monkeypatch.setattr(mi, "_current_snapshot", stale_once)
    second = upload(barnsley, "370", period)
    assert (first.status, second.status) == ("stored", "needs_confirmation")
    discard_pending(barnsley, second.snapshot_id)


# Through the web app, as a browser or a hand-made request would come.

def answered(response, component: str, prop: str = "data") -> object:
    """One output of a callback's answer (None when it did not send it)."""
    return ((response.get_json(silent=True) or {}).get("response", {})
            .get(component, {}).get(prop))


def check(client: FlaskClient, la_code: str, content: bytes, name: str = "lists.xlsx"):
    """Choose "Check the files" as the browser does: the button's callback checks who in
    the request and hands a check ticket to the background job, which the page polls."""
    started = post_callback(client, [("mi-check", "n_clicks", 1)], [
        ("mi-upload", "filename", [name]), ("mi-la", "data", la_code)])
    ticket = answered(started, "mi-job")
    if started.status_code != 200 or not ticket:
        return started
    return background_upload(client, ticket, content, name)


def press_store(client: FlaskClient, la_code: str, period: object,
                latest: object = None):
    """"Store the figures", with the latest event date the check left on the page."""
    return post_callback(client, [("mi-submit", "n_clicks", 1)], [
        ("mi-upload", "filename", ["lists.xlsx"]), ("mi-period-end", "value", period),
        ("mi-la", "data", la_code), ("mi-latest-event", "data", latest)])


def press_yes(client: FlaskClient, la_code: str, asked: object):
    """"Yes, store with <date>", for the date the question asked about."""
    return post_callback(client, [("mi-date-yes", "n_clicks", 1)], [
        ("mi-upload", "filename", ["lists.xlsx"]), ("mi-asked-date", "data", asked),
        ("mi-la", "data", la_code)])


def store(client: FlaskClient, la_code: str, content: bytes, period: object,
          latest: object = None, answer_yes: bool = True):
    """Step 2: "Store the figures" and, when the date is asked about (at once, or by the
    job from the files themselves) and ``answer_yes``, "Yes, store with <date>"."""
    started = press_store(client, la_code, period, latest)
    ticket = answered(started, "mi-job")
    if started.status_code != 200:
        return started
    answer = background_upload(client, ticket, content) if ticket else started
    asked = answered(answer, "mi-asked-date")
    if not (asked and answer_yes):
        return answer
    confirmed = press_yes(client, la_code, asked)
    ticket = answered(confirmed, "mi-job")
    if confirmed.status_code != 200 or not ticket:
        return confirmed
    return background_upload(client, ticket, content)


def submit(client: FlaskClient, la_code: str, content: bytes, period: str = "2026-10-31"):
    """Both steps as a person takes them on the page: check the files, then store under
    ``period``, answering yes if the date is asked about. The answer of the last step
    taken (a refusal of the check's button is returned as it is)."""
    checked = check(client, la_code, content)
    if checked.status_code != 200 or not answered(checked, "mi-result", "children"):
        return checked
    return store(client, la_code, content, period, answered(checked, "mi-latest-event"))


def background_upload(client: FlaskClient, ticket: object, content: bytes,
                      name: str = "lists.xlsx"):
    encoded = XLSX_MIME + base64.b64encode(content).decode()
    return run_background_callback(
        client, [("mi-job", "data", ticket)],
        [("mi-upload", "contents", [encoded]), ("mi-upload", "filename", [name])])


@pytest.mark.parametrize(("account", "allowed"), [
    ("la_barnsley", True), ("admin", True),
    ("la_camden", False), ("hmi_neyh", False), ("hmi_london", False),
])
def test_upload_page_and_callback_refuse_everyone_but_the_la_and_admins(
    client: FlaskClient, seeded_db, account: str, allowed: bool
) -> None:
    sign_in(client, account)
    page = page_content(client, "/upload/370").get_data(as_text=True)
    before = snapshot_count("370")
    response = submit(client, "370", minimal_workbook(), "2026-11-01")
    if allowed:
        assert "mi-upload-title" in page
        assert response.status_code == 200
        assert "The figures were stored" in response.get_data(as_text=True) or (
            "already exist" in response.get_data(as_text=True))
    else:
        assert "You may not upload figures for this local authority." in page
        assert "mi-upload" not in page
        assert response.status_code == 403
        assert json.loads(response.get_data(as_text=True)) == {
            "error": "You may not upload figures for this local authority."}
        assert snapshot_count("370") == before


@pytest.mark.parametrize(("account", "allowed"), [
    ("la_barnsley", True), ("hmi_neyh", True), ("admin", True),
    ("la_camden", False), ("hmi_london", False),
])
def test_indicator_page_refuses_other_las_and_regions(client, account, allowed) -> None:
    sign_in(client, account)
    body = page_content(client, "/indicators/370").get_data(as_text=True)
    if allowed:
        assert "Indicators: Barnsley" in body
    else:
        assert "You do not have access to this local authority." in body
        assert "Barnsley" not in body


def test_problems_download_is_refused_for_another_la(client: FlaskClient) -> None:
    sign_in(client, "la_camden")
    response = post_callback(
        client, [("mi-download-problems", "n_clicks", 1)],
        [("mi-problems", "data", [{"severity": "error", "sheet": "x", "row": 1,
                                   "column": "y", "message": "z"}]), ("mi-la", "data", "370")],
    )
    assert response.status_code == 403


def test_problems_download_lists_the_users_own_problems_safely(client: FlaskClient) -> None:
    sign_in(client, "la_barnsley")
    problems = [{"severity": "error", "sheet": "=cmd|' /C calc'!A0", "row": 4,
                 "column": "Date of referral", "message": "“soon” is not a date."},
                {"severity": "note", "sheet": "Guidance", "row": None, "column": None,
                 "message": "The template's own sheet."}]
    response = post_callback(client, [("mi-download-problems", "n_clicks", 1)],
                             [("mi-problems", "data", problems), ("mi-la", "data", "370")])
    assert response.status_code == 200
    download = response.get_json()["response"]["mi-problems-file"]["data"]
    sheet = load_workbook(io.BytesIO(base64.b64decode(download["content"]))).active
    assert [c.value for c in sheet[2]] == ["Error", "'=cmd|' /C calc'!A0", 4,
                                           "Date of referral", "“soon” is not a date."]
    assert [c.value for c in sheet[3]][:2] == ["Note", "Guidance"]  # not called a warning


def test_a_refused_upload_through_the_page_lists_problems_and_stores_nothing(
    client: FlaskClient,
) -> None:
    sign_in(client, "la_barnsley")
    before = snapshot_count("370")
    response = submit(client, "370", (CORPUS / "missing_sheets.xlsx").read_bytes())
    body = response.get_data(as_text=True)
    assert "The upload was not stored" in body
    assert "List 5: Section 47 enquiries is missing" in body
    assert snapshot_count("370") == before


def test_a_refused_upload_leaves_no_child_data_in_the_answer_or_the_job_cache(
    client: FlaskClient,
) -> None:
    """The job's answer passes through the job cache (disk or Redis) on its way to the
    page, and a deleted answer can linger in the cache's files: no child's ID, name or date
    of birth may be in the answer, nor left in the cache after it was read."""
    sign_in(client, "la_barnsley")
    before = snapshot_count("370")
    response = submit(client, "370", xlsx_bytes(leaky_upload()))
    body = response.get_data(as_text=True)
    assert "The upload was not stored" in body and "with a different date of birth" in body
    assert not [value for value in FORBIDDEN if value.lower() in body.lower()]
    assert cache_files_holding(FORBIDDEN) == []
    assert snapshot_count("370") == before


def cache_files_holding(values: list[str]) -> list[str]:
    """Which of the job cache's files hold any of ``values`` (any case), read in another
    process: closing a file descriptor of an SQLite file drops every lock this process's
    own connections hold on it."""
    script = (
        "import json, pathlib, sys\n"
        "values = [v.lower().encode() for v in json.loads(sys.argv[2])]\n"
        "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*')):\n"
        "    if path.is_file() and any(v in path.read_bytes().lower() for v in values):\n"
        "        print(path.name)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script, load_settings().background_cache_dir, json.dumps(values)],
        capture_output=True, text=True, check=True)
    return found.stdout.split()


def test_a_future_extraction_date_is_a_plain_message(client: FlaskClient) -> None:
    sign_in(client, "la_barnsley")
    body = submit(client, "370", minimal_workbook(), "2999-01-01").get_data(as_text=True)
    assert "cannot be in the future" in body


def test_confirming_through_the_page_replaces_and_says_so(client: FlaskClient,
                                                          seeded_db) -> None:
    sign_in(client, "la_barnsley")
    barnsley = principal(seeded_db, "la_barnsley")
    upload(barnsley, "370", date(2026, 9, 22))
    pending = upload(barnsley, "370", date(2026, 9, 22))
    response = post_callback(client, [("mi-confirm", "n_clicks", 1), ("mi-cancel", "n_clicks", 0)],
                             [("mi-pending", "data", pending.snapshot_id),
                              ("mi-la", "data", "370")])
    assert response.status_code == 200
    assert "now replace those for lists extracted on 22 September 2026" in (
        response.get_data(as_text=True))
    again = post_callback(client, [("mi-confirm", "n_clicks", 2), ("mi-cancel", "n_clicks", 0)],
                          [("mi-pending", "data", pending.snapshot_id), ("mi-la", "data", "370")])
    # a double click's second request answers as the first, never "no longer waiting"
    assert again.status_code == 200
    assert "now replace those for lists extracted on 22 September 2026" in (
        again.get_data(as_text=True))
    assert "no longer waiting" not in again.get_data(as_text=True)


def session_id(client: FlaskClient) -> str:
    with client.session_transaction() as session:
        return session["sid"]


def button_ticket(client: FlaskClient, la_code: str = "370",
                  period: str = "2026-11-02") -> object:
    started = press_store(client, la_code, period)
    assert started.status_code == 200
    return started.get_json()["response"]["mi-job"]["data"]


def test_a_signed_ticket_for_another_la_is_refused_by_the_service(client, seeded_db) -> None:
    """The service checks again: a correctly signed ticket naming Barnsley for a Camden
    user (which the button never gives) stores nothing and says so."""
    sign_in(client, "la_camden")
    before = snapshot_count("370")
    ticket = ticket_for(client, "370", "2026-11-02")
    answer = background_upload(client, ticket, minimal_workbook())
    text = json.dumps(answer.get_json(), ensure_ascii=False)
    assert "You may not upload figures for this local authority." in text
    assert snapshot_count("370") == before


@pytest.mark.parametrize("ticket", [
    None, "370", {"la": "370", "period": "2026-11-02", "ticket": "x"},
    "eyJ1IjoyLCJ2IjowLCJzIjoiIiwibGEiOiIzNzAiLCJwIjoiMjAyNi0xMS0wMiJ9.Zx.forged"])
def test_a_forged_or_malformed_ticket_is_refused_inside_the_job(client, seeded_db,
                                                               ticket) -> None:
    """A ticket the button did not sign (the old plain form, or a made-up signature)
    gets the job nowhere."""
    sign_in(client, "la_barnsley")
    before = snapshot_count("370")
    answer = background_upload(client, ticket, minimal_workbook())
    assert "The page is out of date; reload it." in json.dumps(answer.get_json())
    assert snapshot_count("370") == before


def test_a_ticket_works_only_in_the_session_that_got_it(dash_app, seeded_db) -> None:
    """The same person signed in elsewhere (or anyone else) cannot spend a ticket."""
    before = snapshot_count("370")
    first, second = dash_app.server.test_client(), dash_app.server.test_client()
    sign_in(first, "la_barnsley")
    sign_in(second, "la_barnsley")
    ticket = button_ticket(first)
    answer = background_upload(second, ticket, minimal_workbook())
    text = json.dumps(answer.get_json(), ensure_ascii=False)
    assert "This upload was started in another session: nothing was stored." in text
    assert snapshot_count("370") == before


def test_a_ticket_names_its_user_and_ends_with_their_session_or_its_age(client,
                                                                        seeded_db) -> None:
    from dashboard.services.user_admin import end_sessions
    from dashboard.web.job_tickets import (
        SESSION_ENDED,
        TOO_LATE,
        TicketRefused,
        read_ticket,
        session_tag,
    )

    secret = load_settings().secret_key
    sign_in(client, "la_barnsley")
    tag = session_tag(secret, seeded_db["la_barnsley"], session_id(client))
    ticket = button_ticket(client)
    granted = read_ticket(secret, ticket, tag)
    assert (granted.user.id, granted.user.la_code, granted.la_code,
            granted.period_end) == (seeded_db["la_barnsley"], "370", "370", date(2026, 11, 2))
    with pytest.raises(TicketRefused, match=TOO_LATE):
        read_ticket(secret, ticket, tag, max_age=-1)
    with pytest.raises(TicketRefused, match="out of date"):
        read_ticket("another key", ticket, tag)
    end_sessions(seeded_db["la_barnsley"])  # signed out everywhere, or deactivated
    with pytest.raises(TicketRefused, match=SESSION_ENDED):
        read_ticket(secret, ticket, tag)


def test_the_button_says_at_once_that_the_files_are_being_sent(client, seeded_db) -> None:
    """With a large upload the browser takes a while to send it: the status line says
    so at once instead of staying blank."""
    sign_in(client, "la_barnsley")
    started = press_store(client, "370", "2026-11-02")
    assert started.get_json()["response"]["mi-status"]["children"] == "Sending the files…"
    started = post_callback(client, [("mi-check", "n_clicks", 1)], [
        ("mi-upload", "filename", ["lists.xlsx"]), ("mi-la", "data", "370")])
    assert started.get_json()["response"]["mi-status"]["children"] == "Sending the files…"


def test_every_answer_of_the_upload_job_empties_the_status_line(client: FlaskClient) -> None:
    """"Step 1 of 3" stayed beside "not stored" and "Step 3 of 3" beside "already
    exist": the job's answer itself now empties the line, whatever the outcome."""
    sign_in(client, "la_barnsley")
    answers = {
        "checked": check(client, "370", minimal_workbook()),
        "refused": submit(client, "370", (CORPUS / "missing_sheets.xlsx").read_bytes()),
        "stored": submit(client, "370", minimal_workbook(), "2026-09-17"),
        "waiting": submit(client, "370", minimal_workbook(), "2026-09-17"),
    }
    for outcome, answer in answers.items():
        assert answer.status_code == 200, outcome
        assert answer.get_json()["response"]["mi-status"] == {"children": ""}, outcome
    assert "already exist" in answers["waiting"].get_data(as_text=True)
    # stopped before reading (here: a ticket from another session) empties it too
    ticket = button_ticket(client, "370", "2026-09-16")
    sign_in(client, "la_barnsley")  # a new session: the ticket is no longer its own
    stopped = background_upload(client, ticket, minimal_workbook()).get_json()
    assert stopped["response"]["mi-status"] == {"children": ""}
    assert "mi-result" in stopped["response"]
