"""The SEF through the real Flask app: every role against another LA's SEF, through the
page, each callback and each download; drafts never reach an inspector or admin; a
stale save shows the clash; script in any field comes out as text."""

from __future__ import annotations

import io
import json

import docx
import pytest
from flask.testing import FlaskClient

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
    sef_to_dict,
)
from dashboard.services.sef import open_sef, save_draft, share_version
from dashboard.services.user_admin import principal_of
from dashboard.storage.db import session_scope
from dashboard.storage.models import User
from tests.conftest import (
    _registered_outputs,
    csrf_header,
    page_content,
    post_callback,
    sign_in,
)

LA = "370"  # Barnsley, North East, Yorkshire and the Humber
SHARED_WORDS = "Shared with Ofsted: strong front door"
DRAFT_WORDS = "Draft only: not for inspectors yet"
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def barnsley(seeded_db):
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db["la_barnsley"]))


def a_sef(words: str) -> Sef:
    sef = add_theme(Sef(), "Help and protection, including the front door")
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    return apply_edits(sef, {field_path("statement", sef.themes[0].statements[0].id, "text"):
                             words})


@pytest.fixture(scope="module")
def versions(seeded_db) -> dict[str, int]:
    """Barnsley's SEF with a shared version and a later draft."""
    user = barnsley(seeded_db)
    head = open_sef(user, LA).head_number
    shared = save_draft(user, LA, head, a_sef(SHARED_WORDS)).number
    assert share_version(user, LA, shared).status == "shared"
    draft = save_draft(user, LA, shared, a_sef(DRAFT_WORDS)).number
    return {"shared": shared, "draft": draft}


# ---------------------------------------------------------------- posting callbacks


def post(client: FlaskClient, trigger: str, inputs: list, state: list, changed: int = 0):
    """POST the callback that ``trigger`` fires, as the renderer does, with no fields on
    the page (pattern-matching inputs, states and outputs match nothing)."""
    headers = csrf_header(client)
    key, spec = _registered_outputs(client, trigger)
    outputs = spec if isinstance(spec, list) else [spec]
    outputs = [[] if o["id"].startswith("{") else o for o in outputs]
    body = {
        "output": key,
        "outputs": outputs if isinstance(spec, list) else outputs[0],
        "inputs": [i if isinstance(i, list) else {"id": i[0], "property": i[1], "value": i[2]}
                   for i in inputs],
        "changedPropIds": [f"{inputs[changed][0]}.{inputs[changed][1]}"],
        "state": [s if isinstance(s, list) else {"id": s[0], "property": s[1], "value": s[2]}
                  for s in state],
    }
    return client.post("/_dash-update-component", json=body, headers=headers)


def no_fields() -> list:
    return [[] for _ in range(8)]  # ids and values of the four kinds of field


def save_now(client: FlaskClient, la_code: str, doc: dict, base: int):
    return post(client, "sef-save",
                [("sef-save", "n_clicks", 1), ("sef-autosave", "n_intervals", None),
                 ("sef-refresh", "n_clicks", 0), []],
                [("sef-doc", "data", doc), ("sef-base", "data", base),
                 ("sef-conflict-base", "data", None), ("sef-review", "data", None),
                 ("sef-la", "data", la_code), *no_fields()])


def save_anyway(client: FlaskClient, la_code: str, doc: dict, base: int, reason: object):
    return post(client, "sef-save-anyway", [("sef-save-anyway", "n_clicks", 1)],
                [("sef-override-reason", "value", reason), ("sef-doc", "data", doc),
                 ("sef-base", "data", base), ("sef-la", "data", la_code), *no_fields()])


def every_callback(client: FlaskClient, la_code: str, numbers: dict[str, int]) -> dict:
    doc = sef_to_dict(a_sef("An outsider's text"))
    return {
        "save": save_now(client, la_code, doc, numbers["draft"]),
        "autosave": post(client, "sef-save",
                         [("sef-save", "n_clicks", 0), ("sef-autosave", "n_intervals", 1),
                          ("sef-refresh", "n_clicks", 0), []],
                         [("sef-doc", "data", doc), ("sef-base", "data", numbers["draft"]),
                          ("sef-conflict-base", "data", None), ("sef-review", "data", None),
                          ("sef-la", "data", la_code), *no_fields()], changed=1),
        "save anyway": save_anyway(client, la_code, doc, numbers["draft"], "Not a child"),
        "keep mine": post(client, "sef-keep-mine", [("sef-keep-mine", "n_clicks", 1)],
                          [("sef-doc", "data", doc), ("sef-base", "data", numbers["draft"]),
                           ("sef-conflict-base", "data", numbers["draft"]),
                           ("sef-la", "data", la_code), *no_fields()]),
        "load theirs": post(client, "sef-load-theirs", [("sef-load-theirs", "n_clicks", 1)],
                            [("sef-la", "data", la_code)]),
        "share": post(client, "sef-share", [("sef-share", "n_clicks", 1)],
                      [("sef-doc", "data", doc), ("sef-base", "data", numbers["draft"]),
                       ("sef-conflict-base", "data", None), ("sef-la", "data", la_code),
                       *no_fields()]),
        "confirm share": post(client, "sef-share-confirm",
                              [("sef-share-confirm", "n_clicks", 1)],
                              [("sef-share-number", "data", numbers["draft"]),
                               ("sef-share-override", "value", ["checked"]),
                               ("sef-la", "data", la_code)]),
        "compare": post(client, "sef-compare", [("sef-compare", "n_clicks", 1)],
                        [("sef-compare-a", "value", str(numbers["shared"])),
                         ("sef-compare-b", "value", str(numbers["draft"])),
                         ("sef-la", "data", la_code)]),
    }


def page_with_query(client: FlaskClient, pathname: str, search: str) -> str:
    """The page the router gives for ``pathname`` with a query string, as the browser asks."""
    return post_callback(client, [("_pages_location", "pathname", pathname),
                                  ("_pages_location", "search", search)]).get_data(as_text=True)


def strings(tree: object) -> list[str]:
    if isinstance(tree, str):
        return [tree]
    if isinstance(tree, dict):
        return [s for value in tree.values() for s in strings(value)]
    if isinstance(tree, list):
        return [s for value in tree for s in strings(value)]
    return []


def component_types(tree: object) -> set[str]:
    if isinstance(tree, dict):
        own = {tree["type"]} if isinstance(tree.get("type"), str) else set()
        return own.union(*(component_types(v) for v in tree.values()))
    if isinstance(tree, list):
        return set().union(*(component_types(v) for v in tree))
    return set()


# ---------------------------------------------------------------- access


@pytest.mark.parametrize("account", ["la_camden", "la_doncaster", "hmi_london"])
def test_other_las_and_regions_are_refused_the_page_callbacks_and_downloads(
        client, versions, seeded_db, account) -> None:
    sign_in(client, account)
    body = page_content(client, f"/sef/{LA}").get_data(as_text=True)
    assert "You do not have access to this local authority." in body
    assert SHARED_WORDS not in body and DRAFT_WORDS not in body
    for name, response in every_callback(client, LA, versions).items():
        assert response.status_code == 403, name
        text = response.get_data(as_text=True)
        assert SHARED_WORDS not in text and DRAFT_WORDS not in text, name
    for number in versions.values():
        for document in ("print", "document.docx", "document.pdf"):
            response = client.get(f"/sef/{LA}/versions/{number}/{document}")
            assert response.status_code == 403, document
            assert SHARED_WORDS.encode() not in response.data
    assert open_sef(barnsley(seeded_db), LA).head_number == versions["draft"]


@pytest.mark.parametrize("account", ["hmi_neyh", "admin"])
def test_the_regions_inspector_and_admins_read_shared_versions_never_drafts(
        client, versions, account) -> None:
    sign_in(client, account)
    body = page_content(client, f"/sef/{LA}").get_data(as_text=True)
    assert SHARED_WORDS in body and DRAFT_WORDS not in body
    assert "sef-form" not in body  # no editor
    draft = page_with_query(client, f"/sef/{LA}", f"?version={versions['draft']}")
    assert "There is no such version of this self-evaluation." in draft
    assert DRAFT_WORDS not in draft
    shared = page_with_query(client, f"/sef/{LA}", f"?version={versions['shared']}")
    assert SHARED_WORDS in shared
    responses = every_callback(client, LA, versions)
    for name in ("save", "autosave", "save anyway", "keep mine", "load theirs", "share",
                 "confirm share"):
        assert responses[name].status_code == 403, name
    assert responses["compare"].status_code == 404  # the draft is not there for them
    assert DRAFT_WORDS not in responses["compare"].get_data(as_text=True)
    shared = client.get(f"/sef/{LA}/versions/{versions['shared']}/document.docx")
    assert shared.status_code == 200
    assert SHARED_WORDS in "\n".join(p.text for p in docx.Document(io.BytesIO(shared.data)
                                                                   ).paragraphs)
    for document in ("print", "document.docx", "document.pdf"):
        response = client.get(f"/sef/{LA}/versions/{versions['draft']}/{document}")
        assert response.status_code == 404, document
        assert DRAFT_WORDS.encode() not in response.data


def test_signed_out_visitors_get_nothing(client, versions) -> None:
    client.get("/logout")
    response = client.get(f"/sef/{LA}/versions/{versions['shared']}/document.pdf")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# ---------------------------------------------------------------- the LA's own use


def test_a_stale_save_through_the_page_shows_the_clash_and_keeps_the_text(
        client, versions, seeded_db) -> None:
    sign_in(client, "la_barnsley")
    user = barnsley(seeded_db)
    head = open_sef(user, LA).head_number
    response = save_now(client, LA, sef_to_dict(a_sef("My stale edit")), head - 1)
    assert response.status_code == 200
    payload = json.dumps(response.get_json())
    assert "Someone else saved while you were editing" in payload
    assert "What they changed" in payload and "My stale edit" in payload
    assert open_sef(user, LA).head_number == head  # nothing stored


def test_the_la_saves_through_the_page_and_reads_drafts(client, versions) -> None:
    sign_in(client, "la_barnsley")
    body = page_content(client, f"/sef/{LA}").get_data(as_text=True)
    assert "sef-form" in body
    head = json.loads(body)["response"]["_pages_content"]["children"]
    assert head  # the editor was drawn
    draft = client.get(f"/sef/{LA}/versions/{versions['draft']}/print")
    assert draft.status_code == 200 and DRAFT_WORDS in draft.get_data(as_text=True)
    assert "Draft: not shared with Ofsted" in draft.get_data(as_text=True)


def test_script_in_every_field_is_text_in_the_page_print_view_and_word(
        client, seeded_db) -> None:
    user = barnsley(seeded_db)
    sef = add_theme(Sef(summaries={"know": SCRIPT, "how": SCRIPT, "plans": SCRIPT}), SCRIPT)
    sef = add_statement(sef, sef.themes[0].id, STRENGTH)
    sef = add_statement(sef, sef.themes[0].id, DEVELOPMENT)
    strength, weakness = sef.themes[0].statements
    sef = add_evidence(sef, strength.id, "case_audit")
    sef = add_evidence(sef, strength.id, INDICATOR)
    sef = add_plan(sef, (weakness.id,))
    evidence = sef.themes[0].statements[0].evidence
    plan = sef.plans[0]
    sef = apply_edits(sef, {
        field_path("statement", strength.id, "text"): SCRIPT,
        field_path("statement", weakness.id, "text"): SCRIPT,
        field_path("evidence", evidence[0].id, "summary"): SCRIPT,
        field_path("evidence", evidence[0].id, "source"): SCRIPT,
        field_path("evidence", evidence[1].id, "summary"): SCRIPT,
        **{field_path("plan", plan.id, name): SCRIPT
           for name in ("action", "owner", "impact_measure")},
    })
    number = save_draft(user, LA, open_sef(user, LA).head_number, sef).number
    sign_in(client, "la_barnsley")
    printed = client.get(f"/sef/{LA}/versions/{number}/print").get_data(as_text=True)
    assert "<script>" not in printed.lower() and "<img" not in printed.lower()
    # 3 summaries, theme name, 2 statements, 3 evidence texts, 3 plan fields, and the tables
    assert printed.count("&lt;script&gt;") >= 12
    page = page_content(client, f"/sef/{LA}").get_json()
    # in the page, text travels as component values that React renders as text
    assert SCRIPT in strings(page)
    assert "Script" not in component_types(page) and "Img" not in component_types(page)
    word = client.get(f"/sef/{LA}/versions/{number}/document.docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs]
    assert SCRIPT in paragraphs


def test_the_la_reads_its_own_draft_by_number(client, versions) -> None:
    sign_in(client, "la_barnsley")
    draft = page_with_query(client, f"/sef/{LA}", f"?version={versions['draft']}")
    assert DRAFT_WORDS in draft and "not shared with Ofsted" in draft


def test_a_save_does_not_send_back_the_document_so_a_late_answer_cannot_undo_an_edit(
        client, versions, seeded_db) -> None:
    sign_in(client, "la_barnsley")
    user = barnsley(seeded_db)
    page = open_sef(user, LA)
    edited = apply_edits(page.sef, {field_path("summary", "", "how"): "A new sentence here"})
    response = save_now(client, LA, sef_to_dict(edited), page.head_number)
    outputs = response.get_json()["response"]
    assert outputs["sef-base"]["data"] == page.head_number + 1
    assert "sef-doc" not in outputs and "sef-form" not in outputs


@pytest.mark.parametrize("version", ["²", "99999999999999999999999", "-1"])
def test_odd_version_numbers_get_a_plain_answer(client, versions, version) -> None:
    sign_in(client, "la_barnsley")
    assert "There is no such version" in page_with_query(client, f"/sef/{LA}",
                                                         f"?version={version}")
    response = post(client, "sef-compare", [("sef-compare", "n_clicks", 1)],
                    [("sef-compare-a", "value", version), ("sef-compare-b", "value", "1"),
                     ("sef-la", "data", LA)])
    assert response.status_code == 400
    if version.isascii() and version.isdigit():
        assert client.get(f"/sef/{LA}/versions/{version}/document.pdf").status_code == 404


def autosave(client: FlaskClient, doc: dict, base: int, conflict_base: int | None = None,
             review: bool | None = None):
    return post(client, "sef-save",
                [("sef-save", "n_clicks", 0), ("sef-autosave", "n_intervals", 1),
                 ("sef-refresh", "n_clicks", 0), []],
                [("sef-doc", "data", doc), ("sef-base", "data", base),
                 ("sef-conflict-base", "data", conflict_base), ("sef-review", "data", review),
                 ("sef-la", "data", LA), *no_fields()], changed=1)


def test_autosave_saves_changes_only_and_waits_while_a_clash_is_open(
        client, versions, seeded_db) -> None:
    sign_in(client, "la_barnsley")
    user = barnsley(seeded_db)
    page = open_sef(user, LA)
    edited = apply_edits(page.sef, {field_path("summary", "", "plans"): "Autosaved words"})
    assert autosave(client, sef_to_dict(edited), page.head_number).status_code == 200
    assert open_sef(user, LA).head_number == page.head_number + 1
    assert open_sef(user, LA).sef.summaries["plans"] == "Autosaved words"
    # nothing new: no version, no message
    unchanged = autosave(client, sef_to_dict(edited), page.head_number + 1)
    assert unchanged.status_code == 204 or "sef-status" not in unchanged.get_json()["response"]
    assert open_sef(user, LA).head_number == page.head_number + 1
    # while the person decides about a clash, autosave stores nothing
    later = apply_edits(edited, {field_path("summary", "", "plans"): "Not yet"})
    autosave(client, sef_to_dict(later), page.head_number, conflict_base=page.head_number + 1)
    assert open_sef(user, LA).head_number == page.head_number + 1


# ---------------------------------------------------------------- every save is checked (issue 15)

CHILD = "A boy called Ezekiel Thornbury waited too long"


def test_autosave_shows_the_identifier_warning_stores_nothing_and_then_waits(
        client, versions, seeded_db) -> None:
    sign_in(client, "la_barnsley")
    user = barnsley(seeded_db)
    page = open_sef(user, LA)
    edited = sef_to_dict(apply_edits(page.sef, {field_path("summary", "", "know"): CHILD}))
    response = autosave(client, edited, page.head_number)
    outputs = response.get_json()["response"]
    warning = json.dumps(outputs["sef-identifiers"])
    assert "Not saved: this text may identify a child" in warning
    assert "Question 1, opening text: a name" in warning and "Ezekiel Thornbury" in warning
    assert outputs["sef-review"]["data"] is True
    assert "sef-form" not in outputs and "sef-doc" not in outputs  # what was typed stays
    assert open_sef(user, LA).head_number == page.head_number
    # while the warning is open, autosave neither retries nor stores
    waiting = autosave(client, edited, page.head_number, review=True)
    assert waiting.status_code == 204 or "sef-status" not in waiting.get_json()["response"]
    assert open_sef(user, LA).head_number == page.head_number
    # "Save anyway" needs a reason
    blank = save_anyway(client, LA, edited, page.head_number, "")
    assert "Write why these are not a child" in json.dumps(blank.get_json())
    assert open_sef(user, LA).head_number == page.head_number
    saved = save_anyway(client, LA, edited, page.head_number, "A character in a case study")
    outputs = saved.get_json()["response"]
    assert outputs["sef-base"]["data"] == page.head_number + 1
    assert outputs["sef-review"]["data"] is None and outputs["sef-identifiers"]["children"] is None
    # the reason is in the change history the LA reads
    history = page_content(client, f"/sef-history/{LA}").get_data(as_text=True)
    assert "Saved despite possible child identifiers" in history
    assert "A character in a case study" in history


def test_share_with_ofsted_checks_before_it_saves(client, versions, seeded_db) -> None:
    sign_in(client, "la_barnsley")
    user = barnsley(seeded_db)
    page = open_sef(user, LA)
    edited = sef_to_dict(apply_edits(page.sef, {
        field_path("summary", "", "plans"): "Ruby Ashdown, born 3 March 2014, moved"}))
    response = post(client, "sef-share", [("sef-share", "n_clicks", 1)],
                    [("sef-doc", "data", edited), ("sef-base", "data", page.head_number),
                     ("sef-conflict-base", "data", None), ("sef-la", "data", LA),
                     *no_fields()])
    outputs = response.get_json()["response"]
    assert "Not shared" in json.dumps(outputs["sef-share-panel"])
    assert "a date of birth" in json.dumps(outputs["sef-identifiers"])
    assert "sef-share-confirm" not in json.dumps(outputs)
    assert open_sef(user, LA).head_number == page.head_number
