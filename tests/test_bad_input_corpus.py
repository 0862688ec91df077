"""A corpus of bad inputs: uploads, forms, callback payloads and addresses.

Every case is one row of ``CASES``: an id, a kind (oversized, malformed, wrong_type,
script, sql, traversal, forged), the account that sends it and a callable that sends it
and checks the answer: a plain-words message naming what is wrong (for an upload, the
file, sheet, row or column) or a 400/403/404 refusal with its message. Around each case
the whole database is fingerprinted (every table's row count and a hash of its rows in
primary-key order) and must be unchanged: a refused input stores nothing.

A case that shows a defect in the app stays in the corpus, marked ``xfail(strict=True)``
with the reason, so the marker has to go when the defect is fixed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Connection, delete, insert, inspect, select

from dashboard.access import Principal
from dashboard.clock import today_in_england
from dashboard.config import INSTANCE_DIR, load_settings
from dashboard.domain.sef import (
    STRENGTH,
    Sef,
    add_plan,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
    sef_to_dict,
)
from dashboard.services.engagement import AttendeeInput, save_record, schedule_meeting
from dashboard.services.engagement_letters import draft_letter
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import confirm_replacement, upload_annex_a, withdraw_snapshot
from dashboard.services.sef import open_sef, save_draft, share_version
from dashboard.services.user_admin import principal_of
from dashboard.storage.db import get_engine, session_scope
from dashboard.storage.models import Base, InspectorNote, User
from tests.conftest import (
    ACCOUNTS,
    _prop_id,
    _registered_outputs,
    csrf_from,
    csrf_header,
    page_content,
    post_callback,
    run_background_callback,
    sign_in,
    sign_out,
    ticket_for,
)
from tests.domain.test_annex_a_checks import clean_upload
from tests.test_engagement import not_discussed_all
from tests.workbooks import minimal_workbook, xlsx_bytes

BAD_FILES = Path(__file__).parent / "bad_files"
XLSX_MIME = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"
PERIOD = "2026-10-31"
PLACE = "Corpus room, Westgate offices"
SCRIPT = "<script>alert(1)</script>"
SQL_OR = "' OR 1=1 --"
SQL_DROP = "; DROP TABLE users;"
HUGE_ID = 10**20  # past any 64-bit integer column
SCRIPT_EMAIL = f"{SCRIPT}@example.org"


# ---------------------------------------------------------------- the database fingerprint


def database_fingerprint(connection: Connection | None = None) -> dict[str, tuple[int, str]]:
    """Every model table: its row count and a hash of all its rows in primary-key order.

    A table the models know but the database does not have yet (a migration still to
    come) is recorded as absent rather than read.
    """
    if connection is None:
        with get_engine().connect() as own:
            return database_fingerprint(own)
    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    prints: dict[str, tuple[int, str]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            prints[table.name] = (-1, "absent")
            continue
        stored = {column["name"] for column in inspector.get_columns(table.name)}
        columns = [column for column in table.columns if column.name in stored]
        order = [c for c in table.primary_key.columns if c.name in stored] or columns
        digest = hashlib.sha256()
        count = 0
        for row in connection.execute(select(*columns).order_by(*order)):
            digest.update(repr(tuple(row)).encode())
            count += 1
        prints[table.name] = (count, digest.hexdigest())
    return prints


def changed_tables(before: dict[str, tuple[int, str]],
                   after: dict[str, tuple[int, str]]) -> list[str]:
    return [f"{name}: {before.get(name)} -> {after.get(name)}"
            for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]


# ---------------------------------------------------------------- what the cases need


def principal(seeded_db: dict[str, int], account: str) -> Principal:
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db[account]))


@dataclass(frozen=True)
class Others:
    """Things of Barnsley (370, NEYH) and Camden (202, London) that forged requests name."""

    open_meeting: int  # Barnsley's meeting, scheduled, agenda open
    held_meeting: int  # Barnsley's meeting, recorded, with a draft letter
    letter_revision: int
    shared_sef: int  # a version of Barnsley's SEF shared with Ofsted
    camden_pending: int  # a Camden upload waiting for Camden to confirm it
    #: Barnsley uploads: in use; withdrawn today; withdrawn 31 days ago (issue 15)
    barnsley_in_use: int = 0
    barnsley_withdrawn: int = 0
    barnsley_withdrawn_long_ago: int = 0


def a_sef(words: str) -> Sef:
    sef = add_theme(Sef(), "Help and protection, including the front door")
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    return apply_edits(sef, {field_path("statement", sef.themes[0].statements[0].id, "text"):
                             words})


@pytest.fixture(scope="module")
def others(seeded_db: dict[str, int]) -> Others:
    """Made through the services before any fingerprint is taken."""
    hmi = principal(seeded_db, "hmi_neyh")
    ahead = today_in_england() + timedelta(days=60)
    open_id = schedule_meeting(hmi, "370", ahead.isoformat(), PLACE)
    day = today_in_england() - timedelta(days=5)
    held_id = schedule_meeting(hmi, "370", day.isoformat(), PLACE)
    save_record(hmi, held_id, held_on=day.isoformat(),
                la_attendees=[AttendeeInput("Jo Bloggs", "Director of Children's Services",
                                            "dcs")],
                ofsted_attendees=[AttendeeInput("Sam Senior", "Senior HMI", "senior_hmi")],
                notes={}, scope_topics=[],
                scope_reason="", scope_note="", next_sef_timing="", next_meeting_timing="",
                steps=[], not_discussed=not_discussed_all(hmi, held_id))
    revision = draft_letter(hmi, held_id)
    barnsley = principal(seeded_db, "la_barnsley")
    saved = save_draft(barnsley, "370", open_sef(barnsley, "370").head_number,
                       a_sef(f"Corpus: shared text {uuid4().hex}"))
    assert saved.status == "saved"
    assert share_version(barnsley, "370", saved.number).status == "shared"
    camden = principal(seeded_db, "la_camden")
    period = date(2026, 10, 17)
    outcomes = [upload_annex_a(camden, "202", period,
                               [UploadedFile("lists.xlsx", minimal_workbook())])
                for _ in range(2)]
    pending = outcomes[-1]
    assert pending.status == "needs_confirmation" and pending.snapshot_id is not None
    return Others(open_id, held_id, revision, saved.number, pending.snapshot_id,
                  *barnsley_uploads_to_withdraw(barnsley))


def barnsley_uploads_to_withdraw(barnsley: Principal) -> tuple[int, int, int]:
    """An upload in use, one withdrawn now and one withdrawn 31 days ago, each of its
    own period (confirmed if another test left figures for that period)."""
    ids = []
    for day in (date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 28)):
        outcome = upload_annex_a(barnsley, "370", day,
                                 [UploadedFile("lists.xlsx", minimal_workbook())])
        assert outcome.snapshot_id is not None
        if outcome.status == "needs_confirmation":
            confirm_replacement(barnsley, outcome.snapshot_id)
        ids.append(outcome.snapshot_id)
    long_ago = datetime.now(UTC) - timedelta(days=31)
    assert withdraw_snapshot(barnsley, "370", ids[1], "Corpus: a test upload").problem is None
    assert withdraw_snapshot(barnsley, "370", ids[2], "Corpus: a test upload",
                             now=long_ago).problem is None
    return ids[0], ids[1], ids[2]


@dataclass(frozen=True)
class Ctx:
    client: FlaskClient
    others: Others
    monkeypatch: pytest.MonkeyPatch


@dataclass(frozen=True)
class Case:
    """One bad input: who sends it, and ``run``, which sends it and checks the answer."""

    id: str
    kind: str
    account: str | None  # signed in before the fingerprint; None: signed out
    run: Callable[[Ctx], None]
    defect: str | None = None  # the defect it shows, for xfail(strict=True)
    cleanup: Callable[[], None] | None = None  # undoes what a defect stored


KINDS = ("oversized", "malformed", "wrong_type", "script", "sql", "traversal", "forged")


# ---------------------------------------------------------------- reading answers


def _said(response) -> str:
    return f"{response.status_code}: {response.get_data(as_text=True)[:400]}"


def strings(tree: object) -> list[str]:
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, dict):
        return [s for value in tree.values() for s in strings(value)]
    if isinstance(tree, list):
        return [s for value in tree for s in strings(value)]
    return []


def shown_text(response) -> str:
    """Every piece of text in a callback's answer, as the page would show it."""
    assert response.status_code == 200, _said(response)
    return "\n".join(strings(response.get_json()))


def expect_refusal(response, status: int, message: str) -> None:
    """A JSON refusal (400, 401, 403, 404) with a plain-words message."""
    assert response.status_code == status, _said(response)
    body = response.get_json(silent=True)
    assert isinstance(body, dict) and message in body.get("error", ""), _said(response)


def expect_message(response, message: str) -> None:
    assert message in shown_text(response), _said(response)


def expect_form_error(response, message: str) -> None:
    """The engagement forms' answer: nothing saved, and what to correct."""
    text = shown_text(response)
    assert "Nothing was saved" in text and message in text, _said(response)


def expect_page_refusal(response, message: str) -> None:
    body = response.get_json()["response"]["_pages_content"]
    assert body["children"]["props"]["id"] == "refusal", json.dumps(body)[:400]
    assert message in strings(body), json.dumps(body)[:400]


# ---------------------------------------------------------------- sending callbacks


def item(component: str | dict, prop: str, value: object) -> dict:
    return {"id": component, "property": prop, "value": value}


def fire(client: FlaskClient, trigger: str | dict, inputs: list, state: list,
         changed: str):
    """POST the callback ``trigger`` fires, as the renderer does; pattern-matching
    inputs and states are lists (here usually empty), pattern outputs match nothing."""
    headers = csrf_header(client)
    key, spec = _registered_outputs(client, trigger)
    outputs = spec if isinstance(spec, list) else [spec]
    outputs = [[] if o["id"].startswith("{") else o for o in outputs]
    return client.post("/_dash-update-component", headers=headers, json={
        "output": key, "outputs": outputs if isinstance(spec, list) else outputs[0],
        "inputs": inputs, "state": state, "changedPropIds": [changed]})


def encoded(content: bytes, mime: str = XLSX_MIME) -> str:
    return mime + base64.b64encode(content).decode()


def start_upload(client: FlaskClient, filenames: object, period: object = PERIOD,
                 la_code: object = "370"):
    """The "Store the figures" button's callback: it checks who and when in the request
    and hands a ticket (``mi-job``) to the background job (no check ran before it, so
    the page holds no latest event date: the job reads the files and decides)."""
    return post_callback(client, [("mi-submit", "n_clicks", 1)], [
        ("mi-upload", "filename", filenames), ("mi-period-end", "value", period),
        ("mi-la", "data", la_code), ("mi-latest-event", "data", None)])


def upload_job(client: FlaskClient, ticket: object, contents: object, filenames: object):
    """The background job that reads and checks the files, polled as the page does."""
    return run_background_callback(client, [("mi-job", "data", ticket)], [
        ("mi-upload", "contents", contents), ("mi-upload", "filename", filenames)])


def submit(client: FlaskClient, contents: object, filenames: object,
           period: object = PERIOD, la_code: object = "370"):
    """An upload as the browser makes it: the button's callback, then the job's answer
    (or the button's own answer, when it gave no ticket)."""
    started = start_upload(client, filenames, period, la_code)
    ticket = ((started.get_json(silent=True) or {}).get("response", {})
              .get("mi-job", {}).get("data"))
    if started.status_code != 200 or not ticket:
        return started
    return upload_job(client, ticket, contents, filenames)


def answer_pending(client: FlaskClient, pending: object, la_code: object = "370",
                   button: str = "mi-confirm"):
    return fire(client, "mi-confirm",
                [item("mi-confirm", "n_clicks", 1), item("mi-cancel", "n_clicks", 1)],
                [item("mi-pending", "data", pending), item("mi-la", "data", la_code)],
                f"{button}.n_clicks")


def sef_save(client: FlaskClient, doc: object, base: object = 0, la_code: object = "370"):
    return fire(client, "sef-save",
                [item("sef-save", "n_clicks", 1), item("sef-autosave", "n_intervals", None),
                 item("sef-refresh", "n_clicks", 0), []],
                [item("sef-doc", "data", doc), item("sef-base", "data", base),
                 item("sef-conflict-base", "data", None), item("sef-review", "data", None),
                 item("sef-la", "data", la_code), *[[] for _ in range(8)]],
                "sef-save.n_clicks")


def sef_doc(change: Callable[[dict], None] | None = None) -> dict:
    """A small SEF as the page holds it (a theme, a strength, a plan), changed by ``change``."""
    data = sef_to_dict(add_plan(a_sef("Our front door is timely.")))
    if change:
        change(data)
    return data


def agenda(client: FlaskClient, meeting_id: object, action: str, index: object = 0,
           fields: dict | None = None):
    act = {"type": "meeting-act", "action": action, "index": index}
    ids = [{"type": "meeting-field", "name": name} for name in (fields or {})]
    return fire(client, act, [[item(act, "n_clicks", 1)]],
                [[item(i, "id", i) for i in ids],
                 [item(i, "value", v) for i, v in zip(ids, (fields or {}).values(),
                                                      strict=True)],
                 [], [], item("agenda-notes-base", "data", {}),
                 item("meeting-id", "data", meeting_id)],
                _prop_id(act, "n_clicks"))


def letter_save(client: FlaskClient, meeting_id: object, revision: object, body: object):
    return fire(client, "letter-save", [item("letter-save", "n_clicks", 1)],
                [item("letter-meeting", "data", meeting_id),
                 item("letter-revision", "data", revision),
                 item("letter-addressee", "value", "Jo Bloggs"),
                 item("letter-body", "value", body)],
                "letter-save.n_clicks")


def person(side: str, name: object, role: object, part: object) -> list[list[dict]]:
    """One attendee row of the record: its fields' ids, then their values."""
    fields = [({"type": "person", "field": f, "side": side, "index": 0}, v)
              for f, v in (("name", name), ("role", role), ("part", part))]
    return [[item(i, "id", i) for i, _v in fields], [item(i, "value", v) for i, v in fields]]


def record(client: FlaskClient, meeting_id: object, held: object = None,
           steps: list[tuple] | None = None):
    step_ids, step_values = [], []
    for row, values in enumerate(steps or []):
        for name, value in zip(("action", "owner", "due", "side"), values, strict=True):
            step = {"type": "step", "field": name, "index": row}
            step_ids.append(item(step, "id", step))
            step_values.append(item(step, "value", value))
    return fire(client, "record-save", [item("record-save", "n_clicks", 1)], [
        item("record-meeting", "data", meeting_id),
        item("record-held", "value", today_in_england().isoformat() if held is None else held),
        *person("ofsted", "Sam Senior", "Senior HMI", "senior_hmi"),
        *person("la", "Jo Bloggs", "Director of Children's Services", "dcs"),
        [], [], item("record-topics", "value", []), item("record-reason", "value", ""),
        item("record-scope-note", "value", ""), item("record-next-sef", "value", ""),
        item("record-next-meeting", "value", ""), step_ids, step_values, [], []],
        "record-save.n_clicks")


def schedule(client: FlaskClient, day: object, place: object = PLACE, la_code: object = "370"):
    return fire(client, "schedule-meeting", [item("schedule-meeting", "n_clicks", 1)],
                [item("meetings-la", "data", la_code), item("schedule-date", "value", day),
                 item("schedule-place", "value", place)],
                "schedule-meeting.n_clicks")


def add_note(client: FlaskClient, text: object, la_code: object = "370"):
    return fire(client, "note-add", [item("note-add", "n_clicks", 1)],
                [item("note-text", "value", text), item("notes-la", "data", la_code)],
                "note-add.n_clicks")


def create_account(client: FlaskClient, **values: object):
    form = dict(name="Corpus Person", email=f"corpus-{uuid4().hex[:8]}@example.org",
                password="a-long-enough-password-1", role="la_user", la="370", region=None,
                senior=False, dcs=False)
    form.update(values)
    return fire(client, "create-user", [item("create-user", "n_clicks", 1)], [
        item("new-name", "value", form["name"]), item("new-email", "value", form["email"]),
        item("new-password", "value", form["password"]), item("new-role", "value", form["role"]),
        item("new-la", "value", form["la"]), item("new-region", "value", form["region"]),
        item("new-senior", "value", form["senior"]), item("new-dcs", "value", form["dcs"])],
        "create-user.n_clicks")


def save_role(client: FlaskClient, user_id: object, role: object = "la_user",
              la_code: object = "370"):
    return fire(client, "save-role", [item("save-role", "n_clicks", 1)], [
        item("edit-user", "value", user_id), item("edit-role", "value", role),
        item("edit-la", "value", la_code), item("edit-region", "value", None),
        item("edit-senior", "value", False), item("edit-dcs", "value", False)],
        "save-role.n_clicks")


def toggle_active(client: FlaskClient, index: object, activate: object = False):
    button = {"type": "toggle-active", "index": index, "activate": activate}
    return fire(client, button, [[item(button, "n_clicks", 1)]], [],
                _prop_id(button, "n_clicks"))


def history(client: FlaskClient, la_code: object, which: object = "all"):
    return fire(client, "history-la",
                [item("history-la", "data", la_code), item("history-filter", "value", which)],
                [], "history-filter.value")


def region_download(client: FlaskClient, region_code: object):
    return fire(client, "region-export", [item("region-export", "n_clicks", 1)],
                [item("region-code", "data", region_code)], "region-export.n_clicks")


def sef_compare(client: FlaskClient, older: object, newer: object, la_code: object = "370"):
    return fire(client, "sef-compare", [item("sef-compare", "n_clicks", 1)],
                [item("sef-compare-a", "value", older), item("sef-compare-b", "value", newer),
                 item("sef-la", "data", la_code)], "sef-compare.n_clicks")


def sef_theme(client: FlaskClient, number: object, la_code: object = "370"):
    return fire(client, "sef-theme-choice", [item("sef-theme-choice", "value", "t0000000")],
                [item("sef-version-shown", "data", number), item("sef-la", "data", la_code)],
                "sef-theme-choice.value")


def confirm_share(client: FlaskClient, number: object, la_code: object = "370"):
    return fire(client, "sef-share-confirm", [item("sef-share-confirm", "n_clicks", 1)],
                [item("sef-share-number", "data", number),
                 item("sef-share-override", "value", ["checked"]),
                 item("sef-la", "data", la_code)], "sef-share-confirm.n_clicks")


def audit_search(client: FlaskClient, **filters: object):
    values = {"la": None, "entity": None, "person": None, "text": None, "since": None,
              "until": None, **filters}
    return fire(client, "audit-search", [item("audit-search", "n_clicks", 1)],
                [item(f"audit-{name}", "value", value) for name, value in values.items()],
                "audit-search.n_clicks")


def audit_to_the_last_day(ctx: Ctx) -> None:
    """The audit search with "To" on the last day a date can have: the answer is the
    changes found (all of them, or the newest when more than the search shows, as after
    other tests have written many) or a message about "To", never a server error."""
    text = shown_text(audit_search(ctx.client, until="9999-12-31"))
    assert ("change(s) found." in text or "Showing the newest" in text
            or "\u201cTo\u201d" in text), text[:400]


def sign_in_form(client: FlaskClient, email: str, password: str):
    page = client.get("/login")
    return client.post("/login", data={"email": email, "password": password, "next": "/",
                                       "csrf_token": csrf_from(page.get_data(as_text=True))})


# ---------------------------------------------------------------- uploads


def bad_file(name: str) -> bytes:
    return (BAD_FILES / name).read_bytes()


def workbook_without(sheet_name: str, heading: str) -> bytes:
    """A workbook that passes every check, but for one column left out of one sheet."""
    sheets = []
    for sheet in clean_upload("C1"):
        if sheet.name == sheet_name:
            keep = [i for i, h in enumerate(sheet.headings) if h != heading]
            sheet = replace(sheet, headings=[sheet.headings[i] for i in keep],
                            rows=[[row[i] for i in keep] for row in sheet.rows])
        sheets.append(sheet)
    return xlsx_bytes(sheets)


def workbook_with_unknown_sheet() -> bytes:
    """List 3 renamed and given headings no list has: it cannot be told for List 3."""
    sheets = [replace(s, name="Sheet1", headings=["Kid", "Sex", "Born on"],
                      rows=[["C1", "M", "sometime"]]) if s.name == "List 3" else s
              for s in clean_upload("C1")]
    return xlsx_bytes(sheets)


def refused_upload(response) -> list[dict]:
    """The problems listed for an upload the page says was not stored."""
    text = shown_text(response)
    assert "The upload was not stored" in text and "Nothing has been stored" in text, text[:400]
    return response.get_json()["response"]["mi-problems"]["data"]


def assert_problem(problems: list[dict], message: str,
                   where: tuple[object, object, object] | None = None) -> None:
    """Some error says ``message``; at ``where`` (sheet or file, row, column) if given."""
    found = [p for p in problems if p["severity"] == "error" and message in p["message"]
             and (where is None or (p["sheet"], p["row"], p["column"]) == where)]
    assert found, json.dumps(problems, ensure_ascii=False)[:800]


PASSWORD = ("This file is protected with a password. Open it, remove the password (in Excel: "
            "File > Info > Protect Workbook > Encrypt with Password, and clear it), save it "
            "and upload it again.")


def upload_case(case_id: str, kind: str, files: Callable[[], list[tuple[str, bytes]]],
                message: str, where: tuple | None = None, period: object = PERIOD,
                env: dict[str, str] | None = None, defect: str | None = None) -> Case:
    def run(ctx: Ctx) -> None:
        for name, value in (env or {}).items():
            ctx.monkeypatch.setenv(name, value)
        chosen = files()
        problems = refused_upload(submit(ctx.client, [encoded(c) for _, c in chosen],
                                         [n for n, _ in chosen], period))
        assert_problem(problems, message, where)
    return Case(case_id, kind, "la_barnsley", run, defect)


def upload_message_case(case_id: str, kind: str, message: str, period: object = PERIOD,
                        contents: object = None, filenames: object = None,
                        defect: str | None = None) -> Case:
    """A refusal in plain words on the page, with no problems listed: by the button's
    callback (no ticket for a job) or by the job before it reads a file."""
    def run(ctx: Ctx) -> None:
        response = submit(ctx.client,
                          [encoded(minimal_workbook())] if contents is None else contents,
                          ["lists.xlsx"] if filenames is None else filenames, period)
        expect_message(response, message)
        answer = response.get_json()["response"]
        assert answer.get("mi-problems", {}).get("data") is None
        assert "The figures were stored" not in shown_text(response)
    return Case(case_id, kind, "la_barnsley", run, defect)


def job_case(case_id: str, kind: str, account: str, ticket: Callable[[Ctx], object],
             message: str) -> Case:
    """A ticket posted straight to the background job, past the button's checks."""
    def run(ctx: Ctx) -> None:
        response = upload_job(ctx.client, ticket(ctx), [encoded(minimal_workbook())],
                              ["lists.xlsx"])
        expect_message(response, message)
        assert "The figures were stored" not in shown_text(response)
    return Case(case_id, kind, account, run)


TRAVERSAL_SIGNS = ("..", "/", "\\", "\x00")


def traversal_case(case_id: str, name: str, content: Callable[[], bytes], message: str,
                   defect: str | None = None) -> Case:
    """An upload under a name that climbs directories: refused in plain words, no name
    that is returned holds the climb, and no file appears where the name points."""

    def targets() -> list[Path]:
        clean = name.replace("\\", "/").replace("\x00", "")
        return [(base / clean).resolve() for base in
                (Path.cwd(), INSTANCE_DIR, Path(tempfile.gettempdir()))]

    def instance_files() -> set[str]:
        return {p.name for p in INSTANCE_DIR.iterdir()
                if not p.name.endswith(("-journal", "-wal", "-shm"))}

    def run(ctx: Ctx) -> None:
        assert not any(t.exists() for t in targets())
        files_before = instance_files()
        problems = refused_upload(submit(ctx.client, [encoded(content())], [name]))
        assert_problem(problems, message)
        assert not any(t.exists() for t in targets())
        assert instance_files() == files_before
        returned = [p["sheet"] for p in problems]
        assert not [s for s in returned if any(sign in s for sign in TRAVERSAL_SIGNS)], returned
    return Case(case_id, "traversal", "la_barnsley", run, defect)


# ---------------------------------------------------------------- pages and downloads


def page_case(case_id: str, kind: str, account: str, path: Callable[[Others], str] | str,
              message: str, absent: tuple[str, ...] = ()) -> Case:
    def run(ctx: Ctx) -> None:
        address = path(ctx.others) if callable(path) else path
        response = page_content(ctx.client, address)
        expect_page_refusal(response, message)
        for words in absent:
            assert words not in response.get_data(as_text=True)
    return Case(case_id, kind, account, run)


def get_case(case_id: str, kind: str, account: str, url: Callable[[Others], str] | str,
             status: int, message: str, defect: str | None = None) -> Case:
    def run(ctx: Ctx) -> None:
        response = ctx.client.get(url(ctx.others) if callable(url) else url)
        expect_refusal(response, status, message)
        assert PLACE.encode() not in response.data
    return Case(case_id, kind, account, run, defect)


def call_case(case_id: str, kind: str, account: str | None,
              send: Callable[[Ctx], object], status: int, message: str,
              defect: str | None = None, cleanup: Callable[[], None] | None = None) -> Case:
    """A callback refused with a JSON error (400, 401, 403, 404) and its message."""
    def run(ctx: Ctx) -> None:
        expect_refusal(send(ctx), status, message)
    return Case(case_id, kind, account, run, defect, cleanup)


def told_case(case_id: str, kind: str, account: str, send: Callable[[Ctx], object],
              message: str, form: bool = False, defect: str | None = None,
              cleanup: Callable[[], None] | None = None) -> Case:
    """A callback that answers 200 with a plain-words message in the page."""
    def run(ctx: Ctx) -> None:
        response = send(ctx)
        (expect_form_error if form else expect_message)(response, message)
    return Case(case_id, kind, account, run, defect, cleanup)


# ---------------------------------------------------------------- cases needing more


def huge_json_body(ctx: Ctx) -> None:
    limit = load_settings().max_request_mb * 1024 * 1024
    body = b'{"output":"x.children","pad":"' + b"a" * limit + b'"}'
    response = ctx.client.post("/_dash-update-component", data=body, headers={
        **csrf_header(ctx.client), "Content-Type": "application/json"})
    assert response.status_code == 413, _said(response)
    assert response.get_json() == {"error": "That request is too large."}


def raw_body(data: bytes) -> Callable[[Ctx], None]:
    """A callback body the renderer never sends: refused with 400 before Dash runs it."""
    def run(ctx: Ctx) -> None:
        response = ctx.client.post("/_dash-update-component", data=data, headers={
            **csrf_header(ctx.client), "Content-Type": "application/json"})
        expect_refusal(response, 400, "That request is not valid.")
    return run


def changed_sef_save_body(change: Callable[[dict], None]) -> Callable[[Ctx], None]:
    """The SEF's save callback as the renderer sends it, then changed by ``change``: the
    gate compares it with the callback's declaration and answers 400 (issue 15)."""
    def run(ctx: Ctx) -> None:
        headers = csrf_header(ctx.client)
        key, spec = _registered_outputs(ctx.client, "sef-save")
        body = {"output": key, "outputs": [[] if o["id"].startswith("{") else o
                                            for o in spec],
                "inputs": [item("sef-save", "n_clicks", 1),
                           item("sef-autosave", "n_intervals", None),
                           item("sef-refresh", "n_clicks", 0), []],
                "state": [item("sef-doc", "data", sef_doc()), item("sef-base", "data", 0),
                          item("sef-conflict-base", "data", None),
                          item("sef-review", "data", None),
                          item("sef-la", "data", "370"), *[[] for _ in range(8)]],
                "changedPropIds": ["sef-save.n_clicks"]}
        change(body)
        response = ctx.client.post("/_dash-update-component", json=body, headers=headers)
        expect_refusal(response, 400, "That request is not valid.")
    return run


def someone_elses_job(account: str) -> Callable[[Ctx], object]:
    """Post the handles of a job that ``account`` started in another session (as an access
    log used to record them); the job's answer is never reached."""
    def send(ctx: Ctx) -> object:
        from dashboard.config import load_settings
        from dashboard.storage.models import User
        from dashboard.web.job_handles import bind_handles, session_owner

        with session_scope() as session:
            user_id = session.scalars(select(User.id).where(
                User.email == ACCOUNTS[account]["email"])).one()
        owner = session_owner(user_id, "another-session")
        handles = bind_handles({"cacheKey": "a" * 64 + "~" + "b" * 64, "job": "4242~" + "c" * 64},
                               load_settings().secret_key.encode(), owner)
        return post_callback(ctx.client, [("mi-job", "data", None)], [
            ("mi-upload", "contents", None), ("mi-upload", "filename", ["lists.xlsx"])],
            query={"cacheKey": handles["cacheKey"], "job": handles["job"]})
    return send


def failed_sign_in(email: str, password: str) -> Callable[[Ctx], None]:
    def run(ctx: Ctx) -> None:
        response = sign_in_form(ctx.client, email, password)
        assert response.status_code == 401, _said(response)
        assert "The email address or password is not right" in response.get_data(as_text=True)
    return run


def drop_account(email: str) -> Callable[[], None]:
    """Undo an account a defect let through, so the shared database stays as it was."""
    def cleanup() -> None:
        with session_scope() as session:
            session.execute(delete(User).where(User.email == email))
    return cleanup


def too_many_steps() -> list[tuple]:
    due = (today_in_england() + timedelta(days=90)).isoformat()
    return [(f"Action {n}", "Head of service", due, "la") for n in range(31)]


def set_path(data: dict, path: tuple, value: object) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def with_value(path: tuple, value: object) -> Callable[[], dict]:
    return lambda: sef_doc(lambda data: set_path(data, path, value))


THEME_NAME = ("themes", 0, "name")
THEME_ID = ("themes", 0, "id")
STATEMENT_TEXT = ("themes", 0, "statements", 0, "text")
PLAN_DUE = ("plans", 0, "due")

def sef_purge(client: FlaskClient, number: object, reason: object = "A reason",
              la_code: object = "370", look_for: object = ""):
    """The purge form's button: remove a version's words, or ask to (issue 15)."""
    return fire(client, "sef-purge-confirm", [item("sef-purge-confirm", "n_clicks", 1)],
                [item("sef-purge-number", "data", number),
                 item("sef-purge-reason", "value", reason),
                 item("sef-purge-look-for", "value", look_for),
                 item("sef-la", "data", la_code)], "sef-purge-confirm.n_clicks")


def purge_open(client: FlaskClient, number: object, la_code: object = "370"):
    button = {"type": "sef-purge-open", "number": number}
    return fire(client, button, [[item(button, "n_clicks", 1)]],
                [item("sef-la", "data", la_code)], _prop_id(button, "n_clicks"))


def purge_decide(client: FlaskClient, purge_id: object, decision: object = "confirm"):
    button = {"type": "purge-decide", "id": purge_id, "decision": decision}
    return fire(client, button, [[item(button, "n_clicks", 1)]], [],
                _prop_id(button, "n_clicks"))


PURGE_REFUSED = "Only this local authority's own users may remove words from its self-evaluation."
DECIDE_REFUSED = "Only administrators confirm removing words from a shared self-evaluation."

# ---------------------------------------------------------------- the corpus


def corpus_workbook() -> bytes:
    return minimal_workbook()


CASES: list[Case] = [
    # ------------------------------------------------------------ oversized
    upload_case("upload_over_MAX_UPLOAD_MB", "oversized",
                lambda: [("lists.xlsx", b"PK\x03\x04" + b"\x00" * (1024 * 1024 + 1))],
                "The upload is larger than 1 MB", ("lists.xlsx", None, None),
                env={"MAX_UPLOAD_MB": "1"}),
    upload_case("two_files_together_over_MAX_UPLOAD_MB", "oversized",
                lambda: [("List 1.csv", b"a,b\r\n" + b"1,2\r\n" * 130_000),
                         ("List 2.csv", b"a,b\r\n" + b"1,2\r\n" * 130_000)],
                "The upload is larger than 1 MB", ("List 2.csv", None, None),
                env={"MAX_UPLOAD_MB": "1"}),
    upload_case("csv_rows_over_MAX_UPLOAD_ROWS", "oversized",
                lambda: [("List 3.csv", ("Child Unique ID,Date of referral\r\n" + "".join(
                    f"C{n},01/10/2026\r\n" for n in range(60))).encode())],
                "more than 50 rows", ("List 3.csv", None, None),
                env={"MAX_UPLOAD_ROWS": "50"}),
    upload_case("valid_workbook_rows_over_MAX_UPLOAD_ROWS", "oversized",
                lambda: [("lists.xlsx", corpus_workbook())],
                "more than 10 rows in all", ("lists.xlsx", None, None),
                env={"MAX_UPLOAD_ROWS": "10"}),
    upload_case("sheet_claiming_a_million_rows", "oversized",
                lambda: [("sparse_grid.xlsx", bad_file("sparse_grid.xlsx"))],
                "spans 1,048,576 rows and 16,384 columns", ("sparse_grid.xlsx", None, None)),
    Case("json_body_over_MAX_REQUEST_MB", "oversized", "la_barnsley", huge_json_body),
    told_case("note_over_5000_characters", "oversized", "hmi_neyh",
              lambda ctx: add_note(ctx.client, "n" * 5001),
              "A note can be at most 5,000 characters."),
    told_case("agenda_comment_over_5000_characters", "oversized", "la_barnsley",
              lambda ctx: agenda(ctx.client, ctx.others.open_meeting, "comment",
                                 fields={"comment": "c" * 5001}),
              "Comment can be at most 5,000 characters.", form=True),
    told_case("meeting_place_over_200_characters", "oversized", "hmi_neyh",
              lambda ctx: schedule(ctx.client, "2027-03-01", "p" * 10_000),
              "Place, or online can be at most 200 characters.", form=True),
    told_case("account_full_name_over_120_characters", "oversized", "admin",
              lambda ctx: create_account(ctx.client, name="N" * 121),
              "Full name: Enter the person's full name (up to 120 characters)."),
    call_case("sef_statement_over_20000_characters", "oversized", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(STATEMENT_TEXT, "s" * 20_001)()),
              400, "A statement is longer than 20,000 characters"),
    call_case("sef_more_than_200_themes", "oversized", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(("themes",), [
                  {"id": f"t{n:08x}", "name": "Theme"} for n in range(201)])()),
              400, "Themes must be a list of at most 200 items."),
    told_case("letter_over_300000_characters", "oversized", "hmi_neyh",
              lambda ctx: letter_save(ctx.client, ctx.others.held_meeting,
                                      ctx.others.letter_revision, "w " * 150_001),
              "The letter can be at most 300,000 characters.", form=True),
    told_case("record_with_31_next_steps", "oversized", "hmi_neyh",
              lambda ctx: record(ctx.client, ctx.others.held_meeting, steps=too_many_steps()),
              "Record at most 30 next steps.", form=True),
    told_case("audit_words_over_200_characters", "oversized", "admin",
              lambda ctx: audit_search(ctx.client, text="w" * 201),
              "is too long: use at most 200 characters."),
    told_case("attendees_more_than_30_people", "oversized", "la_barnsley",
              lambda ctx: agenda(ctx.client, ctx.others.open_meeting, "attendees-la", fields={
                  "attendees-la": "\n".join(f"Person {n}, Officer" for n in range(31))}),
              "Name at most 30 people.", form=True),
    told_case("attendee_line_over_200_characters", "oversized", "la_barnsley",
              lambda ctx: agenda(ctx.client, ctx.others.open_meeting, "attendees-la",
                                 fields={"attendees-la": "A" * 201}),
              "Line 1 is longer than 200 characters.", form=True),
    # ------------------------------------------------------------ malformed
    upload_case("text_file_named_xlsx", "malformed",
                lambda: [("lists.xlsx", bad_file("not_a_zip.xlsx"))],
                "not an Excel workbook (.xlsx), although it is named as one",
                ("lists.xlsx", None, None)),
    upload_case("zip_without_a_workbook", "malformed",
                lambda: [("lists.xlsx", bad_file("not_a_workbook.xlsx"))],
                "zip archive but not an Excel workbook", ("lists.xlsx", None, None)),
    upload_case("truncated_xlsx", "malformed",
                lambda: [("lists.xlsx", corpus_workbook()[:2000])],
                "This Excel file is damaged and cannot be opened.", ("lists.xlsx", None, None)),
    upload_case("zip_bomb", "malformed", lambda: [("zip_bomb.xlsx", bad_file("zip_bomb.xlsx"))],
                "unpacks to more than 400 MB", ("zip_bomb.xlsx", None, None)),
    upload_case("zip_bomb_with_lying_headers", "malformed",
                lambda: [("lists.xlsx", bad_file("understated_sizes.xlsx"))],
                "unpacks to more data than it claims", ("lists.xlsx", None, None)),
    upload_case("xml_entity_bomb", "malformed",
                lambda: [("lists.xlsx", bad_file("xml_bomb.xlsx"))],
                "declares a document type", ("lists.xlsx", None, None)),
    upload_case("xml_entity_bomb_in_utf16le_workbook_xml", "malformed",
                lambda: [("lists.xlsx", bad_file("xml_bomb_utf16le_workbook.xlsx"))],
                "declares a document type", ("lists.xlsx", None, None)),
    upload_case("xml_entity_bomb_in_utf16be_workbook_xml", "malformed",
                lambda: [("lists.xlsx", bad_file("xml_bomb_utf16be_workbook.xlsx"))],
                "declares a document type", ("lists.xlsx", None, None)),
    upload_case("xml_entity_bomb_in_utf16_sheet", "malformed",
                lambda: [("lists.xlsx", bad_file("xml_bomb_utf16_sheet.xlsx"))],
                "declares a document type", ("lists.xlsx", None, None)),
    upload_case("sheet_that_needs_unbounded_memory", "malformed",
                lambda: [("lists.xlsx", bad_file("sparse_grid_no_dimension.xlsx"))],
                "could not be read safely", ("lists.xlsx", None, None)),
    upload_case("damaged_xls_file", "malformed",
                lambda: [("old_format.xls", bad_file("old_format.xls"))],
                "This Excel file is damaged and cannot be opened.",
                ("old_format.xls", None, None)),
    upload_case("damaged_xls_renamed_to_xlsx", "malformed",
                lambda: [("lists.xlsx", bad_file("old_format.xls"))],
                "This Excel file is damaged and cannot be opened.", ("lists.xlsx", None, None)),
    upload_case("text_file_named_xls", "malformed",
                lambda: [("lists.xls", bad_file("text_file.xls"))],
                "not an Excel 97-2003 workbook (.xls), although it is named as one",
                ("lists.xls", None, None)),
    upload_case("xlsx_renamed_to_ods_is_read_as_xlsx", "malformed",
                lambda: [("lists.ods", bad_file("missing_sheets.xlsx"))],
                "List 1: Contacts is missing", None),
    upload_case("zip_bomb_in_ods", "malformed",
                lambda: [("lists.ods", bad_file("zip_bomb.ods"))],
                "unpacks to more than 400 MB", ("lists.ods", None, None)),
    upload_case("xml_entity_bomb_in_ods_content", "malformed",
                lambda: [("lists.ods", bad_file("xml_bomb.ods"))],
                "declares a document type", ("lists.ods", None, None)),
    upload_case("zip_bomb_in_xlsb", "malformed",
                lambda: [("lists.xlsb", bad_file("zip_bomb.xlsb"))],
                "unpacks to more than 400 MB", ("lists.xlsb", None, None)),
    upload_case("encrypted_xlsx", "malformed",
                lambda: [("lists.xlsx", bad_file("encrypted.xlsx"))],
                PASSWORD, ("lists.xlsx", None, None)),
    upload_case("encrypted_xlsb", "malformed",
                lambda: [("lists.xlsb", bad_file("encrypted.xlsx"))],
                PASSWORD, ("lists.xlsb", None, None)),
    upload_case("encrypted_xls", "malformed",
                lambda: [("lists.xls", bad_file("encrypted.xls"))],
                PASSWORD, ("lists.xls", None, None)),
    upload_case("xor_obfuscated_xls", "malformed",
                lambda: [("lists.xls", bad_file("encrypted_xor.xls"))],
                PASSWORD, ("lists.xls", None, None)),
    upload_case("encrypted_ods", "malformed",
                lambda: [("lists.ods", bad_file("encrypted.ods"))],
                PASSWORD, ("lists.ods", None, None)),
    upload_case("xls_whose_directory_chain_loops", "malformed",
                lambda: [("lists.xls", bad_file("fat_loop.xls"))],
                "could not be read safely", ("lists.xls", None, None)),
    upload_case("xls_claiming_a_4gb_stream_round_a_looping_chain", "malformed",
                lambda: [("lists.xls", bad_file("oversized_directory_claim.xls"))],
                "could not be read safely", ("lists.xls", None, None)),
    upload_case("xlsx_renamed_to_csv", "malformed",
                lambda: [("lists.csv", corpus_workbook())],
                "workbook named as a CSV", ("lists.csv", None, None)),
    upload_case("csv_in_utf16", "malformed",
                lambda: [("List 3.csv", bad_file("text_in_dates.csv").decode().encode("utf-16"))],
                "This file is not a CSV text file.", ("List 3.csv", None, None)),
    upload_case("csv_with_nul_bytes", "malformed",
                lambda: [("List 3.csv", b"Child Unique ID,Gender\r\nC1\x00,M\r\n")],
                "This file is not a CSV text file.", ("List 3.csv", None, None)),
    upload_case("empty_csv", "malformed", lambda: [("List 3.csv", b"")],
                "This file is empty.", ("List 3.csv", None, None)),
    upload_case("wrong_sheet_name_and_headings", "malformed",
                lambda: [("lists.xlsx", workbook_with_unknown_sheet())],
                "List 3: Referrals is missing", ("(whole upload)", None, None)),
    upload_case("headings_of_no_list", "malformed",
                lambda: [("wrong_headings.csv", bad_file("wrong_headings.csv"))],
                "List 3: Referrals is missing"),
    upload_case("required_column_missing", "malformed",
                lambda: [("lists.xlsx", workbook_without("List 3", "Date of referral"))],
                "The column \u201cDate of referral\u201d is missing",
                ("List 3", None, "Date of referral")),
    upload_case("lists_missing_from_workbook", "malformed",
                lambda: [("lists.xlsx", bad_file("missing_sheets.xlsx"))],
                "List 5: Section 47 enquiries is missing", ("(whole upload)", None, None)),
    upload_case("text_in_a_date_column", "malformed",
                lambda: [("text_in_dates.csv", bad_file("text_in_dates.csv"))],
                "is not a date", ("text_in_dates", 2, "Date of referral")),
    upload_case("impossible_date", "malformed",
                lambda: [("impossible_dates.csv", bad_file("impossible_dates.csv"))],
                "is not a real date", ("impossible_dates", 2, "Date of referral")),
    upload_case("dates_after_the_extraction_date", "malformed",
                lambda: [("lists.xlsx", corpus_workbook())],
                "is after the date the lists were extracted (01/01/2020)",
                ("List 3", 2, "Date of referral"), period="2020-01-01"),
    upload_case("valid_workbook_with_a_damaged_second_file", "malformed",
                lambda: [("lists.xlsx", corpus_workbook()),
                         ("extra.xlsx", b"PK\x03\x04 not really a zip")],
                "This Excel file is damaged and cannot be opened.", ("extra.xlsx", None, None)),
    upload_message_case("base64_garbage_in_upload_contents", "malformed",
                        "The upload is not in the expected form.",
                        contents=[XLSX_MIME + "@@not*base64!!"]),
    upload_message_case("upload_contents_without_data_url", "malformed",
                        "The upload is not in the expected form.",
                        contents=[base64.b64encode(b"x" * 40).decode()]),
    upload_message_case("more_files_than_file_names", "malformed",
                        "The upload is not in the expected form.",
                        contents=[encoded(b"a"), encoded(b"b")]),
    Case("callback_body_not_json", "malformed", "la_barnsley",
         raw_body(b'{"output": "mi-result.children", ')),
    Case("callback_body_a_json_list", "malformed", "la_barnsley", raw_body(b"[1, 2, 3]")),
    Case("callback_body_a_json_string", "malformed", "la_barnsley",
         raw_body(b'"mi-submit.n_clicks"')),
    Case("callback_body_an_empty_object", "malformed", "la_barnsley", raw_body(b"{}")),
    Case("callback_body_inputs_not_a_list", "malformed", "la_barnsley", raw_body(json.dumps({
        "output": "mi-status.children", "outputs": {"id": "mi-status", "property": "children"},
        "inputs": {"id": "mi-submit"}, "state": [], "changedPropIds": ["mi-submit.n_clicks"],
    }).encode())),
    Case("callback_body_nested_100000_deep", "malformed", "la_barnsley",
         raw_body(b'{"output": "x.children", "inputs": ' + b"[" * 100_000 + b"]" * 100_000
                  + b"}")),
    # ------------------------------------------------------------ wrong types
    call_case("upload_la_code_as_list", "wrong_type", "la_barnsley",
              lambda ctx: submit(ctx.client, [encoded(b"x")], ["a.xlsx"], la_code=["370"]),
              400, "The page is out of date; reload it."),
    upload_message_case("upload_contents_as_dict", "wrong_type",
                        "The upload is not in the expected form.",
                        contents={"file": encoded(b"x")}),
    upload_message_case("upload_file_name_as_number", "wrong_type",
                        "The upload is not in the expected form.", filenames=[12345]),
    upload_message_case("upload_date_as_list", "wrong_type",
                        "The date the lists were extracted is not a real date.",
                        period=[PERIOD]),
    upload_message_case("upload_date_as_huge_number", "wrong_type",
                        "The date the lists were extracted is not a real date.",
                        period=10**30),
    upload_message_case("upload_date_as_boolean", "wrong_type",
                        "The date the lists were extracted is not a real date.", period=True),
    upload_message_case("upload_date_not_iso", "wrong_type",
                        "The date the lists were extracted is not a real date.",
                        period="31/10/2026"),
    upload_message_case("upload_date_in_the_future", "wrong_type",
                        "The date the lists were extracted cannot be in the future.",
                        period="2999-01-01"),
    upload_message_case("upload_date_null", "wrong_type",
                        "Enter the date the lists were extracted.", period=None),
    job_case("upload_ticket_la_code_as_number", "wrong_type", "la_barnsley",
             lambda ctx: {"la": 370, "period": PERIOD, "ticket": "corpus"},
             "The page is out of date; reload it."),
    call_case("pending_upload_id_as_text", "wrong_type", "la_camden",
              lambda ctx: answer_pending(ctx.client, str(ctx.others.camden_pending), "202"),
              400, "There is no upload waiting for an answer."),
    call_case("pending_upload_id_as_boolean", "wrong_type", "la_camden",
              lambda ctx: answer_pending(ctx.client, True, "202"),
              400, "That upload is not known."),
    told_case("pending_upload_id_negative", "wrong_type", "la_camden",
              lambda ctx: answer_pending(ctx.client, -1, "202"),
              "That upload is no longer waiting; upload the file again."),
    told_case("pending_upload_id_huge", "wrong_type", "la_camden",
              lambda ctx: answer_pending(ctx.client, HUGE_ID, "202", "mi-cancel"),
              "That upload is no longer waiting"),
    call_case("sef_document_null", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, None),
              400, "The self-evaluation is not in the expected form."),
    call_case("sef_document_as_list", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, [sef_doc()]),
              400, "The self-evaluation is not in the expected form."),
    call_case("sef_base_version_as_text", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, sef_doc(), "1"),
              400, "The page is out of date; reload it."),
    call_case("sef_base_version_negative", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, sef_doc(), -1),
              400, "The page is out of date; reload it."),
    call_case("sef_base_version_huge", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, sef_doc(), HUGE_ID),
              400, "The page is out of date; reload it."),
    call_case("sef_base_version_boolean", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, sef_doc(), True),
              400, "The page is out of date; reload it."),
    call_case("sef_length_limit_huge", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(("length_limit_words",), 10**12)()),
              400, "The length limit must be a whole number of words from 100 to 100,000."),
    call_case("sef_length_limit_negative", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(("length_limit_words",), -5)()),
              400, "The length limit must be a whole number of words from 100 to 100,000."),
    call_case("sef_theme_name_as_number", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(THEME_NAME, 123)()),
              400, "A theme's name must be text."),
    call_case("sef_plan_due_not_iso", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(PLAN_DUE, "31/12/2026")()),
              400, "A plan's due date is not a real date."),
    call_case("sef_plan_due_impossible", "wrong_type", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(PLAN_DUE, "2026-02-30")()),
              400, "A plan's due date is not a real date."),
    call_case("sef_share_version_huge", "wrong_type", "la_barnsley",
              lambda ctx: confirm_share(ctx.client, HUGE_ID),
              400, "The page is out of date; reload it."),
    call_case("agenda_comment_as_dict", "wrong_type", "la_barnsley",
              lambda ctx: agenda(ctx.client, ctx.others.open_meeting, "comment",
                                 fields={"comment": {"text": "x"}}),
              400, "Comment: the page sent something unexpected; reload it."),
    call_case("agenda_meeting_id_as_list", "wrong_type", "la_barnsley",
              lambda ctx: agenda(ctx.client, [ctx.others.open_meeting], "comment",
                                 fields={"comment": "Listed"}),
              404, "There is no such meeting."),
    call_case("agenda_meeting_id_huge", "wrong_type", "la_barnsley",
              lambda ctx: agenda(ctx.client, HUGE_ID, "comment", fields={"comment": "Huge"}),
              404, "There is no such meeting."),
    call_case("agenda_meeting_id_zero", "wrong_type", "la_barnsley",
              lambda ctx: agenda(ctx.client, 0, "comment", fields={"comment": "Zero"}),
              404, "There is no such meeting."),
    call_case("agenda_meeting_id_negative", "wrong_type", "la_barnsley",
              lambda ctx: agenda(ctx.client, -ctx.others.open_meeting, "comment",
                                 fields={"comment": "Negative"}),
              404, "There is no such meeting."),
    call_case("agenda_proposal_index_huge", "wrong_type", "hmi_neyh",
              lambda ctx: agenda(ctx.client, ctx.others.open_meeting, "accept", index=HUGE_ID),
              400, "That proposal is not open on this agenda"),
    call_case("letter_revision_as_boolean", "wrong_type", "hmi_neyh",
              lambda ctx: letter_save(ctx.client, ctx.others.held_meeting, True, "Text"),
              400, "The page is out of date; reload it."),
    call_case("letter_body_as_list", "wrong_type", "hmi_neyh",
              lambda ctx: letter_save(ctx.client, ctx.others.held_meeting,
                                      ctx.others.letter_revision, ["Text"]),
              400, "The letter: the page sent something unexpected; reload it."),
    call_case("letter_meeting_id_huge", "wrong_type", "hmi_neyh",
              lambda ctx: letter_save(ctx.client, HUGE_ID, ctx.others.letter_revision, "Text"),
              404, "There is no such meeting."),
    told_case("meeting_date_as_number", "wrong_type", "hmi_neyh",
              lambda ctx: schedule(ctx.client, 20270301),
              "Date of the meeting: enter a date.", form=True),
    told_case("meeting_date_not_iso", "wrong_type", "hmi_neyh",
              lambda ctx: schedule(ctx.client, "01/03/2027"),
              "is not a date.", form=True),
    told_case("meeting_date_year_9999", "wrong_type", "hmi_neyh",
              lambda ctx: schedule(ctx.client, "9999-12-31"),
              "Date of the meeting: choose a date between", form=True),
    told_case("record_date_not_iso", "wrong_type", "hmi_neyh",
              lambda ctx: record(ctx.client, ctx.others.held_meeting, held="31/12/2026"),
              "Date of the meeting: \u201c31/12/2026\u201d is not a date.", form=True),
    told_case("next_step_due_in_year_1", "wrong_type", "hmi_neyh",
              lambda ctx: record(ctx.client, ctx.others.held_meeting,
                                 steps=[("Audit", "Jo", "0001-01-01", "la")]),
              "Next step 1: due: check the year.", form=True),
    call_case("next_step_side_as_number", "wrong_type", "hmi_neyh",
              lambda ctx: record(ctx.client, ctx.others.held_meeting,
                                 steps=[("Audit", "Jo", "2027-01-01", 1)]),
              400, "Unknown side for a next step; reload the page."),
    told_case("account_role_as_number", "wrong_type", "admin",
              lambda ctx: create_account(ctx.client, role=1),
              "Role: Choose a role."),
    told_case("account_email_as_dict", "wrong_type", "admin",
              lambda ctx: create_account(ctx.client, email={"address": "a@example.org"}),
              "Email address: Enter an email address like name@example.gov.uk."),
    told_case("account_button_index_huge", "wrong_type", "admin",
              lambda ctx: toggle_active(ctx.client, HUGE_ID),
              "That account no longer exists."),
    told_case("account_to_change_huge_number", "wrong_type", "admin",
              lambda ctx: save_role(ctx.client, "99999999999999999999"),
              "That account no longer exists."),
    call_case("account_button_activate_as_text", "wrong_type", "admin",
              lambda ctx: toggle_active(ctx.client, 1, "false"),
              400, "That button is not one of ours."),
    call_case("audit_filter_as_list", "wrong_type", "admin",
              lambda ctx: audit_search(ctx.client, la=["370"]),
              400, "The page is out of date; reload it."),
    told_case("audit_from_after_to", "wrong_type", "admin",
              lambda ctx: audit_search(ctx.client, since="2026-02-01", until="2026-01-01"),
              "must be on or before"),
    told_case("audit_from_date_not_iso", "wrong_type", "admin",
              lambda ctx: audit_search(ctx.client, since="31/12/2026"),
              "is not a real date."),
    Case("audit_to_date_year_9999", "wrong_type", "admin", audit_to_the_last_day),
    told_case("note_text_as_list", "wrong_type", "hmi_neyh",
              lambda ctx: add_note(ctx.client, ["A note"]),
              "Write the note first."),
    call_case("note_la_code_as_dict", "wrong_type", "hmi_neyh",
              lambda ctx: add_note(ctx.client, "A note", {"la": "370"}),
              400, "The page is out of date; reload it."),
    call_case("region_filter_as_dict", "wrong_type", "hmi_neyh",
              lambda ctx: fire(ctx.client, "region-filter",
                               [item("region-filter", "value", {"q": "x"})], [],
                               "region-filter.value"),
              400, "The filter is not in the expected form."),
    call_case("history_filter_as_list", "wrong_type", "la_barnsley",
              lambda ctx: history(ctx.client, "370", ["all"]),
              400, "Choose what to show."),
    # ------------------------------------------------------------ script and HTML
    told_case("script_in_account_email", "script", "admin",
              lambda ctx: create_account(ctx.client, email=SCRIPT_EMAIL),
              "Email address: Enter an email address like name@example.gov.uk.",
              cleanup=drop_account(SCRIPT_EMAIL.lower())),
    told_case("script_as_account_la_code", "script", "admin",
              lambda ctx: create_account(ctx.client, la=SCRIPT),
              "Local authority: Choose the local authority this user works for."),
    told_case("script_as_account_region", "script", "admin",
              lambda ctx: create_account(ctx.client, role="inspector", region=SCRIPT),
              "Ofsted region: Choose the Ofsted region this inspector covers."),
    upload_message_case("script_as_upload_date", "script",
                        "The date the lists were extracted is not a real date.",
                        period=SCRIPT),
    job_case("script_as_upload_ticket_date", "script", "la_barnsley",
             lambda ctx: {"la": "370", "period": SCRIPT, "ticket": "corpus"},
             "The page is out of date; reload it."),
    call_case("script_as_upload_la_code", "script", "la_barnsley",
              lambda ctx: submit(ctx.client, [encoded(b"x")], ["a.xlsx"], la_code=SCRIPT),
              404, "There is no local authority with that code."),
    told_case("script_as_meeting_date", "script", "hmi_neyh",
              lambda ctx: schedule(ctx.client, SCRIPT), "is not a date.", form=True),
    told_case("script_as_record_date", "script", "hmi_neyh",
              lambda ctx: record(ctx.client, ctx.others.held_meeting, held=SCRIPT),
              "Date of the meeting: \u201c<script>alert(1)</sc\u201d is not a date.",
              form=True),
    told_case("script_as_next_step_due", "script", "hmi_neyh",
              lambda ctx: record(ctx.client, ctx.others.held_meeting,
                                 steps=[("Audit", "Jo", SCRIPT, "la")]),
              "Next step 1: due: \u201c<script>alert(1)</sc\u201d is not a date.", form=True),
    call_case("script_as_sef_plan_due", "script", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(PLAN_DUE, SCRIPT)()),
              400, "A plan's due date is longer than 10 characters"),
    call_case("script_as_sef_theme_id", "script", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(THEME_ID, SCRIPT)()),
              400, "A theme has no valid id."),
    call_case("script_as_region_code", "script", "hmi_neyh",
              lambda ctx: region_download(ctx.client, SCRIPT),
              404, "There is no region with that code."),
    told_case("script_as_audit_date", "script", "admin",
              lambda ctx: audit_search(ctx.client, until=SCRIPT), "is not a real date."),
    page_case("script_in_indicators_address", "script", "la_barnsley",
              f"/indicators/{SCRIPT}", "There is no local authority with that code."),
    Case("script_as_sign_in_email", "script", None, failed_sign_in(SCRIPT_EMAIL, SCRIPT)),
    # ------------------------------------------------------------ SQL-looking text
    call_case("sql_as_upload_la_code", "sql", "la_barnsley",
              lambda ctx: submit(ctx.client, [encoded(corpus_workbook())], ["lists.xlsx"],
                                 la_code=SQL_OR),
              404, "There is no local authority with that code."),
    job_case("sql_as_upload_ticket_la_code", "sql", "la_barnsley",
             lambda ctx: ticket_for(ctx.client, SQL_OR, PERIOD),
             "There is no local authority with that code."),
    call_case("sql_as_sef_la_code", "sql", "la_barnsley",
              lambda ctx: sef_save(ctx.client, sef_doc(), 0, "370" + SQL_DROP),
              404, "There is no local authority with that code."),
    call_case("sql_as_note_la_code", "sql", "hmi_neyh",
              lambda ctx: add_note(ctx.client, "A note", SQL_OR),
              404, "There is no local authority with that code."),
    call_case("sql_as_region_code", "sql", "hmi_neyh",
              lambda ctx: region_download(ctx.client, "NEYH" + SQL_OR),
              404, "There is no region with that code."),
    call_case("sql_as_meeting_id", "sql", "la_barnsley",
              lambda ctx: agenda(ctx.client, "1 OR 1=1", "comment", fields={"comment": "x"}),
              404, "There is no such meeting."),
    call_case("sql_as_sef_version", "sql", "la_barnsley",
              lambda ctx: sef_compare(ctx.client, "1" + SQL_DROP, "1"),
              400, "Choose two versions to compare."),
    call_case("sql_as_sef_theme_id", "sql", "la_barnsley",
              lambda ctx: sef_save(ctx.client, with_value(THEME_ID, SQL_OR)()),
              400, "A theme has no valid id."),
    told_case("sql_as_account_email", "sql", "admin",
              lambda ctx: create_account(ctx.client, email=SQL_OR),
              "Email address: Enter an email address like name@example.gov.uk."),
    told_case("sql_as_account_la_code", "sql", "admin",
              lambda ctx: create_account(ctx.client, la=SQL_DROP),
              "Local authority: Choose the local authority this user works for."),
    told_case("sql_as_account_to_change", "sql", "admin",
              lambda ctx: save_role(ctx.client, "1 OR 1=1"),
              "Account: Choose the account to change."),
    call_case("sql_as_account_button_index", "sql", "admin",
              lambda ctx: toggle_active(ctx.client, "1 OR 1=1"),
              400, "That button is not one of ours."),
    Case("sql_as_sign_in_email_and_password", "sql", None, failed_sign_in(SQL_OR, SQL_OR)),
    page_case("sql_in_la_address", "sql", "admin", f"/la/{SQL_OR}",
              "There is no local authority with that code."),
    page_case("sql_in_meetings_address", "sql", "hmi_neyh", f"/meetings/{SQL_DROP}",
              "There is no local authority with that code."),
    page_case("sql_in_letter_address", "sql", "hmi_neyh", "/letter/1 OR 1=1",
              "There is no such meeting."),
    page_case("sql_in_sef_history_address", "sql", "la_barnsley", f"/sef-history/{SQL_OR}",
              "Page not found."),
    page_case("sql_in_region_address", "sql", "admin", f"/region/{SQL_OR}",
              "There is no region with that code."),
    get_case("sql_in_sef_download_address", "sql", "la_barnsley",
             f"/sef/{SQL_OR}/versions/1/print", 404,
             "There is no local authority with that code."),
    # ------------------------------------------------------------ path traversal
    traversal_case("posix_climb_in_workbook_name", "../../etc/passwd.xlsx",
                   lambda: b"not a workbook", "not an Excel workbook (.xlsx)"),
    traversal_case("posix_climb_in_csv_name", "../../etc/passwd.csv",
                   lambda: bad_file("text_in_dates.csv"), "is not a date"),
    traversal_case("windows_climb_in_csv_name", "..\\..\\boot.csv",
                   lambda: bad_file("text_in_dates.csv"), "is not a date"),
    traversal_case("windows_climb_to_boot_ini", "..\\..\\boot.ini",
                   lambda: b"[boot loader]", "Only Excel workbooks (.xlsx, .xls or .xlsb)"),
    traversal_case("nul_byte_in_file_name", "lists.xlsx\x00.csv",
                   lambda: corpus_workbook(), "workbook named as a CSV"),
    traversal_case("absolute_path_as_file_name", "/etc/passwd.csv",
                   lambda: bad_file("impossible_dates.csv"), "is not a real date"),
    # ------------------------------------------------------------ forged requests
    call_case("barnsley_uploads_for_camden", "forged", "la_barnsley",
              lambda ctx: submit(ctx.client, [encoded(corpus_workbook())], ["lists.xlsx"],
                                 la_code="202"),
              403, "You may not upload figures for this local authority."),
    job_case("camden_forges_an_upload_ticket_for_barnsley", "forged", "la_camden",
             lambda ctx: {"la": "370", "period": PERIOD, "ticket": "corpus"},
             "The page is out of date; reload it."),
    # a correctly signed ticket the button would never give: the service refuses it
    job_case("camden_holds_a_signed_upload_ticket_for_barnsley", "forged", "la_camden",
             lambda ctx: ticket_for(ctx.client, "370", PERIOD),
             "You may not upload figures for this local authority."),
    job_case("upload_ticket_with_a_forged_signature", "forged", "la_barnsley",
             lambda ctx: ticket_for(ctx.client, "370", PERIOD)[:-6] + "AAAAAA",
             "The page is out of date; reload it."),
    job_case("upload_ticket_with_a_future_date", "forged", "la_barnsley",
             lambda ctx: ticket_for(ctx.client, "370", "2999-01-01"),
             "The page is out of date; reload it."),
    call_case("regions_inspector_uploads_for_barnsley", "forged", "hmi_neyh",
              lambda ctx: submit(ctx.client, [encoded(corpus_workbook())], ["lists.xlsx"]),
              403, "You may not upload figures for this local authority."),
    call_case("barnsley_confirms_camdens_upload", "forged", "la_barnsley",
              lambda ctx: answer_pending(ctx.client, ctx.others.camden_pending, "370"),
              403, "You may not upload figures for this local authority."),
    call_case("london_inspector_discards_camdens_upload", "forged", "hmi_london",
              lambda ctx: answer_pending(ctx.client, ctx.others.camden_pending, "202",
                                         "mi-cancel"),
              403, "You may not upload figures for this local authority."),
    call_case("barnsley_saves_camdens_sef", "forged", "la_barnsley",
              lambda ctx: sef_save(ctx.client, sef_doc(), 0, "202"),
              403, "Only this local authority's own users may edit its self-evaluation."),
    call_case("camden_shares_barnsleys_sef", "forged", "la_camden",
              lambda ctx: confirm_share(ctx.client, ctx.others.shared_sef, "370"),
              403, "Only this local authority's own users may edit its self-evaluation."),
    call_case("regions_inspector_saves_barnsleys_sef", "forged", "hmi_neyh",
              lambda ctx: sef_save(ctx.client, sef_doc(), 0, "370"),
              403, "Only this local authority's own users may edit its self-evaluation."),
    call_case("london_inspector_reads_barnsleys_sef_theme", "forged", "hmi_london",
              lambda ctx: sef_theme(ctx.client, ctx.others.shared_sef),
              403, "You do not have access to this local authority."),
    call_case("barnsley_asks_camdens_history", "forged", "la_barnsley",
              lambda ctx: history(ctx.client, "202"),
              403, "You do not have access to this local authority."),
    call_case("london_inspector_agrees_neyh_agenda", "forged", "hmi_london",
              lambda ctx: agenda(ctx.client, ctx.others.open_meeting, "agree"),
              404, "There is no such meeting."),
    call_case("doncaster_comments_on_barnsleys_meeting", "forged", "la_doncaster",
              lambda ctx: agenda(ctx.client, ctx.others.open_meeting, "comment",
                                 fields={"comment": "Forged comment"}),
              404, "There is no such meeting."),
    call_case("barnsley_names_ofsteds_attendees", "forged", "la_barnsley",
              lambda ctx: agenda(ctx.client, ctx.others.open_meeting, "attendees-ofsted",
                                 fields={"attendees-ofsted": "Intruder, HMI"}),
              403, "Each side names its own attendees (paragraph 46)."),
    call_case("unknown_agenda_action", "forged", "la_barnsley",
              lambda ctx: agenda(ctx.client, ctx.others.open_meeting, "no-such-action"),
              400, "The page sent an action it does not have; reload it."),
    call_case("london_inspector_saves_neyh_letter", "forged", "hmi_london",
              lambda ctx: letter_save(ctx.client, ctx.others.held_meeting,
                                      ctx.others.letter_revision, "Forged letter"),
              404, "There is no such meeting."),
    call_case("barnsley_saves_its_draft_letter", "forged", "la_barnsley",
              lambda ctx: letter_save(ctx.client, ctx.others.held_meeting,
                                      ctx.others.letter_revision, "Forged letter"),
              404, "The letter has not been issued yet."),
    call_case("admin_saves_a_letter", "forged", "admin",
              lambda ctx: letter_save(ctx.client, ctx.others.held_meeting,
                                      ctx.others.letter_revision, "Forged letter"),
              404, "There is no such meeting."),
    call_case("london_inspector_records_neyh_meeting", "forged", "hmi_london",
              lambda ctx: record(ctx.client, ctx.others.held_meeting),
              404, "There is no such meeting."),
    call_case("barnsley_records_its_meeting", "forged", "la_barnsley",
              lambda ctx: record(ctx.client, ctx.others.held_meeting),
              403, "Only the region's inspectors record the meeting."),
    call_case("camden_schedules_for_barnsley", "forged", "la_camden",
              lambda ctx: schedule(ctx.client, "2027-03-01"),
              403, "Only the region's inspectors schedule engagement meetings."),
    call_case("london_inspector_notes_on_barnsley", "forged", "hmi_london",
              lambda ctx: add_note(ctx.client, "Forged note", "370"),
              403, "Only the region's inspectors keep these notes."),
    call_case("london_inspector_downloads_neyh_overview", "forged", "hmi_london",
              lambda ctx: region_download(ctx.client, "NEYH"),
              403, "You do not have access to this region."),
    call_case("la_user_searches_the_audit_trail", "forged", "la_barnsley",
              lambda ctx: audit_search(ctx.client, la="202"),
              403, "Only administrators can search the audit trail."),
    page_case("barnsley_opens_camdens_sef_history", "forged", "la_barnsley",
              "/sef-history/202", "You may not see this SEF's history."),
    call_case("la_user_creates_an_account", "forged", "la_barnsley",
              lambda ctx: create_account(ctx.client, role="admin", la=None),
              403, "Only administrators can manage users."),
    Case("callback_body_naming_no_callback", "forged", "la_barnsley", raw_body(json.dumps({
        "output": "admin-everything.children", "outputs": {"id": "admin-everything",
                                                           "property": "children"},
        "inputs": [], "state": [], "changedPropIds": []}).encode())),
    call_case("signed_out_callback", "forged", None,
              lambda ctx: post_callback(ctx.client, [("mi-submit", "n_clicks", 1)], [],
                                        headers={}),
              401, "Sign in to continue."),
    call_case("forged_csrf_token", "forged", "la_barnsley",
              lambda ctx: post_callback(ctx.client, [("mi-submit", "n_clicks", 1)], [],
                                        headers={"X-CSRFToken": "forged-token"}),
              403, "Missing or invalid security token."),
    page_case("la_999_address", "forged", "hmi_neyh", "/la/999",
              "There is no local authority with that code."),
    page_case("sef_dot_dot_370_address", "forged", "la_camden", "/sef/../370",
              "There is no local authority with that code."),
    page_case("meeting_abc_address", "forged", "hmi_neyh", "/meeting/abc",
              "There is no such meeting."),
    page_case("meeting_huge_number_address", "forged", "hmi_neyh",
              "/meeting/99999999999999999999", "There is no such meeting."),
    page_case("london_inspector_opens_neyh_record", "forged", "hmi_london",
              lambda o: f"/record/{o.held_meeting}", "There is no such meeting.",
              absent=(PLACE,)),
    page_case("london_inspector_opens_neyh_region", "forged", "hmi_london", "/region/NEYH",
              "You do not have access to this region.", absent=("Barnsley",)),
    page_case("barnsley_opens_camdens_upload_page", "forged", "la_barnsley", "/upload/202",
              "You may not upload figures for this local authority."),
    get_case("london_inspector_downloads_neyh_letter", "forged", "hmi_london",
             lambda o: f"/letter/{o.held_meeting}/letter.pdf", 404, "There is no such meeting."),
    get_case("barnsley_downloads_its_draft_letter", "forged", "la_barnsley",
             lambda o: f"/letter/{o.held_meeting}/letter.docx", 404,
             "The letter has not been issued yet."),
    get_case("letter_download_huge_number", "forged", "hmi_neyh",
             "/letter/99999999999999999999/letter.pdf", 404, "There is no such meeting."),
    get_case("letter_download_id_zero", "forged", "hmi_neyh", "/letter/0/print", 404,
             "There is no such meeting."),
    get_case("camden_downloads_barnsleys_sef", "forged", "la_camden",
             lambda o: f"/sef/370/versions/{o.shared_sef}/document.pdf", 403,
             "You do not have access to this local authority."),
    get_case("sef_download_huge_version", "forged", "la_barnsley",
             "/sef/370/versions/99999999999999999999/print", 404,
             "There is no such version of this self-evaluation."),
    # issue 15: bodies that differ from the callback's declaration, other people's
    # background jobs, wrong files under the component suites
    Case("callback_with_too_few_state_values", "malformed", "la_barnsley",
         changed_sef_save_body(lambda body: body["state"].pop())),
    Case("callback_with_empty_inputs", "malformed", "la_barnsley",
         changed_sef_save_body(lambda body: body.update(inputs=[]))),
    Case("callback_with_an_extra_output", "malformed", "la_barnsley",
         changed_sef_save_body(lambda body: body["outputs"].append(
             {"id": "admin-users", "property": "children"}))),
    Case("callback_state_of_another_component", "forged", "la_barnsley",
         changed_sef_save_body(lambda body: body["state"].__setitem__(
             4, {"id": "audit-la", "property": "value", "value": "202"}))),
    call_case("job_answer_collected_by_another_la", "forged", "la_doncaster",
              someone_elses_job("la_barnsley"), 403, "started by someone else"),
    call_case("job_answer_collected_in_another_session", "forged", "la_barnsley",
              someone_elses_job("la_barnsley"), 403, "started by someone else"),
    call_case("job_handles_without_the_session_binding", "forged", "la_barnsley",
              lambda ctx: post_callback(ctx.client, [("mi-job", "data", None)], [
                  ("mi-upload", "contents", None), ("mi-upload", "filename", None)],
                  query={"cacheKey": "0" * 64 + "~" + "1" * 64, "job": "1~" + "2" * 64}),
              403, "started by someone else"),
    get_case("component_suite_climbs_out", "traversal", None,
             "/_dash-component-suites/dash/../../../etc/passwd", 404, "Not found."),
    get_case("component_suite_unknown_package", "malformed", None,
             "/_dash-component-suites/nope/x.js", 404, "Not found."),
    get_case("component_suite_bare_prefix", "malformed", None,
             "/_dash-component-suites/dash", 404, "Not found."),
    # ------------------------------------------------------------ removing a SEF's words
    call_case("camden_purges_barnsleys_shared_sef", "forged", "la_camden",
              lambda ctx: sef_purge(ctx.client, ctx.others.shared_sef, "Forged"),
              403, PURGE_REFUSED),
    call_case("camden_opens_barnsleys_purge_form", "forged", "la_camden",
              lambda ctx: purge_open(ctx.client, ctx.others.shared_sef),
              403, PURGE_REFUSED),
    call_case("regions_inspector_purges_barnsleys_sef", "forged", "hmi_neyh",
              lambda ctx: sef_purge(ctx.client, ctx.others.shared_sef, "Forged"),
              403, PURGE_REFUSED),
    call_case("london_inspector_purges_barnsleys_sef", "forged", "hmi_london",
              lambda ctx: sef_purge(ctx.client, ctx.others.shared_sef, "Forged"),
              403, PURGE_REFUSED),
    call_case("admin_purges_barnsleys_sef_without_a_request", "forged", "admin",
              lambda ctx: sef_purge(ctx.client, ctx.others.shared_sef, "Forged"),
              403, PURGE_REFUSED),
    call_case("barnsley_confirms_a_purge_itself", "forged", "la_barnsley",
              lambda ctx: purge_decide(ctx.client, 1), 403, DECIDE_REFUSED),
    call_case("regions_inspector_confirms_a_purge", "forged", "hmi_neyh",
              lambda ctx: purge_decide(ctx.client, 1), 403, DECIDE_REFUSED),
    call_case("admin_confirms_a_purge_request_past_64_bits", "forged", "admin",
              lambda ctx: purge_decide(ctx.client, HUGE_ID), 404,
              "There is no such request waiting for a decision."),
    call_case("admin_sends_an_unknown_purge_decision", "forged", "admin",
              lambda ctx: purge_decide(ctx.client, 1, "erase-everything"), 400,
              "The page sent an action it does not have; reload it."),
    call_case("sef_purge_version_huge", "wrong_type", "la_barnsley",
              lambda ctx: sef_purge(ctx.client, HUGE_ID), 400,
              "The page is out of date; reload it."),
    call_case("sef_purge_form_for_a_huge_version", "wrong_type", "la_barnsley",
              lambda ctx: purge_open(ctx.client, HUGE_ID), 404,
              "There is no such version of this self-evaluation."),
    call_case("sef_purge_look_for_as_number", "wrong_type", "la_barnsley",
              lambda ctx: sef_purge(ctx.client, ctx.others.shared_sef, look_for=12), 400,
              "The page is out of date; reload it."),
    told_case("sef_purge_reason_missing", "wrong_type", "la_barnsley",
              lambda ctx: sef_purge(ctx.client, ctx.others.shared_sef, None),
              "Give a reason for removing the words."),
    told_case("sef_purge_reason_as_list", "wrong_type", "la_barnsley",
              lambda ctx: sef_purge(ctx.client, ctx.others.shared_sef, ["Because"]),
              "Give a reason for removing the words."),
    told_case("sef_purge_reason_over_500_characters", "oversized", "la_barnsley",
              lambda ctx: sef_purge(ctx.client, ctx.others.shared_sef, "r" * 501),
              "Keep the reason to 500 characters or fewer (it has 501)."),
    told_case("sef_purge_reason_naming_a_child", "malformed", "la_barnsley",
              lambda ctx: sef_purge(ctx.client, ctx.others.shared_sef,
                                    "It named a girl called Maisie Trent"),
              "The reason may identify a child"),
    call_case("script_as_sef_purge_number", "script", "la_barnsley",
              lambda ctx: sef_purge(ctx.client, SCRIPT), 400,
              "The page is out of date; reload it."),
]


# ------------------------------------------------------------ withdrawing an upload (issue 15)

NOT_YOUR_FIGURES = "Only this local authority's own users may withdraw its figures."
UNKNOWN_UPLOAD = "That upload is not known."


def open_withdrawal(client: FlaskClient, snapshot_id: object, la_code: object = "370"):
    """A row's Withdraw button: asks for the reason."""
    return post_callback(client, [({"type": "mi-withdraw", "index": snapshot_id},
                                   "n_clicks", 1)], [("mi-la", "data", la_code)])


def withdraw(client: FlaskClient, snapshot_id: object, reason: object = "Corpus reason",
             la_code: object = "370"):
    """The form's "Withdraw these figures" button."""
    return post_callback(client, [("mi-withdraw-confirm", "n_clicks", 1)], [
        ("mi-withdraw-target", "data", snapshot_id), ("mi-withdraw-reason", "value", reason),
        ("mi-la", "data", la_code)])


def undo_withdrawal(client: FlaskClient, snapshot_id: object, la_code: object = "370"):
    """A withdrawn row's "Undo withdrawal" button."""
    return post_callback(client, [({"type": "mi-undo", "index": snapshot_id}, "n_clicks", 1)],
                         [("mi-la", "data", la_code)])


CASES += [
    # oversized
    told_case("withdrawal_reason_of_100000_characters", "oversized", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use, "x" * 100_000),
              "Keep the reason to 500 characters or fewer (it has 100,000)."),
    call_case("withdraw_button_id_huge", "oversized", "la_barnsley",
              lambda ctx: open_withdrawal(ctx.client, HUGE_ID), 404, UNKNOWN_UPLOAD),
    call_case("withdrawal_target_huge", "oversized", "la_barnsley",
              lambda ctx: withdraw(ctx.client, HUGE_ID), 404, UNKNOWN_UPLOAD),
    call_case("withdrawal_target_past_32_bits", "oversized", "la_barnsley",
              lambda ctx: withdraw(ctx.client, 2**31), 404, UNKNOWN_UPLOAD),
    told_case("pending_upload_id_past_32_bits", "oversized", "la_camden",
              lambda ctx: answer_pending(ctx.client, 2**40, "202"),
              "That upload is no longer waiting"),
    call_case("undo_button_id_huge", "oversized", "la_barnsley",
              lambda ctx: undo_withdrawal(ctx.client, HUGE_ID), 404, UNKNOWN_UPLOAD),
    # malformed
    told_case("withdrawal_reason_missing", "malformed", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use, None),
              "Say why these figures are withdrawn."),
    told_case("withdrawal_reason_only_spaces_and_line_breaks", "malformed", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use, "  \n\t "),
              "Say why these figures are withdrawn."),
    told_case("withdrawal_reason_naming_a_child_by_id", "malformed", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use,
                                   "Child ID 48213377 was in list 3 twice"),
              "The reason may identify a child (a case or child ID)."),
    call_case("withdrawal_with_no_upload_chosen", "malformed", "la_barnsley",
              lambda ctx: withdraw(ctx.client, None), 400, "Choose the figures to withdraw."),
    told_case("withdrawal_of_figures_already_withdrawn", "malformed", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_withdrawn),
              "These figures are no longer in use, so there is nothing to withdraw."),
    told_case("undo_after_thirty_days", "malformed", "la_barnsley",
              lambda ctx: undo_withdrawal(ctx.client, ctx.others.barnsley_withdrawn_long_ago),
              "The withdrawal can no longer be undone: that was possible for 30 days."),
    told_case("undo_of_figures_in_use", "malformed", "la_barnsley",
              lambda ctx: undo_withdrawal(ctx.client, ctx.others.barnsley_in_use),
              "These figures are not withdrawn, so there is nothing to undo."),
    # wrong types
    call_case("withdraw_button_id_as_text", "wrong_type", "la_barnsley",
              lambda ctx: open_withdrawal(ctx.client, str(ctx.others.barnsley_in_use)),
              400, "That button is not one of ours."),
    call_case("undo_button_id_as_boolean", "wrong_type", "la_barnsley",
              lambda ctx: undo_withdrawal(ctx.client, True),
              400, "That button is not one of ours."),
    call_case("withdrawal_target_negative", "wrong_type", "la_barnsley",
              lambda ctx: withdraw(ctx.client, -1), 404, UNKNOWN_UPLOAD),
    call_case("withdrawal_target_as_text", "wrong_type", "la_barnsley",
              lambda ctx: withdraw(ctx.client, str(ctx.others.barnsley_in_use)),
              404, UNKNOWN_UPLOAD),
    call_case("withdrawal_reason_as_list", "wrong_type", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use, ["A reason"]),
              400, "The reason is not in the expected form."),
    call_case("withdrawal_la_code_as_number", "wrong_type", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use, la_code=370),
              400, "The page is out of date; reload it."),
    # script and HTML
    told_case("script_as_withdrawal_reason_over_the_limit", "script", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use, SCRIPT * 40),
              "Keep the reason to 500 characters or fewer (it has 1,000)."),
    told_case("script_as_reason_for_figures_already_withdrawn", "script", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_withdrawn, SCRIPT),
              "nothing to withdraw"),
    call_case("script_as_withdraw_button_id", "script", "la_barnsley",
              lambda ctx: open_withdrawal(ctx.client, SCRIPT),
              400, "That button is not one of ours."),
    call_case("script_as_withdrawal_target", "script", "la_barnsley",
              lambda ctx: withdraw(ctx.client, SCRIPT), 404, UNKNOWN_UPLOAD),
    call_case("script_in_reason_for_another_las_upload", "script", "la_camden",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use, SCRIPT),
              403, NOT_YOUR_FIGURES),
    # SQL-looking text
    call_case("sql_as_withdrawal_target", "sql", "la_barnsley",
              lambda ctx: withdraw(ctx.client, SQL_OR), 404, UNKNOWN_UPLOAD),
    call_case("sql_as_withdrawal_la_code", "sql", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use, la_code=SQL_DROP),
              404, "There is no local authority with that code."),
    # forged requests
    call_case("camden_withdraws_barnsleys_upload", "forged", "la_camden",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use),
              403, NOT_YOUR_FIGURES),
    call_case("camden_opens_the_withdrawal_of_barnsleys_upload", "forged", "la_camden",
              lambda ctx: open_withdrawal(ctx.client, ctx.others.barnsley_in_use),
              403, NOT_YOUR_FIGURES),
    call_case("camden_names_barnsleys_upload_on_its_own_page", "forged", "la_camden",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use, la_code="202"),
              404, UNKNOWN_UPLOAD),
    call_case("barnsley_names_camdens_upload_on_its_own_page", "forged", "la_barnsley",
              lambda ctx: withdraw(ctx.client, ctx.others.camden_pending),
              404, UNKNOWN_UPLOAD),
    call_case("camden_undoes_barnsleys_withdrawal_on_its_own_page", "forged", "la_camden",
              lambda ctx: undo_withdrawal(ctx.client, ctx.others.barnsley_withdrawn, "202"),
              404, UNKNOWN_UPLOAD),
    call_case("regions_inspector_withdraws_barnsleys_upload", "forged", "hmi_neyh",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use),
              403, NOT_YOUR_FIGURES),
    call_case("london_inspector_undoes_barnsleys_withdrawal", "forged", "hmi_london",
              lambda ctx: undo_withdrawal(ctx.client, ctx.others.barnsley_withdrawn),
              403, NOT_YOUR_FIGURES),
    call_case("admin_withdraws_barnsleys_upload", "forged", "admin",
              lambda ctx: withdraw(ctx.client, ctx.others.barnsley_in_use),
              403, NOT_YOUR_FIGURES),
    call_case("admin_undoes_barnsleys_withdrawal", "forged", "admin",
              lambda ctx: undo_withdrawal(ctx.client, ctx.others.barnsley_withdrawn),
              403, NOT_YOUR_FIGURES),
]


def _param(case: Case):
    marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=case.defect)] \
        if case.defect else []
    return pytest.param(case, id=f"{case.kind}-{case.id}", marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_bad_input_is_refused_in_plain_words_and_stores_nothing(
        client: FlaskClient, others: Others, monkeypatch: pytest.MonkeyPatch,
        case: Case) -> None:
    if case.account is None:
        sign_out(client)
    else:
        assert sign_in(client, case.account).status_code == 302
    before = database_fingerprint()
    try:
        case.run(Ctx(client, others, monkeypatch))
        assert changed_tables(before, database_fingerprint()) == []
    finally:
        if case.cleanup:
            case.cleanup()


# ---------------------------------------------------------------- the corpus itself


def test_the_corpus_covers_every_kind_with_readable_unique_ids() -> None:
    ids = [f"{case.kind}-{case.id}" for case in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 55
    assert {case.kind for case in CASES} == set(KINDS)
    for kind in KINDS:
        assert sum(case.kind == kind for case in CASES) >= 5, kind
    assert all(case.id.replace("_", "").isalnum() for case in CASES)


def test_the_fingerprint_sees_a_row_stored_and_not_one_rolled_back(seeded_db) -> None:
    before = database_fingerprint()
    with get_engine().connect() as connection:
        transaction = connection.begin()
        connection.execute(insert(InspectorNote).values(
            la_code="370", author_id=None, text="Fingerprint probe",
            written_at=datetime.now(UTC)))
        inside = database_fingerprint(connection)
        transaction.rollback()
    assert changed_tables(before, inside) == [
        f"inspector_notes: {before['inspector_notes']} -> {inside['inspector_notes']}"]
    assert inside["inspector_notes"][0] == before["inspector_notes"][0] + 1
    assert database_fingerprint() == before
