"""What every indicator counts, and the Annex A columns each list needs."""

from __future__ import annotations

from typing import Any

import dash
from dash import html
from dash.development.base_component import Component

from dashboard.access import Principal
from dashboard.components.guard import guarded
from dashboard.components.tables import header_row
from dashboard.domain.annex_a import ANNEX_A_LISTS, TEMPLATE_GUIDANCE
from dashboard.domain.extraction_date import CONFIRMATION_RULE, PROPOSAL_RULE
from dashboard.domain.indicators import INDICATORS, WORKING_DAYS
from dashboard.domain.plausibility import HALF_TO_TWICE_RULE
from dashboard.domain.published_series import QUARTILE_RULE, RULE_LABELS, rule_texts
from dashboard.pages.mi.views import definitions_table, measures_table
from dashboard.services.published import published_measures

dash.register_page(
    __name__, path="/indicators", title="Indicator definitions - ILACS engagement",
    name="Indicator definitions",
    nav_label="Definitions", nav_order=110,
)


def _columns_table() -> Component:
    rows = []
    for annex_list in ANNEX_A_LISTS:
        required = [c.heading for c in annex_list.columns if c.required]
        expected = [c.heading for c in annex_list.columns if not c.required]
        rows.append(html.Tr([
            html.Th(annex_list.label + (" (optional)" if annex_list.optional
                                        or annex_list.number == 11 else ""), scope="row"),
            html.Td(annex_list.covers),
            html.Td("; ".join(required)),
            html.Td("; ".join(expected)),
        ]))
    return html.Table(
        [
            html.Caption("The Annex A lists and their columns"),
            header_row(("List", "Covers", "Columns needed", "Other columns")),
            html.Tbody(rows),
        ],
        className="table table-sm definitions",
        id="columns-table",
    )


def _page(_user: Principal) -> Component:
    return html.Div([
        html.H1("Indicator definitions", id="definitions-title"),
        html.P("Each indicator is worked out from an LA's Annex A lists (framework paras "
               "246-253) as at the date the lists were extracted, following the DfE "
               "definition named beside it; where the lists cannot give DfE's figure "
               "exactly, the definition says how it differs."),
        html.P(["The lists' periods and rows follow ", html.Strong(TEMPLATE_GUIDANCE),
                ", which LAs fill in and which moved on from the framework's 2017 text (para "
                "249): contacts, early help, referrals, assessments and section 47 enquiries "
                "cover the six months before extraction, a row per contact, referral, "
                "assessment and enquiry, so a child referred twice is on list 3 twice; lists "
                "6 to 10 hold one entry per child (their most recent episode, plan or period "
                "of care; where a file has two, the most recent is used and the upload says "
                "so); lists 10 and 11 cover twelve months. The “Counted” column says "
                "whether an indicator counts events or children. A row whose count or date "
                "of birth could not be read is left out of the figures that need it, and "
                "each such figure says how many rows it left out."], id="template-guidance"),
        html.P(WORKING_DAYS, id="working-days"),
        definitions_table(INDICATORS),
        html.H2("Published figures, comparators and flags"),
        html.P("Every LA's page shows DfE's published figures for the measures below, for "
               "the last six years published, from DfE's Local Authority Interactive Tool "
               "data and its children's social care outcomes files (children in need, "
               "children looked after and social work workforce statistics). The statistical "
               "neighbours' figure is the average of those of the LA's ten neighbours that "
               "have a figure, and says how many do; the Ofsted region's is the published "
               "regional figure, except for North East, Yorkshire and the Humber, which DfE "
               "does not publish as one region: there it is the average of its LAs' figures, "
               "marked as not published. England's is as published. Contains public sector "
               "information licensed under the Open Government Licence v3.0."),
        html.P(QUARTILE_RULE, id="quartile-rule"),
        html.Ul([html.Li([html.Strong(f"{RULE_LABELS[rule]}: "), text])
                 for rule, text in rule_texts().items()], id="flag-rules"),
        measures_table(published_measures()),
        html.H2("Checking an upload"),
        html.P(PROPOSAL_RULE, id="extraction-date-proposal"),
        html.P(CONFIRMATION_RULE, id="extraction-date-rule"),
        html.P(HALF_TO_TWICE_RULE, id="plausibility-rule"),
        html.H2("Annex A columns"),
        html.P("Headings are matched loosely: case, spacing and punctuation do not matter, "
               "and the DfE census wording is accepted. The headings need not be on the "
               "first row: the template's title row, notes or blank rows above them are "
               "passed over (the upload says which rows). The template's dropdown values "
               "(“a) Male”, “a) WBRI”) are read as their DfE codes. A "
               "missing needed column, or a blank ID or event date, stops the upload; a blank "
               "or unreadable count only warns, and its row is left out of the figures that "
               "need it; the other columns only warn. Two optional "
               "columns are not in the template but make figures exact when present: the "
               "date of previous referral (list 3) and case-holding social workers (FTE) on "
               "the Workforce sheet. List 8's placement type and legal status and list 9's "
               "type of accommodation are optional too; each definition above says what "
               "happens without them."),
        _columns_table(),
    ])


def layout(**_: Any) -> Component:
    return guarded(_page)
