"""The app's fixtures (loaded by tests/conftest.py for any test outside tests/domain):
the seeded throwaway database, the app, a Flask test client, and Redis, a Celery worker
and gunicorn (tests/celery_tools.py). Every session in the test process is audited, as
in the app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.access import SYSTEM
from dashboard.services import published
from dashboard.services.audit import install as install_audit
from dashboard.services.user_admin import create_user, set_active
from dashboard.storage.db import session_scope
from dashboard.storage.models import User
from dashboard.storage.reference_data import load_reference_data
from dashboard.storage.schema import upgrade_database

# Redis, a Celery worker and gunicorn for the tests that need them (redis_server,
# celery_stack and the celery marker): see tests/celery_tools.py
from tests.celery_tools import _celery_marker, celery_stack, redis_server  # noqa: F401
from tests.conftest import ACCOUNTS, PASSWORD

# Tests change the stored series and read them back at once: check for changes on every
# read (tests/test_published_service.py tests the 30-second check on its own).
published.CHECK_EVERY_SECONDS = 0.0

install_audit()  # tests call services directly, without create_app


@pytest.fixture(scope="session")
def seeded_db() -> dict[str, int]:
    """Migrated database with the real reference data and one account per role."""
    upgrade_database()
    with session_scope() as session:
        load_reference_data(session)
    ids: dict[str, int] = {}
    for key, account in ACCOUNTS.items():
        errors = create_user(SYSTEM, full_name=f"Test {key}", password=PASSWORD, **account)
        assert not errors or errors[0].message.startswith("An account with this email")
        with session_scope() as session:
            ids[key] = session.scalars(select(User.id).where(User.email == account["email"])).one()
    set_active(SYSTEM, ids["inactive"], False)
    return ids


@pytest.fixture(scope="session")
def dash_app(seeded_db: dict[str, int]):
    from dashboard.web.webapp import create_app

    return create_app()


@pytest.fixture()
def client(dash_app) -> Iterator[FlaskClient]:
    with dash_app.server.test_client() as test_client:
        yield test_client
