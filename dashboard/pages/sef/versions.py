"""The SEF's versions: the list with each version's documents, comparing two, and
removing a version's words (issue 15)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.components import alerts
from dashboard.components.documents import document_links
from dashboard.components.forms import label_for
from dashboard.components.tables import header_row
from dashboard.domain.sef_compare import ADDED, REMOVED, Change
from dashboard.formatting import format_date_time
from dashboard.pages.sef import ids
from dashboard.services.sef import VersionInfo
from dashboard.services.sef_export import tombstone_text


def version_links(la_code: str, number: int) -> Component:
    """The version's print view, Word file and PDF."""
    return document_links(f"/sef/{la_code}/versions/{number}", "document",
                          (f"sef-print-{number}", f"sef-docx-{number}", f"sef-pdf-{number}"),
                          inline=True, className="sef-doc-links")


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
        text, id=ids.purge_open(v.number), n_clicks=0, type="button",
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
            html.Td(version_links(la_code, v.number)),
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
            html.Div([*label_for("Older version", ids.COMPARE_A),
                      dbc.Select(id=ids.COMPARE_A, options=options, value=older)],
                     className="col-md-4"),
            html.Div([*label_for("Newer version", ids.COMPARE_B),
                      dbc.Select(id=ids.COMPARE_B, options=options, value=newest)],
                     className="col-md-4"),
            html.Div(html.Button("Compare", id=ids.COMPARE, n_clicks=0, type="button",
                                 className="btn btn-outline-primary mt-4"), className="col-md-4"),
        ], className="row mb-2"),
        html.Div(id=ids.COMPARE_RESULT, **{"aria-live": "polite"}),
    ], className="mt-4")

def tombstones(infos: list[VersionInfo], list_id: str) -> Component:
    """Versions whose words were removed: what shows instead of them."""
    return html.Ul([html.Li(f"Version {info.number}: {tombstone_text(info)}")
                    for info in infos], id=list_id, className="sef-tombstones")

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
        *label_for("Reason", ids.PURGE_REASON,
                   "Shown in the version list and the change history"
                   + (", and to the region's inspectors and administrators" if shared else "")
                   + ". Do not name the child."),
        dcc.Textarea(id=ids.PURGE_REASON, value=reason, rows=2, maxLength=500,
                     className="form-control mb-2"),
        *label_for("Words to look for in your other versions (optional)", ids.PURGE_LOOK_FOR,
                   "For example the name that should not be there. Not stored."),
        dcc.Input(id=ids.PURGE_LOOK_FOR, value=look_for, type="text", maxLength=300,
                  className="form-control mb-2"),
    ]
    if problem:
        parts.append(html.P(problem, id="sef-purge-problem", className="text-danger fw-bold"))
    parts += [
        html.Button(button, id=ids.PURGE_CONFIRM, n_clicks=0, type="button",
                    className="btn btn-danger"),
        dcc.Store(id=ids.PURGE_NUMBER, data=number),
    ]
    return alerts.panel(parts, "warning", id="sef-purge-form")

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
    return alerts.alert(parts, alerts.SUCCESS, id="sef-purge-result")

def purge_requested(number: int) -> Component:
    return alerts.alert(html.P(
        f"You asked for the words of shared version {number} to be removed. An administrator "
        "will confirm or decline; until then the words stay, and the region's inspectors "
        "see that you asked.", className="mb-0"), alerts.INFO, id="sef-purge-result")

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
    return alerts.alert([html.H2("Words removed from shared versions", className="h5"),
                         html.Ul(items, className="mb-0")],
                        alerts.WARNING, id="sef-purge-notices")
