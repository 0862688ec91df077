"""The production path with Celery (issue 16): uploads go through a real Redis and a
real Celery worker (the default prefork pool) behind gunicorn, as `make serve` and
`make worker` run them."""

from __future__ import annotations

import base64
import csv
import io
from datetime import date, timedelta

import pytest

from tests.celery_tools import CeleryStack
from tests.conftest import page_content, run_background_callback, sign_in
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


@pytest.mark.parametrize(("la_code", "kind"), [("383", "xlsx"), ("384", "csv")])
def test_an_upload_is_checked_and_stored_by_the_celery_worker(
        celery_stack: CeleryStack, la_code: str, kind: str) -> None:
    """Every .xlsx upload failed under the prefork worker (its forked sheet readers
    could not start in a daemonic process) and the page showed nothing."""
    live_account(f"celery.{la_code}", la_code)  # Leeds, Wakefield: no other test's
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
