"""Signing in, sessions and the server-side gate in front of every route.

Pages redirect anonymous visitors to the login page; Dash callback routes answer 401
(not signed in) or 403 (signed in, not allowed) with no data. The per-LA check is not
here: it is in the service each page and callback calls (``dashboard.access``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from dash.exceptions import DependencyException
from flask import (
    Flask,
    Response,
    current_app,
    g,
    has_request_context,
    jsonify,
    redirect,
    render_template_string,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, generate_csrf, validate_csrf
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from wtforms import ValidationError

from dashboard.access import AccessDenied, NotSignedIn, Principal
from dashboard.config import Settings
from dashboard.errors import InvalidRequest, NotFound
from dashboard.services.audit import reset_actor, set_actor
from dashboard.services.passwords import MAX_PASSWORD_LENGTH, TOO_LONG_MESSAGE
from dashboard.services.user_admin import (
    authenticate,
    end_sessions,
    load_principal,
    normalise_email,
)
from dashboard.web.callback_bodies import callback_body_problem
from dashboard.web.job_handles import (
    ForeignHandle,
    bind_handles,
    carries_handles,
    session_owner,
    unbind_query,
)

log = logging.getLogger(__name__)

#: Routes anyone may request: the login page and static files. Everything else,
#: including Dash's own layout and dependency routes, needs a signed-in user.
COMPONENT_SUITES = "/_dash-component-suites/"
#: What Dash serves there: /_dash-component-suites/<package>/<file path>. Anything else
#: under that prefix (the bare prefix, a package alone) is not found, never a page.
COMPONENT_FILE = re.compile(r"^/_dash-component-suites/[^/]+/[^/].*$")
PUBLIC_PREFIXES = ("/assets/", COMPONENT_SUITES)
PUBLIC_PATHS = frozenset({"/login", "/health", "/ready", "/_favicon.ico"})
#: Dash's JSON routes: answer 401/403, never redirect.
CALLBACK_PREFIXES = ("/_dash-", "/_reload-hash")
CALLBACK_ROUTE = "/_dash-update-component"
#: The largest body any route accepts, except a callback that carries an upload's
#: file contents (a dcc.Upload's ``contents``), which may send MAX_REQUEST_MB.
SMALL_BODY_BYTES = 1024 * 1024
#: How much of a large callback body is read to learn which callback it names: the
#: renderer sends ``{"output":"<the callback's outputs>", ...}`` first (sorted keys put
#: it after the changed ids and inputs, before the state that holds the upload).
PEEK_BYTES = 8192
_NAMED_OUTPUT = re.compile(rb'"output"\s*:\s*("(?:[^"\\]|\\.)*")')
_UPLOAD_OUTPUT = "ilacs.upload_output"
#: A background job's start answer (its handles, a progress default) is far smaller.
START_ANSWER_MAX_BYTES = 16_384
#: A random id per sign-in: background-job handles are bound to it (job_handles.py).
SESSION_ID_KEY = "sid"
#: Dash 4's optional MCP endpoint stays off (DESIGN.md section 4).
BLOCKED_PREFIXES = ("/_mcp",)
#: Dash's hot-reload poll (it lists the app's packages): only while hot reload is on,
#: which only a developer's ``enable_dev_tools`` turns on; otherwise not found for anyone.
RELOAD_HASH = "/_reload-hash"

CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"


@dataclass(frozen=True)
class SignedInUser(Principal):
    """A Principal that Flask-Login can keep in the session."""

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """Kept in the session cookie; the version lets the server end sessions."""
        return f"{self.id}:{self.session_version}"


def session_outlived(login_at: object, max_seconds: int) -> bool:
    """A session ends this long after sign-in however active it is (SESSION_MAX_HOURS);
    one with no sign-in time has ended too."""
    return not isinstance(login_at, int) or time.time() - login_at > max_seconds


def current_principal() -> Principal | None:
    """The signed-in user of this request, or None (also outside a request)."""
    if not has_request_context():
        return None
    user = current_user._get_current_object()  # type: ignore[attr-defined]
    return user if isinstance(user, Principal) else None


def require_principal() -> Principal:
    """The signed-in user; raises NotSignedIn (401) when there is none."""
    user = current_principal()
    if user is None:
        raise NotSignedIn("Sign in to continue.")
    return user


def _safe_next(target: str | None) -> str:
    """Only paths on this site, so the login page cannot be used to bounce elsewhere."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _frame(title: str, body: str) -> str:
    """A whole page round ``body`` (a Jinja template): the frame the Flask pages share."""
    return """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>[[title]] - ILACS engagement</title>
  <link rel="stylesheet" href="/assets/bootstrap.min.css">
  <link rel="stylesheet" href="/assets/style.css">
</head>
<body>
  <header class="app-header">
    <div class="container"><span class="app-brand">ILACS engagement</span></div>
  </header>
  <main id="main" class="container app-main">[[body]]</main>
</body>
</html>
""".replace("[[title]]", title).replace("[[body]]", body)


LOGIN_PAGE = _frame(
    "Sign in",
    """
    <div class="row"><div class="col-md-6">
      <h1>Sign in</h1>
      <p>For local authority children's services teams and Ofsted inspectors.</p>
      {% if message %}<div class="alert alert-info" role="status">{{ message }}</div>{% endif %}
      {% if error %}<div class="alert alert-danger" role="alert" id="login-error">
        <strong>There is a problem.</strong> {{ error }}</div>{% endif %}
      <form method="post" action="/login" novalidate>
        <input type="hidden" name="csrf_token" value="{{ csrf_token }}">
        <input type="hidden" name="next" value="{{ next_url }}">
        <div class="mb-3">
          <label for="email" class="form-label">Email address</label>
          <input class="form-control" id="email" name="email" type="email"
                 autocomplete="username" spellcheck="false" value="{{ email }}" required>
        </div>
        <div class="mb-3">
          <label for="password" class="form-label">Password</label>
          <input class="form-control" id="password" name="password" type="password"
                 autocomplete="current-password" required>
        </div>
        <button type="submit" class="btn btn-primary" id="sign-in">Sign in</button>
      </form>
    </div></div>
""",
)

SIGN_OUT_PAGE = _frame(
    "Sign out",
    """
    <h1>Sign out</h1>
    <form method="post" action="/logout">
      <input type="hidden" name="csrf_token" value="{{ csrf_token }}">
      <button type="submit" class="btn btn-primary" id="confirm-sign-out">Sign out</button>
      <a href="/" class="btn btn-link">Stay signed in</a>
    </form>
""",
)


def _login_page(status: int = 200, **context: Any) -> tuple[str, int]:
    defaults = {"message": None, "error": None, "email": "", "next_url": "/"}
    defaults.update(context)
    return render_template_string(LOGIN_PAGE, csrf_token=generate_csrf(), **defaults), status


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _storage_options(uri: str) -> dict[str, float]:
    """A Redis rate-limit store that does not answer within a second counts as down, so
    an unreachable Redis host cannot hold a sign-in for the system's TCP timeout."""
    if uri.startswith(("redis", "rediss")):
        return {"socket_connect_timeout": 1, "socket_timeout": 1}
    return {}


def _email_key() -> str:
    """The per-account sign-in limit's key: a keyed hash of the normalised email, so no
    email address reaches the rate-limit store (Redis) or Flask-Limiter's log lines."""
    email = normalise_email(request.form.get("email", ""))
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(),
                      f"login-email\x00{email}".encode(), hashlib.sha256).hexdigest()
    return "login-email:" + digest[:32]


class HttpsAwareSessions(SecureCookieSessionInterface):
    """Session cookies are Secure whenever the request came over HTTPS (directly, or
    through a proxy trusted with TRUSTED_PROXY_HOPS), and always with
    SESSION_COOKIE_SECURE."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or _over_https()


def _over_https() -> bool:
    return has_request_context() and request.is_secure


def _json_body() -> object:
    try:
        return request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser goes
        return None


def _callback_body_refused(callback_spec: Callable[[str], Mapping[str, Any] | None]
                           ) -> Response | None:
    """A 400 unless the body is what the renderer sends for one of the app's callbacks
    (its declared inputs, state and outputs), so a forged body never fails inside Dash."""
    body = _json_body()
    output = body.get("output") if isinstance(body, dict) else None
    granted = request.environ.get(_UPLOAD_OUTPUT)
    if granted is not None and output != granted:  # the large limit was for another callback
        return _json_error("That request is too large.", 413)
    spec = callback_spec(output) if isinstance(output, str) else None
    problem = callback_body_problem(body, spec)
    if problem is None:
        return None
    log.info("Refused a callback body: %s", problem)
    return _json_error("That request is not valid.", 400)


class _Rejoined:
    """A request body with its first bytes already read put back in front."""

    def __init__(self, head: bytes, rest: Any) -> None:
        self._head, self._rest = head, rest

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            head, self._head = self._head, b""
            return head + self._rest.read()
        if self._head:
            head, self._head = self._head[:size], self._head[size:]
            return head
        return self._rest.read(size)


def uploads_callback(spec: Mapping[str, Any]) -> bool:
    """Whether a callback receives an upload's file contents (an input or state
    ``contents``, which only dcc.Upload has here)."""
    return any(dependency.get("property") == "contents"
               for dependency in [*spec.get("inputs", []), *spec.get("state", [])])


def _allow_upload_body(callback_spec: Callable[[str], Mapping[str, Any] | None]) -> None:
    """A callback POST larger than SMALL_BODY_BYTES (or of unknown length) keeps the large
    limit only if its first bytes name a callback that receives an upload; anything else
    gets 413 when the body is read. Only the first PEEK_BYTES are read here, never parsed
    further; the gate then checks the whole body against that callback's declaration."""
    environ = request.environ
    length = request.content_length
    if length is not None and length <= SMALL_BODY_BYTES:
        return
    if length is None and not environ.get("wsgi.input_terminated"):
        return  # no body at all
    stream = environ["wsgi.input"]
    head = stream.read(PEEK_BYTES if length is None else min(PEEK_BYTES, length))
    environ["wsgi.input"] = _Rejoined(head, stream)
    named = _NAMED_OUTPUT.search(head)
    try:
        output = json.loads(named.group(1)) if named else None
    except ValueError:
        output = None
    spec = callback_spec(output) if isinstance(output, str) else None
    if spec is not None and uploads_callback(spec):
        request.max_content_length = current_app.config["MAX_UPLOAD_BODY_BYTES"]
        environ[_UPLOAD_OUTPUT] = output


def _json_error(message: str, status: int) -> Response:
    response = jsonify(error=message)
    response.status_code = status
    return response


def current_session_owner() -> str | None:
    """This person in this session (``user_id:session_id``), or None: what background-job
    handles and upload tickets are bound to."""
    principal = current_principal()
    session_id = session.get(SESSION_ID_KEY)
    if principal is None or not isinstance(session_id, str):
        return None
    return session_owner(principal.id, session_id)


def _job_handles_refused(secret: bytes) -> Response | None:
    """Job handles in the query must have been handed to this person in this session
    (finding 2 of issue 15); Dash then sees its own handles."""
    if not carries_handles(request.args.keys()):
        return None
    owner = current_session_owner()
    try:
        if owner is None:
            raise ForeignHandle
        unbound = unbind_query(request.args.items(multi=True), secret, owner)
    except ForeignHandle:
        log.warning("Refused another session's background job handle for user %s", _user_id())
        return _json_error("This job was started by someone else or in another session. "
                           "Reload the page and start again.", 403)
    request.args = ImmutableMultiDict(unbound)  # type: ignore[misc]
    return None


def _bind_issued_handles(response: Response, secret: bytes) -> None:
    """Bind the handles of a background job that has just started to whoever started it."""
    if response.status_code != 200 or response.mimetype != "application/json":
        return
    data = response.get_data()
    # a start answer is a few hundred bytes: never parse a page's worth of figures here
    if len(data) > START_ANSWER_MAX_BYTES or b'"cacheKey"' not in data:
        return
    try:
        answer = json.loads(data)
    except ValueError:
        return
    owner = current_session_owner()
    if owner is None or not isinstance(answer, dict) or "cacheKey" not in answer:
        return
    response.set_data(json.dumps(bind_handles(answer, secret, owner)))


def init_auth(server: Flask, settings: Settings, csp_script_hashes: Any,
              callback_spec: Callable[[str], Mapping[str, Any] | None],
              hot_reload: Callable[[], bool] = lambda: False) -> None:
    """Wire sign-in, sessions, the gate, security headers and error answers into Flask.
    ``hot_reload`` says whether Dash's dev tools reload the page (development only)."""
    server.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        SESSION_REFRESH_EACH_REQUEST=True,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=settings.session_idle_minutes),
        SESSION_MAX_SECONDS=settings.session_max_hours * 3600,
        MAX_CONTENT_LENGTH=SMALL_BODY_BYTES,  # an upload's callback: _allow_upload_body
        MAX_UPLOAD_BODY_BYTES=settings.max_request_mb * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,  # bound to the session, which expires itself
        LOGIN_RATE_LIMIT=settings.login_rate_limit,
        RATELIMIT_STORAGE_URI=settings.ratelimit_storage_uri,
        RATELIMIT_STORAGE_OPTIONS=_storage_options(settings.ratelimit_storage_uri),
        RATELIMIT_HEADERS_ENABLED=False,
        # With the shared store (Redis) down, sign-in still works: each worker counts in
        # its own memory (Flask-Limiter logs the switch once, and the recovery) instead
        # of answering 500.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=True,
    )

    if settings.trusted_proxy_hops:
        # Behind a reverse proxy, take the client's address from X-Forwarded-For, so
        # the rate limit counts people, not the proxy.
        hops = settings.trusted_proxy_hops
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    server.session_interface = HttpsAwareSessions()
    login_manager = LoginManager()
    login_manager.session_protection = "basic"
    login_manager.init_app(server)

    @login_manager.user_loader
    def _load_user(session_id: str) -> SignedInUser | None:
        user_id, _, version = session_id.partition(":")
        if not user_id.isdigit() or not version.isdigit():
            return None
        principal = load_principal(int(user_id), int(version))
        return SignedInUser(**principal.__dict__) if principal else None

    limiter = Limiter(get_remote_address, app=server, default_limits=[])
    server.extensions["login_limiter"] = limiter

    @server.route("/login", methods=["GET", "POST"])
    @limiter.limit(_login_rate_limit, methods=["POST"])
    @limiter.limit(_login_rate_limit, methods=["POST"], key_func=_email_key)
    def login() -> Any:
        if request.method == "GET":
            if current_principal() is not None:
                return redirect(_safe_next(request.args.get("next")))
            message = None
            if request.args.get("expired"):
                message = "Your session has ended. Sign in again to continue."
            elif request.args.get("signed_out"):
                message = "You have signed out."
            return _login_page(message=message, next_url=_safe_next(request.args.get("next")))
        next_url = _safe_next(request.form.get("next"))
        email = request.form.get("email", "")
        try:
            validate_csrf(request.form.get("csrf_token", ""))
        except ValidationError:
            return _login_page(
                400,
                error="The form had expired. Please try again.",
                email=email,
                next_url=next_url,
            )
        password = request.form.get("password", "")
        if len(password) > MAX_PASSWORD_LENGTH:  # refused before any hashing
            return _login_page(400, error=TOO_LONG_MESSAGE, email=email, next_url=next_url)
        principal = authenticate(email, password)
        if principal is None:
            log.info("Failed sign-in")
            return _login_page(
                401,
                error="The email address or password is not right, or the account is not active.",
                email=email,
                next_url=next_url,
            )
        session.clear()
        login_user(SignedInUser(**principal.__dict__))
        session.permanent = True
        session["login_at"] = int(time.time())
        session[SESSION_ID_KEY] = secrets.token_urlsafe(16)
        log.info("User %s signed in", principal.id)
        return redirect(next_url)

    @server.route("/logout", methods=["GET", "POST"])
    def logout() -> Any:
        """POST (with the session's CSRF token) signs out and ends the session on the
        server too; GET only asks, so a link from elsewhere cannot sign anyone out."""
        principal = current_principal()
        if principal is None:
            return redirect(url_for("login", signed_out=1))
        if request.method == "GET":
            return render_template_string(SIGN_OUT_PAGE, csrf_token=generate_csrf())
        try:
            validate_csrf(request.form.get("csrf_token", ""))
        except ValidationError:
            return render_template_string(SIGN_OUT_PAGE, csrf_token=generate_csrf()), 400
        end_sessions(principal.id)
        logout_user()
        session.clear()
        log.info("User %s signed out", principal.id)
        response = redirect(url_for("login", signed_out=1))
        response.delete_cookie(CSRF_COOKIE)
        return response

    secret = settings.secret_key.encode()

    @server.before_request
    def _gate() -> Any:
        path = request.path
        if path.startswith(BLOCKED_PREFIXES) or (path == RELOAD_HASH and not hot_reload()):
            return jsonify(error="Not found."), 404
        if path.startswith(COMPONENT_SUITES) and not COMPONENT_FILE.match(path):
            return jsonify(error="Not found."), 404
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return None
        is_callback = path.startswith(CALLBACK_PREFIXES)
        signed_in = current_principal() is not None
        login_at = session.get("login_at")
        expired = signed_in and session_outlived(login_at, server.config["SESSION_MAX_SECONDS"])
        if expired:
            logout_user()
            session.clear()
            signed_in = False
        if not signed_in:
            if is_callback:
                return jsonify(error="Sign in to continue."), 401
            target = request.full_path.rstrip("?")
            if expired:
                return redirect(url_for("login", next=target, expired=1))
            return redirect(url_for("login", next=target))
        if SESSION_ID_KEY not in session:  # signed in before sessions carried an id
            session[SESSION_ID_KEY] = secrets.token_urlsafe(16)
        if is_callback and request.method == "POST":
            try:
                validate_csrf(request.headers.get(CSRF_HEADER, ""))
            except ValidationError:
                return jsonify(error="Missing or invalid security token."), 403
            if request.path == CALLBACK_ROUTE:
                _allow_upload_body(callback_spec)
            refused = _callback_body_refused(callback_spec) or _job_handles_refused(secret)
            if refused is not None:
                return refused
        g.audit_actor_token = set_actor(current_principal())  # who the trail names
        return None

    @server.teardown_request
    def _forget_actor(_error: BaseException | None) -> None:
        token = g.pop("audit_actor_token", None)
        if token is not None:
            reset_actor(token)

    @server.after_request
    def _headers(response: Response) -> Response:
        if request.path == CALLBACK_ROUTE and request.method == "POST":
            _bind_issued_handles(response, secret)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; "
            f"script-src 'self' {' '.join(csp_script_hashes())}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
        if current_principal() is not None and response.mimetype == "text/html":
            # The Dash renderer sends this cookie back as the X-CSRFToken header.
            response.set_cookie(
                CSRF_COOKIE,
                generate_csrf(),
                samesite="Strict",
                secure=server.config["SESSION_COOKIE_SECURE"] or _over_https(),
                httponly=False,
            )
        if _over_https():
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if response.mimetype in ("text/html", "application/json"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @server.errorhandler(AccessDenied)
    def _forbidden(error: AccessDenied) -> tuple[Response, int]:
        log.warning("Refused %s %s for user %s", request.method, request.path, _user_id())
        return jsonify(error=str(error)), 403

    @server.errorhandler(NotSignedIn)
    def _not_signed_in(error: NotSignedIn) -> tuple[Response, int]:
        return jsonify(error=str(error)), 401

    @server.errorhandler(InvalidRequest)
    def _invalid(error: InvalidRequest) -> tuple[Response, int]:
        return jsonify(error=str(error) or "That request is not valid."), 400

    @server.errorhandler(NotFound)
    def _not_found(error: NotFound) -> tuple[Response, int]:
        return jsonify(error=str(error)), 404

    @server.errorhandler(DependencyException)
    def _no_such_component_file(error: DependencyException) -> tuple[Response, int]:
        """A wrong file name under the component suites is a 404, not a 500."""
        return jsonify(error="Not found."), 404

    @server.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> tuple[Response, int]:
        return jsonify(error="Missing or invalid security token."), 403

    @server.errorhandler(413)
    def _too_large(error: HTTPException) -> Response:
        return _json_error("That request is too large.", 413)

    @server.errorhandler(429)
    def _too_many(error: HTTPException) -> tuple[str, int]:
        return _login_page(
            429,
            error="Too many sign-in attempts. Wait a minute, then try again.",
            next_url=_safe_next(request.form.get("next")),
        )


def _user_id() -> str:
    principal = current_principal()
    return str(principal.id) if principal else "anonymous"
