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
