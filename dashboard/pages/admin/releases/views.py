"""Views of the DfE release page: the form, the check's problems and preview, the loads."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components.alerts import ERROR, WARNING, alert, done
from dashboard.components.forms import form_errors, label_for
from dashboard.components.tables import header_row
from dashboard.domain.dfe_release import RELEASE_MEASURES
from dashboard.formatting import format_date_time
from dashboard.pages.admin.releases import ids
from dashboard.services.published_releases import ReleaseCheck, ReleaseOutcome, ReleaseRow


def _years(years: tuple[int, ...]) -> str:
    return ", ".join(str(y) for y in years) if years else "none"


def preview_table(check: ReleaseCheck) -> html.Table:
    names = dict(check.measures)
    head = header_row(("Measure", "Years in the file", "New years", "LAs each year",
                       "New figures",
                       "Figures changed", "Figures unchanged", "DfE marks (no figure)",
                       "Examples of changes"))
    body = html.Tbody([
        html.Tr([
            html.Th(names.get(p.measure_id, p.measure_id), scope="row"),
            html.Td(_years(p.years)),
            html.Td(_years(p.new_years)),
            html.Td(html.Ul([html.Li(c) for c in p.coverage], className="mb-0")
                    if p.coverage else "None"),
            html.Td(f"{p.added:,}"),
            html.Td(f"{p.changed:,}"),
            html.Td(f"{p.unchanged:,}"),
            html.Td(f"{p.marks:,}"),
            html.Td(html.Ul([html.Li(e) for e in p.examples], className="mb-0")
                    if p.examples else "None"),
        ], id=f"release-row-{p.measure_id}")
        for p in check.previews
    ])
    return html.Table([html.Caption("What loading the file would change, by measure"),
                       head, body], className="table table-sm", id="release-preview")


def check_result(check: ReleaseCheck) -> Component:
    """The check's problems (errors, then warnings) and, if it can be loaded, the preview."""
    errors = [p.text() for p in check.problems if p.severity == "error"]
    warnings = [p.text() for p in check.problems if p.severity == "warning"]
    parts: list[Component] = [html.H3(f"Checked: {check.file_name}", id="release-checked-name"),
                              html.P(f"{check.rows:,} rows; sha256 {check.sha256}",
                                     className="small text-muted")]
    if errors:
        parts.append(form_errors(errors, "The file cannot be loaded until these are put "
                                 "right", id="release-errors"))
    if warnings:
        parts.append(alert([html.P("Worth knowing (the file can still be loaded)",
                                   className="fw-bold mb-1"),
                            html.Ul([html.Li(w) for w in warnings], className="mb-0")],
                           WARNING, id="release-warnings"))
    if check.left_out:
        parts.append(html.Details([
            html.Summary("Rows left out"),
            html.Ul([html.Li(f"{reason}: {n:,}") for reason, n in sorted(check.left_out.items())]),
        ], id="release-left-out"))
    if check.previews:
        parts.append(preview_table(check))
    if check.loaded_before:
        parts.append(html.P(f"This very file was loaded before, by {check.loaded_before}.",
                            id="release-loaded-before"))
    if check.loadable:
        parts.append(html.P("Nothing is stored yet. Load the file to store these figures.",
                            id="release-ready"))
    return html.Div(parts)


def load_result(outcome: ReleaseOutcome) -> Component:
    if outcome.status == "stored":
        return done(outcome.message)
    if outcome.status == "unchanged":
        return alert(outcome.message, WARNING)
    children: list[Component] = [html.P(outcome.message, className="fw-bold mb-1")]
    if outcome.check is not None:
        children.append(html.Ul([html.Li(p.text()) for p in outcome.check.problems
                                 if p.severity == "error"], className="mb-0"))
    return alert(children, ERROR)


def refused(message: str) -> Component:
    return alert(message, ERROR)


def releases_table(rows: list[ReleaseRow]) -> Component:
    if not rows:
        return html.P("No release has been loaded through this page yet.", id="release-none")
    head = header_row(("File", "Loaded by", "Loaded on", "Measures", "Years", "Figures",
                       "sha256"))
    body = html.Tbody([html.Tr([
        html.Th(r.file_name, scope="row"), html.Td(r.loaded_by),
        html.Td(format_date_time(r.loaded_at)), html.Td(r.measures), html.Td(r.years),
        html.Td(f"{r.rows:,}"), html.Td(html.Code(r.sha256[:16] + "…", title=r.sha256)),
    ]) for r in rows])
    return html.Table([html.Caption("Releases loaded"), head, body],
                      className="table table-sm", id="releases-table")


def releases_page(rows: list[ReleaseRow], max_mb: int, max_rows: int) -> Component:
    files = sorted({m.file_pattern for m in RELEASE_MEASURES})
    return html.Div([
        html.H1("Load a newer DfE release", id="release-title"),
        html.P("When DfE publishes a newer release of children in need or children looked "
               "after figures, load DfE's own CSV file here (the explore-education-statistics "
               "'download data' file, or its copy in the CSC outcomes repository's "
               "data-raw/ folder). The file is checked like an upload, and you see what it "
               "would change before anything is stored."),
        html.P(["Files read: ", *[html.Code(f + (" " if i < len(files) - 1 else ""))
                                  for i, f in enumerate(files)]]),
        html.H2("Step 1: check the file"),
        dcc.Store(id=ids.CHECKED),
        html.Div([
            html.Span("DfE CSV file", className="form-label d-block", id="release-file-label"),
            dcc.Upload(
                id=ids.UPLOAD, multiple=False, max_size=max_mb * 1024 * 1024, accept=".csv",
                children=html.Div(["Drag the file here, or ",
                                   html.Span("choose a file", className="upload-link")]),
                className="upload-area",
            ),
            html.P("No file chosen.", id=ids.CHOSEN, **{"aria-live": "polite"}),
            html.P(f"Up to {max_mb} MB and {max_rows:,} rows.", className="form-text"),
        ], className="mb-3"),
        html.Div([
            *label_for("DfE published it on (optional)", ids.PUBLISHED_ON,
                       "The date DfE published this release; the indicators page gives it "
                       "as the figures' last update. Left empty, that date stays as it was "
                       "and the day you load the file is recorded on the release only."),
            dcc.Input(id=ids.PUBLISHED_ON, type="date", className="form-control"),
        ], className="mb-3", style={"maxWidth": "24rem"}),
        html.Div([
            *label_for("When DfE next updates it (optional)", ids.NEXT_UPDATE,
                       "The date of DfE's next release, if announced; the indicators page "
                       "says a newer release is due once it has passed."),
            dcc.Input(id=ids.NEXT_UPDATE, type="date", className="form-control"),
        ], className="mb-3", style={"maxWidth": "24rem"}),
        dbc.Button("Check the file", id=ids.CHECK, color="primary", n_clicks=0),
        dcc.Loading(html.Div(id=ids.RESULT, **{"aria-live": "polite"}), type="default"),
        html.H2("Step 2: load it", className="mt-4"),
        html.P("Loading reads the same file again on the server and stores it only if it "
               "still shows what the check showed. On `cli init` the reference data are "
               "reloaded; a loaded release's figures are kept until the reference data "
               "have its latest year."),
        dbc.Button("Load the file", id=ids.LOAD, color="primary", n_clicks=0),
        html.Div(id=ids.LOADED, **{"aria-live": "polite"}, className="mt-2"),
        html.H2("Releases loaded", className="mt-4"),
        html.Div(releases_table(rows), id=ids.HISTORY),
    ], className="releases-page")


def skeleton() -> list[Component]:
    return [releases_page([], 1, 1)]
