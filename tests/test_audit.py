"""The audit trail: every change is recorded with who, when and the fields before and
after, in the change's own transaction; admins search it; an LA reads its own SEF's."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from dashboard.access import SYSTEM, AccessDenied, Principal
from dashboard.clock import today_in_england
from dashboard.demo.annex_a import SIZES, generate_sheets, write_workbook
from dashboard.domain.audit import REDACTED
from dashboard.domain.sef import (
    STRENGTH,
    Sef,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
)
from dashboard.errors import NotFound
from dashboard.services.audit import AuditQuery, acting_as, search_audit, sef_trail
from dashboard.services.engagement import save_agenda_notes, schedule_meeting
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import upload_annex_a
from dashboard.services.sef import open_sef, save_draft, share_version
from dashboard.services.user_admin import create_user, principal_of, set_role
from dashboard.storage.db import get_engine, session_scope
from dashboard.storage.models import AgendaItem, AuditEvent, User
from tests.conftest import PASSWORD, csrf_header, page_content, post_callback, sign_in
from tests.test_engagement_web import issued

LA = "383"  # Leeds, in the North East, Yorkshire and the Humber region; only used here


def _principal(email: str, full_name: str, **account: object) -> Principal:
    errors = create_user(SYSTEM, email=email, full_name=full_name, password=PASSWORD,
                         **account)
    assert not errors or errors[0].message.startswith("An account with this email")
    with session_scope() as session:
        return principal_of(session.scalars(select(User).where(User.email == email)).one())


@pytest.fixture(scope="module")
def leeds(seeded_db) -> Principal:
    return _principal("audit.383@test.example.org", "Lee Leeds", role="la_user", la_code=LA)


def by_id(seeded_db, account: str) -> Principal:
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db[account]))


def entries(**where: object) -> list[AuditEvent]:
    with session_scope() as session:
        statement = select(AuditEvent).order_by(AuditEvent.id)
        for name, value in where.items():
            statement = statement.where(getattr(AuditEvent, name) == value)
        return list(session.scalars(statement))


def last_id() -> int:
    with session_scope() as session:
        return session.scalar(select(func.max(AuditEvent.id))) or 0


def since(mark: int) -> list[AuditEvent]:
    return [e for e in entries() if e.id > mark]


def a_sef(statement: str) -> Sef:
    sef = add_theme(Sef(), "Help and protection, including the front door")
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    return apply_edits(sef, {
        field_path("statement", sef.themes[0].statements[0].id, "text"): statement})


def test_a_sef_save_and_share_are_recorded_with_who_and_what_changed(leeds) -> None:
    head = open_sef(leeds, LA).head_number
    first = a_sef("The front door is timely.")
    statement = field_path("statement", first.themes[0].statements[0].id, "text")
    second_text = apply_edits(first, {statement: "The front door is timely and safe."})
    with acting_as(leeds):
        assert save_draft(leeds, LA, head, first).status == "saved"
        assert save_draft(leeds, LA, head + 1, second_text).status == "saved"
        share_version(leeds, LA, head + 2)
    trail = sef_trail(leeds, LA)
    shared, second = trail[0], trail[1]
    assert shared.summary == "Shared the SEF with Ofsted" and shared.actor == "Lee Leeds"
    assert second.summary == f"Saved SEF version {head + 2}"
    assert second.actor == "Lee Leeds" and second.actor_role == "la_user"
    assert [(c.before, c.after) for c in second.changes] == [
        ("The front door is timely.", "The front door is timely and safe.")]


def test_a_refused_save_leaves_no_entry(leeds) -> None:
    head = open_sef(leeds, LA).head_number
    mark = last_id()
    with acting_as(leeds):
        stale = save_draft(leeds, LA, head - 1 if head else 0, a_sef("Out of date text."))
    assert stale.status == "conflict"
    assert since(mark) == []


def test_a_childs_name_in_a_sef_never_reaches_the_trail(leeds) -> None:
    head = open_sef(leeds, LA).head_number
    with acting_as(leeds):
        assert save_draft(leeds, LA, head, a_sef("A boy called Tyler Jones waited too long."),
                          identifier_override="Checked with the team").status == "saved"
    latest = sef_trail(leeds, LA)[0]
    assert "Tyler" not in json.dumps([c.after for c in latest.changes])
    assert any(REDACTED in c.after for c in latest.changes)


def test_a_full_name_alone_leaves_a_sef_but_a_users_own_name_stays(leeds) -> None:
    _principal("audit.names@test.example.org", "Jo Bloggs", role="la_user", la_code=LA)
    created = next(e for e in entries(entity="User") if "audit.names@" in e.summary)
    assert {row[0]: row[2] for row in json.loads(created.changes)}["full_name"] == "Jo Bloggs"
    head = open_sef(leeds, LA).head_number
    with acting_as(leeds):
        assert save_draft(leeds, LA, head, a_sef("Kacper Nowak waited for a school place."),
                          identifier_override="Checked with the team").status == "saved"
    latest = sef_trail(leeds, LA)[0]
    assert "Kacper" not in json.dumps([c.after for c in latest.changes])
    assert any(REDACTED in c.after for c in latest.changes)


def test_an_upload_is_recorded_without_any_child_level_rows(leeds) -> None:
    buffer = io.BytesIO()
    period = date.today() - timedelta(days=40)
    write_workbook(generate_sheets(SIZES["small"], period, seed=83), buffer)
    mark = last_id()
    with acting_as(leeds):
        outcome = upload_annex_a(leeds, LA, period, [UploadedFile("leeds.xlsx",
                                                                  buffer.getvalue())])
    assert outcome.status == "stored"
    new = since(mark)
    assert [(e.entity, e.action, e.la_code, e.actor_name) for e in new] == [
        ("MI upload", "created", LA, "Lee Leeds")]
    fields = {row[0] for row in json.loads(new[0].changes)}
    assert {"period_end", "rows_read", "source_files", "status"} <= fields
    assert "1 file (.xlsx)" in new[0].changes and "leeds" not in new[0].changes


def test_a_role_change_names_the_admin_and_never_the_password(seeded_db) -> None:
    admin = by_id(seeded_db, "admin")
    person = _principal("audit.role@test.example.org", "Robin Role", role="la_user",
                        la_code=LA)
    mark = last_id()
    with acting_as(admin):
        assert not set_role(admin, person.id, role="inspector", region_code="NEYH")
    [entry] = since(mark)
    assert (entry.entity, entry.action, entry.actor_name) == ("User", "changed", "Test admin")
    changes = {row[0]: (row[1], row[2]) for row in json.loads(entry.changes)}
    assert changes["role"] == ("la_user", "inspector")
    assert changes["region_code"] == ("", "NEYH")
    created = next(e for e in entries(entity="User") if "audit.role@" in e.summary)
    assert "argon2" not in created.changes and "password_hash" in created.changes


def test_agenda_notes_are_recorded_before_and_after(seeded_db) -> None:
    hmi = by_id(seeded_db, "hmi_neyh")
    with acting_as(hmi):
        day = today_in_england() + timedelta(days=30)
        meeting_id = schedule_meeting(hmi, LA, day.isoformat(), "Leeds civic hall")
        with session_scope() as session:
            first = session.scalars(select(AgendaItem).where(
                AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position)).first()
        mark = last_id()
        save_agenda_notes(hmi, meeting_id, {first.id: "Front door timeliness"},
                          {first.id: ""})
    [entry] = since(mark)
    assert (entry.entity, entry.la_code, entry.actor_name) == ("Agenda item", LA, "Test hmi_neyh")
    assert json.loads(entry.changes) == [["discussion", "", "Front door timeliness"]]
    scheduled = [e for e in entries(entity="Meeting", la_code=LA) if e.entity_id == str(meeting_id)]
    assert scheduled and scheduled[0].action == "created"


def test_saving_and_issuing_a_letter_are_recorded(seeded_db) -> None:
    hmi = by_id(seeded_db, "hmi_neyh")
    mark = last_id()
    with acting_as(hmi):
        issued(seeded_db, la_code="384")  # Wakefield
    summaries = [e.summary for e in since(mark) if e.entity == "Letter"]
    assert "Letter saved" in summaries and "Letter issued" in summaries
    saved = next(e for e in since(mark) if e.summary == "Letter saved")
    assert "Draft wording the local authority must not see yet." in saved.changes


def test_admins_see_who_changed_drafts_but_never_the_words(seeded_db, leeds) -> None:
    """Administrators read no SEF draft, agenda, record or letter (access.py): the
    trail tells them who changed which field when, and a search cannot probe the words."""
    admin = by_id(seeded_db, "admin")
    letters = search_audit(admin, AuditQuery(entity="Letter")).entries
    assert letters and all(c.before == "" and c.after == "(not shown to administrators)"
                           for e in letters for c in e.changes)
    assert search_audit(admin, AuditQuery(text="must not see yet")).entries == []
    sefs = search_audit(admin, AuditQuery(la_code=LA, entity="SEF")).entries
    assert sefs and all("timely" not in c.after and "timely" not in c.field
                        for e in sefs for c in e.changes)
    users = search_audit(admin, AuditQuery(entity="User", text="audit.role@")).entries
    assert users and any(c.after == "inspector" for e in users for c in e.changes)


def test_the_trail_cannot_be_changed_or_deleted() -> None:
    assert last_id() > 0
    for statement in ("UPDATE audit_events SET summary = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="cannot be changed or deleted"):
            with get_engine().begin() as connection:
                connection.execute(text(statement))


def test_only_admins_search_the_trail(seeded_db) -> None:
    admin = by_id(seeded_db, "admin")
    found = search_audit(admin, AuditQuery(la_code=LA, entity="SEF"))
    assert found.entries and all(e.la_code == LA and e.entity == "SEF" for e in found.entries)
    for account in ("la_barnsley", "hmi_neyh", "hmi_london"):
        with pytest.raises(AccessDenied):
            search_audit(by_id(seeded_db, account), AuditQuery())


def test_date_filters_are_uk_days(seeded_db, leeds) -> None:
    """An entry made just after midnight in British Summer Time belongs to that UK day."""
    from dashboard.services.audit import _start_of

    assert _start_of(date(2026, 7, 1)).isoformat() == "2026-06-30T23:00:00+00:00"
    assert _start_of(date(2026, 12, 1)).isoformat() == "2026-12-01T00:00:00+00:00"


def test_search_filters_by_person_words_and_dates(seeded_db, leeds) -> None:
    admin = by_id(seeded_db, "admin")
    by_lee = search_audit(admin, AuditQuery(person="lee leeds")).entries
    assert by_lee and {e.actor for e in by_lee} == {"Lee Leeds"}
    words = search_audit(admin, AuditQuery(text="Shared the SEF")).entries
    assert words and any(e.la_code == LA for e in words)
    tomorrow = date.today() + timedelta(days=2)
    assert search_audit(admin, AuditQuery(since=tomorrow)).entries == []
    # wildcards typed by a person are searched for literally
    assert search_audit(admin, AuditQuery(text="%_%")).entries == []


def test_only_the_las_own_users_and_admins_read_its_sef_trail(seeded_db, leeds) -> None:
    assert sef_trail(by_id(seeded_db, "admin"), LA)
    for account in ("la_barnsley", "la_camden", "hmi_neyh", "hmi_london"):
        with pytest.raises(AccessDenied):
            sef_trail(by_id(seeded_db, account), LA)
    with pytest.raises(NotFound):
        sef_trail(leeds, "999")


# ------------------------------------------------------------------ through the app


def test_a_change_made_in_the_app_names_the_signed_in_person(client, seeded_db) -> None:
    person = _principal("audit.web@test.example.org", "Wendy Web", role="la_user",
                        la_code=LA)
    sign_in(client, "admin")
    mark = last_id()
    response = post_callback(
        client, [({"type": "toggle-active", "index": person.id, "activate": False}, "n_clicks", 1)])
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    [entry] = since(mark)
    assert (entry.entity, entry.actor_name, entry.actor_role) == ("User", "Test admin", "admin")
    assert json.loads(entry.changes) == [["active", "yes", "no"]]


def test_the_admin_page_and_search_are_for_admins_only(client) -> None:
    sign_in(client, "admin")
    page = page_content(client, "/admin/audit").get_data(as_text=True)
    assert "Audit trail" in page and "audit-table" in page
    found = post_callback(client, [("audit-search", "n_clicks", 1)], [
        ("audit-la", "value", LA), ("audit-entity", "value", "SEF"),
        ("audit-person", "value", ""), ("audit-text", "value", "Saved SEF version"),
        ("audit-since", "value", None), ("audit-until", "value", None)])
    assert found.status_code == 200 and "Lee Leeds" in found.get_data(as_text=True)
    assert "timely" not in found.get_data(as_text=True)
    bad = post_callback(client, [("audit-search", "n_clicks", 1)], [
        ("audit-la", "value", None), ("audit-entity", "value", None),
        ("audit-person", "value", ""), ("audit-text", "value", ""),
        ("audit-since", "value", "2026-02-30"), ("audit-until", "value", None)])
    assert "“From” is not a real date." in json.dumps(bad.get_json(), ensure_ascii=False)
    for account in ("la_barnsley", "hmi_neyh"):
        sign_in(client, account)
        refusal = page_content(client, "/admin/audit").get_data(as_text=True)
        assert "audit-table" not in refusal and "Only administrators" in refusal
        refused = post_callback(client, [("audit-search", "n_clicks", 1)], [
            ("audit-la", "value", LA), ("audit-entity", "value", None),
            ("audit-person", "value", ""), ("audit-text", "value", ""),
            ("audit-since", "value", None), ("audit-until", "value", None)])
        assert refused.status_code == 403
        assert "timely" not in refused.get_data(as_text=True)


def test_an_la_reads_its_own_sef_history_and_no_one_elses(client, leeds) -> None:
    sign_in(client, "la_barnsley")
    own = page_content(client, "/sef-history/370").get_data(as_text=True)
    assert "who changed what" in own
    other = page_content(client, f"/sef-history/{LA}").get_data(as_text=True)
    assert "timely" not in other and "Lee Leeds" not in other
    assert "You may not see this SEF" in other
    sign_in(client, "hmi_neyh")
    assert "Lee Leeds" not in page_content(client, f"/sef-history/{LA}").get_data(as_text=True)
    assert csrf_header(client)
