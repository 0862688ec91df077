"""The main navigation, built from the page registry and the access policy.

A page joins the navigation by registering ``nav_label``, ``nav_order`` and the
``action`` it needs (``dash.register_page(..., nav_label=..., action=Action.X)``). A page
whose path names an LA or a region links to the user's own one, and only where the
policy lets them take the action there; any other page shows when the policy lets
them take its action anywhere (or it needs none).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from dashboard.access import Action, Place, Principal, permits


def _href(user: Principal, page: Mapping[str, Any]) -> str | None:
    action: Action | None = page.get("action")
    template = page.get("path_template") or ""
    if "<la_code>" in template:
        if not user.la_code or action is None:
            return None
        allowed = permits(user, action, la=Place(user.la_code, user.region_code))
        return template.replace("<la_code>", user.la_code) if allowed else None
    if "<region_code>" in template:
        if not user.region_code or action is None:
            return None
        allowed = permits(user, action, region_code=user.region_code)
        return template.replace("<region_code>", user.region_code) if allowed else None
    if action is not None and not permits(user, action):
        return None
    return page["path"]


def nav_links(user: Principal, pages: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(label, href) for each page in the navigation that ``user`` may use, in order."""
    listed = sorted((p for p in pages if p.get("nav_label")), key=lambda p: p["nav_order"])
    links = [(page["nav_label"], _href(user, page)) for page in listed]
    return [(label, href) for label, href in links if href is not None]
