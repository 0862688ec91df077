"""Every role against every other LA's and region's data, through pages and callbacks.

Requests go through the real Flask app, as a browser (or an attacker with a valid
session) would send them. Refusals must carry no data of the refused LA.
"""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from tests.conftest import ACCOUNTS, page_content, post_callback, sign_in

#: Sample LAs: two in North East, Yorkshire and the Humber, one in London, one in the
#: West Midlands.
SAMPLE_LAS = {"370": "Barnsley", "371": "Doncaster", "202": "Camden", "330": "Birmingham"}
LA_REGION = {"370": "NEYH", "371": "NEYH", "202": "LON", "330": "WM"}
REGIONS = ("NEYH", "LON", "WM")
ROLES = ("admin", "la_barnsley", "la_camden", "hmi_neyh", "hmi_london")


def may_see_la(account: str, la_code: str) -> bool:
    spec = ACCOUNTS[account]
    if spec["role"] == "admin":
        return True
    if spec["role"] == "inspector":
        return LA_REGION[la_code] == spec["region_code"]
    return la_code == spec["la_code"]


def may_see_region(account: str, region: str) -> bool:
    spec = ACCOUNTS[account]
    return spec["role"] == "admin" or spec.get("region_code") == region


def history(client: FlaskClient, la_code: str, headers: dict[str, str] | None = None):
    return post_callback(
        client,
        [("history-la", "data", la_code), ("history-filter", "value", "all")],
        headers=headers,
    )


@pytest.mark.parametrize("account", ROLES)
@pytest.mark.parametrize("la_code", SAMPLE_LAS)
def test_la_page_only_for_those_who_may_see_the_la(
    client: FlaskClient, account: str, la_code: str
) -> None:
    assert sign_in(client, account).status_code == 302
    response = page_content(client, f"/la/{la_code}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    name = SAMPLE_LAS[la_code]
    if may_see_la(account, la_code):
        assert name in body and "You do not have access" not in body
    else:
        assert "You do not have access to this local authority." in body
        assert name not in body


@pytest.mark.parametrize("account", ROLES)
@pytest.mark.parametrize("la_code", SAMPLE_LAS)
def test_history_callback_refuses_other_las_with_403_and_no_data(
    client: FlaskClient, account: str, la_code: str
) -> None:
    sign_in(client, account)
    response = history(client, la_code)
    body = response.get_data(as_text=True)
    if may_see_la(account, la_code):
        assert response.status_code == 200
        assert "Inspections and visits, newest first" in body
    else:
        assert response.status_code == 403
        assert json.loads(body) == {"error": "You do not have access to this local authority."}


@pytest.mark.parametrize("account", ROLES)
@pytest.mark.parametrize("region", REGIONS)
def test_region_page_only_for_own_region_inspectors_and_admins(
    client: FlaskClient, account: str, region: str
) -> None:
    sign_in(client, account)
    body = page_content(client, f"/region/{region}").get_data(as_text=True)
    if may_see_region(account, region):
        assert "region-grid" in body
    else:
        assert "You do not have access to this region." in body
        assert "region-grid" not in body
        assert not any(name in body for name in SAMPLE_LAS.values())


@pytest.mark.parametrize("account", [a for a in ROLES if a != "admin"])
def test_user_admin_page_and_callbacks_refused_to_non_admins(
    client: FlaskClient, account: str, seeded_db: dict[str, int]
) -> None:
    sign_in(client, account)
    body = page_content(client, "/admin/users").get_data(as_text=True)
    assert "Only administrators can manage users." in body
    assert "admin@test.example.org" not in body
    response = post_callback(
        client,
        [("create-user", "n_clicks", 1)],
        [
            ("new-name", "value", "Mallory"),
            ("new-email", "value", f"mallory.{account}@example.org"),
            ("new-password", "value", "a-long-enough-password"),
            ("new-role", "value", "admin"),
            ("new-la", "value", ""),
            ("new-region", "value", ""),
            ("new-senior", "value", False),
            ("new-dcs", "value", False),
        ],
    )
    assert response.status_code == 403
    target = seeded_db["la_camden"]
    toggle = post_callback(
        client, [({"type": "toggle-active", "index": target, "activate": False}, "n_clicks", 1)]
    )
    assert toggle.status_code == 403
    role = post_callback(
        client,
        [("save-role", "n_clicks", 1)],
        [
            ("edit-user", "value", str(target)),
            ("edit-role", "value", "admin"),
            ("edit-la", "value", None),
            ("edit-region", "value", None),
            ("edit-senior", "value", False),
            ("edit-dcs", "value", False),
        ],
    )
    assert role.status_code == 403
    sign_in(client, "admin")
    rows = page_content(client, "/admin/users").get_data(as_text=True)
    assert "Deactivate la202@test.example.org" in rows
    sign_in(client, "admin")
    assert f"mallory.{account}@example.org" not in page_content(client, "/admin/users").get_data(
        as_text=True
    )


def test_admin_user_page_lists_accounts(client: FlaskClient) -> None:
    sign_in(client, "admin")
    body = page_content(client, "/admin/users").get_data(as_text=True)
    assert "la370@test.example.org" in body and "users-table" in body


@pytest.mark.parametrize("path", ["/", "/la/370", "/region/NEYH", "/admin/users", "/regions"])
def test_anonymous_page_requests_go_to_login(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(
    "path", ["/_dash-update-component", "/_dash-layout", "/_dash-dependencies"]
)
def test_anonymous_callback_routes_get_401_and_no_data(client: FlaskClient, path: str) -> None:
    response = client.post(path, json={}) if "update" in path else client.get(path)
    assert response.status_code == 401
    assert response.get_json() == {"error": "Sign in to continue."}


def test_anonymous_history_callback_gets_401(client: FlaskClient) -> None:
    response = history(client, "370", headers={})
    assert response.status_code == 401
    assert "Barnsley" not in response.get_data(as_text=True)


def test_callback_without_csrf_header_is_refused(client: FlaskClient) -> None:
    sign_in(client, "la_barnsley")
    assert history(client, "370", headers={}).status_code == 403
    assert history(client, "370", headers={"X-CSRFToken": "forged"}).status_code == 403
    assert history(client, "370").status_code == 200


@pytest.mark.parametrize("account", [None, "admin"])
def test_mcp_endpoint_is_not_served(client: FlaskClient, account: str | None) -> None:
    if account:
        sign_in(client, account)
    request = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}
    for path in ("/_mcp", "/_mcp/", "/_mcp/messages"):
        assert client.post(path, json=request).status_code == 404
        assert client.get(path).status_code == 404


def test_unknown_la_code_is_not_found_not_an_error(client: FlaskClient) -> None:
    sign_in(client, "admin")
    body = page_content(client, "/la/999").get_data(as_text=True)
    assert "There is no local authority with that code." in body
    assert history(client, "../370").status_code == 404


def test_malformed_callback_values_get_400_not_an_error(client: FlaskClient) -> None:
    sign_in(client, "admin")
    assert history(client, ["370"]).status_code == 404  # type: ignore[arg-type]
    bad_filter = post_callback(
        client, [("history-la", "data", "370"), ("history-filter", "value", {"x": 1})]
    )
    assert bad_filter.status_code == 400
    forged_button = post_callback(
        client, [({"type": "toggle-active", "index": "1; drop", "activate": "no"}, "n_clicks", 1)]
    )
    assert forged_button.status_code == 400
    odd_role = post_callback(
        client,
        [("save-role", "n_clicks", 1)],
        [
            ("edit-user", "value", 5),
            ("edit-role", "value", ["admin"]),
            ("edit-la", "value", {"a": 1}),
            ("edit-region", "value", None),
            ("edit-senior", "value", False),
            ("edit-dcs", "value", False),
        ],
    )
    assert odd_role.status_code == 200
    assert "Choose the account to change." in odd_role.get_data(as_text=True)


#: Lancashire (888, North West): inspected from May 2026, so no overall grade.
NO_GRADE_LA = "888"


@pytest.mark.parametrize("account", ["admin", "la_barnsley", "hmi_neyh", "hmi_london", "hmi_nw"])
def test_only_the_regions_senior_hmi_may_set_a_pathway_through_the_callback(
    client: FlaskClient, account: str
) -> None:
    """hmi_nw is of the LA's region but not senior; hmi_neyh is senior elsewhere."""
    sign_in(client, account)
    response = post_callback(
        client, [("pathway-save", "n_clicks", 1)],
        [("pathway-choice", "value", 2), ("pathway-next", "value", "standard"),
         ("pathway-date", "value", ""), ("pathway-reason", "value", "Walked by a test"),
         ("pathway-la", "data", NO_GRADE_LA)],
    )
    assert response.status_code == 403
    body = page_content(client, f"/la/{NO_GRADE_LA}").get_data(as_text=True)
    assert "pathway-save" not in body
    assert "Pathway 2, set by" not in body


@pytest.mark.parametrize("account", ["admin", "la_barnsley", "hmi_neyh", "hmi_london"])
def test_only_the_regions_inspectors_may_enter_visits_through_the_callback(
    client: FlaskClient, account: str
) -> None:
    sign_in(client, account)
    response = post_callback(
        client, [("visit-add", "n_clicks", 1)],
        [("visit-kind", "value", "monitoring_visit"), ("visit-status", "value", "planned"),
         ("visit-date", "value", "2027-03-01"), ("visit-note", "value", ""),
         ("visit-la", "data", NO_GRADE_LA)],
    )
    assert response.status_code == 403
    assert "visit-add" not in page_content(client, f"/la/{NO_GRADE_LA}").get_data(as_text=True)


def test_the_regions_senior_hmi_sees_the_pathway_form_and_its_hmi_the_visit_form(
    client: FlaskClient
) -> None:
    sign_in(client, "shmi_nw")
    body = page_content(client, f"/la/{NO_GRADE_LA}").get_data(as_text=True)
    assert "pathway-save" in body and "visit-add" in body
    sign_in(client, "hmi_nw")
    body = page_content(client, f"/la/{NO_GRADE_LA}").get_data(as_text=True)
    assert "pathway-save" not in body and "visit-add" in body
