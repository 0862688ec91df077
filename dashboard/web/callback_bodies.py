"""Is a callback POST the body the Dash renderer would send for that callback?

Dash trusts the body: too few state values, empty inputs, an extra output or a
component id the callback never declared fail deep inside Dash with a 500 (issue 15,
finding 4). The gate compares the body with the callback's registered declaration
(its inputs, state and outputs, in order) and answers 400 when they differ.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

_WILDCARDS = ("ALL", "ALLSMALLER", "MATCH")
_SCALAR = (str, int, float, bool)


def _pattern(component_id: object) -> dict[str, Any] | None:
    """A pattern-matching id as a dict (from the registry's JSON text), else None."""
    if isinstance(component_id, dict):
        return component_id
    if isinstance(component_id, str) and component_id.startswith("{"):
        try:
            parsed = json.loads(component_id)
        except ValueError:
            return None
        return parsed if isinstance(parsed, dict) else None
    return None


def _wildcard(value: object) -> str | None:
    if isinstance(value, list) and len(value) == 1 and value[0] in _WILDCARDS:
        return value[0]
    return None


def _is_multi(pattern: dict[str, Any]) -> bool:
    """ALL and ALLSMALLER arrive as a list of the matching components."""
    return any(_wildcard(v) in ("ALL", "ALLSMALLER") for v in pattern.values())


def _same_property(sent: object, declared: str) -> bool:
    """Duplicate outputs are declared as ``children@<hash>``; the renderer may send either."""
    return isinstance(sent, str) and sent.split("@")[0] == declared.split("@")[0]


def _id_matches(sent: object, declared_id: object) -> bool:
    pattern = _pattern(declared_id)
    if pattern is None:
        return sent == declared_id
    if not isinstance(sent, dict) or set(sent) != set(pattern):
        return False
    for key, wanted in pattern.items():
        if _wildcard(wanted):
            if not isinstance(sent[key], _SCALAR):
                return False
        elif sent[key] != wanted:
            return False
    return True


def _item_matches(item: object, declared: Mapping[str, Any]) -> bool:
    return (isinstance(item, dict) and _id_matches(item.get("id"), declared["id"])
            and _same_property(item.get("property"), declared["property"]))


def _dependency_matches(sent: object, declared: Mapping[str, Any]) -> bool:
    pattern = _pattern(declared["id"])
    if pattern is not None and _is_multi(pattern):
        return isinstance(sent, list) and all(_item_matches(i, declared) for i in sent)
    return _item_matches(sent, declared)


def _dependencies_match(sent: object, declared: list[Mapping[str, Any]]) -> bool:
    return (isinstance(sent, list) and len(sent) == len(declared)
            and all(_dependency_matches(s, d) for s, d in zip(sent, declared, strict=True)))


def declared_outputs(spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The callback's outputs as the renderer names them, in order."""
    if spec.get("no_output"):
        return []
    outputs = spec.get("output")
    outputs = outputs if isinstance(outputs, list | tuple) else [outputs]
    return [{"id": o.component_id_str(), "property": o.component_property} for o in outputs]


def _outputs_match(sent: object, spec: Mapping[str, Any]) -> bool:
    declared = declared_outputs(spec)
    if not declared:
        return sent in (None, [])
    if isinstance(spec.get("output"), list | tuple):
        return _dependencies_match(sent, declared)
    return _dependency_matches(sent, declared[0])


def callback_body_problem(body: object, spec: Mapping[str, Any] | None) -> str | None:
    """Why ``body`` is not a call of the callback ``spec`` declares, or None if it is."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return "not a callback body"
    if spec is None or "callback" not in spec:  # clientside callbacks run in the browser
        return "no such callback"
    if not _dependencies_match(body.get("inputs"), spec["inputs"]):
        return "inputs differ from the declaration"
    if not _dependencies_match(body.get("state", []), spec["state"]):
        return "state differs from the declaration"
    if not _outputs_match(body.get("outputs"), spec):
        return "outputs differ from the declaration"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changed properties are not a list of names"
    return None
