"""The SEF service: versions, optimistic locking, immutable shares, frozen figures and
who may read what. Doncaster (371) is used only here, so other tests' uploads and SEFs
do not change what these see."""

from __future__ import annotations

import io
import logging
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from dashboard.access import SYSTEM, AccessDenied, Principal
from dashboard.demo.annex_a import SIZES, generate_sheets, write_workbook
from dashboard.domain.sef import (
    DEVELOPMENT,
    INDICATOR,
    STRENGTH,
    Sef,
    add_evidence,
    add_plan,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
    sef_from_dict,
    sef_to_dict,
)
from dashboard.errors import InvalidRequest, NotFound
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import upload_annex_a
from dashboard.services.sef import (
    compare_versions,
    merge_after_clash,
    open_sef,
    read_version,
    save_draft,
    share_version,
)
from dashboard.services.user_admin import create_user, principal_of
from dashboard.storage.db import get_engine, session_scope
from dashboard.storage.models import SefShare, SefVersion, User
from tests.conftest import PASSWORD, page_content, sign_in

LA = "371"  # Doncaster, in the North East, Yorkshire and the Humber region


def principal(seeded_db: dict[str, int], account: str) -> Principal:
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db[account]))


def doncaster_user(email: str, full_name: str) -> Principal:
    """A Doncaster LA user of this module's own (made once, whatever runs first)."""
    errors = create_user(SYSTEM, email=email, full_name=full_name, role="la_user",
                         la_code=LA, password=PASSWORD)
    assert not errors or errors[0].message.startswith("An account with this email")
    with session_scope() as session:
        return principal_of(session.scalars(select(User).where(User.email == email)).one())


@pytest.fixture(scope="module")
def doncaster(seeded_db) -> Principal:
    return doncaster_user("sef.371@test.example.org", "Dana Doncaster")


@pytest.fixture(scope="module")
def doncaster_colleague(seeded_db) -> Principal:
    return doncaster_user("sef2.371@test.example.org", "Colin Colleague")


def upload_lists(user: Principal, period: date, seed: int) -> int:
    buffer = io.BytesIO()
    write_workbook(generate_sheets(SIZES["small"], period, seed=seed), buffer)
    outcome = upload_annex_a(user, LA, period, [UploadedFile("lists.xlsx", buffer.getvalue())])
    assert outcome.status == "stored", outcome.problems[:3]
    return outcome.snapshot_id


def a_sef(text_: str = "Our front door is timely.") -> Sef:
    sef = add_theme(Sef(), "Help and protection, including the front door")
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    sef = add_statement(sef, sef.themes[0].id, DEVELOPMENT)
    strength, weakness = sef.themes[0].statements
    sef = add_plan(sef, (weakness.id,))
    return apply_edits(sef, {
        field_path("summary", "", "know"): "We know our practice.",
        field_path("statement", strength.id, "text"): text_,
        field_path("statement", weakness.id, "text"): "Re-referrals are too high.",
        field_path("plan", sef.plans[0].id, "action"): "Audit re-referrals monthly",
    })


def head(user: Principal) -> int:
    return open_sef(user, LA).head_number


# ---------------------------------------------------------------- versions and locking


def test_every_save_is_a_numbered_version_with_its_author(doncaster) -> None:
    start = head(doncaster)
    first = save_draft(doncaster, LA, start, a_sef("Version one"))
    version_two = a_sef("Version two")
    second = save_draft(doncaster, LA, first.number, version_two)
    assert (first.status, second.status) == ("saved", "saved")
    assert second.number == first.number + 1
    versions = {v.number: v for v in open_sef(doncaster, LA).versions}
    assert versions[second.number].author == "Dana Doncaster"
    assert read_version(doncaster, LA, first.number)[0].themes[0].statements[0].text == (
        "Version one")
    # saving the same again makes no new version
    assert save_draft(doncaster, LA, second.number, version_two).status == "unchanged"
    assert head(doncaster) == second.number


def test_two_people_saving_from_the_same_version_one_wins_one_is_shown_the_difference(
        doncaster, doncaster_colleague) -> None:
    start = a_sef("Where we started")
    base = save_draft(doncaster, LA, head(doncaster), start).number
    strength = start.themes[0].statements[0]
    results = {}

    def save(who: Principal, words: str) -> None:
        edited = apply_edits(start, {field_path("statement", strength.id, "text"): words})
        results[words] = save_draft(who, LA, base, edited)

    threads = [threading.Thread(target=save, args=(doncaster, "Dana's words")),
               threading.Thread(target=save, args=(doncaster_colleague, "Colin's words"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r.status for r in results.values())
    assert statuses == ["conflict", "saved"]
    winner = next(w for w, r in results.items() if r.status == "saved")
    loser = next(r for r in results.values() if r.status == "conflict")
    assert loser.number == base + 1 and head(doncaster) == base + 1
    # the refused save is told what the other person changed, and what it would change
    [theirs] = loser.their_changes
    assert (theirs.before, theirs.after) == ("Where we started", winner)
    [yours] = loser.your_changes
    assert yours.after not in (winner, "Where we started") and yours.before == "Where we started"
    assert loser.their_author in ("Dana Doncaster", "Colin Colleague")
    # nothing was overwritten: the stored head is the winner's text
    assert read_version(doncaster, LA, base + 1)[0].themes[0].statements[0].text == winner


def test_save_mine_after_a_clash_keeps_the_colleagues_answers_too(
        doncaster, doncaster_colleague) -> None:
    start = a_sef("Where we started")
    base = save_draft(doncaster, LA, head(doncaster), start).number
    strength, weakness = start.themes[0].statements
    theirs = apply_edits(start, {field_path("summary", "", "know"): "Colin's answer",
                                 field_path("statement", strength.id, "text"): "Colin's"})
    assert save_draft(doncaster_colleague, LA, base, theirs).status == "saved"
    mine = apply_edits(start, {field_path("summary", "", "how"): "Dana's answer",
                               field_path("statement", strength.id, "text"): "Dana's"})
    clash = save_draft(doncaster, LA, base, mine)
    assert clash.status == "conflict"
    merged = merge_after_clash(doncaster, LA, base, clash.number, mine)
    saved = save_draft(doncaster, LA, clash.number, merged.sef)
    assert saved.status == "saved"
    stored = read_version(doncaster, LA, saved.number)[0]
    assert stored.summaries["know"] == "Colin's answer"  # only the colleague changed it
    assert stored.summaries["how"] == "Dana's answer"  # only this person changed it
    assert stored.themes[0].statements[0].text == "Dana's"  # both did: this person's kept
    assert stored.themes[0].statements[1].text == weakness.text
    [both] = merged.both_changed
    assert (both.theirs, both.mine) == ("Colin's", "Dana's")
    with pytest.raises(AccessDenied):
        merge_after_clash(None, LA, base, clash.number, mine)


def test_two_saves_of_the_same_text_crossing_are_no_clash(doncaster) -> None:
    # leaving a field saves, and "Save now" pressed at once sends the same text from the
    # same version: the second finds its text already the newest version
    base = head(doncaster)
    same = a_sef("Saved twice at once")
    first = save_draft(doncaster, LA, base, same)
    second = save_draft(doncaster, LA, base, same)
    assert (first.status, second.status) == ("saved", "unchanged")
    assert second.number == first.number == head(doncaster)


def test_a_stale_save_is_refused_and_stores_nothing(doncaster) -> None:
    now = save_draft(doncaster, LA, head(doncaster), a_sef("Fresh")).number
    stale = save_draft(doncaster, LA, now - 1, a_sef("Stale"))
    assert stale.status == "conflict" and head(doncaster) == now


# ---------------------------------------------------------------- sharing


def test_sharing_freezes_a_version_the_database_will_not_change(doncaster) -> None:
    number = save_draft(doncaster, LA, head(doncaster), a_sef("Shared words")).number
    shared = share_version(doncaster, LA, number)
    assert shared.status == "shared"
    with session_scope() as session:
        version_id = session.scalars(select(SefVersion.id).where(
            SefVersion.number == number, SefVersion.sef_id.in_(
                text("SELECT id FROM sef_documents WHERE la_code = '371'")))).one()
    for statement in (
        "UPDATE sef_versions SET content = '{}' WHERE id = :id",
        "DELETE FROM sef_versions WHERE id = :id",
        "DELETE FROM sef_shares WHERE version_id = :id",
        "UPDATE sef_shares SET shared_at = shared_at WHERE version_id = :id",
    ):
        with pytest.raises(DBAPIError, match="cannot be changed or deleted"):
            with get_engine().begin() as connection:
                connection.execute(text(statement), {"id": version_id})
    assert read_version(doncaster, LA, number)[0].themes[0].statements[0].text == "Shared words"
    # later saves are new versions; the shared one stays as it was
    save_draft(doncaster, LA, head(doncaster), a_sef("Edited after sharing"))
    assert read_version(doncaster, LA, number)[0].themes[0].statements[0].text == "Shared words"


def test_text_that_may_identify_a_child_needs_a_second_yes_to_share(doncaster, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    number = save_draft(doncaster, LA, head(doncaster),
                        a_sef("A girl called Keisha Brown, DOB 04/05/2011, was helped"),
                        identifier_override="Training example, not a real child").number
    first = share_version(doncaster, LA, number)
    assert first.status == "needs_confirmation"
    assert {f.kind for f in first.findings} == {"a name", "a date of birth"}
    with session_scope() as session:
        assert session.scalars(select(SefShare).join(SefVersion).where(
            SefVersion.number == number)).first() is None
    second = share_version(doncaster, LA, number, share_despite_warnings=True)
    assert second.status == "shared"
    assert "Keisha" not in caplog.text and "04/05/2011" not in caplog.text


# ---------------------------------------------------------------- who reads what


def test_inspectors_of_the_region_read_shared_versions_never_drafts(seeded_db, doncaster) -> None:
    shared = save_draft(doncaster, LA, head(doncaster), a_sef("For Ofsted")).number
    share_version(doncaster, LA, shared)
    draft = save_draft(doncaster, LA, shared, a_sef("Not ready yet")).number
    hmi = principal(seeded_db, "hmi_neyh")
    page = open_sef(hmi, LA)
    assert not page.may_edit
    assert page.number == shared
    assert page.sef.themes[0].statements[0].text == "For Ofsted"
    assert draft not in {v.number for v in page.versions}
    assert all(v.shared_at is not None for v in page.versions)
    for reader in (hmi, principal(seeded_db, "admin")):
        with pytest.raises(NotFound):
            read_version(reader, LA, draft)
        with pytest.raises(NotFound):
            open_sef(reader, LA, draft)
        with pytest.raises(NotFound):
            compare_versions(reader, LA, shared, draft)
        with pytest.raises(AccessDenied):
            save_draft(reader, LA, draft, a_sef("An inspector's edit"))
        with pytest.raises(AccessDenied):
            share_version(reader, LA, draft)


@pytest.mark.parametrize("account", ["la_camden", "la_barnsley", "hmi_london"])
def test_other_las_and_other_regions_are_refused_everything(seeded_db, doncaster,
                                                            account) -> None:
    number = save_draft(doncaster, LA, head(doncaster), a_sef("Private to Doncaster")).number
    share_version(doncaster, LA, number)
    outsider = principal(seeded_db, account)
    for attempt in (
        lambda: open_sef(outsider, LA),
        lambda: read_version(outsider, LA, number),
        lambda: compare_versions(outsider, LA, number, number),
        lambda: save_draft(outsider, LA, number, a_sef("Hijack")),
        lambda: share_version(outsider, LA, number),
    ):
        with pytest.raises(AccessDenied):
            attempt()


def test_any_two_versions_compare(doncaster) -> None:
    sef = a_sef("Good practice")
    one = save_draft(doncaster, LA, head(doncaster), sef).number
    strength = sef.themes[0].statements[0]
    sef = apply_edits(sef, {field_path("statement", strength.id, "text"):
                            "Good practice everywhere"})
    two = save_draft(doncaster, LA, one, sef).number
    [change], _purged = compare_versions(doncaster, LA, one, two)
    assert change.label == "Strength in “Help and protection, including the front door”"
    assert [(s.kind, s.text) for s in change.segments] == [
        ("same", "Good practice"), ("added", "everywhere")]


# ---------------------------------------------------------------- frozen figures


def test_linked_figures_are_frozen_and_flagged_when_a_newer_upload_differs(doncaster,
                                                                          client) -> None:
    # later than any other test's upload for Doncaster, so these are its latest figures
    first, second = date.today() - timedelta(days=20), date.today() - timedelta(days=10)
    upload_lists(doncaster, first, seed=1)
    sef = a_sef()
    strength = sef.themes[0].statements[0]
    sef = add_evidence(sef, strength.id, INDICATOR)
    evidence = sef.themes[0].statements[0].evidence[0]
    sef = apply_edits(sef, {field_path("evidence", evidence.id, "indicator_id"): "referrals_rate"})
    saved = save_draft(doncaster, LA, head(doncaster), sef)
    with pytest.raises(InvalidRequest, match="indicator"):
        save_draft(doncaster, LA, saved.number, apply_edits(sef, {
            field_path("evidence", evidence.id, "indicator_id"): "made_up"}))
    figure = saved.sef.themes[0].statements[0].evidence[0].figure
    assert figure is not None and figure.period_end == first.isoformat()
    assert [label for label, _ in figure.comparators][-1] == "England"
    share_version(doncaster, LA, saved.number)

    upload_lists(doncaster, second, seed=99)
    page = open_sef(doncaster, LA)
    newer = page.latest_figures["referrals_rate"]
    assert newer.value != figure.value
    assert page.changed_figures[evidence.id] == newer
    # the shared version keeps the figure it was shared with
    kept = read_version(doncaster, LA, saved.number)[0].themes[0].statements[0].evidence[0]
    assert kept.figure == figure
    # the region's inspector sees the claim flagged beside the shared version
    sign_in(client, "hmi_neyh")
    body = page_content(client, f"/sef/{LA}").get_data(as_text=True)
    assert "Figures that have changed since this version" in body
    assert f"{newer.value:,.1f}" in body and f"{figure.value:,.1f}" in body
    # refreshing (para 35) brings the latest figure into a new version
    refreshed = save_draft(doncaster, LA, page.head_number, page.sef, refresh_figures=True)
    assert refreshed.sef.themes[0].statements[0].evidence[0].figure == newer


# ---------------------------------------------------------------- found in review


def test_figures_sent_by_the_browser_are_never_stored(doncaster) -> None:
    sef = a_sef()
    sef = add_evidence(sef, sef.themes[0].statements[0].id, INDICATOR)
    evidence = sef.themes[0].statements[0].evidence[0]
    sef = apply_edits(sef, {field_path("evidence", evidence.id, "indicator_id"): "cla_rate"})
    data = sef_to_dict(sef)
    data["themes"][0]["statements"][0]["evidence"][0]["figure"] = {
        "indicator_id": "cla_rate", "name": "Children in care", "unit": "", "value": 99.9,
        "numerator": 1, "denominator": 1, "period_end": "2030-01-01", "snapshot_id": 987654,
        "comparators": []}
    saved = save_draft(doncaster, LA, head(doncaster), sef_from_dict(data))
    stored = read_version(doncaster, LA, saved.number)[0].themes[0].statements[0].evidence[0]
    assert stored.figure is not None and stored.figure.snapshot_id != 987654
    assert stored.figure.period_end != "2030-01-01"


def test_two_people_sharing_the_same_version_at_once_both_see_it_shared(
        doncaster, doncaster_colleague) -> None:
    number = save_draft(doncaster, LA, head(doncaster), a_sef("Shared twice")).number
    results = []
    threads = [threading.Thread(target=lambda who=who: results.append(
        share_version(who, LA, number))) for who in (doncaster, doncaster_colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status for r in results] == ["shared", "shared"]
    with session_scope() as session:
        assert len(session.scalars(select(SefShare).join(SefVersion).where(
            SefVersion.number == number, SefVersion.sef_id.in_(
                text("SELECT id FROM sef_documents WHERE la_code = '371'")))).all()) == 1


_VERSIONS_OF_371 = (
    "INTO sef_versions (id, sef_id, number, content, saved_at) "
    "SELECT id, sef_id, number, '{}', saved_at FROM sef_versions WHERE number = :n "
    "AND sef_id IN (SELECT id FROM sef_documents WHERE la_code = '371')")
REPLACE_VERSION_SQLITE = "INSERT OR REPLACE " + _VERSIONS_OF_371
REPLACE_VERSION_POSTGRES = ("INSERT " + _VERSIONS_OF_371
                            + " ON CONFLICT (id) DO UPDATE SET content = '{}'")


def test_an_insert_that_would_replace_a_version_is_refused(doncaster) -> None:
    number = save_draft(doncaster, LA, head(doncaster), a_sef("Not to be replaced")).number
    engine = get_engine()
    # SQLite's INSERT OR REPLACE deletes the row first; PostgreSQL's upsert updates it
    statement = (REPLACE_VERSION_SQLITE if engine.dialect.name == "sqlite"
                 else REPLACE_VERSION_POSTGRES)
    with pytest.raises(DBAPIError, match="cannot be changed or deleted"):
        with engine.begin() as connection:
            connection.execute(text(statement), {"n": number})
    assert read_version(doncaster, LA, number)[0].themes[0].statements[0].text == (
        "Not to be replaced")


@pytest.mark.parametrize("number", [2**70, -1, True, "3"])
def test_impossible_version_numbers_are_refused_plainly(doncaster, number) -> None:
    with pytest.raises(InvalidRequest):
        save_draft(doncaster, LA, number, a_sef())
    with pytest.raises(NotFound):
        share_version(doncaster, LA, number)
    with pytest.raises(NotFound):
        read_version(doncaster, LA, number)


# ---------------------------------------------------------------- every save is checked (issue 15)


def test_a_save_that_may_identify_a_child_stores_nothing_until_a_reason_is_given(
        doncaster) -> None:
    start = head(doncaster)
    words = a_sef("A girl called Poppy Marchbank, DOB 04/05/2011, was helped")
    refused = save_draft(doncaster, LA, start, words)
    assert refused.status == "needs_review" and head(doncaster) == start
    assert {f.kind for f in refused.findings} == {"a name", "a date of birth"}
    assert all("Strength" in f.where for f in refused.findings)
    with session_scope() as session:
        assert "Marchbank" not in " ".join(session.scalars(select(SefVersion.content)))
    # a blank reason is no reason
    assert save_draft(doncaster, LA, start, words, identifier_override="  ").status == (
        "needs_review")
    saved = save_draft(doncaster, LA, start, words,
                       identifier_override="Invented for staff training")
    assert saved.status == "saved" and head(doncaster) == start + 1
    with session_scope() as session:
        version = session.scalars(select(SefVersion).where(
            SefVersion.number == start + 1, SefVersion.sef_id.in_(
                text("SELECT id FROM sef_documents WHERE la_code = '371'")))).one()
        assert version.identifier_warnings == 2
        assert version.identifier_override_reason == "Invented for staff training"


def test_what_was_saved_anyway_is_not_asked_again_but_anything_new_is(doncaster) -> None:
    first = a_sef("Mr Oakhampton chairs the panel")
    number = save_draft(doncaster, LA, head(doncaster), first,
                        identifier_override="Mr Oakhampton is our panel chair").number
    strength = first.themes[0].statements[0]
    later = apply_edits(first, {field_path("summary", "", "how"): "Monthly audits."})
    assert save_draft(doncaster, LA, number, later).status == "saved"
    newer = apply_edits(later, {field_path("statement", strength.id, "text"):
                                "Mr Oakhampton met a boy called Alfie Wren"})
    asked = save_draft(doncaster, LA, number + 1, newer)
    assert asked.status == "needs_review"
    assert [f.excerpt for f in asked.findings] == ["boy called Alfie Wren"]


def test_a_full_name_alone_needs_review_and_saves_with_a_reason(doncaster) -> None:
    start = head(doncaster)
    words = a_sef("Jayden Smith was visited every week.")
    refused = save_draft(doncaster, LA, start, words)
    assert refused.status == "needs_review" and head(doncaster) == start
    assert [(f.kind, f.excerpt) for f in refused.findings] == [("a full name", "Jayden Smith")]
    assert "Strength" in refused.findings[0].where
    with session_scope() as session:
        assert "Jayden Smith was visited" not in " ".join(session.scalars(
            select(SefVersion.content).where(SefVersion.sef_id.in_(
                text("SELECT id FROM sef_documents WHERE la_code = '371'")))))
    saved = save_draft(doncaster, LA, start, words,
                       identifier_override="Jayden Smith is our panel chair, not a child")
    assert saved.status == "saved" and head(doncaster) == start + 1
    with session_scope() as session:
        version = session.scalars(select(SefVersion).where(
            SefVersion.number == start + 1, SefVersion.sef_id.in_(
                text("SELECT id FROM sef_documents WHERE la_code = '371'")))).one()
        assert version.identifier_warnings == 1
        assert version.identifier_override_reason == (
            "Jayden Smith is our panel chair, not a child")
    # saved anyway once: the same name is not asked about again
    later = apply_edits(words, {field_path("summary", "", "how"): "Monthly audits."})
    assert save_draft(doncaster, LA, start + 1, later).status == "saved"
