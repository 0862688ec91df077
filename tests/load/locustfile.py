"""`make load`: inspectors and LA users working in the app at once, as their browsers do.

Each simulated person signs in through the CSRF-protected login form, loads the app
shell (/, /_dash-layout, /_dash-dependencies) and then moves between pages the way the
Dash renderer does: every page is the Pages routing callback for its path, followed by
the callbacks the renderer fires for the new page, and every click or edit is the
callback it fires, with the body the renderer builds: outputs, inputs and states
resolved against the components on screen (pattern-matching ones as lists), the
X-CSRFToken header from the _csrf_token cookie. Nothing is sent that a browser would
not send.

- Inspectors (the demo senior HMI of North East, Yorkshire and the Humber): regional
  overview and its grid filter, Barnsley's profile (with the inspection-history
  callback the page fires), Barnsley's indicators, and the print view of the letter
  issued after the demo meeting.
- LA users (two colleagues to an LA; see seed.py): their LA's profile and indicators,
  then the SEF: open the editor, edit the "how" summary, leave the field (the word
  count callback), "Save now". When a colleague saved meanwhile the page shows the
  clash, which is the designed answer, not an error: the person then chooses "Save
  mine as the newest version", as the page offers.
- Everyone: the no-op floor, the upload page's `mi-chosen` callback, which only echoes
  file names, through the same server at the same time.

Between steps each person pauses as people do: 3 to 8 seconds to read a page, 1 to 3 to
find the next control or type a line (LOAD_THINK_SCALE scales both). The bodies were
checked against what Chromium sends for the same clicks (Dash 4.4.1 renderer): the same
keys, outputs, inputs, states and changed properties.

A step fails when the status is not 200 (302 for the login form), when a callback's
JSON is not a Dash answer or carries an error, or when a page shows a refusal or lacks
what it is for. LOAD_SETUP names seed.py's JSON; LOAD_SAMPLES_OUT, where every request
(step, milliseconds, failed) is written at the end for run_load.py's table. Runs from
.venv/load (see requirements.txt) and imports nothing from the app.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, SequentialTaskSet, between, constant, events, task
from locust.exception import StopUser

SETUP = json.loads(Path(os.environ["LOAD_SETUP"]).read_text())

# Journey steps, as named in locust's statistics and run_load.py's table.
LOGIN_FORM = "login: GET /login"
LOGIN_POST = "login: POST /login"
SHELL_PAGE = "app shell: GET /"
SHELL_LAYOUT = "app shell: GET /_dash-layout"
SHELL_DEPS = "app shell: GET /_dash-dependencies"
REGION = "region overview"
PROFILE = "LA profile"
INDICATORS = "indicators"
SEF = "SEF"
LETTER = "letter: GET print view"
FLOOR = "no-op floor: mi-chosen callback"
SEF_BLUR = "SEF: word count callback (leaving a field)"
SEF_SAVE = "SEF: save callback (Save now)"
SEF_KEEP = "SEF: keep mine callback (after a clash)"
REGION_FILTER = "region overview: grid filter callback"

#: A person's pauses, in seconds: reading a page, or finding the next control and typing
#: a line. LOAD_THINK_SCALE scales them (0.5: everyone twice as quick).
READ = between(3, 8)
CLICK = between(1, 3)
THINK_SCALE = float(os.environ.get("LOAD_THINK_SCALE") or 1)

CLASH = "Not saved: a colleague saved a newer version."  # then " See below."
REVIEW_NOTE = re.compile(r"\s*\[Reviewed by .*\]$")

#: Every request: step name -> [(ms, failed)]; written out when the run stops.
SAMPLES: dict[str, list[tuple[float, bool]]] = defaultdict(list)
#: SEF saves: saved, clashed (shown to the person), unchanged.
OUTCOMES: dict[str, int] = defaultdict(int)
_la_user_numbers = itertools.count()
_inspector_numbers = itertools.count()


@events.request.add_listener
def _record(name: str, response_time: float, exception: Any, **_: Any) -> None:
    SAMPLES[name].append((response_time, exception is not None))


@events.test_stop.add_listener
def _write_samples(**_: Any) -> None:
    out = os.environ.get("LOAD_SAMPLES_OUT")
    if out:
        Path(out).write_text(json.dumps({"samples": SAMPLES, "sef_saves": OUTCOMES}))


# ---------------------------------------------------------------- the Dash renderer


def id_key(component_id: str | dict) -> str:
    """How the renderer names a component: pattern-matching ids as sorted, compact JSON."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def _matches(pattern: dict, component_id: object) -> bool:
    if not isinstance(component_id, dict) or set(component_id) != set(pattern):
        return False
    # wildcards (ALL) arrive as ["ALL"]; anything else must be equal
    return all(isinstance(v, list) or component_id[k] == v for k, v in pattern.items())


def _components(node: object, found: dict[str, tuple[object, dict]]) -> None:
    """Every component with an id in a layout, in document order: key -> (id, props)."""
    if isinstance(node, list):
        for item in node:
            _components(item, found)
    elif isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and "namespace" in node:
            if props.get("id") is not None:
                found[id_key(props["id"])] = (props["id"], props)
            for value in props.values():
                _components(value, found)


def _find(node: object, wanted: str) -> bool:
    found: dict[str, tuple[object, dict]] = {}
    _components(node, found)
    return wanted in found


class CallbackFailed(Exception):
    pass


class DashBrowser:
    """What one browser tab holds: the layout on screen, the callback map, the cookies."""

    def __init__(self, user: FastHttpUser) -> None:
        self.client = user.client
        self.deps: list[dict] = []
        self.layout: dict = {}
        self.index: dict[str, tuple[object, dict]] = {}
        self.path = ""

    # -- plain requests

    def get(self, url: str, name: str, check: Any = None) -> str | None:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            text = response.text or ""
            problem = check(text) if check else None
            if problem:
                response.failure(problem)
                return None
            return text

    def sign_in(self, email: str, password: str) -> bool:
        form = self.get("/login", LOGIN_FORM, lambda t: None if 'name="csrf_token"' in t
                        else "no CSRF token in the login form")
        if form is None:
            return False
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        body = urlencode({"email": email, "password": password,
                          "csrf_token": token.group(1) if token else "", "next": "/"})
        with self.client.post("/login", name=LOGIN_POST, data=body, allow_redirects=False,
                              headers={"Content-Type": "application/x-www-form-urlencoded"},
                              catch_response=True) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != 302 or "/login" in location:
                response.failure(f"sign-in refused: HTTP {response.status_code} {location}")
                return False
            response.success()
        return self.load_shell()

    def load_shell(self) -> bool:
        """What a browser fetches when it opens the app: the page, layout and callbacks."""
        page = self.get("/", SHELL_PAGE, lambda t: None if "_dash-config" in t
                        else "not the Dash app page")
        layout = self.get("/_dash-layout", SHELL_LAYOUT)
        deps = self.get("/_dash-dependencies", SHELL_DEPS)
        if page is None or layout is None or deps is None:
            return False
        self.layout = json.loads(layout)
        self.deps = json.loads(deps)
        self._reindex()
        return self.csrf_token() != ""

    def csrf_token(self) -> str:
        return next((c.value or "" for c in self.client.cookiejar if c.name == "_csrf_token"),
                    "")

    # -- the layout on screen

    def _reindex(self) -> None:
        self.index = {}
        _components(self.layout, self.index)

    def props(self, key: str) -> dict:
        return self.index[key][1]

    def has(self, key: str) -> bool:
        return key in self.index

    def set_prop(self, key: str, prop: str, value: object) -> None:
        self.props(key)[prop] = value

    def pattern_keys(self, pattern: dict) -> list[str]:
        return [key for key, (cid, _props) in self.index.items() if _matches(pattern, cid)]

    # -- callbacks

    def dependency(self, input_key: str, prop: str) -> dict:
        for dep in self.deps:
            if any(i["id"] == input_key and i["property"] == prop for i in dep["inputs"]):
                return dep
        raise CallbackFailed(f"no callback has the input {input_key}.{prop}")

    def _entry(self, spec_id: str, prop: str, with_value: bool,
               given: dict[tuple[str, str], object]) -> dict | list:
        def one(key: str) -> dict:
            component_id, props = self.index.get(key, (key, {}))
            entry: dict = {"id": component_id, "property": prop}
            if with_value:
                if (key, prop) in given:
                    entry["value"] = given[(key, prop)]
                elif prop in props:  # a property never set travels without a value
                    entry["value"] = props[prop]
            return entry

        if spec_id.startswith("{"):
            return [one(key) for key in self.pattern_keys(json.loads(spec_id))]
        return one(spec_id)

    def body(self, dep: dict, changed: list[str],
             given: dict[tuple[str, str], object] | None = None) -> dict:
        given = given or {}
        output = dep["output"]
        parts = output[2:-2].split("...") if output.startswith("..") else [output]
        outputs = [self._entry(*p.rsplit(".", 1), with_value=False, given=given) for p in parts]
        body = {
            "output": output,
            "outputs": outputs if output.startswith("..") else outputs[0],
            "inputs": [self._entry(i["id"], i["property"], True, given) for i in dep["inputs"]],
            "changedPropIds": changed,
            # Dash 4's renderer adds this: a pattern-matching id parsed (without the
            # property), any other as in changedPropIds
            "parsedChangedPropsIds": [json.loads(c.rsplit(".", 1)[0]) if c.startswith("{")
                                      else c for c in changed],
        }
        if dep["state"]:  # the renderer leaves out an empty state
            body["state"] = [self._entry(s["id"], s["property"], True, given)
                             for s in dep["state"]]
        return body

    def callback(self, dep: dict, name: str, changed: list[str],
                 given: dict[tuple[str, str], object] | None = None,
                 check: Any = None) -> dict | None:
        """POST one callback as the renderer does; apply its answer to the layout."""
        body = self.body(dep, changed, given)
        with self.client.post("/_dash-update-component", name=name, json=body,
                              headers={"X-CSRFToken": self.csrf_token()},
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}: {(response.text or '')[:200]}")
                return None
            try:
                payload = json.loads(response.text or "")
            except ValueError:
                response.failure("the answer is not JSON")
                return None
            if not isinstance(payload, dict) or "error" in payload or not isinstance(
                    payload.get("response"), dict):
                response.failure(f"not a Dash answer: {str(payload)[:200]}")
                return None
            answer = payload["response"]
            problem = check(answer) if check else None
            if problem:
                response.failure(problem)
                return None
        self.apply(answer)
        return answer

    def apply(self, answer: dict) -> None:
        for key, props in answer.items():
            if key in self.index:
                self.props(key).update(props)
        self._reindex()

    def navigate(self, path: str, label: str, expect: str) -> bool:
        """Open a page as a dcc.Link does: the routing callback, then the callbacks the
        renderer fires for the new page (those without prevent_initial_call)."""
        self.path = ""
        self.set_prop("_pages_location", "pathname", path)
        self.set_prop("_pages_location", "search", "")

        def check(answer: dict) -> str | None:
            content = answer.get("_pages_content", {}).get("children")
            if _find(content, "refusal"):
                return f"{path} shows a refusal"
            if not _find(content, expect):
                return f"{path} has no {expect}"
            return None

        routing = self.dependency("_pages_location", "pathname")
        answer = self.callback(routing, f"{label}: page callback", ["_pages_location.pathname"],
                               check=check)
        if answer is None:
            return False
        new: dict[str, tuple[object, dict]] = {}
        _components(answer["_pages_content"]["children"], new)
        for dep in self.deps:
            inputs = [i["id"] for i in dep["inputs"]]
            if (dep.get("prevent_initial_call") or dep.get("clientside_function")
                    or any(i.startswith("{") for i in inputs)
                    or not all(self.has(i) for i in inputs) or not any(i in new for i in inputs)):
                continue
            first_output = dep["output"].strip(".").split("...")[0].rsplit(".", 1)[0]
            if self.callback(dep, f"{label}: {first_output} callback (page load)", []) is None:
                return False
        self.path = path
        return True


# ---------------------------------------------------------------- the journeys


class Journey(SequentialTaskSet):
    """One person's round of the app, step after step, with a person's pauses: reading
    a page (READ) or finding the next thing to click (CLICK)."""

    browser: DashBrowser

    def on_start(self) -> None:
        self.browser = self.user.browser

    def think(self, pause: Any) -> None:
        gevent.sleep(pause(self) * THINK_SCALE)

    def floor(self) -> None:
        """The cheapest real callback: the upload page echoing the names of chosen files."""
        dep = self.browser.dependency("mi-upload", "filename")
        self.browser.callback(
            dep, FLOOR, ["mi-upload.filename"],
            given={("mi-upload", "filename"): ["annex-a-lists.xlsx"]},
            check=lambda a: None if "annex-a-lists.xlsx" in json.dumps(a)
            else "the file name was not echoed")
        self.think(CLICK)


class InspectorJourney(Journey):
    @task
    def regional_overview(self) -> None:
        self.browser.navigate(f"/region/{SETUP['region']}", REGION, "region-grid")
        self.think(READ)

    @task
    def filter_overview(self) -> None:
        b = self.browser
        if b.path == f"/region/{SETUP['region']}":
            b.set_prop("region-filter", "value", "Barnsley")
            b.callback(b.dependency("region-filter", "value"), REGION_FILTER,
                       ["region-filter.value"],
                       check=lambda a: None if a.get("region-grid", {}).get(
                           "dashGridOptions", {}).get("quickFilterText") == "Barnsley"
                       else "the filter was not applied")
        self.think(CLICK)

    @task
    def la_profile(self) -> None:
        self.browser.navigate(f"/la/{SETUP['profile_la']}", PROFILE, "history-la")
        self.think(READ)

    @task
    def indicators(self) -> None:
        self.browser.navigate(f"/indicators/{SETUP['profile_la']}", INDICATORS, "mi-title")
        self.think(READ)

    @task
    def letter(self) -> None:
        self.browser.get(
            f"/letter/{SETUP['letter_meeting_id']}/print", LETTER,
            lambda t: None if "<html" in t.lower() and 'name="csrf_token"' not in t
            and "Barnsley" in t else "not the letter")
        self.think(READ)

    @task
    def no_op_floor(self) -> None:
        self.floor()


class LAJourney(Journey):
    @task
    def la_profile(self) -> None:
        self.browser.navigate(f"/la/{self.user.la_code}", PROFILE, "history-la")
        self.think(READ)

    @task
    def indicators(self) -> None:
        self.browser.navigate(f"/indicators/{self.user.la_code}", INDICATORS, "mi-title")
        self.think(READ)

    @task
    def open_sef(self) -> None:
        self.browser.navigate(f"/sef/{self.user.la_code}", SEF, "sef-form")
        self.think(READ)

    @task
    def edit_sef(self) -> None:
        """Type in the "how" summary, then leave the field: the word count callback."""
        b = self.browser
        key = id_key({"type": "sef-text", "path": "summary::how"})
        if b.path == f"/sef/{self.user.la_code}" and b.has(key):
            props = b.props(key)
            text = REVIEW_NOTE.sub("", str(props.get("value") or ""))
            props["value"] = (f"{text} [Reviewed by {self.user.email} at "
                              f"{time.strftime('%H:%M:%S')}."
                              f"{int(time.time() * 1000) % 1000:03d}]")
            props["n_blur"] = int(props.get("n_blur") or 0) + 1
            b.callback(b.dependency('{"path":["ALL"],"type":"sef-text"}', "n_blur"),
                       SEF_BLUR, [f"{key}.n_blur"],
                       check=lambda a: None if "sef-words-how" in a else "no word count")
        self.think(CLICK)

    @task
    def save_sef(self) -> None:
        """Save now; after a clash, keep mine (what the page offers), at most three times."""
        b = self.browser
        if b.path == f"/sef/{self.user.la_code}" and b.has("sef-save"):
            self._save()
        self.think(CLICK)

    def _save(self) -> None:
        b = self.browser
        b.set_prop("sef-save", "n_clicks", int(b.props("sef-save").get("n_clicks") or 0) + 1)
        answer = b.callback(b.dependency("sef-save", "n_clicks"), SEF_SAVE,
                            ["sef-save.n_clicks"], check=self._saved_or_clash)
        for _ in range(3):
            if answer is None or not self._clashed(answer):
                break
            OUTCOMES["clashed"] += 1
            self.think(READ)  # the person reads what the colleague changed
            if not b.has("sef-keep-mine"):
                OUTCOMES["clash without keep-mine button"] += 1
                return
            b.set_prop("sef-keep-mine", "n_clicks", 1)
            answer = b.callback(b.dependency("sef-keep-mine", "n_clicks"), SEF_KEEP,
                                ["sef-keep-mine.n_clicks"], check=self._saved_or_clash)
        if answer is not None and not self._clashed(answer):
            OUTCOMES["saved"] += 1

    @staticmethod
    def _clashed(answer: dict) -> bool:
        return str(answer.get("sef-status", {}).get("children")).startswith(CLASH)

    def _saved_or_clash(self, answer: dict) -> str | None:
        status = answer.get("sef-status", {}).get("children")
        if self._clashed(answer):
            return None if answer.get("sef-conflict-base", {}).get("data") else (
                "a clash without the colleague's version")
        if isinstance(status, str) and status.startswith("Version "):
            return None if isinstance(answer.get("sef-base", {}).get("data"), int) else (
                "saved without a version number")
        if isinstance(status, str) and status.startswith("No changes"):
            OUTCOMES["unchanged"] += 1
            return "the edit was not saved (no changes)"
        return f"unexpected save answer: {str(status)[:120]}"

    @task
    def no_op_floor(self) -> None:
        self.floor()


class DashUser(FastHttpUser):
    abstract = True
    wait_time = constant(0)  # each step pauses as a person would (Journey.think)
    email = ""
    password = ""

    def on_start(self) -> None:
        self.browser = DashBrowser(self)
        if not self.browser.sign_in(self.email, self.password):
            raise StopUser()


class Inspector(DashUser):
    weight = 1
    tasks: ClassVar[list] = [InspectorJourney]

    def on_start(self) -> None:
        inspectors = SETUP["inspectors"]
        account = inspectors[next(_inspector_numbers) % len(inspectors)]
        self.email, self.password = account["email"], account["password"]
        super().on_start()


class LAUser(DashUser):
    weight = 1
    tasks: ClassVar[list] = [LAJourney]

    def on_start(self) -> None:
        accounts = SETUP["la_users"]
        account = accounts[next(_la_user_numbers) % len(accounts)]
        self.email, self.password = account["email"], account["password"]
        self.la_code = account["la_code"]
        super().on_start()
