"""The senior HMI records a pathway where the latest inspection gave no overall grade
(Ofsted, 27 November 2025); the region's inspectors enter visits (issue 20).

North West LAs inspected from April 2026: Liverpool (341) and Lancashire (888), standard
inspections from 11 May 2026, and Blackpool (890) from 8 June 2026; Bolton (350) had an
overall grade. Trafford (358) is left to the browser test.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from dashboard.access import AccessDenied, Principal
from dashboard.clock import today_in_england
from dashboard.domain.la_status import PATHWAY_RECORDED, PATHWAY_TO_BE_SET
from dashboard.services.audit import acting_as
from dashboard.services.engagement import FormErrors
from dashboard.services.la_profiles import get_inspection_history, get_la_profile
from dashboard.services.pathways import record_visit, set_pathway
from dashboard.services.region_overview import region_rows
from dashboard.services.sef import open_sef
from dashboard.storage.db import session_scope
from dashboard.storage.models import AuditEvent, PathwayDecision, RecordedVisit
from tests.conftest import temporary_account
from tests.test_engagement import principal

LIVERPOOL, LANCASHIRE, BLACKPOOL, BOLTON = "341", "888", "890", "350"
MIDDLESBROUGH = "806"


@pytest.fixture()
def senior(seeded_db) -> Principal:
    return principal(seeded_db, "shmi_nw")


def decisions(la_code: str) -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(PathwayDecision)
                              .where(PathwayDecision.la_code == la_code))


def audit_entries(entity: str, la_code: str) -> list[AuditEvent]:
    with session_scope() as session:
        rows = list(session.scalars(select(AuditEvent).where(
            AuditEvent.entity == entity, AuditEvent.la_code == la_code)))
        session.expunge_all()
        return rows


def test_until_recorded_the_pathway_is_to_be_set_and_a_task(senior) -> None:
    status = get_la_profile(senior, LANCASHIRE).status
    assert status.pathway is None and status.pathway_basis == PATHWAY_TO_BE_SET
    rows = region_rows(senior, "NW")
    row = next(r for r in rows.rows if r.la_code == LANCASHIRE)
    assert row.pathway == "Pathway to be set"
    assert row.next_inspection == "When the pathway is set"
    assert LANCASHIRE in {t.la_code for t in rows.pathway_tasks}
    assert BOLTON not in {t.la_code for t in rows.pathway_tasks}


def test_the_senior_hmi_records_a_pathway_that_is_followed_and_audited(senior) -> None:
    with acting_as(senior):  # as the web gate sets it for each request
        set_pathway(senior, LIVERPOOL, 2, "Help and protection and leadership both require "
                    "improvement.", "standard", "2029-01-15")
    status = get_la_profile(senior, LIVERPOOL).status
    assert status.pathway == 2 and status.pathway_basis == PATHWAY_RECORDED
    assert status.recorded is not None and status.recorded.set_by == "Test shmi_nw"
    # Para 13 counted from the last day on site, 22 May 2026, as for a graded pathway 2.
    assert status.next is not None and status.next.kind == "standard"
    assert status.next.anniversary == date(2029, 5, 22)
    assert status.sef_expected is True
    row = next(r for r in region_rows(senior, "NW").rows if r.la_code == LIVERPOOL)
    assert row.pathway == "Pathway 2 (set by Test shmi_nw)"
    assert "up to 2" in row.focused_visits
    entries = audit_entries("Pathway", LIVERPOOL)
    assert len(entries) == 1 and entries[0].summary == "Pathway 2 recorded"
    assert entries[0].actor_name == "Test shmi_nw"


def test_a_new_decision_supersedes_and_history_is_kept(senior) -> None:
    set_pathway(senior, BLACKPOOL, 2, "First view.", "standard", "")
    set_pathway(senior, BLACKPOOL, 3, "Leadership judged inadequate on reflection.",
                "monitoring_visit", None)
    assert decisions(BLACKPOOL) == 2
    status = get_la_profile(senior, BLACKPOOL).status
    assert status.pathway == 3 and status.recorded.reason.startswith("Leadership")
    assert status.next is not None and status.next.kind == "monitoring"
    # ILACS framework para 30: no SEF asked for until 12 months of monitoring are over.
    assert status.sef_expected is False
    assert status.monitoring is not None and status.monitoring.reinspection == "not yet"
    assert len(audit_entries("Pathway", BLACKPOOL)) == 2


@pytest.mark.parametrize(("fields", "problem"), [
    ((0, "Because.", "standard", ""), "Pathway: choose pathway 1, 2 or 3."),
    ((4, "Because.", "standard", ""), "Pathway: choose pathway 1, 2 or 3."),
    ((True, "Because.", "standard", ""), "Pathway: choose pathway 1, 2 or 3."),
    ((2, "   ", "standard", ""), "Reason: write something first."),
    ((2, None, "standard", ""), "Reason: write something first."),
    ((2, "Because.", "holiday", ""), "Next activity: choose one."),
    ((2, "Because.", "standard", "soon"), "Date of the next activity: “soon” is not a date."),
    ((2, "Because.", "standard", "2026-01-01"), "it cannot be before the inspection"),
    ((2, "Because.", "standard", "2040-01-01"), "more than four years ahead"),
    ((2, "x" * 2001, "standard", ""), "at most 2,000 characters"),
])
def test_a_wrong_field_is_refused_in_plain_words_and_nothing_is_stored(
        senior, fields, problem) -> None:
    before = decisions(LANCASHIRE)
    with pytest.raises(FormErrors) as refused:
        set_pathway(senior, LANCASHIRE, *fields)
    assert any(problem in p for p in refused.value.errors), refused.value.errors
    assert decisions(LANCASHIRE) == before


def test_every_wrong_field_is_said_at_once(senior) -> None:
    with pytest.raises(FormErrors) as refused:
        set_pathway(senior, LANCASHIRE, 9, "", "", "")
    assert len(refused.value.errors) == 3


def test_refused_for_an_la_whose_latest_inspection_gave_an_overall_grade(senior) -> None:
    with pytest.raises(FormErrors) as refused:
        set_pathway(senior, BOLTON, 1, "Because.", "short", "")
    assert "gave an overall effectiveness grade" in refused.value.errors[0]
    assert decisions(BOLTON) == 0


@pytest.mark.parametrize("account", ["hmi_nw", "hmi_neyh", "hmi_london", "admin"])
def test_only_the_regions_senior_hmi_sets_a_pathway(seeded_db, account) -> None:
    """hmi_nw: the region's HMI, not senior; hmi_neyh: a senior HMI of another region."""
    with pytest.raises(AccessDenied):
        set_pathway(principal(seeded_db, account), LANCASHIRE, 2, "Because.", "standard", "")
    assert decisions(LANCASHIRE) == 0


def test_an_la_user_cannot_set_its_own_pathway() -> None:
    with temporary_account("la888.pathway@test.example.org", LANCASHIRE) as user_id:
        user = Principal(user_id, "la888.pathway@test.example.org", "Temporary", "la_user",
                         la_code=LANCASHIRE)
        with pytest.raises(AccessDenied):
            set_pathway(user, LANCASHIRE, 2, "Because.", "standard", "")
        with pytest.raises(AccessDenied):
            record_visit(user, LANCASHIRE, "monitoring_visit", "2026-10-01", "held", "")
    assert decisions(LANCASHIRE) == 0


def test_inspectors_of_the_region_enter_visits_that_join_the_history(seeded_db) -> None:
    hmi = principal(seeded_db, "hmi_nw")
    today = today_in_england()
    held = (today - timedelta(days=30)).isoformat()
    planned = (today + timedelta(days=60)).isoformat()
    record_visit(hmi, LANCASHIRE, "focused_visit", held, "held", "Children in care")
    record_visit(hmi, LANCASHIRE, "monitoring_visit", planned, "planned", None)
    history = get_inspection_history(hmi, LANCASHIRE)
    entered = [r for r in history if r.entered_by is not None]
    assert [(r.kind, r.start_date.isoformat(), r.entered_by) for r in entered] == [
        ("focused_visit", held, "Test hmi_nw")]
    profile = get_la_profile(hmi, LANCASHIRE)
    assert profile.status.focused_visits_since_last == 1
    assert [v.status for v in profile.entered_visits] == ["held", "planned"]
    assert len(audit_entries("Visit entered", LANCASHIRE)) == 2


@pytest.mark.parametrize(("fields", "problem"), [
    (("jtai", "2026-10-01", "held", ""), "Kind of visit"),
    (("monitoring_visit", "", "held", ""), "Date of the visit: enter a date."),
    (("monitoring_visit", "2026-10-01", "maybe", ""), "Planned or held"),
    (("monitoring_visit", "2017-06-01", "held", ""), "ILACS visits began"),
    (("monitoring_visit", "2099-06-01", "planned", ""), "more than four years ahead"),
])
def test_a_wrong_visit_is_refused(seeded_db, fields, problem) -> None:
    with pytest.raises(FormErrors) as refused:
        record_visit(principal(seeded_db, "hmi_nw"), LANCASHIRE, *fields)
    assert any(problem in p for p in refused.value.errors), refused.value.errors


def test_a_held_visit_cannot_be_in_the_future(seeded_db) -> None:
    tomorrow = (today_in_england() + timedelta(days=1)).isoformat()
    with pytest.raises(FormErrors):
        record_visit(principal(seeded_db, "hmi_nw"), LANCASHIRE, "monitoring_visit",
                     tomorrow, "held", "")


@pytest.mark.parametrize("account", ["hmi_neyh", "hmi_london", "admin"])
def test_only_the_regions_inspectors_enter_visits(seeded_db, account) -> None:
    with session_scope() as session:
        before = session.scalar(select(func.count()).select_from(RecordedVisit))
    with pytest.raises(AccessDenied):
        record_visit(principal(seeded_db, account), LANCASHIRE, "monitoring_visit",
                     "2026-10-01", "held", "")
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(RecordedVisit)) == before


def test_pathway_3_counts_monitoring_visits_and_pauses_the_sef_from_the_first(senior) -> None:
    """ILACS framework para 30: the SEF pause runs 12 months from the first monitoring
    visit once it is known; paras 22, 128: re-inspection after four to six visits."""
    hmi = senior
    set_pathway(hmi, BLACKPOOL, 3, "Leadership inadequate.", "monitoring_visit", "")
    record_visit(hmi, BLACKPOOL, "monitoring_visit", "2026-10-06", "held", "")
    record_visit(hmi, BLACKPOOL, "monitoring_visit", "2027-01-12", "planned", "")
    status = get_la_profile(hmi, BLACKPOOL, today=date(2026, 12, 1)).status
    assert status.monitoring is not None
    assert status.monitoring.held == (date(2026, 10, 6),)
    assert status.monitoring.planned == (date(2027, 1, 12),)
    assert status.sef_expected_from == date(2027, 10, 6)
    assert status.sef_expected is False


def test_the_sef_page_follows_the_recorded_pathway(seeded_db, senior) -> None:
    """The SEF expectation (para 30) reads the recorded pathway: Blackpool's pathway 3."""
    set_pathway(senior, BLACKPOOL, 3, "Leadership inadequate.", "monitoring_visit", "")
    with temporary_account("la890.sef@test.example.org", BLACKPOOL) as user_id:
        user = Principal(user_id, "la890.sef@test.example.org", "Temporary", "la_user",
                         la_code=BLACKPOOL)
        expectation = open_sef(user, BLACKPOOL).expectation
    assert expectation.expected is False


def test_dates_para_14_would_usually_avoid_are_saved_with_a_warning(seeded_db) -> None:
    """Middlesbrough (806, NEYH): a standard inspection from 8 June 2026, no overall grade."""
    senior_neyh = principal(seeded_db, "hmi_neyh")
    # A standard inspection from Monday 13 December 2027 would be on site until
    # Friday 24 December, inside the Christmas and New Year period.
    warnings = set_pathway(senior_neyh, MIDDLESBROUGH, 2, "Judgements require improvement.",
                           "standard", "2027-12-13")
    assert len(warnings) == 1 and "Christmas and New Year" in warnings[0]
    assert "para 14" in warnings[0] and decisions(MIDDLESBROUGH) == 1
    assert set_pathway(senior_neyh, MIDDLESBROUGH, 2, "Same, a week earlier.", "standard",
                       "2027-12-06") == []
    # A planned monitoring visit on Friday 17 and Monday 20 December 2027.
    planned = record_visit(senior_neyh, MIDDLESBROUGH, "monitoring_visit", "2027-12-17",
                           "planned", "")
    assert len(planned) == 1 and "17 December 2027" in planned[0]
    assert record_visit(senior_neyh, MIDDLESBROUGH, "monitoring_visit", "2027-12-16", "planned",
                        "") == []
