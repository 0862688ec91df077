"""A three-way merge of SEF drafts, for "Save mine as the newest version" after a clash.

``base`` is the version the person started from, ``theirs`` the version a colleague
saved meanwhile, ``mine`` what the person has on screen. The merge starts from theirs
and puts in everything the person changed since base: fields they edited, parts they
added (a theme, statement, evidence item or plan) and parts they removed. A field the
colleague changed and the person did not keeps the colleague's value. Where both
changed the same field differently, the person's value is kept and the field is
listed, with both values, so the page can say so.

Pure: no database, no request.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass

from dashboard.domain.sef import (
    Sef,
    document_parts,
    parts_by_address,
    sef_from_dict,
    sef_to_dict,
)

#: (kind, item id, field name); summaries and settings have an empty item id
FieldKey = tuple[str, str, str]

_FIELDS = {
    "theme": ("name",),
    "statement": ("kind", "text"),
    "evidence": ("kind", "summary", "source", "dated", "indicator_id", "figure"),
    "plan": ("action", "owner", "due", "impact_measure", "answers"),
}


@dataclass(frozen=True)
class BothChanged:
    """A field both people changed since base: the person's value was kept."""

    label: str
    theirs: str
    mine: str


@dataclass(frozen=True)
class Merged:
    sef: Sef
    both_changed: tuple[BothChanged, ...]


def _index(data: dict) -> dict[tuple[str, str], dict]:
    """(kind, id) -> the part's dict, for every part of a SEF in dict form."""
    return {("summary", ""): data["summaries"], ("settings", ""): data,
            **parts_by_address(data)}


def _fields(data: dict) -> dict[FieldKey, object]:
    values: dict[FieldKey, object] = {("settings", "", "length_limit_words"):
                                      data["length_limit_words"]}
    values |= {("summary", "", key): text for key, text in data["summaries"].items()}
    for (kind, item_id), part in _index(data).items():
        for name in _FIELDS.get(kind, ()):
            values[(kind, item_id, name)] = part.get(name)
    return values


def _parent(data: dict) -> dict[tuple[str, str], str]:
    """(kind, id) -> the id of the part it belongs to ("" for themes and plans)."""
    parents: dict[tuple[str, str], str] = {}
    for theme in data["themes"]:
        parents[("theme", theme["id"])] = ""
        for statement in theme["statements"]:
            parents[("statement", statement["id"])] = theme["id"]
            for evidence in statement["evidence"]:
                parents[("evidence", evidence["id"])] = statement["id"]
    for plan in data["plans"]:
        parents[("plan", plan["id"])] = ""
    return parents


def _remove(data: dict, kind: str, item_id: str) -> None:
    if kind == "theme":
        data["themes"] = [t for t in data["themes"] if t["id"] != item_id]
    elif kind == "plan":
        data["plans"] = [p for p in data["plans"] if p["id"] != item_id]
    for theme in data["themes"]:
        if kind == "statement":
            theme["statements"] = [s for s in theme["statements"] if s["id"] != item_id]
        for statement in theme["statements"]:
            if kind == "evidence":
                statement["evidence"] = [e for e in statement["evidence"] if e["id"] != item_id]


def _add(data: dict, kind: str, part: dict, parent: str) -> None:
    index = _index(data)
    if kind == "theme":
        data["themes"].append(copy.deepcopy(part))
    elif kind == "plan":
        data["plans"].append(copy.deepcopy(part))
    elif kind == "statement" and ("theme", parent) in index:
        index[("theme", parent)]["statements"].append(copy.deepcopy(part))
    elif kind == "evidence" and ("statement", parent) in index:
        index[("statement", parent)]["evidence"].append(copy.deepcopy(part))
    # a part added under one the colleague removed goes with it


def _shown(value: object) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _part_key(key: FieldKey) -> str:
    kind, item_id, name = key
    if kind == "summary":
        return f"summary:{name}"
    if kind == "settings":
        return "settings:length"
    return f"{kind}:{item_id}"


def _plain(sef: Sef) -> dict:
    """The SEF as plain lists and dicts (its dict form keeps tuples)."""
    return json.loads(json.dumps(sef_to_dict(sef)))


def merge_sefs(base: Sef, theirs: Sef, mine: Sef) -> Merged:
    """Theirs with everything the person changed since ``base`` put in (see the module)."""
    base_d, theirs_d, mine_d = (_plain(sef) for sef in (base, theirs, mine))
    merged = copy.deepcopy(theirs_d)
    base_parents, mine_parents = _parent(base_d), _parent(mine_d)
    for kind, item_id in base_parents.keys() - mine_parents.keys():
        _remove(merged, kind, item_id)  # the person removed it
    mine_index = _index(mine_d)
    added = mine_parents.keys() - base_parents.keys()
    for kind in ("theme", "statement", "evidence", "plan"):
        for key in [k for k in mine_parents if k in added and k[0] == kind]:
            parent = mine_parents[key]
            parent_kind = {"statement": "theme", "evidence": "statement"}.get(kind, "")
            if parent_kind and (parent_kind, parent) in added:
                continue  # came along with its new parent
            if key not in _index(merged):
                _add(merged, kind, mine_index[key], parent)
    base_fields, theirs_fields = _fields(base_d), _fields(theirs_d)
    merged_index = _index(merged)
    labels = {part.key: part.label for part in document_parts(mine)}
    both: list[BothChanged] = []
    for key, value in _fields(mine_d).items():
        kind, item_id, name = key
        if key not in base_fields or value == base_fields[key]:
            continue  # new with its part, or not changed by the person
        if (kind, item_id) not in merged_index:
            continue  # the colleague removed the part
        theirs_value = theirs_fields.get(key, base_fields[key])
        if theirs_value not in (base_fields[key], value):
            both.append(BothChanged(labels.get(_part_key(key), _part_key(key)),
                                    _shown(theirs_value), _shown(value)))
        merged_index[(kind, item_id)][name] = copy.deepcopy(value)
    return Merged(sef_from_dict(merged), tuple(both))
