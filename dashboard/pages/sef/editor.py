"""The self-evaluation page (framework paras 29-38).

The LA's own users get the editor; the region's inspectors and admins read the
versions the LA shared, never a draft. The service decides which, from the
signed-in user.
"""

from __future__ import annotations

from typing import Any

import dash
from dash.development.base_component import Component

from dashboard.access import Action, Principal
from dashboard.components.guard import guarded
from dashboard.errors import NotFound
from dashboard.pages.sef.views import editor_page, reader_page
from dashboard.services.engagement import next_open_meeting
from dashboard.services.inspector_notes import may_keep_notes
from dashboard.services.sef import open_sef, read_version, version_number_from_text
from dashboard.services.sef_export import version_outline

dash.register_page(
    __name__,
    path_template="/sef/<la_code>",
    title="Self-evaluation - ILACS engagement",
    name="Sef",
    nav_label="Self-evaluation",
    nav_order=40,
    action=Action.READ_SHARED_SEF,
)


def _version_number(value: Any) -> int | None:
    if value in (None, ""):
        return None
    number = version_number_from_text(value)
    if number is not None:
        return number
    raise NotFound("There is no such version of this self-evaluation.")


def _page(user: Principal, la_code: str, version: Any) -> Component:
    page = open_sef(user, la_code, _version_number(version))
    if page.may_edit and version in (None, ""):
        return editor_page(page)
    outline = None
    if page.number is not None:
        sef, info, la_name = read_version(user, la_code, page.number)
        outline = version_outline(sef, la_name, info, page.review.withdrawn)
    meeting = next_open_meeting(user, la_code)
    return reader_page(page, outline, meeting[1] if meeting else None,
                       may_keep_notes(user, la_code))


def layout(la_code: str = "", version: Any = None, **_: Any) -> Component:
    return guarded(lambda user: _page(user, la_code, version))
