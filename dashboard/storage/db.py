"""Database engine and sessions. SQLite by default; PostgreSQL from DATABASE_URL.

Storage knows nothing of the services above it: whoever assembles the app (create_app,
the command line, the Celery app, the tests) registers the audit listener with
``on_every_session_factory``, and a process where no one did is refused a session, so
no path can write without its audit trail.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from dashboard.config import INSTANCE_DIR, load_settings


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres URLs (Heroku-style ones too)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


#: Engines made in this process, and the pools a forked child inherited: those are kept
#: referenced and never used, so nothing in the child closes, resets or rolls back a
#: connection its parent is still using.
_ENGINES: list[Engine] = []
_INHERITED_POOLS: list[Any] = []


def _new_pools_after_fork() -> None:
    """A forked process (a background job, a Celery or gunicorn worker) gets new pools,
    and a lock no thread of its parent can be holding."""
    global _FACTORIES_LOCK
    _FACTORIES_LOCK = threading.Lock()
    for engine in _ENGINES:
        _INHERITED_POOLS.append(engine.pool)
        engine.pool = engine.pool.recreate()


os.register_at_fork(after_in_child=_new_pools_after_fork)


def get_engine(url: str | None = None) -> Engine:
    """The one engine (and connection pool) of this process for ``url`` (default: the
    configured database), however it is asked for."""
    return _engine_for(normalise_url(url or load_settings().database_url))


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    engine = _make_engine(url)
    _ENGINES.append(engine)
    return engine


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        # hide_parameters: a failed statement's values (SEF text, say) stay out of logs
        engine = create_engine(url, connect_args={"check_same_thread": False},
                               hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


SessionFactory = sessionmaker[Session]

#: Set up every session factory of this process (``on_every_session_factory``), and the
#: factories made so far, by URL.
_FACTORY_HOOKS: list[Callable[[SessionFactory], None]] = []
_FACTORIES: dict[str | None, SessionFactory] = {}
_FACTORIES_LOCK = threading.Lock()


class NotAssembled(RuntimeError):
    """A session was asked for before anything registered the audit listener."""


def on_every_session_factory(hook: Callable[[SessionFactory], None]) -> None:
    """Have ``hook`` set up every session factory of this process, those made already and
    those made later (once each: registering the same hook again does nothing)."""
    with _FACTORIES_LOCK:
        if hook in _FACTORY_HOOKS:
            return
        _FACTORY_HOOKS.append(hook)
        for factory in _FACTORIES.values():
            hook(factory)


def _session_factory(url: str | None) -> SessionFactory:
    factory = _FACTORIES.get(url)
    if factory is not None:
        return factory
    with _FACTORIES_LOCK:
        factory = _FACTORIES.get(url)
        if factory is None:
            if not _FACTORY_HOOKS:
                raise NotAssembled(
                    "No session hooks are registered, so changes would not be audited: call "
                    "dashboard.services.audit.install() where the process starts.")
            factory = sessionmaker(bind=get_engine(url), expire_on_commit=False)
            for hook in _FACTORY_HOOKS:
                hook(factory)
            _FACTORIES[url] = factory
        return factory


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One unit of work: commit if the block succeeds, roll back everything if not."""
    session = _session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
