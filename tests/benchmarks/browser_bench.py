"""`make bench`, part four: time to content of an LA's indicators page in real headless
Chromium, against a blank Dash page served and opened the same way in the same run.

Sets up a throwaway database with the real reference data, an LA user and two Annex A
uploads for that LA, serves the app and a one-component Dash app on loopback, signs in
through the login form, then opens each page repeatedly. Time to content is read in the
browser: ``performance.now()`` (milliseconds since the navigation began) when the
page's content first appears, seen by a MutationObserver installed before any script
of the page runs. Medians after a warm-up. Goal (issue 19): ratio at most 3.
"""

from __future__ import annotations

import logging
import os
import socket
import statistics
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
_TMP = tempfile.mkdtemp(prefix="ilacs-browser-bench-")
os.environ["INSTANCE_DIR"] = _TMP
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP}/bench.sqlite3"
os.environ["SECRET_KEY"] = "bench-secret-key"
os.environ["LOGIN_RATE_LIMIT"] = "1000 per minute"

import dash  # noqa: E402
from dash import html  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from dashboard.access import SYSTEM  # noqa: E402
from dashboard.demo.annex_a import workbook_bytes  # noqa: E402
from dashboard.services.audit import install as install_audit  # noqa: E402
from dashboard.services.ingest import UploadedFile  # noqa: E402
from dashboard.services.mi import upload_annex_a  # noqa: E402
from dashboard.services.user_admin import create_user  # noqa: E402
from dashboard.storage.db import session_scope  # noqa: E402
from dashboard.storage.reference_data import load_reference_data  # noqa: E402
from dashboard.storage.schema import upgrade_database  # noqa: E402
from tests.conftest import CHROME_FLAGS, PASSWORD  # noqa: E402

LA = "370"  # Barnsley
EMAIL = "la@browser-bench.example.org"
CONTENT = ".indicators-summary"
BLANK = "#blank-ready"
REPEATS = 15

#: runs before any script of each page: notes when the content first appears
_WATCH = """
window.__contentAt = undefined;
new MutationObserver((_, observer) => {
  if (document.querySelector('CONTENT_SELECTOR')) {
    window.__contentAt = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
""".replace("CONTENT_SELECTOR", f"{CONTENT}, {BLANK}")


def seed() -> None:
    install_audit()
    upgrade_database()
    with session_scope() as session:
        load_reference_data(session)
    assert not create_user(SYSTEM, full_name="Bench LA user", password=PASSWORD,
                           email=EMAIL, role="la_user", la_code=LA)
    for n, day in enumerate((date(2025, 10, 31), date(2026, 10, 31))):
        upload_annex_a(SYSTEM, LA, day,
                       [UploadedFile("lists.xlsx", workbook_bytes("small", day, seed=n + 1))])


def serve(wsgi_app) -> str:
    """Serve on a free loopback port in a daemon thread; the base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = make_server("127.0.0.1", port, wsgi_app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}"


def blank_app() -> dash.Dash:
    app = dash.Dash(__name__)
    app.layout = html.Div("Ready", id="blank-ready")
    return app


def browser() -> webdriver.Chrome:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    driver.set_window_size(1400, 900)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _WATCH})
    return driver


def time_to_content(driver: webdriver.Chrome, url: str) -> float:
    driver.get(url)
    return WebDriverWait(driver, 30, poll_frequency=0.01).until(
        lambda d: d.execute_script("return window.__contentAt;"))


def medians_ms(driver: webdriver.Chrome, urls: list[str]) -> list[float]:
    """Each page's median, the pages taken in turn so that drift touches them alike."""
    for _ in range(2):
        for url in urls:
            time_to_content(driver, url)
    times: list[list[float]] = [[] for _ in urls]
    for _ in range(REPEATS):
        for url, taken in zip(urls, times, strict=True):
            taken.append(time_to_content(driver, url))
    return [statistics.median(taken) for taken in times]


def main() -> None:
    seed()
    from dashboard.web.webapp import create_app

    app = create_app()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line a request otherwise
    app_url = serve(app.server)
    blank_url = serve(blank_app().server)
    driver = browser()
    try:
        driver.get(app_url + "/")
        driver.find_element(By.ID, "email").send_keys(EMAIL)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in").click()
        WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.ID, "la-name"))
        indicators, blank = medians_ms(driver, [f"{app_url}/indicators/{LA}",
                                                blank_url + "/"])
    finally:
        driver.quit()
    print(f"browser indicators: {indicators:.0f} ms to content; blank page {blank:.0f} ms; "
          f"ratio {indicators / blank:.1f}")


if __name__ == "__main__":
    main()
