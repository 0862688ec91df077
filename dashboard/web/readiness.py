"""`/ready` (can this process serve?) and the page shown when the database is down.

`/health` stays a liveness check: 200 while the process runs. `/ready` checks what a
request needs: the database (``SELECT 1``), and only with Celery configured, Redis (a
ping) and a live Celery worker. It answers 200 when every part is "ok" or "not used",
503 naming the part(s) "down"; never an exception's text.

A database outage during a request (a page, sign-in, a callback: SQLAlchemy's
OperationalError or InterfaceError) gives the app's own
503 page (or JSON for Dash's callback routes), not Flask's bare "Internal Server Error".
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from flask import Flask, Response, g, jsonify, request
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.pool import NullPool

from dashboard.config import Settings, load_settings
from dashboard.storage.db import normalise_url

log = logging.getLogger(__name__)

READY_PATH = "/ready"
#: How long each check may take, in seconds.
CHECK_SECONDS = 2
OK, DOWN, NOT_USED = "ok", "down", "not used"

UNAVAILABLE_TITLE = "Service not available"
UNAVAILABLE_MESSAGE = (
    "The service is not available just now; your work in this page is not lost if you "
    "keep the tab open; try again in a minute."
)


@lru_cache(maxsize=4)
def _check_engine(url: str) -> Engine:
    """An engine of its own for the check: no pool, and a short connect timeout."""
    if url.startswith("sqlite"):
        return create_engine(url, poolclass=NullPool,
                             connect_args={"timeout": CHECK_SECONDS, "check_same_thread": False})
    return create_engine(url, poolclass=NullPool,
                         connect_args={"connect_timeout": CHECK_SECONDS})


def database_ready(settings: Settings) -> bool:
    url = normalise_url(settings.database_url)
    try:
        with _check_engine(url).connect() as connection:
            if url.startswith("postgresql"):
                connection.execute(text(f"SET statement_timeout = {CHECK_SECONDS * 1000}"))
            connection.execute(text("SELECT 1")).scalar_one()
    except Exception as error:  # any failure to reach or query it
        log.warning("Readiness: the database does not answer (%s)", type(error).__name__)
        return False
    return True


def redis_ready(settings: Settings) -> bool:
    """The broker answers: connected as Celery connects (any URL kombu takes, a Unix
    socket too), then a PING."""
    from dashboard.web.background import celery_app

    try:
        with celery_app(settings).connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0,
                                         timeout=CHECK_SECONDS)
            client = getattr(connection.default_channel, "client", None)
            if client is not None:  # redis-py's client (Redis, the broker the app uses)
                client.ping()
    except Exception as error:
        log.warning("Readiness: Redis does not answer (%s)", type(error).__name__)
        return False
    return True


def worker_ready(settings: Settings) -> bool:
    from dashboard.web.background import celery_app

    try:
        return bool(celery_app(settings).control.ping(timeout=1, limit=1))
    except Exception as error:
        log.warning("Readiness: no Celery worker answers (%s)", type(error).__name__)
        return False


def readiness(settings: Settings) -> dict[str, str]:
    parts = {"database": OK if database_ready(settings) else DOWN,
             "redis": NOT_USED, "worker": NOT_USED}
    if settings.celery_broker_url:
        redis_up = redis_ready(settings)
        parts["redis"] = OK if redis_up else DOWN
        # with Redis down no worker can be reached: the worker is down for the app too
        parts["worker"] = OK if redis_up and worker_ready(settings) else DOWN
    return parts


def init_readiness(server: Flask, settings: Settings | None = None) -> None:
    """The /ready route and the database-outage error handler (register after the gate,
    which lets READY_PATH through without sign-in)."""
    from dashboard.web.auth import CALLBACK_PREFIXES, _frame

    settings = settings or load_settings()
    unavailable_page = _frame(
        UNAVAILABLE_TITLE,
        f"""
    <h1>{UNAVAILABLE_TITLE}</h1>
    <div class="alert alert-warning" role="alert" id="service-unavailable">
      {UNAVAILABLE_MESSAGE}</div>
""",
    )

    @server.route(READY_PATH)
    def ready() -> tuple[Response, int]:
        parts = readiness(settings)
        status = 200 if DOWN not in parts.values() else 503
        response = jsonify(parts)
        response.headers["Cache-Control"] = "no-store"
        return response, status

    def _database_down(error: Exception) -> Any:
        # whoever was signing in could not be loaded: the rest of this request is anonymous
        g._login_user = server.login_manager.anonymous_user()  # type: ignore[attr-defined]
        log.error("The database failed during %s %s (%s)", request.method, request.path,
                  type(error).__name__)
        if request.path.startswith(CALLBACK_PREFIXES):
            response = jsonify(error=UNAVAILABLE_MESSAGE)
        else:
            response = Response(unavailable_page, mimetype="text/html")
        response.status_code = 503
        response.headers["Retry-After"] = "60"
        return response

    # the server cannot reach or use the database (connection refused or lost, a file
    # it cannot open); other database errors (a constraint refused) stay 500s
    server.register_error_handler(OperationalError, _database_down)
    server.register_error_handler(InterfaceError, _database_down)
