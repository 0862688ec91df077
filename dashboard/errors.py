"""Errors services raise, which the web layer turns into plain answers."""


class NotFound(Exception):
    """No such LA, region or account. Shown as 404."""


class InvalidRequest(Exception):
    """A request the app's own pages never send (wrong types, unknown values). Shown as 400."""
