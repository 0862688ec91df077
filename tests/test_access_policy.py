"""The access rules themselves, over every LA and region in the reference data."""

import csv
import re
from pathlib import Path

import pytest

from dashboard.access import (
    FLAGS,
    POLICY,
    ROLES,
    Action,
    Place,
    Principal,
    account_description,
    authorize,
    can_edit_sef,
    can_manage_users,
    can_read_shared_sef,
    can_upload_mi,
    can_view_la,
    can_view_region,
    permits,
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
    assert not any(permits(unknown_role, action) for action in Action)


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


SENIOR_NEYH_HMI = Principal(7, "g@x.org", "G", "inspector", region_code="NEYH", is_senior=True)
SENIOR_LONDON_HMI = Principal(8, "h@x.org", "H", "inspector", region_code="LON", is_senior=True)
ALL_INSPECTORS = (NEYH_HMI, SENIOR_NEYH_HMI, SENIOR_LONDON_HMI)
ROOT = Path(__file__).resolve().parent.parent


def test_every_action_has_a_row_and_every_grant_names_known_roles_and_flags() -> None:
    assert set(POLICY) == set(Action)
    for action, grants in POLICY.items():
        assert grants, action
        for role, grant in grants.items():
            assert role in ROLES, (action, role)
            if grant.flag is not None:
                assert FLAGS[grant.flag].role == role, (action, role, grant.flag)


def test_only_a_senior_hmi_of_the_las_region_agrees_the_agenda_for_ofsted() -> None:
    """ILACS framework para 47: the regional senior HMI agrees the agenda with the DCS."""
    agreeing = {
        user.email for user in (BARNSLEY_USER, NEYH_HMI, ADMIN, SENIOR_NEYH_HMI,
                                SENIOR_LONDON_HMI)
        for la in ALL_LAS if la.la_code == "370"
        if permits(user, Action.AGREE_AGENDA_FOR_OFSTED, la=la)
    }
    assert agreeing == {SENIOR_NEYH_HMI.email}
    # The flag means nothing on a role the table does not give it to.
    senior_la_user = Principal(9, "i@x.org", "I", "la_user", la_code="370", is_senior=True)
    assert not permits(senior_la_user, Action.AGREE_AGENDA_FOR_OFSTED, la=Place("370", "NEYH"))


def test_only_a_senior_hmi_of_the_las_region_sets_its_pathway() -> None:
    """Inspections from April 2026 give no overall grade (Ofsted, 27 November 2025): the
    region's senior HMI records the pathway. Not an HMI who is not senior, not a senior
    HMI of another region, not the LA, not an administrator (DESIGN.md section 4: they
    manage accounts, not inspections)."""
    setting = {
        (user.email, la.la_code)
        for user in (BARNSLEY_USER, NEYH_HMI, ADMIN, SENIOR_NEYH_HMI, SENIOR_LONDON_HMI)
        for la in ALL_LAS
        if permits(user, Action.SET_PATHWAY, la=la)
    }
    assert setting == {(user.email, la.la_code) for la in ALL_LAS
                       for user in (SENIOR_NEYH_HMI, SENIOR_LONDON_HMI)
                       if la.region_code == user.region_code}
    senior_la_user = Principal(9, "i@x.org", "I", "la_user", la_code="370", is_senior=True)
    assert not permits(senior_la_user, Action.SET_PATHWAY, la=Place("370", "NEYH"))


def test_only_a_senior_hmi_of_the_las_region_issues_a_refused_letter_with_a_reason() -> None:
    """ILACS framework paras 47 and 48: a letter the issuing rules refuse may still go with
    a reason, but only from the region's senior HMI: not an HMI who is not senior, not the
    LA (even its DCS), not an administrator."""
    issuing = {
        (user.email, la.la_code)
        for user in (BARNSLEY_USER, NEYH_HMI, ADMIN, SENIOR_NEYH_HMI, SENIOR_LONDON_HMI)
        for la in ALL_LAS
        if permits(user, Action.ISSUE_LETTER_WITH_REASON, la=la)
    }
    assert issuing == {(user.email, la.la_code) for la in ALL_LAS
                       for user in (SENIOR_NEYH_HMI, SENIOR_LONDON_HMI)
                       if la.region_code == user.region_code}
    dcs = Principal(9, "i@x.org", "I", "la_user", la_code="370", is_senior=True, is_dcs=True)
    assert not permits(dcs, Action.ISSUE_LETTER_WITH_REASON, la=Place("370", "NEYH"))


def test_the_regions_inspectors_senior_or_not_enter_visits() -> None:
    entering = {
        (user.email, la.la_code)
        for user in (BARNSLEY_USER, NEYH_HMI, ADMIN, SENIOR_NEYH_HMI, SENIOR_LONDON_HMI)
        for la in ALL_LAS
        if permits(user, Action.RECORD_VISITS, la=la)
    }
    assert entering == {(user.email, la.la_code) for la in ALL_LAS for user in ALL_INSPECTORS
                        if la.region_code == user.region_code}


def test_the_regions_inspectors_alone_keep_an_las_letter_details() -> None:
    """Issue 21: the DCS's name, address and copy list that the letter uses are kept by
    those who write it, the region's inspectors; not the LA (its DCS neither), not an
    administrator, not another region's inspectors."""
    barnsley_dcs = Principal(10, "d@x.org", "D", "la_user", la_code="370", is_dcs=True)
    editing = {
        (user.email, la.la_code)
        for user in (BARNSLEY_USER, barnsley_dcs, NEYH_HMI, ADMIN, SENIOR_NEYH_HMI,
                     SENIOR_LONDON_HMI)
        for la in ALL_LAS
        if permits(user, Action.EDIT_LETTER_DETAILS, la=la)
    }
    assert editing == {(user.email, la.la_code) for la in ALL_LAS for user in ALL_INSPECTORS
                       if la.region_code == user.region_code}


def test_only_the_las_dcs_or_delegate_agrees_the_agenda_for_the_la() -> None:
    """ILACS framework para 47: the DCS agrees the agenda, so only an LA user marked as
    the DCS or a delegate, of that LA, agrees it for the LA; every LA user takes part."""
    barnsley_dcs = Principal(10, "d@x.org", "D", "la_user", la_code="370", is_dcs=True)
    doncaster_dcs = Principal(11, "e@x.org", "E", "la_user", la_code="371", is_dcs=True)
    barnsley = next(la for la in ALL_LAS if la.la_code == "370")
    agreeing = {user.email for user in (BARNSLEY_USER, barnsley_dcs, doncaster_dcs, NEYH_HMI,
                                        SENIOR_NEYH_HMI, ADMIN)
                if permits(user, Action.AGREE_AGENDA_FOR_LA, la=barnsley)}
    assert agreeing == {barnsley_dcs.email}
    assert permits(BARNSLEY_USER, Action.ENGAGE_FOR_LA, la=barnsley)
    # The flag means nothing on an inspector.
    dcs_hmi = Principal(12, "f@x.org", "F", "inspector", region_code="NEYH", is_dcs=True)
    assert not permits(dcs_hmi, Action.AGREE_AGENDA_FOR_LA, la=barnsley)
    assert account_description("la_user", "370", None, {"dcs": True}) == (
        "LA user (DCS or delegate) for LA 370")
    assert account_description("inspector", None, "NEYH", {"senior": True, "dcs": True}) == (
        "senior inspector for region NEYH")


def test_actions_without_a_place_are_for_every_la_grants_only() -> None:
    for action in Action:
        expected = {role for role, grant in POLICY[action].items()
                    if grant.scope == "every LA" and grant.flag is None}
        holders = {user.role for user in (BARNSLEY_USER, NEYH_HMI, ADMIN)
                   if permits(user, action)}
        assert holders == expected, action


@pytest.mark.parametrize("action", list(Action))
def test_authorize_by_code_answers_as_permits_on_the_la(seeded_db, action: Action) -> None:
    users = (BARNSLEY_USER, NEYH_HMI, ADMIN, SENIOR_NEYH_HMI, SENIOR_LONDON_HMI, None)
    sample = [la for la in ALL_LAS if la.la_code in {"370", "202", "929", "851"}]
    for user in users:
        for la in sample:
            assert authorize(user, action, la.la_code) == permits(user, action, la=la), (
                user, action, la.la_code)
    assert not authorize(NEYH_HMI, Action.VIEW_LA, "999"), "an unknown LA is in no region"


ROLE_NAME_COMPARED = re.compile(
    r"""(==|!=|\bin\b)\s*[\(\[{]?\s*["'](la_user|inspector|admin)["']"""
    r"""|["'](la_user|inspector|admin)["']\s*(==|!=)"""
)


def test_no_role_name_is_compared_outside_the_access_policy() -> None:
    """DESIGN: navigation, home pages and user administration read the policy table;
    adding a role must not mean hunting for ``role == "..."`` across the code."""
    sources = [*ROOT.glob("dashboard/**/*.py"), *ROOT.glob("callbacks/**/*.py")]
    assert len(sources) > 50
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources if path.name != "access.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ROLE_NAME_COMPARED.search(line)
    ]
    assert offending == []


def test_the_models_role_constraints_are_the_migrations() -> None:
    """The users table's checks are generated from the role table; a role added there
    without a migration fails here."""
    from dashboard.storage.models import User

    migration = (ROOT / "migrations" / "versions" / "0001_initial.py").read_text()
    checks = [c for c in User.__table__.constraints if c.__class__.__name__ == "CheckConstraint"]
    assert len(checks) == 2
    for check in checks:
        assert f'"{check.sqltext.text}"' in migration, check.name
