"""The North West's senior HMI records Trafford's pathway in a real browser (issue 20).

Trafford's standard inspection of June 2026 gave no overall grade (Ofsted, 27 November
2025) and judged leadership and help and protection inadequate. The senior HMI sees
the judgements flagged, records pathway 3, and the page, the SEF expectation (ILACS
framework para 30), the next inspection and the region's overview follow it. axe-core
checks the LA page with its forms and the overview.
"""

from __future__ import annotations

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.test_region import wait_until
from tests.browser.test_roles import (
    assert_accessible,
    assert_no_console_errors,
    click,
    open_app,
    sign_in,
)

TRAFFORD = "358"


def text(dash_duo, selector: str) -> str:
    """The element's text; "" while it is missing or being drawn again."""
    try:
        found = dash_duo.driver.find_elements(By.CSS_SELECTOR, selector)
        return found[0].text if found else ""
    except StaleElementReferenceException:
        return ""


def test_senior_hmi_sets_traffords_pathway_and_the_overview_follows(dash_duo, dash_app,
                                                                      seeded_db) -> None:
    open_app(dash_duo, dash_app)
    sign_in(dash_duo, "shmi_nw")
    dash_duo.wait_for_element("#home-region", timeout=10)

    dash_duo.driver.get(dash_duo.server_url + "/region/NW")
    dash_duo.wait_for_element("#pathway-tasks", timeout=15)
    assert "Trafford" in text(dash_duo, "#pathway-tasks")
    assert_accessible(dash_duo)

    dash_duo.driver.get(dash_duo.server_url + f"/la/{TRAFFORD}")
    dash_duo.wait_for_element("#pathway-save", timeout=15)
    assert text(dash_duo, "#la-pathway") == "Pathway to be set by the region's senior HMI"
    assert "inspections from April 2026 do not give one" in text(dash_duo, "#la-no-overall")
    assert "Judged inadequate" in text(dash_duo, "#la-inadequate")
    assert "(flagged)" in text(dash_duo, "#la-grades")
    assert_accessible(dash_duo)

    choice = dash_duo.driver.find_element(
        By.XPATH, "//*[@id='pathway-choice']//label[contains(., 'Pathway 3')]")
    dash_duo.driver.execute_script("arguments[0].click();", choice)  # as a person would
    Select(dash_duo.find_element("#pathway-next")).select_by_value("monitoring_visit")
    dash_duo.find_element("#pathway-reason").send_keys(
        "Leadership and help and protection judged inadequate.")
    click(dash_duo, "#pathway-save")
    wait_until(lambda: text(dash_duo, "#la-pathway").startswith("Pathway 3, set by Test shmi_nw"),
               "the recorded pathway shows", timeout=15)
    assert "Leadership and help and protection judged inadequate." in text(dash_duo,
                                                                           "#la-pathway")
    assert text(dash_duo, "#la-next-inspection") == "Monitoring visits, then re-inspection"
    assert text(dash_duo, "#la-sef-expected").startswith("Not yet")
    assert "Pathway saved." in text(dash_duo, "#pathway-message")
    assert "(0 held)" in text(dash_duo, "#monitoring-reinspection")
    assert "ILACS framework para 219" in text(dash_duo, "#monitoring-action-plan")
    assert_accessible(dash_duo)

    dash_duo.driver.get(dash_duo.server_url + f"/sef/{TRAFFORD}")
    dash_duo.wait_for_element("#sef-not-expected", timeout=15)
    assert "A self-evaluation is not expected yet" in text(dash_duo, "#sef-not-expected")

    dash_duo.driver.get(dash_duo.server_url + "/region/NW")
    dash_duo.wait_for_element("#region-grid .ag-row", timeout=15)
    assert "Trafford" not in text(dash_duo, "#pathway-tasks")
    assert "Lancashire" in text(dash_duo, "#pathway-tasks")
    wait_until(lambda: "Pathway 3 (set by Test shmi_nw)" in text(
        dash_duo, "#region-grid .ag-center-cols-container"), "the overview shows it")
    assert_no_console_errors(dash_duo)
