"""Errors services raise, which the web layer turns into plain answers."""


class NotFound(Exception):
    """No such LA, region or account. Shown as 404."""


#: The largest id a database row can have (a signed 64-bit integer on both databases).
MAX_ROW_ID = 2**63 - 1


def is_row_id(value: object) -> bool:
    """Whether ``value`` could be a row's id: an int (not a bool) the database can hold.
    Anything else from a browser is simply not found, never a database error."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ROW_ID


class InvalidRequest(Exception):
    """A request the app's own pages never send (wrong types, unknown values). Shown as 400."""
