"""The audit trail: every change to a SEF, upload, agenda, meeting record, letter or user
is written in the same transaction as the change, so there is no change without its
entry and no entry for a change that was rolled back (issue 8).

Changes made through the ORM are recorded by one ``after_flush`` listener on every
session factory (``install``, called where each process is assembled), so a new
service cannot forget to record; the two statements that update letters directly
(optimistic saves and issuing) call ``record_event``. Who made the change comes from
``acting_as`` (the web gate sets it for each request; background jobs set it for the
user who started them); with no one set it is the system (command line, demo data).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, event, insert, inspect, or_, select
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import (
    Principal,
    can_edit_sef,
    can_read_sef_trail,
    can_search_audit_trail,
    require,
)
from dashboard.domain.audit import (
    FieldChange,
    audit_value,
    changes_from_json,
    changes_to_json,
    field_changes,
    sef_version_changes,
)
from dashboard.domain.sef_purge import PURGED_CONTENT
from dashboard.errors import NotFound
from dashboard.storage.db import on_every_session_factory, session_scope
from dashboard.storage.models import (
    AgendaComment,
    AgendaItem,
    AuditEvent,
    EngagementLetter,
    EngagementMeeting,
    LetterDetails,
    LetterOverride,
    LocalAuthority,
    LocalCodeMapping,
    MeetingAttendee,
    MeetingNextStep,
    MISnapshot,
    PathwayDecision,
    PublishedRelease,
    RecordedVisit,
    SefDocument,
    SefPurge,
    SefShare,
    SefVersion,
    User,
)

_ACTOR: ContextVar[Principal | None] = ContextVar("audit_actor", default=None)

#: The most entries one search shows; the page says when there are more.
SEARCH_LIMIT = 500


@contextmanager
def acting_as(principal: Principal | None) -> Iterator[None]:
    """Changes made inside the block are recorded as ``principal``'s."""
    token = _ACTOR.set(principal)
    try:
        yield
    finally:
        _ACTOR.reset(token)


def set_actor(principal: Principal | None) -> object:
    """For the web gate: the actor for the rest of this request. Returns a reset token."""
    return _ACTOR.set(principal)


def reset_actor(token: Any) -> None:
    _ACTOR.reset(token)


@dataclass(frozen=True)
class Audited:
    """How one model appears in the trail."""

    entity: str
    la_code: Callable[[Connection, dict[str, Any]], str | None]
    #: fields left out (bookkeeping); ``hidden`` fields say only that they changed
    skip: frozenset[str] = frozenset()
    hidden: frozenset[str] = frozenset()
    #: fields that name adults by design: a full name alone is kept there
    adults: frozenset[str] = frozenset()
    summary: Callable[[str, dict[str, Any]], str] | None = None
    #: how a new row is described when not field by field (a SEF version: the parts it
    #: changed against the version before)
    compare: Callable[[Connection, dict[str, Any]], list[FieldChange]] | None = None
    #: how a change is summed up from the fields it changed, before and after (a
    #: snapshot withdrawn, or its withdrawal undone), where ``summary`` cannot tell
    change_summary: Callable[[dict[str, Any], dict[str, Any]], str] | None = None


def _own_la(_connection: Connection, values: dict[str, Any]) -> str | None:
    return values.get("la_code")


def _meeting_la(connection: Connection, values: dict[str, Any]) -> str | None:
    return connection.scalar(select(EngagementMeeting.la_code).where(
        EngagementMeeting.id == values.get("meeting_id")))


def _letter_la(connection: Connection, values: dict[str, Any]) -> str | None:
    return connection.scalar(
        select(EngagementMeeting.la_code).join(
            EngagementLetter, EngagementLetter.meeting_id == EngagementMeeting.id
        ).where(EngagementLetter.id == values.get("letter_id")))


def _sef_la(connection: Connection, values: dict[str, Any]) -> str | None:
    return connection.scalar(select(SefDocument.la_code).where(
        SefDocument.id == values.get("sef_id")))


def _shared_version_la(connection: Connection, values: dict[str, Any]) -> str | None:
    return connection.scalar(
        select(SefDocument.la_code).join(SefVersion, SefVersion.sef_id == SefDocument.id)
        .where(SefVersion.id == values.get("version_id")))


#: The field a save anyway (possible child identifiers) is recorded under.
OVERRIDE_FIELD = "Saved despite possible child identifiers"


def _against_previous_version(connection: Connection, values: dict[str, Any]
                              ) -> list[FieldChange]:
    """The parts the save changed; a purged previous version has no words to compare
    against, so everything reads as added. A save anyway is recorded with its reason."""
    previous = connection.scalar(
        select(SefVersion.content).where(
            SefVersion.sef_id == values.get("sef_id"),
            SefVersion.number < (values.get("number") or 0),
        ).order_by(SefVersion.number.desc()).limit(1))
    if previous == PURGED_CONTENT:
        previous = None
    changes = sef_version_changes(previous, str(values.get("content", "")))
    reason = values.get("identifier_override_reason")
    if reason:
        count = values.get("identifier_warnings") or 0
        changes.append(FieldChange(OVERRIDE_FIELD, "", audit_value(
            f"{count} possible identifier(s) shown; reason: {reason}")))
    return changes


def _purge_summary(action: str, values: dict[str, Any]) -> str:
    number = values.get("version_number")
    status = values.get("status")
    if status == "requested":
        return f"Asked for the words of shared SEF version {number} to be removed"
    if status == "declined":
        return f"Declined removing the words of SEF version {number}"
    return f"Removed the words of SEF version {number}"


def _snapshot_change(before: dict[str, Any], after: dict[str, Any]) -> str:
    """What a change of an upload's status meant, in words."""
    was, now = before.get("status"), after.get("status")
    if now == "withdrawn":
        return "Annex A figures withdrawn: out of every figure and trend"
    if was == "withdrawn":
        return "Withdrawal of Annex A figures undone: they count again"
    if now == "replaced":
        return "Annex A figures replaced by a newer upload"
    if now == "current":
        return "Annex A figures confirmed"
    return "Annex A figures changed"


_BOOKKEEPING = frozenset({"id"})

AUDITED: dict[type, Audited] = {
    SefVersion: Audited(
        "SEF", _sef_la, skip=frozenset({"id", "sef_id", "author_id", "saved_at"}),
        summary=lambda action, v: f"Saved SEF version {v.get('number')}",
        compare=_against_previous_version),
    SefPurge: Audited(
        "SEF words removed", _own_la,
        skip=frozenset({"id", "version_id", "requested_by_id", "decided_by_id",
                        "la_code"}),
        summary=_purge_summary),
    SefShare: Audited(
        "SEF", _shared_version_la,
        skip=frozenset({"id", "version_id", "shared_by_id", "shared_at"}),
        summary=lambda action, v: "Shared the SEF with Ofsted"),
    MISnapshot: Audited(
        "MI upload", _own_la, skip=frozenset({"id", "uploaded_by_id", "withdrawn_by_id"}),
        summary=lambda action, v: {
            "created": "Uploaded Annex A figures",
            "changed": "Annex A figures confirmed or replaced",
            "deleted": "Annex A upload discarded or replaced",
        }[action],
        change_summary=_snapshot_change),
    LocalCodeMapping: Audited(
        "Local code mapping", _own_la, skip=frozenset({"id", "set_by_id", "value"}),
        summary=lambda action, v: f"Local code {v.get('label', '')} in "
                                  f"{v.get('list_key', '')}/{v.get('column_key', '')} {action}"),
    EngagementMeeting: Audited("Meeting", _own_la, skip=_BOOKKEEPING),
    AgendaItem: Audited("Agenda item", _meeting_la, skip=_BOOKKEEPING),
    AgendaComment: Audited("Agenda comment", _meeting_la, skip=_BOOKKEEPING),
    MeetingAttendee: Audited("Meeting record", _meeting_la, skip=_BOOKKEEPING,
                             adults=frozenset({"name"}),
                             summary=lambda action, v: f"Attendee {action}"),
    MeetingNextStep: Audited("Meeting record", _meeting_la, skip=_BOOKKEEPING,
                             adults=frozenset({"owner"}),
                             summary=lambda action, v: f"Next step {action}"),
    EngagementLetter: Audited(
        "Letter", _meeting_la, skip=frozenset({"id", "updated_by_id"}),
        adults=frozenset({"addressee", "signatory", "copies"})),
    LetterOverride: Audited("Letter", _letter_la, skip=_BOOKKEEPING,
                            summary=lambda action, v: f"Lint finding overridden: {action}"),
    LetterDetails: Audited(
        "Letter details", _own_la, skip=frozenset({"la_code", "updated_by_id", "updated_at"}),
        adults=frozenset({"dcs_name", "copies"}),
        summary=lambda action, v: "Letter details (DCS, address, copy list) saved"),
    PathwayDecision: Audited(
        "Pathway", _own_la, skip=frozenset({"id", "set_by_id", "set_at", "la_code"}),
        summary=lambda action, v: f"Pathway {v.get('pathway')} recorded"),
    RecordedVisit: Audited(
        "Visit entered", _own_la, skip=frozenset({"id", "entered_by_id", "entered_at",
                                                   "la_code"}),
        summary=lambda action, v: f"{str(v.get('status', '')).capitalize()} "
                                  f"{str(v.get('kind', '')).replace('_', ' ')} entered"),
    PublishedRelease: Audited(
        "Published release", lambda _connection, _values: None,
        skip=frozenset({"id", "loaded_by_id"}),
        summary=lambda action, v: f"Loaded DfE release {v.get('file_name', '')} (sha256 "
                                  f"{str(v.get('sha256', ''))[:16]}…): {v.get('measures', '')}; "
                                  f"years {v.get('years', '')}"),
    User: Audited(
        "User", _own_la,
        skip=frozenset({"id", "session_version", "last_login_at", "created_at"}),
        hidden=frozenset({"password_hash"}), adults=frozenset({"full_name"}),
        summary=lambda action, v: f"Account {v.get('email', '')} {action}"),
}

_ENTITY_GROUPS = sorted({spec.entity for spec in AUDITED.values()})

#: What administrators may not read (access.py: they see no SEF draft, agenda, record or
#: letter): in the trail they see who changed which fields of these, and when, but not
#: the words before and after, and a text search does not look inside them.
CONTENT_HIDDEN_FROM_ADMINS = frozenset({"SEF", "Meeting", "Agenda item", "Agenda comment",
                                        "Meeting record", "Letter"})
NOT_SHOWN = "(not shown to administrators)"


def entity_names() -> list[str]:
    return list(_ENTITY_GROUPS)


def _column_values(obj: object) -> dict[str, Any]:
    """The loaded column values, without triggering a load in the middle of a flush."""
    state = inspect(obj)
    names = [attr.key for attr in state.mapper.column_attrs]
    return {name: state.dict[name] for name in names if name in state.dict}


def _before_and_after(obj: object) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        before[attr.key] = history.deleted[0] if history.deleted else None
        after[attr.key] = history.added[0] if history.added else None
    return before, after


@dataclass
class _Pending:
    spec: Audited
    action: str
    entity_id: str
    values: dict[str, Any]
    changes: list[FieldChange] = field(default_factory=list)
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


def _without(values: dict[str, Any], skip: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k not in skip}


def _pending_changes(session: Session) -> list[_Pending]:
    pending: list[_Pending] = []
    for action, objects in (("created", session.new), ("changed", session.dirty),
                            ("deleted", session.deleted)):
        for obj in objects:
            spec = AUDITED.get(type(obj))
            if spec is None:
                continue
            values = _column_values(obj)
            before, after = {}, {}
            if action == "changed":
                before, after = _before_and_after(obj)
                changes = field_changes(_without(before, spec.skip), _without(after, spec.skip),
                                        spec.hidden, spec.adults)
            elif action == "created" and spec.compare is not None:
                changes = []  # described in record_changes, where the connection is
            elif action == "created":
                changes = field_changes({}, _without(values, spec.skip), spec.hidden,
                                        spec.adults)
            else:
                changes = field_changes(_without(values, spec.skip), {}, spec.hidden,
                                        spec.adults)
            if action == "changed" and not changes:
                continue
            pending.append(_Pending(spec, action, str(values.get("id", "")), values, changes,
                                    before, after))
    return _cancel_replaced_rows(pending)


def _cancel_replaced_rows(pending: list[_Pending]) -> list[_Pending]:
    """A list saved whole (attendees, next steps) deletes and re-adds its rows: a row
    re-added unchanged is not a change, so neither half is recorded."""
    def key(item: _Pending) -> tuple:
        return (type(item.spec), item.spec.entity,
                json.dumps(_without(item.values, item.spec.skip), default=str, sort_keys=True))

    deleted: dict[tuple, list[_Pending]] = {}
    for item in pending:
        if item.action == "deleted":
            deleted.setdefault(key(item), []).append(item)
    dropped: set[int] = set()
    for item in pending:
        if item.action == "created" and deleted.get(key(item)):
            dropped.add(id(deleted[key(item)].pop()))
            dropped.add(id(item))
    return [item for item in pending if id(item) not in dropped]


def _actor_row() -> dict[str, Any]:
    actor = _ACTOR.get()
    if actor is None or actor.id == 0:
        return {"actor_id": None, "actor_name": "System", "actor_role": "system"}
    return {"actor_id": actor.id, "actor_name": actor.full_name[:200],
            "actor_role": actor.role}


def record_changes(session: Session, _flush_context: object) -> None:
    """``after_flush``: one entry per audited row this flush created, changed or deleted."""
    pending = _pending_changes(session)
    if not pending:
        return
    connection = session.connection()
    at = clock.now()
    actor = _actor_row()
    rows = []
    for item in pending:
        changes = item.changes
        if item.action == "created" and item.spec.compare is not None:
            changes = item.spec.compare(connection, item.values)
        if item.action == "changed" and item.spec.change_summary is not None:
            summary = item.spec.change_summary(item.before, item.after)
        elif item.spec.summary:
            summary = item.spec.summary(item.action, item.values)
        else:
            summary = f"{item.spec.entity} {item.action}"
        rows.append({
            **actor, "at": at, "action": item.action, "entity": item.spec.entity,
            "entity_id": item.entity_id, "la_code": item.spec.la_code(connection, item.values),
            "summary": audit_value(summary)[:300], "changes": changes_to_json(changes),
        })
    connection.execute(insert(AuditEvent), rows)


def record_event(session: Session, *, action: str, entity: str, entity_id: object,
                 la_code: str | None, summary: str, changes: list[FieldChange]) -> None:
    """An entry for a change made by a direct UPDATE, which the listener does not see."""
    session.execute(insert(AuditEvent).values(
        **_actor_row(), at=clock.now(), action=action, entity=entity,
        entity_id=str(entity_id), la_code=la_code, summary=audit_value(summary)[:300],
        changes=changes_to_json(changes)))


def watch(session_factory: Any) -> None:
    """Record the changes of every session ``session_factory`` makes."""
    if not event.contains(session_factory, "after_flush", record_changes):
        event.listen(session_factory, "after_flush", record_changes)


def install() -> None:
    """Every session of this process records its changes in the audit trail: called where
    a process is assembled (create_app, the command line, the Celery app, the tests);
    forked processes (background jobs, gunicorn and Celery workers) inherit it."""
    on_every_session_factory(watch)


# Reading the trail ----------------------------------------------------------------


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    actor_role: str
    action: str
    entity: str
    entity_id: str
    la_code: str | None
    summary: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class AuditQuery:
    la_code: str | None = None
    entity: str | None = None
    person: str = ""
    text: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class AuditResults:
    entries: list[AuditEntry]
    more: bool


def _entry(row: AuditEvent) -> AuditEntry:
    return AuditEntry(row.at, row.actor_name, row.actor_role, row.action, row.entity,
                      row.entity_id, row.la_code, row.summary,
                      tuple(changes_from_json(row.changes)))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def require_audit_search(user: Principal | None) -> None:
    """Only administrators search the trail (refused with 403 otherwise)."""
    require(can_search_audit_trail(user), "Only administrators can search the audit trail.")


def search_audit(user: Principal, query: AuditQuery) -> AuditResults:
    """Administrators search the whole trail, newest first."""
    require_audit_search(user)
    statement = select(AuditEvent)
    if query.la_code:
        statement = statement.where(AuditEvent.la_code == query.la_code)
    if query.entity:
        statement = statement.where(AuditEvent.entity == query.entity)
    if query.person.strip():
        statement = statement.where(
            AuditEvent.actor_name.ilike(_like(query.person.strip()), escape="\\"))
    if query.text.strip():
        pattern = _like(query.text.strip())
        statement = statement.where(or_(
            AuditEvent.summary.ilike(pattern, escape="\\"),
            and_(AuditEvent.entity.not_in(CONTENT_HIDDEN_FROM_ADMINS),
                 AuditEvent.changes.ilike(pattern, escape="\\"))))
    if query.since:
        statement = statement.where(AuditEvent.at >= _start_of(query.since))
    if query.until and query.until < date.max:
        statement = statement.where(AuditEvent.at < _start_of(query.until + timedelta(days=1)))
    statement = statement.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    with session_scope() as session:
        rows = session.scalars(statement.limit(SEARCH_LIMIT + 1)).all()
        return AuditResults([_for_admins(_entry(r)) for r in rows[:SEARCH_LIMIT]],
                            len(rows) > SEARCH_LIMIT)


def _for_admins(entry: AuditEntry) -> AuditEntry:
    if entry.entity not in CONTENT_HIDDEN_FROM_ADMINS:
        return entry
    return replace(entry, changes=tuple(FieldChange(c.field if entry.entity != "SEF"
                                                    else "a part of the SEF", "", NOT_SHOWN)
                                        for c in entry.changes))


def _start_of(day: date) -> datetime:
    """Midnight UK time (the times the trail shows), in UTC as stored."""
    return clock.start_of_day_in_england(day)


def sef_trail(user: Principal, la_code: str) -> list[AuditEntry]:
    """Who changed this LA's SEF and how, newest first. The words of each save are for
    the LA's own users (who may read their drafts); an administrator sees who changed
    which part and when, as in the audit search, never a draft's words."""
    with session_scope() as session:
        la = session.get(LocalAuthority, la_code) if isinstance(la_code, str) else None
        if la is None:
            raise NotFound("Page not found.")
        require(can_read_sef_trail(user, la), "You may not see this SEF's history.")
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.la_code == la_code,
                                     AuditEvent.entity.in_(("SEF", "SEF words removed")))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(SEARCH_LIMIT)).all()
        entries = [_entry(r) for r in rows]
        if can_edit_sef(user, la):
            return entries
        return [_for_admins(entry) for entry in entries]
