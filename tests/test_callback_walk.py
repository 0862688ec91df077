"""Every registered callback and every registered page, as someone whose scope excludes
the target LA (issue 15, findings 1 and 8).

The walk reads the app's own callback map and page registry, so a callback or page
added later is walked too. Each input and state a callback declares must be listed
below, either with the value that aims it at the target LA or as carrying nothing of
an LA: a new one fails ``test_every_callback_input_is_classified`` until someone decides
which it is. Then each callback is posted once per input (as the input that fired it)
with values aimed at the target, by:

- another LA's user in the same region, and one in another region;
- an inspector of another region;
- an inspector of the target's own region, who must still never see an unshared draft;
- an administrator, who must never read drafts, inspectors' notes, meeting records or
  letters.

Nothing of the target may come back: no marker word from its unshared SEF draft, its
inspectors' notes, its meeting record or its draft letter, and (for those outside the
region) not even its name. Those who may not touch the target leave the database as it
was.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import dash
import pytest
from flask.testing import FlaskClient

from dashboard.access import SYSTEM
from dashboard.services.engagement import agree_agenda, open_meeting, save_record, schedule_meeting
from dashboard.services.engagement_letters import draft_letter, open_letter, save_letter
from dashboard.services.inspector_notes import add_note
from dashboard.services.sef import save_draft
from dashboard.services.user_admin import create_user
from dashboard.web.callback_bodies import callback_body_problem, declared_outputs
from tests.conftest import ACCOUNTS, PASSWORD, csrf_header, sign_in
from tests.test_audit import a_sef
from tests.test_bad_input_corpus import database_fingerprint
from tests.test_engagement import principal

TARGET_LA, TARGET_NAME, TARGET_REGION = "929", "Northumberland", "NEYH"
TARGET_EMAIL = "la929.walk@test.example.org"

#: Lower-case words that cannot pass for a child's name or an identifier.
DRAFT = "zqxunshareddraftword"
NOTE = "zqxinspectornoteword"
RECORD = "zqxmeetingrecordword"
LETTER = "zqxdraftletterword"


@dataclass
class Target:
    meeting_id: int
    agenda_item_id: int
    letter_revision: int
    sef_version: int
    user_id: int
    snapshot_id: int = 0


@dataclass(frozen=True)
class Attacker:
    account: str
    markers: tuple[str, ...]
    #: may legitimately change the target (the region's own inspector runs its meetings)
    may_change_target: bool = False


ATTACKERS = (
    Attacker("la_barnsley", (DRAFT, NOTE, RECORD, LETTER)),  # same region, other LA
    Attacker("la_camden", (DRAFT, NOTE, RECORD, LETTER, TARGET_NAME)),
    Attacker("hmi_london", (DRAFT, NOTE, RECORD, LETTER, TARGET_NAME)),
    Attacker("admin", (DRAFT, NOTE, RECORD, LETTER)),
    # last: running the target's meetings, this walk redrafts its letter
    Attacker("hmi_neyh", (DRAFT,), may_change_target=True),
)


@pytest.fixture(scope="module")
def target(seeded_db: dict[str, int]) -> Target:
    """Northumberland with an unshared SEF draft, an inspector's note, a held meeting with its
    record and a draft letter, each holding its own marker word."""
    assert not create_user(SYSTEM, email=TARGET_EMAIL, full_name="Northumberland user",
                           role="la_user", la_code=TARGET_LA, password=PASSWORD)
    from sqlalchemy import select

    from dashboard.services.user_admin import principal_of
    from dashboard.storage.db import session_scope
    from dashboard.storage.models import User

    with session_scope() as session:
        la_user = principal_of(session.scalars(
            select(User).where(User.email == TARGET_EMAIL)).one())
    hmi = principal(seeded_db, "hmi_neyh")
    saved = save_draft(la_user, TARGET_LA, 0, a_sef(f"Our front door is {DRAFT}."))
    add_note(hmi, TARGET_LA, f"Ask about {NOTE} at the meeting.")
    day = date.today() - timedelta(days=5)
    meeting_id = schedule_meeting(hmi, TARGET_LA, day.isoformat(), "Morpeth")
    agree_agenda(hmi, meeting_id)
    items = open_meeting(hmi, meeting_id).items
    from dashboard.services.engagement import AttendeeInput, StepInput

    save_record(hmi, meeting_id, held_on=day.isoformat(),
                la_attendees=[AttendeeInput("Jo Bloggs", "Director of Children's Services",
                                            "dcs")],
                ofsted_attendees=[AttendeeInput("Sam Senior", "Senior HMI", "senior_hmi")],
                notes={items[0].id: f"Discussed {RECORD}."}, scope_topics=[],
                not_discussed={item.id: True for item in items[1:]},
                scope_reason="", scope_note="", next_sef_timing="", next_meeting_timing="",
                steps=[StepInput("Audit", "Jo", "2027-01-01", "la")])
    revision = draft_letter(hmi, meeting_id)
    body = open_letter(hmi, meeting_id).letter.body + f"\n\nWe noted {LETTER}."
    saved_letter = save_letter(hmi, meeting_id, revision, "Jo Bloggs", body)
    assert saved_letter.saved
    from dashboard.services.ingest import UploadedFile
    from dashboard.services.mi import upload_annex_a
    from tests.workbooks import minimal_workbook

    uploaded = upload_annex_a(SYSTEM, TARGET_LA, date.today() - timedelta(days=40),
                              [UploadedFile("lists.xlsx", minimal_workbook())])
    assert uploaded.status == "stored"
    return Target(meeting_id, items[0].id, open_letter(hmi, meeting_id).revision,
                  saved.number, seeded_db["la_barnsley"], uploaded.snapshot_id)


def _ticket() -> dict[str, str]:
    return {"la": TARGET_LA, "period": (date.today() - timedelta(days=3)).isoformat(),
            "ticket": "0123456789abcdef"}


def _problems() -> list[dict[str, Any]]:
    return [{"severity": "error", "sheet": "List 1", "row": 2, "column": "Child ID",
             "message": "Not a date."}]


#: Inputs and states that aim a callback at an LA, a region, a meeting or a version:
#: each gets the target's.
AIMED: dict[tuple[str, str], Any] = {
    ("history-la", "data"): lambda t: TARGET_LA,
    ("mi-la", "data"): lambda t: TARGET_LA,
    ("mi-indicators-la", "data"): lambda t: TARGET_LA,
    ("sef-la", "data"): lambda t: TARGET_LA,
    ("notes-la", "data"): lambda t: TARGET_LA,
    ("pathway-la", "data"): lambda t: TARGET_LA,
    ("visit-la", "data"): lambda t: TARGET_LA,
    ("meetings-la", "data"): lambda t: TARGET_LA,
    ("letter-details-la", "data"): lambda t: TARGET_LA,
    ("audit-la", "value"): lambda t: TARGET_LA,
    ("new-la", "value"): lambda t: TARGET_LA,
    ("edit-la", "value"): lambda t: TARGET_LA,
    ("region-code", "data"): lambda t: TARGET_REGION,
    ("new-region", "value"): lambda t: TARGET_REGION,
    ("edit-region", "value"): lambda t: TARGET_REGION,
    ("meeting-id", "data"): lambda t: t.meeting_id,
    ("letter-meeting", "data"): lambda t: t.meeting_id,
    ("record-meeting", "data"): lambda t: t.meeting_id,
    ("letter-revision", "data"): lambda t: t.letter_revision,
    ("sef-version-shown", "data"): lambda t: t.sef_version,
    ("sef-checks-version", "data"): lambda t: t.sef_version,
    ("sef-compare-a", "value"): lambda t: t.sef_version,
    ("sef-compare-b", "value"): lambda t: t.sef_version,
    ("sef-share-number", "data"): lambda t: t.sef_version,
    ("sef-purge-number", "data"): lambda t: t.sef_version,
    ("sef-base", "data"): lambda t: t.sef_version,
    ("sef-conflict-base", "data"): lambda t: t.sef_version,
    ("mi-job", "data"): lambda t: _ticket(),
    ("mi-pending", "data"): lambda t: t.snapshot_id,
    ("mi-withdraw-target", "data"): lambda t: t.snapshot_id,
    ("mi-problems", "data"): lambda t: _problems(),
    ("edit-user", "value"): lambda t: None,  # never change a real account in the walk
}

#: Inputs and states that carry nothing of an LA: a plausible value each.
NEUTRAL: dict[tuple[str, str], Any] = {
    **{(i, "n_clicks"): 1 for i in (
        "audit-search", "create-user", "letter-draft", "letter-issue", "letter-redraft",
        "letter-issue-confirm", "letter-issue-cancel",
        "letter-save", "mi-cancel", "mi-confirm", "mi-download-problems", "mi-submit",
        "note-add", "record-add-step", "record-add-la-person", "record-add-ofsted-person",
        "record-save", "region-export", "save-role",
        "schedule-meeting", "sef-compare", "sef-keep-mine", "sef-load-theirs",
        "sef-refresh", "sef-save", "sef-share", "sef-share-confirm", "sef-save-anyway",
        "sef-purge-confirm", "mi-withdraw-confirm", "mi-withdraw-cancel", "mi-apply-codes",
        "mi-check", "mi-date-yes",
        "pathway-save", "visit-add", "letter-details-save", "release-check",
        "release-load")},
    ("sef-autosave", "n_intervals"): 1,
    **{(i, "value"): None for i in (
        "audit-entity", "audit-person", "audit-since", "audit-until", "audit-text",
        "edit-role", "edit-senior", "edit-dcs", "new-email", "new-name", "new-password",
        "new-role", "new-senior", "new-dcs", "record-held", "record-next-meeting",
        "record-next-sef", "record-reason", "record-scope-note", "record-topics",
        "schedule-date", "schedule-place", "sef-new-theme", "sef-share-override",
        "letter-addressee", "letter-body", "note-text", "mi-period-end",
        "sef-override-reason", "sef-purge-look-for", "pathway-choice", "pathway-next",
        "pathway-date", "pathway-reason", "visit-kind", "visit-status", "visit-date",
        "visit-note", "letter-details-dcs", "letter-details-address",
        "letter-details-copies")},
    # a reason is given, so a refusal comes from the access check, not the form
    ("sef-purge-reason", "value"): "Walked by a test",
    ("mi-withdraw-reason", "value"): "Walked by a test",
    ("sef-review", "data"): None,
    ("history-filter", "value"): "all",
    ("region-filter", "value"): "",
    ("sef-theme-choice", "value"): None,
    ("sef-doc", "data"): None,
    ("agenda-notes-base", "data"): {},
    ("letter-finding-keys", "data"): [],
    ("mi-upload", "contents"): None,
    # the date a question asked about, and the latest event a check found: dates only
    ("mi-asked-date", "data"): (date.today() - timedelta(days=3)).isoformat(),
    ("mi-latest-event", "data"): None,
    ("mi-upload", "filename"): ["lists.xlsx"],
    # a DfE release carries no LA's data of ours; the walk sends no file
    ("release-upload", "contents"): None,
    ("release-upload", "filename"): "release.csv",
    ("release-checked", "data"): None,
    ("release-next-update", "value"): None,
    ("release-published-on", "value"): None,
    ("_pages_store", "data"): None,  # Dash Pages: the page title
}

#: Pattern-matching components: the concrete ones a walk fires (aimed at the target's
#: agenda item, or carrying nothing of an LA).
PATTERNS: dict[str, Any] = {
    "meeting-act": lambda t: [{"action": a, "index": t.agenda_item_id, "type": "meeting-act"}
                              for a in ("agree", "accept", "decline", "propose", "comment",
                                        "attendees-la", "attendees-ofsted", "save-notes")],
    "sef-action": lambda t: [{"action": a, "target": "t0000000", "type": "sef-action"}
                             for a in ("add-theme", "add-statement", "add-evidence",
                                       "add-plan", "remove")],
    "mi-withdraw": lambda t: [{"index": t.snapshot_id, "type": "mi-withdraw"}],
    # a check of the shared SEF, by its key (the server works the checks out again)
    "sef-check-note": lambda t: [{"index": "0" * 16, "type": "sef-check-note"}],
    "sef-check-agenda": lambda t: [{"index": "0" * 16, "type": "sef-check-agenda"}],
    "mi-undo": lambda t: [{"index": t.snapshot_id, "type": "mi-undo"}],
    "mi-chart-open": lambda t: [{"index": "re_referrals", "type": "mi-chart-open"}],
    "mi-more-open": lambda t: [{"index": "help-and-protection", "type": "mi-more-open"}],
    "sef-purge-open": lambda t: [{"number": t.sef_version, "type": "sef-purge-open"}],
    # no such request: deciding a real one is an administrator's right, not a leak
    "purge-decide": lambda t: [{"decision": d, "id": 0, "type": "purge-decide"}
                               for d in ("confirm", "decline")],
    "toggle-active": lambda t: [{"activate": 0, "index": 0, "type": "toggle-active"}],
    "override": lambda t: [{"index": 0, "type": "override"}],
    "sef-text": lambda t: [{"path": "p", "type": "sef-text"}],
    "sef-indicator": lambda t: [{"path": "p", "type": "sef-indicator"}],
}


#: Pattern-matching fields whose values a person types on the page: sent as none matched.
NEUTRAL_PATTERNS = frozenset({"step", "person", "agenda-note", "meeting-field", "override-reason",
                              "record-note", "sef-answers", "sef-choice", "mi-local-code",
                              "record-not-discussed", "issue-reason"})


def _walkable(app: dash.Dash) -> dict[str, dict]:
    """Every callback but the Pages router (walked by the page crawl), once the app has
    served a request (Dash registers some callbacks then)."""
    app.server.test_client().get("/health")
    return {key: spec for key, spec in app.callback_map.items()
            if "callback" in spec  # clientside callbacks run in the browser only
            and not any(d["id"] == "_pages_location" for d in spec["inputs"])}


def _pattern_type(component_id: str) -> str | None:
    return json.loads(component_id).get("type") if component_id.startswith("{") else None


def _value(dependency: dict, target: Target) -> Any:
    key = (dependency["id"], dependency["property"])
    if key in AIMED:
        return AIMED[key](target)
    return NEUTRAL.get(key)


def _item(dependency: dict, target: Target, concrete: dict | None = None) -> Any:
    """One input or state as the renderer sends it; ALL patterns as a list."""
    pattern = _pattern_type(dependency["id"])
    if pattern is None:
        return {"id": dependency["id"], "property": dependency["property"],
                "value": _value(dependency, target)}
    spec = json.loads(dependency["id"])
    if any(v == ["MATCH"] for v in spec.values()):
        return {"id": concrete or PATTERNS[pattern](target)[0],
                "property": dependency["property"], "value": None}
    if concrete is None:
        return []
    return [{"id": concrete, "property": dependency["property"], "value": 1}]


def _outputs(spec: dict) -> Any:
    declared = []
    for output in declared_outputs(spec):
        if output["id"].startswith("{"):
            pattern = json.loads(output["id"])
            declared.append([] if any(v == ["ALL"] for v in pattern.values()) else
                            {"id": {k: ("p" if v == ["MATCH"] else v)
                                    for k, v in pattern.items()},
                             "property": output["property"]})
        else:
            declared.append(output)
    return declared if isinstance(spec["output"], list | tuple) else declared[0]


def _bodies(output: str, spec: dict, target: Target) -> list[dict]:
    """The callback fired by each of its inputs in turn (each pattern's concrete ids)."""
    bodies = []
    for position, trigger in enumerate(spec["inputs"]):
        pattern = _pattern_type(trigger["id"])
        concretes = PATTERNS[pattern](target) if pattern else [None]
        for concrete in concretes:
            inputs = [_item(d, target, concrete if i == position else None)
                      for i, d in enumerate(spec["inputs"])]
            changed = (json.dumps(concrete, sort_keys=True, separators=(",", ":"))
                       if concrete else trigger["id"]) + "." + trigger["property"]
            bodies.append({"output": output, "outputs": _outputs(spec), "inputs": inputs,
                           "state": [_item(d, target) for d in spec["state"]],
                           "changedPropIds": [changed]})
    return bodies


def _page_paths(target: Target) -> list[str]:
    values = {"la_code": TARGET_LA, "region_code": TARGET_REGION,
              "meeting_id": str(target.meeting_id)}
    paths = []
    for page in dash.page_registry.values():
        template = page.get("path_template") or page["path"]
        paths.append(re.sub(r"<(\w+)>", lambda m: values[m.group(1)], template))
    return paths


def _leaks(text: str, markers: tuple[str, ...]) -> list[str]:
    return [marker for marker in markers if marker.lower() in text.lower()]


def test_every_callback_input_is_classified(dash_app) -> None:
    """A callback added later must say, for each input and state, whether it aims at an
    LA (and so is walked with the target's) or carries nothing of one."""
    unclassified = set()
    for spec in _walkable(dash_app).values():
        for dependency in spec["inputs"] + spec["state"]:
            key = (dependency["id"], dependency["property"])
            pattern = _pattern_type(dependency["id"])
            if pattern is None and key not in AIMED and key not in NEUTRAL:
                unclassified.add(key)
            if pattern is not None and pattern not in PATTERNS.keys() | NEUTRAL_PATTERNS:
                unclassified.add(key)
    assert not unclassified, f"classify these callback inputs in the walk: {unclassified}"


def test_the_walk_reaches_every_callback_with_bodies_the_gate_accepts(dash_app,
                                                                     target) -> None:
    """The walk is only as good as its bodies: each is exactly the shape the callback
    declares (or the gate's 400 would hide a missing access check)."""
    walked = _walkable(dash_app)
    assert len(walked) >= 30
    for output, spec in walked.items():
        bodies = _bodies(output, spec, target)
        assert bodies, output
        for body in bodies:
            assert callback_body_problem(body, spec) is None, (output, body)


def test_the_targets_own_user_sees_the_draft_so_the_markers_are_real(client: FlaskClient,
                                                                    target) -> None:
    """The crawl could pass by never reaching the words: the LA's own user does."""
    from tests.conftest import page_content

    ACCOUNTS["walk_target"] = dict(email=TARGET_EMAIL, role="la_user", la_code=TARGET_LA)
    try:
        assert sign_in(client, "walk_target").status_code == 302
        assert DRAFT in page_content(client, f"/sef/{TARGET_LA}").get_data(as_text=True)
        assert DRAFT in page_content(client, f"/sef-history/{TARGET_LA}").get_data(
            as_text=True)
        sign_in(client, "hmi_neyh")
        assert NOTE in page_content(client, f"/la/{TARGET_LA}").get_data(as_text=True)
        assert LETTER in page_content(client, f"/letter/{target.meeting_id}").get_data(
            as_text=True)
        assert RECORD in page_content(client, f"/record/{target.meeting_id}").get_data(
            as_text=True)
    finally:
        del ACCOUNTS["walk_target"]


@pytest.mark.parametrize("attacker", ATTACKERS, ids=lambda a: a.account)
def test_no_page_gives_anything_of_another_scopes_la(client: FlaskClient, dash_app,
                                                     target, attacker) -> None:
    from tests.conftest import page_content

    assert sign_in(client, attacker.account).status_code == 302
    paths = _page_paths(target)
    assert f"/sef-history/{TARGET_LA}" in paths and f"/letter/{target.meeting_id}" in paths
    for path in paths:
        response = page_content(client, path)
        assert response.status_code in (200, 403, 404), path
        assert not _leaks(response.get_data(as_text=True), attacker.markers), (
            attacker.account, path)


def _post(client: FlaskClient, body: dict, headers: dict[str, str]):
    return client.post("/_dash-update-component", json=body, headers=headers)


@pytest.mark.parametrize("attacker", ATTACKERS, ids=lambda a: a.account)
def test_no_callback_gives_anything_of_another_scopes_la(client: FlaskClient, dash_app,
                                                         target, attacker) -> None:
    assert sign_in(client, attacker.account).status_code == 302
    headers = csrf_header(client)
    before = database_fingerprint()
    answered: dict[int, int] = {}
    for output, spec in _walkable(dash_app).items():
        for body in _bodies(output, spec, target):
            response = _post(client, body, headers)
            text = response.get_data(as_text=True)
            handles = response.get_json(silent=True) or {}
            if response.status_code == 200 and "cacheKey" in handles:
                text += _collect(client, body, headers, handles)
            answered[response.status_code] = answered.get(response.status_code, 0) + 1
            assert response.status_code != 500, (output, text[:300])
            assert not _leaks(text, attacker.markers), (attacker.account, output,
                                                         body["changedPropIds"])
    if not attacker.may_change_target:
        assert database_fingerprint() == before, "a refused walk changed the database"
    # the walk met real access checks, not only malformed-body refusals
    assert answered.get(403, 0) + answered.get(200, 0) > answered.get(400, 0)


def _collect(client: FlaskClient, body: dict, headers: dict[str, str],
             handles: dict[str, str]) -> str:
    """Poll a background job as the renderer does, until its answer comes back."""
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        polled = client.post("/_dash-update-component", json=body, headers=headers,
                             query_string={"cacheKey": handles["cacheKey"],
                                           "job": handles["job"]})
        answer = polled.get_json(silent=True) if polled.status_code == 200 else None
        if polled.status_code not in (200, 204) or (answer and "response" in answer):
            return polled.get_data(as_text=True)
        time.sleep(0.1)
    raise AssertionError("the background job did not answer")
