"""Long work (a large Annex A upload) runs as a Dash background callback, so it never
holds a web worker: a disk cache shared by every worker on the host by default, or
Celery with Redis when CELERY_BROKER_URL is set (then run `make worker` too).

What a job carries (issue 16, item 5): its arguments (the upload once, the file names
and a signed ticket, see ``dashboard.web.job_tickets``) and a context stripped to the ids of
what triggered it, its own key and a one-way tag of the session that asked. Never the
browser's cookies or headers, and no second copy of the inputs. Everything a job leaves
in the store (its answer, progress, heartbeat) expires after ``JOB_RESULT_SECONDS``.

A job that is lost (its worker killed, issue 16, item 3) is reported: the job writes a
heartbeat while it runs, and a poll that finds no answer and a heartbeat older than
``LOST_AFTER_SECONDS`` (or a job still queued when its ticket has expired) answers
"The upload stopped before it finished" and marks the job lost, so it never runs
later. With Celery the job is acknowledged only when it has finished and goes back on
the queue if its worker dies; a worker that gets a job that had already started (its
earlier worker died) ends it with the same message rather than run an upload twice.
Nothing partial is stored: an upload is one transaction.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import logging
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import diskcache
from dash.exceptions import PreventUpdate

from dashboard.config import Settings, load_settings
from dashboard.web.job_tickets import TICKET_SECONDS, current_session_tag

log = logging.getLogger(__name__)

#: How long anything a job leaves behind is kept (a person who closed the tab never
#: reads the answer): answers, progress, heartbeats and, with Celery, task results.
JOB_RESULT_SECONDS = 15 * 60
#: A running job writes a heartbeat this often...
HEARTBEAT_SECONDS = 5
#: ...and one with no heartbeat for this long has lost its process.
LOST_AFTER_SECONDS = 30
#: A job still waiting to start this long after it was queued can never run (its
#: ticket has expired): it is reported as stopped.
QUEUED_AT_MOST_SECONDS = TICKET_SECONDS + 30
JOB_LOST_MESSAGE = "The upload stopped before it finished: nothing was stored. Try again."
#: How long a request waits to learn whether the job queue (Redis) answers.
BROKER_CHECK_SECONDS = 2
#: What a person sees when the job queue is down: nothing was sent, nothing stored.
JOBS_UNAVAILABLE = "Uploads are unavailable for a moment: try again shortly."
#: What a person sees when no Celery worker answers: nothing was sent, nothing stored.
NO_WORKER = ("No upload worker is running: nothing was stored. Try again in a minute; if "
             "it keeps happening, tell your administrator.")
#: How long a worker's ping may take, and how long its answer is trusted (per process).
WORKER_PING_SECONDS = 1.0
WORKERS_SEEN_SECONDS = 5.0
#: A job still queued this long is reported as stopped if no worker answers a ping.
QUEUED_UNSERVED_SECONDS = 5
#: How long a message may sit in Redis's ``unacked`` hash (its worker gone) before a
#: worker puts it back on the queue, where its 15-minute expiry drops it unread.
VISIBILITY_TIMEOUT_SECONDS = 15 * 60
#: Talking to Redis gives up after about a second, not Celery's default of about 20
#: (which held a web worker per upload while Redis was down).
_QUICK_RETRIES = {"max_retries": 2, "interval_start": 0, "interval_step": 0.25,
                  "interval_max": 0.5}
_celery_app: Any = None
_workers_seen: tuple[float, bool] = (0.0, False)
#: The manager running the current job, for ``claim_once``.
_running_manager: contextvars.ContextVar[Any] = contextvars.ContextVar("running_manager")
#: A claim outlives the ticket it is for (a minute more for clocks that differ between
#: hosts), and stays within what a job may leave in the store.
CLAIM_SECONDS = min(TICKET_SECONDS + 60, JOB_RESULT_SECONDS)


class JobLost(Exception):
    """A job that must not run (again): its worker died, or the page was told it stopped."""


def background_manager(settings: Settings) -> Any:
    """The one job manager every worker shares: nothing lives in a single process."""
    if settings.celery_broker_url:
        return LeanCeleryManager(celery_app(settings))
    return LeanDiskcacheManager(private_cache(settings.background_cache_dir))


def job_context() -> dict[str, Any]:
    """What a running job knows of its request (see ``lean_context``)."""
    from dash._callback_context import context_value

    try:
        return dict(context_value.get())
    except LookupError:
        return {}


def claim_once(name: str) -> bool:
    """In a running job: True the first time ``name`` is claimed, False ever after (until
    CLAIM_SECONDS have passed). The claim is one atomic write to the job store that every
    worker shares (the disk cache's ``add``, Redis's ``SET NX``), so two workers given the
    same name never both get True. Outside a job, False."""
    manager = _running_manager.get(None)
    return manager is not None and manager._claim(f"claimed-{name}", CLAIM_SECONDS)


def lean_context(context: Any, key: str) -> dict[str, Any]:
    """All a job needs of its request: which inputs triggered it (ids, not values),
    its own key, and a tag of the session that asked (for its ticket). Dash would
    otherwise copy every input and state value (the upload, again and again), the
    cookies, every header and the query string into the job."""
    triggered = context.get("triggered_inputs") or []
    return {
        "triggered_inputs": [{"prop_id": str(item.get("prop_id")), "value": None}
                             for item in triggered if isinstance(item, dict)],
        "ignore_register_page": True,
        "job_key": key,
        "job_session": current_session_tag(load_settings().secret_key),
    }


class _LeanJobs:
    """One mechanism for both managers: lean jobs, expiring keys, heartbeats and lost
    jobs reported. Subclasses say how to read, write and delete a key."""

    UNDEFINED: Any

    def _read(self, key: str) -> Any:
        raise NotImplementedError

    def _write(self, key: str, value: str) -> None:
        raise NotImplementedError

    def _drop(self, key: str) -> None:
        raise NotImplementedError

    def _queue(self, key: str, job_fn: Any, args: Any, context: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _claim(self, key: str, seconds: int) -> bool:
        """Write ``key`` (expiring) only if it is not there; True if this call wrote it."""
        raise NotImplementedError

    def _stored_answer(self, key: str) -> Any:
        raise NotImplementedError

    # -- the job's own state: queued, running (with a heartbeat), lost
    @staticmethod
    def _state_key(key: str) -> str:
        return f"{key}-job"

    @staticmethod
    def _lost_key(key: str) -> str:
        return f"{key}-lost"

    def _note(self, key: str, state: str) -> None:
        self._write(self._state_key(key), json.dumps({"state": state, "at": time.time()}))

    def _state(self, key: str) -> dict[str, Any] | None:
        raw = self._read(self._state_key(key))
        try:
            state = json.loads(raw) if raw is not None else None
        except (TypeError, ValueError):
            return None
        return state if isinstance(state, dict) else None

    def _is_lost(self, key: str) -> bool:
        return self._read(self._lost_key(key)) is not None

    def _mark_lost(self, key: str) -> None:
        self._write(self._lost_key(key), "1")

    # -- in the request: queue a lean job
    def call_job_fn(self, key: str, job_fn: Any, args: Any, context: Any) -> Any:
        self._note(key, "queued")
        return self._queue(key, job_fn, args, lean_context(context, key))

    # -- in the job: run once, with a heartbeat
    def _watched(self, fn: Callable[..., Any], progress: bool) -> Callable[..., Any]:
        manager = self

        @functools.wraps(fn)
        def watched(*args: Any, **kwargs: Any) -> Any:
            key = job_context().get("job_key")
            if not isinstance(key, str):
                raise JobLost(JOB_LOST_MESSAGE)
            manager._starting_job()
            state = manager._state(key)
            if state is not None and state.get("state") == "finished" and not manager._is_lost(key):
                # it finished but its worker died before saying so: the same answer again
                answer = manager._stored_answer(key)
                if answer is manager.UNDEFINED:
                    raise PreventUpdate  # already read by the page
                return answer
            if manager._is_lost(key) or state is None or state.get("state") != "queued":
                # an earlier run of this job started and its worker died (or the page was
                # told it stopped): never run an upload twice
                manager._mark_lost(key)
                log.warning("A background job that had already started came back after its "
                            "worker stopped; it is reported as stopped, not run again")
                raise JobLost(JOB_LOST_MESSAGE)
            if progress and args:
                args = (manager._checked_progress(key, args[0]), *args[1:])
            running = _running_manager.set(manager)
            try:
                with manager._heartbeat(key):
                    return fn(*args, **kwargs)
            finally:
                _running_manager.reset(running)

        return watched

    def _checked_progress(self, key: str, set_progress: Callable[..., None]
                          ) -> Callable[..., None]:
        """Each step first checks the page has not been told the job stopped."""
        def checked(value: Any) -> None:
            if self._is_lost(key):
                raise JobLost(JOB_LOST_MESSAGE)
            set_progress(value)
        return checked

    @contextlib.contextmanager
    def _heartbeat(self, key: str) -> Iterator[None]:
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(HEARTBEAT_SECONDS):
                with contextlib.suppress(Exception):  # a missed beat is only late
                    self._note(key, "running")

        self._note(key, "running")
        thread = threading.Thread(target=beat, name="job-heartbeat", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=HEARTBEAT_SECONDS)
            self._note(key, "finished")

    # -- in a poll: an answer, or "stopped" once the job is known to be lost
    def _lost(self, key: str, job: Any) -> str | None:
        """What the page is told when the job is known to be lost, else None."""
        if self._is_lost(key):
            return JOB_LOST_MESSAGE
        state = self._state(key)
        if state is None:  # expired, or the store was emptied (Redis restarted)
            return JOB_LOST_MESSAGE
        age = time.time() - float(state.get("at") or 0)
        if state.get("state") == "queued":
            if age > QUEUED_AT_MOST_SECONDS or not self._process_alive(job):
                return JOB_LOST_MESSAGE
            if age > QUEUED_UNSERVED_SECONDS and not self._queue_served():
                return NO_WORKER  # it never started: nothing will take it
        if state.get("state") == "running" and (
                age > LOST_AFTER_SECONDS or not self._process_alive(job)):
            return JOB_LOST_MESSAGE
        return None

    def _process_alive(self, job: Any) -> bool:
        return True

    def _queue_served(self) -> bool:
        """Whether anything will take a queued job (with Celery: a worker answers)."""
        return True

    def _starting_job(self) -> None:
        """In the job's process, before it touches the store."""

    def get_result(self, key: str, job: Any) -> Any:
        result = super().get_result(key, job)  # type: ignore[misc]
        if result is not self.UNDEFINED:
            return result
        message = self._lost(key, job)
        if message is None:
            return result
        result = super().get_result(key, job)  # type: ignore[misc]  # it may just have ended
        if result is not self.UNDEFINED:
            return result
        self._mark_lost(key)
        log.warning("A background job stopped before it finished (its worker died, or no "
                    "worker runs); the page was told")
        return {"background_callback_error": {"msg": message, "tb": ""}}


def _dash_managers() -> tuple[type, type]:
    from dash import CeleryManager, DiskcacheManager

    return CeleryManager, DiskcacheManager


CeleryManager, DiskcacheManager = _dash_managers()


def _store_down_errors() -> tuple[type[BaseException], ...]:
    """What talking to a Redis that has gone away raises (redis-py, kombu, sockets)."""
    import redis.exceptions
    from kombu.exceptions import OperationalError

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError,
            OperationalError, OSError)


class LeanCeleryManager(_LeanJobs, CeleryManager):  # type: ignore[misc, valid-type]
    """Dash's Celery manager, carrying only what a job needs (see the module's notes).

    A page's poll while Redis is down (or restarting, which empties it) never answers
    500: the job is reported with JOB_LOST_MESSAGE, as any lost job."""

    def _queue_served(self) -> bool:
        return workers_running()

    def get_progress(self, key: str) -> Any:
        try:
            return super().get_progress(key)
        except _store_down_errors():
            return None

    def get_result(self, key: str, job: Any) -> Any:
        try:
            return super().get_result(key, job)
        except _store_down_errors() as error:
            log.warning("The job store (Redis) does not answer (%s): the page was told "
                        "its upload stopped", type(error).__name__)
            return {"background_callback_error": {"msg": JOB_LOST_MESSAGE, "tb": ""}}

    def job_running(self, job: Any) -> bool:
        try:
            return bool(super().job_running(job))
        except _store_down_errors():
            return False

    def terminate_job(self, job: Any) -> None:
        with contextlib.suppress(*_store_down_errors()):
            super().terminate_job(job)

    def _read(self, key: str) -> Any:
        return self.handle.backend.get(key)

    def _write(self, key: str, value: str) -> None:
        self.handle.backend.set(key, value)  # expires after result_expires

    def _drop(self, key: str) -> None:
        self.handle.backend.delete(key)

    def _claim(self, key: str, seconds: int) -> bool:
        return bool(self.handle.backend.client.set(key, "1", nx=True, ex=seconds))

    def _stored_answer(self, key: str) -> Any:
        raw = self.handle.backend.get(key)
        return self.UNDEFINED if raw is None else json.loads(raw)

    def make_job_fn(self, fn: Any, progress: Any, key: Any = None) -> Any:
        return super().make_job_fn(self._watched(fn, bool(progress)), progress, key)

    def _queue(self, key: str, job_fn: Any, args: Any, context: dict[str, Any]) -> Any:
        # argsrepr: the message's headers would otherwise hold the first kilobyte of
        # the upload as text; expires: a worker that gets it later drops it unread
        task = job_fn.apply_async(args=(key, self._make_progress_key(key), args, context),
                                  argsrepr="(background job)", kwargsrepr="{}",
                                  expires=JOB_RESULT_SECONDS)
        return task.task_id

    def get_updated_props(self, key: str) -> Any:
        props_key = self._make_set_props_key(key)
        try:
            updated = self.handle.backend.get(props_key)
            if updated is None:
                return {}
            self._drop(props_key)
        except _store_down_errors():
            return {}  # Dash's own deletes the answer's key here instead
        return json.loads(updated)


class _ExpiringCache:
    """The disk cache as a job writes to it, with every key expiring."""

    def __init__(self, cache: Any, seconds: int) -> None:
        self._cache, self._seconds = cache, seconds

    def set(self, key: str, value: Any, **kwargs: Any) -> Any:
        return self._cache.set(key, value, expire=self._seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cache, name)


class LeanDiskcacheManager(_LeanJobs, DiskcacheManager):  # type: ignore[misc, valid-type]
    """Dash's disk-cache manager, carrying only what a job needs, every key expiring."""

    def __init__(self, cache: Any) -> None:
        super().__init__(cache, expire=JOB_RESULT_SECONDS)

    def _read(self, key: str) -> Any:
        return self.handle.get(key)

    def _write(self, key: str, value: str) -> None:
        self.handle.set(key, value, expire=JOB_RESULT_SECONDS)

    def _drop(self, key: str) -> None:
        self.handle.delete(key)

    def _claim(self, key: str, seconds: int) -> bool:
        return bool(self.handle.add(key, "1", expire=seconds))

    def _stored_answer(self, key: str) -> Any:
        return self.handle.get(key, self.UNDEFINED)

    def make_job_fn(self, fn: Any, progress: Any, key: Any = None) -> Any:
        from dash.background_callback.managers.diskcache_manager import _make_job_fn

        return _make_job_fn(self._watched(fn, bool(progress)),
                            _ExpiringCache(self.handle, JOB_RESULT_SECONDS), progress)

    def _queue(self, key: str, job_fn: Any, args: Any, context: dict[str, Any]) -> Any:
        return DiskcacheManager.call_job_fn(self, key, job_fn, args, context)

    def get_result(self, key: str, job: Any) -> Any:
        result = super().get_result(key, job)
        if result is not self.UNDEFINED:
            self._forget_read_answers()
        return result

    def _forget_read_answers(self) -> None:
        """secure_delete zeroes a read answer in the database file, but the write-ahead
        log still holds the page as the job wrote it until a checkpoint: empty the log
        now, so no child's ID or date of birth lingers in the cache's files. A busy log
        (another worker reading) is emptied by a later answer."""
        with contextlib.suppress(Exception):
            self.handle._sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def _process_alive(self, job: Any) -> bool:
        # a forked job's process is seen at once to have gone
        return job is None or bool(self.job_running(job))

    def _starting_job(self) -> None:
        # a forked job must not use the database connection it inherited (SQLite
        # connections do not survive a fork): the next read opens its own
        self.handle.close()


#: What a person sees when their job failed on the server for a reason that is not theirs.
JOB_FAILED = ("The upload could not be checked: something went wrong on the server and "
              "nothing was stored. Please try again; if it happens again, tell your "
              "administrator.")


def failures_answered(answer: Callable[[str], Any]) -> Callable[[Callable[..., Any]], Any]:
    """For a background job: any unexpected exception becomes ``answer(JOB_FAILED)``
    (the job's outputs with a plain message) and an error in the log, never silence.

    Dash's job wrappers turn an exception into a stored error that the page's next poll
    answers with a bare 500, and the worker logs the task as a success. The log names the
    exception's type and where it was raised, never its message, which may quote a cell
    of the upload (a child's ID or date of birth). A job found lost (``JobLost``) is left
    to the lost-job answer.
    """
    def decorate(job: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(job)
        def answered(*args: Any, **kwargs: Any) -> Any:
            try:
                return job(*args, **kwargs)
            except (PreventUpdate, JobLost):
                raise
            except Exception as error:
                where = "".join(traceback.format_tb(error.__traceback__))
                log.error("Background job %s failed with %s:\n%s", job.__name__,
                          type(error).__name__, where)
                return answer(JOB_FAILED)
        return answered
    return decorate


def private_cache(directory: str) -> Any:
    """The job cache, readable by this account alone (issue 15, finding 3): the folder
    0700, every file in it 0600 (SQLite gives its journal and WAL the database file's
    mode), and deleted answers overwritten rather than left in free pages."""
    os.makedirs(directory, mode=0o700, exist_ok=True)
    os.chmod(directory, 0o700)
    database = os.path.join(directory, diskcache.core.DBNAME)
    os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        os.chmod(path, 0o700 if os.path.isdir(path) else 0o600)
    return diskcache.Cache(directory, disk=_PrivateDisk, sqlite_secure_delete=1)


class _PrivateDisk(diskcache.Disk):  # type: ignore[misc]
    """Values too large for the database go to files: created 0600 in 0700 folders."""

    def _write(self, full_path: str, iterator: Any, mode: str,
               encoding: str | None = None) -> int:
        folder = os.path.dirname(full_path)  # <cache>/ab/cd/: both levels private
        for level in (os.path.dirname(folder), folder):
            with contextlib.suppress(FileExistsError):
                os.mkdir(level, 0o700)
        descriptor = os.open(full_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        size = 0
        with open(descriptor, mode.replace("x", "w"), encoding=encoding) as writer:
            for chunk in iterator:
                size += len(chunk)
                writer.write(chunk)
        return size


def _closed_channel_is_a_connection_error() -> None:
    """Keep the Celery worker up when Redis goes away while a job runs.

    On a lost connection the worker's consumer first collects the connection (which
    detaches its transport: ``transport.client = None``) and then closes it; closing the
    default channel tries to put the running job's message back from ``unacked``, and
    kombu's Redis channel builds its connection settings from ``transport.client``:
    ``AttributeError: 'NoneType' object has no attribute 'hostname'``, which Celery
    treats as unrecoverable, so ``make worker`` exited 1 (kombu issue #582; kombu 5.7).
    A channel whose transport is detached now raises redis-py's ``ConnectionError``,
    which kombu ignores when closing, and the worker reconnects. The message stays in
    ``unacked`` (Redis is down: it could not be restored anyway) and is restored after
    the visibility timeout, when its own expiry drops it unread."""
    import redis.exceptions
    from kombu.transport import redis as kombu_redis

    original = kombu_redis.Channel._connparams
    if getattr(original, "_detached_is_connection_error", False):
        return

    def connparams(self: Any, asynchronous: bool = False) -> Any:
        if getattr(self.connection, "client", None) is None:
            raise redis.exceptions.ConnectionError("the broker connection was closed")
        return original(self, asynchronous=asynchronous)

    connparams._detached_is_connection_error = True  # type: ignore[attr-defined]
    kombu_redis.Channel._connparams = connparams


def celery_app(settings: Settings | None = None) -> Any:
    """The Celery app for `celery -A app:celery_app worker` (only with CELERY_BROKER_URL).

    A job is acknowledged when it has finished, and goes back on the queue if its
    worker process dies; a worker takes one job at a time; results expire with
    everything else a job leaves.
    """
    global _celery_app
    if _celery_app is None:
        from celery import Celery

        from dashboard.services.audit import install as install_audit

        install_audit()  # a worker started from this app audits what its jobs change
        _closed_channel_is_a_connection_error()

        url = (settings or load_settings()).celery_broker_url
        app = Celery("ilacs", broker=url, backend=url)
        app.conf.update(
            task_acks_late=True,
            task_reject_on_worker_lost=True,
            worker_prefetch_multiplier=1,
            result_expires=JOB_RESULT_SECONDS,
            task_serializer="json",
            result_serializer="json",
            accept_content=["json"],
            result_extended=False,  # a result never repeats the job's arguments
            # the message's body stays JSON text inside the envelope rather than
            # base64 (a third larger): the upload travels once, at its own size
            broker_transport_options={"body_encoding": None,
                                      "socket_connect_timeout": BROKER_CHECK_SECONDS,
                                      "visibility_timeout": VISIBILITY_TIMEOUT_SECONDS},
            # talking to Redis gives up after about a second (issue 16, item 4)
            broker_connection_timeout=BROKER_CHECK_SECONDS,
            redis_socket_connect_timeout=BROKER_CHECK_SECONDS,
            task_publish_retry_policy=_QUICK_RETRIES,
            result_backend_transport_options={"retry_policy": _QUICK_RETRIES,
                                              "visibility_timeout":
                                                  VISIBILITY_TIMEOUT_SECONDS},
            # the worker outlives a Redis outage: it reconnects, however long it takes,
            # and a job running when the connection went is cancelled (its process
            # ended, so its transaction rolls back) rather than left unacknowledged
            broker_connection_retry_on_startup=True,
            broker_connection_retry=True,
            broker_connection_max_retries=None,
            worker_cancel_long_running_tasks_on_connection_loss=True,
        )
        _celery_app = app
    return _celery_app


def jobs_unavailable(settings: Settings | None = None) -> bool:
    """True when a job cannot be handed to Celery now: its broker (Redis) does not answer
    within BROKER_CHECK_SECONDS. Checked in the request before an upload starts, so an
    outage gives a plain message at once. Without Celery (the disk cache) always False."""
    settings = settings or load_settings()
    if not settings.celery_broker_url:
        return False
    try:
        with celery_app(settings).connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0,
                                         timeout=BROKER_CHECK_SECONDS)
    except Exception as error:  # any failure to reach it: kombu, redis-py or socket errors
        log.warning("The job queue (CELERY_BROKER_URL) does not answer (%s): upload refused",
                    type(error).__name__)
        return True
    return False



def workers_running(settings: Settings | None = None) -> bool:
    """True when a Celery worker answers a ping within WORKER_PING_SECONDS (the answer
    is kept WORKERS_SEEN_SECONDS in this process), or when there is no Celery at all.
    Checked before an upload is sent, so with no worker the page says so at once rather
    than after the job's ticket has expired. A ping that fails (Redis trouble) counts as
    a worker: ``jobs_unavailable`` and the lost-job poll answer that case."""
    global _workers_seen
    settings = settings or load_settings()
    if not settings.celery_broker_url:
        return True
    seen_at, running = _workers_seen
    if time.monotonic() - seen_at < WORKERS_SEEN_SECONDS:
        return running
    try:
        running = bool(celery_app(settings).control.ping(timeout=WORKER_PING_SECONDS,
                                                         limit=1))
    except Exception as error:  # kombu, redis-py or socket errors
        log.warning("Could not ask the upload workers whether they run (%s)",
                    type(error).__name__)
        return True
    if not running:
        log.warning("No Celery worker answered a ping: uploads are refused")
    _workers_seen = (time.monotonic(), running)
    return running
