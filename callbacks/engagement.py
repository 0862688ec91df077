"""Callbacks of the annual engagement meeting: schedule, agenda, record and letter.

Thin: each reads what the page sends, calls a service (which loads the meeting and
checks the signed-in user against the meeting's own LA), and redraws. The meeting id
the page holds only says which meeting is asked for; it grants nothing.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, Patch, State, ctx, no_update
from dash.development.base_component import Component

from dashboard.components.alerts import done
from dashboard.components.forms import form_errors
from dashboard.errors import InvalidRequest
from dashboard.formatting import format_date
from dashboard.pages.meetings import ids
from dashboard.pages.meetings.issue_views import issue_confirmation
from dashboard.pages.meetings.letter_views import findings_section, letter_panel, overrides_list
from dashboard.pages.meetings.record_views import person_row, step_row
from dashboard.pages.meetings.views import agenda_body, errors_list
from dashboard.services.engagement import (
    AttendeeInput,
    FormErrors,
    StepInput,
    add_comment,
    agree_agenda,
    decide_proposal,
    propose_item,
    save_agenda_notes,
    save_attendees,
    save_record,
    schedule_meeting,
)
from dashboard.services.engagement_letters import (
    draft_letter,
    issue_letter,
    issue_preview,
    open_letter,
    override_finding,
    save_letter,
)
from dashboard.web.auth import require_principal


def _clicked() -> bool:
    """A real click: Dash also calls pattern-matching callbacks when buttons are redrawn."""
    return bool(ctx.triggered and ctx.triggered[0].get("value"))


def _pairs(ids: Any, values: Any, key: str) -> dict[Any, Any]:
    """{id[key]: value} from the ids and values of pattern-matching fields."""
    if not isinstance(ids, list) or not isinstance(values, list) or len(ids) != len(values):
        raise InvalidRequest("The page is out of date; reload it.")
    out = {}
    for component_id, value in zip(ids, values, strict=True):
        if not isinstance(component_id, dict) or not isinstance(component_id.get(key),
                                                                (str, int)):
            raise InvalidRequest("The page is out of date; reload it.")
        out[component_id[key]] = value
    return out


# ---------------------------------------------------------------- scheduling


def schedule(clicks: int, la_code: Any, day: Any, place: Any) -> tuple:
    if not clicks:
        return no_update, no_update
    user = require_principal()
    if not isinstance(la_code, str):
        raise InvalidRequest("The page is out of date; reload it.")
    try:
        meeting_id = schedule_meeting(user, la_code, day, place)
    except FormErrors as error:
        return errors_list(error.errors), no_update
    return done("Meeting scheduled."), f"/meeting/{meeting_id}"


# ---------------------------------------------------------------- the agenda


#: The fields each action sends; after it succeeds they are cleared or redrawn as stored.
ACTION_FIELDS = {
    "propose": ("proposal-title", "proposal-discussion", "proposal-amends"),
    "comment": ("comment",),
    "attendees-la": ("attendees-la",),
    "attendees-ofsted": ("attendees-ofsted",),
}


def agenda_action(_clicks: list, field_ids: list, field_values: list, note_ids: list,
                  note_values: list, notes_base: Any, meeting_id: Any) -> tuple:
    if not _clicked() or not isinstance(ctx.triggered_id, dict):
        return no_update, no_update
    user = require_principal()
    action, index = ctx.triggered_id.get("action"), ctx.triggered_id.get("index")
    fields = _pairs(field_ids, field_values, "name")
    notes = _pairs(note_ids, note_values, "index")
    if not isinstance(notes_base, dict):
        notes_base = {}
    base = {int(k): v for k, v in notes_base.items() if str(k).isdigit()}
    try:
        if action == "agree":
            view = agree_agenda(user, meeting_id)
            message = "You agreed the agenda."
        elif action in ("accept", "decline"):
            view = decide_proposal(user, meeting_id, index, accept=action == "accept")
            message = "Proposal accepted." if action == "accept" else "Proposal declined."
        elif action == "propose":
            view = propose_item(user, meeting_id, fields.get("proposal-title"),
                                fields.get("proposal-discussion"),
                                fields.get("proposal-amends"))
            message = ("Item added." if view.may_run else
                       "Proposal sent: the senior HMI will accept or decline it.")
        elif action == "comment":
            view = add_comment(user, meeting_id, fields.get("comment"))
            message = "Comment added."
        elif action in ("attendees-la", "attendees-ofsted"):
            side = action.removeprefix("attendees-")
            view = save_attendees(user, meeting_id, side, fields.get(action))
            message = "Attendees saved."
        elif action == "save-notes":
            view = save_agenda_notes(user, meeting_id, notes, base)
            message = "Agenda notes saved."
        else:
            raise InvalidRequest("The page sent an action it does not have; reload it.")
    except FormErrors as error:
        return no_update, errors_list(error.errors)
    # keep what the person typed for other actions; unsaved notes stay as typed
    kept_fields = {name: value for name, value in fields.items()
                   if name not in ACTION_FIELDS.get(str(action), ())}
    kept_notes = {} if action == "save-notes" else {
        item_id: value for item_id, value in notes.items()
        if isinstance(item_id, int) and value != base.get(item_id)}
    saved_side = str(action).removeprefix("attendees-") if message == "Attendees saved." else None
    return agenda_body(view, kept_notes, kept_fields, saved_side), done(message)


# ---------------------------------------------------------------- the record


def add_step(clicks: int, step_ids: list) -> Any:
    if not clicks:
        return no_update
    require_principal()
    rows = {i.get("index") for i in step_ids if isinstance(i, dict)}
    next_index = max((r for r in rows if isinstance(r, int)), default=-1) + 1
    patch = Patch()
    patch.append(step_row(next_index))
    return patch


def add_person(side: str) -> Any:
    """The "Add a person" button of one side of the record's attendees."""
    def add(clicks: int, name_ids: list) -> Any:
        if not clicks:
            return no_update
        require_principal()
        rows = {i.get("index") for i in name_ids if isinstance(i, dict)}
        patch = Patch()
        patch.append(person_row(side, max((r for r in rows if isinstance(r, int)),
                                          default=-1) + 1))
        return patch
    return add


def _rows(ids: list, values: list) -> list[dict[Any, Any]]:
    """Pattern-matching fields grouped by row (their ``index``), rows in order."""
    if not isinstance(ids, list) or not isinstance(values, list) or len(ids) != len(values):
        raise InvalidRequest("The page is out of date; reload it.")
    rows: dict[int, dict[Any, Any]] = {}
    for component_id, value in zip(ids, values, strict=True):
        if not isinstance(component_id, dict) or not isinstance(component_id.get("index"),
                                                                int):
            raise InvalidRequest("The page is out of date; reload it.")
        rows.setdefault(component_id["index"], {})[component_id.get("field")] = value
    return [row for _index, row in sorted(rows.items())]


def _people(ids: list, values: list) -> list[AttendeeInput]:
    return [AttendeeInput(r.get("name"), r.get("role"), r.get("part")) for r in _rows(ids, values)]


def _steps(ids: list, values: list) -> list[StepInput]:
    return [StepInput(r.get("action"), r.get("owner"), r.get("due"), r.get("side"))
            for r in _rows(ids, values)]


def save(clicks: int, meeting_id: Any, held: Any, ofsted_ids: list, ofsted_values: list,
         la_ids: list, la_values: list, note_ids: list, note_values: list, topics: Any,
         reason: Any, scope_note: Any, next_sef: Any, next_meeting: Any, step_ids: list,
         step_values: list, skipped_ids: list, skipped_values: list) -> Component:
    if not clicks:
        return no_update
    user = require_principal()
    try:
        view = save_record(
            user, meeting_id, held_on=held, la_attendees=_people(la_ids, la_values),
            ofsted_attendees=_people(ofsted_ids, ofsted_values),
            notes=_pairs(note_ids, note_values, "index"), scope_topics=topics or [],
            scope_reason=reason, scope_note=scope_note, next_sef_timing=next_sef,
            next_meeting_timing=next_meeting, steps=_steps(step_ids, step_values),
            not_discussed=_pairs(skipped_ids, skipped_values, "index"))
    except FormErrors as error:
        return errors_list(error.errors)
    people = len(view.attendees["ofsted"]) + len(view.attendees["la"])
    return done(f"Record saved for the meeting held on {format_date(view.held_on)}. "
                f"Attendees saved ({people}). Draft the letter from it on the letter page.")


# ---------------------------------------------------------------- the letter


def draft(clicks: int, meeting_id: Any, replace: bool = False, revision: Any = None) -> tuple:
    if not clicks:
        return no_update, no_update
    user = require_principal()
    try:
        draft_letter(user, meeting_id, replace=replace, base_revision=revision)
    except FormErrors as error:
        return no_update, errors_list(error.errors)
    return letter_panel(open_letter(user, meeting_id)), done("Letter drafted from the record.")


def redraft(clicks: int, meeting_id: Any, revision: Any) -> tuple:
    return draft(clicks, meeting_id, replace=True, revision=revision)


SAVE_TEXT_OUTPUTS = {
    "message": Output(ids.LETTER_MESSAGE, "children"),
    "revision": Output(ids.LETTER_REVISION, "data"),
    "findings": Output(ids.LETTER_FINDINGS, "children", allow_duplicate=True),
    "overrides": Output(ids.LETTER_OVERRIDES_PANEL, "children", allow_duplicate=True),
    "state": Output(ids.LETTER_STATE, "children"),
}


def save_text(clicks: int, meeting_id: Any, revision: Any, addressee: Any,
              body: Any) -> dict[str, Any]:
    unchanged = dict.fromkeys(SAVE_TEXT_OUTPUTS, no_update)
    if not clicks:
        return unchanged
    user = require_principal()
    try:
        outcome = save_letter(user, meeting_id, revision, addressee, body)
    except FormErrors as error:
        return unchanged | {"message": errors_list(error.errors)}
    page = open_letter(user, meeting_id)
    checked = {"findings": findings_section(page), "overrides": overrides_list(page)}
    if not outcome.saved:
        return unchanged | checked | {"message": errors_list([outcome.message])}
    return checked | {"message": done("Draft saved and checked."),
                      "revision": outcome.revision,
                      "state": f"Draft, revision {outcome.revision}."}


def override(_clicks: list, reason_ids: list, reasons: list, keys: Any,
             meeting_id: Any) -> tuple:
    if not _clicked() or not isinstance(ctx.triggered_id, dict):
        return no_update, no_update, no_update
    user = require_principal()
    index = ctx.triggered_id.get("index")
    if not isinstance(keys, list) or not isinstance(index, int) or not 0 <= index < len(keys) \
            or not isinstance(keys[index], list) or len(keys[index]) != 3:
        raise InvalidRequest("The page is out of date; reload it.")
    flagged, finding_reason, context = keys[index]
    try:
        override_finding(user, meeting_id, flagged, finding_reason, context,
                         _pairs(reason_ids, reasons, "index").get(index))
    except FormErrors as error:
        return errors_list(error.errors), no_update, no_update
    page = open_letter(user, meeting_id)
    return done("Override recorded."), findings_section(page), overrides_list(page)


def open_issue(clicks: int, meeting_id: Any, revision: Any, addressee: Any,
               body: Any) -> Any:
    """"Issue" opens the confirmation step: nothing is frozen yet."""
    if not clicks:
        return no_update
    user = require_principal()
    try:
        preview = issue_preview(user, meeting_id, revision, addressee, body)
    except FormErrors as error:
        return errors_list(error.errors)
    return issue_confirmation(preview)


def cancel_issue(clicks: int) -> Any:
    if not clicks:
        return no_update
    require_principal()
    return []


def issue(clicks: int, meeting_id: Any, revision: Any, addressee: Any, body: Any,
          reasons: list) -> tuple:
    """"Yes, issue": the service checks everything again, whatever the panel showed."""
    if not clicks:
        return no_update, no_update, no_update
    user = require_principal()
    if not isinstance(reasons, list) or len(reasons) > 1:
        raise InvalidRequest("The page is out of date; reload it.")
    try:
        issued_on = issue_letter(user, meeting_id, revision, addressee, body,
                                 reasons[0] if reasons else None)
    except FormErrors as error:
        return no_update, no_update, form_errors(
            error.errors, "The letter was not issued:", id="issue-errors")
    return (letter_panel(open_letter(user, meeting_id)),
            done(f"Letter issued on {format_date(issued_on)}. The local authority can now "
                 "read and download it."), no_update)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.SCHEDULE_MESSAGE, "children"),
        Output(ids.SCHEDULE_GO, "href"),
        Input(ids.SCHEDULE_MEETING, "n_clicks"),
        State(ids.MEETINGS_LA, "data"),
        State(ids.SCHEDULE_DATE, "value"),
        State(ids.SCHEDULE_PLACE, "value"),
        prevent_initial_call=True,
    )(schedule)
    app.callback(
        Output(ids.MEETING_AGENDA, "children"),
        Output(ids.MEETING_MESSAGE, "children"),
        Input(ids.act(ALL, ALL), "n_clicks"),
        State(ids.field(ALL), "id"),
        State(ids.field(ALL), "value"),
        State(ids.note(ALL), "id"),
        State(ids.note(ALL), "value"),
        State(ids.AGENDA_NOTES_BASE, "data"),
        State(ids.MEETING_ID, "data"),
        prevent_initial_call=True,
    )(agenda_action)
    app.callback(
        Output(ids.RECORD_STEPS, "children"),
        Input(ids.RECORD_ADD_STEP, "n_clicks"),
        State(ids.step("action", ALL), "id"),
        prevent_initial_call=True,
    )(add_step)
    for side in ("ofsted", "la"):
        app.callback(
            Output(ids.RECORD_PEOPLE[side], "children"),
            Input(ids.RECORD_ADD_PERSON[side], "n_clicks"),
            State(ids.person("name", side, ALL), "id"),
            prevent_initial_call=True,
        )(add_person(side))
    app.callback(
        Output(ids.RECORD_MESSAGE, "children"),
        Input(ids.RECORD_SAVE, "n_clicks"),
        State(ids.RECORD_MEETING, "data"),
        State(ids.RECORD_HELD, "value"),
        State(ids.person(ALL, "ofsted", ALL), "id"),
        State(ids.person(ALL, "ofsted", ALL), "value"),
        State(ids.person(ALL, "la", ALL), "id"),
        State(ids.person(ALL, "la", ALL), "value"),
        State(ids.record_note(ALL), "id"),
        State(ids.record_note(ALL), "value"),
        State(ids.RECORD_TOPICS, "value"),
        State(ids.RECORD_REASON, "value"),
        State(ids.RECORD_SCOPE_NOTE, "value"),
        State(ids.RECORD_NEXT_SEF, "value"),
        State(ids.RECORD_NEXT_MEETING, "value"),
        State(ids.step(ALL, ALL), "id"),
        State(ids.step(ALL, ALL), "value"),
        State(ids.record_not_discussed(ALL), "id"),
        State(ids.record_not_discussed(ALL), "value"),
        prevent_initial_call=True,
    )(save)
    app.callback(
        Output(ids.LETTER_PANEL, "children", allow_duplicate=True),
        Output(ids.LETTER_PANEL_MESSAGE, "children", allow_duplicate=True),
        Input(ids.LETTER_DRAFT, "n_clicks"),
        State(ids.LETTER_MEETING, "data"),
        prevent_initial_call=True,
    )(draft)
    app.callback(
        Output(ids.LETTER_PANEL, "children", allow_duplicate=True),
        Output(ids.LETTER_PANEL_MESSAGE, "children", allow_duplicate=True),
        Input(ids.LETTER_REDRAFT, "n_clicks"),
        State(ids.LETTER_MEETING, "data"),
        State(ids.LETTER_REVISION, "data"),
        prevent_initial_call=True,
    )(redraft)
    app.callback(
        output=SAVE_TEXT_OUTPUTS,
        inputs={"clicks": Input(ids.LETTER_SAVE, "n_clicks"),
                "meeting_id": State(ids.LETTER_MEETING, "data"),
                "revision": State(ids.LETTER_REVISION, "data"),
                "addressee": State(ids.LETTER_ADDRESSEE, "value"),
                "body": State(ids.LETTER_BODY, "value")},
        prevent_initial_call=True,
    )(save_text)
    app.callback(
        Output(ids.LETTER_MESSAGE, "children", allow_duplicate=True),
        Output(ids.LETTER_FINDINGS, "children", allow_duplicate=True),
        Output(ids.LETTER_OVERRIDES_PANEL, "children", allow_duplicate=True),
        Input(ids.override(ALL), "n_clicks"),
        State(ids.override_reason(ALL), "id"),
        State(ids.override_reason(ALL), "value"),
        State(ids.LETTER_FINDING_KEYS, "data"),
        State(ids.LETTER_MEETING, "data"),
        prevent_initial_call=True,
    )(override)
    app.callback(
        Output(ids.LETTER_CONFIRM_PANEL, "children"),
        Input(ids.LETTER_ISSUE, "n_clicks"),
        State(ids.LETTER_MEETING, "data"),
        State(ids.LETTER_REVISION, "data"),
        State(ids.LETTER_ADDRESSEE, "value"),
        State(ids.LETTER_BODY, "value"),
        prevent_initial_call=True,
    )(open_issue)
    app.callback(
        Output(ids.LETTER_CONFIRM_PANEL, "children", allow_duplicate=True),
        Input(ids.LETTER_CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )(cancel_issue)
    app.callback(
        Output(ids.LETTER_PANEL, "children", allow_duplicate=True),
        Output(ids.LETTER_PANEL_MESSAGE, "children", allow_duplicate=True),
        Output(ids.LETTER_CONFIRM_MESSAGE, "children"),
        Input(ids.LETTER_CONFIRM, "n_clicks"),
        State(ids.LETTER_MEETING, "data"),
        State(ids.LETTER_REVISION, "data"),
        State(ids.LETTER_ADDRESSEE, "value"),
        State(ids.LETTER_BODY, "value"),
        State(ids.issue_reason(ALL), "value"),
        prevent_initial_call=True,
    )(issue)
