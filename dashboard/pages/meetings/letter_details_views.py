"""The LA's letter details on the letter page (issue 21): who the letter goes to, where,
and who is copied in; entered once by the region's inspectors and reused by every letter
to the LA."""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components.forms import label_for
from dashboard.domain.engagement_letter import (
    MAX_ADDRESS_LINES,
    MAX_COPIES,
    MAX_DCS_NAME,
)
from dashboard.formatting import format_date_time
from dashboard.pages.meetings import ids
from dashboard.pages.meetings.views import button
from dashboard.services.letter_details import MAX_TYPED, LetterDetailsView


def details_form(details: LetterDetailsView, la_name: str) -> Component:
    """The form, open until the details are first saved."""
    saved = (f"Last saved by {details.updated_by} on {format_date_time(details.updated_at)}."
             if details.updated_at else "Not entered yet: the letter has no address or copy "
             "list until they are.")
    return html.Details([
        html.Summary(f"Who the letter goes to: {la_name}'s letter details",
                     className="h5"),
        html.P(["Every letter to the local authority uses these. A new draft is addressed "
                "to the DCS named here (else to the DCS the record names); drafts not yet "
                "issued take the address and copy list when you save; an issued letter "
                "keeps what it was sent with. ", saved], className="form-text"),
        dcc.Store(id=ids.LETTER_DETAILS_LA, data=details.la_code),
        *label_for("Director of Children's Services: name", ids.LETTER_DETAILS_DCS),
        dcc.Input(id=ids.LETTER_DETAILS_DCS, value=details.dcs_name, type="text",
                  maxLength=MAX_DCS_NAME, className="form-control mb-2"),
        *label_for("Postal address", ids.LETTER_DETAILS_ADDRESS,
                   f"One line each, up to {MAX_ADDRESS_LINES} lines; the local authority's "
                   "name is added above it."),
        dcc.Textarea(id=ids.LETTER_DETAILS_ADDRESS, value=details.address, rows=4,
                     maxLength=MAX_TYPED, className="form-control mb-2"),
        *label_for("Copy list", ids.LETTER_DETAILS_COPIES,
                   f"One person a line, “name, role”, up to {MAX_COPIES}: for example the "
                   "chief executive and the lead member for children's services."),
        dcc.Textarea(id=ids.LETTER_DETAILS_COPIES, value=details.copies, rows=3,
                     maxLength=MAX_TYPED, className="form-control mb-2"),
        button("Save letter details", ids.LETTER_DETAILS_SAVE, "outline-primary"),
        html.Div(id=ids.LETTER_DETAILS_MESSAGE, role="status"),
    ], open=details.updated_at is None, id="letter-details", className="mb-4")
