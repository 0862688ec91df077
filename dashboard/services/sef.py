"""The self-evaluation service: drafts, versions, sharing and reading (paras 29-38).

Every function checks who is asking, where the data is read: an LA's own users write
and read every version of its SEF; inspectors of its region and admins read only the
versions it shared. A save names the version it started from and is refused, with
the differences, if someone saved meanwhile (optimistic locking). Versions and shares
are never changed once written (the database refuses too).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import cast

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import Principal, can_edit_sef, can_read_shared_sef, can_view_la, require
from dashboard.domain.child_identifiers import IdentifierFinding, identifier_findings
from dashboard.domain.sef import (
    Figure,
    InvalidSef,
    Sef,
    adult_places,
    apply_edits,
    figure_has_changed,
    indicators_bearing_on,
    keep_trusted_figures,
    sef_from_dict,
    sef_to_dict,
    set_figures,
    user_texts,
)
from dashboard.domain.sef_accuracy import ReviewItem
from dashboard.domain.sef_compare import Change, compare_sefs
from dashboard.domain.sef_merge import Merged, merge_sefs
from dashboard.domain.sef_purge import (
    DECLINED,
    PURGED,
    PURGED_CONTENT,
    REQUESTED,
    PurgeInfo,
    new_findings,
    override_reason_problem,
)
from dashboard.errors import InvalidRequest, NotFound
from dashboard.services.la_profiles import load_la, profile_in
from dashboard.services.mi import IndicatorReport, LAIndicators, indicators_in, la_indicators
from dashboard.services.sef_review import SefReview, review_in
from dashboard.services.user_admin import user_names
from dashboard.storage.db import session_scope
from dashboard.storage.models import LocalAuthority, SefDocument, SefPurge, SefShare, SefVersion

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VersionInfo:
    number: int
    saved_at: datetime
    author: str
    shared_at: datetime | None = None
    shared_by: str | None = None
    #: the words were removed (a tombstone stays), and a removal asked for, not yet decided
    purge: PurgeInfo | None = None
    purge_request: PurgeInfo | None = None

    @property
    def purged(self) -> bool:
        return self.purge is not None


@dataclass(frozen=True)
class SefExpectation:
    """Whether Ofsted asks this LA for a SEF now (para 30), and from when if not."""

    expected: bool
    expected_from: date | None


@dataclass(frozen=True)
class SefPage:
    """What a SEF page shows one user."""

    la_code: str
    la_name: str
    region_name: str
    may_edit: bool
    sef: Sef
    number: int | None  # the version shown; None for a SEF never saved
    head_number: int
    versions: list[VersionInfo]
    expectation: SefExpectation
    latest_figures: dict[str, Figure]
    indicator_choices: list[tuple[str, str]]
    changed_figures: dict[str, Figure] = field(default_factory=dict)  # evidence id -> latest
    #: the editor's head version had its words removed: the editor shows this earlier
    #: version's words instead (None: no version with words is left)
    words_from: int | None = None
    #: the SEF's claims read against their figures, and its writing (paras 36, 50)
    review: SefReview = field(default_factory=lambda: SefReview([]))


@dataclass(frozen=True)
class SaveResult:
    status: str  # "saved" | "unchanged" | "conflict" | "needs_review"
    number: int
    sef: Sef
    saved_at: datetime | None = None
    their_author: str = ""
    their_changes: list[Change] = field(default_factory=list)
    your_changes: list[Change] = field(default_factory=list)
    #: "needs_review": possible child identifiers; nothing was stored
    findings: list[IdentifierFinding] = field(default_factory=list)


@dataclass(frozen=True)
class ShareResult:
    status: str  # "shared" | "needs_confirmation"
    number: int
    findings: list[IdentifierFinding]
    shared_at: datetime | None = None


def _editor(session: Session, user: Principal | None, la_code: str) -> Principal:
    """``user``, if they may edit this LA's SEF; AccessDenied if not."""
    la = load_la(session, la_code)
    require(can_edit_sef(user, la),
            "Only this local authority's own users may edit its self-evaluation.")
    return cast(Principal, user)  # can_edit_sef is False for no one signed in


def _editor_with_figures(session: Session, user: Principal | None,
                         la_code: str) -> tuple[Principal, LocalAuthority]:
    """``_editor``, who must also see the LA, since the editor shows its latest figures."""
    editor = _editor(session, user, la_code)
    la = load_la(session, la_code)
    require(can_view_la(editor, la), "You do not have access to this local authority.")
    return editor, la


def _load_for_reading(session: Session, user: Principal | None,
                      la_code: str) -> tuple[LocalAuthority, bool]:
    """The LA and whether ``user`` may see its drafts; AccessDenied if neither."""
    la = load_la(session, la_code)
    if can_edit_sef(user, la):
        return la, True
    require(can_read_shared_sef(user, la), "You do not have access to this local authority.")
    return la, False


def _document(session: Session, la_code: str) -> SefDocument | None:
    return session.scalars(select(SefDocument).where(SefDocument.la_code == la_code)).first()


MAX_VERSION_NUMBER = 2**31 - 1


def valid_version_number(number: object) -> bool:
    return (not isinstance(number, bool) and isinstance(number, int)
            and 0 <= number <= MAX_VERSION_NUMBER)


def version_number_from_text(text: object) -> int | None:
    """A version number typed in a URL or chosen in a list, or None if it is not one."""
    if isinstance(text, str) and text.isascii() and text.isdigit() and len(text) < 9:
        return int(text)
    return None


def _version(session: Session, document: SefDocument | None, number: int) -> SefVersion:
    if document is None or not valid_version_number(number) or number == 0:
        raise NotFound("There is no such version of this self-evaluation.")
    version = session.scalars(select(SefVersion).where(
        SefVersion.sef_id == document.id, SefVersion.number == number)).first()
    if version is None:
        raise NotFound("There is no such version of this self-evaluation.")
    return version


def _content(version: SefVersion | None) -> Sef:
    """A version's SEF; an empty one for a purged version (its words are gone)."""
    if version is None or version.content == PURGED_CONTENT:
        return Sef()
    return sef_from_dict(json.loads(version.content))


def _words_version(session: Session, document: SefDocument | None,
                   number: int) -> SefVersion | None:
    """The latest version up to ``number`` that still has its words, or None."""
    if document is None or not number:
        return None
    return session.scalars(
        select(SefVersion).where(SefVersion.sef_id == document.id,
                                 SefVersion.number <= number,
                                 SefVersion.content != PURGED_CONTENT)
        .order_by(SefVersion.number.desc()).limit(1)).first()


def _purge_infos(session: Session, la_code: str, names: dict[int, str]
                 ) -> dict[int, tuple[PurgeInfo | None, PurgeInfo | None]]:
    """Version id -> (its purge, its pending request), for one LA."""
    out: dict[int, tuple[PurgeInfo | None, PurgeInfo | None]] = {}
    rows = session.scalars(select(SefPurge).where(SefPurge.la_code == la_code)
                           .order_by(SefPurge.id))
    for row in rows:
        if row.status == DECLINED:
            continue
        info = PurgeInfo(
            status=row.status, number=row.version_number,
            requested_by=names.get(row.requested_by_id, "(unknown)"),
            requested_at=row.requested_at, reason=row.reason,
            decided_by=names.get(row.decided_by_id, "(unknown)") if row.decided_by_id else None,
            decided_at=row.decided_at)
        done, pending = out.get(row.version_id, (None, None))
        if row.status == PURGED:
            done = info
        elif row.status == REQUESTED:
            pending = info
        out[row.version_id] = (done, None if done else pending)
    return out


def _version_infos(session: Session, document: SefDocument | None, shared_only: bool,
                   number: int | None = None) -> list[VersionInfo]:
    """The versions ``shared_only`` or not (or just version ``number``), newest first."""
    if document is None:
        return []
    names = user_names(session)
    query = (
        select(SefVersion, SefShare)
        .outerjoin(SefShare, SefShare.version_id == SefVersion.id)
        .where(SefVersion.sef_id == document.id)
        .order_by(SefVersion.number.desc())
    )
    if number is not None:
        query = query.where(SefVersion.number == number)
    rows = session.execute(query)
    purges = _purge_infos(session, document.la_code, names)
    return [
        VersionInfo(
            number=version.number, saved_at=version.saved_at,
            author=names.get(version.author_id, "(unknown)"),
            shared_at=share.shared_at if share else None,
            shared_by=names.get(share.shared_by_id, "(unknown)") if share else None,
            purge=purges.get(version.id, (None, None))[0],
            purge_request=purges.get(version.id, (None, None))[1],
        )
        for version, share in rows
        if share is not None or not shared_only
    ]


def _expectation(session: Session, user: Principal | None,
                 la: LocalAuthority) -> SefExpectation:
    """Para 30 for this LA, from its pathway (derived or recorded) and first monitoring visit."""
    status = profile_in(session, user, la).status
    if status.sef_expected is None:
        return SefExpectation(True, None)
    return SefExpectation(status.sef_expected, status.sef_expected_from)


def _figures_from(data: LAIndicators) -> tuple[dict[str, Figure], list[tuple[str, str]]]:
    """Each indicator's figures from the LA's latest upload, ready to link as evidence,
    and the (id, name) choices for linking one."""
    figures: dict[str, Figure] = {}
    if data.snapshot_id is not None and data.period_end is not None:
        for report in data.reports:
            figures[report.indicator.id] = Figure(
                indicator_id=report.indicator.id,
                name=report.indicator.name,
                unit=report.indicator.unit,
                value=report.value,
                numerator=report.numerator,
                denominator=report.denominator,
                period_end=data.period_end.isoformat(),
                snapshot_id=data.snapshot_id,
                comparators=tuple((c.label, c.value) for c in report.comparators),
                comparators_period=report.published_period or "",
                band=report.band or "",
                **_previous(report),
            )
    choices = [(r.indicator.id, r.indicator.name) for r in data.reports]
    return figures, choices


def _previous(report: IndicatorReport) -> dict[str, object]:
    """The figure from the upload before the latest, for a claim's check to see a
    strength slipping."""
    if len(report.trend) < 2:
        return {}
    day, value = report.trend[-2]
    return {"previous": value, "previous_period_end": day.isoformat()}


def editing_context(user: Principal | None,
                    la_code: str) -> tuple[dict[str, Figure], list[tuple[str, str]]]:
    """The latest figures and indicator choices, for someone who may edit this LA's SEF."""
    with session_scope() as session:
        _who, la = _editor_with_figures(session, user, la_code)
        return _figures_from(indicators_in(session, la))


def require_editor(user: Principal | None, la_code: str) -> None:
    """AccessDenied unless ``user`` may edit this LA's SEF: the same check as
    ``editing_context``, without reading any figures (for each keystroke's word count)."""
    with session_scope() as session:
        _editor_with_figures(session, user, la_code)


def merge_edits(data: object, edits: dict[str, object]) -> Sef:
    """The SEF the browser holds, with the values of its fields put in."""
    try:
        return apply_edits(sef_from_dict(data), edits)
    except InvalidSef as error:
        raise InvalidRequest(str(error)) from error


def list_versions(user: Principal | None, la_code: str) -> list[VersionInfo]:
    """The versions ``user`` may see, newest first: all for the LA, shared ones for others."""
    with session_scope() as session:
        _la, may_edit = _load_for_reading(session, user, la_code)
        return _version_infos(session, _document(session, la_code), shared_only=not may_edit)


def prepare_share(user: Principal | None, la_code: str,
                  number: int) -> tuple[list[IdentifierFinding], str, SefReview]:
    """What the person sharing must look at first, the region that will read it, and
    what its inspectors will see of the checks against the figures."""
    with session_scope() as session:
        _who, la = _editor_with_figures(session, user, la_code)
        sef = _content(_version(session, _document(session, la_code), number))
        return (check_before_sharing(sef), la.region.name,
                review_in(session, sef, indicators_in(session, la)))


def review_shared(user: Principal | None, la_code: str, number: int) -> SefReview:
    """The checks on a version ``user`` may read (an inspector: a shared one)."""
    sef, _info, _name = read_version(user, la_code, number)
    data = la_indicators(user, la_code)
    with session_scope() as session:
        return review_in(session, sef, data)


def changed_figures(sef: Sef, latest: dict[str, Figure]) -> dict[str, Figure]:
    """Evidence id -> the latest figure, where a newer upload changed a linked figure."""
    return {
        evidence.id: latest[evidence.indicator_id]
        for _theme, statement in sef.statements()
        for evidence in statement.evidence
        if evidence.figure is not None
        and figure_has_changed(evidence.figure, latest.get(evidence.indicator_id))
    }


def open_sef(user: Principal | None, la_code: str, number: int | None = None) -> SefPage:
    """The SEF page for ``user``: the LA's own users get the latest version to edit;
    everyone else the latest shared version (or the shared version ``number``)."""
    with session_scope() as session:
        la, may_edit = _load_for_reading(session, user, la_code)
        # the page shows the LA's figures and status too: the same check as reading those
        require(can_view_la(user, la), "You do not have access to this local authority.")
        document = _document(session, la_code)
        versions = _version_infos(session, document, shared_only=not may_edit)
        editing = number is None and may_edit
        if number is None:
            number = versions[0].number if versions else None
        elif number not in {v.number for v in versions}:
            raise NotFound("There is no such version of this self-evaluation.")
        sef = _content(_version(session, document, number)) if number else Sef()
        words_from = None
        if editing and number and versions[0].purged:
            # the head's words were removed: edit on from the latest version with words
            # (if any); the next save still follows the head
            earlier = _words_version(session, document, number)
            words_from = earlier.number if earlier else None
            sef = _content(earlier)
        head = document.head_number if document else 0
        data = indicators_in(session, la)
        figures, choices = _figures_from(data)
        return SefPage(
            la_code=la_code, la_name=la.name, region_name=la.region.name, may_edit=may_edit,
            sef=sef, number=number, head_number=head if may_edit else (number or 0),
            versions=versions, expectation=_expectation(session, user, la),
            latest_figures=figures, indicator_choices=choices,
            changed_figures=changed_figures(sef, figures), words_from=words_from,
            review=review_in(session, sef, data),
        )


def review_sef(user: Principal | None, la_code: str, sef: Sef) -> SefReview:
    """The checks on ``sef`` as it stands in the editor, for someone who may edit it."""
    with session_scope() as session:
        _who, la = _editor_with_figures(session, user, la_code)
        return review_in(session, sef, indicators_in(session, la))


def save_draft(user: Principal | None, la_code: str, base_number: int, sef: Sef,
               refresh_figures: bool = False,
               identifier_override: str | None = None) -> SaveResult:
    """Save ``sef`` as the next version after ``base_number``, or say who saved meanwhile.

    Indicator evidence without figures is linked to the latest upload; with
    ``refresh_figures`` every linked figure is brought up to date (para 35).

    Every save is checked for text that may identify a child before anything is
    stored (issue 15): a version is kept for good, so a slip must be caught here, not
    only when sharing. With new findings nothing is stored ("needs_review") unless
    the person gives ``identifier_override``, their reason for saving anyway, which
    is kept with the version and audited. Findings already saved anyway in the
    version this save started from are not asked about again.
    """
    if not valid_version_number(base_number):
        raise InvalidRequest("The page is out of date; reload it.")
    if identifier_override is not None and not isinstance(identifier_override, str):
        raise InvalidRequest("The page is out of date; reload it.")
    if identifier_override is not None and override_reason_problem(identifier_override):
        if identifier_override.strip():  # too long: the page's own box never sends that
            raise InvalidRequest(str(override_reason_problem(identifier_override)))
        identifier_override = None
    with session_scope() as session:
        editor, la = _editor_with_figures(session, user, la_code)
        figures, choices = _figures_from(indicators_in(session, la))
    known = {indicator_id for indicator_id, _name in choices}
    if any(e.indicator_id and e.indicator_id not in known
           for _theme, statement in sef.statements() for e in statement.evidence):
        raise InvalidRequest("The page sent an indicator we do not have; reload the page.")
    try:
        with session_scope() as session:
            document = _document(session, la_code)
            if base_number:
                _version(session, document, base_number)  # NotFound if there is none
            # a purged base: what the editor shows is the latest version with words
            words = _words_version(session, document, base_number)
            base = _content(words)
            # figures come from the version this save started from, or the latest upload;
            # never from the browser
            sef = set_figures(keep_trusted_figures(sef, base), figures,
                              only_missing=not refresh_figures)
            head = document.head_number if document else 0
            if base_number == head and base == sef:
                return SaveResult("unchanged", base_number, sef)
            if head != base_number and _content(_words_version(session, document, head)) == sef:
                # the newest version already holds exactly this (two saves of the same
                # text crossed, e.g. leaving a field and pressing "Save now"): no clash
                return SaveResult("unchanged", head, sef)
            findings = check_before_sharing(sef)
            accepted = (check_before_sharing(base)
                        if words is not None and words.identifier_warnings else [])
            unasked = new_findings(findings, accepted)
            if unasked and identifier_override is None:
                # nothing is stored; the words stay in the person's editor
                return SaveResult("needs_review", base_number, sef, findings=unasked)
            if document is None:
                document = SefDocument(la_code=la_code, head_number=0, created_at=clock.now())
                session.add(document)
                session.flush()
            moved = session.execute(
                update(SefDocument)
                .where(SefDocument.id == document.id, SefDocument.head_number == base_number)
                .values(head_number=base_number + 1)
            ).rowcount
            if moved != 1:
                session.rollback()
                return _conflict(session, la_code, base, sef)
            saved_at = clock.now()
            session.add(SefVersion(
                sef_id=document.id, number=base_number + 1, author_id=editor.id,
                content=json.dumps(sef_to_dict(sef), sort_keys=True), saved_at=saved_at,
                identifier_warnings=len(findings),
                identifier_override_reason=identifier_override.strip() if unasked
                and identifier_override else None,
            ))
    except IntegrityError:
        # a colleague created the document or the version in the same instant
        with session_scope() as session:
            document = _document(session, la_code)
            base = _content(_words_version(session, document, base_number))
            return _conflict(session, la_code, base, sef)
    # counts only: the words may be the very ones the check warned about
    log.info("SEF saved: la=%s version=%d identifier_warnings=%d", la_code, base_number + 1,
             len(findings))
    return SaveResult("saved", base_number + 1, sef, saved_at=saved_at)


def _conflict(session: Session, la_code: str, base: Sef, mine: Sef) -> SaveResult:
    document = _document(session, la_code)
    head = _version(session, document, document.head_number if document else 0)
    theirs = _content(_words_version(session, document, head.number))
    return SaveResult(
        "conflict", head.number, theirs, saved_at=head.saved_at,
        their_author=user_names(session).get(head.author_id, "(unknown)"),
        their_changes=compare_sefs(base, theirs),
        your_changes=compare_sefs(base, mine),
    )


def merge_after_clash(user: Principal | None, la_code: str, base_number: int,
                      their_number: int, mine: Sef) -> Merged:
    """What "Save mine as the newest version" stores after a clash: the colleague's
    version ``their_number`` with every change the person made since ``base_number``
    put in; where both changed the same field the person's value is kept and listed."""
    if not valid_version_number(base_number) or not valid_version_number(their_number):
        raise InvalidRequest("The page is out of date; reload it.")
    with session_scope() as session:
        _editor(session, user, la_code)
        document = _document(session, la_code)
        for number in (base_number, their_number):
            if number:
                _version(session, document, number)  # NotFound if there is none
        base = _content(_words_version(session, document, base_number))
        theirs = _content(_words_version(session, document, their_number))
    return merge_sefs(base, theirs, mine)


def check_before_sharing(sef: Sef) -> list[IdentifierFinding]:
    """Places the SEF may identify a child (developers' guide, non-negotiable 6)."""
    return identifier_findings(user_texts(sef), adult_places(sef))


def share_version(user: Principal | None, la_code: str, number: int,
                  share_despite_warnings: bool = False) -> ShareResult:
    """Share a saved version with Ofsted: its region's inspectors can read it from now on.

    A version that looks like it identifies a child is shared only once the person
    sharing has seen the findings and chosen to go ahead. Sharing again later, with
    newer figures, is a refreshed SEF (para 35).
    """
    with session_scope() as session:
        editor = _editor(session, user, la_code)
        document = _document(session, la_code)
        version = _version(session, document, number)
        existing = session.scalars(
            select(SefShare).where(SefShare.version_id == version.id)).first()
        if existing is not None:
            return ShareResult("shared", number, [], existing.shared_at)
        if version.content == PURGED_CONTENT:
            raise InvalidRequest(f"The words of version {number} were removed; there is "
                                 "nothing to share. Save a new version first.")
        findings = check_before_sharing(_content(version))
        if findings and not share_despite_warnings:
            return ShareResult("needs_confirmation", number, findings)
        shared_at = clock.now()
        session.add(SefShare(version_id=version.id, shared_by_id=editor.id, shared_at=shared_at,
                             identifier_warnings_overridden=len(findings)))
        try:
            session.flush()
        except IntegrityError:
            # a colleague shared the same version in the same instant: it is shared
            session.rollback()
            existing = session.scalars(
                select(SefShare).where(SefShare.version_id == version.id)).one()
            return ShareResult("shared", number, [], existing.shared_at)
    # no text from the SEF in the log: it may be the very text the check warned about
    log.info("SEF shared: la=%s version=%d warnings_overridden=%d", la_code, number,
             len(findings))
    return ShareResult("shared", number, findings, shared_at)


def read_version(user: Principal | None, la_code: str, number: int) -> tuple[Sef, VersionInfo,
                                                                            str]:
    """One version, its details and the LA's name: drafts only for the LA's own users."""
    with session_scope() as session:
        la, may_edit = _load_for_reading(session, user, la_code)
        document = _document(session, la_code)
        version = _version(session, document, number)
        [info] = _version_infos(session, document, shared_only=False, number=number)
        if not may_edit and info.shared_at is None:
            raise NotFound("There is no such version of this self-evaluation.")
        return _content(version), info, la.name


def compare_versions(user: Principal | None, la_code: str, older: int,
                     newer: int) -> tuple[list[Change], list[VersionInfo]]:
    """What changed between two versions the user may read, or (no changes and) which
    of them had their words removed: a purged version compares as its tombstone."""
    before, old_info, _name = read_version(user, la_code, older)
    after, new_info, _name = read_version(user, la_code, newer)
    purged = [info for info in (old_info, new_info) if info.purged]
    if purged:
        return [], purged
    return compare_sefs(before, after), []


@dataclass(frozen=True)
class ThemeEvidence:
    """A SEF theme beside the indicators that bear on it (issue 6: side by side)."""

    theme_name: str
    la_name: str
    reports: list[IndicatorReport]
    changed_claims: list[tuple[str, Figure, Figure]]  # statement text, as shared, latest
    #: the checks on the theme's claims against their figures (para 50)
    checks: list[ReviewItem] = field(default_factory=list)


def theme_beside_indicators(user: Principal | None, la_code: str, number: int,
                            theme_id: str) -> ThemeEvidence:
    """The indicators bearing on one theme of a version the user may read, and the claims
    in it whose linked figures a newer upload has changed."""
    sef, _info, _name = read_version(user, la_code, number)
    theme = next((t for t in sef.themes if t.id == theme_id), None)
    if theme is None:
        raise NotFound("There is no such theme in this version.")
    data = la_indicators(user, la_code)
    by_id = {r.indicator.id: r for r in data.reports}
    wanted = indicators_bearing_on(theme, {i: r.indicator.theme for i, r in by_id.items()})
    figures, _choices = _figures_from(data)
    changed = changed_figures(sef, figures)
    claims = [
        (statement.text, evidence.figure, changed[evidence.id])
        for statement in theme.statements for evidence in statement.evidence
        if evidence.id in changed and evidence.figure is not None
    ]
    with session_scope() as session:
        review = review_in(session, sef, data, claims_only=True)
    statements = {s.id for s in theme.statements}
    checks = [item for item in review.items if item.statement_id in statements]
    return ThemeEvidence(theme.name, data.la_name, [by_id[i] for i in wanted if i in by_id],
                         claims, checks)
