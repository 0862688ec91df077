"""Every component of the LA page its callbacks name, for the app's validation layout:
built by the page's own builders with no user and no data."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from dashboard.pages.la import ids
from dashboard.pages.la.pathway_views import pathway_form, visits_form
from dashboard.pages.la.views import history_section, notes_section


def skeleton() -> list[Component]:
    return [*history_section(""), *notes_section("", []), html.Div(id=ids.LA_STATUS),
            *pathway_form(""), *visits_form("")]
