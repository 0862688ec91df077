"""Hand-made real-format Annex A workbooks (issue 18) through the real ingest path.

Each ``tests/real_annex_a/quirks-*.xlsx`` is written by ``make_quirks.py``; the outcomes
here are worked by hand from the rows there. The extraction date entered is 31/03/2025
unless a test says otherwise. Care leavers on list 9 (ages on 31/03/2025): Q9001 19,
Q9002 21, Q9003 21 (not in touch, unsuitable, G5), Q9004 no date of birth and an age
of 20.4 in the age column, Q9005 17 (outside 19-21).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from dashboard.access import AccessDenied
from dashboard.domain.annex_a_checks import (
    BEFORE_BIRTH,
    BIRTH_DATES_DIFFER,
    LOCAL_CODES,
    PLACEHOLDERS,
)
from dashboard.services.audit import acting_as
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import save_local_codes, saved_local_codes, upload_annex_a
from dashboard.storage.db import session_scope
from dashboard.storage.models import AuditEvent, LocalCodeMapping, MIIndicatorValue
from tests.test_mi import principal

HERE = Path(__file__).parent / "real_annex_a"
EXTRACTED = date(2025, 3, 31)


def upload(seeded_db, name: str, la_code: str, period: date = EXTRACTED,
           account: str = "admin"):
    user = principal(seeded_db, account)
    with acting_as(user):
        return upload_annex_a(user, la_code, period,
                              [UploadedFile(name, (HERE / name).read_bytes())])


def figures(outcome) -> dict[str, MIIndicatorValue]:
    with session_scope() as session:
        rows = session.scalars(select(MIIndicatorValue).where(
            MIIndicatorValue.snapshot_id == outcome.snapshot_id)).all()
        session.expunge_all()
        return {row.indicator_id: row for row in rows}


def kinds(outcome) -> dict[str, int]:
    return {impact.kind: impact.rows for impact in outcome.impacts}


def test_the_workbooks_are_rebuilt_byte_for_byte() -> None:
    from tests.real_annex_a.make_quirks import variants

    for name, content in variants().items():
        assert (HERE / name).read_bytes() == content, name


def test_formula_ages_with_cached_values_are_fractional_years_and_never_an_error(
        seeded_db) -> None:
    outcome = upload(seeded_db, "quirks-formula-ages.xlsx", "201")
    assert outcome.status == "stored" and outcome.error_count == 0
    assert outcome.warning_count == 1  # only: no Workforce sheet
    values = figures(outcome)
    # band 19-21: Q9001, Q9002, Q9003 from their dates of birth, Q9004 from the cached age
    # 20.4 (whole years: 20); in touch Q9001, Q9002, Q9004
    in_touch = values["care_leavers_in_touch"]
    assert (in_touch.numerator, in_touch.denominator) == (3, 4)
    assert "from the date of birth on list 9 (4 row(s))" in in_touch.note
    assert "from list 9's age column in whole years where the date of birth is blank " \
           "(1 row(s))" in in_touch.note
    assert (values["care_leavers_eet"].numerator, values["care_leavers_eet"].denominator) == (
        3, 4)


def test_formula_ages_never_calculated_are_blank_to_the_reader(seeded_db) -> None:
    """calamine reads a formula's cached value; with none (openpyxl never calculates), the
    cell is blank, so Q9004, who has no date of birth either, has no age."""
    outcome = upload(seeded_db, "quirks-formula-ages-uncached.xlsx", "202")
    assert outcome.status == "stored" and outcome.error_count == 0
    in_touch = figures(outcome)["care_leavers_in_touch"]
    assert (in_touch.numerator, in_touch.denominator) == (2, 3)
    assert "age column" not in in_touch.note


def test_real_headings_match_and_messages_quote_them_as_the_file_has_them(seeded_db) -> None:
    outcome = upload(seeded_db, "quirks-headings.xlsx", "203")
    assert outcome.status == "stored"
    local = [p for p in outcome.problems if p.kind == LOCAL_CODES]
    assert [(p.sheet, p.column) for p in local] == [(
        "List 8", "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))")]
    assert "“Q” (1 row)" in local[0].message
    assert kinds(outcome) == {LOCAL_CODES: 1, "missing_list": 1}
    # no figure reads that column
    assert next(i for i in outcome.impacts if i.kind == LOCAL_CODES).indicators == ()


@pytest.mark.parametrize(("period", "status", "advice"), [
    (EXTRACTED, "stored", "the lists were extracted on or after that day"),
    (date(2025, 3, 27), "refused", "that is after the extraction date you entered (27/03/2025)"),
])
def test_the_latest_date_in_the_file_is_suggested(seeded_db, period, status, advice) -> None:
    from dashboard.pages.mi.views import upload_result

    outcome = upload(seeded_db, "quirks-latest-date.xlsx", "204" if status == "stored" else "205",
                     period)
    assert outcome.status == status and outcome.latest_date == date(2025, 3, 28)
    if status == "refused":  # the contact of 28/03/2025 is after 27/03/2025: an error
        assert outcome.error_count == 1
    text = str(upload_result(outcome))
    assert f"The latest date in the file is 28/03/2025; {advice}" in text


def test_local_codes_and_placeholders_warn_once_per_column_and_the_mapping_is_kept(
        seeded_db) -> None:
    user = principal(seeded_db, "la_barnsley")
    with session_scope() as session:
        session.execute(delete(LocalCodeMapping).where(LocalCodeMapping.la_code == "370"))
    first = upload(seeded_db, "quirks-local-codes.xlsx", "370", date(2025, 3, 29),
                   "la_barnsley")
    assert first.status == "stored" and first.error_count == 0
    # EMP on two rows (shown); a name on one row of Type of Accommodation (not shown);
    # "N/A" in a date column and " not recorded " in Case Status as blanks. The "#N/A"
    # openpyxl wrote as Excel's own error cell is read as blank by calamine, unseen.
    local = {p.column: p for p in first.problems if p.kind == LOCAL_CODES}
    assert set(local) == {"Activity Status", "Type of Accommodation"}
    assert "“EMP - In employment” (2 rows)" in local["Activity Status"].message
    assert "Persephone" not in local["Type of Accommodation"].message
    assert "1 row(s) hold other values, not shown" in local["Type of Accommodation"].message
    placeholders = {p.column: p.count for p in first.problems if p.kind == PLACEHOLDERS}
    assert placeholders == {"Date of Last IRO Visit / Contact to the Child": 1,
                            "Case Status": 1}
    impacts = {i.kind: i for i in first.impacts}
    assert impacts[LOCAL_CODES].rows == 3
    assert impacts[LOCAL_CODES].indicators == ("care_leavers_eet",)
    assert impacts[PLACEHOLDERS].indicators == ()
    assert [(c.column_key, c.values, c.hidden_rows) for c in first.unknown_codes] == [
        ("accommodation", (), 1), ("activity", (("EMP - In employment", 2),), 0)]
    eet = figures(first)["care_leavers_eet"]
    assert (eet.numerator, eet.denominator) == (1, 4)  # Q9001 only: EMP counts as blank

    with acting_as(user):
        assert save_local_codes(user, "370", [
            ("care_leavers", "activity", "EMP - In employment", "F3")]) == 1
    assert saved_local_codes(user, "370") == [
        ("care_leavers", "activity", "EMP - In employment", "F3")]
    with session_scope() as session:
        audited = session.scalars(select(AuditEvent).where(
            AuditEvent.entity == "Local code mapping", AuditEvent.la_code == "370")).all()
        assert audited and "EMP - In employment" in audited[-1].summary

    again = upload(seeded_db, "quirks-local-codes.xlsx", "370", date(2025, 3, 30),
                   "la_barnsley")
    assert again.status == "stored" and again.mapped_rows == 2
    assert {p.column for p in again.problems if p.kind == LOCAL_CODES} == {
        "Type of Accommodation"}
    eet = figures(again)["care_leavers_eet"]
    assert (eet.numerator, eet.denominator) == (3, 4)  # Q9001, and Q9002, Q9004 as F3
    from dashboard.pages.mi.views import upload_result

    assert "2 local codes mapped using your saved mapping" in str(upload_result(again))


def test_two_dates_of_birth_for_one_id_is_a_warning_and_each_figure_says_which_it_used(
        seeded_db) -> None:
    outcome = upload(seeded_db, "quirks-birth-dates.xlsx", "206")
    assert outcome.status == "stored"
    warning = next(p for p in outcome.problems if p.kind == BIRTH_DATES_DIFFER)
    assert (warning.sheet, warning.row, warning.column) == ("List 8", 2, "Date of Birth")
    assert "also on sheet “List 1”, row 3, with a different date of birth" in warning.message
    assert "Q1008" not in warning.message and "2015" not in warning.message
    impact = next(i for i in outcome.impacts if i.kind == BIRTH_DATES_DIFFER)
    assert impact.rows == 1 and impact.indicators == ("cla_long_term_stability",)
    # list 8's date of birth (10 years old): in care since 2020, same placement since
    # June 2021, so stable; list 1's (17) would have left the child out
    stability = figures(outcome)["cla_long_term_stability"]
    assert (stability.numerator, stability.denominator) == (1, 1)
    assert "the date of birth on list 8" in stability.note


def test_work_before_birth_is_a_warning(seeded_db) -> None:
    outcome = upload(seeded_db, "quirks-before-birth.xlsx", "207")
    assert outcome.status == "stored"
    warning = next(p for p in outcome.problems if p.kind == BEFORE_BIRTH)
    assert (warning.sheet, warning.row, warning.column) == ("List 1", 2, "Date of Contact")
    assert next(i for i in outcome.impacts if i.kind == BEFORE_BIRTH).indicators == (
        "contacts_rate",)


def test_only_what_makes_a_figure_wrong_refuses(seeded_db) -> None:
    outcome = upload(seeded_db, "quirks-errors.xlsx", "208")
    assert outcome.status == "refused"
    assert sorted((p.sheet, p.row, p.column) for p in outcome.problems
                  if p.severity == "error") == [
        ("List 3", 2, "Child Unique ID"),
        ("List 4", 2, "Continuous Assessment Date of Authorisation"),
        ("List 7", 2, "Child Protection Plan Start Date"),
    ]


def test_the_liia_tools_sample_is_stored_with_warnings(seeded_db) -> None:
    """The published sample that issue 18 saw refused with 54 errors."""
    outcome = upload(seeded_db, "liia-tools-Annex_A.xlsx", "209", date(2021, 3, 31))
    assert outcome.status == "stored" and outcome.error_count == 0
    assert {p.column for p in outcome.problems if p.kind == LOCAL_CODES} == {
        "Was the child assessed as requiring LA children's social care support?",
        "Primary Need Code"}
    assert sum(p.kind == BIRTH_DATES_DIFFER for p in outcome.problems) == 5


@pytest.mark.parametrize("account", ["la_camden", "hmi_neyh", "hmi_london", "admin"])
def test_only_the_las_own_users_see_or_save_its_mapping(seeded_db, account) -> None:
    user = principal(seeded_db, account)
    with pytest.raises(AccessDenied):
        saved_local_codes(user, "370")
    with pytest.raises(AccessDenied):
        save_local_codes(user, "370", [("care_leavers", "activity", "EMP - Job", "F3")])


@pytest.mark.parametrize("choice", [
    ("care_leavers", "activity", "EMP - Job", "Z9"),          # not a DfE code there
    ("care_leavers", "nope", "EMP - Job", "F3"),               # no such column
    ("care_leavers", "date_of_birth", "EMP - Job", "F3"),     # not a coded column
    ("care_leavers", "activity", "QZV-55012-ALPHA", "F3"),    # shaped like an ID
    ("care_leavers", "activity", "17/03/2011", "F3"),         # a date
    ("care_leavers", "activity", ["x"], "F3"),
])
def test_a_mapping_that_could_not_come_from_the_form_is_refused(seeded_db, choice) -> None:
    from dashboard.errors import InvalidRequest

    with pytest.raises(InvalidRequest):
        save_local_codes(principal(seeded_db, "la_barnsley"), "370", [choice])
