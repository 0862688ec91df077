"""How the SEF looks: the editor for the LA's own users, the reader for everyone else.

Every editable field has a pattern-matching id naming its place in the document
(``dashboard.pages.sef.ids``); callbacks send the values back under those names. User
text is only ever put into components as text, which React escapes.
"""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components import alerts
from dashboard.components.figures import format_figure, format_value
from dashboard.components.forms import label_for, unsaved_guard
from dashboard.components.outline import outline_components
from dashboard.components.tables import header_row
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
from dashboard.domain.sef_compare import Change
from dashboard.domain.sef_merge import BothChanged
from dashboard.domain.sef_outline import Outline
from dashboard.domain.sef_text import one_line
from dashboard.formatting import format_date, format_date_time
from dashboard.pages.sef import ids
from dashboard.pages.sef.checks import (
    editor_checks,
    inspector_preview,
    reader_checks,
    statement_checks,
    theme_checks,
)
from dashboard.pages.sef.versions import (
    changes_list,
    purge_notices,
    version_links,
    versions_panel,
)
from dashboard.services.mi import IndicatorReport
from dashboard.services.sef import SefPage, ThemeEvidence, VersionInfo
from dashboard.services.sef_review import SefReview


def field_id(kind: str, part: str, item_id: str, name: str) -> dict[str, str]:
    return ids.field(kind, field_path(part, item_id, name))


def _textarea(part: str, item_id: str, name: str, label: str, value: str, rows: int = 4,
              hint: str = "") -> html.Div:
    component_id = field_id(ids.TEXT, part, item_id, name)
    return html.Div(
        [*label_for(label, component_id, hint),
         dcc.Textarea(id=component_id, value=value, rows=rows, className="form-control",
                      maxLength=20_000)],
        className="mb-3",
    )

def _input(part: str, item_id: str, name: str, label: str, value: str,
           input_type: str = "text") -> html.Div:
    component_id = field_id(ids.TEXT, part, item_id, name)
    return html.Div(
        [*label_for(label, component_id),
         dcc.Input(id=component_id, value=value, type=input_type, className="form-control",
                   maxLength=300 if input_type == "text" else None)],
        className="mb-3",
    )

def _button(text: str, action: str, target: str = "", kind: str = "secondary") -> html.Button:
    return html.Button(text, id=ids.action(action, target), n_clicks=0, type="button",
                       className=f"btn btn-outline-{kind} btn-sm me-2 mb-2")


HELP_FORMATTING = ("You can use **bold**, *italic*, and lists (start lines with “- ”). "
                   "Anything else is kept as plain text.")


# ---------------------------------------------------------------- the editor


def figure_line(figure: Figure | None, latest: Figure | None = None,
                withdrawn: bool = False) -> list[Component]:
    """A linked figure in words, with a flag when a newer upload gives another figure or
    the upload it came from was withdrawn."""
    out: list[Component] = [html.Span(figure_text(figure))]
    if withdrawn:
        out.append(html.Strong(
            " Withdrawn: the upload these figures came from was withdrawn, so they no "
            "longer stand. Use “Update figures to the latest upload” to replace them.",
            className="sef-withdrawn d-block"))
    if latest is not None:
        out.append(html.Strong(
            [" Newer figures: ", figure_text(latest),
             ". Use “Update figures to the latest upload” to refresh them."],
            className="sef-changed d-block",
        ))
    return out

def _evidence(evidence: Evidence, choices: list[tuple[str, str]],
              changed: dict[str, Figure], review: SefReview) -> html.Li:
    remove = _button("Remove this evidence", "remove", evidence.id, "danger")
    if evidence.kind == INDICATOR:
        choice = field_id(ids.INDICATOR_CHOICE, "evidence", evidence.id, "indicator_id")
        body = [
            html.Div([
                *label_for("Figure from your management information", choice),
                dbc.Select(id=choice, value=evidence.indicator_id or "",
                           options=[{"label": "Choose an indicator", "value": ""}]
                           + [{"label": name, "value": key} for key, name in choices]),
            ], className="mb-2"),
            html.P(figure_line(evidence.figure, changed.get(evidence.id),
                               evidence.figure is not None
                               and evidence.figure.snapshot_id in review.withdrawn),
                   id=ids.figure(choice["path"]),
                   className="sef-figure", **{"aria-live": "polite"}),
            _textarea("evidence", evidence.id, "summary", "What the figure shows (optional)",
                      evidence.summary, rows=2),
        ]
    else:
        kind = field_id(ids.CHOICE, "evidence", evidence.id, "kind")
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
               changed: dict[str, Figure], review: SefReview) -> html.Li:
    label = f"{STATEMENT_KINDS[statement.kind]} {number}"
    return html.Li(html.Div([
        _textarea("statement", statement.id, "text", label, statement.text, rows=3),
        html.Div(statement_checks(review.by_statement.get(statement.id, [])),
                 id=ids.claim_checks(statement.id), **{"aria-live": "polite"}),
        html.H5("How you know it: evidence", className="h6"),
        html.Ul([_evidence(e, choices, changed, review) for e in statement.evidence],
                className="list-unstyled sef-evidence-list"),
        _button("Add a figure", "add-evidence", f"{statement.id}:{INDICATOR}"),
        _button("Add other evidence", "add-evidence", f"{statement.id}:case_audit"),
        _button(f"Remove {label.lower()}", "remove", statement.id, "danger"),
    ], className="sef-statement"))

def _theme(theme: Theme, choices: list[tuple[str, str]],
           changed: dict[str, Figure], review: SefReview) -> html.Section:
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
            html.Ol([_statement(s, n, choices, changed, review)
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
    answers = field_id(ids.ANSWERS, "plan", plan.id, "answers")
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
        return alerts.alert([
            html.Strong("Longer than your limit. "),
            f"{text} The framework asks for a succinct, evaluative SEF (para 36): consider "
            f"cutting about {over:,} words, or linking to existing documents instead.",
        ], alerts.WARNING, className="mb-0")
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
             changed: dict[str, Figure], review: SefReview | None = None) -> list[Component]:
    """Every editable part of the SEF, in the order of the three questions, each claim
    with its checks."""
    review = review or SefReview([])
    know, how, plans = (QUESTIONS[k] for k in QUESTIONS)
    return [
        html.Section([
            html.H2(["1. ", know]),
            html.P(word_count_text(sef, "know"), id=ids.WORDS_KNOW, className="sef-words"),
            _textarea("summary", "", "know", "Opening text: your main themes and learning",
                      sef.summaries["know"], rows=5, hint=HELP_FORMATTING),
            *[_theme(theme, choices, changed, review) for theme in sef.themes],
            html.Div([
                *label_for("Add a theme", ids.NEW_THEME,
                        "Suggested themes follow the framework's areas; "
                        "choose “Your own theme” to name it yourself."),
                dbc.Select(id=ids.NEW_THEME, value="",
                           options=[{"label": "Your own theme", "value": ""}]
                           + [{"label": t, "value": t} for t in SUGGESTED_THEMES
                              if t not in {th.name for th in sef.themes}]),
                _button("Add theme", "add-theme", "", "primary"),
            ], className="sef-add-theme mb-4"),
        ], className="sef-question"),
        html.Section([
            html.H2(["2. ", how]),
            html.P(word_count_text(sef, "how"), id=ids.WORDS_HOW, className="sef-words"),
            _textarea("summary", "", "how", "How you evaluate the impact of practice",
                      sef.summaries["how"], rows=4, hint=HELP_FORMATTING),
            html.P("The evidence you attach to each statement above is gathered under this "
                   "question in the document, theme by theme.", className="form-text"),
        ], className="sef-question"),
        html.Section([
            html.H2(["3. ", plans]),
            html.P(word_count_text(sef, "plans"), id=ids.WORDS_PLANS, className="sef-words"),
            _textarea("summary", "", "plans", "Opening text about your plans",
                      sef.summaries["plans"], rows=3, hint=HELP_FORMATTING),
            html.Ol([_plan(p, n, sef) for n, p in enumerate(sef.plans, start=1)],
                    className="list-unstyled"),
            _button("Add a plan", "add-plan", "", "primary"),
            html.H3("Do your plans answer every area for development?", className="h5 mt-3"),
            html.Div(coverage_table(sef), id=ids.COVERAGE),
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
    return alerts.alert([
        html.H2("A self-evaluation is not expected yet", className="h5"),
        html.P("Because the local authority is on the inadequate pathway (pathway 3: judged "
               "inadequate, or so recorded by the region's senior HMI), Ofsted does not ask "
               "for a self-evaluation until the monitoring visits in the first "
               "12 months are complete (framework paragraph 30). Engagement meanwhile focuses "
               f"on the quality of action planning.{when} You can still write one here."),
    ], alerts.INFO, id="sef-not-expected")

def saved_text(number: int, versions: list[VersionInfo]) -> str:
    info = next((v for v in versions if v.number == number), None)
    if info is None:
        # "Not saved" (capital N) is kept for refusals: assets/unsaved.js reads it so
        return ("No version saved yet. Drafts save themselves every 30 seconds while you "
                "work, and when you leave a box.")
    return (f"Version {number} saved by {info.author} on {format_date_time(info.saved_at)}. "
            "Drafts save themselves every 30 seconds, and when you leave a box.")

def editor_page(page: SefPage) -> Component:
    return html.Div([
        html.H1(f"Self-evaluation: {page.la_name}"),
        html.P("Answer the three questions of the framework (paragraph 33) with your main "
               "themes and learning, tying each claim to evidence. Keep it succinct and "
               "evaluative (paragraph 36). Only your local authority sees drafts; Ofsted's "
               f"inspectors for {page.region_name} see a version once you share it."),
        expectation_notice(page),
        words_from_notice(page),
        dcc.Store(id=ids.LA, data=page.la_code),
        dcc.Store(id=ids.DOC, data=sef_to_dict(page.sef)),
        dcc.Store(id=ids.BASE, data=page.head_number),
        dcc.Store(id=ids.CONFLICT_BASE),
        dcc.Store(id=ids.REVIEW),  # True while a save waits on the identifier warning
        dcc.Interval(id=ids.AUTOSAVE, interval=30_000),
        html.Div([
            html.P(saved_text(page.head_number, page.versions), id=ids.STATUS,
                   role="status", className="mb-2"),
            html.Div(length_summary(page.sef), id=ids.LENGTH),
            html.Div([
                html.Button("Save now", id=ids.SAVE, n_clicks=0, type="button",
                            className="btn btn-primary me-2"),
                html.Button("Update figures to the latest upload", id=ids.REFRESH,
                            n_clicks=0, type="button", className="btn btn-outline-primary me-2"),
                html.Button("Share with Ofsted…", id=ids.SHARE, n_clicks=0, type="button",
                            className="btn btn-success"),
            ], className="mt-2"),
        ], className="sef-toolbar"),
        html.Div(id=ids.CONFLICT, **{"aria-live": "assertive"}),
        html.Div(id=ids.IDENTIFIERS, **{"aria-live": "assertive"}),
        html.Div(id=ids.SHARE_PANEL, **{"aria-live": "polite"}),
        html.Div(editor_checks(page.review), id=ids.CHECKS),
        html.Div(sef_form(page.sef, page.indicator_choices, page.changed_figures,
                          page.review),
                 # assets/unsaved.js: every SEF save writes the status line
                 id=ids.FORM, **unsaved_guard(f"{ids.STATUS}.children")),
        html.Div(versions_panel(page.la_code, page.versions, True), id=ids.VERSIONS),
        html.Div(id=ids.PURGE_PANEL, **{"aria-live": "polite"}),
    ], className="sef-page")


# ---------------------------------------------------------------- messages


def conflict_message(author: str, saved_at_text: str, theirs: list[Change],
                     yours: list[Change]) -> Component:
    return alerts.alert([
        html.H2("Someone else saved while you were editing", className="h5"),
        html.P(f"{author} saved a newer version on {saved_at_text}. Your changes have not been "
               "saved and nothing has been overwritten. Your text is still in the form below."),
        html.H3("What they changed", className="h6"),
        changes_list(theirs, "sef-their-changes"),
        html.H3("What your save would change", className="h6"),
        changes_list(yours, "sef-your-changes"),
        html.P("“Save mine as the newest version” keeps their changes to answers you did "
               "not change, and your changes; where you both changed the same answer, "
               "yours is kept and theirs is shown to you."),
        html.Button("Save mine as the newest version", id=ids.KEEP_MINE, n_clicks=0,
                    type="button", className="btn btn-primary me-2"),
        html.Button("Discard mine and load theirs", id=ids.LOAD_THEIRS, n_clicks=0,
                    type="button", className="btn btn-secondary"),
    ], alerts.BLOCKED, id="sef-conflict-message")

def merged_notice(both: tuple[BothChanged, ...]) -> Component:
    """After "Save mine as the newest version": what the colleague changed was kept too;
    where you both changed the same answer, both sides, and that yours was kept."""
    parts: list[Component] = [html.P(
        "Your changes and your colleague's were combined: answers only they changed keep "
        "their text, and the form below now shows it.", className="mb-1")]
    if both:
        parts += [
            html.P("You both changed these; your text was kept. Their text is shown so you "
                   "can copy anything you need from it:", className="mb-1"),
            html.Ul([html.Li([html.Strong(b.label), html.Br(),
                              html.Span(f"Their text: {b.theirs or '(empty)'}"), html.Br(),
                              html.Span(f"Your text (kept): {b.mine or '(empty)'}")])
                     for b in both], id="sef-both-changed", className="mb-0"),
        ]
    return alerts.alert(parts, alerts.INFO, id="sef-merged-message")


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
        *label_for("Why these are not a child's details", ids.OVERRIDE_REASON,
                   "Kept with the version and in its change history."),
        dcc.Textarea(id=ids.OVERRIDE_REASON, value="", rows=2, maxLength=1000,
                     className="form-control mb-2"),
    ]
    if problem:
        parts.append(html.P(problem, id="sef-override-problem", className="text-danger fw-bold"))
    parts.append(html.Button("Save anyway", id=ids.SAVE_ANYWAY, n_clicks=0, type="button",
                             className="btn btn-danger"))
    return alerts.alert(parts, alerts.ERROR, id="sef-identifier-review")

def share_confirmation(number: int, region_name: str,
                       findings: list[IdentifierFinding], review: SefReview) -> Component:
    parts: list[Component] = [
        html.H2(f"Share version {number} with Ofsted", className="h5"),
        html.P(f"Ofsted's inspectors for {region_name} will be able to read this version. "
               "It cannot be changed after sharing; you can share a refreshed version later "
               "(framework paragraph 35)."),
        inspector_preview(review),
    ]
    if findings:
        parts += [
            html.P(html.Strong("This version may identify a child. Check these before "
                               "sharing:"), className="mb-1"),
            html.Ul([html.Li(f"{f.where}: {f.kind} (“{f.excerpt}”)") for f in findings],
                    id="sef-findings"),
            dbc.Checklist(
                id=ids.SHARE_OVERRIDE, value=[],
                options=[{"label": "I have checked these and no child can be identified",
                          "value": "checked"}]),
        ]
    else:
        parts.append(dbc.Checklist(id=ids.SHARE_OVERRIDE, options=[], value=[]))
    parts.append(html.Button(f"Share version {number}", id=ids.SHARE_CONFIRM, n_clicks=0,
                             type="button", className="btn btn-success mt-2"))
    parts.append(dcc.Store(id=ids.SHARE_NUMBER, data=number))
    return alerts.panel(parts, "secondary", id="sef-share-confirmation")


# ---------------------------------------------------------------- reading


def words_from_notice(page: SefPage) -> Component | None:
    """The editor's head version had its words removed: say what the editor shows."""
    head = next((v for v in page.versions if v.number == page.head_number), None)
    if head is None or not head.purged:
        return None
    shows = (f"The editor shows version {page.words_from}, the latest version with its words"
             if page.words_from else "No version with words is left, so the editor is empty")
    return alerts.alert(html.P(
        f"The words of version {head.number}, the latest, were removed. {shows}; your next "
        f"save will be version {head.number + 1}.", className="mb-0"),
        alerts.INFO, id="sef-words-from")

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
    return alerts.alert([
        html.H2("Figures that have changed since this version", className="h5"),
        html.Ul(items, id="sef-changed-figures"),
    ], alerts.WARNING)

def _version_line(info: VersionInfo) -> str:
    if info.shared_at is None:
        return (f"Draft version {info.number}, saved by {info.author} on "
                f"{format_date_time(info.saved_at)}; not shared with Ofsted.")
    return (f"Version {info.number}, shared by {info.shared_by} on "
            f"{format_date_time(info.shared_at)}.")

def reader_page(page: SefPage, outline: Outline | None,
                meeting: date | None = None, keeps_notes: bool = False) -> Component:
    """A shared version beside the indicators, with its checks; ``meeting`` is the date
    of the next engagement meeting a check can be added to the agenda of."""
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
        html.P([_version_line(info), " ", version_links(page.la_code, info.number)],
               id="sef-shared-line"),
        purge_notices(page.versions),
        dcc.Store(id=ids.LA, data=page.la_code),
        changed_figures_notice(page),
        reader_checks(page.review, page.number, meeting, keeps_notes),
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
        dcc.Store(id=ids.VERSION_SHOWN, data=page.number),
        html.Label("Theme", htmlFor=ids.THEME_CHOICE, className="form-label"),
        dbc.Select(id=ids.THEME_CHOICE, value=page.sef.themes[0].id,
                   options=[{"label": t.name or "Unnamed theme", "value": t.id}
                            for t in page.sef.themes]),
        html.Div(id=ids.THEME_INDICATORS, className="mt-3", **{"aria-live": "polite"}),
    ]

def _published(report: IndicatorReport, value: float | None) -> str:
    unit = report.published.measure.unit if report.published else ""
    return format_figure(value, unit)


def _own_figures(report: IndicatorReport) -> str:
    """The LA's published figure with its period and, if uploaded, the uploaded one with
    its extraction date: side by side, never one figure."""
    parts = []
    if report.comparison is not None and report.comparison.value is not None:
        parts.append(f"{_published(report, report.comparison.value)} "
                     f"({report.published_period})")
    if report.trend:
        day, value = report.trend[-1]
        if value is not None:
            parts.append(f"uploaded {format_value(value, report.indicator.unit)} "
                         f"({format_date(day)})")
    return "; ".join(parts) or "No figure"


def theme_indicators(evidence: ThemeEvidence) -> list[Component]:
    out: list[Component] = theme_checks(evidence.checks)
    if evidence.changed_claims:
        out.append(alerts.alert([
            html.H3("Claims whose figures have changed since sharing", className="h6"),
            html.Ul([html.Li([html.Strong(one_line(text)[:120] or
                                          "(no text)"), ": shared with ",
                              figure_text(shared), "; the latest upload says ",
                              figure_text(latest), "."])
                     for text, shared, latest in evidence.changed_claims],
                    id="sef-theme-changed"),
        ], alerts.WARNING))
    if not evidence.reports:
        out.append(html.P(f"No indicators are linked to “{evidence.theme_name}”, and it is "
                          "not one of the framework's areas.", id="sef-theme-none"))
        return out
    out.append(html.Table([
        html.Caption(f"Indicators bearing on “{evidence.theme_name}”: published figures with "
                     "their year, uploaded ones with their date"),
        header_row(("Indicator", evidence.la_name, "Neighbours", "Region", "England", "Flag")),
        html.Tbody([
            html.Tr([
                html.Th(r.indicator.name, scope="row"),
                html.Td(_own_figures(r)),
                *[html.Td(_published(r, c.value)) for c in r.comparators[:3]],
                *([html.Td("No published figure")] * (3 - len(r.comparators[:3]))),
                html.Td("; ".join(flag.label for flag in r.comparison.flags)
                        if r.comparison and r.comparison.flags else "None"),
            ])
            for r in evidence.reports
        ]),
    ], className="table table-sm", id="sef-theme-table"))
    return out
