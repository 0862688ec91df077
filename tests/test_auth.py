"""Signing in and out, sessions, and the limits on guessing passwords."""

from __future__ import annotations

import time

from flask.testing import FlaskClient

from dashboard.access import SYSTEM
from dashboard.services.user_admin import set_active, set_role
from tests.conftest import (
    ACCOUNTS,
    PASSWORD,
    csrf_from,
    page_content,
    sign_in,
    sign_out,
    temporary_account,
)


def test_login_page_is_public_and_has_labelled_fields(client: FlaskClient) -> None:
    body = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in body
    assert '<label for="email"' in body and '<label for="password"' in body


def test_sign_in_with_right_password_lands_on_home(client: FlaskClient) -> None:
    response = sign_in(client, "la_barnsley")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Barnsley" in page_content(client, "/").get_data(as_text=True)


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(client: FlaskClient) -> None:
    response = sign_in(client, "la_barnsley", password="not-the-password")
    assert response.status_code == 401
    body = response.get_data(as_text=True)
    assert "The email address or password is not right" in body
    assert client.get("/").status_code == 302


def test_unknown_email_gets_the_same_answer(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login",
        data={"email": "nobody@example.org", "password": PASSWORD, "csrf_token": csrf_from(page)},
    )
    assert response.status_code == 401
    assert "The email address or password is not right" in response.get_data(as_text=True)


def test_deactivated_account_cannot_sign_in(client: FlaskClient) -> None:
    assert sign_in(client, "inactive").status_code == 401


def test_login_form_without_csrf_token_is_refused(client: FlaskClient) -> None:
    response = client.post(
        "/login", data={"email": ACCOUNTS["admin"]["email"], "password": PASSWORD}
    )
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_email_is_matched_without_regard_to_case_or_spaces(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login",
        data={
            "email": "  LA370@Test.Example.org ",
            "password": PASSWORD,
            "csrf_token": csrf_from(page),
        },
    )
    assert response.status_code == 302


def test_next_only_allows_paths_on_this_site(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    for target, expected in (
        ("/la/370", "/la/370"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
    ):
        sign_out(client)
        page = client.get("/login").get_data(as_text=True)
        response = client.post(
            "/login",
            data={
                "email": ACCOUNTS["la_barnsley"]["email"],
                "password": PASSWORD,
                "csrf_token": csrf_from(page),
                "next": target,
            },
        )
        assert response.headers["Location"] == expected


def test_session_cookie_is_httponly_and_samesite(client: FlaskClient) -> None:
    response = sign_in(client, "admin")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def test_sign_out_ends_the_session_even_for_a_copied_cookie(client: FlaskClient) -> None:
    sign_in(client, "admin")
    assert client.get("/").status_code == 200
    copied = client.get_cookie("session").value
    response = sign_out(client)
    assert response.headers["Location"].startswith("/login")
    assert client.get("/").status_code == 302
    client.set_cookie("session", copied)
    assert client.get("/").status_code == 302


def test_sign_out_link_only_asks_and_a_forged_post_is_refused(client: FlaskClient) -> None:
    sign_in(client, "admin")
    page = client.get("/logout")
    assert page.status_code == 200 and 'id="confirm-sign-out"' in page.get_data(as_text=True)
    assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 400
    assert client.get("/").status_code == 200


def test_session_expires_after_the_maximum_age(client: FlaskClient) -> None:
    sign_in(client, "admin")
    with client.session_transaction() as session:
        session["login_at"] = int(time.time()) - 11 * 3600
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert "expired=1" in response.headers["Location"]
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your session has ended. Sign in again to continue." in login_page
    assert client.get("/").status_code == 302


def test_deactivating_an_account_signs_it_out_at_once(client: FlaskClient, seeded_db) -> None:
    with temporary_account("deactivated.soon@test.example.org") as user_id:
        assert sign_in(client, "temporary").status_code == 302
        assert client.get("/").status_code == 200
        set_active(SYSTEM, user_id, False)
        assert client.get("/").status_code == 302


def test_repeated_failed_sign_ins_are_rate_limited(client: FlaskClient, dash_app) -> None:
    server = dash_app.server
    limiter = server.extensions["login_limiter"]
    limit = server.config["LOGIN_RATE_LIMIT"]
    server.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    limiter.reset()
    try:
        codes = [sign_in(client, "admin", password="wrong-guess").status_code for _ in range(4)]
        assert codes == [401, 401, 401, 429]
        blocked = sign_in(client, "admin")
        assert blocked.status_code == 429
        assert "Too many sign-in attempts" in blocked.get_data(as_text=True)
    finally:
        server.config["LOGIN_RATE_LIMIT"] = limit
        limiter.reset()


def test_security_headers_on_pages(client: FlaskClient) -> None:
    response = client.get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_health_route_is_public_and_says_ok(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200 and response.get_data(as_text=True) == "OK"


def test_a_role_change_ends_that_users_sessions(client: FlaskClient, seeded_db) -> None:
    with temporary_account("role.change@test.example.org") as user_id:
        sign_in(client, "temporary")
        assert client.get("/").status_code == 200
        assert not set_role(SYSTEM, user_id, role="la_user", la_code="371")
        assert client.get("/").status_code == 302


def test_no_email_address_reaches_the_rate_limit_keys_or_any_log_line(
        client: FlaskClient, dash_app, caplog) -> None:
    """The per-account limit was keyed by the email itself, so Redis held it and
    Flask-Limiter's "ratelimit ... exceeded" line printed it. Now the key is a keyed hash."""
    import logging

    server = dash_app.server
    limiter = server.extensions["login_limiter"]
    limit = server.config["LOGIN_RATE_LIMIT"]
    email = ACCOUNTS["admin"]["email"]
    server.config["LOGIN_RATE_LIMIT"] = "2 per minute"
    limiter.reset()
    try:
        with caplog.at_level(logging.DEBUG):
            codes = [sign_in(client, "admin", password="wrong-guess").status_code
                     for _ in range(3)]
        assert codes == [401, 401, 429]
        assert any("exceeded at endpoint" in r.getMessage() for r in caplog.records)
        logged = "\n".join(r.getMessage() for r in caplog.records).lower()
        assert email.lower() not in logged and email.split("@")[0] not in logged
        with server.test_request_context("/login", method="POST", data={"email": email}):
            from dashboard.web.auth import _email_key

            key = _email_key()
        assert email.lower() not in key.lower() and len(key) == len("login-email:") + 32
        stored = " ".join(str(k) for k in limiter.storage.storage).lower()  # memory://
        assert key.split(":", 1)[1] in stored and email.split("@")[0] not in stored
    finally:
        server.config["LOGIN_RATE_LIMIT"] = limit
        limiter.reset()


def test_an_overlong_password_is_refused_plainly_before_hashing(client: FlaskClient) -> None:
    response = sign_in(client, "admin", password="p" * 1025)
    assert response.status_code == 400
    assert "Password must be at most 1,024 characters long." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
