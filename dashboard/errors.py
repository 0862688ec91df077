"""Errors services raise, which the web layer turns into plain answers."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


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


def present(value: T | None, what: str) -> T:
    """``value``, which the code before has made sure is there (a foreign key's row, a
    date the form check has read): RuntimeError if it is not, which is a bug, never the
    user's mistake. A real check where an ``assert`` would vanish under ``python -O``."""
    if value is None:
        raise RuntimeError(f"{what} is missing")
    return value
