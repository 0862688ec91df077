"""One LA at a glance: the summary the LA's page and its users' home page both open with."""

from __future__ import annotations

from dash import dcc, html

from dashboard.components.tables import header_row, summary_list
from dashboard.domain.framework import JUDGEMENTS
from dashboard.domain.la_status import InspectionRecord
from dashboard.domain.visit_record import COVERED
from dashboard.formatting import (
    format_date,
    grade_label,
    kind_label,
    next_inspection_label,
    pathway_label,
)
from dashboard.services.la_profiles import LAProfile


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

def visits_text(profile: LAProfile) -> str:
    """The count, and how complete the visit lists behind it are when they are not."""
    count = str(profile.status.focused_visits_since_last)
    record = profile.visit_record
    if record is None or record.status == COVERED:
        return count
    return f"{count}. {record.sentence}"

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
        ("Focused visits or JTAIs since then", visits_text(profile)),
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
