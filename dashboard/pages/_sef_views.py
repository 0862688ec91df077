"""How the SEF looks: the editor for the LA's own users, the reader for everyone else.

Every editable field has a pattern-matching id naming its place in the document
(``dashboard.domain.sef.field_path``); callbacks send the values back under those
names. User text is only ever put into components as text, which React escapes.
"""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.domain.child_identifiers import IdentifierFinding
from dashboard.domain.sef import (
    DEVELOPMENT,
    EVIDENCE_KINDS,
    INDICATOR,
    QUESTIONS,
    STATEMENT_KINDS,
    STRENGTH,
    SUGGESTED_THEMES,
    Evidence,
    Figure,
    Plan,
    Sef,
    Statement,
    Theme,
    field_path,
    figure_text,
    over_length,
    section_word_counts,
    sef_to_dict,
    weakness_plan_coverage,
)
from dashboard.domain.sef_compare import ADDED, REMOVED, Change
from dashboard.domain.sef_outline import Heading, Outline, Table, Text
from dashboard.domain.sef_text import ListBlock, Paragraph, Run, one_line
from dashboard.formatting import format_date, format_date_time
from dashboard.pages._mi_views import format_value
from dashboard.pages._views import header_row
from dashboard.services.sef import SefPage, ThemeEvidence, VersionInfo
from dashboard.services.sef_export import tombstone_text

TEXT = "sef-text"  # Input and Textarea: value and n_blur
CHOICE = "sef-choice"  # selects: value only
INDICATOR_CHOICE = "sef-indicator"  # the indicator an evidence item links
ANSWERS = "sef-answers"  # the weaknesses a plan answers
ACTION = "sef-action"


def field_id(kind: str, part: str, item_id: str, name: str) -> dict[str, str]:
    return {"type": kind, "path": field_path(part, item_id, name)}


def dom_id(component_id: dict[str, str]) -> str:
    """The id the browser gives a pattern-matching component, for a label's ``for``."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def action_id(action: str, target: str = "") -> dict[str, str]:
    return {"type": ACTION, "action": action, "target": target}


def label_for(text: str, component_id: dict[str, str] | str,
              hint: str = "") -> list[Component]:
    """A visible label for a control (string or pattern-matching id), with a hint."""
    target = component_id if isinstance(component_id, str) else dom_id(component_id)
    out: list[Component] = [html.Label(text, htmlFor=target, className="form-label")]
    if hint:
        out.append(html.Div(hint, className="form-text"))
    return out


def _textarea(part: str, item_id: str, name: str, label: str, value: str, rows: int = 4,
              hint: str = "") -> html.Div:
    component_id = field_id(TEXT, part, item_id, name)
    return html.Div(
        [*label_for(label, component_id, hint),
         dcc.Textarea(id=component_id, value=value, rows=rows, className="form-control",
                      maxLength=20_000)],
        className="mb-3",
    )


def _input(part: str, item_id: str, name: str, label: str, value: str,
           input_type: str = "text") -> html.Div:
    component_id = field_id(TEXT, part, item_id, name)
    return html.Div(
        [*label_for(label, component_id),
         dcc.Input(id=component_id, value=value, type=input_type, className="form-control",
                   maxLength=300 if input_type == "text" else None)],
        className="mb-3",
    )


def _button(text: str, action: str, target: str = "", kind: str = "secondary") -> html.Button:
    return html.Button(text, id=action_id(action, target), n_clicks=0, type="button",
                       className=f"btn btn-outline-{kind} btn-sm me-2 mb-2")


HELP_FORMATTING = ("You can use **bold**, *italic*, and lists (start lines with “- ”). "
                   "Anything else is kept as plain text.")


# ---------------------------------------------------------------- the editor


def figure_line(figure: Figure | None, latest: Figure | None = None) -> list[Component]:
    """A linked figure in words, with a flag when a newer upload gives another figure."""
    out: list[Component] = [html.Span(figure_text(figure))]
    if latest is not None:
        out.append(html.Strong(
            [" Newer figures: ", figure_text(latest),
             ". Use “Update figures to the latest upload” to refresh them."],
            className="sef-changed d-block",
        ))
    return out


def _evidence(evidence: Evidence, choices: list[tuple[str, str]],
              changed: dict[str, Figure]) -> html.Li:
    remove = _button("Remove this evidence", "remove", evidence.id, "danger")
    if evidence.kind == INDICATOR:
        choice = field_id(INDICATOR_CHOICE, "evidence", evidence.id, "indicator_id")
        body = [
            html.Div([
                *label_for("Figure from your management information", choice),
                dbc.Select(id=choice, value=evidence.indicator_id or "",
                           options=[{"label": "Choose an indicator", "value": ""}]
                           + [{"label": name, "value": key} for key, name in choices]),
            ], className="mb-2"),
            html.P(figure_line(evidence.figure, changed.get(evidence.id)),
                   id={"type": "sef-figure", "path": choice["path"]},
                   className="sef-figure", **{"aria-live": "polite"}),
            _textarea("evidence", evidence.id, "summary", "What the figure shows (optional)",
                      evidence.summary, rows=2),
        ]
    else:
        kind = field_id(CHOICE, "evidence", evidence.id, "kind")
        body = [
            html.Div([
                *label_for("Kind of evidence", kind),
                dbc.Select(id=kind, value=evidence.kind,
                           options=[{"label": label, "value": key}
                                    for key, label in EVIDENCE_KINDS.items()
                                    if key != INDICATOR]),
            ], className="mb-2"),
            _textarea("evidence", evidence.id, "summary", "What it shows", evidence.summary,
                      rows=2),
            html.Div([
                html.Div(_input("evidence", evidence.id, "source", "Source (document or team)",
                                evidence.source), className="col-md-8"),
                html.Div(_input("evidence", evidence.id, "dated", "Date", evidence.dated,
                                "date"), className="col-md-4"),
            ], className="row"),
        ]
    return html.Li(html.Div([*body, remove], className="sef-evidence"))


def _statement(statement: Statement, number: int, choices: list[tuple[str, str]],
               changed: dict[str, Figure]) -> html.Li:
    label = f"{STATEMENT_KINDS[statement.kind]} {number}"
    return html.Li(html.Div([
        _textarea("statement", statement.id, "text", label, statement.text, rows=3),
        html.H5("How you know it: evidence", className="h6"),
        html.Ul([_evidence(e, choices, changed) for e in statement.evidence],
                className="list-unstyled sef-evidence-list"),
        _button("Add a figure", "add-evidence", f"{statement.id}:{INDICATOR}"),
        _button("Add other evidence", "add-evidence", f"{statement.id}:case_audit"),
        _button(f"Remove {label.lower()}", "remove", statement.id, "danger"),
    ], className="sef-statement"))


def _theme(theme: Theme, choices: list[tuple[str, str]],
           changed: dict[str, Figure]) -> html.Section:
    name = theme.name or "New theme"
    blocks: list[Component] = [
        html.H3(f"Theme: {name}", className="h4"),
        _input("theme", theme.id, "name", "Theme name", theme.name),
    ]
    for kind, heading, add in ((STRENGTH, "Strengths", "Add a strength"),
                               (DEVELOPMENT, "Areas for development",
                                "Add an area for development")):
        statements = [s for s in theme.statements if s.kind == kind]
        blocks += [
            html.H4(heading, className="h5"),
            html.Ol([_statement(s, n, choices, changed)
                     for n, s in enumerate(statements, start=1)], className="sef-statements"),
            _button(add, "add-statement", f"{theme.id}:{kind}"),
        ]
    blocks.append(html.Div(_button(f"Remove the theme “{name}”", "remove", theme.id, "danger")))
    return html.Section(blocks, className="sef-theme", **{"aria-label": f"Theme: {name}"})


def weakness_options(sef: Sef) -> list[dict]:
    return [
        {"label": f"{theme.name or 'Unnamed theme'}: "
                  f"{one_line(s.text)[:120] or '(no text yet)'}",
         "value": s.id}
        for theme, s in sef.weaknesses()
    ]


def _plan(plan: Plan, number: int, sef: Sef) -> html.Li:
    answers = field_id(ANSWERS, "plan", plan.id, "answers")
    options = weakness_options(sef)
    return html.Li(html.Div([
        html.H4(f"Plan {number}", className="h5"),
        _textarea("plan", plan.id, "action", "What will be done", plan.action, rows=2),
        html.Div([
            html.Div(_input("plan", plan.id, "owner", "Owner", plan.owner), className="col-md-8"),
            html.Div(_input("plan", plan.id, "due", "Due by", plan.due, "date"),
                     className="col-md-4"),
        ], className="row"),
        _textarea("plan", plan.id, "impact_measure", "How impact will be measured",
                  plan.impact_measure, rows=2),
        html.Fieldset([
            html.Legend("Which areas for development it answers", className="form-label fs-6"),
            dbc.Checklist(id=answers, options=options, value=list(plan.answers))
            if options else html.P("Add an area for development to a theme first.",
                                   className="form-text"),
        ], className="mb-3"),
        _button(f"Remove plan {number}", "remove", plan.id, "danger"),
    ], className="sef-plan"))


def word_count_text(sef: Sef, key: str) -> str:
    count = section_word_counts(sef)[key]
    return f"{count:,} word{'s' if count != 1 else ''}"


def length_summary(sef: Sef) -> Component:
    """The whole SEF's length against the LA's own limit (para 36: succinct)."""
    total = sum(section_word_counts(sef).values())
    over = over_length(sef)
    text = f"{total:,} words in all; your limit is {sef.length_limit_words:,}."
    if over:
        return html.Div([
            html.Strong("Longer than your limit. "),
            f"{text} The framework asks for a succinct, evaluative SEF (para 36): consider "
            f"cutting about {over:,} words, or linking to existing documents instead.",
        ], className="alert alert-warning mb-0", role="status")
    return html.P(text, className="mb-0")


def coverage_table(sef: Sef) -> Component:
    """Each area for development and whether a plan answers it (para 38)."""
    rows = weakness_plan_coverage(sef)
    if not rows:
        return html.P("No areas for development yet.", className="form-text")
    return html.Table([
        html.Caption("Areas for development and their plans"),
        header_row(("Theme", "Area for development", "Plans", "Status")),
        html.Tbody([
            html.Tr([
                html.Td(row.theme or "Unnamed theme"),
                html.Td(one_line(row.weakness.text) or "(no text)"),
                html.Td(str(len(row.plans))),
                html.Td(html.Span(row.label, className=f"sef-coverage sef-coverage-{row.status}")),
            ])
            for row in rows
        ]),
    ], className="table table-sm", id="sef-coverage-table")


def sef_form(sef: Sef, choices: list[tuple[str, str]],
             changed: dict[str, Figure]) -> list[Component]:
    """Every editable part of the SEF, in the order of the three questions."""
    know, how, plans = (QUESTIONS[k] for k in QUESTIONS)
    return [
        html.Section([
            html.H2(["1. ", know]),
            html.P(word_count_text(sef, "know"), id="sef-words-know", className="sef-words"),
            _textarea("summary", "", "know", "Opening text: your main themes and learning",
                      sef.summaries["know"], rows=5, hint=HELP_FORMATTING),
            *[_theme(theme, choices, changed) for theme in sef.themes],
            html.Div([
                *label_for("Add a theme", "sef-new-theme",
                        "Suggested themes follow the framework's areas; "
                        "choose “Your own theme” to name it yourself."),
                dbc.Select(id="sef-new-theme", value="",
                           options=[{"label": "Your own theme", "value": ""}]
                           + [{"label": t, "value": t} for t in SUGGESTED_THEMES
                              if t not in {th.name for th in sef.themes}]),
                _button("Add theme", "add-theme", "", "primary"),
            ], className="sef-add-theme mb-4"),
        ], className="sef-question"),
        html.Section([
            html.H2(["2. ", how]),
            html.P(word_count_text(sef, "how"), id="sef-words-how", className="sef-words"),
            _textarea("summary", "", "how", "How you evaluate the impact of practice",
                      sef.summaries["how"], rows=4, hint=HELP_FORMATTING),
            html.P("The evidence you attach to each statement above is gathered under this "
                   "question in the document, theme by theme.", className="form-text"),
        ], className="sef-question"),
        html.Section([
            html.H2(["3. ", plans]),
            html.P(word_count_text(sef, "plans"), id="sef-words-plans", className="sef-words"),
            _textarea("summary", "", "plans", "Opening text about your plans",
                      sef.summaries["plans"], rows=3, hint=HELP_FORMATTING),
            html.Ol([_plan(p, n, sef) for n, p in enumerate(sef.plans, start=1)],
                    className="list-unstyled"),
            _button("Add a plan", "add-plan", "", "primary"),
            html.H3("Do your plans answer every area for development?", className="h5 mt-3"),
            html.Div(coverage_table(sef), id="sef-coverage"),
        ], className="sef-question"),
        html.Section([
            html.H2("Length", className="h4"),
            _input("settings", "", "length_limit_words", "Length limit for the whole SEF (words)",
                   str(sef.length_limit_words), "number"),
        ], className="sef-question"),
    ]


def expectation_notice(page: SefPage) -> Component | None:
    """Para 30: an LA judged inadequate is not asked for a SEF in its first year."""
    if page.expectation.expected:
        return None
    when = (f" Ofsted will ask for one from {format_date(page.expectation.expected_from)}."
            if page.expectation.expected_from else "")
    return html.Div([
        html.H2("A self-evaluation is not expected yet", className="h5"),
        html.P("Because the last inspection judged the local authority inadequate, Ofsted "
               "does not ask for a self-evaluation until the monitoring visits in the first "
               "12 months are complete (framework paragraph 30). Engagement meanwhile focuses "
               f"on the quality of action planning.{when} You can still write one here."),
    ], className="alert alert-info", id="sef-not-expected")


def saved_text(number: int, versions: list[VersionInfo]) -> str:
    info = next((v for v in versions if v.number == number), None)
    if info is None:
        return "Not saved yet. Drafts save themselves every 30 seconds while you work."
    return (f"Version {number} saved by {info.author} on {format_date_time(info.saved_at)}. "
            "Drafts save themselves every 30 seconds.")


def editor_page(page: SefPage) -> Component:
    return html.Div([
        html.H1(f"Self-evaluation: {page.la_name}"),
        html.P("Answer the three questions of the framework (paragraph 33) with your main "
               "themes and learning, tying each claim to evidence. Keep it succinct and "
               "evaluative (paragraph 36). Only your local authority sees drafts; Ofsted's "
               f"inspectors for {page.region_name} see a version once you share it."),
        expectation_notice(page),
        words_from_notice(page),
        dcc.Store(id="sef-la", data=page.la_code),
        dcc.Store(id="sef-doc", data=sef_to_dict(page.sef)),
        dcc.Store(id="sef-base", data=page.head_number),
        dcc.Store(id="sef-conflict-base"),
        dcc.Store(id="sef-review"),  # True while a save waits on the identifier warning
        dcc.Interval(id="sef-autosave", interval=30_000),
        html.Div([
            html.P(saved_text(page.head_number, page.versions), id="sef-status",
                   role="status", className="mb-2"),
            html.Div(length_summary(page.sef), id="sef-length"),
            html.Div([
                html.Button("Save now", id="sef-save", n_clicks=0, type="button",
                            className="btn btn-primary me-2"),
                html.Button("Update figures to the latest upload", id="sef-refresh",
                            n_clicks=0, type="button", className="btn btn-outline-primary me-2"),
                html.Button("Share with Ofsted…", id="sef-share", n_clicks=0, type="button",
                            className="btn btn-success"),
            ], className="mt-2"),
        ], className="sef-toolbar"),
        html.Div(id="sef-conflict", **{"aria-live": "assertive"}),
        html.Div(id="sef-identifiers", **{"aria-live": "assertive"}),
        html.Div(id="sef-share-panel", **{"aria-live": "polite"}),
        html.Div(sef_form(page.sef, page.indicator_choices, page.changed_figures),
                 id="sef-form"),
        html.Div(versions_panel(page.la_code, page.versions, True), id="sef-versions"),
        html.Div(id="sef-purge-panel", **{"aria-live": "polite"}),
    ], className="sef-page")


# ---------------------------------------------------------------- messages


def changes_list(changes: list[Change], list_id: str) -> Component:
    if not changes:
        return html.P("No differences.", id=list_id)
    items = []
    for change in changes:
        if change.kind == ADDED:
            body: list = [html.Ins(change.after)]
        elif change.kind == REMOVED:
            body = [html.Del(change.before)]
        else:
            body = []
            for segment in change.segments:
                if segment.kind == ADDED:
                    body += [html.Ins(segment.text), " "]
                elif segment.kind == REMOVED:
                    body += [html.Del(segment.text), " "]
                else:
                    body.append(segment.text + " ")
        items.append(html.Li([html.Strong(f"{change.label} ({change.kind}): "), *body]))
    return html.Div([
        html.P("Added words are underlined; removed words are struck through.",
               className="form-text"),
        html.Ul(items, id=list_id, className="sef-changes"),
    ])


def conflict_message(author: str, saved_at_text: str, theirs: list[Change],
                     yours: list[Change]) -> Component:
    return html.Div([
        html.H2("Someone else saved while you were editing", className="h5"),
        html.P(f"{author} saved a newer version on {saved_at_text}. Your changes have not been "
               "saved and nothing has been overwritten. Your text is still in the form below."),
        html.H3("What they changed", className="h6"),
        changes_list(theirs, "sef-their-changes"),
        html.H3("What your save would change", className="h6"),
        changes_list(yours, "sef-your-changes"),
        html.Button("Save mine as the newest version", id="sef-keep-mine", n_clicks=0,
                    type="button", className="btn btn-primary me-2"),
        html.Button("Discard mine and load theirs", id="sef-load-theirs", n_clicks=0,
                    type="button", className="btn btn-secondary"),
    ], className="alert alert-warning", role="alert", id="sef-conflict-message")


def identifier_review(findings: list[IdentifierFinding], problem: str = "") -> Component:
    """A save found text that may identify a child: nothing was stored (issue 15).

    The LA's own user sees their own words here, to find them. They change the text
    and save again, or say why these are not a child's details and save anyway.
    """
    parts: list[Component] = [
        html.H2("Not saved: this text may identify a child", className="h5"),
        html.P("Every saved version is kept, so check these places first. Change the text "
               "and save again; or, if they are not a child's details (for example a "
               "member of staff or a place), say why and choose “Save anyway”. Autosave "
               "is paused until you do one or the other. Your text is still in the form."),
        html.Ul([html.Li(f"{f.where}: {f.kind} (“{f.excerpt}”)") for f in findings],
                id="sef-identifier-findings"),
        *label_for("Why these are not a child's details", "sef-override-reason",
                   "Kept with the version and in its change history."),
        dcc.Textarea(id="sef-override-reason", value="", rows=2, maxLength=1000,
                     className="form-control mb-2"),
    ]
    if problem:
        parts.append(html.P(problem, id="sef-override-problem", className="text-danger fw-bold"))
    parts.append(html.Button("Save anyway", id="sef-save-anyway", n_clicks=0, type="button",
                             className="btn btn-danger"))
    return html.Div(parts, className="alert alert-danger", role="alert",
                    id="sef-identifier-review")


def share_confirmation(number: int, region_name: str,
                       findings: list[IdentifierFinding]) -> Component:
    parts: list[Component] = [
        html.H2(f"Share version {number} with Ofsted", className="h5"),
        html.P(f"Ofsted's inspectors for {region_name} will be able to read this version. "
               "It cannot be changed after sharing; you can share a refreshed version later "
               "(framework paragraph 35)."),
    ]
    if findings:
        parts += [
            html.P(html.Strong("This version may identify a child. Check these before "
                               "sharing:"), className="mb-1"),
            html.Ul([html.Li(f"{f.where}: {f.kind} (“{f.excerpt}”)") for f in findings],
                    id="sef-findings"),
            dbc.Checklist(
                id="sef-share-override", value=[],
                options=[{"label": "I have checked these and no child can be identified",
                          "value": "checked"}]),
        ]
    else:
        parts.append(dbc.Checklist(id="sef-share-override", options=[], value=[]))
    parts.append(html.Button(f"Share version {number}", id="sef-share-confirm", n_clicks=0,
                             type="button", className="btn btn-success mt-2"))
    parts.append(dcc.Store(id="sef-share-number", data=number))
    return html.Div(parts, className="alert alert-secondary", id="sef-share-confirmation")


# ---------------------------------------------------------------- versions and reading


def document_links(la_code: str, number: int) -> Component:
    base = f"/sef/{la_code}/versions/{number}"
    return html.Span([
        html.A("Print view", href=f"{base}/print", target="_blank", rel="noopener",
               className="me-2", id=f"sef-print-{number}"),
        html.A("Word (.docx)", href=f"{base}/document.docx", className="me-2",
               id=f"sef-docx-{number}"),
        html.A("PDF", href=f"{base}/document.pdf", id=f"sef-pdf-{number}"),
    ], className="sef-doc-links")


PURGE_OPEN = "sef-purge-open"


def _words_cell(v: VersionInfo) -> Component:
    """Whether the version still has its words: the tombstone, or a removal asked for."""
    if v.purge is not None:
        return html.Td(html.Span(tombstone_text(v), className="sef-tombstone"))
    if v.purge_request is not None:
        r = v.purge_request
        return html.Td(f"Removal asked for by {r.requested_by} on "
                       f"{format_date_time(r.requested_at)}: {r.reason}. Until an "
                       "administrator confirms, the words stay.")
    return html.Td("Kept")


def _purge_button(v: VersionInfo) -> Component:
    if v.purged or v.purge_request is not None:
        return html.Td("")
    text = "Ask to remove words…" if v.shared_at else "Remove words…"
    return html.Td(html.Button(
        text, id={"type": PURGE_OPEN, "number": v.number}, n_clicks=0, type="button",
        className="btn btn-outline-danger btn-sm",
        **{"aria-label": f"{text[:-1]} of version {v.number}"}))


def versions_panel(la_code: str, versions: list[VersionInfo], may_edit: bool) -> Component:
    if not versions:
        return html.Section([html.H2("Versions"), html.P("No versions yet.")])
    options = [{"label": f"Version {v.number}" + (" (shared)" if v.shared_at else "")
                + (" (words removed)" if v.purged else ""),
                "value": str(v.number)} for v in versions]
    rows = [
        html.Tr([
            html.Td(dcc.Link(f"Version {v.number}", href=f"/sef/{la_code}?version={v.number}")),
            html.Td(f"{v.author}, {format_date_time(v.saved_at)}"),
            html.Td(f"Shared by {v.shared_by} on {format_date_time(v.shared_at)}"
                    if v.shared_at else "Draft"),
            _words_cell(v),
            html.Td(document_links(la_code, v.number)),
            *([_purge_button(v)] if may_edit else []),
        ], id=f"sef-version-row-{v.number}")
        for v in versions
    ]
    newest, older = str(versions[0].number), str(versions[min(1, len(versions) - 1)].number)
    history = ([html.P(dcc.Link("Who changed what (change history)",
                                href=f"/sef-history/{la_code}", id="sef-history-link"))]
               if may_edit else [])
    headings = ("Version", "Saved", "Shared", "Words", "Documents",
                *(("Remove words",) if may_edit else ()))
    return html.Section([
        html.H2("Versions"),
        *history,
        html.Table([
            html.Caption("Every saved version, newest first" if may_edit
                         else "Versions shared with Ofsted, newest first"),
            header_row(headings),
            html.Tbody(rows),
        ], className="table table-sm", id="sef-versions-table"),
        html.H3("Compare two versions", className="h5"),
        html.Div([
            html.Div([*label_for("Older version", "sef-compare-a"),
                      dbc.Select(id="sef-compare-a", options=options, value=older)],
                     className="col-md-4"),
            html.Div([*label_for("Newer version", "sef-compare-b"),
                      dbc.Select(id="sef-compare-b", options=options, value=newest)],
                     className="col-md-4"),
            html.Div(html.Button("Compare", id="sef-compare", n_clicks=0, type="button",
                                 className="btn btn-outline-primary mt-4"), className="col-md-4"),
        ], className="row mb-2"),
        html.Div(id="sef-compare-result", **{"aria-live": "polite"}),
    ], className="mt-4")


def tombstones(infos: list[VersionInfo], list_id: str) -> Component:
    """Versions whose words were removed: what shows instead of them."""
    return html.Ul([html.Li(f"Version {info.number}: {tombstone_text(info)}")
                    for info in infos], id=list_id, className="sef-tombstones")


def purge_form(number: int, shared: bool, reason: str = "", look_for: str = "",
               problem: str = "") -> Component:
    """Remove one version's words, or (shared) ask an administrator to (issue 15)."""
    if shared:
        title = f"Ask to remove the words of shared version {number}"
        explain = ("Ofsted's inspectors were given this version, so an administrator must "
                   "confirm before its words are removed; until then they stay. The region's "
                   "inspectors will see that you asked, when and why.")
        button = f"Ask an administrator to remove the words of version {number}"
    else:
        title = f"Remove the words of version {number}"
        explain = ("The version stays in the list, marked with who removed its words, when "
                   "and why. Its words are removed from the database and from the change "
                   "history. This cannot be undone; other versions keep their words.")
        button = f"Remove the words of version {number}"
    parts: list[Component] = [
        html.H2(title, className="h5"),
        html.P(explain),
        *label_for("Reason", "sef-purge-reason",
                   "Shown in the version list and the change history"
                   + (", and to the region's inspectors and administrators" if shared else "")
                   + ". Do not name the child."),
        dcc.Textarea(id="sef-purge-reason", value=reason, rows=2, maxLength=500,
                     className="form-control mb-2"),
        *label_for("Words to look for in your other versions (optional)", "sef-purge-look-for",
                   "For example the name that should not be there. Not stored."),
        dcc.Input(id="sef-purge-look-for", value=look_for, type="text", maxLength=300,
                  className="form-control mb-2"),
    ]
    if problem:
        parts.append(html.P(problem, id="sef-purge-problem", className="text-danger fw-bold"))
    parts += [
        html.Button(button, id="sef-purge-confirm", n_clicks=0, type="button",
                    className="btn btn-danger"),
        dcc.Store(id="sef-purge-number", data=number),
    ]
    return html.Div(parts, className="alert alert-warning", id="sef-purge-form")


def _numbers_text(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"Version {numbers[0]} still contains this text; purge it too."
    listed = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
    return f"Versions {listed} still contain this text; purge them too."


def purge_done(number: int, still_holding: list[int], words_from: int | None,
               was_head: bool) -> Component:
    parts: list[Component] = [html.P(f"The words of version {number} were removed.",
                                     className="mb-1")]
    if still_holding:
        parts.append(html.P(html.Strong(_numbers_text(still_holding)),
                            id="sef-purge-still", className="mb-1"))
    if was_head:
        parts.append(html.P(
            f"The editor now shows version {words_from}, the latest version with its words."
            if words_from else "No version with words is left: the editor is empty.",
            className="mb-0"))
    return html.Div(parts, className="alert alert-success", role="status",
                    id="sef-purge-result")


def purge_requested(number: int) -> Component:
    return html.Div(html.P(
        f"You asked for the words of shared version {number} to be removed. An administrator "
        "will confirm or decline; until then the words stay, and the region's inspectors "
        "see that you asked.", className="mb-0"),
        className="alert alert-info", role="status", id="sef-purge-result")


def purge_notices(versions: list[VersionInfo]) -> Component | None:
    """For the region's inspectors (and admins): words removed, or asked to be removed,
    from a version the LA shared with them, when and why."""
    items = []
    for v in versions:
        if v.shared_at is None:
            continue
        if v.purge is not None:
            items.append(html.Li(f"Shared version {v.number}: {tombstone_text(v)}"))
        elif v.purge_request is not None:
            r = v.purge_request
            items.append(html.Li(
                f"Shared version {v.number}: {r.requested_by} asked on "
                f"{format_date_time(r.requested_at)} for its words to be removed: {r.reason}. "
                "An administrator will confirm or decline; until then the words stay."))
    if not items:
        return None
    return html.Div([html.H2("Words removed from shared versions", className="h5"),
                     html.Ul(items, className="mb-0")],
                    className="alert alert-warning", id="sef-purge-notices")


def words_from_notice(page: SefPage) -> Component | None:
    """The editor's head version had its words removed: say what the editor shows."""
    head = next((v for v in page.versions if v.number == page.head_number), None)
    if head is None or not head.purged:
        return None
    shows = (f"The editor shows version {page.words_from}, the latest version with its words"
             if page.words_from else "No version with words is left, so the editor is empty")
    return html.Div(html.P(
        f"The words of version {head.number}, the latest, were removed. {shows}; your next "
        f"save will be version {head.number + 1}.", className="mb-0"),
        className="alert alert-info", id="sef-words-from")


def _runs(runs: tuple[Run, ...]) -> list[Component | str]:
    out: list[Component | str] = []
    for run in runs:
        piece: Component | str = run.text
        if run.italic:
            piece = html.Em(piece)
        if run.bold:
            piece = html.Strong(piece)
        out.append(piece)
    return out


def outline_components(outline: Outline) -> list[Component]:
    """The document on screen: the same outline the print, PDF and Word outputs walk."""
    headings = {1: html.H2, 2: html.H3, 3: html.H4}
    out: list[Component] = []
    for element in outline.body:
        if isinstance(element, Heading):
            out.append(headings[element.level](element.text))
        elif isinstance(element, Text):
            for block in element.blocks:
                if isinstance(block, Paragraph):
                    out.append(html.P(_runs(block.runs)))
                elif isinstance(block, ListBlock):
                    tag = html.Ol if block.ordered else html.Ul
                    out.append(tag([html.Li(_runs(item)) for item in block.items]))
        elif isinstance(element, Table):
            out.append(html.Table([
                html.Caption(element.caption),
                header_row(element.headers),
                html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in element.rows]),
            ], className="table table-sm"))
    return out


def changed_figures_notice(page: SefPage) -> Component | None:
    """Claims whose linked figures a newer upload has changed since this version."""
    if not page.changed_figures:
        return None
    items = []
    for _theme, statement in page.sef.statements():
        for evidence in statement.evidence:
            latest = page.changed_figures.get(evidence.id)
            if latest is not None:
                items.append(html.Li([
                    html.Strong(one_line(statement.text)[:120] or
                                "(no text)"), ": ",
                    f"this version says {figure_text(evidence.figure)}; ",
                    f"the latest upload says {figure_text(latest)}.",
                ]))
    return html.Div([
        html.H2("Figures that have changed since this version", className="h5"),
        html.Ul(items, id="sef-changed-figures"),
    ], className="alert alert-warning")


def _version_line(info: VersionInfo) -> str:
    if info.shared_at is None:
        return (f"Draft version {info.number}, saved by {info.author} on "
                f"{format_date_time(info.saved_at)}; not shared with Ofsted.")
    return (f"Version {info.number}, shared by {info.shared_by} on "
            f"{format_date_time(info.shared_at)}.")


def reader_page(page: SefPage, outline: Outline | None) -> Component:
    if page.number is None or outline is None:
        return html.Div([
            html.H1(f"Self-evaluation: {page.la_name}"),
            expectation_notice(page),
            purge_notices(page.versions),
            html.P(f"{page.la_name} has not shared a self-evaluation with Ofsted yet.",
                   id="sef-none-shared"),
        ])
    info = next(v for v in page.versions if v.number == page.number)
    return html.Div([
        html.H1(f"Self-evaluation: {page.la_name}"),
        expectation_notice(page),
        html.P([_version_line(info), " ", document_links(page.la_code, info.number)],
               id="sef-shared-line"),
        purge_notices(page.versions),
        dcc.Store(id="sef-la", data=page.la_code),
        changed_figures_notice(page),
        html.Div([
            html.Article(outline_components(outline), id="sef-document",
                         className="sef-document col-lg-7"),
            html.Aside(theme_panel(page), className="col-lg-5 sef-beside",
                       **{"aria-label": "Indicators beside the self-evaluation"}),
        ], className="row"),
        versions_panel(page.la_code, page.versions, False),
    ], className="sef-page")


def theme_panel(page: SefPage) -> list[Component]:
    """Choose a theme of the SEF to see the indicators that bear on it, side by side."""
    if not page.sef.themes:
        return [html.H2("Indicators beside the SEF", className="h4"),
                html.P("This version has no themes.")]
    return [
        html.H2("Indicators beside the SEF", className="h4"),
        dcc.Store(id="sef-version-shown", data=page.number),
        html.Label("Theme", htmlFor="sef-theme-choice", className="form-label"),
        dbc.Select(id="sef-theme-choice", value=page.sef.themes[0].id,
                   options=[{"label": t.name or "Unnamed theme", "value": t.id}
                            for t in page.sef.themes]),
        html.Div(id="sef-theme-indicators", className="mt-3", **{"aria-live": "polite"}),
    ]


def theme_indicators(evidence: ThemeEvidence) -> list[Component]:
    out: list[Component] = []
    if evidence.changed_claims:
        out.append(html.Div([
            html.H3("Claims whose figures have changed since sharing", className="h6"),
            html.Ul([html.Li([html.Strong(one_line(text)[:120] or
                                          "(no text)"), ": shared with ",
                              figure_text(shared), "; the latest upload says ",
                              figure_text(latest), "."])
                     for text, shared, latest in evidence.changed_claims],
                    id="sef-theme-changed"),
        ], className="alert alert-warning"))
    if not evidence.reports:
        out.append(html.P(f"No indicators are linked to “{evidence.theme_name}”, and it is "
                          "not one of the framework's areas.", id="sef-theme-none"))
        return out
    out.append(html.Table([
        html.Caption(f"Indicators bearing on “{evidence.theme_name}”"),
        header_row(("Indicator", evidence.la_name, "Neighbours", "Region", "England", "Flag")),
        html.Tbody([
            html.Tr([
                html.Th(r.indicator.name, scope="row"),
                html.Td(format_value(r.value, r.indicator.unit)),
                *[html.Td(format_value(c.value, r.indicator.unit)) for c in r.comparators[:3]],
                *([html.Td("No published figure")] * (3 - len(r.comparators[:3]))),
                html.Td(r.outlier or "None"),
            ])
            for r in evidence.reports
        ]),
    ], className="table table-sm", id="sef-theme-table"))
    return out
