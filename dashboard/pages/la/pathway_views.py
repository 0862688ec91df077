"""The LA page's pathway parts: the senior HMI's pathway form where the latest inspection
gave no overall grade, the pathway 3 panel (action plan, monitoring visits, re-inspection)
and the form inspectors of the region enter visits with."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components.alerts import SUCCESS, WARNING, alert
from dashboard.components.forms import label_for
from dashboard.components.la_summary import la_summary
from dashboard.domain.framework import MONITORING_VISITS_BEFORE_REINSPECTION
from dashboard.domain.la_status import PATHWAY_RECORDED, PATHWAY_TO_BE_SET, LAStatus
from dashboard.formatting import format_date
from dashboard.pages.la import ids
from dashboard.services.la_page import LAPage
from dashboard.services.la_profiles import LAProfile
from dashboard.services.pathways import MAX_NOTE, MAX_REASON, NEXT_ACTIVITIES

REINSPECTION_WORDS = {
    "not yet": "not yet due",
    "due": "due now",
    "overdue": "overdue: more monitoring visits than usual",
}


def saved_message(message: str | None, warnings: tuple[str, ...] = ()) -> list[Component] | None:
    """"Saved", and any warning that did not stop the save, each in its own alert."""
    if not message:
        return None
    return [alert(message, SUCCESS), *(alert(w, WARNING) for w in warnings)]


def pathway_form(la_code: str, message: str | None = None,
                 warnings: tuple[str, ...] = ()) -> list[Component]:
    """The senior HMI's form: pathway, next activity, optional date, reason."""
    return [
        html.H3("Record the pathway", className="h5 mt-3"),
        dcc.Store(id=ids.PATHWAY_LA, data=la_code),
        html.Fieldset([
            html.Legend("Pathway", className="form-label fs-6"),
            dbc.RadioItems(id=ids.PATHWAY_CHOICE, options=[
                {"label": "Pathway 1 (as good or outstanding: short inspection next)",
                 "value": 1},
                {"label": "Pathway 2 (as requires improvement: standard inspection next)",
                 "value": 2},
                {"label": "Pathway 3 (as inadequate: monitoring visits, then re-inspection)",
                 "value": 3},
            ]),
        ], className="mb-2"),
        *label_for("Next activity", ids.PATHWAY_NEXT),
        dbc.Select(id=ids.PATHWAY_NEXT, value="",
                   options=[{"label": "Choose one", "value": ""}]
                   + [{"label": label, "value": key} for key, label in NEXT_ACTIVITIES.items()],
                   className="mb-2"),
        *label_for("Date of the next activity (optional)", ids.PATHWAY_DATE),
        dcc.Input(id=ids.PATHWAY_DATE, type="date", className="form-control mb-2"),
        *label_for("Reason", ids.PATHWAY_REASON,
                   "Why this pathway: the judgements and what you weighed."),
        dcc.Textarea(id=ids.PATHWAY_REASON, rows=3, maxLength=MAX_REASON,
                     className="form-control mb-2"),
        html.Button("Save the pathway", id=ids.PATHWAY_SAVE, n_clicks=0, type="button",
                    className="btn btn-primary mb-2"),
        html.Div(saved_message(message, warnings), id=ids.PATHWAY_MESSAGE),
    ]


def visits_form(la_code: str, message: str | None = None,
                warnings: tuple[str, ...] = ()) -> list[Component]:
    """The region's inspectors enter a planned or held monitoring or focused visit."""
    return [
        html.H3("Enter a visit", className="h5 mt-3"),
        html.P("A visit our published sources do not list yet: planned, or held."),
        dcc.Store(id=ids.VISIT_LA, data=la_code),
        html.Div([
            html.Div([*label_for("Kind of visit", ids.VISIT_KIND),
                      dbc.Select(id=ids.VISIT_KIND, value="monitoring_visit", options=[
                          {"label": "Monitoring visit", "value": "monitoring_visit"},
                          {"label": "Focused visit", "value": "focused_visit"}])],
                     className="col-md-4"),
            html.Div([*label_for("Planned or held", ids.VISIT_STATUS),
                      dbc.Select(id=ids.VISIT_STATUS, value="planned", options=[
                          {"label": "Planned", "value": "planned"},
                          {"label": "Held", "value": "held"}])],
                     className="col-md-4"),
            html.Div([*label_for("Date of the visit", ids.VISIT_DATE),
                      dcc.Input(id=ids.VISIT_DATE, type="date", className="form-control")],
                     className="col-md-4"),
        ], className="row mb-2"),
        *label_for("Note (optional)", ids.VISIT_NOTE),
        dcc.Input(id=ids.VISIT_NOTE, type="text", maxLength=MAX_NOTE,
                  className="form-control mb-2"),
        html.Button("Enter the visit", id=ids.VISIT_ADD, n_clicks=0, type="button",
                    className="btn btn-outline-primary mb-2"),
        html.Div(saved_message(message, warnings), id=ids.VISIT_MESSAGE),
    ]


def _visit_item(day_text: str, entered: bool) -> html.Li:
    return html.Li(f"{day_text} (entered by an inspector)" if entered else day_text)


def monitoring_panel(profile: LAProfile) -> list[Component]:
    """Pathway 3: the action plan (ILACS framework para 219), monitoring visits held and
    planned, and when re-inspection is expected (paras 22, 128)."""
    status = profile.status
    picture = status.monitoring
    if picture is None:
        return []
    entered = {(v.visit_date, v.status) for v in profile.entered_visits
               if v.kind == "monitoring_visit"}
    plan = (f"Due by {format_date(picture.action_plan_due)}: within 70 working days of the "
            "report (ILACS framework para 219)." if picture.action_plan_due else
            "Due within 70 working days of the report (ILACS framework para 219); the "
            "report's publication date is not in our source yet.")
    fewest, most = MONITORING_VISITS_BEFORE_REINSPECTION
    held = len(picture.held)
    return [html.Section([
        html.H2("Monitoring (pathway 3)", id="monitoring-heading"),
        html.P([html.Strong("Action plan: "), plan], id="monitoring-action-plan"),
        html.H3("Monitoring visits held", className="h6"),
        html.Ul([_visit_item(format_date(day), (day, "held") in entered)
                 for day in picture.held] or [html.Li("None on record yet.")],
                id="monitoring-held"),
        html.H3("Monitoring visits planned", className="h6"),
        html.Ul([_visit_item(format_date(day), True) for day in picture.planned]
                or [html.Li("None planned yet.")], id="monitoring-planned"),
        html.P(f"Re-inspection: expected after {_words(fewest)} to {_words(most)} monitoring "
               f"visits ({held} held): {REINSPECTION_WORDS[picture.reinspection]}.",
               id="monitoring-reinspection"),
    ], className="mt-3", **{"aria-labelledby": "monitoring-heading"})]


def _words(number: int) -> str:
    return {4: "four", 6: "six"}.get(number, str(number))


def _pathway_part(page: LAPage, message: str | None,
                  warnings: tuple[str, ...]) -> list[Component]:
    """The form for the region's senior HMI where the pathway is theirs to record."""
    status: LAStatus = page.profile.status
    if not page.may_set_pathway or status.pathway_basis not in (PATHWAY_TO_BE_SET,
                                                                PATHWAY_RECORDED):
        return []
    return [html.Section(pathway_form(page.profile.la_code, message, warnings),
                         className="border rounded p-3 mt-3")]


def _visits_part(page: LAPage, message: str | None,
                 warnings: tuple[str, ...]) -> list[Component]:
    if not page.may_record_visits:
        return []
    planned_other = [v for v in page.profile.entered_visits
                     if v.status == "planned" and v.kind != "monitoring_visit"]
    listed = ([html.P("Planned focused visits: " + "; ".join(
        format_date(v.visit_date) for v in planned_other), id="planned-focused")]
        if planned_other else [])
    return [html.Section([*listed, *visits_form(page.profile.la_code, message, warnings)],
                         className="border rounded p-3 mt-3")]


def status_content(page: LAPage, pathway_message: str | None = None,
                   visit_message: str | None = None,
                   warnings: tuple[str, ...] = ()) -> list[Component]:
    """The summary, pathway and monitoring parts of the LA page, for whoever reads it;
    ``warnings`` go with whichever message is given."""
    return [
        la_summary(page.profile),
        *_pathway_part(page, pathway_message, warnings if pathway_message else ()),
        *monitoring_panel(page.profile),
        *_visits_part(page, visit_message, warnings if visit_message else ()),
    ]
