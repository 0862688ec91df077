"""Database engine and sessions. SQLite by default; PostgreSQL from DATABASE_URL."""

from __future__ import annotations

import os
from collections.abc import Iterator
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
    """A forked process (a background job, a Celery or gunicorn worker) gets new pools."""
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


@lru_cache(maxsize=8)
def _session_factory(url: str | None) -> sessionmaker[Session]:
    from dashboard.services.audit import watch

    factory = sessionmaker(bind=get_engine(url), expire_on_commit=False)
    watch(factory)  # every change is written to the audit trail in its own transaction
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
