"""SEF editor callbacks: edit the structure, save (and autosave), resolve a clash with a
colleague's save, share with Ofsted, compare versions.

Each callback reads the fields the page sends back and calls the SEF service, which
checks the signed-in user may edit (or read) the LA's SEF. The LA code in the page is
only which SEF is asked for; it grants nothing.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, MATCH, Dash, Input, Output, State, ctx, html, no_update
from dash.development.base_component import Component

from dashboard.access import require
from dashboard.domain.sef import (
    InvalidSef,
    Sef,
    add_evidence,
    add_plan,
    add_statement,
    add_theme,
    remove_part,
    sef_to_dict,
    set_figures,
)
from dashboard.errors import InvalidRequest
from dashboard.formatting import format_date_time
from dashboard.pages._sef_views import (
    ACTION,
    ANSWERS,
    CHOICE,
    INDICATOR_CHOICE,
    TEXT,
    changes_list,
    conflict_message,
    coverage_table,
    figure_line,
    identifier_review,
    length_summary,
    saved_text,
    sef_form,
    share_confirmation,
    theme_indicators,
    tombstones,
    versions_panel,
    weakness_options,
    word_count_text,
)
from dashboard.services.sef import (
    changed_figures,
    compare_versions,
    editing_context,
    list_versions,
    merge_edits,
    open_sef,
    prepare_share,
    require_editor,
    save_draft,
    share_version,
    theme_beside_indicators,
    valid_version_number,
    version_number_from_text,
)
from dashboard.web.auth import require_principal

FIELD_TYPES = (TEXT, CHOICE, INDICATOR_CHOICE, ANSWERS)
FIELD_STATES = [State({"type": kind, "path": ALL}, prop)
                for kind in FIELD_TYPES for prop in ("id", "value")]


def _la(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidRequest("The page is out of date; reload it.")
    return value


def _edits(fields: tuple) -> dict[str, object]:
    """Field path -> value, from the (ids, values) pairs of each kind of field."""
    edits: dict[str, object] = {}
    for ids, values in zip(fields[0::2], fields[1::2], strict=True):
        if not isinstance(ids, list) or not isinstance(values, list) or len(ids) != len(values):
            raise InvalidRequest("The page is out of date; reload it.")
        for component_id, value in zip(ids, values, strict=True):
            if not isinstance(component_id, dict) or not isinstance(component_id.get("path"),
                                                                     str):
                raise InvalidRequest("The page is out of date; reload it.")
            edits[component_id["path"]] = value
    return edits


def _apply_action(sef: Sef, action: str, target: str, new_theme: Any) -> Sef:
    item, _, kind = target.partition(":")
    try:
        if action == "add-theme":
            return add_theme(sef, new_theme if isinstance(new_theme, str) else "")
        if action == "add-statement":
            return add_statement(sef, item, kind)
        if action == "add-evidence":
            return add_evidence(sef, item, kind)
        if action == "add-plan":
            return add_plan(sef)
        if action == "remove":
            return remove_part(sef, item)
    except InvalidSef as error:
        raise InvalidRequest(str(error)) from error
    raise InvalidRequest("The page sent an action it does not have; reload the page.")


def _form(user: Any, la_code: str, sef: Sef) -> list[Component]:
    """The form for ``sef``; a newly linked indicator shows the latest upload's figures,
    which are the ones the next save keeps."""
    figures, choices = editing_context(user, la_code)
    sef = set_figures(sef, figures, only_missing=True)
    return sef_form(sef, choices, changed_figures(sef, figures))


def edit_structure(clicks: list, new_theme: Any, doc: Any, la_code: Any, *fields: Any) -> tuple:
    """Add or remove a theme, statement, evidence item or plan, keeping what was typed."""
    user = require_principal()
    la_code = _la(la_code)
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0].get("value"):
        return no_update, no_update, no_update  # a button just drawn, not clicked
    sef = merge_edits(doc, _edits(fields))
    sef = _apply_action(sef, str(trigger.get("action")), str(trigger.get("target")), new_theme)
    return _form(user, la_code, sef), sef_to_dict(sef), length_summary(sef)


def _counts(sef: Sef) -> tuple:
    return (length_summary(sef), word_count_text(sef, "know"), word_count_text(sef, "how"),
            word_count_text(sef, "plans"))


def update_counts(_blurs: list, doc: Any, la_code: Any, *fields: Any) -> tuple:
    """Word counts per question and the length warning, as people type (para 36)."""
    user = require_principal()
    require_editor(user, _la(la_code))  # refuses anyone who may not edit this SEF
    return _counts(merge_edits(doc, _edits(fields)))


def _answer_options(sef: Sef | None) -> list:
    """Fresh labels for every plan's list of weaknesses, as their text changes.

    A pattern-matching output takes a list, one value per plan, even when unchanged.
    """
    count = len(ctx.outputs_list[-1]) if ctx.outputs_list else 0
    return [no_update if sef is None else weakness_options(sef)] * count


def _nothing() -> tuple:
    return (no_update,) * 14 + (_answer_options(None),)


REVIEW_STATUS = ("Not saved: the text may identify a child. See the warning below; "
                 "autosave is paused until you change the text or save anyway.")


def _save(trigger: str, doc: Any, base: Any, conflict_base: Any, la_code: Any,
          fields: tuple, review: Any = None, reason: Any = None) -> tuple:
    user = require_principal()
    la_code = _la(la_code)
    if trigger == "sef-autosave" and (conflict_base is not None or review):
        # wait for the person to choose what to do about the clash or the warning:
        # autosave neither retries nor stores on its own
        return _nothing()
    sef = merge_edits(doc, _edits(fields))
    if trigger == "sef-keep-mine":
        base = conflict_base
    override = None
    if trigger == "sef-save-anyway" and isinstance(reason, str) and reason.strip():
        override = reason
    result = save_draft(user, la_code, base, sef, refresh_figures=trigger == "sef-refresh",
                        identifier_override=override)
    if result.status == "needs_review":
        # nothing stored; the form and what was typed stay as they are
        problem = ("Write why these are not a child's details before choosing “Save "
                   "anyway”, or change the text." if trigger == "sef-save-anyway" else "")
        return (no_update, no_update, REVIEW_STATUS, no_update, no_update,
                identifier_review(result.findings, problem), True,
                *_counts(sef), no_update, no_update, no_update, _answer_options(None))
    if result.status == "conflict":
        message = conflict_message(
            result.their_author,
            format_date_time(result.saved_at) if result.saved_at else "",
            result.their_changes, result.your_changes,
        )
        status = "Not saved: a colleague saved a newer version. See below."
        return (no_update, no_update, status, message, result.number, None, None,
                *_counts(sef), coverage_table(sef), no_update, no_update, _answer_options(sef))
    if result.status == "unchanged":
        if trigger == "sef-autosave":
            return _nothing()
        status = f"No changes since version {result.number}."
    else:
        status = saved_text(result.number, list_versions(user, la_code))
    # The form and the document it was drawn from change only when the figures were
    # refreshed: a save answering late must not undo a part added meanwhile.
    refreshed = trigger == "sef-refresh"
    form = _form(user, la_code, result.sef) if refreshed else no_update
    doc = sef_to_dict(result.sef) if refreshed else no_update
    versions = versions_panel(la_code, list_versions(user, la_code), True)
    return (result.number, doc, status, None, None, None, None, *_counts(result.sef),
            coverage_table(result.sef), form, versions, _answer_options(result.sef))


def save(_clicks: int, _tick: int, _refresh: int, doc: Any, base: Any, conflict_base: Any,
         review: Any, la_code: Any, *fields: Any) -> tuple:
    """Save the draft as a new version, or show what a colleague saved meanwhile, or
    what may identify a child (then nothing is stored)."""
    return _save(str(ctx.triggered_id), doc, base, conflict_base, la_code, fields, review)


def keep_mine(clicks: int, doc: Any, conflict_base: Any, la_code: Any, *fields: Any) -> tuple:
    """After a clash: save this person's text as the newest version, on top of theirs."""
    if not clicks:
        return _nothing()
    return _save("sef-keep-mine", doc, None, conflict_base, la_code, fields)


def save_anyway(clicks: int, reason: Any, doc: Any, base: Any, la_code: Any,
                *fields: Any) -> tuple:
    """After the identifier warning: save with the person's reason (a false positive),
    which is kept with the version and audited."""
    if not clicks:
        return _nothing()
    return _save("sef-save-anyway", doc, base, None, la_code, fields, True, reason)


def load_theirs(clicks: int, la_code: Any) -> tuple:
    """Drop this person's unsaved changes and load the newest saved version."""
    if not clicks:
        return (no_update,) * 6
    user = require_principal()
    page = open_sef(user, _la(la_code))
    require(page.may_edit, "Only this local authority's own users may edit its self-evaluation.")
    form = sef_form(page.sef, page.indicator_choices, page.changed_figures)
    return (form, sef_to_dict(page.sef), page.head_number, None, None,
            saved_text(page.head_number, page.versions))


def show_figure(indicator_id: Any, la_code: Any) -> list[Component]:
    """The latest figures of the indicator just chosen; they are frozen when saved."""
    user = require_principal()
    figures, _choices = editing_context(user, _la(la_code))
    if not indicator_id:
        return [html.Span("Choose an indicator to link its figures.")]
    if not isinstance(indicator_id, str) or indicator_id not in figures:
        return [html.Span("No figures for this indicator in your uploads yet.")]
    return [*figure_line(figures[indicator_id]),
            html.Span(" These figures are kept with the next save.", className="d-block")]


def start_sharing(clicks: int, doc: Any, base: Any, conflict_base: Any, la_code: Any,
                  *fields: Any) -> tuple:
    """Save what is on screen, then ask the person to confirm, showing any warnings."""
    if not clicks:
        return (no_update,) * 5
    user = require_principal()
    la_code = _la(la_code)
    if conflict_base is not None:
        return (_notice("A colleague saved a newer version. Choose which to keep (above) "
                        "before sharing."), no_update, no_update, no_update, no_update)
    sef = merge_edits(doc, _edits(fields))
    result = save_draft(user, la_code, base, sef)
    if result.status == "needs_review":
        # the save before sharing is checked like any other: nothing stored or shared
        return (_notice("Not shared: the text may identify a child, and nothing was saved. "
                        "See the warning above."), no_update, REVIEW_STATUS,
                identifier_review(result.findings), True)
    if result.status == "conflict":
        return (_notice("A colleague saved a newer version. Use “Save now” to see what changed "
                        "before sharing."), no_update, no_update, no_update, no_update)
    if result.number == 0:
        return (_notice("There is nothing to share yet."), no_update, no_update, no_update,
                no_update)
    versions = list_versions(user, la_code)
    if any(v.number == result.number and v.purged for v in versions):
        return (_notice(f"The words of version {result.number} were removed. Make a change "
                        "and save a new version before sharing."), no_update, no_update,
                no_update, no_update)
    findings, region = prepare_share(user, la_code, result.number)
    status = saved_text(result.number, versions)
    # the document store is left alone, as after any save
    return (share_confirmation(result.number, region, findings), result.number, status,
            None, None)


def _notice(text: str, kind: str = "warning") -> Component:
    return html.Div(html.P(text, className="mb-0"), className=f"alert alert-{kind}", role="alert")


def confirm_sharing(clicks: int, number: Any, override: Any, la_code: Any) -> tuple:
    if not clicks:
        return no_update, no_update
    user = require_principal()
    la_code = _la(la_code)
    if not valid_version_number(number):
        raise InvalidRequest("The page is out of date; reload it.")
    checked = isinstance(override, list) and "checked" in override
    result = share_version(user, la_code, number, share_despite_warnings=checked)
    if result.status == "needs_confirmation":
        return (_notice("Tick the box to confirm you have checked the text above, or change "
                        "the text and share again.", "danger"), no_update)
    shared_at = format_date_time(result.shared_at) if result.shared_at else ""
    return (_notice(f"Version {number} was shared with Ofsted on {shared_at}.", "success"),
            versions_panel(la_code, list_versions(user, la_code), True))


def compare(clicks: int, older: Any, newer: Any, la_code: Any) -> Component:
    if not clicks:
        return no_update
    user = require_principal()
    numbers = [version_number_from_text(n) for n in (older, newer)]
    if None in numbers:
        raise InvalidRequest("Choose two versions to compare.")
    changes, purged = compare_versions(user, _la(la_code), *numbers)
    if purged:
        return tombstones(purged, "sef-compare-list")
    return changes_list(changes, "sef-compare-list")


def show_theme(theme_id: Any, number: Any, la_code: Any) -> list[Component]:
    """The indicators bearing on the chosen theme of the version on screen."""
    user = require_principal()
    if not isinstance(theme_id, str) or not valid_version_number(number):
        raise InvalidRequest("The page is out of date; reload it.")
    la_code = _la(la_code)
    evidence = theme_beside_indicators(user, la_code, number, theme_id)
    return theme_indicators(evidence)


def register(app: Dash) -> None:
    app.callback(
        Output("sef-form", "children", allow_duplicate=True),
        Output("sef-doc", "data", allow_duplicate=True),
        Output("sef-length", "children", allow_duplicate=True),
        Input({"type": ACTION, "action": ALL, "target": ALL}, "n_clicks"),
        State("sef-new-theme", "value"),
        State("sef-doc", "data"),
        State("sef-la", "data"),
        *FIELD_STATES,
        prevent_initial_call=True,
    )(edit_structure)
    app.callback(
        Output("sef-length", "children", allow_duplicate=True),
        Output("sef-words-know", "children", allow_duplicate=True),
        Output("sef-words-how", "children", allow_duplicate=True),
        Output("sef-words-plans", "children", allow_duplicate=True),
        Input({"type": TEXT, "path": ALL}, "n_blur"),
        State("sef-doc", "data"),
        State("sef-la", "data"),
        *FIELD_STATES,
        prevent_initial_call=True,
    )(update_counts)
    save_outputs = [
        Output("sef-base", "data", allow_duplicate=True),
        Output("sef-doc", "data", allow_duplicate=True),
        Output("sef-status", "children", allow_duplicate=True),
        Output("sef-conflict", "children", allow_duplicate=True),
        Output("sef-conflict-base", "data", allow_duplicate=True),
        Output("sef-identifiers", "children", allow_duplicate=True),
        Output("sef-review", "data", allow_duplicate=True),
        Output("sef-length", "children", allow_duplicate=True),
        Output("sef-words-know", "children", allow_duplicate=True),
        Output("sef-words-how", "children", allow_duplicate=True),
        Output("sef-words-plans", "children", allow_duplicate=True),
        Output("sef-coverage", "children", allow_duplicate=True),
        Output("sef-form", "children", allow_duplicate=True),
        Output("sef-versions", "children", allow_duplicate=True),
        Output({"type": ANSWERS, "path": ALL}, "options", allow_duplicate=True),
    ]
    app.callback(
        *save_outputs,
        Input("sef-save", "n_clicks"),
        Input("sef-autosave", "n_intervals"),
        Input("sef-refresh", "n_clicks"),
        State("sef-doc", "data"),
        State("sef-base", "data"),
        State("sef-conflict-base", "data"),
        State("sef-review", "data"),
        State("sef-la", "data"),
        *FIELD_STATES,
        prevent_initial_call=True,
    )(save)
    app.callback(
        *save_outputs,
        Input("sef-save-anyway", "n_clicks"),
        State("sef-override-reason", "value"),
        State("sef-doc", "data"),
        State("sef-base", "data"),
        State("sef-la", "data"),
        *FIELD_STATES,
        prevent_initial_call=True,
    )(save_anyway)
    app.callback(
        *save_outputs,
        Input("sef-keep-mine", "n_clicks"),
        State("sef-doc", "data"),
        State("sef-conflict-base", "data"),
        State("sef-la", "data"),
        *FIELD_STATES,
        prevent_initial_call=True,
    )(keep_mine)
    app.callback(
        Output("sef-form", "children", allow_duplicate=True),
        Output("sef-doc", "data", allow_duplicate=True),
        Output("sef-base", "data", allow_duplicate=True),
        Output("sef-conflict", "children", allow_duplicate=True),
        Output("sef-conflict-base", "data", allow_duplicate=True),
        Output("sef-status", "children", allow_duplicate=True),
        Input("sef-load-theirs", "n_clicks"),
        State("sef-la", "data"),
        prevent_initial_call=True,
    )(load_theirs)
    app.callback(
        Output({"type": "sef-figure", "path": MATCH}, "children"),
        Input({"type": INDICATOR_CHOICE, "path": MATCH}, "value"),
        State("sef-la", "data"),
        prevent_initial_call=True,
    )(show_figure)
    app.callback(
        Output("sef-share-panel", "children", allow_duplicate=True),
        Output("sef-base", "data", allow_duplicate=True),
        Output("sef-status", "children", allow_duplicate=True),
        Output("sef-identifiers", "children", allow_duplicate=True),
        Output("sef-review", "data", allow_duplicate=True),
        Input("sef-share", "n_clicks"),
        State("sef-doc", "data"),
        State("sef-base", "data"),
        State("sef-conflict-base", "data"),
        State("sef-la", "data"),
        *FIELD_STATES,
        prevent_initial_call=True,
    )(start_sharing)
    app.callback(
        Output("sef-share-panel", "children", allow_duplicate=True),
        Output("sef-versions", "children", allow_duplicate=True),
        Input("sef-share-confirm", "n_clicks"),
        State("sef-share-number", "data"),
        State("sef-share-override", "value"),
        State("sef-la", "data"),
        prevent_initial_call=True,
    )(confirm_sharing)
    app.callback(
        Output("sef-theme-indicators", "children"),
        Input("sef-theme-choice", "value"),
        State("sef-version-shown", "data"),
        State("sef-la", "data"),
    )(show_theme)
    app.callback(
        Output("sef-compare-result", "children"),
        Input("sef-compare", "n_clicks"),
        State("sef-compare-a", "value"),
        State("sef-compare-b", "value"),
        State("sef-la", "data"),
        prevent_initial_call=True,
    )(compare)
