"""Nothing typed is lost (deliverable 1), in a real browser: leaving a page with unsaved
text asks first, leaving a SEF field saves it, and text typed when the session has
ended is kept in the browser and offered back after signing in again."""

from __future__ import annotations

import time
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.test_roles import (
    assert_accessible,
    click,
    click_when_still,
    open_app,
    sign_in,
)
from tests.browser.test_sef import labelled

OPENING = "Opening text: your main themes and learning"
SEF = "/sef/371"
#: York: no other test keeps notes on it (test_region_web counts Doncaster's)
NOTES_LA = "/la/816"
#: window.confirm answers ``answer`` and counts its questions in window.__asked
CONFIRM = ("window.__asked = []; window.confirm = function (text) {"
           " window.__asked.push(text); return arguments.length >= 0 && %s; };")


def open_sef(dash_duo, dash_app) -> None:
    open_app(dash_duo, dash_app)
    sign_in(dash_duo, "la_doncaster")
    dash_duo.wait_for_element("#la-name", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + SEF)
    dash_duo.wait_for_element("#sef-form", timeout=10)


def replace_text(dash_duo, label: str, text: str) -> None:
    """Select what the field holds and type over it, as a person would."""
    field = labelled(dash_duo, label)
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", field)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(text)


def asked(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script("return window.__asked")


def wait_until(condition, what: str, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def leaving_is_prevented(dash_duo) -> bool:
    """What the page answers a reload, a typed address or closing the tab."""
    return dash_duo.driver.execute_script(
        "var e = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(e); return e.defaultPrevented;")


def test_leaving_a_page_with_unsaved_text_asks_first_until_it_is_saved(
        dash_duo, dash_app) -> None:
    # the inspector's preparation notes: saved only by "Add note"
    open_app(dash_duo, dash_app)
    sign_in(dash_duo, "hmi_neyh")
    dash_duo.wait_for_element("#home-region", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + NOTES_LA)
    dash_duo.wait_for_element("#note-text", timeout=10)
    assert not leaving_is_prevented(dash_duo)
    words = f"Unsaved note {uuid.uuid4().hex[:8]}"
    dash_duo.find_element("#note-text").send_keys(words)
    dash_duo.driver.execute_script(CONFIRM % "false")
    # a link inside the app (Dash Pages): asked, and staying keeps the page and the text
    click_when_still(dash_duo, "a.app-brand")
    assert asked(dash_duo) and asked(dash_duo)[0].startswith("You have unsaved changes")
    assert dash_duo.driver.current_url.endswith(NOTES_LA)
    assert dash_duo.find_element("#note-text").get_attribute("value") == words
    # a reload, a typed address or closing the tab: the browser's own question
    assert leaving_is_prevented(dash_duo)
    assert_accessible(dash_duo)
    # once saved, leaving asks nothing
    click(dash_duo, "#note-add")
    dash_duo.wait_for_contains_text("#notes-list", words, timeout=10)
    wait_until(lambda: not leaving_is_prevented(dash_duo), "still marked unsaved")
    count = len(asked(dash_duo))
    click_when_still(dash_duo, "a.app-brand")
    wait_until(lambda: not dash_duo.driver.current_url.endswith(NOTES_LA), "did not leave")
    assert len(asked(dash_duo) or []) == count


def test_every_form_with_typed_text_is_guarded(dash_duo, dash_app) -> None:
    open_sef(dash_duo, dash_app)
    form = dash_duo.find_element("#sef-form")
    assert form.get_attribute("data-guard") == "unsaved"
    assert form.get_attribute("data-guard-saved-by") == "sef-status.children"


def test_leaving_a_sef_field_saves_it_even_when_the_page_is_left_at_once(
        dash_duo, dash_app) -> None:
    open_sef(dash_duo, dash_app)
    words = f"Typed just before leaving {uuid.uuid4().hex[:8]}"
    replace_text(dash_duo, OPENING, words)
    labelled(dash_duo, OPENING).send_keys(Keys.TAB)  # leave the field
    dash_duo.driver.execute_script(CONFIRM % "true")
    click_when_still(dash_duo, "a.app-brand")  # well inside the 30 seconds of autosave
    wait_until(lambda: not dash_duo.driver.current_url.endswith(SEF), "did not leave")
    dash_duo.wait_for_element("#la-name", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + SEF)
    dash_duo.wait_for_element("#sef-form", timeout=10)
    assert labelled(dash_duo, OPENING).get_attribute("value") == words


def test_after_the_session_ends_typed_text_is_kept_and_offered_back(
        dash_duo, dash_app) -> None:
    open_sef(dash_duo, dash_app)
    words = f"Typed as the session ended {uuid.uuid4().hex[:8]}"
    field_id = labelled(dash_duo, OPENING).get_attribute("id")
    dash_duo.driver.delete_cookie("session")  # as the 30-minute idle limit does
    replace_text(dash_duo, OPENING, words)
    click(dash_duo, "#sef-save")  # the callback answers 401
    dash_duo.wait_for_contains_text("#unsaved-session-ended", "Your session ended",
                                    timeout=10)
    assert "kept in this browser" in dash_duo.find_element("#unsaved-session-ended").text
    kept = dash_duo.driver.execute_script(
        "return JSON.parse(localStorage.getItem('unsaved-text:' + arguments[0]))", SEF)
    assert kept == {field_id: words}
    assert_accessible(dash_duo)

    click(dash_duo, "#unsaved-session-ended a")  # "Sign in again"
    sign_in(dash_duo, "la_doncaster")
    wait_until(lambda: dash_duo.driver.current_url.endswith(SEF), "not back on the SEF")
    dash_duo.wait_for_element("#unsaved-restore", timeout=10)
    assert labelled(dash_duo, OPENING).get_attribute("value") != words
    assert_accessible(dash_duo)
    restore = [b for b in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#unsaved-restore button")
               if b.text == "Restore your unsaved text"]
    restore[0].click()
    assert labelled(dash_duo, OPENING).get_attribute("value") == words
    assert dash_duo.driver.execute_script(
        "return localStorage.getItem('unsaved-text:' + arguments[0])", SEF) is None
    # restored text is unsaved text: saving it keeps it
    click(dash_duo, "#sef-save")
    dash_duo.wait_for_contains_text("#sef-status", "saved by", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + SEF)
    dash_duo.wait_for_element("#sef-form", timeout=10)
    assert labelled(dash_duo, OPENING).get_attribute("value") == words
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#unsaved-restore")
