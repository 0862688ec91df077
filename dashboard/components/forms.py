"""Labels and the list of what is wrong with a form."""

from __future__ import annotations

import json

from dash import html
from dash.development.base_component import Component

from dashboard.components.alerts import ERROR, alert


def dom_id(component_id: dict[str, str] | dict) -> str:
    """The id the browser gives a pattern-matching component, for a label's ``for``."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def unsaved_guard(saved_by: str) -> dict[str, str]:
    """Attributes that put a form under assets/unsaved.js: typing in it marks the text
    unsaved, leaving the page then asks first, and a successful callback request whose
    output or trigger names ``saved_by`` (for example ``"note-add.n_clicks"``) marks it
    saved again. Use as ``html.Div(children, **unsaved_guard(...))``."""
    return {"data-guard": "unsaved", "data-guard-saved-by": saved_by}


def label_for(text: str, component_id: dict | str, hint: str = "") -> list[Component]:
    """A visible label for a control (string or pattern-matching id), with a hint."""
    target = component_id if isinstance(component_id, str) else dom_id(component_id)
    out: list[Component] = [html.Label(text, htmlFor=target, className="form-label")]
    if hint:
        out.append(html.Div(hint, className="form-text"))
    return out


def form_errors(problems: list[str], lead: str, id: str | None = None
                ) -> Component:
    """Every problem with a form, in plain words, under one lead line."""
    return alert([
        html.P(lead, className="fw-bold mb-1"),
        html.Ul([html.Li(problem) for problem in problems], className="mb-0"),
    ], ERROR, id=id)
