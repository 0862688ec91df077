"""Management information: taking an LA's Annex A upload in, and giving its figures out.

The access check sits in every function here, where the data is read or written.
An upload is read, fully checked and turned into figures before anything is stored;
then the snapshot (figures and counts, never child-level rows) is stored in one
transaction. No child's ID, name or date of birth is stored, logged or put in a problem
(problems point at sheets, rows and columns; see dashboard.domain.annex_a_checks).

An upload comes in two steps, both reading and checking the files the same way
(``_read_and_check``): ``check_annex_a`` stores nothing and proposes the extraction
date (``dashboard.domain.extraction_date``); ``upload_annex_a`` stores, under the date
the user chose, once the user has answered the question that date may raise. Both
compare the figures with the LA's own published ones
(``dashboard.domain.plausibility``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.access import (
    Principal,
    can_map_local_codes,
    can_upload_mi,
    can_withdraw_mi,
    require,
)
from dashboard.domain.annex_a import LISTS_BY_KEY, LISTS_BY_NUMBER, Kind, normalise
from dashboard.domain.annex_a_checks import (
    ERROR,
    NOTE,
    WARNING,
    WORDS_SHOWN_FROM_ROWS,
    CheckResult,
    LocalCodes,
    Problem,
    UnknownCodes,
    combine_checks,
    quotable_local_code,
)
from dashboard.domain.dates import long_date
from dashboard.domain.extraction_date import (
    ProposedDate,
    extraction_date_confirmation,
    propose_extraction_date,
)
from dashboard.domain.indicators import (
    INDICATORS,
    Indicator,
    IndicatorInputs,
    IndicatorValue,
    compute_indicators,
)
from dashboard.domain.plausibility import (
    PLAUSIBILITY,
    Finding,
    PublishedFigure,
    half_to_twice_the_published_figure,
)
from dashboard.domain.plausibility import WARNING as PLAUSIBILITY_WARNING
from dashboard.domain.published_series import Comparison, flags_sense, rule_texts
from dashboard.domain.reasons import clean_reason
from dashboard.domain.snapshots import (
    may_undo_withdrawal,
    undo_deadline,
    withdrawal_reason_problem,
)
from dashboard.domain.warning_impact import WarningImpact, warning_impacts
from dashboard.errors import InvalidRequest, NotFound, is_row_id
from dashboard.services.exports import workbook_bytes
from dashboard.services.ingest import UploadedFile, UploadLimits, read_and_check_upload
from dashboard.services.la_profiles import load_la, load_visible_la
from dashboard.services.published import PublishedRow, own_latest_figures, published_rows_in
from dashboard.storage.db import session_scope
from dashboard.storage.models import (
    LocalAuthority,
    LocalCodeMapping,
    MIIndicatorValue,
    MIListCount,
    MISnapshot,
    User,
)

log = logging.getLogger(__name__)

#: A pending replacement the user has not confirmed is dropped after this long.
PENDING_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True)
class ListCount:
    number: int
    label: str
    rows: int


#: What an upload came to (``UploadOutcome.status``).
REFUSED = "refused"
STORED = "stored"
#: stored, waiting for the user to confirm it replaces the period's figures
NEEDS_CONFIRMATION = "needs_confirmation"
#: nothing stored: the chosen date is far from the lists and the user has not confirmed it
NEEDS_DATE_CONFIRMATION = "needs_date_confirmation"
#: checked with no error; nothing stored (the first step)
CHECKED = "checked"
#: the two steps (``UploadOutcome.stage``)
CHECK, STORE = "check", "store"


@dataclass(frozen=True)
class UploadOutcome:
    """What a check or an upload came to: refused, checked, stored, or waiting for the
    user to confirm (the date, or a replacement)."""

    status: str  # REFUSED | CHECKED | STORED | NEEDS_CONFIRMATION | NEEDS_DATE_CONFIRMATION
    la_code: str
    la_name: str
    period_end: date
    error_count: int
    warning_count: int
    problems: list[Problem]
    problems_not_listed: int
    list_counts: list[ListCount] = field(default_factory=list)
    snapshot_id: int | None = None
    #: for each kind of warning, its rows and the indicators it touches
    impacts: list[WarningImpact] = field(default_factory=list)
    #: each coded column's values that are not DfE codes, to map (para 248)
    unknown_codes: list[UnknownCodes] = field(default_factory=list)
    #: rows read through the LA's saved mapping of its own codes
    mapped_rows: int = 0
    #: the latest event date in the file, to suggest as the extraction date
    latest_date: date | None = None
    #: CHECK (nothing is ever stored) or STORE
    stage: str = STORE
    #: the extraction date the files point to, and where it came from
    proposed: ProposedDate | None = None
    #: False when a check read the files with no date chosen (today's, provisionally;
    #: the figures compared with the published ones then use the proposed date)
    date_chosen: bool = True
    #: the question a store under ``period_end`` needs answered first, if any
    date_question: str | None = None
    #: the uploaded figures against the LA's published ones: warnings (also among the
    #: problems and counted) and notes on what was not compared
    plausibility: list[Finding] = field(default_factory=list)


def _load_for_upload(session: Session, user: Principal | None, la_code: str) -> LocalAuthority:
    """The LA, if ``user`` may upload its figures; AccessDenied (403) if not."""
    la = load_la(session, la_code)
    require(can_upload_mi(user, la), "You may not upload figures for this local authority.")
    return la


def _refusal(file_problems: list[Problem]) -> CheckResult:
    result = CheckResult()
    for problem in file_problems:
        result.add(problem.severity, problem.sheet, problem.row, problem.column, problem.message)
    return result


def reading_step(file_count: int, steps: int = 3) -> str:
    """The first step of a check (two steps) or an upload (three), as the page shows it
    (a job says it at once)."""
    return (f"Step 1 of {steps}: reading {file_count} file(s) and checking every sheet, row "
            "and column. A large workbook takes a few seconds.")


@dataclass
class _Checked:
    """An upload read and checked, its figures worked out: what both steps share. The
    child-level rows are already gone."""

    outcome: dict[str, Any]
    accepted: bool
    population: int | None
    counts: list[ListCount]
    values: dict[str, IndicatorValue]
    warning_count: int


def _published_figures(session: Session, la: LocalAuthority) -> dict[str, PublishedFigure]:
    """The LA's own latest published figure of each measure an indicator shares, to
    compare uploads with."""
    wanted = {indicator.id for indicator in INDICATORS}
    return {measure_id: PublishedFigure(figure, measure.unit, measure.period_text(year))
            for measure_id, (measure, year, figure)
            in own_latest_figures(session, la.la_code, wanted).items()}


def _read_and_check(
    user: Principal | None, la_code: str, period_end: date | None,
    files: Sequence[UploadedFile], limits: UploadLimits | None, today: date | None,
    tell: Callable[[str], None], steps: int,
) -> _Checked:
    """Read and check every file under ``period_end`` (today's date, provisionally, when
    a check has none: only future dates are errors then), propose the extraction date,
    and work out the figures (under the proposed date when none was chosen) to compare
    with the LA's published ones. The one reading and checking both steps share."""
    with session_scope() as session:
        la = _load_for_upload(session, user, la_code)
        la_name, population = la.name, la.under18_population
        local_codes = _local_codes(session, la_code)
        published = _published_figures(session, la)
    today = today or clock.today_in_england()
    if period_end is not None and period_end > today:
        raise InvalidRequest("The date the lists were extracted cannot be in the future.")
    tell(reading_step(len(files), steps))
    checks, file_problems = read_and_check_upload(list(files), period_end or today,
                                                  limits or UploadLimits(), local_codes)
    result = _refusal(file_problems) if file_problems else combine_checks(checks)
    del checks
    proposed = propose_extraction_date(result.stated_date, [f.name for f in files],
                                       result.latest_date)
    figures_date = period_end or (proposed.day if proposed else today)
    counts = [
        ListCount(parsed.annex_list.number, parsed.annex_list.label, len(parsed))
        for parsed in sorted(result.lists.values(), key=lambda p: p.annex_list.number)
    ]
    values: dict[str, IndicatorValue] = {}
    findings: list[Finding] = []
    if result.accepted:
        tell(f"Step 2 of {steps}: calculating the indicators and comparing them with the "
             "published figures.")
        values = compute_indicators(IndicatorInputs(result.lists, figures_date, population))
        findings = half_to_twice_the_published_figure(values, published)
        for finding in findings:
            if finding.severity == PLAUSIBILITY_WARNING:
                result.add(WARNING, "(whole upload)", None, None, finding.message,
                           PLAUSIBILITY, None, finding.indicator_id, count=1)
    result.lists.clear()  # the child-level rows go no further than this
    outcome: dict[str, Any] = dict(
        la_code=la_code, la_name=la_name, period_end=figures_date,
        error_count=result.error_count, warning_count=result.warning_count,
        problems=result.problems, problems_not_listed=result.problems_not_listed,
        list_counts=counts, impacts=warning_impacts(result.warning_rows),
        unknown_codes=result.unknown_codes, mapped_rows=result.mapped_rows,
        latest_date=result.latest_date, proposed=proposed,
        date_chosen=period_end is not None, plausibility=findings,
        # a check with no date chosen proposes one; the question is for a chosen date
        date_question=(extraction_date_confirmation(period_end, result.latest_date)
                       if result.accepted and period_end is not None else None),
    )
    return _Checked(outcome, result.accepted, population, counts, values,
                    result.warning_count)


def check_annex_a(
    user: Principal | None,
    la_code: str,
    files: Sequence[UploadedFile],
    limits: UploadLimits | None = None,
    period_end: date | None = None,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> UploadOutcome:
    """The first step: read and check every file fully and store nothing.

    Says every problem, what the warnings touch, the rows per list, the LA's own codes
    to map, the extraction date the files point to and where it came from, and how the
    figures compare with the LA's published ones. With no ``period_end`` the files are
    read under today's date (so only future dates are errors) and the figures compared
    are worked out under the proposed date. The same access check as storing.
    """
    checked = _read_and_check(user, la_code, period_end, files, limits, today,
                              progress or (lambda _stage: None), steps=2)
    status = CHECKED if checked.accepted else REFUSED
    log.info("Annex A upload checked: la=%s status=%s", la_code, status)
    return UploadOutcome(status=status, stage=CHECK, **checked.outcome)


def upload_annex_a(
    user: Principal | None,
    la_code: str,
    period_end: date,
    files: Sequence[UploadedFile],
    limits: UploadLimits | None = None,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    date_confirmed: bool = True,
) -> UploadOutcome:
    """Check an upload fully, then store its figures in one transaction, or nothing.

    A date more than 31 days after the latest event in the lists, or before it, needs
    the user's answer first (``extraction_date_confirmation``): the page passes
    ``date_confirmed`` as the person answered (False until they have), and the upload is
    then NEEDS_DATE_CONFIRMATION with nothing stored. Callers that set the date
    themselves (the demo, imports, tests) leave it True.

    A second upload for a period that already has figures is kept as "pending" until
    the user confirms the replacement (``confirm_replacement``). ``progress`` is told
    each stage, for the page to show while a large upload is checked.
    """
    tell = progress or (lambda _stage: None)
    checked = _read_and_check(user, la_code, period_end, files, limits, today, tell, steps=3)
    outcome = checked.outcome
    if not checked.accepted:
        log.info("Annex A upload refused: la=%s errors=%s", la_code, outcome["error_count"])
        return UploadOutcome(status=REFUSED, **outcome)
    if outcome["date_question"] and not date_confirmed:
        log.info("Annex A upload waits for its date to be confirmed: la=%s", la_code)
        return UploadOutcome(status=NEEDS_DATE_CONFIRMATION, **outcome)
    tell("Step 3 of 3: storing the figures.")
    for attempt in range(2):
        try:
            snapshot_id, replaces = _store_snapshot(
                user, la_code, period_end, checked.population, files, checked.counts,
                checked.values, checked.warning_count)
            break
        except IntegrityError:
            # Another upload for this period was stored at the same moment; the second
            # attempt finds it and keeps this one waiting for confirmation.
            if attempt:
                raise
    status = NEEDS_CONFIRMATION if replaces else STORED
    log.info("Annex A upload %s: la=%s snapshot=%d", status, la_code, snapshot_id)
    return UploadOutcome(status=status, snapshot_id=snapshot_id, **outcome)


def _store_snapshot(
    user: Principal | None, la_code: str, period_end: date, population: int | None,
    files: Sequence[UploadedFile], counts: list[ListCount],
    values: dict[str, IndicatorValue], warning_count: int,
) -> tuple[int, bool]:
    """One transaction: the snapshot, its counts and its figures. Returns its id and
    whether it waits to replace the period's current figures."""
    with session_scope() as session:
        _drop_stale_pending(session, la_code)
        current = _current_snapshot(session, la_code, period_end)
        uploaded_at = clock.now()
        snapshot = MISnapshot(
            la_code=la_code, period_end=period_end,
            status="pending" if current else "current",
            uploaded_by_id=user.id if user and user.id else None, uploaded_at=uploaded_at,
            confirmed_at=None if current else uploaded_at,
            source_files=_describe_files(files),
            rows_read=sum(c.rows for c in counts), warning_count=warning_count,
            child_population=population,
            list_counts=[MIListCount(list_number=c.number, rows=c.rows) for c in counts],
            values=[
                MIIndicatorValue(indicator_id=key, value=v.value, numerator=v.numerator,
                                 denominator=v.denominator, note=v.note or None)
                for key, v in values.items()
            ],
        )
        session.add(snapshot)
        session.flush()
        return snapshot.id, current is not None


def _describe_files(files: Sequence[UploadedFile]) -> str:
    """What was uploaded, without the file names (a name can say more than it should)."""
    kinds = sorted({f.name.rsplit(".", 1)[-1].lower() for f in files})
    noun = "file" if len(files) == 1 else "files"
    return f"{len(files)} {noun} ({', '.join('.' + kind for kind in kinds)})"[:500]


def _current_snapshot(session: Session, la_code: str, period_end: date) -> MISnapshot | None:
    return session.scalars(
        select(MISnapshot).where(
            MISnapshot.la_code == la_code,
            MISnapshot.period_end == period_end,
            MISnapshot.status == "current",
        )
    ).first()


def _drop_stale_pending(session: Session, la_code: str) -> None:
    stale = session.scalars(
        select(MISnapshot).where(
            MISnapshot.la_code == la_code,
            MISnapshot.status == "pending",
            MISnapshot.uploaded_at < clock.now() - PENDING_LIFETIME,
        )
    )
    for snapshot in stale:
        session.delete(snapshot)


def _pending_for(session: Session, user: Principal | None, snapshot_id: int) -> MISnapshot:
    if not isinstance(snapshot_id, int) or isinstance(snapshot_id, bool):
        raise InvalidRequest("That upload is not known.")
    if not is_row_id(snapshot_id):
        raise NotFound("That upload is no longer waiting; upload the file again.")
    snapshot = session.get(MISnapshot, snapshot_id)
    if snapshot is None:
        raise NotFound("That upload is no longer waiting; upload the file again.")
    _load_for_upload(session, user, snapshot.la_code)
    uploaded_at = snapshot.uploaded_at
    if uploaded_at.tzinfo is None:
        uploaded_at = uploaded_at.replace(tzinfo=UTC)
    if snapshot.status != "pending" or uploaded_at < clock.now() - PENDING_LIFETIME:
        raise NotFound("That upload is no longer waiting; upload the file again.")
    return snapshot


def _replacement_made(session: Session, user: Principal | None, snapshot_id: int) -> date | None:
    """The period of a replacement this upload has already made, or None: a double
    click's second request then answers as the first did instead of contradicting it."""
    if not isinstance(snapshot_id, int) or isinstance(snapshot_id, bool) or not is_row_id(
            snapshot_id):
        return None
    snapshot = session.get(MISnapshot, snapshot_id)
    if snapshot is None or snapshot.status != "current" or snapshot.confirmed_at is None:
        return None
    _load_for_upload(session, user, snapshot.la_code)
    uploaded_at, confirmed_at = (_aware(snapshot.uploaded_at), _aware(snapshot.confirmed_at))
    # an upload stored at once is confirmed the moment it is uploaded; a replacement later
    if confirmed_at > uploaded_at and uploaded_at >= clock.now() - PENDING_LIFETIME:
        return snapshot.period_end
    return None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def confirm_replacement(user: Principal | None, snapshot_id: int) -> date:
    """Make a pending upload the period's figures; the earlier ones are kept as replaced.
    Asked again for a replacement already made (a double click), it answers the same."""
    for attempt in range(2):
        try:
            with session_scope() as session:
                done = _replacement_made(session, user, snapshot_id)
                if done is not None:
                    return done
                pending = _pending_for(session, user, snapshot_id)
                current = _current_snapshot(session, pending.la_code, pending.period_end)
                if current is not None:
                    current.status = "replaced"
                    session.flush()
                pending.status = "current"
                pending.confirmed_at = clock.now()
                log.info("Annex A snapshot %d replaces %s", snapshot_id,
                         current.id if current else None)
                return pending.period_end
        except IntegrityError:
            # Another confirmation for this period landed at the same moment: try once
            # more, so that this one, the later, wins.
            if attempt:
                raise
    raise AssertionError("unreachable")


def discard_pending(user: Principal | None, snapshot_id: int) -> None:
    """Drop an upload the user chose not to use; the period keeps its figures."""
    with session_scope() as session:
        session.delete(_pending_for(session, user, snapshot_id))


# The LA's own codes (framework para 248) -------------------------------------------


def _local_codes(session: Session, la_code: str) -> LocalCodes:
    mapping: LocalCodes = {}
    for row in session.scalars(select(LocalCodeMapping).where(
            LocalCodeMapping.la_code == la_code)):
        mapping.setdefault((row.list_key, row.column_key), {})[row.value] = row.dfe_code
    return mapping


def dfe_codes_for(list_key: str, column_key: str) -> list[tuple[str, str]]:
    """The DfE codes, with their meanings, that a coded column may hold."""
    annex_list = LISTS_BY_KEY.get(list_key)
    column = next((c for c in annex_list.columns if c.key == column_key), None) \
        if annex_list else None
    if column is None or column.kind is not Kind.CODE or column.code_set is None:
        return []
    return list(column.code_set.codes.items())


NOT_YOUR_CODES = "Only this local authority's own users may map its codes."


def _load_for_mapping(session: Session, user: Principal | None, la_code: str
                      ) -> LocalAuthority:
    la = load_la(session, la_code)
    require(can_map_local_codes(user, la), NOT_YOUR_CODES)
    return la


def saved_local_codes(user: Principal | None, la_code: str) -> list[tuple[str, str, str, str]]:
    """The LA's mapping as (list, column, local code as the file had it, DfE code), for
    the LA's own users."""
    with session_scope() as session:
        _load_for_mapping(session, user, la_code)
        return [(row.list_key, row.column_key, row.label, row.dfe_code)
                for row in session.scalars(select(LocalCodeMapping).where(
                    LocalCodeMapping.la_code == la_code).order_by(LocalCodeMapping.id))]


def save_local_codes(user: Principal | None, la_code: str,
                     choices: Sequence[tuple[object, object, object, object]]) -> int:
    """Keep the LA's mapping of its own codes to DfE codes, for this upload and the next.

    Each choice is (list key, column key, local code as shown, DfE code); one with no
    DfE code is left alone. Everything comes from the browser, so each part is checked:
    a known coded column, a DfE code of that column, and a local code shaped as the
    check would show it (never an identifier or a date). Returns how many were saved;
    the audit trail records each.
    """
    with session_scope() as session:  # refuse before looking at what was sent
        _load_for_mapping(session, user, la_code)
    cleaned: dict[tuple[str, str, str], tuple[str, str]] = {}
    for choice in choices:
        if not isinstance(choice, tuple | list) or len(choice) != 4:
            raise InvalidRequest("The mapping is not in the expected form.")
        list_key, column_key, label, code = choice
        if code in (None, ""):
            continue
        if not all(isinstance(part, str) for part in (list_key, column_key, label, code)):
            raise InvalidRequest("The mapping is not in the expected form.")
        codes = dict(dfe_codes_for(list_key, column_key))
        if not codes or code not in codes:
            raise InvalidRequest("That is not a DfE code for this column.")
        label = label.strip()  # type: ignore[union-attr]
        value = normalise(label)
        if not value or not quotable_local_code(label, WORDS_SHOWN_FROM_ROWS):
            raise InvalidRequest("That local code cannot be mapped.")
        cleaned[(list_key, column_key, value)] = (label, code)  # type: ignore[index]
    with session_scope() as session:
        _load_for_mapping(session, user, la_code)
        existing = {(row.list_key, row.column_key, row.value): row
                    for row in session.scalars(select(LocalCodeMapping).where(
                        LocalCodeMapping.la_code == la_code))}
        for (list_key, column_key, value), (label, code) in cleaned.items():
            row = existing.get((list_key, column_key, value))
            if row is None:
                session.add(LocalCodeMapping(
                    la_code=la_code, list_key=list_key, column_key=column_key, value=value,
                    label=label, dfe_code=code, set_by_id=user.id if user else None,
                    set_at=clock.now()))
            elif row.dfe_code != code:
                row.dfe_code, row.label = code, label
                row.set_by_id, row.set_at = (user.id if user else None), clock.now()
    log.info("Local codes mapped: la=%s count=%d", la_code, len(cleaned))
    return len(cleaned)


#: A problem's severity as the download says it (anything unknown from the browser is
#: said as a warning, never as nothing).
SEVERITY_WORDS = {ERROR: "Error", WARNING: "Warning", NOTE: "Note"}


def problems_workbook(user: Principal | None, la_code: str, problems: list[dict]) -> bytes:
    """The problems of the user's own upload, as an Excel file to work through.

    The problems come back from the user's browser, so they are re-shaped and
    neutralised, never trusted; the user must be allowed to upload for the LA.
    """
    with session_scope() as session:
        _load_for_upload(session, user, la_code)
    rows = []
    for problem in problems[:5000]:
        if not isinstance(problem, dict):
            raise InvalidRequest("The list of problems is not in the expected form.")
        rows.append([
            SEVERITY_WORDS.get(str(problem.get("severity")), "Warning"),
            str(problem.get("sheet") or "")[:100],
            problem.get("row") if isinstance(problem.get("row"), int) else None,
            str(problem.get("column") or "")[:200],
            str(problem.get("message") or "")[:500],
        ])
    return workbook_bytes("Problems", ["Severity", "Sheet", "Row", "Column", "Problem"], rows)


def upload_page(user: Principal | None, la_code: str) -> tuple[str, list[SnapshotSummary]]:
    """The LA's name and its snapshots, for a user who may upload for it."""
    with session_scope() as session:
        name = _load_for_upload(session, user, la_code).name
    return name, list_snapshots(user, la_code)


def may_upload(user: Principal | None, la_code: str) -> bool:
    with session_scope() as session:
        return can_upload_mi(user, load_la(session, la_code))


@dataclass(frozen=True)
class SnapshotSummary:
    id: int
    period_end: date
    uploaded_at: datetime
    uploaded_by: str
    rows_read: int
    warning_count: int
    status: str = "current"  # or "withdrawn"
    withdrawn_at: datetime | None = None
    withdrawn_by: str | None = None
    withdrawal_reason: str | None = None
    #: until when the withdrawal may be undone; None once it no longer may be
    undo_until: datetime | None = None
    #: whether the user looking may withdraw it, or undo its withdrawal
    may_change: bool = False


def list_snapshots(user: Principal | None, la_code: str,
                   now: datetime | None = None) -> list[SnapshotSummary]:
    """The LA's current and withdrawn snapshots, newest period first (for the period, the
    current one first): for those who may upload for the LA, on its upload page."""
    now = now or clock.now()
    with session_scope() as session:
        la = _load_for_upload(session, user, la_code)
        may_change = can_withdraw_mi(user, la)
        snapshots = session.scalars(
            select(MISnapshot)
            .where(MISnapshot.la_code == la_code,
                   MISnapshot.status.in_(("current", "withdrawn")))
            .order_by(MISnapshot.period_end.desc(), MISnapshot.status,
                      MISnapshot.withdrawn_at.desc())
        )
        names = {u.id: u.full_name for u in session.scalars(select(User))}
        summaries = []
        for s in snapshots:
            withdrawn = s.status == "withdrawn" and s.withdrawn_at is not None
            summaries.append(SnapshotSummary(
                s.id, s.period_end, s.uploaded_at, names.get(s.uploaded_by_id, "(system)"),
                s.rows_read, s.warning_count, s.status, s.withdrawn_at,
                names.get(s.withdrawn_by_id, "(system)") if withdrawn else None,
                s.withdrawal_reason,
                undo_deadline(s.withdrawn_at) if withdrawn and s.withdrawn_at is not None
                and may_undo_withdrawal(s.withdrawn_at, now) else None,
                may_change,
            ))
        return summaries


# Withdrawing an upload, and undoing that -----------------------------------------

UNKNOWN_UPLOAD = "That upload is not known."
NOT_YOURS = "Only this local authority's own users may withdraw its figures."


@dataclass(frozen=True)
class WithdrawalOutcome:
    """A withdrawal done, or refused with a plain reason (nothing stored)."""

    period_end: date
    problem: str | None = None
    #: the withdrawn upload had replaced an earlier one for the same period, which stays
    #: replaced: the period has no figures until the LA uploads again
    earlier_stays_replaced: bool = False


def _own_snapshot(session: Session, user: Principal | None, la_code: object,
                  snapshot_id: object, lock: bool = False) -> MISnapshot:
    """The LA's snapshot, if ``user`` is one of the LA's own users.

    AccessDenied (403) for anyone else, whatever the id; an id that is not one of this
    LA's uploads (another LA's, or none) is "not known", the same either way, so a
    forged id tells nothing.
    """
    if not isinstance(la_code, str):
        raise InvalidRequest("The page is out of date; reload it.")
    la = load_la(session, la_code)
    require(can_withdraw_mi(user, la), NOT_YOURS)
    if not is_row_id(snapshot_id):
        raise NotFound(UNKNOWN_UPLOAD)
    statement = select(MISnapshot).where(MISnapshot.id == snapshot_id)
    snapshot = session.scalars(statement.with_for_update() if lock else statement).first()
    if snapshot is None or snapshot.la_code != la.la_code:
        raise NotFound(UNKNOWN_UPLOAD)
    return snapshot


def snapshot_to_withdraw(user: Principal | None, la_code: object,
                         snapshot_id: object) -> tuple[date, bool]:
    """The period of an upload the user may withdraw, to ask them to confirm, and
    whether it is still in use (a page left open may show it after it changed)."""
    with session_scope() as session:
        snapshot = _own_snapshot(session, user, la_code, snapshot_id)
        return snapshot.period_end, snapshot.status == "current"


def withdraw_snapshot(user: Principal | None, la_code: object, snapshot_id: object,
                      reason: object, now: datetime | None = None) -> WithdrawalOutcome:
    """Take a current upload out of every figure and trend at once, in one transaction.

    The status, when, by whom and the reason are stored together (the audit trail
    records the change with them). An earlier upload that this one had replaced is not
    brought back: which figures are right is for the LA to say, so it is told, and
    uploads again if it needs to.
    """
    if reason is None:
        reason = ""
    if not isinstance(reason, str):
        raise InvalidRequest("The reason is not in the expected form.")
    with session_scope() as session:
        snapshot = _own_snapshot(session, user, la_code, snapshot_id, lock=True)
        if snapshot.status != "current":
            return WithdrawalOutcome(snapshot.period_end,
                                     "These figures are no longer in use, so there is "
                                     "nothing to withdraw. Reload the page.")
        problem = withdrawal_reason_problem(reason)
        if problem:
            return WithdrawalOutcome(snapshot.period_end, problem)
        earlier = session.scalars(select(MISnapshot.id).where(
            MISnapshot.la_code == snapshot.la_code,
            MISnapshot.period_end == snapshot.period_end,
            MISnapshot.status == "replaced")).first()
        snapshot.status = "withdrawn"
        snapshot.withdrawn_at = now or clock.now()
        snapshot.withdrawn_by_id = user.id if user and user.id else None
        snapshot.withdrawal_reason = clean_reason(reason)
        session.flush()
        log.info("Annex A snapshot %d withdrawn: la=%s", snapshot.id, snapshot.la_code)
        return WithdrawalOutcome(snapshot.period_end,
                                 earlier_stays_replaced=earlier is not None)


def undo_withdrawal(user: Principal | None, la_code: object, snapshot_id: object,
                    now: datetime | None = None) -> tuple[date, str | None]:
    """Make a withdrawn upload count again, within 30 days of its withdrawal and only if
    its period has no other figures now. Returns its period and, if refused, why."""
    now = now or clock.now()
    try:
        with session_scope() as session:
            snapshot = _own_snapshot(session, user, la_code, snapshot_id, lock=True)
            period_end = snapshot.period_end
            if snapshot.status != "withdrawn" or snapshot.withdrawn_at is None:
                return period_end, ("These figures are not withdrawn, so there is nothing "
                                    "to undo. Reload the page.")
            if not may_undo_withdrawal(snapshot.withdrawn_at, now):
                return period_end, ("The withdrawal can no longer be undone: that was "
                                    "possible for 30 days. Upload the lists again if these "
                                    "figures should count.")
            if _current_snapshot(session, snapshot.la_code, period_end) is not None:
                return period_end, _period_taken(period_end)
            snapshot.status = "current"
            snapshot.withdrawn_at = None
            snapshot.withdrawn_by_id = None
            snapshot.withdrawal_reason = None
            session.flush()
            log.info("Annex A snapshot %d withdrawal undone: la=%s", snapshot.id,
                     snapshot.la_code)
            return period_end, None
    except IntegrityError:
        # an upload for the same period was stored at the same moment
        return period_end, _period_taken(period_end)


def _period_taken(period_end: date) -> str:
    return (f"Other figures for lists extracted on {long_date(period_end)} are in use "
            "now, so this withdrawal cannot be undone. Withdraw those first if these "
            "should count instead.")


@dataclass(frozen=True)
class Comparator:
    label: str
    value: float | None
    detail: str


@dataclass(frozen=True)
class IndicatorReport:
    """One Annex A indicator: the LA's uploaded figure (if any) and its published figures.

    ``value``, ``numerator``, ``denominator``, ``note`` and ``trend`` come from the LA's
    uploads (dated by extraction); ``published``, ``comparators``, ``band`` and the flags
    from DfE's published series (dated by their year). They are never merged into one
    figure: the page shows each with its date.
    """

    indicator: Indicator
    value: float | None
    numerator: float | None
    denominator: float | None
    note: str
    trend: list[tuple[date, float | None]]
    comparators: list[Comparator]
    published_period: str | None
    publication: str | None
    #: the published flags in words, each naming its rule ("" when none)
    outlier: str
    band: str | None = None
    #: "worse", "better" or "context" for the published flags; None when none
    flag_sense: str | None = None
    published: PublishedRow | None = None

    @property
    def comparison(self) -> Comparison | None:
        return self.published.comparison if self.published else None


@dataclass(frozen=True)
class LAIndicators:
    la_code: str
    la_name: str
    region_name: str
    period_end: date | None
    uploaded_at: datetime | None
    reports: list[IndicatorReport]
    list_counts: list[ListCount]
    snapshot_id: int | None = None
    #: published measures with no Annex A indicator (LAIT's wider set), same comparisons
    more_published: list[PublishedRow] = field(default_factory=list)
    #: each flag rule with its threshold, keyed by rule id
    flag_rules: dict[str, str] = field(default_factory=rule_texts)


def la_indicators(user: Principal | None, la_code: str) -> LAIndicators:
    """Every indicator for an LA: latest value, numerator and denominator, trend, comparators."""
    with session_scope() as session:
        return indicators_in(session, load_visible_la(session, user, la_code))


def region_detail_text(published: bool, basis: str | None, count: int | None) -> str:
    """What a region figure is: published, summed from its regions' published counts, or
    a plain average of its LAs (never to be taken for a published figure)."""
    if published:
        return "published"
    if basis == "counts":
        return ("worked out from the published counts of North East and Yorkshire and the "
                "Humber, not published")
    return f"plain average of {count} LAs (no counts published), not published"


def published_comparators(row: PublishedRow, region_name: str) -> list[Comparator]:
    """Neighbours, Ofsted region and England, in that order, each saying what it is built
    from, so that a worked-out average is never taken for a published figure."""
    c = row.comparison
    region_detail = region_detail_text(c.region_published, c.region_basis, c.region_count)
    return [
        Comparator("Statistical neighbours", c.neighbours.value,
                   f"average of {c.neighbours.count} of {c.neighbours.of} neighbours"),
        Comparator(f"{region_name} (Ofsted region)", c.region, region_detail),
        Comparator("England", c.england, "published"),
    ]


def flags_text(row: PublishedRow | None) -> str:
    """The published flags in words, each naming its rule and what it found."""
    if row is None:
        return ""
    return " ".join(f"{flag.label}: {flag.text}" for flag in row.comparison.flags)


def indicators_in(session: Session, la: LocalAuthority) -> LAIndicators:
    """``la_indicators`` read in the caller's session, once it has checked access."""
    snapshots = list(session.scalars(
        select(MISnapshot)
        .where(MISnapshot.la_code == la.la_code, MISnapshot.status == "current")
        .order_by(MISnapshot.period_end)
    ))
    latest = snapshots[-1] if snapshots else None
    published = {row.measure.id: row for row in published_rows_in(session, la)}
    values_by_snapshot = {
        s.id: {v.indicator_id: v for v in s.values} for s in snapshots
    }
    reports = []
    for indicator in INDICATORS:
        row = published.get(indicator.id)
        own = values_by_snapshot[latest.id].get(indicator.id) if latest else None
        reports.append(IndicatorReport(
            indicator=indicator,
            value=own.value if own else None,
            numerator=own.numerator if own else None,
            denominator=own.denominator if own else None,
            note=(own.note or "") if own else "No figures uploaded yet.",
            trend=[(s.period_end, values_by_snapshot[s.id][indicator.id].value)
                   for s in snapshots if indicator.id in values_by_snapshot[s.id]],
            comparators=published_comparators(row, la.region.name) if row else [],
            published_period=row.measure.period_text(row.comparison.year) if row else None,
            publication=row.measure.source_publication if row else None,
            outlier=flags_text(row),
            band=row.comparison.band if row else None,
            flag_sense=flags_sense(row.comparison.flags) if row else None,
            published=row,
        ))
    counts = [
        ListCount(c.list_number, LISTS_BY_NUMBER[c.list_number].label, c.rows)
        for c in (latest.list_counts if latest else [])
    ]
    indicator_ids = {indicator.id for indicator in INDICATORS}
    return LAIndicators(
        la_code=la.la_code, la_name=la.name, region_name=la.region.name,
        period_end=latest.period_end if latest else None,
        uploaded_at=latest.uploaded_at if latest else None,
        reports=reports, list_counts=counts,
        snapshot_id=latest.id if latest else None,
        more_published=[row for measure_id, row in published.items()
                        if measure_id not in indicator_ids],
    )
