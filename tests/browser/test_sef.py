"""A SEF written, shared and read in a real browser, then downloaded as Word and PDF.

Doncaster's (371) user writes a SEF with a figure, other evidence, an area for
development and a plan; shares it; the region's inspector reads it and downloads both
documents, whose text is checked. Script typed into the SEF is shown as text, never
run. axe-core checks the editor and the reader.
"""

from __future__ import annotations

import io
import time
from datetime import date
from pathlib import Path

import docx
import pypdf
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from dashboard.access import SYSTEM
from dashboard.demo.annex_a import workbook_bytes
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import list_snapshots, upload_annex_a
from tests.browser.test_roles import (
    assert_accessible,
    assert_no_console_errors,
    click,
    open_app,
    sign_in,
    sign_out,
)

#: Earlier than any period the service tests upload for Doncaster.
PERIOD_END = date(2025, 12, 31)
SCRIPT = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"


def doncaster_has_figures() -> None:
    if any(s.period_end == PERIOD_END for s in list_snapshots(SYSTEM, "371")):
        return
    outcome = upload_annex_a(SYSTEM, "371", PERIOD_END, [
        UploadedFile("lists.xlsx", workbook_bytes("small", PERIOD_END, seed=3))])
    assert outcome.status == "stored"


def labelled(dash_duo, label: str, nth: int = -1):
    """The control a visible label names (the last such, by default: the newest).

    Leaving a field saves it, and the save redraws the plans' lists of weaknesses: a
    label read at that moment may be replaced under the test, so the search is retried.
    """
    for _attempt in range(5):
        try:
            labels = [e for e in dash_duo.driver.find_elements(By.TAG_NAME, "label")
                      if e.text.strip() == label]
            assert labels, f"no control labelled {label!r}"
            target = labels[nth].get_attribute("for")
            return dash_duo.driver.find_element(By.XPATH, f"//*[@id='{target}']")
        except StaleElementReferenceException:
            time.sleep(0.2)
    raise AssertionError(f"the label {label!r} kept being redrawn")


def type_into(dash_duo, label: str, text: str) -> None:
    element = labelled(dash_duo, label)
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.clear()
    element.send_keys(text)


def set_value(dash_duo, label: str, value: str) -> None:
    """Fill a date input whatever the browser's locale (React listens for 'input')."""
    dash_duo.driver.execute_script(
        "const input = arguments[0];"
        "Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')"
        ".set.call(input, arguments[1]);"
        "input.dispatchEvent(new Event('input', {bubbles: true}));",
        labelled(dash_duo, label), value,
    )


def press(dash_duo, text: str) -> None:
    """Click the last button whose text is ``text`` and let the form redraw."""
    buttons = [b for b in dash_duo.driver.find_elements(By.TAG_NAME, "button")
               if b.text.strip() == text]
    assert buttons, f"no button {text!r}"
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", buttons[-1])
    count = len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#sef-form *"))
    buttons[-1].click()
    deadline = time.monotonic() + 10
    while len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#sef-form *")) == count:
        assert time.monotonic() < deadline, f"the form did not change after {text!r}"
        time.sleep(0.1)


def wait_for_download(folder: Path, suffix: str) -> bytes:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            time.sleep(0.3)
            return done[0].read_bytes()
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} was downloaded")


def test_la_writes_and_shares_a_sef_and_the_inspector_reads_and_downloads_it(
        dash_duo, dash_app) -> None:
    doncaster_has_figures()
    open_app(dash_duo, dash_app)
    sign_in(dash_duo, "la_doncaster")
    dash_duo.wait_for_element("#la-name", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/sef/371")
    dash_duo.wait_for_element("#sef-form", timeout=10)

    type_into(dash_duo, "Opening text: your main themes and learning",
              f"Practice is **improving** across the service. {SCRIPT}")
    Select(dash_duo.find_element("#sef-new-theme")).select_by_visible_text("Children in care")
    press(dash_duo, "Add theme")
    press(dash_duo, "Add a strength")
    type_into(dash_duo, "Strength 1", "Children in care say they feel listened to.")
    press(dash_duo, "Add other evidence")
    type_into(dash_duo, "What it shows", "Bright Spots survey: 82% positive")
    type_into(dash_duo, "Source (document or team)", "Coram Voice survey report")
    set_value(dash_duo, "Date", "2026-05-01")
    press(dash_duo, "Add a figure")
    Select(labelled(dash_duo, "Figure from your management information")
           ).select_by_value("cla_rate")
    dash_duo.wait_for_contains_text(".sef-figure", "Children in care", timeout=10)
    press(dash_duo, "Add an area for development")
    type_into(dash_duo, "Area for development 1", "Pathway plans are completed late.")
    press(dash_duo, "Add a plan")
    type_into(dash_duo, "What will be done", "Weekly pathway plan tracker")
    type_into(dash_duo, "Owner", "Head of service, care leavers")
    set_value(dash_duo, "Due by", "2027-03-31")
    type_into(dash_duo, "How impact will be measured", "90% of plans on time by March")
    checkbox = dash_duo.driver.find_element(
        By.XPATH, "//label[contains(., 'Pathway plans are completed late.')]")
    dash_duo.driver.execute_script("arguments[0].click();", checkbox)

    click(dash_duo, "#sef-save")
    dash_duo.wait_for_contains_text("#sef-status", "saved by Test la_doncaster", timeout=10)
    dash_duo.wait_for_text_to_equal("#sef-coverage-table tbody td:last-child",
                                    "Has a complete plan", timeout=10)
    assert "words in all" in dash_duo.find_element("#sef-length").text
    assert dash_duo.driver.execute_script("return window.__pwned") is None
    assert_accessible(dash_duo)

    click(dash_duo, "#sef-share")
    dash_duo.wait_for_element("#sef-share-confirm", timeout=10)
    number = int(dash_duo.find_element("#sef-share-confirm").text.split()[-1])
    click(dash_duo, "#sef-share-confirm")
    dash_duo.wait_for_contains_text("#sef-share-panel", f"Version {number} was shared",
                                    timeout=10)
    assert_no_console_errors(dash_duo)

    # The region's inspector reads the shared version, then downloads it.
    sign_out(dash_duo)
    sign_in(dash_duo, "hmi_neyh")
    dash_duo.wait_for_element("#home-region", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/sef/371")
    dash_duo.wait_for_element("#sef-document", timeout=10)
    document = dash_duo.find_element("#sef-document").text
    assert "Children in care say they feel listened to." in document
    assert "Bright Spots survey: 82% positive" in document
    assert "Weekly pathway plan tracker" in document
    assert "<script>window.__pwned = 1</script>" in document  # shown as text
    assert dash_duo.driver.execute_script("return window.__pwned") is None
    assert dash_duo.find_element("#sef-document strong").text == "improving"
    assert f"Version {number}, shared by Test la_doncaster" in dash_duo.find_element(
        "#sef-shared-line").text
    # the theme's indicators beside the SEF: the linked figure, then the area's others
    dash_duo.wait_for_element("#sef-theme-table", timeout=10)
    beside = dash_duo.find_element("#sef-theme-table").text
    assert "Indicators bearing on “Children in care”" in beside
    assert "Children in care per 10,000 children" in beside
    assert "Statistical neighbours" not in beside and "Neighbours" in beside
    assert_accessible(dash_duo)

    downloads = Path(dash_duo.download_path)
    click(dash_duo, f"#sef-docx-{number}")
    word = docx.Document(io.BytesIO(wait_for_download(downloads, ".docx")))
    word_text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells)
    click(dash_duo, f"#sef-pdf-{number}")
    pdf = pypdf.PdfReader(io.BytesIO(wait_for_download(downloads, ".pdf")))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    for expected in ("Doncaster: self-evaluation of social work practice",
                     "How do you know it?",
                     "Children in care say they feel listened to.",
                     "Weekly pathway plan tracker",
                     "Has a complete plan",
                     "<script>window.__pwned = 1</script>"):
        assert expected in word_text, expected
        assert expected in pdf_text, expected
    assert_no_console_errors(dash_duo)


def test_a_colleagues_save_meanwhile_is_shown_and_nothing_is_overwritten(
        dash_duo, dash_app, seeded_db) -> None:
    from dashboard.domain.sef import apply_edits, field_path
    from dashboard.services.sef import open_sef, save_draft
    from dashboard.services.user_admin import principal_of
    from dashboard.storage.db import session_scope
    from dashboard.storage.models import User

    open_app(dash_duo, dash_app)
    sign_in(dash_duo, "la_doncaster")
    dash_duo.wait_for_element("#la-name", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/sef/371")
    dash_duo.wait_for_element("#sef-form", timeout=10)

    # words are counted as the person types, once they leave the box
    label = "How you evaluate the impact of practice"
    before = int(dash_duo.find_element("#sef-words-how").text.split()[0])
    typed_before = len(labelled(dash_duo, label).get_attribute("value").split())
    type_into(dash_duo, label, "one two three four")
    click(dash_duo, "#sef-words-how")  # leave the box
    dash_duo.wait_for_text_to_equal("#sef-words-how", f"{before - typed_before + 4} words",
                                    timeout=10)

    # a colleague saves from another computer
    with session_scope() as session:
        colleague = principal_of(session.get(User, seeded_db["la_doncaster"]))
    page = open_sef(colleague, "371")
    save_draft(colleague, "371", page.head_number,
               apply_edits(page.sef, {field_path("summary", "", "plans"): "Colleague's plan"}))

    type_into(dash_duo, "Opening text about your plans", "My own plan text")
    click(dash_duo, "#sef-save")
    dash_duo.wait_for_element("#sef-conflict-message", timeout=10)
    assert "Colleague's plan" in dash_duo.find_element("#sef-their-changes").text
    assert "My own plan text" in dash_duo.find_element("#sef-your-changes").text
    assert open_sef(colleague, "371").sef.summaries["plans"] == "Colleague's plan"
    assert labelled(dash_duo, "Opening text about your plans").get_attribute(
        "value") == "My own plan text"  # nothing typed is lost
    assert_accessible(dash_duo)

    click(dash_duo, "#sef-keep-mine")
    dash_duo.wait_for_contains_text("#sef-status", "saved by", timeout=10)
    # both changed the plans' opening text: theirs is shown beside mine, which is kept
    merged = dash_duo.find_element("#sef-conflict").text
    assert "were combined" in merged and "Their text: Colleague's plan" in merged
    assert "Your text (kept): My own plan text" in merged
    assert open_sef(colleague, "371").sef.summaries["plans"] == "My own plan text"
    assert_no_console_errors(dash_duo)
