"""Building blocks the pages share. Views only: they format what services return."""

from __future__ import annotations

from collections.abc import Callable

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.access import AccessDenied, Principal
from dashboard.domain.framework import JUDGEMENTS
from dashboard.domain.la_status import InspectionRecord
from dashboard.errors import NotFound
from dashboard.formatting import (
    format_date,
    format_date_time,
    grade_label,
    kind_label,
    next_inspection_label,
    pathway_label,
)
from dashboard.services.inspector_notes import Note
from dashboard.services.la_profiles import LAProfile, RegionOverview
from dashboard.web.auth import current_principal


def header_row(headings: tuple[str, ...] | list[str]) -> html.Thead:
    """A table's column headings, each a ``th`` with ``scope="col"``."""
    return html.Thead(html.Tr([html.Th(h, scope="col") for h in headings]))


def refusal(message: str, title: str = "You do not have access to this page") -> html.Div:
    return html.Div(
        [html.H1(title), html.P(message), dcc.Link("Go to your home page", href="/")],
        className="refusal",
        id="refusal",
    )


def summary_list(rows: list[tuple[str, object]], list_id: str | None = None) -> html.Dl:
    items: list = []
    for key, value in rows:
        items += [html.Dt(key, className="col-sm-4"), html.Dd(value, className="col-sm-8")]
    return html.Dl(items, className="row summary-list", id=list_id or "")


def last_inspection_text(profile: LAProfile) -> str:
    last = profile.status.last_judgement
    if last is None:
        return "No judgement inspection on record"
    return f"{kind_label(last.kind)}, {format_date(last.start_date or last.publication_date)}"


def grades_table(record: InspectionRecord, table_id: str) -> html.Table:
    rows = [
        html.Tr([html.Th(label, scope="row"), html.Td(grade_label(getattr(record, field)))])
        for field, label in JUDGEMENTS.items()
    ]
    return html.Table(
        [
            html.Caption("Judgements at the latest inspection"),
            header_row(("Judgement", "Grade")),
            html.Tbody(rows),
        ],
        className="table table-sm grades",
        id=table_id,
    )


WINDOW_BASIS_NOTES = {
    "start": "The last day of that inspection is not in our source, so the window is "
    "counted from its first day.",
    "publication": "The dates of that inspection are not in our source, so the window is "
    "counted from the day its report was published.",
}


def status_notes(profile: LAProfile) -> list[html.P]:
    """Why a status is less certain than it looks, in plain words."""
    status, last = profile.status, profile.status.last_judgement
    notes: list[str] = []
    if last is not None and last.grade_note:
        notes.append(last.grade_note)
    if last is not None and status.pathway is None:
        if last.overall:
            notes.append(
                f"The pathway is undetermined: the latest inspection was graded "
                f"'{grade_label(last.overall)}', a grade of an earlier framework that does "
                "not map onto the ILACS pathways."
            )
        else:
            notes.append(
                "The pathway is undetermined because the latest inspection has no overall "
                "effectiveness grade on record. It is not guessed from an earlier grade."
            )
    if status.pathway is not None and status.window_counted_from in WINDOW_BASIS_NOTES:
        notes.append(WINDOW_BASIS_NOTES[status.window_counted_from])
    return [html.P(note, className="note") for note in notes]


def la_summary(profile: LAProfile) -> html.Div:
    """Name, region, latest judgement, pathway and next inspection window of one LA."""
    status = profile.status
    last = status.last_judgement
    population = (
        f"{profile.under18_population:,} children aged 0 to 17 "
        f"(ONS mid-year estimate {profile.under18_population_year})"
        if profile.under18_population
        else "Not known"
    )
    notes = status_notes(profile)
    sef = {
        True: "Yes",
        False: "Not yet: first 12 months of monitoring (para 30)",
        None: "Undetermined",
    }
    rows: list[tuple[str, object]] = [
        ("Region", profile.region_name),
        ("DfE LA code", profile.la_code),
        ("ONS code", profile.ons_code),
        ("Type", profile.la_type or "Not known"),
        ("Children", population),
        ("Last inspection", last_inspection_text(profile)),
        ("Overall effectiveness", grade_label(last.overall) if last else "Not graded"),
        ("Pathway", pathway_label(status.pathway)),
        ("Next inspection", next_inspection_label(status.next)),
        ("Self-evaluation expected", sef[status.sef_expected]),
        ("Focused visits or JTAIs since then", str(status.focused_visits_since_last)),
    ]
    neighbours = [
        html.Li(dcc.Link(name, href=f"/la/{code}") if viewable else (name or code))
        for code, name, viewable in profile.neighbours
    ]
    return html.Div(
        [
            html.H1(profile.name, id="la-name"),
            summary_list(rows, "la-summary"),
            *notes,
            grades_table(last, "la-grades") if last is not None else html.Div(),
            html.H2("Statistical neighbours"),
            html.P("The ten most similar authorities, closest first (DfE model)."),
            html.Ol(neighbours, id="la-neighbours", className="neighbours"),
        ]
    )


def history_table(history: list[InspectionRecord]) -> html.Table:
    head = header_row(("Activity", "Started", "Ended", "Published", "Overall", "Theme or note"))
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(kind_label(r.kind)),
                    html.Td(format_date(r.start_date) if r.start_date else "-"),
                    html.Td(format_date(r.end_date) if r.end_date else "-"),
                    html.Td(format_date(r.publication_date) if r.publication_date else "-"),
                    html.Td(grade_label(r.overall) if r.overall else "-"),
                    html.Td(r.visit_theme or r.grade_note or ""),
                ]
            )
            for r in reversed(history)
        ]
    )
    return html.Table(
        [html.Caption("Inspections and visits, newest first"), head, body],
        className="table table-sm table-striped",
        id="history-table",
    )


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
                    html.Td(pathway_label(p.status.pathway)),
                    html.Td(next_inspection_label(p.status.next)),
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


def guarded(build: Callable[[Principal], Component]) -> Component:
    """Build a page for the signed-in user, or a refusal that shows no data."""
    user = current_principal()
    if user is None:
        return refusal("Sign in to continue.", "Sign in to continue")
    try:
        return build(user)
    except AccessDenied as error:
        return refusal(str(error))
    except NotFound as error:
        return refusal(str(error), "Page not found")


def notes_list(notes: list[Note]) -> Component:
    if not notes:
        return html.P("No notes yet.", id="notes-list")
    return html.Ul([
        html.Li([html.Strong(f"{note.author}, {format_date_time(note.written_at)}: "),
                 html.Span(note.text, className="note-text")])
        for note in notes
    ], id="notes-list", className="notes")


def notes_section(la_code: str, notes: list[Note]) -> list[Component]:
    """Inspectors' private preparation notes (never shown to the LA)."""
    return [
        html.H2("Preparation notes"),
        html.P("Private to the region's inspectors: the local authority never sees these."),
        dcc.Store(id="notes-la", data=la_code),
        html.Label("New note", htmlFor="note-text", className="form-label"),
        dcc.Textarea(id="note-text", rows=3, className="form-control mb-2", maxLength=5000),
        html.Button("Add note", id="note-add", n_clicks=0, type="button",
                    className="btn btn-outline-primary mb-2"),
        html.Div(id="note-message", role="status"),
        html.Div(notes_list(notes), id="notes"),
    ]
