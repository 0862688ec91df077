"""The whole engagement cycle in a real browser (issue 7, framework paras 42-48).

The senior HMI schedules a meeting with Barnsley; the LA proposes an agenda item and
names its attendees; the senior HMI accepts it and agrees the agenda; records the
meeting and picks a focused-visit scope from the planner; drafts the letter, sees a
finding for a judgement about practice, fixes it and issues the letter; the LA reads it
and downloads the PDF and Word files, whose text is checked. axe-core checks each page.
"""

from __future__ import annotations

import io
import json
import re
import time
from datetime import timedelta
from pathlib import Path

import docx
import pypdf
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from dashboard.clock import today_in_england
from tests.browser.test_roles import (
    assert_accessible,
    assert_no_console_errors,
    click,
    open_app,
    sign_in,
    sign_out,
)
from tests.browser.test_sef import SCRIPT, set_value, type_into, wait_for_download

JUDGEMENT = "Practice at the front door is strong."


def person_field(dash_duo, field: str, side: str, index: int):
    """One attendee field of the record, by its pattern-matching id (Dash writes it as
    JSON with its keys sorted)."""
    component_id = json.dumps({"field": field, "index": index, "side": side,
                               "type": "person"}, separators=(",", ":"))
    return dash_duo.driver.find_element(By.XPATH, f"//*[@id='{component_id}']")


def press(dash_duo, text: str) -> None:
    buttons = [b for b in dash_duo.driver.find_elements(By.TAG_NAME, "button")
               if b.text.strip() == text]
    assert buttons, f"no button {text!r}"
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", buttons[-1])
    buttons[-1].click()


def set_text(dash_duo, selector: str, value: str) -> None:
    """Replace a textarea's text as typing does (React listens for 'input')."""
    dash_duo.driver.execute_script(
        "const box = arguments[0];"
        "Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')"
        ".set.call(box, arguments[1]);"
        "box.dispatchEvent(new Event('input', {bubbles: true}));",
        dash_duo.find_element(selector), value)


def go(dash_duo, path: str, ready: str) -> None:
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready, timeout=15)


def document_text(word_bytes: bytes) -> str:
    word = docx.Document(io.BytesIO(word_bytes))
    return "\n".join(p.text for p in word.paragraphs) + "\n" + "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells)


def test_the_whole_engagement_cycle(dash_duo, dash_app) -> None:
    open_app(dash_duo, dash_app)

    # 1. The senior HMI schedules the meeting.
    sign_in(dash_duo, "hmi_neyh")
    dash_duo.wait_for_element("#home-region", timeout=10)
    go(dash_duo, "/la/370", "#link-meetings")
    click(dash_duo, "#link-meetings")
    dash_duo.wait_for_element("#schedule-meeting", timeout=10)
    assert_accessible(dash_duo)
    in_two_weeks = today_in_england() + timedelta(days=14)
    set_value(dash_duo, "Date of the meeting", in_two_weeks.isoformat())
    type_into(dash_duo, "Place, or online", "Online (Teams)")
    click(dash_duo, "#schedule-meeting")
    dash_duo.wait_for_element("#agenda-items", timeout=10)
    meeting_id = int(re.search(r"/meeting/(\d+)", dash_duo.driver.current_url).group(1))
    items = dash_duo.find_element("#agenda-items").text
    assert "The content of the self-evaluation" in items and "Paragraph 42:" in items
    assert_accessible(dash_duo)
    sign_out(dash_duo)

    # 2. The DCS's team proposes an item and names its attendees.
    sign_in(dash_duo, "la_barnsley")
    dash_duo.wait_for_element("#la-name", timeout=10)
    go(dash_duo, f"/meeting/{meeting_id}", "#agenda-items")
    assert not dash_duo.driver.find_elements(By.ID, "link-record")  # the inspectors' only
    type_into(dash_duo, "Item", "Sufficiency of local placements")
    type_into(dash_duo, "What it will discuss", "The new children's home")
    press(dash_duo, "Propose")
    dash_duo.wait_for_contains_text("#agenda-proposals", "Sufficiency of local placements",
                                    timeout=10)
    type_into(dash_duo, "One person a line: name, role",
              "Jo Bloggs, Director of Children's Services\nAnn Lee, Assistant director")
    press(dash_duo, "Save attendees")
    dash_duo.wait_for_contains_text("#meeting-message", "Attendees saved", timeout=10)
    type_into(dash_duo, "Comment on the agenda", f"Could we start at 10? {SCRIPT}")
    press(dash_duo, "Add comment")
    dash_duo.wait_for_contains_text("#agenda-comments", "<script>", timeout=10)  # as text
    assert dash_duo.driver.execute_script("return window.__pwned") is None
    assert_accessible(dash_duo)
    assert_no_console_errors(dash_duo)
    sign_out(dash_duo)

    # 3. The senior HMI accepts the proposal and agrees the agenda for Ofsted.
    sign_in(dash_duo, "hmi_neyh")
    dash_duo.wait_for_element("#home-region", timeout=10)
    go(dash_duo, f"/meeting/{meeting_id}", "#agenda-items")
    press(dash_duo, "Accept")
    dash_duo.wait_for_contains_text("#agenda-items", "Sufficiency of local placements",
                                    timeout=10)
    press(dash_duo, "Agree the agenda for Ofsted")
    dash_duo.wait_for_contains_text("#agenda-status", "agreed for Ofsted by Test hmi_neyh",
                                    timeout=10)
    assert "not yet agreed for the local authority" in dash_duo.find_element(
        "#agenda-status").text

    # 4. After the meeting: the record and the scope, with the planner beside it.
    click(dash_duo, "#link-record")
    dash_duo.wait_for_element("#planner-table", timeout=15)
    assert len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#planner-table tbody tr")) == 6
    assert_accessible(dash_duo)
    set_value(dash_duo, "Date the meeting was held", today_in_england().isoformat())
    # para 46: each person's part; the LA's two named on the agenda page are listed
    assert person_field(dash_duo, "name", "la", 1).get_attribute("value") == "Ann Lee"
    click(dash_duo, "#record-save")
    dash_duo.wait_for_contains_text("#record-message", "the DCS or a deputy named by the "
                                    "DCS must attend (paragraph 46)", timeout=10)
    person_field(dash_duo, "name", "ofsted", 0).send_keys("Sam Senior")
    person_field(dash_duo, "role", "ofsted", 0).send_keys("Senior HMI")
    for side, index, part in (("ofsted", 0, "senior_hmi"), ("la", 0, "dcs"),
                              ("la", 1, "la_other")):
        Select(person_field(dash_duo, "part", side, index)).select_by_value(part)
    type_into(dash_duo, "1. The content of the self-evaluation",
              "Leaders set out their audit programme and its findings.")
    type_into(dash_duo, "8. Sufficiency of local placements",
              "The home opens in the spring.")
    click(dash_duo, "#record-save")  # para 48: each item has a note or "not discussed"
    dash_duo.wait_for_contains_text(
        "#record-message", "Note on item 2 (The impact of the self-evaluation): write what "
        "was discussed, or tick “Not discussed”.", timeout=10)
    for number in range(2, 8):
        box = dash_duo.driver.find_element(
            By.XPATH, f"//label[normalize-space()='Item {number} was not discussed']"
                      "/..//input[@type='checkbox']")
        dash_duo.driver.execute_script("arguments[0].click();", box)
    box = dash_duo.driver.find_element(By.XPATH, "//label[normalize-space()='Care leavers']")
    dash_duo.driver.execute_script("arguments[0].click();", box)
    Select(dash_duo.find_element("#record-reason")).select_by_value("agreement")
    type_into(dash_duo, "Next self-evaluation, approximately", "September 2027")
    type_into(dash_duo, "Next meeting, approximately", "November 2027")
    type_into(dash_duo, "What will be done", "Share the care leavers audit")
    type_into(dash_duo, "Owner", "Head of service")
    set_value(dash_duo, "Due by", "2027-01-31")
    click(dash_duo, "#record-save")
    dash_duo.wait_for_contains_text("#record-message", "Record saved", timeout=10)

    # 5. The letter: drafted, a finding shown in place, fixed, issued.
    go(dash_duo, f"/letter/{meeting_id}", "#letter-draft")
    click(dash_duo, "#letter-draft")
    dash_duo.wait_for_element("#letter-body", timeout=10)
    body = dash_duo.find_element("#letter-body").get_attribute("value")
    assert "Leaders set out their audit programme" in body
    assert "Possible topic: Care leavers." in body
    set_text(dash_duo, "#letter-body", body + "\n\n" + JUDGEMENT)
    click(dash_duo, "#letter-save")
    dash_duo.wait_for_contains_text("#letter-check", "1 finding(s) block issuing", timeout=10)
    assert dash_duo.find_element("#letter-marked mark").text.startswith(
        "Practice at the front door is strong")
    listed = dash_duo.find_element("#letter-findings-list").text
    assert "This reads as a judgement about practice" in listed
    assert "paragraph" not in listed.lower()
    assert_accessible(dash_duo)
    assert "Not discussed." in body  # items 2 to 7
    # "Issue" only opens the confirmation; an open finding stops everyone
    click(dash_duo, "#letter-issue")
    dash_duo.wait_for_contains_text("#issue-refusals", "still open", timeout=10)
    assert not dash_duo.driver.find_elements(By.ID, "letter-issue-confirm")
    set_text(dash_duo, "#letter-body", body + "\n\nLeaders described the front door.")
    click(dash_duo, "#letter-save")
    dash_duo.wait_for_contains_text("#letter-check", "No findings", timeout=10)
    # the confirmation: what is frozen, who sees it, and para 47's refusal (the LA never
    # agreed the agenda), which the senior HMI may set aside with a reason
    click(dash_duo, "#letter-issue")
    # the panel of the first click (refused: a finding open) is drawn again: wait for
    # the new one, which holds the corrected text, before reading it
    dash_duo.wait_for_contains_text("#issue-letter", "Leaders described the front door.",
                                    timeout=10)
    assert "Jo Bloggs" in dash_duo.find_element("#issue-summary").text
    assert "Test la_barnsley (DCS or delegate)" in dash_duo.find_element(
        "#issue-readers").text
    assert "cannot be changed" in dash_duo.find_element("#issue-frozen").text
    assert "not agreed for the local authority" in dash_duo.find_element(
        "#issue-refusals").text
    assert_accessible(dash_duo)
    click(dash_duo, "#letter-issue-cancel")  # Cancel closes it, nothing issued
    dash_duo.wait_for_no_elements("#issue-confirmation", timeout=10)
    click(dash_duo, "#letter-issue")
    dash_duo.wait_for_element("#letter-issue-confirm", timeout=10)
    click(dash_duo, "#letter-issue-confirm")  # refused: no reason given
    dash_duo.wait_for_contains_text("#letter-confirm-message", "The letter was not issued",
                                    timeout=10)
    assert "para 47" in dash_duo.find_element("#letter-confirm-message").text
    assert dash_duo.find_elements("#letter-body")  # still a draft
    type_into(dash_duo, "Reason to issue anyway (kept with the letter and in the audit "
              "trail)", "The DCS agreed the agenda by email before the meeting.")
    click(dash_duo, "#letter-issue-confirm")
    dash_duo.wait_for_contains_text("#letter-state", "Issued on", timeout=10)
    assert "The DCS agreed the agenda by email" in dash_duo.find_element(
        "#letter-issue-reason").text
    assert_accessible(dash_duo)
    assert_no_console_errors(dash_duo)
    sign_out(dash_duo)

    # 6. The DCS's team reads the issued letter and downloads it.
    sign_in(dash_duo, "la_barnsley")
    dash_duo.wait_for_element("#la-name", timeout=10)
    go(dash_duo, f"/letter/{meeting_id}", "#letter-document")
    letter = dash_duo.find_element("#letter-document").text
    assert "Dear Jo Bloggs," in letter and "Leaders described the front door." in letter
    # signed by whoever issued it, with their role and region (issue 21)
    assert "Test hmi_neyh\nSenior HMI, North East, Yorkshire and the Humber region" in letter
    assert JUDGEMENT not in letter
    assert_accessible(dash_duo)
    downloads = Path(dash_duo.download_path)
    click(dash_duo, "#letter-pdf")
    pdf = pypdf.PdfReader(io.BytesIO(wait_for_download(downloads, ".pdf")))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    click(dash_duo, "#letter-docx")
    word_text = " ".join(document_text(wait_for_download(downloads, ".docx")).split())
    held = f"{today_in_england().day} {today_in_england():%B %Y}"
    for expected in ("Our reference: AEM/80426/",  # the LA's Ofsted URN (issue 21)
                     f"Annual engagement meeting, {held}",
                     "Dear Jo Bloggs,",
                     "Jo Bloggs", "Ann Lee",
                     "Sufficiency of local placements",
                     "The home opens in the spring.",
                     "Possible topic: Care leavers.",
                     "Self-evaluation: September 2027.",
                     "Share the care leavers audit",
                     "Leaders described the front door.",
                     "Yours sincerely,"):
        assert expected in pdf_text, expected
        assert expected in word_text, expected
    for about_the_letter in ("Not for publication", "paragraph"):  # issue 21: none in it
        assert about_the_letter not in pdf_text and about_the_letter not in word_text
    assert "Page 1 of" in pdf_text
    assert JUDGEMENT not in pdf_text
    time.sleep(0.2)
    assert_no_console_errors(dash_duo)
