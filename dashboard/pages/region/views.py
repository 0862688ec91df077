"""The regional overview: one sortable, filterable table of the region's LAs, a timeline
of inspections and windows, and an Excel export."""

from __future__ import annotations

from datetime import date

import dash_ag_grid as dag
import plotly.graph_objects as go
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.formatting import format_date
from dashboard.pages.region import ids
from dashboard.services.region_overview import RegionRows, outliers_text

#: Every row in the page (no virtual scrolling) and in reading order, for screen readers.
GRID_OPTIONS = {"domLayout": "autoHeight", "ensureDomOrder": True,
                "suppressColumnVirtualisation": True, "animateRows": False}

COLUMNS = (
    ("name", "Local authority", 180),
    ("last_inspection", "Last inspection", 170),
    ("last_inspection_date", "Inspected (date)", 120),
    ("overall", "Overall grade", 130),
    ("pathway", "Pathway", 100),
    ("next_inspection", "Next inspection", 240),
    ("window_opens", "Window opens", 120),
    ("focused_visits", "Focused visits since", 150),
    ("visits_verdict", "Against allowance", 120),
    ("sef_status", "Self-evaluation", 170),
    ("last_meeting", "Last meeting", 130),
    ("meeting_due", "Next meeting", 150),
    ("letter_status", "Letter", 130),
    ("outliers", "Published measures flagged", 170),
    ("outliers_worse", "Flagged worse", 110),
)


def overview_grid(data: RegionRows) -> dag.AgGrid:
    row_data = [
        {
            "name": f"[{r.name}](/la/{r.la_code})",
            "la_code": r.la_code,
            "last_inspection": r.last_inspection,
            "last_inspection_date": r.last_inspection_date.isoformat()
            if r.last_inspection_date else "",
            "overall": r.overall,
            "pathway": r.pathway,
            "next_inspection": r.next_inspection,
            "window_opens": r.window_opens.isoformat() if r.window_opens else "",
            "focused_visits": r.focused_visits,
            "visits_verdict": r.visits_verdict,
            "sef_status": r.sef_status,
            "last_meeting": r.last_meeting,
            "meeting_due": r.meeting_due,
            "letter_status": r.letter_status,
            "outliers": outliers_text(r.outliers),
            "outliers_worse": r.outliers.worse if r.outliers else None,
        }
        for r in data.rows
    ]
    column_defs = []
    for field, heading, width in COLUMNS:
        column: dict = {"field": field, "headerName": heading, "minWidth": width}
        if field == "name":
            column |= {"cellRenderer": "markdown", "pinned": "left"}
        column_defs.append(column)
    return dag.AgGrid(
        id=ids.GRID,
        rowData=row_data,
        columnDefs=column_defs,
        defaultColDef={"sortable": True, "filter": True, "resizable": True,
                       "wrapText": True, "autoHeight": True},
        dashGridOptions=GRID_OPTIONS,
        columnSize="autoSize",
        style={"width": "100%"},
    )


def timeline(data: RegionRows, today: date) -> Component:
    """Past judgement inspections and visits, and each LA's next inspection window."""
    figure = go.Figure()
    names = [r.name for r in data.rows]
    for r in data.rows:
        if r.window_opens and r.window_closes:
            figure.add_trace(go.Scatter(
                x=[r.window_opens, r.window_closes], y=[r.name, r.name], mode="lines",
                line={"width": 10, "color": "#1d70b8"}, showlegend=False, hoverinfo="skip"))
    events = [(day, r.name, kind) for r in data.rows for day, kind in r.past_events
              if day.year >= today.year - 4]
    figure.add_trace(go.Scatter(
        x=[e[0] for e in events], y=[e[1] for e in events], mode="markers",
        marker={"symbol": "diamond", "size": 9, "color": "#0b0c0c"}, showlegend=False,
        text=[e[2] for e in events], hoverinfo="text+x"))
    figure.add_vline(x=today.isoformat(), line_dash="dash", line_color="#d4351c")
    figure.update_layout(
        height=max(300, 28 * len(names) + 80), margin={"l": 10, "r": 10, "t": 10, "b": 30},
        yaxis={"categoryorder": "array", "categoryarray": names[::-1]},
        plot_bgcolor="#ffffff", xaxis={"gridcolor": "#dddddd"},
    )
    open_now = [r.name for r in data.rows
                if r.window_opens and r.window_closes
                and r.window_opens <= today <= r.window_closes]
    upcoming = sorted((r.window_opens, r.name) for r in data.rows
                      if r.window_opens and r.window_opens > today)
    description = (
        f"Timeline of {len(names)} local authorities: diamonds mark past inspections and "
        f"visits, bars the window for each next inspection, the dashed line today. "
        f"Windows open now: {', '.join(open_now) or 'none'}. "
        + (f"Next to open: {upcoming[0][1]} on {format_date(upcoming[0][0])}. "
           if upcoming else "")
        + "The table above holds the same dates."
    )
    return html.Figure([
        html.Div(dcc.Graph(figure=figure, config={"displayModeBar": False, "staticPlot": True},
                           id="region-timeline"), **{"aria-hidden": "true"}),
        html.Figcaption(description, className="chart-description", id="region-timeline-text"),
    ], className="chart")


def pathway_tasks(data: RegionRows) -> list[Component]:
    """The LAs whose pathway the senior HMI has to record, each a link to its page."""
    if not data.pathway_tasks:
        return []
    return [html.Section([
        html.H2("Pathways to be set", id="pathway-tasks-heading"),
        html.P("Their latest inspection gave no overall effectiveness judgement: "
               "inspections from April 2026 do not give one (Ofsted, 27 November 2025). "
               "The region's senior HMI records each one's pathway on its page."),
        html.Ul([html.Li([dcc.Link(task.name, href=f"/la/{task.la_code}"),
                          f": {task.inspection}" if task.inspection else ""])
                 for task in data.pathway_tasks], id="pathway-tasks"),
    ], **{"aria-labelledby": "pathway-tasks-heading"})]


def overview_page(data: RegionRows, today: date) -> Component:
    return html.Div([
        html.H1(data.region_name, id="region-name"),
        html.P("Every local authority in the region. Select a column heading to sort (the "
               "date columns sort by date); "
               "type below to show only rows holding every word you type. Pathway "
               "allowances and inspection windows follow the framework (paragraphs 13-24)."),
        *pathway_tasks(data),
        dcc.Store(id=ids.REGION_CODE, data=data.region_code),
        html.Div([
            html.Label("Filter the table", htmlFor=ids.FILTER, className="form-label"),
            dcc.Input(id=ids.FILTER, type="search", className="form-control",
                      placeholder="For example: requires improvement"),
        ], className="mb-2", style={"maxWidth": "30rem"}),
        html.Div([
            html.Button("Download as Excel", id=ids.EXPORT, n_clicks=0, type="button",
                        className="btn btn-outline-primary mb-2"),
            dcc.Download(id=ids.DOWNLOAD),
        ]),
        overview_grid(data),
        html.H2("Inspection timeline", className="mt-4"),
        timeline(data, today),
    ])
