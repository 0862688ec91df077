"""The domain layer stays pure: no web framework or database imports (DESIGN.md 5)."""

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "dashboard" / "domain"
FORBIDDEN = {"dash", "dash_bootstrap_components", "flask", "flask_login", "sqlalchemy", "alembic"}


def imported_modules(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", sorted(DOMAIN.glob("*.py")), ids=lambda p: p.name)
def test_domain_module_imports_nothing_from_web_or_database(module: Path) -> None:
    names = imported_modules(module.read_text(encoding="utf-8"))
    assert not {name.split(".")[0] for name in names} & FORBIDDEN
    our_own = {name for name in names if name.split(".")[0] == "dashboard"}
    assert all(name.startswith("dashboard.domain") for name in our_own), our_own
