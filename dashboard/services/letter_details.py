"""Each LA's letter details (issue 21): the DCS's name, the postal address and the copy
list that every letter after its engagement meeting uses (framework para 48).

Entered once by the region's inspectors, who write the letter, and reused: drafting a
letter takes the addressee from them, and the letter keeps the address and copy list.
Saving them brings the LA's unissued drafts up to date; an issued letter keeps what it
was sent with (the database refuses to change it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import (
    Action,
    Principal,
    authorize,
    can_edit_letter_details,
    require,
    signed_in,
)
from dashboard.domain.engagement_letter import (
    MAX_DCS_NAME,
    letter_details_errors,
    text_lines,
)
from dashboard.services.engagement import FormErrors, clean_text
from dashboard.services.la_profiles import load_la
from dashboard.services.user_admin import user_names
from dashboard.storage.db import session_scope
from dashboard.storage.models import EngagementLetter, EngagementMeeting, LetterDetails

log = logging.getLogger(__name__)

#: The longest the typed address and copy list may be before they are split into lines.
MAX_TYPED = 3_000
SAVE_REFUSED = "Only the region's inspectors keep the details the letter uses."


@dataclass(frozen=True)
class LetterDetailsView:
    la_code: str
    dcs_name: str
    address: str  # a line each
    copies: str  # "name, role", a line each
    updated_by: str
    updated_at: datetime | None


def stored_details(session: Session, la_code: str) -> LetterDetails | None:
    """The LA's details as stored, for drafting a letter (None before anyone entered
    them)."""
    return session.get(LetterDetails, la_code)


def _view(session: Session, la_code: str) -> LetterDetailsView:
    row = stored_details(session, la_code)
    if row is None:
        return LetterDetailsView(la_code, "", "", "", "", None)
    return LetterDetailsView(la_code, row.dcs_name, row.address, row.copies,
                             user_names(session).get(row.updated_by_id or 0, ""),
                             row.updated_at)


def may_edit_letter_details(user: Principal | None, la_code: str) -> bool:
    """Whether the page offers the form: the region's inspectors."""
    return authorize(user, Action.EDIT_LETTER_DETAILS, la_code)


def letter_details(user: Principal | None, la_code: object) -> LetterDetailsView:
    """The details as the form shows them: the region's inspectors only."""
    with session_scope() as session:
        la = load_la(session, la_code)  # type: ignore[arg-type]
        require(can_edit_letter_details(user, la), SAVE_REFUSED)
        return _view(session, la.la_code)


def save_letter_details(user: Principal | None, la_code: object, dcs_name: object,
                        address: object, copies: object) -> LetterDetailsView:
    """Check and store the details (audited), and give the LA's unissued drafts the new
    address and copy list. Every error names its field, and nothing is stored unless all
    is well."""
    with session_scope() as session:
        la = load_la(session, la_code)  # type: ignore[arg-type]
        require(can_edit_letter_details(user, la), SAVE_REFUSED)
        errors: list[str] = []
        fields = {}
        for key, value, label, limit in (
                ("dcs_name", dcs_name, "The DCS's name", MAX_DCS_NAME),
                ("address", address, "The postal address", MAX_TYPED),
                ("copies", copies, "The copy list", MAX_TYPED)):
            try:
                fields[key] = clean_text(value, label, limit)
            except FormErrors as error:
                errors += error.errors
        if errors:
            raise FormErrors(errors)
        if errors := letter_details_errors(fields["dcs_name"], fields["address"],
                                           fields["copies"]):
            raise FormErrors(errors)
        user = signed_in(user)
        row = stored_details(session, la.la_code)
        if row is None:
            row = LetterDetails(la_code=la.la_code)
            session.add(row)
        row.dcs_name = " ".join(fields["dcs_name"].split())
        row.address = "\n".join(text_lines(fields["address"]))
        row.copies = "\n".join(text_lines(fields["copies"]))
        row.updated_by_id, row.updated_at = user.id, clock.now()
        drafts = session.scalars(
            select(EngagementLetter).join(EngagementMeeting)
            .where(EngagementMeeting.la_code == la.la_code,
                   EngagementLetter.issued_at.is_(None)))
        for draft in drafts:
            draft.address, draft.copies = row.address, row.copies
        session.flush()
        log.info("Letter details saved: la=%s", la.la_code)
        return _view(session, la.la_code)
