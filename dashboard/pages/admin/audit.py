"""Administrators search the audit trail: who changed what, when, before and after."""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.components.guard import guarded
from dashboard.pages.admin.audit_views import audit_page, audit_results
from dashboard.services.audit import AuditQuery, entity_names, search_audit
from dashboard.services.la_profiles import la_choices

dash.register_page(__name__, path="/admin/audit", title="Audit trail - ILACS engagement",
                   name="Admin audit",
                   nav_label="Audit trail", nav_order=90, action=Action.SEARCH_AUDIT_TRAIL)


def _page(user: Principal) -> Component:
    initial = audit_results(search_audit(user, AuditQuery()))
    la_options = [{"label": name, "value": code} for code, name in la_choices(user)]
    entity_options = [{"label": name, "value": name} for name in entity_names()]
    return audit_page(initial, la_options, entity_options)


def layout(**_: Any) -> Component:
    return guarded(_page)
