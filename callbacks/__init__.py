"""Dash callbacks. Thin: read inputs, call a service (which checks access), return outputs.

One module per feature (or per page of a large one). Each imports component ids and
builders only from its own feature package under ``dashboard/pages/`` and from
``dashboard/components/``, and has ``register(app)``: callbacks are bound to the app,
not to Dash's global list, so tests can build more than one app.
"""

from typing import Any

from dash import Dash

from callbacks import (
    admin_releases,
    admin_sef_removals,
    admin_users,
    audit,
    engagement,
    inspector_notes,
    la_history,
    la_pathway,
    letter_details,
    mi_indicators,
    mi_upload,
    region,
    sef,
    sef_purges,
)


def register_callbacks(app: Dash, background_manager: Any) -> None:
    la_history.register(app)
    admin_users.register(app)
    audit.register(app)
    mi_upload.register(app, background_manager)
    mi_indicators.register(app)
    sef.register(app)
    region.register(app)
    inspector_notes.register(app)
    la_pathway.register(app)
    sef_purges.register(app)
    admin_sef_removals.register(app)
    admin_releases.register(app)
    engagement.register(app)
    letter_details.register(app)
