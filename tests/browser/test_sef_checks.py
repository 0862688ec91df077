"""The SEF's claims read against their figures, in a real browser (ILACS framework, para 50).

Hartlepool's user finds a strength its own figures contradict, moves it to the areas for
development, sees what an inspector will see and shares; the region's inspector reads the
remaining checks beside the figures and keeps one as evidence in their notes.
"""

from __future__ import annotations

from datetime import date

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from sqlalchemy import select

from dashboard.access import SYSTEM
from dashboard.demo.annex_a import workbook_bytes
from dashboard.domain.indicators import INDICATORS
from dashboard.domain.sef import (
    INDICATOR,
    STRENGTH,
    Sef,
    add_evidence,
    add_statement,
    add_theme,
    apply_edits,
    field_path,
)
from dashboard.domain.sef_accuracy import CONTRADICTED, SUPPORTED
from dashboard.services.ingest import UploadedFile
from dashboard.services.inspector_notes import list_notes
from dashboard.services.mi import list_snapshots, upload_annex_a
from dashboard.services.sef import open_sef, save_draft
from dashboard.services.user_admin import principal_of
from dashboard.storage.db import session_scope
from dashboard.storage.models import User
from tests.browser.test_roles import (
    assert_accessible,
    assert_no_console_errors,
    click,
    open_app,
    sign_in,
    sign_in_as,
    sign_out,
)
from tests.browser.test_sef import labelled, press, type_into
from tests.conftest import ACCOUNTS, temporary_account

LA = "805"  # Hartlepool, North East, Yorkshire and the Humber
PERIOD_END = date(2026, 3, 31)
CLAIM = "Our practice here is strong."
EMAIL = "la805.checks@test.example.org"


def hartlepool_has_figures() -> None:
    if any(s.period_end == PERIOD_END for s in list_snapshots(SYSTEM, LA)):
        return
    outcome = upload_annex_a(SYSTEM, LA, PERIOD_END, [
        UploadedFile("lists.xlsx", workbook_bytes("small", PERIOD_END, seed=21))])
    assert outcome.status == "stored"


def _principal(email: str):
    with session_scope() as session:
        return principal_of(session.scalars(select(User).where(User.email == email)).one())


def _strength_linking(indicator_id: str) -> Sef:
    sef = add_theme(Sef(), "Help and protection, including the front door")
    theme = sef.themes[0].id
    sef = add_statement(sef, theme, STRENGTH)
    statement = sef.themes[0].statements[0].id
    sef = add_evidence(sef, statement, INDICATOR)
    evidence = sef.themes[0].statements[0].evidence[0].id
    return apply_edits(sef, {field_path("statement", statement, "text"): CLAIM,
                             field_path("evidence", evidence, "indicator_id"): indicator_id})


def a_contradicted_strength(user) -> tuple[str, str]:
    """The first indicator whose figures contradict a strength in Hartlepool's upload,
    found by saving a draft for each until one is (the check is the domain's; the test
    then follows what a person sees)."""
    for indicator in INDICATORS:
        if indicator.better is None:
            continue
        base = open_sef(user, LA).head_number
        result = save_draft(user, LA, base, _strength_linking(indicator.id))
        verdicts = {item.verdict for item in open_sef(user, LA).review.items}
        if CONTRADICTED in verdicts:
            return indicator.id, indicator.name
        assert result.status == "saved"
    raise AssertionError("no indicator contradicts a strength in this upload")


def test_the_la_sees_a_contradicted_claim_changes_it_and_the_inspector_sees_the_checks(
        dash_duo, dash_app) -> None:
    hartlepool_has_figures()
    with temporary_account(EMAIL, LA):
        user = _principal(EMAIL)
        indicator_id, indicator_name = a_contradicted_strength(user)

        open_app(dash_duo, dash_app)
        sign_in_as(dash_duo, EMAIL)
        dash_duo.wait_for_element("#la-name", timeout=10)
        dash_duo.driver.get(dash_duo.server_url + f"/sef/{LA}")
        dash_duo.wait_for_element("#sef-form", timeout=10)

        # the check beside the claim and in the editor's list, with its working
        beside = dash_duo.find_element("#sef-form .sef-claim-checks").text
        assert "The figures say the opposite" in beside
        assert "England" in beside and "95% limits" in beside
        listed = dash_duo.find_element("#sef-check-list").text
        assert f"Strength 1 in “Help and protection, including the front door”: “{CLAIM}”" \
            in listed
        assert indicator_name in listed
        assert_accessible(dash_duo)

        # the LA moves the claim to where its figures put it
        press(dash_duo, "Remove strength 1")
        press(dash_duo, "Add an area for development")
        type_into(dash_duo, "Area for development 1",
                  "This part of our practice is not yet good enough.")
        press(dash_duo, "Add a figure")
        Select(labelled(dash_duo, "Figure from your management information")
               ).select_by_value(indicator_id)
        dash_duo.wait_for_contains_text(".sef-figure", indicator_name, timeout=10)
        click(dash_duo, "#sef-save")
        dash_duo.wait_for_contains_text("#sef-form .sef-claim-checks", "The figures agree",
                                        timeout=15)
        assert "The figures say the opposite" not in dash_duo.find_element("#sef-checks").text
        assert "Published figures (" in dash_duo.find_element(".sef-figure").text

        click(dash_duo, "#sef-share")
        dash_duo.wait_for_element("#sef-share-confirm", timeout=15)
        preview = dash_duo.find_element("#sef-share-confirmation").text
        assert "What an inspector will see" in preview
        assert "The figures say the opposite" not in preview
        assert "A plan to complete" in preview  # the area for development has no plan yet
        assert "Reminder: 1 area(s) for development have no complete plan." in preview
        assert_accessible(dash_duo)
        number = int(dash_duo.find_element("#sef-share-confirm").text.split()[-1])
        click(dash_duo, "#sef-share-confirm")
        dash_duo.wait_for_contains_text("#sef-share-panel", f"Version {number} was shared",
                                        timeout=10)
        assert_no_console_errors(dash_duo)

        # the region's inspector reads the remaining checks beside the figures
        sign_out(dash_duo)
        sign_in(dash_duo, "hmi_neyh")
        dash_duo.wait_for_element("#home-region", timeout=10)
        dash_duo.driver.get(dash_duo.server_url + f"/sef/{LA}")
        dash_duo.wait_for_element("#sef-reader-checks", timeout=10)
        checks = dash_duo.find_element("#sef-reader-checks").text
        assert "The figures say the opposite" not in checks
        assert "A plan to complete" in checks
        other = dash_duo.find_element("#sef-reader-check-list-other")
        dash_duo.driver.execute_script("arguments[0].parentElement.open = true;", other)
        assert "The figures agree" in other.text and indicator_name in other.text
        dash_duo.wait_for_contains_text("#sef-theme-checks", "The figures agree", timeout=10)
        assert_accessible(dash_duo)

        first_check = dash_duo.find_element("#sef-reader-check-list li strong").text
        first = dash_duo.driver.find_elements(By.CSS_SELECTOR,
                                              "#sef-reader-check-list button")[0]
        dash_duo.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", first)
        first.click()
        dash_duo.wait_for_contains_text("#sef-check-note-status",
                                        "Added to your preparation notes", timeout=10)
        inspector = _principal(ACCOUNTS["hmi_neyh"]["email"])
        notes = list_notes(inspector, LA)
        heading = first_check.removeprefix("Check: ").strip()
        assert notes and notes[0].text.startswith(f"SEF version {number}: {heading}")
        assert_no_console_errors(dash_duo)
        assert SUPPORTED in {i.verdict for i in open_sef(inspector, LA).review.items}
