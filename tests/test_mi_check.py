"""The two steps of an upload, through the service: the check stores nothing and proposes
the date; the store asks about a date far from the lists, and reads with the mapping
saved at the check (issue 28, parts 6 to 8)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import delete, select

from dashboard.access import AccessDenied
from dashboard.domain.annex_a import LISTS_BY_KEY
from dashboard.domain.annex_a_checks import ERROR, Sheet
from dashboard.domain.plausibility import NOTE, PLAUSIBILITY, WARNING
from dashboard.errors import InvalidRequest
from dashboard.services.audit import acting_as
from dashboard.services.ingest import UploadedFile
from dashboard.services.la_profiles import load_la
from dashboard.services.mi import (
    CHECK,
    CHECKED,
    NEEDS_DATE_CONFIRMATION,
    REFUSED,
    STORED,
    check_annex_a,
    save_local_codes,
    upload_annex_a,
)
from dashboard.services.published import published_rows_in
from dashboard.storage.db import session_scope
from dashboard.storage.models import LocalCodeMapping, MIIndicatorValue, MISnapshot
from tests.conftest import post_callback, sign_in, sign_out
from tests.domain.test_annex_a_checks import clean_upload, minimal_row
from tests.test_bad_input_corpus import database_fingerprint
from tests.test_mi import (
    answered,
    background_upload,
    check,
    press_store,
    principal,
    snapshot_count,
    store,
)
from tests.workbooks import SECRET_CHILD_ID, minimal_workbook, xlsx_bytes

REAL = Path(__file__).parent / "real_annex_a"
#: minimal_workbook's events are all on 1 September 2026
EVENTS = date(2026, 9, 1)


def files(content: bytes | None = None, name: str = "lists.xlsx") -> list[UploadedFile]:
    return [UploadedFile(name, content or minimal_workbook())]


def test_a_check_stores_nothing_and_proposes_the_latest_event(seeded_db) -> None:
    barnsley = principal(seeded_db, "la_barnsley")
    before = database_fingerprint()
    outcome = check_annex_a(barnsley, "370", files())
    assert database_fingerprint() == before  # no snapshot, count, figure or audit row
    assert (outcome.status, outcome.stage, outcome.snapshot_id) == (CHECKED, CHECK, None)
    assert outcome.error_count == 0 and [c.rows for c in outcome.list_counts] == [1] * 12
    assert outcome.proposed.day == EVENTS and "latest event" in outcome.proposed.source
    assert not outcome.date_chosen and outcome.period_end == EVENTS  # figures under it
    assert outcome.date_question is None
    assert SECRET_CHILD_ID not in repr(outcome)


def test_a_check_with_no_date_reads_under_today_so_only_future_events_are_errors(
        seeded_db) -> None:
    barnsley = principal(seeded_db, "la_barnsley")
    today = date(2026, 9, 10)
    assert check_annex_a(barnsley, "370", files(), today=today).status == CHECKED
    early = check_annex_a(barnsley, "370", files(), today=date(2026, 8, 31))
    assert early.status == REFUSED
    assert any("after the date the lists were extracted (31/08/2026)" in p.message
               for p in early.problems if p.severity == ERROR)
    # a chosen date reads under that date, and a future one is refused outright
    chosen = check_annex_a(barnsley, "370", files(), period_end=date(2026, 8, 30),
                           today=today)
    assert chosen.status == REFUSED and chosen.date_chosen
    with pytest.raises(InvalidRequest, match="cannot be in the future"):
        check_annex_a(barnsley, "370", files(), period_end=date(2026, 9, 11), today=today)


def test_the_front_sheet_then_the_file_name_give_the_proposal(seeded_db) -> None:
    barnsley = principal(seeded_db, "la_barnsley")
    front = Sheet("Front_Sheet", ["Ofsted Annex A"],
                  [["Local authority", "Barnsley"], ["Date of extract", date(2026, 9, 20)]])
    with_front = xlsx_bytes([front, *clean_upload(SECRET_CHILD_ID)])
    outcome = check_annex_a(barnsley, "370", files(with_front, "annex a 2026-09-05.xlsx"))
    assert outcome.proposed.day == date(2026, 9, 20)
    assert "Front_Sheet" in outcome.proposed.source
    assert not [p for p in outcome.problems if p.sheet == "Front_Sheet"]  # no warning
    named = check_annex_a(barnsley, "370", files(name="annex a 2026-09-05.xlsx"))
    assert named.proposed.day == date(2026, 9, 5)
    assert "“annex a 2026-09-05.xlsx”" in named.proposed.source


@pytest.mark.parametrize("account", ["la_camden", "hmi_neyh", "hmi_london"])
def test_no_one_else_may_check_an_las_files(seeded_db, account: str) -> None:
    with pytest.raises(AccessDenied):
        check_annex_a(principal(seeded_db, account), "370", files())
    with pytest.raises(AccessDenied):
        check_annex_a(None, "370", files())


def test_a_date_far_after_the_lists_is_stored_only_once_confirmed(seeded_db) -> None:
    barnsley = principal(seeded_db, "la_barnsley")
    chosen = EVENTS + timedelta(days=32)  # 3 October 2026
    before = database_fingerprint()
    waiting = upload_annex_a(barnsley, "370", chosen, files(), date_confirmed=False)
    assert waiting.status == NEEDS_DATE_CONFIRMATION and waiting.snapshot_id is None
    assert waiting.date_question == (
        "The latest event in the lists is 01/09/2026 and you chose 03/10/2026, 32 days "
        "later: were the lists really extracted on 03/10/2026?")
    assert database_fingerprint() == before  # nothing stored
    from dashboard.pages.mi.views import upload_result

    shown = str(upload_result(waiting))
    assert "Confirm the extraction date first" in shown and "were stored" not in shown
    # within 31 days no question is asked, confirmed or not
    near = upload_annex_a(barnsley, "370", EVENTS + timedelta(days=31), files(),
                          date_confirmed=False)
    assert near.status == STORED and near.date_question is None
    stored = upload_annex_a(barnsley, "370", chosen, files(), date_confirmed=True)
    assert stored.status == STORED and snapshot_count("370") >= 2


def test_a_date_before_the_latest_event_is_refused_for_its_later_events(seeded_db) -> None:
    barnsley = principal(seeded_db, "la_barnsley")
    before = snapshot_count("370")
    outcome = upload_annex_a(barnsley, "370", EVENTS - timedelta(days=1), files(),
                             date_confirmed=True)
    assert outcome.status == REFUSED and outcome.error_count > 0
    assert snapshot_count("370") == before


def test_the_mapping_saved_at_the_check_is_used_by_the_store(seeded_db) -> None:
    """Para 248: the LA explains its own codes before anything is stored; the store then
    reads them as the DfE codes, with no replacement to confirm."""
    user = principal(seeded_db, "la_barnsley")
    with session_scope() as session:
        session.execute(delete(LocalCodeMapping).where(LocalCodeMapping.la_code == "370"))
    upload = [UploadedFile("quirks-local-codes.xlsx",
                           (REAL / "quirks-local-codes.xlsx").read_bytes())]
    before = snapshot_count("370")
    first = check_annex_a(user, "370", upload)
    assert first.status == CHECKED and snapshot_count("370") == before
    assert first.proposed.day == date(2025, 3, 28)
    assert ("activity", (("EMP - In employment", 2),)) in [
        (c.column_key, c.values) for c in first.unknown_codes]
    with acting_as(user):
        save_local_codes(user, "370", [("care_leavers", "activity", "EMP - In employment",
                                        "F3")])
    again = check_annex_a(user, "370", upload, period_end=date(2025, 3, 28))
    assert again.mapped_rows == 2 and snapshot_count("370") == before
    assert "activity" not in [c.column_key for c in again.unknown_codes]
    stored = upload_annex_a(user, "370", date(2025, 3, 28), upload, date_confirmed=False)
    assert stored.status == STORED and stored.mapped_rows == 2
    with session_scope() as session:
        eet = session.scalars(select(MIIndicatorValue).where(
            MIIndicatorValue.snapshot_id == stored.snapshot_id,
            MIIndicatorValue.indicator_id == "care_leavers_eet")).one()
        # aged 19 to 21 on 28/03/2025: Q9001 (F1), Q9002 and Q9004 (EMP, now F3), Q9003
        # (G5): 3 of 4 in education, employment or training; 1 of 4 without the mapping
        assert (eet.numerator, eet.denominator) == (3, 4)


def in_care(children: int) -> bytes:
    """A clean workbook with ``children`` in care (and one child in every other list)."""
    annex_list = LISTS_BY_KEY["children_in_care"]
    rows = [minimal_row(annex_list, f"CARE{number:03d}") for number in range(children)]
    return xlsx_bytes(clean_upload(SECRET_CHILD_ID, children_in_care=rows))


def test_a_figure_far_below_the_published_one_warns_on_both_steps_and_counts(
        seeded_db) -> None:
    barnsley = principal(seeded_db, "la_barnsley")
    with session_scope() as session:
        la = load_la(session, "370")
        population = la.under18_population
        published = next(row for row in published_rows_in(session, la)
                         if row.measure.id == "cla_rate")
    uploaded = 25 / population * 10_000  # 25 children in care
    assert uploaded < published.comparison.value / 2  # far below Barnsley's published rate
    checked = check_annex_a(barnsley, "370", files(in_care(25)))
    warning = next(f for f in checked.plausibility if f.indicator_id == "cla_rate")
    assert warning.severity == WARNING
    assert warning.message == (
        f"Children in care per 10,000 children: {uploaded:,.1f} from this upload, "
        f"{published.comparison.value:,.1f} published for the year to 31 March "
        f"{published.comparison.year}: check the lists are complete.")
    # among the problems, counted, and touching its own indicator
    assert warning.message in [p.message for p in checked.problems]
    impact = next(i for i in checked.impacts if i.kind == PLAUSIBILITY)
    assert "cla_rate" in impact.indicators
    # one child behind a percentage is too few: a note, not a comparison
    assert any(f.severity == NOTE and f.indicator_id == "cp_two_years"
               for f in checked.plausibility)
    # on the page: the warning in words, the notes folded under it, figures not rows
    from dashboard.pages.mi.views import upload_result

    page = str(upload_result(checked))
    assert "Warning: " in page and warning.message in page
    assert "figure(s) not compared, and why" in page
    assert "figure(s)" in str(next(row for row in upload_result(checked).children
                                   if getattr(row, "id", None) == "mi-impacts"))
    stored = upload_annex_a(barnsley, "370", EVENTS + timedelta(days=4), files(in_care(25)))
    assert stored.status == STORED
    assert warning.message in [f.message for f in stored.plausibility]
    assert warning.message in str(upload_result(stored))
    assert stored.warning_count == checked.warning_count
    with session_scope() as session:
        kept = session.get(MISnapshot, stored.snapshot_id)
        assert kept.warning_count == stored.warning_count
        assert kept.warning_count == sum(1 for p in stored.problems if p.severity != ERROR) \
            + stored.problems_not_listed


# Through the web app, as a browser or a hand-made request would come.


def test_the_check_button_stores_nothing_and_fills_in_the_proposed_date(
        client: FlaskClient) -> None:
    sign_in(client, "la_barnsley")
    before = database_fingerprint()
    answer = check(client, "370", minimal_workbook())
    assert answer.status_code == 200
    assert database_fingerprint() == before
    body = answer.get_data(as_text=True)
    assert "The files passed their checks: nothing is stored yet" in body
    assert "Proposed extraction date: 1 September 2026" in body and "latest event" in body
    assert "Compared with your published figures" in body
    assert answered(answer, "mi-period-end", "value") == "2026-09-01"
    assert answered(answer, "mi-store-area", "hidden") is False  # step 2 opens
    assert answered(answer, "mi-latest-event") == "2026-09-01"
    assert answered(answer, "mi-snapshots-area", "children") is None  # nothing to redraw
    assert SECRET_CHILD_ID not in body


def test_a_refused_check_keeps_step_2_closed(client: FlaskClient) -> None:
    sign_in(client, "la_barnsley")
    answer = check(client, "370", (Path(__file__).parent / "bad_files" /
                                   "missing_sheets.xlsx").read_bytes())
    assert "The files cannot be stored" in answer.get_data(as_text=True)
    assert answered(answer, "mi-store-area", "hidden") is True


def test_a_far_date_is_asked_about_at_once_and_nothing_is_sent(client: FlaskClient) -> None:
    sign_in(client, "la_barnsley")
    asked = press_store(client, "370", "2026-10-31", latest="2026-09-01")
    assert asked.status_code == 200
    assert answered(asked, "mi-job") is None  # no job: nothing read, nothing stored
    assert answered(asked, "mi-date-question", "children") == (
        "The latest event in the lists is 01/09/2026 and you chose 31/10/2026, 60 days "
        "later: were the lists really extracted on 31/10/2026?")
    assert answered(asked, "mi-date-confirm-area", "hidden") is False
    assert answered(asked, "mi-date-yes", "children") == "Yes, store with 31/10/2026"
    assert answered(asked, "mi-asked-date") == "2026-10-31"
    # near the latest event: no question, a job
    assert answered(press_store(client, "370", "2026-09-30", latest="2026-09-01"), "mi-job")


def test_a_store_without_the_answer_is_asked_again_by_the_job_and_stores_nothing(
        client: FlaskClient) -> None:
    """A request that leaves out the latest event (forged, or a page that skipped the
    check) gets a ticket, but the job reads the files and asks: nothing is stored."""
    sign_in(client, "la_barnsley")
    before = database_fingerprint()
    answer = store(client, "370", minimal_workbook(), "2026-10-30", latest=None,
                   answer_yes=False)
    assert answer.status_code == 200
    assert database_fingerprint() == before
    assert "and you chose 30/10/2026, 59 days later" in answered(
        answer, "mi-date-question", "children")
    assert answered(answer, "mi-result", "children") is None  # the check's answer stays
    # answering yes stores it
    stored = store(client, "370", minimal_workbook(), "2026-10-30", latest=None)
    assert "The figures were stored" in stored.get_data(as_text=True)
    assert snapshot_count("370") > 0


def test_a_check_ticket_never_stores(client: FlaskClient, seeded_db) -> None:
    """Even with a date in it, a ticket minted for a check only checks."""
    from dashboard.config import load_settings
    from dashboard.services.user_admin import load_principal
    from dashboard.web.job_tickets import CHECK as CHECK_MODE
    from dashboard.web.job_tickets import mint_ticket, session_tag

    sign_in(client, "la_barnsley")
    with client.session_transaction() as session:
        sid = session["sid"]
    secret = load_settings().secret_key
    user = load_principal(seeded_db["la_barnsley"], principal(seeded_db,
                                                              "la_barnsley").session_version)
    ticket = mint_ticket(secret, user, session_tag(secret, user.id, sid), "370",
                         "2026-09-10", CHECK_MODE)
    before = database_fingerprint()
    answer = background_upload(client, ticket, minimal_workbook())
    assert "nothing is stored yet" in answer.get_data(as_text=True)
    assert database_fingerprint() == before
    # a date was chosen: the proposal does not overwrite it
    assert answered(answer, "mi-period-end", "value") is None


def apply_codes(client: FlaskClient, la_code: str, choices: dict[tuple[str, str, str], str],
                period: object = None):
    """"Apply and check again" as the renderer posts it: the selects arrive as one list."""
    from tests.conftest import _registered_outputs, csrf_header

    output, outputs = _registered_outputs(client, "mi-apply-codes")
    selects = [{"id": {"type": "mi-local-code", "list": list_key, "column": column,
                       "code": code}, "property": "value", "value": value}
               for (list_key, column, code), value in choices.items()]
    return client.post("/_dash-update-component", headers=csrf_header(client), json={
        "output": output, "outputs": outputs,
        "inputs": [{"id": "mi-apply-codes", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["mi-apply-codes.n_clicks"],
        "state": [selects,
                  {"id": "mi-upload", "property": "filename", "value": ["lists.xlsx"]},
                  {"id": "mi-period-end", "property": "value", "value": period},
                  {"id": "mi-la", "property": "data", "value": la_code}]})


def test_apply_and_check_again_saves_the_mapping_and_checks_not_stores(
        client: FlaskClient) -> None:
    sign_in(client, "la_barnsley")
    with session_scope() as session:
        session.execute(delete(LocalCodeMapping).where(LocalCodeMapping.la_code == "370"))
    content = (REAL / "quirks-local-codes.xlsx").read_bytes()
    first = check(client, "370", content)
    assert "EMP - In employment" in repr(answered(first, "mi-codes-form", "children"))
    assert answered(first, "mi-codes-area", "hidden") is False
    before = database_fingerprint()
    day = "2025-04-15"  # 18 days after the latest event; no other test stores it
    pressed = apply_codes(client, "370", {
        ("care_leavers", "activity", "EMP - In employment"): "F3"}, day)
    assert pressed.status_code == 200, pressed.get_data(as_text=True)
    again = background_upload(client, answered(pressed, "mi-job"), content)
    body = again.get_data(as_text=True)
    assert "nothing is stored yet" in body and "2 local codes mapped" in body
    after = database_fingerprint()
    changed = {table for table in before if before[table] != after[table]}
    assert changed <= {"local_code_mappings", "audit_events"}, changed  # no figures
    assert "local_code_mappings" in changed
    assert answered(again, "mi-codes-area", "hidden") is True  # nothing left to map
    with session_scope() as session:
        assert [(m.column_key, m.dfe_code) for m in session.scalars(
            select(LocalCodeMapping).where(LocalCodeMapping.la_code == "370"))] == [
            ("activity", "F3")]
    # the store then reads with it, and no replacement is asked about
    stored = store(client, "370", content, day, answered(again, "mi-latest-event"))
    text = stored.get_data(as_text=True)
    assert "The figures were stored" in text and "2 local codes mapped" in text


def _sender(client: FlaskClient, trigger: str, state: list, account: str | None):
    """What posts a step button's callback as ``account``; with None, the same body with
    no session (signed in first only to read the body's shape)."""
    from tests.conftest import _registered_outputs, csrf_header

    sign_in(client, account or "la_barnsley")
    if account:
        return lambda: post_callback(client, [(trigger, "n_clicks", 1)], state)
    output, outputs = _registered_outputs(client, trigger)
    headers = csrf_header(client)
    sign_out(client)
    return lambda: client.post("/_dash-update-component", headers=headers, json={
        "output": output, "outputs": outputs,
        "inputs": [{"id": trigger, "property": "n_clicks", "value": 1}],
        "changedPropIds": [f"{trigger}.n_clicks"],
        "state": [{"id": c, "property": p, "value": v} for c, p, v in state]})


STARTERS = {
    "mi-check": [("mi-upload", "filename", ["lists.xlsx"]), ("mi-la", "data", "370")],
    "mi-submit": [("mi-upload", "filename", ["lists.xlsx"]),
                  ("mi-period-end", "value", "2026-09-10"), ("mi-la", "data", "370"),
                  ("mi-latest-event", "data", "2026-09-01")],
    "mi-date-yes": [("mi-upload", "filename", ["lists.xlsx"]),
                    ("mi-asked-date", "data", "2026-10-31"), ("mi-la", "data", "370")],
}


@pytest.mark.parametrize("button", STARTERS)
@pytest.mark.parametrize("account", ["la_camden", "hmi_neyh", "hmi_london", None])
def test_the_step_buttons_refuse_anyone_but_the_la_and_store_nothing(
        client: FlaskClient, button: str, account: str | None) -> None:
    """Another LA's user, an inspector (even of the LA's region) and a request with no
    session get no ticket and change nothing."""
    send = _sender(client, button, STARTERS[button], account)
    before = database_fingerprint()
    response = send()
    assert response.status_code == (403 if account else 401), response.get_data(as_text=True)
    assert response.get_json() == ({"error": "You may not upload figures for this local "
                                             "authority."} if account else
                                   {"error": "Sign in to continue."})
    assert database_fingerprint() == before


@pytest.mark.parametrize("account", ["la_camden", "hmi_neyh", "hmi_london", "admin"])
def test_apply_and_check_again_refuses_anyone_but_the_las_own_users(
        client: FlaskClient, account: str) -> None:
    sign_in(client, account)
    before = database_fingerprint()
    response = apply_codes(client, "370", {
        ("care_leavers", "activity", "EMP - In employment"): "F3"})
    assert response.status_code == 403
    assert response.get_json() == {
        "error": "Only this local authority's own users may map its codes."}
    assert database_fingerprint() == before


@pytest.mark.parametrize("account", ["la_barnsley", "admin"])
def test_the_las_own_users_and_admins_get_a_ticket_from_each_button(
        client: FlaskClient, account: str) -> None:
    sign_in(client, account)
    for button, state in STARTERS.items():
        assert answered(post_callback(client, [(button, "n_clicks", 1)], state),
                        "mi-job"), button


def test_a_ticket_says_its_mode_and_only_a_check_may_come_without_a_date(seeded_db) -> None:
    from dashboard.services.user_admin import load_principal
    from dashboard.web import job_tickets as tickets
    from dashboard.web.job_tickets import TicketRefused, mint_ticket, read_ticket

    CHECK_MODE, STORE_MODE = tickets.CHECK, tickets.STORE
    secret, tag = "a test secret", "a session tag"
    user = load_principal(seeded_db["la_barnsley"],
                          principal(seeded_db, "la_barnsley").session_version)
    granted = read_ticket(secret, mint_ticket(secret, user, tag, "370", "", CHECK_MODE), tag)
    assert (granted.mode, granted.period_end, granted.date_confirmed) == (
        CHECK_MODE, None, False)
    granted = read_ticket(secret, mint_ticket(secret, user, tag, "370", "2026-09-10",
                                              STORE_MODE, date_confirmed=True), tag)
    assert (granted.mode, granted.period_end, granted.date_confirmed) == (
        STORE_MODE, date(2026, 9, 10), True)
    with pytest.raises(TicketRefused, match="out of date"):  # a store needs its date
        read_ticket(secret, mint_ticket(secret, user, tag, "370", "", STORE_MODE), tag)
    # a ticket signed without a mode, or with another, does nothing
    for mode in (None, "delete"):
        forged = tickets._serializer(secret).dumps({"u": user.id, "v": user.session_version,
                                            "s": tag, "la": "370", "p": "2026-09-10",
                                            "m": mode, "c": False, "n": "0"})
        with pytest.raises(TicketRefused, match="out of date"):
            read_ticket(secret, forged, tag)


def test_yes_with_no_date_or_no_files_says_why_and_keeps_the_question(
        client: FlaskClient) -> None:
    sign_in(client, "la_barnsley")
    for asked, names, why in ((None, ["lists.xlsx"], "Enter the date the lists were extracted"),
                              ("2026-10-31", None, "Choose the file or files to upload.")):
        response = post_callback(client, [("mi-date-yes", "n_clicks", 1)], [
            ("mi-upload", "filename", names), ("mi-asked-date", "data", asked),
            ("mi-la", "data", "370")])
        assert response.status_code == 200
        assert why in json.dumps(answered(response, "mi-status", "children"))
        assert answered(response, "mi-job") is None
        assert answered(response, "mi-date-confirm-area", "hidden") is None  # unchanged
