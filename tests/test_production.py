"""The production path: the app under gunicorn with several workers, and what happens
to the database when a worker dies in the middle of a change (issue 8)."""

from __future__ import annotations

import os
import signal
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from dashboard.access import SYSTEM
from dashboard.domain.sef import sef_to_dict
from dashboard.services.user_admin import create_user
from dashboard.storage.db import session_scope
from dashboard.storage.models import AuditEvent, MISnapshot, SefDocument, SefVersion
from tests.conftest import ACCOUNTS, PASSWORD, page_content, sign_in
from tests.live_client import LiveClient, gunicorn
from tests.test_mi import background_upload
from tests.test_sef_web import a_sef, save_now
from tests.workbooks import minimal_workbook

FAULTS = Path(__file__).parent / "tools" / "fault_injection.py"


def live_account(key: str, la_code: str) -> None:
    """An LA user of this module's own, signed in as ``sign_in(client, key)``."""
    email = f"{key}@test.example.org"
    errors = create_user(SYSTEM, email=email, full_name=key, role="la_user", la_code=la_code,
                         password=PASSWORD)
    assert not errors or errors[0].message.startswith("An account with this email")
    ACCOUNTS[key] = dict(email=email, role="la_user", la_code=la_code)


def audit_count() -> int:
    with session_scope() as session:
        return session.scalar(select(func.count(AuditEvent.id)))


def snapshots(la_code: str) -> int:
    with session_scope() as session:
        return session.scalar(select(func.count(MISnapshot.id))
                              .where(MISnapshot.la_code == la_code))


def sef_state(la_code: str) -> tuple[int, int]:
    """(head number, versions stored) of an LA's SEF."""
    with session_scope() as session:
        document = session.scalars(select(SefDocument).where(
            SefDocument.la_code == la_code)).one_or_none()
        if document is None:
            return 0, 0
        return document.head_number, session.scalar(select(func.count(SefVersion.id)).where(
            SefVersion.sef_id == document.id))


def start_upload(client: LiveClient, la_code: str, period: str) -> dict:
    """Step 2's store, the date confirmed ("Yes, store with <date>": the minimal
    workbook's events are on 1 September 2026, months before the periods here)."""
    from tests.conftest import post_callback

    started = post_callback(client, [("mi-date-yes", "n_clicks", 1)], [
        ("mi-upload", "filename", ["lists.xlsx"]), ("mi-asked-date", "data", period),
        ("mi-la", "data", la_code)])
    assert started.status_code == 200, started.get_data(as_text=True)[:300]
    return started.get_json()["response"]["mi-job"]["data"]


def test_every_worker_serves_a_signed_in_person_and_their_upload(seeded_db, tmp_path) -> None:
    """Sessions, CSRF tokens and background jobs live in no single process: requests
    from one person land on different workers and all work."""
    live_account("live.380", "380")  # Bradford
    log = tmp_path / "access.log"
    with gunicorn(workers=3, access_log=log) as (base, _server):
        clients = [LiveClient(base) for _ in range(4)]
        for client in clients:
            assert sign_in(client, "live.380").status_code == 302
        for _round in range(8):
            for client in clients:
                page = page_content(client, "/la/380")
                assert page.status_code == 200 and "Bradford" in page.get_data(as_text=True)
        before = snapshots("380")
        period = (date.today() - timedelta(days=3)).isoformat()
        ticket = start_upload(clients[0], "380", period)
        stored = background_upload(clients[0], ticket, minimal_workbook())
        assert "The figures were stored" in stored.get_data(as_text=True)
        assert snapshots("380") == before + 1
    pids = {line.split()[0] for line in log.read_text().splitlines()
            if "/_dash-update-component" in line}
    assert len(pids) > 1, "every request went to one worker: the test proves nothing"


def _wait_for(marker: Path, seconds: float = 60) -> tuple[int, int]:
    """The paused process's pid, and the audit entries its own transaction could see."""
    deadline = time.monotonic() + seconds
    while not marker.exists() or len(marker.read_text().split()) < 2:
        assert time.monotonic() < deadline, "the change never reached the database"
        time.sleep(0.05)
    pid, entries = marker.read_text().split()
    return int(pid), int(entries)


def _in_background(call) -> threading.Thread:
    def quietly() -> None:
        try:
            call()
        except requests.RequestException:
            pass  # the worker died under this request: that is the test

    thread = threading.Thread(target=quietly, daemon=True)
    thread.start()
    return thread


def test_a_worker_killed_in_the_middle_of_a_sef_save_leaves_the_sef_as_it_was(
        seeded_db, tmp_path) -> None:
    live_account("live.381", "381")  # Calderdale
    marker = tmp_path / "pid"
    env = {"FAULT_TABLE": "sef_versions", "FAULT_MARKER": str(marker)}
    with gunicorn(workers=1, config=FAULTS, env=env) as (base, _server):
        client = LiveClient(base)
        sign_in(client, "live.381")
        head, versions = sef_state("381")
        trail = audit_count()
        doc = sef_to_dict(a_sef("Saved as the worker dies."))
        _in_background(lambda: save_now(client, "381", doc, head))
        pid, entries_in_transaction = _wait_for(marker)
        assert entries_in_transaction == trail + 1  # written, in the same transaction
        os.kill(pid, signal.SIGKILL)  # after the flush, before the commit
        time.sleep(0.5)
        assert sef_state("381") == (head, versions)
        assert audit_count() == trail
        # gunicorn starts a new worker; the same save then goes through whole
        deadline = time.monotonic() + 30
        while True:
            try:
                saved = save_now(client, "381", doc, head)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert saved.status_code == 200, saved.get_data(as_text=True)[:300]
        assert sef_state("381") == (head + 1, versions + 1)
        assert audit_count() == trail + 1


def test_an_upload_killed_in_the_middle_stores_none_of_it(seeded_db, tmp_path) -> None:
    live_account("live.382", "382")  # Kirklees
    marker = tmp_path / "pid"
    env = {"FAULT_TABLE": "mi_snapshots", "FAULT_MARKER": str(marker)}
    period = (date.today() - timedelta(days=5)).isoformat()
    with gunicorn(workers=2, config=FAULTS, env=env) as (base, _server):
        client = LiveClient(base)
        sign_in(client, "live.382")
        before, trail = snapshots("382"), audit_count()
        ticket = start_upload(client, "382", period)
        _in_background(lambda: background_upload(client, ticket, minimal_workbook()))
        # the process holding the upload's transaction (the background job)
        pid, entries_in_transaction = _wait_for(marker)
        assert entries_in_transaction == trail + 1
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        assert snapshots("382") == before
        assert audit_count() == trail
        with session_scope() as session:
            assert session.scalar(select(func.count()).select_from(
                MISnapshot.__table__.join(
                    MISnapshot.values.property.mapper.local_table))
                .where(MISnapshot.la_code == "382")) == 0
        # and the next upload is stored whole
        again = background_upload(client, start_upload(client, "382", period),
                                  minimal_workbook())
        assert "The figures were stored" in again.get_data(as_text=True)
        assert snapshots("382") == before + 1


@pytest.mark.parametrize("scheme", ["https"])
def test_cookies_are_secure_and_hsts_is_sent_over_https(client, scheme) -> None:
    page = client.get("/login", base_url=f"{scheme}://localhost")
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    from tests.conftest import csrf_from

    signed_in = client.post("/login", base_url=f"{scheme}://localhost", data={
        "email": ACCOUNTS["la_barnsley"]["email"], "password": PASSWORD,
        "csrf_token": csrf_from(page.get_data(as_text=True)), "next": "/"})
    cookies = signed_in.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie
    home = client.get("/", base_url=f"{scheme}://localhost")
    csrf_cookie = next(c for c in home.headers.getlist("Set-Cookie")
                       if c.startswith("_csrf_token="))
    assert "Secure" in csrf_cookie and "SameSite=Strict" in csrf_cookie


def test_plain_http_on_loopback_keeps_cookies_usable_and_sends_no_hsts(client) -> None:
    page = client.get("/login")
    assert "Strict-Transport-Security" not in page.headers
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"


def test_a_forked_process_never_shares_its_parents_connections(seeded_db) -> None:
    """One engine per database however it is asked for, and a forked process (a
    background job) gets a new pool: sharing the parent's pooled connections
    desynchronised PostgreSQL's protocol and hung the parent."""
    from dashboard.storage.db import get_engine

    engine = get_engine()
    assert get_engine(None) is engine and get_engine(os.environ["DATABASE_URL"]) is engine
    with session_scope() as session:  # the parent has a pooled connection
        session.scalar(select(func.count(AuditEvent.id)))
    parent_pool = id(engine.pool)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child reports its pool and whether it can query on its own
        try:
            with session_scope() as session:
                session.scalar(select(func.count(AuditEvent.id)))
            os.write(write, f"{id(get_engine().pool)}".encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    reported = os.read(read, 100).decode()
    assert reported and int(reported) != parent_pool
    assert id(engine.pool) == parent_pool  # the parent keeps its own
    with session_scope() as session:
        assert session.scalar(select(func.count(AuditEvent.id))) >= 0
