"""Dash callbacks. Thin: read inputs, call a service (which checks access), return outputs.

Each module has ``register(app)``; callbacks are bound to the app, not to Dash's
global list, so tests can build more than one app.
"""

from typing import Any

from dash import Dash

from callbacks import (
    admin_users,
    audit,
    engagement,
    inspector_notes,
    la_history,
    letter_documents,
    mi_upload,
    region,
    sef,
    sef_documents,
    sef_purges,
)


def register_callbacks(app: Dash, background_manager: Any) -> None:
    la_history.register(app)
    admin_users.register(app)
    audit.register(app)
    mi_upload.register(app, background_manager)
    sef.register(app)
    region.register(app)
    inspector_notes.register(app)
    sef_documents.register(app)
    sef_purges.register(app)
    engagement.register(app)
    letter_documents.register(app)
