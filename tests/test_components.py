"""The shared builders and the layering of pages and callbacks (issue 17)."""

from __future__ import annotations

import ast
from pathlib import Path

import dash_bootstrap_components as dbc
import pytest
from dash import html

from dashboard.components import alerts

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", [alerts.ERROR, alerts.BLOCKED])
def test_a_message_that_stops_the_person_is_an_alert(kind: str) -> None:
    box = alerts.alert("Nothing was saved.", kind, id="x")
    assert isinstance(box, dbc.Alert)  # dbc.Alert renders role="alert"
    assert box.fade is False and box.id == "x"


@pytest.mark.parametrize("kind", [alerts.WARNING, alerts.SUCCESS, alerts.INFO, alerts.NOTE])
def test_every_other_message_is_a_status(kind: str) -> None:
    box = alerts.alert("Saved.", kind, className="mb-0")
    assert isinstance(box, html.Div) and box.role == "status"
    assert box.className.startswith("alert alert-") and box.className.endswith(" mb-0")


#: Each callbacks module and the one feature package it belongs to.
FEATURE_OF = {
    "admin_releases": "admin", "admin_sef_removals": "admin", "admin_users": "admin",
    "audit": "admin",
    "engagement": "meetings", "letter_details": "meetings", "inspector_notes": "la",
    "la_history": "la", "la_pathway": "la",
    "mi_upload": "mi", "mi_indicators": "mi", "region": "region", "sef": "sef", "sef_purges": "sef",
}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_each_callbacks_module_imports_only_its_own_feature_and_components() -> None:
    modules = {p.stem: p for p in (ROOT / "callbacks").glob("*.py") if p.stem != "__init__"}
    assert set(modules) == set(FEATURE_OF), "say which feature a new callbacks module is of"
    for name, path in modules.items():
        pages = {m for m in _imports(path) if m.startswith("dashboard.pages")}
        own = f"dashboard.pages.{FEATURE_OF[name]}"
        assert all(m == own or m.startswith(own + ".") for m in pages), (name, pages)


def test_no_feature_imports_another_feature() -> None:
    for path in (ROOT / "dashboard" / "pages").rglob("*.py"):
        parts = path.relative_to(ROOT / "dashboard" / "pages").parts
        if len(parts) < 2:  # the package's own modules (validation layout) gather them all
            continue
        own = f"dashboard.pages.{parts[0]}"
        pages = {m for m in _imports(path) if m.startswith("dashboard.pages")}
        assert all(m == own or m.startswith(own + ".") for m in pages), (path, pages)
