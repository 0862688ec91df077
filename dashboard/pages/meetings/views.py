"""How the annual engagement meeting looks: the list and the agenda (the record and the
letter have their own modules). Views only: they format what the services return, and
user text only ever goes into components as text, which React escapes."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components import alerts
from dashboard.components.forms import form_errors, label_for, unsaved_guard
from dashboard.components.tables import header_row, summary_list
from dashboard.domain.engagement_letter import (
    SIDES,
    Attendee,
    attendees_text,
    meeting_held_on,
)
from dashboard.domain.framework import letter_due
from dashboard.domain.meeting_record import ATTENDEE_PARTS
from dashboard.formatting import format_date, format_date_time
from dashboard.pages.meetings import ids
from dashboard.services.engagement import WAITING_FOR_OFSTED, MeetingsPage, MeetingView

FORMATTING_HINT = ("You can use **bold**, *italic* and lists (start lines with “- ”). "
                   "Lines starting “## ” are headings.")


def button(text: str, component_id: str | dict, kind: str = "primary",
            small: bool = False) -> html.Button:
    size = " btn-sm" if small else ""
    return html.Button(text, id=component_id, n_clicks=0, type="button",
                       className=f"btn btn-{kind}{size} me-2 mb-2")

def errors_list(errors: list[str]) -> Component:
    """What is wrong, in plain words, for the message area."""
    return form_errors(errors, "Nothing was saved. Please correct the following:",
                       id="form-errors")


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
            dcc.Store(id=ids.MEETINGS_LA, data=page.la_code),
            html.Div([
                html.Div([*label_for("Date of the meeting", ids.SCHEDULE_DATE),
                          dcc.Input(id=ids.SCHEDULE_DATE, type="date",
                                    className="form-control")], className="col-md-4"),
                html.Div([*label_for("Place, or online", ids.SCHEDULE_PLACE),
                          dcc.Input(id=ids.SCHEDULE_PLACE, type="text", maxLength=200,
                                    className="form-control")], className="col-md-8"),
            ], className="row mb-3"),
            button("Schedule the meeting", ids.SCHEDULE_MEETING),
            html.Div(id=ids.SCHEDULE_MESSAGE, role="status"),
            dcc.Location(id=ids.SCHEDULE_GO, refresh=True),
        ]
    return html.Div(parts)

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
        note_id = ids.note(item.id)
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
        parts += [button("Accept", ids.act("accept", proposal.id), "success", small=True),
                  button("Decline", ids.act("decline", proposal.id), "outline-danger",
                          small=True)]
    elif view.may_engage_for_la:
        parts.append(html.P(WAITING_FOR_OFSTED, className="note"))
    return html.Li(parts, className="mb-2")

def _decided(proposal) -> html.Li:  # noqa: ANN001
    outcome = {"declined": "Declined", "merged": "Accepted as a change",
               "agenda": "Accepted"}[proposal.status]
    return html.Li(f"{outcome} by {proposal.decided_by}: {proposal.title} "
                   f"(proposed by {proposal.proposed_by})")

def _attendees_block(view: MeetingView, side: str, editable: bool,
                     typed: str | None, saved: bool = False) -> html.Div:
    heading = html.H3(f"Attending for {SIDES[side].lower() if side == 'la' else 'Ofsted'}",
                      className="h6")
    if editable:
        field = ids.field(f"attendees-{side}")
        return html.Div([
            heading,
            *label_for("One person a line: name, role", field,
                    "Para 46: the DCS decides who else attends from the local authority."
                    if side == "la" else "The senior HMI or HMI, and the regional director "
                    "if attending."),
            dcc.Textarea(id=field, value=attendees_text(view.attendees[side])
                         if typed is None else typed, rows=4,
                         maxLength=6300, className="form-control mb-2"),
            button("Save attendees", ids.act(f"attendees-{side}"), "outline-primary", small=True),
            html.Div(alerts.alert("Attendees saved.", alerts.SUCCESS) if saved else None,
                     role="status", id=f"attendees-{side}-saved"),
        ], className="col-md-6")
    people = view.attendees[side]
    return html.Div([heading, html.Ul([html.Li(_person(a)) for a in people]) if people
                     else html.P("None named yet.")], className="col-md-6")


def _person(person: Attendee) -> str:
    """"Name, job (part at the meeting)", the part as the record gave it (para 46)."""
    text = f"{person.name}, {person.role}" if person.role else person.name
    part = ATTENDEE_PARTS.get(person.part or "")
    return f"{text} ({part.label})" if part else text

def who_agrees_for_la(view: MeetingView) -> str:
    """Para 47: the DCS agrees the agenda, so an LA user who is not the DCS or a delegate
    is told who can."""
    names = ", ".join(view.la_agreers) or ("no one yet: ask an administrator to mark the "
                                           "DCS's account, or a delegate's")
    return f"Only the DCS or a delegate can agree the agenda: {names}."


def agenda_body(view: MeetingView, typed_notes: dict | None = None,
                typed_fields: dict | None = None, saved_side: str | None = None,
                ) -> list[Component]:
    """Everything on the agenda page that changes when someone acts. ``typed_notes`` and
    ``typed_fields`` keep what the person has typed and not yet sent, so redrawing after
    another action loses nothing; ``saved_side`` says whose attendees were just saved,
    beside them."""
    typed_notes, typed_fields = typed_notes or {}, typed_fields or {}
    open_agenda = not view.recorded
    editable = view.may_run and open_agenda
    parts: list[Component] = [
        *[alerts.alert(warning, alerts.WARNING, className="meeting-warning")
          for warning in view.warnings],
        alerts.alert(agreement_text(view), alerts.SUCCESS if view.agreed else alerts.WARNING,
                     id="agenda-status"),
    ]
    if open_agenda and view.may_agree_for_ofsted and view.agreed_for_ofsted is None:
        parts.append(button("Agree the agenda for Ofsted", ids.act("agree")))
    if (open_agenda and view.may_agree_for_la and view.agreed_for_la is None
            and view.proposals):  # para 47: the senior HMI decides first
        parts.append(html.P(WAITING_FOR_OFSTED, className="note", id="agenda-waiting"))
    elif open_agenda and view.may_agree_for_la and view.agreed_for_la is None:
        parts.append(button("Agree the agenda for the local authority", ids.act("agree")))
    elif open_agenda and view.may_engage_for_la and view.agreed_for_la is None:
        parts.append(html.P(who_agrees_for_la(view), className="note", id="agenda-who-agrees"))
    if view.recorded:
        parts.append(html.P("The meeting has been recorded, so the agenda is closed.",
                            className="note"))
    parts += [html.H2("Agenda"),
              html.Ol([_item(view, item, editable, typed_notes.get(item.id))
                       for item in view.items], id="agenda-items", className="agenda",
                      **unsaved_guard("save-notes")),
              dcc.Store(id=ids.AGENDA_NOTES_BASE,
                        data={str(item.id): item.discussion for item in view.items})]
    if editable:
        parts.append(button("Save the agenda notes", ids.act("save-notes"), "outline-primary"))
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
        title_id = ids.field("proposal-title")
        about_id = ids.field("proposal-discussion")
        amends_id = ids.field("proposal-amends")
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
            button("Add the item" if view.may_run else "Propose", ids.act("propose"),
                    "outline-primary"),
        ]
    parts.append(html.H2("Comments"))
    parts.append(html.Ul([
        html.Li([html.Strong(f"{c.author} ({c.side}), {format_date_time(c.written_at)}: "),
                 html.Span(c.text)]) for c in view.comments], id="agenda-comments")
        if view.comments else html.P("No comments yet.", id="agenda-comments"))
    comment_id = ids.field("comment")
    parts += [*label_for("Comment on the agenda", comment_id),
              dcc.Textarea(id=comment_id, rows=2, maxLength=5000, className="form-control mb-2",
                           value=typed_fields.get("comment") or ""),
              button("Add comment", ids.act("comment"), "outline-primary")]
    parts.append(html.H2("Who will attend"))
    parts.append(html.Div([
        _attendees_block(view, "ofsted", view.may_run and open_agenda,
                         typed_fields.get("attendees-ofsted"), saved_side == "ofsted"),
        _attendees_block(view, "la", view.may_engage_for_la and open_agenda,
                         typed_fields.get("attendees-la"), saved_side == "la"),
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
        dcc.Store(id=ids.MEETING_ID, data=view.id),
        html.Div(id=ids.MEETING_MESSAGE, role="status"),
        html.Div(agenda_body(view), id=ids.MEETING_AGENDA),
    ])
