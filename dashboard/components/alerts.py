"""Messages in a coloured box, with one rule for how a screen reader hears them.

The rule: a message saying the person's action did not happen (refused, failed, or
stopped until they choose) is an alert, read out at once (``role="alert"``); every other
message (done, for information, worth knowing) is a status, read out when the reader is
free (``role="status"``). ``dbc.Alert`` always renders ``role="alert"``, so it draws the
first kind; the second is the same Bootstrap box with ``role="status"``.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

ERROR = "error"  # refused or failed: nothing happened
BLOCKED = "blocked"  # stopped until the person chooses (a clash, a page out of date)
WARNING = "warning"  # worth knowing; nothing was stopped
SUCCESS = "success"  # done
INFO = "info"
NOTE = "note"  # plain, for a state such as "not issued yet"

_COLOURS = {ERROR: "danger", BLOCKED: "warning", WARNING: "warning", SUCCESS: "success",
            INFO: "info", NOTE: "secondary"}
_STOPS_THE_PERSON = frozenset({ERROR, BLOCKED})


def alert(children: Any, kind: str, *, id: str | None = None,
          className: str = "") -> Component:
    """A message box of ``kind``; its role follows the module's one rule."""
    colour = _COLOURS[kind]
    extra: dict[str, Any] = {"id": id} if id else {}
    if kind in _STOPS_THE_PERSON:
        if className:
            extra["className"] = className
        return dbc.Alert(children, color=colour, fade=False, **extra)
    return html.Div(children, className=f"alert alert-{colour} {className}".strip(),
                    role="status", **extra)


def done(message: str) -> Component:
    """What the person asked for was done."""
    return alert(message, SUCCESS)


def panel(children: Any, colour: str, **attributes: Any) -> html.Div:
    """A form set apart in the same coloured box. Not a message, so no live role: the
    area it is drawn into says whether it is announced."""
    extra = attributes.pop("className", "")
    return html.Div(children, className=f"alert alert-{colour} {extra}".strip(), **attributes)
