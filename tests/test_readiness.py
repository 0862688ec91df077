"""/ready reports what a request needs; a database outage shows the app's own 503 page
(issue "Nothing typed is lost and nothing stays down")."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import requests
from flask.testing import FlaskClient
from sqlalchemy.orm import sessionmaker

import dashboard.storage.db as db
from dashboard.config import load_settings
from dashboard.web import background, readiness
from tests.celery_tools import celery_stack_on, own_redis
from tests.conftest import csrf_from, sign_in

DEAD_SQLITE = "sqlite:////nonexistent-ilacs-folder/nothing/here.sqlite3"
DEAD_POSTGRES = "postgresql://nobody@127.0.0.1:1/nothing"


def test_health_stays_a_liveness_check_and_ready_is_public(client: FlaskClient) -> None:
    assert client.get("/health").get_data(as_text=True) == "OK"
    response = client.get("/ready")  # no one signed in
    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "redis": "not used", "worker": "not used"}
    assert response.headers["Cache-Control"] == "no-store"


def test_ready_is_503_naming_the_part_that_is_down(client: FlaskClient, monkeypatch) -> None:
    monkeypatch.setattr(readiness, "database_ready", lambda settings: False)
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.get_json() == {"database": "down", "redis": "not used",
                                   "worker": "not used"}


def test_the_database_check_fails_quickly_on_a_dead_database() -> None:
    settings = load_settings()
    assert readiness.database_ready(settings)
    for url in (DEAD_SQLITE, DEAD_POSTGRES):
        started = time.monotonic()
        assert not readiness.database_ready(dataclasses.replace(settings, database_url=url))
        assert time.monotonic() - started < readiness.CHECK_SECONDS + 1


def test_with_celery_configured_redis_and_the_worker_are_checked(monkeypatch) -> None:
    monkeypatch.setattr(background, "_celery_app", None)  # this process's own, put back after
    settings = dataclasses.replace(load_settings(), celery_broker_url="redis://127.0.0.1:1/0")
    assert readiness.readiness(settings) == {"database": "ok", "redis": "down",
                                             "worker": "down"}


def test_ready_with_celery_says_which_of_redis_and_the_worker_is_down(
        seeded_db, tmp_path: Path) -> None:
    """The app under gunicorn with Redis and a Celery worker: all ok; the worker
    stopped: 503, worker down; Redis stopped too: 503, both down."""
    def ready(base: str) -> tuple[int, dict]:
        answer = requests.get(base + "/ready", timeout=20)
        return answer.status_code, answer.json()

    with own_redis(tmp_path) as redis, celery_stack_on(redis, web_workers=1) as stack:
        assert ready(stack.base_url) == (200, {"database": "ok", "redis": "ok",
                                               "worker": "ok"})
        stack.stop_worker()
        assert ready(stack.base_url) == (503, {"database": "ok", "redis": "ok",
                                               "worker": "down"})
        redis.stop()
        started = time.monotonic()
        assert ready(stack.base_url) == (503, {"database": "ok", "redis": "down",
                                               "worker": "down"})
        assert time.monotonic() - started < 10


def _database_gone(monkeypatch) -> None:
    """Every session from now on talks to a database file that cannot be opened."""
    dead = sessionmaker(bind=db._make_engine(DEAD_SQLITE))
    monkeypatch.setattr(db, "_session_factory", lambda url: dead)


def _is_the_unavailable_page(response) -> None:
    text = response.get_data(as_text=True)
    assert response.status_code == 503 and response.mimetype == "text/html"
    assert readiness.UNAVAILABLE_MESSAGE in text and "ILACS engagement" in text
    assert "Internal Server Error" not in text and "sqlite" not in text.lower()


def test_a_page_request_during_a_database_outage_gets_the_apps_503_page(
        client: FlaskClient, monkeypatch) -> None:
    sign_in(client, "la_barnsley")
    _database_gone(monkeypatch)
    _is_the_unavailable_page(client.get("/"))


def test_sign_in_during_a_database_outage_gets_the_apps_503_page(
        client: FlaskClient, monkeypatch) -> None:
    page = client.get("/login")
    _database_gone(monkeypatch)
    response = client.post("/login", data={
        "email": "la370@test.example.org", "password": "whatever-it-is-1", "next": "/",
        "csrf_token": csrf_from(page.get_data(as_text=True))})
    _is_the_unavailable_page(response)


def test_a_callback_during_a_database_outage_gets_json_503(
        client: FlaskClient, monkeypatch) -> None:
    sign_in(client, "la_barnsley")
    _database_gone(monkeypatch)
    response = client.post("/_dash-update-component", json={"output": "x.children"})
    assert response.status_code == 503
    assert response.get_json() == {"error": readiness.UNAVAILABLE_MESSAGE}
