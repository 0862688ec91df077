"""How the audit trail is shown: one row per change, each field's before and after.
Administrators search the whole trail; an LA's own users read their SEF's."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from dashboard.access import ROLE_LABELS
from dashboard.formatting import format_date_time
from dashboard.services.audit import AuditEntry

ACTIONS = {"created": "Added", "changed": "Changed", "deleted": "Removed"}


def _changes(entry: AuditEntry) -> Component:
    if not entry.changes:
        return html.Span("No field details.")
    return html.Ul([
        html.Li([
            html.Strong(f"{change.field}: "),
            *([html.Span("before: "), html.Del(change.before), html.Span(" ")]
              if change.before else []),
            *([html.Span("after: "), html.Ins(change.after)] if change.after else
              [html.Span("(removed)")]),
        ])
        for change in entry.changes
    ], className="audit-changes")

def _who(entry: AuditEntry) -> str:
    return f"{entry.actor} ({ROLE_LABELS.get(entry.actor_role, entry.actor_role)})"

def audit_table(entries: list[AuditEntry], caption: str, show_la: bool = True) -> Component:
    if not entries:
        return html.P("No changes recorded.", id="audit-empty")
    headings = ["When", "Who", "What", *(["LA"] if show_la else []), "Change", "Details"]
    return html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in headings])),
        html.Tbody([
            html.Tr([
                html.Td(format_date_time(entry.at)),
                html.Td(_who(entry)),
                html.Td(f"{entry.entity} {entry.entity_id}".strip()),
                *([html.Td(entry.la_code or "")] if show_la else []),
                html.Td(f"{ACTIONS.get(entry.action, entry.action)}: {entry.summary}"),
                html.Td(_changes(entry)),
            ])
            for entry in entries
        ]),
    ], className="table table-sm audit-table", id="audit-table")
