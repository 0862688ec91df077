"""Read a SEF against its figures (ILACS framework, para 50) and its writing (para 36).

The rules are in ``dashboard.domain.sef_accuracy`` and ``dashboard.domain.sef_writing``;
this module gathers what they need from the database: each linked figure's indicator
direction, whether the upload it came from was withdrawn, and the LA's published
measures that are flagged or in England's worst quarter. Callers check access first
(they hold an ``LAIndicators`` only once they have).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.domain.indicators import INDICATORS
from dashboard.domain.published_series import RULE_LABELS, WORSE
from dashboard.domain.sef import (
    INDICATOR,
    STATEMENT_KINDS,
    Sef,
    user_texts,
    weakness_plan_coverage,
)
from dashboard.domain.sef_accuracy import (
    Concern,
    ReviewItem,
    StatementCheck,
    check_statement_figure,
    not_mentioned,
    review_items,
    statement_place,
)
from dashboard.domain.sef_writing import CLAIM_WITHOUT_EVIDENCE, HINT_KINDS, evaluative_hints
from dashboard.services.mi import LAIndicators
from dashboard.services.published import PublishedRow
from dashboard.storage.db import session_scope
from dashboard.storage.models import MISnapshot

_DIRECTIONS = {i.id: {"higher": True, "lower": False}.get(i.better or "") for i in INDICATORS}
#: What an indicator counts, in the plural, for the check's sentences ("for 1,075
#: assessments"); Annex A indicators say "per referral", "per child" and so on.
_COUNTED = {"per contact": "contacts", "per referral": "referrals",
            "per assessment": "assessments", "per enquiry": "enquiries",
            "per child": "children", "per team (FTE)": "staff (full-time equivalent)"}
_OF_WHAT = {i.id: _COUNTED.get(i.counts, "children") for i in INDICATORS}


@dataclass(frozen=True)
class SefReview:
    """Every check on one SEF, most serious first, and each statement's own."""

    items: list[ReviewItem]
    by_statement: dict[str, list[ReviewItem]] = field(default_factory=dict)
    #: the uploads, among those the SEF quotes, that were withdrawn
    withdrawn: frozenset[int] = frozenset()

    @property
    def needing_attention(self) -> list[ReviewItem]:
        return [item for item in self.items if item.needs_attention]


def _withdrawn(session: Session, sef: Sef) -> set[int]:
    ids = {e.figure.snapshot_id for _t, s in sef.statements() for e in s.evidence
           if e.figure is not None}
    if not ids:
        return set()
    return set(session.scalars(select(MISnapshot.id).where(
        MISnapshot.id.in_(ids), MISnapshot.status == "withdrawn")))


def withdrawn_quoted(sef: Sef) -> frozenset[int]:
    """The withdrawn uploads among those ``sef`` quotes, for a reader the caller has
    already let read it (the ids say nothing of the figures)."""
    with session_scope() as session:
        return frozenset(_withdrawn(session, sef))


def _concerns(data: LAIndicators) -> list[Concern]:
    """The LA's published measures flagged worse, the worst-quarter flag among them (which,
    like the flags, allows for chance; a band alone is not a concern)."""
    rows: list[tuple[PublishedRow, str | None]] = [
        (r.published, r.indicator.id) for r in data.reports if r.published is not None]
    rows += [(row, None) for row in data.more_published]
    concerns = []
    for row, indicator_id in rows:
        c = row.comparison
        why = [RULE_LABELS[f.rule].lower() for f in c.flags if f.sense == WORSE]
        if not why:
            continue
        period = row.measure.period_text(c.year)
        concerns.append(Concern(row.measure.name, indicator_id,
                                f"flagged {', '.join(why)} in the published figures "
                                f"({period})"))
    return concerns


def review_in(session: Session, sef: Sef, data: LAIndicators, *,
              claims_only: bool = False) -> SefReview:
    """The review of ``sef``, for someone the caller has already let see the LA. With
    ``claims_only``, just the claims against their figures (a theme's panel)."""
    withdrawn = _withdrawn(session, sef)
    checks: list[StatementCheck] = []
    without_evidence: list[str] = []
    themes_without: list[str] = []
    writing: list[tuple[str, str, str]] = []
    places: dict[str, str] = {}
    for theme in sef.themes:
        numbers = {kind: 0 for kind in STATEMENT_KINDS}
        if not any(s.evidence for s in theme.statements):
            themes_without.append(theme.name or "Unnamed theme")
        for statement in theme.statements:
            numbers[statement.kind] += 1
            where = statement_place(STATEMENT_KINDS[statement.kind],
                                    numbers[statement.kind], theme.name, statement.text)
            places[statement.id] = where
            if not statement.evidence:
                without_evidence.append(where)
            # whether a claim has evidence is read from its evidence, not its words
            writing += [] if claims_only else [(where, HINT_KINDS[hint.kind], hint.reason)
                        for hint in evaluative_hints(statement.text)
                        if hint.kind != CLAIM_WITHOUT_EVIDENCE]
            for evidence in statement.evidence:
                if evidence.kind != INDICATOR or evidence.figure is None:
                    continue
                figure = evidence.figure
                gone = figure.snapshot_id in withdrawn
                checks.append(StatementCheck(
                    theme.name, statement.id, statement.kind, statement.text, where, figure,
                    check_statement_figure(statement.kind, statement.text, figure,
                                           _DIRECTIONS.get(figure.indicator_id),
                                           _OF_WHAT.get(figure.indicator_id, "children"),
                                           withdrawn=gone),
                    gone))
    if claims_only:
        items = review_items(checks, [], [], [], [], [])
        return SefReview(items, _by_statement(items), frozenset(withdrawn))
    for key, question in (("know", "Opening text"), ("how", "How you evaluate impact"),
                          ("plans", "Opening text about plans")):
        writing += [(question, HINT_KINDS[hint.kind], hint.reason)
                    for hint in evaluative_hints(sef.summaries.get(key, ""))]
    linked = {e.indicator_id for _t, s in sef.statements() for e in s.evidence
              if e.kind == INDICATOR and e.indicator_id}
    text = "\n".join(words for _where, words in user_texts(sef))
    gaps = [f"{places.get(row.weakness.id, 'An area for development')} ({row.label})"
            for row in weakness_plan_coverage(sef) if row.status != "planned"]
    items = review_items(checks, not_mentioned(_concerns(data), linked, text),
                         themes_without, without_evidence, gaps, writing)
    return SefReview(items, _by_statement(items), frozenset(withdrawn))


def _by_statement(items: list[ReviewItem]) -> dict[str, list[ReviewItem]]:
    by_statement: dict[str, list[ReviewItem]] = {}
    for item in items:
        if item.statement_id:
            by_statement.setdefault(item.statement_id, []).append(item)
    return by_statement
