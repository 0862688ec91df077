"""Background-job handles belong to the person and the session that started the job.

Dash hands the browser two handles when a background callback starts (``cacheKey``
for the answer, ``job`` for the process or task), and the browser sends them back in
the query string to collect progress and the answer, or with ``oldJob``/``cancelJob`` to
stop a job. Dash signs them for one page load, but the page-load token travels in the
same query string, so anyone who reads an access log could collect another person's
answer (issue 15, finding 2). Here each handle is bound, with a MAC under the app's
secret, to the user's id and their session's own random id: a handle that comes back
from anyone else, or from another session of the same person, is refused.

Stateless: nothing is stored, so every worker checks the same way.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping

#: Query arguments that carry job handles, and the JSON keys Dash hands them out in.
HANDLE_ARGS = ("cacheKey", "job", "oldJob", "cancelJob")
ISSUED_KEYS = ("cacheKey", "job")
_SEPARATOR = "."
_MAC = re.compile(r"^[0-9a-f]{64}$")


class ForeignHandle(Exception):
    """A job handle that this person's session did not start."""


def _mac(secret: bytes, owner: str, handle: str) -> str:
    return hmac.new(secret, f"{owner}\x00{handle}".encode(), hashlib.sha256).hexdigest()


def session_owner(user_id: int, session_id: str) -> str:
    """Who a handle belongs to: one person in one session."""
    return f"{user_id}:{session_id}"


def bind_handles(answer: Mapping[str, object], secret: bytes, owner: str) -> dict[str, object]:
    """The start answer with each handle bound to ``owner`` (URL-safe: the renderer
    puts handles into the query string as they are)."""
    bound = dict(answer)
    for key in ISSUED_KEYS:
        handle = bound.get(key)
        if isinstance(handle, str):
            bound[key] = f"{handle}{_SEPARATOR}{_mac(secret, owner, handle)}"
    return bound


def unbind_handle(value: str, secret: bytes, owner: str) -> str:
    """Dash's own handle, if ``value`` was bound to ``owner``; else ForeignHandle."""
    handle, separator, mac = value.rpartition(_SEPARATOR)
    if not separator or not _MAC.match(mac):
        raise ForeignHandle
    if not hmac.compare_digest(mac, _mac(secret, owner, handle)):
        raise ForeignHandle
    return handle


def unbind_query(args: Iterable[tuple[str, str]], secret: bytes, owner: str
                 ) -> list[tuple[str, str]]:
    """The query arguments with every job handle checked and unbound; raises
    ForeignHandle if any handle belongs to someone else (or to no one)."""
    return [(name, unbind_handle(value, secret, owner) if name in HANDLE_ARGS else value)
            for name, value in args]


def carries_handles(arg_names: Iterable[str]) -> bool:
    return any(name in HANDLE_ARGS for name in arg_names)
