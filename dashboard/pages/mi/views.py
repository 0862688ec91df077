"""Views of management information: upload results, indicator cards and definitions."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components import alerts
from dashboard.components.tables import header_row
from dashboard.domain.annex_a_checks import ERROR, UnknownCodes
from dashboard.domain.indicators import Indicator
from dashboard.domain.plausibility import HALF_TO_TWICE_RULE, NOTE, PLAUSIBILITY, WITHIN
from dashboard.domain.plausibility import WARNING as PLAUSIBILITY_WARNING
from dashboard.domain.published_series import POSITION_WORDS, QUARTILE_RULE, RULE_LABELS
from dashboard.domain.snapshots import WITHDRAWAL_REASON_MAX
from dashboard.formatting import format_date, format_date_time, format_uk_date
from dashboard.pages.mi import ids
from dashboard.pages.mi.summary import (
    Cell,
    SummaryRow,
    currency_notices,
    more_counts,
    summary_rows,
    theme_key,
)
from dashboard.services.mi import (
    CHECK,
    CHECKED,
    NEEDS_CONFIRMATION,
    NEEDS_DATE_CONFIRMATION,
    REFUSED,
    STORED,
    LAIndicators,
    SnapshotSummary,
    UploadOutcome,
    dfe_codes_for,
)
from dashboard.services.published import FunnelPlot, MeasureInfo

#: Problems shown on the page; the download has them all.
PROBLEMS_ON_PAGE = 500


def snapshots_table(snapshots: list[SnapshotSummary]) -> Component:
    """The LA's uploads in use and withdrawn, with Withdraw or Undo for the LA's own users.

    Each row says its state in words (never colour alone); each button names the period
    it acts on, for screen readers and keyboard users alike.
    """
    if not snapshots:
        return html.P("No figures have been uploaded yet.", id="mi-snapshots")
    may_change = any(s.may_change for s in snapshots)
    table = html.Table(
        [
            html.Caption("Figures stored, newest period first"),
            header_row(("Lists extracted on", "Uploaded", "By", "Rows read", "Warnings",
                        "In use?", "Action")),
            html.Tbody([_snapshot_row(s) for s in snapshots]),
        ],
        className="table table-sm",
        id="mi-snapshots",
    )
    note = ([] if may_change else
            [html.P("Only the local authority's own users can withdraw its figures or undo "
                    "a withdrawal.", className="note", id="mi-withdraw-who")])
    return html.Div([table, *note])


def _snapshot_row(s: SnapshotSummary) -> Component:
    period = format_date(s.period_end)
    if s.status == "withdrawn":
        state: list[Component | str] = [
            html.Strong("Withdrawn"),
            f" on {format_date_time(s.withdrawn_at) if s.withdrawn_at else 'an unknown date'}"
            f" by {s.withdrawn_by or '(unknown)'}. Reason: ",
            html.Span(s.withdrawal_reason or "", className="withdrawal-reason"),
        ]
        if not s.undo_until:
            action: Component | str = "Can no longer be undone"
        elif s.may_change:
            until = format_uk_date(s.undo_until)
            action = html.Button(
                f"Undo withdrawal (until {until})",
                id=ids.undo(s.id), n_clicks=0, type="button",
                className="btn btn-outline-secondary btn-sm",
                # the visible words first in the name (WCAG 2.5.3), then which figures
                **{"aria-label": f"Undo withdrawal (until {until}) of the figures for lists "
                                 f"extracted on {period}"})
        else:
            action = f"Can be undone by the local authority until {format_uk_date(s.undo_until)}"
        return html.Tr([
            html.Td(period), html.Td(format_date_time(s.uploaded_at)), html.Td(s.uploaded_by),
            html.Td(f"{s.rows_read:,}"), html.Td(str(s.warning_count)), html.Td(state),
            html.Td(action),
        ], className="snapshot-withdrawn", id=f"mi-snapshot-{s.id}")
    withdraw: Component | str = (
        html.Button("Withdraw", id=ids.withdraw(s.id), n_clicks=0,
                    type="button", className="btn btn-outline-danger btn-sm",
                    **{"aria-label": f"Withdraw the figures for lists extracted on {period}"})
        if s.may_change else "")
    return html.Tr([
        html.Td(period), html.Td(format_date_time(s.uploaded_at)), html.Td(s.uploaded_by),
        html.Td(f"{s.rows_read:,}"), html.Td(str(s.warning_count)),
        html.Td("In use"), html.Td(withdraw),
    ], id=f"mi-snapshot-{s.id}")


def withdrawal_form() -> Component:
    """Asks for the reason and the confirmation before figures are withdrawn; hidden until
    a Withdraw button is chosen."""
    return alerts.panel([
        html.H3("Withdraw figures", id=ids.WITHDRAW_HEADING, tabIndex=-1),
        html.P("Withdrawn figures are left out of every figure and trend at once: the "
               "indicators, the inspectors' regional overview, the focused-visit planner "
               "and the figures you can link in the self-evaluation. They are kept on "
               "record with who withdrew them, when and why, and you can undo the "
               "withdrawal for 30 days."),
        html.Label([f"Why are these figures withdrawn? (required, up to "
                    f"{WITHDRAWAL_REASON_MAX} characters; do not identify any child)"],
                   htmlFor=ids.WITHDRAW_REASON, className="form-label"),
        dcc.Textarea(id=ids.WITHDRAW_REASON, value="", rows=3, required=True,
                     maxLength=WITHDRAWAL_REASON_MAX, className="form-control mb-2"),
        html.Div(id=ids.WITHDRAW_PROBLEM, role="alert"),
        html.Button("Withdraw these figures", id=ids.WITHDRAW_CONFIRM, n_clicks=0,
                    type="button", className="btn btn-danger me-2"),
        html.Button("Keep them", id=ids.WITHDRAW_CANCEL, n_clicks=0, type="button",
                    className="btn btn-secondary"),
    ], "secondary", id=ids.WITHDRAW_FORM, hidden=True, className="mb-3",
       role="region", **{"aria-labelledby": ids.WITHDRAW_HEADING})


def withdrawal_done(period_end: date, earlier_stays_replaced: bool) -> Component:
    """What a withdrawal did, and what it did not do."""
    period = format_date(period_end)
    lines = [html.P(f"The figures for lists extracted on {period} are withdrawn. They are "
                    "out of every figure and trend now. You can undo this for 30 days.")]
    if earlier_stays_replaced:
        lines.append(html.P(
            f"These figures had replaced an earlier upload for {period}. The earlier upload "
            "for this period stays replaced: it does not count again by itself. Upload "
            "again if this period needs figures.", id="mi-earlier-replaced"))
    return alerts.alert(lines, alerts.SUCCESS, id="mi-withdraw-done")


def _severity(severity: str) -> Component | str:
    """A problem's kind in words ("Error" in bold, "Warning", "Note"): never colour alone."""
    return html.Strong("Error") if severity == ERROR else (severity or "warning").capitalize()


def problems_table(outcome: UploadOutcome) -> Component:
    shown = outcome.problems[:PROBLEMS_ON_PAGE]
    hidden = len(outcome.problems) - len(shown) + outcome.problems_not_listed
    rows = [
        html.Tr([
            html.Td(_severity(p.severity)),
            html.Td(p.sheet),
            html.Td(str(p.row) if p.row else "-"),
            html.Td(p.column or "-"),
            html.Td(p.message),
        ], className=f"problem-{p.severity}")
        for p in shown
    ]
    more = (
        [html.P(f"{hidden:,} more problems are not shown here; the download lists up to "
                "5,000.", className="note")]
        if hidden > 0 else []
    )
    return html.Div([
        html.Table(
            [
                html.Caption("Problems found, by sheet, row and column"),
                header_row(("Kind", "Sheet", "Row", "Column", "Problem")),
                html.Tbody(rows),
            ],
            className="table table-sm problems",
            id="mi-problems-table",
        ),
        *more,
    ], className="table-scroll", tabIndex=0, role="region",
       **{"aria-label": "Problems found"})


def counts_table(outcome_counts: list, caption: str) -> Component:
    return html.Table(
        [
            html.Caption(caption),
            header_row(("List", "Rows")),
            html.Tbody([
                html.Tr([html.Th(c.label, scope="row"), html.Td(f"{c.rows:,}")])
                for c in outcome_counts
            ]),
        ],
        className="table table-sm",
        id="mi-counts",
    )


def upload_result(outcome: UploadOutcome) -> Component:
    """What happened to a check or an upload, in words first, then the detail."""
    period = format_date(outcome.period_end)
    if outcome.stage == CHECK and outcome.status == CHECKED:
        heading = "The files passed their checks: nothing is stored yet"
        lead = (f"We found no errors and {outcome.warning_count:,} warning(s). Nothing has "
                "been stored. Check the extraction date in step 2 below, then store the "
                "figures.")
        kind = alerts.INFO
    elif outcome.stage == CHECK:
        heading = "The files cannot be stored"
        lead = (f"We found {outcome.error_count:,} error(s) and {outcome.warning_count:,} "
                "warning(s). Nothing has been stored. Correct the errors and check the "
                "files again.")
        kind = alerts.ERROR
    elif outcome.status == REFUSED:
        heading = "The upload was not stored"
        lead = (f"We found {outcome.error_count:,} error(s) and {outcome.warning_count:,} "
                "warning(s). Nothing has been stored. Correct the errors and upload again.")
        kind = alerts.ERROR
    elif outcome.status == NEEDS_DATE_CONFIRMATION:
        heading = "Confirm the extraction date first"
        lead = f"{outcome.date_question} Nothing has been stored."
        kind = alerts.BLOCKED
    elif outcome.status == NEEDS_CONFIRMATION:
        heading = f"Figures for {period} already exist"
        lead = ("The upload passed its checks, with "
                f"{outcome.warning_count:,} warning(s). Do you want these figures to replace "
                f"the ones stored for lists extracted on {period}? The earlier upload is kept "
                "on record but no longer shown.")
        kind = alerts.WARNING
    else:
        heading = "The figures were stored"
        lead = (f"The upload passed its checks, with {outcome.warning_count:,} warning(s), and "
                f"the figures for {outcome.la_name}, lists extracted on {period}, are stored. "
                "The child-level rows were used to work them out and have not been kept.")
        kind = alerts.SUCCESS
    parts: list[Component] = [
        alerts.alert([html.H2(heading, id=ids.RESULT_HEADING, tabIndex=-1), html.P(lead),
                      *_what_the_file_says(outcome)], kind),
    ]
    if outcome.impacts:
        parts.append(impacts_table(outcome))
    if outcome.list_counts:
        parts.append(counts_table(outcome.list_counts, "Rows read from each list"))
    if outcome.status != REFUSED:
        parts.append(plausibility_section(outcome))
    if outcome.problems:
        parts.append(html.H3("Problems"))
        parts.append(problems_table(outcome))
    if outcome.status == STORED:
        parts.append(dcc.Link("See the indicators", href=f"/indicators/{outcome.la_code}",
                              id="mi-indicators-link", className="btn btn-primary"))
    return html.Div(parts)


def _what_the_file_says(outcome: UploadOutcome) -> list[Component]:
    """The latest date in the file, as the extraction date to check against, and how many
    of the LA's own codes its saved mapping read."""
    said: list[Component] = []
    if outcome.stage == CHECK and outcome.proposed:
        said.append(html.P([
            html.Strong(f"Proposed extraction date: {format_date(outcome.proposed.day)}"),
            f", from {outcome.proposed.source}."
            + ("" if outcome.date_chosen else
               " Change it in step 2 if the lists were extracted on another day."),
        ], id="mi-proposed-date"))
    elif outcome.stage == CHECK and not outcome.date_chosen:
        said.append(html.P("The files give no extraction date and no event date: enter the "
                           "date the lists were extracted in step 2.", id="mi-proposed-date"))
    if outcome.latest_date:
        latest = outcome.latest_date.strftime("%d/%m/%Y")
        entered = outcome.period_end.strftime("%d/%m/%Y")
        advice = ("the lists were extracted on or after that day" if
                  outcome.latest_date <= outcome.period_end else
                  f"that is after the extraction date you entered ({entered}): if the lists "
                  f"were extracted later, enter {latest} or the real date and upload again")
        said.append(html.P(f"The latest date in the file is {latest}; {advice}.",
                           id="mi-latest-date"))
    if outcome.mapped_rows:
        said.append(html.P(f"{outcome.mapped_rows:,} local codes mapped using your saved "
                           "mapping.", id="mi-mapped"))
    return said


def impacts_table(outcome: UploadOutcome) -> Component:
    """For each kind of warning: how many rows (figures, for the comparison with the
    published figures), and which figures it touches."""
    return html.Table(
        [
            html.Caption("What the warnings touch"),
            header_row(("Warning", "Rows", "Figures it touches")),
            html.Tbody([
                html.Tr([html.Th(impact.label, scope="row"),
                         html.Td(f"{impact.rows:,} figure(s)" if impact.kind == PLAUSIBILITY
                                 else f"{impact.rows:,}"),
                         html.Td("; ".join(impact.indicator_names) or "None of the figures")])
                for impact in outcome.impacts
            ]),
        ],
        className="table table-sm",
        id="mi-impacts",
    )


def plausibility_section(outcome: UploadOutcome) -> Component:
    """The uploaded figures beside the LA's published ones: each warning, then each note
    on what was not compared and why, each saying which it is in words."""
    warnings = [f for f in outcome.plausibility if f.severity == PLAUSIBILITY_WARNING]
    within = [f for f in outcome.plausibility if f.severity == WITHIN]
    notes = [f for f in outcome.plausibility if f.severity == NOTE]
    body: list[Component] = []
    if warnings:
        body.append(html.Ul([html.Li([html.Strong("Warning: "), f.message])
                             for f in warnings], id="mi-plausibility-warnings"))
    if within:
        body.append(html.Details([
            html.Summary(f"{len(within)} figure(s) within half to twice the published one"),
            html.Ul([html.Li(f.message) for f in within]),
        ], id="mi-plausibility-within"))
    if not warnings and not within:
        body.append(html.P("No uploaded figure could be compared with a published one; "
                           "why is said below.", id="mi-plausibility-none"))
    if notes:  # what was not compared is said, not left out: folded, as it can be long
        body.append(html.Details([
            html.Summary(f"{len(notes)} figure(s) not compared, and why"),
            html.Ul([html.Li([html.Strong("Note: "), f.message]) for f in notes]),
        ], id="mi-plausibility-notes"))
    return html.Section([
        html.H3("Compared with your published figures"),
        html.P(HALF_TO_TWICE_RULE, className="note"),
        *body,
    ], id="mi-plausibility")


def local_codes_form(unknown: list[UnknownCodes]) -> list[Component]:
    """Each column's codes that are not DfE codes, each with a select of that column's DfE
    codes (framework para 248: an LA may use its own codes if it explains them)."""
    groups = []
    for column in unknown:
        choices = [{"label": f"{code}: {meaning}", "value": code}
                   for code, meaning in dfe_codes_for(column.list_key, column.column_key)]
        if not column.values or not choices:
            continue
        rows = []
        for label, count in column.values:
            select_id = ids.local_code(column.list_key, column.column_key, label)
            # the select inside its label: a pattern id has no plain id to point at
            rows.append(html.Label([
                html.Span(f"“{label}” ({count:,} row{'s' if count > 1 else ''})",
                          className="form-label d-block"),
                dbc.Select(id=select_id, options=choices, value="",
                           placeholder="Choose the DfE code it stands for"),
            ], className="d-block mb-2"))
        groups.append(html.Fieldset([
            html.Legend(f"{column.sheet}: {column.heading}", className="h6"),
            *rows,
        ], className="mb-3"))
    return groups


def _comparison_chart(row: SummaryRow, la_name: str) -> Component:
    """Bars for the LA's published figure and each comparator, each named and labelled
    with its value outside the bar in dark text (never white on a pattern); the LA solid,
    comparators hatched. An uploaded figure is not drawn here: it is for another date."""
    cells = [(f"{la_name} (published)", row.published)] if row.published else []
    cells += [("Statistical neighbours", row.neighbours), ("Ofsted region", row.region),
              ("England", row.england)]
    present = [(label, cell) for label, cell in cells if cell and cell.value is not None]
    if len(present) < 2:
        return html.Div()
    own = 1 if row.published and row.published.value is not None else 0
    # a plain figure dict: plotly's Figure objects cost ~15 ms each to validate and carry
    # a large template
    figure = {"data": [{
        "type": "bar", "orientation": "h",
        "x": [cell.value for _, cell in present], "y": [label for label, _ in present],
        "text": [cell.text for _, cell in present], "textposition": "outside",
        "textfont": {"color": "#0b0c0c"}, "cliponaxis": False,
        "marker": {"color": ["#1d70b8"] * own + ["#dee0e2"] * (len(present) - own),
                   "line": {"color": "#0b0c0c", "width": 1},
                   "pattern": {"shape": [""] * own + ["/"] * (len(present) - own),
                               "fgcolor": "#505a5f"}},
        "hoverinfo": "skip",
    }], "layout": {
        "height": 60 + 40 * len(present), "margin": {"l": 10, "r": 110, "t": 10, "b": 30},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {"rangemode": "tozero"},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"size": 13},
    }}
    return _figure(figure, f"{row.indicator_id}-comparison",
                   f"Bar chart: {row.name}, latest published year. " + "; ".join(
                       f"{label} {cell.text}" for label, cell in present) + ".")


def _trend_chart(row: SummaryRow) -> Component:
    """The trend on a real time axis: points a year apart stand a year apart. Published
    figures and uploaded ones are separate, named lines, never one line."""
    lines = [(f"Published ({len(row.trend)} years)", row.trend, "#1d70b8", "solid"),
             ("Uploaded (by extraction date)", row.upload_trend, "#d4351c", "dash")]
    lines = [line for line in lines if line[1]]
    if sum(len(points) for _, points, _, _ in lines) < 2:
        return html.Div()
    figure = {"data": [{
        "type": "scatter", "mode": "lines+markers+text", "name": name,
        "x": [day.isoformat() for day, _, _ in points], "y": [v for _, _, v in points],
        "text": [text for _, text, _ in points], "textposition": "top center",
        "textfont": {"color": "#0b0c0c"},
        "line": {"color": colour, "dash": dash}, "hoverinfo": "skip", "cliponaxis": False,
    } for name, points, colour, dash in lines], "layout": {
        "height": 260, "margin": {"l": 10, "r": 40, "t": 40, "b": 30},
        "xaxis": {"type": "date", "tickformat": "%b %Y"},
        "yaxis": {"rangemode": "tozero", "automargin": True},
        "legend": {"orientation": "h", "y": -0.2},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"size": 13},
    }}
    words = " ".join(
        f"{name}: " + "; ".join(f"{format_date(day)} {text}" for day, text, _ in points) + "."
        for name, points, _, _ in lines)
    return _figure(figure, f"{row.indicator_id}-trend",
                   f"Line chart: {row.name} over time. {words}")


def funnel_chart(plot: FunnelPlot, row: SummaryRow) -> Component:
    """The measure's funnel plot: every LA with a published count by its size, the
    region's LAs and this LA picked out by shape and label as well as colour, England's
    line and the 95% and 99.8% limits (Spiegelhalter 2005), with a text alternative."""
    sizes = [limit.denominator for limit in plot.limits]
    groups = [
        ("Other LAs", [p for p in plot.points if not p.in_region and not p.is_this_la],
         {"color": "#6f777b", "symbol": "circle", "size": 6}),
        (f"{plot.region_name} LAs", [p for p in plot.points if p.in_region and not p.is_this_la],
         {"color": "#1d70b8", "symbol": "diamond", "size": 9}),
        (plot.la_name, [p for p in plot.points if p.is_this_la],
         {"color": "#0b0c0c", "symbol": "star", "size": 16}),
    ]
    data = [{"type": "scatter", "mode": "lines", "name": name, "x": sizes,
             "y": [getattr(limit, attr) for limit in plot.limits],
             "line": {"color": colour, "dash": dash, "width": 1.5}, "hoverinfo": "skip",
             "showlegend": attr.startswith("upper")}
            for name, attr, colour, dash in (
                ("95% limits", "upper_95", "#505a5f", "dash"),
                ("95% limits", "lower_95", "#505a5f", "dash"),
                ("99.8% limits", "upper_998", "#d4351c", "dot"),
                ("99.8% limits", "lower_998", "#d4351c", "dot"))]
    data.append({"type": "scatter", "mode": "lines", "name": f"England {plot.england:g}",
                 "x": [sizes[0], sizes[-1]], "y": [plot.england, plot.england],
                 "line": {"color": "#00703c", "width": 2}, "hoverinfo": "skip"})
    data += [{"type": "scatter", "mode": "markers+text" if name == plot.la_name else "markers",
              "name": name, "x": [p.denominator for p in points],
              "y": [p.value for p in points], "text": [p.name for p in points],
              "textposition": "top center", "marker": marker, "hoverinfo": "text"}
             for name, points, marker in groups if points]
    label = plot.measure.denominator_label or "size"
    figure = {"data": data, "layout": {
        "height": 380, "margin": {"l": 10, "r": 20, "t": 30, "b": 50},
        "xaxis": {"type": "log", "title": {"text": f"Number of {label} (log scale)"}},
        "yaxis": {"title": {"text": plot.measure.unit}, "automargin": True},
        "legend": {"orientation": "h", "y": -0.25},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"size": 13},
    }}
    above = sum(1 for p in plot.points if p.position == "above_998")
    below = sum(1 for p in plot.points if p.position == "below_998")
    words = (f"Funnel plot: {row.name}, {plot.measure.period_text(plot.year)}. "
             f"{len(plot.points)} LAs with a published count, by their number of {label}, "
             f"around England's {plot.england:g}; {above} lie above the 99.8% limits and "
             f"{below} below them. "
             + " ".join(note for note in row.published_notes if "limits" in note))
    if plot.overdispersed:
        words += (" The limits are widened for LAs' spread beyond chance (over-dispersion), "
                  "so a point outside them is unusual among English LAs for its size.")
    region = [p for p in plot.points if p.in_region]
    if region:
        words += (f" {plot.region_name} LAs: " + "; ".join(
            f"{p.name} {p.value:g} of {p.denominator:,.0f}, {POSITION_WORDS[p.position]}"
            for p in region) + ".")
    if plot.left_off or plot.suppressed:
        words += (f" Not shown: {plot.suppressed} LAs whose figure is suppressed or not "
                  f"published, and {plot.left_off} with a figure but no published count.")
    return html.Div([
        html.H4("Funnel plot", className="h6"),
        _figure(figure, f"{row.indicator_id}-funnel", words),
    ], className="funnel-plot", id=f"funnel-{row.indicator_id}")


def _figure(figure: dict, figure_id: str, description: str) -> Component:
    """A chart with its text alternative; the chart itself is hidden from screen readers."""
    return html.Figure([
        html.Div(dcc.Graph(figure=figure, config={"displayModeBar": False, "staticPlot": True},
                           id=f"chart-{figure_id}"), **{"aria-hidden": "true"}),
        html.Figcaption(description, className="chart-description"),
    ], className="chart")


def indicator_card(row: SummaryRow, la_name: str, funnel: Component | None = None
                   ) -> Component:
    """One indicator in full, drawn when its row is opened: each figure with its date and
    what it is built from, band, rank, flags with their rules, and its charts (with the
    measure's funnel plot where DfE publishes the counts)."""
    figures = [
        (f"{la_name} (uploaded)", row.uploaded,
         row.worked_out_from or (row.uploaded.detail if row.uploaded else "")),
        (f"{la_name} (published)", row.published, "published"),
        ("Statistical neighbours", row.neighbours, row.neighbours.detail),
        ("Ofsted region", row.region, row.region.detail),
        ("England", row.england, row.england.detail),
    ]
    table_rows = [html.Tr([html.Th(label, scope="row"), html.Td(cell.text),
                           html.Td(cell.when), html.Td(detail)])
                  for label, cell, detail in figures if cell is not None]
    return html.Section([
        html.H3(row.name, className="h5"),
        html.P([html.Span(row.better_text, className="badge-direction"),
                html.Span(f" {row.definition}")], className="indicator-meta"),
        html.Ul([html.Li([html.Strong(f"{flag.label}: "), flag.text]) for flag in row.flags],
                className="outlier") if row.flags else None,
        html.P(f"Quartile band among English LAs: {row.band_text}. National rank: "
               f"{row.rank or 'none'} (1 = best).", className="band") if row.band_text
        else (html.P(row.no_band_reason, className="band") if row.no_band_reason else None),
        html.Ul([html.Li(note) for note in row.published_notes],
                className="published-notes") if row.published_notes else None,
        html.P(row.currency, className="currency-notice") if row.currency else None,
        html.P(f"Which way is better: {row.better_text}. {row.direction_reason}",
               className="note") if row.direction_reason else None,
        html.Table([
            html.Caption(f"{row.name}: each figure, its date and what it is built from"),
            header_row(("Area", "Figure", "For", "What it is built from")),
            html.Tbody(table_rows),
        ], className="table table-sm indicator-table"),
        html.Div([_comparison_chart(row, la_name), _trend_chart(row)],
                 className="indicator-charts"),
        funnel if funnel is not None else None,
        html.P(row.source + (f" {row.release_text}." if row.release_text else ""),
               className="note"),
    ], className="indicator-card", id=f"indicator-{row.indicator_id}")


#: shown, with a text alternative, where a figure is not there
NO_FIGURE = "\u2013"


def _missing(words: str) -> list[Component]:
    """A dash for the eye, words for screen readers."""
    return [html.Span(NO_FIGURE, **{"aria-hidden": "true"}),
            html.Span(words, className="visually-hidden")]


def _figure_cell(cell: Cell) -> Component:
    """The figure and, on the next line, what it is built from when it is worked out
    rather than published (plain text lines: the summary is drawn for speed)."""
    if cell.value is None:
        return html.Td(_missing(cell.detail or "No figure"))
    if cell.detail.startswith("average") or "not published" in cell.detail:
        return html.Td(f"{cell.text}\n{cell.detail}", className="lines")
    return html.Td(cell.text)


def _la_cell(row: SummaryRow) -> Component:
    """The published figure with its year and what stands behind it (its counts, a
    suppression mark, a joint return, England's funnel) and, under it, the uploaded one
    with its date."""
    lines: list[str] = []
    if row.published is not None and row.published.value is not None:
        lines += [row.published.text, f"Published, {row.published.when}"]
    lines += list(row.published_lines)
    if row.uploaded is not None:
        shown = row.uploaded.text if row.uploaded.value is not None else "no figure"
        lines += [f"Uploaded: {shown}", row.uploaded.when]
    if not lines:
        return html.Td(_missing("No published figure"))
    if row.published is None or row.published.value is None:
        lines.insert(0, "No published figure")
    return html.Td("\n".join(lines), className="lines")


def sparkline_uri(points: list[tuple[date, float]], width: int = 96, height: int = 24) -> str:
    """A tiny static SVG of the trend, x spaced by real dates, as a data URI for an img."""
    days = [day.toordinal() for day, _ in points]
    values = [v for _, v in points]
    span_x = (max(days) - min(days)) or 1
    low, high = min(values), max(values)
    span_y = (high - low) or 1
    xy = [(2 + (d - min(days)) * (width - 4) / span_x,
           height - 2 - (v - low) * (height - 4) / span_y) for d, v in zip(days, values,
                                                                              strict=True)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    last_x, last_y = xy[-1]
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
           f"viewBox='0 0 {width} {height}'><polyline points='{line}' fill='none' "
           f"stroke='%231d70b8' stroke-width='1.5'/><circle cx='{last_x:.1f}' "
           f"cy='{last_y:.1f}' r='2.5' fill='%230b0c0c'/></svg>")
    return "data:image/svg+xml;utf8," + svg.replace("<", "%3C").replace(">", "%3E")


def _sparkline(row: SummaryRow) -> Component:
    if len(row.trend) < 2:
        return html.Td(_missing("No trend: fewer than two published years"))
    words = "Published trend: " + "; ".join(f"{day.year} {text}" for day, text, _ in row.trend)
    return html.Td(html.Img(src=sparkline_uri([(day, v) for day, _, v in row.trend]),
                            alt=words, width=96, height=24, className="sparkline"))


def _rank(row: SummaryRow) -> Component:
    if row.rank is None:
        return html.Td(row.no_band_reason or
                       _missing("No national rank: no better direction or too few LAs"))
    return html.Td(row.rank.replace(" (tied with", " (tied:").replace(" others)", ")")
                   .replace(" other)", ")"))


def _band(row: SummaryRow) -> Component:
    if row.band is None:
        return html.Td(_missing(row.no_band_reason or "No band"))
    return html.Td(row.band, title=row.band_text or "")


def _flag_cell(row: SummaryRow) -> Component:
    """Each flag with its rule, whether it is bad news and its numbers, in words beside
    the figure (not only on hover)."""
    if not row.flags:
        return html.Td("None", className="flag-cell")
    return html.Td(html.Ul([html.Li([html.Strong(f"{flag.label}: "), flag.text])
                            for flag in row.flags], className="flag-list"),
                   className="flag-cell")


def _summary_row(row: SummaryRow) -> list[Component]:
    """The row, then a row below it where the chart is drawn when asked for."""
    return [
        html.Tr([
            html.Th([row.name, html.Small(row.better_text, className="text-muted")],
                    scope="row"),
            _la_cell(row),
            _figure_cell(row.neighbours),
            _figure_cell(row.region),
            _figure_cell(row.england),
            _band(row), _rank(row), _sparkline(row),
            _flag_cell(row),
            html.Td(html.Button(
                chart_button_text(False, row.name), id=ids.chart_open(row.indicator_id),
                n_clicks=0, type="button", className="btn btn-outline-primary btn-sm")),
        ], id=f"mi-row-{row.indicator_id}"),
        html.Tr(id=ids.chart_row(row.indicator_id), hidden=True, className="chart-row"),
    ]


def chart_button_text(is_open: bool, name: str) -> list[Component | str]:
    """What the button says, naming its indicator for screen readers (WCAG 2.5.3: the
    visible words first)."""
    return ["Hide chart" if is_open else "Show chart",
            html.Span(f": {name}", className="visually-hidden")]


SUMMARY_HEADINGS = ("Indicator", "LA", "Neighbours", "Region", "England", "Band", "Rank",
                    "Trend", "Flag", "Chart")


def summary_table(theme: str, rows: list[SummaryRow], la_name: str,
                  caption: str | None = None) -> Component:
    headings = (SUMMARY_HEADINGS[0], la_name, *SUMMARY_HEADINGS[2:])
    return html.Table([
        html.Caption(caption or f"{theme}: {la_name}'s latest published figures (and uploaded "
                     "ones, dated) beside its statistical neighbours, its Ofsted region and "
                     "England"),
        header_row(headings),
        html.Tbody([tr for row in rows for tr in _summary_row(row)]),
    ], className="table table-sm indicators-summary")


def more_button_text(is_open: bool, count: int, theme: str) -> list[Component | str]:
    words = (f"Hide the {count} further published measures" if is_open else
             f"Show {count} further published measures")
    return [words, html.Span(f": {theme}", className="visually-hidden")]


def more_table(theme: str, rows: list[SummaryRow], la_name: str) -> Component:
    """A theme's further published measures (LAIT's wider set), drawn when asked for."""
    return summary_table(theme, rows, la_name, caption=(
        f"{theme}: further published measures for {la_name} (DfE's LAIT; no Annex A list "
        "behind them) beside its statistical neighbours, its Ofsted region and England"))


def _theme_section(theme: str, rows: list[SummaryRow], more: int,
                   la_name: str) -> Component:
    parts: list[Component] = [html.H2(theme, className="h4")]
    if rows:
        parts.append(summary_table(theme, rows, la_name))
    if more:
        key = theme_key(theme)
        parts.append(html.Div([
            html.Button(more_button_text(False, more, theme), id=ids.more_open(key),
                        n_clicks=0, type="button", className="btn btn-outline-primary btn-sm"),
            html.Div(id=ids.more_area(key)),
        ], className="more-measures"))
    return html.Section(parts, className="indicators-theme")


def indicators_page(data: LAIndicators, can_upload: bool) -> Component:
    more = more_counts(data)
    intro = (
        [html.P(f"Uploaded figures: Annex A lists extracted on {format_date(data.period_end)}, "
                f"uploaded {format_date_time(data.uploaded_at)}. Published figures are DfE's, "
                "each dated by its year.", id="mi-latest")]
        if data.period_end and data.uploaded_at else
        [html.P("No Annex A lists have been uploaded for this local authority: the figures "
                "below are DfE's published ones, each dated by its year.", id="mi-latest")]
    )
    actions = [dcc.Link("Indicator definitions", href="/indicators")]
    if can_upload:
        actions.insert(0, dcc.Link("Upload management information",
                                   href=f"/upload/{data.la_code}", id="link-upload"))
    notices = currency_notices(data)
    currency = html.Section([
        html.H2("Published figures out of date", className="h5", id="mi-currency-heading"),
        *[html.Details([html.Summary(notice),
                        html.P("Measures: " + "; ".join(names) + ".")])
          for notice, names in notices],
        html.P("The figures below are the latest this service holds; an administrator "
               "can load DfE's newer release on the DfE releases page."),
    ], className="currency-notice", id="mi-currency",
        **{"aria-labelledby": "mi-currency-heading"}) if notices else None
    return html.Div([
        html.H1(f"Indicators: {data.la_name}", id="mi-title"),
        *intro,
        currency,
        html.P([*_joined(actions)]),
        dcc.Store(id=ids.INDICATORS_LA, data=data.la_code),
        html.Details([
            html.Summary("How to read these figures"),
            html.P("The LA column shows the latest published figure with its year and, where "
                   "Annex A lists have been uploaded, the uploaded figure with the date the "
                   "lists were extracted: they are for different periods and are never "
                   "combined. Neighbours is the average of the LA's ten statistical "
                   "neighbours that have a figure (how many, under it); Region is the Ofsted "
                   "region's published figure or, where none is published, one worked out "
                   "from its regions' published counts or the plain average of its LAs "
                   "(said under it); England is the published figure. Under the LA's "
                   "figure: the counts DfE publishes behind it and where it sits in "
                   "England's funnel limits for a figure of its size. Band is the "
                   "quartile band among English LAs with a figure, A best; rank 1 is best; "
                   "both say how many LAs are suppressed (1 to 5 children). A dash means "
                   "there is no figure. Choose Show chart for an indicator's charts and, "
                   "where DfE publishes the counts, its funnel plot. Each "
                   "theme's further published measures (DfE's LAIT measures with no Annex A "
                   "list behind them) open under its table."),
            html.P(QUARTILE_RULE),
            html.Ul([html.Li([html.Strong(f"{RULE_LABELS[rule]}: "), text])
                     for rule, text in data.flag_rules.items()], id="flag-rules"),
        ]),
        *[_theme_section(theme, rows, more.get(theme, 0), data.la_name)
          for theme, rows in summary_rows(data).items()],
    ], className="indicators-page", id="mi-indicators")


def _joined(links: list[Component]) -> list[Component | str]:
    out: list[Component | str] = []
    for link in links:
        if out:
            out.append(" | ")
        out.append(link)
    return out


POLARITY_WORDS = {"higher_better": "Higher is better", "lower_better": "Lower is better"}


def measures_table(measures: list[MeasureInfo]) -> Component:
    """Every published measure: what it counts, which way is better and where it is from."""
    rows = [html.Tr([
        html.Th(m.name, scope="row"), html.Td(m.theme), html.Td(m.definition),
        html.Td([html.Strong(POLARITY_WORDS.get(m.polarity, "No better direction (context)")),
                 html.Br(), m.polarity_reason or ""]),
        html.Td(f"{m.unit}; year to {m.period_end}" + (
            f"; counts: {m.numerator_label} of {m.denominator_label}"
            if m.numerator_label and m.denominator_label else "; no counts published")),
        html.Td(f"{m.release or m.source_publication}; {m.licence}" + (
            f"; next update due {format_date(m.next_update)}" if m.next_update else "")),
    ], id=f"measure-{m.id}") for m in measures]
    return html.Table([
        html.Caption(f"The {len(measures)} published measures shown for every LA"),
        header_row(("Measure", "Theme", "Definition", "Which way is better", "Unit and period",
                    "Source")),
        html.Tbody(rows),
    ], className="table table-sm definitions", id="measures-table")


def definitions_table(indicators: tuple[Indicator, ...]) -> Component:
    return html.Table(
        [
            html.Caption("Every indicator, what it counts and where it comes from"),
            header_row(("Indicator", "Definition", "Numerator", "Denominator", "Unit",
                        "Period", "Counted", "Which way is better", "Source",
                        "DfE definition followed")),
            html.Tbody([
                html.Tr([
                    html.Th(i.name, scope="row", id=f"def-{i.id}"), html.Td(i.definition),
                    html.Td(i.numerator), html.Td(i.denominator), html.Td(i.unit),
                    html.Td(i.period), html.Td(i.counts, id=f"counts-{i.id}"),
                    html.Td(i.better_text), html.Td(i.source),
                    html.Td(i.reference, id=f"ref-{i.id}"),
                ])
                for i in indicators
            ]),
        ],
        className="table table-sm definitions",
        id="definitions-table",
    )


def store_step() -> Component:
    """Step 2, shown once the files have passed their check: the extraction date (the
    check fills in the one the files point to) and "Store the figures", which reads and
    checks the same files again under that date before storing. A date far from the
    lists is asked about first, with both dates, in the panel under the button."""
    return html.Section([
        html.H2("Step 2: choose the date and store the figures"),
        html.P("The figures are counted back from the date the lists were extracted: "
               "contacts and referrals in the months before it, plans and children in care "
               "on it. The files are read and checked again under the date you choose, then "
               "stored in one go, or not at all."),
        html.Div([
            dbc.Label(["Date the lists were extracted",
                       html.Span(" (the last day the lists cover)", className="form-text")],
                      html_for=ids.PERIOD_END),
            dcc.Input(id=ids.PERIOD_END, type="date", required=True, className="form-control"),
        ], className="mb-3"),
        dbc.Button("Store the figures", id=ids.SUBMIT, color="primary", n_clicks=0),
        alerts.panel([
            html.P("", id=ids.DATE_QUESTION, tabIndex=-1),
            dbc.Button("Yes, store with this date", id=ids.DATE_YES, color="warning",
                       className="me-2", n_clicks=0),
            dbc.Button("Change the date", id=ids.DATE_CHANGE, color="secondary",
                       n_clicks=0),
        ], "warning", id=ids.DATE_CONFIRM_AREA, hidden=True, className="mt-3",
           role="region", **{"aria-label": "Confirm the extraction date"}),
    ], id=ids.STORE_AREA, hidden=True, className="mb-3")


def upload_page(la_name: str, la_code: str, snapshots: list[SnapshotSummary],
                max_mb: int) -> Component:
    return html.Div([
        html.H1(f"Upload management information: {la_name}", id="mi-upload-title"),
        html.P("Upload the Annex A child-level lists you prepare for inspections, in two "
               "steps. First we check every sheet, row and column and store nothing: you see "
               "every problem, the extraction date the files point to, your own codes to "
               "explain, and how the figures compare with your published ones. Then you "
               "choose the extraction date and store the figures."),
        html.Ul([
            html.Li("One workbook with a sheet per list, or one file per list. Excel "
                    "workbooks (.xlsx, the older .xls, or .xlsb), OpenDocument spreadsheets "
                    "(.ods) and CSV files (.csv) are read. Sheets are recognised by name "
                    "(\u201cList 3\u201d, \u201cReferrals\u201d) or by their headings."),
            html.Li("Lists 1 to 10 are needed. List 11 (adopters) and a \u201cWorkforce\u201d "
                    "sheet (one row per team) are optional."),
            html.Li(f"Up to {max_mb} MB in all. Dates as 31/01/2025 or Excel dates; DfE codes "
                    "or the Annex A template's wording."),
        ]),
        html.P([html.Strong("What we keep: "),
                "only the figures and the counts behind them, with who uploaded them and "
                "when. The child-level rows are used to work out the figures and are then "
                "discarded; they are never stored."], className="note", id="mi-retention"),
        dcc.Link("What each indicator counts", href="/indicators"),
        html.H2("Step 1: check the files"),
        dcc.Store(id=ids.LA, data=la_code),
        dcc.Store(id=ids.JOB),
        dcc.Store(id=ids.PROBLEMS),
        dcc.Store(id=ids.PENDING),
        dcc.Store(id=ids.LATEST),
        dcc.Store(id=ids.ASKED),
        html.Div([
            html.Span("Files", className="form-label d-block", id="mi-files-label"),
            dcc.Upload(
                id=ids.UPLOAD,
                multiple=True,
                max_size=max_mb * 1024 * 1024,
                accept=".xlsx,.xls,.xlsb,.ods,.csv",
                children=html.Div(["Drag the files here, or ",
                                   html.Span("choose files", className="upload-link")]),
                className="upload-area",
            ),
            html.P("No files chosen.", id=ids.CHOSEN, **{"aria-live": "polite"}),
            # files the control would drop without a word, named by assets/upload.js
            html.P("", id="mi-refused", className="text-danger", role="alert",
                   **{"data-max-bytes": str(max_mb * 1024 * 1024)}),
        ], className="mb-3"),
        dbc.Button("Check the files", id=ids.CHECK, color="primary", n_clicks=0),
        html.P("", id=ids.STATUS, role="status", className="mt-2"),
        dcc.Loading(html.Div(id=ids.RESULT, **{"aria-live": "polite"}), type="default"),
        html.Div([
            html.H3("Your own codes"),
            html.P("Some columns hold codes that are not DfE codes. Framework para 248 lets "
                   "you use your own codes if you explain them: choose the DfE code each "
                   "stands for, before anything is stored. The mapping is kept for this "
                   "upload and your next ones."),
            html.Div(id=ids.CODES_FORM),
            dbc.Button("Apply and check again", id=ids.APPLY_CODES, color="primary",
                       n_clicks=0),
        ], id=ids.CODES_AREA, hidden=True, className="mb-3"),
        html.Div([
            dbc.Button("Download the problems (Excel)", id=ids.DOWNLOAD_PROBLEMS,
                       color="secondary", n_clicks=0),
            dcc.Download(id=ids.PROBLEMS_FILE),
        ], id=ids.DOWNLOAD_AREA, hidden=True, className="mb-3"),
        store_step(),
        html.Div([
            dbc.Button("Replace the stored figures", id=ids.CONFIRM, color="warning",
                       className="me-2", n_clicks=0),
            dbc.Button("Keep the stored figures", id=ids.CANCEL, color="secondary",
                       n_clicks=0),
        ], id=ids.CONFIRM_AREA, hidden=True, className="mb-3"),
        html.H2("Figures stored"),
        html.P("Withdraw an upload that should not count (a wrong file, a test upload): "
               "its figures leave every figure and trend at once. You can undo a "
               "withdrawal for 30 days."),
        dcc.Store(id=ids.WITHDRAW_TARGET),
        html.Div(id=ids.WITHDRAW_STATUS, tabIndex=-1, **{"aria-live": "polite"}),
        html.Div(snapshots_table(snapshots), id=ids.SNAPSHOTS_AREA),
        withdrawal_form(),
        html.P(dcc.Link("See the indicators", href=f"/indicators/{la_code}")),
    ])
