"""How the annual engagement meeting looks: the list, the agenda, the record with the
scope planner, and the letter. Views only: they format what the services return, and
user text only ever goes into components as text, which React escapes."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.domain.engagement import (
    CROSS_CUTTING_LINES,
    FOCUSED_VISIT_TOPICS,
    SCOPE_REASONS,
)
from dashboard.domain.engagement_letter import (
    MAX_LETTER,
    SIDES,
    attendees_text,
    letter_outline,
    meeting_held_on,
)
from dashboard.domain.framework import letter_due
from dashboard.domain.letter_lint import LetterFinding
from dashboard.formatting import format_date, format_date_time, kind_label
from dashboard.pages._mi_views import format_value
from dashboard.pages._sef_views import label_for, outline_components
from dashboard.pages._views import header_row, summary_list
from dashboard.services.engagement import MeetingsPage, MeetingView
from dashboard.services.engagement_letters import LetterPage
from dashboard.services.fv_planner import ScopePlanner, TopicPlan

ACT = "meeting-act"  # the agenda page's buttons: {"type": ACT, "action": ..., "index": ...}
FIELD = "meeting-field"  # the agenda page's text fields: {"type": FIELD, "name": ...}
NOTE = "agenda-note"  # an agenda item's notes: {"type": NOTE, "index": item id}
RECORD_NOTE = "record-note"
STEP = "step"  # a next step's fields: {"type": STEP, "field": ..., "index": row}
OVERRIDE = "override"
OVERRIDE_REASON = "override-reason"

FORMATTING_HINT = ("You can use **bold**, *italic* and lists (start lines with “- ”). "
                   "Lines starting “## ” are headings.")


def _button(text: str, component_id: str | dict, kind: str = "primary",
            small: bool = False) -> html.Button:
    size = " btn-sm" if small else ""
    return html.Button(text, id=component_id, n_clicks=0, type="button",
                       className=f"btn btn-{kind}{size} me-2 mb-2")


def _act(action: str, index: int = 0) -> dict:
    return {"type": ACT, "action": action, "index": index}


def errors_list(errors: list[str]) -> Component:
    """What is wrong, in plain words, for the message area."""
    return html.Div([
        html.P("Nothing was saved. Please correct the following:", className="fw-bold mb-1"),
        html.Ul([html.Li(error) for error in errors], className="mb-0"),
    ], className="alert alert-danger", id="form-errors")


def done(message: str) -> Component:
    return html.P(message, className="alert alert-success mb-2")


def letter_state_text(issued_on, drafted: bool, held_on) -> str:  # noqa: ANN001
    if issued_on:
        return f"Issued {format_date(issued_on)}"
    if held_on is None:
        return "After the meeting"
    due = format_date(letter_due(held_on))
    return f"Draft, due by {due}" if drafted else f"Not issued yet, due by {due}"


# ---------------------------------------------------------------- the list


def meetings_page(page: MeetingsPage, today: date) -> Component:
    rows = [
        html.Tr([
            html.Th(dcc.Link(format_date(m.meeting_date), href=f"/meeting/{m.id}"), scope="row"),
            html.Td(m.place),
            html.Td("Agreed" if m.agreed else "Not yet agreed"),
            html.Td(f"Held {format_date(m.held_on)}" if m.held_on else "Not yet recorded"),
            html.Td(letter_state_text(m.letter_issued_on, m.letter_drafted,
                                      meeting_held_on(m.meeting_date, m.held_on, today))),
        ])
        for m in page.meetings
    ]
    table = html.Table([
        html.Caption("Meetings, newest first"),
        header_row(("Date", "Place", "Agenda", "Record", "Letter")),
        html.Tbody(rows),
    ], className="table table-sm", id="meetings-table") if rows else html.P(
        "No meetings yet.", id="meetings-table")
    parts: list[Component] = [
        html.H1(f"Annual engagement meetings: {page.la_name}"),
        html.P("The meeting reviews the self-evaluation and what is happening in the local "
               "authority (framework paragraphs 39 to 48). The agenda is agreed by the senior "
               "HMI and the DCS in advance; Ofsted writes to the DCS within a month."),
        table,
    ]
    if page.may_schedule:
        parts += [
            html.H2("Schedule a meeting"),
            dcc.Store(id="meetings-la", data=page.la_code),
            html.Div([
                html.Div([*label_for("Date of the meeting", "schedule-date"),
                          dcc.Input(id="schedule-date", type="date",
                                    className="form-control")], className="col-md-4"),
                html.Div([*label_for("Place, or online", "schedule-place"),
                          dcc.Input(id="schedule-place", type="text", maxLength=200,
                                    className="form-control")], className="col-md-8"),
            ], className="row mb-3"),
            _button("Schedule the meeting", "schedule-meeting"),
            html.Div(id="schedule-message", role="status"),
            dcc.Location(id="schedule-go", refresh=True),
        ]
    return html.Div(parts)


# ---------------------------------------------------------------- the agenda page


def agreement_text(view: MeetingView) -> str:
    def side(agreement, who: str) -> str:  # noqa: ANN001
        if agreement is None:
            return f"not yet agreed for {who}"
        return f"agreed for {who} by {agreement.by} on {format_date_time(agreement.at)}"

    if view.agreed:
        lead = "The agenda is agreed: "
    else:
        lead = "The agenda is not yet agreed: "
    return (lead + side(view.agreed_for_ofsted, "Ofsted") + "; "
            + side(view.agreed_for_la, "the local authority") + ".")


def _item(view: MeetingView, item, editable: bool, typed: str | None) -> html.Li:  # noqa: ANN001
    parts: list[Component] = [html.H3(item.title, className="h6 mb-1")]
    if item.framework_wording:
        parts.append(html.P(f"Paragraph 42: {item.framework_wording}.",
                            className="form-text mt-0"))
    if editable:
        note_id = {"type": NOTE, "index": item.id}
        parts += [*label_for(f"What will be discussed under item {item.position}", note_id),
                  dcc.Textarea(id=note_id, value=item.discussion if typed is None else typed,
                               rows=2, maxLength=5000, className="form-control mb-2")]
    elif item.discussion:
        parts.append(html.P(item.discussion, className="agenda-discussion"))
    if item.proposed_by and item.decided_by:
        parts.append(html.P(f"Proposed by {item.proposed_by}; accepted by {item.decided_by}.",
                            className="form-text"))
    return html.Li(parts, className="mb-3")


def _proposal(view: MeetingView, proposal) -> html.Li:  # noqa: ANN001
    what = (f"Change to item {proposal.amends}: " if proposal.amends else "New item: ")
    parts: list[Component] = [
        html.Strong(what + proposal.title),
        html.P(proposal.discussion) if proposal.discussion else html.Span(),
        html.P(f"Proposed by {proposal.proposed_by} on "
               f"{format_date_time(proposal.proposed_at)}", className="form-text"),
    ]
    if view.may_agree_for_ofsted and not view.recorded:
        parts += [_button("Accept", _act("accept", proposal.id), "success", small=True),
                  _button("Decline", _act("decline", proposal.id), "outline-danger",
                          small=True)]
    return html.Li(parts, className="mb-2")


def _decided(proposal) -> html.Li:  # noqa: ANN001
    outcome = {"declined": "Declined", "merged": "Accepted as a change",
               "agenda": "Accepted"}[proposal.status]
    return html.Li(f"{outcome} by {proposal.decided_by}: {proposal.title} "
                   f"(proposed by {proposal.proposed_by})")


def _attendees_block(view: MeetingView, side: str, editable: bool,
                     typed: str | None) -> html.Div:
    heading = html.H3(f"Attending for {SIDES[side].lower() if side == 'la' else 'Ofsted'}",
                      className="h6")
    if editable:
        field = {"type": FIELD, "name": f"attendees-{side}"}
        return html.Div([
            heading,
            *label_for("One person a line: name, role", field,
                    "Para 46: the DCS decides who else attends from the local authority."
                    if side == "la" else "The senior HMI or HMI, and the regional director "
                    "if attending."),
            dcc.Textarea(id=field, value=attendees_text(view.attendees[side])
                         if typed is None else typed, rows=4,
                         maxLength=6300, className="form-control mb-2"),
            _button("Save attendees", _act(f"attendees-{side}"), "outline-primary", small=True),
        ], className="col-md-6")
    people = view.attendees[side]
    return html.Div([heading, html.Ul([html.Li(f"{a.name}, {a.role}" if a.role else a.name)
                                       for a in people]) if people else html.P("None named yet.")],
                    className="col-md-6")


def agenda_body(view: MeetingView, typed_notes: dict | None = None,
                typed_fields: dict | None = None) -> list[Component]:
    """Everything on the agenda page that changes when someone acts. ``typed_notes`` and
    ``typed_fields`` keep what the person has typed and not yet sent, so redrawing after
    another action loses nothing."""
    typed_notes, typed_fields = typed_notes or {}, typed_fields or {}
    open_agenda = not view.recorded
    editable = view.may_run and open_agenda
    parts: list[Component] = [
        html.P(agreement_text(view), id="agenda-status",
               className="alert " + ("alert-success" if view.agreed else "alert-warning")),
    ]
    if open_agenda and view.may_agree_for_ofsted and view.agreed_for_ofsted is None:
        parts.append(_button("Agree the agenda for Ofsted", _act("agree")))
    if open_agenda and view.may_engage_for_la and view.agreed_for_la is None:
        parts.append(_button("Agree the agenda for the local authority", _act("agree")))
    if view.recorded:
        parts.append(html.P("The meeting has been recorded, so the agenda is closed.",
                            className="note"))
    parts += [html.H2("Agenda"),
              html.Ol([_item(view, item, editable, typed_notes.get(item.id))
                       for item in view.items], id="agenda-items", className="agenda"),
              dcc.Store(id="agenda-notes-base",
                        data={str(item.id): item.discussion for item in view.items})]
    if editable:
        parts.append(_button("Save the agenda notes", _act("save-notes"), "outline-primary"))
    parts.append(html.H2("Proposals"))
    parts.append(html.Ul([_proposal(view, p) for p in view.proposals], id="agenda-proposals")
                 if view.proposals else html.P("No open proposals.", id="agenda-proposals"))
    if view.decided_proposals:
        parts.append(html.Ul([_decided(p) for p in view.decided_proposals],
                             id="agenda-decided"))
    if open_agenda and (view.may_run or view.may_engage_for_la):
        options = [{"label": "A new item", "value": ""}] + [
            {"label": f"A change to item {i.position}: {i.title}", "value": str(i.id)}
            for i in view.items]
        title_id = {"type": FIELD, "name": "proposal-title"}
        about_id = {"type": FIELD, "name": "proposal-discussion"}
        amends_id = {"type": FIELD, "name": "proposal-amends"}
        parts += [
            html.H3("Add an item" if view.may_run else "Propose an item or a change",
                    className="h5"),
            *label_for("What you propose", amends_id),
            dbc.Select(id=amends_id, options=options, className="mb-2",
                       value=typed_fields.get("proposal-amends") or ""),
            *label_for("Item", title_id),
            dcc.Input(id=title_id, type="text", maxLength=300, className="form-control mb-2",
                      value=typed_fields.get("proposal-title") or ""),
            *label_for("What it will discuss", about_id),
            dcc.Textarea(id=about_id, rows=2, maxLength=5000, className="form-control mb-2",
                         value=typed_fields.get("proposal-discussion") or ""),
            _button("Add the item" if view.may_run else "Propose", _act("propose"),
                    "outline-primary"),
        ]
    parts.append(html.H2("Comments"))
    parts.append(html.Ul([
        html.Li([html.Strong(f"{c.author} ({c.side}), {format_date_time(c.written_at)}: "),
                 html.Span(c.text)]) for c in view.comments], id="agenda-comments")
        if view.comments else html.P("No comments yet.", id="agenda-comments"))
    comment_id = {"type": FIELD, "name": "comment"}
    parts += [*label_for("Comment on the agenda", comment_id),
              dcc.Textarea(id=comment_id, rows=2, maxLength=5000, className="form-control mb-2",
                           value=typed_fields.get("comment") or ""),
              _button("Add comment", _act("comment"), "outline-primary")]
    parts.append(html.H2("Who will attend"))
    parts.append(html.Div([
        _attendees_block(view, "ofsted", view.may_run and open_agenda,
                         typed_fields.get("attendees-ofsted")),
        _attendees_block(view, "la", view.may_engage_for_la and open_agenda,
                         typed_fields.get("attendees-la")),
    ], className="row", id="meeting-attendees"))
    return parts


def meeting_page(view: MeetingView, today: date) -> Component:
    links = [dcc.Link(f"All meetings with {view.la_name}", href=f"/meetings/{view.la_code}",
                      className="me-3")]
    if view.may_run:
        links.append(dcc.Link("Record of the meeting and focused-visit scope",
                              href=f"/record/{view.id}", className="me-3", id="link-record"))
    if view.may_run or view.letter_issued_on:
        links.append(dcc.Link("The letter", href=f"/letter/{view.id}", id="link-letter"))
    return html.Div([
        html.H1(f"Annual engagement meeting: {view.la_name}"),
        summary_list([
            ("Date", format_date(view.meeting_date)),
            ("Place", view.place),
            ("Scheduled by", view.scheduled_by),
            ("Held", format_date(view.held_on) if view.recorded else "Not yet recorded"),
            ("Letter", letter_state_text(
                view.letter_issued_on, view.letter_drafted,
                meeting_held_on(view.meeting_date, view.held_on if view.recorded else None,
                                today))),
        ], "meeting-summary"),
        html.P(links),
        dcc.Store(id="meeting-id", data=view.id),
        html.Div(id="meeting-message", role="status"),
        html.Div(agenda_body(view), id="meeting-agenda"),
    ])


# ---------------------------------------------------------------- the record and the planner


def _score_parts(plan: TopicPlan) -> Component:
    if not plan.score.parts:
        return html.Span("Nothing adds to the score")
    return html.Ul([html.Li(f"{p.label}: {p.points:+d} ({p.why})") for p in plan.score.parts],
                   className="mb-0")


def _topic_evidence(plan: TopicPlan) -> html.Details:
    indicators = [
        html.Tr([html.Td(r.indicator.name), html.Td(format_value(r.value, r.indicator)),
                 html.Td(format_value(next((c.value for c in r.comparators
                                            if c.label == "Statistical neighbours"), None),
                                      r.indicator)),
                 html.Td(r.outlier or "Not an outlier")])
        for r in plan.indicators
    ]
    parts: list[Component] = [html.Summary(f"Evidence for {plan.score.topic.name}")]
    parts.append(html.Table([
        html.Caption("Indicators in this area against statistical neighbours"),
        header_row(("Indicator", "This LA", "Neighbours", "Outlier")),
        html.Tbody(indicators)], className="table table-sm") if indicators else html.P(
        "No Annex A indicator isolates this topic."))
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
    sources = (f"Figures from the upload for the period ending {planner.figures_period}"
               if planner.figures_period else "No management information uploaded yet")
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
        return {"type": STEP, "field": name, "index": index}

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


def record_form(view: MeetingView) -> list[Component]:
    held = view.held_on or view.meeting_date
    steps = [step_row(n, s.action, s.owner, s.due.isoformat() if s.due else "", s.side)
             for n, s in enumerate(view.next_steps)] or [step_row(0)]
    notes = []
    for item in view.items:
        note_id = {"type": RECORD_NOTE, "index": item.id}
        notes += [*label_for(f"{item.position}. {item.title}", note_id,
                          "A factual note of what was discussed: no judgements about practice "
                          "(paragraph 48)." if item.position == 1 else ""),
                  dcc.Textarea(id=note_id, value=item.record_note, rows=3, maxLength=5000,
                               className="form-control mb-3")]
    topics = [{"label": t.name, "value": t.key} for t in FOCUSED_VISIT_TOPICS]
    reasons = [{"label": "Choose a reason", "value": ""}] + [
        {"label": text, "value": key} for key, text in SCOPE_REASONS.items()]
    return [
        html.H2("Record of the meeting"),
        html.Div([*label_for("Date the meeting was held", "record-held"),
                  dcc.Input(id="record-held", type="date", value=held.isoformat(),
                            className="form-control")], className="mb-3 col-md-4"),
        html.Div([
            html.Div([*label_for("Who attended for Ofsted (one a line: name, role)",
                              "record-ofsted"),
                      dcc.Textarea(id="record-ofsted", rows=3, maxLength=6300,
                                   value=attendees_text(view.attendees["ofsted"]),
                                   className="form-control")], className="col-md-6"),
            html.Div([*label_for("Who attended for the local authority (one a line: name, role)",
                              "record-la"),
                      dcc.Textarea(id="record-la", rows=3, maxLength=6300,
                                   value=attendees_text(view.attendees["la"]),
                                   className="form-control")], className="col-md-6"),
        ], className="row mb-3"),
        html.H3("Notes on each agenda item", className="h5"),
        *notes,
        html.H3("Possible scope of a focused visit", className="h5"),
        html.Fieldset([
            html.Legend("Topic or topics (paragraph 106)", className="form-label fs-6"),
            dbc.Checklist(id="record-topics", options=topics, value=list(view.scope.topics)),
        ], className="mb-2"),
        *label_for("Reason (paragraph 105)", "record-reason"),
        dbc.Select(id="record-reason", options=reasons, value=view.scope.reason or "",
                   className="mb-2"),
        html.P("Every focused visit also looks at " + ", ".join(
            line.lower() for line in CROSS_CUTTING_LINES) + " (paragraph 107).",
            className="form-text"),
        *label_for("Notes on the scope", "record-scope-note"),
        dcc.Textarea(id="record-scope-note", value=view.scope.note, rows=2, maxLength=5000,
                     className="form-control mb-3"),
        html.H3("Timing of the next self-evaluation and meeting", className="h5"),
        html.Div([
            html.Div([*label_for("Next self-evaluation, approximately", "record-next-sef"),
                      dcc.Input(id="record-next-sef", type="text", maxLength=200,
                                value=view.next_sef_timing, className="form-control")],
                     className="col-md-6"),
            html.Div([*label_for("Next meeting, approximately", "record-next-meeting"),
                      dcc.Input(id="record-next-meeting", type="text", maxLength=200,
                                value=view.next_meeting_timing, className="form-control")],
                     className="col-md-6"),
        ], className="row mb-3"),
        html.H3("Next steps agreed by either side", className="h5"),
        html.Div(steps, id="record-steps"),
        _button("Add a next step", "record-add-step", "outline-secondary", small=True),
        html.Div(_button("Save the record", "record-save"), className="mt-3"),
        html.Div(id="record-message", role="status"),
    ]


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
        dcc.Store(id="record-meeting", data=view.id),
        *planner_section(planner),
        *record_form(view),
    ])


# ---------------------------------------------------------------- the letter


def marked_text(body: str, findings: list[LetterFinding]) -> list[Component]:
    """The letter's text with each finding marked in place and numbered, as text."""
    out: list[Component | str] = []
    position = 0
    for number, finding in enumerate(findings, start=1):
        if finding.start < position:
            continue
        out.append(body[position:finding.start])
        out.append(html.Mark([body[finding.start:finding.end],
                              html.Sup(f"[{number}]")], className="lint-mark"))
        position = finding.end
    out.append(body[position:])
    return [html.Div(out, className="letter-marked", id="letter-marked")]


def findings_section(page: LetterPage) -> list[Component]:
    if not page.findings:
        return [html.P("No findings: nothing in the letter reads as a judgement about practice "
                       "or identifies a child.", className="alert alert-success",
                       id="letter-check"),
                dcc.Store(id="letter-finding-keys", data=[])]
    open_keys = {(f.text, f.reason, f.context) for f in page.open_findings}
    items = []
    for number, finding in enumerate(page.findings, start=1):
        what = [html.Strong(f"[{number}] “{finding.text}”"), html.Br(),
                f"{finding.reason} Paragraph {finding.paragraph}."]
        if (finding.text, finding.reason, finding.context) in open_keys:
            reason_id = {"type": OVERRIDE_REASON, "index": number - 1}
            what += [html.Div([
                *label_for(f"Reason to keep finding {number}", reason_id),
                dcc.Input(id=reason_id, type="text", maxLength=1000,
                          className="form-control mb-1"),
                _button("Record the override", {"type": OVERRIDE, "index": number - 1},
                        "outline-secondary", small=True)], className="mt-1")]
        else:
            what.append(html.P("Kept, with a recorded reason.", className="form-text"))
        items.append(html.Li(what, className="mb-2"))
    blocking = len(page.open_findings)
    summary = (f"{blocking} finding(s) block issuing: change the text and save, or record "
               "a reason to keep each one." if blocking else
               "Every finding has a recorded reason: the letter can be issued.")
    return [
        html.P(summary, className="alert " + ("alert-warning" if blocking else "alert-info"),
               id="letter-check"),
        *marked_text(page.letter.body if page.letter else "", page.findings),
        html.Ol(items, id="letter-findings-list", className="list-unstyled"),
        dcc.Store(id="letter-finding-keys",
                  data=[[f.text, f.reason, f.context] for f in page.findings]),
    ]


def overrides_list(page: LetterPage) -> Component:
    if not page.overrides:
        return html.Div()
    return html.Div([
        html.H3("Recorded overrides", className="h6"),
        html.Ul([html.Li(f"“{o.flagged_text}”: {o.reason} ({o.by}, "
                         f"{format_date_time(o.at)})") for o in page.overrides]),
    ], id="letter-overrides")


def document_links(meeting_id: int) -> Component:
    base = f"/letter/{meeting_id}"
    return html.P([
        html.A("Print view", href=f"{base}/print", target="_blank", rel="noopener",
               className="me-3", id="letter-print"),
        html.A("Word (.docx)", href=f"{base}/letter.docx", className="me-3", id="letter-docx"),
        html.A("PDF", href=f"{base}/letter.pdf", id="letter-pdf"),
    ])


def letter_panel(page: LetterPage) -> list[Component]:
    """What the letter page shows this user, from drafting to issued."""
    due = (f"Due by {format_date(page.due)}: within a month of the meeting on "
           f"{format_date(page.meeting_date)} (paragraph 48).")
    if page.issued and page.letter:
        return [
            html.P(f"Issued on {format_date(page.letter.issued_on)} by {page.issued_by}. "
                   "It cannot be changed. It is not published.", className="alert alert-info",
                   id="letter-state"),
            document_links(page.meeting_id),
            html.Article(outline_components(letter_outline(page.letter)), id="letter-document",
                         className="letter-document"),
            *([overrides_list(page)] if page.may_write else []),
        ]
    if not page.may_write:
        return [html.P("The letter has not been issued yet. " + due, id="letter-state",
                       className="alert alert-secondary")]
    if not page.recorded:
        return [html.P("Record the meeting first: the letter is drafted from the record.",
                       id="letter-state", className="alert alert-secondary"),
                dcc.Link("Record the meeting", href=f"/record/{page.meeting_id}")]
    if page.letter is None:
        return [html.P("No draft yet. " + due, id="letter-state"),
                _button("Draft the letter from the record", "letter-draft")]
    letter = page.letter
    return [
        html.P([f"Draft, revision {page.revision}, saved by {page.updated_by} on "
                f"{format_date_time(page.updated_at)}. " if page.updated_at else "Draft. ",
                due], id="letter-state", className="alert alert-secondary"),
        dcc.Store(id="letter-revision", data=page.revision),
        *label_for("Addressed to", "letter-addressee"),
        dcc.Input(id="letter-addressee", value=letter.addressee, type="text", maxLength=200,
                  className="form-control mb-2"),
        html.P(f"The letter shows the meeting date ({format_date(letter.meeting_date)}) and "
               "the attendees from the record, then the text below, then your name.",
               className="form-text"),
        *label_for("The letter", "letter-body", FORMATTING_HINT),
        dcc.Textarea(id="letter-body", value=letter.body, rows=24, maxLength=MAX_LETTER,
                     className="form-control mb-2"),
        _button("Save and check", "letter-save"),
        html.Div(id="letter-message", role="status"),
        html.H2("Check before issuing (paragraph 48)"),
        html.Div(findings_section(page), id="letter-findings"),
        html.Div(overrides_list(page), id="letter-overrides-panel"),
        html.H2("Preview and issue"),
        document_links(page.meeting_id),
        html.P("Issuing freezes the letter and shows it to the local authority's users. "
               "It issues the text as last saved."),
        _button("Issue the letter", "letter-issue", "success"),
        html.Details([
            html.Summary("Start again from the record"),
            html.P("This replaces the draft's text with a new draft from the record. Your "
                   "edits are lost."),
            _button("Redraft from the record", "letter-redraft", "outline-danger", small=True),
        ], className="mt-3"),
    ]


def letter_page(page: LetterPage) -> Component:
    links = [dcc.Link("Back to the meeting", href=f"/meeting/{page.meeting_id}",
                      className="me-3")]
    return html.Div([
        html.H1(f"Letter after the annual engagement meeting: {page.la_name}"),
        html.P(links),
        dcc.Store(id="letter-meeting", data=page.meeting_id),
        html.Div(id="letter-panel-message", role="status"),
        html.Div(letter_panel(page), id="letter-panel"),
    ])

