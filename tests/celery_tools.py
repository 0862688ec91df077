"""The production path with Celery, for tests: a throwaway Redis server (on a Unix
socket, nothing kept on disk; tests/tools/redis.sh installs Debian's redis-server when
it is missing), a real Celery worker (`celery -A app:celery_app worker`, the default
prefork pool) and the app under gunicorn, all sharing this test run's database, key and
instance folder.

Fixtures (imported by tests/app_fixtures.py, so any app test may ask for them):

- ``redis_server``: one Redis server for the session (a :class:`RedisServer`).
- ``celery_stack``: Redis, a Celery worker and gunicorn (2 workers) with
  CELERY_BROKER_URL and RATELIMIT_STORAGE_URI on that Redis, for the session (a
  :class:`CeleryStack`). Tests marked ``@pytest.mark.celery`` get it started for them.

Tests that stop Redis or kill the worker should make their own with
``with own_redis(tmp_path) as redis, celery_stack_on(redis) as stack:`` so the shared
one stays up for the other tests.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

from tests.live_client import ROOT, gunicorn

REDIS_SCRIPT = ROOT / "tests" / "tools" / "redis.sh"
#: How long a Celery worker may take to import the app and say it is ready.
WORKER_START_SECONDS = 60


class RedisServer:
    """A throwaway redis-server listening only on ``socket`` (no TCP port)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.socket = directory / "redis.sock"

    @property
    def broker_url(self) -> str:
        """For Celery/kombu: CELERY_BROKER_URL (broker and result backend)."""
        return f"redis+socket://{self.socket}"

    @property
    def limiter_url(self) -> str:
        """For Flask-Limiter (the limits package): RATELIMIT_STORAGE_URI."""
        return f"redis+unix://{self.socket}"

    @property
    def client_url(self) -> str:
        """For redis-py: ``redis.Redis.from_url``."""
        return f"unix://{self.socket}"

    def client(self):  # -> redis.Redis
        """A redis-py client, e.g. to scan every key the app and worker left."""
        import redis

        return redis.Redis.from_url(self.client_url)

    def start(self) -> None:
        """Start (or start again, on the same socket path, after ``stop``)."""
        url = subprocess.run([str(REDIS_SCRIPT), "start", str(self.directory)], check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        assert url == self.broker_url, url

    def stop(self) -> None:
        """Stop the server (an outage): clients then get connection errors."""
        subprocess.run([str(REDIS_SCRIPT), "stop", str(self.directory)], check=True,
                       capture_output=True)

    @property
    def running(self) -> bool:
        return self.socket.exists()


@contextmanager
def own_redis(parent: Path | None = None) -> Iterator[RedisServer]:
    """A Redis server for one test (stopping it harms no other test)."""
    # a short path: a Unix socket path must stay under 108 bytes
    directory = Path(tempfile.mkdtemp(prefix="ilacs-redis-", dir="/tmp"))
    server = RedisServer(directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class CeleryStack:
    """Redis, a Celery worker and gunicorn, wired as the README's production section."""

    def __init__(self, redis: RedisServer, log_dir: Path, extra_env: dict[str, str]) -> None:
        self.redis = redis
        self.log_dir = log_dir
        self.env = {"CELERY_BROKER_URL": redis.broker_url,
                    "RATELIMIT_STORAGE_URI": redis.limiter_url, **extra_env}
        self.worker: subprocess.Popen | None = None
        self.worker_log = log_dir / "celery-worker.log"
        self.gunicorn_log = log_dir / "gunicorn.log"
        self.base_url = ""
        self.gunicorn: subprocess.Popen | None = None

    def start_worker(self, concurrency: int = 2, extra_args: tuple[str, ...] = ()
                     ) -> subprocess.Popen:
        """`celery -A app:celery_app worker --pool=prefork` (the default pool), ready.
        ``extra_args`` go on the command line (``-I tests.tools.job_faults`` for a hook)."""
        assert self.worker is None or self.worker.poll() is not None, "a worker is running"
        start = self.worker_log.stat().st_size if self.worker_log.exists() else 0
        log = open(self.worker_log, "ab")
        self.worker = subprocess.Popen(
            [str(Path(sys.executable).with_name("celery")), "-A", "app:celery_app", "worker",
             "--pool=prefork", f"--concurrency={concurrency}", "--loglevel=INFO",
             "--without-mingle", "--without-gossip", "-n", f"ilacs-test-{os.getpid()}@%h",
             *extra_args],
            cwd=ROOT, env={**os.environ, **self.env}, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + WORKER_START_SECONDS
        while True:
            with open(self.worker_log, "rb") as reader:
                reader.seek(start)
                if b" ready." in reader.read():
                    return self.worker
            if self.worker.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("the Celery worker did not start:\n" + self.worker_text())
            time.sleep(0.1)

    def pool_pids(self) -> list[int]:
        """The prefork pool's processes (where jobs run): kill one to lose a job."""
        assert self.worker is not None
        return [child.pid for child in psutil.Process(self.worker.pid).children()]

    def stop_worker(self, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
        """Stop the worker (SIGTERM: a warm shutdown; SIGKILL: it dies as in a crash,
        its pool processes with it)."""
        if self.worker is None or self.worker.poll() is not None:
            return
        children = self.pool_pids()
        self.worker.send_signal(sig)
        try:
            self.worker.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.worker.kill()
            self.worker.wait(timeout=10)
        for pid in children:  # none outlives its worker
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def log_size(self) -> int:
        """Where the worker's log ends now (for ``wait_connected``)."""
        return self.worker_log.stat().st_size if self.worker_log.exists() else 0

    def wait_connected(self, since: int, seconds: float = 60) -> None:
        """Wait until the worker logs that it connected to Redis after ``since`` (an
        offset from ``log_size``): after an outage it retries every 2 s, then every 4,
        6, ... up to 30 s. Fails if the worker exits meanwhile."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with open(self.worker_log, "rb") as reader:
                reader.seek(since)
                if b"Connected to" in reader.read():
                    return
            assert self.worker is not None and self.worker.poll() is None, (
                "the Celery worker exited:\n" + self.worker_text()[-3000:])
            time.sleep(0.2)
        raise AssertionError("the worker never reconnected:\n" + self.worker_text()[-3000:])

    def worker_text(self) -> str:
        """What the worker logged (for a failing test's message)."""
        return self.worker_log.read_text(errors="replace") if self.worker_log.exists() else ""


@contextmanager
def celery_stack_on(redis: RedisServer, log_dir: Path | None = None, web_workers: int = 2,
                    extra_env: dict[str, str] | None = None,
                    worker_args: tuple[str, ...] = ()) -> Iterator[CeleryStack]:
    """A Celery worker and gunicorn on ``redis``; both stopped afterwards. Their logs
    go to ``log_dir`` (kept), or to a temporary folder removed afterwards."""
    own_logs = log_dir is None
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="ilacs-celery-"))
    stack = CeleryStack(redis, log_dir, extra_env or {})
    try:
        stack.start_worker(extra_args=worker_args)
        with gunicorn(workers=web_workers, env=stack.env,
                      error_log=stack.gunicorn_log) as (base, server):
            stack.base_url, stack.gunicorn = base, server
            yield stack
    finally:
        stack.stop_worker(signal.SIGQUIT)  # a cold shutdown: no job is left to finish
        if own_logs:
            shutil.rmtree(log_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    with own_redis() as server:
        yield server


@pytest.fixture(scope="session")
def celery_stack(seeded_db, redis_server: RedisServer, tmp_path_factory) -> Iterator[CeleryStack]:
    """The app under gunicorn with a real Celery worker and Redis (the production path)."""
    if not redis_server.running:  # a test stopped the shared server: start it again
        redis_server.start()
    with celery_stack_on(redis_server, tmp_path_factory.mktemp("celery")) as stack:
        yield stack


@pytest.fixture(autouse=True)
def _celery_marker(request: pytest.FixtureRequest) -> None:
    """``@pytest.mark.celery`` starts the shared stack for a test."""
    if request.node.get_closest_marker("celery"):
        request.getfixturevalue("celery_stack")
