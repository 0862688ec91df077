"""The meeting record and the focused-visit scope planner: the region's inspectors only."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components import alerts
from dashboard.components.figures import format_figure
from dashboard.components.forms import label_for, unsaved_guard
from dashboard.components.tables import header_row, summary_list
from dashboard.domain.engagement import (
    CROSS_CUTTING_LINES,
    FOCUSED_VISIT_TOPICS,
    SCOPE_REASONS,
)
from dashboard.domain.engagement_letter import SIDES, Attendee
from dashboard.domain.letter_issue import NOT_DISCUSSED
from dashboard.domain.meeting_record import ATTENDEE_PARTS, parts_of_side
from dashboard.formatting import format_date, kind_label
from dashboard.pages.meetings import ids
from dashboard.pages.meetings.views import agreement_text, button
from dashboard.services.engagement import MeetingView
from dashboard.services.fv_planner import ScopePlanner, TopicPlan
from dashboard.services.published import PublishedRow


def _score_parts(plan: TopicPlan) -> Component:
    if not plan.score.parts:
        return html.Span("Nothing adds to the score")
    return html.Ul([html.Li(f"{p.label}: {p.points:+d} ({p.why})") for p in plan.score.parts],
                   className="mb-0")

def _published_cell(row: PublishedRow) -> str:
    c = row.comparison
    return f"{format_figure(c.value, row.measure.unit)} ({row.measure.period_text(c.year)})"


def _topic_evidence(plan: TopicPlan) -> html.Details:
    measures = [
        html.Tr([html.Td(row.measure.name), html.Td(_published_cell(row)),
                 html.Td(f"{format_figure(row.comparison.neighbours.value, row.measure.unit)} "
                         f"(average of {row.comparison.neighbours.count} of "
                         f"{row.comparison.neighbours.of})"),
                 html.Td(" ".join(f"{flag.label}: {flag.text}"
                                  for flag in row.comparison.flags) or "None")])
        for row in plan.published
    ]
    parts: list[Component] = [html.Summary(f"Evidence for {plan.score.topic.name}")]
    parts.append(html.Table([
        html.Caption("Published measures in this area against statistical neighbours"),
        header_row(("Measure", "This LA (published)", "Neighbours", "Flags")),
        html.Tbody(measures)], className="table table-sm") if measures else html.P(
        "No published measure isolates this topic."))
    parts.append(html.H4("What the shared self-evaluation says", className="h6"))
    parts.append(html.Ul([html.Li(line) for line in plan.sef_lines]) if plan.sef_lines
                 else html.P("Nothing under a theme for this topic."))
    if plan.visit is not None:
        parts.append(html.P(f"{kind_label(plan.visit.kind)} on this topic: "
                            f"{format_date(plan.visit.sort_date)}."))
    return html.Details(parts, className="mb-2")

def planner_section(planner: ScopePlanner) -> list[Component]:
    weights = ", ".join(f"{key.replace('_', ' ')} {points:+d}"
                        for key, points in planner.weights.items())
    rows = [
        html.Tr([
            html.Th(plan.score.topic.name, scope="row"),
            html.Td(str(plan.score.total)),
            html.Td(_score_parts(plan)),
            html.Td(SCOPE_REASONS[plan.score.suggested_reason]
                    if plan.score.suggested_reason else "None suggested"),
        ])
        for plan in planner.topics
    ]
    sources = "Indicator evidence from DfE's published figures, latest year of each measure"
    sef = (f"shared self-evaluation version {planner.sef_version}" if planner.sef_version
           else "no shared self-evaluation")
    return [
        html.H2("Focused-visit scope planner"),
        html.P(f"The planner recommends; you decide. {sources}; {sef}. Points per fact: "
               f"{weights}.", className="note"),
        html.P(planner.previous_areas_note, className="note"),
        html.Table([
            html.Caption("Topics of paragraph 106, highest score first"),
            header_row(("Topic", "Score", "How the score is made", "Suggested reason")),
            html.Tbody(rows),
        ], className="table table-sm", id="planner-table"),
        *[_topic_evidence(plan) for plan in planner.topics],
    ]

def step_row(index: int, action: str = "", owner: str = "", due: str = "",
             side: str = "la") -> html.Fieldset:
    def field(name: str) -> dict:
        return ids.step(name, index)

    return html.Fieldset([
        html.Legend(f"Next step {index + 1}", className="h6"),
        html.Div([
            html.Div([*label_for("What will be done", field("action")),
                      dcc.Input(id=field("action"), value=action, type="text", maxLength=5000,
                                className="form-control")], className="col-md-5"),
            html.Div([*label_for("Owner", field("owner")),
                      dcc.Input(id=field("owner"), value=owner, type="text", maxLength=300,
                                className="form-control")], className="col-md-3"),
            html.Div([*label_for("Due by", field("due")),
                      dcc.Input(id=field("due"), value=due, type="date",
                                className="form-control")], className="col-md-2"),
            html.Div([*label_for("Agreed by", field("side")),
                      dbc.Select(id=field("side"), value=side,
                                 options=[{"label": label, "value": key}
                                          for key, label in SIDES.items()])],
                     className="col-md-2"),
        ], className="row"),
    ], className="mb-3 step")

def person_row(side: str, index: int, person: Attendee | None = None) -> html.Fieldset:
    """One attendee: name, job, and their part at the meeting from the side's list (para
    46: the DCS or a deputy, and a senior HMI, HMI or regional director, must attend)."""
    def field(name: str) -> dict:
        return ids.person(name, side, index)

    parts = [{"label": "Choose their part", "value": ""}] + [
        {"label": label, "value": key} for key, label in parts_of_side(side).items()]
    return html.Fieldset([
        html.Legend(f"Person {index + 1}", className="visually-hidden"),
        html.Div([
            html.Div([*label_for("Name", field("name")),
                      dcc.Input(id=field("name"), value=person.name if person else "",
                                type="text", maxLength=200, className="form-control")],
                     className="col-md-4"),
            html.Div([*label_for("Job title", field("role")),
                      dcc.Input(id=field("role"), value=person.role if person else "",
                                type="text", maxLength=200, className="form-control")],
                     className="col-md-4"),
            html.Div([*label_for("Part at the meeting", field("part")),
                      dbc.Select(id=field("part"), options=parts,
                                 value=(person.part or "") if person else "")],
                     className="col-md-4"),
        ], className="row"),
    ], className="mb-2 person")


def _people(view: MeetingView, side: str) -> html.Div:
    heading = ("Who attended for Ofsted: a senior HMI, HMI or the regional director must "
               "(paragraph 46)" if side == "ofsted" else "Who attended for the local "
               "authority: the DCS or a deputy named by the DCS must (paragraph 46)")
    people = view.attendees[side]
    rows = [person_row(side, n, p) for n, p in enumerate(people)] or [person_row(side, 0)]
    return html.Div([
        html.H4(heading, className="h6"),
        html.Div(rows, id=ids.RECORD_PEOPLE[side]),
        button("Add a person", ids.RECORD_ADD_PERSON[side], "outline-secondary", small=True),
    ], className="mb-3")


def record_form(view: MeetingView) -> list[Component]:
    held = view.held_on or view.meeting_date
    steps = [step_row(n, s.action, s.owner, s.due.isoformat() if s.due else "", s.side)
             for n, s in enumerate(view.next_steps)] or [step_row(0)]
    notes = []
    for item in view.items:
        note_id = ids.record_note(item.id)
        notes += [*label_for(f"{item.position}. {item.title}", note_id,
                          "A factual note of what was discussed, or tick “Not discussed”: "
                          "no judgements about practice (paragraph 48)."
                          if item.position == 1 else ""),
                  dcc.Textarea(id=note_id, value=item.record_note, rows=3, maxLength=5000,
                               className="form-control mb-1"),
                  dbc.Checkbox(id=ids.record_not_discussed(item.id), value=item.not_discussed,
                               label=f"Item {item.position} was not discussed",
                               className="mb-3")]
    topics = [{"label": t.name, "value": t.key} for t in FOCUSED_VISIT_TOPICS]
    reasons = [{"label": "Choose a reason", "value": ""}] + [
        {"label": text, "value": key} for key, text in SCOPE_REASONS.items()]
    return [
        html.H2("Record of the meeting"),
        html.Div([*label_for("Date the meeting was held", ids.RECORD_HELD),
                  dcc.Input(id=ids.RECORD_HELD, type="date", value=held.isoformat(),
                            className="form-control")], className="mb-3 col-md-4"),
        html.H3("Who attended", className="h5"),
        _people(view, "ofsted"),
        _people(view, "la"),
        html.H3("Notes on each agenda item", className="h5"),
        *notes,
        html.H3("Possible scope of a focused visit", className="h5"),
        html.Fieldset([
            html.Legend("Topic or topics (paragraph 106)", className="form-label fs-6"),
            dbc.Checklist(id=ids.RECORD_TOPICS, options=topics, value=list(view.scope.topics)),
        ], className="mb-2"),
        *label_for("Reason (paragraph 105)", ids.RECORD_REASON),
        dbc.Select(id=ids.RECORD_REASON, options=reasons, value=view.scope.reason or "",
                   className="mb-2"),
        html.P("Every focused visit also looks at " + ", ".join(
            line.lower() for line in CROSS_CUTTING_LINES) + " (paragraph 107).",
            className="form-text"),
        *label_for("Notes on the scope", ids.RECORD_SCOPE_NOTE),
        dcc.Textarea(id=ids.RECORD_SCOPE_NOTE, value=view.scope.note, rows=2, maxLength=5000,
                     className="form-control mb-3"),
        html.H3("Timing of the next self-evaluation and meeting", className="h5"),
        html.Div([
            html.Div([*label_for("Next self-evaluation, approximately", ids.RECORD_NEXT_SEF),
                      dcc.Input(id=ids.RECORD_NEXT_SEF, type="text", maxLength=200,
                                value=view.next_sef_timing, className="form-control")],
                     className="col-md-6"),
            html.Div([*label_for("Next meeting, approximately", ids.RECORD_NEXT_MEETING),
                      dcc.Input(id=ids.RECORD_NEXT_MEETING, type="text", maxLength=200,
                                value=view.next_meeting_timing, className="form-control")],
                     className="col-md-6"),
        ], className="row mb-3"),
        html.H3("Next steps agreed by either side", className="h5"),
        html.Div(steps, id=ids.RECORD_STEPS),
        button("Add a next step", ids.RECORD_ADD_STEP, "outline-secondary", small=True),
        html.Div(button("Save the record", ids.RECORD_SAVE), className="mt-3"),
        html.Div(id=ids.RECORD_MESSAGE, role="status"),
    ]

def record_text(view: MeetingView) -> list[Component]:
    """The record once the letter is issued: text, no inputs, since the letter that was
    drawn from it is frozen (para 48)."""
    def people(side: str) -> list[Component]:
        return [html.Li(_person_text(p)) for p in view.attendees[side]] or [
            html.Li("No one recorded.")]

    scope = ", ".join(t.name for t in FOCUSED_VISIT_TOPICS if t.key in view.scope.topics)
    return [
        html.H2("Record of the meeting"),
        alerts.alert(f"The letter was issued on {format_date(view.letter_issued_on)}, so "
                     "the record can no longer be changed.", alerts.INFO,
                     id="record-closed"),
        summary_list([("Held", format_date(view.held_on) if view.held_on else "Not recorded"),
                      ("Possible scope", scope or "No topic"),
                      ("Reason", SCOPE_REASONS.get(view.scope.reason or "", "None given")),
                      ("Next self-evaluation", view.next_sef_timing or "Not given"),
                      ("Next meeting", view.next_meeting_timing or "Not given")],
                     "record-summary"),
        html.H3("Who attended", className="h5"),
        html.Ul(people("ofsted") + people("la")),
        html.H3("Notes on each agenda item", className="h5"),
        html.Ol([html.Li([html.Strong(item.title), html.Br(),
                          NOT_DISCUSSED if item.not_discussed else item.record_note])
                 for item in view.items], id="record-notes"),
        html.H3("Next steps agreed", className="h5"),
        html.Ul([html.Li(f"{s.action} ({s.owner}"
                         + (f", by {format_date(s.due)}" if s.due else "") + ")")
                 for s in view.next_steps] or [html.Li("None.")]),
    ]


def _person_text(person: Attendee) -> str:
    part = ATTENDEE_PARTS.get(person.part or "")
    text = f"{person.name}, {person.role}" if person.role else person.name
    return f"{text} ({part.label})" if part else text


def record_page(view: MeetingView, planner: ScopePlanner) -> Component:
    return html.Div([
        html.H1(f"Record and focused-visit scope: {view.la_name}"),
        html.P([dcc.Link("Back to the meeting and its agenda", href=f"/meeting/{view.id}",
                         className="me-3"),
                dcc.Link("The letter", href=f"/letter/{view.id}")]),
        html.P(f"Meeting on {format_date(view.meeting_date)}, {view.place}. "
               + ("Recorded." if view.recorded else "Not yet recorded.")),
        *([] if view.agreed else [html.P(
            "The agenda was not agreed by both sides (paragraph 47): "
            + agreement_text(view), className="note", id="record-agreement")]),
        dcc.Store(id=ids.RECORD_MEETING, data=view.id),
        *planner_section(planner),
        *(record_text(view) if view.letter_issued_on
          else [html.Div(record_form(view), **unsaved_guard(f"{ids.RECORD_SAVE}.n_clicks"))]),
    ])
