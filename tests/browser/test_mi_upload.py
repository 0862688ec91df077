"""An LA user uploads Annex A lists in a real browser and reads the indicators.

The upload comes in two steps: "Check the files" (nothing stored; the extraction date is
proposed from the files, local codes are mapped, the figures are compared with the
published ones), then "Store the figures" under the date chosen, asked about first when
it is far from the lists. A generated workbook is accepted and its figures shown, with
charts and their text alternatives; a bad one is refused with its problems listed.
axe-core checks the pages.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from dashboard.access import SYSTEM
from dashboard.demo.annex_a import workbook_bytes
from dashboard.services.ingest import UploadedFile
from dashboard.services.mi import upload_annex_a
from dashboard.storage.db import session_scope
from dashboard.storage.models import MISnapshot
from tests.browser.test_roles import (
    assert_accessible,
    assert_no_console_errors,
    click,
    open_app,
    sign_in,
    wait_until_clickable_in_place,
)
from tests.test_mi import snapshot_count

CORPUS = Path(__file__).parents[1] / "bad_files"
PERIOD_END = date(2026, 10, 31)


def set_date(dash_duo, selector: str, day: date) -> None:
    """Fill a date input whatever the browser's locale (React listens for 'input')."""
    dash_duo.driver.execute_script(
        "const input = arguments[0];"
        "Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')"
        ".set.call(input, arguments[1]);"
        "input.dispatchEvent(new Event('input', {bubbles: true}));"
        "input.dispatchEvent(new Event('change', {bubbles: true}));",
        dash_duo.find_element(selector), day.isoformat(),
    )


def opens(dash_duo, dash_app, account: str, landing: str, path: str, ready: str) -> None:
    """Sign in as ``account``, wait for its home page, then open ``path``."""
    open_app(dash_duo, dash_app)
    sign_in(dash_duo, account)
    dash_duo.wait_for_element(landing, timeout=10)
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready, timeout=10)


def open_chart(dash_duo, indicator_id: str) -> None:
    """Choose an indicator's Show chart button and wait for its charts (drawn on demand)."""
    click(dash_duo, f"#mi-row-{indicator_id} button")
    dash_duo.wait_for_element(f"#indicator-{indicator_id} .chart", timeout=10)


PASSED = "The files passed their checks: nothing is stored yet"
CANNOT = "The files cannot be stored"


def choose(dash_duo, path: Path) -> None:
    chooser = dash_duo.find_element("#mi-upload input[type=file]")
    # chromedriver adds to the files already in a multiple input: start afresh
    dash_duo.driver.execute_script("arguments[0].value = '';", chooser)
    chooser.send_keys(str(path))
    dash_duo.wait_for_contains_text("#mi-chosen", path.name, timeout=10)


def check_files(dash_duo, path: Path) -> str:
    """Step 1: choose the file and "Check the files"; the answer's heading (this check's:
    an answer already on the page must be replaced first, or its heading would be read)."""
    choose(dash_duo, path)
    earlier = dash_duo.driver.find_elements(By.ID, "mi-result-heading")
    click(dash_duo, "#mi-check")
    if earlier:
        WebDriverWait(dash_duo.driver, 30).until(staleness_of(earlier[0]))
    dash_duo.wait_for_element("#mi-result-heading", timeout=30)
    heading = ""
    for _ in range(60):
        try:
            heading = dash_duo.find_element("#mi-result-heading").text
        except StaleElementReferenceException:  # redrawn as it was read
            continue
        if heading in (PASSED, CANNOT):
            return heading
        time.sleep(0.5)
    raise AssertionError(f"no check answer: {heading}")


def store_with(dash_duo, day: date, confirm: bool = True) -> None:
    """Step 2: the date, "Store the figures" and, when the date is asked about and
    ``confirm``, "Yes, store with <date>"."""
    set_date(dash_duo, "#mi-period-end", day)
    click(dash_duo, "#mi-submit")
    for _ in range(60):
        if dash_duo.find_element("#mi-date-confirm-area").is_displayed():
            if confirm:
                click(dash_duo, "#mi-date-yes")
            return
        if dash_duo.find_element("#mi-result-heading").text not in (PASSED, CANNOT):
            return  # the store's own answer came
        time.sleep(0.5)


def upload(dash_duo, path: Path, day: date = PERIOD_END) -> None:
    """Both steps: check the file and, if it passed, store it under ``day``."""
    if check_files(dash_duo, path) == PASSED:
        store_with(dash_duo, day)


def test_la_user_uploads_a_generated_workbook_and_reads_its_indicators(
    dash_duo, dash_app, tmp_path: Path
) -> None:
    workbook = tmp_path / "annex-a-october.xlsx"
    workbook.write_bytes(workbook_bytes("small", PERIOD_END, seed=7))
    opens(dash_duo, dash_app, "la_camden", "#la-name", "/upload/202", "#mi-upload-title")
    assert "never stored" in dash_duo.find_element("#mi-retention").text
    assert not dash_duo.find_element("#mi-store-area").is_displayed()  # step 2 after a check
    assert_accessible(dash_duo)

    assert check_files(dash_duo, workbook) == PASSED
    assert "Compared with your published figures" in dash_duo.find_element(
        "#mi-plausibility").text
    assert dash_duo.find_element("#mi-store-area").is_displayed()
    assert "31 October 2026" not in dash_duo.find_element("#mi-snapshots").text
    store_with(dash_duo, PERIOD_END)
    dash_duo.wait_for_text_to_equal("#mi-result-heading", "The figures were stored", timeout=30)
    counts = dash_duo.find_element("#mi-counts").text
    assert "List 1: Contacts" in counts and "List 10: Adoption" in counts
    assert "31 October 2026" in dash_duo.find_element("#mi-snapshots").text
    assert_accessible(dash_duo)

    click(dash_duo, "#mi-indicators-link")
    dash_duo.wait_for_text_to_equal("#mi-title", "Indicators: Camden", timeout=10)
    assert "31 October 2026" in dash_duo.find_element("#mi-latest").text
    assert "Re-referrals within 12 months" in dash_duo.find_element("#mi-row-re_referrals").text
    open_chart(dash_duo, "re_referrals")
    card = dash_duo.find_element("#indicator-re_referrals").text
    assert "Camden (uploaded)" in card and "Camden (published)" in card
    assert "England" in card and "Statistical neighbours" in card
    assert "lists extracted 31 October 2026" in card and "year to 31 March" in card
    assert "Quartile band among English LAs:" in card
    description = dash_duo.find_element("#indicator-re_referrals .chart-description").text
    assert description.startswith(
        "Bar chart: Re-referrals within 12 months, latest published year. Camden (published) ")
    assert_accessible(dash_duo)
    assert_no_console_errors(dash_duo)


def test_a_bad_workbook_is_refused_with_its_problems_listed(dash_duo, dash_app) -> None:
    opens(dash_duo, dash_app, "la_barnsley", "#la-name", "/upload/370", "#mi-upload-title")
    assert check_files(dash_duo, CORPUS / "missing_sheets.xlsx") == CANNOT
    problems = dash_duo.find_element("#mi-problems-table").text
    assert "List 5: Section 47 enquiries is missing" in problems
    assert dash_duo.find_element("#mi-download-problems").is_displayed()
    assert not dash_duo.find_element("#mi-store-area").is_displayed()  # nothing to store
    assert_accessible(dash_duo)
    assert_no_console_errors(dash_duo)


def test_the_definitions_page_lists_every_indicator_accessibly(dash_duo, dash_app) -> None:
    from dashboard.domain.indicators import INDICATORS

    opens(dash_duo, dash_app, "hmi_neyh", "#home-region", "/indicators", "#definitions-table")
    table = dash_duo.find_element("#definitions-table").text
    assert all(indicator.name in table for indicator in INDICATORS)
    rules = dash_duo.find_element("#flag-rules").text
    assert "Worst quarter" in rules and "Beyond neighbours" in rules and "Large change" in rules
    assert "Beyond England" in rules and "99.8% funnel limits" in rules
    assert "Care applications" in dash_duo.find_element("#measures-table").text
    # each measure's direction with its reason (issue 29), its counts and next update
    adopted = dash_duo.find_element("#measure-cla_ceased_adopted").text
    assert "No better direction" in adopted and "LAIT: High; we give none" in adopted
    referrals = dash_duo.find_element("#measure-re_referrals").text
    assert "counts: re-referrals" in referrals and "next update due" in referrals
    rule = dash_duo.find_element("#plausibility-rule").text
    assert "below half" in rule and "above twice" in rule and "fewer than 20" in rule
    assert "more than 31 days after the latest event" in dash_duo.find_element(
        "#extraction-date-rule").text
    assert_accessible(dash_duo)
    assert_no_console_errors(dash_duo)


def test_a_file_over_the_size_limit_is_named_not_silently_dropped(
    dash_duo, dash_app, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("MAX_UPLOAD_MB", "1")  # read per request by the page
    big = tmp_path / "too-big.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024))
    opens(dash_duo, dash_app, "la_barnsley", "#la-name", "/upload/370", "#mi-upload-title")
    dash_duo.find_element("#mi-upload input[type=file]").send_keys(str(big))
    dash_duo.wait_for_contains_text("#mi-refused", "too-big.xlsx is larger than 1 MB",
                                   timeout=10)
    assert_no_console_errors(dash_duo)


def test_the_status_line_says_what_is_happening_and_clears_when_done(
    dash_duo, dash_app, tmp_path: Path
) -> None:
    """The status line stayed blank while a large upload was sent, and "Step 3 of 3"
    stayed after the outcome was shown. Every text it shows is recorded: it starts at
    once with "Sending the files…", then shows the job's steps (a small workbook can
    finish between two polls), and is empty at the end, after the check and after the
    store alike."""
    workbook = tmp_path / "annex-a-status.xlsx"
    day = date(2026, 10, 29)
    workbook.write_bytes(workbook_bytes("small", day, seed=11))
    opens(dash_duo, dash_app, "la_camden", "#la-name", "/upload/202", "#mi-upload-title")
    for step in ("check", "store"):
        dash_duo.driver.execute_script(
            "window.statusSeen = [];"
            "const status = document.getElementById('mi-status');"
            "new MutationObserver(() => window.statusSeen.push(status.textContent))"
            ".observe(status, {childList: true, characterData: true, subtree: true});")
        if step == "check":
            assert check_files(dash_duo, workbook) == PASSED
        else:
            store_with(dash_duo, day)
            dash_duo.wait_for_text_to_equal("#mi-result-heading", "The figures were stored",
                                            timeout=30)
        dash_duo.wait_for_text_to_equal("#mi-status", "", timeout=10)
        seen = [text for text in dash_duo.driver.execute_script("return window.statusSeen;")
                if text]
        assert seen and seen[0] == "Sending the files…", (step, seen)
        assert dash_duo.find_element("#mi-status").text == ""
        assert dash_duo.find_element("#mi-check").is_enabled()
    assert_no_console_errors(dash_duo)


def watch_status(dash_duo) -> None:
    """Record every text the status line shows, from now on."""
    dash_duo.driver.execute_script(
        "window.statusSeen = [];"
        "const status = document.getElementById('mi-status');"
        "new MutationObserver(() => window.statusSeen.push(status.textContent))"
        ".observe(status, {childList: true, characterData: true, subtree: true});")


def assert_status_settled(dash_duo) -> None:
    """Once an outcome shows, the status line never again says a step is running: checked
    at once and again after the renderer's next polls would have come."""
    for _ in range(2):
        status = dash_duo.find_element("#mi-status").text
        assert "Step" not in status and "Sending" not in status, status
        time.sleep(1.5)


def test_the_status_line_is_cleared_when_an_upload_is_refused_or_waits(
    dash_duo, dash_app, tmp_path: Path
) -> None:
    """"Step 1 of 3: reading…" stayed beside "The upload was not stored", and "Step 3 of
    3: storing" beside "already exist - replace?": now after a refused check and a store
    that waits."""
    day = date(2026, 10, 27)
    workbook = tmp_path / "annex-a-twice.xlsx"
    workbook.write_bytes(workbook_bytes("small", day, seed=5))
    upload_annex_a(SYSTEM, "370", day, [UploadedFile("lists.xlsx", workbook.read_bytes())])
    opens(dash_duo, dash_app, "la_barnsley", "#la-name", "/upload/370", "#mi-upload-title")
    watch_status(dash_duo)

    assert check_files(dash_duo, CORPUS / "missing_sheets.xlsx") == CANNOT
    assert_status_settled(dash_duo)

    upload(dash_duo, workbook, day)
    dash_duo.wait_for_contains_text("#mi-result-heading", "already exist", timeout=30)
    assert_status_settled(dash_duo)
    seen = dash_duo.driver.execute_script("return window.statusSeen;")
    assert "Sending the files…" in seen, seen
    assert_no_console_errors(dash_duo)


def test_a_double_click_on_replace_replaces_once_and_says_so_once(
    dash_duo, dash_app, tmp_path: Path
) -> None:
    """The second click of a double click said "That upload is no longer waiting" after
    the first had replaced the figures. The button is disabled while the answer comes and
    after it, and a second request answers with the same success."""
    day = date(2026, 10, 26)
    workbook = tmp_path / "annex-a-again.xlsx"
    workbook.write_bytes(workbook_bytes("small", day, seed=9))
    first = upload_annex_a(SYSTEM, "202", day, [UploadedFile("a.xlsx", workbook.read_bytes())])
    opens(dash_duo, dash_app, "la_camden", "#la-name", "/upload/202", "#mi-upload-title")
    upload(dash_duo, workbook, day)
    dash_duo.wait_for_contains_text("#mi-result-heading", "already exist", timeout=30)
    assert dash_duo.find_element("#mi-confirm").is_enabled()
    dash_duo.driver.execute_script(
        "window.resultSeen = [];"
        "const result = document.getElementById('mi-result');"
        "new MutationObserver(() => window.resultSeen.push(result.textContent))"
        ".observe(result, {childList: true, characterData: true, subtree: true});")
    button = dash_duo.find_element("#mi-confirm")
    wait_until_clickable_in_place(dash_duo, button)
    ActionChains(dash_duo.driver).double_click(button).perform()
    dash_duo.wait_for_contains_text("#mi-result", "now replace those for lists extracted on "
                                    "26 October 2026", timeout=30)
    time.sleep(2)  # any second answer has come by now
    seen = dash_duo.driver.execute_script("return window.resultSeen;")
    assert not [text for text in seen if "no longer waiting" in text], seen
    assert "now replace those" in dash_duo.find_element("#mi-result").text
    assert not dash_duo.find_element("#mi-confirm").is_displayed()
    assert dash_duo.driver.execute_script(
        "return document.getElementById('mi-confirm').disabled;")
    with session_scope() as session:
        statuses = sorted(s.status for s in session.scalars(select(MISnapshot).where(
            MISnapshot.la_code == "202", MISnapshot.period_end == day)))
        assert session.get(MISnapshot, first.snapshot_id).status == "replaced"
    assert statuses == ["current", "replaced"]
    assert_no_console_errors(dash_duo)


def drop(dash_duo, files: dict[str, str]) -> None:
    """Drop files (name: MIME type) on the upload area, as a person dragging them would."""
    dash_duo.driver.execute_script(
        "const data = new DataTransfer();"
        "for (const [name, type] of Object.entries(arguments[0])) {"
        "  data.items.add(new File(['PK'], name, {type: type})); }"
        "const area = document.querySelector('#mi-upload .upload-area')"
        " || document.querySelector('.upload-area');"
        "for (const kind of ['dragenter', 'dragover', 'drop']) {"
        "  area.dispatchEvent(new DragEvent(kind, {dataTransfer: data, bubbles: true,"
        "                                          cancelable: true})); }",
        files)


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_word_document_is_named_and_refused_whether_dropped_or_chosen(
    dash_duo, dash_app, tmp_path: Path
) -> None:
    """A dropped .docx was ignored with only "No files chosen."."""
    before = snapshot_count("370")
    opens(dash_duo, dash_app, "la_barnsley", "#la-name", "/upload/370", "#mi-upload-title")
    drop(dash_duo, {"report.docx": WORD})
    dash_duo.wait_for_contains_text(
        "#mi-refused", "report.docx is a Word document; upload the Annex A Excel workbook "
        "(.xlsx, .xls or .xlsb) or OpenDocument spreadsheet (.ods)", timeout=10)
    assert "not chosen" in dash_duo.find_element("#mi-refused").text
    assert dash_duo.find_element("#mi-chosen").text == "No files chosen."
    click(dash_duo, "#mi-check")
    dash_duo.wait_for_contains_text("#mi-status", "Choose the file or files to upload.",
                                    timeout=10)
    assert_accessible(dash_duo)

    # with an Excel workbook beside it: the workbook is chosen, the document named
    drop(dash_duo, {"lists.xlsx": XLSX, "notes.pdf": "application/pdf"})
    dash_duo.wait_for_text_to_equal("#mi-chosen", "Chosen: lists.xlsx", timeout=10)
    refused = dash_duo.find_element("#mi-refused").text
    assert refused.startswith("notes.pdf is a PDF; upload the Annex A Excel workbook"), refused
    assert "report.docx" not in refused

    # the older and other workbook formats are chosen too (issue 28)
    drop(dash_duo, {"lists.xls": "application/vnd.ms-excel",
                    "lists.ods": "application/vnd.oasis.opendocument.spreadsheet",
                    "lists.xlsb": "application/vnd.ms-excel.sheet.binary.macroEnabled.12"})
    dash_duo.wait_for_contains_text("#mi-chosen", "lists.xlsb", timeout=10)
    chosen = dash_duo.find_element("#mi-chosen").text.removeprefix("Chosen: ").split(", ")
    assert sorted(chosen) == ["lists.ods", "lists.xls", "lists.xlsb"], chosen
    assert dash_duo.find_element("#mi-refused").text == ""

    # through the file chooser ("All files" lets a person pick it)
    document = tmp_path / "report.docx"
    document.write_bytes(b"PK\x03\x04 not a workbook")
    chooser = dash_duo.find_element("#mi-upload input[type=file]")
    dash_duo.driver.execute_script("arguments[0].value = '';", chooser)
    chooser.send_keys(str(document))
    dash_duo.wait_for_contains_text("#mi-refused", "report.docx is a Word document",
                                    timeout=10)
    assert snapshot_count("370") == before
    assert_no_console_errors(dash_duo)


REAL_FORMAT = Path(__file__).parents[1] / "real_annex_a"


def test_an_la_maps_its_own_codes_before_anything_is_stored(dash_duo, dash_app) -> None:
    """Para 248: an LA may use its own codes if it explains them. The check lists each
    column's local codes with a choice of DfE codes before anything is stored; "Apply and
    check again" keeps the choice and checks the same file with it (still storing
    nothing); the store then reads with the mapping, and no "Replace" step is needed."""
    from sqlalchemy import delete

    from dashboard.storage.models import LocalCodeMapping, MIIndicatorValue

    with session_scope() as session:
        session.execute(delete(LocalCodeMapping).where(LocalCodeMapping.la_code == "370"))
    before = snapshot_count("370")
    opens(dash_duo, dash_app, "la_barnsley", "#la-name", "/upload/370", "#mi-upload-title")
    assert check_files(dash_duo, REAL_FORMAT / "quirks-local-codes.xlsx") == PASSED
    dash_duo.wait_for_element("#mi-codes-area:not([hidden])", timeout=10)
    form = dash_duo.find_element("#mi-codes-form").text
    assert "Activity Status" in form and "“EMP - In employment” (2 rows)" in form
    assert snapshot_count("370") == before  # the form comes before anything is stored
    assert_accessible(dash_duo)

    chooser = dash_duo.find_element("#mi-codes-form select")
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", chooser)
    Select(chooser).select_by_value("F3")
    day = date(2025, 4, 11)  # 14 days after the latest event: no question; no other test's
    set_date(dash_duo, "#mi-period-end", day)
    click(dash_duo, "#mi-apply-codes")
    # the new answer: the first had no mapped codes to mention
    dash_duo.wait_for_contains_text("#mi-mapped", "2 local codes mapped using your saved "
                                    "mapping", timeout=30)
    assert dash_duo.find_element("#mi-result-heading").text == PASSED
    assert not dash_duo.find_element("#mi-codes-area").is_displayed()  # nothing left to map
    assert snapshot_count("370") == before  # checked again, still nothing stored
    # the date chosen before checking again is kept, not overwritten by the proposal
    assert dash_duo.find_element("#mi-period-end").get_attribute("value") == day.isoformat()

    click(dash_duo, "#mi-submit")
    dash_duo.wait_for_text_to_equal("#mi-result-heading", "The figures were stored",
                                    timeout=30)
    assert "2 local codes mapped using your saved mapping" in dash_duo.find_element(
        "#mi-mapped").text
    assert not dash_duo.find_element("#mi-confirm-area").is_displayed()  # no Replace step
    with session_scope() as session:
        kept = session.scalars(select(LocalCodeMapping).where(
            LocalCodeMapping.la_code == "370")).all()
        assert [(m.column_key, m.dfe_code) for m in kept] == [("activity", "F3")]
        stored = session.scalars(select(MISnapshot).where(
            MISnapshot.la_code == "370", MISnapshot.period_end == day)).one()
        assert stored.status == "current"
        eet = session.scalars(select(MIIndicatorValue).where(
            MIIndicatorValue.snapshot_id == stored.id,
            MIIndicatorValue.indicator_id == "care_leavers_eet")).one()
        assert (eet.numerator, eet.denominator) == (3, 4)  # EMP read as F3: 1 of 4 without
    assert snapshot_count("370") == before + 1
    assert_no_console_errors(dash_duo)


def test_the_date_is_proposed_from_the_lists_and_a_far_one_is_asked_about(
        dash_duo, dash_app) -> None:
    """A workbook whose name has no date and whose latest event is 28/03/2025: the date
    is proposed as 28/03/2025, saying where from. A date nine months later is asked
    about with both dates: "Change the date" stores nothing, "Yes" stores."""
    workbook = REAL_FORMAT / "quirks-latest-date.xlsx"
    before = snapshot_count("370")
    opens(dash_duo, dash_app, "la_barnsley", "#la-name", "/upload/370", "#mi-upload-title")
    assert check_files(dash_duo, workbook) == PASSED
    assert dash_duo.find_element("#mi-period-end").get_attribute("value") == "2025-03-28"
    proposed = dash_duo.find_element("#mi-proposed-date").text
    assert proposed.startswith("Proposed extraction date: 28 March 2025, from the latest "
                               "event date in the lists"), proposed
    assert snapshot_count("370") == before
    assert_accessible(dash_duo)  # the page after the check: answer, step 2

    later = date(2025, 12, 28)  # nine months after 28/03/2025: 275 days
    store_with(dash_duo, later, confirm=False)
    dash_duo.wait_for_element("#mi-date-confirm-area:not([hidden])", timeout=10)
    question = dash_duo.find_element("#mi-date-question").text
    assert question == ("The latest event in the lists is 28/03/2025 and you chose "
                        "28/12/2025, 275 days later: were the lists really extracted on "
                        "28/12/2025?")
    assert dash_duo.find_element("#mi-date-yes").text == "Yes, store with 28/12/2025"
    assert dash_duo.driver.switch_to.active_element.get_attribute("id") == "mi-date-question"
    assert_accessible(dash_duo)

    click(dash_duo, "#mi-date-change")
    dash_duo.wait_for_element("#mi-date-confirm-area[hidden]", timeout=10)
    assert dash_duo.driver.switch_to.active_element.get_attribute("id") == "mi-period-end"
    time.sleep(1)  # anything sent would have been answered by now
    assert snapshot_count("370") == before
    assert dash_duo.find_element("#mi-result-heading").text == PASSED

    store_with(dash_duo, later, confirm=False)
    dash_duo.wait_for_element("#mi-date-confirm-area:not([hidden])", timeout=10)
    click(dash_duo, "#mi-date-yes")
    dash_duo.wait_for_text_to_equal("#mi-result-heading", "The figures were stored",
                                    timeout=30)
    assert "28 December 2025" in dash_duo.find_element("#mi-snapshots").text
    assert snapshot_count("370") == before + 1
    assert_no_console_errors(dash_duo)
