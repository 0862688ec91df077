"""Issue deliverable 6, "the small holes": development routes in production, the body
size each route accepts, and forwarded headers trusted only through TRUSTED_PROXY_HOPS.
(A ticket runs its job once: tests/test_background_jobs.py; no email address in the
rate-limit keys or logs: tests/test_auth.py.)"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.conftest import sign_in

# ------------------------------------------------------------ development routes


@pytest.mark.parametrize("account", [None, "la_barnsley", "admin"])
def test_the_hot_reload_route_is_not_found_for_anyone(client: FlaskClient,
                                                      account: str | None) -> None:
    """/_reload-hash answered signed-in users with the app's package names; hot reload is
    never on outside a developer's own dev tools, so it is not found, signed in or not."""
    if account:
        sign_in(client, account)
    for method in (client.get, client.post):
        response = method("/_reload-hash")
        assert response.status_code == 404
        assert response.get_json() == {"error": "Not found."}
        assert b"packages" not in response.data


def test_the_hot_reload_route_answers_only_while_dash_reloads(dash_app,
                                                              client: FlaskClient) -> None:
    sign_in(client, "la_barnsley")
    dash_app._dev_tools.hot_reload = True
    try:
        assert client.get("/_reload-hash").status_code == 200
    finally:
        dash_app._dev_tools.hot_reload = False
    assert client.get("/_reload-hash").status_code == 404


# ------------------------------------------------------------ forwarded headers


def test_gunicorn_reads_no_forwarded_header_from_anyone() -> None:
    """gunicorn's defaults trust X-Forwarded-Proto from 127.0.0.1 (and any Unix-socket
    peer); the settings `make serve` loads trust no peer and know no scheme header."""
    from gunicorn.config import Config

    from dashboard.web import gunicorn_conf

    assert gunicorn_conf.forwarded_allow_ips == ""
    assert gunicorn_conf.secure_scheme_headers == {}
    config = Config()
    for name in ("forwarded_allow_ips", "secure_scheme_headers"):
        config.set(name, getattr(gunicorn_conf, name))
    assert config.forwarded_allow_ips == [] and config.secure_scheme_headers == {}


@pytest.mark.parametrize("hops", ["0", "1"])
def test_a_forwarded_proto_counts_only_through_trusted_proxy_hops(seeded_db, hops) -> None:
    """Under gunicorn with the production settings, a request from 127.0.0.1 saying
    `X-Forwarded-Proto: https` made the cookies Secure and sent HSTS. Now only with
    TRUSTED_PROXY_HOPS does the app (ProxyFix) take the proxy's word for it."""
    import requests

    from tests.live_client import ROOT, gunicorn

    config = ROOT / "dashboard" / "web" / "gunicorn_conf.py"
    with gunicorn(workers=1, config=config, env={"TRUSTED_PROXY_HOPS": hops}) as (base, _):
        plain = requests.get(base + "/login", timeout=10)
        forwarded = requests.get(base + "/login", headers={"X-Forwarded-Proto": "https"},
                                 timeout=10)
    assert plain.status_code == forwarded.status_code == 200
    for response in (plain, forwarded):
        assert "session=" in response.headers.get("Set-Cookie", "")
    assert "Strict-Transport-Security" not in plain.headers
    assert "secure" not in plain.headers["Set-Cookie"].lower()
    trusted = hops != "0"
    assert ("Strict-Transport-Security" in forwarded.headers) == trusted
    assert ("; secure" in forwarded.headers["Set-Cookie"].lower()) == trusted


# ------------------------------------------------------------ body sizes

MB = 1024 * 1024


def test_a_callback_without_an_upload_accepts_at_most_1_mb(client: FlaskClient) -> None:
    """Every callback accepted a body up to the upload limit (48 MB); now only those that
    receive an upload's contents do, and the rest get 413 and a plain JSON error."""
    from tests.conftest import csrf_header, post_callback

    sign_in(client, "la_barnsley")
    padding = "x" * (MB + 1)
    response = post_callback(client, [("mi-date-yes", "n_clicks", 1)], [
        ("mi-upload", "filename", [padding]), ("mi-asked-date", "data", "2026-10-08"),
        ("mi-la", "data", "370")])
    assert response.status_code == 413
    assert response.get_json() == {"error": "That request is too large."}
    # a body that does not name its callback first is not given the large limit either
    body = b'{"inputs":[],"output":"mi-result.children","pad":"' + b"a" * MB + b'"}'
    response = client.post("/_dash-update-component", data=body, headers={
        **csrf_header(client), "Content-Type": "application/json"})
    assert response.status_code == 413 and response.is_json


def test_other_routes_accept_at_most_1_mb(client: FlaskClient) -> None:
    response = client.post("/login", data={"email": "a" * (MB + 1), "password": "x"})
    assert response.status_code == 413
    assert response.get_json() == {"error": "That request is too large."}


def test_the_upload_callback_still_accepts_a_large_upload(client: FlaskClient) -> None:
    """The job callback (its state holds the dcc.Upload's contents) takes more than 1 MB:
    here a 3 MB upload with a ticket that is not one, refused by the job, not by size."""
    import base64

    from tests.conftest import run_background_callback

    sign_in(client, "la_barnsley")
    contents = ("data:text/csv;base64,"
                + base64.b64encode(b"a" * (3 * MB)).decode())
    answer = run_background_callback(client, [("mi-job", "data", "not a ticket")], [
        ("mi-upload", "contents", [contents]), ("mi-upload", "filename", ["big.csv"])])
    assert answer.status_code == 200, answer.get_data(as_text=True)[:200]
    assert "The page is out of date" in answer.get_data(as_text=True)
