"""The SEF's checks against its figures, through the services (ILACS framework, para 50):
what is read from the database (withdrawn uploads, published concerns), who may see the
checks, and the inspector keeping one as evidence."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import select

from dashboard.access import SYSTEM, AccessDenied, Principal
from dashboard.demo.annex_a import SIZES, generate_sheets, write_workbook
from dashboard.domain.sef import (
    INDICATOR,
    STRENGTH,
    WITHDRAWN_NOTE,
    Sef,
    add_evidence,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
)
from dashboard.domain.sef_accuracy import CLAIM, NOT_MENTIONED, WITHDRAWN
from dashboard.domain.sef_outline import outline_text
from dashboard.services.engagement import (
    ON_AGENDA,
    next_open_meeting,
    open_meeting,
    schedule_meeting,
)
from dashboard.services.fv_planner import plan_scope
from dashboard.services.ingest import UploadedFile
from dashboard.services.inspector_notes import list_notes
from dashboard.services.mi import upload_annex_a, withdraw_snapshot
from dashboard.services.sef import (
    open_sef,
    read_version,
    review_sef,
    review_shared,
    save_draft,
    share_version,
)
from dashboard.services.sef_export import version_outline
from dashboard.services.sef_review import withdrawn_quoted
from dashboard.services.user_admin import create_user, principal_of
from dashboard.storage.db import session_scope
from dashboard.storage.models import User
from tests.conftest import PASSWORD, post_callback, sign_in

LA = "393"  # South Tyneside, North East, Yorkshire and the Humber
PERIOD_END = date(2026, 3, 31)
CLAIM_TEXT = "Children are not referred again: our front door gets it right first time."


def principal(seeded_db: dict[str, int], account: str) -> Principal:
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db[account]))


@pytest.fixture(scope="module")
def tyneside(seeded_db) -> Principal:
    email = "sef.393@test.example.org"
    errors = create_user(SYSTEM, email=email, full_name="Sam Tyneside", role="la_user",
                         la_code=LA, password=PASSWORD)
    assert not errors
    with session_scope() as session:
        return principal_of(session.scalars(select(User).where(User.email == email)).one())


def upload(user: Principal, period: date, seed: int) -> int:
    buffer = io.BytesIO()
    write_workbook(generate_sheets(SIZES["small"], period, seed=seed), buffer)
    outcome = upload_annex_a(user, LA, period, [UploadedFile("lists.xlsx", buffer.getvalue())])
    assert outcome.status == "stored"
    return outcome.snapshot_id


@pytest.fixture(scope="module")
def snapshot_id(tyneside) -> int:
    return upload(tyneside, PERIOD_END, seed=5)


def press_check(dash_app, account: str, button: str, key: object, number: object):
    """Press a check's button (notes or agenda) as ``account`` would, in a fresh session."""
    client = dash_app.server.test_client()
    sign_in(client, account)
    return post_callback(client, [({"type": button, "index": key}, "n_clicks", 1)],
                         state=[("sef-checks-version", "data", number), ("sef-la", "data", LA)])


def a_strength_on_re_referrals() -> Sef:
    sef = add_theme(Sef(), "Help and protection, including the front door")
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    statement = sef.themes[0].statements[0].id
    sef = add_evidence(sef, statement, INDICATOR)
    evidence = sef.themes[0].statements[0].evidence[0].id
    return apply_edits(sef, {field_path("statement", statement, "text"): CLAIM_TEXT,
                             field_path("evidence", evidence, "indicator_id"): "re_referrals"})


def test_each_linked_figure_is_checked_with_its_year_and_unit(tyneside, snapshot_id) -> None:
    result = save_draft(tyneside, LA, open_sef(tyneside, LA).head_number,
                        a_strength_on_re_referrals())
    figure = result.sef.themes[0].statements[0].evidence[0].figure
    assert figure is not None and figure.snapshot_id == snapshot_id
    assert figure.comparators_period == "year to 31 March 2025"
    review = open_sef(tyneside, LA).review
    claims = [item for item in review.items if item.kind == CLAIM]
    assert len(claims) == 1
    assert claims[0].where.startswith(f"Strength 1 in “Help and protection, including the "
                                      f"front door”: “{CLAIM_TEXT}”")
    # the working names the figure, its counts and each comparator with its year and unit
    assert f"({figure.numerator:,.0f} of {figure.denominator:,.0f})" in claims[0].text
    assert "England's" in claims[0].text and "% (year to 31 March 2025)" in claims[0].text
    assert review.by_statement[result.sef.themes[0].statements[0].id][0] is claims[0]
    # every flagged or worst-quarter measure the SEF leaves out is named
    assert all(item.where != "Re-referrals within 12 months" for item in review.items
               if item.kind == NOT_MENTIONED)


def test_a_withdrawn_upload_is_marked_wherever_the_sef_quotes_it(
        seeded_db, tyneside, snapshot_id) -> None:
    later = upload(tyneside, date(2026, 6, 30), seed=6)  # the one to withdraw
    result = save_draft(tyneside, LA, open_sef(tyneside, LA).head_number,
                        a_strength_on_re_referrals())
    assert result.sef.themes[0].statements[0].evidence[0].figure.snapshot_id == later
    share_version(tyneside, LA, result.number)
    withdraw_snapshot(tyneside, LA, later, "Wrong extract")
    snapshot_id = later
    inspector = principal(seeded_db, "hmi_neyh")
    for review in (open_sef(tyneside, LA).review, review_shared(inspector, LA, result.number)):
        assert snapshot_id in review.withdrawn
        withdrawn = [item for item in review.items if item.kind == WITHDRAWN]
        assert withdrawn and "Update figures to the latest upload" in withdrawn[0].text
        assert review.items[0].kind == WITHDRAWN or review.items[0].verdict
    sef, info, name = read_version(inspector, LA, result.number)
    document = "\n".join(outline_text(version_outline(sef, name, info,
                                                      withdrawn_quoted(sef))))
    assert WITHDRAWN_NOTE in document


def test_only_the_las_editors_and_the_regions_inspectors_see_the_checks(
        seeded_db, tyneside, snapshot_id) -> None:
    result = save_draft(tyneside, LA, open_sef(tyneside, LA).head_number,
                        a_strength_on_re_referrals())
    share_version(tyneside, LA, result.number)
    sef = result.sef
    for account in ("la_camden", "la_barnsley", "hmi_neyh", "hmi_london", "admin"):
        with pytest.raises(AccessDenied):
            review_sef(principal(seeded_db, account), LA, sef)  # the editor's own
    for account in ("la_camden", "la_barnsley", "hmi_london", "hmi_nw"):
        with pytest.raises(AccessDenied):
            review_shared(principal(seeded_db, account), LA, result.number)
    with pytest.raises(AccessDenied):
        review_sef(None, LA, sef)
    assert review_shared(principal(seeded_db, "hmi_neyh"), LA, result.number).items


def test_the_planner_shows_each_claims_check_beside_it(seeded_db, tyneside,
                                                        snapshot_id) -> None:
    result = save_draft(tyneside, LA, open_sef(tyneside, LA).head_number,
                        a_strength_on_re_referrals())
    share_version(tyneside, LA, result.number)
    inspector = principal(seeded_db, "hmi_neyh")
    heading = next(item.heading for item in review_shared(inspector, LA, result.number).items
                   if item.kind == CLAIM)
    planner = plan_scope(inspector, schedule_meeting(inspector, LA, "2027-02-10", "Online"))
    lines = [line for topic in planner.topics for line in topic.sef_lines]
    assert f"Strength: {CLAIM_TEXT}; figures: {heading.lower()}" in lines


def test_an_inspector_keeps_a_check_in_their_notes_and_no_one_else_can(
        dash_app, seeded_db, tyneside, snapshot_id) -> None:
    result = save_draft(tyneside, LA, open_sef(tyneside, LA).head_number,
                        a_strength_on_re_referrals())
    share_version(tyneside, LA, result.number)
    inspector = principal(seeded_db, "hmi_neyh")
    first = review_shared(inspector, LA, result.number).items[0]

    def keep(account: str, index: object = first.key):
        return press_check(dash_app, account, "sef-check-note", index, result.number)

    for account in ("la_camden", "hmi_london", "la_barnsley"):
        assert keep(account).status_code == 403, account
    assert keep("hmi_neyh", "not-a-check-key").status_code == 400
    assert keep("hmi_neyh", 0).status_code == 400
    before = len(list_notes(inspector, LA))
    response = keep("hmi_neyh")
    assert response.status_code == 200
    notes = list_notes(inspector, LA)
    assert len(notes) == before + 1
    assert notes[0].text.startswith(f"SEF version {result.number}: {first.heading}. "
                                    f"{first.where}.")


def test_a_bad_version_number_is_refused(dash_app, seeded_db) -> None:
    assert press_check(dash_app, "hmi_neyh", "sef-check-note", "0", "x").status_code == 400


def test_an_inspector_puts_a_check_on_the_next_meetings_agenda(
        dash_app, seeded_db, tyneside, snapshot_id) -> None:
    result = save_draft(tyneside, LA, open_sef(tyneside, LA).head_number,
                        a_strength_on_re_referrals())
    share_version(tyneside, LA, result.number)
    inspector = principal(seeded_db, "hmi_neyh")
    first = review_shared(inspector, LA, result.number).items[0]
    assert next_open_meeting(tyneside, LA) is None  # only the region's inspectors add
    meeting_id = schedule_meeting(inspector, LA, "2027-01-20", "South Shields")
    assert next_open_meeting(inspector, LA) == (meeting_id, date(2027, 1, 20))

    def put(account: str):
        return press_check(dash_app, account, "sef-check-agenda", first.key, result.number)

    for account in ("la_camden", "hmi_london"):
        assert put(account).status_code == 403, account
    response = put("hmi_neyh")
    assert response.status_code == 200
    assert "Added to the agenda for 20 January 2027" in response.get_data(as_text=True)
    items = open_meeting(inspector, meeting_id).items
    added = [i for i in items if i.title == f"Self-evaluation: {first.heading}"]
    assert len(added) == 1 and added[0].status == ON_AGENDA
    assert added[0].discussion.startswith(f"SEF version {result.number}. {first.where}.")
