"""The corrected definitions (issue 18) on hand-made real-format workbooks, through the
real upload path (services.ingest reading the file, services.mi storing the figures).

The workbooks are written by ``tests/real_annex_a/make_definitions.py``; every expected
figure below was worked out by hand from its rows. Extraction date 31 October 2026:
42 days before is 19 September, three months before is 31 July, a year before is
31 October 2025. An admin uploads for two LAs no other test uses, so that no earlier
upload of the period waits for a "replace?".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dashboard.access import Principal
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import la_indicators, upload_annex_a
from dashboard.services.user_admin import principal_of
from dashboard.storage.db import session_scope
from dashboard.storage.models import User

HERE = Path(__file__).parent / "real_annex_a"
EXTRACTED = date(2026, 10, 31)
LANCASHIRE, HERTFORDSHIRE = "888", "919"


def admin(seeded_db: dict[str, int]) -> Principal:
    with session_scope() as session:
        return principal_of(session.get(User, seeded_db["admin"]))


def figures_after_upload(seeded_db: dict[str, int], la_code: str, name: str) -> dict:
    user = admin(seeded_db)
    outcome = upload_annex_a(user, la_code, EXTRACTED,
                             [UploadedFile(name, (HERE / name).read_bytes())])
    assert outcome.status == "stored", [p.message for p in outcome.problems][:5]
    assert outcome.error_count == 0
    # The two optional columns the template lacks are not reported missing.
    assert not [p for p in outcome.problems
                if "Previous Referral" in p.message or "Case-holding" in p.message]
    return {r.indicator.id: r for r in la_indicators(user, la_code).reports}


@pytest.fixture(scope="module")
def full(seeded_db: dict[str, int]) -> dict:
    return figures_after_upload(seeded_db, LANCASHIRE, "definitions-full.xlsx")


@pytest.fixture(scope="module")
def template_only(seeded_db: dict[str, int]) -> dict:
    return figures_after_upload(seeded_db, HERTFORDSHIRE, "definitions-template-only.xlsx")


def numbers(report) -> tuple:
    return report.numerator, report.denominator


def cells(path: Path) -> dict[str, list[tuple]]:
    book = load_workbook(path)
    return {page.title: list(page.iter_rows(values_only=True)) for page in book.worksheets}


def test_the_workbooks_hold_what_the_script_writes(tmp_path, monkeypatch) -> None:
    """The committed files are the script's (a zip records the time it was written, so
    the cells are compared, not the bytes)."""
    from tests.real_annex_a import make_definitions

    monkeypatch.setattr(make_definitions, "HERE", tmp_path)
    make_definitions.main()
    for name in ("definitions-full.xlsx", "definitions-template-only.xlsx"):
        assert cells(tmp_path / name) == cells(HERE / name), name


def test_care_leavers_activity_counts_f4_p5_f5_and_the_old_f3(full) -> None:
    # List 9, aged 19-21: D9001-D9007 (D9008 is 18). In education, employment or
    # training: F4, P5, F5, F3 (old code); not: G5, blank, G6. 4 of 7.
    eet = full["care_leavers_eet"]
    assert numbers(eet) == (4, 7) and eet.value == pytest.approx(400 / 7)


def test_visits_allow_three_months_after_a_year_in_a_long_term_placement(full) -> None:
    # In care at extraction: D8001-D8005 and D8008 (D8006, D8007 left in September).
    # D8001 U4 since 2024, visited 15 August (77 days): in time under three months.
    # D8002 U6, 77 days: late. D8003, D8004 visited 1 October: in time. D8005 U1 from
    # 30 November 2025, not yet a year: six weeks, 46 days: late. D8008 U4 from exactly
    # a year before, visited exactly three months before: in time. 4 of 6.
    visits = full["cla_visits_6_weeks"]
    assert numbers(visits) == (4, 6) and visits.value == pytest.approx(400 / 6)
    assert visits.note == ""


def test_short_breaks_are_left_out_of_rate_placements_and_missing(full) -> None:
    # In care at extraction less V3/V4 (D8003, D8004): D8001, D8002, D8005, D8008 = 4.
    rate = full["cla_rate"]
    assert rate.numerator == 4
    assert rate.value == pytest.approx(4 / rate.denominator * 10_000)
    # Three or more placements: D8002 (3) of those four; D8003's 4 is a short break.
    assert numbers(full["cla_three_placements"]) == (1, 4)
    # Missing: all eight rows less D8003, D8004, D8007 (short breaks) = 5; went missing:
    # D8002 and D8006. 2 of 5.
    missing = full["cla_missing"]
    assert numbers(missing) == (2, 5) and missing.value == pytest.approx(40.0)


def test_re_referrals_are_judged_from_the_previous_referral(full, template_only) -> None:
    # Referrals in the template's six months, after 30 April up to 31 October: D3001-D3005.
    # D3001's previous referral (1 September 2025) is within 12 months of 10 August 2026;
    # D3002's is exactly 12 months before, so not within; D3003's count of 2 shows one
    # within the 12 months; D3004 has none; D3005 (15 July) has a previous referral on
    # 1 March 2026, and a count of 3. 3 of 5.
    assert numbers(full["re_referrals"]) == (3, 5) and full["re_referrals"].value == 60.0
    assert full["re_referrals"].note == ""
    # Without the date column, D3001's earlier referral cannot be seen; D3003's and D3005's
    # counts still show theirs: 2 of 5, and the figure says it may be low.
    assert numbers(template_only["re_referrals"]) == (2, 5)
    assert "may be low" in template_only["re_referrals"].note


def test_caseload_uses_case_holding_fte_where_the_sheet_has_it(full, template_only) -> None:
    # 150 + 210 = 360 children; case-holding 9 + 15 = 24 FTE gives 15.0; in post
    # 10 + 2 + 20 + 4 = 36 FTE gives 10.0.
    assert (numbers(full["workforce_caseload"]), full["workforce_caseload"].value) == (
        (360, 24.0), 15.0)
    assert "case-holding" in full["workforce_caseload"].note
    assert (numbers(template_only["workforce_caseload"]),
            template_only["workforce_caseload"].value) == ((360, 36.0), 10.0)
    assert "no case-holding FTE" in template_only["workforce_caseload"].note


def test_suitability_leaves_out_abroad_deported_and_not_known(full) -> None:
    # Aged 19-21: D9001-D9007; less G (D9003), H (D9004), R (D9005): 4 left, of whom
    # D9001 and D9006 are in suitable accommodation. 2 of 4.
    suitable = full["care_leavers_suitable_accommodation"]
    assert numbers(suitable) == (2, 4) and suitable.value == 50.0
