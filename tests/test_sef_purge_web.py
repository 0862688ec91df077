"""Removing a SEF version's words through the real callbacks and pages (issue 15):
only the LA's own users purge or ask, only administrators decide, and every other role
gets 403 with no words; the inspectors see the notice where they read the SEF.

Kirklees (382, North East, Yorkshire and the Humber) is used only here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.access import SYSTEM, Principal
from dashboard.services.sef import open_sef, save_draft, share_version
from dashboard.services.user_admin import create_user, principal_of
from dashboard.storage.db import session_scope
from dashboard.storage.models import SefPurge, User
from tests.conftest import (
    ACCOUNTS,
    PASSWORD,
    _registered_outputs,
    csrf_header,
    page_content,
    sign_in,
)
from tests.test_sef_web import a_sef, post

LA = "382"
SHARED = "Kirklees shared words about Mr Hollingworth-Blythe"
DRAFT = "Kirklees draft words about Lysander"


@pytest.fixture(scope="module")
def kirklees(seeded_db) -> Iterator[Principal]:
    email = "purge.382@test.example.org"
    errors = create_user(SYSTEM, email=email, full_name="Kit Kirklees", role="la_user",
                         la_code=LA, password=PASSWORD)
    assert not errors or errors[0].message.startswith("An account with this email")
    ACCOUNTS["la_kirklees"] = dict(email=email, role="la_user", la_code=LA)
    with session_scope() as session:
        yield principal_of(session.scalars(select(User).where(User.email == email)).one())
    del ACCOUNTS["la_kirklees"]


def save(user: Principal, words: str, override: str | None = None) -> int:
    result = save_draft(user, LA, open_sef(user, LA).head_number, a_sef(words),
                        identifier_override=override)
    assert result.status == "saved"
    return result.number


@pytest.fixture(scope="module")
def numbers(kirklees) -> dict[str, int]:
    shared = save(kirklees, SHARED, override="Mr Hollingworth-Blythe is our director")
    assert share_version(kirklees, LA, shared, share_despite_warnings=True).status == "shared"
    draft = save(kirklees, DRAFT)
    return {"shared": shared, "draft": draft}


def press(client: FlaskClient, button: dict, state: list[dict]):
    """Click a pattern-matching button as the renderer does (its ALL input, one match)."""
    headers = csrf_header(client)
    key, spec = _registered_outputs(client, button)
    return client.post("/_dash-update-component", headers=headers, json={
        "output": key, "outputs": spec,
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
        "changedPropIds": [json.dumps(button, sort_keys=True, separators=(",", ":"))
                           + ".n_clicks"],
        "state": state})


def open_form(client: FlaskClient, number: object, la_code: str = LA):
    return press(client, {"type": "sef-purge-open", "number": number},
                 [{"id": "sef-la", "property": "data", "value": la_code}])


def confirm(client: FlaskClient, number: object, reason: object, la_code: object = LA,
            look_for: object = ""):
    return post(client, "sef-purge-confirm", [("sef-purge-confirm", "n_clicks", 1)],
                [("sef-purge-number", "data", number), ("sef-purge-reason", "value", reason),
                 ("sef-purge-look-for", "value", look_for), ("sef-la", "data", la_code)])


def decide(client: FlaskClient, purge_id: object, decision: str = "confirm"):
    return press(client, {"decision": decision, "id": purge_id, "type": "purge-decide"}, [])


def purge_rows(number: int) -> list[SefPurge]:
    with session_scope() as session:
        rows = session.scalars(select(SefPurge).where(SefPurge.la_code == LA,
                                                      SefPurge.version_number == number)).all()
        session.expunge_all()
        return list(rows)


@pytest.mark.parametrize("account", ["la_barnsley", "hmi_london", "hmi_neyh", "admin"])
def test_every_other_role_is_refused_the_purge_form_and_the_purge(
        client, numbers, account) -> None:
    sign_in(client, account)
    for number in numbers.values():
        for response in (open_form(client, number),
                         confirm(client, number, "Forged reason")):
            assert response.status_code == 403, response.get_data(as_text=True)
            body = response.get_data(as_text=True)
            assert "Kirklees" not in body and "Lysander" not in body
        assert purge_rows(number) == []


@pytest.mark.parametrize("account", ["la_barnsley", "la_kirklees", "hmi_london", "hmi_neyh"])
def test_only_administrators_decide_a_request(client, numbers, kirklees, account) -> None:
    request_id = _request_for_shared(kirklees, numbers)
    sign_in(client, account)
    response = decide(client, request_id)
    assert response.status_code == 403
    assert [r.status for r in purge_rows(numbers["shared"])] == ["requested"]
    sign_in(client, account)
    page = page_content(client, "/admin/sef-removals").get_data(as_text=True)
    assert "Only administrators confirm" in page and "Named" not in page


def _request_for_shared(kirklees: Principal, numbers: dict[str, int]) -> int:
    from dashboard.services.sef_purges import remove_words

    rows = [r for r in purge_rows(numbers["shared"]) if r.status == "requested"]
    if not rows:
        assert remove_words(kirklees, LA, numbers["shared"],
                            "Named a person who is not staff").status == "requested"
        rows = [r for r in purge_rows(numbers["shared"]) if r.status == "requested"]
    return rows[0].id


def test_the_la_purges_a_draft_through_the_page(client, kirklees) -> None:
    number = save(kirklees, "A boy called Peregrine Ottery was seen late",
                  override="A made-up case study")
    sign_in(client, "la_kirklees")
    form = json.dumps(open_form(client, number).get_json())
    assert f"Remove the words of version {number}" in form
    missing = json.dumps(confirm(client, number, "").get_json())
    assert "Give a reason for removing the words." in missing
    assert purge_rows(number) == []
    done = confirm(client, number, "A child's name was typed").get_json()["response"]
    assert f"The words of version {number} were removed." in json.dumps(done)
    # it was the latest version: the editor is redrawn without those words
    assert "Peregrine" not in json.dumps(done["sef-form"])
    assert "Words removed on" in json.dumps(done["sef-versions"])
    assert "Peregrine" not in page_content(client, f"/sef/{LA}").get_data(as_text=True)
    printed = client.get(f"/sef/{LA}/versions/{number}/print").get_data(as_text=True)
    assert "Words removed on" in printed and "Peregrine" not in printed
    word = client.get(f"/sef/{LA}/versions/{number}/document.docx")
    assert word.status_code == 200
    history = page_content(client, f"/sef-history/{LA}").get_data(as_text=True)
    assert f"Removed the words of SEF version {number}" in history
    assert "Peregrine" not in history


def test_a_shared_version_is_asked_for_the_admin_confirms_and_inspectors_are_told(
        client, numbers, kirklees) -> None:
    number = numbers["shared"]
    request_id = _request_for_shared(kirklees, numbers)
    # the region's inspector sees that it was asked for, and the words are still there
    sign_in(client, "hmi_neyh")
    reader = page_content(client, f"/sef/{LA}").get_data(as_text=True)
    assert "Words removed from shared versions" in reader
    assert "asked on" in reader and "Named a person who is not staff" in reader
    assert "Hollingworth-Blythe" in reader
    # the admin sees the request, never the draft's words, and confirms it
    sign_in(client, "admin")
    page = page_content(client, "/admin/sef-removals").get_data(as_text=True)
    assert "Kirklees" in page and f"Shared version {number}" in page
    assert "Named a person who is not staff" in page and "Kit Kirklees" in page
    assert "Lysander" not in page and "Hollingworth" not in page
    response = decide(client, request_id)
    assert response.status_code == 200
    assert f"The words of version {number} were removed." in response.get_data(as_text=True)
    assert decide(client, request_id).status_code == 404  # decided once
    sign_in(client, "hmi_neyh")
    reader = page_content(client, f"/sef/{LA}").get_data(as_text=True)
    assert "Hollingworth-Blythe" not in reader
    assert "Words removed on" in reader and "Test admin" in reader


def test_the_admin_navigation_links_the_requests(client) -> None:
    sign_in(client, "admin")
    assert "/admin/sef-removals" in client.get("/").get_data(as_text=True) or \
        "/admin/sef-removals" in json.dumps(client.get("/_dash-layout").get_json())
