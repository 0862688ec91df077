"""The inspector's home page: the region's LAs with their latest judgement."""

from __future__ import annotations

from dash import dcc, html

from dashboard.components.la_summary import last_inspection_text
from dashboard.components.tables import header_row
from dashboard.formatting import (
    grade_label,
    next_inspection_status_label,
    pathway_status_label,
)
from dashboard.services.la_profiles import RegionOverview


def region_table(overview: RegionOverview) -> html.Table:
    head = header_row(
        (
            "Local authority",
            "Last inspection",
            "Overall effectiveness",
            "Pathway",
            "Next inspection",
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(dcc.Link(p.name, href=f"/la/{p.la_code}"), scope="row"),
                    html.Td(last_inspection_text(p)),
                    html.Td(
                        grade_label(p.status.last_judgement.overall)
                        if p.status.last_judgement
                        else "Not graded"
                    ),
                    html.Td(pathway_status_label(p.status)),
                    html.Td(next_inspection_status_label(p.status)),
                ]
            )
            for p in overview.authorities
        ]
    )
    return html.Table(
        [html.Caption(f"Local authorities in {overview.region_name}"), head, body],
        className="table table-sm table-striped",
        id="region-table",
    )
