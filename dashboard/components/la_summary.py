"""One LA at a glance: the summary the LA's page and its users' home page both open with."""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components.tables import header_row, summary_list
from dashboard.domain.framework import JUDGEMENTS, Grade, grade_from_text
from dashboard.domain.la_status import InspectionRecord, LAStatus
from dashboard.domain.visit_record import COVERED
from dashboard.formatting import (
    WHEN_PATHWAY_SET,
    format_date,
    grade_label,
    kind_label,
    next_inspection_status_label,
    pathway_label,
)
from dashboard.services.la_profiles import LAProfile
from dashboard.services.pathways import next_activity_label

#: Said wherever an inspection from April 2026 has no overall grade.
NO_OVERALL = ("No overall effectiveness judgement: inspections from April 2026 do not give "
              "one (Ofsted, 27 November 2025)")


def last_inspection_text(profile: LAProfile) -> str:
    last = profile.status.last_judgement
    if last is None:
        return "No judgement inspection on record"
    return f"{kind_label(last.kind)}, {format_date(last.start_date or last.publication_date)}"

def grade_cell(value: str | None) -> html.Td:
    """A grade; an inadequate one flagged in words and with an icon, not colour alone."""
    if grade_from_text(value) is Grade.INADEQUATE:
        return html.Td([html.Span("\u26a0", className="flag-icon", **{"aria-hidden": "true"}),
                        " ", html.Strong(grade_label(value)), " (flagged)"],
                       className="grade-inadequate")
    return html.Td(grade_label(value))


def grades_table(record: InspectionRecord, table_id: str,
                 judgements: tuple[str, ...] | None = None) -> html.Table:
    """The latest inspection's judgements: ``judgements`` are those its framework version
    grades (every one we know of where not given)."""
    rows = [
        html.Tr([html.Th(JUDGEMENTS[field], scope="row"), grade_cell(getattr(record, field))])
        for field in (judgements or tuple(JUDGEMENTS))
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
    if last is not None and status.pathway is None and not status.pathway_to_be_set:
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


def pathway_text(status: LAStatus) -> str:
    """"Pathway 3, set by <name> on <date>: <reason>", "Pathway to be set by the region's
    senior HMI", or the pathway the overall grade gives."""
    if status.pathway_to_be_set:
        return "Pathway to be set by the region's senior HMI"
    recorded = status.recorded
    if recorded is not None and status.pathway:
        return (f"Pathway {status.pathway}, set by {recorded.set_by} on "
                f"{format_date(recorded.set_on)}: {recorded.reason}")
    return pathway_label(status.pathway)


def next_activity_text(status: LAStatus) -> str | None:
    """The next activity the senior HMI recorded with the pathway, if any."""
    recorded = status.recorded
    if recorded is None:
        return None
    when = f", by {format_date(recorded.next_activity_date)}" if recorded.next_activity_date \
        else ""
    return f"{next_activity_label(recorded.next_activity)}{when}"


def overall_text(status: LAStatus) -> str:
    last = status.last_judgement
    if last is None:
        return "Not graded"
    if status.framework is not None and not status.framework.has_overall_judgement \
            and not last.overall:
        return "Not given (inspections from April 2026)"
    return grade_label(last.overall)


def judgements_block(status: LAStatus) -> list[Component]:
    """The latest inspection's judgements, as its framework version grades them; without
    an overall grade, a word on why and on any inadequate judgement."""
    last = status.last_judgement
    if last is None:
        return []
    framework = status.framework
    if framework is None or framework.has_overall_judgement or last.overall:
        return [grades_table(last, "la-grades")]
    parts: list[Component] = [
        grades_table(last, "la-grades", framework.judgements),
        html.P(f"{NO_OVERALL}.", id="la-no-overall", className="note"),
    ]
    if status.inadequate_judgements:
        names = "; ".join(JUDGEMENTS[k] for k in status.inadequate_judgements)
        parts.append(html.P(
            [html.Span("\u26a0", className="flag-icon", **{"aria-hidden": "true"}),
             f" Judged inadequate: {names}."],
            id="la-inadequate", className="note grade-inadequate"))
    return parts


def la_summary(profile: LAProfile) -> html.Div:
    """Name, region, latest judgement, pathway and next inspection window of one LA."""
    status = profile.status
    population = (
        f"{profile.under18_population:,} children aged 0 to 17 "
        f"(ONS mid-year estimate {profile.under18_population_year})"
        if profile.under18_population
        else "Not known"
    )
    notes = status_notes(profile)
    sef = {
        True: "Yes",
        False: (f"Not yet: first 12 months of monitoring (para 30), until "
                f"{format_date(status.sef_expected_from)}" if status.sef_expected_from
                else "Not yet: first 12 months of monitoring (para 30)"),
        None: WHEN_PATHWAY_SET if status.pathway_to_be_set else "Undetermined",
    }
    next_activity = next_activity_text(status)
    rows: list[tuple[str, object]] = [
        ("Region", profile.region_name),
        ("DfE LA code", profile.la_code),
        ("ONS code", profile.ons_code),
        ("Type", profile.la_type or "Not known"),
        ("Children", population),
        ("Last inspection", last_inspection_text(profile)),
        ("Overall effectiveness", overall_text(status)),
        ("Pathway", html.Span(pathway_text(status), id="la-pathway")),
        *([("Next activity (set by the senior HMI)", next_activity)] if next_activity else []),
        ("Next inspection", html.Span(next_inspection_status_label(status),
                                      id="la-next-inspection")),
        ("Self-evaluation expected", html.Span(sef[status.sef_expected], id="la-sef-expected")),
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
            *judgements_block(status),
            html.H2("Statistical neighbours"),
            html.P("The ten most similar authorities, closest first (DfE model)."),
            html.Ol(neighbours, id="la-neighbours", className="neighbours"),
        ]
    )
