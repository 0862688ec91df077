"""The domain layer stays pure: no web framework, database or chart imports, and no
relative imports that would hide where an import goes (DESIGN.md 5)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
DOMAIN_MODULES = sorted((DASHBOARD / "domain").rglob("*.py"))
FORBIDDEN = {"dash", "dash_bootstrap_components", "dash_ag_grid", "flask", "flask_login",
             "flask_wtf", "werkzeug", "plotly", "sqlalchemy", "alembic", "psycopg"}


def imports(path: Path) -> tuple[set[str], int]:
    """The absolute module names ``path`` imports (at any depth, lazy ones too), and how
    many relative imports it has."""
    names: set[str] = set()
    relative = 0
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                relative += 1
            elif node.module:
                names.add(node.module)
    return names, relative


def within(name: str, packages: set[str]) -> bool:
    """Whether module ``name`` is one of ``packages`` or inside one."""
    return any(name == package or name.startswith(package + ".") for package in packages)


def test_the_domain_modules_are_found() -> None:
    assert len(DOMAIN_MODULES) > 10, DOMAIN_MODULES  # a moved folder must not pass vacuously


@pytest.mark.parametrize("module", DOMAIN_MODULES, ids=lambda p: p.name)
def test_domain_module_imports_nothing_from_web_or_database(module: Path) -> None:
    names, relative = imports(module)
    assert not relative, "use absolute imports (dashboard.domain....)"
    assert not {name for name in names if within(name, FORBIDDEN)}
    our_own = {name for name in names if within(name, {"dashboard"})}
    assert all(within(name, {"dashboard.domain"}) for name in our_own), our_own
