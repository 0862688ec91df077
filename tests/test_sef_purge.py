"""Removing a SEF version's words (issue 15, finding 9): the words go from the version
and from the audit trail, a tombstone stays, and the database allows exactly that.

Sheffield (373) is used only here.
"""

from __future__ import annotations

import pytest
from sqlalchemy import String, Text, inspect, select, text
from sqlalchemy.exc import DBAPIError

from dashboard.access import SYSTEM, AccessDenied, Principal
from dashboard.domain.sef import (
    STRENGTH,
    Sef,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
)
from dashboard.domain.sef_outline import outline_text
from dashboard.domain.sef_purge import PURGED_CONTENT, PURGED_WORDS
from dashboard.errors import InvalidRequest, NotFound
from dashboard.services.audit import acting_as, sef_trail
from dashboard.services.sef import (
    compare_versions,
    open_sef,
    read_version,
    save_draft,
    share_version,
)
from dashboard.services.sef_export import version_outline
from dashboard.services.sef_purges import decide_purge, purge_requests, remove_words
from dashboard.services.user_admin import create_user, principal_of
from dashboard.storage.db import get_engine, session_scope
from dashboard.storage.models import Base, SefPurge, SefVersion, User
from tests.conftest import PASSWORD

LA = "373"  # Sheffield, North East, Yorkshire and the Humber; only used here
MARKER = "Zebulon Quartermaine"
CHILD_TEXT = f"A boy called {MARKER} waited too long for a plan."


def principal(seeded_db: dict[str, int], account: str) -> Principal:
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db[account]))


@pytest.fixture(scope="module")
def sheffield(seeded_db) -> Principal:
    email = "purge.373@test.example.org"
    errors = create_user(SYSTEM, email=email, full_name="Sam Sheffield", role="la_user",
                         la_code=LA, password=PASSWORD)
    assert not errors or errors[0].message.startswith("An account with this email")
    with session_scope() as session:
        return principal_of(session.scalars(select(User).where(User.email == email)).one())


def a_sef(words: str, summary: str = "We know our practice.") -> Sef:
    sef = add_theme(Sef(), "Help and protection, including the front door")
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    return apply_edits(sef, {
        field_path("summary", "", "know"): summary,
        field_path("statement", sef.themes[0].statements[0].id, "text"): words})


def head(user: Principal) -> int:
    return open_sef(user, LA).head_number


def save(user: Principal, sef: Sef, override: str | None = None) -> int:
    with acting_as(user):
        result = save_draft(user, LA, head(user), sef, identifier_override=override)
    assert result.status == "saved", result.status
    return result.number


def text_columns_holding(marker: str) -> list[str]:
    """Every text column of every table that holds ``marker`` anywhere: table.column."""
    found = []
    with get_engine().connect() as connection:
        present = set(inspect(connection).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in present:
                continue
            for column in table.columns:
                if not isinstance(column.type, String | Text):
                    continue
                hits = connection.execute(select(column).where(
                    column.contains(marker))).first()
                if hits is not None:
                    found.append(f"{table.name}.{column.name}")
    return found


def test_the_words_of_a_purged_version_are_gone_from_every_table(sheffield) -> None:
    before = save(sheffield, a_sef("Our front door is timely."))
    marked = save(sheffield, a_sef(CHILD_TEXT), override=f"{MARKER} is made up")
    after = save(sheffield, a_sef("Our front door is timely and safe."))
    assert text_columns_holding(MARKER)  # the version, its reason and the trail hold it
    with acting_as(sheffield):
        result = remove_words(sheffield, LA, marked, "A child's full name was typed")
    assert result.status == "purged" and result.still_holding == []
    assert text_columns_holding(MARKER) == []
    # the tombstone stays in the version list; the other versions keep their words
    info = {v.number: v for v in open_sef(sheffield, LA).versions}
    assert info[marked].purged and info[marked].purge.reason == "A child's full name was typed"
    assert info[marked].purge.requested_by == "Sam Sheffield"
    assert read_version(sheffield, LA, before)[0].themes[0].statements[0].text == (
        "Our front door is timely.")
    assert read_version(sheffield, LA, after)[0].themes[0].statements[0].text == (
        "Our front door is timely and safe.")
    sef, version_info, la_name = read_version(sheffield, LA, marked)
    assert sef == Sef() and version_info.purged
    printed = " ".join(outline_text(version_outline(sef, la_name, version_info)))
    assert "Words removed on" in printed and "A child's full name was typed" in printed
    # comparing with it shows the tombstone, not words
    changes, purged = compare_versions(sheffield, LA, before, marked)
    assert changes == [] and [p.number for p in purged] == [marked]
    # the trail says who purged which version and why, with no words
    entry = sef_trail(sheffield, LA)[0]
    assert entry.summary == f"Removed the words of SEF version {marked}"
    assert entry.actor == "Sam Sheffield"
    assert any(c.after == "A child's full name was typed" for c in entry.changes)
    saved_entries = [e for e in sef_trail(sheffield, LA)
                     if e.summary in (f"Saved SEF version {marked}",
                                      f"Saved SEF version {after}")]
    assert len(saved_entries) == 2
    assert all(PURGED_WORDS in (c.before + c.after)
               for e in saved_entries for c in e.changes if c.field == "a part of the SEF")


def test_a_later_version_still_holding_the_words_is_named(sheffield) -> None:
    first = save(sheffield, a_sef(CHILD_TEXT.replace(MARKER, "Ignatius Brackenbury")),
                 override="Checked")
    later = save(sheffield, a_sef(CHILD_TEXT.replace(MARKER, "Ignatius Brackenbury"),
                                  summary="We know more now."))
    result = remove_words(sheffield, LA, first, "A child's name")
    assert result.still_holding == [later]
    assert text_columns_holding("Ignatius Brackenbury")  # in version `later`, as told
    remove_words(sheffield, LA, later, "A child's name")
    assert text_columns_holding("Ignatius Brackenbury") == []


def test_words_typed_to_look_for_find_other_versions_and_are_not_stored(sheffield) -> None:
    first = save(sheffield, a_sef("Quillon's plan was late."))
    later = save(sheffield, a_sef("Quillon's plan was late.", summary="Updated."))
    result = remove_words(sheffield, LA, first, "A first name", look_for="quillon")
    assert result.still_holding == [later]
    with session_scope() as session:
        assert "quillon" not in " ".join(session.scalars(select(SefPurge.reason))).lower()


def test_purging_the_latest_version_opens_the_editor_on_the_one_before(sheffield) -> None:
    kept = save(sheffield, a_sef("Kept words."))
    latest = save(sheffield, a_sef("Words to remove."))
    result = remove_words(sheffield, LA, latest, "Wrong document pasted")
    assert result.was_head
    page = open_sef(sheffield, LA)
    assert page.head_number == latest and page.words_from == kept
    assert page.sef.themes[0].statements[0].text == "Kept words."
    # saving goes on after the tombstone; nothing is lost
    edited = apply_edits(page.sef, {field_path("summary", "", "how"): "New words."})
    with acting_as(sheffield):
        saved = save_draft(sheffield, LA, page.head_number, edited)
    assert saved.status == "saved" and saved.number == latest + 1
    assert read_version(sheffield, LA, kept)[0].themes[0].statements[0].text == "Kept words."
    with pytest.raises(InvalidRequest, match="there is nothing to share"):
        share_version(sheffield, LA, latest)  # a tombstone is never shared


def test_a_reason_is_required_and_may_not_name_the_child(sheffield) -> None:
    number = save(sheffield, a_sef("Some words."))
    for reason in ("", "   ", None, "x" * 501, "It named a girl called Tilly Oddie"):
        result = remove_words(sheffield, LA, number, reason)
        assert result.status == "invalid" and result.message, reason
    assert not open_sef(sheffield, LA).versions[0].purged


def test_only_the_las_own_users_may_purge(seeded_db, sheffield) -> None:
    number = save(sheffield, a_sef("Words."))
    for account in ("la_barnsley", "hmi_neyh", "hmi_london", "admin"):
        with pytest.raises(AccessDenied):
            remove_words(principal(seeded_db, account), LA, number, "A reason")
    with pytest.raises(NotFound):
        remove_words(sheffield, LA, 10**9, "A reason")
    assert not open_sef(sheffield, LA).versions[0].purged


def test_a_shared_version_is_only_asked_for_until_an_administrator_confirms(
        seeded_db, sheffield) -> None:
    number = save(sheffield, a_sef("Shared words about Mr Bartholomew Pike"),
                  override="Mr Pike is our director")
    assert share_version(sheffield, LA, number, share_despite_warnings=True).status == "shared"
    asked = remove_words(sheffield, LA, number, "Named a member of the public")
    assert asked.status == "requested"
    assert text_columns_holding("Bartholomew Pike")  # the words stay until confirmed
    again = remove_words(sheffield, LA, number, "Again")
    assert again.status == "invalid" and "already been asked" in again.message
    inspector = principal(seeded_db, "hmi_neyh")
    shown = {v.number: v for v in open_sef(inspector, LA).versions}[number]
    assert shown.purge_request is not None and not shown.purged
    assert shown.purge_request.reason == "Named a member of the public"
    admin = principal(seeded_db, "admin")
    [request] = [r for r in purge_requests(admin) if r.la_code == LA and r.number == number]
    assert request.status == "requested" and request.requested_by == "Sam Sheffield"
    for account in ("la_barnsley", "hmi_neyh", "hmi_london"):
        with pytest.raises(AccessDenied):
            decide_purge(principal(seeded_db, account), request.id, True)
    with pytest.raises(AccessDenied):
        decide_purge(sheffield, request.id, True)  # not the LA alone
    with acting_as(admin):
        assert decide_purge(admin, request.id, True).status == "purged"
    assert text_columns_holding("Bartholomew Pike") == []
    shown = {v.number: v for v in open_sef(inspector, LA).versions}[number]
    assert shown.purged and shown.purge.decided_by == "Test admin"
    with pytest.raises(NotFound):
        decide_purge(admin, request.id, False)  # decided once


def test_a_declined_request_keeps_the_words(seeded_db, sheffield) -> None:
    number = save(sheffield, a_sef("Shared and kept."))
    share_version(sheffield, LA, number)
    remove_words(sheffield, LA, number, "Second thoughts")
    admin = principal(seeded_db, "admin")
    [request] = [r for r in purge_requests(admin) if r.la_code == LA and r.number == number]
    assert decide_purge(admin, request.id, False).status == "declined"
    assert read_version(sheffield, LA, number)[0].themes[0].statements[0].text == (
        "Shared and kept.")
    # and it may be asked for again
    assert remove_words(sheffield, LA, number, "Asked again").status == "requested"


def _version_id(number: int) -> int:
    with session_scope() as session:
        return session.scalars(select(SefVersion.id).where(
            SefVersion.number == number, SefVersion.sef_id.in_(
                text("SELECT id FROM sef_documents WHERE la_code = '373'")))).one()


@pytest.mark.parametrize("statement", [
    "UPDATE sef_versions SET content = :tombstone WHERE id = :id",  # no purge recorded
    "UPDATE sef_versions SET content = '{}' WHERE id = :id",
    "DELETE FROM sef_versions WHERE id = :id",
    "UPDATE audit_events SET changes = '[]' WHERE entity = 'SEF'",
    "UPDATE audit_events SET changes = :words WHERE entity = 'SEF'",
    "DELETE FROM audit_events",
    "DELETE FROM sef_purges",
])
def test_the_database_refuses_anything_but_the_purge_redaction(sheffield, statement) -> None:
    number = save(sheffield, a_sef("Words the database protects."))
    with pytest.raises(DBAPIError, match="cannot be changed or deleted"):
        with get_engine().begin() as connection:
            connection.execute(text(statement), {"id": _version_id(number),
                                                 "tombstone": PURGED_CONTENT,
                                                 "words": PURGED_WORDS})
    assert read_version(sheffield, LA, number)[0].themes[0].statements[0].text == (
        "Words the database protects.")


def test_a_purged_versions_other_fields_and_a_decided_purge_cannot_change(sheffield) -> None:
    number = save(sheffield, a_sef("Purged then poked."))
    remove_words(sheffield, LA, number, "A reason")
    for statement in (
        "UPDATE sef_versions SET number = number + 1000 WHERE id = :id",
        "UPDATE sef_versions SET content = '{}' WHERE id = :id",
        "UPDATE sef_purges SET reason = 'changed' WHERE version_id = :id",
        "UPDATE sef_purges SET status = 'declined' WHERE version_id = :id",
    ):
        with pytest.raises(DBAPIError, match="cannot be changed or deleted"):
            with get_engine().begin() as connection:
                connection.execute(text(statement), {"id": _version_id(number)})


def test_the_migration_and_the_app_agree_on_the_markers() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parent.parent / "migrations" / "versions" / "0008_sef_version_purge.py"
    spec = importlib.util.spec_from_file_location("migration_0008", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (module.PURGED_CONTENT, module.PURGED_WORDS) == (PURGED_CONTENT, PURGED_WORDS)
