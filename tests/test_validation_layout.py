"""Every component id a callback names is in the app's validation layout (issue 17), on a
component that has the property named: a misspelt id or property fails here, not only in
a browser. Pattern-matching ids match by their keys and fixed values (their type)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from dash.development.base_component import Component

WILDCARDS = (["ALL"], ["MATCH"], ["ALLSMALLER"])


def _components(tree: Any) -> Iterator[Component]:
    if isinstance(tree, Component):
        yield tree
        yield from _components(getattr(tree, "children", None))
    elif isinstance(tree, list | tuple):
        for child in tree:
            yield from _components(child)


def _has(component: Component, prop: str) -> bool:
    return prop.split("@")[0] in {"id", *component._prop_names}


def _matches(declared: Any, component_id: Any) -> bool:
    """A string id is equal; a pattern has the same keys and the same fixed values."""
    if not isinstance(declared, dict):
        return declared == component_id
    if not isinstance(component_id, dict) or set(component_id) != set(declared):
        return False
    return all(value in WILDCARDS or component_id[key] == value
               for key, value in declared.items())


def _declared(component_id: str) -> Any:
    return json.loads(component_id) if component_id.startswith("{") else component_id


def _dependencies(dash_app) -> Iterator[tuple[Any, str, str]]:
    """(id, property, what) for every output, input and state of every callback."""
    dash_app.server.test_client().get("/health")  # Dash Pages adds its router here
    for key, spec in dash_app.callback_map.items():
        outputs = spec["output"]
        for output in outputs if isinstance(outputs, list | tuple) else [outputs]:
            yield _declared(output.component_id_str()), output.component_property, key
        for dependency in spec["inputs"] + spec["state"]:
            yield _declared(dependency["id"]), dependency["property"], key


def test_every_callback_id_is_in_the_validation_layout(dash_app) -> None:
    components = [c for c in _components(dash_app.validation_layout)
                  if getattr(c, "id", None) is not None]
    missing = set()
    for declared, prop, key in _dependencies(dash_app):
        if not any(_matches(declared, c.id) and _has(c, prop) for c in components):
            missing.add((json.dumps(declared, sort_keys=True), prop, key[:80]))
    assert not missing, f"not in the validation layout (id, property, callback): {missing}"


def test_the_check_finds_a_misspelt_id_and_property(dash_app) -> None:
    """The test above would pass on an empty answer: show it can fail."""
    components = [c for c in _components(dash_app.validation_layout)
                  if getattr(c, "id", None) is not None]
    assert any(_matches("sef-save", c.id) for c in components)
    assert not any(_matches("sef-svae", c.id) for c in components)
    assert not any(_matches("sef-save", c.id) and _has(c, "valeu") for c in components)
    pattern = {"type": "sef-action", "action": ["ALL"], "target": ["ALL"]}
    assert any(_matches(pattern, c.id) for c in components)
    assert not any(_matches({**pattern, "type": "sef-actoin"}, c.id) for c in components)
