"""Every component of the regional overview its callbacks name, for the app's validation
layout: built by the page's own builder for a region with no LAs."""

from __future__ import annotations

from datetime import date

from dash.development.base_component import Component

from dashboard.pages.region.views import overview_page
from dashboard.services.region_overview import RegionRows


def skeleton() -> list[Component]:
    return [overview_page(RegionRows("", "", []), date(2000, 1, 1))]
