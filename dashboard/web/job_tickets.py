"""Upload tickets: how a background job knows whom it works for without the session cookie.

A job runs in another process (a Celery worker, or a process forked beside the web
worker) with no request. Before issue 16 it carried the browser's cookies and headers
and found its user from the session cookie, so Redis held every signed-in user's
session and CSRF token for as long as a job waited. Now the "Check the files" and
"Store the figures" buttons' callbacks, in the request and after their access checks,
mint a short-lived ticket signed with SECRET_KEY that names the user, their session
version, the LA, the job's mode ("check": store nothing; "store"), the period (a check
may have none yet), whether the user confirmed that period when it was far from the
lists, and a one-way tag of the session that asked. The job verifies it (signature, age, the user
still active with the same session version, asked for by the same session) and the
service then checks access again. A ticket runs one job: the job claims the ticket's
random id in the job store before it reads a file (``dashboard.web.background.claim_once``),
so the same ticket sent again is refused. Nothing here is a credential: a ticket is
useless to any other session and for longer than ``TICKET_SECONDS``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from dashboard.access import Principal
from dashboard.services.user_admin import load_principal
from dashboard.web.auth import current_session_owner
from dashboard.web.job_handles import session_owner

#: How long a ticket may wait before its job starts; a job still waiting then can
#: never run, and the page says the upload stopped.
TICKET_SECONDS = 5 * 60
_SALT = "ilacs.upload-ticket"
_NONCE = re.compile(r"^[0-9a-f]{16}$")

OUT_OF_DATE = "The page is out of date; reload it."
SESSION_ENDED = "Your session has ended. Sign in again, then upload."
TOO_LATE = "The upload waited too long to start: nothing was stored. Try again."
ALREADY_USED = ("This upload has already been sent once: nothing more was stored. "
                "Reload the page and start again.")
OTHER_SESSION = ("This upload was started in another session: nothing was stored. "
                 "Reload the page and start again.")


class TicketRefused(Exception):
    """A ticket the job will not act on; the message is plain words for the page."""


#: A ticket's modes: check the files and store nothing, or store the figures.
CHECK, STORE = "check", "store"


@dataclass(frozen=True)
class UploadTicket:
    user: Principal
    la_code: str
    #: None only for a check with no date chosen yet
    period_end: date | None
    mode: str = STORE
    #: the user answered yes to storing under ``period_end`` though it is far from the
    #: lists (``dashboard.domain.extraction_date.extraction_date_confirmation``)
    date_confirmed: bool = False
    #: the ticket's own random id: the job claims it once (``claim_once``), so a
    #: replayed ticket never runs a second job
    nonce: str = ""


def session_tag(secret: str, user_id: int, session_id: str) -> str:
    """A one-way tag of one person's one session (not a credential: it signs nothing)."""
    return _tag(secret, session_owner(user_id, session_id))


def _tag(secret: str, owner: str) -> str:
    return hmac.new(secret.encode(), f"job-session\x00{owner}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def current_session_tag(secret: str) -> str | None:
    """The tag of the session making this request, or None outside one."""
    owner = current_session_owner()
    return None if owner is None else _tag(secret, owner)


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def mint_ticket(secret: str, user: Principal, tag: str, la_code: str, period: str,
                mode: str = STORE, date_confirmed: bool = False) -> str:
    """A ticket for ``user``'s session ``tag`` to check or store (``mode``) for
    ``la_code`` and ``period`` ("" for a check with no date yet): minted only after the
    request has checked them. Each ticket is new ("n"), so each press starts a job of its
    own: a retry within the same second as a lost job must not share that job's cache key
    and be taken for it."""
    return _serializer(secret).dumps({"u": user.id, "v": user.session_version, "s": tag,
                                      "la": la_code, "p": period, "m": mode,
                                      "c": bool(date_confirmed),
                                      "n": secrets.token_hex(8)})


def read_ticket(secret: str, token: object, tag: object,
                max_age: int = TICKET_SECONDS) -> UploadTicket:
    """The user, LA and period a ticket names, or TicketRefused in plain words."""
    if not isinstance(token, str) or len(token) > 1000:
        raise TicketRefused(OUT_OF_DATE)
    try:
        data = _serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired as expired:
        raise TicketRefused(TOO_LATE) from expired
    except BadSignature as forged:
        raise TicketRefused(OUT_OF_DATE) from forged
    if not isinstance(data, dict):
        raise TicketRefused(OUT_OF_DATE)
    user_id, version, la_code, period, mode, confirmed, nonce = (
        data.get(k) for k in ("u", "v", "la", "p", "m", "c", "n"))
    if (not isinstance(user_id, int) or not isinstance(version, int)
            or not isinstance(la_code, str) or not isinstance(period, str)
            or mode not in (CHECK, STORE) or not isinstance(confirmed, bool)
            or not isinstance(nonce, str) or not _NONCE.match(nonce)):
        raise TicketRefused(OUT_OF_DATE)
    if not isinstance(tag, str) or not hmac.compare_digest(str(data.get("s")), tag):
        raise TicketRefused(OTHER_SESSION)
    period_end = None
    if period or mode == STORE:  # only a check may come without a date
        try:
            period_end = date.fromisoformat(period)
        except ValueError as bad:
            raise TicketRefused(OUT_OF_DATE) from bad
    user = load_principal(user_id, version)
    if user is None:
        raise TicketRefused(SESSION_ENDED)
    return UploadTicket(user, la_code, period_end, mode, confirmed, nonce)
