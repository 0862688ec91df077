"""The letter after the meeting (para 48): the inspectors' draft, its check, overrides
and issue; the LA's users read it once issued."""

from __future__ import annotations

from itertools import groupby, pairwise

from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components import alerts
from dashboard.components.documents import document_links
from dashboard.components.forms import label_for, unsaved_guard
from dashboard.components.outline import outline_components
from dashboard.domain.engagement_letter import MAX_LETTER, letter_outline
from dashboard.domain.letter_lint import LetterFinding, reading_blocks
from dashboard.domain.sef_text import Run
from dashboard.formatting import format_date, format_date_time
from dashboard.pages.meetings import ids
from dashboard.pages.meetings.letter_details_views import details_form
from dashboard.pages.meetings.views import FORMATTING_HINT, button
from dashboard.services.engagement_letters import LetterPage
from dashboard.services.letter_details import LetterDetailsView


def letter_links(meeting_id: int) -> Component:
    """The letter's print view, Word file and PDF."""
    return document_links(f"/letter/{meeting_id}", "letter",
                          ("letter-print", "letter-docx", "letter-pdf"))


def _styled(text: str, run: Run) -> Component | str:
    piece: Component | str = text
    if run.italic:
        piece = html.Em(piece)
    if run.bold:
        piece = html.Strong(piece)
    return piece


def _marked_line(runs: tuple[Run, ...], line_start: int,
                 numbered: list[tuple[int, LetterFinding]]) -> list[Component | str]:
    """One line of the letter, its runs cut where findings start and end; each finding's
    words in a <mark>, named for screen readers and numbered, so colour is not the only
    sign. User text stays text: only components are built."""
    line_end = line_start + sum(len(run.text) for run in runs)
    cuts = sorted({line_start, line_end} | {
        edge for _n, f in numbered for edge in (f.start, f.end)
        if line_start < edge < line_end})
    pieces: list[tuple[int | None, Component | str]] = []
    at = line_start
    for run in runs:
        run_end = at + len(run.text)
        for left, right in pairwise(cuts):
            lo, hi = max(left, at), min(right, run_end)
            if lo < hi:
                number = next((n for n, f in numbered if f.start <= lo and hi <= f.end), None)
                pieces.append((number, _styled(run.text[lo - at:hi - at], run)))
        at = run_end
    out: list[Component | str] = []
    for number, group in groupby(pieces, key=lambda piece: piece[0]):
        words = [piece for _n, piece in group]
        if number is None:
            out.extend(words)
        else:
            out += [html.Span(f"Finding {number}: ", className="visually-hidden"),
                    html.Mark(words, className="lint-mark"),
                    html.Sup(f"[{number}]", className="lint-number")]
    return out


def marked_letter(body: str, findings: list[LetterFinding]) -> Component:
    """The letter's body as it will read (headings, paragraphs and lists, as the print
    view lays them out), with each finding marked in place and numbered as in the list."""
    numbered = list(enumerate(findings, start=1))
    out: list[Component] = []
    line_start = 0
    for block in reading_blocks(body):
        lines = []
        for runs in block.items:
            lines.append(_marked_line(runs, line_start, numbered))
            line_start += sum(len(run.text) for run in runs) + 1
        if block.kind == "heading":
            out.append(html.H4(lines[0], className="h6"))
        elif block.kind == "paragraph":
            out.append(html.P(lines[0]))
        else:
            tag = html.Ol if block.ordered else html.Ul
            out.append(tag([html.Li(line) for line in lines]))
    return html.Div(out, id="letter-marked", className="letter-marked letter-document")


def _finding_item(number: int, finding: LetterFinding, is_open: bool) -> Component:
    what: list[Component | str] = [html.Strong(f"[{number}] “{finding.text}”"), html.Br(),
                                   finding.reason]
    if is_open:
        reason_id = ids.override_reason(number - 1)
        what += [html.Div([
            *label_for(f"Reason to keep finding {number}", reason_id),
            dcc.Input(id=reason_id, type="text", maxLength=1000,
                      className="form-control mb-1"),
            button("Record the override", ids.override(number - 1),
                   "outline-secondary", small=True)], className="mt-1")]
    else:
        what.append(html.P("Kept, with a recorded reason.", className="form-text"))
    return html.Li(what, className="mb-2", id=f"letter-finding-{number}")


def findings_section(page: LetterPage) -> list[Component]:
    if not page.findings:
        return [alerts.alert("No findings: nothing in the letter reads as a judgement about "
                             "practice or identifies a child.", alerts.SUCCESS,
                             id="letter-check"),
                dcc.Store(id=ids.LETTER_FINDING_KEYS, data=[])]
    open_keys = {(f.text, f.reason, f.context) for f in page.open_findings}
    items = [_finding_item(number, finding,
                           (finding.text, finding.reason, finding.context) in open_keys)
             for number, finding in enumerate(page.findings, start=1)]
    blocking = len(page.open_findings)
    summary = (f"{blocking} finding(s) block issuing: change the text and save, or record "
               "a reason to keep each one." if blocking else
               "Every finding has a recorded reason: the letter can be issued.")
    return [
        alerts.alert(summary, alerts.WARNING if blocking else alerts.INFO, id="letter-check"),
        html.Div([
            html.Div([html.H3("The letter as it will read", className="h6"),
                      marked_letter(page.letter.body if page.letter else "", page.findings)],
                     className="col-lg-7"),
            html.Div([html.H3("Findings", className="h6"),
                      html.Ol(items, id="letter-findings-list", className="list-unstyled")],
                     className="col-lg-5"),
        ], className="row"),
        dcc.Store(id=ids.LETTER_FINDING_KEYS,
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

def letter_panel(page: LetterPage) -> list[Component]:
    """What the letter page shows this user, from drafting to issued."""
    due = (f"Due by {format_date(page.due)}: within a month of the meeting on "
           f"{format_date(page.meeting_date)} (paragraph 48).")
    if page.issued and page.letter:
        return [
            alerts.alert(f"Issued on {format_date(page.letter.issued_on)} by {page.issued_by}. "
                         "It cannot be changed. It is not published.", alerts.INFO,
                         id=ids.LETTER_STATE),
            *([html.P(f"Issued with a senior HMI's reason: {page.issue_reason}",
                      className="note", id="letter-issue-reason")] if page.issue_reason else []),
            letter_links(page.meeting_id),
            html.Article(outline_components(letter_outline(page.letter)), id="letter-document",
                         className="letter-document"),
            *([overrides_list(page)] if page.may_write else []),
        ]
    if not page.may_write:
        return [alerts.alert("The letter has not been issued yet. " + due, alerts.NOTE,
                             id=ids.LETTER_STATE)]
    if not page.recorded:
        return [alerts.alert("Record the meeting first: the letter is drafted from the record.",
                             alerts.NOTE, id=ids.LETTER_STATE),
                dcc.Link("Record the meeting", href=f"/record/{page.meeting_id}")]
    if page.letter is None:
        return [html.P("No draft yet. " + due, id=ids.LETTER_STATE),
                button("Draft the letter from the record", ids.LETTER_DRAFT)]
    letter = page.letter
    return [
        alerts.alert([f"Draft, revision {page.revision}, saved by {page.updated_by} on "
                      f"{format_date_time(page.updated_at)}. " if page.updated_at else "Draft. ",
                      due], alerts.NOTE, id=ids.LETTER_STATE),
        dcc.Store(id=ids.LETTER_REVISION, data=page.revision),
        *label_for("Addressed to", ids.LETTER_ADDRESSEE),
        dcc.Input(id=ids.LETTER_ADDRESSEE, value=letter.addressee, type="text", maxLength=200,
                  className="form-control mb-2"),
        html.P(f"The letter shows the meeting date ({format_date(letter.meeting_date)}) and "
               "the attendees from the record, then the text below, then your name.",
               className="form-text"),
        *label_for("The letter", ids.LETTER_BODY, FORMATTING_HINT),
        dcc.Textarea(id=ids.LETTER_BODY, value=letter.body, rows=24, maxLength=MAX_LETTER,
                     className="form-control mb-2"),
        button("Save and check", ids.LETTER_SAVE),
        html.Div(id=ids.LETTER_MESSAGE, role="status"),
        html.H2("Check before issuing (paragraph 48)"),
        html.Div(findings_section(page), id=ids.LETTER_FINDINGS),
        html.Div(overrides_list(page), id=ids.LETTER_OVERRIDES_PANEL),
        html.H2("Preview and issue"),
        letter_links(page.meeting_id),
        html.P("Issuing freezes the letter and shows it to the local authority's users. "
               "It issues the text as last saved. You will see what is issued, and to "
               "whom, before you confirm."),
        button("Issue the letter", ids.LETTER_ISSUE, "success"),
        html.Div(id=ids.LETTER_CONFIRM_PANEL),
        html.Details([
            html.Summary("Start again from the record"),
            html.P("This replaces the draft's text with a new draft from the record. Your "
                   "edits are lost."),
            button("Redraft from the record", ids.LETTER_REDRAFT, "outline-danger", small=True),
        ], className="mt-3"),
    ]

def letter_page(page: LetterPage, details: LetterDetailsView | None = None) -> Component:
    """The page; ``details`` (the LA's letter details) for those who keep them."""
    links = [dcc.Link("Back to the meeting", href=f"/meeting/{page.meeting_id}",
                      className="me-3")]
    return html.Div([
        html.H1(f"Letter after the annual engagement meeting: {page.la_name}"),
        html.P(links),
        *([details_form(details, page.la_name)] if details else []),
        dcc.Store(id=ids.LETTER_MEETING, data=page.meeting_id),
        html.Div(id=ids.LETTER_PANEL_MESSAGE, role="status"),
        html.Div(letter_panel(page), id=ids.LETTER_PANEL,
                 **unsaved_guard(f"{ids.LETTER_SAVE}.n_clicks")),
    ])
