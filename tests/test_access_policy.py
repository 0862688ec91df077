"""The access rules themselves, over every LA and region in the reference data."""

import csv
from pathlib import Path

import pytest

from dashboard.access import (
    Principal,
    can_edit_sef,
    can_manage_users,
    can_read_shared_sef,
    can_upload_mi,
    can_view_la,
    can_view_region,
    has_permission,
)

DATA = Path(__file__).resolve().parent.parent / "data"


class LA:
    def __init__(self, la_code: str, region_code: str) -> None:
        self.la_code = la_code
        self.region_code = region_code


ALL_LAS = [
    LA(row["la_code"], row["region_code"])
    for row in csv.DictReader((DATA / "local_authorities.csv").open(encoding="utf-8"))
]
REGIONS = [row["code"] for row in csv.DictReader((DATA / "regions.csv").open(encoding="utf-8"))]

BARNSLEY_USER = Principal(1, "a@x.org", "A", "la_user", la_code="370")
NEYH_HMI = Principal(2, "b@x.org", "B", "inspector", region_code="NEYH")
ADMIN = Principal(3, "c@x.org", "C", "admin")


def test_la_user_sees_exactly_their_own_la() -> None:
    visible = [la.la_code for la in ALL_LAS if can_view_la(BARNSLEY_USER, la)]
    assert visible == ["370"]


def test_inspector_sees_exactly_their_region() -> None:
    visible = {la.la_code for la in ALL_LAS if can_view_la(NEYH_HMI, la)}
    expected = {la.la_code for la in ALL_LAS if la.region_code == "NEYH"}
    assert visible == expected and len(expected) > 20


def test_admin_sees_every_la_and_region() -> None:
    assert all(can_view_la(ADMIN, la) for la in ALL_LAS)
    assert all(can_view_region(ADMIN, code) for code in REGIONS)


def test_region_overview_is_for_own_region_inspectors_and_admins() -> None:
    assert [r for r in REGIONS if can_view_region(NEYH_HMI, r)] == ["NEYH"]
    assert not any(can_view_region(BARNSLEY_USER, r) for r in REGIONS)


@pytest.mark.parametrize("user", [BARNSLEY_USER, NEYH_HMI, None])
def test_only_admins_manage_users(user: Principal | None) -> None:
    assert not can_manage_users(user)
    assert can_manage_users(ADMIN)


def test_no_one_sees_anything_without_a_scope_or_role() -> None:
    unbound_la_user = Principal(4, "d@x.org", "D", "la_user", la_code=None)
    unbound_inspector = Principal(5, "e@x.org", "E", "inspector", region_code=None)
    unknown_role = Principal(6, "f@x.org", "F", "superuser")
    for user in (unbound_la_user, unbound_inspector, unknown_role, None):
        assert not any(can_view_la(user, la) for la in ALL_LAS)
        assert not any(can_edit_sef(user, la) or can_read_shared_sef(user, la)
                       or can_upload_mi(user, la) for la in ALL_LAS)
    assert not has_permission(unknown_role, "view_all_las")


def test_only_the_las_own_users_edit_its_sef_and_see_drafts() -> None:
    assert [la.la_code for la in ALL_LAS if can_edit_sef(BARNSLEY_USER, la)] == ["370"]
    assert not any(can_edit_sef(user, la) for user in (NEYH_HMI, ADMIN) for la in ALL_LAS)


def test_shared_sefs_are_read_by_the_la_its_regions_inspectors_and_admins() -> None:
    assert [la.la_code for la in ALL_LAS if can_read_shared_sef(BARNSLEY_USER, la)] == ["370"]
    assert {la.la_code for la in ALL_LAS if can_read_shared_sef(NEYH_HMI, la)} == {
        la.la_code for la in ALL_LAS if la.region_code == "NEYH"}
    assert all(can_read_shared_sef(ADMIN, la) for la in ALL_LAS)


def test_only_the_las_own_users_purge_its_sef_and_only_admins_confirm() -> None:
    from dashboard.access import can_confirm_sef_purge, can_purge_sef

    assert [la.la_code for la in ALL_LAS if can_purge_sef(BARNSLEY_USER, la)] == ["370"]
    assert not any(can_purge_sef(user, la) for user in (NEYH_HMI, ADMIN, None)
                   for la in ALL_LAS)
    assert can_confirm_sef_purge(ADMIN)
    assert not any(can_confirm_sef_purge(user) for user in (BARNSLEY_USER, NEYH_HMI, None))
