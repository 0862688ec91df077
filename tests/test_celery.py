"""The production path with Celery (issue 16): uploads go through a real Redis and a
real Celery worker (the default prefork pool) behind gunicorn, as `make serve` and
`make worker` run them."""

from __future__ import annotations

import base64
import csv
import io
import time
from datetime import date, timedelta

import pytest

from tests.celery_tools import CeleryStack, celery_stack_on, own_redis
from tests.conftest import page_content, post_callback, run_background_callback, sign_in
from tests.domain.test_annex_a_checks import clean_upload
from tests.live_client import LiveClient
from tests.test_mi import XLSX_MIME, submit
from tests.test_production import live_account, snapshots, start_upload
from tests.workbooks import SECRET_CHILD_ID, minimal_workbook

CSV_MIME = "data:text/csv;base64,"


def csv_files() -> list[tuple[str, bytes]]:
    """The minimal upload as one CSV file per list, as an LA's system exports them."""
    files = []
    for sheet in clean_upload(SECRET_CHILD_ID):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(sheet.headings)
        for row in sheet.rows:
            writer.writerow(["" if value is None else
                             value.strftime("%d/%m/%Y") if isinstance(value, date) else value
                             for value in row])
        files.append((f"{sheet.name}.csv", out.getvalue().encode()))
    return files


def upload_files(client: LiveClient, ticket: object, files: list[tuple[str, bytes]]):
    """The job's request as the page sends it: every chosen file, base64 encoded."""
    contents = [(XLSX_MIME if name.endswith(".xlsx") else CSV_MIME)
                + base64.b64encode(content).decode() for name, content in files]
    return run_background_callback(
        client, [("mi-job", "data", ticket)],
        [("mi-upload", "contents", contents),
         ("mi-upload", "filename", [name for name, _ in files])], timeout=90)


@pytest.mark.parametrize(("la_code", "kind"), [("331", "xlsx"), ("332", "csv")])
def test_an_upload_is_checked_and_stored_by_the_celery_worker(
        celery_stack: CeleryStack, la_code: str, kind: str) -> None:
    """Every .xlsx upload failed under the prefork worker (its forked sheet readers
    could not start in a daemonic process) and the page showed nothing."""
    live_account(f"celery.{la_code}", la_code)  # Coventry, Dudley: no other test uses them
    client = LiveClient(celery_stack.base_url)
    assert sign_in(client, f"celery.{la_code}").status_code == 302
    assert page_content(client, f"/upload/{la_code}").status_code == 200
    before = snapshots(la_code)
    files = ([("lists.xlsx", minimal_workbook())] if kind == "xlsx" else csv_files())
    period = (date.today() - timedelta(days=2)).isoformat()
    answer = upload_files(client, start_upload(client, la_code, period), files)
    text = answer.get_data(as_text=True)
    assert answer.status_code == 200, text[:300]
    assert "The figures were stored" in text, text[:500] + celery_stack.worker_text()[-3000:]
    assert snapshots(la_code) == before + 1


def test_a_job_that_fails_on_the_server_tells_the_user_plainly(client, seeded_db,
                                                                monkeypatch) -> None:
    """An exception in the job reached the page as a bare 500 (and the worker logged
    success); now the person reads that nothing was stored and may try again, and the
    exception's words (which may quote a cell of the upload) are not shown."""
    import callbacks.mi_upload

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"cell B2 holds {SECRET_CHILD_ID}")

    monkeypatch.setattr(callbacks.mi_upload, "upload_annex_a", broken)
    sign_in(client, "la_barnsley")
    before = snapshots("370")
    answer = submit(client, "370", minimal_workbook(),
                    (date.today() - timedelta(days=4)).isoformat())
    text = answer.get_data(as_text=True)
    assert answer.status_code == 200, text[:300]
    assert "The upload could not be checked" in text and "try again" in text
    assert SECRET_CHILD_ID not in text
    assert snapshots("370") == before


def test_with_redis_down_sign_in_still_works_and_an_upload_is_refused_at_once(
        seeded_db, tmp_path) -> None:
    """Redis holds the shared sign-in limit and the job queue. With it down, sign-in
    answered 500 and an upload held a web worker for about 20 s before failing. Now
    sign-in works with each worker counting the limit in its own memory, and an upload
    is refused in the request with a plain message, nothing sent or stored."""
    live_account("celery.333", "333")  # Sandwell: no other test uses it
    period = (date.today() - timedelta(days=2)).isoformat()
    with own_redis() as redis, celery_stack_on(
            redis, tmp_path, web_workers=1,  # one process: its own count is the limit
            extra_env={"LOGIN_RATE_LIMIT": "4 per minute"}) as stack:
        client = LiveClient(stack.base_url)
        assert sign_in(client, "celery.333").status_code == 302
        assert page_content(client, "/upload/333").status_code == 200
        since = stack.log_size()
        redis.stop()

        other = LiveClient(stack.base_url)
        assert sign_in(other, "celery.333").status_code == 302  # 1 of 4
        assert page_content(other, "/upload/333").status_code == 200
        statuses = [sign_in(LiveClient(stack.base_url), "celery.333", "wrong").status_code
                    for _attempt in range(4)]
        assert statuses == [401, 401, 401, 429]  # the limit still counts, in memory

        before = snapshots("333")
        began = time.monotonic()
        started = post_callback(client, [("mi-submit", "n_clicks", 1)], [
            ("mi-upload", "filename", ["lists.xlsx"]), ("mi-period-end", "value", period),
            ("mi-la", "data", "333"), ("mi-latest-event", "data", None)])
        assert time.monotonic() - began < 5
        assert started.status_code == 200, started.get_data(as_text=True)[:300]
        answer = started.get_json()["response"]
        assert "Uploads are unavailable for a moment: try again shortly." in str(
            answer["mi-status"])
        assert "mi-job" not in answer  # no job is started
        assert snapshots("333") == before
        log = stack.gunicorn_log.read_text()
        assert log.count("falling back to in-memory storage") == 1
        assert "Internal Server Error" not in log and "Traceback" not in log
        # a job sent anyway (Redis went down between the two requests) gives up in
        # about a second rather than holding the web worker for Celery's 20
        began = time.monotonic()
        upload_files(client, {"la": "333", "period": period, "ticket": "0123456789abcdef"},
                     [("lists.xlsx", minimal_workbook())])
        assert time.monotonic() - began < 5
        assert snapshots("333") == before
        redis.start()  # and when it is back (the worker with it), uploads go through again
        stack.wait_connected(since)
        assert stack.worker.poll() is None  # the worker waited for Redis
        answer = upload_files(client, start_upload(client, "333", period),
                              [("lists.xlsx", minimal_workbook())])
        assert "The figures were stored" in answer.get_data(as_text=True)
        assert snapshots("333") == before + 1
