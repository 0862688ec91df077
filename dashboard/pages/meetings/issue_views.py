"""The confirmation step before a letter is issued: issuing freezes it for good, so the
inspector sees the letter as it will read, who will be able to read it, and anything
that stops it (ILACS framework paras 47 and 48) before choosing "Yes, issue"."""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components import alerts
from dashboard.components.forms import label_for
from dashboard.components.outline import outline_components
from dashboard.components.tables import summary_list
from dashboard.domain.engagement_letter import letter_outline, letter_sections
from dashboard.formatting import format_date
from dashboard.pages.meetings import ids
from dashboard.pages.meetings.views import button
from dashboard.services.engagement_letters import SENIOR_MAY_ISSUE, IssuePreview


def _readers(preview: IssuePreview) -> Component:
    if not preview.readers:
        return html.P(f"No account of {preview.la_name} can read it yet: an administrator "
                      "adds the local authority's users.", id="issue-readers")
    return html.Ul([html.Li(f"{r.name} ({r.part})" if r.part else r.name)
                    for r in preview.readers], id="issue-readers")


def issue_confirmation(preview: IssuePreview) -> list[Component]:
    """What "Issue" would freeze and who would see it; "Yes, issue" only where the person
    may issue (the server checks everything again when it is chosen)."""
    letter = preview.letter
    sections = [heading for heading, _text in letter_sections(letter.body) if heading]
    parts: list[Component] = [
        html.H3("Issue this letter?", className="h5"),
        summary_list([
            ("Addressed to", letter.addressee),
            ("Dated", format_date(letter.issued_on)),
            ("Meeting", format_date(letter.meeting_date)),
            ("Signed", letter.signatory),
            ("Sections", f"{len(sections)}: " + "; ".join(sections) if sections else "None"),
        ], "issue-summary"),
        html.P(f"Who will see it: the {len(preview.readers)} account(s) of "
               f"{preview.la_name}, and the region's inspectors. It is not published.",
               className="mb-1"),
        _readers(preview),
        alerts.alert("Once issued, the letter cannot be changed or withdrawn.",
                     alerts.WARNING, id="issue-frozen"),
        html.Details([
            html.Summary("The letter as it will read"),
            html.Article(outline_components(letter_outline(letter)),
                         className="letter-document", id="issue-letter"),
        ], open=True, className="mb-3"),
    ]
    if preview.blockers:
        parts.append(alerts.alert(["It cannot be issued yet: ",
                                   html.Ul([html.Li(b) for b in preview.blockers])],
                                  alerts.WARNING, id="issue-refusals"))
    elif preview.refusals:
        advice = (SENIOR_MAY_ISSUE if preview.may_give_reason else
                  "A senior HMI of the region can issue it with a recorded reason.")
        parts.append(alerts.alert(["The issuing rules refuse this letter: ",
                                   html.Ul([html.Li(r) for r in preview.refusals]), advice],
                                  alerts.WARNING, id="issue-refusals"))
        if preview.may_give_reason:
            reason_id = ids.issue_reason(0)
            parts += [*label_for("Reason to issue anyway (kept with the letter and in the "
                                 "audit trail)", reason_id),
                      dcc.Textarea(id=reason_id, rows=2, maxLength=1000,
                                   className="form-control mb-2")]
    if preview.may_issue:
        parts.append(button("Yes, issue", ids.LETTER_CONFIRM, "success"))
    parts += [button("Cancel", ids.LETTER_CANCEL, "outline-secondary"),
              html.Div(id=ids.LETTER_CONFIRM_MESSAGE, role="status")]
    return [html.Section(parts, className="border rounded p-3 mb-3", id="issue-confirmation")]
