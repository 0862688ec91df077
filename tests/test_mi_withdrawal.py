"""Withdrawing an Annex A upload and undoing the withdrawal (issue 15, finding 10).

A wrong or test upload used to stay in every trend for good. Now the LA's own users
withdraw it, with a reason: it leaves every figure and trend at once (the indicators
page, the SEF's figures to link, the inspectors' regional overview and the
focused-visit planner), is audited, and may be undone for 30 days. No one else may do
either, through the services or the real callbacks.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.access import SYSTEM, AccessDenied, Principal
from dashboard.clock import today_in_england
from dashboard.domain.audit import changes_from_json
from dashboard.errors import NotFound
from dashboard.services.audit import acting_as
from dashboard.services.engagement import schedule_meeting
from dashboard.services.fv_planner import plan_scope
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import (
    UNKNOWN_UPLOAD,
    confirm_replacement,
    la_indicators,
    list_snapshots,
    snapshot_to_withdraw,
    undo_withdrawal,
    upload_annex_a,
    withdraw_snapshot,
)
from dashboard.services.region_overview import outliers_text, region_rows
from dashboard.services.sef import editing_context
from dashboard.services.user_admin import create_user, principal_of
from dashboard.storage.db import session_scope
from dashboard.storage.models import AuditEvent, MISnapshot, User
from tests.conftest import ACCOUNTS, PASSWORD, page_content, post_callback, sign_in
from tests.workbooks import minimal_workbook

#: LAs of the North East, Yorkshire and the Humber that no other test uploads for.
GATESHEAD, NEWCASTLE = "390", "391"
NOT_YOURS = "Only this local authority's own users may withdraw its figures."


def add_la_account(key: str, la_code: str) -> None:
    email = f"la{la_code}@test.example.org"
    errors = create_user(SYSTEM, email=email, full_name=f"Test {key}", role="la_user",
                         la_code=la_code, password=PASSWORD)
    assert not errors or errors[0].message.startswith("An account with this email")
    ACCOUNTS[key] = dict(email=email, role="la_user", la_code=la_code)


@pytest.fixture(scope="module")
def people(seeded_db: dict[str, int]) -> dict[str, Principal]:
    add_la_account("la_gateshead", GATESHEAD)
    add_la_account("la_newcastle", NEWCASTLE)
    found = {}
    with session_scope() as session:
        for key in ("la_gateshead", "la_newcastle", "la_camden", "la_barnsley", "hmi_neyh",
                    "hmi_london", "admin"):
            user = session.scalars(select(User).where(
                User.email == ACCOUNTS[key]["email"])).one()
            found[key] = principal_of(user)
    return found


def upload(user: Principal, la_code: str, period: date) -> int:
    outcome = upload_annex_a(user, la_code, period,
                             [UploadedFile("lists.xlsx", minimal_workbook())])
    assert outcome.snapshot_id is not None
    return outcome.snapshot_id


def status_of(snapshot_id: int) -> str:
    with session_scope() as session:
        return session.get(MISnapshot, snapshot_id).status


# ---------------------------------------------------------------- through the services


def test_a_withdrawn_upload_leaves_every_figure_and_trend_at_once(people) -> None:
    la, hmi = people["la_gateshead"], people["hmi_neyh"]
    june = upload(la, GATESHEAD, date(2026, 9, 10))
    september = upload(la, GATESHEAD, date(2026, 10, 10))
    ahead = today_in_england() + timedelta(days=40)
    meeting = schedule_meeting(hmi, GATESHEAD, ahead.isoformat(), "Online")

    def seen() -> dict[str, object]:
        indicators = la_indicators(hmi, GATESHEAD)
        sef_figures, _choices = editing_context(la, GATESHEAD)
        row = next(r for r in region_rows(hmi, "NEYH").rows if r.la_code == GATESHEAD)
        return {
            "indicators page": indicators.period_end,
            "trend": sorted({day for r in indicators.reports for day, _ in r.trend}),
            "SEF figures to link": {f.period_end for f in sef_figures.values()},
            # the overview and the planner read the published figures, not the uploads
            "regional overview": outliers_text(row.outliers),
            "planner": [row.comparison.flags for plan in plan_scope(hmi, meeting).topics
                        for row in plan.published],
        }

    before = seen()
    assert before["regional overview"] != "No published figures" and before["planner"]

    assert seen() == {
        "indicators page": date(2026, 10, 10),
        "trend": [date(2026, 9, 10), date(2026, 10, 10)],
        "SEF figures to link": {"2026-10-10"},
        "regional overview": before["regional overview"],
        "planner": before["planner"],
    }
    withdrawn = withdraw_snapshot(la, GATESHEAD, september, "A test upload from training.")
    assert withdrawn.problem is None and not withdrawn.earlier_stays_replaced
    assert seen() == {
        "indicators page": date(2026, 9, 10),
        "trend": [date(2026, 9, 10)],
        "SEF figures to link": {"2026-09-10"},
        "regional overview": before["regional overview"],
        "planner": before["planner"],
    }
    assert withdraw_snapshot(la, GATESHEAD, june, "Wrong extract.").problem is None
    assert seen() == {
        "indicators page": None,
        "trend": [],
        "SEF figures to link": set(),
        "regional overview": before["regional overview"],
        "planner": before["planner"],
    }
    # undone, the figures count again at once
    assert undo_withdrawal(la, GATESHEAD, september) == (date(2026, 10, 10), None)
    assert seen()["trend"] == [date(2026, 10, 10)]
    assert seen()["regional overview"] == before["regional overview"]


def test_the_earlier_upload_a_withdrawn_one_replaced_stays_replaced_and_the_user_is_told(
        people) -> None:
    la = people["la_gateshead"]
    period = date(2026, 9, 20)
    first = upload(la, GATESHEAD, period)
    second = upload(la, GATESHEAD, period)
    confirm_replacement(la, second)
    outcome = withdraw_snapshot(la, GATESHEAD, second, "The replacement was the wrong file.")
    assert outcome.problem is None and outcome.earlier_stays_replaced
    assert (status_of(first), status_of(second)) == ("replaced", "withdrawn")
    assert period not in {day for r in la_indicators(la, GATESHEAD).reports
                          for day, _ in r.trend}
    # with the period empty, a new upload counts without asking
    third = upload(la, GATESHEAD, period)
    assert status_of(third) == "current"
    # and the withdrawal can no longer be undone: other figures are in use
    _period, problem = undo_withdrawal(la, GATESHEAD, second)
    assert problem is not None
    assert "Other figures for lists extracted on 20 September 2026 are in use" in problem
    assert status_of(second) == "withdrawn"


def test_undo_is_refused_after_thirty_days_by_the_service_itself(people) -> None:
    la = people["la_gateshead"]
    snapshot = upload(la, GATESHEAD, date(2026, 9, 25))
    withdrawn_at = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    assert withdraw_snapshot(la, GATESHEAD, snapshot, "Duplicate of April.",
                             now=withdrawn_at).problem is None
    later = withdrawn_at + timedelta(days=30, minutes=1)
    _period, problem = undo_withdrawal(la, GATESHEAD, snapshot, now=later)
    assert problem is not None and "can no longer be undone" in problem
    assert status_of(snapshot) == "withdrawn"
    summary = next(s for s in list_snapshots(la, GATESHEAD, now=later) if s.id == snapshot)
    assert summary.undo_until is None  # the page offers no Undo either
    on_time = withdrawn_at + timedelta(days=29)
    summary = next(s for s in list_snapshots(la, GATESHEAD, now=on_time) if s.id == snapshot)
    assert summary.undo_until == withdrawn_at + timedelta(days=30)
    assert undo_withdrawal(la, GATESHEAD, snapshot, now=on_time)[1] is None
    assert status_of(snapshot) == "current"


def test_an_undo_racing_a_new_upload_for_the_period_is_refused_by_the_database(
        people, monkeypatch) -> None:
    """The undo checked before the new upload was stored, so it saw the period free: the
    one-current-per-period index refuses it, and the person is told in plain words."""
    from dashboard.services import mi

    la = people["la_gateshead"]
    period = date(2026, 10, 1)
    first = upload(la, GATESHEAD, period)
    withdraw_snapshot(la, GATESHEAD, first, "Wrong file.")
    second = upload(la, GATESHEAD, period)
    monkeypatch.setattr(mi, "_current_snapshot", lambda *_args: None)
    _period, problem = undo_withdrawal(la, GATESHEAD, first)
    assert problem is not None and "are in use now" in problem
    assert (status_of(first), status_of(second)) == ("withdrawn", "current")


@pytest.mark.parametrize(("reason", "problem"), [
    (None, "Say why these figures are withdrawn."),
    ("   \n ", "Say why these figures are withdrawn."),
    ("x" * 501, "Keep the reason to 500 characters or fewer (it has 501)."),
    ("Child ID 48213377 was in the wrong list", "may identify a child (a case or child ID)"),
])
def test_a_withdrawal_without_a_proper_reason_stores_nothing(people, reason,
                                                              problem) -> None:
    la = people["la_gateshead"]
    snapshot = upload(la, GATESHEAD, date(2026, 9, 30))
    outcome = withdraw_snapshot(la, GATESHEAD, snapshot, reason)
    assert outcome.problem is not None and problem in outcome.problem
    assert status_of(snapshot) == "current"
    withdraw_snapshot(la, GATESHEAD, snapshot, "Clean up after the test.")


def test_withdrawing_and_undoing_are_audited_with_who_when_and_why(people) -> None:
    la = people["la_gateshead"]
    snapshot = upload(la, GATESHEAD, date(2026, 10, 5))
    with acting_as(la):
        withdraw_snapshot(la, GATESHEAD, snapshot, "Uploaded to the wrong period.")
        undo_withdrawal(la, GATESHEAD, snapshot)
    with session_scope() as session:
        entries = session.scalars(select(AuditEvent).where(
            AuditEvent.entity == "MI upload", AuditEvent.entity_id == str(snapshot))
            .order_by(AuditEvent.id)).all()
        withdrawal, undo = entries[-2], entries[-1]
        for entry in (withdrawal, undo):
            assert (entry.actor_id, entry.actor_name, entry.la_code) == (
                la.id, "Test la_gateshead", GATESHEAD)
            assert entry.at is not None
        assert withdrawal.summary == "Annex A figures withdrawn: out of every figure and trend"
        assert undo.summary == "Withdrawal of Annex A figures undone: they count again"
        withdrew = {c.field: (c.before, c.after) for c in changes_from_json(withdrawal.changes)}
        undid = {c.field: (c.before, c.after) for c in changes_from_json(undo.changes)}
    assert withdrew["status"] == ("current", "withdrawn")
    assert withdrew["withdrawal_reason"] == ("", "Uploaded to the wrong period.")
    assert "withdrawn_at" in withdrew
    assert undid["status"] == ("withdrawn", "current")
    assert undid["withdrawal_reason"] == ("Uploaded to the wrong period.", "")


@pytest.mark.parametrize("account", ["la_camden", "la_barnsley", "hmi_neyh", "hmi_london",
                                     "admin"])
def test_no_one_but_the_las_own_users_may_withdraw_or_undo(people, account) -> None:
    la = people["la_gateshead"]
    snapshot = upload(la, GATESHEAD, date(2026, 10, 15))
    other = people[account]
    with pytest.raises(AccessDenied, match=NOT_YOURS):
        withdraw_snapshot(other, GATESHEAD, snapshot, "Forged")
    with pytest.raises(AccessDenied, match=NOT_YOURS):
        snapshot_to_withdraw(other, GATESHEAD, snapshot)
    assert status_of(snapshot) == "current"
    withdraw_snapshot(la, GATESHEAD, snapshot, "For the access test.")
    with pytest.raises(AccessDenied, match=NOT_YOURS):
        undo_withdrawal(other, GATESHEAD, snapshot)
    assert status_of(snapshot) == "withdrawn"


def test_another_las_snapshot_id_is_not_known_exactly_like_no_snapshot(people) -> None:
    gateshead_upload = upload(people["la_gateshead"], GATESHEAD, date(2026, 10, 20))
    newcastle = people["la_newcastle"]
    answers = []
    for snapshot_id in (gateshead_upload, 2**62, 0, -5, True, "1"):
        for action in (lambda i: withdraw_snapshot(newcastle, NEWCASTLE, i, "Forged"),
                       lambda i: undo_withdrawal(newcastle, NEWCASTLE, i),
                       lambda i: snapshot_to_withdraw(newcastle, NEWCASTLE, i)):
            with pytest.raises(NotFound) as refused:
                action(snapshot_id)
            answers.append(str(refused.value))
    assert set(answers) == {UNKNOWN_UPLOAD}
    assert status_of(gateshead_upload) == "current"


# ---------------------------------------------------------------- through the real callbacks


def open_withdrawal(client: FlaskClient, snapshot_id: object, la_code: object = NEWCASTLE):
    return post_callback(client, [({"type": "mi-withdraw", "index": snapshot_id},
                                   "n_clicks", 1)], [("mi-la", "data", la_code)])


def confirm(client: FlaskClient, snapshot_id: object, reason: object,
            la_code: object = NEWCASTLE):
    return post_callback(client, [("mi-withdraw-confirm", "n_clicks", 1)], [
        ("mi-withdraw-target", "data", snapshot_id), ("mi-withdraw-reason", "value", reason),
        ("mi-la", "data", la_code)])


def undo(client: FlaskClient, snapshot_id: object, la_code: object = NEWCASTLE):
    return post_callback(client, [({"type": "mi-undo", "index": snapshot_id}, "n_clicks", 1)],
                         [("mi-la", "data", la_code)])


def texts(tree: object) -> list[str]:
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, dict):
        return [s for value in tree.values() for s in texts(value)]
    if isinstance(tree, list):
        return [s for value in tree for s in texts(value)]
    return []


def shown(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return "\n".join(texts(response.get_json()))


def test_an_la_user_withdraws_and_undoes_through_the_page(client, people) -> None:
    snapshot = upload(people["la_newcastle"], NEWCASTLE, date(2026, 11, 10))
    sign_in(client, "la_newcastle")
    page = json.dumps(page_content(client, f"/upload/{NEWCASTLE}").get_json())
    assert "Withdraw the figures for lists extracted on 10 November 2026" in page
    opened = shown(open_withdrawal(client, snapshot))
    assert "Withdraw the figures for lists extracted on 10 November 2026" in opened
    refused = shown(confirm(client, snapshot, ""))
    assert "Say why these figures are withdrawn." in refused
    assert status_of(snapshot) == "current"

    done = shown(confirm(client, snapshot, "<script>alert(1)</script> test upload"))
    assert "are withdrawn. They are out of every figure and trend now." in done
    # the reason is shown as the words typed, as text, never as markup
    assert "<script>alert(1)</script> test upload" in done.splitlines()
    assert "Withdrawn" in done and "by Test la_newcastle" in done
    until = (datetime.now(UTC) + timedelta(days=30))
    assert any(line.startswith("Undo withdrawal (until ") for line in done.splitlines())
    assert str(until.year) in next(line for line in done.splitlines()
                                   if line.startswith("Undo withdrawal (until "))
    indicators = json.dumps(page_content(client, f"/indicators/{NEWCASTLE}").get_json())
    assert "No Annex A lists have been uploaded for this local authority" in indicators

    undone = shown(undo(client, snapshot))
    assert "The withdrawal is undone" in undone and "count again" in undone
    assert status_of(snapshot) == "current"
    # the trail names the signed-in person for both, with the reason
    with session_scope() as session:
        entries = session.scalars(select(AuditEvent).where(
            AuditEvent.entity == "MI upload", AuditEvent.entity_id == str(snapshot))
            .order_by(AuditEvent.id)).all()[-2:]
        assert [(e.actor_name, e.actor_role) for e in entries] == [
            ("Test la_newcastle", "la_user")] * 2
        assert "<script>alert(1)</script> test upload" in entries[0].changes
    again = shown(undo(client, snapshot))
    assert "nothing to undo" in again


def test_the_page_says_when_the_earlier_upload_stays_replaced(client, people) -> None:
    la = people["la_newcastle"]
    period = date(2026, 11, 5)
    upload(la, NEWCASTLE, period)
    second = upload(la, NEWCASTLE, period)
    confirm_replacement(la, second)
    sign_in(client, "la_newcastle")
    done = shown(confirm(client, second, "The replacement was a test."))
    assert ("The earlier upload for this period stays replaced: it does not count again by "
            "itself. Upload again if this period needs figures.") in done


def test_an_undo_after_thirty_days_is_refused_through_the_page(client, people) -> None:
    snapshot = upload(people["la_newcastle"], NEWCASTLE, date(2026, 11, 1))
    sign_in(client, "la_newcastle")
    shown(confirm(client, snapshot, "Test upload."))
    with session_scope() as session:
        session.get(MISnapshot, snapshot).withdrawn_at = datetime.now(UTC) - timedelta(days=31)
    answer = shown(undo(client, snapshot))
    assert "The withdrawal can no longer be undone" in answer
    assert "Can no longer be undone" in answer  # the table's word, in place of the button
    assert status_of(snapshot) == "withdrawn"


@pytest.fixture(scope="module")
def newcastle_pair(people) -> tuple[int, int]:
    """A Newcastle upload in use and a withdrawn one, for the refusals to aim at."""
    in_use = upload(people["la_newcastle"], NEWCASTLE, date(2026, 10, 25))
    withdrawn = upload(people["la_newcastle"], NEWCASTLE, date(2026, 10, 20))
    withdraw_snapshot(people["la_newcastle"], NEWCASTLE, withdrawn, "For the access test.")
    return in_use, withdrawn


@pytest.mark.parametrize("account", ["la_camden", "la_barnsley", "hmi_neyh", "hmi_london",
                                     "admin"])
def test_everyone_else_gets_403_from_every_withdrawal_callback(client, newcastle_pair,
                                                               account) -> None:
    in_use, withdrawn = newcastle_pair
    sign_in(client, account)
    for response in (open_withdrawal(client, in_use), confirm(client, in_use, "Forged"),
                     undo(client, withdrawn)):
        assert response.status_code == 403
        assert response.get_json() == {"error": NOT_YOURS}
    assert (status_of(in_use), status_of(withdrawn)) == ("current", "withdrawn")


def test_the_upload_page_offers_admins_no_withdraw_or_undo(client, people) -> None:
    upload(people["la_newcastle"], NEWCASTLE, date(2026, 11, 15))
    sign_in(client, "admin")
    page = json.dumps(page_content(client, f"/upload/{NEWCASTLE}").get_json())
    assert "mi-snapshots" in page and '"mi-withdraw"' not in page and '"mi-undo"' not in page
    assert "Only the local authority's own users can withdraw its figures" in page


def test_a_forged_snapshot_id_of_another_la_is_not_known(client, people) -> None:
    barnsleys = upload(people["la_barnsley"], "370", date(2026, 11, 20))
    before = status_of(barnsleys)
    sign_in(client, "la_newcastle")
    for send in (lambda i: open_withdrawal(client, i), lambda i: confirm(client, i, "Forged"),
                 lambda i: undo(client, i)):
        forged, unknown = send(barnsleys), send(2**62)
        assert forged.status_code == unknown.status_code == 404
        assert forged.get_json() == unknown.get_json() == {"error": UNKNOWN_UPLOAD}
    assert status_of(barnsleys) == before
