"""Errors services raise, which the web layer turns into plain answers."""


class NotFound(Exception):
    """No such LA, region or account. Shown as 404."""


#: The largest id a database row can have: ids are INTEGER columns, 32-bit signed on
#: PostgreSQL (SQLite's hold more, but never need to). A larger id from a browser is
#: simply not found; asked of PostgreSQL it would be an error (500).
MAX_ROW_ID = 2**31 - 1


def is_row_id(value: object) -> bool:
    """Whether ``value`` could be a row's id: an int (not a bool) the database can hold.
    Anything else from a browser is simply not found, never a database error."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ROW_ID


class InvalidRequest(Exception):
    """A request the app's own pages never send (wrong types, unknown values). Shown as 400."""
