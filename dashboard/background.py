"""Long work (a large Annex A upload) runs as a Dash background callback, so it never
holds a web worker: a disk cache shared by every worker on the host by default, or
Celery with Redis when CELERY_BROKER_URL is set (then run `make worker` too).

A job runs in another process with no Flask request, so it finds its user from the
session cookie the browser sent (checked exactly as the web gate checks it) and every
service call checks access again. Changes it makes are recorded in the audit trail as
that user's.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import traceback
from collections.abc import Callable, Mapping
from types import SimpleNamespace
from typing import Any

import diskcache
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

from dashboard.access import Principal
from dashboard.auth import session_outlived
from dashboard.config import Settings, load_settings
from dashboard.user_admin import load_principal

log = logging.getLogger(__name__)

SESSION_COOKIE = "session"
#: How long an unread job answer is kept (a person who closed the tab never reads it).
JOB_RESULT_SECONDS = 15 * 60
#: How long a request waits to learn whether the job queue (Redis) answers.
BROKER_CHECK_SECONDS = 2
#: What a person sees when the job queue is down: nothing was sent, nothing stored.
JOBS_UNAVAILABLE = "Uploads are unavailable for a moment: try again shortly."
#: Talking to Redis gives up after about a second, not Celery's default of about 20
#: (which held a web worker per upload while Redis was down).
_QUICK_RETRIES = {"max_retries": 2, "interval_start": 0, "interval_step": 0.25,
                  "interval_max": 0.5}
_celery_app: Any = None


def background_manager(settings: Settings) -> Any:
    """The one job manager every worker shares: nothing lives in a single process."""
    from dash import CeleryManager, DiskcacheManager

    if settings.celery_broker_url:
        return CeleryManager(celery_app(settings))
    return DiskcacheManager(private_cache(settings.background_cache_dir),
                            expire=JOB_RESULT_SECONDS)


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


def celery_app(settings: Settings | None = None) -> Any:
    """The Celery app for `celery -A app:celery_app worker` (only with CELERY_BROKER_URL)."""
    global _celery_app
    if _celery_app is None:
        from celery import Celery

        url = (settings or load_settings()).celery_broker_url
        _celery_app = Celery("ilacs", broker=url, backend=url)
        _celery_app.conf.update(
            broker_connection_timeout=BROKER_CHECK_SECONDS,
            broker_transport_options={"socket_connect_timeout": BROKER_CHECK_SECONDS},
            redis_socket_connect_timeout=BROKER_CHECK_SECONDS,
            task_publish_retry_policy=_QUICK_RETRIES,
            result_backend_transport_options={"retry_policy": _QUICK_RETRIES},
        )
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
    of the upload (a child's ID or date of birth).
    """
    def decorate(job: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(job)
        def answered(*args: Any, **kwargs: Any) -> Any:
            try:
                return job(*args, **kwargs)
            except Exception as error:
                from dash.exceptions import PreventUpdate

                if isinstance(error, PreventUpdate):
                    raise
                where = "".join(traceback.format_tb(error.__traceback__))
                log.error("Background job %s failed with %s:\n%s", job.__name__,
                          type(error).__name__, where)
                return answer(JOB_FAILED)
        return answered
    return decorate


def principal_from_cookies(cookies: Mapping[str, str], settings: Settings | None = None
                           ) -> Principal | None:
    """The signed-in user a job's request came from, or None: the same signature, idle
    and absolute time limits and session version as the web gate."""
    settings = settings or load_settings()
    cookie = cookies.get(SESSION_COOKIE) if isinstance(cookies, Mapping) else None
    if not cookie:
        return None
    holder = SimpleNamespace(secret_key=settings.secret_key,
                             config={"SECRET_KEY_FALLBACKS": None})
    serializer = SecureCookieSessionInterface().get_signing_serializer(holder)  # type: ignore[arg-type]
    try:
        data = serializer.loads(cookie, max_age=settings.session_idle_minutes * 60)
    except BadSignature:
        return None
    user_id, _, version = str(data.get("_user_id", "")).partition(":")
    login_at = data.get("login_at")
    if not user_id.isdigit() or not version.isdigit():
        return None
    if session_outlived(login_at, settings.session_max_hours * 3600):
        return None
    return load_principal(int(user_id), int(version))
