"""Removing the words of a SEF version (issue 15): purges, requests and decisions.

A version is kept for good (migration 0004), so a child's name saved by mistake would
stay for good too. An LA's own users remove one version's words with a reason: the
version stays in the list as a tombstone, the audit trail records who removed which
version and why, and the words go from the version and from the two audit entries that
quoted them (the database allows exactly that: migration 0008). A version the LA
shared with Ofsted is not the LA's alone: its users ask, an administrator confirms or
declines, and the region's inspectors see the notice where they read the SEF.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import Principal, can_confirm_sef_purge, can_purge_sef, require
from dashboard.domain.audit import changes_from_json, changes_to_json
from dashboard.domain.reasons import clean_reason
from dashboard.domain.sef import user_texts
from dashboard.domain.sef_purge import (
    DECLINED,
    PURGED,
    PURGED_CONTENT,
    REQUESTED,
    reason_problem,
    redact_purged_changes,
    versions_still_holding,
)
from dashboard.errors import InvalidRequest, NotFound, is_row_id
from dashboard.services.la_profiles import load_la
from dashboard.services.sef import (
    VersionInfo,
    _content,
    _document,
    _version,
    check_before_sharing,
    list_versions,
    valid_version_number,
)
from dashboard.services.user_admin import user_names
from dashboard.storage.db import session_scope
from dashboard.storage.models import AuditEvent, LocalAuthority, SefPurge, SefShare, SefVersion

log = logging.getLogger(__name__)

#: The most characters of "words to look for" a person may type (never stored).
MAX_LOOK_FOR = 300


@dataclass(frozen=True)
class PurgeResult:
    """What happened: "purged", "requested" (a shared version), or "invalid" (``message``
    says what to correct; nothing was stored)."""

    status: str
    number: int
    message: str = ""
    #: other versions that still hold the words found in the purged one: purge them too
    still_holding: list[int] = field(default_factory=list)
    was_head: bool = False


def _version_texts(version: SefVersion) -> list[str]:
    texts = [text for _where, text in user_texts(_content(version))]
    if version.identifier_override_reason:
        texts.append(version.identifier_override_reason)
    return texts


def _words_to_seek(version: SefVersion, look_for: str) -> list[str]:
    """What to look for in the other versions: what the identifier check finds in the
    purged one, and what the person typed."""
    found = [f.excerpt for f in check_before_sharing(_content(version))]
    return [*found, look_for.strip()] if look_for.strip() else found


def _still_holding(session: Session, version: SefVersion, words: list[str]) -> list[int]:
    others = session.scalars(select(SefVersion).where(
        SefVersion.sef_id == version.sef_id, SefVersion.id != version.id,
        SefVersion.content != PURGED_CONTENT))
    return versions_still_holding(words, [(v.number, _version_texts(v)) for v in others])


def _erase(session: Session, version: SefVersion, la_code: str) -> None:
    """Replace the version's words with the tombstone, and take them out of the audit
    entries of its own save and of the next save (compared against it). A purge row
    with status "purged" must already be flushed: the database checks for it."""
    session.execute(update(SefVersion.__table__).where(SefVersion.id == version.id)
                    .values(content=PURGED_CONTENT, identifier_override_reason=None))
    next_id = session.scalar(select(SefVersion.id).where(
        SefVersion.sef_id == version.sef_id, SefVersion.number == version.number + 1))
    for entity_id, side in ((version.id, "after"), (next_id, "before")):
        if entity_id is None:
            continue
        rows = session.execute(select(AuditEvent.id, AuditEvent.changes).where(
            AuditEvent.entity == "SEF", AuditEvent.action == "created",
            AuditEvent.la_code == la_code, AuditEvent.entity_id == str(entity_id),
            AuditEvent.summary.like("Saved SEF version %"))).all()
        for row_id, stored in rows:
            redacted = changes_to_json(redact_purged_changes(changes_from_json(stored), side))
            if redacted != stored:
                session.execute(update(AuditEvent.__table__).where(AuditEvent.id == row_id)
                                .values(changes=redacted))
    session.expire(version)


def _check_look_for(look_for: object) -> str:
    if look_for is None:
        return ""
    if not isinstance(look_for, str):
        raise InvalidRequest("The page is out of date; reload it.")
    if len(look_for) > MAX_LOOK_FOR:
        raise InvalidRequest(f"Words to look for can be at most {MAX_LOOK_FOR} characters.")
    return look_for


def remove_words(user: Principal | None, la_code: str, number: int, reason: object,
                 look_for: object = "") -> PurgeResult:
    """Remove one version's words (an unshared version) or ask for it (a shared one).

    Only the LA's own users (``can_purge_sef``). ``reason`` is required and may not
    itself identify a child: inspectors and administrators read it. ``look_for`` (never
    stored or logged) is searched for, with what the identifier check finds, in the
    other versions, so the person is told which still hold the words.
    """
    if not valid_version_number(number) or number == 0:
        raise NotFound("There is no such version of this self-evaluation.")
    look_for = _check_look_for(look_for)
    with session_scope() as session:
        la = load_la(session, la_code)
        require(can_purge_sef(user, la),
                "Only this local authority's own users may remove words from its "
                "self-evaluation.")
        user = cast(Principal, user)  # can_purge_sef is False for no one signed in
        document = _document(session, la_code)
        version = _version(session, document, number)
        problem = reason_problem(reason)
        if problem:
            return PurgeResult("invalid", number, problem)
        reason = clean_reason(str(reason))
        if version.content == PURGED_CONTENT:
            return PurgeResult("invalid", number,
                               f"The words of version {number} have already been removed.")
        shared = session.scalar(select(SefShare.id).where(
            SefShare.version_id == version.id)) is not None
        now = clock.now()
        if shared:
            asked = session.scalar(select(SefPurge.requested_at).where(
                SefPurge.version_id == version.id, SefPurge.status == REQUESTED))
            if asked is not None:
                return PurgeResult("invalid", number, (
                    f"Removing the words of version {number} has already been asked for; "
                    "an administrator will confirm or decline it."))
            session.add(SefPurge(
                version_id=version.id, la_code=la_code, version_number=number, was_shared=1,
                status=REQUESTED, reason=reason, requested_by_id=user.id, requested_at=now))
            log.info("SEF purge requested: la=%s version=%d", la_code, number)
            return PurgeResult("requested", number)
        words = _words_to_seek(version, look_for)
        session.add(SefPurge(
            version_id=version.id, la_code=la_code, version_number=number, was_shared=0,
            status=PURGED, reason=reason, requested_by_id=user.id, requested_at=now,
            decided_by_id=user.id, decided_at=now))
        session.flush()
        _erase(session, version, la_code)
        still = _still_holding(session, version, words)
        was_head = document is not None and document.head_number == number
    # no words in the log: only which version
    log.info("SEF version words removed: la=%s version=%d", la_code, number)
    return PurgeResult(PURGED, number, still_holding=still, was_head=was_head)


@dataclass(frozen=True)
class PurgeRequestRow:
    """A request (or a past decision) as the administrators' page lists it: never words."""

    id: int
    la_code: str
    la_name: str
    number: int
    status: str
    requested_by: str
    requested_at: datetime
    reason: str
    decided_by: str | None
    decided_at: datetime | None


def purge_requests(user: Principal | None) -> list[PurgeRequestRow]:
    """Every request to remove words from a shared version, waiting ones first."""
    require(can_confirm_sef_purge(user),
            "Only administrators confirm removing words from a shared self-evaluation.")
    with session_scope() as session:
        names = user_names(session)
        rows = session.execute(
            select(SefPurge, LocalAuthority.name)
            .join(LocalAuthority, LocalAuthority.la_code == SefPurge.la_code)
            .where(SefPurge.was_shared == 1)
            .order_by((SefPurge.status == REQUESTED).desc(), SefPurge.requested_at.desc())
            .limit(500)).all()
        return [
            PurgeRequestRow(
                id=p.id, la_code=p.la_code, la_name=la_name, number=p.version_number,
                status=p.status, requested_by=names.get(p.requested_by_id, "(unknown)"),
                requested_at=p.requested_at, reason=p.reason,
                decided_by=names.get(p.decided_by_id, "(unknown)") if p.decided_by_id
                else None,
                decided_at=p.decided_at)
            for p, la_name in rows
        ]


def decide_purge(user: Principal | None, purge_id: object, confirm: bool) -> PurgeResult:
    """An administrator confirms (the words go) or declines (they stay) a request."""
    require(can_confirm_sef_purge(user),
            "Only administrators confirm removing words from a shared self-evaluation.")
    user = cast(Principal, user)
    if not is_row_id(purge_id):
        raise NotFound("There is no such request waiting for a decision.")
    with session_scope() as session:
        request = session.get(SefPurge, purge_id)
        if request is None or request.status != REQUESTED:
            raise NotFound("There is no such request waiting for a decision.")
        version = session.get(SefVersion, request.version_id)
        if version is None:  # the foreign key makes this impossible
            raise NotFound("There is no such request waiting for a decision.")
        request.status = PURGED if confirm else DECLINED
        request.decided_by_id = user.id
        request.decided_at = clock.now()
        session.flush()
        number, la_code = request.version_number, request.la_code
        still: list[int] = []
        if confirm:
            words = _words_to_seek(version, "")
            _erase(session, version, la_code)
            still = _still_holding(session, version, words)
    log.info("SEF purge %s: la=%s version=%d", "confirmed" if confirm else "declined",
             la_code, number)
    return PurgeResult(PURGED if confirm else "declined", number, still_holding=still)


def purge_target(user: Principal | None, la_code: str, number: object) -> VersionInfo:
    """The version whose words the person is about to remove (or ask to): for the
    purge form, and only for the LA's own users."""
    if not valid_version_number(number) or number == 0:
        raise NotFound("There is no such version of this self-evaluation.")
    with session_scope() as session:
        la = load_la(session, la_code)
        require(can_purge_sef(user, la),
                "Only this local authority's own users may remove words from its "
                "self-evaluation.")
    info = next((v for v in list_versions(user, la_code) if v.number == number), None)
    if info is None:
        raise NotFound("There is no such version of this self-evaluation.")
    return info
