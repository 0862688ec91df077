"""The main navigation is built from the page registry and the access policy: each
role sees the links it had when they were written out by hand, and no more."""

from __future__ import annotations

import json

import pytest

from tests.conftest import sign_in

EXPECTED = {
    "la_barnsley": [
        ("Home", "/"), ("Our local authority", "/la/370"), ("Indicators", "/indicators/370"),
        ("Upload MI", "/upload/370"), ("Self-evaluation", "/sef/370"),
        ("Engagement meetings", "/meetings/370"), ("Definitions", "/indicators"),
    ],
    "hmi_london": [("Home", "/"), ("Our region", "/region/LON"), ("Definitions", "/indicators")],
    "admin": [
        ("Home", "/"), ("Users", "/admin/users"), ("Regions", "/regions"),
        ("Audit trail", "/admin/audit"), ("DfE releases", "/admin/releases"),
        ("SEF word removals", "/admin/sef-removals"),
        ("Definitions", "/indicators"),
    ],
}


def _nav_links(layout: dict) -> list[tuple[str, str]]:
    """(text, href) of every link inside the main navigation of a rendered shell."""
    found: list[tuple[str, str]] = []

    def walk(node: object, in_nav: bool) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child, in_nav)
        elif isinstance(node, dict) and "props" in node:
            props = node["props"]
            inside = in_nav or (node.get("type") == "Nav")
            if inside and node.get("type") == "Link":
                found.append((props["children"], props["href"]))
            walk(props.get("children"), inside)

    walk(layout, False)
    return found


@pytest.mark.parametrize("account", list(EXPECTED))
def test_each_role_is_shown_the_links_of_the_pages_it_may_use(client, account: str) -> None:
    sign_in(client, account)
    layout = json.loads(client.get("/_dash-layout").get_data(as_text=True))
    assert _nav_links(layout) == EXPECTED[account]
