"""A return on Ofsted's own Annex A template goes in whole (issue 28).

The workbook (``tests/real_annex_a/template_layout.py``) has the template's sheets, a
title row above every list's headings, its dropdown values, two referrals and two
assessments for one child, a blank count of referrals, two rows for one child on list 7
and a blank number of placements on list 8. It is written by the fixtures as .xlsx and
stored through the real ingest path; every figure below is worked out by hand from its
rows, for an extraction date of 31/10/2026 (the six months run from 01/05/2026). The
same cells written as .xls (xlwt) and .ods (odfpy) give the same warnings and figures, and
so do the .xlsx and the .xls encrypted with Excel's built-in default password (as Excel
does for a template whose structure is protected), with a note that says so.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.domain.annex_a_checks import NOTE, WARNING
from dashboard.services.audit import acting_as
from dashboard.services.ingest import EXCEL_DEFAULT_PASSWORD, UploadedFile
from dashboard.services.mi import check_annex_a, upload_annex_a
from dashboard.storage.db import session_scope
from dashboard.storage.models import LocalAuthority, MIIndicatorValue
from tests.real_annex_a import template_layout
from tests.test_mi import principal
from tests.workbooks import encrypted_xlsx, rc4_encrypted_xls

#: Each copy of the workbook goes to an LA of its own, so no upload replaces another's.
COPIES = [("annex-a-template.xlsx", template_layout.xlsx_bytes, "334"),
          ("annex-a-template.xls", template_layout.xls_bytes, "335"),
          ("annex-a-template.ods", template_layout.ods_bytes, "336"),
          ("annex-a-template (protected).xlsx",
           lambda: encrypted_xlsx(template_layout.xlsx_bytes(), EXCEL_DEFAULT_PASSWORD), "340"),
          ("annex-a-template (protected).xls",
           lambda: rc4_encrypted_xls(template_layout.xls_bytes(), EXCEL_DEFAULT_PASSWORD), "342")]


@pytest.fixture(scope="module", params=COPIES, ids=[name for name, _, _ in COPIES])
def stored(request, seeded_db):
    name, write, la_code = request.param
    user = principal(seeded_db, "admin")
    with acting_as(user):
        outcome = upload_annex_a(user, la_code, template_layout.EXTRACTED,
                                 [UploadedFile(name, write())])
    with session_scope() as session:
        population = session.get(LocalAuthority, la_code).under18_population
        values = {row.indicator_id: row for row in session.scalars(select(
            MIIndicatorValue).where(MIIndicatorValue.snapshot_id == outcome.snapshot_id))}
        session.expunge_all()
    return outcome, values, population


def test_the_template_is_stored_not_refused(stored) -> None:
    outcome, _, _ = stored
    assert outcome.status == "stored", [p.message for p in outcome.problems if p.severity
                                        == "error"]
    assert outcome.error_count == 0
    counts = {count.number: count.rows for count in outcome.list_counts}
    # every row below the title and headings read; list 7 keeps T2's most recent plan
    assert counts == {1: 4, 2: 1, 3: 4, 4: 3, 5: 1, 6: 1, 7: 1, 8: 2, 9: 1, 10: 1, 11: 1}


def test_its_warnings_name_each_sheet_row_and_column(stored) -> None:
    outcome, _, _ = stored
    warnings = {(p.sheet, p.row, p.column) for p in outcome.problems if p.severity == WARNING}
    title_rows = {(f"List_{number}", None, None) for number in range(1, 12)}
    assert warnings == title_rows | {
        ("List_3", 5, "Number of Referrals in Last 12 Months"),      # T2's blank count
        ("List_7", 4, "Child Unique ID"),                             # T2's second plan
        ("List_8", 4, "Number of Placements in the Last 12 months"),  # T4's blank count
        ("(whole upload)", None, None),                               # no Workforce sheet
    }
    by_place = {(p.sheet, p.row): p.message for p in outcome.problems
                if p.severity == WARNING}
    assert by_place[("List_3", None)].startswith(
        "Row 1 above the headings (on row 2) was not read")
    assert ("The figures use row 4, because it has the later Child Protection Plan Start Date"
            in by_place[("List_7", 4)])


def test_the_templates_own_sheets_and_dropdowns_are_notes(stored) -> None:
    outcome, _, _ = stored
    notes = [p for p in outcome.problems if p.severity == NOTE]
    assert {p.sheet for p in notes if "template's own" in p.message} == {
        "FAQ_and_changes", "Guidance", "Codes_used"}
    gender = [p.message for p in notes if (p.sheet, p.column) == ("List_3", "Gender")]
    assert gender == ["4 cell(s) hold the Annex A template's dropdown values (“a) Male” read "
                      "as M, “b) Female” read as F); each was read as the DfE code it stands "
                      "for."]


@pytest.mark.parametrize(("name", "write"), [(name, write) for name, write, _ in COPIES])
def test_the_check_proposes_the_front_sheets_date_and_stores_nothing(seeded_db, name,
                                                                     write) -> None:
    user = principal(seeded_db, "admin")
    outcome = check_annex_a(user, "333", [UploadedFile(name, write())])
    assert outcome.status == "checked" and outcome.snapshot_id is None
    assert outcome.proposed is not None
    assert outcome.proposed.day == template_layout.EXTRACTED
    assert "Front_Sheet" in outcome.proposed.source
    assert outcome.latest_date == template_layout.LATEST_EVENT


def test_only_a_copy_excel_protected_says_it_was_opened_with_the_default_password(
        stored, request) -> None:
    outcome, _, _ = stored
    name = request.node.callspec.params["stored"][0]
    protection = [(p.severity, p.sheet, p.row, p.column) for p in outcome.problems
                  if "Excel's built-in default password" in p.message]
    assert protection == ([(NOTE, name, None, None)] if "(protected)" in name else [])


def _numbers(values, key: str) -> tuple[float | None, float | None]:
    return values[key].numerator, values[key].denominator


def test_the_figures_count_events_and_children_as_the_template_asks(stored) -> None:
    _, values, population = stored
    # contacts: T1 twice and T2 in the six months (T3's is from March): 3, doubled a year
    assert _numbers(values, "contacts_rate") == (3, population)
    assert values["contacts_rate"].value == pytest.approx(3 * 2 / population * 10_000)
    # referrals: all four rows are in the six months, T1's two count twice
    assert _numbers(values, "referrals_rate") == (4, population)
    assert values["referrals_rate"].value == pytest.approx(4 * 2 / population * 10_000)
    # re-referrals: T2's blank count leaves that referral out; T1's second (01/09) came
    # within 12 months of T1's first (01/06); T1's first and T3's have none: 1 of 3
    assert _numbers(values, "re_referrals") == (1, 3)
    assert values["re_referrals"].note.startswith("1 row(s) left out: their number of "
                                                  "referrals in last 12 months is blank")
    # assessments, one per row: T1 01/06-15/06 (10 working days) and 02/09-29/10 (41, no
    # bank holiday between), T3 06/05-30/09 (103): 2 of 3
    assert _numbers(values, "assessments_45_days") == (2, 3)
    # list 7: T2's current plan (started 20/10/2026, one previous plan) is used, so one
    # plan open and it is a second plan; the old plan (ended 01/06/2026) is left out
    assert _numbers(values, "cp_plans_rate") == (1, population)
    assert _numbers(values, "cp_second_subsequent") == (1, 1)
    # list 8: two children in care; T4's number of placements is blank, so left out of
    # the placements figure; T3 had 3
    assert _numbers(values, "cla_rate") == (2, population)
    assert _numbers(values, "cla_three_placements") == (1, 1)
    assert "1 row(s) left out" in values["cla_three_placements"].note
    # care leaver T5, 20 on 31/10/2026: in touch, suitable ("a) Suitable"), in EET (F1)
    for key in ("care_leavers_in_touch", "care_leavers_suitable_accommodation",
                "care_leavers_eet"):
        assert _numbers(values, key) == (1, 1)
