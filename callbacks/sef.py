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
from dashboard.components import alerts
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
from dashboard.domain.sef_accuracy import ReviewItem
from dashboard.errors import InvalidRequest
from dashboard.formatting import format_date, format_date_time
from dashboard.pages.sef import ids
from dashboard.pages.sef.checks import editor_checks, note_added, statement_checks
from dashboard.pages.sef.versions import changes_list, tombstones, versions_panel
from dashboard.pages.sef.views import (
    conflict_message,
    coverage_table,
    figure_line,
    identifier_review,
    length_summary,
    merged_notice,
    saved_text,
    sef_form,
    share_confirmation,
    theme_indicators,
    weakness_options,
    word_count_text,
)
from dashboard.services.engagement import MAX_TEXT as MAX_AGENDA_TEXT
from dashboard.services.engagement import MAX_TITLE, next_open_meeting, propose_item
from dashboard.services.inspector_notes import MAX_NOTE, add_note
from dashboard.services.sef import (
    changed_figures,
    compare_versions,
    editing_context,
    list_versions,
    merge_after_clash,
    merge_edits,
    open_sef,
    prepare_share,
    require_editor,
    review_sef,
    review_shared,
    save_draft,
    share_version,
    theme_beside_indicators,
    valid_version_number,
    version_number_from_text,
)
from dashboard.services.sef_review import SefReview
from dashboard.web.auth import require_principal

#: Every field's ids and values, kind by kind: what a save sends back.
FIELD_STATES = [State(ids.field(kind, ALL), prop)
                for kind in ids.FIELD_TYPES for prop in ("id", "value")]

#: What a save may change on the page, by name.
SAVE_OUTPUTS = {
    "base": Output(ids.BASE, "data", allow_duplicate=True),
    "doc": Output(ids.DOC, "data", allow_duplicate=True),
    "status": Output(ids.STATUS, "children", allow_duplicate=True),
    "conflict": Output(ids.CONFLICT, "children", allow_duplicate=True),
    "conflict_base": Output(ids.CONFLICT_BASE, "data", allow_duplicate=True),
    "identifiers": Output(ids.IDENTIFIERS, "children", allow_duplicate=True),
    "review": Output(ids.REVIEW, "data", allow_duplicate=True),
    "length": Output(ids.LENGTH, "children", allow_duplicate=True),
    "words_know": Output(ids.WORDS_KNOW, "children", allow_duplicate=True),
    "words_how": Output(ids.WORDS_HOW, "children", allow_duplicate=True),
    "words_plans": Output(ids.WORDS_PLANS, "children", allow_duplicate=True),
    "coverage": Output(ids.COVERAGE, "children", allow_duplicate=True),
    "form": Output(ids.FORM, "children", allow_duplicate=True),
    "versions": Output(ids.VERSIONS, "children", allow_duplicate=True),
    "answer_options": Output(ids.field(ids.ANSWERS, ALL), "options", allow_duplicate=True),
    "checks": Output(ids.CHECKS, "children", allow_duplicate=True),
    "claim_checks": Output(ids.claim_checks(ALL), "children", allow_duplicate=True),
}


def _la(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidRequest("The page is out of date; reload it.")
    return value


def _edits(fields: tuple) -> dict[str, object]:
    """Field path -> value, from the (ids, values) pairs of each kind of field."""
    edits: dict[str, object] = {}
    for kind_ids, values in zip(fields[0::2], fields[1::2], strict=True):
        if (not isinstance(kind_ids, list) or not isinstance(values, list)
                or len(kind_ids) != len(values)):
            raise InvalidRequest("The page is out of date; reload it.")
        for component_id, value in zip(kind_ids, values, strict=True):
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


def _form(user: Any, la_code: str, sef: Sef) -> tuple[list[Component], SefReview]:
    """The form for ``sef``; a newly linked indicator shows the latest upload's figures,
    which are the ones the next save keeps, and each claim its checks."""
    figures, choices = editing_context(user, la_code)
    sef = set_figures(sef, figures, only_missing=True)
    review = review_sef(user, la_code, sef)
    return sef_form(sef, choices, changed_figures(sef, figures), review), review


def edit_structure(clicks: list, new_theme: Any, doc: Any, la_code: Any, *fields: Any) -> tuple:
    """Add or remove a theme, statement, evidence item or plan, keeping what was typed."""
    user = require_principal()
    la_code = _la(la_code)
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0].get("value"):
        return no_update, no_update, no_update, no_update  # a button just drawn
    sef = merge_edits(doc, _edits(fields))
    sef = _apply_action(sef, str(trigger.get("action")), str(trigger.get("target")), new_theme)
    form, review = _form(user, la_code, sef)
    return form, sef_to_dict(sef), length_summary(sef), editor_checks(review)


def _counts(sef: Sef) -> dict[str, Any]:
    return {"length": length_summary(sef), "words_know": word_count_text(sef, "know"),
            "words_how": word_count_text(sef, "how"),
            "words_plans": word_count_text(sef, "plans")}


def update_counts(_blurs: list, doc: Any, la_code: Any, fields: list) -> dict[str, Any]:
    """Word counts per question and the length warning, as people type (para 36)."""
    user = require_principal()
    require_editor(user, _la(la_code))  # refuses anyone who may not edit this SEF
    return _counts(merge_edits(doc, _edits(fields)))


def _answer_options(sef: Sef | None) -> list:
    """Fresh labels for every plan's list of weaknesses, as their text changes.

    A pattern-matching output takes a list, one value per plan, even when unchanged.
    """
    count = len(ctx.outputs_grouping.get("answer_options", [])) if ctx.outputs_grouping else 0
    return [no_update if sef is None else weakness_options(sef)] * count


def _claim_checks(review: SefReview | None) -> list:
    """Each statement's checks, in the order of the statements on the page."""
    outputs = ctx.outputs_grouping.get("claim_checks", []) if ctx.outputs_grouping else []
    if review is None:
        return [no_update] * len(outputs)
    return [statement_checks(review.by_statement.get(output["id"]["statement"], []))
            for output in outputs]


def _checked(user: Any, la_code: str, sef: Sef) -> dict[str, Any]:
    """The checks against the figures and the writing, after a save (paras 36, 50)."""
    review = review_sef(user, la_code, sef)
    return {"checks": editor_checks(review), "claim_checks": _claim_checks(review)}


def _saved(**changed: Any) -> dict[str, Any]:
    """Every save output: left as it is unless given."""
    return {name: no_update for name in SAVE_OUTPUTS} | {
        "answer_options": _answer_options(None), "claim_checks": _claim_checks(None)} | changed


def _nothing() -> dict[str, Any]:
    return _saved()


REVIEW_STATUS = ("Not saved: the text may identify a child. See the warning below; "
                 "autosave is paused until you change the text or save anyway.")


def _save(trigger: str, doc: Any, base: Any, conflict_base: Any, la_code: Any,
          fields: list, review: Any = None, reason: Any = None) -> dict[str, Any]:
    user = require_principal()
    la_code = _la(la_code)
    if trigger == ids.AUTOSAVE and (conflict_base is not None or review):
        # wait for the person to choose what to do about the clash or the warning:
        # autosave neither retries nor stores on its own
        return _nothing()
    sef = merge_edits(doc, _edits(fields))
    merged = None
    if trigger == ids.KEEP_MINE:
        # theirs, with what this person changed since the version they started from
        merged = merge_after_clash(user, la_code, base, conflict_base, sef)
        sef, base = merged.sef, conflict_base
    override = None
    if trigger == ids.SAVE_ANYWAY and isinstance(reason, str) and reason.strip():
        override = reason
    result = save_draft(user, la_code, base, sef, refresh_figures=trigger == ids.REFRESH,
                        identifier_override=override)
    if result.status == "needs_review":
        # nothing stored; the form and what was typed stay as they are
        problem = ("Write why these are not a child's details before choosing “Save "
                   "anyway”, or change the text." if trigger == ids.SAVE_ANYWAY else "")
        return _saved(status=REVIEW_STATUS,
                      identifiers=identifier_review(result.findings, problem), review=True,
                      **_counts(sef))
    if result.status == "conflict":
        message = conflict_message(
            result.their_author,
            format_date_time(result.saved_at) if result.saved_at else "",
            result.their_changes, result.your_changes,
        )
        status = "Not saved: a colleague saved a newer version. See below."
        return _saved(status=status, conflict=message, conflict_base=result.number,
                      identifiers=None, review=None, **_counts(sef),
                      coverage=coverage_table(sef), answer_options=_answer_options(sef))
    if result.status == "unchanged":
        if trigger == ids.AUTOSAVE:
            # the newest version already holds this text (a save that answered late)
            return _nothing() if result.number == base else _saved(base=result.number)
        status = f"No changes since version {result.number}."
    else:
        status = saved_text(result.number, list_versions(user, la_code))
    # The form and the document it was drawn from change only when the figures were
    # refreshed or a colleague's changes were merged in: a save answering late must not
    # undo a part added meanwhile.
    refreshed = trigger == ids.REFRESH or merged is not None
    doc = sef_to_dict(result.sef) if refreshed else no_update
    versions = versions_panel(la_code, list_versions(user, la_code), True)
    if refreshed:
        # a redrawn form draws each claim's checks itself, from the same review
        form, review = _form(user, la_code, result.sef)
        checked = {"checks": editor_checks(review), "claim_checks": _claim_checks(None)}
    else:
        form, checked = no_update, _checked(user, la_code, result.sef)
    if merged is not None:
        status += " Your colleague's changes were combined with yours (see above)."
    return _saved(base=result.number, doc=doc, status=status,
                  conflict=merged_notice(merged.both_changed) if merged else None,
                  conflict_base=None, identifiers=None, review=None, **_counts(result.sef),
                  coverage=coverage_table(result.sef), form=form, versions=versions,
                  answer_options=_answer_options(result.sef), **checked)


def save(_clicks: int, _tick: int, _refresh: int, _blurs: list, doc: Any, base: Any,
         conflict_base: Any, review: Any, la_code: Any, fields: list) -> dict[str, Any]:
    """Save the draft as a new version, or show what a colleague saved meanwhile, or
    what may identify a child (then nothing is stored).

    Leaving a text field saves too, as autosave does (quietly, no version when nothing
    changed), so text typed just before following a link is not lost to the 30 s wait.
    """
    trigger = ctx.triggered_id
    if isinstance(trigger, dict):  # a text field was left
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            return _nothing()  # a field just drawn
        trigger = ids.AUTOSAVE
    return _save(str(trigger), doc, base, conflict_base, la_code, fields, review)


def keep_mine(clicks: int, doc: Any, base: Any, conflict_base: Any, la_code: Any,
              fields: list) -> dict[str, Any]:
    """After a clash: save the colleague's version with this person's changes put in,
    this person's kept where both changed the same answer."""
    if not clicks:
        return _nothing()
    return _save(ids.KEEP_MINE, doc, base, conflict_base, la_code, fields)


def save_anyway(clicks: int, reason: Any, doc: Any, base: Any, la_code: Any,
                fields: list) -> dict[str, Any]:
    """After the identifier warning: save with the person's reason (a false positive),
    which is kept with the version and audited."""
    if not clicks:
        return _nothing()
    return _save(ids.SAVE_ANYWAY, doc, base, None, la_code, fields, True, reason)


LOAD_OUTPUTS = {
    "form": Output(ids.FORM, "children", allow_duplicate=True),
    "doc": Output(ids.DOC, "data", allow_duplicate=True),
    "base": Output(ids.BASE, "data", allow_duplicate=True),
    "conflict": Output(ids.CONFLICT, "children", allow_duplicate=True),
    "conflict_base": Output(ids.CONFLICT_BASE, "data", allow_duplicate=True),
    "status": Output(ids.STATUS, "children", allow_duplicate=True),
    "checks": Output(ids.CHECKS, "children", allow_duplicate=True),
}


def load_theirs(clicks: int, la_code: Any) -> dict[str, Any]:
    """Drop this person's unsaved changes and load the newest saved version."""
    if not clicks:
        return dict.fromkeys(LOAD_OUTPUTS, no_update)
    user = require_principal()
    page = open_sef(user, _la(la_code))
    require(page.may_edit, "Only this local authority's own users may edit its self-evaluation.")
    form = sef_form(page.sef, page.indicator_choices, page.changed_figures, page.review)
    return {"form": form, "doc": sef_to_dict(page.sef), "base": page.head_number,
            "conflict": None, "conflict_base": None,
            "status": saved_text(page.head_number, page.versions),
            "checks": editor_checks(page.review)}


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


SHARE_OUTPUTS = {
    "panel": Output(ids.SHARE_PANEL, "children", allow_duplicate=True),
    "base": Output(ids.BASE, "data", allow_duplicate=True),
    "status": Output(ids.STATUS, "children", allow_duplicate=True),
    "identifiers": Output(ids.IDENTIFIERS, "children", allow_duplicate=True),
    "review": Output(ids.REVIEW, "data", allow_duplicate=True),
}


def _sharing(**changed: Any) -> dict[str, Any]:
    return dict.fromkeys(SHARE_OUTPUTS, no_update) | changed


def start_sharing(clicks: int, doc: Any, base: Any, conflict_base: Any, la_code: Any,
                  fields: list) -> dict[str, Any]:
    """Save what is on screen, then ask the person to confirm, showing any warnings."""
    if not clicks:
        return _sharing()
    user = require_principal()
    la_code = _la(la_code)
    if conflict_base is not None:
        return _sharing(panel=_notice("A colleague saved a newer version. Choose which to "
                                      "keep (above) before sharing."))
    sef = merge_edits(doc, _edits(fields))
    result = save_draft(user, la_code, base, sef)
    if result.status == "needs_review":
        # the save before sharing is checked like any other: nothing stored or shared
        return _sharing(panel=_notice("Not shared: the text may identify a child, and nothing "
                                      "was saved. See the warning above."),
                        status=REVIEW_STATUS, identifiers=identifier_review(result.findings),
                        review=True)
    if result.status == "conflict":
        return _sharing(panel=_notice("A colleague saved a newer version. Use “Save now” to "
                                      "see what changed before sharing."))
    if result.number == 0:
        return _sharing(panel=_notice("There is nothing to share yet."))
    versions = list_versions(user, la_code)
    if any(v.number == result.number and v.purged for v in versions):
        return _sharing(panel=_notice(f"The words of version {result.number} were removed. "
                                      "Make a change and save a new version before sharing."))
    findings, region, review = prepare_share(user, la_code, result.number)
    status = saved_text(result.number, versions)
    # the document store is left alone, as after any save
    return _sharing(panel=share_confirmation(result.number, region, findings, review),
                    base=result.number, status=status, identifiers=None, review=None)


def _notice(text: str, kind: str = alerts.BLOCKED) -> Component:
    return alerts.alert(html.P(text, className="mb-0"), kind)


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
                        "the text and share again.", alerts.ERROR), no_update)
    shared_at = format_date_time(result.shared_at) if result.shared_at else ""
    return (_notice(f"Version {number} was shared with Ofsted on {shared_at}.", alerts.SUCCESS),
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


def _chosen_check(number: Any, la_code: Any) -> tuple[Any, str, ReviewItem] | None:
    """The signed-in person, the LA and the check whose button was pressed, worked out
    again here from the shared version (never taken from the page); None when no button
    was pressed (one just drawn)."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0].get("value"):
        return None
    key = trigger.get("index")
    if not isinstance(key, str) or not valid_version_number(number):
        raise InvalidRequest("The page is out of date; reload it.")
    user = require_principal()
    la_code = _la(la_code)
    item = next((i for i in review_shared(user, la_code, number).items if i.key == key), None)
    if item is None:
        raise InvalidRequest("The checks have changed since the page was drawn; reload it.")
    return user, la_code, item


def add_check_to_notes(clicks: list, number: Any, la_code: Any) -> Component:
    """An inspector keeps one check as evidence in their preparation notes."""
    chosen = _chosen_check(number, la_code)
    if chosen is None:
        return no_update
    user, la_code, item = chosen
    add_note(user, la_code, f"SEF version {number}: {item.heading}. {item.where}. {item.text}"
             [:MAX_NOTE])
    return note_added(item.where)


def add_check_to_agenda(clicks: list, number: Any, la_code: Any) -> Component:
    """An inspector puts one check on the agenda of the LA's next engagement meeting
    (para 42: the self-evaluation is one of its items), as evidence for discussion."""
    chosen = _chosen_check(number, la_code)
    if chosen is None:
        return no_update
    user, la_code, item = chosen
    meeting = next_open_meeting(user, la_code)
    if meeting is None:
        raise InvalidRequest("There is no meeting waiting to be held; schedule one first.")
    propose_item(user, meeting[0], f"Self-evaluation: {item.heading}"[:MAX_TITLE],
                 f"SEF version {number}. {item.where}. {item.text}"[:MAX_AGENDA_TEXT])
    return note_added(item.where, f"the agenda for {format_date(meeting[1])}")


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
        Output(ids.FORM, "children", allow_duplicate=True),
        Output(ids.DOC, "data", allow_duplicate=True),
        Output(ids.LENGTH, "children", allow_duplicate=True),
        Output(ids.CHECKS, "children", allow_duplicate=True),
        Input(ids.action(ALL, ALL), "n_clicks"),
        State(ids.NEW_THEME, "value"),
        State(ids.DOC, "data"),
        State(ids.LA, "data"),
        *FIELD_STATES,
        prevent_initial_call=True,
    )(edit_structure)
    app.callback(
        output={name: SAVE_OUTPUTS[name]
                for name in ("length", "words_know", "words_how", "words_plans")},
        inputs={"_blurs": Input(ids.field(ids.TEXT, ALL), "n_blur"),
                "doc": State(ids.DOC, "data"), "la_code": State(ids.LA, "data"),
                "fields": FIELD_STATES},
        prevent_initial_call=True,
    )(update_counts)
    app.callback(
        output=SAVE_OUTPUTS,
        inputs={"_clicks": Input(ids.SAVE, "n_clicks"),
                "_tick": Input(ids.AUTOSAVE, "n_intervals"),
                "_refresh": Input(ids.REFRESH, "n_clicks"),
                "_blurs": Input(ids.field(ids.TEXT, ALL), "n_blur"),
                "doc": State(ids.DOC, "data"), "base": State(ids.BASE, "data"),
                "conflict_base": State(ids.CONFLICT_BASE, "data"),
                "review": State(ids.REVIEW, "data"), "la_code": State(ids.LA, "data"),
                "fields": FIELD_STATES},
        prevent_initial_call=True,
    )(save)
    app.callback(
        output=SAVE_OUTPUTS,
        inputs={"clicks": Input(ids.SAVE_ANYWAY, "n_clicks"),
                "reason": State(ids.OVERRIDE_REASON, "value"),
                "doc": State(ids.DOC, "data"), "base": State(ids.BASE, "data"),
                "la_code": State(ids.LA, "data"), "fields": FIELD_STATES},
        prevent_initial_call=True,
    )(save_anyway)
    app.callback(
        output=SAVE_OUTPUTS,
        inputs={"clicks": Input(ids.KEEP_MINE, "n_clicks"),
                "doc": State(ids.DOC, "data"), "base": State(ids.BASE, "data"),
                "conflict_base": State(ids.CONFLICT_BASE, "data"),
                "la_code": State(ids.LA, "data"), "fields": FIELD_STATES},
        prevent_initial_call=True,
    )(keep_mine)
    app.callback(
        output=LOAD_OUTPUTS,
        inputs={"clicks": Input(ids.LOAD_THEIRS, "n_clicks"),
                "la_code": State(ids.LA, "data")},
        prevent_initial_call=True,
    )(load_theirs)
    app.callback(
        Output(ids.figure(MATCH), "children"),
        Input(ids.field(ids.INDICATOR_CHOICE, MATCH), "value"),
        State(ids.LA, "data"),
        prevent_initial_call=True,
    )(show_figure)
    app.callback(
        output=SHARE_OUTPUTS,
        inputs={"clicks": Input(ids.SHARE, "n_clicks"), "doc": State(ids.DOC, "data"),
                "base": State(ids.BASE, "data"),
                "conflict_base": State(ids.CONFLICT_BASE, "data"),
                "la_code": State(ids.LA, "data"), "fields": FIELD_STATES},
        prevent_initial_call=True,
    )(start_sharing)
    app.callback(
        Output(ids.SHARE_PANEL, "children", allow_duplicate=True),
        Output(ids.VERSIONS, "children", allow_duplicate=True),
        Input(ids.SHARE_CONFIRM, "n_clicks"),
        State(ids.SHARE_NUMBER, "data"),
        State(ids.SHARE_OVERRIDE, "value"),
        State(ids.LA, "data"),
        prevent_initial_call=True,
    )(confirm_sharing)
    app.callback(
        Output(ids.THEME_INDICATORS, "children"),
        Input(ids.THEME_CHOICE, "value"),
        State(ids.VERSION_SHOWN, "data"),
        State(ids.LA, "data"),
    )(show_theme)
    app.callback(
        Output(ids.CHECK_NOTE_STATUS, "children"),
        Input(ids.check_note(ALL), "n_clicks"),
        State(ids.CHECKS_VERSION, "data"),
        State(ids.LA, "data"),
        prevent_initial_call=True,
    )(add_check_to_notes)
    app.callback(
        Output(ids.CHECK_NOTE_STATUS, "children", allow_duplicate=True),
        Input(ids.check_agenda(ALL), "n_clicks"),
        State(ids.CHECKS_VERSION, "data"),
        State(ids.LA, "data"),
        prevent_initial_call=True,
    )(add_check_to_agenda)
    app.callback(
        Output(ids.COMPARE_RESULT, "children"),
        Input(ids.COMPARE, "n_clicks"),
        State(ids.COMPARE_A, "value"),
        State(ids.COMPARE_B, "value"),
        State(ids.LA, "data"),
        prevent_initial_call=True,
    )(compare)
