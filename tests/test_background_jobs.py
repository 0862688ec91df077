"""Background jobs (issue 16): what a job carries and what Redis holds (item 5), and what
the page says when a job's worker dies (item 3), through a real Redis, a real prefork
Celery worker and gunicorn, and with the disk-cache manager in process."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dashboard.web.background import (
    HEARTBEAT_SECONDS,
    JOB_LOST_MESSAGE,
    JOB_RESULT_SECONDS,
    LOST_AFTER_SECONDS,
)
from tests.celery_tools import celery_stack_on, own_redis
from tests.conftest import csrf_header, post_callback, sign_in
from tests.live_client import LiveClient
from tests.test_celery import CSV_MIME, csv_files
from tests.test_production import audit_count, live_account, snapshots
from tests.workbooks import SECRET_CHILD_ID

#: The child's date of birth in the test lists, as the CSV writes it and as ISO.
BIRTH_DATES = (b"05/05/2015", b"2015-05-05")
#: Kombu's own keys: the routing table, and the queue and unacknowledged set while they
#: hold a message. They never expire; a message leaves them when its job is acknowledged
#: and carries its own expiry (a worker drops it unread after JOB_RESULT_SECONDS).
KOMBU_KEYS = re.compile(rb"^(_kombu\.binding[._].*|celery|unacked|unacked_index)$")
USER_AGENT = "ilacs-test-agent/7b3f91"
HEADER_MARK = "header-value-5d02aa"
FAULT_HOOK = ("-I", "tests.tools.job_faults")


# ------------------------------------------------------------------ reading Redis


def every_value(redis) -> dict[bytes, list[bytes]]:
    """Every key in Redis, whatever its type, with everything it holds."""
    held: dict[bytes, list[bytes]] = {}
    for key in redis.scan_iter(count=1000):
        kind = redis.type(key)
        if kind == b"string":
            values = [redis.get(key) or b""]
        elif kind == b"list":
            values = redis.lrange(key, 0, -1)
        elif kind == b"hash":
            values = [part for pair in redis.hgetall(key).items() for part in pair]
        elif kind == b"set":
            values = list(redis.smembers(key))
        elif kind == b"zset":
            values = redis.zrange(key, 0, -1)
        elif kind == b"stream":
            values = [json.dumps([[k.decode(), {a.decode(): b.decode() for a, b in f.items()}]
                                  for k, f in redis.xrange(key)]).encode()]
        else:
            values = []
        held[key] = [key, *values]
    return held


def unwrapped(blob: bytes, depth: int = 0) -> Iterator[bytes]:
    """The blob and whatever base64 inside it decodes to (a file in a data URL, a
    message body), so text is found however it is wrapped."""
    yield blob
    if depth == 3:
        return
    for run in re.findall(rb"[A-Za-z0-9+/]{16,}={0,2}", blob):
        try:
            decoded = base64.b64decode(run + b"=" * (-len(run) % 4))
        except ValueError:
            continue
        yield from unwrapped(decoded, depth + 1)


def found(held: dict[bytes, list[bytes]], secrets: list[bytes],
          removing: list[bytes] = ()) -> list[tuple[bytes, bytes]]:
    """(key, secret) for each secret anywhere in Redis, with ``removing`` taken out of
    every value first (the upload, while its job waits)."""
    hits = []
    for key, values in held.items():
        for value in values:
            for part in removing:
                value = value.replace(part, b"")
            for text in unwrapped(value):
                hits += [(key, secret) for secret in secrets if secret in text]
    return hits


def keys_without_expiry(redis) -> list[tuple[bytes, int]]:
    """Keys that would outlive JOB_RESULT_SECONDS (Kombu's own keys aside)."""
    late = []
    for key in redis.scan_iter(count=1000):
        ttl = redis.ttl(key)
        if not KOMBU_KEYS.match(key) and not 0 < ttl <= JOB_RESULT_SECONDS:
            late.append((key, ttl))
    return late


# ------------------------------------------------------------------ the page's requests


def upload_contents(files: list[tuple[str, bytes]]) -> list[str]:
    return [CSV_MIME + base64.b64encode(content).decode() for _name, content in files]


def press_upload(client: LiveClient, la_code: str, names: list[str], period: str) -> object:
    """Step 2's store, the date confirmed ("Yes, store with <date>": the lists' events are
    on 1 September 2026, months before the periods here): its answer's ticket starts the
    job."""
    started = post_callback(client, [("mi-date-yes", "n_clicks", 1)], [
        ("mi-upload", "filename", names), ("mi-asked-date", "data", period),
        ("mi-la", "data", la_code)])
    assert started.status_code == 200, started.get_data(as_text=True)[:300]
    return started.get_json()["response"]["mi-job"]["data"]


def start_job(client: LiveClient, ticket: object, files: list[tuple[str, bytes]]
              ) -> tuple[list, list, dict]:
    inputs = [("mi-job", "data", ticket)]
    state = [("mi-upload", "contents", upload_contents(files)),
             ("mi-upload", "filename", [name for name, _ in files])]
    started = post_callback(client, inputs, state)
    assert started.status_code == 200, started.get_data(as_text=True)[:300]
    return inputs, state, started.get_json()


def poll(client: LiveClient, inputs: list, state: list, handles: dict,
         timeout: float = 90) -> tuple[dict, float]:
    """Poll as the renderer does (values nulled, the handles in the query) until the
    answer comes; returns it and how long it took."""
    begun = time.monotonic()
    nulled_inputs = [(c, p, None) for c, p, _ in inputs]
    nulled_state = [(c, p, None) for c, p, _ in state]
    query = {"cacheKey": handles["cacheKey"], "job": handles["job"]}
    while time.monotonic() - begun < timeout:
        polled = post_callback(client, nulled_inputs, nulled_state, query=query)
        assert polled.status_code in (200, 204), polled.get_data(as_text=True)[:300]
        body = polled.get_json(silent=True) if polled.status_code == 200 else None
        if body and "response" in body:
            return body, time.monotonic() - begun
        time.sleep(0.5)
    raise AssertionError("the job never answered")


def upload_whole(client: LiveClient, la_code: str, period: str) -> dict:
    files = csv_files()
    ticket = press_upload(client, la_code, [n for n, _ in files], period)
    inputs, state, handles = start_job(client, ticket, files)
    return poll(client, inputs, state, handles)[0]


def shown(answer: dict) -> str:
    return json.dumps(answer["response"], ensure_ascii=False)


def wait_for_pid(marker: Path, seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    while not marker.exists() or not marker.read_text().strip():
        assert time.monotonic() < deadline, "the job never reached its commit"
        time.sleep(0.05)
    return int(marker.read_text())


# ------------------------------------------------------------------ item 5: Redis


def test_redis_holds_the_upload_once_while_it_waits_and_nothing_of_it_after(
        seeded_db, tmp_path) -> None:
    """A waiting job carried the upload three times, the session and CSRF cookies and
    every request header, with no expiry; answers stayed 24 hours. Now: the upload once,
    no cookie or header, a ticket; every key expires within 15 minutes; after the job,
    no child's ID or date of birth, cookie or header anywhere in Redis."""
    live_account("jobs.850", "850")  # Hampshire: no other test's
    period = (date.today() - timedelta(days=4)).isoformat()
    files = csv_files()
    contents = upload_contents(files)
    with own_redis() as redis, celery_stack_on(redis, tmp_path) as stack:
        client = LiveClient(stack.base_url)
        client.session.headers.update({"User-Agent": USER_AGENT, "X-Trace-Id": HEADER_MARK})
        assert sign_in(client, "jobs.850").status_code == 302
        before = snapshots("850")
        # pressed while a worker runs (with none, the button refuses at once); then the
        # job waits in the queue
        ticket = press_upload(client, "850", [n for n, _ in files], period)
        stack.stop_worker()
        inputs, state, handles = start_job(client, ticket, files)
        secrets = [client.get_cookie("session").value.encode(),
                   csrf_header(client)["X-CSRFToken"].encode(),
                   USER_AGENT.encode(), HEADER_MARK.encode()]
        store = redis.client()

        waiting = every_value(store)
        messages = store.lrange("celery", 0, -1)
        assert len(messages) == 1
        message = messages[0]
        upload_size = sum(len(c) for c in contents)
        assert len(message) < upload_size * 1.1 + 4096, (len(message), upload_size)
        everything = b"".join(v for values in waiting.values() for v in values)
        for content in contents:  # the upload, once
            assert everything.count(content.split(",", 1)[1].encode()) == 1
        assert found(waiting, secrets) == []
        assert found(waiting, [SECRET_CHILD_ID.encode(), *BIRTH_DATES],
                     removing=[c.encode() for c in contents]) == []
        assert keys_without_expiry(store) == []
        expires = datetime.fromisoformat(json.loads(message)["headers"]["expires"])
        assert expires <= datetime.now(UTC) + timedelta(seconds=JOB_RESULT_SECONDS)

        stack.start_worker()
        answer, _took = poll(client, inputs, state, handles)
        assert "The figures were stored" in shown(answer), stack.worker_text()[-2000:]
        assert snapshots("850") == before + 1
        time.sleep(1)  # the worker acknowledges after the answer
        after = every_value(store)
        assert found(after, [*secrets, SECRET_CHILD_ID.encode(), *BIRTH_DATES,
                             *(c.split(",", 1)[1][:60].encode() for c in contents)]) == []
        assert keys_without_expiry(store) == []
        assert not store.exists("celery", "unacked")  # no message left behind


# ------------------------------------------------------------------ item 3: lost jobs


@pytest.mark.parametrize("killed", ["the pool process", "the whole worker"])
def test_a_job_whose_worker_is_killed_is_reported_and_a_retry_is_stored_whole(
        seeded_db, tmp_path, killed: str) -> None:
    """After SIGKILL the page showed "Step 1 of 3…" for ever. Killing the process
    running the job puts it back on the queue, and the worker that takes it again ends
    it with the message (never running an upload twice); killing the whole worker, the
    page's poll says so once the job's heartbeat is LOST_AFTER_SECONDS old. Nothing is
    stored; after the worker is back the same upload is stored whole."""
    la_code = "851" if killed == "the pool process" else "852"  # Portsmouth, Southampton
    live_account(f"jobs.{la_code}", la_code)
    marker = tmp_path / "job-pid"
    period = (date.today() - timedelta(days=6)).isoformat()
    with own_redis() as redis, celery_stack_on(
            redis, tmp_path, extra_env={"JOB_FAULT_MARKER": str(marker)},
            worker_args=FAULT_HOOK) as stack:
        client = LiveClient(stack.base_url)
        assert sign_in(client, f"jobs.{la_code}").status_code == 302
        before, trail = snapshots(la_code), audit_count()
        files = csv_files()
        ticket = press_upload(client, la_code, [n for n, _ in files], period)
        inputs, state, handles = start_job(client, ticket, files)
        pid = wait_for_pid(marker)  # inside the upload's transaction, before the commit
        if killed == "the pool process":
            os.kill(pid, signal.SIGKILL)
            # faster than any heartbeat bound: the job came back and was ended at once
            bound = LOST_AFTER_SECONDS / 2
        else:
            stack.stop_worker(signal.SIGKILL)
            bound = LOST_AFTER_SECONDS + HEARTBEAT_SECONDS + 10.0
        answer, took = poll(client, inputs, state, handles, timeout=bound + 30)
        print(f"{killed}: the page was told after {took:.1f} s")
        assert JOB_LOST_MESSAGE in shown(answer), stack.worker_text()[-3000:]
        assert took <= bound
        assert answer["response"]["mi-problems"]["data"] is None
        assert snapshots(la_code) == before and audit_count() == trail

        if stack.worker is None or stack.worker.poll() is not None:
            stack.start_worker(extra_args=FAULT_HOOK)
        again = upload_whole(client, la_code, period)
        assert "The figures were stored" in shown(again), stack.worker_text()[-3000:]
        assert snapshots(la_code) == before + 1


def test_a_forked_job_killed_is_reported_at_the_next_poll(client, seeded_db, tmp_path,
                                                          monkeypatch) -> None:
    """With the disk-cache manager (no Celery) a killed job's page stopped polling with
    nothing said; now the next poll says the upload stopped, and nothing is stored."""
    import callbacks.mi_upload

    marker = tmp_path / "pid"

    def stuck(*_args, **_kwargs):
        marker.write_text(str(os.getpid()))
        time.sleep(120)

    monkeypatch.setattr(callbacks.mi_upload, "upload_annex_a", stuck)  # the fork has it
    sign_in(client, "la_barnsley")
    before = snapshots("370")
    files = csv_files()
    ticket = press_upload(client, "370", [n for n, _ in files], "2026-11-03")
    inputs, state, handles = start_job(client, ticket, files)
    os.kill(wait_for_pid(marker), signal.SIGKILL)
    time.sleep(0.5)
    answer, took = poll(client, inputs, state, handles, timeout=20)
    assert JOB_LOST_MESSAGE in shown(answer) and took < 5
    assert snapshots("370") == before


def test_an_unread_answer_on_disk_expires_with_everything_a_job_leaves(
        client, seeded_db, dash_app) -> None:
    """The disk cache kept an unread answer for ever (the README said 15 minutes)."""
    manager = next(cb["manager"] for cb in dash_app.callback_map.values()
                   if cb.get("manager") is not None)
    sign_in(client, "la_barnsley")
    files = csv_files()
    cache = manager.handle
    earlier = set(cache.iterkeys())
    ticket = press_upload(client, "370", [n for n, _ in files], "2026-10-04")
    start_job(client, ticket, files)
    deadline = time.monotonic() + 60
    while not any(str(k).endswith("-job") and json.loads(cache.get(k))["state"] == "finished"
                  for k in set(cache.iterkeys()) - earlier):
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.2)
    now = time.time()
    for key in cache.iterkeys():
        if key == manager.SIGNING_SECRET_KEY:
            continue
        _value, expire_time = cache.get(key, expire_time=True)
        assert expire_time is not None and expire_time <= now + JOB_RESULT_SECONDS, key


def test_the_job_shows_its_first_step_before_the_slow_part(client, seeded_db, tmp_path,
                                                           monkeypatch) -> None:
    """With a large CSV the status line was blank for about 40 s: the first step came
    only after the files were decoded. Now the job says it before touching them."""
    import callbacks.mi_upload

    marker = tmp_path / "decoding"

    def slow_decode(*_args, **_kwargs):
        marker.write_text(str(os.getpid()))
        time.sleep(120)

    monkeypatch.setattr(callbacks.mi_upload, "_decode_files", slow_decode)  # the fork has it
    sign_in(client, "la_barnsley")
    files = csv_files()
    ticket = press_upload(client, "370", [n for n, _ in files], "2026-11-04")
    inputs, state, handles = start_job(client, ticket, files)
    pid = wait_for_pid(marker)
    try:
        polled = post_callback(client, [(c, p, None) for c, p, _ in inputs],
                               [(c, p, None) for c, p, _ in state],
                               query={"cacheKey": handles["cacheKey"], "job": handles["job"]})
        progress = polled.get_json()["progress"]["mi-status.children"]
        assert progress.startswith("Step 1 of 3: reading 12 file(s)"), progress
    finally:
        os.kill(pid, signal.SIGKILL)


# ------------------------------------------------------------------ issue: a ticket runs once


def test_a_ticket_sent_again_is_refused_and_stores_nothing_more(client, seeded_db) -> None:
    """An upload ticket replayed in the same session within its 5 minutes ran the job
    again and left an extra pending upload. The job claims the ticket in the job store
    that every worker shares; the second job with the same ticket stores nothing."""
    from dashboard.web.job_tickets import ALREADY_USED

    sign_in(client, "la_barnsley")
    files = csv_files()
    before = snapshots("370")
    ticket = press_upload(client, "370", [n for n, _ in files], "2026-10-07")
    inputs, state, handles = start_job(client, ticket, files)
    first = shown(poll(client, inputs, state, handles)[0])
    assert ALREADY_USED not in first
    stored = snapshots("370")
    assert stored == before + 1
    audited = audit_count()

    inputs, state, handles = start_job(client, ticket, files)  # the same ticket again
    again = shown(poll(client, inputs, state, handles)[0])
    assert ALREADY_USED in again
    assert (snapshots("370"), audit_count()) == (stored, audited)
