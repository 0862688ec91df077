"""The layers above the domain: services never reach up into the web (Dash, Flask, the
pages, the callbacks, the web plumbing), and storage never reaches up into the services
or the web (the audit listener is registered where the app is assembled)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.domain.test_layering import DASHBOARD, imports, within

WEB = {"dash", "dash_bootstrap_components", "dash_ag_grid", "flask", "flask_login",
       "flask_wtf", "callbacks", "dashboard.pages", "dashboard.web"}
RULES = {
    "services": WEB,
    "storage": WEB | {"dashboard.services", "dashboard.demo", "dashboard.cli"},
}
MODULES = [(layer, path) for layer in RULES for path in sorted((DASHBOARD / layer).rglob("*.py"))]


@pytest.mark.parametrize("layer", RULES)
def test_the_layers_modules_are_found(layer: str) -> None:
    assert len([path for name, path in MODULES if name == layer]) > 3, layer


@pytest.mark.parametrize(("layer", "module"), MODULES,
                         ids=[f"{layer}/{path.name}" for layer, path in MODULES])
def test_layer_imports_nothing_from_above(layer: str, module: Path) -> None:
    names, relative = imports(module)
    assert not relative, "use absolute imports (dashboard....)"
    assert not {name for name in names if within(name, RULES[layer])}


def test_storage_loads_and_refuses_sessions_without_any_service(tmp_path: Path) -> None:
    """At run time too: storage loads without any service or web module, and with no one
    having registered the audit listener it refuses a session rather than write unaudited."""
    code = f"""
import sys
from dashboard.storage.db import NotAssembled, session_scope
import dashboard.storage.models, dashboard.storage.schema, dashboard.storage.reference_data
print(sorted(m for m in sys.modules if m.split(".")[0] in {{"callbacks", "dash", "flask"}}
             or m.startswith(("dashboard.services", "dashboard.web", "dashboard.pages"))))
try:
    with session_scope("sqlite:///{tmp_path}/fresh.sqlite3"):
        pass
except NotAssembled:
    print("refused")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=DASHBOARD.parent)
    assert done.stdout.split("\n")[:2] == ["[]", "refused"], done.stdout + done.stderr


def test_the_domain_tests_run_without_the_app() -> None:
    """`pytest tests/domain` loads no app fixtures, database or web code (seconds)."""
    code = ("import sys, pytest\n"
            "code = pytest.main(['tests/domain/test_calendar.py', '-q',\n"
            "                    '-p', 'no:cacheprovider'])\n"
            "print(int(code), sorted(m for m in ('tests.app_fixtures', 'flask', 'sqlalchemy', "
            "'dashboard.storage', 'dashboard.services') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=DASHBOARD.parent, timeout=120)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr
