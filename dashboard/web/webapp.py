"""Builds the Dash app: pages, callbacks, sign-in and the server-side gate."""

from __future__ import annotations

import logging

import dash
from dash import Dash, dcc, html
from flask import Flask
from flask_wtf.csrf import generate_csrf

from dashboard.access import ROLE_LABELS
from dashboard.config import PROJECT_ROOT, load_settings
from dashboard.pages.validation import validation_layout
from dashboard.services.audit import install as install_audit
from dashboard.web.auth import current_principal, init_auth
from dashboard.web.background import background_manager
from dashboard.web.downloads import register_downloads
from dashboard.web.navigation import nav_links
from dashboard.web.readiness import init_readiness
from dashboard.web.request_logs import keep_query_strings_out_of_request_logs

INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def shell() -> html.Div:
    """The frame round every page. Built per request, so it knows who is signed in."""
    user = current_principal()
    nav: list = []
    account: list = []
    if user is not None:
        nav = [
            html.Li(dcc.Link(label, href=href, className="nav-link"), className="nav-item")
            for label, href in nav_links(user, dash.page_registry.values())
        ]
        account = [
            html.Span(
                f"{user.full_name} ({ROLE_LABELS[user.role]})",
                className="app-user",
                id="signed-in-as",
            ),
            html.Form(
                [
                    dcc.Input(type="hidden", name="csrf_token", value=generate_csrf()),
                    html.Button(
                        "Sign out", type="submit", className="btn btn-light btn-sm", id="sign-out"
                    ),
                ],
                action="/logout",
                method="post",
            ),
        ]
    return html.Div(
        [
            html.A("Skip to main content", href="#main", className="skip-link"),
            dcc.Location(id="url"),
            html.Header(
                html.Div(
                    [
                        dcc.Link("ILACS engagement", href="/", className="app-brand"),
                        html.Nav(html.Ul(nav, className="nav"), **{"aria-label": "Main"}),
                        html.Div(account, className="app-account"),
                    ],
                    className="container app-header-inner",
                ),
                className="app-header",
            ),
            html.Main(dash.page_container, id="main", className="container app-main"),
            html.Footer(
                html.Div(
                    [
                        html.P(
                            "Contains public sector information licensed under the Open "
                            "Government Licence v3.0 (Ofsted, DfE, ONS). Inspection "
                            "history after March 2025 is taken from Ofsted's published "
                            "reports and is unofficial until Ofsted publishes it as "
                            "statistics."
                        )
                    ],
                    className="container",
                ),
                className="app-footer",
            ),
        ]
    )


def create_app() -> Dash:
    install_audit()  # before any session: every change this process makes is audited
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    keep_query_strings_out_of_request_logs()
    settings = load_settings()
    server = Flask("dashboard")
    app = Dash(
        "dashboard",
        server=server,
        use_pages=True,
        pages_folder=str(PROJECT_ROOT / "dashboard" / "pages"),
        assets_folder=str(PROJECT_ROOT / "assets"),
        title="ILACS engagement",
        update_title=None,
        serve_locally=True,
        # Still needed: with it off, Dash Pages replaces the validation layout below on
        # the first request by calling every page's layout there (as whoever sent that
        # request, with no LA code), and setting app.layout calls shell() outside a
        # request. tests/test_validation_layout.py checks the ids instead.
        suppress_callback_exceptions=True,
        external_stylesheets=[],
        health_endpoint="health",
    )
    app.index_string = INDEX_STRING
    app.validation_layout = validation_layout()
    init_auth(server, settings, app.csp_hashes,
              callback_spec=app.callback_map.get,
              hot_reload=lambda: bool(app._dev_tools.hot_reload))
    init_readiness(server, settings)  # /ready, and the page shown when the database is down
    app.layout = shell

    register_downloads(server)

    from callbacks import register_callbacks

    register_callbacks(app, background_manager(settings))
    return app
