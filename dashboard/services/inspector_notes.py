"""Inspectors' private preparation notes on an LA (issue 6). Only the inspectors of the
LA's region read or add them; the access check is here, where the notes are read."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import Principal, can_keep_notes, require
from dashboard.domain.sef_text import printable_text
from dashboard.errors import InvalidRequest
from dashboard.services.la_profiles import load_la
from dashboard.services.user_admin import user_names
from dashboard.storage.db import session_scope
from dashboard.storage.models import InspectorNote

log = logging.getLogger(__name__)

MAX_NOTE = 5_000


@dataclass(frozen=True)
class Note:
    author: str
    written_at: datetime
    text: str


def may_keep_notes(user: Principal | None, la_code: str) -> bool:
    """Whether ``user`` keeps notes on this LA (to offer the buttons that add to them)."""
    with session_scope() as session:
        return can_keep_notes(user, load_la(session, la_code))


def list_notes(user: Principal | None, la_code: str) -> list[Note]:
    """The LA's notes, newest first, for an inspector of its region."""
    with session_scope() as session:
        require(can_keep_notes(user, load_la(session, la_code)),
                "Only the region's inspectors read these notes.")
        return notes_in(session, la_code)


def notes_in(session: Session, la_code: str) -> list[Note]:
    """``list_notes`` read in the caller's session, once it has checked access."""
    names = user_names(session)
    notes = session.scalars(select(InspectorNote).where(InspectorNote.la_code == la_code)
                            .order_by(InspectorNote.written_at.desc(), InspectorNote.id.desc()))
    return [Note(names.get(n.author_id, "(unknown)"), n.written_at, n.text) for n in notes]


def add_note(user: Principal | None, la_code: str, text: object) -> None:
    """Keep a note; refused with a plain reason if it is empty or too long."""
    with session_scope() as session:
        la = load_la(session, la_code)
        require(can_keep_notes(user, la), "Only the region's inspectors keep these notes.")
        if not isinstance(text, str):
            raise InvalidRequest("Write the note first.")
        if len(text) > MAX_NOTE:
            raise InvalidRequest(f"A note can be at most {MAX_NOTE:,} characters.")
        clean = printable_text(text).strip()
        if not clean:
            raise InvalidRequest("Write the note first.")
        author = user.id if user is not None else None  # require() refused no one signed in
        session.add(InspectorNote(la_code=la.la_code, author_id=author, text=clean,
                                  written_at=clock.now()))
    log.info("Inspector note added: la=%s", la_code)  # never the note's text
