"""Shared test set-up: a throwaway database and instance folder for every run, test
accounts for every role, headless Chromium for dash_duo, and the helpers app tests
import. The app's fixtures (the seeded database, the app, a client, Redis and Celery)
live in tests/app_fixtures.py and are loaded only when a test outside tests/domain is
asked for: `pytest tests/domain` loads no app, database or browser code."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

# Settings are read when the app is built: point everything at a throwaway folder first.
_TMP = tempfile.mkdtemp(prefix="ilacs-tests-")
os.environ["INSTANCE_DIR"] = _TMP
# TEST_DATABASE_URL (an empty PostgreSQL database: `make test` with TEST_POSTGRES=1)
# runs the whole suite there; otherwise a new SQLite file. Never the developer's own.
os.environ["DATABASE_URL"] = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{_TMP}/test.sqlite3"
os.environ["SECRET_KEY"] = "test-secret-key-not-for-production"
os.environ["LOGIN_RATE_LIMIT"] = "1000 per minute"
os.environ.setdefault("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")

import pytest  # noqa: E402

if TYPE_CHECKING:
    from flask.testing import FlaskClient

TESTS = Path(__file__).resolve().parent
DOMAIN_TESTS = TESTS / "domain"

PASSWORD = "correct-horse-battery-1"
AXE_JS = Path(__file__).parent / "assets" / "axe.min.js"

#: One account per role and scope. Barnsley (370) and Doncaster (371) are in the North
#: East, Yorkshire and the Humber region; Camden (202) is in London.
ACCOUNTS = {
    "admin": dict(email="admin@test.example.org", role="admin"),
    "la_barnsley": dict(email="la370@test.example.org", role="la_user", la_code="370",
                        is_dcs=True),
    "la_camden": dict(email="la202@test.example.org", role="la_user", la_code="202"),
    "la_doncaster": dict(email="la371@test.example.org", role="la_user", la_code="371"),
    "hmi_neyh": dict(
        email="hmi.neyh@test.example.org", role="inspector", region_code="NEYH", is_senior=True
    ),
    "hmi_london": dict(email="hmi.lon@test.example.org", role="inspector", region_code="LON"),
    # North West (Trafford, 358): a senior HMI and an HMI who is not senior
    "shmi_nw": dict(email="shmi.nw@test.example.org", role="inspector", region_code="NW",
                    is_senior=True),
    "hmi_nw": dict(email="hmi.nw@test.example.org", role="inspector", region_code="NW"),
    "inactive": dict(email="gone@test.example.org", role="la_user", la_code="370"),
}

CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1280,1024",
)


def pytest_setup_options():
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    return options


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "celery: runs through a real Redis, Celery worker and "
                            "gunicorn (the celery_stack fixture, tests/celery_tools.py)")
    for pattern in (
        "ignore::DeprecationWarning:urllib3.*",
        "ignore::DeprecationWarning:selenium.*",
        "ignore::pytest.PytestDeprecationWarning",
        "ignore:HTTPResponse.getheader:DeprecationWarning",
    ):
        config.addinivalue_line("filterwarnings", pattern)
    if not _only_domain_tests(config):
        config.pluginmanager.import_plugin("tests.app_fixtures")
    _browser_ports_from(os.environ.get("DASH_TEST_PORT_BASE"))


def _browser_ports_from(base: str | None) -> None:
    """Where the browser tests' servers start numbering their ports (Dash's runner starts at
    58050 in every process), so that two runs on one machine do not take each other's."""
    if base:
        from dash.testing.application_runners import BaseDashRunner

        BaseDashRunner._next_port = int(base)


def _only_domain_tests(config: pytest.Config) -> bool:
    """Whether every path asked for is in tests/domain (pure rules: no app fixtures)."""
    paths = [Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
             for arg in config.args]
    return bool(paths) and all(path.is_relative_to(DOMAIN_TESTS) for path in paths)


@contextmanager
def temporary_account(email: str, la_code: str = "370") -> Iterator[int]:
    """An LA user for one test, signed in as ``sign_in(client, "temporary")``; yields its id."""
    from dashboard.access import SYSTEM
    from dashboard.services.user_admin import create_user
    from dashboard.storage.db import session_scope

    assert not create_user(
        SYSTEM,
        email=email,
        full_name="Temporary",
        role="la_user",
        la_code=la_code,
        password=PASSWORD,
    )
    ACCOUNTS["temporary"] = dict(email=email, role="la_user", la_code=la_code)
    try:
        from sqlalchemy import select

        from dashboard.storage.models import User

        with session_scope() as session:
            user_id = session.scalars(select(User.id).where(User.email == email)).one()
        yield user_id
    finally:
        del ACCOUNTS["temporary"]


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "login page has no CSRF token"
    return match.group(1)


def sign_out(client: FlaskClient):
    """Sign out as a person does: the sign-out form posts the session's CSRF token."""
    page = client.get("/logout")
    if page.status_code != 200:
        return page
    return client.post("/logout", data={"csrf_token": csrf_from(page.get_data(as_text=True))})


def sign_in(client: FlaskClient, account: str, password: str = PASSWORD):
    """Sign in through the real login form; returns the POST response."""
    sign_out(client)
    page = client.get("/login")
    return client.post(
        "/login",
        data={
            "email": ACCOUNTS[account]["email"],
            "password": password,
            "csrf_token": csrf_from(page.get_data(as_text=True)),
            "next": "/",
        },
    )


def csrf_header(client: FlaskClient) -> dict[str, str]:
    """What the Dash renderer sends with every callback: the _csrf_token cookie as a header."""
    client.get("/")
    cookie = client.get_cookie("_csrf_token")
    return {"X-CSRFToken": cookie.value if cookie else ""}


def _prop_id(component: str | dict, prop: str) -> str:
    """How the renderer names a property; pattern-matching ids are sorted, compact JSON."""
    if isinstance(component, dict):
        return json.dumps(component, sort_keys=True, separators=(",", ":")) + "." + prop
    return f"{component}.{prop}"


def _registered_outputs(client: FlaskClient, trigger_id: str | dict) -> tuple[str, object]:
    """The output key and spec of the callback that ``trigger_id`` fires, as the browser
    reads them from /_dash-dependencies (duplicate outputs carry a hash suffix)."""

    def matches(dependency_id: str) -> bool:
        if isinstance(trigger_id, dict):
            return dependency_id.startswith("{") and json.loads(dependency_id).get(
                "type"
            ) == trigger_id.get("type")
        return dependency_id == trigger_id

    for dependency in client.get("/_dash-dependencies").get_json():
        if any(matches(i["id"]) for i in dependency["inputs"]):
            key = dependency["output"]
            if not key.startswith(".."):
                component, prop = key.rsplit(".", 1)
                return key, {"id": component, "property": prop}
            parts = key.strip(".").split("...")
            return key, [
                {"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts
            ]
    raise AssertionError(f"no callback is fired by {trigger_id}")


def post_callback(
    client: FlaskClient,
    inputs: list[tuple[str | dict, str, object]],
    state: list[tuple[str, str, object]] | None = None,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
):
    """POST a callback exactly as the browser does (see the browser's network panel).

    The callback is the one the first input fires. Passing ``headers`` tests the gate
    itself (no CSRF token, a forged one, no session), so the output is a placeholder:
    the gate must refuse before Dash reads it.
    """
    if headers is None:
        headers = csrf_header(client)
        output_key, output_spec = _registered_outputs(client, inputs[0][0])
    else:
        output_key, output_spec = "unknown.children", {"id": "unknown", "property": "children"}
    body = {
        "output": output_key,
        "outputs": output_spec,
        # a pattern-matching (ALL) input arrives as the list of matching components
        "inputs": [
            [{"id": c, "property": p, "value": v}]
            if isinstance(c, dict)
            else {"id": c, "property": p, "value": v}
            for c, p, v in inputs
        ],
        "changedPropIds": [_prop_id(c, p) for c, p, _ in inputs[:1]],
        "state": [{"id": c, "property": p, "value": v} for c, p, v in (state or [])],
    }
    return client.post("/_dash-update-component", json=body, headers=headers,
                       query_string=query or {})


def run_background_callback(client: FlaskClient, inputs: list, state: list | None = None,
                            timeout: float = 120.0):
    """Start a background callback and poll it as the renderer does (the same body, with
    the signed cacheKey and job), until the job's answer arrives; returns that answer.
    A refusal before the job starts (401/403/400) is returned as it is."""
    started = post_callback(client, inputs, state)
    handles = started.get_json(silent=True) or {}
    if started.status_code != 200 or "cacheKey" not in handles:
        return started
    query = {"cacheKey": handles["cacheKey"], "job": handles["job"]}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        polled = post_callback(client, inputs, state, query=query)
        body = polled.get_json(silent=True) if polled.status_code == 200 else None
        if polled.status_code not in (200, 204) or (body and "response" in body):
            return polled
        time.sleep(0.1)
    raise AssertionError("the background job did not finish in time")


def ticket_for(client: FlaskClient, la_code: str, period: str) -> str:
    """A correctly signed ticket for the client's signed-in user and session, as if the
    button's checks had passed (they would not have for another LA)."""
    from dashboard.config import load_settings
    from dashboard.services.user_admin import load_principal
    from dashboard.web.job_tickets import mint_ticket, session_tag

    with client.session_transaction() as session:
        user_id, version = (int(part) for part in session["_user_id"].split(":"))
        sid = session["sid"]
    secret = load_settings().secret_key
    return mint_ticket(secret, load_principal(user_id, version),
                       session_tag(secret, user_id, sid), la_code, period)


def page_content(client: FlaskClient, pathname: str):
    """What the Dash Pages router returns for ``pathname``: the page a user would see."""
    return post_callback(
        client, [("_pages_location", "pathname", pathname), ("_pages_location", "search", "")]
    )


def run_axe(driver) -> list[dict]:
    """axe-core's WCAG 2.x A/AA violations on the current page."""
    driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    # colours are measured as they settle: a button just clicked is mid-way through
    # Bootstrap's 0.15 s colour transition, which a busy machine stretches out
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "if (!document.getElementById('axe-settled')) {"
        " const style = document.createElement('style'); style.id = 'axe-settled';"
        " style.textContent = '*, *::before, *::after {transition: none !important;"
        " animation: none !important}'; document.head.appendChild(style); }"
        "requestAnimationFrame(() => requestAnimationFrame(() => "
        "axe.run(document, {runOnly: {type: 'tag', values:"
        " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]))));"
    )
